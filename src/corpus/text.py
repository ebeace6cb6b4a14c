"""Whitespace handling shared by reading and comparison: the one place that defines it."""

from __future__ import annotations

import re

__all__ = ["collapse_layout", "collapse_whitespace"]

_LAYOUT = re.compile(r"[ \t\r\n]+")
_ANY_SPACE = re.compile(r"\s+")


def collapse_layout(text: str) -> str:
    """Collapse runs of spaces, tabs and line breaks to one space; keep no-break spaces.

    Leading and trailing whitespace of every kind is removed.

    >>> collapse_layout("  a \\n b\\u00a0c ")
    'a b\\xa0c'
    """
    return _LAYOUT.sub(" ", text).strip()


def collapse_whitespace(text: str) -> str:
    """Collapse every run of Unicode whitespace, no-break spaces included, to one space.

    >>> collapse_whitespace("a\\u00a0 \\n b")
    'a b'
    """
    return _ANY_SPACE.sub(" ", text).strip()
