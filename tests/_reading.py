"""What loading gives, as plain JSON-ready data, for comparing one reading with another."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import attrs

import corpus
from corpus import export

ROOT = Path(__file__).resolve().parents[1]


def _relative(value: str) -> str:
    path = Path(value)
    inside = path.is_absolute() and path.is_relative_to(ROOT)
    return path.relative_to(ROOT).as_posix() if inside else value


def snapshot(c: corpus.Corpus) -> dict[str, Any]:
    """Every table's records, the load report, and each document's source text."""
    found: dict[str, Any] = {"title": c.title, "version": c.version}
    for table in export.tables(c):
        found[table] = c.to_records(table)
    found["report"] = [{**attrs.asdict(u), "file": _relative(u.file)} for u in c.report().items]
    found["source_text"] = {d.id: d.source_text() for d in c.documents}
    return json.loads(json.dumps(found, sort_keys=True, default=repr, ensure_ascii=False))


def write(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=0)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


def read(path: Path) -> dict[str, Any]:
    return json.loads(gzip.decompress(path.read_bytes()))  # type: ignore[no-any-return]
