"""Candidate actors: names the register does not hold, on captures written for these tests, in
the API, the command and the TEI, and their review."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import corpus
from _support import TEI, XML_ID, draft_of, proposals_json
from corpus.proposing import actor_guesses

NAMES = (
    "Human Rights Watch met Lena Marsh of the Council of Europe in Askeran.\n\n"
    "The Armenian officials spoke. In March the Azerbaijanis left. Then Marsh wrote.\n"
)


def _names(text: str, *mentions: tuple[int, int, str]) -> list[str]:
    return [g.text for g in actor_guesses(text, mentions)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The report was sent to the Ministry of Health by Lena Marsh.",
         ["Ministry of Health", "Lena Marsh"]),
        ("Later Marsh wrote again.", ["Marsh"]),  # an adverb opens the sentence
        ("Under Lena Marsh the office grew.", ["Lena Marsh"]),  # so does a preposition
        ("Marsh wrote again.", []),  # one word that begins its sentence
        ("It was said. Marsh wrote again.", []),  # the second sentence, too
        ("Question: What happened?", []),
        ("The Armenian and Azerbaijani villages were near.", []),  # adjectives are no names
        ("the Armenians and the Azerbaijanis", []),  # demonyms are no names
        ("In March and on Monday it rained.", []),
        ("THE TWENTY THIRD ANNIVERSARY", []),  # a heading in capitals
        ("The office of Lena Marsh.", ["Lena Marsh"]),  # the full stop stays outside
        ("a letter from L. Marsh arrived", ["L. Marsh"]),  # an initial does not end it
        ("the Ministry of the Interior of the Republic", ["Ministry of the Interior"]),
        ("by Ann Bell Cole Dunn Eyre Ford Gray Hall", ["Ann Bell Cole Dunn Eyre Ford Gray Hall"]),
        ("a report by Ann Bell Cole Dunn Eyre Ford Gray Hall Ives", []),  # nine: a title
        ("Lena Marsh's Interview was read.", ["Lena Marsh"]),  # a possessive ends the name
        ("the Ministry of Health’s report", ["Ministry of Health"]),
        ("a letter from Lena\nMarsh arrived", ["Lena\nMarsh"]),  # a hard-wrapped line
        ("a letter from Lena\n\nMarsh arrived", ["Lena", "Marsh"]),
        ("Dr. Lena Marsh said", ["Lena Marsh"]),  # a title before the name is left out
    ],
)  # fmt: skip
def test_capitalised_names_are_candidates(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("a note by McDonald and O'Brien", ["McDonald", "O'Brien"]),  # capitals inside a word
        ("bought an iPhone from eBay", []),  # a word that begins in lower case is no name
        ("the HUMAN RIGHTS office", ["HUMAN RIGHTS"]),  # two words in capitals may be a name
        ("THE HUMAN RIGHTS OFFICE REPORTS", []),  # more are a heading
        ("the UN and NATO met", ["NATO"]),  # two letters alone are too short to tell
        ("LeNa MaRsH wrote", ["LeNa MaRsH"]),  # two words, even at the start of the text
        ("mARSH wrote to lena", []),
        ("the report of Jean-Luc Picard", ["Jean-Luc Picard"]),
    ],
)  # fmt: skip
def test_odd_capitalisation(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Lena Marsh wrote. Tom Bell replied.", ["Lena Marsh", "Tom Bell"]),
        ("Marsh wrote. Bell replied.", []),  # one word at a sentence start is any word
        ("It rained; Marsh wrote.", []),  # after a semicolon too
        ("“Marsh wrote,” she said.", []),  # after an opening quotation mark
        ("The office wrote. Later, Marsh replied.", ["Marsh"]),
    ],
)  # fmt: skip
def test_names_at_sentence_starts(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The letter of Армен Саркисян came.", ["Армен Саркисян"]),
        ("It was İlham Əliyev who spoke.", ["İlham Əliyev"]),
        ("met Ηλίας Παππάς there", ["Ηλίας Παππάς"]),
        ("the É. Zola letter", ["É. Zola"]),
        ("会见了王先生 and 李", []),  # a script without capitals proposes nothing
        ("ذهب محمد إلى", []),
        ("x Ｌｅｎａ Ｍａｒｓｈ x", ["Ｌｅｎａ Ｍａｒｓｈ"]),  # full-width letters, kept as printed
    ],
)
def test_names_in_other_scripts(text: str, names: list[str]) -> None:
    assert _names(text) == names


def test_a_registered_name_is_never_part_of_a_candidate() -> None:
    """Words next to a registered name belong to a longer name the register decides."""
    text = "Lena Marsh of the Council of Europe spoke in the Khojaly Massacre Memorial."
    europe = text.index("Europe")
    khojaly = text.index("Khojaly")
    mentions = ((europe, europe + 6, "europe"), (khojaly, khojaly + 7, "khojaly"))
    assert _names(text, *mentions) == ["Lena Marsh"]
    assert _names("It met Lena Marsh.", (7, 17, "lena-marsh")) == []


def test_candidates_stay_inside_the_text() -> None:
    text = "Then Lena Marsh and Tom Bell met; later the Ministry of Health wrote."
    for guess in actor_guesses(text):
        start, end = guess.span
        assert text[start:end] == guess.text
        assert guess.cert == "low"


@pytest.mark.parametrize(
    ("text", "most"),
    [
        ("Name " * 20_000, 0),  # one run of 20,000 capitalised words is no name
        ("a Name " * 100_000, 500),  # a passage proposes at most 500
        ("of the " * 50_000, 0),
        ("x " + "A" * 100_000 + " Marsh", 1),  # a word of 100,000 letters is no word of a name
        ("x " + "Lena-" * 20_000 + "Marsh x", 0),
        ("x " + "Lena " * 8_000 + "x", 0),
    ],
)
def test_hostile_capitals_are_read_quickly(text: str, most: int) -> None:
    started = time.perf_counter()
    found = actor_guesses(text)
    assert len(found) <= most
    assert all(len(g.text) < 400 for g in found)
    assert time.perf_counter() - started < 5


@pytest.fixture
def names(tmp_path: Path) -> Path:
    return draft_of(NAMES, tmp_path, "names")


def test_a_draft_proposes_candidates_that_are_no_mentions(names: Path) -> None:
    c = corpus.load(names)
    assert c.document("names").source_text() == NAMES
    found = [(p.id, p.text, p.suggestion, p.cert) for p in c.proposals(kind="actor")]
    assert found == [
        ("names.n1", "Lena Marsh", {"actor": None, "name": "Lena Marsh"}, "low"),
        ("names.n2", "Marsh", {"actor": None, "name": "Marsh"}, "low"),
    ]
    assert all(not p.mentions for p in c.passages())
    with pytest.raises(corpus.NotFound):
        c.actor("Lena Marsh")  # a candidate is no actor until it is accepted
    assert corpus.validate(names) == ()
    rows = proposals_json(names, "actor")
    assert [(r["id"], r["kind"], r["suggestion"], r["status"]) for r in rows] == [
        ("names.n1", "actor", {"actor": None, "name": "Lena Marsh"}, "proposed"),
        ("names.n2", "actor", {"actor": None, "name": "Marsh"}, "proposed"),
    ]


def test_the_markup_of_a_candidate(names: Path) -> None:
    """``<rs type="candidate" subtype="proposed">`` without ``@ref``, read straight from the XML."""
    (element,) = [
        e for e in etree.parse(str(names)).iter(f"{TEI}rs") if e.get(XML_ID) == "names.n1"
    ]
    assert element.text == "Lena Marsh"
    assert dict(element.attrib) == {
        "type": "candidate",
        "subtype": "proposed",
        "resp": "#corpus-draft-rules",
        "cert": "low",
        XML_ID: "names.n1",
    }


def test_a_title_the_works_register_holds_is_not_a_candidate(tmp_path: Path) -> None:
    text = "Thomas de Waal wrote “Black Garden: Armenia and Azerbaijan through Peace and War”.\n"
    c = corpus.load(draft_of(text, tmp_path, "titles"))
    assert [p.kind for p in c.proposals()].count("citation") == 1
    assert c.proposals(kind="actor") == ()


def test_a_draft_of_many_capitalised_words_stays_valid(tmp_path: Path) -> None:
    text = "x " + "Name " * 20_000 + "\n\n" + "and Lena Marsh " * 2_000 + "\n"
    out = draft_of(text, tmp_path, "many")
    c = corpus.load(out)
    assert c.document("many").source_text() == text
    assert len(c.proposals(kind="actor")) == 500
    assert corpus.validate(out) == ()


def _own_entries(path: Path) -> list[tuple[str, str | None, str | None, list[str]]]:
    """The draft's own actors, read straight from the XML: element, id, type and names."""
    stand_off = etree.parse(str(path)).getroot().find(f"{TEI}standOff")
    if stand_off is None:
        return []
    return [
        (
            entry.tag.removeprefix(TEI),
            entry.get(XML_ID),
            entry.get("type"),
            [f"{n.get('type')}:{n.text}" for n in entry],
        )
        for listed in stand_off
        for entry in listed
    ]


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Lena Marsh", "give an actor id of the register, or a new id and its kind"),
        ("lena-marsh", "lena-marsh is not in the register; give its kind too"),
        ("lena-marsh human", "give an actor id of the register, or a new id and its kind"),
        ("lena-marsh person extra", "give an actor id"),
        ("names person", "the draft uses the id names for something else"),
        ("human-rights-watch person", "human-rights-watch is registered as a org"),
    ],
)
def test_a_candidate_needs_an_actor_to_be_accepted(names: Path, value: str, says: str) -> None:
    """What a candidate cannot take is refused, naming the file, and nothing is written."""
    before = names.read_bytes()
    with pytest.raises(corpus.CorpusFileError, match=says) as raised:
        corpus.review(names, edit={"names.n1": value}, by="Reviewer")
    assert str(names) in str(raised.value)
    assert names.read_bytes() == before


