"""Properties of folding, parsing and search, checked with Hypothesis on the real corpus."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corpus
from corpus.query import parse
from corpus.text import fold, tokens

BUNDLED = corpus.load()
ARTICLE = [p for p in BUNDLED.passages() if not p.boilerplate and tokens(p.text)]
VOCABULARY = sorted({w for p in ARTICLE for w, _, _ in tokens(p.text)})
SEARCH = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=60)

QUERY_PARTS = st.one_of(
    st.sampled_from(VOCABULARY),
    st.sampled_from(VOCABULARY).map(lambda w: w[:3] + "*"),
    st.sampled_from(VOCABULARY).map(lambda w: "-" + w),
    st.sampled_from(["OR", "(", ")", '"', "doc:wiki", "in:quote", "voice:witness", "in:head"]),
)


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_the_parser_raises_nothing_but_invalid_query(text: str) -> None:
    position = 0
    try:
        parse(text)
    except corpus.InvalidQuery as error:
        position = error.position
    assert 0 <= position <= len(text)


@SEARCH
@given(st.lists(QUERY_PARTS, min_size=1, max_size=6).map(" ".join))
def test_search_raises_nothing_but_invalid_query_and_spans_lie_inside_passages(
    query: str,
) -> None:
    try:
        hits = BUNDLED.search(query)
    except corpus.InvalidQuery:
        return
    for hit in hits:
        for start, end in hit.spans:
            assert 0 <= start < end <= len(hit.passage.text)
        assert list(hit.spans) == sorted(hit.spans)


@SEARCH
@given(st.text(max_size=30))
def test_search_on_arbitrary_text_raises_nothing_but_invalid_query(query: str) -> None:
    try:
        hits = BUNDLED.search(query)
    except corpus.InvalidQuery:
        return
    assert all(0 <= s < e <= len(h.passage.text) for h in hits for s, e in h.spans)


@SEARCH
@given(st.data())
def test_any_run_of_words_copied_from_a_passage_finds_it_as_a_phrase(
    data: st.DataObject,
) -> None:
    passage = data.draw(st.sampled_from(ARTICLE))
    words = tokens(passage.text)
    start = data.draw(st.integers(0, len(words) - 1))
    length = data.draw(st.integers(1, min(6, len(words) - start)))
    printed = [passage.text[s:e] for _, s, e in words[start : start + length]]
    phrase = '"' + " ".join(printed) + '"'
    hits = BUNDLED.search(phrase)
    assert passage.id in [h.passage.id for h in hits], phrase


@pytest.mark.timeout(120)
@settings(deadline=None, max_examples=12)
@given(st.text(alphabet="(.+*)?|#a\\w", min_size=1, max_size=12))
def test_a_regex_search_never_runs_longer_than_its_limit(pattern: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(corpus.QueryTimeout, corpus.InvalidQuery):
        BUNDLED.search(pattern, regex=True, timeout=0.3)
    # the limit is checked while matching, in this process
    assert time.perf_counter() - start < 0.3 + 0.5
