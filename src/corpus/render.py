"""Rich renderables for every public value. Imported only when something is rendered.

`renderable(value)` gives what a value looks like in a terminal; the views that need the
whole corpus (an actor's spellings by document, the passages citing a work) take it as an
argument: `actor_view`, `reference_view`, `passage_view`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.panel import Panel
from rich.pretty import Pretty
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from corpus._corpus import Corpus
from corpus._layout import (
    Listing,
    fit,
    hits_title,
    kwic_pieces,
    kwic_title,
    reference_pieces,
    source_line,
)
from corpus.claims import Attribution, Figure, FigureTable
from corpus.hits import Concordance, Hit, Hits
from corpus.model import Actor, Classification, Document, Passage, Relation
from corpus.results import Column, Results
from corpus.text import marked_pieces
from corpus.works import Comparison, Quote, QuoteGroup, Reference, compare_renditions

__all__ = [
    "KIND_STYLES",
    "Fitted",
    "actor_view",
    "attribution_table",
    "figure_view",
    "passage_view",
    "reference_view",
    "renderable",
]

#: How a mention is styled, by the kind of actor it names.
KIND_STYLES = {
    "person": "bold cyan",
    "org": "bold magenta",
    "place": "green",
    "unit": "bold yellow",
    "collective": "blue",
}
MATCH_STYLE = "bold reverse"
CITATION_STYLE = "dim underline"
FIGURE_STYLE = "bold magenta"
QUOTE_STYLE = "italic"
CHANGE_STYLES = {"insert": "green", "delete": "red", "replace": "yellow", "equal": ""}


# ------------------------------------------------------------------ fitting the width


def plain(console: Console) -> bool:
    """Whether styles cannot show here (output into a pipe or a file, or TERM=dumb): matches
    and figures are then marked with brackets, ``[genocide]``."""
    return not console.is_terminal or console.is_dumb_terminal


class Fitted:
    """A table that fits the width it is rendered at, by one rule for every table
    (`corpus._layout.fit`).

    ``id`` and ``number`` cells are never cut or wrapped; ``label`` cells are short and never
    cut; an ``ids`` cell (ids joined with ", ") wraps only between ids; ``text`` wraps within its
    cell. Where the width cannot hold every column at its least width, columns are left out,
    lowest ``keep`` first, and the table says which; where even the columns that are always kept
    do not fit, each row is shown as a block of ``header: value`` lines."""

    def __init__(
        self,
        title: str | None,
        columns: Sequence[Column],
        rows: Sequence[Any],
        *,
        styles: dict[str, str] | None = None,
        note: str | None = None,
    ) -> None:
        self.title, self.columns, self.rows = title, tuple(columns), rows
        self.styles, self.note = styles or {}, note

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        fitted = fit(self.columns, self.rows, options.max_width)
        if self.title:
            yield Text(self.title, style="bold")
        if fitted.stacked:
            yield from self._stacked(fitted.cells)
        else:
            yield self._table(fitted.chosen, fitted.cells, fitted.widths)
            if fitted.left_out:
                yield Text(f"not shown at this width: {', '.join(fitted.left_out)}", style="dim")
        if self.note:
            yield Text(self.note, style="dim")

    def _table(
        self, chosen: Sequence[Column], cells: dict[str, list[str]], widths: dict[str, int]
    ) -> Table:
        view = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold")
        for column in chosen:
            view.add_column(
                column.header,
                justify="right" if column.role == "number" else "left",
                no_wrap=column.role in ("id", "number", "label"),
                overflow="fold",
                width=widths[column.header],
                style=self.styles.get(column.header),
            )
        for index in range(len(self.rows)):
            view.add_row(*(Text(cells[c.header][index]) for c in chosen))
        return view

    def _stacked(self, cells: dict[str, list[str]]) -> Iterator[Any]:
        """Each row as ``header: value`` lines, rows apart by one blank line."""
        width = max(cell_len(c.header) for c in self.columns)
        for index in range(len(self.rows)):
            block = Table.grid(padding=(0, 1))
            block.add_column(no_wrap=True, style="bold")
            block.add_column(overflow="fold")
            for column in self.columns:
                value = cells[column.header][index]
                block.add_row(
                    f"{column.header}:".ljust(width + 1),
                    Text(value, style=self.styles.get(column.header, "")),
                )
            if index:
                yield Text()
            yield block


def renderable(value: object) -> RenderableType:
    """What a value of `corpus` looks like in a terminal."""
    for kind, render in _RENDERERS:
        if isinstance(value, kind):
            found: RenderableType = render(value)
            return found
    return Pretty(value)


# ------------------------------------------------------------------ passages and documents


def passage_text(passage: Passage, spans: tuple[tuple[int, int], ...] = ()) -> Text:
    """The passage as printed, with quotations, citations, mentions and matches styled."""
    text = Text(passage.text)
    for quote in passage.quotes:
        if quote.span is not None:
            text.stylize(QUOTE_STYLE, *quote.span)
        else:
            text.stylize(QUOTE_STYLE)
    for citation in passage.citations:
        text.stylize(CITATION_STYLE, *citation.span)
    for mention in passage.mentions:
        text.stylize(KIND_STYLES.get(mention.actor_kind or "", "bold"), *mention.span)
    for figure in passage.figures:
        text.stylize(FIGURE_STYLE, *figure.span)
    for start, end in spans:
        text.stylize(MATCH_STYLE, start, end)
    return text


def _source_line(passage: Passage, document: Document | None) -> Text:
    return Text(source_line(passage, document), style="dim")


class _Marked:
    """A passage's text with its matches styled, or, where styles cannot show, in brackets."""

    def __init__(self, passage: Passage, spans: tuple[tuple[int, int], ...]) -> None:
        self.passage, self.spans = passage, spans

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        if not (self.spans and plain(console)):
            yield passage_text(self.passage, self.spans)
            return
        marked = Text()
        for piece, match in marked_pieces(self.passage.text, self.spans):
            marked.append(f"[{piece}]" if match else piece, style=MATCH_STYLE if match else "")
        yield marked


