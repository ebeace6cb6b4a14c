"""Rules that propose figures and quotations in a passage's text (CODEBOOK section 12).

`figure_guesses`: the numbers CODEBOOK section 11 counts as figures, with their value or bounds
read as the claims rules read them, and a measure guessed from the words after them. A number
that a non-claim rule of `corpus.claims.NON_CLAIMS` covers (a date, a year, an ordinal, a note
marker, an identifier …) is never proposed as a figure.

`non_claim_guesses`: every other number, as a proposed non-claim with its category, so that
each number of a text is one or the other (CODEBOOK's coverage rule).

`quote_guesses`: words in quotation marks that a reporting word or a named speaker introduces,
with the speaker proposed.

The rules only propose: every guess carries its certainty, and a person accepts or rejects it
(`corpus.reviewing`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import Any

import attrs

from corpus.claims import non_claim_spans, non_claims, number_spans

__all__ = [
    "UNCOUNTED",
    "ActorGuess",
    "AttributionGuess",
    "CitationGuess",
    "FigureGuess",
    "NonClaimGuess",
    "QuoteGuess",
    "VoiceGuess",
    "WorkKey",
    "actor_guesses",
    "attribution_guesses",
    "citation_guesses",
    "figure_guesses",
    "interview_roles",
    "interview_turn",
    "non_claim_guesses",
    "quote_guesses",
    "turn_roles",
    "voice_guesses",
]

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
    return _read_numbers(text, non_claim_spans(text))[0]


@attrs.frozen
class NonClaimGuess:
    """A number the rules propose as a non-claim: its span, the number as printed, the category
    (a category of `corpus.claims.NON_CLAIMS`, or one of `UNCOUNTED`) and the rule's reason."""

    span: tuple[int, int]
    text: str
    category: str
    reason: str


#: The categories of numbers that the figure rule leaves out besides those of
#: `corpus.claims.NON_CLAIMS`: a number that counts nothing the next words name (CODEBOOK
#: section 12).
UNCOUNTED: dict[str, str] = {
    "isbn": "an ISBN as printed in a reference list",
    "number word": "a number word that counts nothing the next words name: two parents",
    "decimal": "a decimal that counts nothing the next words name: 2.5",
    "list number": "a number of a list's entry, or part of a date or time: 3. Small Nations, 15:33",
    "digit run": "a run of digits longer than any figure prints",
    "irregular number": "digits the figure rule reads as two numbers or none: 1,2751",
}


def non_claim_guesses(text: str) -> tuple[NonClaimGuess, ...]:
    """The numbers of one passage's text that the rules propose as non-claims, in order.

    With `figure_guesses` they cover every number of the text (digits and number words, as
    `corpus.claims.unclaimed_numbers` counts them): a number that is not inside a proposed
    figure is here, with the first category that covers it.
    """
    ruled = non_claims(text)
    figures, uncounted = _read_numbers(text, [span for span, _, _ in ruled])
    proposed = [guess.span for guess in figures]
    ruled += [(span, category, UNCOUNTED[category]) for span, category in uncounted]
    found = []
    for start, end in number_spans(text):
        if any(a <= start and end <= b for a, b in proposed):
            continue
        category, reason = next(
            ((category, reason) for (a, b), category, reason in ruled if a <= start and end <= b),
            ("irregular number", UNCOUNTED["irregular number"]),
        )
        found.append(NonClaimGuess((start, end), text[start:end], category, reason))
    return tuple(found)


def _read_numbers(
    text: str, ruled: list[tuple[int, int]]
) -> tuple[tuple[FigureGuess, ...], list[tuple[tuple[int, int], str]]]:
    """The figures the rules propose in ``text`` outside the ``ruled`` non-claim spans, and the
    spans they leave out as counting nothing, each with its category of `UNCOUNTED`."""
    isbns = [m.span() for m in _NOT_FIGURES.finditer(text)]
    covered = ruled + isbns
    uncounted = [(span, "isbn") for span in isbns]
    found = []
    for match in _FIGURE.finditer(text):
        if len(match[0]) > _LONGEST:
            # a run of digits no figure prints (and too long to read as a number)
            uncounted.append((match.span(), "digit run"))
            continue
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
            # a number word, a decimal or a list's number that counts nothing named
            kind = (
                "number word"
                if not number[:1].isdigit()
                else "decimal"
                if decimal
                else "list number"
            )
            uncounted.append((match.span(), kind))
            continue
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
    return tuple(found), uncounted


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


@attrs.frozen
class VoiceGuess:
    """Words the rules propose as reported in another voice than the text's own: the span the
    reporting frame governs, the voices the frame names (actor ids of the register, or
    ``voice.…`` categories; parallel parties in printed order), the frame's words as printed,
    how sure the guess is, and whether the frame ends its passage with a colon, so that its
    voices carry to the next passage (``carries``)."""

    span: tuple[int, int]
    text: str
    voices: tuple[str, ...]
    frame: str
    cert: str
    carries: bool = False


