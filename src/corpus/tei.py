"""Reading this corpus's TEI into the model: corpus.xml, its texts and registers.

The safe parser, includes and printed text are in `corpus._xml`, shared with the reader of TEI
written elsewhere (`corpus.foreign`); lxml elements never leave the reading modules."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, cast

import attrs

from corpus import _progress
from corpus._xml import (
    _EDITORIAL_IN_CHOICE,
    NS,
    TEI_NS,
    XML_ID,
    XML_LANG,
    Include,
    _Element,
    _flatten_marked,
    _id_of,
    _inside,
    _local,
    _pointers,
    _reading_text,
    _require_root,
    _span,
    _text_of,
    includes,
    parse_bytes,
    parse_file,
    read_include,
)
from corpus.claims import Attribution, Figure
from corpus.errors import CorpusFileError
from corpus.model import (
    AUTHOR_VOICE,
    Actor,
    ActorKind,
    Category,
    Certainty,
    Classification,
    Correction,
    Document,
    EventName,
    Identification,
    Mention,
    Passage,
    Relation,
    Source,
    SourceDate,
    Voice,
    tally,
)
from corpus.report import Unmapped
from corpus.text import collapse_layout_mapper
from corpus.works import Citation, Quote, QuoteGroup, Reference

__all__ = [
    "Include",
    "Reading",
    "includes",
    "parse_bytes",
    "parse_file",
    "read_corpus",
    "read_include",
    "register_file",
    "register_include",
]


#: Elements that are passages: each carries a stable xml:id and text of its own.
PASSAGE_TAGS = frozenset({"head", "p", "ab", "item", "note", "byline"})
#: Quotation elements: inline within a passage, or blocks that hold passages.
_QUOTE_TAGS = ("q", "quote")
#: Inside <choice>, these hold an editor's form; the printed form is its sibling.
_CERTAINTIES = ("high", "medium", "low", "unknown")
ACTOR_PREFIX = "actor:"
WORK_PREFIX = "work:"
GROUP_PREFIX = "group:"
#: the taxonomies whose categories a figure names in @ana beside its claimant
FIGURE_TAXONOMIES = ("measure", "scope")

# ------------------------------------------------------------------ header helpers


def _cert(path: Path, element: _Element) -> Certainty | None:
    value = element.get("cert")
    if value is None:
        return None
    if value not in _CERTAINTIES:
        raise CorpusFileError(
            path, element.sourceline, f"has cert={value!r}; use one of {', '.join(_CERTAINTIES)}"
        )
    return cast("Certainty", value)


def _evidence_text(note: _Element) -> str:
    """An evidence note's text, each empty <ptr> read as the id it points to."""
    import copy

    readable = copy.deepcopy(note)
    for pointer in readable.iter(f"{{{TEI_NS}}}ptr"):
        pointer.text = _id_of(pointer.get("target") or "")
    return _reading_text(readable)


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
        return _evidence_text(note), tuple(dict.fromkeys(c for c in cited if c))

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


def _prefixed(value: str | None, prefix: str) -> list[str]:
    """The ids of the ``prefix:ID`` pointers in an attribute value, in order."""
    return [sys.intern(t[len(prefix) :]) for t in (value or "").split() if t.startswith(prefix)]


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


