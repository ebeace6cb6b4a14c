"""Every corpus file validates against the corpus schema and TEI P5; every pointer resolves."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import corpus


def _all_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob("*.xml"))


def test_every_xml_file_is_checked(data_dir: Path) -> None:
    names = [p.relative_to(data_dir).as_posix() for p in _all_files(data_dir)]
    assert names == [
        "actors.xml",
        "claims.xml",
        "corpus.xml",
        "texts/boztepe.xml",
        "texts/embassy.xml",
        "texts/huseynov.xml",
        "texts/ndnnews.xml",
        "texts/wiki.xml",
        "works.xml",
    ]


def test_bundled_corpus_has_no_schema_pointer_or_convention_problem() -> None:
    assert corpus.validate() == ()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "texts/wiki.xml",
            'target="#wiki.47"',
            'target="#wiki.470"',
            "no element has the id 'wiki.470'",
        ),
        (
            "texts/wiki.xml",
            'target="#stance.multi"',
            'target="#stance.neutral"',
            "'stance.neutral'",
        ),
        (
            "texts/huseynov.xml",
            'ref="actor:huseynov"',
            'ref="actor:husseinov"',
            "'husseinov' there",
        ),
        ("texts/huseynov.xml", 'ref="actor:huseynov"', 'ref="person:huseynov"', "prefix 'person'"),
        (
            "actors.xml",
            "texts/boztepe.xml#boztepe.2",
            "texts/boztepe.xml#boztepe.200",
            "boztepe.200",
        ),
        ("actors.xml", "texts/boztepe.xml#boztepe.2", "texts/bostepe.xml#boztepe.2", "not a file"),
    ],
)
def test_a_dangling_pointer_is_reported(
    corpus_copy: Path, file: str, old: str, new: str, expected: str
) -> None:
    _replace(corpus_copy / file, old, new)
    problems = corpus.validate(corpus_copy)
    assert any(expected in str(p) for p in problems), problems
    assert all(p.line for p in problems)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<p xml:id="wiki.5">', "<p>"),  # a passage without its stable id
        ('xml:id="wiki.5"', 'xml:id="wiki.four"'),  # an id not of the form DOC.N
        ('<catRef scheme="#genre"', '<catRef scheme="#genres"'),  # no genre classification
        ('<idno type="capture">', '<idno type="copy">'),  # no capture file named
        ('cert="low"', 'cert="probably"'),  # certainty outside the scale
    ],
)
def test_the_corpus_schema_refuses_broken_conventions(
    corpus_copy: Path, old: str, new: str
) -> None:
    _replace(corpus_copy / "texts" / "wiki.xml", old, new)
    problems = corpus.validate(corpus_copy)
    assert any("does not match the corpus schema" in p.message for p in problems), problems
    schema = [p for p in problems if "does not match the corpus schema" in p.message]
    assert all(p.file.endswith("wiki.xml") for p in schema)
    assert any(p.line for p in schema)
    others = [p for p in problems if p not in schema]  # pointers into the broken file
    assert all(p.file.endswith("wiki.xml") or "wiki.xml#" in p.message for p in others), others


def test_a_field_neither_stated_nor_recorded_unknown_is_a_problem(corpus_copy: Path) -> None:
    _replace(
        corpus_copy / "texts" / "wiki.xml",
        '<note type="unknown" subtype="url">'
        "The capture does not state the address it was taken from.</note>",
        "",
    )
    problems = corpus.validate(corpus_copy)
    assert [p.message for p in problems] == [
        'states no url and does not record it as unknown; add <note type="unknown" subtype="url">'
    ]


# ------------------------------------------------------------------ TEI P5 conformance


def _composite(corpus_file: Path) -> etree._ElementTree:
    tree = etree.parse(str(corpus_file))
    tree.xinclude()
    return tree


@pytest.mark.parametrize(
    "name",
    [
        "actors.xml",
        "texts/boztepe.xml",
        "texts/embassy.xml",
        "texts/huseynov.xml",
        "texts/ndnnews.xml",
        "texts/wiki.xml",
    ],
)
def test_file_validates_against_tei_p5(tei_all: etree.RelaxNG, data_dir: Path, name: str) -> None:
    valid = tei_all.validate(etree.parse(str(data_dir / name)))
    assert valid, [f"{e.line}: {e.message}" for e in tei_all.error_log]


def test_corpus_with_its_texts_included_validates_against_tei_p5(
    tei_all: etree.RelaxNG, data_dir: Path
) -> None:
    valid = tei_all.validate(_composite(data_dir / "corpus.xml"))
    assert valid, [f"{e.line}: {e.message}" for e in tei_all.error_log]


def test_tei_p5_schema_rejects_what_it_should(tei_all: etree.RelaxNG, data_dir: Path) -> None:
    """The conformance check can fail: an element TEI does not know is refused."""
    tree = etree.parse(str(data_dir / "texts" / "huseynov.xml"))
    body = tree.find("{http://www.tei-c.org/ns/1.0}text/{http://www.tei-c.org/ns/1.0}body")
    etree.SubElement(body, "{http://www.tei-c.org/ns/1.0}paragraph")
    assert not tei_all.validate(tree)


def test_problems_name_the_file_corpus_xml_includes_wherever_it_lies(corpus_copy: Path) -> None:
    """Texts need not live in texts/: problems and errors name the included file."""
    (corpus_copy / "texts" / "wiki.xml").rename(corpus_copy / "wiki-article.xml")
    _replace(corpus_copy / "corpus.xml", 'href="texts/wiki.xml"', 'href="wiki-article.xml"')
    for file in (corpus_copy / "actors.xml", corpus_copy / "works.xml", corpus_copy / "claims.xml"):
        file.write_text(
            file.read_text("utf-8").replace("texts/wiki.xml#", "wiki-article.xml#"), "utf-8"
        )
    _replace(
        corpus_copy / "wiki-article.xml",
        '<note type="unknown" subtype="url">',
        '<note type="unknown" subtype="date">',
    )
    problems = corpus.validate(corpus_copy)
    assert [Path(p.file).name for p in problems] == ["wiki-article.xml"], problems
    _replace(corpus_copy / "wiki-article.xml", 'ref="actor:khojaly"', 'ref="actor:khojali"')
    with pytest.raises(
        corpus.CorpusFileError, match=r"wiki-article\.xml:\d+: mentions actor:khojali"
    ):
        corpus.load(corpus_copy)
