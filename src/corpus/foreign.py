"""Reading TEI written by others: a TEI or teiCorpus file, or a directory of TEI files.

The same values come out as for this project's own layout (`corpus.tei`), mapped as the TEI
Guidelines define the elements: documents from ``TEI``; passages from block-level units (``p``,
``ab``, ``head``, ``l``, ``item``, ``note``, ``speaker``, ``stage``, …); metadata from
``titleStmt``, ``publicationStmt``, ``sourceDesc`` and ``profileDesc``; actors from
``listPerson``, ``listOrg`` and ``listPlace`` (every name a spelling); mentions from names with
``@ref`` or ``@key``; speakers from ``sp/@who`` and ``u/@who``; works from ``listBibl`` and
``sourceDesc``; quotations from ``q``, ``quote`` and ``said``. A passage, person, place,
organisation or work without ``xml:id`` gets a computed id from its position, flagged
``stable=False`` and reported. Nothing fails on markup the reader does not know: its text is
kept and the markup is listed in the load report. Elements of another vocabulary (another
namespace) are skipped and reported. The safe parser of `corpus.tei` reads every file.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import attrs

from corpus._xml import (
    NS,
    TEI_NS,
    XI_NS,
    XML_ID,
    XML_LANG,
    _flatten_marked,
    _local,
    _reading_text,
    _span,
    _text_of,
    includes,
    parse_file,
)
from corpus.errors import CorpusFileError, UnsafeXML
from corpus.model import (
    Actor,
    ActorKind,
    Category,
    Classification,
    Correction,
    Document,
    Mention,
    Passage,
    Source,
    SourceDate,
)
from corpus.report import Unmapped
from corpus.tei import Reading
from corpus.text import collapse_layout_mapper
from corpus.works import Citation, Quote, Reference

__all__ = ["read_foreign"]

_Element = Any

#: Block-level units: each one met outside another unit is a passage.
UNITS = frozenset(
    {
        "p", "ab", "head", "l", "item", "note", "byline", "speaker", "stage", "trailer",
        "closer", "opener", "dateline", "salute", "signed", "docTitle", "docImprint",
        "docAuthor", "docDate", "docEdition", "titlePart", "castItem", "label", "bibl",
        "biblStruct", "seg", "argument", "epigraph", "postscript", "lg", "sp", "u", "quote",
        "q", "said", "cit", "list", "listBibl", "castList", "castGroup", "spGrp", "table",
        "row", "cell", "figure", "figDesc", "titlePage", "entry", "sense", "def", "gloss",
    }
)  # fmt: skip
#: Elements that only ever stand between blocks: an element holding one is read as a container.
BLOCK_ONLY = frozenset(
    {
        "p", "ab", "head", "l", "lg", "item", "list", "sp", "speaker", "u", "castList",
        "castItem", "castGroup", "table", "row", "cell", "listBibl", "byline", "dateline",
        "closer", "opener", "docTitle", "titlePart", "docImprint", "docAuthor", "docDate",
        "trailer", "salute", "signed", "epigraph", "figure", "postscript", "spGrp", "titlePage",
        "argument", "entry", "sense", "div", "div1", "div2", "div3", "div4", "div5", "div6",
        "div7",
    }
)  # fmt: skip
#: Divisions are never passages: their text outside blocks is reported.
DIVISIONS = frozenset(
    {"text", "body", "front", "back", "group", "floatingText", "TEI", "teiCorpus"}
    | {"div", *(f"div{n}" for n in range(1, 8))}
)
#: Phrase-level markup whose text is simply part of the passage: no report.
PHRASES = frozenset(
    {
        "hi", "emph", "foreign", "term", "title", "date", "time", "num", "measure", "unclear",
        "supplied", "add", "del", "sic", "corr", "orig", "reg", "abbr", "expan", "choice", "w",
        "pc", "c", "s", "phr", "distinct", "mentioned", "soCalled", "lb", "pb", "cb", "gap",
        "milestone", "space", "anchor", "ref", "ptr", "persName", "orgName", "placeName",
        "geogName", "roleName", "forename", "surname", "addName", "genName", "nameLink",
        "name", "rs", "settlement", "country", "region", "district", "bloc", "idno", "author",
        "editor", "publisher", "pubPlace", "biblScope", "imprint", "monogr", "analytic",
        "desc", "role", "roleDesc", "damage", "surplus", "fw", "metamark", "handShift",
        "caesura", "rhyme", "subst", "restore", "certainty", "index", "graphic", "formula",
        "code", "email", "address", "addrLine", "street", "postCode", "affiliation", "age",
        "occupation", "state", "trait",
    }
)  # fmt: skip
#: Everything the reader maps; other elements are kept as text and listed in the report.
KNOWN = PHRASES | UNITS | BLOCK_ONLY | DIVISIONS
_NAME_TAGS = frozenset({"persName", "orgName", "placeName", "geogName", "name", "rs"})
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
}
_QUOTES = ("q", "quote", "said")
_TURNS = ("sp", "u")
_EDITORIAL = frozenset({"corr", "reg", "expan"})
_MAX_INCLUDE_DEPTH = 8
_ISO_DATE = re.compile(r"-?\d{4}(-\d\d(-\d\d)?)?")


def _tei(*names: str) -> tuple[str, ...]:
    return tuple(f"{{{TEI_NS}}}{n}" for n in names)


def _own_text(node: _Element) -> bool:
    """Whether an element has text of its own between its child elements."""
    if node.text and node.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in node)


#: Elements that TEI lets stand as phrases inside a byline or an imprint ("<byline><docAuthor>"):
#: there they are part of the one passage, not blocks of their own.
_IMPRINT = frozenset({"byline", "docImprint", "dateline"})
_IMPRINT_PHRASES = frozenset({"docAuthor", "docDate", "docEdition"})


def _holds_blocks(node: _Element) -> bool:
    """Whether an element is made of blocks: ``p``, ``l``, ``item``…, or an utterance's
    segments (``u/seg``, the units of spoken corpora such as ParlaMint). A byline holding a
    ``docAuthor`` is one passage, as the corpus's own reader reads it."""
    name = _local(node)
    phrases = _IMPRINT_PHRASES if name in _IMPRINT else frozenset()
    return any(
        isinstance(c.tag, str)
        and _local(c) not in phrases
        and (_local(c) in BLOCK_ONLY or (name == "u" and _local(c) == "seg"))
        for c in node
    )