class _TextReader:
    """Reads the passages of one text with their mentions, citations, quotations and voices."""

    def __init__(
        self,
        path: Path,
        doc_id: str,
        root: _Element,
        voice_ids: frozenset[str],
        actor_kinds: Mapping[str, ActorKind],
        *,
        categories: Mapping[str, Category] | None = None,
    ) -> None:
        self.path, self.doc_id, self.voice_ids = path, doc_id, voice_ids
        self.actor_kinds = actor_kinds
        #: the taxonomy of each category a figure may name (measure, scope)
        self.figure_taxonomies = {
            c.id: c.taxonomy for c in (categories or {}).values() if c.taxonomy in FIGURE_TAXONOMIES
        }
        #: every inline event name: (category, reported, passage id), in document order
        self.terms: list[tuple[str, bool, str]] = []
        text = root.find("tei:text", NS)
        if text is None:
            raise CorpusFileError(path, root.sourceline, "has no <text>; add the source text")
        self.text, self.default_lang = text, root.get(XML_LANG, "en")
        #: the works each note of the text cites, for its markers and back-links
        self.note_works = {
            note.get(XML_ID): [w for b in note.iter(f"{{{TEI_NS}}}bibl") for w in self._works(b)]
            for note in text.iter(f"{{{TEI_NS}}}note")
        }

    def _works(self, element: _Element) -> list[str]:
        return _prefixed(element.get("target") or element.get("corresp"), WORK_PREFIX)

    def read(
        self, translations: dict[str, str]
    ) -> tuple[tuple[Passage, ...], str, tuple[Quote, ...]]:
        elements = list(_passage_elements(self.path, self.text))
        if not elements:
            raise CorpusFileError(
                self.path, self.text.sourceline, "has no passages; a text needs at least one"
            )
        fields: dict[str, dict[str, Any]] = {}
        quotes: list[tuple[int, Quote]] = []
        blocks = []
        for order, element in enumerate(elements):
            passage_id = self._required_id(element, "passage", "N")
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
                "lang": next(
                    (e.get(XML_LANG) for e in ancestry if e.get(XML_LANG)), self.default_lang
                ),
                "turn": next((e.get(XML_ID) for e in ancestry if _local(e) == "sp"), None),
                "translation": translations.get(passage_id),
                "mentions": [],
                "citations": [],
                "quotes": [],
                "voices": self._voices(ancestry),
                "corrections": [],
                "figures": [],
            }
            inline = self._annotate(entry, element, marked, where)
            quotes += [(order, quote) for quote in inline]
            fields[passage_id] = entry
            blocks.append(raw)
        quotes += self._block_quotes(elements, fields)
        ordered = tuple(q for _, q in sorted(quotes, key=lambda o: (o[0], o[1].span or (0, 0))))
        for quote in ordered:
            for passage_id in quote.passages:
                fields[passage_id]["quotes"].append(quote)
        passages = []
        for entry in fields.values():
            entry["mentions"].sort(key=lambda m: m.span)
            entry["figures"].sort(key=lambda f: f.span)
            for key in ("mentions", "citations", "quotes", "corrections", "figures"):
                entry[key] = tuple(entry[key])
            passages.append(Passage(**entry))
        return tuple(passages), "\n".join(blocks), ordered

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
            span = _span(text, where, start, end)
            name = _local(node)
            if (node.get("ref") or "").startswith(ACTOR_PREFIX):
                entry["mentions"].append(self._mention(passage_id, node, text, span))
            if name in ("ref", "bibl"):
                entry["citations"] += self._citations(passage_id, element, node, text, span)
            if name == "choice":
                entry["corrections"] += self._corrections(node, text, span)
            if name == "term" and (node.get("ref") or "").startswith("#name."):
                reported = node.get("type") == "reported"
                self.terms.append((_id_of(node.get("ref")), reported, passage_id))
            if name in _QUOTE_TAGS:
                quote = self._quote(node, (passage_id,), text[span[0] : span[1]], "inline")
                quotes.append(attrs.evolve(quote, span=span))
            if name == "measure":
                number = self._number(node, numbers, text, where)
                entry["figures"].append(
                    self._figure(passage_id, element, node, text, span=span, number=number)
                )
        return quotes

    def _required_id(self, node: _Element, what: str, form: str) -> str:
        """The stable id of a passage or quotation; its absence is an error naming the line."""
        found = node.get(XML_ID)
        if not found:
            raise CorpusFileError(
                self.path,
                node.sourceline,
                f"has a <{_local(node)}> {what} without xml:id; "
                f"give every {what} a stable id ({self.doc_id}.{form})",
            )
        return str(found)

    def _mention(
        self, passage_id: str, node: _Element, text: str, span: tuple[int, int]
    ) -> Mention:
        if span[0] == span[1]:
            raise CorpusFileError(
                self.path, node.sourceline, "has an empty actor mention; remove it"
            )
        kind: Literal["name", "description"] = (
            "description" if node.get("type") == "descriptive" else "name"
        )
        actor_id = sys.intern(node.get("ref")[len(ACTOR_PREFIX) :])
        printed = sys.intern(text[span[0] : span[1]])  # spellings repeat: share one string
        cert = _cert(self.path, node)
        actor_kind = self.actor_kinds.get(actor_id)
        return Mention(actor_id, passage_id, printed, span, cert, kind, actor_kind)

    @staticmethod
    def _corrections(node: _Element, text: str, span: tuple[int, int]) -> list[Correction]:
        corrected = [c for c in node if _local(c) in _EDITORIAL_IN_CHOICE]
        return [Correction(span, text[span[0] : span[1]], _reading_text(c)) for c in corrected]

    def _citations(
        self,
        passage_id: str,
        passage: _Element,
        node: _Element,
        text: str,
        span: tuple[int, int],
    ) -> list[Citation]:
        kind: Literal["marker", "backlink", "bibliography", "named"]
        works, note = self._works(node), None
        if _local(node) == "bibl":
            numbered_note = _local(passage) == "note" and passage.get("n") is not None
            kind = "bibliography" if numbered_note else "named"
        elif node.get("type") == "noteAnchor":
            kind = "marker"
            if not works:
                note = _first([_id_of(t) for t in (node.get("target") or "").split()])
                works = self.note_works.get(note, [])
        elif node.get("type") == "backlink":
            kind, works = "backlink", self.note_works.get(passage_id, [])
        else:
            kind = "named"
        printed = text[span[0] : span[1]]
        return [Citation(w, passage_id, printed, span, kind, note) for w in works]

    def _quote(
        self,
        node: _Element,
        passages: tuple[str, ...],
        text: str,
        kind: Literal["inline", "block", "turn"],
    ) -> Quote:
        return Quote(
            id=self._required_id(node, "quotation", "qN"),
            passage_id=passages[0],
            document_id=self.doc_id,
            speaker=_first(_prefixed(node.get("who"), ACTOR_PREFIX)),
            source=_first(_prefixed(node.get("source"), WORK_PREFIX)),
            text=text,
            group=_first(_prefixed(node.get("ana"), GROUP_PREFIX)),
            kind=kind,
            passages=passages,
            marked=node.get("rend") != "unmarked",
            cert=_cert(self.path, node),
        )

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
                self.path,
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
        figure_id = self._required_id(node, "figure (measure)", "fN")
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
        most one otherwise (a figure without a scope loads; `validate` reports it)."""
        named = [t[1:] for t in tokens if t.startswith(f"#{taxonomy}.")]
        if (
            len(named) > 1
            or (required and not named)
            or any(self.figure_taxonomies.get(n) != taxonomy for n in named)
        ):
            raise CorpusFileError(
                self.path,
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
                self.path, node.sourceline, f"has {attribute}={value!r}; write a plain number"
            ) from None
        return int(number) if number.is_integer() else number

    def _block_quotes(
        self, elements: list[_Element], fields: dict[str, dict[str, Any]]
    ) -> list[tuple[int, Quote]]:
        """Quotations made of whole passages: block quotations and interview turns."""
        order = {id(e): n for n, e in enumerate(elements)}
        found = []
        for node in self.text.iter(*(f"{{{TEI_NS}}}{t}" for t in (*_QUOTE_TAGS, "sp"))):
            inside = [e for e in node.iterdescendants() if id(e) in order]
            if not inside or (_local(node) == "sp" and not node.get("who")):
                continue
            ids = tuple(e.get(XML_ID) for e in inside)
            texts = []
            for element, passage_id in zip(inside, ids, strict=True):
                passage_text = fields[passage_id]["text"]
                label = element.find("tei:label", NS)
                if label is not None:
                    passage_text = passage_text.removeprefix(_reading_text(label)).lstrip()
                texts.append(passage_text)
            kind: Literal["block", "turn"] = "turn" if _local(node) == "sp" else "block"
            found.append((order[id(inside[0])], self._quote(node, ids, "\n".join(texts), kind)))
        return found

    def _voices(
        self, ancestry: list[_Element], replaced: _Element | None = None
    ) -> tuple[tuple[Voice, ...], ...]:
        """Voice chains, outermost first: each level is an element's @ana voices (parallel
        parties), or the speaker of an enclosing block quotation or interview turn. Website
        boilerplate is always the page's own voice. The @ana voices of ``replaced`` (a passage
        whose figure names its own claimant) are left out."""
        if any(e.get("type") == "boilerplate" for e in ancestry):
            return ((AUTHOR_VOICE,),)
        chains: list[tuple[Voice, ...]] = [()]
        for node in reversed(ancestry):
            tokens = [] if node is replaced else (node.get("ana") or "").split()
            level = [v for v in (self._voice(node, t) for t in tokens) if v is not None]
            speaking = _local(node) in _QUOTE_TAGS or _local(node) == "sp"
            if not level and speaking and node is not ancestry[0]:
                level = [Voice(a, "actor") for a in _prefixed(node.get("who"), ACTOR_PREFIX)]
            if level:
                chains = [c if c and c[-1] == v else (*c, v) for c in chains for v in level]
        unique = tuple(dict.fromkeys(c for c in chains if c))
        return unique or ((AUTHOR_VOICE,),)

    def _voice(self, node: _Element, token: str) -> Voice | None:
        """The voice an @ana pointer names; ``None`` for a pointer of another kind (group:)."""
        if token.startswith(ACTOR_PREFIX):
            return Voice(token[len(ACTOR_PREFIX) :], "actor")
        if not token.startswith("#") or token[1:].partition(".")[0] in FIGURE_TAXONOMIES:
            return None
        if token[1:] not in self.voice_ids:
            raise CorpusFileError(
                self.path,
                node.sourceline,
                f"gives the voice {token}, which is not a category of the voice taxonomy in "
                f"corpus.xml; use one of {', '.join(sorted(self.voice_ids))}",
            )
        return Voice(token[1:], "category")


# ------------------------------------------------------------------ register

_KINDS: dict[str, ActorKind] = {"person": "person", "personGrp": "collective", "place": "place"}
_NAME_TAGS = frozenset({"persName", "orgName", "placeName", "name"})


_POINTS = "points the {}: prefix at {!r}"


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
            says = _POINTS.format(ident, href)
            base = corpus_file.parent.resolve()
            return Include(href, _inside(corpus_file, base, href, line, says), line)
    return None


def _read_register(path: Path, tree: Any, categories: Mapping[str, Category]) -> tuple[Actor, ...]:
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


def _read_works(path: Path, tree: Any) -> tuple[tuple[Reference, ...], dict[str, str]]:
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


def _read_claims(
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
    categories: dict[str, Category],
    voice_ids: frozenset[str],
    actor_kinds: Mapping[str, ActorKind],
    data_version: str,
    *,
    tree: Any,
) -> Document:
    root = _require_root(path, tree, "TEI")
    doc_id = root.get(XML_ID)
    if not doc_id or not re.fullmatch(r"[a-z][a-z0-9-]*", doc_id):
        raise CorpusFileError(
            path,
            root.sourceline,
            f"has TEI xml:id {doc_id!r}; give the text a short lowercase id such as 'wiki'",
        )
    header = _Header(path, root, categories)
    source = header.source()
    reader = _TextReader(path, doc_id, root, voice_ids, actor_kinds, categories=categories)
    passages, source_text, quotes = reader.read(header.translations)
    return Document(
        id=doc_id,
        title=source.title,
        source=source,
        stance=header.classification("stance"),
        genre=header.classification("genre"),
        language=source.language,
        passages=passages,
        event_names=_counted(header.event_names(), reader.terms),
        source_text=source_text,
        quotes=quotes,
        data_version=data_version,
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

    The readers sit below the `Corpus` facade and never build one; `corpus._load` does, from
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


def read_corpus(directory: Path) -> Reading:
    """Read corpus.xml in ``directory`` and every text it includes."""
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
        _read_register(
            actors_file.path,
            read_include(corpus_file, actors_file, _POINTS.format("actor", actors_file.href)),
            categories,
        )
        if actors_file is not None
        else ()
    )
    works_file = register_include(corpus_file, root, "work")
    works, groups = (
        _read_works(
            works_file.path,
            read_include(corpus_file, works_file, _POINTS.format("work", works_file.href)),
        )
        if works_file is not None
        else ((), {})
    )
    known = {a.id for a in register}
    kinds = {a.id: a.kind for a in register}
    edition = root.find("tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition", NS)
    version = edition.get("n", "") if edition is not None else ""
    work_ids = {w.id for w in works}
    voice_ids = frozenset(c.id for c in categories.values() if c.taxonomy == "voice")
    documents: list[Document] = []
    seen_documents: set[str] = set()
    seen_passages: dict[str, str] = {}
    included: set[str] = set()
    texts = includes(corpus_file, root)
    _progress.stage("reading the texts", total=len(texts))
    for include in texts:
        _progress.advance()
        included.add(include.href)
        tree = read_include(corpus_file, include)
        document = _read_document(include.path, categories, voice_ids, kinds, version, tree=tree)
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
        _read_claims(
            claims_file.path,
            read_include(corpus_file, claims_file, _POINTS.format("claim", claims_file.href)),
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
        title=_text_of(title) or "",
        version=version,
        documents=tuple(documents),
        categories=tuple(categories.values()),
        path=str(directory),
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
