"""Reading TEI into the model: one walk of a TEI document, for this corpus and for TEI written
elsewhere.

The walk maps TEI as the Guidelines define its elements: documents from ``TEI``; passages from
block-level units (``p``, ``ab``, ``head``, ``l``, ``item``, ``note``, ``speaker``, …); metadata
from the header; mentions from names with ``@ref`` or ``@key``; speakers from ``sp/@who`` and
``u/@who``; works from ``listBibl`` and ``sourceDesc``; quotations from ``q``, ``quote`` and
``said``. Markup it does not know is kept as text and listed in the load report; elements of
another vocabulary are skipped and reported (`corpus._sources`).

This corpus's layout is a layer of conventions the walk consults wherever its markup is present:
``actor:``, ``work:`` and ``group:`` pointers into the registers (`corpus._registers`), voices
in ``@ana``, figures (``measure`` with ``#measure.…``), event names (``term ref="#name.…"``),
note markers and back-links, website boilerplate, translations, and the source description of a
capture (``sourceDesc/bibl`` with ``idno type="capture"``), with its stance and genre.

How strictly they hold depends on where a text is read from. A text that a corpus.xml includes is
read in the *corpus profile*, against that corpus's categories and registers, whether the whole
corpus is loaded or the text alone: a passage, quotation or figure without an id, a category the
corpus does not define or a pointer its registers lack is an error naming the file and line. Any
other TEI is read leniently: an element without ``xml:id`` (passage, quotation, person, place,
organisation, work) gets a computed id from its position, flagged ``stable=False`` and reported
once, and nothing is skipped silently.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from corpus import _progress
from corpus._registers import (
    _REGISTER_NAMES,
    POINTS,
    Registers,
    read_actors,
    read_claims,
    read_works,
    register_include,
)
from corpus._sources import Report, TeiFile, is_tei, root_name, tei_files
from corpus._xml import (
    _EDITORIAL_IN_CHOICE,
    ACTOR_PREFIX,
    GROUP_PREFIX,
    NS,
    TEI_NS,
    WORK_PREFIX,
    XML_ID,
    XML_LANG,
    _cert,
    _Element,
    _first,
    _flatten_marked,
    _id_of,
    _local,
    _pointers,
    _prefixed,
    _reading_text,
    _require_root,
    _span,
    _target,
    _targets,
    _tei,
    _text_of,
    includes,
    parse_file,
    read_include,
)
from corpus.claims import Attribution, Figure
from corpus.errors import CorpusError, CorpusFileError
from corpus.model import (
    AUTHOR_VOICE,
    Actor,
    Category,
    Classification,
    Correction,
    Document,
    EventName,
    Mention,
    Passage,
    Proposal,
    Source,
    SourceDate,
    Voice,
    tally,
)
from corpus.report import Unmapped
from corpus.text import collapse_layout_mapper
from corpus.works import Citation, Quote, QuoteGroup, Reference

__all__ = ["Reading", "read", "read_corpus"]

# ------------------------------------------------------------------ elements

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

#: The passages of a text in the corpus profile: each carries a stable xml:id.
PASSAGE_TAGS = frozenset({"head", "p", "ab", "item", "note", "byline"})
#: Names whose @ref or @key points at an actor, in TEI without this corpus's ``actor:`` pointers.
_NAME_TAGS = frozenset({"persName", "orgName", "placeName", "geogName", "name", "rs"})
_QUOTES = ("q", "quote", "said")
_TURNS = ("sp", "u")
_EDITORIAL = _EDITORIAL_IN_CHOICE
#: the taxonomies whose categories a figure names in @ana beside its claimant
FIGURE_TAXONOMIES = ("measure", "scope")
_CAPTURE = "tei:fileDesc/tei:sourceDesc/tei:bibl/tei:idno[@type='capture']"
_ISO_DATE = re.compile(r"-?\d{4}(-\d\d(-\d\d)?)?")
#: Note markers ("[6]"): words of a citation, not of an account, when a passage's own voice
#: is looked for outside its reviewed voices.
_NOTE_MARKS = re.compile(r"\[\d{1,3}\]")


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


# ------------------------------------------------------------------ the header of a capture


def _evidence_text(note: _Element) -> str:
    """An evidence note's text, each empty <ptr> read as the id it points to."""
    import copy

    readable = copy.deepcopy(note)
    for pointer in readable.iter(f"{{{TEI_NS}}}ptr"):
        pointer.text = _id_of(pointer.get("target") or "")
    return _reading_text(readable)


class _Header:
    """Reads one text's teiHeader."""

    def __init__(self, path: Path, root: _Element, categories: Mapping[str, Category]) -> None:
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
        return _evidence_text(note), tuple(dict.fromkeys(c for c in cited if c))

    def classification(self, scheme: str, *, strict: bool = True) -> Classification | None:
        """The text's category in one taxonomy (stance, genre), with its certainty and
        evidence. In the corpus profile it is required and must be a category of corpus.xml;
        read leniently, an absent one is None and an unknown one is named as written."""
        xpath = f"tei:profileDesc/tei:textClass/tei:catRef[@scheme='#{scheme}']"
        cat_ref = self.require(xpath) if strict else self.header.find(xpath, NS)
        if cat_ref is None:
            return None
        target = _id_of(cat_ref.get("target", ""))
        category = self.categories.get(target)
        if (category is None or category.taxonomy != scheme) and not strict:
            category = Category(target, scheme, target, "")
        elif category is None or category.taxonomy != scheme:
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
            emails=tuple(_text_of(e) or "" for e in bibl.iterfind("tei:email", NS)),
            credits=tuple(
                (_text_of(r.find("tei:resp", NS)) or "", _text_of(r.find("tei:orgName", NS)) or "")
                for r in bibl.iterfind("tei:respStmt", NS)
            ),
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


def _passage_elements(path: Path, node: _Element) -> Iterator[_Element]:
    """Passage elements in document order; refuses text that lies outside every passage."""
    _refuse_loose(path, node.text, node)
    for child in node:
        if isinstance(child.tag, str) and _local(child) in PASSAGE_TAGS:
            yield child
        elif isinstance(child.tag, str):
            yield from _passage_elements(path, child)
        _refuse_loose(path, child.tail, child)


def _refuse_loose(path: Path, value: str | None, where: _Element) -> None:
    if value and value.strip():
        raise CorpusFileError(
            path,
            where.sourceline,
            f"has text outside any passage ({value.strip()[:40]!r}); "
            "wrap it in <p> or <ab> with an xml:id",
        )


def _has_measure(node: _Element) -> bool:
    return any(t.startswith("#measure.") for t in (node.get("ana") or "").split())


