"""Frozen values that make up a loaded corpus. Nothing here knows about XML."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, TypeVar

import attrs

from corpus.errors import AmbiguousName, NotFound
from corpus.text import fold_name

__all__ = [
    "Actor",
    "Category",
    "Classification",
    "Cooccurrence",
    "Corpus",
    "Document",
    "EventName",
    "Mention",
    "Passage",
    "Relation",
    "Source",
    "SourceDate",
    "Spelling",
]

Certainty = Literal["high", "medium", "low", "unknown"]
T = TypeVar("T")


@attrs.frozen
class Category:
    """One category of a taxonomy in the corpus header, e.g. ``stance.genocide``."""

    id: str
    taxonomy: str
    label: str
    description: str


@attrs.frozen
class Classification:
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
class SourceDate:
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
class Source:
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
class EventName:
    """A word a text uses for the events: its category, the printed form, and whose usage it is."""

    category: str
    form: str
    reported: bool


ActorKind = Literal["person", "org", "place", "unit", "collective"]
ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "org", "place", "unit", "collective")


@attrs.frozen
class Mention:
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


@attrs.frozen
class Relation:
    """A relation between two actors that a text states, with the passages that state it."""

    type: str
    actor_id: str
    other_id: str
    passages: tuple[str, ...]


@attrs.frozen
class Actor:
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
class Spelling:
    """How often one document prints an actor's name in one spelling."""

    document_id: str
    text: str
    count: int


@attrs.frozen
class Cooccurrence:
    """Another actor named in the same passages as the one asked about."""

    actor_id: str
    count: int
    passages: tuple[str, ...]


@attrs.frozen
class Passage:
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

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Document:
    """One source text: metadata, classification and passages in order."""

    id: str
    title: str
    source: Source
    stance: Classification
    genre: Classification
    language: str
    passages: tuple[Passage, ...] = attrs.field(repr=False)
    event_names: tuple[EventName, ...] = attrs.field(repr=False)
    _source_text: str = attrs.field(repr=False, alias="source_text")

    def source_text(self) -> str:
        """Every character of the source in order: boilerplate included, corrections not applied.

        Blocks are separated by line breaks and original line breaks are restored where the
        corpus records them, so it equals the capture up to whitespace.
        """
        return self._source_text

    def article_passages(self) -> tuple[Passage, ...]:
        """The passages that are not website boilerplate."""
        return tuple(p for p in self.passages if not p.boilerplate)


def _freeze(mapping: dict[str, T]) -> Mapping[str, T]:
    return MappingProxyType(mapping)


@attrs.frozen
class Corpus:
    """A loaded corpus: documents in a stable order, with lookups by id."""

    title: str
    version: str
    documents: tuple[Document, ...]
    categories: tuple[Category, ...] = attrs.field(repr=False)
    path: str = attrs.field(repr=False)
    register: tuple[Actor, ...] = attrs.field(default=(), repr=False)
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
        counts: dict[tuple[str, str], int] = {}
        for mention in self.mentions(actor):
            if mention.kind != "name":
                continue
            key = (self._passages_by_id[mention.passage_id].document_id, mention.text)
            counts[key] = counts.get(key, 0) + 1
        return tuple(Spelling(doc, text, n) for (doc, text), n in counts.items())

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
