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
- a voice chain (a figure's or attribution's ``claimant``) is one string, outermost first
  (``"new-york-times → rasim-agayev"``), and a passage's ``voices`` a list of such strings;
- a tuple of plain values (``authors``, ``names``) is a list; a tuple of other values
  (``relations``, ``corrections``, ``forms``) is a list of records with the values' field
  names; ``identifiers`` is a list of ``[scheme, value]`` pairs;
- a ``voices`` row is one link of a passage's voice chains: ``chain`` numbers the chains of
  the passage (0 is the chief one, `Passage.voice`), ``position`` the link (0 outermost).

In JSON Lines every row is one JSON object. In CSV every cell is flat: a null is an empty
unquoted field, every string is quoted (so an empty string is ``""``), booleans are
``true``/``false``; a list is its items joined with ``"; "``, a pair ``[scheme, value]`` is
``"scheme value"`` and a record in a list is ``"field=value, field=value"`` (empty fields left
out). ``schema.json`` beside the tables lists every table's columns with their types, how a
list column is joined in CSV, and row counts. `corpus_records` gives the same rows as Python
dicts.

Without a format, Parquet is written where pyarrow is installed (the ``tables`` extra) and CSV
otherwise; the format chosen is in ``schema.json``.

>>> import corpus
>>> rows = corpus_records(corpus.load(), "mentions")
>>> sorted(rows[0])[:4]
['actor_id', 'actor_kind', 'cert', 'kind']
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus import _progress
from corpus._tables import TABLES, _require, corpus_columns, corpus_records, frame, tables
from corpus.errors import CorpusError
from corpus.results import Columns, column_rows

if TYPE_CHECKING:
    from corpus._corpus import Corpus

__all__ = ["FORMATS", "TABLES", "corpus_records", "default_format", "export", "frame", "tables"]

FORMATS = ("parquet", "csv", "jsonl")
# ------------------------------------------------------------------ writing


def _column_type(values: Iterable[Any]) -> str:
    """The type of a column for schema.json: a column of numbers with any fraction is float.

    Read cell by cell up to the first cell that decides; a column of integers, which only its
    end decides, in one sweep over the set of its cells' types."""
    values = values if isinstance(values, list) else list(values)
    found = "null"
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            if found == "null" and set(map(type, values)) <= {int, type(None)}:
                return "integer"
            found = "integer"
            continue
        if isinstance(value, float):
            return "float"
        if isinstance(value, str):
            return "string"
        return "list"
    return found


def _csv_text(value: Any, *, nested: bool = False) -> str:
    """A list or record as one flat CSV cell (the module doc says how): a list's items joined
    with ``"; "`` (a list inside a list, such as an identifier pair, with a space), a record's
    fields as ``field=value``."""
    if isinstance(value, dict):
        return ", ".join(
            f"{key}={_csv_text(item, nested=True)}"
            for key, item in value.items()
            if item not in (None, "", [])
        )
    if isinstance(value, list):
        return (" " if nested else "; ").join(_csv_text(v, nested=True) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = value if isinstance(value, str) else _csv_text(value)
    return '"' + text.replace('"', '""') + '"'


def _write_csv(columns: Columns, path: Path) -> None:
    cells = [list(map(_csv_cell, column)) for column in columns.values()]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(map(_csv_cell, columns)) + "\r\n")
        out.writelines(",".join(row) + "\r\n" for row in zip(*cells, strict=True))


def _length(columns: Columns) -> int:
    return len(next(iter(columns.values()))) if columns else 0