# ------------------------------------------------------------------ the walk


class _Conventions:
    """This corpus's layout on top of TEI, and how strictly it holds.

    ``strict`` is the corpus profile: the categories are corpus.xml's and problems are errors.
    Otherwise a text is read leniently: ``#voice.…`` and ``#measure.…`` pointers are taken as
    written, and ids are computed where they are missing."""

    __slots__ = ("categories", "figure_taxonomies", "strict", "voice_ids")

    def __init__(self, categories: Mapping[str, Category], *, strict: bool) -> None:
        self.strict, self.categories = strict, categories
        self.voice_ids = frozenset(c.id for c in categories.values() if c.taxonomy == "voice")
        #: the taxonomy of each category a figure may name (measure, scope)
        self.figure_taxonomies = {
            c.id: c.taxonomy for c in categories.values() if c.taxonomy in FIGURE_TAXONOMIES
        }


_LENIENT = _Conventions({}, strict=False)


class _DocumentReader:
    """Reads one ``TEI`` element into a Document: metadata, passages and their annotations.

    One walk for every source; `_Conventions` says how strictly this corpus's layout holds, and
    the layout's markup is read wherever it is present (``layout`` is true for a text in the
    corpus profile and for any text whose source description names a capture)."""

    def __init__(
        self,
        tei: _Element,
        doc_id: str,
        *,
        file_of: Callable[[_Element], Path],
        conventions: _Conventions,
        registers: Registers,
        report: Report,
    ) -> None:
        self.tei, self.doc_id, self.file_of = tei, doc_id, file_of
        self.conventions, self.strict = conventions, conventions.strict
        self.registers, self.report = registers, report
        self.path = file_of(tei)
        self.header = tei.find("tei:teiHeader", NS)
        self.layout = self.strict or (
            self.header is not None and self.header.find(_CAPTURE, NS) is not None
        )
        self.passage_count = self.figure_count = self.proposal_count = 0
        self.passage_ids: set[str] = set()
        self.quote_ids: dict[int, str] = {}
        self._alive: list[_Element] = []  # keeps the elements whose id() keys quote_ids
        #: every inline event name: (category, reported, passage id), in document order
        self.terms: list[tuple[str, bool, str]] = []
        #: the works each note of the text cites, for its markers and back-links
        self.note_works: dict[str | None, list[str]] = {}
        self.default_lang = "und"

    # -------------------------------------------------------------- metadata of any TEI

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

    def classes(self, leave_out: tuple[str, ...] = ()) -> tuple[Classification, ...]:
        found = []
        for cat_ref in self._findall("tei:profileDesc/tei:textClass/tei:catRef"):
            scheme = _target(cat_ref.get("scheme") or "")
            if scheme in leave_out:
                continue
            for target in _targets(cat_ref, "target"):
                category = self.registers.categories.get(target)
                if category is None:
                    category = Category(target, scheme, target, "")
                found.append(Classification(category, None, None, ()))
        return tuple(found)

    # -------------------------------------------------------------- the document

    def read(self, version: str) -> Document:
        header = _Header(self.path, self.tei, self.conventions.categories) if self.layout else None
        if header is not None:
            source = header.source()
            language, translations = source.language, header.translations
        else:
            language = self.language()
            source, translations = self.source(language), {}
        text = self.tei.find("tei:text", NS)
        if text is None and self.strict:
            raise CorpusFileError(
                self.path, self.tei.sourceline, "has no <text>; add the source text"
            )
        if text is not None:
            self.default_lang = self.tei.get(XML_LANG, "en") if self.layout else language
            passages, quotes, source_text = self._read_text(text, translations)
        else:
            self.report.add(
                self.path,
                self.tei.sourceline,
                "<TEI> without <text>",
                "a document without passages",
            )
            passages, quotes, source_text = (), (), ""
        if header is not None:
            stance = header.classification("stance", strict=self.strict)
            genre = header.classification("genre", strict=self.strict)
            event_names = _counted(header.event_names(), self.terms)
        else:
            stance = genre = None
            event_names = ()
        return Document(
            id=self.doc_id,
            title=source.title or ("" if self.layout else self.doc_id),
            source=source,
            stance=stance,
            genre=genre,
            language=language,
            passages=passages,
            event_names=event_names,
            source_text=source_text,
            quotes=quotes,
            data_version=version,
            keywords=() if self.layout else self.keywords(),
            classes=self.classes(("stance", "genre", "event-names") if self.layout else ()),
        )

    def _read_text(
        self, text: _Element, translations: Mapping[str, str]
    ) -> tuple[tuple[Passage, ...], tuple[Quote, ...], str]:
        """The passages and quotations of a ``text``, and its source text."""
        self.note_works = {
            note.get(XML_ID): [w for b in note.iter(f"{{{TEI_NS}}}bibl") for w in self._works(b)]
            for note in text.iter(f"{{{TEI_NS}}}note")
        }
        self._number_quotes(text)
        if self.strict:
            elements = list(_passage_elements(self.path, text))
            if not elements:
                raise CorpusFileError(
                    self.path, text.sourceline, "has no passages; a text needs at least one"
                )
        else:
            elements = list(self._units(text))
        order = {id(e): n for n, e in enumerate(elements)}
        turn_of = self._turns(text, order)
        fields = [self._passage(e, turn_of.get(id(e)), translations) for e in elements]
        inline = [q for f in fields for q in f.pop("_quotes")]
        blocks = self._block_quotes(text, order, fields)
        position = {f["id"]: n for n, f in enumerate(fields)}
        quotes = sorted(
            [*inline, *blocks], key=lambda q: (position[q.passage_id], q.span or (0, 0))
        )
        by_passage: dict[str, list[Quote]] = {}
        for quote in quotes:
            for passage_id in quote.passages:
                by_passage.setdefault(passage_id, []).append(quote)
        raws = [entry.pop("_raw") for entry in fields]
        passages = tuple(
            Passage(**entry, quotes=tuple(by_passage.get(entry["id"], ()))) for entry in fields
        )
        # a text in the corpus profile has no text outside its passages
        source_text = "\n".join(raws) if self.strict else _flatten_marked(text, "\n")[0]
        return passages, tuple(quotes), source_text

    # -------------------------------------------------------------- passages

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
                        self.file_of(child),
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
                        self.file_of(child),
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
        self.report.add(self.file_of(element), element.sourceline, f"<{_local(element)}>", outcome)

    def _required_id(self, node: _Element, what: str, form: str) -> str:
        """The stable id of a passage, quotation or figure in the corpus profile; its absence
        is an error naming the line."""
        found = node.get(XML_ID)
        if not found:
            raise CorpusFileError(
                self.file_of(node),
                node.sourceline,
                f"has a <{_local(node)}> {what} without xml:id; "
                f"give every {what} a stable id ({self.doc_id}.{form})",
            )
        return str(found)

    def _passage_id(self, element: _Element) -> tuple[str, bool]:
        if self.strict:  # repeats are found across the whole corpus, with both files named
            return self._required_id(element, "passage", "N"), True
        self.passage_count += 1
        xml_id = element.get(XML_ID)
        if not xml_id:
            return self._computed(element, "passage", str(self.passage_count)), False
        passage_id = self._qualified(xml_id)
        if passage_id in self.passage_ids:
            raise CorpusFileError(
                self.file_of(element),
                element.sourceline,
                f"repeats the xml:id {xml_id!r} in one document; an xml:id must be unique "
                "within its file: rename one of them",
            )
        self.passage_ids.add(passage_id)
        return passage_id, True

    def _computed(self, element: _Element, what: str, number: str) -> str:
        """The id of a passage (``DOC:N``) or figure (``DOC:fN``) without xml:id."""
        markup = f"{what} without xml:id"
        where = self.file_of(element)
        return self.report.computed_id(where, element, markup, stem=self.doc_id, number=number)

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
        """The id of every quotation and turn: its xml:id, or, read leniently, a computed one
        (``DOC:qN``, ``DOC:tN``); in the corpus profile a missing one is an error where the
        quotation is read."""
        counts = {"q": 0, "t": 0}
        for node in text.iter(*_tei(*_QUOTES, *_TURNS)):
            kind = "t" if _local(node) in _TURNS else "q"
            if kind == "t" and not node.get("who"):
                continue
            counts[kind] += 1
            self._alive.append(node)
            xml_id = node.get(XML_ID)
            if self.strict:
                if xml_id:
                    self.quote_ids[id(node)] = str(xml_id)
                continue
            self.quote_ids[id(node)] = (
                self._qualified(xml_id) if xml_id else f"{self.doc_id}:{kind}{counts[kind]}"
            )

    def _quote_id(self, node: _Element) -> str:
        if self.strict:
            return self._required_id(node, "quotation", "qN")
        return self.quote_ids[id(node)]

    def _turns(self, text: _Element, order: dict[int, int]) -> dict[int, str]:
        """The turn (a quotation id) of each passage: the innermost ``sp`` or ``u`` with
        ``@who`` around it."""
        found: dict[int, str] = {}
        for node in text.iter(*_tei(*_TURNS)):
            quote_id = self.quote_ids.get(id(node))
            if quote_id is None:
                continue
            for element in (node, *node.iterdescendants()):
                if id(element) in order:
                    found[id(element)] = quote_id  # document order: an inner turn comes later
        return found

    def _passage(
        self, element: _Element, turn: str | None, translations: Mapping[str, str]
    ) -> dict[str, Any]:
        passage_id, stable = self._passage_id(element)
        _break_after_blocks(element)
        ancestry = [element, *element.iterancestors()]
        # one walk serves both views: a line break is one character of layout whitespace,
        # so the reading text collapses it like a space, and source_text() keeps it
        raw, marked = _flatten_marked(element, "\n")
        text, where = collapse_layout_mapper(raw)
        entry: dict[str, Any] = {
            "id": passage_id,
            "document_id": self.doc_id,
            "text": text,
            "kind": _local(element),
            "boilerplate": any(e.get("type") == "boilerplate" for e in ancestry),
            "lang": next((e.get(XML_LANG) for e in ancestry if e.get(XML_LANG)), self.default_lang),
            "turn": turn,
            "translation": translations.get(passage_id),
            "mentions": [],
            "proposals": [],
            "citations": [],
            "voices": self._voices(ancestry) if self.layout else (),
            "corrections": [],
            "figures": [],
            "stable": stable,
        }
        entry["_voiced"] = []
        entry["_quotes"] = self._annotate(entry, element, marked, where)
        voiced = entry.pop("_voiced")
        if voiced:
            entry["voices"] = self._voiced(entry["voices"], voiced, text)
        parent = element.getparent()
        if _local(element) == "speaker" and _local(parent) in _TURNS and text:
            # the label names who speaks: a printed form of each actor that sp/@who points at
            for actor_id in dict.fromkeys(self._pointed(parent.get("who"), ACTOR_PREFIX)):
                self.registers.mentioned(actor_id, element, text)
                actor_kind = self.registers.kind_of(actor_id, element)
                entry["mentions"].append(
                    Mention(actor_id, passage_id, text, (0, len(text)), None, "name", actor_kind)
                )
        if _local(element) in ("bibl", "biblStruct"):
            work_id = element.get(XML_ID)
            if work_id in self.registers.works:
                entry["citations"].append(
                    Citation(work_id, passage_id, text, (0, len(text)), "bibliography")
                )
        entry["mentions"].sort(key=lambda m: m.span)
        entry["figures"].sort(key=lambda f: f.span)
        for key in ("mentions", "proposals", "citations", "corrections", "figures"):
            entry[key] = tuple(entry[key])
        entry["_raw"] = raw
        return entry

    def _annotate(
        self,
        entry: dict[str, Any],
        element: _Element,
        marked: list[tuple[int, int, Any]],
        where: Callable[[int], int],
    ) -> list[Quote]:
        """Fill a passage's mentions, citations, corrections and figures from its inline
        markup and note its event names; return its inline quotations."""
        passage_id, text = entry["id"], entry["text"]
        numbers = {id(node): (start, end) for start, end, node in marked if _local(node) == "num"}
        quotes = []
        for start, end, node in marked:
            name = _local(node)
            if name not in KNOWN:
                self._unknown(node, "kept as text")
            ref = node.get("ref") or ""
            candidate = name == "rs" and node.get("type") == "candidate"  # a name not registered
            if (ref.startswith(ACTOR_PREFIX) or candidate) and node.get("subtype") in (
                "proposed",
                "rejected",
            ):
                span = _span(text, where, start, end)  # a rule's proposal, not yet reviewed
                entry["proposals"].append(self._proposal(passage_id, node, text, span))
            elif ref.startswith(ACTOR_PREFIX) or (
                not self.strict and name in _NAME_TAGS and (ref or node.get("key"))
            ):
                span = _span(text, where, start, end)
                entry["mentions"] += self._mentions(passage_id, node, text, span)
            if name in ("ref", "bibl", "ptr"):
                self._cited(entry, element, node, _span(text, where, start, end))
            if name == "choice":
                span = _span(text, where, start, end)
                corrected = [c for c in node if _local(c) in _EDITORIAL]
                printed = text[span[0] : span[1]]
                entry["corrections"] += [
                    Correction(span, printed, _reading_text(c)) for c in corrected
                ]
            if name == "term" and ref.startswith("#name."):
                self.terms.append((_id_of(ref), node.get("type") == "reported", passage_id))
            if name in _QUOTES and node.get("subtype") in ("proposed", "rejected"):
                span = _span(text, where, start, end)  # a quotation a rule proposed
                entry["proposals"].append(self._proposal(passage_id, node, text, span, quote=True))
            elif name in _QUOTES:
                span = _span(text, where, start, end)
                quotes.append(
                    self._quote(node, (passage_id,), text[span[0] : span[1]], "inline", span)
                )
            if name == "seg" and node.get("type") == "voice" and self.layout:
                self._voice_seg(entry, node, _span(text, where, start, end))
            if name == "measure" and node.get("subtype") in ("proposed", "rejected"):
                span = _span(text, where, start, end)  # a figure a rule proposed
                number = self._number(node, numbers, text, where)
                entry["proposals"].append(self._proposal(passage_id, node, text, span, number))
            elif name == "measure" and (self.strict or _has_measure(node)):
                span = _span(text, where, start, end)
                number = self._number(node, numbers, text, where)
                entry["figures"].append(
                    self._figure(passage_id, element, node, text, span=span, number=number)
                )
        return quotes

    def _pointed(
        self, value: str | None, prefix: str, known: Mapping[str, Any] | None = None
    ) -> list[str]:
        """The ids an attribute points at: this corpus's ``prefix:ID`` pointers, or in TEI
        without them any pointer (to a registered entry, where ``known`` is given)."""
        found = _prefixed(value, prefix)
        if found or self.strict:
            return found
        pointed = [_target(t) for t in (value or "").split() if _target(t)]
        return [t for t in pointed if known is None or t in known]

    def _mentions(
        self, passage_id: str, node: _Element, text: str, span: tuple[int, int]
    ) -> list[Mention]:
        """The mentions one element makes: an ``actor:`` pointer (with ``@type="descriptive"``
        for a description and its ``@cert``), or any pointers of a TEI name."""
        ref = node.get("ref") or ""
        printed = sys.intern(text[span[0] : span[1]])  # spellings repeat: share one string
        kind: Literal["name", "description"]
        if ref.startswith(ACTOR_PREFIX):
            if span[0] == span[1]:
                raise CorpusFileError(
                    self.file_of(node), node.sourceline, "has an empty actor mention; remove it"
                )
            kind = "description" if node.get("type") == "descriptive" else "name"
            actor_ids, cert = [sys.intern(ref[len(ACTOR_PREFIX) :])], _cert(self.path, node)
        else:
            kind = "description" if _local(node) == "rs" else "name"
            actor_ids, cert = list(dict.fromkeys(_targets(node, "ref", "key"))), None
        found = []
        for actor_id in actor_ids:
            self.registers.mentioned(actor_id, node, printed)
            actor_kind = self.registers.kind_of(actor_id, node)
            found.append(Mention(actor_id, passage_id, printed, span, cert, kind, actor_kind))
        return found

    def _proposal(
        self,
        passage_id: str,
        node: _Element,
        text: str,
        span: tuple[int, int],
        number: tuple[_Element, tuple[int, int]] | None = None,
        *,
        quote: bool = False,
    ) -> Proposal:
        """An annotation a rule proposed (or a person rejected), with its id, rules, certainty
        and status: a mention of the actor its ``actor:`` pointer names, or, given the
        ``number`` of a ``<measure>``, a figure with its measure (if guessed) and the value or
        bounds of its ``<num>``, or with ``quote`` a quotation with the speaker its ``@who``
        proposes."""
        candidate = node.get("type") == "candidate"
        letter = "q" if quote else ("n" if candidate else "m") if number is None else "f"
        found = self._proposed(passage_id, node, text, span, letter)
        if quote:
            speaker = _prefixed(node.get("who"), ACTOR_PREFIX)
            said = (("speaker", speaker[0] if speaker else None),)
            return Proposal(actor_id="", kind="quote", details=said, **found)
        if number is None and node.get("type") == "candidate" and not node.get("ref"):
            return Proposal(actor_id="", kind="actor", **found)
        if number is None:
            actor_id = sys.intern((node.get("ref") or "")[len(ACTOR_PREFIX) :])
            return Proposal(actor_id=actor_id, **found)
        measures = [t[1:] for t in (node.get("ana") or "").split() if t.startswith("#measure.")]
        num, (number_start, _number_end) = number
        details = (
            ("measure", measures[0] if measures else None),
            ("value", self._decimal(num, "value")),
            ("low", self._decimal(num, "atLeast")),
            ("high", self._decimal(num, "atMost")),
            ("qualifier", text[span[0] : number_start].strip() or None),
        )
        return Proposal(actor_id="", kind="figure", details=details, **found)

    def _proposed(
        self, passage_id: str, node: _Element, text: str, span: tuple[int, int], letter: str
    ) -> dict[str, Any]:
        """What every proposal in the text has: its id (its ``xml:id``, or one computed with
        ``letter`` and its number), passage, words, rules, certainty and status."""
        self.proposal_count += 1
        xml_id = node.get(XML_ID)
        return {
            "id": self._qualified(xml_id)
            if xml_id
            else self._computed(node, "proposal", f"{letter}{self.proposal_count}"),
            "passage_id": passage_id,
            "text": text[span[0] : span[1]],
            "span": span,
            "cert": _cert(self.path, node),
            "resp": _id_of(node.get("resp") or "") or None,
            "status": "rejected" if node.get("subtype") == "rejected" else "proposed",
        }

    def _cited(
        self, entry: dict[str, Any], element: _Element, node: _Element, span: tuple[int, int]
    ) -> None:
        """A ``ref``, ``bibl`` or ``ptr``: the citations it makes, or, for a ``ref`` a rule
        proposed (or a person rejected), a citation proposal with the work its ``target``
        proposes (if any)."""
        passage_id, text = entry["id"], entry["text"]
        if _local(node) != "ref" or node.get("subtype") not in ("proposed", "rejected"):
            entry["citations"] += self._citations(passage_id, element, node, text, span)
            return
        works = _prefixed(node.get("target"), WORK_PREFIX)
        marker = node.get("type") == "noteAnchor"
        details: tuple[tuple[str, str | None], ...] = (
            ("work", works[0] if works else None),
            ("kind", "marker" if marker else "named"),
            ("n", node.get("n") if marker else None),
        )
        found = self._proposed(passage_id, node, text, span, "c")
        entry["proposals"].append(Proposal(actor_id="", kind="citation", details=details, **found))

    def _voice_seg(self, entry: dict[str, Any], node: _Element, span: tuple[int, int]) -> None:
        """A ``<seg type="voice">``: a proposal a rule made (or a person rejected), or, once
        accepted, the voices of the words it holds."""
        if node.get("subtype") in ("proposed", "rejected"):
            entry["proposals"].append(self._voice_proposal(entry["id"], node, entry["text"], span))
        else:
            entry["_voiced"].append((span, node))

    def _voice_proposal(
        self, passage_id: str, node: _Element, text: str, span: tuple[int, int]
    ) -> Proposal:
        """A voice a rule proposed (or a person rejected) for the words of a ``<seg
        type="voice">``: the chains it suggests, inside any voices proposed around it."""
        found = self._proposed(passage_id, node, text, span, "v")
        chains = self._voices([node, *node.iterancestors()], proposed=True)
        return Proposal(actor_id="", kind="voice", chains=chains, **found)

    def _voiced(
        self,
        own: tuple[tuple[Voice, ...], ...],
        voiced: list[tuple[tuple[int, int], _Element]],
        text: str,
    ) -> tuple[tuple[Voice, ...], ...]:
        """A passage's voices where reviewed ``<seg type="voice">`` elements give the voices
        of some of its words: each one's chain (inside the passage's own), and the passage's own
        voices where words stand outside every one of them; in order of first appearance."""
        found: list[tuple[int, tuple[tuple[Voice, ...], ...]]] = []
        covered = [False] * len(text)
        for (start, end), node in voiced:
            found.append((start, self._voices([node, *node.iterancestors()])))
            covered[start:end] = [True] * (end - start)
        outside = "".join(" " if c else t for c, t in zip(covered, text, strict=True))
        word = re.search(r"\w", _NOTE_MARKS.sub(" ", outside))
        if word is not None:
            found.append((word.start(), own))
        ordered = [chain for _, chains in sorted(found, key=lambda f: f[0]) for chain in chains]
        return tuple(dict.fromkeys(ordered))

    def _works(self, element: _Element) -> list[str]:
        return _prefixed(element.get("target") or element.get("corresp"), WORK_PREFIX)

    def _citations(
        self,
        passage_id: str,
        passage: _Element,
        node: _Element,
        text: str,
        span: tuple[int, int],
    ) -> list[Citation]:
        """The works a ``ref``, ``bibl`` or ``ptr`` cites: this corpus's ``work:`` pointers,
        note markers and back-links, and, in TEI without them, a pointer at a listed work."""
        printed = text[span[0] : span[1]]
        name = _local(node)
        kind: Literal["marker", "backlink", "bibliography", "named"]
        works, note = ([] if name == "ptr" else self._works(node)), None
        if name == "bibl":
            numbered_note = _local(passage) == "note" and passage.get("n") is not None
            kind = "bibliography" if numbered_note else "named"
        elif name == "ref" and node.get("type") == "noteAnchor":
            kind = "marker"
            if not works:
                note = _first([_id_of(t) for t in (node.get("target") or "").split()])
                works = self.note_works.get(note, [])
        elif name == "ref" and node.get("type") == "backlink":
            kind, works = "backlink", self.note_works.get(passage_id, [])
        else:
            kind = "named"
        if not works and not self.strict and name in ("ref", "ptr"):
            kind, works = (
                "named",
                self._pointed(node.get("target"), WORK_PREFIX, self.registers.works),
            )
        return [Citation(w, passage_id, printed, span, kind, note) for w in works]

    def _quote(
        self,
        node: _Element,
        passages: tuple[str, ...],
        text: str,
        kind: Literal["inline", "block", "turn"],
        span: tuple[int, int] | None = None,
    ) -> Quote:
        quote_id = self._quote_id(node)
        speaker = _first(self._pointed(node.get("who"), ACTOR_PREFIX))
        if speaker is not None:
            label = node.find("tei:speaker", NS)
            self.registers.mentioned(speaker, node, _text_of(label) or "")
        return Quote(
            id=quote_id,
            passage_id=passages[0],
            document_id=self.doc_id,
            speaker=speaker,
            source=_first(self._pointed(node.get("source"), WORK_PREFIX, self.registers.works)),
            text=text,
            group=_first(_prefixed(node.get("ana"), GROUP_PREFIX)),
            kind=kind,
            passages=passages,
            span=span,
            marked=node.get("rend") != "unmarked",
            cert=_cert(self.path, node, strict=self.layout),
        )

    def _block_quotes(
        self, text: _Element, order: dict[int, int], fields: list[dict[str, Any]]
    ) -> list[Quote]:
        """Quotations made of whole passages: block quotations and turns (``sp``, ``u``). A
        turn's text leaves out its speaker label, and each passage its leading ``label``
        ("Question:")."""
        found = []
        for node in text.iter(*_tei(*_QUOTES, *_TURNS)):
            turn = _local(node) in _TURNS
            if turn and not node.get("who"):
                continue
            inside = [e for e in (node, *node.iterdescendants()) if id(e) in order]
            if not inside:
                continue
            spoken = [e for e in inside if not (turn and _local(e) == "speaker")] or inside
            ids = tuple(fields[order[id(e)]]["id"] for e in spoken)
            texts = []
            for element in spoken:
                passage_text = fields[order[id(element)]]["text"]
                label = element.find("tei:label", NS)
                if label is not None:
                    passage_text = passage_text.removeprefix(_reading_text(label)).lstrip()
                texts.append(passage_text)
            found.append(self._quote(node, ids, "\n".join(texts), "turn" if turn else "block"))
        return found

    # -------------------------------------------------------------- figures and voices

    def _number(
        self,
        measure: _Element,
        numbers: dict[int, tuple[int, int]],
        text: str,
        where: Callable[[int], int],
    ) -> tuple[_Element, tuple[int, int]]:
        """The one <num> of a figure and where it stands in the passage text."""
        found = list(measure.iter(f"{{{TEI_NS}}}num"))
        if len(found) != 1:
            raise CorpusFileError(
                self.file_of(measure),
                measure.sourceline,
                f"has a figure (measure) with {len(found)} num elements; "
                "put exactly one <num> around its number",
            )
        return found[0], _span(text, where, *numbers[id(found[0])])

    def _figure(
        self,
        passage_id: str,
        passage: _Element,
        node: _Element,
        text: str,
        *,
        span: tuple[int, int],
        number: tuple[_Element, tuple[int, int]],
    ) -> Figure:
        """A figure: its measure category, value and bounds as printed, and its claimant."""
        self.figure_count += 1
        figure_id = (
            self._required_id(node, "figure (measure)", "fN")
            if self.strict or node.get(XML_ID)
            else self._computed(node, "figure", f"f{self.figure_count}")
        )
        tokens = (node.get("ana") or "").split()
        measures = self._figure_categories(node, figure_id, tokens, "measure", required=True)
        scopes = self._figure_categories(node, figure_id, tokens, "scope", required=False)
        own_voice = any(self._voice(node, t) for t in tokens)
        ancestry = [node, *node.iterancestors()]
        claimant = self._voices(ancestry, replaced=passage if own_voice else None)[0]
        num, (number_start, number_end) = number
        qualifier = text[span[0] : number_start].strip()
        return Figure(
            id=figure_id,
            passage_id=passage_id,
            document_id=self.doc_id,
            span=span,
            text=text[span[0] : span[1]],
            measure=sys.intern(measures[0]),
            value=self._decimal(num, "value"),
            low=self._decimal(num, "atLeast"),
            high=self._decimal(num, "atMost"),
            qualifier=qualifier or None,
            unit=sys.intern(node.get("unit", "")),
            claimant=claimant,
            cert=_cert(self.path, node),
            number=text[number_start:number_end],
            scope=sys.intern(scopes[0]) if scopes else None,
        )

    def _figure_categories(
        self, node: _Element, figure_id: str, tokens: list[str], taxonomy: str, *, required: bool
    ) -> list[str]:
        """The categories of one taxonomy a figure's @ana names: exactly one where required, at
        most one otherwise (a figure without a scope loads; `validate` reports it). In the
        corpus profile each must be a category of that taxonomy in corpus.xml."""
        named = [t[1:] for t in tokens if t.startswith(f"#{taxonomy}.")]
        known = self.conventions.figure_taxonomies
        if (
            len(named) > 1
            or (required and not named)
            or (self.strict and any(known.get(n) != taxonomy for n in named))
        ):
            raise CorpusFileError(
                self.file_of(node),
                node.sourceline,
                f"gives the figure {figure_id} the {taxonomy} categories {named or 'none'}; its "
                f"@ana needs {'exactly' if required else 'at most'} one #{taxonomy}.… category of "
                f"the {taxonomy} taxonomy in corpus.xml",
            )
        return named

    def _decimal(self, node: _Element, attribute: str) -> int | float | None:
        value = node.get(attribute)
        if value is None:
            return None
        try:
            number = float(value)
        except ValueError:
            raise CorpusFileError(
                self.file_of(node),
                node.sourceline,
                f"has {attribute}={value!r}; write a plain number",
            ) from None
        return int(number) if number.is_integer() else number

    def _voices(
        self, ancestry: list[_Element], replaced: _Element | None = None, *, proposed: bool = False
    ) -> tuple[tuple[Voice, ...], ...]:
        """Voice chains, outermost first: each level is an element's @ana voices (parallel
        parties), or the speaker of an enclosing block quotation or interview turn. Website
        boilerplate is always the page's own voice. The @ana voices of ``replaced`` (a passage
        whose figure names its own claimant) are left out, and so are those of a proposal not
        accepted (``subtype="proposed"``, unless ``proposed``, or ``"rejected"``)."""
        if any(e.get("type") == "boilerplate" for e in ancestry):
            return ((AUTHOR_VOICE,),)
        chains: list[tuple[Voice, ...]] = [()]
        for node in reversed(ancestry):
            status = node.get("subtype")
            if status == "rejected" or (status == "proposed" and not proposed):
                continue
            tokens = [] if node is replaced else (node.get("ana") or "").split()
            level = [v for v in (self._voice(node, t) for t in tokens) if v is not None]
            speaking = _local(node) in _QUOTES or _local(node) in _TURNS
            if not level and speaking and node is not ancestry[0]:
                level = [Voice(a, "actor") for a in _prefixed(node.get("who"), ACTOR_PREFIX)]
            if level:
                chains = [c if c and c[-1] == v else (*c, v) for c in chains for v in level]
        unique = tuple(dict.fromkeys(c for c in chains if c))
        return unique or ((AUTHOR_VOICE,),)

    def _voice(self, node: _Element, token: str) -> Voice | None:
        """The voice an @ana pointer names; ``None`` for a pointer of another kind (group:,
        a figure's category, and read leniently anything but ``#voice.…``)."""
        if token.startswith(ACTOR_PREFIX):
            return Voice(token[len(ACTOR_PREFIX) :], "actor")
        if not token.startswith("#") or token[1:].partition(".")[0] in FIGURE_TAXONOMIES:
            return None
        if not self.strict:
            return Voice(token[1:], "category") if token.startswith("#voice.") else None
        if token[1:] not in self.conventions.voice_ids:
            raise CorpusFileError(
                self.file_of(node),
                node.sourceline,
                f"gives the voice {token}, which is not a category of the voice taxonomy in "
                f"corpus.xml; use one of {', '.join(sorted(self.conventions.voice_ids))}",
            )
        return Voice(token[1:], "category")


