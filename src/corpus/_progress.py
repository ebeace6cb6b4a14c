"""Progress on long work (loading a large corpus, exporting tables): a rich bar on stderr.

Code deep in a load reports what it has done with `advance` and names a new stage with
`stage`; both do nothing unless a `shown` block is open, so a small load or a library call that
did not ask for progress pays one context-variable lookup. rich is imported only when a bar is
shown.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Iterator
from typing import Any

__all__ = ["LARGE", "advance", "describe", "shown", "stage", "wanted"]

#: Bytes of corpus files from which a load shows its progress (when stderr is a terminal).
LARGE = 16 * 2**20

_bar: contextvars.ContextVar[_Bar | None] = contextvars.ContextVar("corpus_progress", default=None)


class _Bar:
    def __init__(self, progress: Any) -> None:
        self.progress = progress
        self.task: Any = None

    def stage(self, description: str, total: float | None) -> None:
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(description, total=total)

    def describe(self, description: str) -> None:
        if self.task is not None:
            self.progress.update(self.task, description=description)

    def advance(self, amount: float) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)


def wanted(progress: bool | None) -> bool:
    """Whether to show progress: as asked, or by default when stderr is a terminal."""
    return sys.stderr.isatty() if progress is None else progress


@contextlib.contextmanager
def shown(show: bool) -> Iterator[None]:
    """Show a transient progress bar on stderr for the work inside the block, if ``show``.

    A block inside another shows nothing of its own: the outer bar goes on.
    """
    if not show or _bar.get() is not None:
        yield
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    token = _bar.set(_Bar(progress))
    progress.start()
    try:
        yield
    finally:
        progress.stop()
        _bar.reset(token)


def stage(description: str, total: float | None = None) -> None:
    """Start a new stage of the shown work: ``total`` steps (bytes, passages, tables), or an
    unknown number."""
    bar = _bar.get()
    if bar is not None:
        bar.stage(description, total)


def describe(description: str) -> None:
    """Say what the current stage is doing now."""
    bar = _bar.get()
    if bar is not None:
        bar.describe(description)


def advance(amount: float = 1) -> None:
    """Count ``amount`` steps of the current stage done."""
    bar = _bar.get()
    if bar is not None:
        bar.advance(amount)
