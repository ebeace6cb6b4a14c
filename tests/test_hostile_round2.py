"""The second hostile round: each case found against 0.6.0, reproduced, and what happens now.

A cache serves only what its own corpus and its own user wrote; plain queries, wildcards and the
regex timeout are bounded; export is a transaction that follows, opens and truncates nothing in
its target; odd paths and settings are `CorpusError`s that say what they name; a killed
compile's temporary file is removed once its writer is gone.
"""

from __future__ import annotations

import errno
import hashlib
import math
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus
from _support import Parses
from corpus import _cache
from corpus.export import export
from corpus.query import QUERY_MAX_LENGTH, QUERY_MAX_TERMS, WILDCARD_MAX_WORDS

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and file kinds")


def _only(directory: Path) -> Path:
    [file] = directory.glob("*.corpus")
    return file


# ------------------------------------------------------------------ the cache


def test_another_corpus_cache_under_this_name_is_not_served(
    corpus_copy: Path, tmp_path: Path, cache_dir: Path, parses: Parses
) -> None:
    other = tmp_path / "other"
    shutil.copytree(corpus_copy, other)
    wiki = other / "texts" / "wiki.xml"
    text = corpus.load(corpus_copy).passage("wiki.2").text
    wiki.write_text(wiki.read_text("utf-8").replace(text[:20], "OTHER CORPUS TEXT ", 1), "utf-8")
    corpus.load(corpus_copy)
    mine = _only(cache_dir)
    mine.rename(tmp_path / "mine.corpus")
    corpus.load(other)
    theirs = _only(cache_dir)
    theirs.rename(mine)  # the other corpus's valid cache, under this corpus's name
    assert corpus.load(corpus_copy).passage("wiki.2").text == text
    assert parses.count == 3  # read from the XML again, not served from the copied file


def test_an_edited_frame_with_its_digest_recomputed_is_not_served(
    corpus_copy: Path, cache_dir: Path, parses: Parses
) -> None:
    expected = corpus.load(corpus_copy)
    file = _only(cache_dir)
    data = bytearray(file.read_bytes())
    start = len(_cache.MAGIC)
    length = int.from_bytes(data[start : start + 8], "little")
    second = start + _cache.FRAME_HEAD + length  # the first frame of values
    size = int.from_bytes(data[second : second + 8], "little")
    payload = bytearray(data[second + 40 : second + 40 + size])
    position = payload.index(b"Khojaly")
    payload[position : position + 7] = b"Kh0jaly"
    data[second + 8 : second + 40] = hashlib.sha256(payload).digest()  # the old digest rule
    data[second + 40 : second + 40 + size] = payload
    file.write_bytes(bytes(data))
    with pytest.raises(_cache.Invalid, match="not this corpus's"):
        _cache.read(file, str(corpus_copy))
    assert corpus.load(corpus_copy) == expected
    assert parses.count == 2


def test_a_frame_declaring_a_huge_tuple_is_refused_before_it_is_decoded(
    corpus_copy: Path, cache_dir: Path
) -> None:
    corpus.load(corpus_copy)
    file = _only(cache_dir)
    payload = b")" + (2**31 - 1).to_bytes(4, "little")  # marshal: a tuple of 2**31-1 items
    frame = len(payload).to_bytes(8, "little") + hashlib.sha256(payload).digest() + payload
    file.write_bytes(_cache.MAGIC + frame)
    with pytest.raises(_cache.Invalid, match="not this corpus's"):
        _cache.read(file, str(corpus_copy))


@POSIX
def test_the_cache_directory_and_secret_are_private(corpus_copy: Path, cache_dir: Path) -> None:
    corpus.load(corpus_copy)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_dir / _cache.SEALING_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(_only(cache_dir).stat().st_mode) & 0o022 == 0


@POSIX
@pytest.mark.parametrize("what", ["directory", "file", "secret"])
def test_a_cache_others_may_write_is_not_read(
    corpus_copy: Path, cache_dir: Path, parses: Parses, what: str
) -> None:
    expected = corpus.load(corpus_copy)
    target = {
        "directory": cache_dir,
        "file": _only(cache_dir),
        "secret": cache_dir / _cache.SEALING_FILE,
    }[what]
    target.chmod(stat.S_IMODE(target.stat().st_mode) | 0o022)
    assert corpus.load(corpus_copy) == expected
    assert parses.count == 2  # read from the XML: the cache is not trusted


