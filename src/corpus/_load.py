"""`corpus.load()`: the bundled corpus (cached), a corpus directory, TEI written elsewhere, or
several of them combined."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from corpus._corpus import Corpus
from corpus._data import bundled_directory

__all__ = ["load", "paused_gc"]


Source = str | os.PathLike[str] | None


def load(path: Source | Sequence[Source] = None) -> Corpus:
    """Load the bundled corpus, parsed once and cached, or the corpus at ``path``.

    ``path`` is a corpus directory in this project's layout (it holds ``corpus.xml``), a TEI or
    teiCorpus file written elsewhere, or a directory of such files; a list of them (``None``
    for the bundled corpus) loads each and combines them, document ids kept distinct.

    >>> import corpus
    >>> len(corpus.load().documents)
    5
    """
    if path is None:
        return _load_bundled()
    if isinstance(path, (list, tuple)):
        from corpus._combine import combine

        return combine([load(p) for p in path])
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"corpus.load() takes a path or a list of paths, not {path!r}")
    return _read(Path(path))


@functools.cache
def _load_bundled() -> Corpus:
    return _read(bundled_directory())


def _read(path: Path) -> Corpus:
    from corpus.tei import read_corpus  # lxml is loaded only when a corpus is read

    with paused_gc():
        if path.is_file() or (path.is_dir() and not (path / "corpus.xml").exists()):
            from corpus.foreign import read_foreign

            return read_foreign(path)
        return read_corpus(path)


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
