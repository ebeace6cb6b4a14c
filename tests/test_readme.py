"""The README's quickstart and code are real: the code runs, CI runs the documented command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_a_quickstart_of_exactly_two_commands() -> None:
    first = README.split("```", 2)
    assert first[0].count("\n") <= 2, "the quickstart comes first"
    commands = _blocks("sh")[0].strip().splitlines()
    assert len(commands) == 2
    assert "corpus.load().passage(" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    command = _blocks("sh")[0].strip().splitlines()[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    pattern = re.search(r"grep -m1 -E '(.*?)' README.md", ci)
    assert pattern
    assert re.match(pattern[1], command)


def test_readme_python_examples_run() -> None:
    blocks = _blocks("python")
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - our own documentation
