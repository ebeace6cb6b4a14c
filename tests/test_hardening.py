"""Hostile corpus directories and queries: each is refused fast with a CorpusError naming where.

Every case builds its directory or query in ``tmp_path`` and checks the error class, that the
file and line (or the query column) are named, that nothing outside the corpus directory was
opened, and how long it took (a hang guard, not a benchmark).
"""

from __future__ import annotations

import builtins
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import corpus
from corpus._files import MAX_FILE_BYTES_VARIABLE, read_corpus_file
from corpus.text import INVISIBLE, fold

#: Seconds within which a refused file must be reported (the MemoryError and FIFO cases).
FAST = 1.0
SCHEMA_DIRECTORY = Path(corpus.__file__).resolve().parent / "schema"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path opened while the test runs, through os.open or open()."""
    paths: list[Path] = []
    real_os_open, real_open = os.open, builtins.open

    def os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        paths.append(Path(os.fsdecode(path)).resolve())
        return real_os_open(path, *args, **kwargs)

    def open_(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, bytes, os.PathLike)):
            paths.append(Path(os.fsdecode(file)).resolve())
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    return paths


def _only_inside(opened: list[Path], directory: Path) -> None:
    inside = directory.resolve()
    outside = [
        p for p in opened if not p.is_relative_to(inside) and not p.is_relative_to(SCHEMA_DIRECTORY)
    ]
    assert not outside, f"opened outside the corpus directory: {outside}"


def _prefix_line(directory: Path, ident: str) -> int:
    lines = (directory / "corpus.xml").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'ident="{ident}"' in line)


def _include_line(directory: Path, href: str) -> int:
    lines = (directory / "corpus.xml").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'href="{href}"' in line)


def _point_prefix(directory: Path, ident: str, replacement: str) -> None:
    corpus_xml = directory / "corpus.xml"
    text = corpus_xml.read_text("utf-8")
    changed = re.sub(
        rf'(ident="{ident}" [^>]*replacementPattern=")[^"]*"', rf"\g<1>{replacement}\"", text
    )
    assert changed != text
    corpus_xml.write_text(changed, "utf-8")


def _refused(
    directory: Path, error: type[Exception], where: str, *fragments: str
) -> tuple[corpus.CorpusFileError, float]:
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        corpus.load(directory)
    elapsed = time.perf_counter() - start
    assert isinstance(caught.value, corpus.CorpusFileError)
    message = str(caught.value)
    assert message.startswith(str(directory)), message
    assert where in message, message
    for fragment in fragments:
        assert fragment in message, message
    return caught.value, elapsed


# ------------------------------------------------------------------ files named by prefixDef


@pytest.mark.timeout(5)
@pytest.mark.parametrize(
    ("replacement", "fragment"),
    [
        ("/dev/zero#$1", "only relative paths inside the corpus directory"),
        ("/etc/passwd#$1", "only relative paths inside the corpus directory"),
        ("file:///etc/passwd#$1", "only relative paths inside the corpus directory"),
        ("../outside.xml#$1", "lies outside the corpus directory"),
        ("texts/../../outside.xml#$1", "lies outside the corpus directory"),
    ],
)
def test_a_register_prefix_pointing_outside_is_refused_before_reading(
    corpus_copy: Path, opened: list[Path], replacement: str, fragment: str
) -> None:
    sentinel = corpus_copy.parent / "outside.xml"
    sentinel.write_text(
        (corpus_copy / "actors.xml").read_text("utf-8"), "utf-8"
    )  # a valid register, outside
    _point_prefix(corpus_copy, "actor", replacement)
    line = _prefix_line(corpus_copy, "actor")
    _, elapsed = _refused(corpus_copy, corpus.UnsafeXML, f"corpus.xml:{line}:", fragment)
    assert elapsed < FAST
    assert sentinel.resolve() not in opened
    _only_inside(opened, corpus_copy)


@pytest.mark.timeout(5)
def test_a_register_prefix_without_a_file_names_the_prefix(corpus_copy: Path) -> None:
    _point_prefix(corpus_copy, "work", "#$1")
    line = _prefix_line(corpus_copy, "work")
    _refused(corpus_copy, corpus.CorpusFileError, f"corpus.xml:{line}:", "FILE.xml#$1")


# ------------------------------------------------------------------ devices, pipes, links


@pytest.mark.timeout(5)
@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("name", ["actors.xml", "texts/wiki.xml"])
def test_a_file_linked_to_dev_zero_is_refused_at_once(
    corpus_copy: Path, opened: list[Path], name: str
) -> None:
    target = corpus_copy / name
    target.unlink()
    target.symlink_to("/dev/zero")
    _, elapsed = _refused(corpus_copy, corpus.UnsafeXML, "corpus.xml:", "outside the corpus")
    assert elapsed < FAST
    assert Path("/dev/zero") not in opened
    _only_inside(opened, corpus_copy)


@pytest.mark.timeout(5)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize(
    ("name", "pointer"),
    [("actors.xml", "prefix at 'actors.xml'"), ("texts/wiki.xml", "includes 'texts/wiki.xml'")],
)
def test_a_named_pipe_in_place_of_a_file_is_refused_without_waiting(
    corpus_copy: Path, opened: list[Path], name: str, pointer: str
) -> None:
    target = corpus_copy / name
    target.unlink()
    os.mkfifo(target)
    href = name if name.startswith("texts/") else None
    line = _include_line(corpus_copy, href) if href else _prefix_line(corpus_copy, "actor")
    error, elapsed = _refused(
        corpus_copy, corpus.UnsafeFile, f"corpus.xml:{line}:", pointer, "named pipe (FIFO)"
    )
    assert error.line == line
    assert elapsed < FAST
    assert target.resolve() not in opened
    _only_inside(opened, corpus_copy)


@pytest.mark.timeout(5)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_corpus_xml_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "corpus.xml")
    _, elapsed = _refused(tmp_path, corpus.UnsafeFile, "corpus.xml: is a named pipe")
    assert elapsed < FAST


@pytest.mark.timeout(5)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_validate_refuses_a_named_pipe_it_finds_beside_the_registers(
    corpus_copy: Path, opened: list[Path]
) -> None:
    os.mkfifo(corpus_copy / "extra.xml")
    start = time.perf_counter()
    problems = corpus.validate(corpus_copy)
    assert time.perf_counter() - start < FAST
    assert len(problems) == 1
    assert problems[0].file.endswith("extra.xml")
    assert "named pipe" in problems[0].message
    _only_inside(opened, corpus_copy)


@pytest.mark.timeout(5)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_validate_names_the_line_that_points_at_a_named_pipe(corpus_copy: Path) -> None:
    (corpus_copy / "works.xml").unlink()
    os.mkfifo(corpus_copy / "works.xml")
    problems = corpus.validate(corpus_copy)
    line = _prefix_line(corpus_copy, "work")
    assert [(Path(p.file).name, p.line) for p in problems] == [("corpus.xml", line)]
    assert "named pipe" in problems[0].message


# ------------------------------------------------------------------ size cap and bounded read


@pytest.mark.timeout(5)
def test_a_file_over_the_size_cap_is_refused_with_the_setting_to_change(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = max(f.stat().st_size for f in corpus_copy.rglob("*.xml"))
    largest = next(f for f in corpus_copy.rglob("*.xml") if f.stat().st_size == size)
    assert largest.name == "actors.xml"  # the register is read first and is the largest file
    monkeypatch.setenv(MAX_FILE_BYTES_VARIABLE, str(size - 1))
    line = _prefix_line(corpus_copy, "actor")
    _refused(
        corpus_copy,
        corpus.UnsafeFile,
        f"corpus.xml:{line}:",
        f"cap of {size - 1} bytes",
        MAX_FILE_BYTES_VARIABLE,
    )
    monkeypatch.setenv(MAX_FILE_BYTES_VARIABLE, str(size))
    assert len(corpus.load(corpus_copy).documents) == 5


def test_a_size_cap_that_is_not_a_number_is_refused(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MAX_FILE_BYTES_VARIABLE, "lots")
    with pytest.raises(corpus.UnsafeFile, match=MAX_FILE_BYTES_VARIABLE):
        corpus.load(corpus_copy)


@pytest.mark.timeout(5)
def test_a_file_that_grows_after_its_size_was_checked_is_read_no_further_than_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read is bounded: a file swapped or grown between the check and the read (as
    /dev/zero in a race) cannot make the library read more than the cap."""
    grown = tmp_path / "corpus.xml"
    grown.write_bytes(b"<x>" + b"y" * 100_000 + b"</x>")
    resolved = grown.resolve()
    real_stat = Path.stat

    def stat_before_growing(path: Path, **kwargs: Any) -> os.stat_result:
        found = real_stat(path, **kwargs)
        if path == resolved:
            fields = list(found)
            fields[6] = 10  # st_size: what the check saw
            return os.stat_result(fields)
        return found

    monkeypatch.setattr(Path, "stat", stat_before_growing)
    monkeypatch.setenv(MAX_FILE_BYTES_VARIABLE, "1000")
    with pytest.raises(corpus.UnsafeFile, match="larger than the cap of 1000 bytes"):
        read_corpus_file(tmp_path, grown)