def _break_after_blocks(element: _Element) -> None:
    """Adjacent blocks inside a passage (lines of a verse quotation) are separated by a line
    break where the file has nothing between them, so their words do not run together."""
    for inner in element.iterdescendants():
        block = isinstance(inner.tag, str) and _local(inner) in BLOCK_ONLY
        if block and not inner.tail and inner.getnext() is not None:
            inner.tail = "\n"


# ------------------------------------------------------------------ documents and corpus


def _unregistered(
    document: Document, actors: set[str], works: set[str], groups: set[str]
) -> Iterator[str]:
    """Every pointer of a document into a register that lacks its target, described."""
    for passage in document.passages:
        for mention in passage.mentions:
            if mention.actor_id not in actors:
                yield f"mentions actor:{mention.actor_id} in {passage.id}"
        for voice in {v for chain in passage.voices for v in chain}:
            if voice.kind == "actor" and voice.id not in actors:
                yield f"gives the voice actor:{voice.id} to {passage.id}"
        for citation in passage.citations:
            if citation.reference_id not in works:
                yield f"cites work:{citation.reference_id} in {passage.id}"
    for quote in document.quotes:
        if quote.speaker is not None and quote.speaker not in actors:
            yield f"quotes actor:{quote.speaker} in {quote.id}"
        if quote.source is not None and quote.source not in works:
            yield f"quotes from work:{quote.source} in {quote.id}"
        if quote.group is not None and quote.group not in groups:
            yield f"puts {quote.id} in group:{quote.group}"


