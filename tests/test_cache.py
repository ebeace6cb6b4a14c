"""The compiled cache: the same corpus as the XML, and never trusted when it is not valid."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import Parses
from corpus import _cache, _version
from corpus.export import tables

QUERIES = [
    "genocide",
    '"humanitarian corridor"',
    "genocid* -doc:embassy",
    "Xocali",
    "casualties",
    "massacre OR tragedy",
    "(Armenian OR Azerbaijani) forces -massacre",
    "actor:Sarkisian",
    "cites:black-garden",
    "in:boilerplate share",
    "in:quote stereotype",
    "voice:witness",
    "date:2010..2020 Khojaly",
    "stance:multi genocide",
]


def results(c: corpus.Corpus, query: str) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    return [(hit.passage.id, hit.spans) for hit in c.search(query)]


def cached_file(cache_dir: Path) -> Path:
    [file] = cache_dir.glob("*.corpus")
    return file


def test_second_load_reads_the_compiled_corpus(
    corpus_copy: Path, cache_dir: Path, parses: Parses
) -> None:
    first = corpus.load(corpus_copy)
    second = corpus.load(corpus_copy)
    assert parses.count == 1
    assert cached_file(cache_dir).is_file()
    assert second is not first
    assert second == first


def test_compiled_load_equals_xml_load(corpus_copy: Path, cache_dir: Path, parses: Parses) -> None:
    corpus.load(corpus_copy)
    compiled = corpus.load(corpus_copy)
    parsed = corpus.load(corpus_copy, cache=False)
    assert parses.count == 2
    assert compiled == parsed  # every field of every value, recursively
    assert compiled.path == parsed.path == str(corpus_copy)
    for name in tables(parsed):  # every value, including what equality leaves out
        assert compiled.to_records(name) == parsed.to_records(name), name
    for ours, theirs in zip(compiled.documents, parsed.documents, strict=True):
        assert ours.source_text() == theirs.source_text()
    for query in QUERIES:
        assert results(compiled, query) == results(parsed, query), query
    assert any(results(parsed, q) for q in QUERIES)


def test_compiled_index_is_the_index_built_from_the_passages(
    corpus_copy: Path, cache_dir: Path
) -> None:
    from corpus.query import Index

    corpus.load(corpus_copy)
    compiled = corpus.load(corpus_copy)
    stored = compiled._index
    assert stored is not None  # read with the values, not built on the first search
    built = Index(compiled.passages())
    for name in _cache.INDEX_ATTRIBUTES:
        value = getattr(stored, name)
        if isinstance(value, _cache._Joined):  # each word's list, a view made when asked for
            assert value[0] is value[0]
            value = list(value)
        assert value == getattr(built, name), name


def test_a_compiled_index_reads_its_arrays_in_place(corpus_copy: Path, cache_dir: Path) -> None:
    from corpus.query import tokens

    corpus.load(corpus_copy)
    stored = corpus.load(corpus_copy)._index
    for name in ("sequence", "starts", "lengths", "offsets"):
        view = getattr(stored, name)
        assert isinstance(view, memoryview), name  # the bytes as read, not a copy of them
        assert view.readonly, name
        with pytest.raises(TypeError):
            view[0] = 1
    assert stored.lengths.format == "B"  # every shipped word is shorter than 256 characters
    printed = [e - s for p in stored.passages for _, s, e in tokens(p.text)]
    assert list(stored.lengths) == printed


def test_a_compiled_corpus_can_be_compiled_again(
    corpus_copy: Path, cache_dir: Path, tmp_path: Path
) -> None:
    corpus.load(corpus_copy)
    compiled = corpus.load(corpus_copy)
    assert isinstance(compiled._index.sequence, memoryview)
    assert _cache.write(compiled, cache_dir / "again.corpus")
    again = _cache.read(cache_dir / "again.corpus", str(corpus_copy))
    assert again == compiled
    assert results(again, '"humanitarian corridor"') == results(compiled, '"humanitarian corridor"')


def index_part(frames: list[Any], name: str) -> int:
    return next(i for i, f in enumerate(frames) if f[:2] == ("index", name))


def changed_part(name: str, data: Any) -> Any:
    def change(frames: list[Any]) -> None:
        at = index_part(frames, name)
        frames[at] = ("index", name, (frames[at][2][0], data))

    return change


def named_frame(content: tuple[Any, ...], *, keep_bytes: bool) -> Any:
    """The frame naming the sequence array replaced by ``content``, its bytes kept or not."""

    def change(frames: list[Any]) -> None:
        at = index_part(frames, "sequence")
        frames[at : at + 1] = [content, frames[at]] if keep_bytes else [content]

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (changed_part("sequence", memoryview(b"abc")), "do not divide"),
        (changed_part("starts", b"\x00\x00"), "does not fit|not the same length"),
        (named_frame(("array", "sequence", "q", 8), keep_bytes=True), "malformed array"),
        (named_frame(("array", "sequence", "H"), keep_bytes=True), "malformed array"),
        (named_frame(("array", "sequence", "H", 10**12), keep_bytes=True), "malformed array"),
        (named_frame(("array", "sequence", "H", 6), keep_bytes=False), "not the length"),
        (named_frame(("array", 3, "H", 6), keep_bytes=True), "malformed array"),
    ],
    ids=[
        "bytes-not-items",
        "short-array",
        "unknown-type",
        "no-length",
        "length-past-the-end",
        "bytes-of-another-frame",
        "unnamed",
    ],
)
def test_a_cache_with_forged_array_frames_is_rebuilt(
    corpus_copy: Path, cache_dir: Path, parses: Parses, change: Any, message: str
) -> None:
    expected = corpus.load(corpus_copy)
    file = cached_file(cache_dir)
    frames = [HEAD, *list(_cache._frames(file))[1:]]
    change(frames)
    forge(file, frames)
    with pytest.raises(_cache.Invalid, match=message):
        _cache.read(file, str(corpus_copy))
    assert corpus.load(corpus_copy) == expected
    assert parses.count == 2


def test_an_array_frame_at_the_end_of_a_file_is_refused(corpus_copy: Path, cache_dir: Path) -> None:
    corpus.load(corpus_copy)
    file = cached_file(cache_dir)
    forge(file, [HEAD, ("array", "sequence", "H", 0)])
    with pytest.raises(_cache.Invalid, match="has no bytes"):
        _cache.read(file, str(corpus_copy))


def test_shared_values_stay_shared(corpus_copy: Path, cache_dir: Path) -> None:
    corpus.load(corpus_copy)
    compiled = corpus.load(corpus_copy)
    for document in compiled.documents:
        in_passages = {id(q) for p in document.passages for q in p.quotes}
        assert {id(q) for q in document.quotes} >= in_passages  # one object, not two copies
    for d in compiled.documents:
        for p in d.passages:
            assert compiled.passage(p.id) is p
    chains = [p.voices for p in compiled.passages()]  # equal chains of voices: one tuple
    assert len({id(v) for v in chains}) == len(set(chains)) < len(chains) / 4


def damage_middle(file: Path) -> None:
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0x01
    file.write_bytes(bytes(data))


def truncate(file: Path) -> None:
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])


def empty(file: Path) -> None:
    file.write_bytes(b"")


@pytest.mark.parametrize("damage", [damage_middle, truncate, empty], ids=lambda f: f.__name__)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    corpus_copy: Path, cache_dir: Path, parses: Parses, damage: Any
) -> None:
    expected = corpus.load(corpus_copy)
    file = cached_file(cache_dir)
    damage(file)
    assert corpus.load(corpus_copy) == expected
    assert parses.count == 2  # parsed again
    assert _cache.read(file, str(corpus_copy)) == expected  # and written again


def test_a_cache_of_another_library_version_is_not_read(
    corpus_copy: Path, cache_dir: Path, parses: Parses, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_version, "__version__", "0.0.1")
    monkeypatch.setattr(_cache, "_code_key", None)
    corpus.load(corpus_copy)
    old = cached_file(cache_dir)
    monkeypatch.undo()
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(cache_dir))
    _cache._code_key = None
    Parses(monkeypatch)  # the undo above removed the counter: count again from here
    current = _cache.cache_file(corpus_copy)
    assert current is not None
    assert current != old
    corpus.load(corpus_copy)
    assert current.is_file()


def test_another_corpus_keeps_its_own_compiled_form(
    corpus_copy: Path, cache_dir: Path, tmp_path: Path, parses: Parses
) -> None:
    other = tmp_path / "other"
    shutil.copytree(corpus_copy, other)
    corpus.load(corpus_copy)
    corpus.load(other)
    assert len(list(cache_dir.glob("*.corpus"))) == 2
    corpus.load(corpus_copy)
    corpus.load(other)
    assert parses.count == 2


def test_a_cache_whose_file_says_another_format_is_rebuilt(
    corpus_copy: Path, cache_dir: Path, parses: Parses
) -> None:
    expected = corpus.load(corpus_copy)
    file = cached_file(cache_dir)
    forge(file, [("format", _cache.FORMAT + 1), ("end", 0)])
    assert corpus.load(corpus_copy) == expected
    assert parses.count == 2


def test_a_source_changed_by_one_byte_is_read_again(
    corpus_copy: Path, cache_dir: Path, parses: Parses
) -> None:
    before = corpus.load(corpus_copy)
    printed = before.passage("wiki.2").text
    text = corpus_copy / "texts" / "wiki.xml"
    data = text.read_bytes()
    position = data.index(printed[:3].encode(), data.index(b'xml:id="wiki.2"'))
    text.write_bytes(data[:position] + b"X" + data[position + 1 :])  # same size
    after = corpus.load(corpus_copy)
    assert parses.count == 2
    assert after.passage("wiki.2").text == "X" + printed[1:]
    assert before.passage("wiki.2").text == printed
    assert len(list(cache_dir.glob("*.corpus"))) == 1  # the old compiled form is removed
    assert corpus.load(corpus_copy).passage("wiki.2").text == "X" + printed[1:]
    assert parses.count == 2


def test_an_unwritable_cache_directory_loads_without_caching(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parses: Parses,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache directory would be", "utf-8")
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(blocked / "cache"))
    first = corpus.load(corpus_copy)
    second = corpus.load(corpus_copy)
    assert second == first
    assert parses.count == 2
    assert capsys.readouterr() == ("", "")  # nothing said; warnings would fail the test


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="needs file permissions that apply"
)
def test_a_read_only_cache_directory_loads_without_caching(
    corpus_copy: Path, cache_dir: Path, parses: Parses, capsys: pytest.CaptureFixture[str]
) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        assert corpus.load(corpus_copy) == corpus.load(corpus_copy)
        assert parses.count == 2
        assert not list(cache_dir.iterdir())
    finally:
        cache_dir.chmod(0o700)
    assert capsys.readouterr() == ("", "")


def test_a_cache_directory_refusing_writes_loads_without_caching(
    corpus_copy: Path, cache_dir: Path, parses: Parses, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """As a read-only directory does for a user who is not root (the test may run as root)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert corpus.load(corpus_copy) == corpus.load(corpus_copy)
    assert parses.count == 2
    assert [p.name for p in cache_dir.iterdir()] == [_cache.SEALING_FILE]
    assert capsys.readouterr() == ("", "")


