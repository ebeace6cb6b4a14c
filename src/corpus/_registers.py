"""The registers TEI is read against: this corpus's own (actors.xml, works.xml and claims.xml,
named by corpus.xml's prefixDefs) and, for any TEI, the persons, organisations, places and works
its files list. Pointers resolve against them; an entry without ``xml:id`` in TEI written
elsewhere gets a computed id from its position."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import attrs

from corpus._sources import Report, TeiFile
from corpus._xml import (
    ACTOR_PREFIX,
    NS,
    TEI_NS,
    XML_ID,
    Include,
    _cert,
    _Element,
    _first,
    _id_of,
    _inside,
    _local,
    _pointers,
    _prefixed,
    _reading_text,
    _require_root,
    _tei,
    _text_of,
)
from corpus.claims import Attribution
from corpus.errors import CorpusFileError
from corpus.model import (
    Actor,
    ActorKind,
    Category,
    Identification,
    Passage,
    Relation,
    Voice,
)
from corpus.works import Reference

__all__ = [
    "POINTS",
    "Registers",
    "read_actors",
    "read_claims",
    "read_works",
    "register_file",
    "register_include",
]

# ------------------------------------------------------------------ register

_KINDS: dict[str, ActorKind] = {"person": "person", "personGrp": "collective", "place": "place"}
_NAME_TAGS = frozenset({"persName", "orgName", "placeName", "name"})


POINTS = "points the {}: prefix at {!r}"


def register_file(directory: Path, root: _Element, ident: str) -> Path | None:
    """The file a ``prefixDef`` of corpus.xml points its ``ident:`` pointers into."""
    found = register_include(directory / "corpus.xml", root, ident)
    return found.path if found is not None else None


def register_include(corpus_file: Path, root: _Element, ident: str) -> Include | None:
    """The register a ``prefixDef`` of corpus.xml names, checked like an xi:include: its
    ``replacementPattern`` is a relative path inside the corpus directory, then ``#$1``."""
    for prefix in root.iterfind(".//tei:listPrefixDef/tei:prefixDef", NS):
        if prefix.get("ident") == ident:
            href = str(prefix.get("replacementPattern", "")).partition("#")[0]
            line = prefix.sourceline
            if not href:
                raise CorpusFileError(
                    corpus_file,
                    line,
                    f"gives the {ident}: prefix no file in its replacementPattern; "
                    "write FILE.xml#$1 with a file of the corpus directory",
                )
            says = POINTS.format(ident, href)
            base = corpus_file.parent.resolve()
            return Include(href, _inside(corpus_file, base, href, line, says), line)
    return None


