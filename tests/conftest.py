"""Shared fixtures: the bundled corpus, its files, and the optional ../shared directory."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import corpus
from corpus._data import bundled_directory

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _shared(relative: str) -> Path:
    """A path in ../shared; skips where it is absent, fails where CI requires it."""
    path = SHARED / relative
    if not path.exists():
        reason = f"{path} is absent (tests that compare with ../shared need it beside the checkout)"
        if os.environ.get("CORPUS_REQUIRE_SHARED") == "1":
            pytest.fail(f"CORPUS_REQUIRE_SHARED=1 but {reason}")
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session", autouse=True)
def _cache_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled corpora go to a directory of this test session, not the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        directory = tmp_path_factory.mktemp("cache")
        patch.setenv("CORPUS_CACHE_DIR", str(directory))  # child processes inherit it
        yield directory


@pytest.fixture(scope="session")
def bundled() -> corpus.Corpus:
    return corpus.load()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return bundled_directory()


@pytest.fixture(scope="session")
def text_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "texts").glob("*.xml"))


@pytest.fixture(scope="session")
def shared_seeds() -> Path:
    return _shared("seeds")


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The TEI P5 schema, compiled once per session (about 12 s)."""
    return etree.RelaxNG(etree.parse(str(_shared("schema/tei_all.rng"))))


@pytest.fixture
def corpus_copy(tmp_path: Path, data_dir: Path) -> Path:
    """A writable copy of the bundled corpus directory."""
    target = tmp_path / "corpus"
    shutil.copytree(data_dir, target)
    return target


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory of this test only (it is created by the first load)."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("CORPUS_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Counts how often the XML is read rather than the compiled cache."""
    from _support import Parses

    return Parses(monkeypatch)
