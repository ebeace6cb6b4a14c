"""The index against a straightforward reference search: the same passages and spans.

The reference reads every passage's words one by one (`corpus.text.tokens`, with the words a
correction gives in place of the printed ones) and combines terms by sets; the index answers
from its postings. They must agree on every query below, on the shipped corpus written over
``CORPUS_DIFFERENTIAL_COPIES`` times with fresh ids (3 by default; the benchmark runs 1000).
"""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

import pytest

import corpus
from corpus.query import And, Filter, Ignored, Node, Not, Or, Term, parse
from corpus.text import tokens

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from _replicate import replicate

Span = tuple[int, int]
COPIES = int(os.environ.get("CORPUS_DIFFERENTIAL_COPIES", "3"))

QUERIES = [
    # single words: frequent, rare, folded, corrected, in every text
    "the", "of", "and", "Khojaly", "khojaly", "KHOJALY", "Xocali", "genocide", "massacre",
    "Armenian", "Armenians", "Azerbaijani", "civilians", "corridor", "Sarkisian", "Sargsyan",
    "casualties", "causalities", "thats", "that's", "613", "1992", "Naftalan", "Aghdam",
    "hostages", "regiment", "366", "Memorial", "nonexistentword",
    # prefixes
    "genocid*", "Armen*", "massac*", "kill*", "a*", "Khoj*",
    # phrases
    '"humanitarian corridor"', '"the largest massacre"', '"Human Rights Watch"',
    '"of the"', '"in the"', '"Khojaly massacre"', '"613 civilians"', '"ethnic cleansing"',
    '"armed forces"', '"the the"', '"Azerbaijan SSR with Armenian majority"', '"human rights"',
    # combinations
    "genocide massacre", "genocide OR massacre", "Khojaly -genocide", "corridor OR Naftalan",
    "(genocide OR massacre) Armenian", "Armenian -Azerbaijani", '"Human Rights Watch" 1993',
    "genocide doc:wiki", "the doc:embassy", "-the", "massacre in:boilerplate",
]  # fmt: skip


def _reference_term(passages: tuple[corpus.Passage, ...], term: Term) -> dict[int, list[Span]]:
    """Every passage where the term's words stand in a row, read word by word."""
    found: dict[int, list[Span]] = {}
    size = len(term.words)
    for number, passage in enumerate(passages):
        words = tokens(passage.text)
        given: dict[int, set[str]] = {i: {w} for i, (w, _, _) in enumerate(words)}
        for correction in passage.corrections:
            inside = [
                i
                for i, (_, s, e) in enumerate(words)
                if s >= correction.span[0] and e <= correction.span[1]
            ]
            corrected = [w for w, _, _ in tokens(correction.corrected)]
            if len(inside) == len(corrected):
                for i, word in zip(inside, corrected, strict=True):
                    given[i].add(word)
        spans: list[Span] = []
        for i in range(len(words) - size + 1):
            ok = all(
                any(
                    w.startswith(wanted) if term.prefix and k == size - 1 else w == wanted
                    for w in given[i + k]
                )
                for k, wanted in enumerate(term.words)
            )
            if ok:
                span = (words[i][1], words[i + size - 1][2])
                if spans and span[0] < spans[-1][1]:
                    spans[-1] = (spans[-1][0], span[1])
                else:
                    spans.append(span)
        if spans:
            found[number] = spans
    return found


