"""Proposed quotations: the quotation rules on captures written for these tests, a draft's
proposed quotations in the API and the TEI, and their review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import draft_of
from corpus.proposing import quote_guesses

QUOTING = (
    'Human Rights Watch stated that "the report is incomplete" in 1993.\n\n'
    "Thomas de Waal, “Before Khojaly there was nothing”, and Human Rights Watch.\n\n"
    'The book "Black Garden" is long. The word "corridor" appears twice.\n'
)


def test_a_reporting_word_or_a_speaker_right_before_makes_a_quotation() -> None:
    said = "Human Rights Watch stated that “the report is incomplete”."
    mentions = ((0, 18, "human-rights-watch"),)
    (guess,) = quote_guesses(said, mentions)
    assert (guess.text, guess.speaker, guess.cert) == (
        "the report is incomplete",
        "human-rights-watch",
        "medium",
    )
    (guess,) = quote_guesses('Thomas de Waal, "Before Khojaly"', ((0, 14, "thomas-de-waal"),))
    assert (guess.text, guess.speaker) == ("Before Khojaly", "thomas-de-waal")
    (guess,) = quote_guesses('It was reported as "nothing new".')
    assert (guess.speaker, guess.cert) == (None, "low")


@pytest.mark.parametrize(
    "text",
    ['The book "Black Garden" is long.', "The word “corridor” appears.", 'An empty " " pair.'],
)
def test_a_title_or_a_term_in_quotation_marks_is_not_a_quotation(text: str) -> None:
    assert quote_guesses(text) == ()


def test_hostile_quotation_marks_are_read_quickly() -> None:
    assert len(quote_guesses('said "' * 20_000)) <= 10_000
    assert quote_guesses("“" * 50_000) == ()


@pytest.fixture
def quoting_draft(tmp_path: Path) -> Path:
    return draft_of(QUOTING, tmp_path, "quoting")


def test_a_draft_proposes_quotations_around_its_other_proposals(quoting_draft: Path) -> None:
    c = corpus.load(quoting_draft)
    assert c.document("quoting").source_text() == QUOTING
    proposed = c.proposals(kind="quote")
    assert [(p.id, p.text, p.suggestion) for p in proposed] == [
        ("quoting.q1", "the report is incomplete", {"speaker": "human-rights-watch"}),
        ("quoting.q2", "Before Khojaly there was nothing", {"speaker": "thomas-de-waal"}),
    ]
    inner = [p for p in c.proposals(kind="mention") if p.passage_id == "quoting.2"]
    assert [p.text for p in inner][:2] == ["Thomas de Waal", "Khojaly"]  # a mention inside
    assert c.quotes() == ()


def test_an_accepted_quotation_is_a_quotation_of_its_speaker(
    quoting_draft: Path, tei_all: Any
) -> None:
    from lxml import etree

    corpus.review(quoting_draft, accept=["quoting.q2"], reject=["quoting.q1"], by="Reviewer")
    c = corpus.load(quoting_draft)
    (quote,) = c.quotes()
    assert (quote.id, quote.speaker, quote.text) == (
        "quoting.q2",
        "thomas-de-waal",
        "Before Khojaly there was nothing",
    )
    assert [p.id for p in c.proposals(status="rejected")] == ["quoting.q1"]
    assert c.document("quoting").source_text() == QUOTING
    assert corpus.validate(quoting_draft) == ()
    assert tei_all.validate(etree.parse(str(quoting_draft))), tei_all.error_log


def test_a_terminal_review_says_what_each_kind_proposes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich import prompt

    from corpus import cli

    out = draft_of(
        QUOTING + "\nIt was reported as “nothing new”, and 150 people left.\n", tmp_path, "kinds"
    )
    answers = iter(["s"] * 20)
    monkeypatch.setattr(prompt.Prompt, "ask", lambda *a, **k: next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["review", str(out), "--by", "Reviewer"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "is a mention of human-rights-watch" in said
    assert "is a quotation of thomas-de-waal" in said
    assert "is a quotation of a speaker not proposed" in said
    assert "is a figure: measure measure.killed, value 150" in said