def _target(token: str) -> str:
    """The id a pointer names: ``#x``, ``file.xml#x`` and ``x`` all name ``x``."""
    return sys.intern(token.rpartition("#")[2] if "#" in token else token)


def _targets(element: _Element, *attributes: str) -> list[str]:
    found = []
    for attribute in attributes:
        found += [_target(t) for t in (element.get(attribute) or "").split() if _target(t)]
    return found


# ------------------------------------------------------------------ the report


class _Report:
    """Collects what could not be mapped, one entry per file, markup and outcome."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, str], list[Any]] = {}

    def add(self, file: Path | str, line: int | None, markup: str, outcome: str) -> None:
        key = (str(file), markup, outcome)
        entry = self.entries.get(key)
        if entry is None:
            self.entries[key] = [line, 1]
        else:
            entry[1] += 1

    def items(self) -> tuple[Unmapped, ...]:
        return tuple(
            Unmapped(file, line, markup, count, outcome)
            for (file, markup, outcome), (line, count) in self.entries.items()
        )


# ------------------------------------------------------------------ files


def _parse(path: Path) -> Any:
    """`parse_file`, with a DOCTYPE refusal that says how to strip the declaration."""
    try:
        return parse_file(path)
    except UnsafeXML as error:
        if "DOCTYPE" not in error.detail:
            raise
        raise UnsafeXML(
            path,
            error.line,
            "has a DOCTYPE declaration, which is refused because it can define entities; "
            "TEI P5 needs none: delete everything from '<!DOCTYPE' to its closing '>' (or ']>' "
            "where it has an internal subset in brackets), and write any entity reference the "
            "file uses (&name;) as the character it stands for",
        ) from None


class _File:
    """One TEI file, parsed safely, with its includes resolved and other vocabularies removed."""

    def __init__(self, path: Path, report: _Report) -> None:
        self.path = path
        tree = _parse(path)
        self.root = tree.getroot()
        #: element ids are only stable while the element is alive: each key keeps its element
        self.origins: dict[int, tuple[_Element, Path]] = {}
        self.included: set[Path] = set()
        if self.root.tag.startswith(f"{{{TEI_NS}}}"):
            self._resolve(path, self.root, report, (path.resolve(),))
            self._skip_other_vocabularies(report)

    def _resolve(
        self, path: Path, root: _Element, report: _Report, chain: tuple[Path, ...]
    ) -> None:
        """Replace each xi:include with the root of the file it names (inside the directory)."""
        found = includes(path, root)
        elements = list(root.iter(f"{{{XI_NS}}}include"))  # in the order includes() reads them
        for include, element in zip(found, elements, strict=True):
            if include.path in chain or len(chain) > _MAX_INCLUDE_DEPTH:
                raise UnsafeXML(
                    path,
                    include.line,
                    f"includes {include.href!r}, which includes this file again or nests "
                    "includes too deeply; include each file once",
                )
            if not include.path.is_file():
                raise CorpusFileError(
                    path, include.line, f"includes {include.href!r}, which does not exist"
                )
            included = _parse(include.path).getroot()
            self._resolve(include.path, included, report, (*chain, include.path))
            self.origins[id(included)] = (included, include.path)
            self.included.add(include.path)
            included.tail = element.tail
            element.getparent().replace(element, included)

    def _skip_other_vocabularies(self, report: _Report) -> None:
        """Elements in another namespace are removed (their tails stay) and reported."""
        foreign = [
            e
            for e in self.root.iter("*")
            if not e.tag.startswith(f"{{{TEI_NS}}}")
            and not (
                e.getparent() is not None and not e.getparent().tag.startswith(f"{{{TEI_NS}}}")
            )
        ]
        for element in foreign:
            report.add(self.file_of(element), element.sourceline, element.tag, _SKIPPED)
            parent = element.getparent()
            if parent is None:
                continue
            if element.tail:
                previous = element.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + element.tail
                else:
                    parent.text = (parent.text or "") + element.tail
            parent.remove(element)

    def file_of(self, element: _Element) -> Path:
        """The file an element was read from (an included file, or this one)."""
        for node in (element, *element.iterancestors()):
            origin = self.origins.get(id(node))
            if origin is not None:
                return origin[1]
        return self.path


_SKIPPED = "skipped: another vocabulary (namespace) inside TEI"


def _tei_files(directory: Path, report: _Report) -> list[_File]:
    """Every TEI file directly in a directory, except those another one includes."""
    files = []
    base = directory.resolve()
    for path in sorted(directory.glob("*.xml")):
        if path.is_dir():
            continue  # anything else that is not a regular file is refused by parse_file's rule
        if not path.resolve().is_relative_to(base):
            raise UnsafeXML(
                path,
                None,
                "is a link to a file outside the directory, which is refused; "
                "copy the file into the directory instead",
            )
        parsed = _File(path, report)
        if _local(parsed.root) in ("TEI", "teiCorpus") and parsed.root.tag.startswith(
            f"{{{TEI_NS}}}"
        ):
            files.append(parsed)
        else:
            report.add(path, parsed.root.sourceline, _root_name(parsed.root), _NOT_TEI)
    included = {p.resolve() for f in files for p in f.included}
    return [f for f in files if f.path.resolve() not in included]


_NOT_TEI = "skipped: not a TEI file (the root is not <TEI> or <teiCorpus> in the TEI namespace)"


def _root_name(root: _Element) -> str:
    namespace = root.tag.partition("}")[0][1:] if root.tag.startswith("{") else "no namespace"
    return f"<{_local(root)}> in {namespace}"


# ------------------------------------------------------------------ registers


class _Registers:
    """Actors, works and categories of every file read: pointers resolve against all of them."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        self.actors: dict[str, Actor] = {}
        self.works: dict[str, Reference] = {}
        self.categories: dict[str, Category] = {}
        self.unregistered: dict[str, tuple[ActorKind, list[str]]] = {}

    def _computed(self, file: _File, entry: _Element, position: int, what: str) -> str:
        """The id of a register entry without xml:id: the file's stem, the element's name and
        its position among the file's entries of that element (``T_testnames:person3``),
        reported once per file and element. The same rule as for passages (``DOC:N``)."""
        name = _local(entry)
        self.report.add(
            file.file_of(entry),
            entry.sourceline,
            f"<{name}> without xml:id",
            f"{what} given a computed id ({file.path.stem}:{name}N), flagged stable=False",
        )
        return f"{file.path.stem}:{name}{position}"

    def read(self, file: _File) -> None:
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
            *root.iterfind(".//tei:sourceDesc/tei:bibl", NS),
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

    def _actor(self, file: _File, entry: _Element, position: int) -> None:
        actor_id = entry.get(XML_ID) or self._computed(file, entry, position, "read as an actor,")
        names = [n for n in entry if _local(n) in _REGISTER_NAMES]
        spellings = tuple(dict.fromkeys(s for s in (_text_of(n) for n in names) if s))
        description = entry.find("tei:note", NS)
        actor = Actor(
            id=sys.intern(actor_id),
            kind=_ENTRY_KINDS[_local(entry)],
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

    def _work(self, file: _File, bibl: _Element, position: int) -> None:
        work_id = bibl.get(XML_ID) or self._computed(file, bibl, position, "read as a work,")
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

    def kind_of(self, actor_id: str, element: _Element) -> ActorKind:
        registered = self.actors.get(actor_id)
        if registered is not None:
            return registered.kind
        name = _local(element)
        if name in _NAME_KINDS:
            return _NAME_KINDS[name]
        return _TYPE_KINDS.get((element.get("type") or "").lower(), "person")

    def mentioned(self, actor_id: str, element: _Element, printed: str) -> None:
        """An actor named in the text but in no register: one of its own, from the mentions."""
        if actor_id in self.actors:
            return
        self.unregistered.setdefault(actor_id, (self.kind_of(actor_id, element), []))
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


class _DocumentReader:
    """Reads one TEI element into a Document: metadata, passages, mentions, quotations."""

    def __init__(
        self, file: _File, tei: _Element, doc_id: str, registers: _Registers, report: _Report
    ) -> None:
        self.file, self.tei, self.doc_id = file, tei, doc_id
        self.registers, self.report = registers, report
        self.header = tei.find("tei:teiHeader", NS)
        self.passage_count = 0
        self.passage_ids: set[str] = set()
        self.quote_ids: dict[int, str] = {}
        self._alive: list[_Element] = []  # keeps the elements whose id() keys quote_ids

    # -------------------------------------------------------------- metadata

    def _find(self, xpath: str) -> _Element | None:
        return self.header.find(xpath, NS) if self.header is not None else None

    def _findall(self, xpath: str) -> list[_Element]:
        return self.header.findall(xpath, NS) if self.header is not None else []

    def language(self) -> str:
        # the TEI's own xml:lang, or one a teiCorpus around it gives
        lang = next(
            (e.get(XML_LANG) for e in (self.tei, *self.tei.iterancestors()) if e.get(XML_LANG)),
            None,
        )
        text = self.tei.find("tei:text", NS)
        if not lang and text is not None:
            lang = text.get(XML_LANG)
        if not lang:
            lang = next((e.get("ident") for e in self._languages() if e.get("ident")), None)
        return lang or "und"

    def _languages(self) -> list[_Element]:
        return self._findall("tei:profileDesc/tei:langUsage/tei:language")

    def source(self, language: str) -> Source:
        titles = self._findall("tei:fileDesc/tei:titleStmt/tei:title")
        main = next((t for t in titles if t.get("type") in (None, "main")), None)
        if main is None and titles:
            main = titles[0]
        sub = next((t for t in titles if t.get("type") == "sub"), None)
        authors = []
        for author in self._findall("tei:fileDesc/tei:titleStmt/tei:author"):
            name = next((n for n in author if _local(n) in _REGISTER_NAMES), author)
            authors.append(_text_of(name) or "")
        publisher = self._find("tei:fileDesc/tei:publicationStmt/tei:publisher")
        date = self._find("tei:fileDesc/tei:sourceDesc//tei:date")
        if date is None:
            date = self._find("tei:fileDesc/tei:publicationStmt/tei:date")
        url = self._find("tei:fileDesc//tei:idno[@type='URL']")
        printed = _text_of(date)
        when = date.get("when") if date is not None else None
        if when is None and printed is not None and _ISO_DATE.fullmatch(printed):
            when = printed  # a date printed in ISO form is the date stated, not derived
        others = [e.get("ident") for e in self._languages() if e.get("ident")]
        found = Source(
            title=_text_of(main) or "",
            subtitle=_text_of(sub),
            authors=tuple(a for a in authors if a),
            publisher=_text_of(publisher),
            site=None,
            date=SourceDate(
                printed=printed,
                when=when,
                not_before=date.get("notBefore") if date is not None else None,
                not_after=date.get("notAfter") if date is not None else None,
                derived=False,
                cert=None,
                evidence=None,
            ),
            url=_text_of(url),
            language=language,
            other_languages=tuple(o for o in others if o != language),
            capture="",
            unknown=(),
        )
        stated = {
            "author": bool(found.authors),
            "publisher": found.publisher is not None,
            "date": found.date.known or found.date.printed is not None,
            "url": found.url is not None,
        }
        return attrs.evolve(found, unknown=tuple(k for k, v in stated.items() if not v))

    def keywords(self) -> tuple[str, ...]:
        terms = self._findall("tei:profileDesc/tei:textClass/tei:keywords//tei:term")
        return tuple(t for t in (_text_of(e) for e in terms) if t)

    def classes(self) -> tuple[Classification, ...]:
        found = []
        for cat_ref in self._findall("tei:profileDesc/tei:textClass/tei:catRef"):
            scheme = _target(cat_ref.get("scheme") or "")
            for target in _targets(cat_ref, "target"):
                category = self.registers.categories.get(target)
                if category is None:
                    category = Category(target, scheme, target, "")
                found.append(Classification(category, None, None, ()))
        return tuple(found)

    # -------------------------------------------------------------- passages

    def read(self, version: str) -> Document:
        language = self.language()
        source = self.source(language)
        text = self.tei.find("tei:text", NS)
        passages: list[Passage] = []
        quotes: list[Quote] = []
        source_text = ""
        if text is not None:
            self._number_quotes(text)
            elements = list(self._units(text))
            order = {id(e): n for n, e in enumerate(elements)}
            turn_of = self._turns(text, order)
            fields = [self._passage(e, language, turn_of.get(id(e))) for e in elements]
            inline = [q for f in fields for q in f.pop("_quotes")]
            blocks = self._block_quotes(text, elements, order, fields)
            by_passage: dict[str, list[Quote]] = {}
            position = {f["id"]: n for n, f in enumerate(fields)}
            quotes = sorted(
                [*inline, *blocks], key=lambda q: (position[q.passage_id], q.span or (0, 0))
            )
            for quote in quotes:
                for passage_id in quote.passages:
                    by_passage.setdefault(passage_id, []).append(quote)
            for entry in fields:
                entry["quotes"] = tuple(by_passage.get(entry["id"], ()))
                passages.append(Passage(**entry))
            source_text = _flatten_marked(text, "\n")[0]
        else:
            self.report.add(
                self.file.file_of(self.tei),
                self.tei.sourceline,
                "<TEI> without <text>",
                "a document without passages",
            )
        title = source.title or self.doc_id
        return Document(
            id=self.doc_id,
            title=title,
            source=source,
            stance=None,
            genre=None,
            language=language,
            passages=tuple(passages),
            event_names=(),
            source_text=source_text,
            quotes=tuple(quotes),
            data_version=version,
            keywords=self.keywords(),
            classes=self.classes(),
        )

    def _units(self, node: _Element) -> Iterator[_Element]:
        """Passage elements in document order, reporting text that lies outside every one."""
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = _local(child)
            if name in DIVISIONS or (_holds_blocks(child) and not _own_text(child)):
                if name not in DIVISIONS and name not in UNITS:
                    self._unknown(child, "read as a container of passages")
                if name in DIVISIONS and _own_text(child):
                    self.report.add(
                        self.file.file_of(child),
                        child.sourceline,
                        f"text outside any block in <{name}>",
                        "kept in source_text(), not in a passage",
                    )
                yield from self._units(child)
            elif name in UNITS:
                yield child
            elif name in PHRASES:
                if (child.text and child.text.strip()) or len(child):
                    self.report.add(
                        self.file.file_of(child),
                        child.sourceline,
                        f"<{name}> outside any block",
                        "kept as a passage",
                    )
                    yield child
            else:
                has_text = bool("".join(child.itertext()).strip())
                self._unknown(child, "kept as a passage" if has_text else "no text; ignored")
                if has_text:
                    yield child

    def _unknown(self, element: _Element, outcome: str) -> None:
        self.report.add(
            self.file.file_of(element), element.sourceline, f"<{_local(element)}>", outcome
        )

    def _passage_id(self, element: _Element) -> tuple[str, bool]:
        self.passage_count += 1
        xml_id = element.get(XML_ID)
        if not xml_id:
            return f"{self.doc_id}:{self.passage_count}", False
        passage_id = self._qualified(xml_id)
        if passage_id in self.passage_ids:
            raise CorpusFileError(
                self.file.file_of(element),
                element.sourceline,
                f"repeats the xml:id {xml_id!r} in one document; an xml:id must be unique "
                "within its file: rename one of them",
            )
        self.passage_ids.add(passage_id)
        return passage_id, True

    def _qualified(self, xml_id: str) -> str:
        """An xml:id as a corpus-wide id: as written where it starts with the document id."""
        if xml_id.startswith(self.doc_id) and xml_id[len(self.doc_id) : len(self.doc_id) + 1] in (
            ".",
            "_",
            "-",
        ):
            return sys.intern(xml_id)
        return sys.intern(f"{self.doc_id}.{xml_id}")

    def _number_quotes(self, text: _Element) -> None:
        counts = {"q": 0, "t": 0}
        for node in text.iter(*_tei(*_QUOTES, *_TURNS)):
            kind = "t" if _local(node) in _TURNS else "q"
            if kind == "t" and not node.get("who"):
                continue
            counts[kind] += 1
            self._alive.append(node)
            xml_id = node.get(XML_ID)
            self.quote_ids[id(node)] = (
                self._qualified(xml_id) if xml_id else f"{self.doc_id}:{kind}{counts[kind]}"
            )

    def _turns(self, text: _Element, order: dict[int, int]) -> dict[int, str]:
        """The turn (a quotation id) of each passage inside an ``sp`` or ``u`` with ``@who``."""
        found: dict[int, str] = {}
        for node in text.iter(*_tei(*_TURNS)):
            quote_id = self.quote_ids.get(id(node))
            if quote_id is None:
                continue
            for element in (node, *node.iterdescendants()):
                if id(element) in order:
                    found.setdefault(id(element), quote_id)
        return found

    def _passage(self, element: _Element, language: str, turn: str | None) -> dict[str, Any]:
        passage_id, stable = self._passage_id(element)
        if not stable:
            self.report.add(
                self.file.file_of(element),
                element.sourceline,
                "passage without xml:id",
                f"given a computed id ({self.doc_id}:N), flagged stable=False",
            )
        _break_after_blocks(element)
        raw, marked = _flatten_marked(element, "\n")
        text, where = collapse_layout_mapper(raw)
        mentions: list[Mention] = []
        citations: list[Citation] = []
        corrections: list[Correction] = []
        quotes: list[Quote] = []
        for start, end, node in marked:
            name = _local(node)
            if name not in KNOWN:
                self._unknown(node, "kept as text")
            if name in _NAME_TAGS and (node.get("ref") or node.get("key")):
                span = _span(text, where, start, end)
                mentions += self._mentions(passage_id, node, text, span)
            elif name in ("ref", "ptr"):
                span = _span(text, where, start, end)
                citations += [
                    Citation(w, passage_id, text[span[0] : span[1]], span, "named")
                    for w in _targets(node, "target")
                    if w in self.registers.works
                ]
            elif name == "choice":
                span = _span(text, where, start, end)
                corrections += [
                    Correction(span, text[span[0] : span[1]], _reading_text(c))
                    for c in node
                    if _local(c) in _EDITORIAL
                ]
            if name in _QUOTES and id(node) in self.quote_ids:
                span = _span(text, where, start, end)
                quotes.append(
                    self._quote(node, (passage_id,), text[span[0] : span[1]], "inline", span)
                )
        parent = element.getparent()
        if _local(element) == "speaker" and _local(parent) in _TURNS and text:
            # the label names who speaks: a printed form of each actor that sp/@who points at
            for actor_id in dict.fromkeys(_targets(parent, "who")):
                self.registers.mentioned(actor_id, element, text)
                actor_kind = self.registers.kind_of(actor_id, element)
                mentions.append(
                    Mention(actor_id, passage_id, text, (0, len(text)), None, "name", actor_kind)
                )
        if _local(element) in ("bibl", "biblStruct"):
            work_id = element.get(XML_ID)
            if work_id in self.registers.works:
                citations.append(
                    Citation(work_id, passage_id, text, (0, len(text)), "bibliography")
                )
        ancestry = [element, *element.iterancestors()]
        mentions.sort(key=lambda m: m.span)
        return {
            "id": passage_id,
            "document_id": self.doc_id,
            "text": text,
            "kind": _local(element),
            "lang": next((e.get(XML_LANG) for e in ancestry if e.get(XML_LANG)), language),
            "turn": turn,
            "mentions": tuple(mentions),
            "citations": tuple(citations),
            "voices": (),
            "corrections": tuple(corrections),
            "stable": stable,
            "_quotes": quotes,
        }

    def _mentions(
        self, passage_id: str, node: _Element, text: str, span: tuple[int, int]
    ) -> list[Mention]:
        printed = sys.intern(text[span[0] : span[1]])
        kind: Literal["name", "description"] = "description" if _local(node) == "rs" else "name"
        found = []
        for actor_id in dict.fromkeys(_targets(node, "ref", "key")):
            self.registers.mentioned(actor_id, node, printed)
            actor_kind = self.registers.kind_of(actor_id, node)
            found.append(Mention(actor_id, passage_id, printed, span, None, kind, actor_kind))
        return found

    def _quote(
        self,
        node: _Element,
        passages: tuple[str, ...],
        text: str,
        kind: Literal["inline", "block", "turn"],
        span: tuple[int, int] | None = None,
    ) -> Quote:
        speakers = _targets(node, "who")
        speaker = speakers[0] if speakers else None
        if speaker is not None:
            label = node.find("tei:speaker", NS)
            self.registers.mentioned(speaker, node, _text_of(label) or "")
        sources = [s for s in _targets(node, "source") if s in self.registers.works]
        return Quote(
            id=self.quote_ids[id(node)],
            passage_id=passages[0],
            document_id=self.doc_id,
            speaker=speaker,
            source=sources[0] if sources else None,
            text=text,
            group=None,
            kind=kind,
            passages=passages,
            span=span,
        )

    def _block_quotes(
        self,
        text: _Element,
        elements: list[_Element],
        order: dict[int, int],
        fields: list[dict[str, Any]],
    ) -> list[Quote]:
        """Quotations made of whole passages: block quotations and speeches (``sp``, ``u``)."""
        found = []
        for node in text.iter(*_tei(*_QUOTES, *_TURNS)):
            if id(node) not in self.quote_ids:
                continue
            inside = [e for e in (node, *node.iterdescendants()) if id(e) in order]
            if not inside:
                continue
            turn = _local(node) in _TURNS
            spoken = [e for e in inside if not (turn and _local(e) == "speaker")] or inside
            ids = tuple(fields[order[id(e)]]["id"] for e in spoken)
            joined = "\n".join(fields[order[id(e)]]["text"] for e in spoken)
            found.append(self._quote(node, ids, joined, "turn" if turn else "block"))
        return found


def _break_after_blocks(element: _Element) -> None:
    """Adjacent blocks inside a passage (lines of a verse quotation) are separated by a line
    break where the file has nothing between them, so their words do not run together."""
    for inner in element.iterdescendants():
        block = isinstance(inner.tag, str) and _local(inner) in BLOCK_ONLY
        if block and not inner.tail and inner.getnext() is not None:
            inner.tail = "\n"


# ------------------------------------------------------------------ the corpus


def read_foreign(path: Path) -> Reading:
    """Read a TEI or teiCorpus file, or every TEI file directly in a directory.

    Files are parsed with the safe parser of `corpus.tei`; ``xi:include`` of whole files inside
    the directory is resolved. Document ids are the ``xml:id`` of each ``TEI``, or the file name
    (with ``-N`` for the N-th text of a ``teiCorpus``) where there is none; a repeated id raises
    `CorpusFileError`.
    """
    report = _Report()
    if path.is_dir():
        files = _tei_files(path, report)
        if not files:
            raise CorpusFileError(
                path,
                None,
                "holds no corpus.xml and no TEI files; give a corpus directory (corpus.xml with "
                "the texts it includes), a TEI or teiCorpus file, or a directory of TEI files",
            )
    else:
        single = _File(path, report)
        if _local(single.root) not in ("TEI", "teiCorpus") or not single.root.tag.startswith(
            f"{{{TEI_NS}}}"
        ):
            raise CorpusFileError(
                path,
                single.root.sourceline,
                f"has the root element {_root_name(single.root)}; a TEI file has a root <TEI> "
                f'or <teiCorpus> in the namespace {TEI_NS} (add xmlns="{TEI_NS}" to a TEI '
                "root that lacks it)",
            )
        files = [single]
    registers = _Registers(report)
    for file in files:
        registers.read(file)
    documents: list[Document] = []
    owners: dict[str, Path] = {}
    titles: list[str] = []
    versions: list[str] = []
    for file in files:
        root = file.root
        edition = root.find("tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition", NS)
        version = (edition.get("n") or "") if edition is not None else ""
        if _local(root) == "teiCorpus":
            title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS)
            titles.append(_text_of(title) or file.path.stem)
            versions.append(version)
        texts = [root] if _local(root) == "TEI" else list(root.iter(*_tei("TEI")))
        for number, tei in enumerate(texts, start=1):
            doc_id = tei.get(XML_ID) or (
                file.path.stem if _local(root) == "TEI" else f"{file.path.stem}-{number}"
            )
            if doc_id in owners:
                raise CorpusFileError(
                    file.file_of(tei),
                    tei.sourceline,
                    f"repeats the document id {doc_id!r} (also in {owners[doc_id]}); give "
                    "one of the texts another xml:id",
                )
            owners[doc_id] = file.file_of(tei)
            reader = _DocumentReader(file, tei, doc_id, registers, report)
            documents.append(reader.read(version))
            if _local(root) == "TEI":
                titles.append(documents[-1].title)
    return Reading(
        title=" + ".join(dict.fromkeys(titles)) if len(files) == 1 else path.name,
        version=" + ".join(dict.fromkeys(v for v in versions if v)),
        documents=tuple(documents),
        categories=tuple(registers.categories.values()),
        path=str(path),
        register=registers.all_actors(),
        works=tuple(registers.works.values()),
        sources=tuple(str(f.path) for f in files),
        unmapped=report.items(),
    )
