"""Hostile corpus directories fail fast with a CorpusError that names the file and line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import corpus

XXE = """<?xml version="1.0"?>
<!DOCTYPE teiCorpus [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">&secret;</teiCorpus>
"""

LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">&lol9;</teiCorpus>\n'
)

HEADER = (
    '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0" xmlns:xi="http://www.w3.org/2001/XInclude">'
)


def _corpus(tmp_path: Path, content: str) -> Path:
    (tmp_path / "corpus.xml").write_text(content, "utf-8")
    return tmp_path


def _load_fails(directory: Path, error: type[Exception], *fragments: str) -> corpus.CorpusFileError:
    start = time.perf_counter()
    with pytest.raises(error) as caught:
        corpus.load(directory)
    elapsed = time.perf_counter() - start
    message = str(caught.value)
    assert isinstance(caught.value, corpus.CorpusFileError)
    assert caught.value.line is not None, message
    for fragment in fragments:
        assert fragment in message
    assert elapsed < 5, f"took {elapsed:.2f}s"  # a hang guard, not a benchmark
    return caught.value


@pytest.mark.timeout(10)
def test_external_entity_is_refused_without_reading_the_file(tmp_path: Path) -> None:
    error = _load_fails(_corpus(tmp_path, XXE), corpus.UnsafeXML, "corpus.xml:2", "DOCTYPE")
    assert "root:" not in str(error)


@pytest.mark.timeout(10)
def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    _load_fails(_corpus(tmp_path, LAUGHS), corpus.UnsafeXML, "corpus.xml:2", "DOCTYPE")


@pytest.mark.timeout(10)
def test_doctype_in_utf16_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "corpus.xml").write_bytes(
        XXE.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    )
    _load_fails(tmp_path, corpus.UnsafeXML, "corpus.xml:2", "DOCTYPE")


@pytest.mark.timeout(10)
def test_malformed_xml_names_file_and_line(tmp_path: Path) -> None:
    _load_fails(
        _corpus(tmp_path, HEADER + "\n<teiHeader>\n</teiCorpus>\n"),
        corpus.CorpusFileError,
        "corpus.xml:3",
        "not well-formed",
    )


@pytest.mark.timeout(10)
def test_undefined_entity_is_malformed(tmp_path: Path) -> None:
    _load_fails(
        _corpus(tmp_path, HEADER + "\n&nbsp;</teiCorpus>"), corpus.CorpusFileError, "corpus.xml:2"
    )


@pytest.mark.timeout(10)
def test_wrong_root_element_is_named(tmp_path: Path) -> None:
    _load_fails(
        _corpus(tmp_path, '<?xml version="1.0"?>\n<html><body/></html>'),
        corpus.CorpusFileError,
        "corpus.xml:2",
        "root element <html>",
        "expected a TEI <teiCorpus>",
    )


@pytest.mark.timeout(10)
def test_a_text_with_the_wrong_root_is_named(corpus_copy: Path) -> None:
    (corpus_copy / "texts" / "wiki.xml").write_text('<TEI xmlns="urn:other"/>', "utf-8")
    _load_fails(corpus_copy, corpus.CorpusFileError, "wiki.xml:1", "expected a TEI <TEI>")


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("href", "fragment"),
    [
        ("../outside.xml", "outside the corpus directory"),
        ("/etc/passwd", "only relative paths"),
        ("file:///etc/passwd", "only relative paths"),
        ("http://example.org/x.xml", "only relative paths"),
    ],
)
def test_includes_outside_the_corpus_directory_are_refused(
    tmp_path: Path, href: str, fragment: str
) -> None:
    (tmp_path / "outside.xml").write_text("<TEI/>", "utf-8")
    inner = tmp_path / "corpus"
    inner.mkdir()
    content = f'{HEADER}\n<teiHeader/>\n<xi:include href="{href}"/>\n</teiCorpus>'
    _load_fails(_corpus(inner, content), corpus.UnsafeXML, "corpus.xml:3", fragment)


@pytest.mark.timeout(10)
def test_include_with_parse_text_is_refused(tmp_path: Path) -> None:
    content = f'{HEADER}\n<xi:include href="texts/a.xml" parse="text"/>\n</teiCorpus>'
    _load_fails(_corpus(tmp_path, content), corpus.UnsafeXML, "corpus.xml:2", "parse/xpointer")


@pytest.mark.timeout(10)
def test_a_symlink_leading_outside_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text("<TEI/>", "utf-8")
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.unlink()
    wiki.symlink_to(secret)
    _load_fails(corpus_copy, corpus.UnsafeXML, "corpus.xml", "outside the corpus directory")


@pytest.mark.timeout(10)
def test_a_missing_text_is_named(corpus_copy: Path) -> None:
    (corpus_copy / "texts" / "wiki.xml").unlink()
    _load_fails(
        corpus_copy, corpus.CorpusFileError, "corpus.xml:", "'texts/wiki.xml', which does not exist"
    )


@pytest.mark.timeout(10)
def test_a_passage_without_id_is_named(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(wiki.read_text("utf-8").replace('<p xml:id="wiki.5">', "<p>"), "utf-8")
    _load_fails(corpus_copy, corpus.CorpusFileError, "wiki.xml:", "without xml:id")


@pytest.mark.timeout(10)
def test_text_outside_any_passage_is_refused(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(wiki.read_text("utf-8").replace("<body>", "<body>stray words", 1), "utf-8")
    _load_fails(corpus_copy, corpus.CorpusFileError, "wiki.xml:", "text outside any passage")


@pytest.mark.timeout(10)
def test_a_repeated_passage_id_is_refused(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(wiki.read_text("utf-8").replace('xml:id="wiki.5"', 'xml:id="wiki.4"'), "utf-8")
    with pytest.raises(corpus.CorpusError, match=r"wiki\.4"):
        corpus.load(corpus_copy)


@pytest.mark.timeout(10)
def test_an_unknown_stance_category_lists_the_valid_ones(corpus_copy: Path) -> None:
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(wiki.read_text("utf-8").replace("#stance.multi", "#stance.neutral"), "utf-8")
    _load_fails(
        corpus_copy, corpus.CorpusFileError, "wiki.xml:", "'stance.neutral'", "stance.genocide"
    )


def test_hostile_files_are_reported_by_validate_too(tmp_path: Path) -> None:
    problems = corpus.validate(_corpus(tmp_path, LAUGHS))
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "DOCTYPE" in problems[0].message


@pytest.mark.timeout(10)
def test_a_tei_text_without_the_corpus_header_conventions_says_what_to_add(
    corpus_copy: Path,
) -> None:
    """TEI written elsewhere loads only with the corpus conventions; the error names the gap."""
    (corpus_copy / "texts" / "wiki.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="wiki">\n<teiHeader>\n<fileDesc>\n'
        "<titleStmt><title>A novel</title></titleStmt>\n"
        "<sourceDesc><bibl><title>A novel</title></bibl></sourceDesc>\n"
        "</fileDesc>\n</teiHeader>\n<text><body><p>Text.</p></body></text>\n</TEI>",
        "utf-8",
    )
    _load_fails(corpus_copy, corpus.CorpusFileError, "wiki.xml:5", "textLang", "capture")
