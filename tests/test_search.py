"""Search over the real corpus: folding, phrases across layout and markup, filters, results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus
from corpus.text import tokens


def _ids(hits: corpus.Hits) -> list[str]:
    return [h.passage.id for h in hits]


# ------------------------------------------------------------------ matching what was printed


def test_a_phrase_wrapped_over_a_hard_line_break_is_found(bundled: corpus.Corpus) -> None:
    """boztepe.5 prints "… with <lb/>Armenian majority": the capture breaks the line there."""
    assert "with \nArmenian majority" in bundled.document("boztepe").source_text()
    hits = bundled.search('"Azerbaijan SSR with Armenian majority"')
    assert _ids(hits) == ["boztepe.5"]
    (span,) = hits[0].spans
    assert hits[0].passage.text[span[0] : span[1]] == "Azerbaijan SSR with Armenian majority"


def test_a_line_end_hyphen_does_not_split_a_phrase(bundled: corpus.Corpus) -> None:
    assert _ids(bundled.search('"newly-independent countries"')) == ["boztepe.6"]


def test_a_phrase_printed_with_no_break_spaces_is_found_with_ordinary_spaces(
    bundled: corpus.Corpus,
) -> None:
    passage = bundled.passage("ndnnews.14")
    assert "Black\xa0Garden" in passage.text
    hits = bundled.search('"Black Garden: Armenia and Azerbaijan"')
    assert "ndnnews.14" in _ids(hits)
    match = dict(zip(_ids(hits), (h.matches for h in hits), strict=True))["ndnnews.14"]
    assert match == ("Black\xa0Garden:\xa0Armenia\xa0and\xa0Azerbaijan",)


def test_a_name_with_a_dotless_i_is_found_by_typing_i(bundled: corpus.Corpus) -> None:
    hits = bundled.search("Xocali")
    assert _ids(hits) == ["ndnnews.12"]
    assert hits[0].matches == ("Xocalı",)
    (both,) = bundled.search('"Organization of Islamic Cooperation"')
    assert both.matches == (
        "Organization of Islamic Cooperation",
        "Organization of İslamic Cooperation",
    )


def test_accented_words_are_found_unaccented(bundled: corpus.Corpus) -> None:
    assert _ids(bundled.search("vis-a-vis")) == ["embassy.15"]
    assert bundled.search('"vis a vis"')[0].matches == ("vis-à-vis",)
    assert _ids(bundled.search("communique")) == ["embassy.15"]
    assert bundled.search("Communique")[0].matches == ("Communiqué",)


def test_case_quotes_and_dashes_are_folded(bundled: corpus.Corpus) -> None:
    curly = bundled.search("that’s what happened")
    straight = bundled.search("that's what happened")
    assert _ids(curly) == _ids(straight)
    assert {"ndnnews.14", "huseynov.4"} <= set(_ids(straight))
    assert _ids(bundled.search("KHOJALY events")) == _ids(bundled.search("khojaly EVENTS"))
    assert _ids(bundled.search('"500-1,000"')) == _ids(bundled.search('"500–1,000"')) == ["wiki.44"]


def test_a_phrase_runs_through_a_name_and_a_correction(bundled: corpus.Corpus) -> None:
    """Inline markup (a name inside sic, inside a citation) does not break a phrase."""
    hits = bundled.search('"According to Le Mond, 14 March 1992 Azerbaijan was"')
    assert _ids(hits) == ["embassy.10"]


def test_a_correction_finds_the_printed_form(bundled: corpus.Corpus) -> None:
    hits = bundled.search("casualties")
    assert "boztepe.6" in _ids(hits)
    by_id = {h.passage.id: h for h in hits}
    assert by_id["boztepe.6"].matches == ("causalities",)  # what was printed, highlighted
    assert _ids(bundled.search("causalities")) == ["boztepe.6"]
    assert _ids(bundled.search('"Le Monde, 14 March"')) == ["embassy.10"]


def test_phrases_keep_word_order(bundled: corpus.Corpus) -> None:
    assert _ids(bundled.search('"humanitarian corridor"')) == ["wiki.19"]
    assert _ids(bundled.search('"corridor humanitarian"')) == []


# ------------------------------------------------------------------ the query language


def test_bare_words_must_all_occur(bundled: corpus.Corpus) -> None:
    both = set(_ids(bundled.search("genocide corridor")))
    assert both == set(_ids(bundled.search("genocide"))) & set(_ids(bundled.search("corridor")))


def test_or_groups_and_exclusion(bundled: corpus.Corpus) -> None:
    sargsyan = set(_ids(bundled.search("Sargsyan")))
    sarkisian = set(_ids(bundled.search("Sarkisian")))
    assert set(_ids(bundled.search("Sargsyan OR Sarkisian"))) == sargsyan | sarkisian
    assert set(_ids(bundled.search("Sargsyan -Sarkisian"))) == sargsyan - sarkisian
    grouped = set(_ids(bundled.search("(Sargsyan OR Sarkisian) stereotype")))
    assert grouped == (sargsyan | sarkisian) & set(_ids(bundled.search("stereotype")))
    assert grouped == {"boztepe.10", "ndnnews.14", "wiki.16"}


def test_a_prefix_matches_every_continuation(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocid*")
    words = {m.casefold() for h in hits for m in h.matches}
    assert words == {"genocide", "genocidal", "genocides"}


def test_an_exclusion_alone_keeps_every_other_article_passage(bundled: corpus.Corpus) -> None:
    article = [p for p in bundled.passages() if not p.boilerplate]
    hits = bundled.search("-genocide")
    assert len(hits) == len(article) - len(bundled.search("genocide"))


@pytest.mark.parametrize(
    ("query", "position", "expected"),
    [
        ('"unclosed phrase', 0, "not closed"),
        ("genocide nope:x", 9, "unknown field 'nope'"),
        ("genocide ()", 9, "group is empty"),
        ("(genocide", 0, "not closed"),
        ("genocide)", 8, "closes no group"),
        ("OR genocide", 0, "OR needs a term"),
        ("genocide OR", 9, "OR needs a term"),
        ("doc:", 0, "needs a value"),
        ("doc:nowhere", 0, "no document 'nowhere'"),
        ("genocide stance:pacifist", 9, "no stance 'pacifist'"),
        ("in:footnote", 0, "in:footnote is not a place"),
        ("date:199", 0, "not a year or a range"),
        ("actor:Sargysan", 0, "closest spellings: Sargsyan"),
        ("cites:black-gardens", 0, "closest ids: black-garden"),
        ("... !!", 0, "no letters or digits"),
        ("", 0, "empty"),
    ],
)
def test_a_malformed_query_names_its_position(
    bundled: corpus.Corpus, query: str, position: int, expected: str
) -> None:
    with pytest.raises(corpus.InvalidQuery) as caught:
        bundled.search(query)
    assert caught.value.position == position
    assert expected in str(caught.value)
    assert f"column {position + 1}:" in str(caught.value)
    assert isinstance(caught.value, ValueError)


# ------------------------------------------------------------------ filters


def test_filter_by_document(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide doc:wiki")
    assert {h.passage.document_id for h in hits} == {"wiki"}
    assert _ids(hits) == _ids(bundled.search("genocide", doc="wiki"))
    assert _ids(hits) == ["wiki.45", "wiki.46", "wiki.65"]


def test_filter_by_stance_takes_an_id_a_short_id_or_a_label(bundled: corpus.Corpus) -> None:
    expected = ["wiki.45", "wiki.46", "wiki.65"]
    for value in ("multi", "stance.multi", '"multi-perspective"'):
        assert _ids(bundled.search(f"genocide stance:{value}")) == expected
    genocide_texts = {d.id for d in bundled.documents if d.stance.id == "stance.genocide"}
    hits = bundled.search("massacre", stance="genocide")
    assert {h.passage.document_id for h in hits} == genocide_texts
    assert _ids(bundled.search("massacre stance:combat")) == []  # a category no text takes


def test_filter_by_genre_returns_exactly_the_passages_of_those_texts(
    bundled: corpus.Corpus,
) -> None:
    statements = [d for d in bundled.documents if d.genre.id == "genre.statement"]
    assert [d.id for d in statements] == ["ndnnews", "embassy"]
    expected = [
        p.id
        for d in statements
        for p in d.passages
        if not p.boilerplate and "armenia" in {w for w, _, _ in tokens(p.text)}
    ]
    hits = bundled.search('genre:"official statement" Armenia')
    assert _ids(hits) == expected
    assert _ids(bundled.search("Armenia", genre=["statement"])) == expected


def test_a_bad_keyword_filter_names_the_argument(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.InvalidQuery, match=r"no document 'nope'(.|\n)*doc='nope'"):
        bundled.search("genocide", doc="nope")
    with pytest.raises(corpus.InvalidQuery, match="unknown filter 'colour'"):
        bundled.search("genocide", colour="red")
    with pytest.raises(corpus.InvalidQuery, match="in_='footnote'"):
        bundled.search("genocide", in_="footnote")


def test_keyword_filters_take_several_values_as_any_of_them(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide", doc=["wiki", "boztepe"])
    assert {h.passage.document_id for h in hits} == {"wiki", "boztepe"}


def test_filter_by_actor_uses_any_spelling(bundled: corpus.Corpus) -> None:
    by_filter = _ids(bundled.search("actor:Sarkisian"))
    assert by_filter == [p.id for p in bundled.passages(actor="serzh-sargsyan")]
    assert by_filter == _ids(bundled.search('actor:"Serge Sarkisian"'))


def test_filters_by_citation_speaker_and_voice(bundled: corpus.Corpus) -> None:
    assert _ids(bundled.search("cites:black-garden")) == [
        "ndnnews.14",
        "wiki.7",
        "wiki.8",
        "wiki.16",
        "wiki.52",
    ]
    assert _ids(bundled.search("speaker:Sarkisian")) == [
        "boztepe.10",
        "ndnnews.14",
        "wiki.16",
        "huseynov.4",
    ]
    assert _ids(bundled.search("voice:witness")) == ["wiki.19", "wiki.22", "wiki.31"]
    assert "wiki.12" in _ids(bundled.search('voice:"Armenian side"'))
    assert _ids(bundled.search("corridor voice:eynulla-fatullayev")) == [
        "wiki.19",
        "wiki.20",
        "wiki.22",
    ]


def test_filter_by_date_overlaps_each_texts_date(bundled: corpus.Corpus) -> None:
    # boztepe is dated 2015, wiki 2008 to 2018, embassy not before 2013 (no upper bound)
    assert {h.passage.document_id for h in bundled.search("Khojaly date:2015")} == {
        "boztepe",
        "wiki",
        "embassy",
    }
    assert {h.passage.document_id for h in bundled.search("Khojaly date:1990..2010")} == {"wiki"}
    assert {h.passage.document_id for h in bundled.search("Khojaly date:2016..2018")} == {
        "ndnnews",
        "wiki",
        "embassy",
    }


def test_filter_by_language(bundled: corpus.Corpus) -> None:
    korean = bundled.search("in:boilerplate lang:ko")
    assert {h.passage.document_id for h in korean} == {"ndnnews"}
    assert len(korean) == 8


def test_boilerplate_is_excluded_unless_asked_for(bundled: corpus.Corpus) -> None:
    assert "wiki.3" not in _ids(bundled.search("navigation"))
    assert _ids(bundled.search("navigation in:boilerplate")) == ["wiki.3"]
    assert "boztepe.3" in _ids(bundled.search("anniversary", in_="boilerplate"))


def test_in_head_note_and_quote(bundled: corpus.Corpus) -> None:
    assert _ids(bundled.search("massacre in:head")) == [
        "boztepe.1",
        "boztepe.4",
        "wiki.2",
        "wiki.9",
    ]
    assert all(h.passage.kind == "note" for h in bundled.search("Human in:note"))
    quoted = bundled.search("stereotype in:quote")
    assert _ids(quoted) == ["boztepe.10", "ndnnews.14", "wiki.16"]
    for hit in quoted:  # every highlighted span lies inside a quotation of the passage
        ranges = [q.span for q in hit.passage.quotes if q.span]
        assert all(any(a <= s and e <= b for a, b in ranges) for s, e in hit.spans)
    # "Sargsyan" in boztepe.10 stands outside the quotation
    assert "boztepe.10" not in _ids(bundled.search("Sargsyan in:quote"))


# ------------------------------------------------------------------ results


def test_hits_are_in_corpus_order_and_slice_to_hits(bundled: corpus.Corpus) -> None:
    order = [p.id for p in bundled.passages()]
    hits = bundled.search("Khojaly")
    positions = [order.index(i) for i in _ids(hits)]
    assert positions == sorted(positions)
    assert isinstance(hits[1:3], corpus.Hits)
    assert _ids(hits[1:3]) == _ids(hits)[1:3]
    assert isinstance(hits[0], corpus.Hit)
    assert [d.id for d in hits.documents()] == ["boztepe", "ndnnews", "wiki", "huseynov", "embassy"]


def test_count_by_stance_document_genre_and_voice(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide")
    by_document = hits.count_by("document")
    assert sum(by_document.values()) == len(hits)
    by_stance = hits.count_by("stance")
    assert by_stance["multi-perspective"] == by_document["wiki"]
    assert sum(by_stance.values()) == len(hits)
    assert hits.count_by("genre")["official statement"] == by_document.get(
        "ndnnews", 0
    ) + by_document.get("embassy", 0)
    matches = hits.count_by("document", matches=True)
    assert sum(matches.values()) == sum(len(h.spans) for h in hits)
    voices = bundled.search("massacre").count_by("voice")
    assert voices["human-rights-watch"] >= 3
    with pytest.raises(corpus.NotFound, match="count by one of"):
        hits.count_by("colour")


def test_records_are_plain_json(bundled: corpus.Corpus) -> None:
    records = bundled.search('"largest massacre"').to_records()
    assert json.loads(json.dumps(records)) == records
    assert [r["passage_id"] for r in records] == ["boztepe.8", "wiki.44", "huseynov.5"]
    assert records[0]["matches"] == ["largest massacre"]
    assert records[0]["stance"] == "genocide"


def test_concordance_shows_the_original_text_in_context(bundled: corpus.Corpus) -> None:
    lines = bundled.concordance("Xocali", width=15)
    assert len(lines) == 1
    line = lines[0]
    assert (line.passage_id, line.match) == ("ndnnews.12", "Xocalı")
    assert line.left.endswith("(or")
    assert str(line) == f"{line.left} [Xocalı] {line.right}"
    assert len(bundled.concordance("Khojaly")) == sum(
        len(h.spans) for h in bundled.search("Khojaly")
    )


def test_the_index_is_built_once_and_on_first_search() -> None:
    fresh = corpus.load(corpus.load().path, cache=False)  # a compiled corpus brings its index
    assert fresh._index is None
    fresh.search("Khojaly")
    index = fresh._index
    fresh.search("genocide")
    assert fresh._index is index


# ------------------------------------------------------------------ regular expressions


def test_regular_expressions_are_opt_in(bundled: corpus.Corpus) -> None:
    assert len(bundled.search(r"Kho\w+ly")) == 0  # read as the words kho, w, ly
    hits = bundled.search(r"Kho\w{2,3}ly", regex=True)
    assert {m for h in hits for m in h.matches} == {"Khojaly", "Khodjaly"}
    assert _ids(bundled.search(r"Kho\w+ly", regex=True, doc="embassy"))[0].startswith("embassy.")


def test_a_malformed_regex_is_an_invalid_query(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.InvalidQuery, match="not a valid regular expression"):
        bundled.search("Kho(ja", regex=True)
    with pytest.raises(corpus.InvalidQuery, match="the limit is 500"):
        bundled.search("a" * 501, regex=True)


#: Backtracks without end in the regex engine: lazy repeats inside a repeat, then a failing tail.
RUNAWAY = r"(\S+?\s*?)*\d\d\d\d\d\d\d\d\d"


@pytest.mark.timeout(20)
def test_a_runaway_regex_is_stopped_at_its_time_limit(bundled: corpus.Corpus) -> None:
    import time

    start = time.perf_counter()
    with pytest.raises(corpus.QueryTimeout, match=r"ran longer than 0\.5 s"):
        bundled.search(RUNAWAY, regex=True, timeout=0.5)
    assert time.perf_counter() - start < 1.5  # stopped in-process, close to its limit


def test_tokens_of_a_passage_find_it(bundled: corpus.Corpus) -> None:
    passage = bundled.passage("wiki.19")
    words = [w for w, _, _ in tokens(passage.text)][10:16]
    assert "wiki.19" in _ids(bundled.search('"' + " ".join(words) + '"'))


def test_loading_and_indexing_restore_the_garbage_collector(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    fresh = corpus.load(corpus.load().path)
    fresh.search("Khojaly")
    assert gc.isenabled()
    with pytest.raises(corpus.CorpusFileError):
        corpus.load(tmp_path)  # no corpus.xml: the error leaves the collector on
    assert gc.isenabled()


def test_loading_and_searching_leave_no_reference_cycles() -> None:
    """The collector is paused while loading: cycles would keep parsed XML trees alive."""
    import gc

    path = corpus.load().path
    corpus.load(path).search("Khojaly")  # the first search imports what it needs
    gc.collect()
    fresh = corpus.load(path)
    assert gc.collect() == 0
    fresh.search('"humanitarian corridor" stance:multi -doc:boztepe')
    fresh.concordance("corridor")
    assert gc.collect() == 0