def test_a_candidate_is_not_accepted_without_an_actor(names: Path) -> None:
    before = names.read_bytes()
    with pytest.raises(corpus.CorpusFileError, match="candidate actors, not in the register"):
        corpus.review(names, accept=["names.n1"], by="Reviewer")
    assert names.read_bytes() == before


def test_a_new_actor_is_registered_in_the_draft(names: Path, tei_all: Any) -> None:
    """A new id with its kind adds the actor to the draft's own list, named as printed; a later
    candidate accepted with the same id adds its spelling; the file stays valid TEI."""
    corpus.review(names, edit={"names.n1": "lena-marsh person"}, by="Reviewer")
    assert _own_entries(names) == [
        ("person", "lena-marsh", None, ["preferred:Lena Marsh", "spelling:Lena Marsh"])
    ]
    assert tei_all.validate(etree.parse(str(names))), tei_all.error_log
    corpus.review(names, edit={"names.n2": "lena-marsh"}, by="Reviewer")
    assert _own_entries(names) == [
        (
            "person",
            "lena-marsh",
            None,
            ["preferred:Lena Marsh", "spelling:Lena Marsh", "spelling:Marsh"],
        )
    ]
    c = corpus.load(names)
    actor = c.actor("Marsh")
    assert (actor.id, actor.kind, actor.name, actor.names) == (
        "lena-marsh",
        "person",
        "Lena Marsh",
        ("Lena Marsh", "Marsh"),
    )
    assert [(m.passage_id, m.text, m.kind) for m in c.mentions("lena-marsh")] == [
        ("names.1", "Lena Marsh", "name"),
        ("names.2", "Marsh", "name"),
    ]
    assert [h.passage.id for h in c.search("wrote", actor="lena-marsh")] == ["names.2"]
    assert c.proposals(kind="actor") == ()
    (element,) = [
        e for e in etree.parse(str(names)).iter(f"{TEI}rs") if e.get(XML_ID) == "names.n1"
    ]
    assert dict(element.attrib) == {XML_ID: "names.n1", "ref": "actor:lena-marsh"}
    assert c.document("names").source_text() == NAMES
    assert corpus.validate(names) == ()
    assert tei_all.validate(etree.parse(str(names))), tei_all.error_log
    both = corpus.load([None, names])  # with the shipped corpus, whose register it joins
    assert both.actor("lena-marsh").names == ("Lena Marsh", "Marsh")
    assert both.actor("human-rights-watch").kind == "org"


