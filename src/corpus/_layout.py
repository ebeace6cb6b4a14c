"""The layout of output into a pipe or a file, worked out without rich.

A terminal gets rich's rendering (`corpus.render`); a pipe gets no styles, so the ``corpus``
command writes what goes into one from here and never imports rich for it: importing and
drawing through rich was most of a piped search's time. The layout is rich's, for the text this
library prints: words wrapped at spaces and longer words folded (as rich's ``divide_line``
does), a rule with its title in the middle, and `fit`'s tables as rich draws them
(``box.SIMPLE_HEAD``, cells padded, numbers right-aligned). The tests hold every listing of the
shipped corpus to what rich prints into a pipe at 40, 60, 80 and 120 columns.

Text whose width rich works out by rules of its own (zero-width joiners, combining marks,
variation selectors, control characters, markup in a title) raises `Unsupported`, and the
command draws it through rich instead.

`fit` is the one rule that decides a table's columns and widths, for rich's table and for the
plain one.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpus.hits import Concordance, Hits
    from corpus.model import Document, Passage
    from corpus.results import Column
    from corpus.works import Reference

__all__ = [
    "TEXT_MIN",
    "Fit",
    "Unsupported",
    "cell_len",
    "fit",
    "fitted_lines",
    "hits_lines",
    "kwic_lines",
    "rule",
    "wrap",
]

#: the narrowest a column of free text is made before columns are left out
TEXT_MIN = 16
RULE = "─"
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cc", "Cf", "Zl", "Zp"})


class Unsupported(Exception):
    """Text the plain layout does not measure as rich does: rich draws it instead."""


# ------------------------------------------------------------------ widths


@functools.lru_cache(maxsize=4096)
def _width(character: str) -> int:
    """The cells a character takes: 2 for wide East Asian characters, 1 for the others; one that
    takes none or depends on its neighbours is `Unsupported`."""
    if unicodedata.category(character) in _ZERO_WIDTH or character in "\ufe0f\u200d":
        raise Unsupported(f"the character U+{ord(character):04X}")
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


def cell_len(text: str) -> int:
    """The cells a line of text takes in a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_width, text))


def _best_len(text: str) -> int:
    """`cell_len`, counting what it cannot measure as one cell each (for choosing widths)."""
    try:
        return cell_len(text)
    except Unsupported:
        return len(text)


def _crop(text: str, width: int) -> str:
    """The first ``width`` cells of a line; a wide character cut in two leaves a space."""
    if cell_len(text) <= width:
        return text
    used = 0
    for index, character in enumerate(text):
        size = _width(character)
        if used + size > width:
            return text[:index] + " " * (width - used)
        used += size
    return text


def _chop(word: str, width: int) -> list[str]:
    """A word longer than the width, in pieces of at most ``width`` cells."""
    pieces: list[str] = []
    start, used = 0, 0
    for index, character in enumerate(word):
        size = _width(character)
        if used + size > width:
            pieces.append(word[start:index])
            start, used = index, 0
        used += size
    if used:
        pieces.append(word[start:])
    return pieces


# ------------------------------------------------------------------ wrapping


def _breaks(line: str, width: int) -> list[int]:
    """Where a line is broken to fit ``width``: before each word that does not fit on the line
    so far, and within a word longer than a whole line."""
    breaks: list[int] = []
    used = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        size = cell_len(word.rstrip())
        if width - used >= size:
            used += cell_len(word)
        elif size > width:
            pieces = _chop(word, width)
            for number, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if number == len(pieces) - 1:
                    used = cell_len(piece)
                else:
                    start += len(piece)
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
    return breaks


def wrap(text: str, width: int) -> list[str]:
    """A text as the lines it takes at ``width`` cells: each of its own lines broken between
    words, a word longer than a line folded, the spaces at a break kept where they fit."""
    lines: list[str] = []
    for line in text.split("\n"):
        bounds = [0, *_breaks(line, width), len(line)]
        for start, end in itertools.pairwise(bounds):
            piece = line[start:end]
            if len(piece) > width:  # spaces past the width go
                spaces = _TRAILING.search(piece)
                if spaces is not None:
                    piece = piece[: len(piece) - min(len(spaces.group()), len(piece) - width)]
            lines.append(_crop(piece, width))
    return lines