def test_a_read_only_cache_directory_still_serves_its_cache(
    corpus_copy: Path, cache_dir: Path, parses: Parses
) -> None:
    expected = corpus.load(corpus_copy)
    file = cached_file(cache_dir)
    file.chmod(0o400)
    cache_dir.chmod(0o500)
    try:
        assert corpus.load(corpus_copy) == expected
        assert parses.count == 1
    finally:
        cache_dir.chmod(0o700)


def forge(file: Path, frames: list[Any]) -> None:
    """Write a cache file of well-formed frames holding ``frames``, each sealed with the user's
    own secret: what only someone who can read the secret could write. The decoder must still
    refuse what is not a corpus."""
    seal = _cache.seal_for(file, create=False)
    assert seal is not None
    head = ("format", _cache.FORMAT, _cache._key_of(file))
    chosen = [head if f == HEAD else f for f in frames]
    file.write_bytes(_cache.MAGIC + b"".join(_cache._frame(f, seal) for f in chosen))


HEAD = ("format", "this file's format and key")
CODE = compile("raise SystemExit('ran')", "forged", "exec")
VOICE = ("corpus.model:Voice", ("id", "kind"), (), ())
EVAL = ("builtins:eval", ("source",), (), ())


@pytest.mark.parametrize(
    "frames",
    [
        [HEAD, ("values", [EVAL], 1, [(0, [0], [("print(1)",)])], 0, []), ("end", 0)],
        [
            HEAD,
            ("values", [("os:system", ("command",), (), ())], 1, [(0, [0], [("true",)])], 0, []),
            ("end", 0),
        ],
        [HEAD, ("values", [VOICE], 1, [(0, [0], [("a", "actor")])], 0, []), ("end", 0)],
        [
            HEAD,
            ("values", [("corpus.model:Voice", ("id",), (), ())], 1, [(0, [0], [("a",)])], 0, []),
            ("end", 0),
        ],
        [HEAD, ("values", [], 1, [(5, [0], [("x",)])], 0, []), ("end", 0)],
        [HEAD, ("values", [VOICE], 1, [(0, [3], [("a", "actor")])], 0, []), ("end", 0)],
        [
            HEAD,
            ("values", [VOICE], 2, [(0, [0], [("a", "actor"), ("b", "actor")])], 0, []),
            ("end", 0),
        ],
        [HEAD, ("values", [VOICE], 1, [(0, [0], [("a", "actor")])], 0, [])],
        [HEAD, ("values", [VOICE], 1, [(0, [0], [("a", "actor")])], 0, []), ("end", 0), ("end", 0)],
        [HEAD, ("index", "words", ["a"]), ("end", 7)],
        [HEAD, ("mystery",), ("end", 0)],
        [CODE],
        [HEAD, ("values", [], 1, CODE, 0, []), ("end", 0)],
    ],
    ids=[
        "eval",
        "os.system",
        "not-a-corpus",
        "other-fields",
        "no-class",
        "number-outside-its-frame",
        "numbers-and-records-differ",
        "no-end",
        "after-the-end",
        "end-names-nothing",
        "unknown-frame",
        "code",
        "code-inside",
    ],
)
def test_a_forged_cache_runs_nothing_and_is_rebuilt(
    corpus_copy: Path, cache_dir: Path, parses: Parses, frames: list[Any]
) -> None:
    expected = corpus.load(corpus_copy)
    file = cached_file(cache_dir)
    forge(file, frames)
    with pytest.raises(_cache.Invalid):
        _cache.read(file, str(corpus_copy))
    assert corpus.load(corpus_copy) == expected
    assert parses.count == 2


