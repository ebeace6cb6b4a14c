"""Broken works, citations, quotations and voices are refused or reported with the file to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

import corpus


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('target="work:unsc-resolution-874"', 'target="work:unsc-resolution-999"', "cites work:"),
        ('source="work:kheyriyan-book"', 'source="work:no-such-book"', "quotes from work:"),
        ('who="actor:daud-kheyriyan"', 'who="actor:nobody"', "quotes actor:nobody"),
        ('ana="actor:izvestia"', 'ana="actor:nobody"', "gives the voice actor:nobody"),
    ],
)
def test_a_pointer_into_a_register_without_its_target_is_refused(
    corpus_copy: Path, old: str, new: str, message: str
) -> None:
    file = corpus_copy / "texts" / "embassy.xml"
    if old not in file.read_text("utf-8"):
        file = corpus_copy / "texts" / "boztepe.xml"
    _replace(file, old, new)
    with pytest.raises(corpus.CorpusFileError, match=message) as caught:
        corpus.load(corpus_copy)
    assert caught.value.path == str(file)
    assert "not in the register" in str(caught.value)


def test_a_quote_in_an_unknown_group_is_refused(corpus_copy: Path) -> None:
    _replace(
        corpus_copy / "texts" / "huseynov.xml", "group:largest-massacre", "group:no-such-group"
    )
    with pytest.raises(
        corpus.CorpusFileError, match=r"huseynov\.xml:\d+: puts huseynov\.q2 in group"
    ):
        corpus.load(corpus_copy)


def test_a_quotation_without_id_is_named_with_its_line(corpus_copy: Path) -> None:
    _replace(corpus_copy / "texts" / "wiki.xml", ' xml:id="wiki.q5"', "")
    with pytest.raises(corpus.CorpusFileError, match="quotation without xml:id") as caught:
        corpus.load(corpus_copy)
    assert caught.value.line is not None
    assert caught.value.path.endswith("wiki.xml")


def test_an_unknown_voice_category_is_named_with_its_line(corpus_copy: Path) -> None:
    _replace(corpus_copy / "texts" / "wiki.xml", 'ana="#voice.witness"', 'ana="#voice.witnes"')
    with pytest.raises(corpus.CorpusFileError, match=r"#voice\.witnes, which is not") as caught:
        corpus.load(corpus_copy)
    assert caught.value.line is not None


def test_a_works_register_with_a_doctype_is_refused(corpus_copy: Path) -> None:
    works = corpus_copy / "works.xml"
    works.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x "y">]>\n'
        + works.read_text("utf-8").partition("?>\n")[2],
        "utf-8",
    )
    with pytest.raises(corpus.UnsafeXML, match=r"works\.xml:2: has a DOCTYPE"):
        corpus.load(corpus_copy)


def test_validate_reports_a_marker_that_leads_to_no_work(corpus_copy: Path) -> None:
    _replace(
        corpus_copy / "texts" / "boztepe.xml",
        'target="work:boztepe-note-2"',
        'target="#boztepe.8"',
    )
    problems = corpus.validate(corpus_copy)
    markers = [p for p in problems if "leads to no work" in p.message]
    assert len(markers) == 1
    assert markers[0].file.endswith("boztepe.xml")
    assert markers[0].line is not None
    assert "'[2]'" in markers[0].message


def test_validate_reports_a_work_no_text_cites(corpus_copy: Path) -> None:
    _replace(
        corpus_copy / "works.xml",
        "<!-- ======================================================== reports -->",
        '<bibl type="book" xml:id="uncited-book"><title>Nobody cites this</title>'
        '<note type="description">A test entry.</note></bibl>',
    )
    problems = corpus.validate(corpus_copy)
    assert [(Path(p.file).name, p.message) for p in problems] == [
        ("works.xml", "the work 'uncited-book' is cited by no text; cite it or remove it")
    ]


def test_validate_reports_a_group_of_one(corpus_copy: Path) -> None:
    for doc in ("boztepe", "huseynov"):
        text = corpus_copy / "texts" / f"{doc}.xml"
        text.write_text(
            text.read_text("utf-8").replace(' ana="group:largest-massacre"', ""), "utf-8"
        )
    problems = corpus.validate(corpus_copy)
    assert [p.message for p in problems] == [
        "the quotation group 'largest-massacre' has 1 rendition(s); a group joins two or more"
    ]


@pytest.mark.parametrize(
    ("register", "old", "message"),
    [
        ("actors.xml", '<person xml:id="thomas-de-waal">', "<person> without xml:id"),
        ("actors.xml", '<org xml:id="regiment-366" type="unit">', "<org> without xml:id"),
        (
            "works.xml",
            '<bibl type="book" xml:id="black-garden">',
            r"work \(<bibl>\) without xml:id",
        ),
    ],
)
def test_a_register_entry_without_an_id_is_refused_not_skipped(
    corpus_copy: Path, register: str, old: str, message: str
) -> None:
    """Texts point at the corpus's register entries by id: an entry without one is an error
    naming its line, never silently left out."""
    file = corpus_copy / register
    _replace(file, old, old.replace(' xml:id="', ' n="'))
    line = next(
        n
        for n, text in enumerate(file.read_text("utf-8").splitlines(), 1)
        if old.replace(' xml:id="', ' n="') in text
    )
    with pytest.raises(corpus.CorpusFileError, match=message) as caught:
        corpus.load(corpus_copy, cache=False)
    assert caught.value.path == str(file)
    assert caught.value.line == line
