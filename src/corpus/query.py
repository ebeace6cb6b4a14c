"""Queries: the search-box language, its parser, the inverted index and regular expressions.

A query reads like a search box: bare words must all occur, ``"double quotes"`` make a phrase,
``OR`` and parentheses group, a leading ``-`` excludes, ``word*`` matches a prefix, and
``field:value`` filters narrow the passages. Matching works on `corpus.text.tokens`: words folded
for case, accents and special letters; spaces, line breaks and punctuation between words are
ignored, so a phrase matches across a line break, a no-break space or inline markup.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
import typing
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from corpus import _progress
from corpus._picking import picked
from corpus.errors import InvalidQuery, NotFound, QueryTimeout
from corpus.text import tokens

if TYPE_CHECKING:
    from corpus._corpus import Corpus
    from corpus.model import Passage

__all__ = ["FIELDS", "Index", "parse", "parse_with_notes", "search"]

#: The filters a query may use, as ``field:value`` or as keyword arguments to `Corpus.search`.
FIELDS = (
    "doc",
    "stance",
    "genre",
    "lang",
    "date",
    "actor",
    "cites",
    "speaker",
    "voice",
    "in",
    "measure",
    "claimant",
)
#: Passage kinds and the two special places ``in:`` accepts.
IN_VALUES = ("head", "p", "ab", "item", "note", "byline", "quote", "boilerplate")
REGEX_MAX_LENGTH = 500
#: How deep parentheses and exclusions may nest in a query.
QUERY_MAX_DEPTH = 50
#: The longest query, in characters, and the most words, phrases and filters it may hold.
QUERY_MAX_LENGTH = 10_000
QUERY_MAX_TERMS = 1_000
#: The most indexed words the wildcards (``word*``) of one query may stand for together.
WILDCARD_MAX_WORDS = 20_000
#: The position of a filter given as a keyword argument rather than in the query string.
KEYWORD = -1
REGEX_TIMEOUT = 2.0

Span = tuple[int, int]
Matches = dict[int, list[Span]]

# ------------------------------------------------------------------ syntax tree


class _Value:
    """A small immutable value compared, hashed and shown by its fields (``__slots__``).

    Plain classes rather than attrs: they are internal, and generating attrs methods for each
    of them would cost a millisecond of every ``import corpus``.
    """

    __slots__ = ()
    #: the fields, in order; each class's ``__slots__``
    __match_args__: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *values: Any) -> None:
        for name, value in zip(self.__match_args__, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__match_args__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self), self._fields()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__match_args__)
        return f"{type(self).__name__}({fields})"


class Term(_Value):
    """Words that must occur in sequence; ``prefix`` lets the last word match any continuation."""

    __match_args__ = ("words", "prefix", "position")
    __slots__ = __match_args__
    words: tuple[str, ...]
    prefix: bool
    position: int

    def __init__(self, words: tuple[str, ...], prefix: bool, position: int) -> None:
        super().__init__(words, prefix, position)


class Filter(_Value):
    __match_args__ = ("field", "value", "position")
    __slots__ = __match_args__
    field: str
    value: str
    position: int

    def __init__(self, field: str, value: str, position: int) -> None:
        super().__init__(field, value, position)


class Not(_Value):
    __match_args__ = ("child",)
    __slots__ = __match_args__
    child: Node

    def __init__(self, child: Node) -> None:
        super().__init__(child)


class Ignored(_Value):
    """A term with no letters or digits (a symbol, an emoji): nothing can match it, so a
    query leaves it out and says so in a note."""

    __match_args__ = ("text", "position")
    __slots__ = __match_args__
    text: str
    position: int

    def __init__(self, text: str, position: int) -> None:
        super().__init__(text, position)


class And(_Value):
    __match_args__ = ("children",)
    __slots__ = __match_args__
    children: tuple[Node, ...]

    def __init__(self, children: tuple[Node, ...]) -> None:
        super().__init__(children)


class Or(_Value):
    __match_args__ = ("children",)
    __slots__ = __match_args__
    children: tuple[Node, ...]

    def __init__(self, children: tuple[Node, ...]) -> None:
        super().__init__(children)


Node = Term | Filter | Not | And | Or | Ignored

# ------------------------------------------------------------------ parsing

#: compiled on first use (``re`` keeps it), not at import
_FIELD = r"([A-Za-z_]+):"


class _Token(_Value):
    __match_args__ = ("kind", "text", "position", "field")
    __slots__ = __match_args__
    kind: str  # "(", ")", "or", "not", "word", "phrase", "field"
    text: str
    position: int
    field: str

    def __init__(self, kind: str, text: str, position: int, field: str = "") -> None:
        super().__init__(kind, text, position, field)


def _quoted(query: str, start: int) -> tuple[str, int]:
    """The text between the double quote at ``start`` and its closing quote, and where it ends."""
    end = query.find('"', start + 1)
    if end < 0:
        raise InvalidQuery(query, start, 'this quote is not closed; add a closing "')
    return query[start + 1 : end], end + 1


def _word_end(query: str, start: int) -> int:
    end = start
    while end < len(query) and not query[end].isspace() and query[end] not in '()"':
        end += 1
    return end


def _lex(query: str) -> list[_Token]:
    found: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        if char.isspace():
            i += 1
        elif char in "()":
            found.append(_Token(char, char, i))
            i += 1
        elif char == "-" and i + 1 < n and not query[i + 1].isspace():
            found.append(_Token("not", char, i))
            i += 1
        elif char == '"':
            phrase, end = _quoted(query, i)
            found.append(_Token("phrase", phrase, i))
            i = end
        elif field := re.compile(_FIELD).match(query, i):
            value_start = field.end()
            if value_start < n and query[value_start] == '"':
                value, end = _quoted(query, value_start)
            else:
                end = _word_end(query, value_start)
                value = query[value_start:end]
            found.append(_Token("field", value, i, field.group(1).lower()))
            i = end
        else:
            end = _word_end(query, i)
            word = query[i:end]
            found.append(_Token("or" if word == "OR" else "word", word, i))
            i = end
    return found


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary+; unary := -unary | primary."""

    def __init__(self, query: str) -> None:
        self.query = query
        if len(query) > QUERY_MAX_LENGTH:
            raise self.fail(
                QUERY_MAX_LENGTH,
                f"the query is {len(query):,} characters long; the limit is "
                f"{QUERY_MAX_LENGTH:,}: search for fewer words at a time",
            )
        self.tokens = _lex(query)
        terms = [t for t in self.tokens if t.kind in ("word", "phrase", "field")]
        if len(terms) > QUERY_MAX_TERMS:
            raise self.fail(
                terms[QUERY_MAX_TERMS].position,
                f"the query holds {len(terms):,} words, phrases and filters; the limit is "
                f"{QUERY_MAX_TERMS:,}: search for fewer at a time",
            )
        self.index = 0
        self.depth = 0

    def enter(self, token: _Token) -> None:
        """One level deeper (a group or an exclusion); refused past `QUERY_MAX_DEPTH`."""
        self.depth += 1
        if self.depth > QUERY_MAX_DEPTH:
            raise self.fail(
                token.position,
                f"groups and exclusions nest deeper than {QUERY_MAX_DEPTH} levels here; "
                "remove some parentheses or minus signs",
            )

    def fail(self, position: int, message: str) -> InvalidQuery:
        return InvalidQuery(self.query, position, message)

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def parse(self) -> Node:
        if not self.tokens:
            raise self.fail(
                0, "the query is empty; type words to find, or filters such as doc:wiki"
            )
        node = self.or_expr()
        extra = self.peek()
        if extra is not None:
            raise self.fail(extra.position, "this ) closes no group; remove it or add a (")
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.index += 1
            children.append(self.and_expr(after_or=token))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def and_expr(self, after_or: _Token | None = None) -> Node:
        children = []
        while (token := self.peek()) is not None and token.kind not in ("or", ")"):
            children.append(self.unary())
        if not children:
            token = self.peek()
            position = token.position if token else len(self.query)
            if after_or is not None:
                raise self.fail(after_or.position, "OR needs a term on both sides")
            if token is not None and token.kind == "or":
                raise self.fail(position, "OR needs a term on both sides")
            raise self.fail(position, "expected a word, a phrase or a filter here")
        return children[0] if len(children) == 1 else And(tuple(children))

    def unary(self) -> Node:
        token = self.tokens[self.index]
        if token.kind == "not":
            self.index += 1
            if self.peek() is None or self.peek().kind in ("or", ")"):  # type: ignore[union-attr]
                raise self.fail(token.position, "- must stand right before what it excludes")
            self.enter(token)
            node = Not(self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        token = self.tokens[self.index]
        self.index += 1
        if token.kind == "(":
            if (inner := self.peek()) is not None and inner.kind == ")":
                raise self.fail(token.position, "this group is empty; put terms inside ( )")
            self.enter(token)
            node = self.or_expr()
            self.depth -= 1
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise self.fail(token.position, "this ( is not closed; add a )")
            self.index += 1
            return node
        if token.kind == "field":
            if token.field not in FIELDS:
                raise self.fail(
                    token.position,
                    f"unknown field {token.field!r}; the fields are {', '.join(FIELDS)} "
                    '(put text with a colon in "double quotes")',
                )
            if not token.text:
                raise self.fail(token.position, f"{token.field}: needs a value, e.g. doc:wiki")
            return Filter(token.field, token.text, token.position)
        if token.kind == "phrase":
            return self.term(token, token.text, token.position + 1)
        return self.term(token, token.text, token.position)

    def term(self, token: _Token, text: str, position: int) -> Term | Ignored:
        prefix = token.kind == "word" and text.endswith("*")
        words = tuple(t for t, _, _ in tokens(unicodedata.normalize("NFC", text.rstrip("*"))))
        if not words:
            return Ignored(text, position)
        return Term(words, prefix, position)


def _without_ignored(node: Node, ignored: list[Ignored]) -> Node | None:
    """The tree with every `Ignored` term left out (and what is left empty by that)."""
    if isinstance(node, Ignored):
        ignored.append(node)
        return None
    if isinstance(node, Not):
        child = _without_ignored(node.child, ignored)
        return Not(child) if child is not None else None
    if isinstance(node, (And, Or)):
        kept = [c for c in (_without_ignored(c, ignored) for c in node.children) if c is not None]
        if len(kept) > 1:
            return type(node)(tuple(kept))
        return kept[0] if kept else None
    return node


def parse_with_notes(query: str) -> tuple[Node, tuple[str, ...]]:
    """`parse`, and a note for each term left out because it has no letters or digits.

    >>> parse_with_notes("genocide 🕯")[1]
    ("'🕯' was left out of the search: it has no letters or digits, so nothing can match it",)
    """
    ignored: list[Ignored] = []
    tree = _without_ignored(_Parser(query).parse(), ignored)
    if tree is None:
        raise InvalidQuery(
            query,
            ignored[0].position,
            "the query has no letters or digits to search for (symbols, punctuation and emoji "
            "are not indexed); type a word, or to find punctuation such as '…' use a regular "
            "expression (regex=True, or --regex)",
        )
    notes = tuple(
        f"{i.text!r} was left out of the search: it has no letters or digits, so nothing can "
        "match it"
        for i in ignored
    )
    return tree, notes


def parse(query: str) -> Node:
    """Parse a query into its syntax tree; a malformed query raises `InvalidQuery`.

    A term with no letters or digits (a symbol, an emoji) is left out; see `parse_with_notes`.

    >>> parse('genocide -"Khojaly event"').children[1]
    Not(child=Term(words=('khojaly', 'event'), prefix=False, position=11))
    """
    return parse_with_notes(query)[0]


# ------------------------------------------------------------------ index


def narrowed(values: array[int]) -> array[int]:
    """Counts or lengths (none negative) in the narrowest array that holds them: a byte each
    where none reaches 256, two where none reaches 65,536, else four."""
    largest = max(values, default=0)
    return array("B" if largest <= 0xFF else "H" if largest <= 0xFFFF else "i", values)


class Index:
    """An inverted index of one corpus's passages, built once on the first search.

    Every word of every passage, in corpus order, has a global position; compact arrays hold, by
    position, the word's id, where it begins in ``Passage.text`` and how long it is there (so spans
    point at what was printed), and each word id lists the positions where it occurs (``postings``),
    the passages that print it (``docs``) and how often each of them does (``counts``), so that a
    word is answered with its passages without visiting each occurrence. ``offsets[n]`` is the first
    position of passage ``n``.
    """

    def __init__(self, passages: Iterable[Passage]) -> None:
        self.passages = tuple(passages)
        self.boilerplate = frozenset(n for n, p in enumerate(self.passages) if p.boilerplate)
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        self.postings: list[Sequence[int]] = []
        self.docs: list[Sequence[int]] = []
        self.counts: list[Sequence[int]] = []
        self.sequence = array("i")
        # ranges into a passage's text: two bytes each where every passage is short enough
        wide = any(len(p.text) > 0xFFFF for p in self.passages)
        self.starts = array("i" if wide else "H")
        self.lengths = array("i")  # narrowed below: a word is seldom longer than 255 characters
        self.offsets = array("i")
        #: position → word ids a correction gives there (where it has as many words as printed)
        self.alternates: dict[int, tuple[int, ...]] = {}
        for number, passage in enumerate(self.passages):
            if not number & 0xFFF:
                _progress.advance(min(0x1000, len(self.passages) - number))
            base = len(self.sequence)
            self.offsets.append(base)
            found = tokens(passage.text)
            for position, (word, start, end) in enumerate(found, base):
                self.sequence.append(self._id(word, position))
                self.starts.append(start)
                self.lengths.append(end - start)
            for word_id, count in Counter(self.sequence[base:]).items():
                self.docs[word_id].append(number)  # type: ignore[attr-defined]
                self.counts[word_id].append(count)  # type: ignore[attr-defined]
            self._corrections(passage, base, found)
        self.offsets.append(len(self.sequence))
        if len(self.words) <= 0xFFFF:  # word ids in two bytes: a third less memory at scale
            self.sequence = array("H", self.sequence)
        self.lengths = narrowed(self.lengths)
        self.vocabulary = sorted(self.ids)

    def _id(self, word: str, position: int | None) -> int:
        """The id of a word, listing ``position`` among its occurrences (none for alternates)."""
        word_id = self.ids.get(word)
        if word_id is None:
            word_id = self.ids[word] = len(self.words)
            self.words.append(word)
            self.postings.append(array("i"))
            self.docs.append(array("i"))
            self.counts.append(array("i"))
        if position is not None:
            self.postings[word_id].append(position)  # type: ignore[attr-defined]
        return word_id

    def _corrections(self, passage: Passage, base: int, found: list[tuple[str, int, int]]) -> None:
        for correction in passage.corrections:
            start, end = correction.span
            positions = [base + i for i, (_, s, e) in enumerate(found) if s >= start and e <= end]
            corrected = [w for w, _, _ in tokens(correction.corrected)]
            if len(positions) != len(corrected):
                continue  # a correction that changes the number of words is not indexed
            for position, word in zip(positions, corrected, strict=True):
                word_id = self._id(word, None)
                self.alternates[position] = (*self.alternates.get(position, ()), word_id)

    def expand(self, word: str, prefix: bool) -> set[int]:
        """The ids of the indexed words a query word stands for."""
        if not prefix:
            word_id = self.ids.get(word)
            return set() if word_id is None else {word_id}
        start = bisect.bisect_left(self.vocabulary, word)
        found = set()
        for candidate in self.vocabulary[start:]:
            if not candidate.startswith(word):
                break
            found.add(self.ids[candidate])
        return found

    def passage_at(self, position: int) -> int:
        return bisect.bisect_right(self.offsets, position) - 1

    @functools.cached_property
    def _corrected(self) -> dict[int, list[int]]:
        """Word id → the positions where a correction gives that word (`alternates` inverted)."""
        found: dict[int, list[int]] = {}
        for position, word_ids in self.alternates.items():
            for word_id in word_ids:
                found.setdefault(word_id, []).append(position)
        return found

    def occurrences(self, word_ids: set[int]) -> Sequence[int]:
        """The positions where one of these words is printed or given by a correction, in order."""
        corrected = [p for i in word_ids for p in self._corrected.get(i, ())]
        if len(word_ids) == 1 and not corrected:
            return self.postings[next(iter(word_ids))]
        found = set(corrected)
        for word_id in word_ids:
            found.update(self.postings[word_id])
        return sorted(found)

    def passages_of(self, word_ids: set[int]) -> Sequence[int]:
        """The passages where one of these words is printed or given by a correction, in order."""
        corrected = [p for i in word_ids for p in self._corrected.get(i, ())]
        if len(word_ids) == 1 and not corrected:
            return self.docs[next(iter(word_ids))]
        found = set(itertools.chain.from_iterable(self.docs[i] for i in word_ids))
        found.update(
            n - 1 for n in map(bisect.bisect_right, itertools.repeat(self.offsets), corrected)
        )
        return sorted(found)

    def _count(self, word_ids: set[int]) -> int:
        return sum(len(self.postings[i]) + len(self._corrected.get(i, ())) for i in word_ids)

    def _owners(self, word_ids: set[int], around: Sequence[int]) -> Iterable[int]:
        """The passage of each of the positions ``around`` (the occurrences of ``word_ids``):
        from the word's own counts where it is one word printed only, by bisection otherwise."""
        if len(word_ids) == 1 and around is self.postings[next(iter(word_ids))]:
            word_id = next(iter(word_ids))
            if len(self.docs[word_id]) == len(around):  # once in each passage: its passages
                return self.docs[word_id]
            return itertools.chain.from_iterable(
                map(itertools.repeat, self.docs[word_id], self.counts[word_id])
            )
        return map((-1).__add__, map(bisect.bisect_right, itertools.repeat(self.offsets), around))

    def beginnings(self, term: Term) -> tuple[Sequence[int], Sequence[int], int, bool]:
        """Where the term's words occur in sequence, in order: the position of its first word,
        and the passage of the word the matches were looked for around; that word's place in
        the term; and whether no passage is listed twice (the word occurs once in each).

        The matches are looked for around the occurrences of its rarest word; the other words are
        checked at their places in ``sequence`` (and in ``alternates``) a whole column at a time,
        never one occurrence at a time in Python. A match may still run out of that passage:
        `found` leaves those out.
        """
        choices = [
            self.expand(word, term.prefix and i == len(term.words) - 1)
            for i, word in enumerate(term.words)
        ]
        if not all(choices):
            return [], [], 0, True
        length = len(choices)
        anchor = min(range(length), key=lambda i: self._count(choices[i]))
        around = self.occurrences(choices[anchor])
        listed = self._owners(choices[anchor], around)
        unique = listed is self.docs[next(iter(choices[anchor]))]
        # the first word's position of each match, where all of it lies inside the corpus
        low = bisect.bisect_left(around, anchor)
        high = bisect.bisect_left(around, len(self.sequence) - length + anchor + 1)
        candidates: Sequence[int] = around[low:high]
        if anchor:
            candidates = list(map(operator.sub, candidates, itertools.repeat(anchor)))
        owners: Sequence[int] = (
            listed[low:high]
            if isinstance(listed, Sequence)
            else list(itertools.islice(listed, low, high))
        )
        sequence = memoryview(self.sequence)
        for i, word_ids in enumerate(choices):
            if i == anchor or not candidates:
                continue
            # the word ``i`` places after each candidate: the sequence shifted by ``i``
            keep: Iterable[bool] = map(word_ids.__contains__, picked(sequence[i:], candidates))
            corrected = {p for word_id in word_ids for p in self._corrected.get(word_id, ())}
            if corrected:
                places = map(operator.add, candidates, itertools.repeat(i))
                keep = map(operator.or_, keep, map(corrected.__contains__, places))
            kept = list(keep)
            candidates = list(itertools.compress(candidates, kept))
            owners = list(itertools.compress(owners, kept))
        return candidates, owners, anchor, unique

    def found(
        self, term: Term, leave_out: frozenset[int] = frozenset()
    ) -> tuple[Sequence[int], Sequence[tuple[Span, ...]]]:
        """The passages where the term occurs, in order, and the matched spans in each, merged
        (phrases that overlap become one span); the spans are worked out when read.

        Passages numbered in ``leave_out`` are left out. A phrase is found where all of its words
        lie in one passage: the matches are kept or left out a whole column at a time.
        """
        if len(term.words) == 1:
            return self._word(term, leave_out)
        begins, owners, anchor, unique = self.beginnings(term)
        if not begins:
            return [], []
        offsets = memoryview(self.offsets)
        extra = len(term.words) - 1
        # a match holds the word it was found around, in that word's passage: it can only run
        # out of the passage before that word (if it is not the first) or after it (not the last)
        tests: list[Iterable[bool]] = []
        if anchor:
            tests.append(map(operator.ge, begins, picked(offsets, owners)))
        if anchor < extra:  # its last word before the passage after the owner begins
            ends = map(extra.__add__, begins)
            tests.append(map(operator.lt, ends, picked(offsets[1:], owners)))
        if leave_out and not leave_out.isdisjoint(owners):
            tests.append(map(operator.not_, map(leave_out.__contains__, owners)))
        kept = list(tests[0] if len(tests) == 1 else map(all, zip(*tests, strict=True)))
        if not all(kept):  # (seldom: most phrases lie inside a passage)
            begins = list(itertools.compress(begins, kept))
            owners = list(itertools.compress(owners, kept))
        if unique:  # a passage listed once: one match in each
            numbers, counts = owners, [1] * len(owners)
        else:
            per_passage = Counter(owners)  # in order: owners are sorted
            numbers, counts = list(per_passage), list(per_passage.values())
        return numbers, _WordSpans(self, begins, numbers, counts, extra=extra)

    def _word(
        self, term: Term, leave_out: frozenset[int]
    ) -> tuple[Sequence[int], Sequence[tuple[Span, ...]]]:
        """`found` for one word: its passages as listed, its spans worked out when read."""
        word_ids = self.expand(term.words[0], term.prefix)
        if not word_ids:
            return [], []
        numbers = self.passages_of(word_ids)
        first = next(iter(word_ids))
        # the word's own list of passages: each one's occurrences are counted
        counts = self.counts[first] if numbers is self.docs[first] else None
        kept = None
        if leave_out and not leave_out.isdisjoint(numbers):
            kept = list(map(operator.not_, map(leave_out.__contains__, numbers)))
            numbers = list(itertools.compress(numbers, kept))
        return numbers, _WordSpans(self, self.occurrences(word_ids), numbers, counts, kept)

    def term(self, term: Term) -> Matches:
        """Every passage where the term's words occur in sequence, with the matched spans."""
        numbers, spans = self.found(term)
        return dict(zip(numbers, map(list, spans), strict=True))


class _WordSpans(Sequence[tuple[Span, ...]]):
    """The spans of the matches that begin at the positions ``around`` (a word's occurrences, or
    a phrase's first words) in each of the passages ``numbers``, worked out when read: a search
    that is counted, sliced or turned into passage ids builds none.

    A match runs from its position to ``extra`` words after it; matches that overlap (a phrase
    found twice over) become one span. With ``counts`` (the matches in each passage of ``around``,
    and ``kept``, which of those passages are among ``numbers``) every passage's matches are
    found by adding up; otherwise each is found by bisection.
    """

    __slots__ = ("around", "counts", "extra", "kept", "numbers", "source")

    def __init__(
        self,
        source: Index,
        around: Sequence[int],
        numbers: Sequence[int],
        counts: Sequence[int] | None = None,
        kept: Sequence[bool] | None = None,
        *,
        extra: int = 0,
    ) -> None:
        self.source, self.around, self.numbers = source, around, numbers
        self.counts, self.kept, self.extra = counts, kept, extra

    def __len__(self) -> int:
        return len(self.numbers)

    def _bounds(self) -> Iterator[tuple[int, int]]:
        """Where each passage's matches lie in ``around``."""
        if self.counts is not None:
            ends = list(itertools.accumulate(self.counts))
            bounds = zip([0, *ends[:-1]], ends, strict=True)
            return bounds if self.kept is None else itertools.compress(bounds, self.kept)
        first, around = self.source.offsets.__getitem__, itertools.repeat(self.around)
        lows = map(bisect.bisect_left, around, map(first, self.numbers))
        highs = map(bisect.bisect_left, around, map(first, map((1).__add__, self.numbers)))
        return zip(lows, highs, strict=True)

    def _spans(self, positions: Sequence[int]) -> list[Span]:
        """The spans of the matches beginning at ``positions``, in order."""
        starts, lengths = self.source.starts.__getitem__, self.source.lengths.__getitem__
        last = list(map(self.extra.__add__, positions)) if self.extra else positions
        ends = map(operator.add, map(starts, last), map(lengths, last))
        return list(zip(map(starts, positions), ends, strict=True))

    def __iter__(self) -> Iterator[tuple[Span, ...]]:
        spans = self._spans(self.around)
        found = (tuple(spans[low:high]) for low, high in self._bounds())
        return map(_merge, found) if self.extra else found

    @typing.overload
    def __getitem__(self, index: int) -> tuple[Span, ...]: ...
    @typing.overload
    def __getitem__(self, index: slice) -> _WordSpans: ...
    def __getitem__(self, index: int | slice) -> tuple[Span, ...] | _WordSpans:
        if isinstance(index, slice):
            return _WordSpans(self.source, self.around, self.numbers[index], extra=self.extra)
        number, offsets = self.numbers[index], self.source.offsets
        low = bisect.bisect_left(self.around, offsets[number])
        positions = self.around[low : bisect.bisect_left(self.around, offsets[number + 1], low)]
        spans = self._spans(positions)
        return _merge(spans) if self.extra else tuple(spans)


# ------------------------------------------------------------------ evaluation


class _Evaluator:
    def __init__(self, corpus: Corpus, index: Index, query: str) -> None:
        self.corpus, self.index, self.query = corpus, index, query

    @functools.cached_property
    def universe(self) -> set[int]:
        """Every passage: what exclusions and filters start from."""
        return set(range(len(self.index.passages)))

    def fail(self, node: Filter, message: str) -> InvalidQuery:
        if node.position == KEYWORD:  # given as a keyword argument: name the argument
            argument = "in_" if node.field == "in" else node.field
            return InvalidQuery(f"{argument}={node.value!r}", 0, message)
        return InvalidQuery(self.query, node.position, message)

    def run(self, node: Node) -> tuple[set[int], Matches]:
        if isinstance(node, Ignored):  # left out by parse_with_notes; matches nothing
            return set(), {}
        if isinstance(node, Term):
            term_matches = self.index.term(node)
            return set(term_matches), term_matches
        if isinstance(node, Filter):
            test = self.filter(node)
            found = {n for n in self.universe if test(self.index.passages[n])}
            return found, self._figure_spans(node, found)
        if isinstance(node, Not):
            excluded, _ = self.run(node.child)
            return self.universe - excluded, {}
        if isinstance(node, Or):
            passages: set[int] = set()
            matches: Matches = {}
            for child in node.children:
                found, spans = self.run(child)
                passages |= found
                for number, child_spans in spans.items():
                    matches.setdefault(number, []).extend(child_spans)
            return passages, matches
        return self.conjunction(node)

    def conjunction(self, node: And) -> tuple[set[int], Matches]:
        # words first: the filters after them test only the passages the words found
        positives = sorted(
            (c for c in node.children if not isinstance(c, Not)),
            key=lambda c: isinstance(c, Filter),
        )
        passages: set[int] = set(self.universe) if not positives else set()
        matches: Matches = {}
        for number, child in enumerate(positives):
            if number and isinstance(child, Filter):
                test = self.filter(child)
                passages = {n for n in passages if test(self.index.passages[n])}
                continue
            found, spans = self.run(child)
            passages = found if number == 0 else passages & found
            for passage, child_spans in spans.items():
                matches.setdefault(passage, []).extend(child_spans)
        for negative in node.children:
            if isinstance(negative, Not):
                excluded, _ = self.run(negative.child)
                passages -= excluded
        if any(isinstance(c, Filter) and c.field == "in" and c.value == "quote" for c in positives):
            matches = {n: self._in_quotes(n, s) for n, s in matches.items() if n in passages}
            if any(not isinstance(c, Filter) for c in positives):
                passages = {n for n in passages if matches.get(n)}
        return passages, {n: s for n, s in matches.items() if n in passages}

    def _in_quotes(self, number: int, spans: list[Span]) -> list[Span]:
        passage = self.index.passages[number]
        ranges = [q.span or (0, len(passage.text)) for q in passage.quotes]
        return [s for s in spans if any(a <= s[0] and s[1] <= b for a, b in ranges)]

    # -------------------------------------------------------------- filters

    def filter(self, node: Filter) -> Callable[[Passage], bool]:
        return getattr(self, f"_filter_{node.field}")(node)  # type: ignore[no-any-return]

    def _filter_doc(self, node: Filter) -> Callable[[Passage], bool]:
        ids = [d.id for d in self.corpus.documents]
        if node.value not in ids:
            raise self.fail(node, f"no document {node.value!r}; the documents are {', '.join(ids)}")
        return lambda p: p.document_id == node.value

    def _category_filter(self, node: Filter, taxonomy: str) -> Callable[[Passage], bool]:
        """Documents classed in a category, named by id (stance.genocide, genocide) or label."""
        wanted = " ".join(t for t, _, _ in tokens(node.value))
        categories = [c for c in self.corpus.categories if c.taxonomy == taxonomy]
        chosen = {
            c.id
            for c in categories
            for name in (c.id, c.id.partition(".")[2], c.label)
            if wanted == " ".join(t for t, _, _ in tokens(name))
        }
        if not chosen:
            names = ", ".join(c.id.partition(".")[2] for c in categories) or (
                f"none: this corpus has no {taxonomy} taxonomy"
            )
            raise self.fail(node, f"no {taxonomy} {node.value!r}; the categories are {names}")
        documents = {
            d.id
            for d in self.corpus.documents
            if getattr(d, taxonomy) is not None and getattr(d, taxonomy).id in chosen
        }
        return lambda p: p.document_id in documents

    def _filter_stance(self, node: Filter) -> Callable[[Passage], bool]:
        return self._category_filter(node, "stance")

    def _filter_genre(self, node: Filter) -> Callable[[Passage], bool]:
        return self._category_filter(node, "genre")

    def _filter_lang(self, node: Filter) -> Callable[[Passage], bool]:
        return lambda p: p.lang == node.value or p.lang.startswith(node.value + "-")

    def _filter_date(self, node: Filter) -> Callable[[Passage], bool]:
        match = re.fullmatch(r"(\d{4})(?:\.\.(\d{4}))?", node.value)
        if not match:
            raise self.fail(
                node,
                f"date:{node.value} is not a year or a range; write date:1992 or date:2010..2020",
            )
        low, high = match.group(1), match.group(2) or match.group(1)
        if low > high:
            raise self.fail(node, f"date:{node.value} runs backwards; put the earlier year first")
        years = {}
        for document in self.corpus.documents:
            date = document.source.date
            first = (date.when or date.not_before or "")[:4]
            last = (date.when or date.not_after or "9999")[:4]
            if first or date.not_after:
                years[document.id] = (first or "0000", last)
        chosen = {d for d, (a, b) in years.items() if a <= high and b >= low}
        return lambda p: p.document_id in chosen

    def _actor_id(self, node: Filter) -> str:
        try:
            return self.corpus.actor(node.value).id
        except NotFound as error:
            raise self.fail(node, str(error)) from None

    def _filter_actor(self, node: Filter) -> Callable[[Passage], bool]:
        actor = self._actor_id(node)
        return lambda p: any(m.actor_id == actor for m in p.mentions)

    def _filter_speaker(self, node: Filter) -> Callable[[Passage], bool]:
        actor = self._actor_id(node)
        return lambda p: any(q.speaker == actor for q in p.quotes)

    def _filter_cites(self, node: Filter) -> Callable[[Passage], bool]:
        try:
            work = self.corpus.reference(node.value).id
        except NotFound as error:
            raise self.fail(node, str(error)) from None
        return lambda p: any(c.reference_id == work for c in p.citations)

    def _filter_voice(self, node: Filter) -> Callable[[Passage], bool]:
        categories = {c.id for c in self.corpus.categories if c.taxonomy == "voice"}
        if node.value in categories or f"voice.{node.value}" in categories:
            wanted = node.value if node.value in categories else f"voice.{node.value}"
        else:
            wanted = self._actor_id(node)
        return lambda p: any(v.id == wanted for chain in p.voices for v in chain)

    def _measure_id(self, node: Filter) -> str:
        try:
            return self.corpus.category_id("measure", node.value)
        except NotFound as error:
            raise self.fail(node, str(error)) from None

    def _filter_measure(self, node: Filter) -> Callable[[Passage], bool]:
        measure = self._measure_id(node)
        return lambda p: any(f.measure == measure for f in p.figures)

    def _figure_spans(self, node: Filter, passages: set[int]) -> Matches:
        """A ``measure:`` filter on its own highlights the figures it found."""
        if node.field != "measure":
            return {}
        measure = self._measure_id(node)
        found: Matches = {}
        for number in passages:
            spans = [f.span for f in self.index.passages[number].figures if f.measure == measure]
            if spans:
                found[number] = spans
        return found

    def _filter_claimant(self, node: Filter) -> Callable[[Passage], bool]:
        try:
            voice = self.corpus.claimant_id(node.value)
        except NotFound as error:
            raise self.fail(node, str(error)) from None
        passages = {f.passage_id for f in self.corpus.figures(claimant=voice)}
        passages.update(a.passage_id for a in self.corpus.attributions(claimant=voice))
        return lambda p: p.id in passages

    def _filter_in(self, node: Filter) -> Callable[[Passage], bool]:
        if node.value not in IN_VALUES:
            raise self.fail(
                node, f"in:{node.value} is not a place; use one of {', '.join(IN_VALUES)}"
            )
        if node.value == "boilerplate":
            return lambda p: p.boilerplate
        if node.value == "quote":
            return lambda p: bool(p.quotes)
        return lambda p: p.kind == node.value


def _wants_boilerplate(node: Node) -> bool:
    if isinstance(node, Filter):
        return node.field == "in" and node.value == "boilerplate"
    if isinstance(node, Not):
        return _wants_boilerplate(node.child)
    if isinstance(node, (And, Or)):
        return any(_wants_boilerplate(c) for c in node.children)
    return False


def _merge(spans: Sequence[Span]) -> tuple[Span, ...]:
    if len(spans) == 1:
        return (spans[0],)
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def keyword_filters(filters: dict[str, Any]) -> list[Filter]:
    """Filters given as keyword arguments (``in_`` for ``in``); a list value means any of them."""
    found = []
    for key, value in filters.items():
        field = key.rstrip("_")
        if field not in FIELDS:
            raise InvalidQuery(
                f"{key}={value!r}",
                0,
                f"unknown filter {key!r}; the filters are {', '.join(FIELDS)}",
            )
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        found += [Filter(field, str(getattr(v, "id", v)), KEYWORD) for v in values]
    return found


def search(
    corpus: Corpus,
    index: Index,
    query: str,
    *,
    regex: bool = False,
    timeout: float | None = REGEX_TIMEOUT,
    filters: dict[str, Any],
    notes: list[str] | None = None,
) -> tuple[Sequence[int], Sequence[tuple[Span, ...]]]:
    """The passages (by index number) a query finds, in corpus order, and their merged spans.

    Notes about the query (terms left out) are added to ``notes`` when it is given.
    """
    timeout = checked_timeout(timeout)
    extra = keyword_filters(filters)
    by_field: dict[str, list[Filter]] = {}
    for item in extra:
        by_field.setdefault(item.field, []).append(item)
    groups: list[Node] = [f[0] if len(f) == 1 else Or(tuple(f)) for f in by_field.values()]
    evaluator = _Evaluator(corpus, index, query)
    if regex:
        passages, matches = (
            evaluator.run(And(tuple(groups))) if groups else (evaluator.universe, {})
        )
        matches = _regex(query, [(n, index.passages[n].text) for n in sorted(passages)], timeout)
        passages = set(matches)
        tree: Node = And(tuple(groups))
    else:
        if query.strip():
            tree, said = parse_with_notes(query)
            if notes is not None:
                notes.extend(said)
            if groups:
                tree = And((tree, *groups))
        elif groups:
            tree = groups[0] if len(groups) == 1 else And(tuple(groups))
        else:
            raise InvalidQuery(query, 0, "the query is empty; type words to find, or give filters")
        _check_wildcards(index, tree, query)
        if isinstance(tree, Term):  # the common query: one word or phrase, found in order
            return index.found(tree, index.boilerplate)
        passages, matches = evaluator.run(tree)
    if not _wants_boilerplate(tree):
        passages = {n for n in passages if n not in index.boilerplate}
    numbers = sorted(passages)
    return numbers, [_merge(matches.get(n, ())) for n in numbers]


def checked_timeout(timeout: float | None) -> float:
    """The time limit of a regular expression: a finite number of seconds above 0, or None for
    the default (`REGEX_TIMEOUT`)."""
    if timeout is None:
        return REGEX_TIMEOUT
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise InvalidQuery(
            f"timeout={timeout!r}",
            0,
            "the timeout is a finite number of seconds above 0 (or None for the default of "
            f"{REGEX_TIMEOUT:g})",
        )
    return float(timeout)


def _terms(node: Node) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Not):
        yield from _terms(node.child)
    elif isinstance(node, (And, Or)):
        for child in node.children:
            yield from _terms(child)