def _stand_off_claims(
    tei: _Element, document: Document, report: Report, path: Path
) -> tuple[Document, list[Attribution]]:
    """The attributions a text holds in its own ``standOff`` (a draft's, written as claims.xml
    writes them, each pointing at a passage of the text with ``source="#ID"``): a proposed or
    rejected one is a `Proposal` of its passage (kind ``"attribution"``), any other an
    `Attribution`. One that points at no passage of the text, or whose agent or claimant is not
    written as claims.xml writes them, is reported and left out."""
    relations = tei.findall("tei:standOff/tei:listRelation[@type='attributions']/tei:relation", NS)
    if not relations:
        return document, []
    passages = {p.id: p for p in document.passages}
    proposed: dict[str, list[Proposal]] = {}
    found: list[Attribution] = []
    for relation in relations:
        passage_id = (relation.get("source") or "").partition("#")[2]
        agents = _prefixed(relation.get("active"), ACTOR_PREFIX)
        chain = tuple(
            Voice(t[len(ACTOR_PREFIX) :], "actor")
            if t.startswith(ACTOR_PREFIX)
            else Voice(t.partition("#")[2], "category")
            for t in (relation.get("ana") or "").split()
        )
        if (
            passage_id not in passages
            or len(agents) != 1
            or not relation.get("name")
            or not chain
            or any(v.kind == "category" and not v.id.startswith("voice.") for v in chain)
        ):
            report.add(
                path,
                relation.sourceline,
                "<relation> of attributions without a passage of the text, one actor:ID agent, "
                "a name and actor:ID or #voice.… claimants",
                "left out",
            )
            continue
        passage = passages[passage_id]
        words = _text_of(relation.find("tei:desc", NS)) or ""
        at = passage.text.find(words) if words else -1
        span = (at, at + len(words)) if at >= 0 else (0, len(passage.text))
        relation_id = relation.get(XML_ID) or f"{passage_id}.a{len(found) + 1}"
        act = sys.intern(f"act.{relation.get('name')}")
        cert = relation.get("cert") if relation.get("cert") in ("high", "medium", "low") else None
        if relation.get("subtype") in ("proposed", "rejected"):
            proposed.setdefault(passage_id, []).append(
                Proposal(
                    id=relation_id,
                    passage_id=passage_id,
                    actor_id=agents[0],
                    text=words,
                    span=span,
                    cert=cert,
                    resp=(relation.get("resp") or "").lstrip("#") or None,
                    status="rejected" if relation.get("subtype") == "rejected" else "proposed",
                    kind="attribution",
                    details=(("agent", agents[0]), ("act", act)),
                    chains=(chain,),
                )
            )
            continue
        found.append(
            Attribution(
                id=relation_id,
                passage_id=passage_id,
                document_id=document.id,
                agent=agents[0],
                act=act,
                claimant=chain,
                text=words,
                cert=cert,
            )
        )
    if proposed:
        document = attrs.evolve(
            document,
            passages=tuple(
                attrs.evolve(p, proposals=(*p.proposals, *proposed[p.id]))
                if p.id in proposed
                else p
                for p in document.passages
            ),
        )
    return document, found


