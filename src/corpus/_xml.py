"""The XML under every reader: the one safe parser, corpus includes, and the printed text of an
element, and the pointers of this corpus's layout. lxml elements never leave the reading modules
(`corpus.tei`, `corpus._sources`, `corpus._registers`)."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from corpus.errors import CorpusFileError, UnsafeXML
from corpus.text import collapse_layout

if TYPE_CHECKING:
    from corpus.model import Certainty

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"tei": TEI_NS, "xi": XI_NS}
_EDITORIAL_IN_CHOICE = frozenset({"corr", "reg", "expan"})
_Element = Any  # lxml's element type; kept out of the public signatures

# ------------------------------------------------------------------ parsing


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _line_of(data: bytes, index: int) -> int:
    return data.count(b"\n", 0, index) + 1


#: Byte order marks and first bytes of "<" in the encodings without ASCII bytes.
_WIDE_ENCODINGS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def _doctype_line(data: bytes) -> int | None:
    """The line of a DOCTYPE declaration in the prolog, read in UTF-16 or UTF-32 too; a
    "<!DOCTYPE" inside a comment or processing instruction is not one."""
    for mark, encoding in _WIDE_ENCODINGS:
        if data.startswith(mark):
            data = data.decode(encoding, errors="replace").encode("utf-8")
            break
    position = 0
    while (position := data.find(b"<", position)) >= 0:  # one pass over the prolog only
        if data.startswith(b"<!DOCTYPE", position):
            return _line_of(data, position)
        closing = b"-->" if data.startswith(b"<!--", position) else b"?>"
        if closing == b"?>" and not data.startswith(b"<?", position):
            return None  # the root element starts: no DOCTYPE can follow
        end = data.find(closing, position)
        if end < 0:
            return None  # an unclosed comment: the parser reports it
        position = end + len(closing)
    return None


#: What the XML parser's messages mean, in the library's words: a fragment of its message,
#: what is wrong, and what to do.
_PARSER_LIMITS = (
    ("Excessive depth", "nests elements deeper than 256 levels", "flatten the markup"),
    ("Text node too long", "has a text longer than 10,000,000 characters", "split it"),
    ("Buffer size limit", "has a text, name or value longer than the parser allows", "shorten it"),
    ("ncoding", "is not in an encoding the XML parser can read", "save it as UTF-8"),
    ("Document is empty", "holds no XML", "put a TEI document in it"),
)
_PARSER_DETAIL_NOISE = re.compile(
    r",?\s*(use|try) XML_PARSE_HUGE( option)?|,\s*line \d+, column \d+"
)


def _not_well_formed(path: Path, error: Any) -> CorpusFileError:
    """A parser error in the library's words, with the file, line and column first; the
    parser's own text follows as detail."""
    message = str(getattr(error, "msg", "") or error)
    detail = " ".join(_PARSER_DETAIL_NOISE.sub("", message).split()) or "no detail"
    line, column = getattr(error, "position", None) or (getattr(error, "lineno", 0), 0)
    what, todo = next(
        ((ours, fix) for fragment, ours, fix in _PARSER_LIMITS if fragment in message),
        ("is not well-formed XML", "fix the markup there"),
    )
    place = f" at column {column}" if column else ""
    return CorpusFileError(
        path, line or 1, f"{what}{place}; {todo} (the XML parser reports: {detail})"
    )


def parse_file(
    path: Path,
    directory: Path | None = None,
    *,
    cited_at: tuple[Path, int | None] | None = None,
    cited_as: str = "",
) -> Any:
    """Parse one XML file of a corpus directory with the safe configuration.

    The file is read under the rule of `corpus._files.read_corpus_file` (inside ``directory``,
    by default the file's own directory; a regular file; under the size cap). DTDs and entity
    references are refused. Every failure is a `CorpusFileError` naming the file and line, or
    with ``cited_at`` the file and line that point at it.
    """
    from corpus._files import read_corpus_file

    data = read_corpus_file(
        directory if directory is not None else path.parent,
        path,
        cited_at=cited_at,
        cited_as=cited_as,
    )
    return parse_bytes(path, data)


def parse_bytes(path: Path, data: bytes) -> Any:
    """Parse the bytes of ``path`` with the safe configuration; refuse DTDs and entities."""
    doctype = _doctype_line(data)
    if doctype is not None:
        raise UnsafeXML(
            path,
            doctype,
            "has a DOCTYPE declaration, which is refused because it can define entities; "
            "remove the DOCTYPE (corpus files need none)",
        )
    try:
        tree = etree.parse(io.BytesIO(data), _parser())
    except (etree.LxmlError, ValueError, LookupError) as error:
        raise _not_well_formed(path, error) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise UnsafeXML(
            path,
            1,
            "has a DOCTYPE declaration, which is refused because it can define entities; "
            "remove the DOCTYPE (corpus files need none)",
        )
    for entity in tree.iter(etree.Entity):
        raise UnsafeXML(
            path,
            entity.sourceline,
            f"uses the entity reference {entity.text}, which is refused; "
            "write the character itself instead",
        )
    return tree


#: local names of the tags read so far: a reading asks for one of a few dozen names hundreds of
#: thousands of times at scale; bounded, so that a foreign file of many names grows it no further
_LOCAL_NAMES: dict[Any, str] = {}
_LOCAL_NAMES_MAX = 512