def _check_wildcards(index: Index, tree: Node, query: str) -> None:
    """Refuse a query whose wildcards stand for more than `WILDCARD_MAX_WORDS` words together."""
    total = 0
    for term in _terms(tree):
        if not term.prefix:
            continue
        vocabulary, word = index.vocabulary, term.words[-1]
        for position in range(bisect.bisect_left(vocabulary, word), len(vocabulary)):
            if not vocabulary[position].startswith(word):
                break
            total += 1
            if total > WILDCARD_MAX_WORDS:
                raise InvalidQuery(
                    query,
                    max(term.position, 0),
                    f"the wildcards of the query stand for more than {WILDCARD_MAX_WORDS:,} "
                    "words; make them longer (genocid* rather than g*)",
                )


# ------------------------------------------------------------------ regular expressions


#: The most that the counted repeats of a regular expression (``{n}``, ``{n,m}``) may multiply
#: to: the engine unrolls them when it compiles, which no time limit stops.
REGEX_MAX_REPEAT = 10_000
_COUNTED_REPEAT = r"(?<!\\)\{(\d+)(?:,(\d*))?\}"
#: Recursion and calls of groups, ``(?R)``, ``(?1)``, ``(?&name)``: their memory has no bound.
_GROUP_CALL = r"(?<!\\)\(\?(?:R|[+-]?\d+|&\w+|P>\w+)\)"