def read_actors(path: Path, tree: Any, categories: Mapping[str, Category]) -> tuple[Actor, ...]:
    """The actors of actors.xml with their relations: the texts' claims, each with its
    claimant (``@ana``), and editorial notes (``type="editorial"``: ``@resp``, ``@cert``, a
    basis)."""
    root = _require_root(path, tree, "TEI")
    relations: dict[str, list[Relation]] = {}
    for relation in root.iter(f"{{{TEI_NS}}}relation"):
        passages = tuple(
            _id_of(p.partition("#")[2]) for p in (relation.get("source") or "").split()
        )
        editorial = relation.get("type") == "editorial"
        claimant = _claimant_chain(relation.get("ana"), categories)
        if claimant is None or (editorial and claimant):
            raise CorpusFileError(
                path,
                relation.sourceline,
                f"gives a {relation.get('name')!r} relation the claimant {relation.get('ana')!r}; "
                + (
                    "an editorial relation has no claimant: drop its @ana"
                    if editorial
                    else "list actor:ID or corpus.xml#voice.… pointers, outermost first"
                ),
            )
        resp = relation.get("resp")
        details = {
            "claimant": claimant,
            "editorial": editorial,
            "cert": _cert(path, relation),
            "resp": _id_of(resp) if resp else None,
            "basis": _text_of(relation.find("tei:desc", NS)) or "",
        }
        if relation.get("mutual"):
            members = _pointers(relation.get("mutual"))
            pairs = [(a, b) for a in members for b in members if a != b]
        else:
            pairs = [
                (a, b)
                for a in _pointers(relation.get("active"))
                for b in _pointers(relation.get("passive"))
            ]
        for active, passive in pairs:
            found = Relation(relation.get("name", ""), active, passive, passages, **details)
            relations.setdefault(active, []).append(found)
            relations.setdefault(passive, []).append(found)
    actors = []
    stand_off = root.find("tei:standOff", NS)
    for entry in stand_off.iter() if stand_off is not None else ():
        name = _local(entry)
        if name == "org":
            kind: ActorKind = "unit" if entry.get("type") == "unit" else "org"
        elif name in _KINDS:
            kind = _KINDS[name]
        else:
            continue
        if not entry.get(XML_ID):  # texts point at an entry by its id: one without is refused
            raise CorpusFileError(
                path, entry.sourceline, f"has a <{name}> without xml:id; give it a stable id"
            )
        names = [e for e in entry if _local(e) in _NAME_TAGS]
        if not names:
            raise CorpusFileError(path, entry.sourceline, "has an actor without a name; add one")
        preferred = next((e for e in names if e.get("type") == "preferred"), names[0])
        printed = [e for e in names if e.get("type") != "preferred"] or [preferred]
        spellings = tuple(dict.fromkeys(_text_of(e) or "" for e in printed))
        description = entry.find("tei:note[@type='description']", NS)
        if description is None:
            description = entry.find("tei:note", NS)
        identified = entry.find("tei:note[@type='identification']", NS)
        actors.append(
            Actor(
                id=entry.get(XML_ID),
                kind=kind,
                name=_text_of(preferred) or "",
                names=spellings,
                description=_text_of(description) or "",
                relations=tuple(relations.get(entry.get(XML_ID), ())),
                identification=(
                    Identification(
                        basis=_text_of(identified) or "",
                        resp=_id_of(identified.get("resp", "")) or None,
                        cert=_cert(path, identified),
                    )
                    if identified is not None
                    else None
                ),
            )
        )
    return tuple(actors)


def read_works(path: Path, tree: Any) -> tuple[tuple[Reference, ...], dict[str, str]]:
    """The works register: every cited work, and the quotation groups with their descriptions."""
    root = _require_root(path, tree, "TEI")
    works = []
    for bibl in root.iterfind("tei:standOff/tei:listBibl/tei:bibl", NS):
        if not bibl.get(XML_ID):
            raise CorpusFileError(
                path, bibl.sourceline, "has a work (<bibl>) without xml:id; give it a stable id"
            )
        titles = bibl.findall("tei:title", NS)
        date = bibl.find("tei:date", NS)
        related = bibl.find("tei:relatedItem[@type='partOf']", NS)
        language = bibl.find("tei:textLang", NS)
        authors = bibl.findall("tei:author", NS)
        works.append(
            Reference(
                id=bibl.get(XML_ID),
                kind=bibl.get("type", ""),
                title=_first([_text_of(t) or "" for t in titles if t.get("level") != "j"]),
                authors=tuple(_text_of(a) or "" for a in authors),
                date=(
                    date.get("when") or date.get("from") or date.get("notBefore")
                    if date is not None
                    else None
                ),
                date_text=_text_of(date),
                publisher=_text_of(bibl.find("tei:publisher", NS)),
                place=_text_of(bibl.find("tei:pubPlace", NS)),
                periodical=_first([_text_of(t) or "" for t in titles if t.get("level") == "j"]),
                identifiers=tuple(
                    (i.get("type", ""), _text_of(i) or "") for i in bibl.iterfind("tei:idno", NS)
                ),
                language=language.get("mainLang") if language is not None else None,
                part_of=_id_of(related.get("target", "")) if related is not None else None,
                author_ids=tuple(
                    a
                    for author in authors
                    for n in author
                    for a in _prefixed(n.get("ref"), ACTOR_PREFIX)
                ),
                description=_text_of(bibl.find("tei:note", NS)) or "",
            )
        )
    groups = {
        interp.get(XML_ID): _reading_text(interp)
        for interp in root.iterfind("tei:standOff/tei:interpGrp/tei:interp", NS)
    }
    return tuple(works), groups