def _with_forms(works: tuple[Reference, ...], documents: list[Document]) -> tuple[Reference, ...]:
    """Each work with the printed forms that cite it, by document (markers are not forms)."""
    forms: dict[str, list[tuple[str, str]]] = {w.id: [] for w in works}
    for document in documents:
        for passage in document.passages:
            for citation in passage.citations:
                if citation.kind in ("named", "bibliography"):
                    forms[citation.reference_id].append((document.id, citation.text))
    return tuple(attrs.evolve(w, forms=tally(forms[w.id])) for w in works)


# ------------------------------------------------------------------ documents and corpus


def _counted(
    names: tuple[EventName, ...], terms: list[tuple[str, bool, str]]
) -> tuple[EventName, ...]:
    """Each event name with how often, and where, the text uses a word of its category so."""
    return tuple(
        attrs.evolve(
            name,
            count=len(
                found := [p for c, r, p in terms if (c, r) == (name.category, name.reported)]
            ),
            passages=tuple(dict.fromkeys(found)),
        )
        for name in names
    )


def _read_document(
    path: Path,
    tree: Any,
    conventions: _Conventions,
    registers: Registers,
    data_version: str,
) -> Document:
    """A text of the corpus in the corpus profile."""
    root = _require_root(path, tree, "TEI")
    doc_id = root.get(XML_ID)
    if not doc_id or not re.fullmatch(r"[a-z][a-z0-9-]*", doc_id):
        raise CorpusFileError(
            path,
            root.sourceline,
            f"has TEI xml:id {doc_id!r}; give the text a short lowercase id such as 'wiki'",
        )
    reader = _DocumentReader(
        root,
        doc_id,
        file_of=lambda _: path,
        conventions=conventions,
        registers=registers,
        report=Report(),
    )
    return reader.read(data_version)


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


