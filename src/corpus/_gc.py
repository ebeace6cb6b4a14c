"""Pausing the cyclic garbage collector while many objects that form no cycles are built, and
keeping what a large load built out of later collections."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["freeze_built", "freeze_loaded", "paused_gc"]


class _Pauses:
    """How many pauses are open, and whether the collector was on before the first."""

    __slots__ = ("depth", "enabled_before", "froze", "lock")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.enabled_before = False
        self.froze = False  # whether a load has frozen what it built


_PAUSES = _Pauses()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles.

    Reading a corpus or building its index allocates millions of small objects at scale; the
    collector's passes over them would make loading slower than linear. Pauses nest and may
    overlap across threads: the first to enter notes whether the collector was on, the last to
    leave turns it back on, so that no interleaving leaves it off.
    """
    pauses = _PAUSES
    with pauses.lock:
        if pauses.depth == 0:
            pauses.enabled_before = gc.isenabled()
            gc.disable()
        pauses.depth += 1
    try:
        yield
    finally:
        with pauses.lock:
            pauses.depth -= 1
            if pauses.depth == 0 and pauses.enabled_before:
                gc.enable()


def freeze_loaded() -> None:
    """Move every object alive now, the corpus just loaded among them, to the collector's
    permanent generation (`gc.freeze`), so that later collections do not scan them again.

    Without it the first collections after a large load scan millions of objects that form no
    cycles: a pause of a second or more on the user's next line at 1000 copies of the corpus.
    Objects are still freed when nothing refers to them; only a reference cycle among objects
    alive at this moment waits for `gc.unfreeze()` to be collected.
    """
    gc.freeze()
    _PAUSES.froze = True


def freeze_built() -> None:
    """Where a load froze what it built (`freeze_loaded`), freeze what has been built since,
    the annotations of passages first read among it, for the same reason: without it a first
    read of every passage's annotations at 1000 copies spends more time in collections that
    scan the growing number of objects already read than in building them."""
    if _PAUSES.froze:  # not gc.get_freeze_count(): that walks every frozen object
        gc.freeze()