def read_claims(
    path: Path,
    tree: Any,
    categories: Mapping[str, Category],
    actors: set[str],
    *,
    passages: Mapping[str, Passage],
    texts: set[str],
) -> tuple[Attribution, ...]:
    """The attributions of responsibility in claims.xml, each checked against the corpus.

    Attributions in texts the corpus does not include (``texts``: the included files, as
    written in corpus.xml) are left out, so a corpus may include a subset of the texts."""
    root = _require_root(path, tree, "TEI")
    found = []
    for relation in root.iterfind("tei:standOff/tei:listRelation[@type='attributions']/*", NS):
        text_file, _, passage_id = (relation.get("source") or "").partition("#")
        if text_file not in texts:
            continue
        attribution_id = relation.get(XML_ID) or ""
        act = f"act.{relation.get('name', '')}"
        agents = _prefixed(relation.get("active"), ACTOR_PREFIX)
        claimant = _claimant_chain(relation.get("ana"), categories)
        problem = _attribution_problem(
            relation, act, agents, claimant, categories, actors=actors, passages=passages
        )
        if problem is not None:
            raise CorpusFileError(path, relation.sourceline, problem)
        desc = relation.find("tei:desc", NS)
        implied = desc.find("tei:rs", NS) if desc is not None else None
        found.append(
            Attribution(
                id=attribution_id,
                passage_id=passage_id,
                document_id=passages[passage_id].document_id,
                agent=agents[0],
                act=sys.intern(act),
                claimant=cast("tuple[Voice, ...]", claimant),  # checked above
                text=_text_of(desc) or "",
                cert=_cert(path, relation),
                implied=_text_of(implied) if relation.get("type") == "implied" else None,
            )
        )
    return tuple(found)


def _attribution_problem(
    relation: _Element,
    act: str,
    agents: list[str],
    claimant: tuple[Voice, ...] | None,
    categories: Mapping[str, Category],
    *,
    actors: set[str],
    passages: Mapping[str, Passage],
) -> str | None:
    """What is wrong with one attribution of claims.xml, in the order a reader would fix it."""
    attribution_id = relation.get(XML_ID)
    if _local(relation) != "relation" or not attribution_id:
        return "has an attribution that is not a <relation> with an xml:id; give it DOC.aN"
    if act not in categories or categories[act].taxonomy != "act":
        acts = ", ".join(c.id[4:] for c in categories.values() if c.taxonomy == "act")
        return f"gives {attribution_id} the act {act[4:]!r}; use one of {acts}"
    if len(agents) != 1 or agents[0] not in actors:
        return f"gives {attribution_id} the agent {relation.get('active')!r}; use one actor:ID"
    unregistered = [v.id for v in claimant or () if v.kind == "actor" and v.id not in actors]
    if not claimant or unregistered:
        return (
            f"names an unregistered claimant in {attribution_id}; add it to actors.xml"
            if claimant
            else f"gives {attribution_id} the claimant {relation.get('ana')!r}; list actor:ID or "
            "corpus.xml#voice.… pointers, outermost first"
        )
    passage_id = (relation.get("source") or "").partition("#")[2]
    if passage_id not in passages:
        return f"points {attribution_id} at {relation.get('source')!r}, which is no passage"
    return _implied_problem(relation, agents)


def _implied_problem(relation: _Element, agents: list[str]) -> str | None:
    """An agent marked implied needs the words that imply it, pointing at it, in the desc."""
    if relation.get("type") != "implied":
        return None
    words = relation.find("tei:desc/tei:rs", NS)
    if words is not None and _prefixed(words.get("ref"), ACTOR_PREFIX) == agents:
        return None
    return (
        f"marks the agent of {relation.get(XML_ID)} implied without the words that imply it; "
        f'wrap them in its desc as <rs ref="{relation.get("active")}">'
    )


