"""TEI written by other projects loads into the same values; counts are checked against XPath.

The files in tests/data/foreign/ are real files from the TEI Consortium's test suite, ELTeC and
DraCor (see the README there for sources and licences). Every expected count is taken here with
XPath over the file itself, independently of the library.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import corpus

FOREIGN = Path(__file__).resolve().parent / "data" / "foreign"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: The passages each file should give, as XPath over the file (the block-level units met
#: outside other units; a verse quotation with punctuation between its lines is one passage).
_QUOTE_WITH_TEXT = "ancestor::tei:quote[text()[normalize-space()]]"
PASSAGES = {
    "greek.xml": "//tei:text//*[self::tei:l or self::tei:speaker or "
    "(self::tei:note and not(ancestor::tei:l))]",
    "eltec.xml": "//tei:text//*[(self::tei:p or self::tei:l or self::tei:head) and "
    f"not({_QUOTE_WITH_TEXT})] | //tei:text//tei:quote[text()[normalize-space()]]",
    "T_testnames.xml": "//tei:text//tei:p",
    "T_testcorpus.xml": "//tei:text//*[self::tei:p or self::tei:ab or self::tei:head or "
    "self::tei:byline or self::tei:titlePart or self::tei:docImprint or self::tei:closer or "
    "self::tei:label]",
}
#: A word printed in each file's text, checked with XPath before it is searched for.
WORDS = {
    "greek.xml": "κυνηγετῶ",
    "eltec.xml": "Zaluski",
    "T_testcorpus.xml": "Bohemia",
}
_ENTRIES = "//*[self::tei:person or self::tei:personGrp or self::tei:org or self::tei:place]"
_NAMES = (
    "//tei:text//*[self::tei:persName or self::tei:orgName or self::tei:placeName or "
    "self::tei:geogName or self::tei:name or self::tei:rs][@ref or @key]"
)


def _tree(name: str) -> etree._ElementTree:
    return etree.parse(str(FOREIGN / name))


@pytest.fixture(scope="module")
def loaded() -> dict[str, corpus.Corpus]:
    return {name: corpus.load(FOREIGN / name) for name in PASSAGES}


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_documents_and_passages_match_xpath_counts(
    name: str, loaded: dict[str, corpus.Corpus]
) -> None:
    tree, c = _tree(name), loaded[name]
    assert len(c.documents) == int(tree.xpath("count(//tei:TEI)", namespaces=NS))
    expected = tree.xpath(PASSAGES[name], namespaces=NS)
    assert expected
    assert len(c.passages()) == len(expected)
    assert [p.kind for p in c.passages()] == [etree.QName(e).localname for e in expected]


@pytest.mark.parametrize("name", sorted(PASSAGES))
def test_actors_and_mentions_match_xpath_counts(
    name: str, loaded: dict[str, corpus.Corpus]
) -> None:
    """Actors: every register entry, by its xml:id or, without one, by a computed id from its
    position among the file's entries of that element; plus targets of names that no register
    holds. Mentions: names with @ref or @key in the text, and each speaker label of an sp/@who."""
    tree, c = _tree(name), loaded[name]
    registered, positions = set(), Counter[str]()
    for entry in tree.xpath(_ENTRIES, namespaces=NS):
        element = etree.QName(entry).localname
        positions[element] += 1
        stem = name.removesuffix(".xml")
        registered.add(entry.get(XML_ID) or f"{stem}:{element}{positions[element]}")
    named = tree.xpath(_NAMES, namespaces=NS)
    targets = {
        token.rpartition("#")[2]
        for e in named
        for token in f"{e.get('ref') or ''} {e.get('key') or ''}".split()
    }
    assert {a.id for a in c.actors()} == registered | targets
    speakers = tree.xpath("//tei:text//tei:sp[@who]/tei:speaker", namespaces=NS)
    expected = len(named) + sum(len(s.getparent().get("who").split()) for s in speakers)
    assert sum(len(p.mentions) for p in c.passages()) == expected


@pytest.mark.parametrize("name", sorted(WORDS))
def test_a_word_printed_in_the_file_is_found(name: str, loaded: dict[str, corpus.Corpus]) -> None:
    word = WORDS[name]
    printed = _tree(name).xpath(f"//tei:text//text()[contains(., '{word}')]", namespaces=NS)
    assert printed
    hits = loaded[name].search(word)
    assert hits
    assert all(word in h.passage.text for h in hits)
    assert any(word in "".join(m) for h in hits for m in h.matches)


def test_the_register_of_a_file_without_text_is_read() -> None:
    """T_testnames keeps everything in its header; its one passage is an empty <p/>."""
    c = corpus.load(FOREIGN / "T_testnames.xml")
    assert [p.text for p in c.passages()] == [""]
    assert c.actor("Anders Sørensen Vedel").id == "AndVed01"


def test_sp_who_speakers_resolve(loaded: dict[str, corpus.Corpus]) -> None:
    tree, c = _tree("greek.xml"), loaded["greek.xml"]
    speeches = tree.xpath("//tei:text//tei:sp[@who]", namespaces=NS)
    assert len(c.quotes()) == len(speeches)
    for who in {sp.get("who") for sp in speeches}:
        actor = c.actor(who.lstrip("#"))
        said = [sp for sp in speeches if sp.get("who") == who]
        assert len(c.quotes(speaker=actor)) == len(said)
        assert all(q.kind == "turn" and q.speaker == actor.id for q in c.quotes(speaker=actor))
    first = c.quotes()[0]
    label = speeches[0].find("tei:speaker", NS).text
    assert c.passage(first.passage_id).turn == first.id
    assert label not in first.text  # the label names the speaker; the speech is the lines
    assert all(c.passage(p).turn == first.id for p in first.passages)


@pytest.mark.parametrize(("name", "entry"), [("greek.xml", "person"), ("greek.xml", "personGrp")])
def test_an_actor_resolves_by_every_name_variant(name: str, entry: str) -> None:
    c = corpus.load(FOREIGN / name)
    found = 0
    for element in _tree(name).xpath(f"//tei:{entry}[@xml:id]", namespaces=NS):
        names = {" ".join(n.xpath("string()").split()) for n in element if n.tag.endswith("Name")}
        names |= {" ".join(n.xpath("string()").split()) for n in element.iterfind("tei:name", NS)}
        if len(names) < 2:
            continue
        found += 1
        for variant in names:
            assert c.actor(variant).id == element.get(XML_ID)
        assert set(c.actor(element.get(XML_ID)).names) == names
    assert found


def test_persons_with_several_persname_variants_resolve_by_each() -> None:
    """Every person of T_testnames with two or more persName forms, by each form that no other
    person shares."""
    tree = _tree("T_testnames.xml")
    c = corpus.load(FOREIGN / "T_testnames.xml")
    persons = tree.xpath("//tei:person[@xml:id]", namespaces=NS)
    forms = {
        p.get(XML_ID): [
            " ".join(n.xpath("string()").split()) for n in p.iterfind("tei:persName", NS)
        ]
        for p in persons
    }
    owners: dict[str, set[str]] = {}
    for person, names in forms.items():
        for name in names:
            owners.setdefault(name.casefold(), set()).add(person)
    several = {p: names for p, names in forms.items() if len(set(names)) > 1}
    assert several
    for person, names in several.items():
        for name in names:
            if owners[name.casefold()] == {person}:
                assert c.actor(name).id == person
            else:
                with pytest.raises(corpus.AmbiguousName):
                    c.actor(name)


def test_computed_ids_are_deterministic_and_flagged(loaded: dict[str, corpus.Corpus]) -> None:
    again = corpus.load(FOREIGN / "eltec.xml")
    first = loaded["eltec.xml"]
    assert [p.id for p in again.passages()] == [p.id for p in first.passages()]
    assert not any(p.stable for p in first.passages())
    assert all(p.stable for p in corpus.load().passages())
    assert first.passage("ENG18872:1").text == "THE AUTOBIOGRAPHY OF A SLANDER"


def test_metadata_comes_from_the_header(loaded: dict[str, corpus.Corpus]) -> None:
    eltec = loaded["eltec.xml"].document("ENG18872")
    assert eltec.title == "The Autobiography of a Slander : ELTeC edition"
    assert eltec.source.authors == ("Lyall, Edna [pseud.] (1857-1903).",)
    assert eltec.language == "en"
    assert eltec.keywords == ("Russian Novel",)
    assert eltec.stance is None
    assert eltec.genre is None
    greek = loaded["greek.xml"].document("greek000018")
    assert greek.language == "grc"
    assert greek.source.authors == ("Σοφοκλῆς",)
    assert greek.keywords == ("Satyr play",)
    assert str(greek.source.date) == "1912"


def test_works_come_from_the_source_description(loaded: dict[str, corpus.Corpus]) -> None:
    tree = _tree("eltec.xml")
    bibls = tree.xpath("//tei:sourceDesc/tei:bibl", namespaces=NS)
    works = loaded["eltec.xml"].references()
    assert [w.kind for w in works] == [b.get("type") for b in bibls]
    assert works[1].date == "1887"
    assert works[1].publisher == "London: Longman"
    assert loaded["eltec.xml"].references("firstEdition") == (works[1],)


def test_namespaced_content_is_skipped_and_reported(loaded: dict[str, corpus.Corpus]) -> None:
    tree = _tree("eltec.xml")
    other = [e for e in tree.iter("*") if not e.tag.startswith("{" + NS["tei"])]
    assert other
    report = loaded["eltec.xml"].report()
    skipped = {u.markup: u for u in report if u.outcome.startswith("skipped")}
    assert set(skipped) == {e.tag for e in other}
    assert all(skipped[e.tag].line == e.sourceline for e in other)
    computed = next(u for u in report if u.markup == "passage without xml:id")
    assert computed.count == len(loaded["eltec.xml"].passages())


def test_the_bundled_corpus_reports_nothing_unmapped() -> None:
    report = corpus.load().report()
    assert len(report) == 0
    assert report.sources == (corpus.load().path,)


def test_a_doctype_is_refused_with_how_to_strip_it() -> None:
    with pytest.raises(corpus.UnsafeXML) as caught:
        corpus.load(FOREIGN / "original" / "T_testcorpus.xml")
    assert caught.value.line == 2
    assert "delete everything from '<!DOCTYPE' to its closing '>'" in str(caught.value)


def test_a_file_outside_the_tei_namespace_is_refused_with_the_reason() -> None:
    with pytest.raises(corpus.CorpusFileError, match="<listPerson> in no namespace"):
        corpus.load(FOREIGN / "T_names-demo-en.xml")


def test_a_directory_of_tei_files_loads_each_and_reports_the_rest() -> None:
    c = corpus.load(FOREIGN)
    expected = sum(
        int(etree.parse(str(f)).xpath("count(//tei:TEI)", namespaces=NS))
        for f in sorted(FOREIGN.glob("*.xml"))
        if f.name != "T_names-demo-en.xml"
    )
    assert len(c.documents) == expected
    assert [u.outcome.startswith("skipped: not a TEI file") for u in c.report()].count(True) == 1
    assert any(u.file.endswith("T_names-demo-en.xml") for u in c.report())


def test_a_combined_corpus_answers_one_search_from_both() -> None:
    combined = corpus.load([None, FOREIGN / "eltec.xml"])
    hits = combined.search("Russian")
    documents = {d.id for d in hits.documents()}
    assert "ENG18872" in documents
    assert documents & {d.id for d in corpus.load().documents}
    assert hits.count_by("stance")["unclassified"] == len(
        corpus.load(FOREIGN / "eltec.xml").search("Russian")
    )
    assert (corpus.load() | corpus.load(FOREIGN / "eltec.xml")).search("Russian") == hits
    assert combined.actor("Sarkisian").id == "serzh-sargsyan"


def test_combining_with_a_repeated_document_id_fails_clearly() -> None:
    eltec = corpus.load(FOREIGN / "eltec.xml")
    with pytest.raises(corpus.CorpusError, match="the document id 'ENG18872' is in both"):
        corpus.load([FOREIGN / "eltec.xml", FOREIGN / "eltec.xml"])
    with pytest.raises(corpus.CorpusError, match="document ids must be distinct"):
        eltec | eltec


def test_rendering_and_records_work_without_stance(loaded: dict[str, corpus.Corpus]) -> None:
    from rich.console import Console

    c = loaded["greek.xml"]
    console = Console(file=io.StringIO(), width=80, color_system=None)
    for value in (c, c.documents[0], c.passages()[0], c.search("Φοῖβε"), c.quotes()[0]):
        console.print(value)
    shown = console.file.getvalue()
    assert "not classified" in shown
    assert "computed id" in shown
    records = c.search("Φοῖβε").to_records()
    assert records[0]["stance"] is None
    assert records[0]["voice"] is None


# ------------------------------------------------------------------ markup of others, in small


def _write(tmp_path: Path, body: str, header: str = "") -> Path:
    path = tmp_path / "small.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="small"><teiHeader><fileDesc>'
        "<titleStmt><title>Small</title></titleStmt><publicationStmt><p/></publicationStmt>"
        f"<sourceDesc><p/></sourceDesc></fileDesc>{header}</teiHeader>"
        f"<text><body>{body}</body></text></TEI>",
        "utf-8",
    )
    return path


def test_unknown_markup_keeps_its_text_and_is_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '<div><p xml:id="p1">before <m:math xmlns:m="http://www.w3.org/1998/Math/MathML">'
        "<m:mi>x</m:mi></m:math> <gadget>after</gadget></p><widget>kept words</widget></div>",
    )
    c = corpus.load(path)
    assert [(p.id, p.text, p.stable) for p in c.passages()] == [
        ("small.p1", "before after", True),
        ("small:2", "kept words", False),
    ]
    outcomes = {u.markup: u.outcome for u in c.report()}
    assert outcomes["<widget>"] == "kept as a passage"
    assert outcomes["<gadget>"] == "kept as text"
    assert outcomes["{http://www.w3.org/1998/Math/MathML}math"].startswith("skipped")


def test_names_with_ref_or_key_are_mentions_of_register_entries(tmp_path: Path) -> None:
    header = (
        "<profileDesc><particDesc><listPerson><person xml:id='ann'><persName>Ann Lee"
        "</persName><persName type='variant'>A. Lee</persName></person></listPerson>"
        "</particDesc><textClass><catRef scheme='#t' target='#t.one'/></textClass>"
        "</profileDesc>"
    )
    body = (
        "<p>Met <persName ref='#ann'>A. Lee</persName> in "
        "<placeName key='oslo'>Oslo</placeName>; <said who='#ann'>hello</said>.</p>"
    )
    c = corpus.load(_write(tmp_path, body, header))
    assert [(m.actor_id, m.text, m.actor_kind) for m in c.mentions("Ann Lee")] == [
        ("ann", "A. Lee", "person")
    ]
    oslo = c.actor("Oslo")
    assert (oslo.id, oslo.kind) == ("oslo", "place")
    assert [q.text for q in c.quotes(speaker="A. Lee")] == ["hello"]
    assert [h.passage.id for h in c.search("hello", speaker="ann")] == ["small:1"]
    assert [k.id for k in c.document("small").classes] == ["t.one"]


def test_includes_outside_the_directory_are_refused(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    path = _write(
        inner, '<p>x</p><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="../o.xml"/>'
    )
    with pytest.raises(corpus.UnsafeXML, match="outside the corpus directory"):
        corpus.load(path)


def test_an_include_cycle_is_refused(tmp_path: Path) -> None:
    include = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="small.xml"/>'
    path = _write(tmp_path, f"<p>x</p><div>{include}</div>")
    with pytest.raises(corpus.UnsafeXML, match="includes this file again"):
        corpus.load(path)


# ------------------------------------------------------------------ the command


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corpus", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
        timeout=60,
    )


def test_the_command_reads_a_foreign_file() -> None:
    greek = str(FOREIGN / "greek.xml")
    found = _run("--corpus", greek, "search", "Φοῖβε", "--json")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["total"] == 1
    shown = _run("--corpus", greek, "show", "greek000018:2")
    assert shown.returncode == 0, shown.stderr
    assert "]κιο[" in shown.stdout
    stats = json.loads(_run("--corpus", greek, "stats", "--json").stdout)
    assert stats["mentions"] == 96
    assert any("passage without xml:id" in line for line in stats["unmapped"])
    actor = _run("--corpus", greek, "actor", "Silenus")
    assert actor.returncode == 0
    assert "Σιληνός" in actor.stdout


def test_the_command_combines_corpora_given_more_than_once(data_dir: Path) -> None:
    eltec = str(FOREIGN / "eltec.xml")
    found = _run("--corpus", str(data_dir), "--corpus", eltec, "search", "Russian", "--json")
    assert found.returncode == 0, found.stderr
    documents = {h["document_id"] for h in json.loads(found.stdout)["hits"]}
    assert "ENG18872" in documents
    assert documents - {"ENG18872"}
    clash = _run("--corpus", eltec, "--corpus", eltec, "docs")
    assert clash.returncode == 2
    assert clash.stderr.count("\n") == 1
    assert "is in both" in clash.stderr


def test_validate_reports_only_what_cannot_be_read() -> None:
    ok = _run("validate", str(FOREIGN / "greek.xml"))
    assert (ok.returncode, ok.stdout.strip()) == (0, "no problems found")
    refused = _run("validate", str(FOREIGN / "original" / "T_testcorpus.xml"))
    assert refused.returncode == 1
    assert "T_testcorpus.xml:2: has a DOCTYPE" in refused.stdout
    missing = _run("validate", str(FOREIGN / "greek.xml"), "--schema", "/nonexistent.rng")
    assert missing.returncode == 2
    assert missing.stderr.startswith("corpus: /nonexistent.rng: cannot be read")
    assert "Internal error" not in ok.stdout + refused.stdout + missing.stderr


def test_validate_with_the_tei_schema_reports_what_it_rejects() -> None:
    """tei_all.rng is not shipped: it is given as --schema (read from ../shared here)."""
    from conftest import _shared

    schema = _shared("schema/tei_all.rng")
    assert corpus.validate(FOREIGN / "T_testnames.xml", schema=schema) == ()
    assert corpus.validate(schema=schema) == ()  # the bundled corpus, texts included
    problems = corpus.validate(FOREIGN / "eltec.xml", schema=schema)
    other = [e for e in _tree("eltec.xml").iter("*") if not e.tag.startswith("{" + NS["tei"])]
    assert [p.line for p in problems] == [other[0].sourceline]
    assert "does not match tei_all.rng" in problems[0].message
    assert not any("Internal error" in p.message for p in problems)


def test_a_tei_corpus_that_includes_its_texts_reads_each_once(tmp_path: Path) -> None:
    """The ParlaMint shape: a teiCorpus root file including one TEI file per text."""
    for name in ("a", "b"):
        text = _write(tmp_path, f'<p xml:id="{name}.1">text {name}</p>').read_text("utf-8")
        (tmp_path / f"{name}.xml").write_text(text.replace('xml:id="small"', f'xml:id="{name}"'))
    (tmp_path / "small.xml").unlink()
    includes = "".join(
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{n}.xml"/>'
        for n in ("a", "b")
    )
    (tmp_path / "root.xml").write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>Both</title></titleStmt></fileDesc></teiHeader>" + includes + "</teiCorpus>",
        "utf-8",
    )
    for path in (tmp_path / "root.xml", tmp_path):
        c = corpus.load(path)
        assert [d.id for d in c.documents] == ["a", "b"]
        assert [p.id for p in c.passages()] == ["a.1", "b.1"]
        assert c.title == "Both"


def test_a_repeated_xml_id_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '<p xml:id="x">one</p>\n<p xml:id="x">two</p>')
    with pytest.raises(corpus.CorpusFileError, match=r"small\.xml:2: .*ID x already defined"):
        corpus.load(path)


@pytest.mark.parametrize(("depth", "loads"), [(240, True), (5000, False)])
def test_deep_nesting_loads_up_to_the_parser_limit_then_fails_cleanly(
    tmp_path: Path, depth: int, *, loads: bool
) -> None:
    path = _write(tmp_path, "<div>" * depth + "<p>deep</p>" + "</div>" * depth)
    if loads:
        assert [p.text for p in corpus.load(path).passages()] == ["deep"]
    else:
        with pytest.raises(corpus.CorpusFileError, match=r"small\.xml:1: nests elements deeper"):
            corpus.load(path)


def test_loading_foreign_tei_leaves_no_reference_cycles() -> None:
    import gc

    corpus.load(FOREIGN / "greek.xml")
    gc.collect()
    corpus.load(FOREIGN / "greek.xml").search("Φοῖβε")
    assert gc.collect() == 0


def test_utterance_segments_are_passages_of_a_speech(tmp_path: Path) -> None:
    """Spoken corpora (ParlaMint): each u/seg is a passage, the u a speech by u/@who."""
    header = (
        "<profileDesc><particDesc><listPerson><person xml:id='A'><persName>Ann</persName>"
        "</person></listPerson></particDesc></profileDesc>"
    )
    body = (
        "<div><u who='#A' xml:id='u1'><seg xml:id='s1'>Hello</seg>"
        "<seg xml:id='s2'>World</seg></u></div>"
    )
    c = corpus.load(_write(tmp_path, body, header))
    assert [(p.id, p.turn) for p in c.passages()] == [
        ("small.s1", "small.u1"),
        ("small.s2", "small.u1"),
    ]
    (speech,) = c.quotes(speaker="Ann")
    assert (speech.id, speech.kind, speech.text) == ("small.u1", "turn", "Hello\nWorld")


def test_a_link_out_of_a_directory_of_tei_files_is_refused(tmp_path: Path) -> None:
    outside = _write(tmp_path, "<p>outside</p>")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "linked.xml").symlink_to(outside)
    with pytest.raises(corpus.UnsafeXML, match="link to a file outside the directory"):
        corpus.load(inner)


def test_a_text_inherits_the_language_of_its_teicorpus(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    path.write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xml:lang="fr"><teiHeader/>'
        "<TEI><teiHeader/><text><body><p>Bonjour</p></body></text></TEI></teiCorpus>",
        "utf-8",
    )
    c = corpus.load(path)
    assert (c.documents[0].id, c.documents[0].language, c.passages()[0].lang) == ("c-1", "fr", "fr")


@pytest.mark.timeout(10)
@pytest.mark.parametrize("name", ["XXE", "LAUGHS"])
def test_hostile_tei_files_are_refused_before_any_entity_is_read(tmp_path: Path, name: str) -> None:
    import test_hostile

    path = tmp_path / "hostile.xml"
    path.write_text(getattr(test_hostile, name), "utf-8")
    for given in (path, tmp_path):  # the file itself, and a directory of TEI files holding it
        with pytest.raises(corpus.UnsafeXML) as caught:
            corpus.load(given)
        assert caught.value.line == 2
        assert "delete everything from '<!DOCTYPE'" in str(caught.value)
        assert "root:" not in str(caught.value)


def test_an_actor_registered_by_two_combined_corpora_is_one_with_both_spellings(
    tmp_path: Path,
) -> None:
    paths = []
    for number, name in enumerate(("Ann Lee", "Anne Lee"), start=1):
        folder = tmp_path / str(number)
        folder.mkdir()
        header = (
            "<profileDesc><particDesc><listPerson><person xml:id='ann'><persName>"
            f"{name}</persName></person></listPerson></particDesc></profileDesc>"
        )
        path = _write(folder, f"<p><persName ref='#ann'>{name}</persName></p>", header)
        text = path.read_text("utf-8").replace('xml:id="small"', f'xml:id="doc{number}"')
        path.write_text(text, "utf-8")
        paths.append(path)
    c = corpus.load(paths)
    assert c.actor("Ann Lee") == c.actor("Anne Lee")
    assert c.actor("ann").names == ("Ann Lee", "Anne Lee")
    assert [m.text for m in c.mentions("ann")] == ["Ann Lee", "Anne Lee"]
    (merged,) = [u for u in c.report() if u.markup == "actor 'ann'"]
    assert merged.file == str(paths[1])


def test_entries_without_ids_are_read_with_unstable_computed_ids(tmp_path: Path) -> None:
    """One rule for every value without xml:id: a computed id from its position, flagged
    unstable, reported once per file and kind; nothing is skipped."""
    body = (
        "<div><p>First.</p><p xml:id='small.p2'>Second.</p><p>Third.</p></div>"
        "<div><listPerson><person><persName>Ann</persName></person>"
        "<person xml:id='bob'><persName>Bob</persName></person>"
        "<person><persName>Cy</persName></person></listPerson>"
        "<listPlace><place><placeName>Here</placeName></place></listPlace>"
        "<listOrg><org><orgName>Guild</orgName></org></listOrg>"
        "<listBibl><bibl><title>A book</title></bibl></listBibl></div>"
    )
    c = corpus.load(_write(tmp_path, body))
    people = {a.id: a for a in c.actors(kind="person")}
    assert set(people) == {"small:person1", "bob", "small:person3"}
    assert (people["small:person1"].name, people["small:person3"].name) == ("Ann", "Cy")
    assert [a.stable for a in (people["small:person1"], people["bob"])] == [False, True]
    (place,) = c.actors(kind="place")
    (org,) = c.actors(kind="org")
    assert (place.id, place.stable, org.id, org.stable) == (
        "small:place1",
        False,
        "small:org1",
        False,
    )
    (work,) = c.references()
    assert (work.id, work.title, work.stable) == ("small:bibl1", "A book", False)
    texts = {p.text: p for p in c.passages()}
    assert not texts["First."].stable
    assert texts["Second."].stable
    report = {u.markup: u for u in c.report()}
    assert report["<person> without xml:id"].count == 2
    assert "small:personN" in report["<person> without xml:id"].outcome
    assert report["<place> without xml:id"].count == 1
    assert report["passage without xml:id"].count >= 2


def test_a_byline_holding_its_author_is_one_passage(tmp_path: Path) -> None:
    """TEI lets docAuthor and docDate stand as phrases in a byline or a dateline."""
    body = (
        "<div><byline xml:id='by'>by <docAuthor>Ann Lee</docAuthor></byline>"
        "<dateline><docDate>1 May</docDate></dateline><p xml:id='p'>Text.</p></div>"
    )
    c = corpus.load(_write(tmp_path, body))
    assert [(p.id, p.kind, p.text) for p in c.passages()] == [
        ("small.by", "byline", "by Ann Lee"),
        ("small:2", "dateline", "1 May"),
        ("small.p", "p", "Text."),
    ]


def test_local_names_are_remembered_up_to_a_bound_whatever_names_a_file_uses() -> None:
    from corpus import _xml

    names = "".join(f"<n{i}>x</n{i}>" for i in range(2 * _xml._LOCAL_NAMES_MAX))
    root = etree.fromstring(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{names}<!-- c --></TEI>')
    locals_read = [_xml._local(element) for element in root.iter()]
    assert locals_read == ["TEI", *(f"n{i}" for i in range(2 * _xml._LOCAL_NAMES_MAX)), ""]
    assert len(_xml._LOCAL_NAMES) <= _xml._LOCAL_NAMES_MAX
    # read again, from the remembered names where they are remembered: the same names
    assert [_xml._local(element) for element in root.iter()] == locals_read
