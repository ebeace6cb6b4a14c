"""Rules that propose figures and quotations in a passage's text (CODEBOOK section 12).

`figure_guesses`: the numbers CODEBOOK section 11 counts as figures, with their value or bounds
read as the claims rules read them, and a measure guessed from the words after them. A number
that a non-claim rule of `corpus.claims.NON_CLAIMS` covers (a date, a year, an ordinal, a note
marker, an identifier …) is never proposed as a figure.

`quote_guesses`: words in quotation marks that a reporting word or a named speaker introduces,
with the speaker proposed.

The rules only propose: every guess carries its certainty, and a person accepts or rejects it
(`corpus.reviewing`).
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from corpus.claims import non_claim_spans

__all__ = ["FigureGuess", "QuoteGuess", "figure_guesses", "quote_guesses"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
}  # fmt: skip
#: Words that count without a number: the figure is vague ("thousands of people").
_VAGUE = (
    r"(?:(?:a\s+few|several|many)\s+)?"
    r"(?:hundreds(?:\s+of\s+thousands)?|thousands|dozens|millions|dozen)"
    r"|several(?:\s+(?:hundred|thousand|dozen))?|a\s+few(?:\s+dozen)?"
)
_NUMBER = r"\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?"
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
#: A number as printed: digits (1,275 or 1.275 grouped by thousands) or a number word.
_PRINTED = rf"(?:{_NUMBER}|\b(?:{_WORD})\b)"
_SPACE = r"[\s\u00a0]+"
#: The longest match read as a figure: longer runs of digits are not proposed.
_LONGEST = 60
#: Words before a number that make it a bound, as the claims rules read them.
_LOWER = ("more than", "over", "at least", "no fewer than", "no less than", "upwards of")
_UPPER = ("up to", "nearly", "almost", "less than", "fewer than", "under", "at most")
_ABOUT = ("about", "around", "approximately", "some", "roughly", "an estimated", "as many as")
_QUALIFIER = "|".join(
    re.escape(q).replace(r"\ ", _SPACE) for q in sorted(_LOWER + _UPPER + _ABOUT, key=len)[::-1]
)
_FIGURE = re.compile(
    rf"(?:\b(?P<qualifier>{_QUALIFIER}){_SPACE})?"
    rf"(?:(?P<low>{_NUMBER})[\s\u00a0]*[-–][\s\u00a0]*(?P<high>{_NUMBER})"
    rf"|(?P<vague>\b{_VAGUE}\b)"
    rf"|(?P<number>\b(?:{_WORD}){_SPACE}(?:hundred|thousand|million)\b|{_PRINTED}))",
    re.IGNORECASE,
)
#: Words after a number that say what it counts, first match wins: (pattern, measure id).
_MEASURES: tuple[tuple[str, str], ...] = (
    (r"wom[ae]n", "measure.killed-women"),
    (r"child(?:ren)?|teenagers?", "measure.killed-children"),
    (r"elderly|old\s+(?:people|men)", "measure.killed-elderly"),
    (r"wounded|injured|disabled", "measure.injured"),
    (r"hostages?|captiv\w*|taken", "measure.hostages"),
    (r"missing|disappeared", "measure.missing"),
    (r"corpses|bodies", "measure.bodies"),
    (r"families", "measure.families-destroyed"),
    (r"orphan\w*|lost\s+(?:one|both)", "measure.orphaned"),
    (r"refugees|displaced|fled|expelled", "measure.displaced"),
    (r"inhabitants|population|residents|lived", "measure.population"),
    (r"per\s*cent|%", "measure.territory-share"),
    (r"districts|villages|towns", "measure.occupied-districts"),
    (r"fighters|soldiers|defenders|armed\s+men", "measure.fighters"),
    (r"units|detachments|battalions", "measure.military-units"),
    (r"days|weeks|months|hours", "measure.duration"),
    (r"kilomet\w*|km|miles", "measure.distance"),
    (r"casualt\w*|causalities", "measure.casualties"),
    (r"killed|dead|died|victims|massacred|murdered|perished|deaths", "measure.killed"),
)  # fmt: skip


@attrs.frozen
class FigureGuess:
    """One number the rules propose as a figure: where it stands, as printed, the value or bounds
    read from it, the words that qualify it, the measure guessed and how sure the guess is."""

    span: tuple[int, int]
    text: str
    number: str
    number_span: tuple[int, int]
    value: int | float | None
    low: int | float | None
    high: int | float | None
    qualifier: str | None
    measure: str | None
    cert: str

    def suggestion(self) -> dict[str, Any]:
        """What the proposal suggests, as `corpus proposals --json` prints it."""
        return {
            "measure": self.measure,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "number": self.number,
        }


def _value(printed: str) -> int | float:
    """A printed number in standard form: 1,275 and 1.275 (thousands) are 1275; six is 6;
    seven thousand is 7000."""
    words = printed.lower().split()
    if words[0] in _UNITS:
        value = 1
        for word in words:
            value *= _UNITS[word]
        return value
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", printed):
        return int(re.sub(r"[,.]", "", printed))
    if "." in printed:
        return float(printed)
    return int(printed)


#: What follows a number that numbers an entry of a list ("3. Small Nations …") or is part of
#: a date or a time of day (2018.02.20, 15:33).
_LISTED = re.compile(r"\.[\s\u00a0]+[A-Z\d]|\.\d|:\d")
#: Numbers the rules leave out besides the non-claims: ISBNs as printed in reference lists.
_NOT_FIGURES = re.compile(r"ISBN(?:-1[03])?[\s:]*[\dX-]+")


#: Words that count people without saying what befell them: the killed, where no other word
#: of the next few says more ("613 civilians", but "1,275 people taken hostage").
_PEOPLE = re.compile(r"\b(?:civilians|people|persons|Azerbaijanis)\b", re.IGNORECASE)
#: Where the words that may name a figure's measure end: punctuation or another number.
_WINDOW_END = re.compile(rf"[.;:!?\[]|\d|\b(?:{_WORD})\b", re.IGNORECASE)


def _measure(after: str) -> str | None:
    """The measure that the next four words name, before any other number or the end of the
    clause: the nearest word of `_MEASURES` (the first rule where one word names two), else the
    killed where they count people."""
    stop = _WINDOW_END.search(after)
    window = " ".join(after[: stop.start() if stop else len(after)].split()[:4])
    found = []
    for order, (pattern, measure) in enumerate(_MEASURES):
        named = re.search(rf"(?:{pattern})\b", window, re.IGNORECASE)
        if named:
            found.append((named.start(), order, measure))
    if found:
        return min(found)[2]
    return "measure.killed" if _PEOPLE.search(window) else None


def figure_guesses(text: str) -> tuple[FigureGuess, ...]:
    """The figures the rules propose in one passage's text, in order.

    A number inside a non-claim (`corpus.claims.NON_CLAIMS`) is left out. "more than 150" is a
    lower bound (``low=150``, no value), "up to 40" an upper bound, "500-1,000" a range,
    "thousands" vague, "about 800" a point with its qualifier; the measure is the first that the
    next few words name, or None. ``cert`` is ``medium`` where a measure was found, else ``low``.
    """
    covered = non_claim_spans(text) + [m.span() for m in _NOT_FIGURES.finditer(text)]
    found = []
    for match in _FIGURE.finditer(text):
        if len(match[0]) > _LONGEST:
            continue  # a run of digits no figure prints (and too long to read as a number)
        if match["low"]:
            start, end = match.start("low"), match.end("high")
        else:
            start, end = match.span("vague" if match["vague"] else "number")
        if any(a <= start and end <= b for a, b in covered):
            continue
        qualifier = match["qualifier"]
        said = " ".join(qualifier.lower().split()) if qualifier else None
        value = low = high = None
        if match["low"]:
            low, high = _value(match["low"]), _value(match["high"])
            number = text[start:end]  # a range: both bounds as printed
        elif match["vague"]:
            number = match["vague"]
        else:
            number = match["number"]
            read = _value(number)
            if said in _LOWER:
                low = read
            elif said in _UPPER:
                high = read
            else:
                value = read
        measure = _measure(text[match.end() : match.end() + 80])
        decimal = re.fullmatch(r"\d+\.\d+", number) is not None and not match["low"]
        listed = not qualifier and (
            _LISTED.match(text, end) or re.search(r"\d[.:]$", text[max(0, start - 2) : start])
        )
        if measure is None and (not number[:1].isdigit() or decimal or listed):
            continue  # a number word, a decimal or a list's number that counts nothing named
        found.append(
            FigureGuess(
                span=match.span(),
                text=match[0],
                number=number,
                number_span=(start, end),
                value=value,
                low=low,
                high=high,
                qualifier=qualifier,
                measure=measure,
                cert="medium" if measure else "low",
            )
        )
    return tuple(found)


@attrs.frozen
class QuoteGuess:
    """Words the rules propose as a quotation: the span inside its quotation marks, the actor
    proposed as its speaker (the last registered actor named before it in its sentence, or
    None) and how sure the guess is (medium where a reporting verb or "according to" stands
    between the speaker and the quotation, else low)."""

    span: tuple[int, int]
    text: str
    speaker: str | None
    cert: str


#: A quotation: text between a pair of quotation marks, of at most 2,000 characters.
_QUOTED = re.compile(r"[“\"]([^“”\"]{1,2000}?)(?:[”\"]|'')")
#: Words that report speech or writing, between a speaker and a quotation.
_REPORTING = re.compile(
    r"\b(?:said|says|saying|stated|states|wrote|writes|noted|notes|concluded|declared|told"
    r"|described|defined|called|classified|sums\s+up|according\s+to|recalled|added|asked"
    r"|reported|admitted|interview|as\s+follows|as\s+following)\b|:\s*$",
    re.IGNORECASE,
)
#: Where a sentence ends, looking back from a quotation.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z“\"])")


def quote_guesses(
    text: str, mentions: tuple[tuple[int, int, str], ...] = ()
) -> tuple[QuoteGuess, ...]:
    """The quotations the rules propose in one passage's text, in order, given the actors
    proposed as mentioned in it (``(start, end, actor)``).

    Every span between quotation marks ("…", “…”, “…'') that a reporting verb or a named
    speaker introduces is proposed; a quoted span with neither (a title, a term) is not.
    """
    found = []
    for match in _QUOTED.finditer(text):
        start, end = match.span(1)
        if not match[1].strip():
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
        sentence = ends[-1] if ends else 0
        named = [m for m in mentions if sentence <= m[0] and m[1] <= match.start()]
        speaker = named[-1][2] if named else None
        introduced = bool(named) and not text[named[-1][1] : match.start()].strip(" \u00a0,:")
        if not (introduced or _REPORTING.search(text[sentence : match.start()])):
            continue  # neither a speaker right before it nor a reporting word: a title, a term
        found.append(
            QuoteGuess(
                span=(start, end),
                text=match[1],
                speaker=speaker,
                cert="medium" if speaker else "low",
            )
        )
    return tuple(found)
