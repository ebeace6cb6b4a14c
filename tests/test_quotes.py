"""Quotations: speakers, sources, groups of renditions across texts, and word-level comparison."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID

STEREOTYPE = "sargsyan-stereotype"


def test_the_remark_quoted_in_four_texts_is_one_group_of_four_renditions(
    bundled: corpus.Corpus,
) -> None:
    group = bundled.quote_group(STEREOTYPE)
    assert [q.document_id for q in group.renditions] == ["boztepe", "ndnnews", "wiki", "huseynov"]
    assert {q.speaker for q in group.renditions} == {"serzh-sargsyan"}
    assert group.documents == ("boztepe", "ndnnews", "wiki", "huseynov")
    for quote in group.renditions:
        assert "joking with us" in corpus.text.collapse_whitespace(quote.text)
        assert bundled.passage(quote.passage_id).quotes.count(quote) == 1


def test_each_rendition_records_its_own_source(bundled: corpus.Corpus) -> None:
    sources = {q.document_id: q.source for q in bundled.quote_group(STEREOTYPE).renditions}
    assert sources == {
        "boztepe": "boztepe-note-3",
        "ndnnews": "black-garden",
        "wiki": "black-garden",
        "huseynov": "sargsyan-de-waal-interview",
    }


def test_no_rendition_borrows_a_source_from_another_text(bundled: corpus.Corpus) -> None:
    """The essay states neither the kind nor the date of Sargsyan's words: its named source is
    its own entry, with no date, not huseynov's interview of December 2000."""
    named = [c for c in bundled.passage("boztepe.10").citations if c.kind == "named"]
    assert named[0].text.startswith("The response of")
    statement = bundled.reference(named[0].reference_id)
    assert (statement.kind, statement.date) == ("statement", None)
    interview = bundled.reference("sargsyan-de-waal-interview")
    assert (interview.kind, interview.date) == ("interview", "2000-12")
    assert {c.passage_id for c in bundled.citations(interview)} == {"huseynov.4"}


def test_compare_reports_the_differing_words(bundled: corpus.Corpus) -> None:
    comparison = bundled.compare(STEREOTYPE, "boztepe", "huseynov")
    assert (comparison.left.document_id, comparison.right.document_id) == ("boztepe", "huseynov")
    assert "Before Khojaly" in comparison.added
    assert "needed" in comparison.added
    assert "put a stop to all" in comparison.added
    assert "were able" in comparison.dropped
    assert "stereotype" in comparison.dropped
    assert ("thats", "that’s") in [(c.left, c.right) for c in comparison.differences]
    # the words both share are aligned, not reported
    equal = " ".join(c.left for c in comparison.changes if c.op == "equal")
    assert "Azerbaijanis thought that they were joking with us" in equal


def test_compare_folds_case_quotes_and_spaces_but_not_wording(bundled: corpus.Corpus) -> None:
    comparison = bundled.compare(STEREOTYPE, "ndnnews", "wiki")
    differences = [(c.left, c.right) for c in comparison.differences]
    # "Before" / "before" and the no-break spaces of ndnnews do not count as differences
    assert differences[0] == ("Khojaly", "Khojali the")
    assert differences[-1][1].startswith("And we should also take into account")


def test_compare_rebuilds_each_rendition_from_its_steps(bundled: corpus.Corpus) -> None:
    for left in bundled.quote_group(STEREOTYPE).renditions:
        for right in bundled.quote_group(STEREOTYPE).renditions:
            comparison = bundled.compare(STEREOTYPE, left.id, right.id)
            rebuilt_left = " ".join(c.left for c in comparison.changes if c.left)
            rebuilt_right = " ".join(c.right for c in comparison.changes if c.right)
            assert rebuilt_left == " ".join(corpus.text.words(left.text))
            assert rebuilt_right == " ".join(corpus.text.words(right.text))
            assert bool(comparison.differences) == (left.id != right.id)


def test_compare_defaults_to_the_first_two_renditions_and_names_what_is_missing(
    bundled: corpus.Corpus,
) -> None:
    comparison = bundled.compare(STEREOTYPE)
    assert (comparison.left.id, comparison.right.id) == ("boztepe.q2", "ndnnews.q1")
    with pytest.raises(corpus.NotFound, match=r"no rendition 'embassy'.*boztepe\.q2 \(boztepe\)"):
        bundled.compare(STEREOTYPE, "embassy")
    with pytest.raises(corpus.NotFound, match="the groups are: sargsyan-stereotype"):
        bundled.compare("no-such-group")