#: Verbs and phrases that report what a subject said, wrote, estimated or claimed.
_SAYING = (
    r"said|says|say|saying|stated|states|state|stating|wrote|writes|write|noted|notes|note"
    r"|concluded|concludes|asserted|asserts|assert|estimated|estimates|estimate|reported|reports"
    r"|claimed|claims|claim|told|tells|described|describes|describe|defined|defines|classified"
    r"|admitted|admits|admit|denied|denies|deny|accused|accuses|accuse|acknowledged"
    r"|acknowledges|remarked|remarks|mentioned|mentions|added|adds|insisted|insists|confirmed"
    r"|confirms|declared|declares|announced|announces|argued|argues|recalled|recalls|explained"
    r"|explains|demanded|demands|condemned|condemns|called\s+(?:on|upon|for)|sums?\s+up"
    r"|refers?\s+to|referred\s+to|uses?\s+the\s+(?:terms?|names?|words?)"
    r"|(?:is|was|are|were)\s+quoted"
)
#: (in lower case: "States" in "Commonwealth of Independent States" is a name, not a verb)
_SAYING_VERB = re.compile(rf"\b(?:{_SAYING})\b")
#: Verbs that report words only where what was said follows ("claimed that …", "declared:").
_WITH_THAT = frozenset(
    {"claim", "claims", "claimed", "declared", "declares", "announced", "announces"}
)
_THAT = re.compile(r"\s*(?:that\b|:|“|\")")
#: Participles of a passive frame, whose speaker follows ``by``: "described by X as".
_PASSIVE = re.compile(
    r"\b(?:described|reported|documented|classified|proposed|provided|quoted|cited|referred\s+to"
    r"|called|termed|estimated|confirmed|condemned|disputed|denied|stated|claimed|acknowledged"
    r"|recognized|recognised|published|released|put\s+forward)\b"
    r"(?:(?!\b(?:that|not|to\s+claim)\b)[^.;:!?\[,]){0,120}?\bby\s+",
    re.IGNORECASE,
)
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)
#: A source named as someone's work: "From the book of X:", "A 1993 report by X".
_SOURCE_OF = re.compile(
    r"\b(?:(?:from|in)\s+(?:the\s+)?(?:book|report|article|interview|statement|letter|words"
    r"|memoirs|diary|account)s?|(?:a|the)\s+(?:\d{4}\s+)?(?:report|statement|letter)s?)"
    r"\s+(?:of|by|from)\s+",
    re.IGNORECASE,
)
#: Words that mark an account as someone else's without saying whose.
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|it\s+is\s+(?:said|reported|claimed|alleged|believed))\b",
    re.IGNORECASE,
)
#: Words naming a voice of the voice taxonomy where no registered actor is named: what ends a
#: subject ("some Armenian sources admitted") or what "according to" introduces.
_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"unofficial\s+(?:data|figures|sources|information|estimates?)", "voice.unofficial"),
    (r"official\s+(?:data|figures|sources|information|estimates?|statistics)", "voice.official"),
    (r"(?:eye)?witnesses|survivors|refugees|inhabitants|residents", "voice.witness"),
    (r"observers", "voice.observer"),
    (r"journalists|the\s+press|the\s+media|news\s+reports|correspondents", "voice.media"),
    (r"sources|reports|rumou?rs", "voice.unattributed"),
)
_CATEGORY = re.compile(
    "|".join(f"(?P<c{n}>\\b(?:{p}))" for n, (p, _) in enumerate(_CATEGORY_WORDS))
)
_CATEGORY_END = re.compile(
    r"(?:['’]s?)?(?:\s+(?:own\s+)?(?:words|accounts?|testimon(?:y|ies)|statements?))?\s*$",
    re.IGNORECASE,
)
#: Words that may stand between a speaker's name and the reporting verb: "Human Rights Watch
#: has stated", "Helsinki Watch itself concluded", "Mutalibov would go on to condemn".
_BETWEEN_WORDS = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|are|also|later|itself|themselves|then|once|first"
    r"|particularly|again|often|would|will|did|does|do|not|never|always|publicly|further"
    r"|go\s+on\s+to|went\s+on\s+to))+\s*$",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s,”\"’]+$")
#: What may follow a speaker's name before the verb: "The Human Rights Watch report defined".
_SOURCE_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:report|reports|statement|statements|newspaper|daily|data|spokesman"
    r"|spokesperson|lawyers|experts|book|article|letter|interview|declaration)\s*$",
    re.IGNORECASE,
)
#: A comma-enclosed insertion that starts with a lowercase word, right before a verb
#: ("Memorial, the Moscow-based human rights group, stated"); any such insertion, tried where
#: the words before it end with no name; a parenthesis ("Serzh Sarkisian (then-chair …),").
_ASIDE = re.compile(r",\s*[a-z][^,]{0,200},\s*$")
_INSERTION = re.compile(r",[^,“”\"]{1,200}$|\s*\([^()]{0,200}\)$")
_RELATIVE = re.compile(r",?\s+(?:who|which|that)\s*$", re.IGNORECASE)
_JOINED = re.compile(r"(?:,\s*|\s+(?:and|as\s+well\s+as|&)\s+)(?:the\s+)?$", re.IGNORECASE)
#: What may stand before a speaker's name in what "according to" or "by" introduces: "the",
#: "reports from", "the Armenian author", "the organizations including the".
_LEAD = re.compile(
    r"(?:(?:the|a|an)\s+(?:[\w’'-]+\s+){0,3})?"
    r"|(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){0,3}(?:of|from|by|including|such\s+as)\s+(?:the\s+)?"
)
#: What follows a name that makes it part of a longer name or of a possessive: "Khojaly
#: Massacre Memorial", "Khojaly refugees’ own words".
_NAME_GOES_ON = re.compile(r"(?:['’]s?\b|\s+[A-Z])")
#: Where the words "according to" or "by" introduce end: a bracket, colon or quotation mark, a
#: relative pronoun, or a comma before other words than a further name.
_LIST_END = re.compile(
    r"[.;:!?\[\(“\"”]|,(?!\s*(?:(?:as\s+well\s+as|and|or|the)\b|[A-Z]))|,(?=\s*the\s+[a-z])"
    r"|\s+(?:that|who|which|whose)\b"
)
_LIST_SEPARATOR = re.compile(
    r",\s*(?:as\s+well\s+as\s+|and\s+|or\s+)?|\s+(?:and|as\s+well\s+as|or|&)\s+"
)
#: Where a sentence ends: a full stop, question or exclamation mark (with closing quotes,
#: brackets and note markers after it) and space before a capital, a digit or an opening mark.
_SENTENCE_BREAK = re.compile(r"[.!?…]+[”\"’'»)\]]*(?:\s*\[\d{1,3}\]\.?)*\s+(?=[“\"«(\[]?[A-Z0-9])")
#: Abbreviations after which a full stop does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Sgt|Capt|Prof|St|No|Nos|Feb|Jan|Aug|Sept|Oct|Nov|Dec|vs"
    r"|i\.e|e\.g|etc|cf)|\b[A-Z])\.$"
)
#: Where a clause that a frame may govern alone starts: "…, although X estimate that".
_CLAUSE = re.compile(r"[,;]?\s+(?=(?:although|though|while|whereas|but)\s)|;\s+", re.IGNORECASE)
#: A sentence that marks the report before it as continuing: a pronoun or "the same …" with a
#: reporting verb ("At the same time he stated:", "It added that …").
_CONTINUING = re.compile(
    rf"\b(?:he|she|it|they|the\s+same\s+(?:data|report|source|statement|organi[sz]ation))"
    rf"\s+(?:also\s+|then\s+|further\s+)?(?:{_SAYING}|went\s+on)\b",
    re.IGNORECASE,
)
#: A passage that ends with a colon (and any note marker): what follows it is the words it
#: introduces ("According to Human Rights Watch[8]:").
_OPENS_NEXT = re.compile(r":(?:\s*\[\d{1,3}\])*\s*$")
#: At most this many reporting words are read in one passage: a hostile text of repeated
#: reporting words stays bounded.
_MOST_FRAMES = 200