def _reference(c: corpus.Corpus, node: Node) -> tuple[set[int], dict[int, list[Span]]]:
    passages = c.passages()
    if isinstance(node, Term):
        found = _reference_term(passages, node)
        return set(found), found
    if isinstance(node, Ignored):
        return set(), {}
    if isinstance(node, Filter):
        assert node.field in ("doc", "in"), node
        if node.field == "doc":
            return {n for n, p in enumerate(passages) if p.document_id == node.value}, {}
        return {n for n, p in enumerate(passages) if p.boilerplate}, {}
    if isinstance(node, Not):
        excluded, _ = _reference(c, node.child)
        return set(range(len(passages))) - excluded, {}
    parts = [_reference(c, child) for child in node.children]
    if isinstance(node, Or):
        chosen = set().union(*(p for p, _ in parts))
    else:
        positive = [
            p
            for child, (p, _) in zip(node.children, parts, strict=True)
            if not isinstance(child, Not)
        ]
        chosen = set.intersection(*positive) if positive else set(range(len(passages)))
        for child, (p, _) in zip(node.children, parts, strict=True):
            if isinstance(child, Not):
                chosen &= p
    spans: dict[int, list[Span]] = {}
    for _, found in parts:
        for number, found_spans in found.items():
            if number in chosen:
                spans.setdefault(number, []).extend(found_spans)
    return chosen, spans


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _boilerplate_wanted(node: Node) -> bool:
    if isinstance(node, Filter):
        return node.field == "in" and node.value == "boilerplate"
    if isinstance(node, Not):
        return _boilerplate_wanted(node.child)
    if isinstance(node, (And, Or)):
        return any(_boilerplate_wanted(c) for c in node.children)
    return False


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> corpus.Corpus:
    target = tmp_path_factory.mktemp("differential") / "corpus"
    replicate(data_dir, target, COPIES)
    return corpus.load(target, cache=False)


def test_the_queries_are_enough() -> None:
    assert len(QUERIES) >= 50
    assert len(set(QUERIES)) == len(QUERIES)


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_reference_finds(larger: corpus.Corpus, query: str) -> None:
    tree = parse(query)
    chosen, spans = _reference(larger, tree)
    if not _boilerplate_wanted(tree):
        chosen = {n for n in chosen if not larger.passages()[n].boilerplate}
    passages = larger.passages()
    expected = [(passages[n].id, _merged(spans.get(n, []))) for n in sorted(chosen)]
    found = [(hit.passage.id, hit.spans) for hit in larger.search(query)]
    assert found == expected


@pytest.mark.parametrize("query", QUERIES)
def test_hits_read_alone_or_sliced_are_the_hits_read_in_order(
    larger: corpus.Corpus, query: str
) -> None:
    """Spans are worked out when a hit is read: by position, through a slice or in order."""
    hits = larger.search(query)
    in_order = [(hit.passage.id, hit.spans) for hit in hits]
    assert [(hits[n].passage.id, hits[n].spans) for n in range(len(hits))] == in_order
    third = len(hits) // 3
    window = slice(third, 2 * third + 1)
    assert [(hit.passage.id, hit.spans) for hit in hits[window]] == in_order[window]
    assert [(hits[window][n].passage.id) for n in range(len(hits[window]))] == [
        passage for passage, _ in in_order[window]
    ]
    assert [passage.id for passage in hits.passages()] == [passage for passage, _ in in_order]


def _across(passages: tuple[corpus.Passage, ...]) -> list[str]:
    """Phrases of the words that end one passage and begin the next: each word of the phrase
    takes its turn as the rarest, the word the index looks for matches around."""
    phrases = []
    for before, after in itertools.pairwise(passages):
        ending = [w for w, _, _ in tokens(before.text)][-2:]
        beginning = [w for w, _, _ in tokens(after.text)][:2]
        if len(ending) == len(beginning) == 2:
            phrases += [
                f'"{ending[-1]} {beginning[0]}"',
                f'"{" ".join(ending)} {beginning[0]}"',
                f'"{ending[-1]} {" ".join(beginning)}"',
            ]
    return sorted(set(phrases))


def test_phrases_across_passages_match_only_inside_one(larger: corpus.Corpus) -> None:
    passages = larger.passages()
    phrases = _across(passages[: len(passages) // COPIES + 2])[::3]  # the first copy, the next
    assert len(phrases) > 100
    for query in phrases:
        chosen, spans = _reference(larger, parse(query))
        expected = [
            (passages[n].id, _merged(spans[n]))
            for n in sorted(chosen)
            if not passages[n].boilerplate
        ]
        assert [(hit.passage.id, hit.spans) for hit in larger.search(query)] == expected, query
