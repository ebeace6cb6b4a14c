"""Regenerate docs/terminal.svg, the picture of real `corpus` output shown in the README.

    python docs/terminal.py

Runs the commands through ``python -m corpus`` in colour and records what they print.
"""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

COMMANDS = [
    ["kwic", '"humanitarian corridor" OR Naftalan'],
    ["figures", "killed", "--claimant", "human-rights-watch"],
    ["search", "stereotype in:quote", "--limit", "1"],
]
#: the width most terminals, CI logs and pipes have
WIDTH = 80


def main() -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(WIDTH), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    console = Console(
        record=True, width=WIDTH, force_terminal=True, color_system="truecolor", file=io.StringIO()
    )
    for args in COMMANDS:
        output = subprocess.run(
            [sys.executable, "-m", "corpus", *args],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        console.print(Text(f"$ corpus {shlex.join(args)}", style="bold green"))
        console.print(Text.from_ansi(output))
    target = Path(__file__).with_name("terminal.svg")
    console.save_svg(str(target), title="corpus")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
