"""The tables of a loaded corpus, one per kind of value (`corpus.export` writes them).

The layout of the tables and the rules of flattening are described in `corpus.export`. This
module sits below the `Corpus` facade: it reads a corpus through the facade's public members and
builds each table as columns (`corpus.results.record_columns`: a field at a time, not a value
at a time), so that `corpus.export`, `Corpus.to_records` and `Corpus.frame` can use it.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from corpus._gc import paused_gc
from corpus.errors import CorpusError
from corpus.results import Columns, column_rows, record_columns

if TYPE_CHECKING:
    from corpus._corpus import Corpus

__all__ = ["TABLES", "Record", "corpus_columns", "corpus_records", "frame", "tables"]

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


# ------------------------------------------------------------------ columns


def _documents(c: Corpus) -> Columns:
    found = record_columns(c.documents)
    found["source_text"] = [document.source_text() for document in c.documents]
    return found


def _voices(c: Corpus) -> Columns:
    found: Columns = {name: [] for name in ("passage_id", "chain", "position", "id", "kind")}
    passage_id, chain, position, ids, kinds = found.values()
    for passage in c.passages():
        for number, voices in enumerate(passage.voices):
            passage_id.extend([passage.id] * len(voices))
            chain.extend([number] * len(voices))
            position.extend(range(len(voices)))
            ids.extend(voice.id for voice in voices)
            kinds.extend(voice.kind for voice in voices)
    return found if passage_id else {}


def _values(get: Callable[[Corpus], Iterable[Any]]) -> Callable[[Corpus], Columns]:
    return lambda c: record_columns(tuple(get(c)))


def _figures(c: Corpus) -> Columns:
    """Figures with what they print (``kind``) and the number to compare (``best``) beside
    their fields: ``best`` is null for a bound, a range or a vague quantity."""
    figures = tuple(c.figures())
    found = record_columns(figures)
    for name in ("kind", "best"):
        if figures and all(hasattr(f, name) for f in figures):
            found[name] = list(map(operator.attrgetter(name), figures))
    return found


def _mentions(c: Corpus) -> tuple[Any, ...]:
    return tuple(itertools.chain.from_iterable(p.mentions for p in c.passages()))


_COLUMNS: dict[str, Callable[[Corpus], Columns]] = {
    "documents": _documents,
    "passages": _values(lambda c: c.passages()),
    "mentions": _values(_mentions),
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


def corpus_columns(c: Corpus, table: str) -> Columns:
    """One table as columns, each a list of its cells in row order (what `corpus.export`
    writes): the same names and cells as `corpus_records`, built a field at a time."""
    if table not in tables(c):
        raise CorpusError(f"no table {table!r}; the tables are: {', '.join(tables(c))}")
    with paused_gc():  # lists and records that form no cycles, a million at 1000 copies
        return _COLUMNS[table](c)


def corpus_records(c: Corpus, table: str) -> list[Record]:
    """The rows of one table as plain dicts (what `Corpus.to_records` returns)."""
    return column_rows(corpus_columns(c, table))


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
    return pandas.DataFrame(corpus_columns(c, table))