def _check_pattern(pattern: str) -> None:
    """Refuse what the engine's time limit cannot stop: recursion, and counted repeats that it
    unrolls while compiling."""
    if call := re.search(_GROUP_CALL, pattern):
        raise InvalidQuery(
            pattern,
            call.start(),
            f"{call.group()} calls a group, which can recurse and is refused because its memory "
            "use has no bound; write the group out, repeated with + or *",
        )
    total = 1
    for found in re.finditer(_COUNTED_REPEAT, pattern):
        total *= max(int(found[1]), int(found[2] or 0))
        if total > REGEX_MAX_REPEAT:
            raise InvalidQuery(
                pattern,
                found.start(),
                f"the counted repeats multiply to more than {REGEX_MAX_REPEAT}; use smaller "
                "counts, or + and * instead",
            )


def _regex(pattern: str, texts: list[tuple[int, str]], timeout: float) -> Matches:
    """Run a regular expression over passage texts, in this process, stopped at ``timeout``.

    The `regex` package checks the time limit while it matches, so a pattern that backtracks
    without end is stopped without a child process or a thread.
    """
    import time

    import regex as regex_engine

    if len(pattern) > REGEX_MAX_LENGTH:
        raise InvalidQuery(
            pattern[:60] + "…",
            0,
            f"the pattern is {len(pattern)} characters long; the limit is {REGEX_MAX_LENGTH}",
        )
    _check_pattern(pattern)
    try:
        compiled = regex_engine.compile(pattern)
    except (regex_engine.error, ValueError, OverflowError, RecursionError) as error:
        where = getattr(error, "pos", None) or 0
        message = getattr(error, "msg", None) or str(error)
        raise InvalidQuery(
            pattern, min(where, len(pattern)), f"not a valid regular expression: {message}"
        ) from None
    deadline = time.monotonic() + timeout
    found: Matches = {}
    try:
        for number, text in texts:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            spans = [m.span() for m in compiled.finditer(text, timeout=left) if m.end() > m.start()]
            if spans:
                found[number] = spans
    except MemoryError:
        raise InvalidQuery(
            pattern, 0, "the regular expression needs more memory than allowed; make it simpler"
        ) from None
    except TimeoutError:
        raise QueryTimeout(
            f"the regular expression {pattern[:60]!r} ran longer than {timeout:g} s and was "
            "stopped; make it more specific (avoid nested repeats such as (a+)+)"
        ) from None
    return found
