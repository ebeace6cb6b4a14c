"""Shared wording: runs of words that passages of different texts share, folded as search
folds, found on the shipped texts and between a draft and the corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import corpus
from corpus.text import tokens


def test_every_run_is_shared_word_for_word(bundled: corpus.Corpus) -> None:
    rows = bundled.reuse()
    assert rows
    for row in rows:
        here, there = bundled.passage(row.passage_id), bundled.passage(row.other_id)
        assert here.document_id != there.document_id
        assert here.text[row.span[0] : row.span[1]] == row.text
        assert there.text[row.other_span[0] : row.other_span[1]] == row.other_text
        words = [w for w, _, _ in tokens(row.text)]
        assert words == [w for w, _, _ in tokens(row.other_text)]
        assert len(words) == row.words >= 8


def test_the_shipped_texts_share_the_wording_the_groups_record(bundled: corpus.Corpus) -> None:
    """The renditions of a quotation and the casualty formula are found; a run inside the
    renditions of a quotation group names the group."""
    rows = bundled.reuse()
    pairs = {(r.passage_id, r.other_id): r for r in rows}
    stereotype = pairs[("boztepe.10", "huseynov.4")]
    assert stereotype.group == "sargsyan-stereotype"
    assert "joking with us" in stereotype.text
    formula = pairs[("ndnnews.13", "embassy.7")]
    assert formula.group is None
    assert "106 women" in " ".join(formula.text.split())
    assert pairs[("ndnnews.14", "wiki.52")].reference == "black-garden"
    assert {r.group for r in rows} >= {"sargsyan-stereotype", "largest-massacre"}


def test_each_pair_once_or_anchored_on_a_document(bundled: corpus.Corpus) -> None:
    every = bundled.reuse()
    assert len({(r.passage_id, r.other_id, r.span) for r in every}) == len(every)
    anchored = bundled.reuse("huseynov")
    assert anchored
    assert all(r.passage_id.startswith("huseynov.") for r in anchored)
    assert not any(r.other_id.startswith("huseynov.") for r in anchored)
    assert len(bundled.reuse(min_words=5)) > len(every) > len(bundled.reuse(min_words=12))


@pytest.mark.parametrize("bad", [0, 1, -3, True, 2.5])
def test_a_run_shorter_than_two_words_is_refused(bundled: corpus.Corpus, bad: object) -> None:
    with pytest.raises(corpus.CorpusError, match="min_words"):
        bundled.reuse(min_words=bad)  # type: ignore[arg-type]


def test_a_draft_is_compared_with_the_corpus(tmp_path: Path) -> None:
    capture = tmp_path / "statement.txt"
    capture.write_text(
        "A statement written for the test.\n\n"
        "The Human Rights Watch called it the largest massacre to date in the conflict, it says.\n",
        "utf-8",
    )
    out = corpus.draft(capture, "statement", out=tmp_path / "statement.xml")
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "reuse", str(out), "--json", "--min-words", "6"],
        capture_output=True,
        text=True,
        check=False,  # the status is what is checked
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows
    assert {r["passage_id"] for r in rows} == {"statement.2"}
    assert all("largest massacre to date in the conflict" in r["text"] for r in rows)
