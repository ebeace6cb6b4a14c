"""Claims as data: the figures a text states and the responsibility it attributes, with claimants.

A `Figure` is a quantity as one passage prints it ("at least 161 civilians"), what it counts, its
value and bounds, and the voice chain that claims it; an `Attribution` says that a passage, on a
claimant's authority, holds an agent responsible for an act. Neither is ever a finding: each is
what its text says, on whose authority. `FigureTable` sets the figures of one measure side by side.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from corpus import _display
from corpus.model import Certainty, Voice, _Rendered, _Rows, chain_label

if TYPE_CHECKING:
    from corpus.model import Passage

__all__ = [
    "NON_CLAIMS",
    "Attribution",
    "Figure",
    "FigureRow",
    "FigureTable",
    "chain_label",
    "non_claims",
    "number_spans",
    "unclaimed_numbers",
]

Number = int | float
FigureKind = Literal["point", "lower-bound", "upper-bound", "range", "vague"]


def _grouped(value: Number | None) -> str:
    return "" if value is None else f"{value:,}"


def short_number(value: Number | None, low: Number | None, high: Number | None) -> str:
    """A number as a table shows it (`Figure.short`): a point, ``≥ low``, ``≤ high``,
    ``low–high`` or ``vague``."""
    if value is not None:
        return _grouped(value)
    if low is not None and high is not None:
        return f"{_grouped(low)}–{_grouped(high)}"
    if low is not None:
        return f"≥ {_grouped(low)}"
    return f"≤ {_grouped(high)}" if high is not None else "vague"


class _Printed:
    """What a figure or a row of figures prints, read off its ``value``, ``low`` and ``high``."""

    __slots__ = ()
    value: Number | None
    low: Number | None
    high: Number | None

    @property
    def kind(self) -> FigureKind:
        """What the text prints: ``"point"`` (``value``), ``"lower-bound"`` (only ``low``),
        ``"upper-bound"`` (only ``high``), ``"range"`` (both) or ``"vague"`` (no number)."""
        if self.value is not None:
            return "point"
        if self.low is not None and self.high is not None:
            return "range"
        if self.low is not None:
            return "lower-bound"
        return "upper-bound" if self.high is not None else "vague"

    @property
    def short(self) -> str:
        """The number in short form, as a table shows it: ``613``, ``≥ 161`` (a lower bound),
        ``≤ 1`` (an upper bound), ``500–1,000`` (a range) or ``vague``."""
        return short_number(self.value, self.low, self.high)

    @property
    def best(self) -> Number | None:
        """The number to compare, by the rule of CODEBOOK section 11: the point the text prints
        (``value``), and ``None`` for a bound, a range or a vague quantity. Never a number the
        text does not print: "more than 150" has no best number, only ``low``."""
        return self.value


@attrs.frozen
class Figure(_Printed, _Rendered):
    """A quantity one passage states, with what it counts and who claims it.

    ``text`` is the figure as printed and ``span`` where it stands in ``Passage.text``;
    ``number`` is the number as printed ("1.275", "Six", "hundreds"). ``value`` is a point the
    text prints, exact or approximate ("613", "about 800"), in standard form (1275, 6); a bound
    is not a point, so ``value`` is ``None`` for a bound, a range and a vague quantity. ``low``
    and ``high`` are the bounds as printed: "at least 161" has only ``low=161``, "nearly a week"
    only ``high=1``, "500-1,000" both. ``qualifier`` is the printed words before the number ("at
    least", "about") or ``None``. ``measure`` is a category id of the ``measure`` taxonomy
    (``"measure.killed-children"``) and ``scope`` one of the ``scope`` taxonomy: which events the
    figure counts (``"scope.khojaly"``, ``"scope.war"``). ``claimant`` is the voice chain that
    gives the figure, outermost first; ``cert`` is set where the encoding of category or claimant
    is uncertain.
    """

    id: str
    passage_id: str
    document_id: str
    span: tuple[int, int]
    text: str
    measure: str
    value: Number | None
    low: Number | None
    high: Number | None
    qualifier: str | None
    unit: str
    claimant: tuple[Voice, ...]
    cert: Certainty | None = None
    number: str = ""
    scope: str | None = None

    @property
    def vague(self) -> bool:
        """True for a quantity printed without a number ("hundreds", "several thousand")."""
        return self.value is None and self.low is None and self.high is None

    @property
    def claimed_by(self) -> str:
        """The claimant chain as one string: ``"human-rights-watch"``, ``"voice.official"``."""
        return chain_label(self.claimant)

    def __str__(self) -> str:
        return f"{self.text} (according to {self.claimed_by}, {self.passage_id})"


@attrs.frozen
class Attribution(_Rendered):
    """A passage holding an agent responsible for an act, on a claimant's authority.

    ``agent`` is an actor id; ``act`` a category id of the ``act`` taxonomy
    (``"act.carried-out"``, ``"act.denies"``); ``claimant`` the voice chain that makes the
    attribution, outermost first; ``text`` the passage's words that make it, as printed. The
    agent is an actor the passage mentions, except where ``implied`` is set: then the passage
    does not name the agent, and ``implied`` holds its printed words that imply it ("Armenians").
    """

    id: str
    passage_id: str
    document_id: str
    agent: str
    act: str
    claimant: tuple[Voice, ...]
    text: str
    cert: Certainty | None = None
    implied: str | None = None

    @property
    def claimed_by(self) -> str:
        """The claimant chain as one string."""
        return chain_label(self.claimant)

    def __str__(self) -> str:
        act = self.act.partition(".")[2]
        return f"{self.agent}: {act} (according to {self.claimed_by}, {self.passage_id})"


@attrs.frozen
class FigureRow(_Printed, _Rendered):
    """One text's figure for a measure on one claimant's authority, with every passage printing it.

    Figures of one document, claimant and measure that print the same value with the same
    qualifier share a row; ``figures`` and ``passages`` list them in corpus order.
    """

    document_id: str
    claimant: tuple[Voice, ...]
    measure: str
    text: str
    value: Number | None
    low: Number | None
    high: Number | None
    qualifier: str | None
    passages: tuple[str, ...]
    figures: tuple[str, ...]
    scope: str | None = None

    @property
    def claimed_by(self) -> str:
        return chain_label(self.claimant)

    def to_record(self) -> dict[str, object]:
        """A plain dict with the field names as keys; the claimant as one string, outermost
        first, as in every record (`corpus.results.record`)."""
        return {
            "document_id": self.document_id,
            "claimant": chain_label(self.claimant),
            "measure": self.measure,
            "scope": self.scope,
            "text": self.text,
            "kind": self.kind,
            "best": self.best,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "passages": list(self.passages),
            "figures": list(self.figures),
        }


@attrs.frozen
class FigureTable(_Rendered, _Rows[FigureRow]):
    """The figures given for one or more measures, a row per text, claimant and printed value.

    >>> import corpus
    >>> table = corpus.load().compare_figures("killed-children")
    >>> sorted({(row.document_id, row.value) for row in table})[:2]
    [('boztepe', 63), ('embassy', 63)]
    """

    rows: tuple[FigureRow, ...]
    measures: tuple[str, ...]

    _rows = "rows"

    def to_records(self) -> list[dict[str, object]]:
        """Plain dicts, one per row, ready for JSON, CSV or a data frame."""
        return [row.to_record() for row in self.rows]

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter: every cell escaped."""
        headers = ("document", "measure", "scope", "claimant", "as printed", "number", "passages")
        rows = (
            (
                r.document_id,
                r.measure,
                r.scope or "",
                r.claimed_by,
                r.text,
                r.short,
                ", ".join(r.passages),
            )
            for r in self.rows
        )
        return _display.html_table(f"{len(self.rows)} rows of figures", headers, rows)


def figure_table(figures: Sequence[Figure], measures: tuple[str, ...]) -> FigureTable:
    """Group figures into rows by document, claimant, measure, scope, value, bounds and
    qualifier."""
    rows: dict[tuple[object, ...], list[Figure]] = {}
    for figure in figures:
        key = (
            figure.document_id,
            figure.claimant,
            figure.measure,
            figure.scope,
            figure.value,
            figure.low,
            figure.high,
            (figure.qualifier or "").casefold(),
            figure.number if figure.vague else "",
        )
        rows.setdefault(key, []).append(figure)
    return FigureTable(
        tuple(
            FigureRow(
                document_id=group[0].document_id,
                claimant=group[0].claimant,
                measure=group[0].measure,
                text=group[0].text,
                value=group[0].value,
                low=group[0].low,
                high=group[0].high,
                qualifier=group[0].qualifier,
                passages=tuple(dict.fromkeys(f.passage_id for f in group)),
                figures=tuple(f.id for f in group),
                scope=group[0].scope,
            )
            for group in rows.values()
        ),
        measures,
    )


# ------------------------------------------------------------------ numbers that are not claims

#: Words that name a number, counted by the coverage check beside digits.
NUMBER_WORDS = (
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "dozen",
    "dozens",
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
_DAYS = r"\d{1,2}\b(?:\s*(?:[-–]|and|to)\s*\d{1,2}\b)?"

#: The numbers of the article text that are not claims, by category: each rule is a category,
#: a regular expression (every number inside a match is a non-claim) and the reason.
#: CODEBOOK section 11 lists them; `unclaimed_numbers` applies them.
NON_CLAIMS: tuple[tuple[str, str, str], ...] = (
    ("date", rf"\b{_DAYS}\s+{_MONTH}(?:,?\s+\d{{4}})?", "a day of a month: 25-26 February 1992"),
    ("date", rf"{_MONTH},?\s+{_DAYS}(?:,?\s+\d{{4}})?", "a day of a month: February 25, 1992"),
    (
        "date",
        r"\b\d{1,2}\.\d{2}\.\d{2}\b|\b\d{4}\.\d{2}\.\d{2}\b",
        "a date in figures: 2.04.92, 2018.02.20",
    ),
    (
        "year",
        r"\b(?:1[89]|20)\d\d(?:'?s\b|\s*[-–]\s*(?:1[89]|20)\d\d\b)?",
        "a year, a decade or a span of years: 1992, the 1980s, 2008-2018",
    ),
    (
        "ordinal",
        r"\b\d+(?:st|nd|rd|th)\b",
        "an ordinal: anniversaries (23rd), centuries (20th), unit names (366th), days (29th)",
    ),
    ("note marker", r"\[\d+\]|^\d+\.", "a note marker, or a note's number: [6], 6."),
    (
        "identifier",
        r"\bNo\.\s*\d+|\bArticle\s+\d+|ISBN[\s:]*[\d-]+X?|\bpp?\.\s*\d+(?:\s*[-–]\s*\d+)?",
        "the number of a unit, declaration, article or page, or an ISBN: No. 366, Article 2",
    ),
    (
        "identifier",
        r"\b[Rr]esolutions?\s+\d+(?:\s*,\s*\d+)*(?:,?\s*(?:and\s+)?\d+)?",
        "the numbers of resolutions: resolutions 822, 853, 874, 884",
    ),
    (
        "pronoun",
        r"\b[Oo]ne\s+(?:of|such)\b|\banother\s+one\b|\bthe\s+(?:first\s+)?one\b"
        r"|\bone\s+major\b",
        "'one' as a pronoun or determiner: one of the acts, another one, one major goal",
    ),
    (
        "other count",
        r"\b(?:two|three|four)\s+(?:UN\s+Security\s+Council\s+)?[Rr]esolutions?\b"
        r"|\bfirst\s+two\s+resolutions?\b|\bthe\s+two\s+countries\b|\bone\s+member\s+state\b"
        r"|\bthe\s+three\s+largest\b|\b\w+\s+states\s+of\s+the\s+United\s+States\b",
        "a count or rank of documents, states or towns, not of the events: four resolutions",
    ),
    ("elapsed time", r"\b(?:over\s+)?\d+\s+years\s+ago\b", "time since the events: 30 years ago"),
    (
        "source",
        r"\b\d+\s+members\s+of\s+the\s+PACE\b",
        "the people who sign a cited source: 30 members of the PACE",
    ),
)


@functools.cache
def _number_tokens() -> Any:
    """The numbers the coverage rule looks at: digit runs and number words, compiled once."""
    import re

    words = "|".join(NUMBER_WORDS)
    return re.compile(rf"\d+(?:[.,]\d+)*|\b(?:{words})\b", re.IGNORECASE)


@functools.cache
def _non_claim_patterns() -> tuple[Any, ...]:
    import re

    return tuple(re.compile(pattern) for _category, pattern, _reason in NON_CLAIMS)


def non_claims(text: str) -> list[tuple[tuple[int, int], str, str]]:
    """The ranges of ``text`` that a rule of `NON_CLAIMS` matches, each with the rule's category
    and reason, in the order of the rules: no number in them is a claim."""
    return [
        (m.span(), category, reason)
        for pattern, (category, _pattern, reason) in zip(
            _non_claim_patterns(), NON_CLAIMS, strict=True
        )
        for m in pattern.finditer(text)
    ]


def non_claim_spans(text: str) -> list[tuple[int, int]]:
    """The ranges of ``text`` that a rule of `NON_CLAIMS` matches: no number in them is a claim."""
    return [span for span, _category, _reason in non_claims(text)]


def number_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the numbers the coverage rule looks at in ``text``: digit runs (1,275 or
    2.04.92 as one) and number words."""
    return tuple(m.span() for m in _number_tokens().finditer(text))


def unclaimed_numbers(passage: Passage) -> tuple[tuple[int, int], ...]:
    """Spans of the numbers in a passage that lie in no figure, no citation and no non-claim.

    The coverage rule of the corpus: in the article text every number is part of a figure
    or a non-claim of `NON_CLAIMS` (a citation's printed form counts as a note marker).
    """
    covered = [f.span for f in passage.figures] + [c.span for c in passage.citations]
    covered += non_claim_spans(passage.text)
    return tuple(
        (a, b)
        for a, b in number_spans(passage.text)
        if not any(start <= a and b <= end for start, end in covered)
    )
