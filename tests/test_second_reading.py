"""The points of the second, independent reading of the annotations, each checked on the data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID
from corpus.claims import NON_CLAIMS

CODEBOOK = (Path(__file__).resolve().parents[1] / "corpus_data" / "CODEBOOK.md").read_text("utf-8")


def test_a_capitalised_armed_forces_or_a_named_state_is_the_state_army(
    bundled: corpus.Corpus,
) -> None:
    """The printed phrase decides, the same way in every text (CODEBOOK section 9)."""
    forces = [
        m
        for p in bundled.passages()
        for m in p.mentions
        if re.search(r"armed\s+forces", m.text, re.IGNORECASE)
    ]
    assert len(forces) >= 7
    for mention in forces:
        state = re.search(  # a capital A, or "of" a named state
            r"Armed\s+[Ff]orces|of\s+(?:the\s+Republic\s+of\s+)?Armenia", mention.text
        )
        expected = "armenia-armed-forces" if state else "armenian-forces"
        assert mention.actor_id == expected, (mention.passage_id, mention.text)
    printed = {m.text: m.actor_id for m in forces}
    assert printed["Armenian Armed Forces"] == "armenia-armed-forces"
    assert printed["Armenian armed forces"] == "armenian-forces"


def test_the_national_front_is_kept_apart_from_the_popular_front(bundled: corpus.Corpus) -> None:
    """No text says they are one party, so they are two entries, as the two embassies are."""
    nfa = bundled.actor("NFA")
    apf = bundled.actor("Azerbaijan Popular Front")
    assert (
        nfa.id == bundled.actor("National Front of Azerbaijan").id == "national-front-of-azerbaijan"
    )
    assert apf.id == "azerbaijan-popular-front"
    for actor in (nfa, apf):
        assert "No text says whether" in actor.description
    assert {m.passage_id for m in bundled.mentions(nfa)} == {"wiki.19"}


@pytest.mark.parametrize("word", ["partisan", "biased", "propaganda", "one-sided", "reliable"])
def test_the_corpus_header_describes_without_evaluating(data_dir: Path, word: str) -> None:
    header = etree.parse(str(data_dir / "corpus.xml")).find(f"{TEI}teiHeader")
    assert word not in " ".join(header.itertext()).lower()


def test_date_evidence_values_agree_with_the_codebook(data_dir: Path) -> None:
    used = {}
    for file in sorted((data_dir / "texts").glob("*.xml")):
        for date in etree.parse(str(file)).iter(f"{TEI}date"):
            if date.get("evidence"):
                used[date.get(XML_ID)] = date.get("evidence")
    assert used["wiki.date"] == "external"
    assert {v for k, v in used.items() if k != "wiki.date"} == {"internal"}
    section = CODEBOOK.split("## 7. Source metadata")[1].split("## 8.")[0]
    for value in set(used.values()):
        sentence = section.split(f'`evidence="{value}"`')[1].split(";")[0]
        assert "not used" not in sentence
    assert '`evidence="external"` means' in section
    assert "(`wiki.date`" in section.split('`evidence="external"`')[1]


def test_wiki_stance_evidence_cites_the_article_judging_accounts(bundled: corpus.Corpus) -> None:
    stance = bundled.document("wiki").stance
    assert {"wiki.14", "wiki.15"} <= set(stance.passages)
    assert "This explanation however is widely disputed" in (stance.evidence or "")
    assert stance.cert == "low"


def test_ndnnews_genre_certainty_says_it_was_contributed_to_a_news_site(
    bundled: corpus.Corpus,
) -> None:
    genre = bundled.document("ndnnews").genre
    assert genre.id == "genre.statement"
    assert genre.cert == "medium"
    assert "contributed" in (genre.evidence or "")


def test_the_e_mail_and_the_site_credit_are_in_the_headers(
    bundled: corpus.Corpus, data_dir: Path
) -> None:
    assert bundled.document("ndnnews").source.emails == ("bodo@ndnnews.co.kr",)
    assert bundled.document("embassy").source.credits == (
        ("Site Design & Developed", "Power-solution.Org"),
    )
    for doc, target, passage in (
        ("ndnnews", "#ndnnews.email", "#ndnnews.20"),
        ("embassy", "#embassy.credit", "#embassy.21"),
    ):
        tree = etree.parse(str(data_dir / "texts" / f"{doc}.xml"))
        notes = [n for n in tree.iter(f"{TEI}note") if n.get("target") == target]
        assert len(notes) == 1
        assert [q.get("source") for q in notes[0].iter(f"{TEI}quote")] == [passage]
    for doc, printed in (("ndnnews", "bodo@ndnnews.co.kr"), ("embassy", "Power-solution.Org")):
        assert printed in bundled.passage(f"{doc}.20" if doc == "ndnnews" else "embassy.21").text


def test_huseynov_names_the_events_an_event_in_its_own_voice(bundled: corpus.Corpus) -> None:
    names = {(n.category, n.reported) for n in bundled.document("huseynov").event_names}
    assert ("name.event", False) in names


def test_every_event_name_is_counted_from_the_text(bundled: corpus.Corpus) -> None:
    """Each header name has at least one use marked in the text; the counts are the uses."""
    for document in bundled.documents:
        for name in document.event_names:
            assert name.count >= 1, (document.id, name)
            assert name.count >= len(name.passages)
            for passage_id in name.passages:
                assert bundled.passage(passage_id).document_id == document.id


def test_event_name_counts_equal_the_terms_in_the_text(
    data_dir: Path, bundled: corpus.Corpus
) -> None:
    for document in bundled.documents:
        text = etree.parse(str(data_dir / "texts" / f"{document.id}.xml")).find(f"{TEI}text")
        terms = [t for t in text.iter(f"{TEI}term") if (t.get("ref") or "").startswith("#name.")]
        for name in document.event_names:
            expected = sum(
                1
                for t in terms
                if t.get("ref")[1:] == name.category
                and (t.get("type") == "reported") == name.reported
            )
            assert name.count == expected, (document.id, name.category)


def test_boztepe_own_genocide_is_explained_in_the_codebook(bundled: corpus.Corpus) -> None:
    names = {(n.category, n.reported) for n in bundled.document("boztepe").event_names}
    assert ("name.genocide", False) in names
    assert "boztepe.10" in CODEBOOK.split("### Event names")[1].split("## 9.")[0]


@pytest.mark.parametrize(("document", "name"), [("boztepe", "stance"), ("wiki", "genre")])
def test_evidence_pointers_read_as_the_passage_they_point_to(
    bundled: corpus.Corpus, document: str, name: str
) -> None:
    evidence = getattr(bundled.document(document), name).evidence
    assert "()" not in evidence
    assert re.search(rf"\({document}\.\d+\)", evidence)


def test_register_descriptions_carry_no_figures(bundled: corpus.Corpus) -> None:
    """Figures belong to the texts that state them: a register entry cites passages instead."""
    for actor in bundled.actors():
        text = actor.description
        covered = [m.span() for m in re.finditer(r"\b[a-z]+\.\d+\b|section \d+", text)]
        covered += [m.span() for _, pattern, _ in NON_CLAIMS for m in re.finditer(pattern, text)]
        numbers = re.finditer(r"\d+(?:[.,]\d+)*|\b(?:hundreds?|thousands?|seven)\b", text)
        left = [m.group() for m in numbers if not any(a <= m.start() < b for a, b in covered)]
        assert left == [], actor.id


def test_punctuation_alone_is_found_with_a_regular_expression(bundled: corpus.Corpus) -> None:
    """Words match letters and digits; punctuation such as an ellipsis needs regex=True."""
    with pytest.raises(corpus.InvalidQuery, match="use a regular expression"):
        bundled.search("…")
    found = bundled.search("…", regex=True)
    assert found
    assert all(m == "…" for hit in found for m in hit.matches)
