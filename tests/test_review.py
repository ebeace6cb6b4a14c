"""Reviewing a draft's proposals: accepted ones become mentions, rejected ones stay recorded,
each decision is in the header with who and when, and the text never changes."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import NAMING, naming_draft
from corpus import cli


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    return naming_draft(tmp_path, "rev")


def _state(path: Path) -> tuple[list[str], list[str], list[str]]:
    c = corpus.load(path)
    mentions = [f"{m.actor_id}:{m.text}" for p in c.passages() for m in p.mentions]
    return (
        mentions,
        [p.id for p in c.proposals(kind="mention")],
        [p.id for p in c.proposals(status="rejected", kind="mention")],
    )


def test_accepting_and_rejecting(drafted: Path) -> None:
    assert _state(drafted)[1] == ["rev.m1", "rev.m2", "rev.m3", "rev.m4", "rev.m5"]
    decided = corpus.review(
        drafted, accept=["rev.m1", "rev.m3"], reject=["rev.m2"], by="A. Reviewer",
        when=datetime.date(2026, 12, 4),
    )  # fmt: skip
    assert decided == {"rev.m1": "accepted", "rev.m3": "accepted", "rev.m2": "rejected"}
    mentions, open_ones, rejected = _state(drafted)
    assert mentions == ["human-rights-watch:Human Rights Watch", "serzh-sargsyan:Serzh Sargsyan"]
    assert open_ones == ["rev.m4", "rev.m5"]
    assert rejected == ["rev.m2"]
    (document,) = corpus.load(drafted).documents
    assert document.source_text() == NAMING
    assert corpus.validate(drafted) == ()
    text = drafted.read_text("utf-8")
    assert '<change when="2026-12-04"><name>A. Reviewer</name>' in text
    assert "accepted rev.m1, rev.m3; rejected rev.m2." in text
    # resumable: the rest, later, recorded as another change
    corpus.review(drafted, accept=["rev.m4", "rev.m5"], by="B. Reviewer")
    assert _state(drafted)[1] == []
    assert drafted.read_text("utf-8").count("<change ") == 2
    assert len(corpus.load(drafted).passages()[1].mentions) == 3


def test_the_reviewed_draft_is_valid_tei(drafted: Path, tei_all: Any) -> None:
    from lxml import etree

    corpus.review(drafted, accept=["rev.m1"], reject=["rev.m2"], by="A. Reviewer")
    assert tei_all.validate(etree.parse(str(drafted))), tei_all.error_log


@pytest.mark.parametrize(
    ("accept", "reject", "says"),
    [
        (["rev.m9"], [], "has no open proposal 'rev.m9'"),
        (["rev.m1"], ["rev.m1"], "both accepted and rejected"),
    ],
)
def test_a_wrong_decision_writes_nothing(
    drafted: Path, accept: list[str], reject: list[str], says: str
) -> None:
    before = drafted.read_bytes()
    with pytest.raises(corpus.CorpusError, match=says):
        corpus.review(drafted, accept=accept, reject=reject, by="A. Reviewer")
    assert drafted.read_bytes() == before


def test_a_proposal_decided_once_cannot_be_decided_again(drafted: Path) -> None:
    corpus.review(drafted, reject=["rev.m1"], by="A. Reviewer")
    with pytest.raises(corpus.CorpusFileError, match="no open proposal"):
        corpus.review(drafted, accept=["rev.m1"], by="A. Reviewer")


def test_the_command_takes_ids_or_a_decisions_file(drafted: Path, tmp_path: Path) -> None:
    decisions = tmp_path / "decisions.txt"
    decisions.write_text("# first pass\naccept rev.m1\nreject rev.m2\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "review", str(drafted), "--decisions", str(decisions),
         "--accept", "rev.m3", "--by", "A. Reviewer"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _state(drafted)[1:] == (["rev.m4", "rev.m5"], ["rev.m2"])
    piped = subprocess.run(
        [sys.executable, "-m", "corpus", "review", str(drafted), "--by", "A. Reviewer"],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert piped.returncode == 2
    assert "run in a terminal" in piped.stderr


def test_one_by_one_in_a_terminal(
    drafted: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich import prompt

    answers = iter(["a", "r", "s", "q"])  # the third, skipped, is the first sentence's voice
    monkeypatch.setattr(prompt.Prompt, "ask", lambda *a, **k: next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["review", str(drafted), "--by", "A. Reviewer"]) == 0
    out = capsys.readouterr().out
    assert "rev.m1 (1 of 7)" in out
    assert "rev.v1 (3 of 7)" in out
    assert "Human Rights Watch" in out
    assert _state(drafted)[1:] == (["rev.m3", "rev.m4", "rev.m5"], ["rev.m2"])


def test_the_command_lists_proposals_by_status(drafted: Path) -> None:
    import json

    corpus.review(drafted, reject=["rev.m2"], by="A. Reviewer")

    def listed(status: str) -> list[str]:
        command = [sys.executable, "-m", "corpus", "proposals", str(drafted), "--json"]
        command += ["--kind", "mention"]
        done = subprocess.run(
            [*command, "--status", status], capture_output=True, text=True, check=False
        )
        return [row["id"] for row in json.loads(done.stdout)]

    assert listed("rejected") == ["rev.m2"]
    assert listed("all") == ["rev.m1", "rev.m2", "rev.m3", "rev.m4", "rev.m5"]
    assert listed("proposed") == ["rev.m1", "rev.m3", "rev.m4", "rev.m5"]


EDITING = "Human Rights Watch wrote that 150 left.[3]\n"


@pytest.fixture
def editing(tmp_path: Path) -> Path:
    from _support import draft_of

    return draft_of(EDITING, tmp_path, "edits")


def test_an_edit_accepts_a_proposal_with_what_the_reviewer_gives(editing: Path) -> None:
    decided = corpus.review(
        editing,
        edit={"edits.f1": "displaced", "edits.c1": "work:hrw-report", "edits.v1": "voice.official"},
        accept=["edits.m1"],
        by="A. Reviewer",
    )
    assert decided == {
        "edits.m1": "accepted",
        "edits.f1": "edited",
        "edits.c1": "edited",
        "edits.v1": "edited",
    }
    c = corpus.load(editing)
    (figure,) = c.figures()
    assert (figure.measure, figure.value, [v.id for v in figure.claimant]) == (
        "measure.displaced",
        150,
        ["voice.official"],
    )
    assert [(x.reference_id, x.text) for x in c.citations()] == [("hrw-report", "[3]")]
    assert [[v.id for v in chain] for chain in c.passage("edits.1").voices] == [["voice.official"]]
    assert c.proposals() == ()
    assert "edited edits.f1, edits.c1, edits.v1" in editing.read_text("utf-8")
    assert c.document("edits").source_text() == EDITING
    assert corpus.validate(editing) == ()


@pytest.mark.parametrize(
    ("proposal", "value"),
    [
        ("edits.m1", "Human Rights Watch"),  # an id, not a name
        ("edits.f1", "measure killed"),
        ("edits.c1", "<work>"),
        ("edits.v1", "voice.official actor:x"),
    ],
)
def test_an_edit_the_proposal_cannot_take_writes_nothing(
    editing: Path, proposal: str, value: str
) -> None:
    before = editing.read_bytes()
    with pytest.raises(corpus.CorpusFileError, match="cannot take"):
        corpus.review(editing, edit={proposal: value}, by="A. Reviewer")
    assert editing.read_bytes() == before


def test_the_command_edits_from_its_options_a_decisions_file_and_a_terminal(
    editing: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from rich import prompt

    decisions = tmp_path / "decisions.txt"
    decisions.write_text("edit edits.c1 work:hrw-report\n", "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "review", str(editing), "--decisions", str(decisions),
         "--edit", "edits.f1", "measure.displaced", "--by", "A. Reviewer"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [p.id for p in corpus.load(editing).proposals()] == ["edits.m1", "edits.v1"]
    answers = iter(["e", "nobody here", "e", "voice.witness"])
    monkeypatch.setattr(prompt.Prompt, "ask", lambda *a, **k: next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["review", str(editing), "--by", "A. Reviewer"]) == 0
    assert "not accepted:" in capsys.readouterr().out  # a name is not an actor id
    c = corpus.load(editing)
    assert [p.id for p in c.proposals()] == ["edits.m1"]
    assert [[v.id for v in chain] for chain in c.passage("edits.1").voices] == [["voice.witness"]]
