"""Cited works, citations, quotations, quotation groups and the comparison of renditions."""

from __future__ import annotations

from typing import Literal

import attrs

from corpus.model import Certainty, Spelling, _Rendered
from corpus.text import fold, words

__all__ = [
    "REFERENCE_KINDS",
    "Change",
    "Citation",
    "Comparison",
    "Quote",
    "QuoteGroup",
    "Reference",
    "compare_renditions",
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
