"""The rows of a loaded corpus's tables, one per kind of value (`corpus.export` writes them).

The layout of the tables and the rules of flattening are described in `corpus.export`. This
module sits below the `Corpus` facade: it reads a corpus through the facade's public members and
builds plain dicts, so that `Corpus.to_records` and `Corpus.frame` can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from corpus.errors import CorpusError

if TYPE_CHECKING:
    from corpus._corpus import Corpus

__all__ = ["TABLES", "Record", "corpus_records", "frame", "tables"]

#: Every table, in the order they are written; ``figures`` and ``attributions`` only where the
#: corpus has them.
TABLES = (
    "documents",
    "passages",
    "mentions",
    "actors",
    "works",
    "citations",
    "quotes",
    "quote_groups",
    "voices",
    "categories",
    "figures",
    "attributions",
)
#: Values that have a table of their own: a field holding them is left out of its owner's row.
_OWN_TABLE = frozenset(
    {"Document", "Passage", "Mention", "Citation", "Quote", "Figure", "Attribution"}
)
Record = dict[str, Any]


# ------------------------------------------------------------------ rows


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A value nested in a cell: plain data with the field names of the Python objects."""
    if type(value) in _SCALARS:
        return value
    if attrs.has(type(value)):
        return _flatten(value)
    if isinstance(value, (tuple, list, frozenset)):
        return [_plain(v) for v in value]
    return value


def _owned(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and bool(value)
        and all(type(v).__name__ in _OWN_TABLE and attrs.has(type(v)) for v in value)
    )


@attrs.frozen
class _Column:
    name: str
    kind: str  # "value" (flatten into columns), "span", "cell"


_LAYOUTS: dict[type, tuple[_Column, ...]] = {}


def _layout(cls: type, sample: Any) -> tuple[_Column, ...]:
    """How the fields of one class become columns; worked out once per class."""
    found = _LAYOUTS.get(cls)
    if found is None:
        columns = []
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            value = getattr(sample, field.name)
            if field.name == "span" or field.name.endswith("_span"):
                columns.append(_Column(field.name, "span"))
            elif attrs.has(type(value)):
                columns.append(_Column(field.name, "value"))
            elif _owned(value) or (
                isinstance(value, tuple) and not value and _owned_annotation(field)
            ):
                continue
            else:
                columns.append(_Column(field.name, "cell"))
        found = _LAYOUTS[cls] = tuple(columns)
    return found


def _owned_annotation(field: attrs.Attribute[Any]) -> bool:
    """An empty tuple of values with their own table, recognised by the field's annotation."""
    annotation = str(field.type)
    return any(f"[{name}," in annotation or f"[{name}]" in annotation for name in _OWN_TABLE)


def _flatten(value: Any, prefix: str = "", into: Record | None = None) -> Record:
    """One row: the value's fields as columns, nested values flattened (see the module doc)."""
    row: Record = {} if into is None else into
    for column in _layout(type(value), value):
        cell = getattr(value, column.name)
        name = prefix + column.name
        if column.kind == "span":
            row[name + "_start"], row[name + "_end"] = cell if cell is not None else (None, None)
        elif column.kind == "value":
            if attrs.has(type(cell)):
                _flatten(cell, name + "_", row)
            else:  # a field that holds a value in one row may hold None in another
                row[name] = None
        else:
            row[name] = _plain(cell)
    return row


def _documents(c: Corpus) -> Iterator[Record]:
    for document in c.documents:
        row = _flatten(document)
        row["source_text"] = document.source_text()
        yield row


def _voices(c: Corpus) -> Iterator[Record]:
    for passage in c.passages():
        for chain, voices in enumerate(passage.voices):
            for position, voice in enumerate(voices):
                yield {
                    "passage_id": passage.id,
                    "chain": chain,
                    "position": position,
                    "id": voice.id,
                    "kind": voice.kind,
                }


def _values(get: Callable[[Corpus], Iterable[Any]]) -> Callable[[Corpus], Iterator[Record]]:
    return lambda c: (_flatten(v) for v in get(c))


def _figures(c: Corpus) -> Iterator[Record]:
    """Figures with what they print (``kind``) and the number to compare (``best``) beside
    their fields: ``best`` is null for a bound, a range or a vague quantity."""
    for figure in c.figures():
        row = _flatten(figure)
        for name in ("kind", "best"):
            if hasattr(figure, name):  # a corpus of another library's figures may lack them
                row[name] = getattr(figure, name)
        yield row


_ROWS: dict[str, Callable[[Corpus], Iterator[Record]]] = {
    "documents": _documents,
    "passages": _values(lambda c: c.passages()),
    "mentions": _values(lambda c: (m for p in c.passages() for m in p.mentions)),
    "actors": _values(lambda c: c.actors()),
    "works": _values(lambda c: c.references()),
    "citations": _values(lambda c: c.citations()),
    "quotes": _values(lambda c: c.quotes()),
    "quote_groups": _values(lambda c: c.quote_groups()),
    "voices": _voices,
    "categories": _values(lambda c: c.categories),
    "figures": _figures,
    "attributions": _values(lambda c: c.attributions()),
}


def tables(c: Corpus) -> tuple[str, ...]:
    """The tables this corpus has: every one of `TABLES` but figures and attributions where the
    corpus has none of them."""
    return tuple(
        name
        for name in TABLES
        if name not in ("figures", "attributions") or callable(getattr(c, name, None))
    )


def corpus_records(c: Corpus, table: str) -> list[Record]:
    """The rows of one table as plain dicts (what `Corpus.to_records` returns)."""
    if table not in tables(c):
        raise CorpusError(f"no table {table!r}; the tables are: {', '.join(tables(c))}")
    return list(_ROWS[table](c))


def _require(module: str, extra: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise CorpusError(
            f"{what} needs {module}, which is not installed; "
            f"install it with: pip install 'khojaly-corpus[{extra}]'"
        ) from None


def frame(c: Corpus, table: str) -> Any:
    """One table as a pandas DataFrame (needs pandas: ``pip install 'khojaly-corpus[tables]'``)."""
    pandas = _require("pandas", "tables", f"Corpus.frame({table!r})")
    rows = corpus_records(c, table)
    return pandas.DataFrame.from_records(rows, columns=list(rows[0]) if rows else None)
