"""Progress bars on long loads and exports: what each stage reports, and silence by default."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import corpus
from corpus.export import export, tables


class Recorder:
    """Stands in for rich's Progress and records what it is told."""

    made: list[Recorder]

    def __init__(self, *columns: Any, **options: Any) -> None:
        self.stages: list[dict[str, Any]] = []
        self.started = self.stopped = False
        self.options = options
        Recorder.made.append(self)

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True

    def add_task(self, description: str, total: float | None = None) -> int:
        self.stages.append({"description": description, "total": total, "done": 0})
        return len(self.stages) - 1

    def remove_task(self, task: int) -> None:
        pass

    def update(self, task: int, description: str) -> None:
        self.stages[task]["description"] = description

    def advance(self, task: int, amount: float) -> None:
        self.stages[task]["done"] += amount

    def stage(self, description: str) -> dict[str, Any]:
        [found] = [s for s in self.stages if s["description"] == description]
        return found


@pytest.fixture
def bars(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Recorder]:
    import rich.progress

    Recorder.made = []
    monkeypatch.setattr(rich.progress, "Progress", Recorder)
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(tmp_path / "cache"))
    return Recorder.made


def test_a_first_load_shows_each_stage_of_reading_and_compiling(
    corpus_copy: Path, bars: list[Recorder]
) -> None:
    c = corpus.load(corpus_copy, progress=True)
    [bar] = bars
    assert bar.started
    assert bar.stopped
    assert bar.options["transient"] is True  # the bar goes once the load is done
    texts = bar.stage("reading the texts")
    assert texts["total"] == texts["done"] == len(c.documents)
    indexing = bar.stage("indexing the passages")
    assert indexing["total"] == indexing["done"] == len(c.passages())
    files = bar.stage("checking the corpus files")
    assert files["done"] == sum(f.stat().st_size for f in corpus_copy.rglob("*") if f.is_file())
    assert [s["description"] for s in bar.stages] == [
        "checking the corpus files",
        "reading the texts",
        "indexing the passages",
        "compiling the corpus",
    ]


def test_a_compiled_load_counts_the_bytes_of_the_compiled_file(
    corpus_copy: Path, bars: list[Recorder], tmp_path: Path
) -> None:
    corpus.load(corpus_copy)
    assert not bars  # not asked for and stderr is not a terminal: no bar
    corpus.load(corpus_copy, progress=True)
    [bar] = bars
    [file] = (tmp_path / "cache").glob("*.corpus")
    reading = bar.stage("reading the compiled corpus")
    assert reading["total"] == reading["done"] == file.stat().st_size
    assert [s["description"] for s in bar.stages] == [
        "checking the corpus files",
        "reading the compiled corpus",
    ]


def test_no_bar_unless_asked_or_on_a_terminal(corpus_copy: Path, bars: list[Recorder]) -> None:
    corpus.load(corpus_copy, progress=False)
    corpus.load(corpus_copy, cache=False)
    corpus.load([corpus_copy], progress=False)
    corpus.load(corpus_copy)  # compiled, stderr not a terminal
    assert bars == []


def test_an_export_counts_its_tables(
    tmp_path: Path, bars: list[Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    c = corpus.load()
    export(c, tmp_path / "out", "jsonl", progress=True)
    [bar] = bars
    [stage] = bar.stages
    assert stage["total"] == stage["done"] == len(tables(c))
    assert stage["description"] == f"exporting {tables(c)[-1]}"


def test_a_failing_load_takes_its_bar_down(tmp_path: Path, bars: list[Recorder]) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(corpus.CorpusError):
        corpus.load(tmp_path / "empty", progress=True)
    [bar] = bars
    assert bar.stopped


def test_loading_with_progress_imports_rich_only_when_shown() -> None:
    code = (
        "import sys, corpus; corpus.load(progress=False); corpus.load().search('genocide'); "
        "print('rich' in sys.modules)"
    )
    output = subprocess.check_output([sys.executable, "-c", code], text=True)
    assert output.strip() == "False"


def test_on_a_terminal_only_a_large_corpus_shows_a_bar(
    corpus_copy: Path, bars: list[Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    from corpus import _progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    corpus.load(corpus_copy, cache=False)
    assert bars == []  # half a megabyte: too small to show
    monkeypatch.setattr(_progress, "LARGE", 1024)
    corpus.load(corpus_copy, cache=False)
    assert len(bars) == 1
