"""Reading TEI into the model. The one safe parser; lxml elements never leave this module."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, cast

from lxml import etree

from corpus.errors import CorpusFileError, UnsafeXML
from corpus.model import (
    Actor,
    ActorKind,
    Category,
    Certainty,
    Classification,
    Corpus,
    Document,
    EventName,
    Mention,
    Passage,
    Relation,
    Source,
    SourceDate,
)
from corpus.text import collapse_layout, collapse_layout_mapped

__all__ = ["Include", "includes", "parse_file", "read_corpus"]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"tei": TEI_NS, "xi": XI_NS}

#: Elements that are passages: each carries a stable xml:id and text of its own.
PASSAGE_TAGS = frozenset({"head", "p", "ab", "item", "note", "byline"})
#: Inside <choice>, these hold an editor's form; the printed form is its sibling.
_EDITORIAL_IN_CHOICE = frozenset({"corr", "reg", "expan"})
_CERTAINTIES = ("high", "medium", "low", "unknown")
ACTOR_PREFIX = "actor:"
_Element = Any  # lxml's element type; kept out of the public signatures

# ------------------------------------------------------------------ parsing


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


def parse_file(path: Path) -> Any:
    """Parse one XML file with the safe configuration; refuse DTDs and entity references.

    Every failure is a `CorpusFileError` naming the file and line.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusFileError(
            path, None, f"cannot be read ({error.strerror}); check that it exists and is readable"
        ) from None
    doctype = data.find(b"<!DOCTYPE")
    if doctype >= 0:
        raise UnsafeXML(
            path,
            _line_of(data, doctype),
            "has a DOCTYPE declaration, which is refused because it can define entities; "
            "remove the DOCTYPE (corpus files need none)",
        )
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except etree.XMLSyntaxError as error:
        raise CorpusFileError(
            path, error.lineno, f"is not well-formed XML ({error.msg}); fix the markup there"
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXML(path, 1, "has a DOCTYPE declaration, which is refused; remove the DOCTYPE")
    for entity in tree.iter(etree.Entity):
        raise UnsafeXML(
            path,
            entity.sourceline,
            f"uses the entity reference {entity.text}, which is refused; "
            "write the character itself instead",
        )
    return tree


def _local(element: _Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _require_root(path: Path, tree: Any, name: str) -> _Element:
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}{name}":
        found = etree.QName(root.tag)
        raise CorpusFileError(
            path,
            root.sourceline,
            f"has root element <{found.localname}> in namespace {found.namespace or 'none'}; "
            f"expected a TEI <{name}> in {TEI_NS}",
        )
    return root


# ------------------------------------------------------------------ includes


class Include:
    """One xi:include of the corpus file, checked to stay inside the corpus directory."""

    __slots__ = ("href", "line", "path")

    def __init__(self, href: str, path: Path, line: int) -> None:
        self.href, self.path, self.line = href, path, line


def includes(corpus_file: Path, root: _Element) -> list[Include]:
    """The files that corpus.xml includes, each checked before anything reads it."""
    base = corpus_file.parent.resolve()
    found = []
    for element in root.iter(f"{{{XI_NS}}}include"):
        line = element.sourceline
        href = element.get("href")
        if not href:
            raise CorpusFileError(corpus_file, line, "has an xi:include without href; add href")
        if element.get("parse", "xml") != "xml" or element.get("xpointer") is not None:
            raise UnsafeXML(
                corpus_file,
                line,
                f"includes {href!r} with parse/xpointer options, which are refused; "
                "include whole XML files only",
            )
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith(("/", "\\")):
            raise UnsafeXML(
                corpus_file,
                line,
                f"includes {href!r}; only relative paths inside the corpus directory are allowed",
            )
        target = (base / href).resolve()
        if not target.is_relative_to(base):
            raise UnsafeXML(
                corpus_file,
                line,
                f"includes {href!r}, which lies outside the corpus directory; "
                "move the file into the directory",
            )
        found.append(Include(href, target, line))
    return found


# ------------------------------------------------------------------ text


def _flatten_marked(element: _Element, line_break: str) -> tuple[str, list[tuple[int, int, Any]]]:
    """The printed text of an element, and where each element carrying an actor ref stands.

    Editors' forms in <choice> are left out; <lb/> becomes ``line_break``.
    """
    parts: list[str] = []
    marked: list[tuple[int, int, Any]] = []
    length = 0

    def add(text: str) -> None:
        nonlocal length
        parts.append(text)
        length += len(text)

    def walk(node: _Element) -> None:
        start = length
        if node.text:
            add(node.text)
        for child in node:
            if isinstance(child.tag, str):
                name = _local(child)
                if name == "lb":
                    add(line_break)
                elif not (name in _EDITORIAL_IN_CHOICE and _local(node) == "choice"):
                    walk(child)
            if child.tail:
                add(child.tail)
        if node is not element and (node.get("ref") or "").startswith(ACTOR_PREFIX):
            marked.append((start, length, node))

    walk(element)
    return "".join(parts), marked


def _flatten(element: _Element, line_break: str) -> str:
    return _flatten_marked(element, line_break)[0]


def _reading_text(element: _Element) -> str:
    return collapse_layout(_flatten(element, " "))


# ------------------------------------------------------------------ header helpers


def _id_of(pointer: str) -> str:
    return pointer[1:] if pointer.startswith("#") else pointer


def _pointers(value: str | None) -> list[str]:
    return [_id_of(token) for token in (value or "").split()]


def _cert(path: Path, element: _Element) -> Certainty | None:
    value = element.get("cert")
    if value is None:
        return None
    if value not in _CERTAINTIES:
        raise CorpusFileError(
            path, element.sourceline, f"has cert={value!r}; use one of {', '.join(_CERTAINTIES)}"
        )
    return cast("Certainty", value)


def _text_of(element: _Element | None) -> str | None:
    if element is None:
        return None
    return _reading_text(element) or None


class _Header:
    """Reads one text's teiHeader."""

    def __init__(self, path: Path, root: _Element, categories: dict[str, Category]) -> None:
        self.path, self.root, self.categories = path, root, categories
        header = root.find("tei:teiHeader", NS)
        if header is None:
            raise CorpusFileError(path, root.sourceline, "has no teiHeader; add one")
        self.header = header
        self.evidence: dict[str, _Element] = {}
        self.translations: dict[str, str] = {}
        self.unknown: list[str] = []
        for note in header.iterfind("tei:fileDesc/tei:notesStmt/tei:note", NS):
            kind = note.get("type")
            if kind == "evidence":
                for target in _pointers(note.get("target")):
                    self.evidence[target] = note
            elif kind == "translation":
                for target in _pointers(note.get("target")):
                    self.translations[target] = _reading_text(note)
            elif kind == "unknown":
                self.unknown.append(note.get("subtype", ""))

    def require(self, xpath: str) -> _Element:
        found = self.header.find(xpath, NS)
        if found is None:
            readable = xpath.replace("tei:", "")
            raise CorpusFileError(
                self.path, self.header.sourceline, f"has no {readable} in its teiHeader; add it"
            )
        return found

    def evidence_for(self, element: _Element) -> tuple[str | None, tuple[str, ...]]:
        note = self.evidence.get(element.get(XML_ID, ""))
        if note is None:
            return None, ()
        cited = [
            _id_of(e.get("target") or e.get("source") or "")
            for e in note.iter(f"{{{TEI_NS}}}ptr", f"{{{TEI_NS}}}quote")
        ]
        return _reading_text(note), tuple(dict.fromkeys(c for c in cited if c))

    def classification(self, scheme: str) -> Classification:
        cat_ref = self.require(f"tei:profileDesc/tei:textClass/tei:catRef[@scheme='#{scheme}']")
        target = _id_of(cat_ref.get("target", ""))
        category = self.categories.get(target)
        if category is None or category.taxonomy != scheme:
            raise CorpusFileError(
                self.path,
                cat_ref.sourceline,
                f"classifies the text as {target!r}, which is not a category of the {scheme} "
                "taxonomy in corpus.xml; use one of "
                + ", ".join(c.id for c in self.categories.values() if c.taxonomy == scheme),
            )
        evidence, passages = self.evidence_for(cat_ref)
        return Classification(category, _cert(self.path, cat_ref), evidence, passages)

    def source(self) -> Source:
        bibl = self.require("tei:fileDesc/tei:sourceDesc/tei:bibl")
        titles = bibl.findall("tei:title", NS)
        if not titles:
            raise CorpusFileError(self.path, bibl.sourceline, "has a bibl without title; add it")
        main = next((t for t in titles if t.get("type") in (None, "main")), titles[0])
        sub = next((t for t in titles if t.get("type") == "sub"), None)
        authors = []
        for author in bibl.iterfind("tei:author", NS):
            name = author.find("tei:persName", NS)
            if name is None:
                name = author.find("tei:orgName", NS)
            authors.append(_text_of(name if name is not None else author) or "")
        date_element = bibl.find("tei:date", NS)
        date = self._date(date_element)
        lang = bibl.find("tei:textLang", NS)
        capture = bibl.find("tei:idno[@type='capture']", NS)
        if lang is None or capture is None:
            raise CorpusFileError(
                self.path,
                bibl.sourceline,
                "has a bibl without textLang or idno type='capture'; add both",
            )
        return Source(
            title=_text_of(main) or "",
            subtitle=_text_of(sub),
            authors=tuple(authors),
            publisher=_text_of(bibl.find("tei:publisher", NS)),
            site=_text_of(bibl.find("tei:idno[@type='site']", NS)),
            date=date,
            url=_text_of(bibl.find("tei:idno[@type='URL']", NS)),
            language=lang.get("mainLang", ""),
            other_languages=tuple((lang.get("otherLangs") or "").split()),
            capture=_text_of(capture) or "",
            unknown=tuple(self.unknown),
        )

    def _date(self, element: _Element | None) -> SourceDate:
        if element is None:
            return SourceDate(None, None, None, None, False, None, None)
        evidence, _ = self.evidence_for(element)
        return SourceDate(
            printed=_text_of(element),
            when=element.get("when"),
            not_before=element.get("notBefore"),
            not_after=element.get("notAfter"),
            derived=element.get("type") == "derived",
            cert=_cert(self.path, element),
            evidence=evidence,
        )

    def event_names(self) -> tuple[EventName, ...]:
        terms = self.header.iterfind(
            "tei:profileDesc/tei:textClass/tei:keywords[@scheme='#event-names']/tei:term", NS
        )
        return tuple(
            EventName(_id_of(t.get("ref", "")), _text_of(t) or "", t.get("type") == "reported")
            for t in terms
        )


# ------------------------------------------------------------------ passages


def _passage_elements(path: Path, text: _Element) -> Iterator[_Element]:
    """Passage elements in document order; refuses text that lies outside every passage."""

    def loose(value: str | None, where: _Element) -> None:
        if value and value.strip():
            raise CorpusFileError(
                path,
                where.sourceline,
                f"has text outside any passage ({value.strip()[:40]!r}); "
                "wrap it in <p> or <ab> with an xml:id",
            )

    def walk(node: _Element) -> Iterator[_Element]:
        loose(node.text, node)
        for child in node:
            if isinstance(child.tag, str) and _local(child) in PASSAGE_TAGS:
                yield child
            elif isinstance(child.tag, str):
                yield from walk(child)
            loose(child.tail, child)

    return walk(text)


def _passages(
    path: Path, doc_id: str, root: _Element, translations: dict[str, str]
) -> tuple[tuple[Passage, ...], str]:
    text = root.find("tei:text", NS)
    if text is None:
        raise CorpusFileError(path, root.sourceline, "has no <text>; add the source text")
    default_lang = root.get(XML_LANG, "en")
    passages, blocks = [], []
    for element in _passage_elements(path, text):
        passage_id = element.get(XML_ID)
        if not passage_id:
            raise CorpusFileError(
                path,
                element.sourceline,
                f"has a <{_local(element)}> without xml:id; "
                f"give every passage a stable id ({doc_id}.N)",
            )
        ancestry = [element, *element.iterancestors()]
        lang = next((e.get(XML_LANG) for e in ancestry if e.get(XML_LANG)), default_lang)
        turn = next((e.get(XML_ID) for e in ancestry if _local(e) == "sp"), None)
        text_value, mentions = _reading_text_and_mentions(path, passage_id, element)
        passages.append(
            Passage(
                id=passage_id,
                document_id=doc_id,
                text=text_value,
                kind=_local(element),
                boilerplate=any(e.get("type") == "boilerplate" for e in ancestry),
                lang=lang,
                turn=turn,
                translation=translations.get(passage_id),
                mentions=mentions,
            )
        )
        blocks.append(_flatten(element, "\n"))
    if not passages:
        raise CorpusFileError(path, text.sourceline, "has no passages; a text needs at least one")
    return tuple(passages), "\n".join(blocks)


def _reading_text_and_mentions(
    path: Path, passage_id: str, element: _Element
) -> tuple[str, tuple[Mention, ...]]:
    raw, marked = _flatten_marked(element, " ")
    text, offsets = collapse_layout_mapped(raw)
    mentions = []
    for start, end, node in marked:
        begin, finish = offsets[start], offsets[end]
        while begin < finish and text[begin].isspace():
            begin += 1
        while finish > begin and text[finish - 1].isspace():
            finish -= 1
        if begin == finish:
            raise CorpusFileError(path, node.sourceline, "has an empty actor mention; remove it")
        actor_id = node.get("ref")[len(ACTOR_PREFIX) :]
        cert = _cert(path, node)
        kind: Literal["name", "description"] = (
            "description" if node.get("type") == "descriptive" else "name"
        )
        mentions.append(
            Mention(actor_id, passage_id, text[begin:finish], (begin, finish), cert, kind)
        )
    mentions.sort(key=lambda m: m.span)
    return text, tuple(mentions)


# ------------------------------------------------------------------ register

_KINDS: dict[str, ActorKind] = {"person": "person", "personGrp": "collective", "place": "place"}
_NAME_TAGS = frozenset({"persName", "orgName", "placeName", "name"})


def _register_file(directory: Path, root: _Element) -> Path | None:
    for prefix in root.iterfind(".//tei:listPrefixDef/tei:prefixDef", NS):
        if prefix.get("ident") == "actor":
            replacement = str(prefix.get("replacementPattern", ""))
            return directory / replacement.partition("#")[0]
    return None


def _read_register(path: Path) -> tuple[Actor, ...]:
    root = _require_root(path, parse_file(path), "TEI")
    relations: dict[str, list[Relation]] = {}
    for relation in root.iter(f"{{{TEI_NS}}}relation"):
        passages = tuple(
            _id_of(p.partition("#")[2]) for p in (relation.get("source") or "").split()
        )
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
            found = Relation(relation.get("name", ""), active, passive, passages)
            relations.setdefault(active, []).append(found)
            relations.setdefault(passive, []).append(found)
    actors = []
    stand_off = root.find("tei:standOff", NS)
    for entry in stand_off.iter() if stand_off is not None else ():
        name = _local(entry)
        if not entry.get(XML_ID):
            continue
        if name == "org":
            kind: ActorKind = "unit" if entry.get("type") == "unit" else "org"
        elif name in _KINDS:
            kind = _KINDS[name]
        else:
            continue
        names = [e for e in entry if _local(e) in _NAME_TAGS]
        if not names:
            raise CorpusFileError(path, entry.sourceline, "has an actor without a name; add one")
        preferred = next((e for e in names if e.get("type") == "preferred"), names[0])
        printed = [e for e in names if e.get("type") != "preferred"] or [preferred]
        spellings = tuple(dict.fromkeys(_text_of(e) or "" for e in printed))
        description = entry.find("tei:note", NS)
        actors.append(
            Actor(
                id=entry.get(XML_ID),
                kind=kind,
                name=_text_of(preferred) or "",
                names=spellings,
                description=_text_of(description) or "",
                relations=tuple(relations.get(entry.get(XML_ID), ())),
            )
        )
    return tuple(actors)


# ------------------------------------------------------------------ documents and corpus


def _read_document(path: Path, categories: dict[str, Category]) -> Document:
    root = _require_root(path, parse_file(path), "TEI")
    doc_id = root.get(XML_ID)
    if not doc_id or not re.fullmatch(r"[a-z][a-z0-9-]*", doc_id):
        raise CorpusFileError(
            path,
            root.sourceline,
            f"has TEI xml:id {doc_id!r}; give the text a short lowercase id such as 'wiki'",
        )
    header = _Header(path, root, categories)
    source = header.source()
    passages, source_text = _passages(path, doc_id, root, header.translations)
    return Document(
        id=doc_id,
        title=source.title,
        source=source,
        stance=header.classification("stance"),
        genre=header.classification("genre"),
        language=source.language,
        passages=passages,
        event_names=header.event_names(),
        source_text=source_text,
    )


def _categories(corpus_file: Path, root: _Element) -> dict[str, Category]:
    found: dict[str, Category] = {}
    for taxonomy in root.iterfind("tei:teiHeader/tei:encodingDesc/tei:classDecl/tei:taxonomy", NS):
        name = taxonomy.get(XML_ID, "")
        for category in taxonomy.iter(f"{{{TEI_NS}}}category"):
            cat_id = category.get(XML_ID)
            description = category.find("tei:catDesc", NS)
            if not cat_id or description is None:
                raise CorpusFileError(
                    corpus_file, category.sourceline, "has a category without xml:id or catDesc"
                )
            term = description.find("tei:term", NS)
            label = _text_of(term) or cat_id
            full = _reading_text(description)
            found[cat_id] = Category(cat_id, name, label, full.removeprefix(label).lstrip(": "))
    return found


def read_corpus(directory: Path) -> Corpus:
    """Read corpus.xml in ``directory`` and every text it includes."""
    corpus_file = directory / "corpus.xml"
    if not corpus_file.is_file():
        raise CorpusFileError(
            directory,
            None,
            "holds no corpus.xml; a corpus directory has corpus.xml (a TEI teiCorpus) "
            "and the text files it includes",
        )
    root = _require_root(corpus_file, parse_file(corpus_file), "teiCorpus")
    categories = _categories(corpus_file, root)
    register_file = _register_file(directory, root)
    register = _read_register(register_file) if register_file is not None else ()
    known = {a.id for a in register}
    documents: list[Document] = []
    seen_passages: dict[str, str] = {}
    for include in includes(corpus_file, root):
        if not include.path.is_file():
            raise CorpusFileError(
                corpus_file, include.line, f"includes {include.href!r}, which does not exist"
            )
        document = _read_document(include.path, categories)
        if any(d.id == document.id for d in documents):
            raise CorpusFileError(
                include.path, None, f"repeats the document id {document.id!r}; ids must be unique"
            )
        for passage in document.passages:
            if passage.id in seen_passages:
                raise CorpusFileError(
                    include.path,
                    None,
                    f"repeats the passage id {passage.id!r} (also in {seen_passages[passage.id]}); "
                    "passage ids must be unique across the corpus",
                )
            seen_passages[passage.id] = include.href
            for mention in passage.mentions:
                if mention.actor_id not in known:
                    raise CorpusFileError(
                        include.path,
                        None,
                        f"mentions actor:{mention.actor_id} in {passage.id}, which is not in the "
                        "register; add it to the register or fix the ref",
                    )
        documents.append(document)
    if not documents:
        raise CorpusFileError(corpus_file, root.sourceline, "includes no texts; add xi:include")
    title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS)
    edition = root.find("tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition", NS)
    return Corpus(
        title=_text_of(title) or "",
        version=edition.get("n", "") if edition is not None else "",
        documents=tuple(documents),
        categories=tuple(categories.values()),
        path=str(directory),
        register=register,
    )