def _line_with(tree: Any, described: str) -> int | None:
    """The line of the element a problem is about: the one whose xml:id is ``described``, or
    the first that holds the pointer ``described`` names (``actor:ID``, ``work:ID``, …)."""
    pointer = re.search(r"\b(?:actor|work|group):[^\s,;]+", described)
    token = pointer.group() if pointer else described
    found = tree.xpath(
        "//*[@xml:id=$token or @*[contains(concat(' ', normalize-space(.), ' '), $spaced)]]",
        token=token,
        spaced=f" {token} ",
    )
    return found[0].sourceline if found else tree.getroot().sourceline  # type: ignore[no-any-return]


@attrs.frozen
class Reading:
    """What reading TEI gives: the values a `Corpus` is made of, as plain values.

    The reader sits below the `Corpus` facade and never builds one; `corpus._load` does, from
    these fields (they are the facade's own)."""

    title: str
    version: str
    documents: tuple[Document, ...]
    categories: tuple[Category, ...]
    path: str
    register: tuple[Actor, ...] = ()
    works: tuple[Reference, ...] = ()
    quotation_groups: tuple[QuoteGroup, ...] = ()
    responsibility: tuple[Attribution, ...] = ()
    sources: tuple[str, ...] = ()
    unmapped: tuple[Unmapped, ...] = ()


