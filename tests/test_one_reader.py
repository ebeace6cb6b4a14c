"""One reader for every source of TEI.

The shipped corpus and the TEI written elsewhere under ``tests/data/foreign`` read to the values
recorded in ``tests/data/golden`` (written by the two 0.7.0 readers before they became one, and
rewritten once since, where the records began to give a voice chain as one string); a
text of the corpus reads the same on its own as inside the corpus; and a text of this layout
read outside any corpus keeps its passages, ids and annotations.

At a data release whose changes to the shipped corpus are intended, rewrite the bundled record
with ``python tests/test_one_reader.py`` and review its diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import _reading
import corpus

GOLDEN = Path(__file__).parent / "data" / "golden"
FOREIGN = Path(__file__).parent / "data" / "foreign"
TEXTS = ["boztepe", "embassy", "huseynov", "ndnnews", "wiki"]


def _differences(found: dict[str, Any], recorded: dict[str, Any]) -> list[str]:
    """Each part that differs, with its first differing row."""
    problems = []
    for part in sorted(set(found) | set(recorded)):
        now, then = found.get(part), recorded.get(part)
        if now == then:
            continue
        if isinstance(now, list) and isinstance(then, list):
            first = next(
                ((n, t) for n, t in zip(now, then, strict=False) if n != t),
                (now[len(then) :], then[len(now) :]),
            )
            problems.append(f"{part}: {len(then)} rows recorded, {len(now)} read; first: {first}")
        else:
            problems.append(f"{part}: recorded {str(then)[:200]!r}, read {str(now)[:200]!r}")
    return problems


def test_the_shipped_corpus_reads_to_the_recorded_values(data_dir: Path) -> None:
    found = _reading.snapshot(corpus.load(data_dir, cache=False))
    assert _differences(found, _reading.read(GOLDEN / "bundled.json.gz")) == []


def test_tei_written_elsewhere_reads_to_the_recorded_values() -> None:
    found = _reading.snapshot(corpus.load(FOREIGN, cache=False))
    assert _differences(found, _reading.read(GOLDEN / "foreign.json.gz")) == []


@pytest.mark.parametrize("doc_id", TEXTS)
def test_a_text_loaded_alone_is_the_document_inside_the_corpus(
    bundled: corpus.Corpus, data_dir: Path, doc_id: str
) -> None:
    """The corpus.xml beside the text's directory includes it, so it is read in the corpus
    profile: every passage, annotation, voice, figure and the metadata are the same values,
    and so are the attributions of claims.xml about it."""
    alone = corpus.load(data_dir / "texts" / f"{doc_id}.xml")
    inside = bundled.document(doc_id)
    assert alone.documents == (inside,)
    assert alone.title == inside.title
    assert alone.attributions() == tuple(
        a for a in bundled.attributions() if a.document_id == doc_id
    )
    assert alone.figures() == tuple(f for f in bundled.figures() if f.document_id == doc_id)
    assert alone.actors() == bundled.actors()
    assert len(alone.report()) == 0


def test_corpus_xml_given_as_a_file_is_the_corpus(bundled: corpus.Corpus, data_dir: Path) -> None:
    given = corpus.load(data_dir / "corpus.xml")
    assert given.documents == bundled.documents
    assert given.attributions() == bundled.attributions()
    assert (given.title, given.version) == (bundled.title, bundled.version)


@pytest.mark.parametrize("doc_id", TEXTS)
def test_a_text_of_this_layout_outside_a_corpus_keeps_its_annotations(
    bundled: corpus.Corpus, data_dir: Path, tmp_path: Path, doc_id: str
) -> None:
    """Without corpus.xml the conventions apply where their markup is: the same passages and
    ids, mentions of the same actors at the same places, citations, quotations, figures,
    voices and corrections; only what needs the registers differs (an actor's kind, the
    labels of categories)."""
    shutil.copy(data_dir / "texts" / f"{doc_id}.xml", tmp_path)
    alone = corpus.load(tmp_path / f"{doc_id}.xml")
    inside = bundled.document(doc_id)
    (document,) = alone.documents
    same = ("id", "text", "kind", "boilerplate", "lang", "turn", "translation", "voices")
    same += ("citations", "quotes", "figures", "corrections", "stable")
    for read, recorded in zip(document.passages, inside.passages, strict=True):
        assert [getattr(read, f) for f in same] == [getattr(recorded, f) for f in same]
        assert [(m.actor_id, m.span, m.kind, m.cert) for m in read.mentions] == [
            (m.actor_id, m.span, m.kind, m.cert) for m in recorded.mentions
        ]
    assert document.quotes == inside.quotes
    assert document.source == inside.source
    assert document.event_names == inside.event_names
    assert (document.stance.category.id, document.stance.cert, document.stance.evidence) == (
        inside.stance.category.id,
        inside.stance.cert,
        inside.stance.evidence,
    )
    # every actor it mentions is an actor of this corpus, read from the mentions
    mentioned = {m.actor_id for p in document.passages for m in p.mentions}
    assert mentioned <= {a.id for a in alone.actors()}
    assert len(alone.report()) == 0


def test_a_text_that_no_corpus_xml_includes_is_read_on_its_own(corpus_copy: Path) -> None:
    """corpus.xml one directory up lists the texts it reads: a new file beside them that it
    does not include is not read against the registers."""
    draft = corpus_copy / "texts" / "draft.xml"
    text = (corpus_copy / "texts" / "wiki.xml").read_text("utf-8")
    draft.write_text(text.replace('xml:id="wiki"', 'xml:id="draft"', 1), "utf-8")
    alone = corpus.load(draft)
    assert [d.id for d in alone.documents] == ["draft"]
    assert alone.attributions() == ()  # claims.xml is the corpus's, not read here
    assert alone.document("draft").stance.category.label == "stance.multi"  # no corpus.xml labels


def test_a_broken_corpus_xml_beside_a_text_does_not_stop_it_loading(tmp_path: Path) -> None:
    shutil.copy(FOREIGN / "eltec.xml", tmp_path)
    (tmp_path / "corpus.xml").write_text("<teiCorpus", "utf-8")
    assert corpus.load(tmp_path / "eltec.xml").documents


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('<p xml:id="wiki.5"', "<p", "has a <p> passage without xml:id"),
        ('ana="#voice.witness"', 'ana="#voice.nobody"', "gives the voice #voice.nobody"),
        ('"actor:khojaly"', '"actor:nowhere"', "mentions actor:nowhere"),
    ],
)
def test_a_text_loaded_alone_fails_as_it_fails_inside_the_corpus(
    corpus_copy: Path, old: str, new: str, says: str
) -> None:
    """In the corpus profile the conventions are required, on its own as inside the corpus:
    the same error, at the same file and line."""
    wiki = corpus_copy / "texts" / "wiki.xml"
    wiki.write_text(wiki.read_text("utf-8").replace(old, new, 1), "utf-8")
    errors = []
    for path in (corpus_copy, wiki):
        with pytest.raises(corpus.CorpusFileError, match=says) as caught:
            corpus.load(path, cache=False)
        errors.append((caught.value.path, caught.value.line, caught.value.detail))
    assert errors[0] == errors[1]
    assert errors[0][0].endswith("wiki.xml")


def test_reading_keeps_no_class_outside_the_cache_allowlist(
    bundled: corpus.Corpus, tmp_path: Path
) -> None:
    """Every value a reading makes can be compiled: the cache writes both kinds of source."""
    from corpus import _cache

    assert _cache.write(bundled, tmp_path / "bundled.cache")
    assert _cache.write(corpus.load(FOREIGN, cache=False), tmp_path / "foreign.cache")


if __name__ == "__main__":  # rewrite the bundled record at an intended data change
    from corpus._data import bundled_directory

    _reading.write(
        GOLDEN / "bundled.json.gz", _reading.snapshot(corpus.load(bundled_directory(), cache=False))
    )
    print(f"wrote {GOLDEN / 'bundled.json.gz'}")
