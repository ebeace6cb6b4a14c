"""Several loaded corpora as one: ``corpus.load([a, b])`` and ``c1 | c2``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from corpus._corpus import Corpus
from corpus.errors import CorpusError
from corpus.model import Actor, Category
from corpus.report import Unmapped
from corpus.works import QuoteGroup, Reference

__all__ = ["combine"]


def combine(corpora: Sequence[Corpus]) -> Corpus:
    """One corpus holding the documents of each, in the order given.

    Document and passage ids must be distinct across the corpora: a clash raises `CorpusError`
    naming both sources. Actors and works with the same id are one entry; where their names
    differ, the spellings are joined and the report says so.
    """
    if not corpora:
        raise CorpusError("no corpus to combine; give at least one path or corpus")
    if len(corpora) == 1:
        return corpora[0]
    owner: dict[str, str] = {}
    passage_owner: dict[str, str] = {}
    notes: list[Unmapped] = []
    for part in corpora:
        for document in part.documents:
            if document.id in owner:
                raise CorpusError(
                    f"the document id {document.id!r} is in both {owner[document.id]} and "
                    f"{part.path}; document ids must be distinct to combine corpora: change the "
                    "TEI xml:id of one of them (or the file name, where the TEI has no xml:id)"
                )
            owner[document.id] = part.path
            for passage in document.passages:
                if passage.id in passage_owner:
                    raise CorpusError(
                        f"the passage id {passage.id!r} is in both {passage_owner[passage.id]} "
                        f"and {part.path}; passage ids must be distinct to combine corpora"
                    )
                passage_owner[passage.id] = part.path
    register = _merged_actors(corpora, notes)
    works = _first_by_id(((w, c.path) for c in corpora for w in c.works), notes)
    categories: dict[str, Category] = {}
    for part in corpora:
        for category in part.categories:
            categories.setdefault(category.id, category)
    groups: dict[str, QuoteGroup] = {}
    for part in corpora:
        for group in part.quotation_groups:
            groups.setdefault(group.id, group)
    return Corpus(
        title=" + ".join(dict.fromkeys(c.title for c in corpora if c.title)),
        version=" + ".join(dict.fromkeys(c.version for c in corpora if c.version)),
        documents=tuple(d for c in corpora for d in c.documents),
        categories=tuple(categories.values()),
        path=corpora[0].path,
        register=register,
        works=works,
        quotation_groups=tuple(groups.values()),
        responsibility=tuple(a for c in corpora for a in c.responsibility),
        sources=tuple(s for c in corpora for s in (c.sources or (c.path,))),
        unmapped=(*(u for c in corpora for u in c.unmapped), *notes),
    )


def _merged_actors(corpora: Sequence[Corpus], notes: list[Unmapped]) -> tuple[Actor, ...]:
    """Actors by id: one entry per id, spellings joined where two corpora register it."""
    merged: dict[str, Actor] = {}
    source: dict[str, str] = {}
    for part in corpora:
        for actor in part.register:
            first = merged.get(actor.id)
            if first is None:
                merged[actor.id], source[actor.id] = actor, part.path
                continue
            if (first.kind, first.name, first.names) != (actor.kind, actor.name, actor.names):
                notes.append(
                    Unmapped(
                        part.path,
                        None,
                        f"actor {actor.id!r}",
                        1,
                        f"also registered in {source[actor.id]}; read as one actor "
                        f"(the {first.kind} {first.name!r}) with the spellings of both",
                    )
                )
            merged[actor.id] = attrs.evolve(
                first,
                names=tuple(dict.fromkeys((*first.names, *actor.names))),
                relations=(*first.relations, *actor.relations),
            )
    return tuple(merged.values())


def _first_by_id(
    works: Iterable[tuple[Reference, str]], notes: list[Unmapped]
) -> tuple[Reference, ...]:
    """Works by id; where two corpora register different works under one id, the first."""
    found: dict[str, Reference] = {}
    for work, path in works:
        if work.id in found and found[work.id] != work:
            notes.append(
                Unmapped(
                    path, None, f"work {work.id!r}", 1, "also registered before; the first is kept"
                )
            )
        found.setdefault(work.id, work)
    return tuple(found.values())