# ------------------------------------------------------------------ validate's paths


@pytest.mark.timeout(60)
def test_validate_with_a_relative_path_finds_no_false_problems(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus_copy.parent)
    assert corpus.validate(corpus_copy.name) == ()
    assert corpus.validate(Path(corpus_copy.name) / "corpus.xml") == ()


def test_validate_given_one_text_checks_it_as_a_tei_file(corpus_copy: Path) -> None:
    """A single file is TEI in its own right: only what the library cannot read is reported."""
    assert corpus.validate(corpus_copy / "texts" / "wiki.xml") == ()
    (corpus_copy / "texts" / "wiki.xml").write_text("<TEI>", "utf-8")
    problems = corpus.validate(corpus_copy / "texts" / "wiki.xml")
    assert problems
    assert problems[0].file.endswith("wiki.xml")
    assert problems[0].line == 1


def test_validate_given_a_missing_path_says_so(tmp_path: Path) -> None:
    problems = corpus.validate(tmp_path / "nowhere")
    assert len(problems) == 1
    assert "does not exist" in problems[0].message


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("([a-z", "not a usable regular expression"),
        ("((?:(?:a{999}){999}){999})", "counted repeats multiply"),
        (r"((\S+?\s*?)*\d{9})", "takes longer"),
    ],
)
def test_a_hostile_prefix_match_pattern_is_one_problem_at_its_line(
    corpus_copy: Path, pattern: str, fragment: str
) -> None:
    corpus_xml = corpus_copy / "corpus.xml"
    text = corpus_xml.read_text("utf-8")
    changed = text.replace(
        'matchPattern="([a-z0-9-]+)" replacementPattern="actors.xml',
        (f'matchPattern="{pattern}" replacementPattern="actors.xml'),
    )
    assert changed != text
    corpus_xml.write_text(changed, "utf-8")
    start = time.perf_counter()
    problems = corpus.validate(corpus_copy)
    assert time.perf_counter() - start < 3
    assert [(Path(p.file).name, p.line) for p in problems] == [
        ("corpus.xml", _prefix_line(corpus_copy, "actor"))
    ]
    assert fragment in problems[0].message


