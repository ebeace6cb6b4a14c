"""The files a TEI reading starts from: one TEI or teiCorpus file, or the TEI files directly in
a directory; each parsed safely, its ``xi:include`` of whole files resolved in place, elements of
other vocabularies removed; and the report of what a reading could not map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpus._xml import TEI_NS, XI_NS, _Element, _local, includes, parse_file
from corpus.errors import CorpusFileError, UnsafeXML
from corpus.report import Unmapped

__all__ = [
    "NOT_TEI",
    "Report",
    "TeiFile",
    "is_tei",
    "root_name",
    "tei_files",
]

_MAX_INCLUDE_DEPTH = 8


class Report:
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

    def computed_id(
        self,
        file: Path,
        element: _Element,
        markup: str,
        *,
        stem: str,
        number: str,
        read_as: str = "",
    ) -> str:
        """The one rule for a value whose element has no ``xml:id`` (a passage, figure,
        quotation, person, place, organisation or work): ``STEM:NUMBER`` from its position
        (``DOC:5``, ``T_testnames:person3``), which the caller flags ``stable=False``, reported
        once per file and markup."""
        form = number.rstrip("0123456789") + "N"
        outcome = f"{read_as}given a computed id ({stem}:{form}), flagged stable=False"
        self.add(file, element.sourceline, markup, outcome)
        return f"{stem}:{number}"

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


class TeiFile:
    """One TEI file, parsed safely, with its includes resolved and other vocabularies removed."""

    def __init__(self, path: Path, report: Report) -> None:
        self.path = path
        tree = _parse(path)
        self.root = tree.getroot()
        #: element ids are only stable while the element is alive: each key keeps its element
        self.origins: dict[int, tuple[_Element, Path]] = {}
        self.included: set[Path] = set()
        if self.root.tag.startswith(f"{{{TEI_NS}}}"):
            self._resolve(path, self.root, report, (path.resolve(),))
            self._skip_other_vocabularies(report)

    def _resolve(self, path: Path, root: _Element, report: Report, chain: tuple[Path, ...]) -> None:
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

    def _skip_other_vocabularies(self, report: Report) -> None:
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


def tei_files(directory: Path, report: Report) -> list[TeiFile]:
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
        parsed = TeiFile(path, report)
        if is_tei(parsed.root):
            files.append(parsed)
        else:
            report.add(path, parsed.root.sourceline, root_name(parsed.root), NOT_TEI)
    included = {p.resolve() for f in files for p in f.included}
    return [f for f in files if f.path.resolve() not in included]


NOT_TEI = "skipped: not a TEI file (the root is not <TEI> or <teiCorpus> in the TEI namespace)"


def root_name(root: _Element) -> str:
    namespace = root.tag.partition("}")[0][1:] if root.tag.startswith("{") else "no namespace"
    return f"<{_local(root)}> in {namespace}"


# ------------------------------------------------------------------ registers


def is_tei(root: _Element) -> bool:
    """Whether a root element is ``TEI`` or ``teiCorpus`` in the TEI namespace."""
    return bool(root.tag.startswith(f"{{{TEI_NS}}}") and _local(root) in ("TEI", "teiCorpus"))