def passage_view(
    passage: Passage, document: Document | None = None, spans: tuple[tuple[int, int], ...] = ()
) -> RenderableType:
    """A passage wrapped to the terminal width, with its id and source line underneath; matches
    are styled, or bracketed where styles cannot show (a pipe)."""
    parts: list[RenderableType] = [_Marked(passage, spans), _source_line(passage, document)]
    if passage.translation:
        parts.insert(1, Text(f"translation: {passage.translation}", style="dim italic"))
    return Group(*parts)


def _header(document: Document) -> Panel:
    source = document.source
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    rows = [
        ("title", document.title),
        ("author", ", ".join(source.authors) or "unknown (not stated)"),
        ("publisher", source.publisher or "unknown (not stated)"),
        ("date", str(source.date)),
        *(("e-mail", email) for email in source.emails),
        *((resp, name) for resp, name in source.credits),
        ("stance", _classified(document.stance)),
        ("genre", _classified(document.genre)),
        ("language", document.language),
        ("data version", document.data_version or "unknown"),
    ]
    if document.keywords:
        rows.append(("keywords", "; ".join(document.keywords)))
    if document.classes:
        rows.append(("classes", "; ".join(c.label for c in document.classes)))
    for name, value in rows:
        table.add_row(name, Text(value))  # Text: brackets in metadata are not rich markup
    return Panel(table, title=Text(document.id, style="bold"), box=box.ROUNDED)


def _classified(value: Classification | None) -> str:
    return "not classified" if value is None else f"{value} ({value.cert} certainty)"


def _document(document: Document) -> RenderableType:
    parts: list[RenderableType] = [_header(document)]
    for passage in document.passages:
        parts += [passage_view(passage), Text()]
    return Group(*parts)


# ------------------------------------------------------------------ search results


def _hits(hits: Hits) -> RenderableType:
    parts: list[RenderableType] = [Text(hits_title(hits), style="bold")]
    parts += [Text(f"note: {note}", style="dim") for note in hits.notes]
    current = None
    for hit in hits:
        if hit.passage.document_id != current:
            current = hit.passage.document_id
            parts.append(Rule(current, style="dim"))
        parts += [_hit(hit), Text()]
    return Group(*parts)


def _hit(hit: Hit) -> RenderableType:
    return passage_view(hit.passage, spans=hit.spans)


class _Kwic:
    """Keyword-in-context lines centred on the match (`corpus._layout.kwic_pieces`); where
    styles cannot show, the match is in brackets."""

    def __init__(self, concordance: Concordance) -> None:
        self.concordance = concordance

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        yield Text(kwic_title(self.concordance), style="bold")
        styles = {"match": MATCH_STYLE, "id": "dim", "": ""}
        for pieces in kwic_pieces(self.concordance, options.max_width, brackets=plain(console)):
            yield Text.assemble(*((text, styles[role]) for text, role in pieces))


def _concordance(concordance: Concordance) -> RenderableType:
    return _Kwic(concordance)


# ------------------------------------------------------------------ actors, works, quotations


