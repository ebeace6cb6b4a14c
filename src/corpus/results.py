"""The collections the API returns, and the one flattening of values into plain records.

Every collection a `Corpus` query returns (``c.figures()``, ``c.attributions()``,
``c.actors()``, ``c.quotes()``, …) is a `Results`: a tuple, so indexing, slicing, ``len``,
unpacking and equality with a tuple work as before, that also renders as a table in a terminal
(through rich) and in Jupyter (``_repr_html_``), and gives ``to_records()``.

`record` is the one flattening of a value into a flat dict, shared by ``to_records()``, the
command's ``--json`` and `corpus.export`: a value's fields become columns, a nested value's
fields become ``name_field`` columns, a span becomes ``name_start`` and ``name_end``, a voice
chain (a claimant) becomes one string, outermost first (``"new-york-times → rasim-agayev"``),
and a passage's voices a list of such strings.

>>> import corpus
>>> figures = corpus.load().figures("killed-children")
>>> type(figures).__name__, len(figures[:2]), figures[0].id
('Figures', 2, 'boztepe.f4')
>>> figures.to_records()[0]["claimant"]
'voice.official'
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Literal, SupportsIndex, TypeVar, overload

import attrs

from corpus import _display
from corpus.claims import Attribution, Figure, short_number
from corpus.model import (
    Actor,
    Category,
    Cooccurrence,
    Document,
    Mention,
    Passage,
    Proposal,
    Spelling,
    Voice,
    chain_label,
)
from corpus.works import Citation, Quote, QuoteGroup, Reference, SharedWording

__all__ = [
    "Actors",
    "Attributions",
    "Categories",
    "Citations",
    "Column",
    "Cooccurrences",
    "Documents",
    "Figures",
    "Mentions",
    "Passages",
    "Proposals",
    "QuoteGroups",
    "Quotes",
    "References",
    "Results",
    "Reuses",
    "Spellings",
    "Voices",
    "column_rows",
    "nested",
    "plain",
    "record",
    "record_columns",
]

R = TypeVar("R")
S = TypeVar("S", bound="Results[Any]")
Record = dict[str, Any]

# ------------------------------------------------------------------ flattening

#: Values that have a table of their own in an export: a field holding them is left out of its
#: owner's row (a passage's mentions are rows of the mentions table). A draft's proposals are
#: not exported: they are not yet data (`Corpus.proposals().to_records()` gives them).
OWN_TABLE = frozenset(
    {"Document", "Passage", "Mention", "Citation", "Quote", "Figure", "Attribution", "Proposal"}
)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _is_chain(value: object) -> bool:
    return isinstance(value, tuple) and bool(value) and all(type(v) is Voice for v in value)


def plain(value: Any) -> Any:
    """A value nested in a cell, as plain data: scalars as they are, a voice chain as one
    string, a tuple of chains as a list of strings, a value as a dict of its fields."""
    if type(value) in _SCALARS:
        return value
    if _is_chain(value):
        return chain_label(value)
    if attrs.has(type(value)):
        return record(value)
    if isinstance(value, (tuple, list, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def nested(value: Any) -> Any:
    """A value as nested JSON-ready data (the command's ``--json``): every field, values inside
    values as dicts, with the same rule for voice chains as `record`."""
    if type(value) in _SCALARS:
        return value
    if _is_chain(value):
        return chain_label(value)
    if attrs.has(type(value)):
        return {
            field.name: nested(getattr(value, field.name))
            for field in attrs.fields(type(value))
            if not field.name.startswith("_")
        }
    if isinstance(value, (tuple, list, frozenset)):
        return [nested(v) for v in value]
    if isinstance(value, dict):
        return {k: nested(v) for k, v in value.items()}
    return value


def _owned(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and bool(value)
        and all(type(v).__name__ in OWN_TABLE and attrs.has(type(v)) for v in value)
    )


@attrs.frozen
class _Layout:
    name: str
    kind: str  # "value" (flatten into columns), "span", "cell"


_LAYOUTS: dict[type, tuple[_Layout, ...]] = {}


def _layout(cls: type, sample: Any) -> tuple[_Layout, ...]:
    """How the fields of one class become columns; worked out once per class."""
    found = _LAYOUTS.get(cls)
    if found is None:
        columns = []
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            value = getattr(sample, field.name)
            if field.name == "span" or field.name.endswith("_span"):
                columns.append(_Layout(field.name, "span"))
            elif attrs.has(type(value)):
                columns.append(_Layout(field.name, "value"))
            elif _owned(value) or (
                isinstance(value, tuple) and not value and _owned_annotation(field)
            ):
                continue
            else:
                columns.append(_Layout(field.name, "cell"))
        found = _LAYOUTS[cls] = tuple(columns)
    return found


def _owned_annotation(field: attrs.Attribute[Any]) -> bool:
    """An empty tuple of values with their own table, recognised by the field's annotation."""
    annotation = str(field.type)
    return any(f"[{name}," in annotation or f"[{name}]" in annotation for name in OWN_TABLE)


def record(value: Any, prefix: str = "", into: Record | None = None) -> Record:
    """One flat row of a value: its fields as columns, nested values flattened (module doc)."""
    row: Record = {} if into is None else into
    for column in _layout(type(value), value):
        cell = getattr(value, column.name)
        name = prefix + column.name
        if column.kind == "span":
            row[name + "_start"], row[name + "_end"] = cell if cell is not None else (None, None)
        elif column.kind == "value":
            if attrs.has(type(cell)):
                record(cell, name + "_", row)
            else:  # a field that holds a value in one row may hold None in another
                row[name] = None
        else:
            row[name] = plain(cell)
    return row


Columns = dict[str, list[Any]]


def record_columns(values: Sequence[Any]) -> Columns:
    """What `record` gives each of ``values``, as columns: the same names in the same order,
    worked out a field at a time (a getter mapped over the values, ``plain`` only where a
    column holds more than scalars) instead of a value at a time. A nested value's columns are
    null in the rows where the field holds none."""
    if not values:
        return {}
    kind = type(values[0])
    if not attrs.has(kind) or set(map(type, values)) != {kind}:
        rows = [record(v) for v in values]  # values of several classes: one row at a time
        return {name: [row.get(name) for row in rows] for name in rows[0]}
    found: Columns = {}
    _columns_into(found, "", kind, values)
    return found


def _columns_into(found: Columns, prefix: str, kind: type, values: Sequence[Any]) -> None:
    for column in _layout(kind, values[0]):
        cells = list(map(operator.attrgetter(column.name), values))
        name = prefix + column.name
        if column.kind == "span":
            held = [cell if cell is not None else (None, None) for cell in cells]
            found[name + "_start"] = list(map(operator.itemgetter(0), held))
            found[name + "_end"] = list(map(operator.itemgetter(1), held))
        elif column.kind == "value":
            _nested_columns(found, name, cells)
        else:
            found[name] = _plain_column(cells)


def _nested_columns(found: Columns, name: str, cells: list[Any]) -> None:
    """The columns of the values a field holds (``source_date_…``), null where it holds none;
    one null column of the field's name where no row holds one, as `record` gives."""
    prefix = name + "_"
    held = [n for n, cell in enumerate(cells) if attrs.has(type(cell))]
    kinds = {type(cells[n]) for n in held}
    if len(kinds) > 1:
        rows = [record(cell, prefix) if attrs.has(type(cell)) else {} for cell in cells]
        names = dict.fromkeys(name for row in rows for name in row)
        found.update({name: [row.get(name) for row in rows] for name in names})
        return
    if not held:
        found[name] = [None] * len(cells)
        return
    inner: Columns = {}
    _columns_into(inner, prefix, kinds.pop(), [cells[n] for n in held])
    if len(held) == len(cells):
        found.update(inner)
        return
    for inner_name, column in inner.items():
        spread: list[Any] = [None] * len(cells)
        for n, value in zip(held, column, strict=True):
            spread[n] = value
        found[inner_name] = spread


def _plain_column(cells: list[Any]) -> list[Any]:
    """``plain`` of every cell, a column at a time where the cells are alike: scalars as they
    are, tuples through their items (a tuple of chains as labels), values of one class as
    their records."""
    kinds = set(map(type, cells))
    if kinds <= _SCALARS:
        return cells
    if kinds == {tuple}:
        items = list(itertools.chain.from_iterable(cells))
        if set(map(type, items)) == {Voice}:  # chains, and empty tuples
            return [chain_label(cell) if cell else [] for cell in cells]
        flat = iter(_plain_column(items))
        return [list(itertools.islice(flat, len(cell))) for cell in cells]
    if len(kinds) == 1 and attrs.has(next(iter(kinds))):
        return column_rows(record_columns(cells))
    return list(map(plain, cells))


def column_rows(columns: Columns) -> list[Record]:
    """The rows of columns, as `record` gives them."""
    names = list(columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True)]


