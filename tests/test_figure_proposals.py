"""Proposed figures: the figure rules on captures written for these tests, a draft's proposed
figures in the API and the TEI, and their review."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import draft_of
from corpus.claims import NON_CLAIMS, number_spans
from corpus.errors import CorpusFileError
from corpus.proposing import UNCOUNTED, figure_guesses, non_claim_guesses

FIGURES = (
    "The report gives 1,275 people taken hostage and more than 150 people missing.\n\n"
    "About 800 residents lived there; as many as 500-1,000 may have died, and several "
    "thousand fled.\n\n"
    "On 25 February 1992 the regiment No. 366 moved, see [6]. One of the towns lies 12 km "
    "away. The code 4471 was read.\n"
)


def _read(text: str) -> list[tuple[str, object, object, object, object]]:
    return [(g.text, g.value, g.low, g.high, g.measure) for g in figure_guesses(text)]


def test_values_bounds_and_measures_are_read_as_the_claims_rules_read_them() -> None:
    assert _read(FIGURES) == [
        ("1,275", 1275, None, None, "measure.hostages"),
        ("more than 150", None, 150, None, "measure.missing"),
        ("About 800", 800, None, None, "measure.population"),
        ("as many as 500-1,000", None, 500, 1000, "measure.killed"),
        ("several thousand", None, None, None, "measure.displaced"),
        ("12", 12, None, None, "measure.distance"),
        ("4471", 4471, None, None, None),
    ]


def test_a_bound_has_no_point_value() -> None:
    for guess in figure_guesses("at least 161 civilians, up to 40 villages, nearly 30 days"):
        assert guess.value is None
        assert (guess.low is None) != (guess.high is None)


@pytest.mark.parametrize(
    "text",
    [
        "25-26 February 1992",
        "in 1992 and the 1980s",
        "the 366th regiment",
        "see [6] and No. 366",
        "resolutions 822, 853, 874 and 884",
        "one of the acts",
        "ISBN-10 1-58567-804-X",
        "6.0 6.1 6.2 De Waal",
        "two parents",
        "1. New York Times 2. TIME Magazine",
        "approved 2018.02.20 15:33",
    ],
)
def test_non_claims_and_uncounted_words_are_not_proposed(text: str) -> None:
    assert figure_guesses(text) == ()


@pytest.mark.parametrize(
    ("text", "categories"),
    [
        ("see [6] and No. 366 on 25 February 1992", ["note marker", "identifier", "date", "date"]),
        ("ISBN-10 1-58567-804-X", ["identifier", "isbn", "isbn", "isbn"]),
        ("one of the acts, two parents", ["pronoun", "number word"]),
        ("6.0 6.1 De Waal", ["decimal", "decimal"]),
        ("1. New York Times 2. TIME", ["note marker", "list number"]),
        ("approved 2018.02.20 15:33", ["date", "list number", "list number"]),
        ("a run " + "1" * 70, ["digit run"]),
    ],
)
def test_numbers_left_out_of_figures_are_proposed_non_claims_by_category(
    text: str, categories: list[str]
) -> None:
    assert figure_guesses(text) == ()
    guesses = non_claim_guesses(text)
    assert [g.category for g in guesses] == categories
    assert [g.span for g in guesses] == list(number_spans(text))
    assert all(g.text == text[g.span[0] : g.span[1]] and g.reason for g in guesses)


def test_digits_the_figure_rule_splits_are_an_irregular_number() -> None:
    """ "1,2751" is read as 1,275 and 1: neither proposal holds the printed number whole."""
    assert [g.number for g in figure_guesses("the code 1,2751")] == ["1,275", "1"]
    assert [(g.text, g.category) for g in non_claim_guesses("the code 1,2751")] == [
        ("1,2751", "irregular number")
    ]


def test_a_proposed_figure_is_no_non_claim() -> None:
    text = "On 25 February 1992 more than 150 people went missing [6]."
    assert [g.number for g in figure_guesses(text)] == ["150"]
    assert [(g.text, g.category) for g in non_claim_guesses(text)] == [
        ("25", "date"),
        ("1992", "date"),
        ("6", "note marker"),
    ]


def test_every_number_of_a_draft_of_each_shipped_capture_is_a_figure_or_a_non_claim(
    bundled: corpus.Corpus, tmp_path: Path
) -> None:
    """The coverage rule on drafts of the five captures: each number is inside a proposed
    figure or is a proposed non-claim of a category CODEBOOK documents (sections 11 and 12)."""
    documented = {category for category, _, _ in NON_CLAIMS} | set(UNCOUNTED)
    left, categories = [], set()
    for document in bundled.documents:
        capture = Path(bundled.path) / "sources" / document.source.capture
        draft = corpus.load(corpus.draft(capture, f"x-{document.id}", out=tmp_path / document.id))
        for passage in draft.passages():
            covered = [p.span for p in passage.proposals if p.kind == "figure"]
            for guess in non_claim_guesses(passage.text):
                categories.add(guess.category)
                covered.append(guess.span)
            left += [
                (passage.id, passage.text[a:b])
                for a, b in number_spans(passage.text)
                if not any(x <= a and b <= y for x, y in covered)
            ]
    assert left == []
    assert categories <= documented - {"irregular number", "digit run"}
    assert {"date", "year", "note marker", "list number"} <= categories


def test_number_words_are_read_as_numbers() -> None:
    assert _read("seven thousand people and six families") == [
        ("seven thousand", 7000, None, None, "measure.killed"),
        ("six", 6, None, None, "measure.families-destroyed"),
    ]
    assert _read("1.275 people") == [("1.275", 1275, None, None, "measure.killed")]


def test_hostile_numbers_are_left_out_quickly() -> None:
    assert figure_guesses("9" * 100_000 + " people") == ()
    assert figure_guesses("more than " * 20_000) == ()


@pytest.fixture
def figures_draft(tmp_path: Path) -> Path:
    return draft_of(FIGURES, tmp_path, "figures")


def test_a_draft_proposes_figures_and_keeps_every_character(figures_draft: Path) -> None:
    c = corpus.load(figures_draft)
    assert c.document("figures").source_text() == FIGURES
    proposed = c.proposals(kind="figure")
    assert [p.id for p in proposed] == [f"figures.f{n}" for n in range(1, 8)]
    assert proposed[1].suggestion == {
        "measure": "measure.missing",
        "value": None,
        "low": 150,
        "high": None,
        "qualifier": "more than",
    }
    assert proposed[1].text == "more than 150"
    assert [p.cert for p in proposed][-2:] == ["medium", "low"]
    assert c.figures() == ()  # not a figure until accepted


def test_proposals_list_by_kind_with_the_documented_json(figures_draft: Path) -> None:
    command = ["proposals", str(figures_draft), "--json", "--kind", "figure"]
    done = subprocess.run(
        [sys.executable, "-m", "corpus", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["kind"] for r in rows} == {"figure"}
    assert rows[0]["passage"] == "figures.1"
    assert rows[0]["suggestion"]["value"] == 1275
    assert FIGURES.split("\n\n", maxsplit=1)[0][slice(*rows[0]["span"])] == rows[0]["text"]
    assert corpus.load(figures_draft).proposals(kind="mention") == ()
    with pytest.raises(corpus.errors.NotFound):
        corpus.load(figures_draft).proposals(kind="no-such-kind")


def test_an_accepted_figure_is_a_figure_and_a_rejected_one_stays_recorded(
    figures_draft: Path,
) -> None:
    corpus.review(figures_draft, accept=["figures.f2"], reject=["figures.f1"], by="Reviewer")
    c = corpus.load(figures_draft)
    (figure,) = c.figures()
    assert (figure.id, figure.value, figure.low, figure.measure) == (
        "figures.f2",
        None,
        150,
        "measure.missing",
    )
    assert figure.qualifier == "more than"
    assert [p.id for p in c.proposals(status="rejected")] == ["figures.f1"]
    assert c.document("figures").source_text() == FIGURES
    assert corpus.validate(figures_draft) == ()


def test_a_figure_without_a_measure_is_accepted_only_once_given_one(figures_draft: Path) -> None:
    before = figures_draft.read_bytes()
    with pytest.raises(CorpusFileError, match=r"figures\.f7.*#measure"):
        corpus.review(figures_draft, accept=["figures.f7"], by="Reviewer")
    assert figures_draft.read_bytes() == before
    text = before.decode("utf-8").replace(
        'xml:id="figures.f7"', 'xml:id="figures.f7" ana="#measure.informants"'
    )
    figures_draft.write_text(text, "utf-8")
    corpus.review(figures_draft, accept=["figures.f7"], by="Reviewer")
    assert [f.value for f in corpus.load(figures_draft).figures()] == [4471]


def test_a_draft_with_proposed_and_reviewed_figures_is_valid_tei(
    figures_draft: Path, tei_all: Any
) -> None:
    from lxml import etree

    assert tei_all.validate(etree.parse(str(figures_draft))), tei_all.error_log
    corpus.review(figures_draft, accept=["figures.f1"], reject=["figures.f2"], by="Reviewer")
    assert tei_all.validate(etree.parse(str(figures_draft))), tei_all.error_log
