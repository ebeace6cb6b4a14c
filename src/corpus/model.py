"""Frozen values that make up a loaded corpus. Nothing here knows about XML."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Literal, TypeVar, overload

import attrs

from corpus.errors import AmbiguousName, NotFound
from corpus.text import fold, fold_name, words

__all__ = [
    "Actor",
    "Category",
    "Change",
    "Citation",
    "Classification",
    "Comparison",
    "Concordance",
    "ConcordanceLine",
    "Cooccurrence",
    "Corpus",
    "Correction",
    "Document",
    "EventName",
    "Hit",
    "Hits",
    "Mention",
    "Passage",
    "Quote",
    "QuoteGroup",
    "Reference",
    "Relation",
    "Source",
    "SourceDate",
    "Spelling",
    "Voice",
]


class _Rendered:
    """Rich protocols for every public value: rendered by `corpus.render`, imported lazily."""

    __slots__ = ()

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from corpus.render import renderable

        yield renderable(self)

    def __rich_repr__(self) -> Any:
        for field in attrs.fields(type(self)):  # type: ignore[arg-type]
            if field.repr and not field.name.startswith("_"):
                value = getattr(self, field.name)
                if field.default is attrs.NOTHING:
                    yield field.name, value
                else:
                    yield field.name, value, field.default

    def _repr_mimebundle_(
        self, include: Sequence[str] = (), exclude: Sequence[str] = (), **kwargs: Any
    ) -> dict[str, str]:
        """Display in Jupyter through rich's own support."""
        from rich.jupyter import JupyterMixin

        return JupyterMixin._repr_mimebundle_(self, include, exclude, **kwargs)


Certainty = Literal["high", "medium", "low", "unknown"]
T = TypeVar("T")


def _compress(text: str | bytes) -> bytes:
    """Source texts are kept compressed: they are read rarely and are as large as the passages."""
    import zlib

    return text if isinstance(text, bytes) else zlib.compress(text.encode("utf-8"))


@attrs.frozen
class Category(_Rendered):
    """One category of a taxonomy in the corpus header, e.g. ``stance.genocide``."""

    id: str
    taxonomy: str
    label: str
    description: str


@attrs.frozen
class Classification(_Rendered):
    """Where a text stands in a taxonomy, how sure the encoders are, and why.

    ``str()`` gives the category label: ``str(doc.stance) == "genocide"``.
    """

    category: Category
    cert: Certainty | None
    evidence: str | None
    passages: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.category.id

    @property
    def label(self) -> str:
        return self.category.label

    def __str__(self) -> str:
        return self.category.label


@attrs.frozen
class SourceDate(_Rendered):
    """A source's date: stated by the source, or derived from its text with evidence.

    Values are ISO 8601 strings as precise as the evidence allows (``"2015"``, ``"2018-02-20"``).
    """

    printed: str | None
    when: str | None
    not_before: str | None
    not_after: str | None
    derived: bool
    cert: Certainty | None
    evidence: str | None

    @property
    def known(self) -> bool:
        return any((self.when, self.not_before, self.not_after))

    def __str__(self) -> str:
        if self.when:
            value = self.when
        elif self.not_before and self.not_after:
            value = f"{self.not_before} to {self.not_after}"
        elif self.not_before:
            value = f"not before {self.not_before}"
        elif self.not_after:
            value = f"not after {self.not_after}"
        else:
            return "unknown"
        return f"{value} (derived, {self.cert} certainty)" if self.derived else value


@attrs.frozen
class Source(_Rendered):
    """What a source states about itself; ``None`` where it does not say (see ``unknown``)."""

    title: str
    subtitle: str | None
    authors: tuple[str, ...]
    publisher: str | None
    site: str | None
    date: SourceDate
    url: str | None
    language: str
    other_languages: tuple[str, ...]
    capture: str
    unknown: tuple[str, ...]


