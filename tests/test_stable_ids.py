"""Released ids stay: every document, passage and quotation id of a release keeps its text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import corpus

RELEASES = sorted((Path(__file__).parent / "data").glob("released-ids-*.tsv"))
#: Ids a release withdrew, with the release and the reason: never to be used again.
RETIRED = Path(__file__).parent / "data" / "retired-ids.tsv"


def _retired() -> dict[str, tuple[str, str, str]]:
    rows = [line.split("\t") for line in RETIRED.read_text("utf-8").splitlines() if line]
    return {ident: (kind, release, reason) for kind, ident, release, reason in rows}


def _released(path: Path) -> list[tuple[str, str, str]]:
    rows = [line.split("\t") for line in path.read_text("utf-8").splitlines()]
    return [(kind, ident, digest) for kind, ident, digest in (r for r in rows if len(r) == 3)]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@pytest.mark.parametrize("release", RELEASES, ids=lambda p: p.stem)
def test_every_released_id_still_names_the_same_text(bundled: corpus.Corpus, release: Path) -> None:
    rows = _released(release)
    assert len(rows) > 150
    retired = _retired()
    for kind, ident, digest in rows:
        if ident in retired:
            assert retired[ident][0] == kind, ident
            continue
        if kind == "document":
            assert bundled.document(ident).id == ident
        elif kind == "passage":
            assert _digest(bundled.passage(ident).text) == digest, ident
        elif kind == "quotation":
            assert _digest(bundled.quote(ident).text) == digest, ident
        elif kind == "figure":
            assert _digest(bundled.figure(ident).text) == digest, ident
        else:
            found = [a for a in bundled.attributions() if a.id == ident]
            assert [_digest(a.text) for a in found] == [digest], ident


def test_a_retired_id_is_not_used_again(bundled: corpus.Corpus) -> None:
    retired = _retired()
    assert retired, "retired-ids.tsv lists the withdrawn ids"
    used = {p.id for p in bundled.passages()} | {q.id for q in bundled.quotes()}
    used |= {f.id for f in bundled.figures()} | {a.id for a in bundled.attributions()}
    assert used.isdisjoint(retired)
    released = {row[1] for release in RELEASES for row in _released(release)}
    assert set(retired) <= released, "only released ids are retired"


def test_new_ids_are_unique_across_kinds(bundled: corpus.Corpus) -> None:
    """Passages, quotations, figures and attributions never share an id."""
    ids = [p.id for p in bundled.passages()]
    ids += [q.id for q in bundled.quotes()]
    ids += [f.id for f in bundled.figures()]
    ids += [a.id for a in bundled.attributions()]
    assert len(ids) == len(set(ids))
