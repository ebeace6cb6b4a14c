"""`corpus.load()`: the bundled corpus (cached) or a corpus directory."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from corpus._data import bundled_directory
from corpus.model import Corpus

__all__ = ["load"]


def load(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load the bundled corpus, parsed once and cached, or the corpus in directory ``path``.

    >>> import corpus
    >>> len(corpus.load().documents)
    5
    """
    if path is None:
        return _load_bundled()
    return _read(Path(path))


@functools.cache
def _load_bundled() -> Corpus:
    return _read(bundled_directory())


def _read(directory: Path) -> Corpus:
    from corpus.tei import read_corpus  # lxml is loaded only when a corpus is read

    return read_corpus(directory)