def read(path: Path) -> Reading:
    """Read the TEI at ``path``: a corpus directory (corpus.xml and the texts it includes) or
    its corpus.xml; one text of such a corpus (in the corpus profile, with the registers, when
    the corpus.xml beside it or one directory up includes it); any TEI or teiCorpus file; or
    every TEI file directly in a directory."""
    if path.is_dir():
        return read_corpus(path) if os.path.lexists(path / "corpus.xml") else _read_files(path)
    if not path.is_file():
        return read_corpus(path)  # says what is missing, or that this is no directory
    if path.name == "corpus.xml":
        return read_corpus(path.parent)
    enclosing = _enclosing_corpus(path)
    if enclosing is not None:
        return read_corpus(enclosing, only=path)
    return _read_files(path)


def _enclosing_corpus(path: Path) -> Path | None:
    """The corpus directory whose corpus.xml (beside ``path`` or one directory up) includes the
    file ``path``; None where there is none, or it cannot be read (the file is then read on its
    own, and a broken corpus.xml is reported when the corpus is loaded)."""
    if not path.is_file():
        return None
    wanted = path.resolve()
    for directory in (path.parent, path.parent.parent):
        corpus_file = directory / "corpus.xml"
        if not corpus_file.is_file():
            continue
        try:
            root = parse_file(corpus_file, directory).getroot()
            if _local(root) != "teiCorpus":
                continue
            if any(i.path.resolve() == wanted for i in includes(corpus_file, root)):
                return directory
        except (CorpusError, OSError):
            continue
    return None