@attrs.frozen
class EventName(_Rendered):
    """A word a text uses for the events: its category, the printed form, and whose usage it is."""

    category: str
    form: str
    reported: bool


ActorKind = Literal["person", "org", "place", "unit", "collective"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "org", "place", "unit", "collective")


@attrs.frozen
class Mention(_Rendered):
    """One occurrence of an actor in a passage: the spelling as printed and where it stands.

    ``span`` is a ``(start, end)`` range into ``Passage.text``; ``kind`` is ``"name"`` for a
    printed name and ``"description"`` for a descriptive reference ("the current President of
    Armenia"); ``cert`` is set where the resolution to the actor is inferred.
    """

    actor_id: str
    passage_id: str
    text: str
    span: tuple[int, int]
    cert: Certainty | None = None
    kind: Literal["name", "description"] = "name"
    actor_kind: ActorKind | None = None


@attrs.frozen
class Relation(_Rendered):
    """A relation between two actors that a text states, with the passages that state it."""

    type: str
    actor_id: str
    other_id: str
    passages: tuple[str, ...]


@attrs.frozen
class Actor(_Rendered):
    """A registered person, organisation, place, armed unit or collective agent."""

    id: str
    kind: ActorKind
    name: str
    names: tuple[str, ...]
    description: str = ""
    relations: tuple[Relation, ...] = ()

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Spelling(_Rendered):
    """How often one document prints a name in one form: an actor's spelling, a work's citation."""

    document_id: str
    text: str
    count: int


def tally(forms: Iterable[tuple[str, str]]) -> tuple[Spelling, ...]:
    """Count ``(document_id, printed form)`` pairs, in order of first appearance."""
    counts: dict[tuple[str, str], int] = {}
    for key in forms:
        counts[key] = counts.get(key, 0) + 1
    return tuple(Spelling(document, text, n) for (document, text), n in counts.items())


@attrs.frozen
class Cooccurrence(_Rendered):
    """Another actor named in the same passages as the one asked about."""

    actor_id: str
    count: int
    passages: tuple[str, ...]


# ------------------------------------------------------------------ works, citations, quotes


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


@attrs.frozen
class Voice(_Rendered):
    """Whose account a passage gives: an actor (``kind="actor"``) or a voice category.

    ``id`` is an actor id (``"human-rights-watch"``) or a category id (``"voice.author"``).
    """

    id: str
    kind: Literal["actor", "category"]

    def __str__(self) -> str:
        return self.id


AUTHOR_VOICE = Voice("voice.author", "category")


@attrs.frozen
class Correction(_Rendered):
    """An editor's correction standing beside the printed form, which is what the text keeps.

    ``span`` is where the printed form stands in ``Passage.text``.
    """

    span: tuple[int, int]
    printed: str
    corrected: str


@attrs.frozen
class Passage(_Rendered):
    """One head, paragraph, block, list item, byline or note, with its stable id.

    ``text`` is the passage as printed, with layout whitespace collapsed to single spaces; no-break
    spaces, typos and spellings are kept.
    """

    id: str
    document_id: str
    text: str
    kind: str
    boilerplate: bool = False
    lang: str = "en"
    turn: str | None = None
    translation: str | None = None
    mentions: tuple[Mention, ...] = attrs.field(default=(), repr=False)
    citations: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    quotes: tuple[Quote, ...] = attrs.field(default=(), repr=False)
    voices: tuple[tuple[Voice, ...], ...] = attrs.field(default=((AUTHOR_VOICE,),), repr=False)
    corrections: tuple[Correction, ...] = attrs.field(default=(), repr=False)

    @property
    def voice(self) -> tuple[Voice, ...]:
        """Whose account the passage chiefly gives, as a chain, outermost first.

        The text's own voice (``voice.author``) by default; a passage that reports several parties
        in turn lists them all in ``voices``, the chief one first.
        """
        return self.voices[0]

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Document(_Rendered):
    """One source text: metadata, classification and passages in order."""

    id: str
    title: str
    source: Source
    stance: Classification
    genre: Classification
    language: str
    passages: tuple[Passage, ...] = attrs.field(repr=False)
    event_names: tuple[EventName, ...] = attrs.field(repr=False)
    _source_text: bytes = attrs.field(repr=False, alias="source_text", converter=_compress)
    quotes: tuple[Quote, ...] = attrs.field(default=(), repr=False)
    data_version: str = attrs.field(default="", repr=False)

    def source_text(self) -> str:
        """Every character of the source in order: boilerplate included, corrections not applied.

        Blocks are separated by line breaks and original line breaks are restored where the
        corpus records them, so it equals the capture up to whitespace.
        """
        import zlib

        return zlib.decompress(self._source_text).decode("utf-8")

    def article_passages(self) -> tuple[Passage, ...]:
        """The passages that are not website boilerplate."""
        return tuple(p for p in self.passages if not p.boilerplate)


