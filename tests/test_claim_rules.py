"""Claims say no more than the texts: bounds, scope, agents, claimants and relations.

The shipped corpus keeps every rule (`validate()` is empty); each mutation of a copy breaks one
rule and must be reported with its file, the line of what it is about and its id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console

import corpus
from corpus.errors import CorpusFileError
from corpus.validation import BOUND_QUALIFIERS

# ------------------------------------------------------------------ the shipped corpus


def test_no_bound_carries_a_point_value(bundled: corpus.Corpus) -> None:
    for figure in bundled.figures():
        qualifier = " ".join((figure.qualifier or "").split()).casefold()
        if qualifier in BOUND_QUALIFIERS or figure.low is not None or figure.high is not None:
            assert figure.value is None, figure
            assert figure.best is None, figure
            assert figure.kind in ("lower-bound", "upper-bound", "range"), figure


def test_bounds_read_as_printed(bundled: corpus.Corpus) -> None:
    more_than = bundled.figure("boztepe.f11")  # "more than 1.000 people"
    assert (more_than.value, more_than.low, more_than.high) == (None, 1000, None)
    assert more_than.kind == "lower-bound"
    nearly = bundled.figure("wiki.f16")  # "Nearly a week"
    assert (nearly.value, nearly.low, nearly.high, nearly.kind) == (None, None, 1, "upper-bound")
    spread = bundled.figure("wiki.f22")  # "as many as 500-1,000"
    assert (spread.value, spread.low, spread.high, spread.kind) == (None, 500, 1000, "range")
    about = bundled.figure("wiki.f11")  # "about 800": approximate, still a point
    assert (about.value, about.best, about.kind) == (800, 800, "point")


def test_every_figure_has_a_scope_of_the_taxonomy(bundled: corpus.Corpus) -> None:
    scopes = {c.id for c in bundled.taxonomy("scope")}
    assert {"scope.khojaly", "scope.war"} <= scopes
    assert all(f.scope in scopes for f in bundled.figures())


def test_comparison_leaves_other_scopes_out_unless_asked(bundled: corpus.Corpus) -> None:
    war = bundled.figures(scope="war")
    assert war, "the texts state war-wide quantities"
    assert all(f.scope == "scope.war" for f in war)
    measure = war[0].measure
    default = bundled.compare_figures(measure)
    assert all(row.scope == "scope.khojaly" for row in default)
    assert war[0].id not in {f for row in default for f in row.figures}
    asked = bundled.compare_figures(measure, scope="war")
    assert war[0].id in {f for row in asked for f in row.figures}
    every = bundled.compare_figures(measure, scope=None)
    assert len(every) == len(default) + len(asked)
    with pytest.raises(corpus.NotFound, match="no scope 'moon'"):
        bundled.compare_figures(measure, scope="moon")


def test_records_carry_scope_kind_and_best(bundled: corpus.Corpus) -> None:
    rows = bundled.compare_figures("killed").to_records()
    by_text = {row["text"]: row for row in rows}
    at_least = next(r for t, r in by_text.items() if t.startswith("At least 161"))
    assert (at_least["kind"], at_least["best"], at_least["low"]) == ("lower-bound", None, 161)
    assert at_least["scope"] == "scope.khojaly"


def test_every_relation_is_claimed_and_cites_passages_naming_both(bundled: corpus.Corpus) -> None:
    relations = {r for a in bundled.actors() for r in a.relations}
    assert relations
    for relation in relations:
        if relation.editorial:
            assert relation.resp, relation
            assert relation.cert, relation
            assert relation.basis, relation
            continue
        assert relation.claimant, relation
        assert relation.passages, relation
        for passage_id in relation.passages:
            named = {m.actor_id for m in bundled.passage(passage_id).mentions}
            assert {relation.actor_id, relation.other_id} <= named, (relation, passage_id)


def test_no_text_joins_the_nfa_battalions_to_the_popular_front(bundled: corpus.Corpus) -> None:
    joined = [
        r
        for r in bundled.actor("nfa-battalions").relations
        if "azerbaijan-popular-front" in (r.actor_id, r.other_id) and not r.editorial
    ]
    assert joined == []


def test_every_attribution_agent_is_mentioned_or_implied(bundled: corpus.Corpus) -> None:
    for attribution in bundled.attributions():
        passage = bundled.passage(attribution.passage_id)
        named = {m.actor_id for m in passage.mentions}
        if attribution.implied is None:
            assert attribution.agent in named, attribution
        else:
            assert attribution.implied in attribution.text, attribution
            assert attribution.implied in passage.text, attribution


def test_the_shipped_corpus_keeps_every_rule() -> None:
    assert corpus.validate() == ()


# ------------------------------------------------------------------ mutations of a copy


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), "utf-8")


def _problems_about(copy: Path, what: str) -> list[corpus.Problem]:
    found = [p for p in corpus.validate(copy) if what in p.message]
    for problem in found:
        assert problem.line is not None, problem
    return found


def _line_of(file: Path, line: int) -> str:
    return file.read_text("utf-8").splitlines()[line - 1]


def test_a_bound_with_a_point_value_is_reported(corpus_copy: Path) -> None:
    huseynov = corpus_copy / "texts" / "huseynov.xml"
    text = huseynov.read_text("utf-8")
    start = text.index('xml:id="huseynov.f3"')
    num = re.compile(r'<num atLeast="600">').search(text, start)
    assert num is not None
    huseynov.write_text(
        text[: num.start()] + '<num value="600" atLeast="600">' + text[num.end() :], "utf-8"
    )
    (problem,) = _problems_about(corpus_copy, "huseynov.f3")
    assert Path(problem.file).name == "huseynov.xml"
    assert "bound, not a point" in problem.message
    assert 'xml:id="huseynov.f3"' in _line_of(huseynov, problem.line)


def test_a_bounding_qualifier_with_a_point_value_is_reported(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    _replace(wiki, 'Nearly <num atMost="1">a</num>', 'Nearly <num value="1">a</num>')
    (problem,) = _problems_about(corpus_copy, "wiki.f16")
    assert "'Nearly a week' prints a bound" in problem.message


def test_a_figure_without_a_scope_is_reported(corpus_copy: Path) -> None:
    embassy = corpus_copy / "texts" / "embassy.xml"
    text = embassy.read_text("utf-8")
    tag = re.search(r'<measure xml:id="embassy.f2"[^>]*>', text)
    assert tag is not None
    bare = re.sub(r" #scope\.[a-z-]+", "", tag.group())
    assert bare != tag.group()
    embassy.write_text(text.replace(tag.group(), bare), "utf-8")
    (problem,) = _problems_about(corpus_copy, "embassy.f2")
    assert "has no scope" in problem.message
    assert 'xml:id="embassy.f2"' in _line_of(embassy, problem.line)


def test_two_scopes_on_one_figure_are_refused_on_load(corpus_copy: Path) -> None:
    embassy = corpus_copy / "texts" / "embassy.xml"
    text = embassy.read_text("utf-8")
    tag = re.search(r'<measure xml:id="embassy.f2"[^>]*ana="([^"]*)"', text)
    assert tag is not None
    embassy.write_text(text.replace(tag.group(), tag.group()[:-1] + ' #scope.war"'), "utf-8")
    with pytest.raises(CorpusFileError, match=r"embassy.f2 the scope categories \[") as error:
        corpus.load(corpus_copy)
    assert error.value.line is not None


def test_an_agent_the_passage_does_not_mention_is_reported(corpus_copy: Path) -> None:
    claims = corpus_copy / "claims.xml"
    _replace(
        claims,
        'xml:id="embassy.a2" name="assisted" active="actor:regiment-366"',
        'xml:id="embassy.a2" name="assisted" active="actor:russian-army-units"',
    )
    (problem,) = _problems_about(corpus_copy, "embassy.a2 names the agent")
    assert Path(problem.file).name == "claims.xml"
    assert "does not mention" in problem.message
    assert 'xml:id="embassy.a2"' in _line_of(claims, problem.line)


def test_an_implied_agent_needs_the_words_that_imply_it(corpus_copy: Path) -> None:
    claims = corpus_copy / "claims.xml"
    text = claims.read_text("utf-8")
    implied = re.search(r'<relation xml:id="([^"]+)" type="implied"[^>]*>.*?</relation>', text)
    assert implied is not None, "the shipped claims hold an implied agent"
    bare = re.sub(r"</?rs\b[^>]*>", "", implied.group())
    claims.write_text(text.replace(implied.group(), bare), "utf-8")
    with pytest.raises(CorpusFileError, match="implied without the words") as error:
        corpus.load(corpus_copy)
    assert error.value.line is not None
    assert implied.group(1) in str(error.value)


def test_a_claimant_the_passage_does_not_record_is_reported(corpus_copy: Path) -> None:
    claims = corpus_copy / "claims.xml"
    _replace(
        claims,
        'xml:id="embassy.a9" name="carried-out" active="actor:armenian-forces" '
        'ana="actor:le-monde"',
        'xml:id="embassy.a9" name="carried-out" active="actor:armenian-forces" '
        'ana="actor:human-rights-watch"',
    )
    (problem,) = _problems_about(corpus_copy, "embassy.a9")
    assert "human-rights-watch is not a voice of embassy.10" in problem.message
    assert 'xml:id="embassy.a9"' in _line_of(claims, problem.line)


def _relation(actors: Path, name: str, active: str) -> str:
    found = re.search(rf'<relation name="{name}" active="#{active}"[^>]*/>', actors.read_text())
    assert found is not None
    return found.group()


def test_a_relation_without_a_claimant_is_reported(corpus_copy: Path) -> None:
    actors = corpus_copy / "actors.xml"
    line = _relation(actors, "member-of", "huseynov")
    _replace(actors, line, re.sub(r' ana="[^"]*"', "", line))
    (problem,) = _problems_about(corpus_copy, "member-of huseynov → air-center has no claimant")
    assert Path(problem.file).name == "actors.xml"
    assert 'active="#huseynov"' in _line_of(actors, problem.line)


def test_a_relation_whose_passage_does_not_name_both_is_reported(corpus_copy: Path) -> None:
    actors = corpus_copy / "actors.xml"
    line = _relation(actors, "member-of", "huseynov")
    _replace(actors, line, line.replace('passive="#air-center"', 'passive="#osce"'))
    (problem,) = _problems_about(corpus_copy, "member-of huseynov → osce")
    assert "huseynov.7 does not mention osce" in problem.message


EDITORIAL = (
    '<relation type="editorial" name="same-as" active="#omon" passive="#regiment-366" '
    'resp="#maintainers" cert="low" source="texts/wiki.xml#wiki.8">'
    "<desc>A test note: an identification no text makes.</desc></relation>"
)


def _add_relation(copy: Path, relation: str) -> None:
    actors = copy / "actors.xml"
    _replace(actors, "    </listRelation>", f"      {relation}\n    </listRelation>")


def test_an_editorial_relation_is_kept_apart_from_the_texts_claims(corpus_copy: Path) -> None:
    _add_relation(corpus_copy, EDITORIAL)
    mutated = corpus.load(corpus_copy)
    (note,) = [r for r in mutated.actor("omon").relations if r.type == "same-as"]
    assert note.editorial
    assert note.claimant == ()
    assert (note.resp, note.cert, note.passages) == ("maintainers", "low", ("wiki.8",))
    assert note.basis == "A test note: an identification no text makes."
    assert note.claimed_by == "editorial (maintainers, low certainty)"
    texts = [r for r in mutated.actor("omon").relations if not r.editorial]
    assert all(r.claimant for r in texts)
    console = Console(width=100, record=True, color_system=None)
    console.print(mutated.actor("omon"))
    shown = " ".join(console.export_text().split())
    assert "editorial note, not a claim of any text" in shown
    assert corpus.validate(corpus_copy) == ()


def test_an_editorial_relation_needs_its_certainty_and_basis(corpus_copy: Path) -> None:
    _add_relation(corpus_copy, EDITORIAL.replace(' cert="low"', ""))
    (problem,) = _problems_about(corpus_copy, "same-as omon → regiment-366 is editorial")
    assert "@resp, @cert or its basis" in problem.message


def test_an_editorial_relation_has_no_claimant(corpus_copy: Path) -> None:
    _add_relation(corpus_copy, EDITORIAL.replace('resp="#', 'ana="actor:azerbaijan" resp="#'))
    with pytest.raises(CorpusFileError, match="an editorial relation has no claimant"):
        corpus.load(corpus_copy)


# ------------------------------------------------------------------ identifications by the editors


def test_a_merge_no_text_makes_is_an_editorial_identification(bundled: corpus.Corpus) -> None:
    regiment = bundled.actor("regiment-366")
    note = regiment.identification
    assert note is not None
    assert (note.resp, note.cert) == ("maintainers", "medium")
    assert "No text says" in note.basis
    spelled_by = {s.document_id for s in bundled.spellings(regiment)}
    assert len(spelled_by) > 1  # the note stands where texts' spellings are joined
    assert bundled.actor("huseynov").identification is None
    console = Console(width=100, record=True, color_system=None)
    console.print(regiment)
    shown = " ".join(console.export_text().split())
    assert "identified editorial note, not a claim of any text (maintainers, medium" in shown


def test_an_identification_without_its_certainty_is_reported(corpus_copy: Path) -> None:
    actors = corpus_copy / "actors.xml"
    old = ' cert="medium">The register takes as one unit'
    _replace(actors, old, old.replace(' cert="medium"', ""))
    (problem,) = _problems_about(corpus_copy, "identification note of regiment-366")
    assert Path(problem.file).name == "actors.xml"
    assert 'xml:id="regiment-366"' in _line_of(actors, problem.line)