def _sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a passage as ranges; a full stop inside quotation marks, or after an
    abbreviation ("Mr.", "Col.", an initial), does not end one."""
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    starts, q = [0], 0
    for match in _SENTENCE_BREAK.finditer(text):
        cut = match.end()
        while q < len(quoted) and quoted[q][1] <= cut:
            q += 1
        if q < len(quoted) and quoted[q][0] < cut:
            continue  # inside a quotation: the report goes on
        if _ABBREVIATION.search(text, max(0, match.start() - 6), match.start() + 1):
            continue
        starts.append(cut)
    ends = [*starts[1:], len(text)]
    return [(a, b) for a, b in zip(starts, ends, strict=True) if text[a:b].strip()]


def _category(words: str) -> tuple[str, int] | None:
    """The voice category whose words end ``words``, and where they start."""
    tail = words[-120:]
    last = None
    for last in _CATEGORY.finditer(tail):  # noqa: B007 - the last one is wanted
        pass
    if last is None or not _CATEGORY_END.fullmatch(tail, last.end()):
        return None
    voice = next(v for n, (_, v) in enumerate(_CATEGORY_WORDS) if last[f"c{n}"])
    return voice, len(words) - len(tail) + last.start()


def _named_before(
    text: str, end: int, low: int, named: dict[int, tuple[int, str]]
) -> tuple[list[str], int] | None:
    """The actors whose names end ``text[low:end]`` (a speaker and those joined to it with "and"
    or commas), with where the first of them starts; None where no name ends it."""
    found = named.get(end)
    if found is None:
        return None
    start, actor = found
    actors = [actor]
    for _ in range(10):
        joined = _JOINED.search(text, max(low, start - 20), start)
        if joined is None or joined.start() not in named:
            break
        if len(actors) == 1 and joined.group().lstrip().startswith(","):
            break  # "Azerbaijan, Armenia claims": a list of names ends with "and"
        start, actor = named[joined.start()]
        actors.insert(0, actor)
    return list(dict.fromkeys(actors)), start


def _subject(
    text: str, low: int, verb: int, named: dict[int, tuple[int, str]]
) -> tuple[list[str], int] | None:
    """The voices of the subject right before a reporting verb at ``verb``, and where it
    starts: registered actors named there, or a category word ("some sources")."""
    floor, end = max(low, verb - 300), verb
    inserted = False  # one insertion at most is passed over: "X, Armenia’s President, said"
    for _ in range(12):
        cut = None
        for pattern in (_BETWEEN_WORDS, _ASIDE, _TRAILING):
            cut = pattern.search(text, floor, end)
            if cut is not None:
                end = cut.start()
                break
        if cut is not None:
            continue
        found = _named_before(text, end, floor, named)
        if found:
            return found
        noun = _SOURCE_NOUN.search(text, floor, end)
        if noun is not None and noun.start() in named:
            end = noun.start()  # "The Human Rights Watch report defined"
            continue
        category = _category(text[floor:end])
        if category:
            return [category[0]], floor + category[1]
        for pattern in (_SOURCE_NOUN, _RELATIVE, *(() if inserted else (_INSERTION,))):
            cut = pattern.search(text, floor, end)
            if cut is not None:
                end = cut.start()
                inserted = pattern is _INSERTION
                break
        else:
            return None
    return None


def _listed(
    text: str, start: int, named: dict[int, tuple[int, str]], starts: dict[int, int]
) -> list[str]:
    """The voices the words at ``start`` name (after "according to", "by"): each item of a list
    ("the Azerbaijani side, as well as Memorial, Human Rights Watch and other international
    observers") as a registered actor at its head or as a category word."""
    stop = _LIST_END.search(text, start, start + 300)
    end = stop.start() if stop else min(len(text), start + 300)
    found: list[str] = []
    at = start
    for separator in [*_LIST_SEPARATOR.finditer(text, start, end), None]:
        item_end = separator.start() if separator else end
        voice = None
        category = _category(text[at:item_end]) if text[at:item_end].strip() else None
        first = next((s for s in range(at, item_end) if s in starts), None)
        if category is not None:
            voice = category[0]  # "the Khojaly refugees’ own words": the refugees
        elif (
            first is not None
            and _LEAD.fullmatch(text, at, first)
            and not _NAME_GOES_ON.match(text, starts[first])
        ):
            voice = named[starts[first]][1]
            if found and _SOURCE_NOUN.sub("", text[starts[first] : item_end]).strip():
                voice = None  # words after a further name: the list has ended
        if voice is None and found:
            break
        if voice is not None and voice not in found:
            found.append(voice)
        at = separator.end() if separator else end
    return found


def _frames(
    text: str,
    sentence: tuple[int, int],
    named: dict[int, tuple[int, str]],
    starts: dict[int, int],
    budget: list[int],
) -> list[tuple[int, list[str], str, str]]:
    """The reporting frames of one sentence: where each stands, its voices, words and cert."""
    low, high = sentence
    heard: list[tuple[int, list[str], str, str]] = []
    for pattern in (_ACCORDING, _SOURCE_OF, _PASSIVE):
        for match in pattern.finditer(text, low, high):
            budget[0] -= 1
            if budget[0] < 0:
                return heard
            voices = _listed(text, match.end(), named, starts)
            if pattern is _SOURCE_OF:
                voices = [v for v in voices if not v.startswith("voice.")]
            if voices:
                heard.append((match.start(), voices, " ".join(match[0].split()), "medium"))
    for match in _SAYING_VERB.finditer(text, low, high):
        budget[0] -= 1
        if budget[0] < 0:
            return heard
        if match[0] in _WITH_THAT and not _THAT.match(text, match.end()):
            continue  # "Armenia claims ownership", "declared independence": an act, not a report
        subject = _subject(text, low, match.start(), named)
        if subject:
            voices, where = subject
            heard.append((where, voices, " ".join(text[where : match.end()].split()), "medium"))
    for match in _HEDGE.finditer(text, low, high):
        budget[0] -= 1
        if budget[0] < 0:
            return heard
        heard.append((match.start(), ["voice.unattributed"], match[0], "low"))
    return heard


def voice_guesses(
    text: str, mentions: tuple[tuple[int, int, str], ...] = ()
) -> tuple[VoiceGuess, ...]:
    """The reported voices the rules propose in one passage's text, in order, given the actors
    proposed as mentioned in it (``(start, end, actor)``).

    A frame is "according to X", a subject X right before a reporting verb ("X said", "X and Y
    stated", "Memorial, the Moscow-based group, stated"), a passive "described by X", a
    source "from the book of X", or a hedge ("reportedly": ``voice.unattributed``). X is a
    registered actor the passage names, or a category word (official data, refugees,
    observers, sources …); a frame that names neither (a pronoun: "he said") proposes nothing.
    A frame governs its sentence, from the start of its clause where it stands after
    "although", "while", "but" or a semicolon, and any next sentence that marks the report as
    continuing ("At the same time he stated"); the rest is the text's own voice. ``cert`` is
    ``medium`` for a frame that names its speaker, ``low`` for a hedge alone.
    """
    named = {end: (start, actor) for start, end, actor in mentions}
    starts = {start: end for start, end, _ in mentions}
    found: list[VoiceGuess] = []
    budget = [_MOST_FRAMES]
    for low, high in _sentences(text):
        heard = _frames(text, (low, high), named, starts, budget) if budget[0] > 0 else []
        if not heard:
            last = found[-1] if found else None
            if (
                last
                and not text[last.span[1] : low].strip()
                and _CONTINUING.search(text, low, high)
            ):
                end, begin = len(text[:high].rstrip()), last.span[0]  # the report goes on
                found[-1] = attrs.evolve(last, span=(begin, end), text=text[begin:end])
            continue
        cuts = [low, *(m.end() for m in _CLAUSE.finditer(text, low, high))]
        by_clause: dict[int, list[tuple[list[str], str, str]]] = {}
        for where, named_here, frame, cert in sorted(heard, key=lambda h: h[0]):
            clause = max(c for c in cuts if c <= where)
            by_clause.setdefault(clause, []).append((named_here, frame, cert))
        clauses = sorted(by_clause)
        for number, clause in enumerate(clauses):
            end = clauses[number + 1] if number + 1 < len(clauses) else high
            start, end = clause, clause + len(text[clause:end].rstrip())
            here = by_clause[clause]
            parties = tuple(dict.fromkeys(v for vs, _, _ in here for v in vs))
            cert = "medium" if any(c == "medium" for _, _, c in here) else "low"
            last = found[-1] if found else None
            if last and last.voices == parties and not text[last.span[1] : start].strip():
                start = last.span[0]  # the same voices go on: one span
                found.pop()
            found.append(VoiceGuess((start, end), text[start:end], parties, here[0][1], cert))
    if found and _OPENS_NEXT.search(text) and found[-1].span[1] >= len(text.rstrip()) - 8:
        found[-1] = attrs.evolve(found[-1], carries=True)
    return tuple(found)


#: A paragraph that opens as an interview's turn: "Question:", "Answer:", "Q:", "A:".
_TURN = re.compile(
    r"[\s\u00a0]*(?:(?P<question>question|Q)|(?P<answer>answer|A))[\s\u00a0]*:", re.IGNORECASE
)
#: Words that name an interview and who gave it: "the interview of X to Y", "an interview
#: with X", "Y's interview with X"; X is read after "of"/"with", Y after "to"/"for" or before
#: the possessive.
_INTERVIEW = re.compile(r"\binterview(?:ed)?\b", re.IGNORECASE)
_GIVER = re.compile(r"[\s\u00a0]+(?:of|with)[\s\u00a0]+", re.IGNORECASE)
_TAKER = re.compile(r"[\s\u00a0]+(?:to|for)[\s\u00a0]+", re.IGNORECASE)
#: How far after "of" or "with" the names of an interview's giver and taker are read.
_ROLE_WORDS = 300
_POSSESSIVE_BEFORE = re.compile(r"['’]s?[\s\u00a0]+(?:\w+[\s\u00a0]+){0,2}")


def interview_turn(paragraph: str) -> str | None:
    """``question`` or ``answer`` where a paragraph opens as an interview's turn ("Question:",
    "A:"), else None."""
    match = _TURN.match(paragraph)
    if match is None:
        return None
    return "question" if match["question"] else "answer"


def interview_roles(
    paragraph: str, mentions: tuple[tuple[int, int, str], ...], speakers: frozenset[str]
) -> tuple[str, str | None] | None:
    """Who gives and who takes the interview a paragraph names, as the register's actor ids:
    the last speaker named after "of" or "with" up to "to" or "for" ("the interview of the
    former president of Azerbaijan Ayaz Mutalibov to the Czech journalist Dana Mazalova"), and
    the first named after that, or before a possessive ("Mazalova's interview with Mutalibov");
    None where the paragraph names no interview or no speaker who gives it. ``speakers`` are
    the actors that may speak (people and organisations), ``mentions`` the actors named in the
    paragraph (``(start, end, actor)``)."""
    said = sorted((m for m in mentions if m[2] in speakers), key=lambda m: m[0])
    for word in itertools.islice(_INTERVIEW.finditer(paragraph), _MOST_FRAMES):
        giver = _GIVER.match(paragraph, word.end())
        if giver is None:
            continue
        window = min(len(paragraph), giver.end() + _ROLE_WORDS)  # a hostile text stays bounded
        taker = _TAKER.search(paragraph, giver.end(), window)
        stop = taker.start() if taker is not None else window
        givers = [m for m in said if giver.end() <= m[0] and m[1] <= stop]
        if not givers:
            continue
        chosen = next((m for m in said if taker and taker.end() <= m[0] < window), None)
        if chosen is None:  # "Mazalova's interview with …": the last possessive before it
            chosen = next(
                (
                    m
                    for m in reversed(said)
                    if m[1] <= word.start()
                    and _POSSESSIVE_BEFORE.fullmatch(paragraph, m[1], word.start())
                ),
                None,
            )
        return givers[-1][2], chosen[2] if chosen is not None else None
    return None


def turn_roles(turns: Sequence[str | None]) -> list[tuple[str, str] | None]:
    """Whose voice an interview's structure gives each paragraph of a text whose paragraphs open
    as ``turns`` (see `interview_turn`), and how sure that is: a question is the interviewer's
    (``taker``), an answer the interviewee's (``giver``), both ``medium`` (the text labels
    them), and a paragraph without a label between an answer and a later turn goes on with the
    answer (``giver``, ``low``); None for any other. One pass each way, whatever the length."""
    later, seen = [False] * len(turns), False
    for number in range(len(turns) - 1, -1, -1):
        later[number], seen = seen, seen or turns[number] is not None
    found: list[tuple[str, str] | None] = []
    before = None
    for number, turn in enumerate(turns):
        if turn is not None:
            found.append(("giver" if turn == "answer" else "taker", "medium"))
            before = turn
        elif before == "answer" and later[number]:
            found.append(("giver", "low"))
        else:
            found.append(None)
    return found


@attrs.frozen
class CitationGuess:
    """Words the rules propose as a citation: a note marker as printed ("[6]", ``kind`` marker,
    its number in ``n``), or a source named in running text (``kind`` named: a title of the
    works register, or a work noun with a registered author, "the book of … Daud Kheyriyan"),
    with the work proposed where exactly one work of the register has that title, or that author
    (and the kind the noun says, and any year printed), else None; and how sure the guess is."""

    span: tuple[int, int]
    text: str
    kind: str
    work: str | None
    cert: str
    n: str | None = None


@attrs.frozen
class WorkKey:
    """What the citation rules match of one work of the register: its id and kind, its title
    and the part of it before a colon as folded words, its authors as actor ids, its year."""

    id: str
    kind: str
    titles: tuple[tuple[str, ...], ...]
    authors: frozenset[str]
    year: str | None


#: A note marker in running text: "[6]".
_MARKER = re.compile(r"\[(\d{1,3})\]")
#: The work nouns that name a kind of work, and the kinds of the works register they fit.
_WORK_NOUNS = {
    "book": ("book",), "books": ("book",), "memoirs": ("book",), "diary": ("book", "article"),
    "report": ("report",), "reports": ("report",), "interview": ("interview",),
    "interviews": ("interview",), "letter": ("letter",), "article": ("article",),
}  # fmt: skip
_NOUN = "|".join(sorted(_WORK_NOUNS, key=len, reverse=True))
#: A work noun before its author: "the book of the Armenian author X", "A 1993 report by X".
_NOUN_BEFORE = re.compile(
    rf"\b(?:(?:the|a|an)\s+)?(?:(?P<year>\d{{4}})\s+)?(?P<noun>{_NOUN})\s+(?:of|by)\s+"
    r"(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
#: A work noun after its author: "X's book", "The Human Rights Watch report".
_NOUN_AFTER = re.compile(rf"(?:['’]s)?\s+(?P<noun>{_NOUN})\b", re.IGNORECASE)
#: What may stand right before a short title: an opening quotation mark, or an author's
#: possessive ("Thomas Goltz's Azerbaijan Diary").
_OPENING = re.compile(r"(?:[“\"«‘]|\w['’]s\s+)\s*$")
_ONE_WORD = re.compile(r"[\w’'-]+\s+")
#: At most this many citations are read in one passage.
_MOST_CITATIONS = 500


def citation_guesses(
    text: str,
    mentions: tuple[tuple[int, int, str], ...] = (),
    works: tuple[WorkKey, ...] = (),
) -> tuple[CitationGuess, ...]:
    """The citations the rules propose in one passage's text, in order, given the actors
    proposed as mentioned in it (``(start, end, actor)``) and the works of the register.

    Every note marker ("[6]") is proposed, without a work (its note says which). A title of a
    work (or the part before its colon) printed as whole words, folded as search folds, is a
    named source of that work when it has three words or more, or (``cert="low"``) two words
    right after an opening quotation mark or an author's possessive ("Goltz's Azerbaijan
    Diary"), or is a numbered title ("Resolution 822"). A work noun (book, report, interview,
    letter, article, diary) with a registered author, a person or organisation of ``mentions``
    ("the book of … Daud Kheyriyan", "Ayaz Mutalibov's interview", "A 1993 report by Human
    Rights Watch"), is a named source of the one work of the register by that author whose kind
    the noun names (and whose year is the one printed, where one is); where none or several
    fit, no work is proposed (``cert="low"``).
    """
    found: list[CitationGuess] = []
    for match in _MARKER.finditer(text):
        if len(found) >= _MOST_CITATIONS:
            return tuple(found)
        found.append(CitationGuess(match.span(), match[0], "marker", None, "medium", match[1]))
    named = _titled(text, works)
    starts = {s: (e, a) for s, e, a in mentions}
    ends = {e: (s, a) for s, e, a in mentions}
    for match in _NOUN_BEFORE.finditer(text):
        if len(named) >= 2 * _MOST_CITATIONS:
            break
        at = match.end()
        for _ in range(4):  # the author, after at most three words ("the Armenian author")
            author = starts.get(at)
            if author is not None:
                named.append(_by_author(text, (match.start(), author[0]), author[1], match, works))
                break
            word = _ONE_WORD.match(text, at)
            if word is None:
                break
            at = word.end()
    for end, (start, actor) in ends.items():
        noun = _NOUN_AFTER.match(text, end)
        if noun is not None:
            lead = start - 4 if text[max(0, start - 4) : start].lower() == "the " else start
            named.append(_by_author(text, (lead, noun.end()), actor, noun, works))
    kept: list[CitationGuess] = []
    for guess in sorted(named, key=lambda g: (g.kind != "named" or g.work is None, g.span)):
        a, b = guess.span
        if all(b <= c or d <= a for c, d in (k.span for k in kept)):
            kept.append(guess)  # a title first, then an author's work that does not overlap it
    return tuple(sorted([*found, *kept], key=lambda g: g.span))


def _titled(text: str, works: tuple[WorkKey, ...]) -> list[CitationGuess]:
    """The titles of works printed in ``text`` as whole words, folded, that the rules count as
    naming the work (`citation_guesses`)."""
    from corpus.text import tokens

    words = tokens(text)
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for work in works:
        for title in work.titles:
            by_first.setdefault(title[0], []).append((title, work.id))
    named: list[CitationGuess] = []
    for i, (word, start, _) in enumerate(words):
        if len(named) >= _MOST_CITATIONS:
            break
        for title, work_id in sorted(by_first.get(word, ()), key=lambda t: -len(t[0])):
            if tuple(w for w, _, _ in words[i : i + len(title)]) != title:
                continue
            numbered = len(title) == 2 and title[1].isdigit()
            marked = _OPENING.search(text, max(0, start - 6), start) is not None
            if len(title) >= 3 or marked or numbered:
                end = words[i + len(title) - 1][2]
                cert = "medium" if len(title) >= 3 else "low"
                named.append(CitationGuess((start, end), text[start:end], "named", work_id, cert))
                break
    return named


def _by_author(
    text: str, span: tuple[int, int], actor: str, match: re.Match[str], works: tuple[WorkKey, ...]
) -> CitationGuess:
    """A named source by its author: the one work of the register that fits, or None."""
    kinds = _WORK_NOUNS[match["noun"].lower()]
    year = match.groupdict().get("year")
    fitting = [
        w.id
        for w in works
        if actor in w.authors and w.kind in kinds and (year is None or w.year == year)
    ]
    work = fitting[0] if len(fitting) == 1 else None
    start, end = span
    return CitationGuess(span, text[start:end], "named", work, "medium" if work else "low")


@attrs.frozen
class ActorGuess:
    """A name the rules propose as a candidate actor: capitalised words that no spelling of the
    register covers, where they stand. Always ``cert="low"``: a name is not yet an actor."""

    span: tuple[int, int]
    text: str
    cert: str = "low"


#: A word as printed, with the apostrophes, hyphens and full stops of names ("de-Wall", "S.").
_NAME_WORD = re.compile(r"[^\W\d_][\w’'-]*\.?")
#: Small words that may stand inside a name between capitalised words: "Council of Europe".
_NAME_JOINS = frozenset({"of", "the", "de", "al", "for", "von", "van", "der", "du", "la", "le"})
#: Capitalised words that begin sentences or name no one: articles, pronouns, conjunctions,
#: prepositions, adverbs that open a sentence, months and days, labels.
_NOT_NAME_WORDS = (
    "a an the this that these those it its he she they we i you his her their our my your "
    "in on at by for from to of with as but and or if although though while when after before "
    "during since according however thus therefore then there here also yet so not no "
    "under over about until through without within against among between despite unlike "
    "because whereas whether nor hence moreover furthermore nevertheless besides instead "
    "later earlier today yesterday now meanwhile still even only once soon again finally "
    "first both each every all some many most such other another perhaps "
    "question answer photo mr mrs ms dr col gen ed no nos vol pp isbn feb jan aug sept oct nov "
    "dec indeed thereby what who whom which why how where do does did give let yes "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
#: Endings of nationality adjectives and demonyms, which are not names (CODEBOOK section 9).
_DEMONYM = re.compile(r"(?:ian|ians|ani|anis|ese|ish|ic|ics|i)$|^(?:soviet|turks?|azeris?)$")
#: A run of more capitalised words than this is a title or a heading, not a name.
_LONGEST_NAME = 8
#: A word longer than this is no word of a name (a run of letters, an address).
_LONGEST_WORD = 40
#: What may stand between two words of one name: a space or two, or one line break of a
#: hard-wrapped line ("Lena\nMarsh").
_NAME_SPACE = re.compile(r"[ \u00a0]{1,2}|[ \u00a0]?\r?\n[ \u00a0]?")
#: A possessive ending, which is not part of the name it follows.
_POSSESSIVE = ("'s", "’s")
#: At most this many candidates are proposed in one passage.
_MOST_NAMES = 500
#: Printed before a word that opens a sentence, a clause or a quotation of its own.
_OPENERS = frozenset(".!?:;])”\"'“‘(«")


def actor_guesses(
    text: str, mentions: tuple[tuple[int, int, str], ...] = ()
) -> tuple[ActorGuess, ...]:
    """The names the rules propose as candidate actors in one passage's text, in order, given
    the actors proposed as mentioned in it (``(start, end, actor)``), whose words are never
    candidates.

    A candidate is a run of capitalised words (with "of", "the", "de" … between them: "Council
    of Europe", one line break or two spaces between them), of two to eight capitalised words
    of at most 40 letters each, or one word that does not begin its sentence, clause or
    quotation and is not a nationality adjective or demonym ("Armenian", "Azerbaijanis"); an
    article, pronoun, preposition or month at the start of a run is left out; a run of three
    words or more printed in capitals throughout is a heading, not a name; and a run that
    touches a registered name ("Khojaly Massacre Memorial", "Council of Europe" where "Europe"
    is registered) is part of a longer name the register decides, not a candidate. A
    possessive ends a name and is left out ("Lena Marsh's Interview" proposes "Lena Marsh").

    >>> [g.text for g in actor_guesses("The letter of Lena Marsh reached the Ministry of Health.")]
    ['Lena Marsh', 'Ministry of Health']
    """
    covered = sorted((s, e) for s, e, _ in mentions)
    lows = [a for a, _ in covered]
    spaces = (" ", "\u00a0", "-")
    after_names = {b + 1 for _, b in covered if text[b : b + 1] in spaces}
    before_names = {a - 1 for a in lows if a and text[a - 1] in spaces}
    starts = {s for s, _ in _sentences(text)} if len(text) < 200_000 else {0}
    found: list[ActorGuess] = []
    run: list[re.Match[str]] = []
    #: capitalised words so far, too many of them, where the last word ends and if capitalised
    state = {"capitals": 0, "long": False, "last": -1, "capital": False}
    owners: set[int] = set()  # where a word after a possessive name would start

    def close() -> None:
        words, too_long = run[:], state["long"]
        run.clear()
        state.update(capitals=0, long=False, last=-1, capital=False)
        if too_long or not words or len(found) >= _MOST_NAMES:
            return
        attached = words[0].start() in after_names or words[-1].end() in before_names
        while words and words[-1][0].lower().rstrip(".") in _NAME_JOINS | _NOT_NAMES:
            words.pop()
        while words and words[0][0].lower().rstrip(".") in _NOT_NAMES:
            words.pop(0)
        guess = None if attached else _candidate(text, words, starts, owners)
        if guess is not None:
            found.append(guess)

    for match in _NAME_WORD.finditer(text):
        word = match[0]
        before_it = bisect.bisect_right(lows, match.start()) - 1
        if before_it >= 0 and match.start() < covered[before_it][1]:
            close()  # a word of a registered name: the candidate ends before it
            continue
        joined = state["last"] >= 0 and _NAME_SPACE.fullmatch(text, state["last"], match.start())
        join = (
            joined
            and word.lower() in _NAME_JOINS
            and (state["capitals"] == 1 or not state["capital"])
        )
        if (word[0].isupper() or join) and len(word) <= _LONGEST_WORD:
            if state["last"] >= 0 and not joined:
                close()
            if word[0].isupper():
                state["capitals"] += 1
            if state["capitals"] > _LONGEST_NAME:
                state["long"] = True  # read on to the end of the run, keeping none of it
            if not state["long"]:
                run.append(match)
            state.update(last=match.end(), capital=word[0].isupper())
            if word[-2:] in _POSSESSIVE:
                owners.update((match.end() + 1, match.end() + 2))
            if (word.endswith(".") and len(word) > 2) or word[-2:] in _POSSESSIVE:
                close()  # a full stop after a word ends the name (not after an initial), and so
                # does a possessive: "Lena Marsh's Interview" names her, not an "Interview"
        else:
            close()
        if len(found) >= _MOST_NAMES:
            break
    close()
    return tuple(found)


def _candidate(
    text: str, words: list[re.Match[str]], starts: set[int], owners: set[int]
) -> ActorGuess | None:
    """The candidate a run of words makes (its leading and trailing small words removed), or
    None where it is no name: a heading in capitals, or one word that begins its sentence, is
    too short, a demonym, a heading's word or follows a possessive name."""
    capitals = [m for m in words if m[0][0].isupper()]
    if not capitals:
        return None
    start, end = words[0].start(), words[-1].end()
    single = len(capitals) == 1
    heading = len(capitals) >= 3 and all(m[0].isupper() for m in capitals)
    at = start
    while at and text[at - 1].isspace():
        at -= 1
    first = start in starts or not at or text[at - 1] in _OPENERS
    printed = words[0][0].rstrip(".’'")
    demonym = any(_DEMONYM.search(part) for part in printed.lower().split("-"))
    shouted = printed.isupper() and len(printed) > 5  # a heading's word
    owned = start in owners  # "Marsh's Interview": a word of a title, not a name
    lone = single and (first or len(printed) < 3 or demonym or shouted or owned)
    end -= text[end - 1] == "."  # a full stop after a name is the sentence's
    end -= 2 * (text[end - 2 : end] in _POSSESSIVE)  # "Lena Marsh's letter": the name only
    if heading or lone or end <= start:
        return None
    return ActorGuess((start, end), text[start:end])


@attrs.frozen
class AttributionGuess:
    """An attribution of responsibility the rules propose: a registered actor the passage names
    (``agent``) paired with an act of the act taxonomy (``act``, ``act.…``) by the words
    between them (``span``, ``text``, from the first of the two to the last), and how sure the
    guess is. The claimant is not part of the guess: the voices the passage proposes decide
    it."""

    span: tuple[int, int]
    text: str
    agent: str
    act: str
    trigger: tuple[int, int]
    cert: str = "low"


#: The words that pair an agent with an act, each with its act and where the agent stands:
#: ``after`` the words ("led by X", "with the help of X"), ``before`` them ("X took part"), or
#: either side, whichever is nearer. A pattern ending in "by" or "of" names the agent next.
_ACT_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    (r"with (?:the )?(?:help|backing|support|assistance|participation) of", "assisted", "after"),
    (r"(?:backed|supported|assisted|aided) by", "assisted", "after"),
    (r"(?:led|commanded|ordered|directed) by|under the command of", "commanded", "after"),
    (r"(?:was|were|been) the commander of|commanded", "commanded", "before"),
    (r"(?:fired (?:up)?on|shot) by|came under fire from", "fired-on-fleeing", "after"),
    (r"fired (?:up)?on|opened fire|shot (?:at|their own|back)", "fired-on-fleeing", "before"),
    (r"(?:mutilated|desecrated) by", "mutilated-bodies", "after"),
    (r"mutilat\w*|desecrat\w*|scalping", "mutilated-bodies", "before"),
    (r"burn\w* (?:the |of )?(?:corpses|bodies|dead)", "burned-bodies", "before"),
    (
        r"prevent\w* (?:of )?the (?:evacuation|flight)(?: of [\w ]{0,30}?)? by",
        "obstructed-evacuation",
        "after",
    ),
    (
        r"(?:prevent|block|hinder)\w* (?:of )?the (?:evacuation|flight|corridor)",
        "obstructed-evacuation",
        "before",
    ),
    (r"took part|participated|served in|involvement in|joining with|joined", "took-part", "before"),
    (
        r"(?:committed|perpetrated|carried out|massacred|killed|captured|stormed|destroyed|"
        r"atrocities|massacre|killings?|murders?|ethnic cleansing|war[- ]crimes) by",
        "carried-out",
        "after",
    ),
    (
        r"(?:committed|perpetrated|carried out)(?: \w+){0,2} (?:war[- ]crimes|crimes|massacres?|"
        r"genocide|atrocities|killings|murders?)|massacred|killed|stormed|stabbed|slaughtered",
        "carried-out",
        "before",
    ),
    (r"(?:a ploy|planned|organi[sz]ed|orchestrated) by", "planned", "after"),
    (r"deliberate|purposeful|planned|intended|goal of|strived", "planned", "either"),
    (
        r"den(?:y|ies|ied|ial)(?: (?:any |their |its |all )?(?:responsibility|guilt|involvement)"
        r"| of)?|does not accept|conceal\w*|disguis\w*",
        "denies",
        "either",
    ),
    (r"responsib(?:le|ility)|guilt(?:y)?|to blame|blamed?", "responsible", "either"),
)
_TRIGGER = re.compile(
    "|".join(f"(?P<t{n}>\\b(?:{pattern})\\b)" for n, (pattern, _, _) in enumerate(_ACT_TRIGGERS)),
    re.IGNORECASE,
)
#: How far from its words an agent may stand, in characters, before and after them.
_AGENT_REACH = 120
#: At most this many attributions are proposed in one passage.
_MOST_ATTRIBUTIONS = 200


def attribution_guesses(
    text: str, agents: tuple[tuple[int, int, str], ...] = ()
) -> tuple[AttributionGuess, ...]:
    """The attributions the rules propose in one passage's text, in order, given the proposed
    mentions of the actors that may be agents (``(start, end, actor)``: people, organisations,
    units and groups of the register).

    Words of an act (`_ACT_TRIGGERS`: "with the help of", "led by", "took part", "committed
    by", "deny" …) pair with the agent that the same sentence names where the words say it
    stands: next after words that end in "by" or "of", the nearest before an active verb, the
    nearer of the two for the others; within 120 characters. "Denies responsibility" is a
    denial, not a responsibility, and what else the sentence says of an agent that denies is
    what it denies: only the denial is proposed. Each agent and act is proposed once per sentence;
    ``cert="medium"`` where the agent stands right next to the words, ``low`` otherwise.

    >>> [(g.agent, g.act) for g in attribution_guesses(
    ...     "The town was taken with the help of the regiment.", ((36, 48, "regiment-366"),))]
    [('regiment-366', 'act.assisted')]
    """
    found: list[AttributionGuess] = []
    named = sorted(agents)
    firsts = [m[0] for m in named]
    for low, high in _sentences(text) if len(text) < 200_000 else [(0, len(text))]:
        chosen = named[bisect.bisect_left(firsts, low) : bisect.bisect_right(firsts, high)]
        inside = _Agents([m for m in chosen if m[1] <= high])
        if not inside.named:
            continue
        seen: set[tuple[str, str]] = set()
        for match in _TRIGGER.finditer(text, low, high):
            number = int(str(match.lastgroup)[1:])
            _, act, side = _ACT_TRIGGERS[number]
            agent = inside.beside(match.span(), side)
            if agent is None:
                continue
            start, end = min(agent[0], match.start()), max(agent[1], match.end())
            if (agent[2], act) in seen:
                continue
            seen.add((agent[2], act))
            if act == "denies":  # what else the sentence says of the agent is what it denies
                found = [g for g in found if g.span[0] < low or g.agent != agent[2]]
            elif (agent[2], "denies") in seen:
                continue
            between = (
                text[agent[1] : match.start()]
                if agent[0] < match.start()
                else text[match.end() : agent[0]]
            )
            near = len(between.split()) <= 1
            found.append(
                AttributionGuess(
                    (start, end),
                    text[start:end],
                    agent[2],
                    f"act.{act}",
                    match.span(),
                    "medium" if near else "low",
                )
            )
            if len(found) >= _MOST_ATTRIBUTIONS:
                return tuple(found)
    return tuple(found)


class _Agents:
    """The mentions of a sentence that may be agents, found by where they begin and end (by
    bisection: a passage of many mentions and many words of acts is read in n log n)."""

    __slots__ = ("by_end", "ends", "firsts", "named")

    def __init__(self, named: list[tuple[int, int, str]]) -> None:
        self.named, self.firsts = named, [m[0] for m in named]
        self.by_end = sorted(named, key=lambda m: (m[1], m[0]))
        self.ends = [m[1] for m in self.by_end]

    def beside(self, trigger: tuple[int, int], side: str) -> tuple[int, int, str] | None:
        """The mention that the words of an act at ``trigger`` pair with, on ``side``: the
        first beginning within `_AGENT_REACH` after them, the last ending within it before
        them, or the nearer of the two."""
        start, end = trigger
        at = bisect.bisect_left(self.firsts, end)
        after = self.named[at] if at < len(self.named) else None
        if after is not None and after[0] > end + _AGENT_REACH:
            after = None
        at = bisect.bisect_right(self.ends, start) - 1
        before = self.by_end[at] if at >= 0 else None
        if before is not None and before[1] < start - _AGENT_REACH:
            before = None
        if side == "after" or before is None:
            return after if side != "before" else None
        if side == "before" or after is None:
            return before
        return after if after[0] - end < start - before[1] else before
