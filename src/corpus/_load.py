"""`corpus.load()`: the bundled corpus (cached) or a corpus directory."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import Iterator
from pathlib import Path

from corpus._corpus import Corpus
from corpus._data import bundled_directory

__all__ = ["load", "paused_gc"]


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

    with paused_gc():
        return read_corpus(directory)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Reading a corpus or building its index allocates millions of small objects at scale; the
    collector's passes over them would make loading slower than linear. Its state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
