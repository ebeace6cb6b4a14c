"""Proposed attributions: a registered actor paired with an act of the act taxonomy, on captures
written for these tests, in the API, the command and the TEI, and their review."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID, draft_of
from corpus.proposing import attribution_guesses

ATTRIBUTING = (
    "The town was taken with the help of the 366th Motor Rifle Regiment.\n\n"
    "According to Human Rights Watch, Armenian officials deny responsibility for the crimes "
    "committed there.\n\n"
    "Human Rights Watch stated that the massacre was committed by Armenian forces.\n"
)


PROPOSALS = (sys.executable, "-m", "corpus", "proposals")


def _guessed(text: str, *named: tuple[str, str]) -> list[tuple[str, str, str]]:
    """The agents, acts and words proposed in ``text``, where each ``(words, actor)`` of
    ``named`` is a mention of the actor at the first place the words are printed."""
    mentions = tuple(
        (text.index(words), text.index(words) + len(words), actor) for words, actor in named
    )
    return [(g.agent, g.act, g.text) for g in attribution_guesses(text, mentions)]


@pytest.mark.parametrize(
    ("text", "named", "found"),
    [
        (
            "It was done with the help of the regiment.",
            [("the regiment", "regiment-366")],
            [("regiment-366", "act.assisted", "with the help of the regiment")],
        ),
        (
            "The forces were led by Lena Marsh.",
            [("The forces", "armenian-forces"), ("Lena Marsh", "lena-marsh")],
            [("lena-marsh", "act.commanded", "led by Lena Marsh")],  # "by": the agent follows
        ),
        (
            "The town was destroyed and the forces massacred its people.",
            [("the forces", "armenian-forces")],
            [("armenian-forces", "act.carried-out", "the forces massacred")],  # and precedes
        ),
        (
            "The massacre was committed by the forces.",
            [("the forces", "armenian-forces")],
            [("armenian-forces", "act.carried-out", "committed by the forces")],
        ),
        (
            "The officials deny responsibility for the crimes committed there.",
            [("The officials", "armenian-officials")],
            [("armenian-officials", "act.denies", "The officials deny responsibility")],
        ),  # a denial, and nothing else of its agent
        (
            "The bodies were mutilated by the forces.",
            [("the forces", "armenian-forces")],
            [("armenian-forces", "act.mutilated-bodies", "mutilated by the forces")],
        ),
        (
            "The civilians came under fire from the forces.",
            [("the forces", "azerbaijani-forces")],
            [("azerbaijani-forces", "act.fired-on-fleeing", "came under fire from the forces")],
        ),
        (
            "It was the prevention of the evacuation by the forces.",
            [("the forces", "azerbaijani-forces")],
            [
                (
                    "azerbaijani-forces",
                    "act.obstructed-evacuation",
                    "prevention of the evacuation by the forces",
                )
            ],
        ),
        ("The forces were there. It was a massacre.", [("The forces", "armenian-forces")], []),
        ("The regiment was there with the help of no one.", [], []),  # no agent named
        ("The UN is committed to peace.", [("The UN", "united-nations")], []),  # no crime
        (
            "The help came. It was given with the help of "
            + "many " * 40
            + "people, the regiment.",
            [("the regiment", "regiment-366")],
            [],
        ),  # too far from the words of the act
    ],
)  # fmt: skip
def test_an_agent_and_an_act_are_paired_in_one_sentence(
    text: str, named: list[tuple[str, str]], found: list[tuple[str, str, str]]
) -> None:
    assert _guessed(text, *named) == found


def test_guesses_stay_inside_the_text() -> None:
    text = "Lena Marsh took part; the forces were led by Lena Marsh and backed by Tom Bell."
    named = ((0, 10, "lena-marsh"), (45, 55, "lena-marsh"), (70, 78, "tom-bell"))
    found = attribution_guesses(text, named)
    assert [(g.agent, g.act) for g in found] == [
        ("lena-marsh", "act.took-part"),
        ("lena-marsh", "act.commanded"),
        ("tom-bell", "act.assisted"),
    ]
    for guess in found:
        assert text[guess.span[0] : guess.span[1]] == guess.text
        assert guess.cert in ("low", "medium")


@pytest.mark.parametrize(
    "text",
    [
        "led by X " * 50_000,
        "with the help of " * 30_000,
        "deny " * 100_000,
        "Армия была введена с помощью полка. " * 2_000,
        "(" * 50_000 + "led by",
    ],
)
def test_hostile_text_is_read_quickly(text: str) -> None:
    named = tuple((i, i + 1, "x") for i in range(0, min(len(text), 200_000), 9))
    started = time.perf_counter()
    found = attribution_guesses(text, named)
    assert len(found) <= 200
    assert time.perf_counter() - started < 10


@pytest.fixture
def attributing(tmp_path: Path) -> Path:
    return draft_of(ATTRIBUTING, tmp_path, "att")


def _relations(path: Path) -> list[dict[str, str]]:
    """The attributions of the draft's standOff, read straight from the XML."""
    root = etree.parse(str(path)).getroot()
    return [
        {**dict(r.attrib), "desc": r.findtext(f"{TEI}desc")}
        for r in root.iterfind(f"{TEI}standOff/{TEI}listRelation/{TEI}relation")
    ]


