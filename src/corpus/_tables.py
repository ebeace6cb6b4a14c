"""The rows of a loaded corpus's tables, one per kind of value (`corpus.export` writes them).

The layout of the tables and the rules of flattening are described in `corpus.export`. This
module sits below the `Corpus` facade: it reads a corpus through the facade's public members and
builds plain dicts, so that `Corpus.to_records` and `Corpus.frame` can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from corpus.errors import CorpusError
from corpus.results import record

if TYPE_CHECKING:
    from corpus._corpus import Corpus

__all__ = ["TABLES", "Record", "corpus_records", "frame", "tables"]

#: Every table, in the order they are written; ``figures`` and ``attributions`` only where the
#: corpus has them.
TABLES = (
    "documents",
    "passages",
    "mentions",
    "actors",
    "works",
    "citations",
    "quotes",
    "quote_groups",
    "voices",
    "categories",
    "figures",
    "attributions",
)
Record = dict[str, Any]


# ------------------------------------------------------------------ rows


def _documents(c: Corpus) -> Iterator[Record]:
    for document in c.documents:
        row = record(document)
        row["source_text"] = document.source_text()
        yield row


def _voices(c: Corpus) -> Iterator[Record]:
    for passage in c.passages():
        for chain, voices in enumerate(passage.voices):
            for position, voice in enumerate(voices):
                yield {
                    "passage_id": passage.id,
                    "chain": chain,
                    "position": position,
                    "id": voice.id,
                    "kind": voice.kind,
                }


def _values(get: Callable[[Corpus], Iterable[Any]]) -> Callable[[Corpus], Iterator[Record]]:
    return lambda c: (record(v) for v in get(c))


def _figures(c: Corpus) -> Iterator[Record]:
    """Figures with what they print (``kind``) and the number to compare (``best``) beside
    their fields: ``best`` is null for a bound, a range or a vague quantity."""
    for figure in c.figures():
        row = record(figure)
        for name in ("kind", "best"):
            if hasattr(figure, name):  # a corpus of another library's figures may lack them
                row[name] = getattr(figure, name)
        yield row


_ROWS: dict[str, Callable[[Corpus], Iterator[Record]]] = {
    "documents": _documents,
    "passages": _values(lambda c: c.passages()),
    "mentions": _values(lambda c: (m for p in c.passages() for m in p.mentions)),
    "actors": _values(lambda c: c.actors()),
    "works": _values(lambda c: c.references()),
    "citations": _values(lambda c: c.citations()),
    "quotes": _values(lambda c: c.quotes()),
    "quote_groups": _values(lambda c: c.quote_groups()),
    "voices": _voices,
    "categories": _values(lambda c: c.categories),
    "figures": _figures,
    "attributions": _values(lambda c: c.attributions()),
}


def tables(c: Corpus) -> tuple[str, ...]:
    """The tables this corpus has: every one of `TABLES` but figures and attributions where the
    corpus has none of them."""
    return tuple(
        name
        for name in TABLES
        if name not in ("figures", "attributions") or callable(getattr(c, name, None))
    )


def corpus_records(c: Corpus, table: str) -> list[Record]:
    """The rows of one table as plain dicts (what `Corpus.to_records` returns)."""
    if table not in tables(c):
        raise CorpusError(f"no table {table!r}; the tables are: {', '.join(tables(c))}")
    return list(_ROWS[table](c))


def _require(module: str, extra: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise CorpusError(
            f"{what} needs {module}, which is not installed; "
            f"install it with: pip install 'khojaly-corpus[{extra}]'"
        ) from None


def frame(c: Corpus, table: str) -> Any:
    """One table as a pandas DataFrame (needs pandas: ``pip install 'khojaly-corpus[tables]'``)."""
    pandas = _require("pandas", "tables", f"Corpus.frame({table!r})")
    rows = corpus_records(c, table)
    return pandas.DataFrame.from_records(rows, columns=list(rows[0]) if rows else None)
