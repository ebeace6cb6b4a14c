"""Reading files from a corpus directory: the one rule every read follows.

A file is read only if its resolved path lies inside the corpus directory (a symbolic link is
followed only when it leads inside), it is a regular file (never a named pipe, a device, a
socket or a directory) and it is no larger than `max_file_bytes()`. The read itself is bounded,
so a file swapped for ``/dev/zero`` between the checks and the read still cannot exhaust memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from corpus.errors import CorpusFileError, UnsafeFile

__all__ = ["MAX_FILE_BYTES", "MAX_FILE_BYTES_VARIABLE", "max_file_bytes", "read_corpus_file"]

#: The largest file read from a corpus directory, in bytes, unless the environment says otherwise.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: The environment variable that sets another cap, in bytes (e.g. ``CORPUS_MAX_FILE_BYTES=1e9``).
MAX_FILE_BYTES_VARIABLE = "CORPUS_MAX_FILE_BYTES"
#: The highest cap the environment may set: larger values are refused as absurd.
MAX_FILE_BYTES_LIMIT = 1 << 40

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def max_file_bytes() -> int:
    """The size cap for one corpus file: ``CORPUS_MAX_FILE_BYTES`` if set, else `MAX_FILE_BYTES`.

    >>> max_file_bytes() >= 1024 * 1024
    True
    """
    value = os.environ.get(MAX_FILE_BYTES_VARIABLE, "").strip()
    if not value:
        return MAX_FILE_BYTES
    try:
        cap = int(float(value))
    except (ValueError, OverflowError):
        cap = -1
    if cap <= 0 or cap > MAX_FILE_BYTES_LIMIT:
        raise UnsafeFile(
            MAX_FILE_BYTES_VARIABLE,
            None,
            f"is {value!r}; set it to a positive number of bytes up to {MAX_FILE_BYTES_LIMIT} "
            f"(1 TiB), or unset it for the default cap of {MAX_FILE_BYTES} bytes",
        )
    return cap


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_corpus_file(
    directory: Path,
    path: Path,
    *,
    cited_at: tuple[Path, int | None] | None = None,
    cited_as: str = "",
) -> bytes:
    """The bytes of ``path``, read only if it passes the rule for files of ``directory``.

    Errors name the file, or with ``cited_at`` the file and line that point at it (``cited_as``
    says how, e.g. ``"includes 'texts/wiki.xml'"``), and say what to do.

    >>> from corpus._data import bundled_directory
    >>> read_corpus_file(bundled_directory(), bundled_directory() / "corpus.xml")[:5]
    b'<?xml'
    """
    where: Path | str = path
    line: int | None = None
    lead = ""
    if cited_at is not None:
        where, line = cited_at
        lead = f"{cited_as or repr(str(path))}, which "

    def refuse(problem: str, safety: bool = True) -> CorpusFileError:
        error = UnsafeFile if safety else CorpusFileError
        return error(where, line, lead + problem)

    base = Path(os.path.realpath(directory))
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(base):
        raise refuse(
            f"lies outside the corpus directory (it resolves to {target}); only files inside "
            f"{base} are read: move the file into the directory"
        )
    cap = max_file_bytes()
    try:
        info = target.stat()
    except FileNotFoundError:
        raise refuse("does not exist; check the name, or add the file", safety=False) from None
    except OSError as error:
        raise refuse(
            f"cannot be read ({error.strerror}); check that it exists and is readable",
            safety=False,
        ) from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse(
            f"is {_kind(info.st_mode)}, not a regular file; only regular files are read: "
            "put the XML file itself there"
        )
    if info.st_size > cap:
        raise refuse(_too_large(info.st_size, cap))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(target, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise refuse(
            f"cannot be read ({error.strerror}); check that it exists and is readable",
            safety=False,
        ) from None
    with os.fdopen(descriptor, "rb") as file:
        opened = os.fstat(file.fileno())
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
            info.st_dev,
            info.st_ino,
        ):
            raise refuse("changed while it was being opened; read the corpus again")
        data = file.read(cap + 1)  # bounded: a file that grows past the cap is not read whole
    if len(data) > cap:
        raise refuse(_too_large(len(data), cap))
    return data


def _too_large(size: int, cap: int) -> str:
    return (
        f"is larger than the cap of {cap} bytes for one corpus file (at least {size} bytes); "
        f"split it, or raise the cap with the environment variable {MAX_FILE_BYTES_VARIABLE}"
    )
