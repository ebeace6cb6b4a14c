"""Tables of a loaded corpus for DuckDB, Spark, pandas or a warehouse: Parquet, CSV or JSON Lines.

One table per kind of value, one row per value, columns named as the value's fields:

================  ===========================================================  ==================
table             one row per                                                  key
================  ===========================================================  ==================
``documents``     `Document`, with ``source_text`` (the source as printed)     ``id``
``passages``      `Passage`                                                    ``id``
``mentions``      `Mention` of an actor in a passage                           ``passage_id``,
                                                                               ``span_start``
``actors``        `Actor` of the register                                      ``id``
``works``         `Reference` (the register of cited works)                    ``id``
``citations``     `Citation` of a work in a passage                            ``passage_id``,
                                                                               ``span_start``
``quotes``        `Quote`                                                      ``id``
``quote_groups``  `QuoteGroup` (its renditions: the quotes with this group)    ``id``
``voices``        link of a passage's voice chains                             ``passage_id``,
                                                                               ``chain``,
                                                                               ``position``
``categories``    `Category` of the taxonomies in the corpus header            ``id``
``figures``       ``Figure`` with ``kind`` and ``best`` (where the corpus has   ``id``
                  figures)
``attributions``  ``Attribution`` (where the corpus has attributions)          ``id``
================  ===========================================================  ==================

How values are flattened, the same way for every table:

- a field holding another value becomes one column per field of it, named
  ``field_subfield`` (``source_date_when``, ``stance_category_id``);
- ``span`` (a ``(start, end)`` range into ``Passage.text``) becomes ``span_start`` and
  ``span_end`` (both null where there is no span);
- a field holding values that have a table of their own (a document's passages, a passage's
  mentions, citations and quotations, …) is left out: that table names the row it belongs to
  (``document_id``, ``passage_id``);
- a tuple of plain values (``authors``, ``names``) is a list; a tuple of other values
  (``relations``, ``corrections``, ``forms``, a passage's ``voices``) is a list of records with
  the values' field names; ``identifiers`` is a list of ``[scheme, value]`` pairs;
- a ``voices`` row is one link of a passage's voice chains: ``chain`` numbers the chains of
  the passage (0 is the chief one, `Passage.voice`), ``position`` the link (0 outermost).

In JSON Lines every row is one JSON object. In CSV a null is an empty unquoted field, every
string is quoted (so an empty string is ``""``), booleans are ``true``/``false`` and lists and
records are JSON text. ``schema.json`` beside the tables lists every table's columns with their
types and row counts. `corpus_records` gives the same rows as Python dicts.

>>> import corpus
>>> rows = corpus_records(corpus.load(), "mentions")
>>> sorted(rows[0])[:4]
['actor_id', 'actor_kind', 'cert', 'kind']
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from corpus import _progress
from corpus.errors import CorpusError

if TYPE_CHECKING:
    from corpus._corpus import Corpus

__all__ = ["FORMATS", "TABLES", "corpus_records", "export", "frame", "tables"]

FORMATS = ("parquet", "csv", "jsonl")
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


# ------------------------------------------------------------------ writing


def _require(module: str, extra: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise CorpusError(
            f"{what} needs {module}, which is not installed; "
            f"install it with: pip install 'khojaly-corpus[{extra}]'"
        ) from None


def _column_type(values: Iterable[Any]) -> str:
    """The type of a column for schema.json: a column of numbers with any fraction is float."""
    found = "null"
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            found = "integer"
            continue
        if isinstance(value, float):
            return "float"
        if isinstance(value, str):
            return "string"
        return "json"
    return found


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return '"' + text.replace('"', '""') + '"'


def _write_csv(rows: list[Record], columns: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(_csv_cell(c) for c in columns) + "\r\n")
        for row in rows:
            out.write(",".join(_csv_cell(row[c]) for c in columns) + "\r\n")


def _write_jsonl(rows: list[Record], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(rows: list[Record], columns: list[str], path: Path) -> None:
    pa = _require("pyarrow", "tables", "writing Parquet")
    parquet = _require("pyarrow.parquet", "tables", "writing Parquet")
    table = pa.Table.from_pydict({name: [row[name] for row in rows] for name in columns})
    parquet.write_table(table, str(path))


def export(
    c: Corpus,
    directory: str | os.PathLike[str],
    format: str = "parquet",
    *,
    only: Iterable[str] | None = None,
    progress: bool | None = None,
) -> dict[str, Path]:
    """Write one file per table into ``directory`` (created if need be), and ``schema.json``.

    ``format`` is ``parquet`` (needs the ``tables`` extra: ``pip install
    'khojaly-corpus[tables]'``), ``csv`` or ``jsonl``. Returns the path of each table's file.
    ``only`` names the tables to write (every one by default). ``progress`` shows a progress
    bar on stderr; by default only when stderr is a terminal.
    """
    if format not in FORMATS:
        raise CorpusError(f"no export format {format!r}; the formats are: {', '.join(FORMATS)}")
    if format == "parquet":
        _require("pyarrow", "tables", "writing Parquet")
    chosen = tuple(tables(c) if only is None else only)
    for name in chosen:
        if name not in tables(c):
            raise CorpusError(f"no table {name!r}; the tables are: {', '.join(tables(c))}")
    target = Path(directory)
    if target.exists() and not target.is_dir():
        raise CorpusError(f"{target} is a file; give a directory to write the tables into")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CorpusError(
            f"cannot create {target}: {error.strerror}; choose another directory"
        ) from None
    written: dict[str, Path] = {}
    schema: dict[str, Any] = {}
    with _progress.shown(_progress.wanted(progress)):
        _progress.stage("exporting", total=len(chosen))
        for name in chosen:
            _progress.describe(f"exporting {name}")
            rows = corpus_records(c, name)
            columns = list(rows[0]) if rows else []
            path = target / f"{name}.{format}"
            try:
                if format == "csv":
                    _write_csv(rows, columns, path)
                elif format == "jsonl":
                    _write_jsonl(rows, path)
                else:
                    _write_parquet(rows, columns, path)
            except OSError as error:
                raise CorpusError(
                    f"cannot write {path}: {error.strerror}; check the directory is writable"
                ) from None
            written[name] = path
            schema[name] = {
                "file": path.name,
                "rows": len(rows),
                "columns": [
                    {"name": col, "type": _column_type(row[col] for row in rows)} for col in columns
                ],
            }
            _progress.advance()
    (target / "schema.json").write_text(
        json.dumps({"format": format, "tables": schema}, indent=2) + "\n", "utf-8"
    )
    return written


def frame(c: Corpus, table: str) -> Any:
    """One table as a pandas DataFrame (needs pandas: ``pip install 'khojaly-corpus[tables]'``)."""
    pandas = _require("pandas", "tables", f"Corpus.frame({table!r})")
    rows = corpus_records(c, table)
    return pandas.DataFrame.from_records(rows, columns=list(rows[0]) if rows else None)
