"""Source metadata and classification: stated or derived with evidence, never invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import corpus
from _support import TEI
from corpus.text import collapse_whitespace

FIELDS = ("author", "publisher", "date", "url")


def _stated(source: corpus.Source, field: str) -> bool:
    return {
        "author": bool(source.authors),
        "publisher": source.publisher is not None,
        "date": source.date.known,
        "url": source.url is not None,
    }[field]


@pytest.mark.parametrize("field", FIELDS)
def test_a_field_is_either_stated_or_recorded_as_unknown(
    bundled: corpus.Corpus, field: str
) -> None:
    for document in bundled.documents:
        assert _stated(document.source, field) != (field in document.source.unknown), document.id


def test_derived_dates_carry_certainty_and_evidence(bundled: corpus.Corpus) -> None:
    derived = [d for d in bundled.documents if d.source.date.derived]
    assert {d.id for d in derived} == {"boztepe", "wiki", "huseynov", "embassy"}
    for document in derived:
        assert document.source.date.cert in ("high", "medium", "low")
        assert document.source.date.evidence
        assert document.source.date.printed is None  # nothing printed: the value is worked out


def test_the_one_stated_date_is_printed_as_the_source_prints_it(bundled: corpus.Corpus) -> None:
    date = bundled.document("ndnnews").source.date
    assert (date.when, date.printed, date.derived) == ("2018-02-20", "2018.02.20 15:33", False)
    assert any(date.printed in p.text for p in bundled.document("ndnnews").passages)


def test_the_anniversary_date_is_worked_out_from_the_title(bundled: corpus.Corpus) -> None:
    document = bundled.document("boztepe")
    assert document.title.startswith("23rd ANNIVERSARY")
    assert int(document.source.date.when) == 1992 + 23
    assert "23rd ANNIVERSARY" in (document.source.date.evidence or "")


def test_stated_authors_and_publishers_occur_in_their_text(bundled: corpus.Corpus) -> None:
    for document in bundled.documents:
        text = collapse_whitespace(document.source_text()).casefold()
        for value in (*document.source.authors, document.source.publisher or ""):
            assert collapse_whitespace(value).casefold() in text, (document.id, value)


def test_every_evidence_quotation_occurs_in_the_passage_it_cites(
    bundled: corpus.Corpus, text_files: list[Path]
) -> None:
    checked = 0
    for file in text_files:
        header = etree.parse(str(file)).find(f"{TEI}teiHeader")
        for quote in header.iter(f"{TEI}quote"):
            passage = bundled.passage(quote.get("source").removeprefix("#"))
            printed = "".join(quote.itertext())
            assert printed in passage.text, (file.name, printed)  # an exact copy, spaces and all
            checked += 1
    assert checked >= 20


def test_stance_and_genre_have_certainty_and_evidence_citing_passages(
    bundled: corpus.Corpus,
) -> None:
    for document in bundled.documents:
        for value in (document.stance, document.genre):
            assert value.cert in ("high", "medium", "low"), document.id
            assert value.evidence, document.id
            assert value.passages, document.id
            for passage_id in value.passages:
                assert bundled.passage(passage_id).document_id == document.id


def test_event_names_are_read_off_each_text(bundled: corpus.Corpus) -> None:
    categories = {c.id for c in bundled.taxonomy("event-names")}
    for document in bundled.documents:
        assert document.event_names, document.id
        article = [p.text for p in document.article_passages()]
        for name in document.event_names:
            assert name.category in categories
            assert any(name.form in text for text in article), (document.id, name.form)


def test_only_the_multi_perspective_text_reports_names_it_does_not_use_itself(
    bundled: corpus.Corpus,
) -> None:
    """Other texts report names only where they also use them (quoting "the largest massacre")."""
    reported_only = set()
    for document in bundled.documents:
        own = {n.category for n in document.event_names if not n.reported}
        if {n.category for n in document.event_names if n.reported} - own:
            reported_only.add(document.id)
    assert reported_only == {"wiki"}
    own = {n.category for n in bundled.document("wiki").event_names if not n.reported}
    assert own == {"name.massacre"}
