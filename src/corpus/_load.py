"""`corpus.load()`: the bundled corpus (cached), a corpus directory, TEI written elsewhere, or
several of them combined."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Sequence
from pathlib import Path

from corpus import _progress
from corpus._corpus import Corpus, combine
from corpus._data import bundled_directory
from corpus._gc import freeze_loaded, paused_gc
from corpus.errors import CorpusFileError

__all__ = ["load"]


Source = str | os.PathLike[str] | None


def load(
    path: Source | Sequence[Source] = None, *, cache: bool = True, progress: bool | None = None
) -> Corpus:
    """Load the bundled corpus, parsed once and cached, or the corpus at ``path``.

    ``path`` is a corpus directory in this project's layout (it holds ``corpus.xml``), a TEI or
    teiCorpus file written elsewhere, or a directory of such files; a list of them (``None``
    for the bundled corpus) loads each and combines them, document ids kept distinct.

    A corpus directory is compiled on its first load (values and search index) into the user's
    cache directory, or ``CORPUS_CACHE_DIR``, and later loads read the compiled form while
    every file in it is unchanged. ``cache=False`` reads the XML and writes no cache.

    ``progress`` shows a progress bar on stderr while loading; by default only when stderr is
    a terminal and the corpus files come to 16 MiB or more. After loading so large a corpus,
    the objects alive are moved out of the garbage collector's way (`gc.freeze`; see
    ``corpus._gc.freeze_loaded``), so that no collection pauses the user's next line.

    >>> import corpus
    >>> len(corpus.load().documents)
    5
    """
    if path is None:
        with _progress.shown(progress is True):
            return _load_bundled(cache)
    if isinstance(path, (list, tuple)):
        return combine([load(p, cache=cache, progress=progress) for p in path])
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"corpus.load() takes a path or a list of paths, not {path!r}")
    path = _checked(Path(path))
    large = _size(path) >= _progress.LARGE
    if progress is None:
        progress = large and _progress.wanted(None)
    with _progress.shown(progress), paused_gc():
        loaded = _read(path, cache)
        if large:  # later collections need not scan what the load built: frozen before the
            freeze_loaded()  # collector is back on, so no collection ever scans it first
    return loaded


def _checked(path: Path) -> Path:
    """A path that names something a corpus can be read from; otherwise a `CorpusError` that
    says what it names (a named pipe, a device, a name too long for the system)."""
    import stat

    shown = str(path) if len(str(path)) <= 200 else f"{str(path)[:120]}…({len(str(path))} chars)"
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path  # the reader says what is missing
    except OSError as error:
        raise CorpusFileError(
            shown, None, f"cannot be read: {error.strerror}; give a shorter or another path"
        ) from None
    for test, kind in (
        (stat.S_ISFIFO, "is a FIFO (a named pipe)"),
        (stat.S_ISCHR, "is a device"),
        (stat.S_ISBLK, "is a device"),
        (stat.S_ISSOCK, "is a socket"),
    ):
        if test(mode):
            raise CorpusFileError(
                shown,
                None,
                f"{kind}, not a corpus; give a corpus directory, a TEI file or a directory of "
                "TEI files",
            )
    return path


def _size(path: Path) -> int:
    """The bytes of the files a load reads (stops counting once the load counts as large)."""
    if not path.is_dir():
        return path.stat().st_size if path.is_file() else 0
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += os.stat(os.path.join(root, name)).st_size  # noqa: PTH116, PTH118
        if total >= _progress.LARGE:
            break
    return total


@functools.cache
def _load_bundled(cache: bool) -> Corpus:
    return _read(bundled_directory(), cache)


def _read(path: Path, cache: bool) -> Corpus:
    with paused_gc():
        if cache and path.is_dir():  # a directory's every file is in the key; a file's links not
            from corpus import _cache

            return _cache.load(path, _parse)
        return _parse(path)


def _parse(path: Path) -> Corpus:
    """Read the TEI at ``path`` (lxml is loaded only now) and make the `Corpus` of it."""
    import attrs

    from corpus.tei import read

    return Corpus(**attrs.asdict(read(path), recurse=False))
