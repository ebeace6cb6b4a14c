"""Output into a pipe is written without rich, and is what rich writes there, character for
character: every command of README's CLI section and of the command tests, at 40, 60, 80 and
120 columns, and every passage of the shipped corpus wrapped at several widths."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from typing import Any

import pytest
from rich.cells import cell_len as rich_cell_len
from rich.console import Console
from rich.text import Text

import corpus
from corpus import _layout, cli
from test_cli import COMMANDS as CLI_COMMANDS
from test_narrow import COMMANDS as README_COMMANDS

WIDTHS = (40, 60, 80, 120)
COMMANDS = sorted(
    {" ".join(c) for c in CLI_COMMANDS} | set(README_COMMANDS)
    | {"search the --limit 3", "search genocide --context 30", "search -genocide --limit 2",
       "kwic Khojaly --limit 12", "search 'massacre in:boilerplate'", "refs --kind article"}
)  # fmt: skip


def _printed(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    return status, capsys.readouterr().out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
def test_piped_output_is_what_rich_prints(
    command: str, width: int, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    import shlex

    argv = shlex.split(command)
    monkeypatch.setenv("COLUMNS", str(width))
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    plain = _printed(argv, capsys)
    with monkeypatch.context() as m:
        m.setattr(cli, "_piped", lambda: False)  # rich's console, into the same pipe
        drawn = _printed(argv, capsys)
    assert plain == drawn


def test_the_corpus_characters_are_as_wide_as_rich_counts_them(bundled: corpus.Corpus) -> None:
    characters = {ch for p in bundled.passages() for ch in p.text}
    characters |= {ch for d in bundled.documents for ch in d.source_text() if ch != "\n"}
    measured = 0
    for character in sorted(characters):
        try:
            width = _layout.cell_len(character)
        except _layout.Unsupported:
            continue  # rich draws such text
        assert width == rich_cell_len(character), f"U+{ord(character):04X}"
        measured += 1
    assert measured > 100


@pytest.mark.parametrize("width", [12, 30, 57, 80, 121])
def test_every_passage_wraps_as_rich_wraps_it(bundled: corpus.Corpus, width: int) -> None:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    wrapped = 0
    for passage in bundled.passages():
        try:
            mine = _layout.wrap(passage.text, width)
        except _layout.Unsupported:
            continue
        console.file = io.StringIO()
        console.print(Text(passage.text))
        assert "\n".join(mine) + "\n" == console.file.getvalue(), passage.id
        wrapped += 1
    assert wrapped == len(bundled.passages())


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "a" * 200,
        "word " * 40,
        "x" + " " * 300 + "y",
        "Thomas\u00a0de\u00a0Waal " * 9,
        "한국어 문장은 넓은 글자로 씁니다 " * 5,
        "(“Human Rights Watch”) — 1,275 people…",
        "ends in spaces      ",
        "two\nlines\n\nand a blank",
    ],
)
@pytest.mark.parametrize("width", [1, 2, 5, 19, 80])
def test_hard_text_wraps_as_rich_wraps_it(text: str, width: int) -> None:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(Text(text))
    assert "\n".join(_layout.wrap(text, width)) + "\n" == console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["a\u0301", "e\u200dx", "\u2764\ufe0f", "tab\there", "bell\a"])
def test_text_rich_measures_by_its_own_rules_is_left_to_rich(text: str) -> None:
    with pytest.raises(_layout.Unsupported):
        _layout.wrap(text, 20)


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "genocide"],
        ["search", '"humanitarian corridor"', "--context", "20"],
        ["kwic", "corridor"],
        ["actors"],
        ["refs"],
        ["stats"],
        ["attributions"],
    ],
    ids=" ".join,
)
def test_a_piped_command_does_not_import_rich(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from corpus.cli import main\n"
        f"status = main({argv!r})\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(f'{status} {sorted(m for m in sys.modules if m.startswith(\"rich\"))}')\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.stderr == "0 []"
    assert done.stdout.count("\n") >= 2
