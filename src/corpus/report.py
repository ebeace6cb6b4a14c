"""What loading could not map: markup kept as plain text, content skipped, ids computed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import attrs

from corpus.model import _Rendered

__all__ = ["LoadReport", "Unmapped"]


@attrs.frozen
class Unmapped(_Rendered):
    """One kind of markup a load did not map, how often it occurs, and what became of it.

    ``markup`` is an element name (``"milestone"``), a namespaced name (``"{ns}size"``) or a
    description (``"text outside any block"``); ``line`` is where it first occurs in ``file``;
    ``outcome`` says what was done: kept as text, kept as passages, skipped, given computed ids.
    """

    file: str
    line: int | None
    markup: str
    count: int
    outcome: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.markup} ({self.count}×): {self.outcome}"


@attrs.frozen
class LoadReport(_Rendered, Sequence[Unmapped]):
    """Everything a load did not map, in the order met: a sequence of `Unmapped`.

    Empty for a corpus in this project's own layout, where every element has a meaning.

    >>> import corpus
    >>> len(corpus.load().report())
    0
    """

    sources: tuple[str, ...]
    items: tuple[Unmapped, ...]

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Unmapped: ...
    @overload
    def __getitem__(self, index: slice) -> LoadReport: ...
    def __getitem__(self, index: int | slice) -> Unmapped | LoadReport:
        if isinstance(index, slice):
            return LoadReport(self.sources, self.items[index])
        return self.items[index]

    def __str__(self) -> str:
        if not self.items:
            return "everything was mapped"
        return "\n".join(str(item) for item in self.items)