def test_cache_false_writes_nothing(corpus_copy: Path, cache_dir: Path) -> None:
    corpus.load(corpus_copy, cache=False)
    assert not cache_dir.exists()


def test_an_empty_cache_dir_setting_switches_caching_off(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, parses: Parses
) -> None:
    monkeypatch.setenv("CORPUS_CACHE_DIR", "")
    corpus.load(corpus_copy)
    corpus.load(corpus_copy)
    assert parses.count == 2


def test_default_cache_directory_is_per_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CORPUS_CACHE_DIR")
    found = _cache.cache_directory()
    assert found is not None
    assert found.name in ("khojaly-corpus", "Cache")
    assert str(Path.home()) in str(found) or "XDG_CACHE_HOME" in os.environ


def test_the_command_without_cache_writes_none(tmp_path: Path, data_dir: Path) -> None:
    script = Path(sys.executable).parent / "corpus"
    cache = tmp_path / "cache"
    copy = tmp_path / "corpus"
    shutil.copytree(data_dir, copy)
    env = {**os.environ, "CORPUS_CACHE_DIR": str(cache)}
    args = [str(script), "--corpus", str(copy), "search", "genocide", "--json"]
    done = subprocess.run(
        [*args[:1], "--no-cache", *args[1:]], env=env, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert not cache.exists()
    again = subprocess.run(args, env=env, capture_output=True, check=False)
    assert again.returncode == 0
    assert again.stdout == done.stdout
    assert len(list(cache.glob("*.corpus"))) == 1


def test_a_directory_of_tei_written_elsewhere_compiles_too(
    tmp_path: Path, cache_dir: Path, parses: Parses
) -> None:
    foreign = tmp_path / "foreign"
    shutil.copytree(Path(__file__).parent / "data" / "foreign", foreign)
    corpus.load(foreign)
    compiled = corpus.load(foreign)
    parsed = corpus.load(foreign, cache=False)
    assert parses.count == 2
    assert compiled == parsed
    assert compiled.report() == parsed.report()
    assert list(compiled.report())  # the report's values come through the cache as well
    for name in tables(parsed):
        assert compiled.to_records(name) == parsed.to_records(name), name


def test_a_single_file_is_read_without_the_cache(
    tmp_path: Path, cache_dir: Path, parses: Parses
) -> None:
    """A file's links to other files are not in a key, so a file is always read."""
    file = Path(__file__).parent / "data" / "foreign" / "eltec.xml"
    corpus.load(file)
    corpus.load(file)
    assert parses.count == 2
    assert not cache_dir.exists()


def test_a_changed_module_of_the_library_changes_the_key(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An editable install changes code in place, under the same version."""
    package = tmp_path / "package"
    package.mkdir()
    module = package / "__init__.py"
    module.write_text("x = 1\n", "utf-8")
    monkeypatch.setattr(_cache, "PACKAGE", str(package))
    monkeypatch.setattr(_cache, "_code_key", None)
    before = _cache.source_key(corpus_copy)
    module.write_text("x = 22\n", "utf-8")
    monkeypatch.setattr(_cache, "_code_key", None)
    assert _cache.source_key(corpus_copy) != before


def test_an_index_that_has_searched_is_still_stored(corpus_copy: Path, cache_dir: Path) -> None:
    """What a search works out from the index (the corrections by word) is not stored."""
    c = corpus.load(corpus_copy, cache=False)
    assert results(c, "genocide")  # the index has searched, and derived what it needs
    file = cache_dir / "searched.corpus"
    assert _cache.write(c, file)
    compiled = _cache.read(file, str(corpus_copy))
    assert compiled._index is not None
    for query in QUERIES:
        assert results(compiled, query) == results(c, query), query


def _values(c: corpus.Corpus) -> dict[type, list[Any]]:
    """Every frozen value a loaded corpus holds, by class."""
    import attrs

    found: dict[type, dict[int, Any]] = {}
    pending: list[Any] = [c]
    while pending:
        value = pending.pop()
        if isinstance(value, (tuple, list)):
            pending += value
        elif attrs.has(type(value)) and id(value) not in found.setdefault(type(value), {}):
            found[type(value)][id(value)] = value
            pending += [getattr(value, f.name) for f in attrs.fields(type(value)) if f.init]
    return {cls: list(values.values()) for cls, values in found.items()}


def test_objects_built_a_field_at_a_time_equal_those_init_builds(data_dir: Path) -> None:
    import attrs

    values = _values(corpus.load(data_dir, cache=False))
    swept = 0
    for cls, objects in values.items():
        maker = _cache._maker(cls)
        if maker is None:
            continue
        rows = [tuple(getattr(v, f.name) for f in attrs.fields(cls) if f.init) for v in objects]
        built = maker(list(zip(*rows, strict=True)), len(rows))
        assert built == objects, cls
        assert [repr(b) for b in built] == [repr(o) for o in objects], cls
        swept += len(built)
    assert swept > 1000
    # a class that converts or checks a field, or finishes itself after __init__, is built by it
    assert _cache._maker(corpus.Document) is None
    assert _cache._maker(corpus.Corpus) is None


def test_a_record_that_does_not_fit_its_class_is_refused() -> None:
    maker = _cache._maker(corpus.Passage)
    assert maker is not None
    with pytest.raises(_cache.Invalid, match="does not fit"):
        maker([("wiki.1",), ("wiki",)], 1)
