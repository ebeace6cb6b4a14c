"""Drafting a new text from a capture: every character kept, metadata only as given, bad
input refused with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import NAMING, naming_draft

#: A capture written for the tests: CRLF and LF line ends, a byte order mark, blank lines before,
#: between (some holding spaces) and after the paragraphs, markup characters, tabs, no-break
#: spaces, letters outside ASCII.
CAPTURE = (
    "\ufeff\r\n  MINISTRY STATEMENT\r\n\r\n"
    'On 26 February 1992, "613 civilians" <were> killed & more,\tthe statement says.\r\n'
    "A second line of the same paragraph\u00a0here.\r\n \r\n\r\n"
    "Xocalı – Ходжалы – 霍贾利\n\n"
    "   last paragraph   \n\n\n"
)


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "ministry.txt"
    path.parent.mkdir()
    path.write_bytes(CAPTURE.encode("utf-8"))
    return path


def test_a_draft_keeps_every_character_of_the_capture(capture: Path, tmp_path: Path) -> None:
    out = corpus.draft(capture, "ministry", out=tmp_path / "drafts" / "ministry.xml")
    c = corpus.load(out)
    (document,) = c.documents
    assert document.source_text() == CAPTURE.removeprefix("\ufeff")  # the encoding's mark
    assert [p.id for p in document.passages] == [f"ministry.{n}" for n in range(1, 5)]
    assert [p.text for p in document.passages] == [
        "MINISTRY STATEMENT",
        'On 26 February 1992, "613 civilians" <were> killed & more, the statement says. '
        "A second line of the same paragraph\u00a0here.",
        "Xocalı – Ходжалы – 霍贾利",
        "last paragraph",
    ]
    kept = out.parent / "sources" / "ministry.txt"
    assert kept.read_bytes() == capture.read_bytes()
    assert document.source.capture == "ministry.txt"
    assert len(c.report()) == 0
    assert corpus.validate(out) == ()


def test_metadata_is_only_what_was_given(capture: Path, tmp_path: Path) -> None:
    bare = corpus.load(corpus.draft(capture, "bare", out=tmp_path / "bare.xml")).documents[0]
    assert bare.source.title == ""
    assert bare.source.authors == ()
    assert not bare.source.date.known
    assert bare.source.url is None
    assert set(bare.source.unknown) == {"title", "author", "date", "url", "language"}
    assert bare.stance is None
    assert bare.genre is None
    given = corpus.draft(
        capture,
        "given",
        out=tmp_path / "given.xml",
        title="Statement on Khojaly",
        author="Ministry of Foreign Affairs",
        date="2019-02-26",
        url="https://example.org/statement",
        lang="en",
    )
    source = corpus.load(given).documents[0].source
    assert (source.title, source.authors, source.url, source.language) == (
        "Statement on Khojaly",
        ("Ministry of Foreign Affairs",),
        "https://example.org/statement",
        "en",
    )
    assert (source.date.printed, source.date.when, source.date.derived) == (
        "2019-02-26",
        "2019-02-26",
        False,
    )
    assert source.unknown == ()


@pytest.mark.parametrize(
    "name", ["000_9f056673aa7eed80.txt", "002_bf2943224c11a2dd.txt", "004_e5a54278f5ce035e.txt"]
)
def test_a_shipped_capture_drafts_byte_for_byte(data_dir: Path, tmp_path: Path, name: str) -> None:
    source = data_dir / "sources" / name
    out = corpus.draft(source, "shipped-draft", out=tmp_path / "d.xml")
    assert corpus.load(out).documents[0].source_text().encode("utf-8") == source.read_bytes()


def test_a_draft_loads_beside_the_shipped_corpus(capture: Path, tmp_path: Path) -> None:
    out = corpus.draft(capture, "ministry", out=tmp_path / "ministry.xml")
    both = corpus.load([None, out])
    assert [d.id for d in both.documents][-1] == "ministry"
    assert both.search('"613 civilians" doc:ministry')


def test_the_draft_is_valid_tei(capture: Path, tmp_path: Path, tei_all: Any) -> None:
    from lxml import etree

    for given in ({}, {"title": "T", "author": "A", "date": "2019", "url": "u", "lang": "en"}):
        out = corpus.draft(capture, "ministry", out=tmp_path / "ministry.xml", force=True, **given)
        assert tei_all.validate(etree.parse(str(out))), tei_all.error_log


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\xff\xfe not UTF-8", "is not UTF-8 text"),
        (b"", "is empty"),
        (b" \n\n \t\n", "is empty"),
        (b"text with a \x0b vertical tab", r"U\+000B"),
    ],
    ids=["not-utf8", "empty", "blank", "control-character"],
)
def test_bad_captures_are_refused_and_nothing_is_written(
    tmp_path: Path, content: bytes, says: str
) -> None:
    capture = tmp_path / "bad.txt"
    capture.write_bytes(content)
    out = tmp_path / "out" / "bad.xml"
    with pytest.raises(corpus.CorpusFileError, match=says):
        corpus.draft(capture, "bad", out=out)
    assert not (tmp_path / "out").exists()


def test_a_capture_over_the_size_cap_is_refused(
    capture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORPUS_MAX_FILE_BYTES", "100")
    with pytest.raises(corpus.CorpusFileError, match="over the cap of 100"):
        corpus.draft(capture, "big", out=tmp_path / "big.xml")
    assert not (tmp_path / "big.xml").exists()


@pytest.mark.parametrize(
    ("doc_id", "says"),
    [("wiki", "used by a text of the corpus"), ("Bad Id", "not a short lowercase id")],
)
def test_an_id_the_corpus_uses_or_a_malformed_one_is_refused(
    capture: Path, tmp_path: Path, doc_id: str, says: str
) -> None:
    with pytest.raises(corpus.CorpusError, match=says):
        corpus.draft(capture, doc_id, out=tmp_path / "x.xml")
    assert not (tmp_path / "x.xml").exists()


def test_an_existing_out_is_kept_unless_force(capture: Path, tmp_path: Path) -> None:
    out = tmp_path / "ministry.xml"
    out.write_text("mine", "utf-8")
    with pytest.raises(corpus.CorpusFileError, match="give --force"):
        corpus.draft(capture, "ministry", out=out)
    assert out.read_text("utf-8") == "mine"
    corpus.draft(capture, "ministry", out=out, force=True)
    assert corpus.load(out).documents[0].source_text() == CAPTURE.removeprefix("\ufeff")


def test_the_command_drafts_and_reports(capture: Path, tmp_path: Path) -> None:
    out = tmp_path / "ministry.xml"
    command = [sys.executable, "-m", "corpus", "draft", str(capture), "--id", "ministry"]
    done = subprocess.run(
        [*command, "--out", str(out), "--title", "Statement", "--json"],
        capture_output=True,
        text=True,
        check=False,  # the status is what is checked
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"path": str(out), "id": "ministry", "passages": 4}
    again = subprocess.run(
        [*command, "--out", str(out)], capture_output=True, text=True, check=False
    )
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1
    assert "--force" in again.stderr


# ------------------------------------------------------------------ proposed mentions


@pytest.fixture
def proposing(tmp_path: Path) -> Path:
    return naming_draft(tmp_path, "proposing")


def test_a_draft_proposes_the_register_spellings_it_finds(proposing: Path) -> None:
    c = corpus.load(proposing)
    found = [(m.passage_id, m.actor_id, m.text, m.cert) for m in c.proposals(kind="mention")]
    assert found == [
        ("proposing.1", "human-rights-watch", "Human Rights Watch", "high"),
        ("proposing.1", "khojaly", "Khojaly", "medium"),
        ("proposing.2", "serzh-sargsyan", "Serzh Sargsyan", "high"),
        ("proposing.2", "thomas-de-waal", "Thomas de Waal", "high"),
        ("proposing.2", "serzh-sargsyan", "Sarkisian", "medium"),
    ]
    (document,) = c.documents
    assert document.source_text() == NAMING  # the markup adds no character
    assert all(not p.mentions for p in document.passages)  # proposals are not mentions
    text = proposing.read_text("utf-8")
    assert 'subtype="proposed" resp="#corpus-draft-rules"' in text
    assert corpus.validate(proposing) == ()


def test_proposals_stay_out_of_mentions_and_filters_beside_the_corpus(
    bundled: corpus.Corpus, proposing: Path
) -> None:
    both = corpus.load([None, proposing])
    assert both.mentions("human-rights-watch") == bundled.mentions("human-rights-watch")
    assert not both.search("actor:human-rights-watch doc:proposing")
    assert [m.passage_id for m in both.proposals("Human Rights Watch")] == ["proposing.1"]
    counted = both.mentions("human-rights-watch", proposed=True)  # the documented switch
    assert counted[: len(bundled.mentions("human-rights-watch"))] == bundled.mentions(
        "human-rights-watch"
    )
    assert [(m.passage_id, m.text, m.cert) for m in counted[-1:]] == [
        ("proposing.1", "Human Rights Watch", "high")
    ]


def test_a_draft_without_proposals(tmp_path: Path) -> None:
    out = naming_draft(tmp_path, "plain", propose=False)
    assert corpus.load(out).proposals() == ()
    assert 'subtype="proposed"' not in out.read_text("utf-8")


def test_the_command_lists_proposals(proposing: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "corpus", "proposals", str(proposing), "--json"],
        capture_output=True,
        text=True,
        check=False,  # the status is what is checked
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    mentions = [r for r in rows if r["kind"] == "mention"]
    assert [r["suggestion"] for r in mentions][:2] == [
        {"actor": "human-rights-watch"},
        {"actor": "khojaly"},
    ]
    keys = {"id", "kind", "passage", "span", "text", "suggestion", "cert", "resp", "status"}
    assert all(set(r) == keys for r in rows)
    assert {r["kind"] for r in rows} == {"mention", "voice"}  # "… wrote", "… said": voices
    assert {r["cert"] for r in mentions} == {"high", "medium"}