# ------------------------------------------------------------------ XML details


@pytest.mark.timeout(10)
def test_a_doctype_inside_a_comment_is_not_refused(corpus_copy: Path) -> None:
    corpus_xml = corpus_copy / "corpus.xml"
    text = corpus_xml.read_text("utf-8")
    corpus_xml.write_text(
        text.replace("<teiCorpus", "<!-- no <!DOCTYPE here -->\n<teiCorpus", 1), "utf-8"
    )
    assert len(corpus.load(corpus_copy).documents) == 5


@pytest.mark.timeout(5)
@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le", "utf-32"])
def test_a_doctype_in_a_wide_encoding_is_refused_at_its_line(tmp_path: Path, encoding: str) -> None:
    xml = (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n\n'
        '<!DOCTYPE teiCorpus [<!ENTITY x "y">]>\n<teiCorpus/>\n'
    )
    (tmp_path / "corpus.xml").write_bytes(xml.encode(encoding))
    error, _ = _refused(tmp_path, corpus.UnsafeXML, "corpus.xml:3:", "DOCTYPE")
    assert error.line == 3


@pytest.mark.timeout(5)
@pytest.mark.parametrize(
    ("content", "ours"),
    [
        ("<a>" * 300 + "</a>" * 300, "nests elements deeper than 256 levels at column"),
        ("<a>" + "x" * 10_000_001 + "</a>", "has a text longer than 10,000,000 characters"),
        ("<a>\n<b>\n</a>", "is not well-formed XML at column"),
        ("", "holds no XML"),
    ],
)
def test_parser_errors_are_in_the_library_words_first(
    corpus_copy: Path, content: str, ours: str
) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(content, "utf-8")
    error, _ = _refused(corpus_copy, corpus.CorpusFileError, "wiki.xml:", ours)
    assert error.line is not None
    assert error.detail.startswith(ours.split(" at ", maxsplit=1)[0])
    assert "XML_PARSE_HUGE" not in str(error)
    assert "the XML parser reports:" in error.detail


