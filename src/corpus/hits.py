"""Search results: hits in corpus order and keyword-in-context lines."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

import attrs

from corpus import _display
from corpus._picking import picked
from corpus.errors import NotFound
from corpus.model import Classification, Document, Passage, _Rendered, _Rows, chain_label
from corpus.text import marked_pieces

__all__ = ["COUNT_KEYS", "Concordance", "ConcordanceLine", "Hit", "Hits"]


@attrs.frozen
class Hit(_Rendered):
    """A passage that matches a query, with the matched ranges of ``passage.text``."""

    passage: Passage
    spans: tuple[tuple[int, int], ...]

    @property
    def matches(self) -> tuple[str, ...]:
        """The matched text as printed, one string per span."""
        return tuple(self.passage.text[start:end] for start, end in self.spans)


COUNT_KEYS = ("stance", "document", "genre", "voice", "lang")


class _Found(Sequence[Hit]):
    """Hits kept as passage numbers and spans: each `Hit` is made when it is read.

    A search that finds thousands of passages then builds no objects for hits that are only
    counted, sliced or looked through once. ``hits`` builds them all, once.
    """

    __slots__ = ("_hits", "_numbers", "_passages", "_spans")

    def __init__(
        self,
        passages: Sequence[Passage],
        numbers: Sequence[int],
        spans: Sequence[tuple[tuple[int, int], ...]],
    ) -> None:
        self._passages, self._numbers, self._spans = passages, numbers, spans
        self._hits: tuple[Hit, ...] | None = None

    def __len__(self) -> int:
        return len(self._numbers)

    def __iter__(self) -> Iterator[Hit]:
        if self._hits is not None:
            return iter(self._hits)
        return map(Hit, map(self._passages.__getitem__, self._numbers), self._spans)

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> _Found: ...
    def __getitem__(self, index: int | slice) -> Hit | _Found:
        if isinstance(index, slice):
            return _Found(self._passages, self._numbers[index], self._spans[index])
        if self._hits is not None:
            return self._hits[index]
        return Hit(self._passages[self._numbers[index]], self._spans[index])

    def passages(self) -> tuple[Passage, ...]:
        return tuple(picked(self._passages, self._numbers))

    def hits(self) -> tuple[Hit, ...]:
        if self._hits is None:
            self._hits = tuple(self)
        return self._hits

    def __repr__(self) -> str:
        return repr(self.hits())


def _found(hits: Sequence[Hit]) -> Sequence[Hit]:
    return hits if isinstance(hits, (_Found, tuple)) else tuple(hits)


def _all(hits: Sequence[Hit]) -> tuple[Hit, ...]:
    return hits.hits() if isinstance(hits, _Found) else tuple(hits)


@attrs.frozen(repr=False)
class Hits(_Rendered, _Rows[Hit]):
    """The passages a search found, in corpus order: a sequence of `Hit`.

    >>> import corpus
    >>> hits = corpus.load().search("corridor OR corridors")
    >>> hits.count_by("document")
    {'wiki': 5}
    """

    # every Hit is made when it is first read (see `_Found`); equal to, and hashed as, the tuple
    _found: Sequence[Hit] = attrs.field(alias="hits", converter=_found, eq=_all)
    query: str
    _documents: Mapping[str, Document] = attrs.field(repr=False, eq=False, alias="documents")
    #: What the search says about the query: terms left out because nothing can match them.
    notes: tuple[str, ...] = attrs.field(default=(), repr=False, eq=False)

    _rows = "_found"

    @property
    def hits(self) -> tuple[Hit, ...]:
        """Every hit, in corpus order."""
        return _all(self._found)

    def __repr__(self) -> str:
        return f"Hits(hits={self.hits!r}, query={self.query!r})"

    def __rich_repr__(self) -> Any:
        yield "hits", self.hits
        yield "query", self.query

    def passages(self) -> tuple[Passage, ...]:
        """The passages with a hit, in corpus order, without working out the matched spans:
        the quick way to the ids of what a search found.

        >>> import corpus
        >>> [p.id for p in corpus.load().search('"humanitarian corridor"').passages()]
        ['wiki.19']
        """
        if isinstance(self._found, _Found):
            return self._found.passages()
        return tuple(hit.passage for hit in self._found)

    def documents(self) -> tuple[Document, ...]:
        """The documents with at least one hit, in corpus order."""
        found = dict.fromkeys(h.passage.document_id for h in self)
        return tuple(self._documents[d] for d in found)

    def count_by(self, key: str, *, matches: bool = False) -> dict[str, int]:
        """How many hits (passages) fall under each stance, document, genre, voice or language.

        With ``matches=True`` every matched span counts. A passage giving several voices counts
        under each of them.
        """
        if key not in COUNT_KEYS:
            raise NotFound(f"cannot count by {key!r}; count by one of: {', '.join(COUNT_KEYS)}")
        counts: dict[str, int] = {}
        for hit in self:
            for label in self._labels(hit.passage, key):
                counts[label] = counts.get(label, 0) + (len(hit.spans) if matches else 1)
        return counts

    def _labels(self, passage: Passage, key: str) -> tuple[str, ...]:
        document = self._documents[passage.document_id]
        if key == "voice":
            return tuple(dict.fromkeys(v.id for chain in passage.voices for v in chain))
        value = {
            "stance": _label(document.stance),
            "genre": _label(document.genre),
            "document": document.id,
            "lang": passage.lang,
        }[key]
        return (value,)

    def concordance(self, width: int = 40) -> Concordance:
        """Every match with ``width`` characters of context each side, as printed."""
        lines = []
        for hit in self:
            text = hit.passage.text
            for start, end in hit.spans:
                left = " ".join(text[max(0, start - width) : start].split())
                right = " ".join(text[end : end + width].split())
                lines.append(
                    ConcordanceLine(hit.passage.id, left, text[start:end], right, (start, end))
                )
        return Concordance(tuple(lines), self.query, width)

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter, a row per passage, the matches in brackets."""
        rows = [
            (
                hit.passage.id,
                "".join(
                    f"[{piece}]" if match else piece
                    for piece, match in marked_pieces(hit.passage.text, hit.spans)
                ),
            )
            for hit in self
        ]
        caption = f"{len(self)} passage(s) for {self.query!r}"
        return _display.html_table(caption, ("passage", "text"), rows)

    def to_records(self) -> list[dict[str, object]]:
        """Plain dicts, one per hit, ready for JSON, CSV or a data frame."""
        records: list[dict[str, object]] = []
        for hit in self:
            passage = hit.passage
            document = self._documents[passage.document_id]
            records.append(
                {
                    "passage_id": passage.id,
                    "document_id": document.id,
                    "kind": passage.kind,
                    "stance": document.stance.label if document.stance else None,
                    "genre": document.genre.label if document.genre else None,
                    "voice": chain_label(passage.voice) or None,
                    "voices": [chain_label(chain) for chain in passage.voices],
                    "spans": [list(span) for span in hit.spans],
                    "matches": list(hit.matches),
                    "text": passage.text,
                }
            )
        return records


def _label(value: Classification | None) -> str:
    """A category label; TEI written elsewhere has no stance or genre: ``"unclassified"``."""
    return value.label if value is not None else "unclassified"


@attrs.frozen
class ConcordanceLine(_Rendered):
    """One keyword-in-context line: the match as printed with its left and right context."""

    passage_id: str
    left: str
    match: str
    right: str
    span: tuple[int, int]

    def __str__(self) -> str:
        return f"{self.left} [{self.match}] {self.right}"


@attrs.frozen
class Concordance(_Rendered, _Rows[ConcordanceLine]):
    """Keyword-in-context lines of a query, in corpus order; renders as an aligned table."""

    lines: tuple[ConcordanceLine, ...]
    query: str
    width: int

    _rows = "lines"

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter: left context, match, right context, passage."""
        rows = ((line.left, line.match, line.right, line.passage_id) for line in self.lines)
        caption = f"{len(self.lines)} line(s) for {self.query!r}"
        return _display.html_table(caption, ("left", "match", "right", "passage"), rows)
