"""Figures and attributions of responsibility on the real corpus: values, claimants, coverage."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID
from corpus.claims import NON_CLAIMS, unclaimed_numbers

AUTHOR = (corpus.Voice("voice.author", "category"),)


def _figure(c: corpus.Corpus, document: str, printed: str) -> corpus.Figure:
    found = [f for f in c.figures(document=document) if f.text == printed]
    assert len(found) == 1, [f.text for f in c.figures(document=document)]
    return found[0]


# ------------------------------------------------------------------ figures


def test_children_killed_are_63_in_four_texts_and_83_in_the_wiki_article(
    bundled: corpus.Corpus,
) -> None:
    rows = bundled.compare_figures("killed-children")
    values = {(row.document_id, row.value) for row in rows}
    assert {d for d, v in values if v == 63} == {"boztepe", "ndnnews", "huseynov", "embassy"}
    assert {d for d, v in values if v == 83} == {"wiki"}


def test_the_wiki_death_toll_keeps_each_figure_with_its_own_claimant(
    bundled: corpus.Corpus,
) -> None:
    rows = {(r.value, r.low, r.high, r.claimed_by) for r in bundled.compare_figures("killed")}
    wiki = {r for r in bundled.compare_figures("killed") if r.document_id == "wiki"}
    assert (613, None, None, "azerbaijani-authorities") in rows
    assert any(r.low == 161 and "human-rights-watch" in r.claimed_by for r in wiki)
    assert any(r.low == 500 and r.high == 1000 and r.value is None for r in wiki)
    assert any(r.value == 800 and r.qualifier == "about" for r in wiki)


@pytest.mark.parametrize(
    ("document", "printed", "value"),
    [("boztepe", "1.275 people", 1275), ("ndnnews", "Six\xa0families", 6)],
    ids=["dot-thousands-separator", "number-word"],
)
def test_printed_numbers_read_as_values(
    bundled: corpus.Corpus, document: str, printed: str, value: int
) -> None:
    figure = _figure(bundled, document, printed)
    assert figure.value == value
    assert figure.qualifier is None


@pytest.mark.parametrize(
    ("printed", "qualifier", "value", "low", "high"),
    [
        ("at least 161", "at least", None, 161, None),
        ("about 800", "about", 800, None, None),
        ("500-1,000", "as many as", None, 500, 1000),
    ],
)
def test_wiki_figures_keep_their_qualifiers_and_bounds(
    bundled: corpus.Corpus,
    printed: str,
    *,
    qualifier: str,
    value: int | None,
    low: int | None,
    high: int | None,
) -> None:
    found = [f for f in bundled.figures(document="wiki") if printed in f.text]
    assert found, printed
    figure = found[0]
    assert (figure.qualifier, figure.value, figure.low, figure.high) == (
        qualifier,
        value,
        low,
        high,
    )


def test_vague_quantities_have_no_number(bundled: corpus.Corpus) -> None:
    vague = [f for f in bundled.figures() if f.vague]
    assert vague
    assert all(f.value is None and f.low is None and f.high is None for f in vague)
    assert any(f.number == "hundreds" for f in vague)


def test_every_figure_span_reads_its_printed_text(bundled: corpus.Corpus) -> None:
    figures = bundled.figures()
    assert len(figures) >= 80
    for figure in figures:
        passage = bundled.passage(figure.passage_id)
        assert passage.text[figure.span[0] : figure.span[1]] == figure.text, figure.id
        assert figure.number in figure.text
        if figure.qualifier:
            assert figure.text.startswith(figure.qualifier)


def test_every_figure_and_attribution_has_a_claimant(bundled: corpus.Corpus) -> None:
    claims = (*bundled.figures(), *bundled.attributions())
    assert all(claim.claimant for claim in claims)
    voices = {v.id for v in bundled.voices()} | {c.id for c in bundled.taxonomy("voice")}
    actors = {a.id for a in bundled.actors()}
    for claim in claims:
        for voice in claim.claimant:
            assert voice.id in (actors if voice.kind == "actor" else voices), claim.id


def test_figures_match_their_markup(data_dir: Path, bundled: corpus.Corpus) -> None:
    """Ids, measures and values read straight from the XML equal the library's figures."""
    expected = {}
    for file in sorted((data_dir / "texts").glob("*.xml")):
        for measure in etree.parse(str(file)).iter(f"{TEI}measure"):
            category = next(t[1:] for t in measure.get("ana").split() if t.startswith("#measure."))
            value = measure.find(f"{TEI}num").get("value")
            expected[measure.get(XML_ID)] = (category, None if value is None else float(value))
    found = {
        f.id: (f.measure, None if f.value is None else float(f.value)) for f in bundled.figures()
    }
    assert found == expected


def test_figure_ids_are_unique_and_follow_doc_fn(bundled: corpus.Corpus) -> None:
    ids = [f.id for f in bundled.figures()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(rf"{f.document_id}\.f\d+", f.id) for f in bundled.figures())