def test_the_markup_of_a_proposed_attribution(attributing: Path, tei_all: Any) -> None:
    """A ``relation`` of a ``listRelation type="attributions"`` after the text, as claims.xml
    writes them, pointing at its passage, with @resp, @cert and the words in ``desc``."""
    first = _relations(attributing)[0]
    assert first == {
        "active": "actor:regiment-366",
        "name": "assisted",
        "ana": "#voice.author",
        "source": "#att.1",
        "subtype": "proposed",
        "resp": "#corpus-draft-rules",
        "cert": "medium",
        XML_ID: "att.a1",
        "desc": "with the help of the 366th Motor Rifle Regiment",
    }
    assert tei_all.validate(etree.parse(str(attributing))), tei_all.error_log
    assert corpus.validate(attributing) == ()


def test_claimants_come_from_the_proposed_voices(attributing: Path) -> None:
    """The text's own voice with no frame; the frame's voice around the words; the agent of a
    denial is not its claimant; a voice that reports the words of an act is not their agent."""
    c = corpus.load(attributing)
    found = [
        (p.id, p.passage_id, p.suggestion["agent"], p.suggestion["act"], p.suggestion["claimant"])
        for p in c.proposals(kind="attribution")
    ]
    assert found == [
        ("att.a1", "att.1", "regiment-366", "act.assisted", ["voice.author"]),
        ("att.a2", "att.2", "armenian-officials", "act.denies", ["human-rights-watch"]),
        ("att.a3", "att.3", "armenian-forces", "act.carried-out", ["human-rights-watch"]),
    ]
    for proposal in c.proposals(kind="attribution"):
        start, end = proposal.span
        assert c.passage(proposal.passage_id).text[start:end] == proposal.text


def test_proposed_attributions_are_no_attributions(attributing: Path) -> None:
    c = corpus.load(attributing)
    assert c.attributions() == ()
    assert c.document("att").source_text() == ATTRIBUTING
    done = subprocess.run(
        [*PROPOSALS, str(attributing), "--json", "--kind", "attribution"],
        capture_output=True,
        text=True,
        check=False,  # the status is what is checked
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["id"], r["kind"], r["passage"], r["status"]) for r in rows] == [
        ("att.a1", "attribution", "att.1", "proposed"),
        ("att.a2", "attribution", "att.2", "proposed"),
        ("att.a3", "attribution", "att.3", "proposed"),
    ]
    assert rows[0]["suggestion"] == {
        "agent": "regiment-366",
        "act": "act.assisted",
        "claimant": ["voice.author"],
    }
    assert (rows[0]["resp"], rows[0]["cert"]) == ("corpus-draft-rules", "medium")


def test_an_accepted_attribution_is_an_attribution(attributing: Path, tei_all: Any) -> None:
    decided = corpus.review(
        attributing,
        accept=["att.a1"],
        edit={"att.a3": "act.responsible"},
        reject=["att.a2"],
        by="Reviewer",
    )
    assert decided == {"att.a1": "accepted", "att.a3": "edited", "att.a2": "rejected"}
    c = corpus.load(attributing)
    found = [(a.id, a.agent, a.act, a.claimed_by, a.cert) for a in c.attributions()]
    assert found == [
        ("att.a1", "regiment-366", "act.assisted", "voice.author", "medium"),
        # edited to another act; its claimant is the voice its proposal named, its certainty
        # the rule's ("committed by Armenian forces": the agent is next to the words)
        ("att.a3", "armenian-forces", "act.responsible", "human-rights-watch", "medium"),
    ]
    assert [p.id for p in c.proposals(kind="attribution", status="rejected")] == ["att.a2"]
    assert c.proposals(kind="attribution") == ()
    accepted, rejected, edited = _relations(attributing)
    assert "subtype" not in accepted
    assert "resp" not in accepted
    assert accepted["cert"] == "medium"  # an attribution's certainty is part of it
    assert rejected["subtype"] == "rejected"
    assert edited["name"] == "responsible"
    assert c.document("att").source_text() == ATTRIBUTING
    assert corpus.validate(attributing) == ()
    assert tei_all.validate(etree.parse(str(attributing))), tei_all.error_log
    both = corpus.load([None, attributing])  # with the shipped corpus and its act taxonomy
    assert [a.id for a in both.attributions(document="att", act="assisted")] == ["att.a1"]
    # the agent is an actor of the shipped register, which a draft alone does not load
    assert [a.text for a in both.attributions(document="att", agent="regiment-366")] == [
        "with the help of the 366th Motor Rifle Regiment"
    ]


@pytest.mark.parametrize(
    "value",
    ["act.", "Armenian forces", "armenian-forces regiment-366", "act.a act.b", "a b c", ""],
)
def test_an_edit_of_an_attribution_needs_an_agent_or_an_act(attributing: Path, value: str) -> None:
    before = attributing.read_bytes()
    with pytest.raises(corpus.CorpusError, match=r"cannot take|proposal"):
        corpus.review(attributing, edit={"att.a1": value}, by="Reviewer")
    assert attributing.read_bytes() == before


def test_an_edited_agent_is_the_attribution_s(attributing: Path) -> None:
    corpus.review(attributing, edit={"att.a1": "armenian-forces act.took-part"}, by="Reviewer")
    ((found,),) = [corpus.load(attributing).attributions()]
    assert (found.agent, found.act) == ("armenian-forces", "act.took-part")


def test_a_relation_that_points_at_no_passage_is_reported(attributing: Path) -> None:
    tree = etree.parse(str(attributing))
    (relation,) = [r for r in tree.iter(f"{TEI}relation") if r.get(XML_ID) == "att.a1"]
    relation.set("source", "#att.99")
    tree.write(str(attributing), xml_declaration=True, encoding="UTF-8")
    c = corpus.load(attributing)
    assert [p.id for p in c.proposals(kind="attribution")] == ["att.a2", "att.a3"]
    assert any("relation" in u.markup for u in c.unmapped)
