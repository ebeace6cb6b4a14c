"""A compiled load builds passages' mentions, citations, figures and proposals when one of them
is first read: what is read is what the XML gives, however and whenever it is read."""

from __future__ import annotations

import copy
import gc
import pickle
import threading
from pathlib import Path
from typing import Any

import attrs
import pytest

import corpus
from corpus import _cache, _gc
from corpus.model import LAZY_FIELDS, Passage
from test_cache import cached_file, forge


def compiled_and_parsed(corpus_copy: Path) -> tuple[corpus.Corpus, corpus.Corpus]:
    corpus.load(corpus_copy)
    return corpus.load(corpus_copy), corpus.load(corpus_copy, cache=False)


def waiting(c: corpus.Corpus) -> list[Passage]:
    return [p for p in c.passages() if p._pending is not None]


def test_a_compiled_load_builds_no_annotations_until_one_is_read(
    corpus_copy: Path, cache_dir: Path
) -> None:
    compiled, parsed = compiled_and_parsed(corpus_copy)
    assert parsed.search("Khojaly").passages()  # a search reads no annotation
    compiled.search("Khojaly").passages()
    pending = waiting(compiled)
    with_annotations = [p for p in parsed.passages() if any(getattr(p, f) for f in LAZY_FIELDS)]
    assert len(pending) == len(with_annotations) > 100
    first = pending[0]
    assert first.mentions == parsed.passage(first.id).mentions
    left = waiting(compiled)
    assert first not in left
    assert len(pending) - len(left) == min(_cache.CHUNK_PASSAGES, len(pending))  # its chunk
    assert left  # other chunks wait


def test_annotations_read_late_equal_those_of_the_xml(corpus_copy: Path, cache_dir: Path) -> None:
    compiled, parsed = compiled_and_parsed(corpus_copy)
    for name in LAZY_FIELDS:  # one field at a time, each passage from its own place
        fresh = corpus.load(corpus_copy)
        for p in fresh.passages():
            assert getattr(p, name) == getattr(parsed.passage(p.id), name), (p.id, name)
    assert compiled.mentions("khojaly") == parsed.mentions("khojaly")
    assert compiled.figures() == parsed.figures()
    assert compiled.citations() == parsed.citations()
    assert not waiting(compiled)


@pytest.mark.parametrize(
    "copied",
    [
        attrs.evolve,
        lambda p: pickle.loads(pickle.dumps(p)),  # noqa: S301 - our own bytes
        copy.copy,
        copy.deepcopy,
    ],
    ids=["evolve", "pickle", "copy", "deepcopy"],
)
def test_a_waiting_passage_copies_with_its_annotations(
    corpus_copy: Path, cache_dir: Path, copied: Any
) -> None:
    compiled, parsed = compiled_and_parsed(corpus_copy)
    p = waiting(compiled)[-1]
    other = copied(p)
    assert other == parsed.passage(p.id)
    assert other.mentions == parsed.passage(p.id).mentions
    assert other._pending is None


def test_a_waiting_passage_compares_hashes_and_prints_as_a_built_one(
    corpus_copy: Path, cache_dir: Path
) -> None:
    compiled, parsed = compiled_and_parsed(corpus_copy)
    ours = waiting(compiled)
    assert hash(ours[0]) == hash(parsed.passage(ours[0].id))
    assert ours[1] == parsed.passage(ours[1].id)
    assert repr(ours[-1]) == repr(parsed.passage(ours[-1].id))


def test_a_missing_attribute_is_still_an_attribute_error(
    corpus_copy: Path, cache_dir: Path
) -> None:
    compiled, _ = compiled_and_parsed(corpus_copy)
    p = waiting(compiled)[0]
    with pytest.raises(AttributeError, match="'Passage' object has no attribute 'mention'"):
        p.mention  # noqa: B018
    assert not hasattr(p, "mention")
    assert p._pending is not None  # asking for another name builds nothing


def test_threads_reading_the_same_chunks_see_the_same_values(
    corpus_copy: Path, cache_dir: Path
) -> None:
    compiled, parsed = compiled_and_parsed(corpus_copy)
    passages = list(compiled.passages())
    expected = [(p.mentions, p.figures, p.citations) for p in parsed.passages()]
    found: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def read() -> None:
        try:
            start.wait()
            found.append([(p.mentions, p.figures, p.citations) for p in passages])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert found == [expected] * 8


def test_what_a_chunk_builds_is_frozen_where_the_load_froze(
    corpus_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled, _ = compiled_and_parsed(corpus_copy)
    before = gc.get_freeze_count()
    try:
        waiting(compiled)[0].mentions  # noqa: B018 - not frozen: this load froze nothing
        assert gc.get_freeze_count() == before
        monkeypatch.setattr(_gc._PAUSES, "froze", True)
        waiting(compiled)[-1].mentions  # noqa: B018
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def frames_of(file: Path) -> list[Any]:
    """The authenticated frames of a cache file, the first as the head `forge` writes."""
    frames = list(_cache._frames(file))
    return [HEAD, *frames[1:]]


HEAD = ("format", "this file's format and key")


def values_frames(frames: list[Any]) -> list[int]:
    return [i for i, f in enumerate(frames) if f[0] == "values" and f[5]]


def refused_and_rebuilt(corpus_copy: Path, cache_dir: Path, change: Any, message: str) -> None:
    """Change the frames of a real cache file (``change`` edits them in place), seal them with
    the user's own secret, and check the file is refused and the corpus read afresh."""
    _, parsed = compiled_and_parsed(corpus_copy)
    file = cached_file(cache_dir)
    frames = frames_of(file)
    change(frames)
    forge(file, frames)
    with pytest.raises(_cache.Invalid, match=message):
        _cache.read(file, str(corpus_copy))
    assert corpus.load(corpus_copy) == parsed


def first_chunks(change: Any) -> Any:
    """A change of the first frame that holds chunks."""

    def changed(frames: list[Any]) -> None:
        at = values_frames(frames)[0]
        frames[at] = change(frames[at])

    return changed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: (*f[:5], []), "stored apart are missing"),
        (lambda f: (*f[:5], [*f[5], f[5][0]]), "belongs to no passage"),
        (lambda f: (*f[:5], [b"", *f[5][1:]]), "repeated or malformed"),
        (lambda f: (*f[:4], f[4] + 1, f[5]), "repeated or malformed|missing"),
    ],
    ids=["no-chunks", "a-chunk-twice", "an-empty-chunk", "chunks-numbered-wrong"],
)
def test_a_cache_with_missing_or_malformed_chunks_is_rebuilt(
    corpus_copy: Path, cache_dir: Path, change: Any, message: str
) -> None:
    refused_and_rebuilt(corpus_copy, cache_dir, first_chunks(change), message)


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("0,0", "not in a chunk"),
        ((0,), "not in a chunk"),
        ((0, "0"), "not in a chunk"),
        (("0", 0), "stored apart are missing"),
    ],
    ids=["text", "one-number", "place-not-a-number", "chunk-not-a-number"],
)
def test_a_passage_record_whose_chunk_place_is_not_a_pair_is_refused(
    corpus_copy: Path, cache_dir: Path, replacement: Any, message: str
) -> None:
    changed = []

    def change(frames: list[Any]) -> None:
        for frame in frames:
            for _, _, rows in frame[3] if frame[0] == "values" else ():
                for row in rows:
                    for i, value in enumerate(row):
                        if type(value) is tuple and value == (0, 0):
                            row[i] = replacement
                            changed.append(i)

    refused_and_rebuilt(corpus_copy, cache_dir, change, message)
    assert len(changed) == 1  # the first passage of the first chunk