def _claimant_chain(
    value: str | None, categories: Mapping[str, Category]
) -> tuple[Voice, ...] | None:
    """A claimant chain from ``actor:ID`` and ``corpus.xml#voice.…`` pointers; None if malformed."""
    chain = []
    for token in (value or "").split():
        if token.startswith(ACTOR_PREFIX):
            chain.append(Voice(token[len(ACTOR_PREFIX) :], "actor"))
            continue
        category = token.partition("#")[2]
        if category not in categories or categories[category].taxonomy != "voice":
            return None
        chain.append(Voice(category, "category"))
    return tuple(chain)


# ------------------------------------------------------------------ registers of any TEI

_REGISTER_NAMES = frozenset(
    {"persName", "orgName", "placeName", "geogName", "name", "settlement", "country", "region"}
)
_ENTRY_KINDS: dict[str, ActorKind] = {
    "person": "person",
    "personGrp": "collective",
    "org": "org",
    "place": "place",
}
_NAME_KINDS: dict[str, ActorKind] = {
    "persName": "person",
    "orgName": "org",
    "placeName": "place",
    "geogName": "place",
}
_TYPE_KINDS: dict[str, ActorKind] = {
    "person": "person",
    "pers": "person",
    "org": "org",
    "organisation": "org",
    "organization": "org",
    "place": "place",
    "group": "collective",
    "collective": "collective",
}