# ------------------------------------------------------------------ search results


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


@attrs.frozen
class Hits(_Rendered, Sequence[Hit]):
    """The passages a search found, in corpus order: a sequence of `Hit`.

    >>> import corpus
    >>> hits = corpus.load().search("corridor OR corridors")
    >>> hits.count_by("document")
    {'wiki': 5}
    """

    hits: tuple[Hit, ...]
    query: str
    _documents: Mapping[str, Document] = attrs.field(repr=False, eq=False, alias="documents")

    def __len__(self) -> int:
        return len(self.hits)

    @overload
    def __getitem__(self, index: int) -> Hit: ...
    @overload
    def __getitem__(self, index: slice) -> Hits: ...
    def __getitem__(self, index: int | slice) -> Hit | Hits:
        if isinstance(index, slice):
            return Hits(self.hits[index], self.query, self._documents)
        return self.hits[index]

    def documents(self) -> tuple[Document, ...]:
        """The documents with at least one hit, in corpus order."""
        found = dict.fromkeys(h.passage.document_id for h in self.hits)
        return tuple(self._documents[d] for d in found)

    def count_by(self, key: str, *, matches: bool = False) -> dict[str, int]:
        """How many hits (passages) fall under each stance, document, genre, voice or language.

        With ``matches=True`` every matched span counts. A passage giving several voices counts
        under each of them.
        """
        if key not in COUNT_KEYS:
            raise NotFound(f"cannot count by {key!r}; count by one of: {', '.join(COUNT_KEYS)}")
        counts: dict[str, int] = {}
        for hit in self.hits:
            for label in self._labels(hit.passage, key):
                counts[label] = counts.get(label, 0) + (len(hit.spans) if matches else 1)
        return counts

    def _labels(self, passage: Passage, key: str) -> tuple[str, ...]:
        document = self._documents[passage.document_id]
        if key == "voice":
            return tuple(dict.fromkeys(v.id for chain in passage.voices for v in chain))
        value = {
            "stance": document.stance.label,
            "genre": document.genre.label,
            "document": document.id,
            "lang": passage.lang,
        }[key]
        return (value,)

    def concordance(self, width: int = 40) -> Concordance:
        """Every match with ``width`` characters of context each side, as printed."""
        lines = []
        for hit in self.hits:
            text = hit.passage.text
            for start, end in hit.spans:
                left = " ".join(text[max(0, start - width) : start].split())
                right = " ".join(text[end : end + width].split())
                lines.append(
                    ConcordanceLine(hit.passage.id, left, text[start:end], right, (start, end))
                )
        return Concordance(tuple(lines), self.query, width)

    def to_records(self) -> list[dict[str, object]]:
        """Plain dicts, one per hit, ready for JSON, CSV or a data frame."""
        records: list[dict[str, object]] = []
        for hit in self.hits:
            passage = hit.passage
            document = self._documents[passage.document_id]
            records.append(
                {
                    "passage_id": passage.id,
                    "document_id": document.id,
                    "kind": passage.kind,
                    "stance": document.stance.label,
                    "genre": document.genre.label,
                    "voice": [v.id for v in passage.voice],
                    "spans": [list(span) for span in hit.spans],
                    "matches": list(hit.matches),
                    "text": passage.text,
                }
            )
        return records


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
class Concordance(_Rendered, Sequence[ConcordanceLine]):
    """Keyword-in-context lines of a query, in corpus order; renders as an aligned table."""

    lines: tuple[ConcordanceLine, ...]
    query: str
    width: int

    def __len__(self) -> int:
        return len(self.lines)

    @overload
    def __getitem__(self, index: int) -> ConcordanceLine: ...
    @overload
    def __getitem__(self, index: slice) -> Concordance: ...
    def __getitem__(self, index: int | slice) -> ConcordanceLine | Concordance:
        if isinstance(index, slice):
            return Concordance(self.lines[index], self.query, self.width)
        return self.lines[index]


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


