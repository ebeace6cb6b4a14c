"""The `Corpus` facade: a loaded corpus with lookups by id and every query."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from corpus._gc import paused_gc
from corpus.claims import Attribution, Figure, FigureTable, figure_table
from corpus.errors import AmbiguousName, CorpusError, NotFound
from corpus.hits import Concordance, Hits, _Found
from corpus.model import (
    ACTOR_KINDS,
    PROPOSAL_KINDS,
    Actor,
    Category,
    Cooccurrence,
    Document,
    Mention,
    Passage,
    _Rendered,
    tally,
)
from corpus.results import (
    Actors,
    Attributions,
    Categories,
    Citations,
    Cooccurrences,
    Documents,
    Figures,
    Mentions,
    Passages,
    Proposals,
    QuoteGroups,
    Quotes,
    References,
    Reuses,
    Spellings,
    Voices,
)
from corpus.text import fold_name, tokens
from corpus.works import (
    REFERENCE_KINDS,
    Comparison,
    Quote,
    QuoteGroup,
    Reference,
    compare_renditions,
    shared_wording,
)

if TYPE_CHECKING:
    from corpus.report import LoadReport, Unmapped

__all__ = ["Corpus", "combine"]

T = TypeVar("T")
C = TypeVar("C", Figure, Attribution)
#: the events figures are compared for unless another scope is asked for
DEFAULT_SCOPE = "khojaly"


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
    #: every attribution of responsibility in claims.xml, in corpus order (of their passages)
    responsibility: tuple[Attribution, ...] = attrs.field(default=(), repr=False)
    #: the files read, where more than ``path`` (TEI written elsewhere, combined corpora)
    sources: tuple[str, ...] = attrs.field(default=(), repr=False)
    unmapped: tuple[Unmapped, ...] = attrs.field(default=(), repr=False)
    _documents_by_id: Mapping[str, Document] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _passages_by_id: Mapping[str, Passage] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )
    _actors_by_id: Mapping[str, Actor] = attrs.field(init=False, repr=False, eq=False, hash=False)
    #: folded spelling → actor ids, built on the first lookup by name (folding costs)
    _actors_by_name: Mapping[str, tuple[str, ...]] | None = attrs.field(
        init=False, default=None, repr=False, eq=False, hash=False
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
        object.__setattr__(self, "_works_by_id", _freeze({w.id: w for w in self.works}))

    def _names(self) -> Mapping[str, tuple[str, ...]]:
        """Folded spelling → the ids of the actors spelled so; built once, when first asked."""
        if self._actors_by_name is None:
            by_name: dict[str, tuple[str, ...]] = {}
            for actor in self.register:
                for name in (actor.name, *actor.names):
                    key = fold_name(name)
                    ids = by_name.get(key, ())
                    if actor.id not in ids:
                        by_name[key] = (*ids, actor.id)
            object.__setattr__(self, "_actors_by_name", _freeze(by_name))
        return self._actors_by_name  # type: ignore[return-value]

    def __or__(self, other: object) -> Corpus:
        """Both corpora as one: ``corpus.load() | corpus.load("play.xml")``.

        Document ids must be distinct; a clash raises `CorpusError` naming both sources.
        """
        if not isinstance(other, Corpus):
            return NotImplemented
        return combine((self, other))

    def __repr__(self) -> str:
        passages = sum(len(d.passages) for d in self.documents)
        return (
            f"Corpus({self.title!r}, version={self.version!r}, {len(self.documents)} documents, "
            f"{passages} passages, path={self.path!r})"
        )

    def report(self) -> LoadReport:
        """What loading did not map: markup kept as plain text, content skipped, computed ids.

        Empty for a corpus in this project's own layout.
        """
        from corpus.report import LoadReport

        return LoadReport(self.sources or (self.path,), self.unmapped)

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
            doc_id = passage_id.partition(".")[0].partition(":")[0]  # DOC.ID, or DOC:N
            doc = self._documents_by_id.get(doc_id)
            hint = (
                f"{doc_id} has passages {doc.passages[0].id} to {doc.passages[-1].id}"
                if doc is not None
                else "passage ids are DOC.N, e.g. wiki.4; see corpus.load().documents for DOC"
            )
            raise NotFound(f"no passage {passage_id!r}; {hint}") from None

    def taxonomy(self, name: str) -> Categories:
        """Every category of a taxonomy, used or not: ``stance``, ``genre`` or ``event-names``."""
        found = tuple(c for c in self.categories if c.taxonomy == name)
        if not found:
            names = ", ".join(sorted({c.taxonomy for c in self.categories}))
            raise NotFound(f"no taxonomy {name!r}; the taxonomies are: {names}")
        return Categories(found)

    # ------------------------------------------------------------------ actors

    def actors(self, kind: str | None = None) -> Actors:
        """Registered actors in register order, optionally of one kind.

        Kinds are ``person``, ``org``, ``place``, ``unit`` and ``collective``.
        """
        if kind is None:
            return Actors(self.register)
        if kind not in ACTOR_KINDS:
            raise NotFound(f"no actor kind {kind!r}; the kinds are: {', '.join(ACTOR_KINDS)}")
        return Actors(a for a in self.register if a.kind == kind)

    def actor(self, name: str | Actor) -> Actor:
        """The actor with this id or any of its spellings, folded for case, accents and ``'s``.

        A part of a spelling, in whole words, names the actor when no other actor has a
        spelling with those words in a row; otherwise `AmbiguousName` lists the candidates.

        >>> import corpus
        >>> corpus.load().actor("Sarkisian").id
        'serzh-sargsyan'
        >>> corpus.load().actor("Minsk Group").id
        'osce-minsk-group'
        """
        if isinstance(name, Actor):
            return name
        found = self._actors_by_id.get(name)
        if found is not None:
            return found
        ids = self._names().get(fold_name(name), ()) or self._actors_by_words(name)
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

    def _actors_by_words(self, name: str) -> tuple[str, ...]:
        """The actors with a spelling that holds the words of ``name`` in a row, as whole
        words ("Minsk Group" in "OSCE Minsk Group", "de-Wall" in "Thomas de-Wall")."""
        wanted = tuple(w for w, _, _ in tokens(fold_name(name)))
        if not wanted:
            return ()
        size = len(wanted)
        found = []
        for actor in self.register:
            for spelling in (actor.name, *actor.names):
                words = tuple(w for w, _, _ in tokens(fold_name(spelling)))
                if any(words[i : i + size] == wanted for i in range(len(words) - size + 1)):
                    found.append(actor.id)
                    break
        return tuple(found)

    def passages(self, *, actor: str | Actor | None = None) -> Passages:
        """Passages in corpus order; with ``actor``, only those that mention that actor.

        >>> import corpus
        >>> [p.id for p in corpus.load().passages(actor="Robert Kocharyan")]
        ['embassy.11']
        """
        if actor is None:
            return Passages(self._passages_by_id.values())
        actor_id = self.actor(actor).id
        return Passages(
            p
            for p in self._passages_by_id.values()
            if any(m.actor_id == actor_id for m in p.mentions)
        )

    def mentions(self, actor: str | Actor, *, proposed: bool = False) -> Mentions:
        """Every mention of an actor, in corpus order. With ``proposed=True``, a draft's open
        proposals of the actor count too, each as a mention with its rule's certainty, in its
        passage's order (reviewed mentions first)."""
        actor_id = self.actor(actor).id
        found = []
        for passage in self._passages_by_id.values():
            found += [m for m in passage.mentions if m.actor_id == actor_id]
            if proposed:
                found += [
                    Mention(actor_id, passage.id, p.text, p.span, p.cert, "name", None)
                    for p in passage.proposals
                    if p.kind == "mention" and p.actor_id == actor_id and p.status == "proposed"
                ]
        return Mentions(found)

    def proposals(
        self,
        actor: str | Actor | None = None,
        *,
        status: str | None = "proposed",
        kind: str | None = None,
    ) -> Proposals:
        """Mentions, figures, quotations and voices a rule proposed in a draft
        (`corpus.draft`), in corpus order: those not yet reviewed, or with
        ``status="rejected"`` those a person rejected, or with ``None`` both; optionally of one
        ``kind`` (``"mention"``, ``"figure"``, ``"quote"`` or ``"voice"``) or of one actor. None
        of them is in `mentions`, `figures`, `quotes`, `passages(actor=)`, ``Passage.voices``
        or the search's filters: an accepted proposal is an ordinary mention, figure,
        quotation or voice."""
        if status not in ("proposed", "rejected", None):
            raise NotFound(f"no proposal status {status!r}; use 'proposed', 'rejected' or None")
        if kind is not None and kind not in PROPOSAL_KINDS:
            kinds = ", ".join(map(repr, PROPOSAL_KINDS))
            raise NotFound(f"no proposal kind {kind!r}; use one of {kinds}, or None")
        found = (
            m
            for p in self._passages_by_id.values()
            for m in p.proposals
            if (status is None or m.status == status) and (kind is None or m.kind == kind)
        )
        if actor is None:
            return Proposals(found)
        try:
            actor_id = self.actor(actor).id
        except NotFound:  # a draft read alone has no register: the id as given
            actor_id = actor if isinstance(actor, str) else actor.id
        return Proposals(m for m in found if m.actor_id == actor_id)

    def spellings(self, actor: str | Actor) -> Spellings:
        """Which document prints the actor's name in which spelling, and how often.

        Descriptive references ("the current President of Armenia") are mentions, not
        spellings, and are left out.
        """
        return Spellings(
            tally(
                (self._passages_by_id[m.passage_id].document_id, m.text)
                for m in self.mentions(actor)
                if m.kind == "name"
            )
        )

    def cooccurrences(self, actor: str | Actor) -> Cooccurrences:
        """Other actors named in the same passages, most frequent first."""
        actor_id = self.actor(actor).id
        shared: dict[str, list[str]] = {}
        for mention in self.mentions(actor_id):
            passage = self._passages_by_id[mention.passage_id]
            for other in {m.actor_id for m in passage.mentions} - {actor_id}:
                if passage.id not in shared.setdefault(other, []):
                    shared[other].append(passage.id)
        found = [Cooccurrence(other, len(ps), tuple(ps)) for other, ps in shared.items()]
        return Cooccurrences(sorted(found, key=lambda c: (-c.count, c.actor_id)))

    # ------------------------------------------------------------------ works and citations

    def references(self, kind: str | None = None) -> References:
        """Every cited work in register order, optionally of one kind (see `REFERENCE_KINDS`).

        >>> import corpus
        >>> [r.id for r in corpus.load().references("convention")]
        ['genocide-convention']
        """
        if kind is None:
            return References(self.works)
        kinds = dict.fromkeys((*REFERENCE_KINDS, *(w.kind for w in self.works)))
        if kind not in kinds:
            raise NotFound(f"no reference kind {kind!r}; the kinds are: {', '.join(kinds)}")
        return References(w for w in self.works if w.kind == kind)

    def reference(self, reference: str | Reference) -> Reference:
        """The work with this id, or with this title or words of it in a row (as for actors,
        several matches raise `AmbiguousName` with the candidates).

        >>> import corpus
        >>> corpus.load().reference("black-garden").date
        '2004'
        >>> corpus.load().reference("Black Garden").id
        'black-garden'
        """
        if isinstance(reference, Reference):
            return reference
        try:
            return self._works_by_id[reference]
        except KeyError:
            by_title = self._works_by_title(reference)
            if len(by_title) == 1:
                return self._works_by_id[by_title[0]]
            if by_title:
                listed = "; ".join(f"{i} ({self._works_by_id[i].title})" for i in by_title)
                raise AmbiguousName(
                    f"{reference!r} names more than one work: {listed}; ask by id instead",
                    by_title,
                ) from None
            import difflib

            close = difflib.get_close_matches(reference, self._works_by_id, n=5, cutoff=0.5)
            hint = (
                "closest ids: " + ", ".join(close)
                if close
                else "see corpus.load().references() for every work"
            )
            raise NotFound(f"no reference {reference!r}; {hint}") from None

    def _works_by_title(self, title: str) -> tuple[str, ...]:
        """The works whose title is ``title``, or holds its words in a row as whole words,
        folded for case and accents ("Black Garden")."""
        wanted = tuple(w for w, _, _ in tokens(fold_name(title)))
        if not wanted:
            return ()
        size, exact, partial = len(wanted), [], []
        for work in self.works:
            words = tuple(w for w, _, _ in tokens(fold_name(work.title or "")))
            if words == wanted:
                exact.append(work.id)
            elif any(words[i : i + size] == wanted for i in range(len(words) - size + 1)):
                partial.append(work.id)
        return tuple(exact or partial)

    def citations(self, reference: str | Reference | None = None) -> Citations:
        """Every citation of a work (of every work without an argument), in corpus order.

        >>> import corpus
        >>> [c.text for c in corpus.load().citations("unsc-resolution-884")]
        ['resolution 884', 'UN Security Council resolutions 822, 853, 874, 884']
        """
        found = (c for p in self._passages_by_id.values() for c in p.citations)
        if reference is None:
            return Citations(found)
        work_id = self.reference(reference).id
        return Citations(c for c in found if c.reference_id == work_id)

    def cited_by(self, reference: str | Reference) -> Documents:
        """The documents that cite a work, in corpus order.

        >>> import corpus
        >>> [d.id for d in corpus.load().cited_by("black-garden")]
        ['ndnnews', 'wiki']
        """
        cited = {self._passages_by_id[c.passage_id].document_id for c in self.citations(reference)}
        return Documents(d for d in self.documents if d.id in cited)

    # ------------------------------------------------------------------ quotations

    def quotes(
        self,
        speaker: str | Actor | None = None,
        group: str | QuoteGroup | None = None,
        source: str | Reference | None = None,
    ) -> Quotes:
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
        return Quotes(found)

    def quote(self, quote_id: str) -> Quote:
        """The quotation with this id (``DOC.qN``, or ``DOC.tN`` for an interview turn)."""
        for quote in self.quotes():
            if quote.id == quote_id:
                return quote
        raise NotFound(f"no quotation {quote_id!r}; quotation ids are DOC.qN or DOC.tN")

    def quote_groups(self) -> QuoteGroups:
        """Every quotation group: the renditions of one utterance across texts."""
        return QuoteGroups(self.quotation_groups)

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

    def reuse(self, document: str | Document | None = None, *, min_words: int = 8) -> Reuses:
        """Runs of at least ``min_words`` words that passages of different texts share, folded
        as search folds, in corpus order: each pair once, or with ``document``, the runs of its
        passages with the other texts'. A row names the quotation group or cited work that
        covers the run where there is one. Shared wording is a finding about the words, not a
        claim that one text took them from another.

        >>> import corpus
        >>> [(r.passage_id, r.other_id) for r in corpus.load().reuse("embassy")]
        [('embassy.7', 'boztepe.8'), ('embassy.7', 'ndnnews.13')]
        """
        if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 2:
            raise CorpusError(f"min_words={min_words!r}; give a whole number of 2 or more")
        anchored = None
        if document is not None:
            chosen = self.document(document if isinstance(document, str) else document.id)
            anchored = {p.id for p in chosen.passages}
        return Reuses(shared_wording(self.passages(), min_words=min_words, anchored=anchored))

    # ------------------------------------------------------------------ voices

    def voices(self) -> Voices:
        """Every voice some passage gives, in order of first appearance."""
        seen = {v: None for p in self._passages_by_id.values() for chain in p.voices for v in chain}
        return Voices(seen)

    # ------------------------------------------------------------------ figures and attributions

    def figures(
        self,
        measure: str | None = None,
        *,
        claimant: str | Actor | None = None,
        document: str | Document | None = None,
        scope: str | None = None,
    ) -> Figures:
        """Every figure the texts state, in corpus order, narrowed by what it counts, by who
        claims it (any level of the claimant chain: an actor, id, spelling or voice category),
        by document and by the events it counts (``scope``: ``khojaly``, ``war``, …). Each is a
        claim of its text, never a finding.

        >>> import corpus
        >>> [(f.text, f.claimed_by) for f in corpus.load().figures("killed", document="embassy")]
        [('613 civilians', 'voice.author')]
        """
        found = tuple(f for p in self._passages_by_id.values() for f in p.figures)
        if measure is not None:
            wanted = self.category_id("measure", measure)
            found = tuple(f for f in found if f.measure == wanted)
        scope = self._scope(scope)
        if scope is not None:
            chosen = self.category_id("scope", scope)
            found = tuple(f for f in found if f.scope == chosen)
        return Figures(self._narrowed(found, claimant, document))

    def figure(self, figure_id: str) -> Figure:
        """The figure with this id (``DOC.fN``)."""
        for figure in self.figures():
            if figure.id == figure_id:
                return figure
        raise NotFound(f"no figure {figure_id!r}; figure ids are DOC.fN, e.g. embassy.f2")

    def compare_figures(self, *measures: str, scope: str | None = DEFAULT_SCOPE) -> FigureTable:
        """The figures of one or more measures (every measure, without one) side by side: a row
        per text, claimant and value.

        Rows keep the value as printed, the number, the qualifier and the passages; a text that
        gives the same figure on the same authority in several passages has one row. Only figures
        of one ``scope`` are set side by side: the events at Khojaly by default; ``scope="war"``
        or another category of the scope taxonomy chooses another, ``None`` takes every scope (a
        corpus without a scope taxonomy compares all its figures).

        >>> import corpus
        >>> rows = corpus.load().compare_figures("killed-children")
        >>> sorted({(r.document_id, r.value) for r in rows})[:2]
        [('boztepe', 63), ('embassy', 63)]
        """
        wanted = (
            tuple(self.category_id("measure", m) for m in measures)
            if measures
            else tuple(c.id for c in self.categories if c.taxonomy == "measure")
        )
        found = tuple(f for f in self.figures(scope=scope) if f.measure in wanted)
        return figure_table(found, wanted)

    def _scope(self, scope: str | None) -> str | None:
        """The scope to compare: none where the default is asked of a corpus without scopes."""
        if scope == DEFAULT_SCOPE and not any(c.taxonomy == "scope" for c in self.categories):
            return None
        return scope

    def attributions(
        self,
        agent: str | Actor | None = None,
        *,
        act: str | None = None,
        claimant: str | Actor | None = None,
        document: str | Document | None = None,
    ) -> Attributions:
        """Every attribution of responsibility in corpus order, narrowed by agent, act (``denies``
        or ``act.denies``), claimant (any level of the chain) and document.

        >>> import corpus
        >>> [a.agent for a in corpus.load().attributions(document="embassy", act="assisted")]
        ['regiment-366']
        """
        found = self.responsibility
        if agent is not None:
            agent_id = self.actor(agent).id
            found = tuple(a for a in found if a.agent == agent_id)
        if act is not None:
            wanted = self.category_id("act", act)
            found = tuple(a for a in found if a.act == wanted)
        return Attributions(self._narrowed(found, claimant, document))

    def attribution(self, attribution_id: str) -> Attribution:
        """The attribution with this id (``DOC.aN``).

        >>> import corpus
        >>> corpus.load().attribution("embassy.a1").agent
        'armenian-forces'
        """
        for found in self.responsibility:
            if found.id == attribution_id:
                return found
        raise NotFound(
            f"no attribution {attribution_id!r}; attribution ids are DOC.aN, e.g. embassy.a1"
        )

    def _narrowed(
        self,
        claims: tuple[C, ...],
        claimant: str | Actor | None,
        document: str | Document | None,
    ) -> tuple[C, ...]:
        """Claims whose claimant chain holds ``claimant`` at any level, of ``document``."""
        if claimant is not None:
            voice = self.claimant_id(claimant)
            claims = tuple(c for c in claims if any(v.id == voice for v in c.claimant))
        if document is not None:
            doc_id = self.document(document if isinstance(document, str) else document.id).id
            claims = tuple(c for c in claims if c.document_id == doc_id)
        return claims

    def category_id(self, taxonomy: str, name: str) -> str:
        """A category id of a taxonomy, from its id (``measure.killed``) or short name."""
        ids = [c.id for c in self.taxonomy(taxonomy)]
        for candidate in (name, f"{taxonomy}.{name}"):
            if candidate in ids:
                return candidate
        short = ", ".join(i.partition(".")[2] for i in ids)
        raise NotFound(f"no {taxonomy} {name!r}; the categories are: {short}")

    def claimant_id(self, claimant: str | Actor) -> str:
        """The voice id a claimant names: a voice category (``official``) or an actor."""
        if isinstance(claimant, str):
            voices = {c.id for c in self.categories if c.taxonomy == "voice"}
            for candidate in (claimant, f"voice.{claimant}"):
                if candidate in voices:
                    return candidate
        return self.actor(claimant).id

    # ------------------------------------------------------------------ search

    def search(
        self,
        query: str = "",
        *,
        regex: bool = False,
        timeout: float | None = None,
        **filters: Any,
    ) -> Hits:
        """Passages matching a query, in corpus order, with the matched spans.

        Bare words must all occur; ``"phrases"``, ``OR``, ``( )``, a leading ``-`` and
        ``word*`` work as in a search box; ``field:value`` filters narrow the passages: ``doc``,
        ``stance``, ``genre``, ``lang``, ``date`` (``1992`` or ``2010..2020``), ``actor``,
        ``cites``, ``speaker``, ``voice``, ``in`` (head, p, note, quote, boilerplate —
        boilerplate is left out unless asked for), ``measure`` (passages with a figure of that
        measure, highlighted when the filter stands alone) and ``claimant`` (passages with a
        figure or attribution claimed by that actor or voice category). Keyword arguments give
        the same filters (``in_`` for ``in``; a list means any of its values). Matching folds
        case, accents and letters such as ``ı``, and ignores spaces, line breaks and punctuation
        between words.
        With ``regex=True`` the query is a regular expression (the ``regex`` package's syntax, a
        superset of Python's ``re``) run over the passage text as printed, in this process,
        stopped after ``timeout`` seconds (a finite number above 0; 2 by default); group calls
        such as ``(?R)`` are refused. A query holds at most 10,000 characters and 1,000 words,
        phrases and filters, and its wildcards stand for at most 20,000 words together
        (`corpus.query.QUERY_MAX_LENGTH`, `QUERY_MAX_TERMS`, `WILDCARD_MAX_WORDS`).

        >>> import corpus
        >>> c = corpus.load()
        >>> [h.passage.id for h in c.search('"Xocali"')]
        ['ndnnews.12']
        >>> c.search("genocide", stance="multi").count_by("document")
        {'wiki': 3}
        """
        from corpus.query import search

        index = self._search_index()
        with (
            paused_gc()
        ):  # a search makes no reference cycles; at scale a collection would dominate
            notes: list[str] = []
            numbers, spans = search(
                self, index, query, regex=regex, timeout=timeout, filters=filters, notes=notes
            )
        return Hits(
            _Found(index.passages, numbers, spans), query, self._documents_by_id, tuple(notes)
        )

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
            from corpus import _progress
            from corpus.query import Index

            _progress.stage("indexing the passages", total=len(self._passages_by_id))
            with paused_gc():
                object.__setattr__(self, "_index", Index(self._passages_by_id.values()))
        return self._index

    # ------------------------------------------------------------------ tables

    def to_records(self, table: str) -> list[dict[str, Any]]:
        """The rows of one table of `corpus.export` as plain dicts, columns named as the fields.

        Tables: documents, passages, mentions, actors, works, citations, quotes, quote_groups,
        voices, categories (and figures, attributions where the corpus has them).

        >>> import corpus
        >>> sorted(corpus.load().to_records("actors")[0])
        ['description', 'id', 'identification', 'kind', 'name', 'names', 'relations', 'stable']
        """
        from corpus._tables import corpus_records

        return corpus_records(self, table)

    def frame(self, table: str) -> Any:
        """One table as a pandas DataFrame, for notebooks: ``c.frame("passages")``.

        Needs pandas (``pip install 'khojaly-corpus[tables]'``).
        """
        from corpus._tables import frame

        return frame(self, table)


