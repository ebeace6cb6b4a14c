"""The compiled cache: a loaded corpus (values and search index) written once, read on later loads.

A cache file is named by a key that hashes every file in the corpus directory (names and
bytes), the library's version, the size and time of change of each of its modules, the cache
format and the interpreter's marshal format, so a changed source, another library version or
another Python never reads it. The file is a run of frames; the first names the format and the
key. Each frame carries an HMAC-SHA256 of its payload under a per-user secret (``secret`` in
the cache directory, 32 random bytes, created with mode 0600), bound to the file's key and the
frame's place in the file, and checked before the frame is decoded: nothing is decoded, and
nothing allocated for it, before its frame is authenticated. A file that is truncated,
corrupted, forged, copied under another key or has no end frame is ignored and rebuilt, never
served. Frames keep memory bounded: neither writing nor reading holds the whole file or all the
records at once.

Threat model. Someone who can write to the corpus directory changes the key (it hashes every
file) and so is read afresh. Someone who can write to the cache directory but cannot read the
secret can delete or damage cache files (they are then rebuilt) but cannot make the library
serve content the corpus does not hold: a file copied from another corpus, edited, or with
its digests recomputed fails the check. Someone who can read the secret (the same user, or
root) can forge a cache, as they could edit the library itself; as with Python's own bytecode
cache and pip's cache, that user is trusted. The directory is created 0700; a cache directory,
secret or cache file that another user owns or may write is not used (the corpus is read from
its XML, and nothing is cached). A temporary file left by a compile that was killed is removed
by a later one once its writing process is gone.

What is stored cannot run code when read. The payload is `marshal` data of plain built-in
values only (str, int, bytes, tuples, lists, dicts); frozen values are stored as records of
their field values under a class number, the file naming each class by module and name, and
are rebuilt as the class itself builds them — one of the library's own frozen value classes
(every attrs class defined in the modules of `VALUE_MODULES`), found by looking in those
modules, never by importing a name the file gives. A group of one class's objects is built a
field at a time: its records become columns, and each field's slot is set over the group in
one sweep, which is what ``__init__`` does for a slotted class whose fields have no converter
or validator and that has no ``__attrs_post_init__`` (any other class is called, record by
record). Anything else makes the cache invalid.
Unlike pickle, marshal has no way to name a function to call, and code objects are refused
where the interpreter allows it (Python 3.13+); none is ever executed.
Measured against JSON of the same tree in ``benchmarks/run.py``.

A passage's mentions, citations, figures and proposals (`model.LAZY_FIELDS`) are stored apart, the
records of up to `CHUNK_PASSAGES` passages together as compressed marshal data in the frame after
them, and a load builds none of them: a passage holds its chunk (which knows each passage's place in
it), and the first read of one of those fields builds the whole chunk (under a lock, so threads
agree) and gives every passage of it its values. A search reads none of them. The chunks are
authenticated with their frames like everything else, so they are trusted when built later; a chunk
no passage refers to, or a passage whose chunk is missing, makes the file invalid.

The cache lives in ``CORPUS_CACHE_DIR`` if set (empty: no cache), else in the user's cache
directory (``~/.cache/khojaly-corpus`` on Linux). A directory that cannot be written means no
caching, silently.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import importlib
import itertools
import marshal
import operator
import os
import stat
import sys
import threading
import typing
from array import array
from collections import deque
from collections.abc import Sequence
from itertools import accumulate, starmap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from corpus import _progress, _version
from corpus._gc import freeze_built, paused_gc

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from corpus._corpus import Corpus

__all__ = ["FORMAT", "cache_directory", "cache_file", "load", "source_key"]

#: Raised whenever the cache format changes; part of every key.
FORMAT = 11
MAGIC = b"khojaly-corpus compiled cache\n"
#: A frame's head: the payload's length (8 bytes) and its HMAC-SHA256 tag (32 bytes).
FRAME_HEAD = 40
#: The per-user secret that authenticates cache files, in the cache directory.
SEALING_FILE = "secret"
SEALING_BYTES = 32
#: A temporary file whose name holds no live process id is removed after this many seconds.
STALE_SECONDS = 3600
#: Records per frame of values: what one step of writing or reading holds at once.
FRAME_ROWS = 50_000
#: Passages whose annotations are stored apart together, and built together when one is read.
CHUNK_PASSAGES = 64
#: The types of the index's stored arrays (`array` typecodes).
ARRAY_TYPES = ("B", "H", "i")
#: Modules whose attrs classes may be rebuilt from a cache; classes added to them are picked up.
VALUE_MODULES = (
    "corpus.model",
    "corpus.works",
    "corpus.hits",
    "corpus.claims",
    "corpus.report",
    "corpus._corpus",
)
#: What an index works out from its stored attributes when first needed; never stored.
INDEX_DERIVED = frozenset({"_corrected"})
#: The search index's attributes, as stored (see `_index_frames`).
INDEX_ATTRIBUTES = frozenset(
    {
        "passages",
        "boilerplate",
        "ids",
        "words",
        "postings",
        "docs",
        "counts",
        "sequence",
        "starts",
        "lengths",
        "offsets",
        "alternates",
        "vocabulary",
    }
)


class Invalid(Exception):
    """The cache file cannot be used; it is rebuilt."""


# ------------------------------------------------------------------ where and which


def cache_directory() -> Path | None:
    """Where compiled corpora are kept, or None when caching is switched off."""
    configured = os.environ.get("CORPUS_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "khojaly-corpus" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "khojaly-corpus"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "khojaly-corpus"


def _files(directory: Path) -> list[tuple[str, str]]:
    """Every regular file under ``directory``: (path relative to it with ``/``, full path)."""
    if directory.is_file():
        return [(directory.name, str(directory))]
    found = []  # os.walk and os.path: pathlib costs more than the hashing over many files
    for root, folders, names in os.walk(directory):
        folders.sort()
        relative = os.path.relpath(root, directory).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found += [
            (prefix + name, os.path.join(root, name))  # noqa: PTH118
            for name in names
            if os.path.isfile(os.path.join(root, name))  # noqa: PTH113, PTH118
        ]
    return sorted(found)


#: the directory of the library's modules, whose sizes and times of change are in the key
PACKAGE = os.path.dirname(os.path.abspath(__file__))  # noqa: PTH100, PTH120
_code_key: bytes | None = None


def _library_key() -> bytes:
    global _code_key  # noqa: PLW0603 - computed once per process
    if _code_key is None:
        h = hashlib.sha256()
        h.update(
            f"{_version.__version__}|{FORMAT}|{marshal.version}|{sys.version_info[:2]}".encode()
        )
        h.update(sys.byteorder.encode() + array("i").itemsize.to_bytes(1, "little"))
        package = PACKAGE
        with os.scandir(package) as entries:  # an editable install changes code in place:
            modules = sorted(e.name for e in entries if e.name.endswith(".py"))
        for name in modules:  # each module's size and time of change are in the key
            found = os.stat(os.path.join(package, name))  # noqa: PTH116, PTH118
            h.update(f"{name}\0{found.st_size}\0{found.st_mtime_ns}\0".encode())
        _code_key = h.digest()
    return _code_key


def source_key(directory: Path) -> str:
    """A hash of every file in ``directory`` (names and bytes) and of the library itself."""
    h = hashlib.sha256(_library_key())
    for relative, full in _files(directory):
        name = os.fsencode(relative)
        h.update(len(name).to_bytes(8, "little") + name)
        with open(full, "rb") as file:  # noqa: PTH123
            size = 0
            while chunk := file.read(1 << 20):  # in pieces: a large file never sits in memory
                h.update(chunk)
                size += len(chunk)
                _progress.advance(len(chunk))
        h.update(size.to_bytes(8, "little"))
    return h.hexdigest()


def cache_file(directory: Path) -> Path | None:
    """The cache file for a corpus directory as it is now, or None when caching is off.

    Named ``<place>-<key>.corpus``: ``place`` hashes where the corpus is, so that writing a new
    compiled form of it removes the old ones (see `write`).
    """
    where = cache_directory()
    if where is None:
        return None
    place = hashlib.sha256(os.fsencode(directory.resolve())).hexdigest()[:16]
    return where / f"{place}-{source_key(directory)}.corpus"


# ------------------------------------------------------------------ the codec


def _value_classes() -> dict[str, type]:
    """Every attrs class defined in the value modules, by ``module:name``."""
    found: dict[str, type] = {}
    for name in VALUE_MODULES:
        for value in vars(importlib.import_module(name)).values():
            if _is_value_class(value, name):
                found[f"{name}:{value.__qualname__}"] = value
    return found


def _value_class(name: Any) -> type | None:
    """The value class a cache file names as ``module:name``, if it is one: the module must be
    a value module, imported only when a file names it."""
    module_name, _, qualname = str(name).partition(":")
    if module_name not in VALUE_MODULES:
        return None
    found = vars(importlib.import_module(module_name)).get(qualname)
    return found if _is_value_class(found, module_name) else None


def _is_value_class(value: Any, module_name: str) -> bool:
    """Whether ``value`` is an attrs class defined in the module ``module_name``."""
    return isinstance(value, type) and attrs.has(value) and value.__module__ == module_name


def _holds_values(field: attrs.Attribute[Any], names: frozenset[str]) -> bool:
    """Whether a field may hold frozen values, read from its annotation (plain data otherwise)."""
    annotation = field.type if isinstance(field.type, str) else repr(field.type)
    words = set(annotation.replace("[", " ").replace("]", " ").replace(",", " ").split())
    return bool(words & names) or "Any" in words or "Mapping" in annotation


class _Encoder:
    """Lays frozen values out as records of plain built-ins, each object stored once.

    Objects are numbered in the order they are finished (children before their owner) and
    stored as records, a record being the object's field values. A field whose annotation
    names no value class is plain data, stored as it is; in the others an object is its number,
    a tuple of objects a tuple of numbers. A value that is not plain after all makes
    `marshal.dumps` refuse the records, and nothing is cached. Records are grouped by class and
    level (a leaf is at level 0, a value one above the deepest value it holds), so that a read
    builds each group in one sweep, every group of a level before the next.

    Equal strings are stored as one string (marshal writes the repeats as references, and a
    read gives one object), and so are equal values that hold no other values (the same voice
    in many passages). Every ``frame_rows`` records, those so far go to ``sink`` as a frame,
    with the classes first named in them, so that neither writing nor reading ever holds all
    of them at once.
    """

    def __init__(
        self,
        sink: Callable[[Any], None] | None = None,
        frame_rows: int = FRAME_ROWS,
        *,
        sharing: _Encoder | None = None,
    ):
        """``sharing``: an encoder whose classes and strings this one uses (see `apart`)."""
        if sharing is None:
            self.allowed = {cls: name for name, cls in _value_classes().items()}
            self.names = frozenset(cls.__name__ for cls in self.allowed)
            self.classes: list[tuple[str, tuple[str, ...], tuple[int, ...], tuple[int, ...]]] = []
            self.layouts: dict[type, _Layout] = {}
            self.strings: dict[str, str] = {}
        else:
            self.allowed, self.names, self.classes = sharing.allowed, sharing.names, sharing.classes
            self.layouts, self.strings = sharing.layouts, sharing.strings
        self.memo: dict[int, int] = {}
        self.leaves: dict[tuple[int, tuple[Any, ...]], int] = {}
        #: the records of the frame being filled, by (level, class): their numbers and rows
        self.groups: dict[tuple[int, int], tuple[list[int], list[Any]]] = {}
        self.levels: list[int] = []  # by number, from ``start``: 0 for a leaf, 1 above …
        self.count = self.start = self.sent = 0
        self.sink, self.frame_rows = sink, frame_rows
        #: values stored apart: the chunk being filled, its values' references, how many
        #: chunks were closed, and those closed since the last frame
        self.chunk: _Encoder | None = None
        self.chunk_values: list[Any] = []
        self.chunks = 0
        self.ready: list[bytes] = []

    def apart(self) -> _Encoder:
        """An encoder for values stored apart (passages' annotations): numbered from 0 in
        records of their own, with this encoder's classes and strings."""
        return _Encoder(None, self.frame_rows, sharing=self)

    def referring(self, row: Any, holding: tuple[int, ...], texts: tuple[int, ...]) -> list[Any]:
        """A record with each string stored once and each value it holds by its number."""
        found: list[Any] = row if type(row) is list else list(row)
        strings = self.strings
        for i in texts:
            text = found[i]
            if type(text) is str:
                found[i] = strings.setdefault(text, text)
        reference = self.reference
        for i in holding:
            found[i] = reference(found[i])
        return found

    def apart_fields(self, row: tuple[Any, ...], lazy: tuple[int, ...]) -> list[Any]:
        """A record whose ``lazy`` fields are stored apart: where they are stored, in the first
        of them; the others hold nothing."""
        found = list(row)
        found[lazy[0]] = self.stored_apart(tuple(row[i] for i in lazy))
        for i in lazy[1:]:
            found[i] = None
        return found

    def stored_apart(self, values: tuple[Any, ...]) -> tuple[int, int] | None:
        """Where values (one passage's annotation fields) are stored apart: their chunk and
        their place in it; None where every one is empty. A chunk holds the values of up to
        `CHUNK_PASSAGES` passages, is read only when one of them is first asked for, and is
        stored compressed."""
        if not any(values):
            return None
        if self.chunk is None:
            self.chunk, self.chunk_values = self.apart(), []
        self.chunk_values.append(self.chunk.reference(values))
        found = (self.chunks, len(self.chunk_values) - 1)
        if len(self.chunk_values) >= CHUNK_PASSAGES:
            self.close_chunk()
        return found

    def close_chunk(self) -> None:
        """The chunk being filled as marshal data, compressed, ready for the next frame."""
        import zlib  # a chunk's records repeat its passages' ids and their actors' in every value

        chunk = self.chunk
        if chunk is None:
            return
        groups = [
            (number, found, rows) for (_, number), (found, rows) in sorted(chunk.groups.items())
        ]
        data = marshal.dumps((len(chunk.levels), groups, self.chunk_values))
        self.ready.append(zlib.compress(data))
        self.chunk, self.chunk_values, self.chunks = None, [], self.chunks + 1

    def layout(self, cls: type) -> _Layout:
        if cls not in self.allowed:
            raise TypeError(f"{cls!r} is not one of the library's value classes")
        fields = [f for f in attrs.fields(cls) if f.init]
        names = tuple(f.name for f in fields)
        lazy = _lazy_fields(cls, names)
        holding = tuple(
            i for i, f in enumerate(fields) if i not in lazy and _holds_values(f, self.names)
        )
        texts = tuple(i for i, f in enumerate(fields) if i not in holding + lazy and _is_text(f))
        getter = operator.attrgetter(*names) if len(names) > 1 else _one(names[0])
        found = self.layouts[cls] = (len(self.classes), getter, holding, texts, lazy)
        self.classes.append((self.allowed[cls], names, holding, lazy))
        return found

    def encode(self, value: Any) -> int:
        """Store a frozen value (and every value it holds); its number."""
        memo = self.memo
        seen = memo.get(id(value))
        if seen is not None:
            return seen
        cls = type(value)
        number, getter, holding, texts, lazy = self.layouts.get(cls) or self.layout(cls)
        row: Any = getter(value)
        if lazy:
            row = self.apart_fields(row, lazy)
        if holding or texts:
            row = self.referring(row, holding, texts)
        if holding:  # built after the deepest value it holds that this frame builds
            level = 1 + self.deepest(row, holding)
        else:  # a leaf: equal leaves are one object
            level = 0
            try:
                key = (number, tuple(row))
                same = self.leaves.get(key)
            except TypeError:  # a field of unhashable plain data
                key, same = None, None
            if same is not None:
                memo[id(value)] = same
                return same
            if key is not None:
                self.leaves[key] = self.count
        found = memo[id(value)] = self.count
        self.count += 1
        self.levels.append(level)
        group = self.groups.get((level, number))
        if group is None:
            group = self.groups[level, number] = ([], [])
        group[0].append(found)
        group[1].append(row)
        if len(self.levels) >= self.frame_rows and self.sink is not None:
            self.flush()
        return found

    def deepest(self, row: list[Any], holding: tuple[int, ...]) -> int:
        """The deepest level among the values of this frame that a row refers to; -1 if none."""
        start, levels, deepest = self.start, self.levels, -1
        pending = []
        for i in holding:
            value = row[i]
            if type(value) is tuple:  # the common case: a tuple of numbers
                for number in value:
                    if type(number) is not int:
                        pending.append(number)
                    elif number >= start and levels[number - start] > deepest:
                        deepest = levels[number - start]
            elif value is not None and type(value) is not str:
                pending.append(value)
        while pending:  # a single value, or nested tuples
            value = pending.pop()
            if type(value) is int:
                if value >= start and levels[value - start] > deepest:
                    deepest = levels[value - start]
            elif type(value) in (tuple, list):
                pending += value
        return deepest

    def flush(self) -> None:
        """Hand the records so far to the sink as one frame: the classes first named in it, how
        many objects it builds, and their records grouped by level and class, each group with
        the numbers of its objects, then the chunks of values stored apart closed since the last
        frame, with the number of the first."""
        if self.sink is None:
            return
        self.close_chunk()
        if not (self.levels or self.sent < len(self.classes) or self.ready):
            return
        groups = [
            (number, found, rows) for (_, number), (found, rows) in sorted(self.groups.items())
        ]
        first = self.chunks - len(self.ready)
        values = ("values", self.classes[self.sent :], len(self.levels), groups)
        self.sink((*values, first, self.ready))
        self.sent, self.start, self.levels, self.groups = len(self.classes), self.count, [], {}
        self.ready = []

    def reference(self, value: Any) -> Any:
        """A field that holds values: an object as its number, a tuple of objects as a tuple of
        numbers, any other tuple as a list of references."""
        kind = type(value)
        if kind is tuple:
            if not value:
                return ()
            if type(value[0]) in self.allowed:  # the common case: a tuple of values
                encode = self.encode
                return tuple([encode(v) for v in value])
            items = [self.reference(v) for v in value]
            return tuple(items) if all(type(i) is int for i in items) else items
        if value is None:
            return value
        if kind is str:
            return self.strings.setdefault(value, value)
        if kind in self.allowed:
            return self.encode(value)
        raise TypeError(f"cannot store a {kind.__name__} among values")


_Layout = tuple[
    int, "Callable[[Any], tuple[Any, ...]]", tuple[int, ...], tuple[int, ...], tuple[int, ...]
]


def _lazy_fields(cls: type, names: tuple[str, ...]) -> tuple[int, ...]:
    """Where a class's fields that a load builds when first read are (`model.LAZY_FIELDS`)."""
    from corpus import model

    if cls is not model.Passage:
        return ()
    return tuple(names.index(name) for name in model.LAZY_FIELDS)


def _one(name: str) -> Callable[[Any], tuple[Any, ...]]:
    def getter(value: Any) -> tuple[Any, ...]:
        return (getattr(value, name),)

    return getter


def _is_text(field: attrs.Attribute[Any]) -> bool:
    """Whether a field's annotation says it holds a string (or None)."""
    annotation = field.type if isinstance(field.type, str) else repr(field.type)
    annotation = annotation.replace(" ", "")
    return annotation in ("str", "str|None") or annotation.startswith("Literal[")


_Table = list[tuple[type, tuple[int, ...], tuple[int, ...]]]


def _resolver(memo: list[Any]) -> Callable[[Any], Any]:
    """What a stored reference stands for among the objects in ``memo``."""
    get = memo.__getitem__
    nested: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # equal nested tuples are one tuple

    def resolve(value: Any) -> Any:
        kind = type(value)
        if kind is tuple:
            return tuple(map(get, value))
        if kind is int:
            return memo[value]
        if kind is list:
            try:
                key = tuple(value)
                found = nested.get(key)
            except TypeError:  # a list inside: unhashable
                return tuple([resolve(v) for v in value])
            if found is None:
                found = nested[key] = tuple([resolve(v) for v in value])
            return found
        return value  # None or a string

    return resolve


def _decode(
    count: int, groups: Any, table: _Table, memo: list[Any], chunks: dict[int, _Chunk]
) -> None:
    """Build the ``count`` objects of one frame, numbered on from those in ``memo``: group by
    group, each group's level built before the next, so every object after what it holds.

    A group is built a field at a time (see `_maker`): its records turned into columns, the
    references of each column that holds values resolved in one sweep. A class with fields
    stored apart (`_lazy_fields`) is built with them unset and their records kept in the object,
    which builds them when one is first read.
    """
    start = len(memo)
    memo += [None] * count
    resolve = _resolver(memo)

    groups.reverse()  # consumed from the end, so each group's rows are freed once built
    while groups:
        number, found, rows = groups.pop()
        cls, holding, lazy = table[number]
        if len(found) != len(rows) or (found and min(found) < start):
            raise Invalid("a group of records does not fit its frame")
        columns = list(zip(*rows, strict=True)) if rows else []  # every record as long
        del rows
        for i in holding:
            columns[i] = _resolved(columns[i], memo, resolve)
        if lazy:
            built = _build_with_fields_apart(
                cls, lazy, columns, len(found), chunks=chunks, table=table
            )
        else:
            maker = _maker(cls)
            if maker is not None:
                built = maker(columns, len(found))
            else:
                built = list(starmap(cls, zip(*columns, strict=True))) if columns else []
        if len(built) != len(found):
            raise Invalid("a group of records does not fit its class")
        deque(map(memo.__setitem__, found, built), maxlen=0)


def _resolved(column: Any, memo: list[Any], resolve: Callable[[Any], Any]) -> Any:
    """A column of references as the objects they stand for: in one sweep where every one is a
    tuple of numbers or every one a number (the common cases), else one by one."""
    kinds = set(map(type, column))
    if kinds == {tuple}:  # a tuple stored is one of numbers (see `_Encoder.reference`)
        return list(map(tuple, map(map, itertools.repeat(memo.__getitem__), column)))
    if kinds == {int}:
        return list(map(memo.__getitem__, column))
    return list(map(resolve, column))


def _build_with_fields_apart(
    cls: type,
    lazy: tuple[int, ...],
    columns: list[Any],
    count: int,
    *,
    chunks: dict[int, _Chunk],
    table: _Table,
) -> list[Any]:
    """Build a group of objects whose ``lazy`` fields are stored apart: the fields are left
    unset, and the object holds its chunk (which knows its place), built when one of them is
    first read; an object whose every such field is empty gets them empty."""
    maker = _maker(cls, leave_unset=lazy)
    if maker is None:
        raise Invalid(f"{cls.__name__} cannot be built with fields stored apart")
    built = maker(columns, count)
    stored = columns[lazy[0]] if columns else ()
    names = [f.name for f in attrs.fields(cls) if f.init]
    empty = [where is None for where in stored]
    for i in lazy:  # every one of them empty
        setter = _slot(cls, names[i])
        deque(map(setter, itertools.compress(built, empty), itertools.repeat(())), maxlen=0)
    waiting = list(itertools.compress(built, map(operator.not_, empty)))
    places = list(itertools.compress(stored, map(operator.not_, empty)))
    # (a chunk number that is not one gets no data: "values stored apart are missing")
    if places and not (
        set(map(type, places)) == {tuple}
        and set(map(len, places)) == {2}
        and set(map(type, map(operator.itemgetter(1), places))) == {int}
    ):
        raise Invalid("fields stored apart are not in a chunk")
    pending = _slot(cls, "_pending")
    for chunk_number, held in itertools.groupby(
        zip(waiting, places, strict=True), key=_chunk_number
    ):
        chunk = chunks.get(chunk_number)
        if chunk is None:
            chunk = chunks[chunk_number] = _Chunk(table)
        holders, where = zip(*held, strict=True)
        chunk.holders += holders
        chunk.places += map(operator.itemgetter(1), where)
        # the chunk itself, not a tuple: a passage's 64 bytes
        deque(map(pending, holders, itertools.repeat(chunk)), maxlen=0)
    return built


def _chunk_number(pair: tuple[Any, tuple[Any, int]]) -> Any:
    return pair[1][0]


@functools.cache
def _maker(
    cls: type, leave_unset: tuple[int, ...] = ()
) -> Callable[[list[Any], int], list[Any]] | None:
    """What builds a group of a class's objects from their fields' columns, each field set in
    one sweep over the group, without calling ``__init__`` once per object: what ``__init__``
    does, for a slotted attrs class whose fields have no converter or validator and that has
    no ``__attrs_post_init__`` (None for any other). Fields numbered in ``leave_unset`` (in the
    order of ``__init__``) are not set."""
    return _sweeps(cls, leave_unset)


@functools.cache
def _slot(cls: type, name: str) -> Any:
    """The setter of a slot of ``cls`` (which bypasses a frozen class's ``__setattr__``)."""
    from types import MemberDescriptorType

    for owner in cls.__mro__:
        if name in vars(owner):
            found = vars(owner)[name]
            return found.__set__ if type(found) is MemberDescriptorType else None
    return None


def _sweeps(
    cls: type, leave_unset: tuple[int, ...]
) -> Callable[[list[Any], int], list[Any]] | None:
    fields = attrs.fields(cls)
    if (
        "__slots__" not in vars(cls)
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
        or any(f.converter is not None or f.validator is not None for f in fields)
    ):
        return None
    setters: list[tuple[int | None, Any, Any]] = []  # (column, or None: a default; setter; default)
    column = 0
    for field in fields:
        setter = _slot(cls, field.name)
        if field.init:
            if setter is None:
                return None
            if column not in leave_unset:
                setters.append((column, setter, None))
            column += 1
        elif field.default is not attrs.NOTHING:
            if setter is None or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                return None
            setters.append((None, setter, field.default))
    width, repeat = column, itertools.repeat
    new: Callable[[type], Any] = cls.__new__  # type: ignore[assignment]

    def make(columns: list[Any], count: int) -> list[Any]:
        if count and len(columns) != width:
            raise Invalid(f"a record of {cls.__name__} does not fit its fields")
        made = list(map(new, repeat(cls, count)))
        for at, setter, default in setters:
            deque(map(setter, made, repeat(default, count) if at is None else columns[at]), 0)
        return made

    return make


class _Chunk:
    """The values of several passages stored apart (compressed marshal data), the passages that
    wait for them and each one's place in the chunk; built all at once, when the first of them
    is read (calling the chunk, which is what each waiting passage holds)."""

    __slots__ = ("data", "holders", "places", "table")

    def __init__(self, table: _Table) -> None:
        self.table, self.data = table, b""
        self.holders: list[Any] = []
        self.places: list[int] = []

    def __call__(self) -> None:
        """Give every passage of the chunk its values stored apart (authenticated with the
        frame that held them); a chunk already built does nothing."""
        import zlib

        from corpus.model import LAZY_FIELDS

        with _building, paused_gc():  # one thread builds a chunk, another finds it built
            if not self.holders:
                return
            count, groups, references = _loads(zlib.decompress(self.data))
            memo: list[Any] = []
            _decode(count, groups, self.table, memo, {})
            resolve = _resolver(memo)
            # each holder's values, a field at a time: its column of references resolved in one
            # sweep and set in another
            columns = list(zip(*map(references.__getitem__, self.places), strict=True))
            cls: Any = type(self.holders[0])  # (a class is hashable; mypy says not)
            for name, column in zip(LAZY_FIELDS, columns, strict=True):
                values = _resolved(column, memo, resolve)
                deque(map(_slot(cls, name), self.holders, values), maxlen=0)
            deque(map(_slot(cls, "_pending"), self.holders, itertools.repeat(None)), maxlen=0)
            self.holders, self.places, self.data, self.table = [], [], b"", []
            freeze_built()


_building = threading.Lock()


# ------------------------------------------------------------------ the index


def _array(stored: Any) -> memoryview:
    """An integer array stored as (typecode, bytes): a view of the bytes as read, not a copy
    (the index only reads its arrays)."""
    typecode, data = stored
    if typecode not in ARRAY_TYPES or type(data) not in (bytes, memoryview):
        raise Invalid(f"an array of type {typecode!r}")
    if len(data) % array(typecode).itemsize:
        raise Invalid("an array whose bytes do not divide into its items")
    return memoryview(data).cast(typecode)


def _index_frames(index: Any) -> Iterator[tuple[str, str, Any]]:
    """The search index as frames, one part each; none when the index has changed shape."""
    from corpus.query import narrowed

    if set(vars(index)) - INDEX_DERIVED != INDEX_ATTRIBUTES:
        return  # the index has changed shape: cache the values only
    yield ("index", "words", index.words)
    yield ("index", "alternates", index.alternates)
    yield ("index", "offsets", ("i", array("i", index.offsets)))
    for name in ("postings", "docs", "counts"):  # each word's list, end to end, and their lengths
        lists = getattr(index, name)
        yield ("index", f"{name}-lengths", ("i", array("i", map(len, lists))))
        joined = array("i")
        for found in lists:
            joined.extend(found)
        if name == "counts":
            joined = narrowed(joined)
        yield ("index", name, (joined.typecode, joined))
        del joined
    for name in ("sequence", "starts", "lengths"):
        stored = getattr(index, name)  # an array, or a compiled load's view of one
        yield (
            "index",
            name,
            (stored.format if type(stored) is memoryview else stored.typecode, stored),
        )


class _Joined(Sequence[memoryview]):
    """Lists stored end to end, each a view into the one array, made when first asked for (and
    the same view after): a load makes none of them, nothing is copied."""

    __slots__ = ("_ends", "_joined", "_made")

    def __init__(self, lengths: Any, joined: Any) -> None:
        lengths = _array(lengths)
        self._joined = _array(joined)
        if any(length < 0 for length in lengths) or sum(lengths) != len(self._joined):
            raise Invalid("the index does not fit the passages")
        self._ends = array("q", accumulate(lengths, initial=0))
        self._made: dict[int, memoryview] = {}

    def __len__(self) -> int:
        return len(self._ends) - 1

    def lengths(self) -> list[int]:
        ends = self._ends
        return [ends[i + 1] - ends[i] for i in range(len(ends) - 1)]

    @typing.overload
    def __getitem__(self, index: int) -> memoryview: ...
    @typing.overload
    def __getitem__(self, index: slice) -> list[memoryview]: ...
    def __getitem__(self, index: int | slice) -> memoryview | list[memoryview]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        found = self._made.get(index)
        if found is None:
            if not -len(self) <= index < len(self):
                raise IndexError(index)
            index %= len(self)
            found = self._made[index] = self._joined[self._ends[index] : self._ends[index + 1]]
        return found


def _index(c: Corpus, parts: dict[str, Any]) -> Any:
    from corpus.query import Index

    fresh = Index(())
    if set(vars(fresh)) != INDEX_ATTRIBUTES or not parts:
        return None
    index = Index.__new__(Index)
    index.passages = tuple(c.passages())
    index.boilerplate = frozenset(n for n, p in enumerate(index.passages) if p.boilerplate)
    index.words = list(parts["words"])
    index.ids = {word: number for number, word in enumerate(index.words)}
    for name in ("sequence", "starts", "lengths", "offsets"):
        setattr(index, name, _array(parts.pop(name)))
    lists = {
        name: _Joined(parts.pop(f"{name}-lengths"), parts.pop(name))
        for name in ("postings", "docs", "counts")
    }
    # views, not the lists of arrays an index builds: the index only reads them
    index.postings, index.docs, index.counts = lists["postings"], lists["docs"], lists["counts"]  # type: ignore[assignment]
    index.alternates = dict(parts["alternates"])
    index.vocabulary = sorted(index.ids)
    if (
        len(index.offsets) != len(index.passages) + 1
        or len(index.postings) != len(index.words)
        or len(index.docs) != len(index.words)
        or lists["docs"].lengths() != lists["counts"].lengths()
        or not len(index.sequence) == len(index.starts) == len(index.lengths)
    ):
        raise Invalid("the index does not fit the passages")
    index._corrected  # noqa: B018 - worked out now, not on the first search after the load
    return index


# ------------------------------------------------------------------ reading and writing


class Seal:
    """The tag of a frame: HMAC-SHA256 under the user's secret of the file's key, the frame's
    number and its payload, so that a frame authenticates only in its own place of its own
    file."""

    __slots__ = ("_key", "_secret", "number")

    def __init__(self, secret: bytes, key: str) -> None:
        self._secret, self._key, self.number = secret, key.encode("ascii"), 0

    def tag(self, payload: bytes | memoryview) -> bytes:
        message = self._key + self.number.to_bytes(8, "little")
        self.number += 1
        found = hmac.new(self._secret, message, "sha256")
        found.update(payload)  # not ``message + payload``: that would copy the payload
        return found.digest()


def _sealed(payload: bytes | memoryview, seal: Seal) -> bytes:
    """One frame: the payload's length and tag, then the payload."""
    return len(payload).to_bytes(8, "little") + seal.tag(payload) + payload


def _frame(content: Any, seal: Seal) -> bytes:
    """The frame of ``content`` (marshal data); an index part that is an array is two frames:
    one that names it, its type and its length, then its bytes as they are, so that a load
    reads them straight into the array it keeps (see `_frames`)."""
    if (
        type(content) is tuple
        and len(content) == 3
        and content[0] == "index"
        and type(content[2]) is tuple
        and len(content[2]) == 2
    ):
        typecode, data = content[2]
        if isinstance(data, (array, memoryview)):
            raw = memoryview(data).cast("B")
            named = marshal.dumps(("array", content[1], typecode, raw.nbytes))
            return _sealed(named, seal) + _sealed(raw, seal)
    return _sealed(marshal.dumps(content), seal)


def _key_of(file: Path) -> str:
    return file.stem.partition("-")[2]


def _owned_privately(found: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where the system has owners)."""
    if not hasattr(os, "getuid"):
        return True
    return found.st_uid == os.getuid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def seal_for(file: Path, *, create: bool) -> Seal | None:
    """The seal of a cache file, from the secret of its directory (made if ``create``); None
    where the directory or the secret is not this user's alone."""
    where = file.parent
    try:
        if not _owned_privately(where.stat()):
            return None
        secret_file = where / SEALING_FILE
        if create and not secret_file.exists():
            with contextlib.suppress(FileExistsError):
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                handle = os.open(secret_file, flags, 0o600)
                with os.fdopen(handle, "wb") as out:
                    import secrets

                    out.write(secrets.token_bytes(SEALING_BYTES))
        found = secret_file.lstat()
        private = not hasattr(os, "getuid") or not found.st_mode & 0o077
        if not stat.S_ISREG(found.st_mode) or not _owned_privately(found) or not private:
            return None
        secret = secret_file.read_bytes()
    except OSError:
        return None
    return Seal(secret, _key_of(file)) if len(secret) == SEALING_BYTES else None


def _remove_leftovers(where: Path) -> None:
    """Temporary files of compiles that were killed: their writing process is gone (by the pid
    in the name), or, where that cannot be told, they are older than `STALE_SECONDS`. A file
    that a running compile is writing is never touched."""
    import time

    for leftover in where.glob(".tmp-*"):
        parts = leftover.name.split("-")
        pid = parts[1] if len(parts) > 2 and parts[1].isdigit() else None
        try:
            if pid is not None and sys.platform != "win32":
                if _alive(int(pid)):
                    continue
            elif time.time() - leftover.stat().st_mtime < STALE_SECONDS:
                continue
            leftover.unlink(missing_ok=True)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    """Whether a process runs with this id (one that cannot be asked about counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True
    return True


def write(c: Corpus, file: Path) -> bool:
    """Write the compiled corpus; False, and nothing written, where that cannot be done.

    The file is the magic line, then frames: the format, the values in frames of at most
    `FRAME_ROWS` records, the search index a part a frame, and an end frame naming the corpus.
    """
    import tempfile

    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        seal = seal_for(file, create=True)
        if seal is None:
            return False
        _remove_leftovers(file.parent)
        handle, temporary = tempfile.mkstemp(prefix=f".tmp-{os.getpid()}-", dir=file.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:

            def sink(content: Any) -> None:
                out.write(_frame(content, seal))

            out.write(MAGIC)
            sink(("format", FORMAT, _key_of(file)))
            encoder = _Encoder(sink)
            root = encoder.encode(c)
            encoder.flush()
            del encoder  # its records and memo, before the index's arrays are copied
            for part in _index_frames(c._search_index()):
                sink(part)
            sink(("end", root))
        Path(temporary).replace(file)  # readers see the old file or the whole new one
        place = file.name.partition("-")[0]
        for stale in file.parent.glob(f"{place}-*.corpus"):  # older forms of this corpus
            if stale != file:
                stale.unlink(missing_ok=True)
    except (TypeError, ValueError, OSError):  # a value the codec does not know, or no room
        Path(temporary).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def _loads(payload: bytes | memoryview) -> Any:
    # Plain built-in values only: marshal cannot name a function to call, code objects are
    # refused where the interpreter can (3.13+), and nothing decoded is ever executed.
    if sys.version_info >= (3, 13):
        return marshal.loads(payload, allow_code=False)  # noqa: S302
    return marshal.loads(payload)  # noqa: S302


def _frames(file: Path) -> Iterator[Any]:
    """The decoded frames of a cache file, each authenticated before it is decoded; raises
    `Invalid` at the first that is missing, cut short, damaged or not this user's."""
    seal = seal_for(file, create=False)
    if seal is None:
        raise Invalid("no secret of this user's to check the file with")
    try:
        handle = open(file, "rb")  # noqa: SIM115, PTH123 - closed below, read in frames
        if not (stat.S_ISREG(os.fstat(handle.fileno()).st_mode)):
            handle.close()
            raise Invalid("not a regular file")
        if not _owned_privately(os.fstat(handle.fileno())):
            handle.close()
            raise Invalid("another user owns or may write the file")
    except OSError as error:
        raise Invalid(str(error)) from None
    with handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise Invalid("not a compiled corpus")
        _progress.advance(len(MAGIC))
        reader = _FrameReader(handle, seal, os.fstat(handle.fileno()).st_size - len(MAGIC))
        while reader.left > 0:
            with reader.payload() as payload:
                content = _loads(payload)
            if type(content) is tuple and content[:1] == ("array",):
                content = reader.array(content)
            yield content
            del content


class _FrameReader:
    """The payloads of a cache file's frames, each authenticated before it is given out."""

    __slots__ = ("_buffer", "_handle", "_seal", "left")

    def __init__(self, handle: Any, seal: Seal, left: int) -> None:
        self._handle, self._seal, self.left = handle, seal, left
        # Every frame is read into one buffer, grown to the largest: a buffer a frame, each
        # freed after it, leaves the allocator's heap in holes that a load never gives back.
        self._buffer = bytearray()

    def payload(self, *, length: int | None = None) -> memoryview:
        """The next frame's payload: a view of the shared buffer, or, for an array (``length``
        given: the length its naming frame gives), a buffer of its own."""
        head = self._handle.read(FRAME_HEAD)
        self.left -= FRAME_HEAD
        found = int.from_bytes(head[:8], "little")
        if len(head) != FRAME_HEAD or found > self.left:
            raise Invalid("the file is truncated")
        if length is not None and found != length:
            raise Invalid("an array is not the length its frame names")
        if length is None and found > len(self._buffer):
            self._buffer = bytearray(found)
        into = memoryview(self._buffer if length is None else bytearray(found))[:found]
        read = self._handle.readinto(into)
        self.left -= found
        if read != found or not hmac.compare_digest(self._seal.tag(into), head[8:]):
            raise Invalid("the file is truncated, corrupted or not this corpus's")
        _progress.advance(FRAME_HEAD + found)
        return into

    def array(self, named: tuple[Any, ...]) -> tuple[str, str, tuple[str, memoryview]]:
        """An index part that is an array (see `_frame`): the frame after the one naming it
        holds its bytes, kept as read."""
        if not (
            len(named) == 4
            and type(named[1]) is str
            and named[2] in ARRAY_TYPES
            and type(named[3]) is int
            and 0 <= named[3] <= self.left
        ):
            raise Invalid("a malformed array frame")
        if self.left <= 0:
            raise Invalid("the file is truncated: an array frame has no bytes")
        self._buffer = bytearray()  # the values are read: the arrays come last, each its own
        return ("index", named[1], (named[2], self.payload(length=named[3]).toreadonly()))


def _classes(classes: Any) -> _Table:
    """The value classes a file names, each checked against the allowlist and its fields."""
    chosen = []
    for name, fields, holding, lazy in classes:
        cls = _value_class(name)
        if cls is None or tuple(f.name for f in attrs.fields(cls) if f.init) != tuple(fields):
            raise Invalid(f"{name} is not a value class of this version")
        if not all(type(i) is int and 0 <= i < len(fields) for i in holding):
            raise Invalid(f"the layout of {name} is malformed")
        if tuple(lazy) != _lazy_fields(cls, tuple(fields)):
            raise Invalid(f"the fields of {name} stored apart are not this version's")
        chosen.append((cls, tuple(holding), tuple(lazy)))
    return chosen


def _take_chunks(chunks: dict[int, _Chunk], first: Any, stored: Any, table: _Table) -> None:
    """The chunks of values stored apart that a frame holds, numbered on from ``first``."""
    for number, data in enumerate(stored, start=first):
        chunk = chunks.get(number)
        if chunk is None:
            chunk = chunks[number] = _Chunk(table)
        if chunk.data or type(data) is not bytes or not data:
            raise Invalid("a chunk of values stored apart is repeated or malformed")
        chunk.data = data


def _contents(file: Path) -> tuple[Any, dict[str, Any]]:
    """The object an intact cache file names as its corpus, and its index parts."""
    frames = _frames(file)
    if next(frames, None) != ("format", FORMAT, _key_of(file)):
        raise Invalid("another cache format, or another corpus's key")
    table: _Table = []
    memo: list[Any] = []
    chunks: dict[int, _Chunk] = {}
    parts: dict[str, Any] = {}
    for frame in frames:
        if frame[0] == "values":
            _, classes, count, groups, first, stored = frame
            table += _classes(classes)
            del frame  # each record freed as soon as its object is built
            _decode(count, groups, table, memo, chunks)
            _take_chunks(chunks, first, stored, table)
        elif frame[0] == "index":
            parts[frame[1]] = frame[2]
        elif frame[0] == "end" and len(frame) == 2:
            root = memo[frame[1]]
            break
        else:
            raise Invalid(f"a frame of unknown kind {frame[0]!r}")
    else:
        raise Invalid("the file is truncated: it has no end")
    if next(frames, None) is not None:
        raise Invalid("the file goes on after its end")
    if not all(chunk.data for chunk in chunks.values()):
        raise Invalid("values stored apart are missing")
    if not all(chunk.holders for chunk in chunks.values()):
        raise Invalid("a chunk of values stored apart belongs to no passage")
    return root, parts


def read(file: Path, path: str) -> Corpus:
    """The compiled corpus in ``file``; raises `Invalid` if it cannot be trusted."""
    from corpus._corpus import Corpus

    try:
        c, parts = _contents(file)
        if type(c) is not Corpus:
            raise Invalid("the file does not hold a corpus")
        if c.path != path:
            c = attrs.evolve(c, path=path)
        index = _index(c, parts)
        if index is not None:
            object.__setattr__(c, "_index", index)
    except Invalid:
        raise
    except Exception as error:  # anything malformed: never trusted, never a crash
        raise Invalid(f"malformed: {error!r}") from None
    return c


def load(directory: Path, reader: Callable[[Path], Corpus]) -> Corpus:
    """The corpus in ``directory`` from its compiled cache, or read, compiled and cached."""
    _progress.stage("checking the corpus files", total=None)
    try:
        file = cache_file(directory)
    except OSError:
        file = None
    if file is not None and file.is_file():
        try:
            _progress.stage("reading the compiled corpus", total=file.stat().st_size)
            return read(file, str(directory))
        except (Invalid, OSError):
            pass  # rebuilt below
    c = reader(directory)
    if file is not None:
        c._search_index()  # stored with the values
        _progress.stage("compiling the corpus", total=None)
        write(c, file)
    return c
