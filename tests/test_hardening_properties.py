"""Hypothesis: no query text and no file content ends in anything but the library's errors."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus

BUNDLED = corpus.load()
ANY_CHARACTER = st.characters(exclude_categories=())  # every category, surrogates included
QUERY_PIECES = st.one_of(
    st.text(ANY_CHARACTER, max_size=12),
    st.sampled_from(["(", ")", "-", '"', "OR", "*", "doc:", "actor:", " ", "\u200d", "🕯"]),
)
NESTED = st.integers(0, 400).flatmap(
    lambda depth: st.tuples(
        st.sampled_from(["(", "-", "(-", '("', "-("]), st.text(ANY_CHARACTER, max_size=8)
    ).map(lambda parts: parts[0] * depth + parts[1] + ")" * depth)
)
QUERIES = st.one_of(
    st.text(ANY_CHARACTER, max_size=40),
    st.lists(QUERY_PIECES, max_size=10).map(" ".join),
    st.lists(QUERY_PIECES, max_size=10).map("".join),
    NESTED,
)
SLOW = settings(
    deadline=None,
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.timeout(300)
@SLOW
@given(QUERIES)
def test_any_text_searched_raises_nothing_but_invalid_query(query: str) -> None:
    position, hits = 0, None
    try:
        hits = BUNDLED.search(query)
    except corpus.InvalidQuery as error:
        position = error.position
    assert 0 <= position <= len(query)
    assert all(0 <= s < e <= len(h.passage.text) for h in hits or () for s, e in h.spans)


REGEX_PIECES = st.sampled_from(
    [
        "(",
        ")",
        "+",
        "*",
        "?",
        "{",
        "}",
        "|",
        ".",
        "[",
        "]",
        "^",
        "$",
        "\\",
        "\\w",
        "\\S",
        "a",
        "e",
        "{99}",
        "{2,}",
        "{e<=3}",
        "(?R)",
        "(?1)",
        "(?&a)",
        "(?<a>",
        "(?:",
        "(?i)",
        "(?V1)",
        "\\p{L}",
    ]
)
REGEXES = st.one_of(
    st.text(ANY_CHARACTER, max_size=40), st.lists(REGEX_PIECES, max_size=16).map("".join)
)


@pytest.mark.timeout(600)
@SLOW
@given(REGEXES)
def test_any_text_as_a_regex_raises_nothing_but_invalid_query_or_timeout(query: str) -> None:
    with contextlib.suppress(corpus.InvalidQuery, corpus.QueryTimeout):
        BUNDLED.search(query, regex=True, timeout=0.2)


@pytest.fixture(scope="module")
def writable_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from corpus._data import bundled_directory

    target = tmp_path_factory.mktemp("hostile") / "corpus"
    shutil.copytree(bundled_directory(), target)
    return target


def _splice(original: bytes) -> st.SearchStrategy[bytes]:
    """The original file with a run of arbitrary bytes put in place of a slice of it."""
    return st.tuples(
        st.integers(0, len(original)), st.integers(0, 200), st.binary(max_size=200)
    ).map(lambda t: original[: t[0]] + t[2] + original[t[0] + t[1] :])


FILES = ("corpus.xml", "actors.xml", "works.xml", "texts/wiki.xml")


@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", FILES)
def test_any_bytes_as_a_corpus_file_raise_nothing_but_corpus_error(
    writable_copy: Path, name: str
) -> None:
    from corpus._data import bundled_directory

    original = (bundled_directory() / name).read_bytes()

    @SLOW
    @given(content=st.one_of(st.binary(max_size=2000), _splice(original)))
    def check(content: bytes) -> None:
        (writable_copy / name).write_bytes(content)
        try:
            with contextlib.suppress(corpus.CorpusError):
                corpus.load(writable_copy)
        finally:
            (writable_copy / name).write_bytes(original)

    check()