@pytest.mark.parametrize(
    ("kind", "written"),
    [
        ("org", ("org", None, "orgName")),
        ("unit", ("org", "unit", "orgName")),
        ("place", ("place", None, "placeName")),
        ("collective", ("personGrp", None, "name")),
    ],
)
def test_each_kind_is_registered_as_the_register_writes_it(
    names: Path, tei_all: Any, kind: str, written: tuple[str, str | None, str]
) -> None:
    element, entry_type, name = written
    corpus.review(names, edit={"names.n1": f"marsh-group {kind}"}, by="Reviewer")
    stand_off = etree.parse(str(names)).getroot().find(f"{TEI}standOff")
    (entry,) = stand_off.iter(f"{TEI}{element}")
    assert (entry.get(XML_ID), entry.get("type")) == ("marsh-group", entry_type)
    assert [n.tag for n in entry] == [f"{TEI}{name}", f"{TEI}{name}"]
    assert corpus.load(names).actor("marsh-group").kind == kind
    assert tei_all.validate(etree.parse(str(names))), tei_all.error_log


def test_a_candidate_accepted_with_a_registered_actor_is_its_mention(names: Path) -> None:
    """A spelling the register lacks, accepted as a registered actor: no entry in the draft."""
    corpus.review(names, edit={"names.n2": "thomas-de-waal"}, reject=["names.n1"], by="R")
    c = corpus.load(names)
    assert [(m.actor_id, m.text) for p in c.passages() for m in p.mentions] == [
        ("thomas-de-waal", "Marsh")
    ]
    assert _own_entries(names) == []
    assert [p.id for p in c.proposals(kind="actor", status="rejected")] == ["names.n1"]
    rejected = [e for e in etree.parse(str(names)).iter(f"{TEI}rs") if e.get(XML_ID) == "names.n1"]
    assert rejected[0].get("subtype") == "rejected"
    assert rejected[0].get("type") == "candidate"
    assert corpus.validate(names) == ()


def test_the_terminal_asks_for_the_id_of_a_candidate(
    names: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``a`` on a candidate says what it needs and leaves it open; ``e`` with an id accepts it."""
    from rich import prompt

    from corpus import cli

    answers = iter(["s", "a", "q", "s", "e", "lena-marsh person", "q"])  # two sessions
    monkeypatch.setattr(prompt.Prompt, "ask", lambda *a, **k: next(answers))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli.main(["review", str(names), "--by", "Reviewer"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "'Lena Marsh' is a name not in the register, a candidate actor" in said
    assert "not accepted:" in said
    assert [p.id for p in corpus.load(names).proposals(kind="actor")] == ["names.n1", "names.n2"]
    assert cli.main(["review", str(names), "--by", "Reviewer"]) == 0
    c = corpus.load(names)
    assert [m.actor_id for p in c.passages() for m in p.mentions] == ["lena-marsh"]
