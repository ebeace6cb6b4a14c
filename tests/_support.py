"""Helpers shared by the tests; they read the XML directly, independently of the library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

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