def test_a_figure_given_in_another_voice_names_that_voice(bundled: corpus.Corpus) -> None:
    """boztepe.8 relays "the official data" and "the unofficial data"; each figure keeps its own."""
    by_claimant = {f.number: f.claimed_by for f in bundled.figures(document="boztepe")}
    assert by_claimant["613"] == "voice.official"
    assert by_claimant["1.300"] == "voice.unofficial"


def test_figures_filter_by_measure_claimant_and_document(bundled: corpus.Corpus) -> None:
    official = bundled.figures(claimant="official")
    assert official
    assert all(any(v.id == "voice.official" for v in f.claimant) for f in official)
    hrw = bundled.figures("killed", claimant="Human Rights Watch")
    assert hrw
    assert all(f.measure == "measure.killed" for f in hrw)
    assert {f.document_id for f in bundled.figures(document="huseynov")} == {"huseynov"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.figures("deaths"), "no measure 'deaths'"),
        (lambda c: c.attributions(act="ordered"), "no act 'ordered'"),
        (lambda c: c.figures(claimant="nobody at all"), "no actor named"),
        (lambda c: c.figure("wiki.f9999"), "no figure 'wiki.f9999'"),
    ],
    ids=["unknown-measure", "unknown-act", "unknown-claimant", "unknown-figure"],
)
def test_unknown_names_are_not_found(bundled: corpus.Corpus, call: object, message: str) -> None:
    with pytest.raises(corpus.NotFound, match=message):
        call(bundled)  # type: ignore[operator]


def test_search_filters_by_measure_and_claimant(bundled: corpus.Corpus) -> None:
    hits = bundled.search("measure:killed-children")
    assert hits.count_by("document") == dict.fromkeys(
        ("boztepe", "ndnnews", "wiki", "huseynov", "embassy"), 1
    )
    for hit in hits:
        assert all(
            hit.passage.text[s:e] in {f.text for f in hit.passage.figures} for s, e in hit.spans
        )
    official = bundled.search("claimant:official")
    assert {h.passage.id for h in official} >= {"boztepe.8"}
    with pytest.raises(corpus.InvalidQuery, match="no measure"):
        bundled.search("measure:deaths")


def test_comparison_records_use_the_field_names(bundled: corpus.Corpus) -> None:
    records = bundled.compare_figures("killed", "killed-children").to_records()
    assert records
    fields = {a.name for a in attrs.fields(corpus.FigureRow)}
    assert set(records[0]) == fields | {"kind", "best"}  # and what the row prints
    assert all(isinstance(r["claimant"], str) for r in records)


# ------------------------------------------------------------------ number coverage


def test_every_number_of_the_article_text_is_a_figure_or_a_non_claim(
    bundled: corpus.Corpus,
) -> None:
    left = [
        (p.id, p.text[s:e])
        for d in bundled.documents
        for p in d.article_passages()
        for s, e in unclaimed_numbers(p)
    ]
    assert left == []


def test_every_non_claim_rule_is_used_and_reasoned(bundled: corpus.Corpus) -> None:
    texts = [p.text for d in bundled.documents for p in d.article_passages()]
    for category, pattern, reason in NON_CLAIMS:
        assert reason
        assert category
        assert any(re.search(pattern, t) for t in texts), (category, pattern)


def _unwrap(file: Path, figure_id: str) -> None:
    """Remove one figure's markup, keeping its text: the number is left unencoded."""
    data = file.read_text(encoding="utf-8")
    start = data.index(f'<measure xml:id="{figure_id}"')
    inner_start = data.index(">", start) + 1
    end = data.index("</measure>", inner_start)
    inner = re.sub(r"</?num\b[^>]*>", "", data[inner_start:end])
    file.write_text(data[:start] + inner + data[end + len("</measure>") :], encoding="utf-8")


def test_removing_a_figure_breaks_the_coverage_rule(corpus_copy: Path) -> None:
    """Mutation test: with embassy.f4 unencoded, "63" is reported, by the check and validate()."""
    _unwrap(corpus_copy / "texts" / "embassy.xml", "embassy.f4")
    mutated = corpus.load(corpus_copy)
    passage = mutated.passage("embassy.7")
    assert [passage.text[s:e] for s, e in unclaimed_numbers(passage)] == ["63"]
    assert passage.text == corpus.load().passage("embassy.7").text
    problems = corpus.validate(corpus_copy)
    assert [p.message.split(":")[0] for p in problems] == ["embassy.7"]
    assert "'63'" in problems[0].message


# ------------------------------------------------------------------ attributions

#: The agents each text holds responsible in its own voice (claimant voice.author).
OWN_VOICE_AGENTS = {
    "boztepe": {"armenian-forces", "russian-army-units", "serzh-sargsyan"},
    "ndnnews": {"armenia-armed-forces", "regiment-366", "serzh-sargsyan"},
    "wiki": set(),
    "huseynov": {"armenia", "armenia-armed-forces", "armenian-side", "serzh-sargsyan"},
    "embassy": {
        "armenia-armed-forces",
        "armenian-forces",
        "armenian-side",
        "daud-kheyriyan",
        "regiment-366",
        "vazgen-sislyan",
    },
}