class Registers:
    """Actors, works and categories of every file read: pointers resolve against all of them.

    Open registers (TEI read on its own) take an actor a text names but no register lists as
    one of their own; a closed one (this corpus's, from actors.xml) does not, and such a
    pointer is an error the corpus reader reports."""

    def __init__(self, report: Report, *, closed: bool = False) -> None:
        self.report, self.closed = report, closed
        self.actors: dict[str, Actor] = {}
        self.works: dict[str, Reference] = {}
        self.categories: dict[str, Category] = {}
        self.unregistered: dict[str, tuple[ActorKind, list[str]]] = {}

    @classmethod
    def of_corpus(
        cls,
        report: Report,
        actors: tuple[Actor, ...],
        works: tuple[Reference, ...],
        categories: Mapping[str, Category],
    ) -> Registers:
        """This corpus's registers, closed."""
        found = cls(report, closed=True)
        found.actors = {a.id: a for a in actors}
        found.works = {w.id: w for w in works}
        found.categories = dict(categories)
        return found

    def _computed(self, file: TeiFile, entry: _Element, position: int, read_as: str) -> str:
        """The id of a register entry without xml:id: the file's stem, the element's name and
        its position among the file's entries of that element (``T_testnames:person3``)."""
        name = _local(entry)
        markup = f"<{name}> without xml:id"
        where = file.file_of(entry)
        return self.report.computed_id(
            where, entry, markup, stem=file.path.stem, number=f"{name}{position}", read_as=read_as
        )

    def read(self, file: TeiFile) -> None:
        root = file.root
        positions: dict[str, int] = {}
        for entry in root.iter(*_tei(*_ENTRY_KINDS)):
            positions[_local(entry)] = positions.get(_local(entry), 0) + 1
            self._actor(file, entry, positions[_local(entry)])
        for taxonomy in root.iter(*_tei("taxonomy")):
            name = taxonomy.get(XML_ID, "")
            for category in taxonomy.iter(*_tei("category")):
                cat_id = category.get(XML_ID)
                if not cat_id:
                    continue
                description = category.find("tei:catDesc", NS)
                if description is None:
                    description = category.find("tei:gloss", NS)
                label = _text_of(description) or cat_id
                self.categories.setdefault(cat_id, Category(cat_id, name, label, ""))
        bibls = [
            *(  # the source description of a capture (this corpus's layout) is no cited work
                b
                for b in root.iterfind(".//tei:sourceDesc/tei:bibl", NS)
                if b.find("tei:idno[@type='capture']", NS) is None
            ),
            *root.iterfind(".//tei:sourceDesc/tei:biblStruct", NS),
            *root.iter(*_tei("listBibl")),
        ]
        for found in bibls:
            entries = (
                [e for e in found if _local(e) in ("bibl", "biblStruct")]
                if _local(found) == "listBibl"
                else [found]
            )
            for entry in entries:
                positions[_local(entry)] = positions.get(_local(entry), 0) + 1
                self._work(file, entry, positions[_local(entry)])

    def _actor(self, file: TeiFile, entry: _Element, position: int) -> None:
        actor_id = entry.get(XML_ID) or self._computed(file, entry, position, "read as an actor, ")
        names = [n for n in entry if _local(n) in _REGISTER_NAMES]
        spellings = tuple(dict.fromkeys(s for s in (_text_of(n) for n in names) if s))
        description = entry.find("tei:note", NS)
        actor = Actor(
            id=sys.intern(actor_id),
            kind="unit" if entry.get("type") == "unit" else _ENTRY_KINDS[_local(entry)],
            name=spellings[0] if spellings else actor_id,
            names=spellings,
            description=_text_of(description) or "",
            stable=bool(entry.get(XML_ID)),
        )
        first = self.actors.get(actor.id)
        if first is not None and first != actor:
            self.report.add(
                file.file_of(entry),
                entry.sourceline,
                f"<{_local(entry)} xml:id={actor.id!r}>",
                "registered more than once; read as one actor with every spelling",
            )
            names_joined = tuple(dict.fromkeys((*first.names, *actor.names)))
            actor = attrs.evolve(first, names=names_joined)
        self.actors[actor.id] = actor

    def _work(self, file: TeiFile, bibl: _Element, position: int) -> None:
        work_id = bibl.get(XML_ID) or self._computed(file, bibl, position, "read as a work, ")
        titles = bibl.findall(".//tei:title", NS)
        date = bibl.find(".//tei:date", NS)
        language = bibl.find(".//tei:textLang", NS)
        work = Reference(
            id=sys.intern(work_id),
            kind=bibl.get("type") or _local(bibl),
            title=next((_text_of(t) for t in titles if t.get("level") != "j"), None),
            authors=tuple(
                _text_of(a) or ""
                for a in bibl.iterfind(".//tei:author", NS)
                if a.getparent().tag != f"{{{TEI_NS}}}respStmt"
            ),
            date=(
                date.get("when") or date.get("notBefore") or date.get("from") or _text_of(date)
                if date is not None
                else None
            ),
            date_text=_text_of(date),
            publisher=_text_of(bibl.find(".//tei:publisher", NS)),
            place=_text_of(bibl.find(".//tei:pubPlace", NS)),
            periodical=next((_text_of(t) for t in titles if t.get("level") == "j"), None),
            identifiers=tuple(
                (i.get("type", ""), _text_of(i) or "") for i in bibl.iterfind(".//tei:idno", NS)
            ),
            language=language.get("mainLang") if language is not None else None,
            description=_text_of(bibl.find("tei:note", NS)) or "",
            stable=bool(bibl.get(XML_ID)),
        )
        self.works.setdefault(work.id, work)

    def kind_of(self, actor_id: str, element: _Element) -> ActorKind | None:
        registered = self.actors.get(actor_id)
        if registered is not None:
            return registered.kind
        if self.closed:
            return None
        return self._guessed_kind(element)

    @staticmethod
    def _guessed_kind(element: _Element) -> ActorKind:
        """The kind of an actor no register lists, from the element that names it."""
        name = _local(element)
        if name in _NAME_KINDS:
            return _NAME_KINDS[name]
        return _TYPE_KINDS.get((element.get("type") or "").lower(), "person")

    def mentioned(self, actor_id: str, element: _Element, printed: str) -> None:
        """An actor named in the text but in no register: one of its own, from the mentions."""
        if actor_id in self.actors or self.closed:
            return
        self.unregistered.setdefault(actor_id, (self._guessed_kind(element), []))
        spellings = self.unregistered[actor_id][1]
        if printed and printed not in spellings:
            spellings.append(printed)

    def all_actors(self) -> tuple[Actor, ...]:
        extra = tuple(
            Actor(actor_id, kind, names[0] if names else actor_id, tuple(names))
            for actor_id, (kind, names) in self.unregistered.items()
        )
        return (*self.actors.values(), *extra)


# ------------------------------------------------------------------ documents
