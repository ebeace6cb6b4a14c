"""The datasheet's numbers and the citation file's facts are the data's own: the composition
tables of ``corpus_data/DATASHEET.md`` are regenerated here and must match, and
``CITATION.cff`` names the released version and the five texts as the corpus records them.

After an intended change to the data: ``python tests/test_datasheet.py`` rewrites the tables.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

import corpus
from corpus import _version, citing

ROOT = Path(__file__).resolve().parents[1]
DATASHEET = ROOT / "corpus_data" / "DATASHEET.md"
BLOCK = re.compile(r"<!-- composition -->\n(.*?)<!-- /composition -->", re.DOTALL)


def composition(c: corpus.Corpus) -> str:
    """The composition tables: the texts, then the annotations by kind."""
    lines = [
        "| text | genre | stance | language | passages | of them debris | characters |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    for d in c.documents:
        debris = sum(p.boilerplate for p in d.passages)
        lines.append(
            f"| {d.id} | {d.genre} | {d.stance} | {d.language} | {len(d.passages)} | {debris} | "
            f"{len(d.source_text()):,} |"
        )
    passages = c.passages()
    relations = {(r.type, r.actor_id, r.other_id) for a in c.actors() for r in a.relations}
    kinds = Counter(a.kind for a in c.actors())
    counted = [
        ("passages", len(passages)),
        (
            "passages in another language (Korean), with a translation",
            sum(1 for p in passages if p.translation),
        ),
        ("registered actors", len(c.actors())),
        *((f"… of kind {kind}", n) for kind, n in sorted(kinds.items())),
        ("mentions of actors", sum(len(p.mentions) for p in passages)),
        ("relations between actors (claims of texts and editorial notes)", len(relations)),
        (
            "editorial identifications (not claims of any text)",
            sum(1 for a in c.actors() if a.identification),
        ),
        ("cited works", len(c.references())),
        ("citations", len(c.citations())),
        ("quotations (inline, block and interview turns)", len(c.quotes())),
        ("quotation groups (one utterance rendered in several texts)", len(c.quote_groups())),
        ("figures, each with its claimant", len(c.figures())),
        ("attributions of responsibility, each with its claimant", len(c.attributions())),
        (
            "editorial corrections kept beside the printed form",
            sum(len(p.corrections) for p in passages),
        ),
    ]
    lines += ["", "| annotation | count |", "|---|---:|"]
    lines += [f"| {name} | {count:,} |" for name, count in counted]
    return "\n".join(lines) + "\n"


def test_the_datasheet_tables_are_the_data(bundled: corpus.Corpus) -> None:
    found = BLOCK.search(DATASHEET.read_text("utf-8"))
    assert found is not None
    assert found.group(1) == composition(bundled)


def test_the_datasheet_covers_every_section() -> None:
    text = DATASHEET.read_text("utf-8")
    sections = ("Motivation", "Composition", "Collection", "Annotation", "Uses")
    sections += ("Out of scope", "Bias and limitations", "Distribution", "Maintenance")
    for section in sections:
        assert re.search(rf"^## {section}", text, re.MULTILINE), section


def test_the_citation_file_names_the_release_and_the_texts(bundled: corpus.Corpus) -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == corpus.__version__
    assert cff["date-released"] == _version.RELEASED
    assert cff["title"] == citing.TITLE
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## [{cff['version']}] - {cff['date-released']}" in changelog
    assert cff["license"] == "MIT"
    assert cff["authors"] == [{"name": "the corpus maintainers"}]
    references = {r["title"]: r for r in cff["references"]}
    assert set(references) == {d.source.title for d in bundled.documents}
    for document in bundled.documents:
        cited = references[document.source.title]
        assert f"corpus document {document.id}." in cited["notes"]
        names = [a["name"] for a in cited["authors"]]
        assert names == (
            list(document.source.authors) or ["authors not stated (a wiki-style article)"]
        )
        date = document.source.date
        if date.derived:  # a derived date is never given as the date
            assert "date-published" not in cited
            assert "derived" in cited["notes"]
        else:
            assert cited["date-published"] == date.when
        if document.source.publisher:
            assert cited["publisher"]["name"] == document.source.publisher
        else:
            assert "publisher" not in cited


if __name__ == "__main__":
    text = DATASHEET.read_text("utf-8")
    table = composition(corpus.load())
    DATASHEET.write_text(
        BLOCK.sub(lambda _: f"<!-- composition -->\n{table}<!-- /composition -->", text), "utf-8"
    )
    print(f"wrote the composition of {DATASHEET}")


def test_the_command_cites_the_corpus_and_a_passage(bundled: corpus.Corpus) -> None:
    import subprocess
    import sys

    whole = subprocess.run(
        [sys.executable, "-m", "corpus", "cite"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Version {corpus.__version__}, data version {bundled.version}" in whole
    assert f"@misc{{khojaly-corpus-{corpus.__version__}," in whole
    one = subprocess.run(
        [sys.executable, "-m", "corpus", "cite", "wiki.4"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Passage wiki.4, from authors not stated, “Khojaly massacre”" in one
    assert "date not stated;" in one  # a derived date is never given as the date
    assert f"@misc{{khojaly-corpus-{corpus.__version__}-wiki.4," in one
    assert one.count("{") == one.count("}")
    missing = subprocess.run(
        [sys.executable, "-m", "corpus", "cite", "wiki.999"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "no passage 'wiki.999'" in missing.stderr


def test_bibtex_escapes_what_it_treats_specially() -> None:
    assert citing._escaped("50% & $5 #1 a_b {x}") == r"50\% \& \$5 \#1 a\_b \{x\}"
