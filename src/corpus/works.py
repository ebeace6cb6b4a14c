"""Cited works, citations, quotations, quotation groups and the comparison of renditions."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from corpus.model import Certainty, Spelling, _Rendered
from corpus.text import fold, tokens, words

if TYPE_CHECKING:
    from corpus.model import Passage

__all__ = [
    "REFERENCE_KINDS",
    "Change",
    "Citation",
    "Comparison",
    "Quote",
    "QuoteGroup",
    "Reference",
    "SharedWording",
    "compare_renditions",
    "shared_wording",
]


@attrs.frozen
class Reference(_Rendered):
    """A work that a text cites or names as a source, with the fields the citing texts state.

    ``kind`` is one of `REFERENCE_KINDS`; ``date`` is an ISO 8601 value as precise as stated
    (``"2004"``, ``"1992-03-14"``) or ``None``; ``forms`` lists every printed form that cites it,
    by document. A field no text states is ``None`` or empty, never guessed; ``description``
    says what is known and where it is printed.
    """

    id: str
    kind: str
    title: str | None
    authors: tuple[str, ...]
    date: str | None
    date_text: str | None = None
    publisher: str | None = None
    place: str | None = None
    periodical: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()
    language: str | None = None
    part_of: str | None = None
    author_ids: tuple[str, ...] = ()
    description: str = attrs.field(default="", repr=False)
    forms: tuple[Spelling, ...] = attrs.field(default=(), repr=False)
    #: false where the id was computed at load time from the entry's position (no xml:id)
    stable: bool = attrs.field(default=True, repr=False)

    def __str__(self) -> str:
        """The title, or what is known where there is none: "Human Rights Watch, report"."""
        if self.title:
            return self.title
        if self.kind == "absent-note":
            return f"{self.id} (note text not in the source)"
        who = ", ".join(self.authors) or self.periodical
        return ", ".join(part for part in (who, self.kind, self.date_text) if part)


REFERENCE_KINDS = (
    "book",
    "report",
    "article",
    "interview",
    "letter",
    "resolution",
    "convention",
    "convention-article",
    "charter",
    "declaration",
    "communique",
    "absent-note",
    "statement",
)


@attrs.frozen
class Citation(_Rendered):
    """One place where a passage cites a work, with the marker or phrase as printed.

    ``kind`` is ``"marker"`` (a numbered note marker such as ``[6]``), ``"backlink"`` (a note's
    link back to its markers, ``6.1``), ``"bibliography"`` (a note's reference text) or
    ``"named"`` (a source named in running text: "According to Le Mond, 14 March 1992");
    ``note`` is the passage id of the note a marker points to, if the text has it.
    """

    reference_id: str
    passage_id: str
    text: str
    span: tuple[int, int]
    kind: Literal["marker", "backlink", "bibliography", "named"]
    note: str | None = None


@attrs.frozen
class Quote(_Rendered):
    """A quotation: who is quoted (an actor id), from which work, and its text as printed.

    ``kind`` is ``"inline"`` (words within a passage; ``span`` gives where), ``"block"`` (whole
    passages) or ``"turn"`` (an interview turn); ``passages`` lists every passage it covers.
    ``group`` is shared by every rendition of the same utterance across texts, ``None`` when
    no other rendition is recorded. ``marked`` is false where the text prints no quotation marks.
    """

    id: str
    passage_id: str
    document_id: str
    speaker: str | None
    source: str | None
    text: str
    group: str | None
    kind: Literal["inline", "block", "turn"] = "inline"
    passages: tuple[str, ...] = ()
    span: tuple[int, int] | None = None
    marked: bool = True
    cert: Certainty | None = None

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class QuoteGroup(_Rendered):
    """Every rendition of one utterance in corpus order, each with its text, document and source."""

    id: str
    description: str
    renditions: tuple[Quote, ...]

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.document_id for q in self.renditions))


@attrs.frozen
class Change(_Rendered):
    """One step of a word alignment: ``equal``, ``insert``, ``delete`` or ``replace``."""

    op: Literal["equal", "insert", "delete", "replace"]
    left: str
    right: str


@attrs.frozen
class Comparison(_Rendered):
    """A word-level alignment of two renditions of the same quotation."""

    group: str
    left: Quote
    right: Quote
    changes: tuple[Change, ...]

    @property
    def differences(self) -> tuple[Change, ...]:
        """The steps where the renditions differ."""
        return tuple(c for c in self.changes if c.op != "equal")

    @property
    def added(self) -> tuple[str, ...]:
        """Words the right rendition has and the left lacks (inserted, or replacing others)."""
        return tuple(c.right for c in self.differences if c.right)

    @property
    def dropped(self) -> tuple[str, ...]:
        """Words the left rendition has and the right lacks (deleted, or replaced)."""
        return tuple(c.left for c in self.differences if c.left)


def compare_renditions(group_id: str, left: Quote, right: Quote) -> Comparison:
    """Align two renditions word by word, folding case, accents and typographic quotes."""
    import difflib

    left_words, right_words = words(left.text), words(right.text)
    matcher = difflib.SequenceMatcher(
        a=[fold(w) for w in left_words], b=[fold(w) for w in right_words], autojunk=False
    )
    changes = tuple(
        Change(op, " ".join(left_words[i1:i2]), " ".join(right_words[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    )
    return Comparison(group_id, left, right, changes)


# ------------------------------------------------------------------ shared wording


@attrs.frozen
class SharedWording(_Rendered):
    """A run of words one passage shares with a passage of another text, folded as search
    folds (case, accents, quotes and dashes).

    ``text`` is the run as ``passage_id`` prints it and ``span`` where it stands there;
    ``other_text`` and ``other_span`` the same in ``other_id``. ``words`` counts the words of
    the run. ``group`` is the quotation group whose renditions in both passages cover the run,
    and ``reference`` a work both passages cite, where there is one: the texts then say where
    the words come from. Shared wording is a finding about the texts' words, not a claim that
    one text took them from the other.
    """

    passage_id: str
    other_id: str
    text: str
    other_text: str
    words: int
    span: tuple[int, int]
    other_span: tuple[int, int]
    group: str | None = None
    reference: str | None = None

    def __str__(self) -> str:
        return f"{self.passage_id} ~ {self.other_id} ({self.words} words): {self.text}"


def shared_wording(
    passages: Sequence[Passage], *, min_words: int, anchored: Collection[str] | None = None
) -> tuple[SharedWording, ...]:
    """Every maximal run of at least ``min_words`` words that two passages of different texts
    share, in corpus order. With ``anchored`` (passage ids), the runs of those passages with
    passages outside them, each from the anchored side; without, each pair once, from the
    passage that comes first."""
    found = [tokens(p.text) for p in passages]
    seen: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for number, printed in enumerate(found):
        for start in range(len(printed) - min_words + 1):
            key = tuple(w for w, _, _ in printed[start : start + min_words])
            seen.setdefault(key, []).append((number, start))
    diagonals: dict[tuple[int, int, int], list[int]] = {}
    for places in seen.values():
        for a, i in places:
            for b, j in places:
                if passages[a].document_id == passages[b].document_id:
                    continue
                if anchored is None and a >= b:
                    continue
                if anchored is not None and (
                    passages[a].id not in anchored or passages[b].id in anchored
                ):
                    continue
                diagonals.setdefault((a, b, i - j), []).append(i)
    rows = []
    for (a, b, shift), starts in diagonals.items():
        starts.sort()
        runs = []
        first = last = starts[0]
        for i in starts[1:]:  # seeds one word apart on a diagonal make one run
            if i != last + 1:
                runs.append((first, last))
                first = i
            last = i
        runs.append((first, last))
        for first, last in runs:
            rows.append(_run(passages, found, (a, b), (first, last - first + min_words, shift)))
    rows.sort(key=lambda r: (r[0], r[1], r[2].span))
    return tuple(row for _, _, row in rows)


def _run(
    passages: Sequence[Passage],
    found: list[list[tuple[str, int, int]]],
    pair: tuple[int, int],
    run: tuple[int, int, int],
) -> tuple[int, int, SharedWording]:
    """The row of one run: passage numbers ``pair``, ``run`` its first word, length and the
    shift of its place in the other passage."""
    (a, b), (start, length, shift) = pair, run
    here, there = passages[a], passages[b]
    span = (found[a][start][1], found[a][start + length - 1][2])
    other = (found[b][start - shift][1], found[b][start - shift + length - 1][2])
    groups = {q.group for q in here.quotes if q.group and _covers(q.span, span, here)}
    groups &= {q.group for q in there.quotes if q.group and _covers(q.span, other, there)}
    cited = {c.reference_id for c in here.citations} & {c.reference_id for c in there.citations}
    return (
        a,
        b,
        SharedWording(
            here.id,
            there.id,
            here.text[span[0] : span[1]],
            there.text[other[0] : other[1]],
            length,
            span,
            other,
            min(groups) if groups else None,
            min(cited) if cited else None,
        ),
    )


def _covers(quote: tuple[int, int] | None, span: tuple[int, int], passage: Passage) -> bool:
    """Whether a quotation (a whole passage where it has no span) overlaps a run."""
    start, end = quote if quote is not None else (0, len(passage.text))
    return start < span[1] and span[0] < end
