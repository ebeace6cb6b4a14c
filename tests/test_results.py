"""One shape for every collection the API returns: a tuple that renders as a table in a
terminal and in Jupyter and gives plain records."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from rich.console import Console

import corpus
from corpus._xml import parse_bytes
from corpus.results import Quotes, Results

COLLECTIONS: dict[str, Callable[[corpus.Corpus], Any]] = {
    "actors": lambda c: c.actors(),
    "actors-of-a-kind": lambda c: c.actors("unit"),
    "passages": lambda c: c.passages(actor="Sarkisian"),
    "mentions": lambda c: c.mentions("Sarkisian"),
    "spellings": lambda c: c.spellings("Sarkisian"),
    "cooccurrences": lambda c: c.cooccurrences("Sarkisian"),
    "references": lambda c: c.references(),
    "citations": lambda c: c.citations("black-garden"),
    "cited-by": lambda c: c.cited_by("black-garden"),
    "quotes": lambda c: c.quotes(),
    "quote-groups": lambda c: c.quote_groups(),
    "voices": lambda c: c.voices(),
    "figures": lambda c: c.figures(),
    "attributions": lambda c: c.attributions(),
    "taxonomy": lambda c: c.taxonomy("measure"),
    "reuse": lambda c: c.reuse(),
}


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_every_collection_is_a_results_value(bundled: corpus.Corpus, name: str) -> None:
    found = COLLECTIONS[name](bundled)
    assert isinstance(found, Results)
    assert isinstance(found, tuple)
    assert len(found) > 0
    assert found == tuple(found)  # equal to the tuple it was before
    assert type(found[:1]) is type(found)
    assert found[0] == next(iter(found))
    records = found.to_records()
    assert len(records) == len(found)
    assert all(isinstance(r, dict) and r for r in records)


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
@pytest.mark.parametrize("width", [60, 80, 120])
def test_every_collection_renders_as_a_table_that_fits(
    bundled: corpus.Corpus, name: str, width: int
) -> None:
    found = COLLECTIONS[name](bundled)
    out = io.StringIO()
    Console(file=out, width=width, force_terminal=False).print(found)
    lines = out.getvalue().splitlines()
    assert lines[0] == found.title()
    assert all(len(line.rstrip()) <= width for line in lines)
    first = getattr(found[0], "id", None)
    if first is not None:
        assert first in out.getvalue()  # the first row's id, whole


RESULTS: dict[str, Callable[[corpus.Corpus], Any]] = {
    **COLLECTIONS,
    "hits": lambda c: c.search("corridor"),
    "concordance": lambda c: c.concordance("genocide"),
    "figure-table": lambda c: c.compare_figures("killed"),
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_collection_is_an_html_table_in_jupyter(bundled: corpus.Corpus, name: str) -> None:
    """Parsed as XML, the table has a caption, a header row and a row of cells per value."""
    found = RESULTS[name](bundled)
    table = parse_bytes(Path("notebook.html"), found._repr_html_().encode()).getroot()
    assert table.tag == "table"
    assert table.findtext("caption")
    headers = [th.text for th in table.iterfind("thead/tr/th")]
    rows = table.findall("tbody/tr")
    assert len(rows) == len(found)
    assert all(len(row.findall("td")) == len(headers) for row in rows)


def test_html_escapes_what_the_values_hold(bundled: corpus.Corpus) -> None:
    quote = bundled.quotes()[0]
    hostile = attrs.evolve(quote, text='<script>alert("x")</script> & <b>')
    page = Quotes((hostile,))._repr_html_()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page


def test_voice_chains_are_one_string_in_every_record(bundled: corpus.Corpus) -> None:
    figure = next(f for f in bundled.figures() if len(f.claimant) > 1)
    chain = " → ".join(v.id for v in figure.claimant)
    assert bundled.figures()[bundled.figures().index(figure)] == figure
    record = next(r for r in bundled.figures().to_records() if r["id"] == figure.id)
    assert record["claimant"] == chain
    table = next(r for r in bundled.to_records("figures") if r["id"] == figure.id)
    assert table["claimant"] == chain
    rows = bundled.compare_figures(figure.measure, scope=None).to_records()
    assert chain in {r["claimant"] for r in rows}


def test_a_large_value_has_a_short_repr(bundled: corpus.Corpus) -> None:
    assert len(repr(bundled)) < 200
    assert re.fullmatch(
        r"Figures\(<81 figures: boztepe\.f1, boztepe\.f2, …, \S+>\)", repr(bundled.figures())
    )
    assert repr(bundled.figures()[:1]).startswith("Figures((Figure(")


def test_attribution_by_id(bundled: corpus.Corpus) -> None:
    first = bundled.attributions()[0]
    assert bundled.attribution(first.id) == first
    with pytest.raises(corpus.NotFound, match=r"no attribution 'wiki\.a999'"):
        bundled.attribution("wiki.a999")


def test_a_work_is_found_by_its_title(bundled: corpus.Corpus) -> None:
    assert bundled.reference("Black Garden").id == "black-garden"
    assert bundled.reference("black garden: armenia and azerbaijan").id == "black-garden"
    with pytest.raises(corpus.AmbiguousName, match="more than one work"):
        bundled.reference("Human Rights Watch")
