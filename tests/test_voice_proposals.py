"""Proposed voices: the reporting-frame rules on captures written for these tests, a draft's
proposed voices in the API, the command and the TEI, and their review."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import corpus
from _support import draft_of, proposals_json
from corpus.model import chain_label
from corpus.proposing import voice_guesses

VOICING = (
    "According to Human Rights Watch, 161 civilians were killed. The town was small.\n\n"
    "Memorial, the Moscow-based human rights group, stated that 200 people died. "
    "At the same time it added that the corridor was open.\n\n"
    "According to Human Rights Watch[8]:\n\n"
    "At least 161 civilians died, although Azerbaijani officials estimate that about 800 "
    "perished.\n\n"
    "He said that nothing happened. Armenia claims ownership of the land.\n"
)

HRW = (0, 18, "human-rights-watch")


def _voices(text: str, *mentions: tuple[int, int, str]) -> list[tuple[str, tuple[str, ...]]]:
    return [(g.text, g.voices) for g in voice_guesses(text, mentions)]


def test_according_to_governs_its_sentence_and_no_further() -> None:
    text = "According to Human Rights Watch, 161 were killed. The town was small."
    (guess,) = voice_guesses(text, ((13, 31, "human-rights-watch"),))
    assert (guess.text, guess.voices, guess.cert) == (
        "According to Human Rights Watch, 161 were killed.",
        ("human-rights-watch",),
        "medium",
    )


def test_a_list_after_according_to_gives_parallel_voices() -> None:
    text = (
        "According to the Azerbaijani side, as well as Memorial, Human Rights Watch and other "
        "international observers, the town fell."
    )
    named = [("the Azerbaijani side", "azerbaijani-side"), ("Memorial", "memorial"),
             ("Human Rights Watch", "human-rights-watch")]  # fmt: skip
    mentions = tuple((text.index(s), text.index(s) + len(s), a) for s, a in named)
    ((_, voices),) = _voices(text, *mentions)
    assert voices == ("azerbaijani-side", "memorial", "human-rights-watch", "voice.observer")


def test_a_name_after_a_comma_that_the_list_does_not_join_is_not_a_voice() -> None:
    text = "According to reports from Human Rights Watch, Khojaly was used as a base."
    mentions = ((26, 44, "human-rights-watch"), (46, 53, "khojaly"))
    assert _voices(text, *mentions) == [(text, ("human-rights-watch",))]


@pytest.mark.parametrize(
    ("text", "name", "actor"),
    [
        ("Memorial, the Moscow-based group, stated that 200 died.", "Memorial", "memorial"),
        ("Helsinki Watch itself concluded that the militia mixed.", "Helsinki Watch",
         "helsinki-watch"),
        ("The Human Rights Watch report defined it as a massacre.", "Human Rights Watch",
         "human-rights-watch"),
        ("30 members of the PACE, including members from Turkey, stated that it was so.",
         "PACE", "pace"),
        ("An Azerbaijani spokesman, Rasim Agayev, said at least 1,000 people died.",
         "Rasim Agayev", "rasim-agayev"),
        ("It was described by Human Rights Watch as the largest massacre.",
         "Human Rights Watch", "human-rights-watch"),
    ],
)  # fmt: skip
def test_the_speaker_of_a_reporting_verb_is_the_name_before_it(
    text: str, name: str, actor: str
) -> None:
    start = text.index(name)
    mentions = [(start, start + len(name), actor)]
    if "Turkey" in text:  # a name inside the insertion is not the speaker
        mentions.append((text.index("Turkey"), text.index("Turkey") + 6, "turkey"))
    ((_, voices),) = _voices(text, *mentions)
    assert voices == (actor,)


@pytest.mark.parametrize(
    ("text", "voice", "cert"),
    [
        ("According to the official data, 613 died.", "voice.official", "medium"),
        ("According to the unofficial data, 1.300 died.", "voice.unofficial", "medium"),
        ("According to the refugees’ own words, the corridor was open.", "voice.witness",
         "medium"),
        ("At the same time, some sources admitted the guilt.", "voice.unattributed", "medium"),
        ("The town was reportedly shelled.", "voice.unattributed", "low"),
    ],
)  # fmt: skip
def test_an_unnamed_voice_is_a_category_of_the_voice_taxonomy(
    text: str, voice: str, cert: str
) -> None:
    (guess,) = voice_guesses(text)
    assert (guess.voices, guess.cert) == ((voice,), cert)


@pytest.mark.parametrize(
    "text",
    [
        "He said that nothing happened.",  # a pronoun names no one
        "Armenia claims ownership of the land.",  # an act, not a report
        "The council declared independence.",
        "This is one of the acts, according to Article 2 of the Convention, signed by the UN.",
        "The war went on for years.",
    ],
)
def test_no_voice_without_a_frame_that_names_one(text: str) -> None:
    mentions = ((0, 7, "armenia"),) if text.startswith("Armenia") else ()
    assert voice_guesses(text, mentions) == ()


def test_a_report_goes_on_only_where_the_next_sentence_says_so() -> None:
    text = (
        "Human Rights Watch said 161 died. At the same time it stated that 200 died. "
        "The town was small."
    )
    assert _voices(text, HRW) == [
        ("Human Rights Watch said 161 died. At the same time it stated that 200 died.",
         ("human-rights-watch",)),
    ]  # fmt: skip


def test_a_frame_after_although_governs_its_clause() -> None:
    text = "At least 161 died, although Azerbaijani officials estimate that 800 perished."
    start = text.index("Azerbaijani officials")
    mentions = ((start, start + len("Azerbaijani officials"), "azerbaijani-authorities"),)
    assert _voices(text, *mentions) == [
        ("although Azerbaijani officials estimate that 800 perished.",
         ("azerbaijani-authorities",)),
    ]  # fmt: skip


def test_a_full_stop_inside_quotation_marks_does_not_end_the_report() -> None:
    text = 'Human Rights Watch said "161 died. The rest fled." The town was small.'
    assert _voices(text, HRW) == [(text[:50], ("human-rights-watch",))]


def test_hostile_runs_of_reporting_words_are_read_quickly() -> None:
    started = time.perf_counter()
    said = "Human Rights Watch said " * 20_000
    named = tuple((i * 24, i * 24 + 18, "human-rights-watch") for i in range(20_000))
    assert len(voice_guesses(said, named)) <= 1
    assert voice_guesses("according to " * 30_000) == ()
    assert voice_guesses("(" * 30_000 + " said " + ", a" * 30_000 + " stated") == ()
    assert voice_guesses("“" * 30_000 + "said. " * 30_000) == ()
    assert voice_guesses("described " * 20_000 + "by " * 20_000) == ()
    assert time.perf_counter() - started < 20


@pytest.fixture
def voicing(tmp_path: Path) -> Path:
    return draft_of(VOICING, tmp_path, "voicing")


def _chains(proposal: corpus.Proposal) -> list[str]:
    return [chain_label(chain) for chain in proposal.chains]


def test_a_draft_proposes_voices_that_stay_out_of_the_passages_voices(voicing: Path) -> None:
    c = corpus.load(voicing)
    assert c.document("voicing").source_text() == VOICING
    found = sorted((p.id, p.passage_id, _chains(p), p.cert) for p in c.proposals(kind="voice"))
    assert found == [
        ("voicing.v1", "voicing.1", ["human-rights-watch"], "medium"),
        ("voicing.v2", "voicing.2", ["memorial"], "medium"),
        ("voicing.v3", "voicing.3", ["human-rights-watch"], "medium"),
        ("voicing.v4", "voicing.4", ["human-rights-watch"], "low"),  # carried over the colon
        ("voicing.v5", "voicing.4", ["human-rights-watch → azerbaijani-authorities"], "medium"),
    ]
    assert c.passage("voicing.4").text == c.proposals(kind="voice")[-1].text
    assert all(p.voices == ((corpus.model.AUTHOR_VOICE,),) for p in c.passages())
    assert corpus.validate(voicing) == ()


def test_the_command_lists_proposed_voices_with_their_chains(voicing: Path) -> None:
    rows = proposals_json(voicing, "voice")
    first = next(r for r in rows if r["id"] == "voicing.v1")
    assert first["suggestion"] == {"chains": [["human-rights-watch"]]}
    assert (first["span"], first["resp"], first["status"]) == (
        [0, 59],
        "corpus-draft-rules",
        "proposed",
    )


def test_accepted_voices_are_the_passages_and_their_figures_claimants(
    voicing: Path, tei_all: Any
) -> None:
    from lxml import etree

    corpus.review(
        voicing,
        accept=["voicing.v1", "voicing.v4", "voicing.v5", "voicing.f1", "voicing.f4"],
        reject=["voicing.v2"],
        by="Reviewer",
    )
    c = corpus.load(voicing)
    voices = {p.id: [chain_label(v) for v in p.voices] for p in c.passages()}
    assert voices["voicing.1"] == ["human-rights-watch", "voice.author"]
    assert voices["voicing.2"] == ["voice.author"]  # rejected: the text's own voice
    assert voices["voicing.4"] == [
        "human-rights-watch",
        "human-rights-watch → azerbaijani-authorities",
    ]
    claimants = {f.id: chain_label(f.claimant) for f in c.figures()}
    assert claimants == {
        "voicing.f1": "human-rights-watch",
        "voicing.f4": "human-rights-watch → azerbaijani-authorities",
    }
    assert [p.id for p in c.proposals(kind="voice", status="rejected")] == ["voicing.v2"]
    assert [p.id for p in c.proposals(kind="voice")] == ["voicing.v3"]
    assert c.document("voicing").source_text() == VOICING
    assert corpus.validate(voicing) == ()
    assert tei_all.validate(etree.parse(str(voicing))), tei_all.error_log
    text = voicing.read_text("utf-8")
    assert '<seg type="voice" ana="actor:human-rights-watch" xml:id="voicing.v1">' in text


INTERVIEW = (
    "From the interview of Thomas de Waal to the journalist Dana Mazalova, 2001\n\n"
    "Question: When was the book written?\n\n"
    "Answer: In the years after the war. Human Rights Watch reported that the archive was "
    "open.\n\n"
    "The work took several years.\n\n"
    "Q: Where?\n\n"
    "A: In London.\n\n"
    "The interview ended there.\n"
)


def test_the_roles_of_an_interview_are_read_from_the_words_that_name_it() -> None:
    from corpus.proposing import interview_roles

    speakers = frozenset({"ayaz-mutalibov", "dana-mazalova", "thomas-de-waal"})

    def roles(text: str, *names: tuple[str, str]) -> tuple[str, str | None] | None:
        mentions = tuple((text.index(s), text.index(s) + len(s), a) for s, a in names)
        return interview_roles(text, mentions, speakers)

    waal, mazalova = ("Thomas de Waal", "thomas-de-waal"), ("Dana Mazalova", "dana-mazalova")
    mutalibov, azerbaijan = ("Ayaz Mutalibov", "ayaz-mutalibov"), ("Azerbaijan", "azerbaijan")
    text = (
        "From the interview of the former president of Azerbaijan Ayaz Mutalibov to Dana Mazalova"
    )
    assert roles(text, azerbaijan, mutalibov, mazalova) == ("ayaz-mutalibov", "dana-mazalova")
    text = "Dana Mazalova's interview with Thomas de Waal"
    assert roles(text, mazalova, waal) == ("thomas-de-waal", "dana-mazalova")
    assert roles("An interview with Thomas de Waal", waal) == ("thomas-de-waal", None)
    # no interview named, or no speaker who gives it
    assert roles("Thomas de Waal spoke to Dana Mazalova", waal, mazalova) is None
    assert roles("The interview of the year, to Dana Mazalova", mazalova) is None


def test_an_interviews_turns_are_its_speakers_voices(tmp_path: Path) -> None:
    c = corpus.load(draft_of(INTERVIEW, tmp_path, "turns"))
    found = sorted((p.passage_id, _chains(p), p.cert) for p in c.proposals(kind="voice"))
    assert found == [
        ("turns.1", ["thomas-de-waal"], "medium"),  # "From the interview of X": X's words
        ("turns.2", ["dana-mazalova"], "medium"),  # Question: the interviewer
        ("turns.3", ["thomas-de-waal"], "medium"),  # Answer: the interviewee
        ("turns.3", ["thomas-de-waal → human-rights-watch"], "medium"),  # a frame inside it
        ("turns.4", ["thomas-de-waal"], "low"),  # between an answer and the next turn
        ("turns.5", ["dana-mazalova"], "medium"),
        ("turns.6", ["thomas-de-waal"], "medium"),
    ]  # turns.7 follows the last turn: the text's own voice again
    assert c.document("turns").source_text() == INTERVIEW
    assert corpus.validate(tmp_path / "turns.xml") == ()


def test_turns_without_an_interview_named_before_them_propose_no_voice(tmp_path: Path) -> None:
    text = INTERVIEW.split("\n\n", 1)[1]  # the paragraph that names the interview left out
    c = corpus.load(draft_of(text, tmp_path, "unnamed"))
    assert [_chains(p) for p in c.proposals(kind="voice")] == [["human-rights-watch"]]


def test_hostile_interviews_are_read_quickly() -> None:
    from corpus.proposing import interview_roles, turn_roles

    started = time.perf_counter()
    text = "the interview of " * 60_000  # a megabyte naming interviews, no one giving one
    assert interview_roles(text, ((0, 3, "thomas-de-waal"),), frozenset({"x"})) is None
    named = tuple((17 * n + 4, 17 * n + 13, "thomas-de-waal") for n in range(60_000))
    assert interview_roles(text, named, frozenset({"thomas-de-waal"})) is not None
    turns = ["answer", None] * 100_000 + ["question"]
    roles = turn_roles(turns)
    assert roles[1] == ("giver", "low")
    assert roles[-1] == ("taker", "medium")
    assert time.perf_counter() - started < 20