def test_largest_massacre_group(bundled: corpus.Corpus) -> None:
    group = bundled.quote_group("largest-massacre")
    assert [(q.document_id, q.marked) for q in group.renditions] == [
        ("boztepe", False),
        ("wiki", True),
        ("huseynov", True),
    ]
    assert {q.text for q in group.renditions} == {"the largest massacre to date in the conflict"}
    assert bundled.compare(group).differences == ()


def test_every_quotation_in_the_files_is_read_with_its_id(
    bundled: corpus.Corpus, text_files: list[Path]
) -> None:
    """Every q/quote in a text and every interview turn with a speaker is a Quote."""
    ids = []
    for file in text_files:
        text = etree.parse(str(file)).find(f"{TEI}text")
        ids += [e.get(XML_ID) for e in text.iter(f"{TEI}q", f"{TEI}quote", f"{TEI}sp")]
    assert sorted(q.id for q in bundled.quotes()) == sorted(ids)
    assert len(ids) == len(set(ids))


def test_inline_quotation_spans_are_their_text(bundled: corpus.Corpus) -> None:
    for quote in bundled.quotes():
        passage = bundled.passage(quote.passage_id)
        assert quote.document_id == passage.document_id
        if quote.kind == "inline":
            assert quote.span is not None
            assert passage.text[quote.span[0] : quote.span[1]] == quote.text
        else:
            assert quote.span is None
            assert all(quote in bundled.passage(p).quotes for p in quote.passages)


def test_speakers_and_sources_resolve(bundled: corpus.Corpus) -> None:
    works = {w.id for w in bundled.references()}
    for quote in bundled.quotes():
        if quote.speaker is not None:
            assert bundled.actor(quote.speaker).id == quote.speaker
        assert quote.source is None or quote.source in works


def test_quotes_filter_by_speaker_spelling_group_and_source(bundled: corpus.Corpus) -> None:
    by_spelling = bundled.quotes(speaker="Sarkisian")
    assert by_spelling == bundled.quotes(speaker="serzh-sargsyan")
    assert [q.id for q in by_spelling] == [
        "boztepe.q2",
        "ndnnews.q1",
        "wiki.q6",
        "wiki.q7",
        "huseynov.q1",
    ]
    assert [q.id for q in bundled.quotes(group=STEREOTYPE, source="black-garden")] == [
        "ndnnews.q1",
        "wiki.q7",
    ]
    hrw = bundled.quotes(speaker="Human Rights Watch")
    assert {q.document_id for q in hrw} == {"boztepe", "ndnnews", "wiki", "huseynov"}
    with pytest.raises(corpus.NotFound):
        bundled.quotes(speaker="Nobody Atall")


def test_block_quotations_and_interview_turns(bundled: corpus.Corpus) -> None:
    fatullayev = bundled.quote("wiki.q8")
    assert (fatullayev.kind, fatullayev.passages) == ("block", ("wiki.19", "wiki.20"))
    assert fatullayev.speaker == "eynulla-fatullayev"
    assert fatullayev.source == "karabakh-diary"
    assert fatullayev.text.split("\n")[1].startswith("When I was in Askeran")
    turns = [q for q in bundled.quotes(source="mutalibov-mazalova-interview") if q.kind == "turn"]
    assert [q.speaker for q in turns] == ["dana-mazalova", "ayaz-mutalibov"] * 4
    assert {q.cert for q in turns if q.speaker == "dana-mazalova"} == {"medium"}
    answer = bundled.quote("wiki.t2")
    assert answer.passages == ("wiki.31", "wiki.32", "wiki.33", "wiki.34", "wiki.35")
    assert answer.text.startswith("As the Khojali inhabitants")  # the "Answer:" label is not speech
    nested = bundled.quote("wiki.q10")
    assert nested.passage_id == "wiki.35"
    assert nested.speaker == "ayaz-mutalibov"


def test_quotation_marks_and_unmarked_quotations(bundled: corpus.Corpus) -> None:
    unmarked = [q.id for q in bundled.quotes() if not q.marked]
    assert unmarked == ["boztepe.q1", "boztepe.q2", "embassy.q1"]
    izvestia = bundled.quote("embassy.q3")
    assert izvestia.speaker is None
    assert izvestia.source == "izvestia-report"
    assert izvestia.text.startswith("….from time to time")


def test_unknown_quote_id(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.NotFound, match=r"quotation ids are DOC\.qN"):
        bundled.quote("wiki.q999")
