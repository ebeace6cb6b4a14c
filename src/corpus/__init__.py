"""A small annotated TEI corpus of five texts on the Khojaly killings of 25–26 February 1992.

>>> import corpus
>>> c = corpus.load()
>>> c.passage("wiki.2").text
'Khojaly massacre'
"""

from __future__ import annotations

from corpus._load import load
from corpus.errors import (
    AmbiguousName,
    CorpusError,
    CorpusFileError,
    InvalidCorpus,
    InvalidQuery,
    NotFound,
    QueryTimeout,
    UnsafeXML,
)
from corpus.model import (
    Actor,
    Category,
    Change,
    Citation,
    Classification,
    Comparison,
    ConcordanceLine,
    Cooccurrence,
    Corpus,
    Correction,
    Document,
    EventName,
    Hit,
    Hits,
    Mention,
    Passage,
    Quote,
    QuoteGroup,
    Reference,
    Relation,
    Source,
    SourceDate,
    Spelling,
    Voice,
)
from corpus.validation import Problem, validate

__version__ = "0.4.0"

__all__ = [
    "Actor",
    "AmbiguousName",
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
    "Hit",
    "Hits",
    "InvalidCorpus",
    "InvalidQuery",
    "Mention",
    "NotFound",
    "Passage",
    "Problem",
    "QueryTimeout",
    "Quote",
    "QuoteGroup",
    "Reference",
    "Relation",
    "Source",
    "SourceDate",
    "Spelling",
    "UnsafeXML",
    "Voice",
    "__version__",
    "load",
    "validate",
]


def __dir__() -> list[str]:
    return __all__