@pytest.mark.parametrize("document", sorted(OWN_VOICE_AGENTS))
def test_agents_each_text_holds_responsible_in_its_own_voice(
    bundled: corpus.Corpus, document: str
) -> None:
    own = {
        a.agent
        for a in bundled.attributions(document=document)
        if a.claimant == AUTHOR and a.act not in ("act.denies", "act.disputed")
    }
    assert own == OWN_VOICE_AGENTS[document]


def test_the_wiki_article_tells_the_armenian_side_from_human_rights_watch(
    bundled: corpus.Corpus,
) -> None:
    armenian = bundled.attributions(claimant="armenian-side", document="wiki")
    hrw = bundled.attributions(claimant="human-rights-watch", document="wiki")
    assert armenian
    assert hrw
    assert {a.id for a in armenian}.isdisjoint({a.id for a in hrw})
    assert all(a.claimant[0].id == "armenian-side" for a in armenian)


def test_denials_and_disputes_are_attributions(bundled: corpus.Corpus) -> None:
    assert bundled.attributions(act="denies")
    assert bundled.attributions(act="disputed")


def test_every_attribution_quotes_its_passage_as_printed(bundled: corpus.Corpus) -> None:
    attributions = bundled.attributions()
    assert len(attributions) >= 20
    for attribution in attributions:
        assert attribution.text
        assert attribution.text in bundled.passage(attribution.passage_id).text, attribution.id
        assert attribution.document_id == bundled.passage(attribution.passage_id).document_id


def test_attribution_ids_are_unique_and_follow_doc_an(bundled: corpus.Corpus) -> None:
    ids = [a.id for a in bundled.attributions()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(rf"{a.document_id}\.a\d+", a.id) for a in bundled.attributions())


def test_a_combined_corpus_keeps_the_figures_and_attributions(bundled: corpus.Corpus) -> None:
    other = Path(__file__).parent / "data" / "foreign" / "eltec.xml"
    combined = corpus.load([None, other])
    assert combined.figures() == bundled.figures()
    assert combined.attributions() == bundled.attributions()
    assert combined.compare_figures("killed-children").to_records() == (
        bundled.compare_figures("killed-children").to_records()
    )


# ------------------------------------------------------------------ hostile claims markup


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('name="assisted"', 'name="ordered"', r"the act 'ordered'; use one of carried-out"),
        (
            'active="actor:regiment-366"',
            'active="actor:nobody"',
            r"the agent 'actor:nobody'; use one actor:ID",
        ),
        (
            'ana="corpus.xml#voice.author"',
            'ana="corpus.xml#voice.nobody"',
            "list actor:ID or corpus.xml#voice",
        ),
        (
            'ana="corpus.xml#voice.author"',
            'ana="actor:nobody"',
            "unregistered claimant in embassy.a2",
        ),
        (
            'source="texts/embassy.xml#embassy.7" cert="high"><desc>with',
            'source="texts/embassy.xml#embassy.99" cert="high"><desc>with',
            "which is no passage",
        ),
    ],
    ids=["act", "agent", "claimant", "unregistered-claimant", "passage"],
)
def test_a_bad_attribution_is_refused_with_its_line(
    corpus_copy: Path, old: str, new: str, message: str
) -> None:
    claims = corpus_copy / "claims.xml"
    lines = claims.read_text("utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if 'xml:id="embassy.a2"' in line)
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    claims.write_text("".join(lines), "utf-8")
    with pytest.raises(corpus.CorpusFileError, match=message) as raised:
        corpus.load(corpus_copy, cache=False)
    assert raised.value.path.endswith("claims.xml")
    assert raised.value.line == number


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"#measure.killed-children', '"#measure.deaths', "exactly one #measure"),
        ('"#measure.killed-children', '"#voice.author', "exactly one #measure"),
        ('<num value="63">63</num>', "63", "with 0 num elements"),
        ('<num value="63">63</num>', '<num value="sixty">63</num>', "value='sixty'"),
    ],
    ids=["unknown-measure", "no-measure", "no-num", "bad-value"],
)
def test_a_bad_figure_is_refused_with_its_line(
    corpus_copy: Path, old: str, new: str, message: str
) -> None:
    text = corpus_copy / "texts" / "embassy.xml"
    data = text.read_text("utf-8")
    start = data.index('<measure xml:id="embassy.f4"')
    end = data.index("</measure>", start)
    assert old in data[start:end]
    text.write_text(data[:start] + data[start:end].replace(old, new, 1) + data[end:], "utf-8")
    with pytest.raises(corpus.CorpusFileError, match=message) as raised:
        corpus.load(corpus_copy, cache=False)
    assert raised.value.path.endswith("embassy.xml")
    assert raised.value.line == data[:start].count("\n") + 1


def test_compare_figures_without_a_measure_sets_every_measure_side_by_side(
    bundled: corpus.Corpus,
) -> None:
    """As `corpus figures` with no measure lists all: every Khojaly figure is in a row."""
    table = bundled.compare_figures()
    assert {m for row in table for m in row.figures} == {
        f.id for f in bundled.figures(scope="khojaly")
    }
    assert set(table.measures) == {c.id for c in bundled.taxonomy("measure")}