# ------------------------------------------------------------------ queries


@pytest.mark.timeout(5)
@pytest.mark.parametrize(
    "query", ["(" * 300 + "genocide" + ")" * 300, "-" * 300 + "genocide", "(-" * 200 + "a"]
)
def test_deeply_nested_queries_are_invalid_at_the_column_of_the_limit(
    bundled: corpus.Corpus, query: str
) -> None:
    from corpus.query import QUERY_MAX_DEPTH

    with pytest.raises(corpus.InvalidQuery, match="nest deeper than") as caught:
        bundled.search(query)
    assert caught.value.position == QUERY_MAX_DEPTH  # the first token one level too deep
    assert f"column {caught.value.position + 1}" in str(caught.value)


def test_nesting_up_to_the_limit_still_searches(bundled: corpus.Corpus) -> None:
    from corpus.query import QUERY_MAX_DEPTH

    nested = "(" * QUERY_MAX_DEPTH + "genocide" + ")" * QUERY_MAX_DEPTH
    assert bundled.search(nested).hits == bundled.search("genocide").hits


@pytest.mark.timeout(5)
def test_a_regex_that_would_unroll_without_end_is_refused_before_compiling(
    bundled: corpus.Corpus,
) -> None:
    pattern = "(?:(?:(?:a{99999}){99999}){99999})"
    start = time.perf_counter()
    with pytest.raises(corpus.InvalidQuery, match="counted repeats multiply") as caught:
        bundled.search(pattern, regex=True)
    assert time.perf_counter() - start < FAST
    assert caught.value.position == pattern.index("{99999}")  # the count past the limit


@pytest.mark.timeout(5)
@pytest.mark.parametrize("pattern", ["(?R)", "(a|(?R))", "(?:x|(?1))*(y)", "(?<n>a(?&n)?)"])
def test_a_regex_calling_a_group_is_refused_before_it_can_grow(
    bundled: corpus.Corpus, pattern: str
) -> None:
    """Recursion in the regex engine grows past 500 MB before its time limit; it is refused."""
    start = time.perf_counter()
    with pytest.raises(corpus.InvalidQuery, match="calls a group") as caught:
        bundled.search(pattern, regex=True)
    assert time.perf_counter() - start < FAST
    assert pattern[caught.value.position : caught.value.position + 2] == "(?"


