"""Rich renderables for every public value. Imported only when something is rendered.

`renderable(value)` gives what a value looks like in a terminal; the views that need the
whole corpus (an actor's spellings by document, the passages citing a work) take it as an
argument: `actor_view`, `reference_view`, `passage_view`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.pretty import Pretty
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from corpus._corpus import Corpus
from corpus.claims import Attribution, Figure, FigureRow, FigureTable
from corpus.hits import Concordance, Hit, Hits
from corpus.model import Actor, Classification, Document, Passage, Relation
from corpus.works import Comparison, Quote, QuoteGroup, Reference, compare_renditions

__all__ = [
    "KIND_STYLES",
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
    parts = [passage.id, passage.kind]
    if passage.boilerplate:
        parts.append("boilerplate")
    if document is not None:
        parts.append(document.title)
        if document.genre is not None:
            parts.append(str(document.genre))
        if document.stance is not None:
            parts.append(f"stance: {document.stance}")
    if not passage.stable:
        parts.append("computed id")
    voice = " → ".join(v.id for v in passage.voice)
    if voice not in ("voice.author", ""):
        parts.append(f"voice: {voice}")
    return Text(" · ".join(parts), style="dim")


def passage_view(
    passage: Passage, document: Document | None = None, spans: tuple[tuple[int, int], ...] = ()
) -> RenderableType:
    """A passage wrapped to the terminal width, with its id and source line underneath."""
    parts: list[RenderableType] = [passage_text(passage, spans), _source_line(passage, document)]
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
    parts: list[RenderableType] = [Text(f"{len(hits)} passage(s) for {hits.query!r}", style="bold")]
    current = None
    for hit in hits:
        if hit.passage.document_id != current:
            current = hit.passage.document_id
            parts.append(Rule(current, style="dim"))
        parts += [_hit(hit), Text()]
    return Group(*parts)


def _hit(hit: Hit) -> RenderableType:
    return passage_view(hit.passage, spans=hit.spans)


def _concordance(concordance: Concordance) -> RenderableType:
    table = Table(box=box.SIMPLE, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("left", justify="right", no_wrap=True, overflow="crop")
    table.add_column("match", style=MATCH_STYLE, no_wrap=True)
    table.add_column("right", no_wrap=True, overflow="crop")
    table.add_column("passage", style="dim", no_wrap=True)
    for line in concordance:
        table.add_row(line.left, line.match, line.right, line.passage_id)
    return Group(Text(f"{len(concordance)} line(s) for {concordance.query!r}", style="bold"), table)


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
        spellings = Table(box=box.SIMPLE, header_style="bold")
        spellings.add_column("document")
        spellings.add_column("spelling as printed")
        spellings.add_column("times", justify="right")
        for row in corpus.spellings(actor):
            spellings.add_row(row.document_id, row.text, str(row.count))
        mentions = Counter(corpus.passage(m.passage_id).document_id for m in corpus.mentions(actor))
        total = ", ".join(f"{doc} {n}" for doc, n in mentions.items())
        parts += [spellings, Text(f"mentions: {sum(mentions.values())} ({total})", style="dim")]
    return Panel(Group(*parts), title=f"[bold]{actor.name}[/]", box=box.ROUNDED)


def reference_line(reference: Reference) -> Text:
    """A reference formatted from the fields the texts state: authors. title. place: publisher."""
    text = Text()
    if reference.authors:
        text.append(", ".join(reference.authors) + ". ")
    if reference.title:
        text.append(reference.title, style="italic")
        text.append(". ")
    if reference.periodical:
        text.append(reference.periodical + ". ")
    imprint = ": ".join(p for p in (reference.place, reference.publisher) if p)
    if imprint:
        text.append(imprint + ". ")
    if reference.date_text:
        text.append(reference.date_text + ". ")
    for kind, value in reference.identifiers:
        text.append(f"{kind} {value}. ")
    if not text.plain:
        text.append(str(reference))
    text.append(f"[{reference.kind}]", style="dim")
    return text


def reference_view(reference: Reference, corpus: Corpus | None = None) -> RenderableType:
    """A work: its formatted reference, what is known, and with a corpus the passages citing it."""
    parts: list[RenderableType] = [reference_line(reference)]
    if reference.description:
        parts.append(Text(reference.description, style="dim"))
    if corpus is not None:
        table = Table(box=box.SIMPLE, header_style="bold")
        table.add_column("passage", no_wrap=True)
        table.add_column("kind")
        table.add_column("printed form")
        for citation in corpus.citations(reference):
            table.add_row(citation.passage_id, citation.kind, citation.text)
        parts.append(table)
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


def _quote_group(group: QuoteGroup) -> RenderableType:
    side = Table(box=box.SIMPLE, header_style="bold", expand=True)
    for quote in group.renditions:
        side.add_column(f"{quote.document_id}\n{quote.source or 'source not named'}", ratio=1)
    side.add_row(*(Text(" ".join(q.text.split()), style=QUOTE_STYLE) for q in group.renditions))
    parts: list[RenderableType] = [Text(group.description), side]
    first = group.renditions[0] if group.renditions else None
    for other in group.renditions[1:]:
        assert first is not None
        parts.append(_comparison(compare_renditions(group.id, first, other)))
    return Panel(Group(*parts), title=f"[bold]{group.id}[/]", box=box.ROUNDED)


# ------------------------------------------------------------------ figures and attributions


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,}"


def _value(row: FigureRow | Figure) -> str:
    """The number in short form: ``613``, ``≥ 161``, ``≤ 100``, ``500–1,000`` or ``vague``."""
    if row.low is not None and row.high is not None and row.value is None:
        return f"{_number(row.low)}–{_number(row.high)}"
    if row.low is not None:
        return f"≥ {_number(row.low)}"
    if row.high is not None:
        return f"≤ {_number(row.high)}"
    return _number(row.value) if row.value is not None else "vague"


def _figure_table(table: FigureTable) -> RenderableType:
    """Figures side by side: text, claimant, the figure as printed, number, passages."""
    view = Table(box=box.SIMPLE, header_style="bold")
    several = len({row.measure for row in table}) > 1
    scopes = len({row.scope for row in table}) > 1
    names = ("measure",) * several + ("scope",) * scopes
    names += ("document", "claimant", "as printed", "number", "passages")
    for name in names:
        view.add_column(
            name,
            justify="right" if name == "number" else "left",
            no_wrap=name in ("measure", "scope", "document", "claimant", "number"),
            min_width=14 if name == "as printed" else None,
            overflow="fold",
        )
    for row in table:
        cells: list[RenderableType] = [row.measure.partition(".")[2]] * several
        cells += [(row.scope or "—").partition(".")[2] or "—"] * scopes
        cells += [
            row.document_id,
            row.claimed_by,
            Text(row.text, style=FIGURE_STYLE),
            _value(row),
            ", ".join(row.passages),
        ]
        view.add_row(*cells)
    title = "figures" if several else ", ".join(m.partition(".")[2] for m in table.measures)
    shown = {row.scope for row in table}
    only = next(iter(shown)) if len(shown) == 1 else None
    if only is not None:
        title += f" ({only.partition('.')[2]})"
    note = (
        "each figure is a claim of its text, on the authority of the claimant shown; "
        "≥ and ≤ are bounds the text prints, not values"
    )
    return Group(Text(title, style="bold"), view, Text(note, style="dim"))


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


def attribution_table(attributions: tuple[Attribution, ...]) -> RenderableType:
    """Attributions as a table: agent, act, claimant, passage and the words as printed."""
    view = Table(box=box.SIMPLE, header_style="bold")
    for name in ("agent", "act", "claimant", "passage", "as printed"):
        view.add_column(name, no_wrap=name != "as printed")
    for found in attributions:
        act = found.act.partition(".")[2]
        agent = found.agent if found.implied is None else f"{found.agent} (implied)"
        view.add_row(agent, act, found.claimed_by, found.passage_id, found.text)
    return view


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
    table = Table(box=box.SIMPLE, header_style="bold", title=corpus.title)
    for name in ("document", "title", "date", "stance", "genre", "passages"):
        table.add_column(name)
    for document in corpus.documents:
        table.add_row(
            document.id,
            document.title,
            str(document.source.date),
            str(document.stance or "—"),
            str(document.genre or "—"),
            str(len(document.passages)),
        )
    return Group(table, Text(f"data version {corpus.version}", style="dim"))


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
)
