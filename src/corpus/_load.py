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


def load(path: str | os.PathLike[str] | None = None, *, cache: bool = True) -> Corpus:
    """Load the bundled corpus, parsed once and cached, or the corpus in directory ``path``.

    A corpus is compiled on its first load (values and search index) into the user's cache
    directory, or ``CORPUS_CACHE_DIR``, and later loads read the compiled form while every
    source file is unchanged. ``cache=False`` reads the XML and writes no cache.

    >>> import corpus
    >>> len(corpus.load().documents)
    5
    """
    if path is None:
        return _load_bundled(cache)
    return _read(Path(path), cache)


@functools.cache
def _load_bundled(cache: bool) -> Corpus:
    return _read(bundled_directory(), cache)


def _read(directory: Path, cache: bool) -> Corpus:
    with paused_gc():
        if cache and directory.is_dir():
            from corpus import _cache

            return _cache.load(directory, _parse)
        return _parse(directory)


def _parse(directory: Path) -> Corpus:
    from corpus.tei import read_corpus  # lxml is loaded only when a corpus is read

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
