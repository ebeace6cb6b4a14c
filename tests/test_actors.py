"""Named actors: one register, every mention tagged, resolved by any spelling."""

from __future__ import annotations

import re

import pytest

import corpus
from corpus.text import fold_name


def _spelling_pattern(spellings: list[str]) -> re.Pattern[str]:
    """Leftmost-longest, word-bounded, case- and space-insensitive: the coverage rule (CODEBOOK)."""
    ordered = sorted(spellings, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in s.split()) for s in ordered)
    return re.compile(rf"(?<![\w.@])(?:{body})(?![\w]|[.@]\w)", re.IGNORECASE)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def owners(bundled: corpus.Corpus) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for actor in bundled.actors():
        for spelling in actor.names:
            found.setdefault(_key(spelling), set()).add(actor.id)
    return found


def test_every_occurrence_of_a_registered_spelling_is_a_mention_of_its_actor(
    bundled: corpus.Corpus, owners: dict[str, set[str]]
) -> None:
    pattern = _spelling_pattern(list(owners))
    missing = []
    for document in bundled.documents:
        for passage in document.article_passages():
            mentions = {m.span: m.actor_id for m in passage.mentions if m.kind == "name"}
            for match in pattern.finditer(passage.text):
                actor = mentions.get(match.span())
                if actor not in owners[_key(match.group(0))]:
                    missing.append(f"{passage.id}: {match.group(0)!r} at {match.span()}")
    assert missing == [], f"{len(missing)} untagged occurrences:\n" + "\n".join(missing)


def test_every_name_mention_prints_a_listed_spelling_of_its_actor(bundled: corpus.Corpus) -> None:
    for document in bundled.documents:
        for passage in document.passages:
            for mention in passage.mentions:
                assert passage.text[slice(*mention.span)] == mention.text
                if mention.kind == "name":
                    names = {_key(n) for n in bundled.actor(mention.actor_id).names}
                    assert _key(mention.text) in names, (passage.id, mention)


def test_every_actor_is_mentioned_and_every_spelling_occurs(bundled: corpus.Corpus) -> None:
    for actor in bundled.actors():
        printed = {_key(m.text) for m in bundled.mentions(actor) if m.kind == "name"}
        assert printed, actor.id
        assert {_key(n) for n in actor.names} == printed, actor.id


def test_every_spelling_resolves_to_its_actor(
    bundled: corpus.Corpus, owners: dict[str, set[str]]
) -> None:
    for actor in bundled.actors():
        assert bundled.actor(actor.id) is actor
        for spelling in actor.names:
            if len(owners[_key(spelling)]) == 1:
                assert bundled.actor(spelling) is actor, spelling
            else:
                with pytest.raises(corpus.AmbiguousName) as caught:
                    bundled.actor(spelling)
                assert actor.id in caught.value.candidates


@pytest.mark.parametrize(
    ("typed", "actor_id"),
    [
        ("SARKISIAN", "serzh-sargsyan"),
        ("Sargsyan's", "serzh-sargsyan"),
        ("Sargsyan’s", "serzh-sargsyan"),
        ("Xocali", "khojaly"),
        ("khojaly", "khojaly"),
        ("Nagorno Karabakh", "nagorno-karabakh"),
    ],
)
def test_lookup_folds_case_accents_dotless_i_hyphens_and_possessives(
    bundled: corpus.Corpus, typed: str, actor_id: str
) -> None:
    assert bundled.actor(typed).id == actor_id


def test_a_misspelling_raises_not_found_with_suggestions(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.NotFound, match=r"closest spellings: .*Sargsyan") as caught:
        bundled.actor("Sargysan")
    assert isinstance(caught.value, KeyError)


def test_an_unknown_kind_is_not_found(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.NotFound, match="the kinds are: person, org"):
        bundled.actors("army")


def test_actors_of_each_kind_are_registered(bundled: corpus.Corpus) -> None:
    for kind in ("person", "org", "place", "unit", "collective"):
        assert bundled.actors(kind), kind
    assert sum(
        len(bundled.actors(k)) for k in ("person", "org", "place", "unit", "collective")
    ) == len(bundled.actors())


def test_nationality_adjectives_are_not_mentions_of_a_country(bundled: corpus.Corpus) -> None:
    for country in ("armenia", "azerbaijan"):
        for mention in bundled.mentions(country):
            assert not mention.text.casefold().endswith(("armenian", "azerbaijani")), mention


def test_spellings_table_counts_every_mention(bundled: corpus.Corpus) -> None:
    table = bundled.spellings("serzh-sargsyan")
    names = [m for m in bundled.mentions("serzh-sargsyan") if m.kind == "name"]
    assert sum(s.count for s in table) == len(names) < len(bundled.mentions("serzh-sargsyan"))
    by_document: dict[str, set[str]] = {}
    for row in table:
        by_document.setdefault(row.document_id, set()).add(fold_name(row.text))
    assert "serzh sarkisian" in by_document["ndnnews"]
    assert "serzh sargsyan" in by_document["huseynov"]


def test_cooccurrences_are_symmetric_and_count_passages(bundled: corpus.Corpus) -> None:
    for row in bundled.cooccurrences("khojaly")[:10]:
        assert row.count == len(row.passages)
        back = {r.actor_id: r for r in bundled.cooccurrences(row.actor_id)}
        assert back["khojaly"].passages == row.passages


def test_relations_cite_existing_passages(bundled: corpus.Corpus) -> None:
    relations = [r for a in bundled.actors() for r in a.relations]
    assert relations
    for relation in relations:
        assert bundled.actor(relation.actor_id)
        assert bundled.actor(relation.other_id)
        for passage_id in relation.passages:
            bundled.passage(passage_id)


def test_inferred_resolutions_carry_a_certainty(bundled: corpus.Corpus) -> None:
    described = [
        m
        for d in bundled.documents
        for p in d.passages
        for m in p.mentions
        if m.kind == "description"
    ]
    assert described
    assert all(m.cert in ("high", "medium", "low") for m in described)


def test_passages_filtered_by_actor_are_those_with_a_mention(bundled: corpus.Corpus) -> None:
    found = bundled.passages(actor="Sarkisian")
    assert [p.id for p in found] == sorted(
        {m.passage_id for m in bundled.mentions("serzh-sargsyan")},
        key=[p.id for p in bundled.passages()].index,
    )
    assert "huseynov.4" in [p.id for p in found]
    assert len(bundled.passages()) == sum(len(d.passages) for d in bundled.documents)
