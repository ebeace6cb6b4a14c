"""Rendering: every public value prints through rich with its content, ids and metadata."""

from __future__ import annotations

import io
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

import corpus
from corpus.render import KIND_STYLES, MATCH_STYLE, actor_view, passage_text, reference_view

if TYPE_CHECKING:
    from rich.text import Text


def _render(value: object, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(value)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def _flat(output: str) -> str:
    """The printed words without box drawing and line wrapping."""
    return " ".join(output.replace("│", " ").split())


def test_a_document_renders_its_header_and_passages(bundled: corpus.Corpus) -> None:
    output = _render(bundled.document("boztepe"))
    flat = _flat(output)
    assert "boztepe" in output.splitlines()[0]  # the panel title
    for line in (
        "title 23rd ANNIVERSARY OF THE KHOJALY MASSACRE",
        "author Cemre Dilay BOZTEPE",
        "publisher unknown (not stated)",
        "date 2015 (derived, medium certainty)",
        "stance genocide (medium certainty)",
        "genre essay (medium certainty)",
        "language en",
        f"data version {bundled.version}",
    ):
        assert line in flat, line
    assert "boztepe.12 · p" in flat
    assert all(max(len(line) for line in output.splitlines()) <= 80 for _ in (0,))


def test_a_passage_renders_its_text_id_and_source_line(bundled: corpus.Corpus) -> None:
    output = _render(bundled.passage("wiki.75"))
    assert "Rasim Agayev, said at least 1,000 people died" in _flat(output)
    assert "wiki.75 · p · voice: new-york-times → rasim-agayev" in _flat(output)
    assert max(len(line) for line in output.splitlines()) <= 80  # wrapped to the width


def test_mentions_citations_and_quotations_are_styled(bundled: corpus.Corpus) -> None:
    passage = bundled.passage("wiki.16")
    text = passage_text(passage)
    styles = {(span.start, span.end): str(span.style) for span in text.spans}
    for mention in passage.mentions:
        assert styles[mention.span] == KIND_STYLES[mention.actor_kind or ""]
    assert {m.actor_kind for m in passage.mentions} >= {"person", "place"}
    for citation in passage.citations:
        assert styles[citation.span] == "dim underline"
    for quote in passage.quotes:
        assert quote.span is not None
        assert styles[quote.span] == "italic"


def test_hits_render_highlighted_matches_grouped_by_document(bundled: corpus.Corpus) -> None:
    hits = bundled.search('"largest massacre"')
    output = _render(hits)
    assert "3 passage(s) for '\"largest massacre\"'" in output
    lines = output.splitlines()
    rules = [line for line in lines if line.startswith("─")]
    assert [r.strip("─ ") for r in rules] == ["boztepe", "wiki", "huseynov"]
    for passage_id in ("boztepe.8", "wiki.44", "huseynov.5"):
        assert f"{passage_id} · p" in output
    first = _hit_text(hits[0])
    highlighted = [first.plain[s.start : s.end] for s in first.spans if str(s.style) == MATCH_STYLE]
    assert highlighted == ["largest massacre"]


def _hit_text(hit: corpus.Hit) -> Text:
    return passage_text(hit.passage, hit.spans)


def test_a_concordance_renders_as_an_aligned_table(bundled: corpus.Corpus) -> None:
    output = _render(bundled.concordance("corridor", width=20))
    rows = [line for line in output.splitlines() if "corridor" in line and "wiki." in line]
    assert len(rows) == 10
    columns = {row.index("corridor") for row in rows}
    assert len(columns) == 1  # the keyword stands in one column
    assert all(
        row.rstrip().endswith(("wiki.13", "wiki.19", "wiki.20", "wiki.22", "wiki.32"))
        for row in rows
    )


def test_an_actor_renders_its_spellings_by_document_and_mention_counts(
    bundled: corpus.Corpus,
) -> None:
    plain = _flat(_render(bundled.actor("Sarkisian")))
    assert "Serzh Sargsyan" in plain
    assert "kind person" in plain
    full = _flat(_render(actor_view(bundled.actor("Sarkisian"), bundled)))
    assert "ndnnews Serzh Sarkisian 2" in full
    assert "wiki Serge Sarkisian 1" in full
    total = len(bundled.mentions("serzh-sargsyan"))
    assert f"mentions: {total} (boztepe" in full


def test_a_work_renders_its_reference_and_the_passages_citing_it(
    bundled: corpus.Corpus,
) -> None:
    plain = _flat(_render(bundled.reference("my-brothers-road")))
    assert (
        "Markar Melkonian. My Brother's Road: An American's Fateful Journey to Armenia. "
        "New York: I.B. Tauris. 2005. ISBN 1-85043-635-5. [book]"
    ) in plain
    full = _flat(_render(reference_view(bundled.reference("my-brothers-road"), bundled)))
    assert "wiki.15 marker [13]" in full
    assert "wiki.24 named My Brother's Road" in full


def test_a_quotation_group_renders_renditions_side_by_side_with_differences(
    bundled: corpus.Corpus,
) -> None:
    output = _render(bundled.quote_group("sargsyan-stereotype"), width=120)
    header = next(line for line in output.splitlines() if "boztepe" in line and "huseynov" in line)
    assert header.index("boztepe") < header.index("ndnnews") < header.index("wiki")
    flat = _flat(output)
    assert "were able" in flat
    assert "needed" in flat
    assert "boztepe.q2 (boztepe)" in flat


def test_a_comparison_and_a_quote_render(bundled: corpus.Corpus) -> None:
    comparison = _flat(_render(bundled.compare("sargsyan-stereotype", "boztepe", "huseynov")))
    assert "replace were able needed" in comparison
    quote = _flat(_render(bundled.quote("wiki.q5")))
    assert "wiki.q5 · markar-melkonian · from my-brothers-road" in quote


@pytest.mark.parametrize("name", corpus.__all__)
def test_every_public_value_has_the_rich_protocols(name: str) -> None:
    value = getattr(corpus, name)
    if isinstance(value, type) and hasattr(value, "__attrs_attrs__"):
        assert hasattr(value, "__rich_console__")
        assert hasattr(value, "__rich_repr__")
        assert hasattr(value, "_repr_mimebundle_")


def test_small_values_render_through_their_rich_repr(bundled: corpus.Corpus) -> None:
    mention = bundled.passage("wiki.16").mentions[0]
    output = _render(mention)
    assert "Mention(" in output
    assert "actor_id='serzh-sargsyan'" in output
    assert ("span", mention.span) in list(mention.__rich_repr__())


def test_jupyter_display_gives_html_and_text(bundled: corpus.Corpus) -> None:
    bundle = bundled.passage("wiki.4")._repr_mimebundle_()
    assert "Khojaly Massacre" in bundle["text/plain"]
    assert bundle["text/html"].startswith("<pre")


def test_import_corpus_does_not_import_rich_until_something_is_rendered() -> None:
    code = (
        "import sys, io, corpus; c = corpus.load(); c.search('Khojaly'); "
        "print('rich' in sys.modules); "
        "from rich.console import Console; Console(file=io.StringIO()).print(c.passage('wiki.4')); "
        "print('corpus.render' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]


# ------------------------------------------------------------------ figures and attributions


def test_figures_are_styled_in_a_passage(bundled: corpus.Corpus) -> None:
    from corpus.render import FIGURE_STYLE

    passage = bundled.passage("embassy.7")
    text = passage_text(passage)
    styled = {text.plain[s.start : s.end] for s in text.spans if str(s.style) == FIGURE_STYLE}
    assert styled == {f.text for f in passage.figures}


def test_a_figure_table_lists_each_text_claimant_and_number(bundled: corpus.Corpus) -> None:
    flat = _flat(_render(bundled.compare_figures("killed-children"), width=120))
    assert flat.startswith("killed-children")
    for document in ("boztepe", "ndnnews", "wiki", "huseynov", "embassy"):
        assert document in flat
    assert "azerbaijani-authorities 83 children 83 wiki.4" in flat
    assert "each figure is a claim of its text" in flat


def test_a_figure_table_of_several_measures_names_them(bundled: corpus.Corpus) -> None:
    flat = _flat(_render(bundled.compare_figures("killed", "killed-women"), width=160))
    assert "measure" in flat
    assert "killed-women" in flat
    assert "≥ 161" in flat
    assert "500–1,000" in flat


def test_a_figure_renders_its_measure_claimant_and_bounds(bundled: corpus.Corpus) -> None:
    figure = next(f for f in bundled.figures(document="wiki") if f.low == 161)
    flat = _flat(_render(figure))
    assert figure.text in flat
    assert "measure.killed" in flat
    assert "according to human-rights-watch" in flat
    assert "at least 161" in flat


def test_a_figure_view_shows_the_passage_around_it(bundled: corpus.Corpus) -> None:
    from corpus.render import figure_view

    flat = _flat(_render(figure_view(bundled.figure("embassy.f4"), bundled)))
    assert "63 children" in flat
    assert "Invaders destroyed Khojaly" in flat
    assert "embassy.7 · p" in flat


def test_an_attribution_renders_its_words_and_claimant(bundled: corpus.Corpus) -> None:
    attribution = bundled.attributions("regiment-366", document="embassy")[0]
    flat = _flat(_render(attribution, width=200))
    assert "with the help of the infantry guards regiment No. 366" in flat
    assert "regiment-366: assisted (according to voice.author, embassy.7)" in flat