# ------------------------------------------------------------------ queries


@pytest.mark.parametrize(
    ("query", "says"),
    [
        (" OR ".join(f"w{n}*" for n in range(20_000)), f"the limit is {QUERY_MAX_LENGTH:,}"),
        (" ".join(["genocide"] * 500_000), f"the limit is {QUERY_MAX_LENGTH:,}"),
        (" OR ".join(["genocide"] * 100_000), f"the limit is {QUERY_MAX_LENGTH:,}"),
        (" OR ".join(["w"] * 1_500), f"the limit is {QUERY_MAX_TERMS:,}"),
        (" ".join(["a*"] * 500), f"more than {WILDCARD_MAX_WORDS:,} words"),
    ],
    ids=["20000-wildcards", "500000-words", "100000-ors", "1500-terms", "wide-wildcards"],
)
def test_an_oversized_query_is_refused_naming_the_limit(
    bundled: corpus.Corpus, query: str, says: str
) -> None:
    with pytest.raises(corpus.InvalidQuery, match=says):
        bundled.search(query)


def test_a_query_at_the_limits_runs(bundled: corpus.Corpus) -> None:
    assert bundled.search(" OR ".join(["genocide"] * (QUERY_MAX_TERMS // 2)))


def test_the_command_refuses_an_oversized_query_in_one_line(tmp_path: Path) -> None:
    query = " OR ".join(["w*"] * 1_500)
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "search", query],
        capture_output=True,
        text=True,
        check=False,  # the status is what is checked
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "the limit is 1,000" in done.stderr


@pytest.mark.parametrize("timeout", [math.nan, math.inf, -math.inf, 0, -1, True, "2"], ids=repr)
def test_the_regex_timeout_must_be_a_finite_positive_number(
    bundled: corpus.Corpus, timeout: object
) -> None:
    with pytest.raises(corpus.InvalidQuery, match="finite number of seconds above 0"):
        bundled.search("genoc.de", regex=True, timeout=timeout)  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", [None, 0.5, 3])
def test_a_sound_timeout_is_taken(bundled: corpus.Corpus, timeout: float | None) -> None:
    assert bundled.search("genoc.de", regex=True, timeout=timeout)


# ------------------------------------------------------------------ export


@POSIX
def test_export_replaces_a_link_named_like_a_table_without_following_it(
    bundled: corpus.Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "schema.json").write_text("{}", "utf-8")  # an earlier export
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", "utf-8")
    (out / "documents.csv").symlink_to(victim)
    export(bundled, out, "csv")
    assert victim.read_text("utf-8") == "keep me"
    assert not (out / "documents.csv").is_symlink()
    assert (out / "documents.csv").read_text("utf-8").startswith('"id"')


@POSIX
def test_export_replaces_a_fifo_named_like_a_table_without_opening_it(
    bundled: corpus.Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "schema.json").write_text("{}", "utf-8")
    os.mkfifo(out / "passages.csv")
    export(bundled, out, "csv")  # would hang if the FIFO were opened
    assert stat.S_ISREG((out / "passages.csv").stat().st_mode)


def test_a_full_disk_leaves_the_target_as_it_was(
    bundled: corpus.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus import export as exporting

    written = []
    real = exporting._write_csv

    def filling(columns: dict[str, list[object]], path: Path) -> None:
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real(columns, path)

    monkeypatch.setattr(exporting, "_write_csv", filling)
    out = tmp_path / "out"
    with pytest.raises(corpus.CorpusError, match="No space left on device"):
        exporting.export(bundled, out, "csv")
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no staging directory left


def test_an_error_writing_the_schema_is_a_corpus_error(
    bundled: corpus.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Path.write_text

    def refusing(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == "schema.json":
            raise OSError(errno.EIO, "Input/output error")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", refusing)
    with pytest.raises(corpus.CorpusError, match=r"cannot write schema\.json"):
        export(bundled, tmp_path / "out", "csv")
    assert not (tmp_path / "out").exists()


def test_a_directory_of_other_files_is_refused_unless_overwrite(
    bundled: corpus.Corpus, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(corpus.CorpusError, match="holds no earlier export"):
        export(bundled, out, "csv")
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    export(bundled, out, "csv", overwrite=True)
    assert (out / "notes.txt").read_text("utf-8") == "mine"
    assert (out / "schema.json").exists()
    export(bundled, out, "jsonl")  # an earlier export: written over freely


# ------------------------------------------------------------------ paths and settings


@POSIX
def test_a_directory_name_that_is_not_utf8_works(
    corpus_copy: Path, tmp_path: Path, cache_dir: Path
) -> None:
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/\xff\xfe-corpus"))
    shutil.copytree(corpus_copy, odd)
    assert len(corpus.load(odd).documents) == 5
    assert len(corpus.load(odd).documents) == 5  # compiled
    out = Path(os.fsdecode(bytes(tmp_path) + b"/\xff-out"))
    assert export(corpus.load(odd), out, "jsonl")
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "--corpus", os.fsencode(odd), "docs", "--json"],
        capture_output=True,
        check=False,
        env={**os.environ, "CORPUS_CACHE_DIR": str(cache_dir)},
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", ["a" * 5000, "a/" * 3000])
def test_an_over_long_path_is_a_corpus_error(name: str) -> None:
    with pytest.raises(corpus.CorpusError):
        corpus.load(name)


@pytest.mark.parametrize("value", ["1e30", "inf", "nan", "-5", "lots"])
def test_an_absurd_size_cap_is_refused(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CORPUS_MAX_FILE_BYTES", value)
    with pytest.raises(corpus.CorpusError, match="CORPUS_MAX_FILE_BYTES"):
        corpus.load(corpus_copy, cache=False)


@POSIX
def test_a_fifo_as_the_corpus_path_is_named_so(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(corpus.CorpusFileError, match="is a FIFO"):
        corpus.load(tmp_path / "pipe")


@POSIX
def test_a_device_as_the_corpus_path_is_named_so() -> None:
    with pytest.raises(corpus.CorpusFileError, match="is a device"):
        corpus.load("/dev/zero")


# ------------------------------------------------------------------ leftovers


@POSIX
def test_a_killed_compile_leftover_is_removed_and_a_live_one_kept(
    corpus_copy: Path, cache_dir: Path, tmp_path: Path
) -> None:
    corpus.load(corpus_copy)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = cache_dir / f".tmp-{gone.stdout.strip()}-abc"
    live = cache_dir / f".tmp-{os.getppid()}-def"  # a running process: a compile in progress
    old = cache_dir / ".tmp-oldstyle"
    fresh = cache_dir / ".tmp-newstyle"
    for leftover in (dead, live, old, fresh):
        leftover.write_bytes(b"x" * 100)
    hour_ago = time.time() - 2 * _cache.STALE_SECONDS
    os.utime(old, (hour_ago, hour_ago))
    (corpus_copy / "texts" / "wiki.xml").touch()  # a change: the next load compiles again
    text = corpus_copy / "texts" / "wiki.xml"
    text.write_bytes(text.read_bytes() + b"\n")
    corpus.load(corpus_copy)
    assert not dead.exists()
    assert not old.exists()
    assert live.exists()
    assert fresh.exists()


# ------------------------------------------------------------------ threads


def test_overlapping_pauses_across_threads_leave_the_collector_on() -> None:
    """Eight threads pausing the collector at once, with a very short switch interval: the
    collector is on again once every pause has ended."""
    import gc
    import threading

    from corpus._gc import paused_gc

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(50):

            def work() -> None:
                for _ in range(20):
                    with paused_gc():
                        sum(range(50))

            threads = [threading.Thread(target=work) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert gc.isenabled()
    finally:
        sys.setswitchinterval(interval)


# ------------------------------------------------------------------ fuzzing the command

WORDS = st.sampled_from(
    [
        "search", "kwic", "actors", "actor", "refs", "ref", "quotes", "figures", "attributions",
        "show", "docs", "stats", "--limit", "--doc", "--json", "--regex", "--context", "--kind",
        "--width", "--scope", "--claimant", "--agent", "--act", "-1", "0", "999999999999", "wiki",
        "genocide", "Sarkisian", "*", '"', "(", "-", "OR", "doc:", "\x00", "é", "🕯",
    ]
)  # fmt: skip


@settings(
    max_examples=200, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
@given(st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=6))
def test_any_argument_list_ends_with_a_status_not_a_traceback(argv: list[str]) -> None:
    """Whatever the arguments, the command returns 0, 1 or 2 (argparse exits with 0 for
    --help and 2 for a usage error); nothing else escapes."""
    import contextlib
    import io

    from corpus import cli

    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            status = cli.main(argv)
        except SystemExit as exit_:
            status = exit_.code  # type: ignore[assignment]
    assert status in (0, 1, 2)
