"""How well the proposals of ``corpus draft`` match the curated annotations, per shipped text.

    python benchmarks/proposals.py

Each shipped capture is drafted afresh and its proposed mentions are compared with the curated
mentions of the same text, as multisets of (actor, spelling folded as search folds): recall is
the share of curated mentions proposed, precision the share of proposals that are curated.
Descriptions ("the current President of Armenia") cannot be found by spelling and are counted
apart. The register the proposals use is the curated one, so recall here is an upper bound for
a text the register has not seen.

Proposed figures are compared with the curated figures of the same text as multisets of (number
as printed, value, low, high): a proposal is right when its value and bounds are. "measure" is
the share of the matched ones whose measure is the curated one too. Proposed quotations are
compared with the curated quotations inside a passage's text (not a whole passage, block or
interview turn): the same words, folded, one holding the other; "speaker" is the share of the
matched ones whose proposed speaker is the curated one. The figure and quotation rules were
written while reading these five texts, so these figures are what they do on text they were
made from; the tests hold them to captures written for the tests as well.

Proposed voices are compared with the curated voices of the same text as sets of (passage,
chain) for every chain that is not the text's own voice (``voice.author``): each proposal
counts for the curated passages its words stand in (found by where both stand in the
capture). "inner" compares the innermost voice of each chain instead of the whole chain: a
chain that the curated data reads from a text's structure (the New York Times item that
reports Rasim Agayev, an interview's questions and answers) is not printed as a frame.

Proposed citations are compared with the curated citations (note markers, named sources and
bibliography entries; back-links are not proposed) by where they stand in the capture: a
proposal matches the curated citation its words overlap, each curated citation once; "work" is
the share of the matched named sources whose proposed work is the curated one (a marker
proposes none: its note says which).

Candidate actors are measured on a register that lacks what the text alone names: each text is
drafted again with the actors that no other text mentions left out of the register, and the
mentions of those actors by name are compared with the candidates proposed (a mention is found
where a candidate's words overlap it; a candidate is right where it overlaps such a mention).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import corpus
from corpus.text import fold


def _key(mention: corpus.Mention) -> tuple[str, str]:
    return mention.actor_id, fold(" ".join(mention.text.split()))


def main() -> None:
    c = corpus.load()
    mentions: dict[str, Counter[str]] = {}
    figures: dict[str, Counter[str]] = {}
    quotes: dict[str, Counter[str]] = {}
    voices: dict[str, Counter[str]] = {}
    citations: dict[str, Counter[str]] = {}
    candidates: dict[str, Counter[str]] = {}
    attributions: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for document in c.documents:
            capture = Path(c.path) / "sources" / document.source.capture
            out = corpus.draft(capture, f"x-{document.id}", out=Path(tmp) / f"{document.id}.xml")
            proposed = Counter(_key(m) for m in corpus.load(out).proposals(kind="mention"))
            curated = [m for p in document.passages for m in p.mentions]
            every = Counter(_key(m) for m in curated)
            names = Counter(_key(m) for m in curated if m.kind == "name")
            matched = sum((proposed & every).values())
            named = sum((proposed & names).values())
            row = {
                "curated": sum(every.values()),
                "names": sum(names.values()),
                "proposed": sum(proposed.values()),
                "matched": matched,
                "named": named,
            }
            mentions[document.id] = Counter(row)
            figures[document.id] = _figures(corpus.load(out), document)
            quotes[document.id] = _quotes(corpus.load(out), document)
            voices[document.id] = _voices(corpus.load(out), document, capture)
            citations[document.id] = _citations(corpus.load(out), document, capture)
            candidates[document.id] = _candidates(c, document, capture, Path(tmp))
            attributions[document.id] = _attributions(c, corpus.load(out), document, capture)
    _rates("text", mentions, [("curated", "curated"), ("names", "names"), *COUNTS[1:], *RATES,
                              ("names recall", ("named", "names"))])  # fmt: skip
    _table(figures, "measure")
    _table(quotes, "speaker")
    inner = [("inner recall", ("inner_matched", "inner")),
             ("inner precision", ("inner_matched", "inner_proposed"))]  # fmt: skip
    _rates("voices", voices, [*COUNTS, *RATES, *inner])
    _table(citations, "work", "citations", of="named")
    _rates("names", candidates, [("actors", "actors"), *COUNTS[:2], ("found", "matched"),
                                 RATES[0], ("precision", ("right", "proposed"))])  # fmt: skip
    _rates("attrib.", attributions, [*COUNTS, RATES[0], ("precision", ("right", "proposed")),
                                     ("claimant", ("claimed", "matched"))])  # fmt: skip


def _located(passages: tuple[corpus.Passage, ...], capture: str) -> list[tuple[int, int, str]]:
    """Where each passage's text stands in the capture, as read (layout whitespace collapsed):
    ``(start, end, passage id)``, in order; a passage not found there is left out."""
    from corpus.text import collapse_layout

    read, at, found = collapse_layout(capture), 0, []
    for passage in passages:
        start = read.find(passage.text, at) if passage.text else -1
        if start >= 0:
            found.append((start, start + len(passage.text), passage.id))
            at = start + len(passage.text)
    return found


def _voices(draft: corpus.Corpus, document: corpus.Document, capture: Path) -> Counter[str]:
    """Curated voices of the article passages (not the text's own) against the proposed ones,
    as (passage, chain), and as (passage, innermost voice)."""
    from corpus.model import chain_label

    text = capture.read_text("utf-8")
    articles = [p for p in document.passages if not p.boilerplate]
    curated_at = _located(tuple(articles), text)
    drafted = {pid: start for start, _, pid in _located(draft.passages(), text)}
    curated = {
        (p.id, chain)
        for p in articles
        for chain in p.voices
        if chain != (corpus.model.AUTHOR_VOICE,)
    }
    proposed = set()
    for proposal in draft.proposals(kind="voice"):
        if proposal.passage_id not in drafted:
            continue
        start = drafted[proposal.passage_id] + proposal.span[0]
        end = drafted[proposal.passage_id] + proposal.span[1]
        for a, b, pid in curated_at:
            if a < end and start < b:
                proposed.update((pid, chain) for chain in proposal.chains)
    inner = {(pid, chain[-1]) for pid, chain in curated}
    inner_proposed = {(pid, chain[-1]) for pid, chain in proposed}
    del chain_label
    return Counter(
        curated=len(curated),
        proposed=len(proposed),
        matched=len(curated & proposed),
        inner=len(inner),
        inner_proposed=len(inner_proposed),
        inner_matched=len(inner & inner_proposed),
    )


def _citations(draft: corpus.Corpus, document: corpus.Document, capture: Path) -> Counter[str]:
    """Curated citations in running text and notes (markers, named sources, bibliography
    entries; not back-links) against the proposed ones: a proposal matches a curated citation
    whose words its words overlap in the capture, once; "work" is the share of the matched
    ones that propose the curated work."""
    text = capture.read_text("utf-8")
    where = {pid: start for start, _, pid in _located(document.passages, text)}
    drafted = {pid: start for start, _, pid in _located(draft.passages(), text)}
    curated: dict[tuple[int, int], set[str]] = {}
    for passage in document.passages:
        for cited in passage.citations:
            if cited.kind != "backlink" and passage.id in where:
                start = where[passage.id] + cited.span[0]
                key = (start, start + len(cited.text))
                curated.setdefault(key, set()).add(cited.reference_id)
    proposed = [
        (
            drafted[p.passage_id] + p.span[0],
            drafted[p.passage_id] + p.span[1],
            p.suggestion["work"],
            p.suggestion["kind"],
        )
        for p in draft.proposals(kind="citation")
        if p.passage_id in drafted
    ]
    matched = named = measured = 0
    left = dict(curated)
    for start, end, work, kind in proposed:
        hit = next(((a, b) for a, b in left if a < end and start < b), None)
        if hit is not None:
            matched += 1
            works = left.pop(hit)
            named += kind == "named"
            measured += kind == "named" and work in works
    return Counter(
        curated=len(curated),
        proposed=len(proposed),
        matched=matched,
        named=named,
        measured=measured,
    )


def _candidates(
    c: corpus.Corpus, document: corpus.Document, capture: Path, tmp: Path
) -> Counter[str]:
    """The text drafted again with a register that lacks the actors only this text names, and
    the mentions of those actors (by name) against the candidate actors proposed: a curated
    mention is found where a candidate's words overlap it; a candidate is right where it
    overlaps one of them."""
    from unittest import mock

    from corpus import drafting

    elsewhere = {m.actor_id for d in c.documents if d is not document for p in d.passages
                 for m in p.mentions}  # fmt: skip
    held_out = {m.actor_id for p in document.passages for m in p.mentions} - elsewhere
    spellings = {
        key: kept
        for key, actors in drafting._register_spellings().items()
        if (kept := actors - held_out)
    }
    with mock.patch.object(drafting, "_register_spellings", return_value=spellings):
        out = corpus.draft(capture, f"y-{document.id}", out=tmp / f"y-{document.id}.xml")
    draft = corpus.load(out)
    text = capture.read_text("utf-8")
    where = {pid: start for start, _, pid in _located(document.passages, text)}
    drafted = {pid: start for start, _, pid in _located(draft.passages(), text)}
    curated = [
        (where[p.id] + m.span[0], where[p.id] + m.span[1])
        for p in document.passages
        if p.id in where and not p.boilerplate
        for m in p.mentions
        if m.actor_id in held_out and m.kind == "name"
    ]
    proposed = [
        (drafted[p.passage_id] + p.span[0], drafted[p.passage_id] + p.span[1])
        for p in draft.proposals(kind="actor")
        if p.passage_id in drafted
    ]
    return Counter(
        actors=len(held_out),
        curated=len(curated),
        proposed=len(proposed),
        matched=sum(any(a < d and c < b for c, d in proposed) for a, b in curated),
        right=sum(any(a < d and c < b for a, b in curated) for c, d in proposed),
    )


def _attributions(
    c: corpus.Corpus, draft: corpus.Corpus, document: corpus.Document, capture: Path
) -> Counter[str]:
    """Curated attributions (not implied ones: their agent is not named) against the proposed
    ones: a proposal matches a curated attribution of the same agent and act whose passage its
    words overlap in the capture, each curated one once; "claimant" is the share of the matched
    ones whose proposed claimant chain is the curated one."""
    text = capture.read_text("utf-8")
    where = {pid: (start, end) for start, end, pid in _located(document.passages, text)}
    drafted = {pid: start for start, _, pid in _located(draft.passages(), text)}
    curated = [
        (*where[a.passage_id], a.agent, a.act, tuple(v.id for v in a.claimant))
        for a in c.attributions(document=document.id)
        if a.implied is None and a.passage_id in where
    ]
    left = list(curated)
    matched = right = claimed = 0
    proposals = [p for p in draft.proposals(kind="attribution") if p.passage_id in drafted]
    for p in proposals:
        start = drafted[p.passage_id] + p.span[0]
        end = drafted[p.passage_id] + p.span[1]
        said = p.suggestion
        fits = [
            k
            for k in curated
            if k[0] < end and start < k[1] and k[2:4] == (said["agent"], said["act"])
        ]
        right += bool(fits)
        hit = next((k for k in fits if k in left and k[4] == tuple(said["claimant"])), None)
        hit = hit or next((k for k in fits if k in left), None)
        if hit is not None:
            left.remove(hit)
            matched += 1
            claimed += hit[4] == tuple(said["claimant"])
    return Counter(
        curated=len(curated),
        proposed=len(proposals),
        matched=matched,
        right=right,
        claimed=claimed,
    )


#: A column of a table: its header, and a count (a key of the row) or a share (part, whole).
Column = tuple[str, "str | tuple[str, str]"]
COUNTS: list[Column] = [("curated", "curated"), ("proposed", "proposed"), ("matched", "matched")]
RATES: list[Column] = [("recall", ("matched", "curated")), ("precision", ("matched", "proposed"))]


def _rates(title: str, rows: dict[str, Counter[str]], columns: list[Column]) -> None:
    """One table: a row per text and one for all of them together, each column a count or a
    share, as wide as its header."""
    print("\n" + " ".join([f"{title:>9}", *(f"{h:>{max(len(h), 6)}}" for h, _ in columns)]))
    every = Counter[str]()
    for label, row in [*rows.items(), ("all", every)]:
        if label != "all":
            every.update(row)
        cells = [f"{label:>9}"]
        for header, what in columns:
            width = max(len(header), 6)
            if isinstance(what, str):
                cells.append(f"{row[what]:>{width}}")
            else:
                cells.append(f"{_share(row, *what):>{width}.1%}")
        print(" ".join(cells))


def _table(
    rows: dict[str, Counter[str]], agreeing: str, heading: str = "text", of: str = "matched"
) -> None:
    """Recall, precision and the share of matches (of the ``of`` ones) that also agree on
    ``agreeing``, per text."""
    _rates(heading, rows, [*COUNTS, *RATES, (agreeing, ("measured", of))])


def _quotes(draft: corpus.Corpus, document: corpus.Document) -> Counter[str]:
    """Curated quotations inside the text (not whole passages or interview turns) against the
    proposed ones: the same words (folded; one holding the other), and the same speaker."""
    proposed = [(fold(p.text), p.suggestion["speaker"]) for p in draft.proposals(kind="quote")]
    curated = [(fold(q.text), q.speaker) for q in document.quotes if q.kind == "inline" and q.span]
    matched = measured = 0
    for words, speaker in curated:
        same = [s for w, s in proposed if w and (w in words or words in w)]
        matched += bool(same)
        measured += bool(same) and same[0] == speaker
    return Counter(curated=len(curated), proposed=len(proposed), matched=matched, measured=measured)


def _figure_key(number: str, value: object, low: object, high: object) -> tuple[object, ...]:
    return fold(" ".join(number.split())), value, low, high


def _figures(draft: corpus.Corpus, document: corpus.Document) -> Counter[str]:
    proposed = [
        (_figure_key(p.text[len(p.suggestion["qualifier"] or "") :].strip(), *_bounds(p)),
         p.suggestion["measure"])
        for p in draft.proposals(kind="figure")
    ]  # fmt: skip
    curated = [
        (_figure_key(f.number, f.value, f.low, f.high), f.measure)
        for p in document.passages
        for f in p.figures
    ]
    return Counter(
        curated=len(curated),
        proposed=len(proposed),
        matched=sum((Counter(k for k, _ in proposed) & Counter(k for k, _ in curated)).values()),
        measured=sum((Counter(proposed) & Counter(curated)).values()),
    )


def _bounds(proposal: corpus.Proposal) -> tuple[object, object, object]:
    found = proposal.suggestion
    return found["value"], found["low"], found["high"]


def _share(row: dict[str, int] | Counter[str], part: str, whole: str) -> float:
    return row[part] / row[whole] if row[whole] else 0


if __name__ == "__main__":
    main()