def read_corpus(directory: Path, *, only: Path | None = None) -> Reading:
    """Read corpus.xml in ``directory`` and every text it includes (or only the text ``only``)."""
    corpus_file = directory / "corpus.xml"
    if os.path.lexists(directory) and not directory.is_dir():
        raise CorpusFileError(
            directory,
            None,
            "is a file, not a corpus directory; give the directory that holds corpus.xml",
        )
    if not os.path.lexists(corpus_file):
        raise CorpusFileError(
            directory,
            None,
            "holds no corpus.xml; a corpus directory has corpus.xml (a TEI teiCorpus) "
            "and the text files it includes",
        )
    root = _require_root(corpus_file, parse_file(corpus_file, directory), "teiCorpus")
    categories = _categories(corpus_file, root)
    actors_file = register_include(corpus_file, root, "actor")
    register = (
        read_actors(
            actors_file.path,
            read_include(corpus_file, actors_file, POINTS.format("actor", actors_file.href)),
            categories,
        )
        if actors_file is not None
        else ()
    )
    works_file = register_include(corpus_file, root, "work")
    works, groups = (
        read_works(
            works_file.path,
            read_include(corpus_file, works_file, POINTS.format("work", works_file.href)),
        )
        if works_file is not None
        else ((), {})
    )
    known = {a.id for a in register}
    edition = root.find("tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition", NS)
    version = edition.get("n", "") if edition is not None else ""
    work_ids = {w.id for w in works}
    conventions = _Conventions(categories, strict=True)
    registers = Registers.of_corpus(Report(), register, works, categories)
    documents: list[Document] = []
    seen_documents: set[str] = set()
    seen_passages: dict[str, str] = {}
    included: set[str] = set()
    texts = includes(corpus_file, root)
    if only is not None:
        texts = [i for i in texts if i.path.resolve() == only.resolve()]
    _progress.stage("reading the texts", total=len(texts))
    for include in texts:
        _progress.advance()
        included.add(include.href)
        tree = read_include(corpus_file, include)
        document = _read_document(include.path, tree, conventions, registers, version)
        if document.id in seen_documents:
            raise CorpusFileError(
                include.path,
                tree.getroot().sourceline,
                f"repeats the document id {document.id!r}; ids must be unique",
            )
        for passage in document.passages:
            if passage.id in seen_passages:
                raise CorpusFileError(
                    include.path,
                    _line_with(tree, passage.id),
                    f"repeats the passage id {passage.id!r} (also in {seen_passages[passage.id]}); "
                    "passage ids must be unique across the corpus",
                )
            seen_passages[passage.id] = include.href
        missing = next(_unregistered(document, known, work_ids, set(groups)), None)
        if missing:
            raise CorpusFileError(
                include.path,
                _line_with(tree, missing),
                f"{missing}, which is not in the register; add it there or fix the pointer",
            )
        documents.append(document)
        seen_documents.add(document.id)
    if not documents:
        raise CorpusFileError(corpus_file, root.sourceline, "includes no texts; add xi:include")
    claims_file = register_include(corpus_file, root, "claim")
    passages = {p.id: p for d in documents for p in d.passages}
    attributions = (
        read_claims(
            claims_file.path,
            read_include(corpus_file, claims_file, POINTS.format("claim", claims_file.href)),
            categories,
            known,
            passages=passages,
            texts=included,
        )
        if claims_file is not None
        else ()
    )
    order = {passage_id: n for n, passage_id in enumerate(passages)}
    attributions = tuple(sorted(attributions, key=lambda a: order[a.passage_id]))
    title = root.find("tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title", NS)
    return Reading(
        title=documents[0].title if only is not None else _text_of(title) or "",
        version=version,
        documents=tuple(documents),
        categories=tuple(categories.values()),
        path=str(only if only is not None else directory),
        register=register,
        works=_with_forms(works, documents),
        responsibility=attributions,
        quotation_groups=tuple(
            QuoteGroup(
                group_id,
                description,
                tuple(q for d in documents for q in d.quotes if q.group == group_id),
            )
            for group_id, description in groups.items()
        ),
    )


# ------------------------------------------------------------------ TEI written elsewhere


def _read_files(path: Path) -> Reading:
    """Read a TEI or teiCorpus file, or every TEI file directly in a directory.

    Files are parsed with the safe parser; ``xi:include`` of whole files inside the directory is
    resolved. Document ids are the ``xml:id`` of each ``TEI``, or the file name (with ``-N`` for
    the N-th text of a ``teiCorpus``) where there is none; a repeated id raises
    `CorpusFileError`.
    """
    report = Report()
    if path.is_dir():
        files = tei_files(path, report)
        if not files:
            raise CorpusFileError(
                path,
                None,
                "holds no corpus.xml and no TEI files; give a corpus directory (corpus.xml with "
                "the texts it includes), a TEI or teiCorpus file, or a directory of TEI files",
            )
    else:
        single = TeiFile(path, report)
        if not is_tei(single.root):
            raise CorpusFileError(
                path,
                single.root.sourceline,
                f"has the root element {root_name(single.root)}; a TEI file has a root <TEI> "
                f'or <teiCorpus> in the namespace {TEI_NS} (add xmlns="{TEI_NS}" to a TEI '
                "root that lacks it)",
            )
        files = [single]
    registers = Registers(report)
    for file in files:
        registers.read(file)
    documents: list[Document] = []
    responsibility: list[Attribution] = []
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
            reader = _DocumentReader(
                tei,
                doc_id,
                file_of=file.file_of,
                conventions=_LENIENT,
                registers=registers,
                report=report,
            )
            document, claims = _stand_off_claims(
                tei, reader.read(version), report, file.file_of(tei)
            )
            documents.append(document)
            responsibility.extend(claims)
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
        responsibility=tuple(responsibility),
        sources=tuple(str(f.path) for f in files),
        unmapped=report.items(),
    )
