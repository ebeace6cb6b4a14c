"""MkDocs hooks: pages whose content comes from the repository itself, so that they cannot drift.

A page holding ``{{ include: PATH }}`` gets that file's text; ``{{ readme: HEADING }}`` the
README section under that heading; ``{{ cli }}`` the help of every command, from the parser;
``{{ taxonomies }}`` every taxonomy of the shipped corpus header with its categories.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARKER = re.compile(r"\{\{ (include|readme): ([^}]+?) \}\}|\{\{ (cli|taxonomies) \}\}")


def on_page_markdown(markdown: str, **_: Any) -> str:
    return MARKER.sub(_expand, markdown)


def _expand(match: re.Match[str]) -> str:
    kind, argument, alone = match.group(1), match.group(2), match.group(3)
    if kind == "include":
        text = (ROOT / argument).read_text("utf-8")
        return re.sub(r"^# .*\n", "", text, count=1)  # the page has its own title
    if kind == "readme":
        return _readme_section(argument)
    return _cli() if alone == "cli" else _taxonomies()


def _readme_section(heading: str) -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    level = heading.count("#")
    start = text.index(f"\n{heading}\n") + len(heading) + 2
    following = re.compile("^#{1," + str(level) + "} ", re.MULTILINE)
    end = following.search(text, start)
    return text[start : end.start() if end else len(text)].strip() + "\n"


def _cli() -> str:
    import argparse

    from corpus import cli

    parser = cli._parser()
    parts = ["```", parser.format_help().strip(), "```"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                parts += [f"\n## corpus {name}\n", "```", sub.format_help().strip(), "```"]
    return "\n".join(parts) + "\n"


def _taxonomies() -> str:
    import corpus

    c = corpus.load()
    parts = []
    for taxonomy in dict.fromkeys(category.taxonomy for category in c.categories):
        parts += [f"\n## {taxonomy}\n", "| category | label | description |", "|---|---|---|"]
        for category in c.taxonomy(taxonomy):
            description = " ".join(category.description.split()).replace("|", "\\|")
            parts.append(f"| `{category.id}` | {category.label} | {description} |")
    return "\n".join(parts) + "\n"
