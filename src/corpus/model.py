"""Frozen values of a loaded corpus: documents, passages, actors and voices. No XML here.

Works, citations and quotations are in `corpus.works`, figures and attributions in
`corpus.claims`, search results in `corpus.hits`, and the `Corpus` facade in `corpus._corpus`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, overload

import attrs

from corpus import _display

if TYPE_CHECKING:
    from corpus.claims import Figure
    from corpus.works import Citation, Quote

if TYPE_CHECKING:
    from corpus.works import Citation, Quote

__all__ = [
    "AUTHOR_VOICE",
    "Actor",
    "Category",
    "Certainty",
    "Classification",
    "Cooccurrence",
    "Correction",
    "Document",
    "EventName",
    "Identification",
    "Mention",
    "Passage",
    "Proposal",
    "Relation",
    "Source",
    "SourceDate",
    "Spelling",
    "Voice",
]


class _Rendered:
    """Rich protocols for every public value: rendered by the renderer the package installs
    (`corpus._display`), which imports `corpus.render` on the first rendering."""

    __slots__ = ()

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield _display.renderable(self)

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


R = TypeVar("R")
S = TypeVar("S", bound="_Rows[Any]")


class _Rows(Sequence[R]):
    """A frozen value that is a sequence of the rows in one of its tuple fields (``_rows`` names
    it); a slice is the same value with fewer rows."""

    __slots__ = ()
    _rows: ClassVar[str]

    def __len__(self) -> int:
        return len(getattr(self, self._rows))

    def __iter__(self) -> Iterator[R]:
        return iter(getattr(self, self._rows))

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self: S, index: slice) -> S: ...
    def __getitem__(self: S, index: int | slice) -> R | S:
        rows = getattr(self, self._rows)
        if isinstance(index, slice):  # given by the field's argument name, for a private field
            field = attrs.fields_dict(type(self))[self._rows]  # type: ignore[arg-type]
            return attrs.evolve(self, **{field.alias or self._rows: rows[index]})  # type: ignore[misc]
        return rows[index]  # type: ignore[no-any-return]


Certainty = Literal["high", "medium", "low", "unknown"]


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
    #: e-mail addresses the page prints with the text
    emails: tuple[str, ...] = ()
    #: others the page credits, as (what they did, name) as printed: a site's designers
    credits: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class EventName(_Rendered):
    """A word a text uses for the events: its category, the printed form, and whose usage it is.

    ``count`` is how often the text names the events with a word of this category in this usage
    (its own, or reported), read off the inline ``term`` markup of the text; ``passages`` lists
    where, in order.
    """

    category: str
    form: str
    reported: bool
    count: int = 0
    passages: tuple[str, ...] = ()


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


ProposalKind = Literal["mention", "actor", "figure", "quote", "voice", "citation", "attribution"]
#: The kinds of proposal a draft holds, in the order ``corpus proposals --kind`` lists them.
PROPOSAL_KINDS: tuple[ProposalKind, ...] = (
    "mention",
    "actor",
    "figure",
    "quote",
    "voice",
    "citation",
    "attribution",
)


@attrs.frozen
class Proposal(_Rendered):
    """An annotation a rule proposed in a draft, with its id (``DOC.mN`` for a mention,
    ``DOC.fN`` for a figure), the rules that made it (``resp``, the id its ``@resp`` points at),
    how sure they are, and its ``status``: ``"proposed"`` until a person reviews it,
    ``"rejected"`` once rejected (an accepted one is an ordinary `Mention` or `Figure`).
    ``span`` is a range into ``Passage.text``. ``kind`` is ``"mention"`` (``actor_id`` names
    the actor), ``"figure"`` (``actor_id`` is empty; ``details`` holds the measure guessed,
    the value or bounds and the qualifier as printed), ``"quote"`` (``details`` holds the
    speaker proposed, or None), ``"voice"`` (``DOC.vN``: ``chains`` holds the voice chains
    a reporting frame names for the words in ``span``; accepted, they are among
    ``Passage.voices``), ``"citation"`` (``DOC.cN``: ``details`` holds the work proposed, or
    None, the kind, ``marker`` or ``named``, and a marker's number) or ``"actor"`` (``DOC.nN``:
    a name the register does not hold, a candidate actor; ``actor_id`` is empty until a person
    registers it) or ``"attribution"`` (``DOC.aN``: ``actor_id`` is the agent, ``details``
    hold it and the act, ``chains`` the one claimant chain). ``suggestion`` gives any of them
    as a dict."""

    id: str
    passage_id: str
    actor_id: str
    text: str
    span: tuple[int, int]
    cert: Certainty | None = None
    resp: str | None = None
    status: Literal["proposed", "rejected"] = "proposed"
    kind: ProposalKind = "mention"
    details: tuple[tuple[str, str | int | float | None], ...] = ()
    #: for a voice: the chains it suggests for its words, outermost first (parallel parties
    #: give one chain each), inside any voices proposed around it
    chains: tuple[tuple[Voice, ...], ...] = ()

    @property
    def suggestion(self) -> dict[str, Any]:
        """What the proposal suggests: ``{"actor": …}`` for a mention; the ``measure``,
        ``value``, ``low``, ``high`` and ``qualifier`` for a figure; the ``speaker`` for a
        quotation; the ``chains`` for a voice (each a list of ids, outermost first:
        ``{"chains": [["human-rights-watch"]]}``); the ``work``, ``kind`` and ``n`` for a
        citation (``{"work": "black-garden", "kind": "named", "n": None}``); the ``name`` for a
        candidate actor, with no ``actor`` yet; the ``agent``, ``act`` and ``claimant`` (a list of
        ids, outermost first) for an attribution."""
        if self.kind == "mention":
            return {"actor": self.actor_id}
        if self.kind == "actor":
            return {"actor": None, "name": self.text}
        if self.kind == "voice":
            return {"chains": [[v.id for v in chain] for chain in self.chains]}
        if self.kind == "attribution":
            claimant = [v.id for v in self.chains[0]] if self.chains else []
            return {**dict(self.details), "claimant": claimant}
        return dict(self.details)


@attrs.frozen
class Relation(_Rendered):
    """A relation between two actors: a claim of the texts that state it, or an editorial note.

    A relation a text states has the ``passages`` that state it (each mentions both actors) and
    the ``claimant`` that states it, a voice chain outermost first, as for figures and
    attributions: a claim, never a finding. An identification no text makes (two names for one
    body, a unit belonging to a party) can only be an editorial note: ``editorial`` is true,
    ``claimant`` is empty, ``resp`` names who made it, ``cert`` how sure they are and ``basis``
    why; ``passages`` are those the basis rests on. It is never shown as a text's claim.
    """

    type: str
    actor_id: str
    other_id: str
    passages: tuple[str, ...]
    claimant: tuple[Voice, ...] = ()
    editorial: bool = False
    cert: Certainty | None = None
    resp: str | None = None
    basis: str = ""

    @property
    def claimed_by(self) -> str:
        """The claimant chain as one string, or ``"editorial (resp, cert certainty)"``."""
        if self.editorial:
            return f"editorial ({self.resp}, {self.cert} certainty)"
        return chain_label(self.claimant)


@attrs.frozen
class Identification(_Rendered):
    """An editorial note that the register takes spellings printed by different texts as one
    actor although no text says they name the same one: ``resp`` who made the identification,
    ``cert`` how sure they are, ``basis`` why. Never a claim of a text."""

    basis: str
    resp: str | None
    cert: Certainty | None

    def __str__(self) -> str:
        return f"editorial identification ({self.resp}, {self.cert} certainty): {self.basis}"


@attrs.frozen
class Actor(_Rendered):
    """A registered person, organisation, place, armed unit or collective agent.

    ``identification`` is set where the entry joins spellings of several texts that no text
    identifies with each other (an editorial note, see `Identification`).
    """

    id: str
    kind: ActorKind
    name: str
    names: tuple[str, ...]
    description: str = ""
    relations: tuple[Relation, ...] = ()
    identification: Identification | None = None
    #: false where the id was computed at load time from the entry's position (TEI written
    #: elsewhere, no xml:id): such an id changes when entries are added before it
    stable: bool = attrs.field(default=True, repr=False)

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


def chain_label(chain: tuple[Voice, ...]) -> str:
    """A voice chain as one string, outermost first: ``"new-york-times → rasim-agayev"``."""
    return " → ".join(v.id for v in chain)


@attrs.frozen
class Correction(_Rendered):
    """An editor's correction standing beside the printed form, which is what the text keeps.

    ``span`` is where the printed form stands in ``Passage.text``.
    """

    span: tuple[int, int]
    printed: str
    corrected: str


#: The fields of a `Passage` that a compiled load builds when one of them is first read: until
#: then their records wait, compact, in the passage (see `corpus._cache`).
LAZY_FIELDS = ("mentions", "citations", "figures", "proposals")


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
    figures: tuple[Figure, ...] = attrs.field(default=(), repr=False)
    #: false where the id was computed at load time (TEI written elsewhere, no xml:id): such an
    #: id is deterministic for the same file but changes when passages are added before it
    stable: bool = attrs.field(default=True, repr=False)
    #: mentions a rule proposed (``<rs subtype="proposed">`` in a draft, with ``@resp`` and
    #: ``@cert``) and no one has reviewed: kept apart from ``mentions`` until accepted
    proposals: tuple[Proposal, ...] = attrs.field(default=(), repr=False)
    #: a compiled load's chunk of stored annotations (see `LAZY_FIELDS`): called when one of
    #: them is first read, it builds them
    _pending: Any = attrs.field(default=None, init=False, repr=False, eq=False, hash=False)

    if not TYPE_CHECKING:  # a type checker would take every attribute for one of these

        def __getattr__(self, name: str) -> Any:
            # Only reached for a field a compiled load has not built yet (an unset slot).
            pending = object.__getattribute__(self, "_pending")
            if pending is None or name not in LAZY_FIELDS:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}", name=name
                )
            pending()  # gives this passage, and those stored with it, their fields
            return object.__getattribute__(self, name)

    @property
    def voice(self) -> tuple[Voice, ...]:
        """Whose account the passage chiefly gives, as a chain, outermost first.

        The text's own voice (``voice.author``) by default; a passage that reports several parties
        in turn lists them all in ``voices``, the chief one first. Empty for TEI written elsewhere,
        which records no voices.
        """
        return self.voices[0] if self.voices else ()

    def __str__(self) -> str:
        return self.text


@attrs.frozen
class Document(_Rendered):
    """One source text: metadata, classification and passages in order.

    ``stance`` and ``genre`` are ``None`` for TEI written elsewhere, which has no such
    classification; its ``textClass`` keywords are in ``keywords`` and its ``catRef``
    categories in ``classes``.
    """

    id: str
    title: str
    source: Source
    stance: Classification | None
    genre: Classification | None
    language: str
    passages: tuple[Passage, ...] = attrs.field(repr=False)
    event_names: tuple[EventName, ...] = attrs.field(repr=False)
    _source_text: bytes = attrs.field(repr=False, alias="source_text", converter=_compress)
    quotes: tuple[Quote, ...] = attrs.field(default=(), repr=False)
    data_version: str = attrs.field(default="", repr=False)
    keywords: tuple[str, ...] = attrs.field(default=(), repr=False)
    classes: tuple[Classification, ...] = attrs.field(default=(), repr=False)

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
