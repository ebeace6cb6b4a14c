"""A small annotated TEI corpus of five texts on the killings at Khojaly in February 1992.

>>> import corpus
>>> c = corpus.load()
>>> c.passage("wiki.2").text
'Khojaly massacre'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corpus._corpus import Corpus
from corpus._display import install as _install_renderer
from corpus._load import load
from corpus._version import __version__
from corpus.claims import Attribution, Figure, FigureRow, FigureTable
from corpus.errors import (
    AmbiguousName,
    CorpusError,
    CorpusFileError,
    InvalidCorpus,
    InvalidQuery,
    NotFound,
    QueryTimeout,
    UnsafeFile,
    UnsafeXML,
)
from corpus.hits import ConcordanceLine, Hit, Hits
from corpus.model import (
    Actor,
    Category,
    Classification,
    Cooccurrence,
    Correction,
    Document,
    EventName,
    Identification,
    Mention,
    Passage,
    Proposal,
    Relation,
    Source,
    SourceDate,
    Spelling,
    Voice,
)
from corpus.works import (
    Change,
    Citation,
    Comparison,
    Quote,
    QuoteGroup,
    Reference,
    SharedWording,
)

if TYPE_CHECKING:
    from corpus.report import LoadReport, Unmapped
    from corpus.validation import Problem, validate


def _render(value: object) -> Any:
    """The renderer of every value: `corpus.render`, imported on the first rendering."""
    from corpus.render import renderable

    return renderable(value)


_install_renderer(_render)

__all__ = [
    "Actor",
    "AmbiguousName",
    "Attribution",
    "Category",
    "Change",
    "Citation",
    "Classification",
    "Comparison",
    "ConcordanceLine",
    "Cooccurrence",
    "Corpus",
    "CorpusError",
    "CorpusFileError",
    "Correction",
    "Document",
    "EventName",
    "Figure",
    "FigureRow",
    "FigureTable",
    "Hit",
    "Hits",
    "Identification",
    "InvalidCorpus",
    "InvalidQuery",
    "LoadReport",
    "Mention",
    "NotFound",
    "Passage",
    "Problem",
    "Proposal",
    "QueryTimeout",
    "Quote",
    "QuoteGroup",
    "Reference",
    "Relation",
    "Results",
    "SharedWording",
    "Source",
    "SourceDate",
    "Spelling",
    "Unmapped",
    "UnsafeFile",
    "UnsafeXML",
    "Voice",
    "__version__",
    "draft",
    "load",
    "review",
    "validate",
]


#: Names imported when first used: a script that only loads and searches never pays for them.
_LAZY = {
    "LoadReport": "corpus.report",
    "Unmapped": "corpus.report",
    "Problem": "corpus.validation",
    "validate": "corpus.validation",
    "draft": "corpus.drafting",
    "review": "corpus.reviewing",
    "Results": "corpus.results",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'corpus' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