def _freeze(mapping: dict[str, T]) -> Mapping[str, T]:
    return MappingProxyType(mapping)


@attrs.frozen
class Corpus(_Rendered):
    """A loaded corpus: documents in a stable order, with lookups by id."""

    title: str
    version: str
    documents: tuple[Document, ...]
    categories: tuple[Category, ...] = attrs.field(repr=False)
    path: str = attrs.field(repr=False)
    register: tuple[Actor, ...] = attrs.field(default=(), repr=False)
    works: tuple[Reference, ...] = attrs.field(default=(), repr=False)
    quotation_groups: tuple[QuoteGroup, ...] = attrs.field(default=(), repr=False)
    _documents_by_id: Mapping[str, Document] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _passages_by_id: Mapping[str, Passage] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _actors_by_id: Mapping[str, Actor] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _actors_by_name: Mapping[str, tuple[str, ...]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _works_by_id: Mapping[str, Reference] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _index: Any = attrs.field(init=False, default=None, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_documents_by_id", _freeze({d.id: d for d in self.documents}))
        object.__setattr__(
            self,
            "_passages_by_id",
            _freeze({p.id: p for d in self.documents for p in d.passages}),
        )
        object.__setattr__(self, "_actors_by_id", _freeze({a.id: a for a in self.register}))
        by_name: dict[str, tuple[str, ...]] = {}
        for actor in self.register:
            for name in (actor.name, *actor.names):
                ids = by_name.get(fold_name(name), ())
                if actor.id not in ids:
                    by_name[fold_name(name)] = (*ids, actor.id)
        object.__setattr__(self, "_actors_by_name", _freeze(by_name))
        object.__setattr__(self, "_works_by_id", _freeze({w.id: w for w in self.works}))

    def document(self, doc_id: str) -> Document:
        """The document with this id.

        >>> import corpus
        >>> corpus.load().document("wiki").title
        'Khojaly massacre'
        """
        try:
            return self._documents_by_id[doc_id]
        except KeyError:
            known = ", ".join(self._documents_by_id)
            raise NotFound(f"no document {doc_id!r}; the documents are: {known}") from None

    def passage(self, passage_id: str) -> Passage:
        """The passage with this stable id, e.g. ``"wiki.4"``."""
        try:
            return self._passages_by_id[passage_id]
        except KeyError:
            doc_id = passage_id.partition(".")[0]
            doc = self._documents_by_id.get(doc_id)
            hint = (
                f"{doc_id} has passages {doc.passages[0].id} to {doc.passages[-1].id}"
                if doc is not None
                else "passage ids are DOC.N, e.g. wiki.4; see corpus.load().documents for DOC"
            )
            raise NotFound(f"no passage {passage_id!r}; {hint}") from None

    def taxonomy(self, name: str) -> tuple[Category, ...]:
        """Every category of a taxonomy, used or not: ``stance``, ``genre`` or ``event-names``."""
        found = tuple(c for c in self.categories if c.taxonomy == name)
        if not found:
            names = ", ".join(sorted({c.taxonomy for c in self.categories}))
            raise NotFound(f"no taxonomy {name!r}; the taxonomies are: {names}")
        return found

    # ------------------------------------------------------------------ actors

    def actors(self, kind: str | None = None) -> tuple[Actor, ...]:
        """Registered actors in register order, optionally of one kind.

        Kinds are ``person``, ``org``, ``place``, ``unit`` and ``collective``.
        """
        if kind is None:
            return self.register
        if kind not in ACTOR_KINDS:
            raise NotFound(f"no actor kind {kind!r}; the kinds are: {', '.join(ACTOR_KINDS)}")
        return tuple(a for a in self.register if a.kind == kind)

    def actor(self, name: str | Actor) -> Actor:
        """The actor with this id or any of its spellings, folded for case, accents and ``'s``.

        >>> import corpus
        >>> corpus.load().actor("Sarkisian").id
        'serzh-sargsyan'
        """
        if isinstance(name, Actor):
            return name
        found = self._actors_by_id.get(name)
        if found is not None:
            return found
        ids = self._actors_by_name.get(fold_name(name), ())
        if len(ids) == 1:
            return self._actors_by_id[ids[0]]
        if ids:
            listed = "; ".join(f"{i} ({self._actors_by_id[i].name})" for i in ids)
            raise AmbiguousName(
                f"{name!r} names more than one actor: {listed}; ask by id instead", ids
            )
        import difflib

        printed = {fold_name(n): n for a in self.register for n in (a.name, *a.names)}
        suggestions = difflib.get_close_matches(fold_name(name), printed, n=5)
        hint = (
            "closest spellings: " + ", ".join(printed[s] for s in suggestions)
            if suggestions
            else "see corpus.load().actors() for every actor"
        )
        raise NotFound(f"no actor named {name!r}; {hint}")

    def passages(self, *, actor: str | Actor | None = None) -> tuple[Passage, ...]:
        """Passages in corpus order; with ``actor``, only those that mention that actor.

        >>> import corpus
        >>> [p.id for p in corpus.load().passages(actor="Robert Kocharyan")]
        ['embassy.11']
        """
        if actor is None:
            return tuple(self._passages_by_id.values())
        actor_id = self.actor(actor).id
        return tuple(
            p
            for p in self._passages_by_id.values()
            if any(m.actor_id == actor_id for m in p.mentions)
        )

    def mentions(self, actor: str | Actor) -> tuple[Mention, ...]:
        """Every mention of an actor, in corpus order."""
        actor_id = self.actor(actor).id
        return tuple(
            m
            for d in self.documents
            for p in d.passages
            for m in p.mentions
            if m.actor_id == actor_id
        )

    def spellings(self, actor: str | Actor) -> tuple[Spelling, ...]:
        """Which document prints the actor's name in which spelling, and how often.

        Descriptive references ("the current President of Armenia") are mentions, not
        spellings, and are left out.
        """
        return tally(
            (self._passages_by_id[m.passage_id].document_id, m.text)
            for m in self.mentions(actor)
            if m.kind == "name"
        )

    def cooccurrences(self, actor: str | Actor) -> tuple[Cooccurrence, ...]:
        """Other actors named in the same passages, most frequent first."""
        actor_id = self.actor(actor).id
        shared: dict[str, list[str]] = {}
        for mention in self.mentions(actor_id):
            passage = self._passages_by_id[mention.passage_id]
            for other in {m.actor_id for m in passage.mentions} - {actor_id}:
                if passage.id not in shared.setdefault(other, []):
                    shared[other].append(passage.id)
        found = [Cooccurrence(other, len(ps), tuple(ps)) for other, ps in shared.items()]
        return tuple(sorted(found, key=lambda c: (-c.count, c.actor_id)))

    # ------------------------------------------------------------------ works and citations

    def references(self, kind: str | None = None) -> tuple[Reference, ...]:
        """Every cited work in register order, optionally of one kind (see `REFERENCE_KINDS`).

        >>> import corpus
        >>> [r.id for r in corpus.load().references("convention")]
        ['genocide-convention']
        """
        if kind is None:
            return self.works
        if kind not in REFERENCE_KINDS:
            raise NotFound(
                f"no reference kind {kind!r}; the kinds are: {', '.join(REFERENCE_KINDS)}"
            )
        return tuple(w for w in self.works if w.kind == kind)

    def reference(self, reference: str | Reference) -> Reference:
        """The work with this id.

        >>> import corpus
        >>> corpus.load().reference("black-garden").date
        '2004'
        """
        if isinstance(reference, Reference):
            return reference
        try:
            return self._works_by_id[reference]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(reference, self._works_by_id, n=5, cutoff=0.5)
            hint = (
                "closest ids: " + ", ".join(close)
                if close
                else "see corpus.load().references() for every work"
            )
            raise NotFound(f"no reference {reference!r}; {hint}") from None

    def citations(self, reference: str | Reference | None = None) -> tuple[Citation, ...]:
        """Every citation of a work (of every work without an argument), in corpus order.

        >>> import corpus
        >>> [c.text for c in corpus.load().citations("unsc-resolution-884")]
        ['resolution 884', 'UN Security Council resolutions 822, 853, 874, 884']
        """
        found = (c for p in self._passages_by_id.values() for c in p.citations)
        if reference is None:
            return tuple(found)
        work_id = self.reference(reference).id
        return tuple(c for c in found if c.reference_id == work_id)

    def cited_by(self, reference: str | Reference) -> tuple[Document, ...]:
        """The documents that cite a work, in corpus order.

        >>> import corpus
        >>> [d.id for d in corpus.load().cited_by("black-garden")]
        ['ndnnews', 'wiki']
        """
        cited = {self._passages_by_id[c.passage_id].document_id for c in self.citations(reference)}
        return tuple(d for d in self.documents if d.id in cited)

    # ------------------------------------------------------------------ quotations

    def quotes(
        self,
        speaker: str | Actor | None = None,
        group: str | QuoteGroup | None = None,
        source: str | Reference | None = None,
    ) -> tuple[Quote, ...]:
        """Every quotation in corpus order, narrowed by speaker, quotation group and source work.

        ``speaker`` is an actor, an id or any spelling.

        >>> import corpus
        >>> [q.id for q in corpus.load().quotes(speaker="Sarkisian", source="black-garden")]
        ['ndnnews.q1', 'wiki.q6', 'wiki.q7']
        """
        found = tuple(q for d in self.documents for q in d.quotes)
        if speaker is not None:
            speaker_id = self.actor(speaker).id
            found = tuple(q for q in found if q.speaker == speaker_id)
        if group is not None:
            group_id = self.quote_group(group).id
            found = tuple(q for q in found if q.group == group_id)
        if source is not None:
            source_id = self.reference(source).id
            found = tuple(q for q in found if q.source == source_id)
        return found

    def quote(self, quote_id: str) -> Quote:
        """The quotation with this id (``DOC.qN``, or ``DOC.tN`` for an interview turn)."""
        for quote in self.quotes():
            if quote.id == quote_id:
                return quote
        raise NotFound(f"no quotation {quote_id!r}; quotation ids are DOC.qN or DOC.tN")

    def quote_groups(self) -> tuple[QuoteGroup, ...]:
        """Every quotation group: the renditions of one utterance across texts."""
        return self.quotation_groups

    def quote_group(self, group: str | QuoteGroup) -> QuoteGroup:
        """The quotation group with this id."""
        if isinstance(group, QuoteGroup):
            return group
        for found in self.quotation_groups:
            if found.id == group:
                return found
        known = ", ".join(g.id for g in self.quotation_groups)
        raise NotFound(f"no quotation group {group!r}; the groups are: {known}")

    def compare(
        self, group: str | QuoteGroup, left: str | None = None, right: str | None = None
    ) -> Comparison:
        """Align two renditions of a quotation word by word: what was added, dropped or changed.

        ``left`` and ``right`` pick a rendition by quotation id or document id; by default the
        first two renditions in corpus order. Words are compared folded (case, accents,
        typographic quotes), so only wording differs.

        >>> import corpus
        >>> c = corpus.load().compare("sargsyan-stereotype", "boztepe", "huseynov")
        >>> c.dropped[:3]
        ('were able', 'break', 'stereotype')
        >>> c.added[:3]
        ('Before Khojaly', 'needed', 'put a stop to all')
        """
        found = self.quote_group(group)
        return compare_renditions(
            found.id, self._rendition(found, left, 0), self._rendition(found, right, 1)
        )

    @staticmethod
    def _rendition(group: QuoteGroup, choice: str | None, default: int) -> Quote:
        if choice is None:
            if len(group.renditions) <= default:
                raise NotFound(f"quotation group {group.id!r} has fewer than two renditions")
            return group.renditions[default]
        for quote in group.renditions:
            if choice in (quote.id, quote.document_id):
                return quote
        known = ", ".join(f"{q.id} ({q.document_id})" for q in group.renditions)
        raise NotFound(f"no rendition {choice!r} in quotation group {group.id!r}; it has: {known}")

    # ------------------------------------------------------------------ voices

    def voices(self) -> tuple[Voice, ...]:
        """Every voice some passage gives, in order of first appearance."""
        seen = {v: None for p in self._passages_by_id.values() for chain in p.voices for v in chain}
        return tuple(seen)

    # ------------------------------------------------------------------ search

    def search(
        self, query: str = "", *, regex: bool = False, timeout: float = 2.0, **filters: Any
    ) -> Hits:
        """Passages matching a query, in corpus order, with the matched spans.

        Bare words must all occur; ``"phrases"``, ``OR``, ``( )``, a leading ``-`` and
        ``word*`` work as in a search box; ``field:value`` filters narrow the passages: ``doc``,
        ``stance``, ``genre``, ``lang``, ``date`` (``1992`` or ``2010..2020``), ``actor``,
        ``cites``, ``speaker``, ``voice`` and ``in`` (head, p, note, quote, boilerplate —
        boilerplate is left out unless asked for). Keyword arguments give the same filters
        (``in_`` for ``in``; a list means any of its values). Matching folds case, accents and
        letters such as ``ı``, and ignores spaces, line breaks and punctuation between words.
        With ``regex=True`` the query is a Python regular expression run over the passage text
        as printed, stopped after ``timeout`` seconds.

        >>> import corpus
        >>> c = corpus.load()
        >>> [h.passage.id for h in c.search('"Xocali"')]
        ['ndnnews.12']
        >>> c.search("genocide", stance="multi").count_by("document")
        {'wiki': 3}
        """
        from corpus._load import paused_gc
        from corpus.query import search

        index = self._search_index()
        with (
            paused_gc()
        ):  # a search makes no reference cycles; at scale a collection would dominate
            found = search(self, index, query, regex=regex, timeout=timeout, filters=filters)
            hits = tuple(Hit(index.passages[number], spans) for number, spans in found)
        return Hits(hits, query, self._documents_by_id)

    def concordance(
        self, query: str, width: int = 40, *, regex: bool = False, **filters: Any
    ) -> Concordance:
        """Keyword in context: every match of a query with ``width`` characters each side.

        >>> import corpus
        >>> print(corpus.load().concordance('"humanitarian corridor"', width=20)[0])
        irclement through a [humanitarian corridor] along the Kar-Kar R
        """
        return self.search(query, regex=regex, **filters).concordance(width)

    def _search_index(self) -> Any:
        if self._index is None:
            from corpus._load import paused_gc
            from corpus.query import Index

            with paused_gc():
                object.__setattr__(self, "_index", Index(self._passages_by_id.values()))
        return self._index
