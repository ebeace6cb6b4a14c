"""The public API of the foundation: load, documents, passages, errors, frozen values."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import corpus
from _support import passage_ids_in_files


def test_load_returns_five_documents_in_a_stable_order(bundled: corpus.Corpus) -> None:
    assert [d.id for d in bundled.documents] == [
        "boztepe",
        "ndnnews",
        "wiki",
        "huseynov",
        "embassy",
    ]


def test_load_is_cached(bundled: corpus.Corpus) -> None:
    assert corpus.load() is bundled


def test_every_passage_id_in_the_files_resolves(
    bundled: corpus.Corpus, text_files: list[Path]
) -> None:
    ids = passage_ids_in_files(text_files)
    assert len(ids) == len(set(ids)) == sum(len(d.passages) for d in bundled.documents)
    for passage_id in ids:
        assert bundled.passage(passage_id).id == passage_id


def test_passage_ids_follow_document_order(bundled: corpus.Corpus) -> None:
    for document in bundled.documents:
        numbers = [int(p.id.split(".")[1]) for p in document.passages]
        assert numbers == list(range(1, len(numbers) + 1))
        assert all(p.document_id == document.id for p in document.passages)


def test_unknown_document_raises_not_found_which_is_a_key_error(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.NotFound, match="no document 'nope'; the documents are: boztepe"):
        bundled.document("nope")
    with pytest.raises(KeyError):
        bundled.document("nope")


def test_unknown_passage_names_the_valid_range(bundled: corpus.Corpus) -> None:
    with pytest.raises(corpus.NotFound, match=r"wiki has passages wiki\.1 to wiki\.78"):
        bundled.passage("wiki.999")
    with pytest.raises(corpus.NotFound, match=r"passage ids are DOC\.N"):
        bundled.passage("nothing")


def test_version_is_the_data_version_of_the_corpus_header(
    bundled: corpus.Corpus, data_dir: Path
) -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", bundled.version)
    assert f'edition n="{bundled.version}"' in (data_dir / "corpus.xml").read_text("utf-8")
    assert corpus.__version__ == bundled.version  # package and data are released together


def test_public_values_are_frozen(bundled: corpus.Corpus) -> None:
    document = bundled.documents[0]
    for value, field in (
        (bundled, "version"),
        (document, "title"),
        (document.passages[0], "text"),
        (document.source, "title"),
        (document.stance, "cert"),
    ):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field, "changed")
    assert isinstance(document.passages, tuple)


def test_document_exposes_the_contract_fields(bundled: corpus.Corpus) -> None:
    wiki = bundled.document("wiki")
    assert wiki.title == "Khojaly massacre"
    assert wiki.language == "en"
    assert str(wiki.stance) == "multi-perspective"
    assert wiki.stance.id == "stance.multi"
    assert str(wiki.genre) == "encyclopedia article"
    assert wiki.passages[0].text.startswith("Help someone in Armenia")


def test_stance_taxonomy_has_categories_no_text_takes(bundled: corpus.Corpus) -> None:
    stances = {c.id for c in bundled.taxonomy("stance")}
    used = {d.stance.id for d in bundled.documents}
    assert used < stances
    assert {"stance.massacre", "stance.combat", "stance.other-responsibility"} <= stances - used


def test_unknown_taxonomy_is_not_found(bundled: corpus.Corpus) -> None:
    with pytest.raises(
        corpus.NotFound,
        match="the taxonomies are: act, event-names, genre, measure, scope, stance, voice",
    ):
        bundled.taxonomy("mood")


def test_load_reads_a_corpus_directory(corpus_copy: Path) -> None:
    loaded = corpus.load(corpus_copy)
    assert loaded is not corpus.load()
    assert [d.id for d in loaded.documents] == [d.id for d in corpus.load().documents]


def test_load_of_a_directory_with_fewer_texts(corpus_copy: Path) -> None:
    header = corpus_copy / "corpus.xml"
    header.write_text(
        header.read_text("utf-8").replace('  <xi:include href="texts/wiki.xml"/>\n', ""), "utf-8"
    )
    assert [d.id for d in corpus.load(corpus_copy).documents] == [
        "boztepe",
        "ndnnews",
        "huseynov",
        "embassy",
    ]


def test_import_stays_light() -> None:
    """`import corpus` imports neither rich nor lxml; loading needs lxml, never rich."""
    code = (
        "import sys, corpus; light = 'rich' not in sys.modules and 'lxml' not in sys.modules; "
        "corpus.load(); print(light, 'rich' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]


def test_dir_lists_the_public_api() -> None:
    assert dir(corpus) == corpus.__all__
    for name in corpus.__all__:
        assert hasattr(corpus, name)


def test_missing_data_directory_is_reported(tmp_path: Path) -> None:
    with pytest.raises(corpus.CorpusError, match=r"holds no corpus\.xml"):
        corpus.load(tmp_path)
    shutil.rmtree(tmp_path)
    with pytest.raises(corpus.CorpusError, match=r"holds no corpus\.xml"):
        corpus.load(tmp_path)
