"""The documentation site's sources: every public name has its API entry, and every code block
of the getting-started page runs. CI builds the site with ``mkdocs build --strict``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import corpus

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_every_public_name_has_an_api_entry() -> None:
    page = (DOCS / "api.md").read_text("utf-8")
    entries = re.findall(r"^::: corpus(?:\.\w+)*\.(\w+)$", page, re.MULTILINE)
    assert sorted(set(corpus.__all__) - set(entries)) == []
    assert len(entries) == len(set(entries))


def _blocks() -> list[str]:
    page = (DOCS / "index.md").read_text("utf-8")
    return re.findall(r"```python\n(.*?)```", page, re.DOTALL)


def test_the_getting_started_page_has_code() -> None:
    assert len(_blocks()) >= 4


@pytest.mark.parametrize("number", range(len(_blocks())))
def test_every_code_block_of_getting_started_runs(number: int) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _blocks()[number]], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_the_generated_pages_are_filled_from_the_repository() -> None:
    sys.path.insert(0, str(DOCS))
    try:
        import hooks
    finally:
        sys.path.remove(str(DOCS))
    cli = hooks.on_page_markdown("{{ cli }}")
    assert "## corpus reuse" in cli
    assert "--min-words" in cli
    taxonomies = hooks.on_page_markdown("{{ taxonomies }}")
    for taxonomy in ("stance", "genre", "voice", "measure", "scope", "act"):
        assert f"## {taxonomy}" in taxonomies
    assert "`stance.genocide`" in taxonomies
    safety = hooks.on_page_markdown("{{ readme: ### Safety }}")
    assert "HMAC-SHA256" in safety
    assert "## Tables for other tools" not in safety
    assert "### Shared wording" not in hooks.on_page_markdown("{{ readme: ## Performance }}")