def _local(element: _Element) -> str:
    tag = element.tag
    found = _LOCAL_NAMES.get(tag)  # a comment's tag is a function: hashable, never a name
    if found is None:
        found = tag.rpartition("}")[2] if isinstance(tag, str) else ""
        if len(_LOCAL_NAMES) < _LOCAL_NAMES_MAX:
            _LOCAL_NAMES[tag] = found
    return found


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
        found.append(
            Include(href, _inside(corpus_file, base, href, line, f"includes {href!r}"), line)
        )
    return found


def _inside(corpus_file: Path, base: Path, href: str, line: int, says: str) -> Path:
    """The file a relative ``href`` of corpus.xml names, refused unless it lies inside ``base``."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith(("/", "\\")):
        raise UnsafeXML(
            corpus_file,
            line,
            f"{says}; only relative paths inside the corpus directory are allowed",
        )
    target = (base / href).resolve()
    if not target.is_relative_to(base):
        raise UnsafeXML(
            corpus_file,
            line,
            f"{says}, which lies outside the corpus directory; move the file into the directory",
        )
    return target


def read_include(corpus_file: Path, include: Include, says: str = "") -> Any:
    """Parse a file corpus.xml names, under the rule for files of its directory; errors name
    the line of corpus.xml that names it (``says`` how, by default ``includes 'HREF'``)."""
    return parse_file(
        include.path,
        corpus_file.parent,
        cited_at=(corpus_file, include.line),
        cited_as=says or f"includes {include.href!r}",
    )


# ------------------------------------------------------------------ text


def _flatten_marked(element: _Element, line_break: str) -> tuple[str, list[tuple[int, int, Any]]]:
    """The printed text of an element, and where each element inside it starts and ends.

    Editors' forms in <choice> are left out; <lb/> becomes ``line_break``.
    """
    flattener = _Flattener(line_break)
    flattener.walk(element)
    marked = flattener.marked
    marked.pop()  # the element itself, recorded last
    return "".join(flattener.parts), marked


class _Flattener:
    """Collects an element's printed text; a class, not closures, so that no reference cycle
    keeps a parsed document alive after it is read."""

    __slots__ = ("length", "line_break", "marked", "parts")

    def __init__(self, line_break: str) -> None:
        self.line_break = line_break
        self.parts: list[str] = []
        self.marked: list[tuple[int, int, Any]] = []
        self.length = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def walk(self, node: _Element) -> None:
        start = self.length
        if node.text:
            self.add(node.text)
        in_choice = _local(node) == "choice"
        for child in node:
            if isinstance(child.tag, str):
                name = _local(child)
                if name == "lb":
                    self.add(self.line_break)
                elif not (in_choice and name in _EDITORIAL_IN_CHOICE):
                    self.walk(child)
            if child.tail:
                self.add(child.tail)
        self.marked.append((start, self.length, node))


def _flatten(element: _Element, line_break: str) -> str:
    return _flatten_marked(element, line_break)[0]


def _reading_text(element: _Element) -> str:
    return collapse_layout(_flatten(element, " "))


# ------------------------------------------------------------------ pointers and text


def _id_of(pointer: str) -> str:
    return pointer[1:] if pointer.startswith("#") else pointer


def _pointers(value: str | None) -> list[str]:
    return [_id_of(token) for token in (value or "").split()]


def _text_of(element: _Element | None) -> str | None:
    if element is None:
        return None
    return _reading_text(element) or None


def _span(text: str, where: Callable[[int], int], start: int, end: int) -> tuple[int, int]:
    """Where raw offsets ``start``..``end`` fall in the collapsed text, without edge whitespace."""
    begin, finish = where(start), where(end)
    while begin < finish and text[begin].isspace():
        begin += 1
    while finish > begin and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


def _tei(*names: str) -> tuple[str, ...]:
    """Clark names of TEI elements, for ``iter``."""
    return tuple(f"{{{TEI_NS}}}{n}" for n in names)


# ------------------------------------------------------------------ this corpus's pointers

#: Pointers into the registers that corpus.xml's prefixDefs name: ``actor:ID``, ``work:ID``,
#: ``group:ID``.
ACTOR_PREFIX = "actor:"
WORK_PREFIX = "work:"
GROUP_PREFIX = "group:"
CERTAINTIES = ("high", "medium", "low", "unknown")


def _prefixed(value: str | None, prefix: str) -> list[str]:
    """The ids of the ``prefix:ID`` pointers in an attribute value, in order."""
    return [sys.intern(t[len(prefix) :]) for t in (value or "").split() if t.startswith(prefix)]


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def _target(token: str) -> str:
    """The id a TEI pointer names: ``#x``, ``file.xml#x`` and ``x`` all name ``x``."""
    return sys.intern(token.rpartition("#")[2] if "#" in token else token)


def _targets(element: _Element, *attributes: str) -> list[str]:
    found = []
    for attribute in attributes:
        found += [_target(t) for t in (element.get(attribute) or "").split() if _target(t)]
    return found


def _cert(path: Path, element: _Element, *, strict: bool = True) -> Certainty | None:
    """An element's ``@cert``: one of `CERTAINTIES`; another value is an error naming the line,
    or, read leniently (TEI also allows probabilities), no certainty."""
    value = element.get("cert")
    if value is None:
        return None
    if value not in CERTAINTIES:
        if not strict:
            return None
        raise CorpusFileError(
            path, element.sourceline, f"has cert={value!r}; use one of {', '.join(CERTAINTIES)}"
        )
    return cast("Certainty", value)
