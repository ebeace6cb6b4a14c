"""How to cite the corpus, or one passage of it, in plain text and BibTeX (``corpus cite``).

The facts are the package's own (`corpus._version`) and the loaded data's (its version, the
passage and its source as the corpus records them); ``CITATION.cff`` says the same, and a test
keeps them equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpus import _version

if TYPE_CHECKING:
    from corpus._corpus import Corpus

__all__ = ["AUTHORS", "TITLE", "bibtex", "plain"]

TITLE = "corpus: five texts on the Khojaly killings of 25–26 February 1992, as annotated TEI"
AUTHORS = "the corpus maintainers"


def _year() -> str:
    return _version.RELEASED[:4]


def plain(c: Corpus, passage_id: str | None = None) -> str:
    """The citation as a line of plain text; of one passage, with its stable id and source."""
    found = (
        f"{AUTHORS} ({_year()}). {TITLE}. Version {_version.__version__}, "
        f"data version {c.version or 'not stated'}, released {_version.RELEASED}."
    )
    if passage_id is None:
        return found
    passage = c.passage(passage_id)
    return f"{found} Passage {passage.id}, from {_source(c, passage.document_id)}."


def bibtex(c: Corpus, passage_id: str | None = None) -> str:
    """The citation as a BibTeX ``@misc`` entry; of one passage, keyed by its stable id."""
    key = f"khojaly-corpus-{_version.__version__}"
    note = f"Data version {c.version or 'not stated'}"
    if passage_id is not None:
        passage = c.passage(passage_id)
        key += f"-{passage.id}"
        note += f"; passage {passage.id}, from {_source(c, passage.document_id)}"
    fields = {
        "author": f"{{{_escaped(AUTHORS)}}}",
        "title": _escaped(TITLE),
        "year": _year(),
        "version": _version.__version__,
        "note": _escaped(note),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{key},\n{body}\n}}"


def _source(c: Corpus, document_id: str) -> str:
    """A source as the corpus records it: authors, title, publisher and date, or what is not
    stated (a derived date with its certainty, never as the date)."""
    source = c.document(document_id).source
    authors = ", ".join(source.authors) or "authors not stated"
    date = source.date
    if date.derived:
        when = f"date not stated; {date}" if date.known else "date not stated"
    else:
        when = str(date) if date.known or date.printed else "date not stated"
    publisher = f", {source.publisher}" if source.publisher else ""
    return f"{authors}, “{source.title}”{publisher} ({when}; corpus document {document_id})"


def _escaped(text: str) -> str:
    """Text safe inside a BibTeX field: the characters it treats specially escaped."""
    for special in ("\\", "{", "}", "%", "&", "$", "#", "_"):
        text = text.replace(special, "\\" + special if special != "\\" else "\\textbackslash{}")
    return text
