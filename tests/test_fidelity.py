"""Every character of every source survives: the TEI reproduces the captures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import corpus
from corpus.text import collapse_whitespace

ROOT = Path(__file__).resolve().parents[1]
CAPTURES = sorted((ROOT / "corpus_data" / "sources").glob("*.txt"))


def test_there_is_one_capture_per_document(bundled: corpus.Corpus) -> None:
    assert sorted(d.source.capture for d in bundled.documents) == [c.name for c in CAPTURES]


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda p: p.name[:3])
def test_source_text_equals_the_capture_up_to_whitespace(
    bundled: corpus.Corpus, capture: Path
) -> None:
    document = next(d for d in bundled.documents if d.source.capture == capture.name)
    original = capture.read_text(encoding="utf-8")
    assert collapse_whitespace(document.source_text()) == collapse_whitespace(original)


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda p: p.name[:3])
def test_captures_in_the_project_are_byte_identical_to_shared_seeds(
    shared_seeds: Path, capture: Path
) -> None:
    assert capture.read_bytes() == (shared_seeds / capture.name).read_bytes()


def test_shared_seeds_have_no_capture_missing_from_the_project(shared_seeds: Path) -> None:
    assert sorted(p.name for p in shared_seeds.glob("*.txt")) == [c.name for c in CAPTURES]


def test_passages_cover_the_whole_source_text(bundled: corpus.Corpus) -> None:
    for document in bundled.documents:
        joined = " ".join(p.text for p in document.passages)
        assert collapse_whitespace(joined) == collapse_whitespace(document.source_text())


def test_no_break_spaces_survive_in_passage_text(bundled: corpus.Corpus) -> None:
    """The embassy article on NDNnews is set with no-break spaces; they are kept."""
    for document in bundled.documents:
        capture = (ROOT / "corpus_data" / "sources" / document.source.capture).read_text("utf-8")
        kept = sum(p.text.count("\u00a0") for p in document.passages)
        assert (kept > 0) == ("\u00a0" in capture), document.id


def test_hard_wrapped_lines_are_joined_into_paragraphs(bundled: corpus.Corpus) -> None:
    document = bundled.document("ndnnews")
    longest = max(document.passages, key=lambda p: len(p.text))
    assert "\n" not in longest.text
    assert longest.text.count("\u00a0") > 100
    assert "\n" in document.source_text()


def test_corrections_stand_beside_the_printed_form_and_are_not_applied(
    bundled: corpus.Corpus,
) -> None:
    wiki = bundled.document("wiki")
    assert "Fatullayev Acount" in wiki.source_text()
    assert "Fatullayev Account" not in wiki.source_text()
    assert any(p.text == "Fatullayev Acount" for p in wiki.passages)
    assert "causalities" in bundled.document("boztepe").source_text()


def test_typos_and_transliterations_stay_as_printed(bundled: corpus.Corpus) -> None:
    embassy = bundled.document("embassy").source_text()
    for printed in ("According to Le Mond, 14 March 1992", "Iravan’s policy", "kilometr west"):
        assert printed in embassy.replace("\u00a0", " ")


def test_website_debris_is_kept_and_marked_boilerplate(bundled: corpus.Corpus) -> None:
    marked = {
        "wiki": ("Help someone in Armenia today", "Jump to: navigation, search"),
        "huseynov": ("You Might Also Like",),
        "embassy": ("© Copyright EMBASSY OF THE REPUBLIC OF AZERBAIJAN",),
        "ndnnews": ("이 기사를 공유합니다", "해당 언어로 번역 중 입니다."),
    }
    for doc_id, starts in marked.items():
        passages = bundled.document(doc_id).passages
        for start in starts:
            hits = [p for p in passages if p.text.startswith(start)]
            assert hits, (doc_id, start)
            assert all(p.boilerplate for p in hits), (doc_id, start)


def test_repeated_titles_are_boilerplate_and_the_first_title_is_not(
    bundled: corpus.Corpus,
) -> None:
    for doc_id in ("boztepe", "ndnnews"):
        document = bundled.document(doc_id)
        same = [p for p in document.passages if collapse_whitespace(p.text) == document.title]
        assert len(same) >= 2
        assert not same[0].boilerplate
        assert all(p.boilerplate for p in same[1:])


def test_korean_interface_strings_are_tagged_and_translated(bundled: corpus.Corpus) -> None:
    korean = [
        p
        for d in bundled.documents
        for p in d.passages
        if any("\uac00" <= ch <= "\ud7a3" for ch in p.text)
    ]
    assert len(korean) == 8
    for passage in korean:
        assert passage.lang == "ko"
        assert passage.boilerplate
        assert passage.translation


def test_editorial_to_do_lines_are_kept_as_the_sources_own_notes(
    bundled: corpus.Corpus,
) -> None:
    wiki = bundled.document("wiki")
    todo = [
        p for p in wiki.passages if p.text.startswith(("Please add account", "NEED", "Add account"))
    ]
    assert len(todo) == 3
    assert all(p.kind == "note" and not p.boilerplate for p in todo)


def test_interview_turns_keep_questions_and_answers(bundled: corpus.Corpus) -> None:
    wiki = bundled.document("wiki")
    turns: dict[str, list[corpus.Passage]] = {}
    for passage in wiki.passages:
        if passage.turn:
            turns.setdefault(passage.turn, []).append(passage)
    firsts = [group[0].text.split(" ", 1)[0] for group in turns.values()]
    assert firsts == ["Question:", "Answer:"] * 4
    assert len(turns["wiki.t2"]) == 5  # the first answer runs over five paragraphs


def test_numbered_notes_keep_their_numbers(bundled: corpus.Corpus) -> None:
    numbered = [re.match(r"(\d+)\. ", p.text) for p in bundled.document("wiki").passages]
    assert [int(m[1]) for m in numbered if m] == list(range(1, 20))