def _cell(text: str, width: int, *, right: bool, no_wrap: bool) -> list[str]:
    """A table cell's lines, each padded to the column's width (or aligned right)."""
    lines = [_crop(line, width) for line in text.split("\n")] if no_wrap else wrap(text, width)
    if right:
        lines = [line.rstrip() for line in lines]
        return [" " * (width - cell_len(line)) + line for line in lines]
    return [line + " " * (width - cell_len(line)) for line in lines]


def rule(title: str, width: int) -> str:
    """A line across the width with the title in its middle."""
    if "[" in title:
        raise Unsupported("markup in a rule's title")
    title = title.replace("\n", " ")
    if width <= 4:
        return RULE * width
    if cell_len(title) > width - 4:
        title = _crop(title, width - 5) + "…"
    side = (width - cell_len(title)) // 2
    left = RULE * (side - 1)
    line = f"{left} {title} {RULE * (width - len(left) - cell_len(title))}"
    return _crop(line, width)


# ------------------------------------------------------------------ tables


def _whole(cell: str) -> int:
    """The width a cell of ids (joined with ", ", or a chain joined with " → ") needs so that
    no id is cut: its longest id."""
    return max((_best_len(part) for part in re.split(r", | → ", cell)), default=0)


class Fit:
    """How a table fits a width: the columns shown, their cells and widths, or, where even the
    columns that are always kept do not fit, ``stacked`` (each row a block of lines)."""

    __slots__ = ("cells", "chosen", "left_out", "stacked", "widths")

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any], width: int) -> None:
        cells = {c.header: [c.cell(row) for row in rows] for c in columns}
        least = {c.header: self._least(c, cells[c.header]) for c in columns}
        chosen = list(columns)

        def need() -> int:
            return sum(least[c.header] for c in chosen) + 3 * (len(chosen) - 1)

        while need() > width and any(c.keep is not None for c in chosen):
            chosen.remove(min((c for c in chosen if c.keep is not None), key=lambda c: c.keep or 0))
        self.cells, self.chosen = cells, chosen
        self.left_out = [c.header for c in columns if c not in chosen]
        self.stacked = need() > width
        self.widths = {} if self.stacked else self._widths(least, width - need())

    @staticmethod
    def _least(column: Column, cells: list[str]) -> int:
        natural = max([_best_len(column.header), *(_best_len(c) for c in cells)])
        if column.role == "text":
            return min(natural, TEXT_MIN)
        if column.role == "ids":
            return max(_best_len(column.header), *(_whole(c) for c in cells), 1)
        return natural

    def _widths(self, least: dict[str, int], spare: int) -> dict[str, int]:
        """Each chosen column's width: its least, and the spare width shared among the columns
        that wrap, in proportion to what they lack of their full width."""
        full = {
            c.header: max(_best_len(x) for x in [c.header, *self.cells[c.header]])
            for c in self.chosen
        }
        lacking = {h: full[h] - least[h] for h in full}
        total = sum(lacking.values())
        if total <= spare:
            return full
        return {h: least[h] + spare * lacking[h] // total for h in full}


def fit(columns: Sequence[Column], rows: Sequence[Any], width: int) -> Fit:
    """How the table of ``rows`` in ``columns`` fits ``width`` cells (one rule for every table)."""
    return Fit(columns, rows, width)


def _table_lines(fitted: Fit, rows: int) -> Iterator[str]:
    chosen, widths = fitted.chosen, fitted.widths

    def line(texts: list[str], *, header: bool) -> Iterator[str]:
        cells = [
            _cell(
                text,
                widths[c.header],
                right=c.role == "number",
                no_wrap=c.role in ("id", "number", "label"),
            )
            for c, text in zip(chosen, texts, strict=True)
        ]
        height = max(map(len, cells))
        for number, (c, lines) in enumerate(zip(chosen, cells, strict=True)):
            blank = [" " * widths[c.header]] * (height - len(lines))
            cells[number] = blank + lines if header else lines + blank
        for parts in zip(*cells, strict=True):
            yield "   ".join(parts)

    for header in chosen:
        if "[" in header.header:
            raise Unsupported("markup in a header")
    yield from line([c.header for c in chosen], header=True)
    yield RULE * (sum(widths.values()) + 3 * (len(chosen) - 1))
    for index in range(rows):
        yield from line([fitted.cells[c.header][index] for c in chosen], header=False)


def _stacked_lines(columns: Sequence[Column], fitted: Fit, rows: int, width: int) -> Iterator[str]:
    """Each row as ``header: value`` lines (rich's grid: the labels, one space, the values as
    wide as the widest, or the rest of the width), rows apart by one blank line."""
    labels = max(cell_len(c.header) for c in columns) + 1
    for index in range(rows):
        if index:
            yield ""
        values = [fitted.cells[c.header][index] for c in columns]
        widest = max(max(map(cell_len, v.split("\n"))) for v in values)
        room = max(min(widest, width - labels - 1), 1)
        for column, value in zip(columns, values, strict=True):
            label = f"{column.header}:".ljust(labels)
            for number, piece in enumerate(_cell(value, room, right=False, no_wrap=False)):
                yield (label if number == 0 else " " * labels) + " " + piece


def fitted_lines(
    title: str | None,
    columns: Sequence[Column],
    rows: Sequence[Any],
    width: int,
    *,
    note: str | None = None,
) -> list[str]:
    """A `Fitted` table as the lines it prints into a pipe."""
    fitted = fit(columns, rows, width)
    lines = wrap(title, width) if title else []
    if fitted.stacked:
        lines += _stacked_lines(columns, fitted, len(rows), width)
    else:
        lines += _table_lines(fitted, len(rows))
        if fitted.left_out:
            lines += wrap(f"not shown at this width: {', '.join(fitted.left_out)}", width)
    if note:
        lines += wrap(note, width)
    return lines


# ------------------------------------------------------------------ passages and hits


def source_line(passage: Passage, document: Document | None) -> str:
    """The line under a passage: its id, kind, and where it comes from."""
    parts = [passage.id, passage.kind]
    if passage.boilerplate:
        parts.append("boilerplate")
    if document is not None:
        parts.append(document.title)
        if document.genre is not None:
            parts.append(str(document.genre))
        if document.stance is not None:
            parts.append(f"stance: {document.stance}")
    if not passage.stable:
        parts.append("computed id")
    voice = " → ".join(v.id for v in passage.voice)
    if voice not in ("voice.author", ""):
        parts.append(f"voice: {voice}")
    return " · ".join(parts)


def bracketed(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the spans in brackets, as a match shows where styles cannot."""
    from corpus.text import marked_pieces

    return "".join(f"[{p}]" if match else p for p, match in marked_pieces(text, spans))


def passage_lines(
    passage: Passage, width: int, spans: tuple[tuple[int, int], ...] = ()
) -> list[str]:
    """A passage as `corpus.render.passage_view` prints it into a pipe (no document line)."""
    lines = wrap(bracketed(passage.text, spans) if spans else passage.text, width)
    if passage.translation:
        lines += wrap(f"translation: {passage.translation}", width)
    return lines + wrap(source_line(passage, None), width)


def hits_title(hits: Hits) -> str:
    return f"{len(hits)} passage(s) for {hits.query!r}"


def hits_lines(hits: Hits, width: int) -> list[str]:
    """Search results as they print into a pipe: a rule at each document, every passage with its
    matches in brackets."""
    lines = wrap(hits_title(hits), width)
    for note in hits.notes:
        lines += wrap(f"note: {note}", width)
    current = None
    for hit in hits:
        if hit.passage.document_id != current:
            current = hit.passage.document_id
            lines.append(rule(current, width))
        lines += passage_lines(hit.passage, width, hit.spans)
        lines.append("")
    return lines


def reference_pieces(reference: Reference) -> list[tuple[str, str]]:
    """A reference formatted from the fields the texts state (authors. title. place: publisher.
    date. identifiers. [kind]), as (text, role) pieces, the role "title", "kind" or ""."""
    pieces = []
    if reference.authors:
        pieces.append((", ".join(reference.authors) + ". ", ""))
    if reference.title:
        pieces += [(reference.title, "title"), (". ", "")]
    if reference.periodical:
        pieces.append((reference.periodical + ". ", ""))
    imprint = ": ".join(p for p in (reference.place, reference.publisher) if p)
    if imprint:
        pieces.append((imprint + ". ", ""))
    if reference.date_text:
        pieces.append((reference.date_text + ". ", ""))
    pieces += [(f"{kind} {value}. ", "") for kind, value in reference.identifiers]
    if not pieces:
        pieces.append((str(reference), ""))
    return [*pieces, (f"[{reference.kind}]", "kind")]


_CLOSING = frozenset(",.;:!?)]”’'\"")


def kwic_pieces(
    concordance: Concordance, width: int, *, brackets: bool
) -> Iterator[list[tuple[str, str]]]:
    """Keyword-in-context lines centred on the match, as (text, role) pieces, the role being
    "match", "id" or "": the match and the passage id are never cut; the left context is
    shortened from its start and the right from its end, each with "…", to fit the width."""
    lines = concordance.lines
    extra = 2 if brackets else 0
    ids = max((_best_len(line.passage_id) for line in lines), default=0)
    match = max((_best_len(line.match) for line in lines), default=0) + extra
    side = (width - ids - match - 4) // 2
    for line in lines:
        found = f"[{line.match}]" if brackets else line.match
        if side < 8:  # too narrow for context on one line: the match and its passage
            yield [(line.passage_id, "id"), (" ", ""), (found, "match")]
            continue
        left = line.left if _best_len(line.left) <= side else "…" + line.left[-(side - 1) :]
        right = line.right if _best_len(line.right) <= side else line.right[: side - 1] + "…"
        joined = "" if right[:1] in _CLOSING else " "  # "Genocide," not "Genocide ,"
        yield [
            (left.rjust(side), ""),
            (" ", ""),
            (found, "match"),
            (joined + " " * (match - _best_len(found)), ""),
            (right.ljust(side) + ("" if joined else " "), ""),
            ("  ", ""),
            (line.passage_id, "id"),
        ]


def kwic_title(concordance: Concordance) -> str:
    return f"{len(concordance.lines)} line(s) for {concordance.query!r}"


def kwic_lines(concordance: Concordance, width: int) -> list[str]:
    """A concordance as it prints into a pipe: the match in brackets."""
    lines = wrap(kwic_title(concordance), width)
    for pieces in kwic_pieces(concordance, width, brackets=True):
        lines += wrap("".join(text for text, _ in pieces), width)
    return lines


# ------------------------------------------------------------------ what the command prints


class Listing:
    """A table the command prints: a title, the columns and the rows, drawn by `fit`'s rule
    (through rich in a terminal, by `plain_lines` in a pipe)."""

    __slots__ = ("columns", "note", "rows", "styles", "title")

    def __init__(
        self,
        title: str | None,
        columns: Sequence[Column],
        rows: Sequence[Any],
        *,
        styles: dict[str, str] | None = None,
        note: str | None = None,
    ) -> None:
        self.title, self.columns, self.rows = title, tuple(columns), rows
        self.styles, self.note = styles or {}, note

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from corpus import _display

        yield _display.renderable(self)


_EMOJI_CODE = re.compile(r":\S*?:")


def plain_lines(value: object, width: int) -> list[str]:
    """What a value prints into a pipe at ``width`` cells, as rich would print it there; raises
    `Unsupported` for a value this layout does not draw (rich draws it)."""
    from corpus.hits import Concordance, Hits
    from corpus.results import Results

    if isinstance(value, str):
        if "[" in value or _EMOJI_CODE.search(value):  # rich reads markup and emoji codes
            raise Unsupported("markup")
        return wrap(value, width)
    if isinstance(value, Hits):
        return hits_lines(value, width)
    if isinstance(value, Concordance):
        return kwic_lines(value, width)
    if isinstance(value, Listing):
        return fitted_lines(value.title, value.columns, value.rows, width, note=value.note)
    if isinstance(value, Results) and type(value).columns:
        return fitted_lines(value.title(), type(value).columns, value, width)
    raise Unsupported(type(value).__name__)