def actor_view(actor: Actor, corpus: Corpus | None = None) -> RenderableType:
    """An actor: names, and with a corpus its spellings by document and mention counts."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    table.add_row("id", actor.id)
    table.add_row("kind", Text(actor.kind, style=KIND_STYLES.get(actor.kind, "")))
    table.add_row("spellings", "; ".join(actor.names))
    if actor.description:
        table.add_row("described", actor.description)
    if actor.relations:
        table.add_row("relations", Group(*(relation_line(r) for r in actor.relations)))
    if actor.identification is not None:
        note = actor.identification
        table.add_row(
            "identified",
            Text(
                f"editorial note, not a claim of any text ({note.resp}, {note.cert} certainty): "
                f"{note.basis}",
                style="italic",
            ),
        )
    parts: list[RenderableType] = [table]
    if corpus is not None:
        spellings = _results(corpus.spellings(actor), title=None)
        mentions = Counter(corpus.passage(m.passage_id).document_id for m in corpus.mentions(actor))
        total = ", ".join(f"{doc} {n}" for doc, n in mentions.items())
        parts += [spellings, Text(f"mentions: {sum(mentions.values())} ({total})", style="dim")]
    return Panel(Group(*parts), title=f"[bold]{actor.name}[/]", box=box.ROUNDED)


def reference_line(reference: Reference) -> Text:
    """A reference formatted from the fields the texts state: authors. title. place: publisher."""
    styles = {"title": "italic", "kind": "dim", "": ""}
    return Text.assemble(*((text, styles[role]) for text, role in reference_pieces(reference)))


def reference_view(reference: Reference, corpus: Corpus | None = None) -> RenderableType:
    """A work: its formatted reference, what is known, and with a corpus the passages citing it."""
    parts: list[RenderableType] = [reference_line(reference)]
    if reference.description:
        parts.append(Text(reference.description, style="dim"))
    if corpus is not None:
        parts.append(_results(corpus.citations(reference), title=None))
    return Panel(Group(*parts), title=f"[bold]{reference.id}[/]", box=box.ROUNDED)


def _quote(quote: Quote) -> RenderableType:
    who = quote.speaker or "speaker not named"
    source = quote.source or "source not named"
    return Group(
        Text(quote.text, style=QUOTE_STYLE),
        Text(f"{quote.id} · {who} · from {source}", style="dim"),
    )


def _comparison(comparison: Comparison) -> RenderableType:
    table = Table(box=box.SIMPLE, header_style="bold")
    table.add_column("change")
    table.add_column(f"{comparison.left.id} ({comparison.left.document_id})")
    table.add_column(f"{comparison.right.id} ({comparison.right.document_id})")
    for change in comparison.differences:
        style = CHANGE_STYLES[change.op]
        table.add_row(Text(change.op, style=style), change.left, change.right)
    if not comparison.differences:
        return Text(f"{comparison.left.id} and {comparison.right.id}: the same words")
    return table


class _Renditions:
    """The renditions of a quotation side by side, each headed by its quotation and passage
    ids and its source; one below another where the width cannot hold them side by side."""

    def __init__(self, group: QuoteGroup) -> None:
        self.group = group

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        renditions = self.group.renditions
        heads = [f"{q.id} ({q.passage_id})" for q in renditions]
        sources = [q.source or "source not named" for q in renditions]
        texts = [Text(" ".join(q.text.split()), style=QUOTE_STYLE) for q in renditions]
        least = max((cell_len(h) for h in (*heads, *sources)), default=0) + 3
        if least * len(renditions) <= options.max_width:
            side = Table(box=box.SIMPLE, header_style="bold", expand=True)
            for head, source in zip(heads, sources, strict=True):
                side.add_column(f"{head}\n{source}", ratio=1, min_width=least - 3)
            side.add_row(*texts)
            yield side
            return
        for index, (head, source, text) in enumerate(zip(heads, sources, texts, strict=True)):
            if index:
                yield Text()
            yield Text(f"{head} · from {source}", style="bold")
            yield text


def _quote_group(group: QuoteGroup) -> RenderableType:
    parts: list[RenderableType] = [Text(group.description), _Renditions(group)]
    first = group.renditions[0] if group.renditions else None
    for other in group.renditions[1:]:
        assert first is not None
        parts.append(_comparison(compare_renditions(group.id, first, other)))
    return Panel(Group(*parts), title=f"[bold]{group.id}[/]", box=box.ROUNDED)


# ------------------------------------------------------------------ figures and attributions


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,}"


def _figure_table(table: FigureTable) -> RenderableType:
    """Figures side by side: text, claimant, the figure as printed, number, passages."""
    several = len({row.measure for row in table}) > 1
    scopes = len({row.scope for row in table}) > 1
    columns = [
        *[Column("measure", lambda r: r.measure.partition(".")[2], "label", keep=3)] * several,
        *[Column("scope", lambda r: (r.scope or "—").partition(".")[2] or "—", "label", keep=1)]
        * scopes,
        Column("document", lambda r: r.document_id, "id"),
        Column("claimant", lambda r: r.claimed_by, "ids", keep=5),
        Column("as printed", lambda r: r.text, "text", keep=4),
        Column("number", lambda r: r.short, "number"),
        Column("passages", lambda r: ", ".join(r.passages), "ids", keep=2),
    ]
    title = "figures" if several else ", ".join(m.partition(".")[2] for m in table.measures)
    shown = {row.scope for row in table}
    only = next(iter(shown)) if len(shown) == 1 else None
    if only is not None:
        title += f" ({only.partition('.')[2]})"
    note = (
        "each figure is a claim of its text, on the authority of the claimant shown; "
        "≥ and ≤ are bounds the text prints, not values"
    )
    return Fitted(title, columns, table.rows, styles={"as printed": FIGURE_STYLE}, note=note)


def _figure(figure: Figure) -> RenderableType:
    """A figure as printed, with its measure, claimant, value and bounds."""
    facts = [
        figure.measure,
        figure.scope or "no scope",
        f"according to {figure.claimed_by}",
        f"value {_number(figure.value)}" if figure.value is not None else "",
        f"at least {_number(figure.low)}" if figure.low is not None else "",
        f"at most {_number(figure.high)}" if figure.high is not None else "",
        "vague" if figure.vague else "",
        f"qualifier {figure.qualifier!r}" if figure.qualifier else "",
        f"{figure.cert} certainty" if figure.cert else "",
    ]
    return Group(
        Text(figure.text, style=FIGURE_STYLE),
        Text(" · ".join([figure.id, *(f for f in facts if f), figure.passage_id]), style="dim"),
    )


def figure_view(figure: Figure, corpus: Corpus) -> RenderableType:
    """A figure with the passage it stands in, the figure highlighted there."""
    passage = corpus.passage(figure.passage_id)
    return Group(
        _figure(figure),
        passage_view(passage, corpus.document(passage.document_id), spans=(figure.span,)),
    )


def attribution_table(attributions: Sequence[Attribution]) -> RenderableType:
    """Attributions as a table: id, agent, act, claimant and the words as printed."""
    from corpus.results import Attributions

    return _results(Attributions(attributions))


def _results(results: Results[Any], title: str | None = "") -> RenderableType:
    """Any collection the API returns, as a table that fits the width."""
    return Fitted(results.title() if title == "" else title, type(results).columns, results)


def _attribution(attribution: Attribution) -> RenderableType:
    parts = [Text(attribution.text, style=QUOTE_STYLE), Text(str(attribution), style="dim")]
    if attribution.implied is not None:
        note = f"the passage does not name the agent; implied by {attribution.implied!r}"
        parts.append(Text(note, style="dim italic"))
    return Group(*parts)


def relation_line(relation: Relation) -> Text:
    """A relation in one line: a text's claim with its claimant and passages, or an editorial
    note marked as such, with who made it, how sure and why."""
    line = Text(f"{relation.actor_id} {relation.type} {relation.other_id}")
    if relation.editorial:
        line.append(f" — editorial note, not a claim of any text ({relation.resp}, ", "italic")
        line.append(f"{relation.cert} certainty): {relation.basis}", "italic")
    else:
        line.append(f" — according to {relation.claimed_by}", style="dim")
    if relation.passages:
        line.append(f" ({', '.join(relation.passages)})", style="dim")
    return line


def _corpus(corpus: Corpus) -> RenderableType:
    columns = (
        Column("document", lambda d: d.id, "id"),
        Column("title", lambda d: d.title, "text", keep=5),
        Column("date", lambda d: str(d.source.date), "text", keep=2),
        Column("stance", lambda d: str(d.stance or "—"), "label", keep=4),
        Column("genre", lambda d: str(d.genre or "—"), "label", keep=3),
        Column("passages", lambda d: str(len(d.passages)), "number", keep=1),
    )
    note = f"data version {corpus.version}"
    return Fitted(corpus.title, columns, corpus.documents, note=note)


_RENDERERS: tuple[tuple[type, Any], ...] = (
    (Document, _document),
    (Passage, passage_view),
    (Hits, _hits),
    (Hit, _hit),
    (Concordance, _concordance),
    (Actor, actor_view),
    (Relation, relation_line),
    (Reference, reference_view),
    (QuoteGroup, _quote_group),
    (Quote, _quote),
    (Comparison, _comparison),
    (FigureTable, _figure_table),
    (Figure, _figure),
    (Attribution, _attribution),
    (Corpus, _corpus),
    (
        Listing,
        lambda listing: Fitted(
            listing.title, listing.columns, listing.rows, styles=listing.styles, note=listing.note
        ),
    ),
    (Results, _results),
)