# ------------------------------------------------------------------ combining


def combine(corpora: Sequence[Corpus]) -> Corpus:
    """One corpus holding the documents of each, in the order given.

    Document and passage ids must be distinct across the corpora: a clash raises `CorpusError`
    naming both sources. Actors and works with the same id are one entry; where their names
    differ, the spellings are joined and the report says so.
    """
    if not corpora:
        raise CorpusError("no corpus to combine; give at least one path or corpus")
    if len(corpora) == 1:
        return corpora[0]
    owner: dict[str, str] = {}
    passage_owner: dict[str, str] = {}
    notes: list[Unmapped] = []
    for part in corpora:
        for document in part.documents:
            if document.id in owner:
                raise CorpusError(
                    f"the document id {document.id!r} is in both {owner[document.id]} and "
                    f"{part.path}; document ids must be distinct to combine corpora: change the "
                    "TEI xml:id of one of them (or the file name, where the TEI has no xml:id)"
                )
            owner[document.id] = part.path
            for passage in document.passages:
                if passage.id in passage_owner:
                    raise CorpusError(
                        f"the passage id {passage.id!r} is in both {passage_owner[passage.id]} "
                        f"and {part.path}; passage ids must be distinct to combine corpora"
                    )
                passage_owner[passage.id] = part.path
    register = _merged_actors(corpora, notes)
    works = _first_by_id(((w, c.path) for c in corpora for w in c.works), notes)
    categories: dict[str, Category] = {}
    for part in corpora:
        for category in part.categories:
            categories.setdefault(category.id, category)
    groups: dict[str, QuoteGroup] = {}
    for part in corpora:
        for group in part.quotation_groups:
            groups.setdefault(group.id, group)
    return Corpus(
        title=" + ".join(dict.fromkeys(c.title for c in corpora if c.title)),
        version=" + ".join(dict.fromkeys(c.version for c in corpora if c.version)),
        documents=tuple(d for c in corpora for d in c.documents),
        categories=tuple(categories.values()),
        path=corpora[0].path,
        register=register,
        works=works,
        quotation_groups=tuple(groups.values()),
        responsibility=tuple(a for c in corpora for a in c.responsibility),
        sources=tuple(s for c in corpora for s in (c.sources or (c.path,))),
        unmapped=(*(u for c in corpora for u in c.unmapped), *notes),
    )


