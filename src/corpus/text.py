"""Whitespace handling shared by reading and comparison: the one place that defines it."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator

__all__ = [
    "INVISIBLE",
    "collapse_layout",
    "collapse_layout_mapped",
    "collapse_layout_mapper",
    "collapse_whitespace",
    "fold",
    "fold_name",
    "fold_token",
    "marked_pieces",
    "tokens",
    "words",
]

_ANY_SPACE = re.compile(r"\s+")


_LAYOUT = re.compile(r"[ \t\r\n]+")
_LAYOUT_TO_CHANGE = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")


def collapse_layout(text: str) -> str:
    """Collapse runs of spaces, tabs and line breaks to one space; keep no-break spaces.

    Leading and trailing whitespace of every kind is removed.

    >>> collapse_layout("  a \\n b\\u00a0c ")
    'a b\\xa0c'
    """
    return _LAYOUT.sub(" ", text).strip()


def collapse_layout_mapper(raw: str) -> tuple[str, Callable[[int], int]]:
    """`collapse_layout`, and a function from a raw offset (0 to len) to its collapsed offset.

    The first character of a layout run maps to the space it becomes; the rest of the run maps
    just after it.

    >>> text, where = collapse_layout_mapper(" a  b")
    >>> text, [where(i) for i in range(6)]
    ('a b', [0, 0, 1, 2, 2, 3])
    """
    starts, ends, removed = [], [], [0]
    for run in _LAYOUT_TO_CHANGE.finditer(raw):  # a single plain space maps to itself
        starts.append(run.start())
        ends.append(run.end())
        removed.append(removed[-1] + run.end() - run.start() - 1)
    spaced = _LAYOUT_TO_CHANGE.sub(" ", raw)
    text = spaced.strip()
    lead = len(spaced) - len(spaced.lstrip())
    length = len(text)

    def where(offset: int) -> int:
        run = bisect.bisect_left(starts, offset) - 1
        if run < 0:
            mapped = offset
        elif offset <= ends[run]:
            mapped = starts[run] - removed[run] + 1
        else:
            mapped = offset - removed[run + 1]
        return min(max(mapped - lead, 0), length)

    return text, where


def collapse_layout_mapped(raw: str) -> tuple[str, list[int]]:
    """`collapse_layout` with a map from every raw offset (0 to len) to its collapsed offset.

    >>> collapse_layout_mapped(" a  b")
    ('a b', [0, 0, 1, 2, 2, 3])
    """
    text, where = collapse_layout_mapper(raw)
    return text, [where(offset) for offset in range(len(raw) + 1)]


def collapse_whitespace(text: str) -> str:
    """Collapse every run of Unicode whitespace, no-break spaces included, to one space.

    >>> collapse_whitespace("a\\u00a0 \\n b")
    'a b'
    """
    return _ANY_SPACE.sub(" ", text).strip()


_FOLD_LETTERS = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ʼ": "'",
        "‘": "'",
        "’": "'",
        "‐": "-",
        "‑": "-",
        "–": "-",
        "—": "-",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ł": "l",
    }
)
#: Invisible format characters (Unicode category Cf): soft hyphen, zero-width space, joiner and
#: non-joiner, left-to-right and right-to-left marks and embeddings, word joiner, byte order
#: mark, tags. Folding drops them, so a word with one inside matches the word without.
INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]+")
_POSSESSIVE = re.compile(r"'s?\b$")
_SEPARATORS = re.compile(r"[\s\-]+")


def fold(text: str) -> str:
    """Fold case, accents, special letters (dotless i and the like), typographic quotes and dashes.

    Invisible format characters (`INVISIBLE`: zero-width joiners, direction marks, soft
    hyphens, byte order marks) are dropped.

    >>> fold("Xocalı’s") == fold("XOCALI's")
    True
    >>> fold("geno\u00adcide\u200f")
    'genocide'
    """
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text))
    folded = unicodedata.normalize("NFKD", decomposed.casefold().translate(_FOLD_LETTERS))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def fold_name(name: str) -> str:
    """Fold a name for lookup: `fold`, then hyphen or space alike and a possessive dropped.

    >>> fold_name("Xocalı") == fold_name("XOCALI")
    True
    >>> fold_name("de-Wall’s")
    'de wall'
    """
    text = fold(name)
    while True:  # until nothing changes, so that folding a folded name changes nothing
        cleaned = _POSSESSIVE.sub("", _SEPARATORS.sub(" ", text).strip()).strip()
        if cleaned == text:
            return cleaned
        text = cleaned


_WORD = re.compile(r"\w+(?:['’]\w+)*")
_TOKEN = re.compile(rf"\w+(?:[{INVISIBLE}]+\w+)*")  # a word may hold invisible characters


@functools.lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """`fold` for one word, cached: the vocabulary of a corpus is small."""
    return token.lower() if token.isascii() else fold(token)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of a text folded for search, each with its ``(start, end)`` in ``text``.

    Words are runs of letters and digits; spaces of every kind, line breaks, punctuation,
    apostrophes, quotes and dashes separate them, so straight and typographic forms match.
    An invisible format character inside a word (a zero-width joiner, a soft hyphen, a
    direction mark) stays part of it and is dropped when it is folded.

    >>> tokens("Xocalı’s  “break”")
    [('xocali', 0, 6), ('s', 7, 8), ('break', 11, 16)]
    """
    return [(fold_token(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def words(text: str) -> list[str]:
    """The words of a text as printed, without punctuation; an apostrophe stays inside a word.

    >>> words("We were able to break that [stereotype]. And that’s what happened.")[5:9]
    ['that', 'stereotype', 'And', 'that’s']
    """
    return _WORD.findall(text)


def marked_pieces(text: str, spans: Iterable[tuple[int, int]]) -> Iterator[tuple[str, bool]]:
    """The text in pieces, each with whether it is one of the (sorted, non-overlapping) spans:
    what a rendering brackets or styles. A span overlapping an earlier one is left out.

    >>> list(marked_pieces("a big dog", [(2, 5)]))
    [('a ', False), ('big', True), (' dog', False)]
    """
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        yield text[last:start], False
        yield text[start:end], True
        last = end
    yield text[last:], False
