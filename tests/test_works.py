"""Cited works and citations: the register, numbered markers, named sources, one entry per work."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import attrs
import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID

MARKER = re.compile(r"\[(\d+)\]")


def _passage_of(element: etree._Element) -> str:
    """The id of the passage an element stands in, read from the XML."""
    tags = {f"{TEI}{t}" for t in ("head", "p", "ab", "item", "note", "byline")}
    return next(e.get(XML_ID) for e in element.iterancestors() if e.tag in tags)


def test_every_numeric_marker_in_every_text_resolves_to_a_registered_work(
    bundled: corpus.Corpus, text_files: list[Path]
) -> None:
    """Each [n] marker and n.m back-link in the XML is a citation of a work in the register."""
    registered = {w.id for w in bundled.references()}
    seen = 0
    for file in text_files:
        tree = etree.parse(str(file))
        for marker in tree.iter(f"{TEI}ref"):
            if marker.get("type") not in ("noteAnchor", "backlink"):
                continue
            seen += 1
            passage = bundled.passage(_passage_of(marker))
            found = [
                c
                for c in passage.citations
                if c.text == marker.text and c.kind in ("marker", "backlink")
            ]
            assert found, f"{file.name}:{marker.sourceline} {marker.text} cites nothing"
            assert all(c.reference_id in registered for c in found)
    assert seen == sum(1 for c in bundled.citations() if c.kind in ("marker", "backlink"))


def test_marker_count_per_text_matches_the_printed_markers(bundled: corpus.Corpus) -> None:
    """No printed [n] is left untagged: the markers in the text equal the marker citations."""
    for document in bundled.documents:
        for passage in document.article_passages():
            printed = MARKER.findall(passage.text)
            cited = [c.text for c in passage.citations if c.kind == "marker"]
            assert [f"[{n}]" for n in printed] == cited, passage.id


def test_markers_are_as_many_as_the_captures_print(bundled: corpus.Corpus, data_dir: Path) -> None:
    markers = Counter(
        bundled.passage(c.passage_id).document_id for c in bundled.citations() if c.kind == "marker"
    )
    for document in bundled.documents:
        capture = (data_dir / "sources" / document.source.capture).read_text("utf-8")
        assert markers[document.id] == len(MARKER.findall(capture)), document.id
    assert markers == {"boztepe": 5, "wiki": 23}
    backlinks = [c.text for c in bundled.citations() if c.kind == "backlink"]
    assert backlinks == ["6.0", "6.1", "6.2", "10.0", "10.1"]


def test_wiki_markers_lead_through_their_note_to_its_work(bundled: corpus.Corpus) -> None:
    """[6] in wiki.7 points at note wiki.52, whose reference is Black Garden."""
    (citation,) = [c for c in bundled.passage("wiki.7").citations if c.text == "[6]"]
    assert (citation.note, citation.reference_id) == ("wiki.52", "black-garden")
    note = bundled.passage("wiki.52")
    assert [c.reference_id for c in note.citations if c.kind == "bibliography"] == ["black-garden"]
    assert [(c.text, c.passage_id) for c in note.citations if c.kind == "backlink"] == [
        ("6.0", "wiki.52"),
        ("6.1", "wiki.52"),
        ("6.2", "wiki.52"),
    ]


def test_back_links_point_at_the_passages_holding_their_markers(
    bundled: corpus.Corpus, data_dir: Path
) -> None:
    tree = etree.parse(str(data_dir / "texts" / "wiki.xml"))
    for link in tree.iter(f"{TEI}ref"):
        if link.get("type") != "backlink":
            continue
        note_number = link.get("n").split(".")[0]
        target = bundled.passage(link.get("target").lstrip("#"))
        assert f"[{note_number}]" in target.text, link.get("n")


def test_every_work_has_at_least_one_citation(bundled: corpus.Corpus) -> None:
    for work in bundled.references():
        assert bundled.citations(work), work.id


@pytest.mark.parametrize(
    ("work", "documents"),
    [
        ("black-garden", ["ndnnews", "wiki"]),
        ("unsc-resolution-822", ["boztepe", "embassy"]),
        ("unsc-resolution-884", ["boztepe", "embassy"]),
    ],
)
def test_a_work_cited_by_several_texts_is_one_entry_cited_from_each(
    bundled: corpus.Corpus, work: str, documents: list[str]
) -> None:
    assert [d.id for d in bundled.cited_by(work)] == documents
    forms = bundled.reference(work).forms
    assert sorted({f.document_id for f in forms}) == documents


def test_no_two_entries_describe_the_same_titled_work(bundled: corpus.Corpus) -> None:
    titled = [(w.kind, w.title, w.periodical, w.date) for w in bundled.references() if w.title]
    assert len(titled) == len(set(titled))


def test_notes_printing_the_same_reference_share_one_entry(bundled: corpus.Corpus) -> None:
    """Notes 14 and 17, and 8 and 16, print one work each; 5 and 9 print one title."""
    pairs = [("wiki.60", "wiki.63"), ("wiki.54", "wiki.62"), ("wiki.51", "wiki.55")]
    for first, second in pairs:
        a, b = (
            {c.reference_id for c in bundled.passage(p).citations if c.kind == "bibliography"}
            for p in (first, second)
        )
        assert len(a) == 1, (first, second)
        assert a == b, (first, second)


def test_fields_are_as_the_texts_state_them(bundled: corpus.Corpus) -> None:
    black_garden = bundled.reference("black-garden")
    assert black_garden.kind == "book"
    assert black_garden.authors == ("Thomas De Waal",)
    assert black_garden.author_ids == ("thomas-de-waal",)
    assert (black_garden.publisher, black_garden.date) == ("NYU Press", "2004")
    assert black_garden.identifiers == (("ISBN", "0-8147-1945-7"),)
    pope = bundled.reference("sons-of-the-conquerors")
    assert (pope.place, pope.publisher, pope.identifiers) == (
        "New York",
        "The Overlook Press",
        (("ISBN-10", "1-58567-804-X"),),
    )
    article_2 = bundled.reference("genocide-convention-article-2")
    assert article_2.part_of == "genocide-convention"
    assert bundled.reference("memorial-report").language == "ru"


def test_a_work_named_only_vaguely_has_what_is_known_and_no_invented_fields(
    bundled: corpus.Corpus,
) -> None:
    report = bundled.reference("hrw-report")
    assert (report.title, report.date, report.publisher) == (None, None, None)
    assert report.authors == ("Human Rights Watch",)
    assert "title and date are not stated" in report.description
    assert [c.text for c in bundled.citations(report)] == ["The Human Rights Watch report"]


def test_markers_without_note_text_link_to_entries_saying_so(bundled: corpus.Corpus) -> None:
    absent = bundled.references("absent-note")
    assert [w.id for w in absent] == [f"boztepe-note-{n}" for n in range(1, 6)] + [
        "wiki-fatullayev-note-1"
    ]
    for work in absent:
        assert (work.title, work.authors, work.date) == (None, (), None)
        assert "so what" in work.description
        assert "is not known" in work.description
        (citation,) = bundled.citations(work)
        assert citation.kind == "marker"
        assert citation.note is None
    assert [c.text for c in bundled.citations("boztepe-note-3")] == ["[3]"]


def test_named_sources_keep_their_printed_form_typos_included(bundled: corpus.Corpus) -> None:
    (le_monde,) = bundled.citations("le-monde-1992-03-14")
    assert (le_monde.text, le_monde.kind) == ("Le Mond, 14 March 1992", "named")
    assert [c.text for c in bundled.citations("unsc-resolution-822")] == [
        "The first one (No. 822)",
        "the resolution 822",
        "UN Security Council resolutions 822, 853, 874, 884",
    ]
    assert [c.text for c in bundled.citations("genocide-convention-article-2")] == [
        "Article 2 of the Convention on the Prevention and Punishment of the Crime of Genocide"
    ]


def test_every_citation_span_is_its_printed_text(bundled: corpus.Corpus) -> None:
    for citation in bundled.citations():
        start, end = citation.span
        assert bundled.passage(citation.passage_id).text[start:end] == citation.text


def test_forms_list_each_documents_printed_form(bundled: corpus.Corpus) -> None:
    forms = {(f.document_id, f.text) for f in bundled.reference("black-garden").forms}
    texts = dict(forms)
    assert set(texts) == {"ndnnews", "wiki"}
    assert "Black\xa0Garden:" in texts["ndnnews"]  # the no-break spaces of the capture stay
    assert texts["wiki"].startswith("Thomas De Waal. Black Garden")


def test_references_by_kind_and_unknown_lookups(bundled: corpus.Corpus) -> None:
    kinds = Counter(w.kind for w in bundled.references())
    assert sum(kinds.values()) == len(bundled.references())
    assert all(k in corpus.works.REFERENCE_KINDS for k in kinds)
    assert [w.id for w in bundled.references("convention")] == ["genocide-convention"]
    with pytest.raises(corpus.NotFound, match="no reference kind 'novel'"):
        bundled.references("novel")
    with pytest.raises(corpus.NotFound, match="closest ids: black-garden"):
        bundled.reference("black-gardens")
    with pytest.raises(KeyError):
        bundled.citations("nothing-like-this")


def test_reference_values_are_frozen(bundled: corpus.Corpus) -> None:
    work = bundled.reference("black-garden")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        work.title = "x"  # type: ignore[misc]
    citation = bundled.citations(work)[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        citation.text = "x"  # type: ignore[misc]


def test_a_work_without_title_reads_as_what_is_known(bundled: corpus.Corpus) -> None:
    assert str(bundled.reference("black-garden")).startswith("Black Garden")
    assert str(bundled.reference("hrw-report")) == "Human Rights Watch, report"
    assert str(bundled.reference("nyt-1992-03-05")) == "New York Times, article, March 5, 1992"
    absent = bundled.reference("boztepe-note-1")
    assert str(absent) == "boztepe-note-1 (note text not in the source)"


def test_works_named_in_editors_requests_are_named_citations(bundled: corpus.Corpus) -> None:
    """Only the numbered reference notes hold bibliography citations."""
    kinds = {(c.passage_id, c.kind, c.text) for c in bundled.citations("my-brothers-road")}
    assert kinds == {
        ("wiki.15", "marker", "[13]"),
        ("wiki.24", "named", "My Brother's Road"),
        ("wiki.59", "bibliography", bundled.passage("wiki.59").text.removeprefix("13. ")),
    }
    for citation in bundled.citations():
        if citation.kind == "bibliography":
            assert bundled.passage(citation.passage_id).kind == "note"
