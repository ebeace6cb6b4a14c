"""Pausing the cyclic garbage collector while many objects that form no cycles are built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


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
