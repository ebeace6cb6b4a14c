"""The compiled cache: a loaded corpus (values and search index) written once, read on later loads.

A cache file is named by a key that hashes every file in the corpus directory (names and
bytes), the library's version and code, the cache format and the interpreter's marshal format,
so a changed source, another library version or another Python never reads it. The file holds a
digest of its payload, checked before anything is decoded: a truncated or corrupted file is
ignored and rebuilt.

What is stored cannot run code when read. The payload is `marshal` data of plain built-in
values only (str, int, bytes, tuples, lists, dicts); frozen values are stored as records of
their field values under a class number, the file naming each class by module and name, and
are rebuilt by calling the class itself — one of the library's own frozen value classes
(every attrs class defined in the modules of `VALUE_MODULES`), found by looking in those
modules, never by importing a name the file gives. Anything else makes the cache invalid.
Unlike pickle, marshal has no way to name a function to call, and code objects are refused
where the interpreter allows it (Python 3.13+); none is ever executed.
Measured against JSON of the same tree in ``benchmarks/run.py``.

The cache lives in ``CORPUS_CACHE_DIR`` if set (empty: no cache), else in the user's cache
directory (``~/.cache/khojaly-corpus`` on Linux). A directory that cannot be written means no
caching, silently.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import operator
import os
import sys
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

    from corpus._corpus import Corpus

__all__ = ["FORMAT", "cache_directory", "cache_file", "load", "source_key"]

#: Raised whenever the cache format changes; part of every key.
FORMAT = 4
MAGIC = b"khojaly-corpus compiled cache\n"
DIGEST = 32
#: Modules whose attrs classes may be rebuilt from a cache; classes added to them are picked up.
VALUE_MODULES = (
    "corpus.model",
    "corpus.works",
    "corpus.hits",
    "corpus.claims",
    "corpus.report",
    "corpus._corpus",
)
#: The search index's attributes, as stored (see `_index_state`).
INDEX_ATTRIBUTES = frozenset(
    {
        "passages",
        "boilerplate",
        "ids",
        "words",
        "postings",
        "sequence",
        "starts",
        "ends",
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


_code_key: bytes | None = None


def _library_key() -> bytes:
    global _code_key  # noqa: PLW0603 - computed once per process
    if _code_key is None:
        import corpus

        h = hashlib.sha256()
        h.update(f"{corpus.__version__}|{FORMAT}|{marshal.version}|{sys.version_info[:2]}".encode())
        h.update(sys.byteorder.encode() + array("i").itemsize.to_bytes(1, "little"))
        package = Path(corpus.__file__).parent
        for file in sorted(package.glob("*.py")):  # an editable install changes code in place
            h.update(file.name.encode() + b"\0" + file.read_bytes())
        _code_key = h.digest()
    return _code_key


def source_key(directory: Path) -> str:
    """A hash of every file in ``directory`` (names and bytes) and of the library itself."""
    h = hashlib.sha256(_library_key())
    for relative, full in _files(directory):
        name = relative.encode()
        h.update(len(name).to_bytes(8, "little") + name)
        with open(full, "rb") as file:  # noqa: PTH123
            size = 0
            while chunk := file.read(1 << 20):  # in pieces: a large file never sits in memory
                h.update(chunk)
                size += len(chunk)
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
    place = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:16]
    return where / f"{place}-{source_key(directory)}.corpus"


# ------------------------------------------------------------------ the codec


def _value_classes() -> dict[str, type]:
    """Every attrs class defined in the value modules, by ``module:name``."""
    found: dict[str, type] = {}
    for name in VALUE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # corpus.claims in a version without it
            continue
        for value in vars(module).values():
            if isinstance(value, type) and attrs.has(value) and value.__module__ == name:
                found[f"{name}:{value.__qualname__}"] = value
    return found


def _holds_values(field: attrs.Attribute[Any], names: frozenset[str]) -> bool:
    """Whether a field may hold frozen values, read from its annotation (plain data otherwise)."""
    annotation = field.type if isinstance(field.type, str) else repr(field.type)
    words = set(annotation.replace("[", " ").replace("]", " ").replace(",", " ").split())
    return bool(words & names) or "Any" in words or "Mapping" in annotation


class _Encoder:
    """Lays frozen values out as records of plain built-ins, each object stored once.

    Objects are numbered in the order they are finished (children before their owner) and
    stored as runs of records of one class: ``(class number, [row, …])``, a row being the
    object's field values. A field whose annotation names no value class is plain data, stored
    as it is; in the others an object is its number, a tuple of objects a tuple of numbers. A
    value that is not plain after all makes `marshal.dumps` refuse the records, and nothing is
    cached.
    """

    def __init__(self) -> None:
        self.allowed = {cls: name for name, cls in _value_classes().items()}
        self.names = frozenset(cls.__name__ for cls in self.allowed)
        self.classes: list[tuple[str, tuple[str, ...], tuple[int, ...]]] = []
        self.layouts: dict[type, tuple[int, Callable[[Any], tuple[Any, ...]], tuple[int, ...]]] = {}
        self.memo: dict[int, int] = {}
        self.runs: list[tuple[int, list[Any]]] = []

    def layout(self, cls: type) -> tuple[int, Callable[[Any], tuple[Any, ...]], tuple[int, ...]]:
        if cls not in self.allowed:
            raise TypeError(f"{cls!r} is not one of the library's value classes")
        fields = [f for f in attrs.fields(cls) if f.init]
        names = tuple(f.name for f in fields)
        holding = tuple(i for i, f in enumerate(fields) if _holds_values(f, self.names))
        if len(names) == 1:
            name = names[0]

            def getter(value: Any) -> tuple[Any, ...]:
                return (getattr(value, name),)
        else:
            getter = operator.attrgetter(*names)  # type: ignore[assignment]
        found = self.layouts[cls] = (len(self.classes), getter, holding)
        self.classes.append((self.allowed[cls], names, holding))
        return found

    def encode(self, value: Any) -> int:
        """Store a frozen value (and every value it holds); its number."""
        memo = self.memo
        seen = memo.get(id(value))
        if seen is not None:
            return seen
        cls = type(value)
        number, getter, holding = self.layouts.get(cls) or self.layout(cls)
        row: Any = getter(value)
        if holding:
            row = list(row)
            reference = self.reference
            for i in holding:
                row[i] = reference(row[i])
        runs = self.runs
        if runs and runs[-1][0] == number:
            runs[-1][1].append(row)
        else:
            runs.append((number, [row]))
        found = memo[id(value)] = len(memo)
        return found

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
        if value is None or kind is str:
            return value
        if kind in self.allowed:
            return self.encode(value)
        raise TypeError(f"cannot store a {kind.__name__} among values")


def _decode(runs: Any, table: list[tuple[type, tuple[int, ...]]]) -> list[Any]:
    """Every object of the records, by number: built in order, each after what it holds."""
    memo: list[Any] = []
    get, append, extend = memo.__getitem__, memo.append, memo.extend

    def resolve(value: Any) -> Any:
        kind = type(value)
        if kind is tuple:
            return tuple(map(get, value))
        if kind is int:
            return memo[value]
        if kind is list:
            return tuple([resolve(v) for v in value])
        return value  # None or a string

    runs.reverse()  # consumed from the end, so each run's rows are freed once built
    while runs:
        number, rows = runs.pop()
        cls, holding = table[number]
        if not holding:
            extend([cls(*row) for row in rows])
            continue
        for row in rows:
            for i in holding:
                value = row[i]
                if type(value) is tuple:
                    row[i] = tuple(map(get, value))
                elif value is not None:
                    row[i] = resolve(value)
            append(cls(*row))
    return memo


# ------------------------------------------------------------------ the index


def _index_state(index: Any) -> dict[str, Any] | None:
    if set(vars(index)) != INDEX_ATTRIBUTES:
        return None  # the index has changed shape: cache the values only
    lengths = array("i", (len(p) for p in index.postings))
    postings = array("i")
    for found in index.postings:
        postings.extend(found)
    return {
        "words": index.words,
        "lengths": lengths.tobytes(),
        "postings": postings.tobytes(),
        "sequence": index.sequence.tobytes(),
        "starts": index.starts.tobytes(),
        "ends": index.ends.tobytes(),
        "offsets": array("i", index.offsets).tobytes(),
        "alternates": index.alternates,
    }


def _index(c: Corpus, state: dict[str, Any]) -> Any:
    from corpus.query import Index

    fresh = Index(())
    if set(vars(fresh)) != INDEX_ATTRIBUTES:
        return None
    index = Index.__new__(Index)
    index.passages = tuple(c.passages())
    index.boilerplate = frozenset(n for n, p in enumerate(index.passages) if p.boilerplate)
    index.words = list(state.pop("words"))
    index.ids = {word: number for number, word in enumerate(index.words)}
    for name in ("sequence", "starts", "ends"):  # each stored copy freed once read
        found = array("i")
        found.frombytes(state.pop(name))
        setattr(index, name, found)
    offsets = array("i")
    offsets.frombytes(state.pop("offsets"))
    index.offsets = offsets.tolist()
    lengths, postings = array("i"), array("i")
    lengths.frombytes(state.pop("lengths"))
    postings.frombytes(state.pop("postings"))
    index.postings = []
    start = 0
    for length in lengths:
        index.postings.append(postings[start : start + length])
        start += length
    index.alternates = dict(state["alternates"])
    index.vocabulary = sorted(index.ids)
    if len(index.offsets) != len(index.passages) + 1 or start != len(postings):
        raise Invalid("the index does not fit the passages")
    return index


# ------------------------------------------------------------------ reading and writing


def _payload(c: Corpus) -> bytes:
    encoder = _Encoder()
    root = encoder.encode(c)
    index = _index_state(c._search_index())
    return marshal.dumps((FORMAT, encoder.classes, encoder.runs, root, index))


def write(c: Corpus, file: Path) -> bool:
    """Write the compiled corpus; False, and nothing written, where that cannot be done."""
    try:
        payload = _payload(c)
    except (TypeError, ValueError):  # a value the codec does not know: not cached
        return False
    import tempfile

    digest = hashlib.sha256(payload).digest()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=file.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC + digest + payload)
            Path(temporary).replace(file)  # readers see the old file or the whole new one
            place = file.name.partition("-")[0]
            for stale in file.parent.glob(f"{place}-*.corpus"):  # older forms of this corpus
                if stale != file:
                    stale.unlink(missing_ok=True)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


def _unmarshal(file: Path) -> Any:
    """The payload of a cache file whose digest matches; raises `Invalid` otherwise."""
    try:
        data = file.read_bytes()
    except OSError as error:
        raise Invalid(str(error)) from None
    head = len(MAGIC) + DIGEST
    if not data.startswith(MAGIC) or len(data) < head:
        raise Invalid("not a compiled corpus")
    payload = memoryview(data)[head:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC) : head]:
        raise Invalid("the file is truncated or corrupted")
    # Plain built-in values only: marshal cannot name a function to call, code objects are
    # refused where the interpreter can (3.13+), and nothing decoded is ever executed.
    if sys.version_info >= (3, 13):
        return marshal.loads(payload, allow_code=False)  # noqa: S302
    return marshal.loads(payload)  # noqa: S302


def _classes(classes: Any) -> list[tuple[type, tuple[int, ...]]]:
    """The value classes a file names, each checked against the allowlist and its fields."""
    allowed = _value_classes()
    chosen = []
    for name, fields, holding in classes:
        cls = allowed.get(name)
        if cls is None or tuple(f.name for f in attrs.fields(cls) if f.init) != tuple(fields):
            raise Invalid(f"{name} is not a value class of this version")
        if not all(type(i) is int and 0 <= i < len(fields) for i in holding):
            raise Invalid(f"the layout of {name} is malformed")
        chosen.append((cls, tuple(holding)))
    return chosen


def read(file: Path, path: str) -> Corpus:
    """The compiled corpus in ``file``; raises `Invalid` if it cannot be trusted."""
    from corpus._corpus import Corpus

    try:
        version, classes, runs, root, index_state = _unmarshal(file)
        if version != FORMAT:
            raise Invalid("another cache format")
        c = _decode(runs, _classes(classes))[root]
        if type(c) is not Corpus:
            raise Invalid("the file does not hold a corpus")
        if c.path != path:
            c = attrs.evolve(c, path=path)
        index = None if index_state is None else _index(c, index_state)
        if index is not None:
            object.__setattr__(c, "_index", index)
    except Invalid:
        raise
    except Exception as error:  # anything malformed: never trusted, never a crash
        raise Invalid(f"malformed: {error!r}") from None
    return c


def load(directory: Path, reader: Callable[[Path], Corpus]) -> Corpus:
    """The corpus in ``directory`` from its compiled cache, or read, compiled and cached."""
    try:
        file = cache_file(directory)
    except OSError:
        file = None
    if file is not None and file.is_file():
        try:
            return read(file, str(directory))
        except Invalid:
            pass  # rebuilt below
    c = reader(directory)
    if file is not None:
        write(c, file)
    return c