def test_a_regex_search_starts_no_process(
    bundled: corpus.Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a child process was started")

    monkeypatch.setattr(multiprocessing, "Process", refuse)
    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    assert len(bundled.search(r"Kho\w+ly", regex=True)) > 0


@pytest.mark.timeout(60)
def test_a_script_without_a_main_guard_can_search_by_regex(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        "import corpus\nprint(len(corpus.load().search(r'Kho\\w+ly', regex=True)))\n", "utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0


@pytest.mark.parametrize(
    "invisible", ["\u200d", "\u200c", "\u200f", "\u200e", "\u00ad", "\ufeff", "\u2060"]
)
def test_an_invisible_character_in_a_query_word_is_ignored(
    bundled: corpus.Corpus, invisible: str
) -> None:
    plain = bundled.search("genocide")
    assert len(plain) > 0
    assert bundled.search(f"geno{invisible}cide").hits == plain.hits
    assert bundled.search(f"{invisible}genocide{invisible}").hits == plain.hits


def test_folding_drops_every_format_character() -> None:
    import sys as system
    import unicodedata

    format_characters = [
        chr(c) for c in range(system.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
    ]
    assert format_characters
    assert fold("".join(format_characters)) == ""
    assert all(re.fullmatch(f"[{INVISIBLE}]", c) for c in format_characters)


@pytest.mark.timeout(30)
def test_an_invisible_character_in_the_text_is_ignored(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    text = wiki.read_text("utf-8")
    printed = re.compile(r"(?<=[ >])([Gg])enocide(?=[ .,;<])")  # in text, not in pointers
    assert printed.search(text)
    wiki.write_text(printed.sub("\\1eno\u200dcide", text), "utf-8")
    changed = corpus.load(corpus_copy)
    hits = changed.search("genocide", doc="wiki")
    assert len(hits) > 0
    assert {m for h in hits for m in h.matches} <= {"geno\u200dcide", "Geno\u200dcide"}


def test_a_symbol_beside_words_is_left_out_with_a_note(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide 🕯")
    assert hits.hits == bundled.search("genocide").hits
    assert len(hits.notes) == 1
    assert "'🕯' was left out" in hits.notes[0]
    assert bundled.search("genocide").notes == ()


@pytest.mark.parametrize("query", ["🕯", "🕯 ✡", "-🕯", "(🕯) OR ✡"])
def test_a_query_of_symbols_only_is_invalid_and_says_why(
    bundled: corpus.Corpus, query: str
) -> None:
    with pytest.raises(corpus.InvalidQuery, match="no letters or digits") as caught:
        bundled.search(query)
    assert query[caught.value.position] == "🕯"


# ------------------------------------------------------------------ partial actor names


@pytest.mark.parametrize(
    ("partial", "actor_id"),
    [
        ("Minsk Group", "osce-minsk-group"),
        ("regiment No. 366", "regiment-366"),
        ("de-Wall", "thomas-de-waal"),
    ],
)
def test_a_unique_part_of_a_spelling_names_its_actor(
    bundled: corpus.Corpus, partial: str, actor_id: str
) -> None:
    from corpus.text import fold_name

    actor = bundled.actor(actor_id)
    spellings = {fold_name(n) for n in (actor.name, *actor.names)}
    assert fold_name(partial) not in spellings  # a part, not a spelling
    assert any(fold_name(partial) in s for s in spellings)
    assert bundled.actor(partial) == actor
    assert bundled.search(f'actor:"{partial}"').hits == bundled.search(f"actor:{actor_id}").hits


def test_a_part_of_several_spellings_is_ambiguous(bundled: corpus.Corpus) -> None:
    from corpus.text import tokens

    holders = {
        a.id
        for a in bundled.actors()
        for n in (a.name, *a.names)
        if "armenian" in [w for w, _, _ in tokens(n)]
    }
    assert len(holders) > 1
    with pytest.raises(corpus.AmbiguousName) as caught:
        bundled.actor("Armenian")
    assert set(caught.value.candidates) == holders
    with pytest.raises(corpus.InvalidQuery, match="more than one actor"):
        bundled.search("actor:Armenian")


def test_a_part_of_a_word_names_no_actor(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.NotFound):
        bundled.actor("insk Gro")


# ------------------------------------------------------------------ the command


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corpus", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "80"},
        timeout=60,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["search", "genocide", "--limit", "-1"],
        ["search", "genocide", "--context", "-5"],
        ["kwic", "genocide", "--width", "-3"],
    ],
)
def test_negative_numbers_are_usage_errors(args: list[str]) -> None:
    result = _cli(*args)
    assert result.returncode == 2
    assert "is negative" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["search", "-genocide", "--json"],
        ["search", "--json", "-genocide"],
        ["search", "--json", "--", "-genocide"],
    ],
)
def test_a_query_starting_with_minus_is_read_as_typed(
    bundled: corpus.Corpus, args: list[str]
) -> None:
    import json

    result = _cli(*args)
    assert result.returncode == 0, result.stderr
    expected = [h.passage.id for h in bundled.search("-genocide")]
    assert [h["passage_id"] for h in json.loads(result.stdout)["hits"]] == expected


def test_validate_prints_one_unwrapped_problem_per_line(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(
        wiki.read_text("utf-8").replace('target="#wiki.47"', 'target="#wiki.470"'), "utf-8"
    )
    problems = corpus.validate(corpus_copy)
    result = _cli("validate", str(corpus_copy))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [str(p) for p in problems]
    assert any(len(line) > 80 for line in result.stdout.splitlines())


def test_validate_with_a_relative_path_from_the_command(corpus_copy: Path) -> None:
    result = _cli("validate", corpus_copy.name, cwd=corpus_copy.parent)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "no problems found\n"


@pytest.mark.parametrize(
    ("args", "command"),
    [(["actor", "Zzyzx"], "run corpus actors"), (["ref", "zzyzx"], "run corpus refs")],
)
def test_errors_name_the_command_to_run(args: list[str], command: str) -> None:
    result = _cli(*args)
    assert result.returncode == 2
    assert command in result.stderr
    assert "corpus.load()" not in result.stderr


@pytest.mark.parametrize("query", ["(" * 400 + "a", "-" * 400 + "a", "🕯", "a" * 600])
def test_hostile_queries_from_the_command_end_in_one_line(query: str) -> None:
    result = _cli("search", query)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 1


# ------------------------------------------------------------------ concurrency


@pytest.mark.timeout(60)
def test_eight_threads_searching_one_corpus_agree_with_a_serial_run(
    bundled: corpus.Corpus,
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    searches: list[Callable[[], corpus.Hits]] = [
        lambda: bundled.search("genocide"),
        lambda: bundled.search('"humanitarian corridor" OR Naftalan'),
        lambda: bundled.search(r"Kho\w+ly", regex=True),
        lambda: bundled.search(r"\b\d{3,}\b", regex=True, doc="wiki"),
        lambda: bundled.search("actor:Sarkisian -doc:wiki"),
        lambda: bundled.search("massacre", stance="genocide", in_="quote"),
        lambda: bundled.search(r"(?i)genocid\w*", regex=True),
        lambda: bundled.search("genocid* OR tragedy"),
    ] * 6
    serial = [run() for run in searches]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda run: run(), searches))
    assert parallel == serial
    assert all(len(hits) > 0 for hits in serial)


# ------------------------------------------------------------------ every problem has a line


def test_a_convention_problem_names_the_line_of_what_it_is_about(corpus_copy: Path) -> None:
    works = corpus_copy / "works.xml"
    text = works.read_text("utf-8")
    anchor = "<!-- ======================================================== reports -->"
    assert anchor in text
    works.write_text(
        text.replace(
            anchor,
            anchor + '\n<bibl type="book" xml:id="uncited-book"><title>Nobody cites this</title>'
            '<note type="description">A test entry.</note></bibl>',
        ),
        "utf-8",
    )
    wiki = corpus_copy / "texts" / "wiki.xml"
    unknown_url = (
        '<note type="unknown" subtype="url">'
        "The capture does not state the address it was taken from.</note>"
    )
    assert unknown_url in wiki.read_text("utf-8")
    wiki.write_text(wiki.read_text("utf-8").replace(unknown_url, ""), "utf-8")
    problems = corpus.validate(corpus_copy)
    works_lines = works.read_text("utf-8").splitlines()
    wiki_lines = wiki.read_text("utf-8").splitlines()
    by_file = {Path(p.file).name: p for p in problems}
    assert set(by_file) == {"works.xml", "wiki.xml"}
    assert 'xml:id="uncited-book"' in works_lines[by_file["works.xml"].line - 1]
    assert "<sourceDesc" in wiki_lines[by_file["wiki.xml"].line - 1]


@pytest.mark.timeout(10)
def test_a_pointer_missing_from_the_register_names_its_line(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    text = wiki.read_text("utf-8")
    assert 'ref="actor:khojaly"' in text
    wiki.write_text(text.replace('ref="actor:khojaly"', 'ref="actor:nowhere"', 1), "utf-8")
    line = next(
        n for n, row in enumerate(wiki.read_text("utf-8").splitlines(), 1) if "actor:nowhere" in row
    )
    error, _ = _refused(
        corpus_copy, corpus.CorpusFileError, f"wiki.xml:{line}:", "actor:nowhere", "register"
    )
    assert error.line == line


@pytest.mark.timeout(5)
def test_a_fifo_in_a_directory_of_tei_files_is_refused_not_read(tmp_path: Path) -> None:
    """TEI written elsewhere is read under the same rule as this project's files."""
    shutil.copy(Path(__file__).parent / "data" / "foreign" / "eltec.xml", tmp_path)
    os.mkfifo(tmp_path / "pipe.xml")
    started = time.monotonic()
    with pytest.raises(corpus.UnsafeFile, match=r"pipe\.xml: .*named pipe"):
        corpus.load(tmp_path)
    assert time.monotonic() - started < 1
