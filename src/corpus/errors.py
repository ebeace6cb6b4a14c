"""The exceptions `corpus` raises. Every error a user can cause is a `CorpusError`."""

from __future__ import annotations

__all__ = [
    "AmbiguousName",
    "CorpusError",
    "CorpusFileError",
    "InvalidCorpus",
    "InvalidQuery",
    "NotFound",
    "QueryTimeout",
    "UnsafeFile",
    "UnsafeXML",
]


class CorpusError(Exception):
    """Root of every error raised by `corpus`."""


class NotFound(CorpusError, KeyError):
    """No document, passage or other object has the id or name asked for."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0]) if self.args else ""


class AmbiguousName(NotFound):
    """A name fits more than one actor; ``candidates`` holds their ids."""

    def __init__(self, message: str, candidates: tuple[str, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


class CorpusFileError(CorpusError, ValueError):
    """A corpus file cannot be read; the message names the file and line."""

    def __init__(self, path: object, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.detail = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


class UnsafeXML(CorpusFileError):
    """A corpus file uses a feature refused for safety: DTDs, entities, includes from outside."""


class UnsafeFile(UnsafeXML):
    """A corpus file is refused before it is read: it lies outside the corpus directory, is not
    a regular file (a named pipe, a device, a socket), or is larger than the size cap."""


class InvalidCorpus(CorpusError, ValueError):
    """A corpus directory breaks the corpus conventions; `problems` lists every problem found."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the corpus:\n{lines}")


class InvalidQuery(CorpusError, ValueError):
    """A query cannot be read; ``position`` is the 0-based column where the problem starts."""

    def __init__(self, query: str, position: int, message: str) -> None:
        self.query, self.position, self.detail = query, position, message
        # a long query is shown around the problem: at most 60 characters each side
        start = max(0, position - 60)
        shown = ("…" if start else "") + query[start : position + 60]
        shown += "…" if len(query) > position + 60 else ""
        pointer = " " * (position - start + (1 if start else 0)) + "^"
        super().__init__(f"column {position + 1}: {message}\n  {shown}\n  {pointer}")


class QueryTimeout(CorpusError, TimeoutError):
    """A regular expression ran longer than its time limit and was stopped."""
