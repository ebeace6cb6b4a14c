"""Every command of README's CLI section, at 60, 80 and 120 columns, in a terminal and piped.

Ids, numbers and matches are never cut: every id the command's ``--json`` gives for a column
that is shown appears whole in the text; nothing is wider than the terminal; no run of blank
lines and no column of one-word lines.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from corpus import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _readme_commands() -> list[str]:
    """The commands of the code block in README's "In the terminal" section."""
    section = README.split("## In the terminal", 1)[1].split("```", 2)[1]
    found = []
    for line in section.splitlines():
        command = line.split("  #", 1)[0].strip()
        if command.startswith("corpus "):
            found.append(command.removeprefix("corpus "))
    return [c.replace("path/to/corpus", "") for c in found]


COMMANDS = _readme_commands()
#: what each command's --json gives, by the column it shows it in
ID_KEYS = ("id", "passage_id", "document_id", "agent", "passages", "cited_by", "actor_id")


def _run(
    argv: list[str],
    width: int,
    terminal: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: Any,
) -> tuple[int, str]:
    monkeypatch.setenv("COLUMNS", str(width))
    if terminal:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    status = cli.main(argv)
    out = capsys.readouterr().out
    return status, ANSI.sub("", out)


def _ids(data: Any) -> set[str]:
    """Every id-like value of a --json output, with the column key it belongs to."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ID_KEYS and isinstance(value, str):
                found.add(value)
            elif key in ID_KEYS and isinstance(value, list):
                found |= {v for v in value if isinstance(v, str)}
            elif key not in ("relations", "mentions", "citations", "quotes", "figures"):
                found |= _ids(value)
    elif isinstance(data, list):
        for item in data:
            found |= _ids(item)
    return found


def test_the_readme_lists_the_commands() -> None:
    assert len(COMMANDS) >= 12
    assert "figures killed-children" in COMMANDS


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_fits_and_keeps_ids_whole(
    command: str,
    width: int,
    terminal: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    argv = shlex.split(command)
    status, text = _run(argv, width, terminal, capsys, monkeypatch)
    assert status in (0, 1)
    lines = text.splitlines()
    assert lines, command
    too_wide = [line for line in lines if cell_len(line.rstrip()) > width]
    assert too_wide == [], f"{command} at {width}"
    assert "\n\n\n" not in text, f"a run of blank lines in {command} at {width}"
    words = [len(line.split()) for line in lines]
    runs = [i for i in range(len(words) - 2) if words[i] == words[i + 1] == words[i + 2] == 1]
    assert runs == [], f"one-word lines in {command} at {width}: {lines[runs[0]]!r}"
    if command.startswith(("validate", "stats", "docs", "show")):
        return
    if cli.main([*argv, "--json"]) not in (0, 1):
        pytest.fail(f"{command} --json failed")
    data = json.loads(capsys.readouterr().out)
    left_out = " ".join(line for line in lines if line.startswith("not shown at this width"))
    if any(f" {h}" in f" {left_out.replace(',', ' ')}" for h in ("passage", "passages", "cited")):
        return  # the column holding some ids is not shown at this width
    missing = sorted(i for i in _ids(data) if i not in text)
    assert missing == [], f"{command} at {width}: ids not shown whole"


@pytest.mark.parametrize("width", [60, 80])
def test_kwic_keeps_the_match_and_the_passage_whole(
    width: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, text = _run(["kwic", "genocide"], width, False, capsys, monkeypatch)
    assert status == 0
    rows = [line for line in text.splitlines() if "[" in line]
    assert len(rows) == 19
    for line in rows:
        match = re.search(r"\[([^\]]+)\]", line)
        assert match is not None, line
        assert match.group(1).casefold() == "genocide", line
        assert re.search(r"\b(boztepe|ndnnews|wiki|huseynov|embassy)\.\d+$", line.rstrip()), line


def test_piped_search_marks_the_matches(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, text = _run(["search", "corridor", "--limit", "1"], 80, False, capsys, monkeypatch)
    assert status == 0
    assert "[corridor]" in text.replace("\n", " ")


def test_figures_at_80_columns_show_the_numbers_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, text = _run(["figures", "--claimant", "human-rights-watch"], 80, True, capsys, monkeypatch)
    for number in ("500–1,000", "≥ 161", "800"):
        assert number in text


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (["search", "genocide", "--limit", "0"], "--limit 0 shows none"),
        (["search", "genocide", "--context", "20", "--limit", "2"], "more; raise --limit"),
        (["kwic", "genocide", "--limit", "2"], "17 more"),
        (["actors", "--limit", "3"], "showing 3"),
        (["quotes", "--doc", "boztepe"], "2 quotations"),
        (["refs", "--doc", "boztepe", "--limit", "1"], "showing 1"),
        (["ref", "Black Garden"], "black-garden"),
        (["attributions", "--limit", "1"], "more; raise --limit"),
    ],
)
def test_every_listing_takes_doc_and_limit(
    argv: list[str],
    shown: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status, text = _run(argv, 100, False, capsys, monkeypatch)
    assert status == 0
    assert shown in " ".join(text.split())


def test_an_empty_listing_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _ = _run(
        ["actors", "--kind", "unit", "--doc", "boztepe"], 80, False, capsys, monkeypatch
    )
    assert status == 1
