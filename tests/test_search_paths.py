"""The quick ways through a search give what the plain ways give: the same passages, spans, order.

A query that is one word or one phrase is answered straight from the index (`Index.found`);
every other query goes through the evaluator. Hits are made when they are read.
"""

from __future__ import annotations

import pytest

import corpus
from corpus.hits import Hit, Hits
from corpus.query import And, Index, Or, Term, parse
from corpus.text import tokens

#: words, prefixes and phrases: across line breaks and no-break spaces, over corrections (one
#: that gives the word printed, "le"), repeated words, words nowhere, folded letters
TERMS = [
    "corridor",
    "genocide",
    "the",
    "khojaly",
    "xocalı",
    "XOCALI",
    "Khojaly’s",
    "casualties",
    "causalities",
    "le",
    "monde",
    "geno*",
    "kh*",
    "a*",
    "zzzz",
    "kar",
    '"humanitarian corridor"',
    '"Azerbaijan SSR with Armenian majority"',
    '"Black Garden: Armenia and Azerbaijan"',
    '"of casualties on"',
    '"le monde"',
    '"Le Mond 14"',
    '"Mazalova Novaya Gazeta"',
    '"kar kar"',
    '"of the"',
    '"the the"',
    '"corridor zzzz"',
]


def _scan(index: Index, term: Term) -> dict[int, list[tuple[int, int]]]:
    """The term's matches found the slow way: every passage, every position, every word."""
    last = len(term.words) - 1
    found: dict[int, list[tuple[int, int]]] = {}
    for number, passage in enumerate(index.passages):
        printed = tokens(passage.text)
        base = index.offsets[number]
        for start in range(len(printed) - last):
            for i, word in enumerate(term.words):
                position = base + start + i
                given = [printed[start + i][0]]
                given += [index.words[w] for w in index.alternates.get(position, ())]
                if term.prefix and i == last:
                    if not any(g.startswith(word) for g in given):
                        break
                elif word not in given:
                    break
            else:
                span = (printed[start][1], printed[start + last][2])
                spans = found.setdefault(number, [])
                if spans and span[0] < spans[-1][1]:
                    spans[-1] = (spans[-1][0], span[1])
                else:
                    spans.append(span)
    return found


@pytest.mark.parametrize("query", TERMS)
def test_the_index_finds_what_a_scan_of_every_passage_finds(
    bundled: corpus.Corpus, query: str
) -> None:
    term = parse(query)
    assert isinstance(term, Term)
    index = bundled._search_index()
    numbers, spans = index.found(term)
    assert dict(zip(numbers, [list(s) for s in spans], strict=True)) == _scan(index, term)


@pytest.mark.parametrize("query", TERMS)
def test_one_term_alone_gives_what_the_evaluator_gives(bundled: corpus.Corpus, query: str) -> None:
    """``q OR q`` goes through the evaluator and merges the spans of both sides."""
    quick = bundled.search(query)
    assert quick.hits == bundled.search(f"{query} OR {query}").hits
    assert quick.hits == bundled.search(f"{query} ({query})").hits


def test_the_terms_find_passages_and_more_than_one_span_in_some() -> None:
    """The cases above are not all empty: the comparisons could fail."""
    hits = corpus.load().search("corridor")
    assert len(hits) > 1
    assert any(len(h.spans) > 1 for h in corpus.load().search("the"))
    assert corpus.load().search('"of casualties on"')
    assert corpus.load().search('"le monde"')


@pytest.mark.parametrize(
    ("query", "filters"),
    [
        ("corridor", {"doc": "wiki"}),
        ('"humanitarian corridor"', {"stance": ["genocide", "multi"]}),
        ("genocide", {"in_": "quote"}),
        ("embassy", {"in_": "boilerplate"}),
    ],
)
def test_a_term_with_filters_is_the_term_narrowed(
    bundled: corpus.Corpus, query: str, filters: dict[str, object]
) -> None:
    narrowed = bundled.search(query, **filters)
    assert narrowed
    if "in_" in filters:
        return  # in:quote narrows the spans, in:boilerplate widens the passages
    whole = {h.passage.id: h.spans for h in bundled.search(query)}
    assert all(whole[h.passage.id] == h.spans for h in narrowed)


def test_boilerplate_is_left_out_of_a_single_term_unless_asked_for(
    bundled: corpus.Corpus,
) -> None:
    plain = bundled.search("embassy")
    assert not any(h.passage.boilerplate for h in plain)
    asked = bundled.search("embassy in:boilerplate")
    assert asked
    assert all(h.passage.boilerplate for h in asked)


# ------------------------------------------------------------------ hits made when read


def test_hits_read_one_by_one_equal_hits_made_at_once(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide")
    made = tuple(Hit(h.passage, h.spans) for h in hits)
    assert hits.hits == made
    assert list(hits) == list(made)
    assert [hits[i] for i in range(len(hits))] == list(made)
    assert hits[-1] == made[-1]
    assert hits[1:4].hits == made[1:4]
    assert hits[::2].hits == made[::2]
    assert len(hits[:3]) == 3
    with pytest.raises(IndexError):
        hits[len(hits)]


def test_hits_are_equal_hashed_and_shown_as_their_tuple(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide")
    same = Hits(hits.hits, "genocide", {d.id: d for d in bundled.documents})
    assert hits == same
    assert hash(hits) == hash(same)
    assert hits != bundled.search("massacre")
    assert hits != Hits(hits.hits, "other", {})
    assert repr(hits) == f"Hits(hits={hits.hits!r}, query='genocide')"
    assert [name for name, *_ in hits.__rich_repr__()] == ["hits", "query"]
    assert hits[:2] == Hits(hits.hits[:2], "genocide", {})
    assert hits.hits is hits.hits  # made once


def test_notes_and_counts_are_kept_with_hits_made_when_read(bundled: corpus.Corpus) -> None:
    hits = bundled.search("genocide 🕯")
    assert hits.notes
    assert hits.hits == bundled.search("genocide").hits
    assert sum(hits.count_by("document").values()) == len(hits)
    assert [line.passage_id for line in hits.concordance()][:1] == [hits[0].passage.id]


# ------------------------------------------------------------------ the syntax tree


def test_syntax_tree_values_compare_hash_and_refuse_changes() -> None:
    tree = parse('genocide -"Khojaly event" OR doc:wiki')
    assert tree == parse('genocide -"Khojaly event" OR doc:wiki')
    assert hash(tree) == hash(parse('genocide -"Khojaly event" OR doc:wiki'))
    assert tree != parse('genocide -"Khojaly events" OR doc:wiki')
    word = parse("genocide")
    assert And((word,)) != Or((word,))  # the same children, but a different node
    with pytest.raises(AttributeError):
        tree.children = ()  # type: ignore[misc]