def _write_jsonl(columns: Columns, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in column_rows(columns):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_parquet(columns: Columns, path: Path) -> None:
    pa = _require("pyarrow", "tables", "writing Parquet")
    parquet = _require("pyarrow.parquet", "tables", "writing Parquet")
    parquet.write_table(pa.Table.from_pydict(columns), str(path))


def default_format() -> str:
    """``parquet`` where pyarrow is installed, ``csv`` otherwise: an export works on a base
    install."""
    import importlib.util

    return "parquet" if importlib.util.find_spec("pyarrow") is not None else "csv"


def export(
    c: Corpus,
    directory: str | os.PathLike[str],
    format: str | None = None,
    *,
    only: Iterable[str] | None = None,
    progress: bool | None = None,
    overwrite: bool = False,
) -> dict[str, Path]:
    """Write one file per table into ``directory`` (created if need be), and ``schema.json``.

    ``format`` is ``parquet`` (needs the ``tables`` extra: ``pip install
    'khojaly-corpus[tables]'``), ``csv`` or ``jsonl``; without one, Parquet where pyarrow is
    installed and CSV otherwise (`default_format`). Returns the path of each table's file.
    ``only`` names the tables to write (every one by default). ``progress`` shows a progress
    bar on stderr; by default only when stderr is a terminal.

    The export is a transaction: the tables and ``schema.json`` are written into a new
    temporary directory beside ``directory`` and moved into it only when all are complete, each
    by a rename that replaces what has that name (a link or a named pipe is replaced, never
    followed or opened). A directory that is not empty and holds no earlier export (no
    ``schema.json``) is refused unless ``overwrite`` is true. Any error leaves ``directory`` as
    it was and raises `CorpusError` naming the path.
    """
    if format is None:
        format = default_format()
    if format not in FORMATS:
        raise CorpusError(f"no export format {format!r}; the formats are: {', '.join(FORMATS)}")
    if format == "parquet":
        _require("pyarrow", "tables", "writing Parquet")
    chosen = tuple(tables(c) if only is None else only)
    for name in chosen:
        if name not in tables(c):
            raise CorpusError(f"no table {name!r}; the tables are: {', '.join(tables(c))}")
    target = _target(Path(directory), overwrite=overwrite)
    staging = _staging(target)
    try:
        with _progress.shown(_progress.wanted(progress)):
            files = _write_tables(c, chosen, format, staging)
        _move_into(staging, target, ["schema.json", *(f.name for f in files.values())])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {name: target / path.name for name, path in files.items()}


def _target(target: Path, *, overwrite: bool) -> Path:
    """The directory to export into, checked before anything is written."""
    try:
        if target.is_symlink():
            raise CorpusError(
                f"{target} is a symbolic link; give the directory itself to write the tables into"
            )
        if not target.exists():
            return target
        if not target.is_dir():
            raise CorpusError(f"{target} is a file; give a directory to write the tables into")
        held = [p.name for p in target.iterdir()]
    except OSError as error:
        raise CorpusError(
            f"cannot use {target}: {error.strerror}; choose another directory"
        ) from None
    if held and "schema.json" not in held and not overwrite:
        raise CorpusError(
            f"{target} is not empty and holds no earlier export (no schema.json); choose an "
            "empty or new directory, or overwrite (--overwrite) what has a table's name there"
        )
    return target


def _staging(target: Path) -> Path:
    """A new, private directory beside the target, for the tables being written."""
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.export-", dir=target.parent))
    except OSError as error:
        raise CorpusError(
            f"cannot write beside {target}: {error.strerror}; choose another directory"
        ) from None


def _write_tables(
    c: Corpus, chosen: tuple[str, ...], format: str, staging: Path
) -> dict[str, Path]:
    written: dict[str, Path] = {}
    schema: dict[str, Any] = {}
    _progress.stage("exporting", total=len(chosen))
    for name in chosen:
        _progress.describe(f"exporting {name}")
        columns = corpus_columns(c, name)
        path = staging / f"{name}.{format}"
        try:
            if format == "csv":
                _write_csv(columns, path)
            elif format == "jsonl":
                _write_jsonl(columns, path)
            else:
                _write_parquet(columns, path)
        except OSError as error:
            raise CorpusError(
                f"cannot write {path.name} (in {staging.parent}): {error.strerror}; nothing was "
                "exported: free some space or choose another directory"
            ) from None
        written[name] = path
        schema[name] = {
            "file": path.name,
            "rows": _length(columns),
            "columns": [
                {"name": col, "type": _column_type(cells)} for col, cells in columns.items()
            ],
        }
        _progress.advance()
    try:
        (staging / "schema.json").write_text(
            json.dumps({"format": format, "tables": schema}, indent=2) + "\n", "utf-8"
        )
    except OSError as error:
        raise CorpusError(
            f"cannot write schema.json (in {staging.parent}): {error.strerror}; nothing was "
            "exported: free some space or choose another directory"
        ) from None
    return written


def _move_into(staging: Path, target: Path, names: list[str]) -> None:
    """Move the complete export into place: the whole directory by one rename where the target
    is new, else each file by a rename over what has its name."""
    try:
        if not target.exists():
            staging.rename(target)
            staging.mkdir()  # for the caller's removal of the staging directory
            return
        for name in names:
            (staging / name).replace(target / name)
    except OSError as error:
        raise CorpusError(
            f"cannot move the export into {target}: {error.strerror}; check that nothing there "
            "is a directory named like a table"
        ) from None
