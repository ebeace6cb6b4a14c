"""Proposed citations: the marker, title and author rules on captures written for these tests,
a draft's proposed citations in the API, the command and the TEI, and their review."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import draft_of, proposals_json
from corpus.proposing import WorkKey, citation_guesses
from corpus.text import tokens

CITING = (
    "According to Human Rights Watch[8], the town fell.\n\n"
    "Thomas de Waal wrote “Black Garden: Armenia and Azerbaijan through Peace and War” in 2004."
    "\n\n"
    "From the book of the Armenian author Daud Kheyriyan: “the corpses were burned”.\n"
)


def _work(work_id: str, kind: str, title: str, authors: tuple[str, ...], year: str) -> WorkKey:
    titles = [tuple(w for w, _, _ in tokens(t)) for t in (title, title.partition(":")[0])]
    return WorkKey(work_id, kind, tuple(dict.fromkeys(titles)), frozenset(authors), year)


WORKS = (
    _work("garden", "book", "Black Garden: Armenia and Azerbaijan through Peace and War",
          ("thomas-de-waal",), "2004"),
    _work("report-1992", "report", "Bloodshed in the Caucasus", ("human-rights-watch",), "1992"),
    _work("report-1993", "report", "World Report 1993", ("human-rights-watch",), "1993"),
    _work("resolution-822", "resolution", "Resolution 822", ("un-security-council",), "1993"),
)  # fmt: skip
HRW = "Human Rights Watch"


def _named(text: str, *mentions: tuple[int, int, str]) -> list[tuple[str, str | None, str]]:
    return [
        (g.text, g.work, g.cert)
        for g in citation_guesses(text, mentions, WORKS)
        if g.kind == "named"
    ]


def test_every_note_marker_is_proposed_without_a_work() -> None:
    guesses = citation_guesses("It fell.[8] Then [i.e., later] it burned.[10]")
    assert [(g.text, g.kind, g.n, g.work) for g in guesses] == [
        ("[8]", "marker", "8", None),
        ("[10]", "marker", "10", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He wrote Black Garden: Armenia and Azerbaijan through Peace and War in 2004.",
         [("Black Garden: Armenia and Azerbaijan through Peace and War", "garden", "medium")]),
        ("The book BLACK GARDEN: ARMENIA AND AZERBAIJAN THROUGH PEACE AND WAR is long.",
         [("BLACK GARDEN: ARMENIA AND AZERBAIJAN THROUGH PEACE AND WAR", "garden", "medium")]),
        ("He wrote “Black Garden” in 2004.", [("Black Garden", "garden", "low")]),
        ("De Waal's Black Garden is long.", [("Black Garden", "garden", "low")]),
        ("The council passed resolution 822 in April.", [("resolution 822", "resolution-822",
                                                          "low")]),
        ("A black garden grew there.", []),  # two words of a title, not marked as one
    ],
)  # fmt: skip
def test_a_title_of_the_register_names_its_work(
    text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert _named(text) == expected


def test_an_author_and_a_work_noun_name_the_one_work_that_fits() -> None:
    text = "A 1993 report by Human Rights Watch put the number at 161."
    start = text.index(HRW)
    assert _named(text, (start, start + len(HRW), "human-rights-watch")) == [
        ("A 1993 report by Human Rights Watch", "report-1993", "medium"),
    ]
    text = "The Human Rights Watch report defined it so."  # two reports fit: no work
    start = text.index(HRW)
    assert _named(text, (start, start + len(HRW), "human-rights-watch")) == [
        ("The Human Rights Watch report", None, "low"),
    ]
    text = "Thomas de Waal's book is long."
    assert _named(text, (0, 14, "thomas-de-waal")) == [
        ("Thomas de Waal's book", "garden", "medium")
    ]


def test_a_name_without_a_work_noun_is_no_citation() -> None:
    text = "Human Rights Watch said the town fell; Thomas de Waal agreed."
    mentions = ((0, 18, "human-rights-watch"), (39, 53, "thomas-de-waal"))
    assert citation_guesses(text, mentions, WORKS) == ()


def test_hostile_brackets_and_work_nouns_are_read_quickly() -> None:
    started = time.perf_counter()
    assert citation_guesses("[" * 50_000 + "]" * 50_000, (), WORKS) == ()
    assert len(citation_guesses("[1]" * 20_000, (), WORKS)) <= 500
    assert citation_guesses("the book of " * 20_000, (), WORKS) == ()
    assert len(citation_guesses("“Black Garden” " * 5_000, (), WORKS)) <= 1_000
    assert time.perf_counter() - started < 20


@pytest.fixture
def citing(tmp_path: Path) -> Path:
    return draft_of(CITING, tmp_path, "citing")


def test_a_draft_proposes_citations_that_stay_out_of_the_citations(citing: Path) -> None:
    c = corpus.load(citing)
    assert c.document("citing").source_text() == CITING
    found = [(p.id, p.text, p.suggestion, p.cert) for p in c.proposals(kind="citation")]
    assert found == [
        ("citing.c1", "[8]", {"work": None, "kind": "marker", "n": "8"}, "medium"),
        ("citing.c2", "Black Garden: Armenia and Azerbaijan through Peace and War",
         {"work": "black-garden", "kind": "named", "n": None}, "medium"),
        ("citing.c3", "the book of the Armenian author Daud Kheyriyan",
         {"work": "kheyriyan-book", "kind": "named", "n": None}, "medium"),
    ]  # fmt: skip
    assert c.citations() == ()
    assert corpus.validate(citing) == ()


def test_the_command_lists_proposed_citations(citing: Path) -> None:
    rows = proposals_json(citing, "citation")
    assert [r["suggestion"]["work"] for r in rows] == [None, "black-garden", "kheyriyan-book"]
    assert CITING.split("\n\n", maxsplit=1)[0][slice(*rows[0]["span"])] == "[8]"


def test_a_citation_is_accepted_once_it_leads_to_a_work(citing: Path, tei_all: Any) -> None:
    from lxml import etree

    before = citing.read_bytes()
    with pytest.raises(corpus.CorpusFileError, match="citations without a work"):
        corpus.review(citing, accept=["citing.c1"], by="Reviewer")
    assert citing.read_bytes() == before
    tree = etree.parse(str(citing))
    (marker,) = tree.xpath("//*[@xml:id='citing.c1']")
    marker.set("target", "work:hrw-report")  # the reviewer names the work the note cites
    tree.write(str(citing), xml_declaration=True, encoding="UTF-8")
    corpus.review(citing, accept=["citing.c1", "citing.c2"], reject=["citing.c3"], by="Reviewer")
    c = corpus.load(citing)
    assert [(x.reference_id, x.kind, x.text) for x in c.citations()] == [
        ("hrw-report", "marker", "[8]"),
        ("black-garden", "named", "Black Garden: Armenia and Azerbaijan through Peace and War"),
    ]
    assert [p.id for p in c.proposals(kind="citation", status="rejected")] == ["citing.c3"]
    assert c.document("citing").source_text() == CITING
    assert corpus.validate(citing) == ()
    assert tei_all.validate(etree.parse(str(citing))), tei_all.error_log
    both = corpus.load([None, citing])
    assert [x.passage_id for x in both.citations("black-garden")][-1] == "citing.2"