# ------------------------------------------------------------------ collections

Role = Literal["id", "ids", "number", "label", "text"]


@attrs.frozen
class Column:
    """One column of a collection's table: its header, how a row gives its cell, and its role
    in a narrow terminal: ``id`` and ``number`` cells are never cut; ``ids`` (ids joined with
    ", ", or a claimant chain) wrap only between ids; a ``label`` is short and never cut;
    ``text`` wraps. Where the width cannot hold every column, those with the lowest ``keep``
    are left out first; a column with ``keep=None`` is never left out (the rows are then shown
    as stacked records)."""

    header: str
    cell: Callable[[Any], str]
    role: Role = "text"
    keep: int | None = None


def _field(name: str) -> Callable[[Any], str]:
    def cell(row: Any) -> str:
        value = getattr(row, name)
        if value is None:
            return "—"
        if _is_chain(value):
            return chain_label(value)
        if isinstance(value, tuple):
            return "; ".join(str(v) for v in value)
        return str(value)

    return cell


def _after_dot(name: str) -> Callable[[Any], str]:
    """A category id without its taxonomy: ``measure.killed`` → ``killed``."""
    return lambda row: (getattr(row, name) or "—").partition(".")[2] or "—"


class Results(tuple[R, ...], Generic[R]):
    """A collection of values: a tuple that renders as a table and gives plain records.

    Slicing keeps the type. ``str()`` and rich print a table; in Jupyter it is an HTML table.
    """

    __slots__ = ()
    #: what one row is, for titles ("3 figures")
    noun: ClassVar[str] = "value"
    #: the table's columns, most important first
    columns: ClassVar[tuple[Column, ...]] = ()

    @overload
    def __getitem__(self, index: SupportsIndex) -> R: ...
    @overload
    def __getitem__(self: S, index: slice) -> S: ...
    def __getitem__(self: S, index: SupportsIndex | slice) -> Any:
        found = super().__getitem__(index)
        return type(self)(found) if isinstance(index, slice) else found

    def to_records(self) -> list[Record]:
        """Plain dicts, one per value, ready for JSON, CSV or a data frame (`record`)."""
        return [record(value) for value in self]

    def title(self) -> str:
        """``"3 figures"``: how many, and of what."""
        return f"{len(self)} {self.noun}{'' if len(self) == 1 else 's'}"

    def __repr__(self) -> str:
        if len(self) <= 3:
            return f"{type(self).__name__}({tuple(self)!r})"
        ids = [str(getattr(v, "id", v)) for v in (self[0], self[1], self[-1])]
        return f"{type(self).__name__}(<{self.title()}: {ids[0]}, {ids[1]}, …, {ids[2]}>)"

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield _display.renderable(self)

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter: every cell escaped."""
        return _display.html_table(
            self.title(),
            [c.header for c in self.columns],
            ([c.cell(row) for c in self.columns] for row in self),
        )


def _number(row: Any) -> str:
    return str(row.short)


def _names(row: Any) -> str:
    return "; ".join(row.names)


class Figures(Results[Figure]):
    """Figures, in corpus order (`corpus.Figure`)."""

    __slots__ = ()
    noun = "figure"
    columns = (
        Column("id", _field("id"), "id"),
        Column("measure", _after_dot("measure"), "label", keep=3),
        Column("scope", _after_dot("scope"), "label", keep=1),
        Column("as printed", _field("text"), "text", keep=4),
        Column("number", _number, "number"),
        Column("claimant", _field("claimant"), "ids", keep=5),
    )


class Attributions(Results[Attribution]):
    """Attributions of responsibility, in corpus order (`corpus.Attribution`)."""

    __slots__ = ()
    noun = "attribution"
    columns = (
        Column("id", _field("id"), "id"),
        Column("agent", lambda a: a.agent + (" (implied)" if a.implied else ""), "id"),
        Column("act", _after_dot("act"), "label"),
        Column("claimant", _field("claimant"), "ids", keep=4),
        Column("passage", _field("passage_id"), "id", keep=1),
        Column("as printed", _field("text"), "text", keep=3),
    )


class Quotes(Results[Quote]):
    """Quotations, in corpus order (`corpus.Quote`)."""

    __slots__ = ()
    noun = "quotation"
    columns = (
        Column("id", _field("id"), "id"),
        Column("speaker", _field("speaker"), "id", keep=4),
        Column("source", _field("source"), "id", keep=2),
        Column("group", _field("group"), "id", keep=1),
        Column("text", _field("text"), "text", keep=3),
    )


class Actors(Results[Actor]):
    """Actors of the register (`corpus.Actor`)."""

    __slots__ = ()
    noun = "actor"
    columns = (
        Column("id", _field("id"), "id"),
        Column("kind", _field("kind"), "label", keep=2),
        Column("name", _field("name"), "text", keep=3),
        Column("spellings", _names, "text", keep=1),
    )


class References(Results[Reference]):
    """Cited works (`corpus.Reference`)."""

    __slots__ = ()
    noun = "work"
    columns = (
        Column("id", _field("id"), "id"),
        Column("kind", _field("kind"), "label", keep=1),
        Column("title", lambda w: w.title or str(w), "text", keep=3),
        Column("date", _field("date_text"), "label", keep=2),
    )


class Mentions(Results[Mention]):
    """Mentions of actors in passages (`corpus.Mention`)."""

    __slots__ = ()
    noun = "mention"
    columns = (
        Column("actor", _field("actor_id"), "id"),
        Column("passage", _field("passage_id"), "id"),
        Column("as printed", _field("text"), "text", keep=2),
        Column("kind", _field("kind"), "label", keep=1),
    )


class Citations(Results[Citation]):
    """Citations of works in passages (`corpus.Citation`)."""

    __slots__ = ()
    noun = "citation"
    columns = (
        Column("work", _field("reference_id"), "id"),
        Column("passage", _field("passage_id"), "id"),
        Column("kind", _field("kind"), "label", keep=1),
        Column("as printed", _field("text"), "text", keep=2),
    )


class Spellings(Results[Spelling]):
    """How an actor is spelled, by document (`corpus.Spelling`)."""

    __slots__ = ()
    noun = "spelling"
    columns = (
        Column("document", _field("document_id"), "id"),
        Column("as printed", _field("text"), "text"),
        Column("times", _field("count"), "number"),
    )


class Cooccurrences(Results[Cooccurrence]):
    """Actors named in the same passages as another (`corpus.Cooccurrence`)."""

    __slots__ = ()
    noun = "co-occurrence"
    columns = (
        Column("actor", _field("actor_id"), "id"),
        Column("passages", _field("count"), "number"),
    )


class Passages(Results[Passage]):
    """Passages, in corpus order (`corpus.Passage`)."""

    __slots__ = ()
    noun = "passage"
    columns = (
        Column("id", _field("id"), "id"),
        Column("kind", _field("kind"), "label", keep=1),
        Column("text", _field("text"), "text"),
    )


class Documents(Results[Document]):
    """Documents, in corpus order (`corpus.Document`)."""

    __slots__ = ()
    noun = "document"
    columns = (
        Column("id", _field("id"), "id"),
        Column("title", _field("title"), "text", keep=3),
        Column("stance", lambda d: str(d.stance or "—"), "label", keep=2),
        Column("genre", lambda d: str(d.genre or "—"), "label", keep=1),
    )


class QuoteGroups(Results[QuoteGroup]):
    """Groups of renditions of one quotation across texts (`corpus.QuoteGroup`)."""

    __slots__ = ()
    noun = "quotation group"
    columns = (
        Column("id", _field("id"), "id"),
        Column("renditions", lambda g: ", ".join(q.id for q in g.renditions), "id", keep=2),
        Column("description", _field("description"), "text", keep=1),
    )


class Voices(Results[Voice]):
    """Voices: actors and voice categories that claims are made on (`corpus.Voice`)."""

    __slots__ = ()
    noun = "voice"
    columns = (Column("id", _field("id"), "id"), Column("kind", _field("kind"), "label"))


class Categories(Results[Category]):
    """Categories of a taxonomy (`corpus.Category`)."""

    __slots__ = ()
    noun = "category"
    columns = (
        Column("id", _field("id"), "id"),
        Column("label", _field("label"), "text", keep=2),
        Column("description", _field("description"), "text", keep=1),
    )


class Reuses(Results[SharedWording]):
    """Runs of words that passages of different texts share (`corpus.SharedWording`)."""

    __slots__ = ()
    noun = "shared run"
    columns = (
        Column("passage", _field("passage_id"), "id"),
        Column("other", _field("other_id"), "id"),
        Column("words", _field("words"), "number"),
        Column("group", _field("group"), "id", keep=2),
        Column("work", _field("reference"), "id", keep=1),
        Column("shared words", lambda r: " ".join(r.text.split()), "text", keep=3),
    )


def _suggested(proposal: Proposal) -> str:
    """The actor a mention proposal names, a figure proposal's measure and number, a
    quotation's speaker, a voice's chains, a citation's work, a candidate actor, or an
    attribution's agent, act and claimant."""
    if proposal.kind == "mention":
        return proposal.actor_id
    if proposal.kind == "quote":
        return f"quote of {proposal.suggestion['speaker'] or '(speaker?)'}"
    if proposal.kind == "voice":
        return "; ".join(chain_label(chain) for chain in proposal.chains)
    if proposal.kind in ("actor", "citation"):
        return (
            f"cites {proposal.suggestion['work'] or '(work?)'}"
            if proposal.kind == "citation"
            else "candidate actor"
        )
    if proposal.kind == "attribution":
        act = str(proposal.suggestion["act"]).removeprefix("act.")
        return f"{proposal.actor_id} {act} ({chain_label(proposal.chains[0])})"
    found: dict[str, Any] = proposal.suggestion  # a figure's: numbers or None
    measure = str(found["measure"] or "measure?").removeprefix("measure.")
    return f"{measure} {short_number(found['value'], found['low'], found['high'])}"


class Proposals(Results[Proposal]):
    """Mentions, figures, quotations and voices a rule proposed in a draft, not yet accepted
    (`corpus.Proposal`)."""

    __slots__ = ()
    noun = "proposal"
    columns = (
        Column("id", _field("id"), "id"),
        Column("kind", _field("kind"), "label", keep=1),
        Column("suggestion", _suggested, "id"),
        Column("as printed", _field("text"), "text", keep=3),
        Column("cert", _field("cert"), "label", keep=2),
        Column("status", _field("status"), "label", keep=2),
    )
