"""Helpers shared by the tests; they read the XML directly, independently of the library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

import corpus

if TYPE_CHECKING:
    import pytest

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def passage_ids_in_files(files: list[Path]) -> list[str]:
    """Passage ids read straight from the XML, independently of the library."""
    tags = {f"{TEI}{t}" for t in ("head", "p", "ab", "item", "note", "byline")}
    ids = []
    for file in files:
        text = etree.parse(str(file)).find(f"{TEI}text")
        ids += [e.get(XML_ID) for e in text.iter() if e.tag in tags]
    return ids


class Parses:
    """Counts how often the XML is parsed (and not read from the cache)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from corpus import _load

        self.count = 0
        parse = _load._parse

        def counting(directory: Path) -> corpus.Corpus:
            self.count += 1
            return parse(directory)

        monkeypatch.setattr(_load, "_parse", counting)


#: A capture written for the tests that names registered actors, for drafts with proposals.
NAMING = (
    "Human Rights Watch wrote about Khojaly.\n\n"
    "Serzh Sargsyan spoke to Thomas de Waal; Sarkisian said more.\n"
)


def naming_draft(directory: Path, doc_id: str, **options: bool) -> Path:
    """A draft of `NAMING` in ``directory``, with id ``doc_id``."""
    return draft_of(NAMING, directory, doc_id, **options)


def draft_of(text: str, directory: Path, doc_id: str, **options: bool) -> Path:
    """A draft of a capture holding ``text``, in ``directory``, with id ``doc_id``."""
    capture = directory / f"{doc_id}.txt"
    capture.write_text(text, "utf-8")
    return corpus.draft(capture, doc_id, out=directory / f"{doc_id}.xml", **options)


#: The fields of every row of ``corpus proposals --json``.
PROPOSAL_KEYS = {"id", "kind", "passage", "span", "text", "suggestion", "cert", "resp", "status"}


def proposals_json(draft: Path, kind: str) -> list[dict[str, Any]]:
    """The rows ``corpus proposals DRAFT --json --kind KIND`` prints, run as a user runs it;
    the command must succeed and every row hold the documented fields and that kind."""
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "proposals", str(draft), "--json", "--kind", kind],
        capture_output=True,
        text=True,
        check=False,  # the status is what is checked
    )
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    assert all(set(r) == PROPOSAL_KEYS and r["kind"] == kind for r in rows)
    return rows
