"""Voices: whose account each passage gives, with nested attribution as a chain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID

AUTHOR = corpus.Voice("voice.author", "category")

#: The wiki-style article's sections that report a named party's account, by heading.
ACCOUNT_SECTIONS = {
    "wiki.17": "eynulla-fatullayev",  # "Fatullayev Acount"
    "wiki.27": "ayaz-mutalibov",  # "Mutalibov account": the interview
    "wiki.71": "new-york-times",  # "New York Times": the quoted article
}


def _quoted_by(data_dir: Path, actor: str) -> set[str]:
    """The passages inside a q or sp whose @who is the actor, read from the XML."""
    tree = etree.parse(str(data_dir / "texts" / "wiki.xml"))
    return {
        e.get(XML_ID)
        for speaker in tree.iter(f"{TEI}q", f"{TEI}sp")
        if speaker.get("who") == f"actor:{actor}"
        for e in speaker.iter()
        if e.get(XML_ID) and re.fullmatch(r"[a-z-]+\.\d+", e.get(XML_ID) or "")
    }


def _section_passages(data_dir: Path, head_id: str) -> list[str]:
    """The ids of every passage in the section a heading opens, read from the XML."""
    tree = etree.parse(str(data_dir / "texts" / "wiki.xml"))
    head = next(e for e in tree.iter(f"{TEI}head") if e.get(XML_ID) == head_id)
    section = head.getparent()
    assert section.tag == f"{TEI}div"
    return [e.get(XML_ID) for e in section.iter() if e.get(XML_ID) and e.tag != f"{TEI}sp"]


@pytest.mark.parametrize(("head", "actor"), ACCOUNT_SECTIONS.items())
def test_an_account_section_gives_its_party_only_the_words_it_quotes(
    bundled: corpus.Corpus, data_dir: Path, head: str, actor: str
) -> None:
    """The party's words (its quotation or interview answers) carry its voice; the editors'
    heading, introduction and biography are the article's own voice (CODEBOOK section 10)."""
    passages = [p for p in _section_passages(data_dir, head) if re.fullmatch(r"[a-z-]+\.\d+", p)]
    article = [p for p in passages if not bundled.passage(p).boilerplate]
    quoted = _quoted_by(data_dir, actor)
    assert len(quoted & set(article)) >= 3
    assert bundled.passage(head).voices == ((AUTHOR,),)
    for passage_id in article:
        passage = bundled.passage(passage_id)
        if passage_id in quoted:
            assert passage.voice[0] == corpus.Voice(actor, "actor"), passage_id
        else:
            assert all(v.id != actor for chain in passage.voices for v in chain), passage_id


def test_the_editors_biography_of_a_party_is_the_articles_own_voice(
    bundled: corpus.Corpus,
) -> None:
    biography = bundled.passage("wiki.18")  # "Mr Eynulla Fatullayev, is an Azerbaijani national …"
    assert biography.text.startswith("Mr Eynulla Fatullayev")
    assert biography.voices == ((AUTHOR,),)


def test_no_passage_outside_those_sections_carries_their_voice_first(
    bundled: corpus.Corpus, data_dir: Path
) -> None:
    inside = {p for head in ACCOUNT_SECTIONS for p in _section_passages(data_dir, head)}
    for passage in bundled.document("wiki").passages:
        if passage.id not in inside:
            assert passage.voice[0].id not in {"eynulla-fatullayev", "ayaz-mutalibov"}, passage.id


def test_an_interview_turn_adds_its_speaker_to_the_chain(bundled: corpus.Corpus) -> None:
    mutalibov = corpus.Voice("ayaz-mutalibov", "actor")
    question = bundled.passage("wiki.30")  # the journalist's question: her voice alone
    assert question.voice == (corpus.Voice("dana-mazalova", "actor"),)
    assert bundled.passage("wiki.37").voice == (mutalibov,)  # his own answer: no repeat
    assert bundled.passage("wiki.31").voice == (
        mutalibov,
        corpus.Voice("voice.witness", "category"),
    )


def test_boilerplate_inside_a_section_is_the_pages_own_voice(bundled: corpus.Corpus) -> None:
    notice = bundled.passage("wiki.42")  # a copyright notice inside the Mutalibov section
    assert notice.boilerplate
    assert notice.voices == ((AUTHOR,),)


def test_sections_that_only_ask_for_an_account_stay_in_the_texts_own_voice(
    bundled: corpus.Corpus,
) -> None:
    for passage_id in ("wiki.23", "wiki.24", "wiki.25", "wiki.26"):
        assert bundled.passage(passage_id).voices == ((AUTHOR,),)


def test_the_default_voice_is_the_texts_own(bundled: corpus.Corpus) -> None:
    assert bundled.passage("wiki.5").voice == (AUTHOR,)
    assert bundled.passage("huseynov.3").voice == (AUTHOR,)


@pytest.mark.parametrize(
    ("passage", "first"),
    [
        ("wiki.12", "armenian-side"),  # "The Armenian side states …"
        ("wiki.10", "human-rights-watch"),  # "According to Human Rights Watch[8]:"
        ("wiki.11", "human-rights-watch"),  # the block quotation that follows, by its speaker
        ("wiki.16", "serzh-sargsyan"),
        ("embassy.10", "le-monde"),
        ("boztepe.10", "serzh-sargsyan"),
    ],
)
def test_passages_reporting_a_party_give_its_voice(
    bundled: corpus.Corpus, passage: str, first: str
) -> None:
    assert bundled.passage(passage).voice == (corpus.Voice(first, "actor"),)


def test_a_passage_reporting_several_parties_lists_each(bundled: corpus.Corpus) -> None:
    voices = [chain[-1].id for chain in bundled.passage("wiki.12").voices]
    assert voices == [
        "armenian-side",
        "armenian-officials",
        "helsinki-watch",
        "human-rights-watch",
        "memorial",
    ]
    figures = [chain[-1].id for chain in bundled.passage("boztepe.8").voices]
    assert figures[:3] == ["voice.official", "voice.unofficial", "human-rights-watch"]


def test_nested_attribution_is_a_chain_outermost_first(bundled: corpus.Corpus) -> None:
    nyt, agayev = corpus.Voice("new-york-times", "actor"), corpus.Voice("rasim-agayev", "actor")
    assert bundled.passage("wiki.75").voice == (nyt, agayev)
    assert bundled.passage("wiki.19").voice == (
        corpus.Voice("eynulla-fatullayev", "actor"),
        corpus.Voice("voice.witness", "category"),
    )
    # the speaker of a block quotation inside an account section is not repeated
    assert bundled.passage("wiki.20").voice == (corpus.Voice("eynulla-fatullayev", "actor"),)


def test_every_voice_is_an_actor_or_a_voice_category(bundled: corpus.Corpus) -> None:
    categories = {c.id for c in bundled.taxonomy("voice")}
    for voice in bundled.voices():
        if voice.kind == "actor":
            assert bundled.actor(voice.id).id == voice.id
        else:
            assert voice.id in categories


def test_the_voice_taxonomy_has_categories_no_text_uses_yet(bundled: corpus.Corpus) -> None:
    used = {v.id for v in bundled.voices() if v.kind == "category"}
    unused = {c.id for c in bundled.taxonomy("voice")} - used
    assert {"voice.author", "voice.witness"} <= used
    assert unused  # room for texts added later (participant, media, …)