def _merged_actors(corpora: Sequence[Corpus], notes: list[Unmapped]) -> tuple[Actor, ...]:
    """Actors by id: one entry per id, spellings joined where two corpora register it."""
    from corpus.report import Unmapped  # the report's values are imported when first needed

    merged: dict[str, Actor] = {}
    source: dict[str, str] = {}
    for part in corpora:
        for actor in part.register:
            first = merged.get(actor.id)
            if first is None:
                merged[actor.id], source[actor.id] = actor, part.path
                continue
            if (first.kind, first.name, first.names) != (actor.kind, actor.name, actor.names):
                notes.append(
                    Unmapped(
                        part.path,
                        None,
                        f"actor {actor.id!r}",
                        1,
                        f"also registered in {source[actor.id]}; read as one actor "
                        f"(the {first.kind} {first.name!r}) with the spellings of both",
                    )
                )
            merged[actor.id] = attrs.evolve(
                first,
                names=tuple(dict.fromkeys((*first.names, *actor.names))),
                relations=(*first.relations, *actor.relations),
            )
    return tuple(merged.values())


def _first_by_id(
    works: Iterable[tuple[Reference, str]], notes: list[Unmapped]
) -> tuple[Reference, ...]:
    """Works by id; where two corpora register different works under one id, the first."""
    from corpus.report import Unmapped

    found: dict[str, Reference] = {}
    for work, path in works:
        if work.id in found and found[work.id] != work:
            notes.append(
                Unmapped(
                    path, None, f"work {work.id!r}", 1, "also registered before; the first is kept"
                )
            )
        found.setdefault(work.id, work)
    return tuple(found.values())
