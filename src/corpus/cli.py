"""The ``corpus`` command: the library's queries from a shell, in colour or as JSON.

Exit codes: 0 on success, 1 when a search finds nothing, 2 for a usage error, an invalid
query or anything else the user can fix; errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from corpus.errors import CorpusError, InvalidQuery
from corpus.model import PROPOSAL_KINDS

if TYPE_CHECKING:
    from rich.console import Console

    from corpus._corpus import Corpus

__all__ = ["main"]

FOUND_NOTHING = 1
USAGE = 2
_QUERY_HELP = "the query; one that starts with - is typed as is: corpus search -genocide"
#: Hints in the library's messages that name Python calls, and the command to run instead.
_COMMAND_HINTS = (
    ("see corpus.load().actors() for every actor", "run corpus actors to list every actor"),
    ("see corpus.load().references() for every work", "run corpus refs to list every work"),
    ("see corpus.load().documents for DOC", "run corpus docs to list the documents"),
)


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE, f"corpus: {message} (see corpus --help)\n")


class _Version(argparse.Action):
    """--version: the package version and the version of the bundled data."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import corpus

        sys.stdout.write(f"corpus {corpus.__version__}, data {corpus.load().version}\n")
        parser.exit(0)


def _count(text: str) -> int:
    """A whole number of zero or more, for --limit, --width and --context."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative; give 0 or more")
    return value


class _Unused:
    """A command that is not run: its options are not built (``corpus search`` builds the
    options of ``search`` only)."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass


def _command_in(argv: Sequence[str]) -> str | None:
    """What the arguments give as the command: the first that is neither an option nor the value
    of ``--corpus`` (also abbreviated, as argparse allows); None where there is none."""
    skip = False
    for argument in argv:
        if skip:
            skip = False
        elif len(argument) > 2 and "--corpus".startswith(argument):
            skip = True
        elif argument == "--":
            return None
        elif not argument.startswith("-"):
            return argument
    return None


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command's parser; with ``argv`` that name a command, only that command is built
    (argparse makes a parser for each command it lists: about 0.3 ms each, most of it in
    gettext); without one, or with a name that is no command, every command is listed by name
    and help, for ``--help`` and a mistyped command's message."""
    parser = _Parser(prog="corpus", description="Query the Khojaly texts corpus.")
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="print the package and data versions"
    )
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        action="append",
        help="a corpus directory, a TEI file or a directory of TEI files (default: bundled); "
        "repeat to combine several",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="read the XML; do not read or write the cache"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    run = None if argv is None else _command_in(argv)
    named: list[str] = []

    def command(name: str, help_text: str, *, json_option: bool = True) -> argparse.ArgumentParser:
        named.append(name)
        if run is not None and name != run:
            return _Unused()  # type: ignore[return-value]
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if json_option:
            sub.add_argument("--json", action="store_true", help="print JSON for programs")
        return sub

    def listing(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
        """The filters every listing command has: --doc and --limit."""
        sub.add_argument("--doc", help="only this document (an id such as wiki)")
        sub.add_argument("--limit", type=_count, metavar="N", help="show at most N")
        return sub

    command("docs", "list the documents with their metadata")
    _lookups(command, listing)
    if run is not None and run not in named:  # a mistyped command: its message lists them all
        return _parser(None)
    return parser


def _lookups(
    command: Callable[..., argparse.ArgumentParser],
    listing: Callable[[argparse.ArgumentParser], argparse.ArgumentParser],
) -> None:
    """The commands: lookups, listings, checks and export."""
    show = command("show", "show a document, passage, figure or attribution by its id")
    show.add_argument(
        "id",
        help="a document (wiki), passage (wiki.12), figure (wiki.f19) or attribution (wiki.a1)",
    )
    search = command("search", 'search passages: words, "phrases", OR, -word, field:value')
    search.add_argument("query", help=_QUERY_HELP)
    search.add_argument("--regex", action="store_true", help="the query is a regular expression")
    listing(search)
    search.add_argument(
        "--context", type=_count, metavar="CHARS", help="show CHARS characters around each match"
    )
    kwic = command("kwic", "keyword in context: every match with its left and right context")
    kwic.add_argument("query", help=_QUERY_HELP)
    kwic.add_argument("--width", type=_count, default=40, help="characters each side (40)")
    kwic.add_argument("--regex", action="store_true", help="the query is a regular expression")
    listing(kwic)
    actors = listing(command("actors", "list the registered actors"))
    actors.add_argument("--kind", help="person, org, place, unit or collective")
    actor = command("actor", "show an actor with its spellings by document")
    actor.add_argument("name", help="an id or any spelling")
    refs = listing(command("refs", "list the cited works"))
    refs.add_argument("--kind", help="book, report, article, interview, …")
    ref = command("ref", "show a cited work with the passages citing it")
    ref.add_argument("id", help="an id, a title or words of a title")
    quotes = listing(command("quotes", "list quotations, or show a quotation group"))
    quotes.add_argument("--speaker", help="an actor id or spelling")
    quotes.add_argument("--group", help="a quotation group id: its renditions side by side")
    figures = listing(
        command("figures", "figures side by side: a row per text, claimant and value")
    )
    figures.add_argument(
        "measure", nargs="?", help="what is counted: killed, killed-children, … (default: all)"
    )
    figures.add_argument("--claimant", help="an actor id or spelling, or a voice category")
    figures.add_argument(
        "--scope",
        default="khojaly",
        help="the events counted: khojaly (default), war, other-event, or all",
    )
    attributions = listing(
        command("attributions", "who is held responsible for what, according to whom")
    )
    attributions.add_argument("--agent", help="an actor id or spelling")
    attributions.add_argument("--act", help="carried-out, assisted, denies, disputed, …")
    attributions.add_argument("--claimant", help="an actor id or spelling, or a voice category")
    validate = command("validate", "check a corpus directory: schema, pointers, conventions")
    validate.add_argument(
        "path", nargs="?", help="a corpus directory or TEI file(s) (default: bundled)"
    )
    validate.add_argument(
        "--schema", metavar="FILE", help="also validate against this RELAX NG schema (tei_all.rng)"
    )
    command("stats", "counts of documents, passages, actors, works and quotations")
    _makers(command)


def _makers(command: Callable[..., argparse.ArgumentParser]) -> None:
    """The commands that cite, compare, draft and export."""
    proposals = command(
        "proposals", "the mentions, figures, quotations and voices a draft proposes"
    )
    proposals.add_argument("file", help="a draft (corpus draft)")
    proposals.add_argument("--actor", help="only this actor's (an id)")
    proposals.add_argument("--kind", choices=PROPOSAL_KINDS, help="only this kind")
    proposals.add_argument(
        "--status",
        choices=("proposed", "rejected", "all"),
        default="proposed",
        help="those not yet reviewed (default), those rejected, or all",
    )
    proposals.add_argument("--limit", type=_count, metavar="N", help="show at most N")
    reviewing = command("review", "accept or reject a draft's proposals (one by one in a terminal)")
    reviewing.add_argument("file", help="a draft (corpus draft)")
    reviewing.add_argument("--accept", nargs="+", default=[], metavar="ID", help="proposal ids")
    reviewing.add_argument("--reject", nargs="+", default=[], metavar="ID", help="proposal ids")
    reviewing.add_argument(
        "--edit",
        nargs=2,
        action="append",
        default=[],
        metavar=("ID", "VALUE"),
        help="accept a proposal with VALUE in place of its suggestion: an actor id (mention, "
        "quotation), measure.… (figure), work:ID (citation), voices (voice), an actor id with "
        "or without its kind (candidate actor), an agent and/or act.… (attribution)",
    )
    reviewing.add_argument(
        "--decisions",
        metavar="FILE",
        help="a file of lines 'accept ID', 'reject ID' or 'edit ID VALUE'",
    )
    reviewing.add_argument("--by", required=True, help="who reviews: recorded with the decisions")
    cite = command("cite", "how to cite the corpus, or one passage: plain text and BibTeX")
    cite.add_argument("passage", nargs="?", help="a passage id, e.g. wiki.4")
    reuse = command("reuse", "runs of words that passages of different texts share")
    reuse.add_argument(
        "source",
        nargs="?",
        help="a document id, or a TEI file (a draft) to compare with the corpus",
    )
    reuse.add_argument(
        "--min-words", type=_count, default=8, metavar="N", help="the shortest run (8)"
    )
    reuse.add_argument("--limit", type=_count, metavar="N", help="show at most N")
    drafting = command("draft", "draft a TEI text of this corpus's layout from a text capture")
    drafting.add_argument("capture", help="a plain UTF-8 text file")
    drafting.add_argument("--id", required=True, help="the new document's id, e.g. ministry-2019")
    drafting.add_argument("--out", required=True, metavar="FILE", help="the TEI file to write")
    for name in ("title", "author", "date", "url", "lang"):
        drafting.add_argument(f"--{name}", help=f"the source's {name}, if known (else: unknown)")
    drafting.add_argument("--force", action="store_true", help="write over an existing --out")
    drafting.add_argument(
        "--no-proposals",
        action="store_true",
        help="do not propose the mentions of registered actors found in the text",
    )
    export = command("export", "write one table per kind of value: Parquet, CSV or JSON Lines")
    export.add_argument("outdir", help="the directory to write the tables into")
    export.add_argument(
        "--format",
        choices=("parquet", "csv", "jsonl"),
        help="(Parquet where pyarrow is installed, CSV otherwise)",
    )
    export.add_argument(
        "--overwrite",
        action="store_true",
        help="write into a directory that is not empty and holds no earlier export",
    )


# ------------------------------------------------------------------ JSON


def _plain(value: Any) -> Any:
    """A value as JSON-ready data, nested, with voice chains as in every record."""
    from corpus.results import nested

    return nested(value)


def _proposal(proposal: Any) -> dict[str, Any]:
    """A proposal as ``corpus proposals --json`` gives it."""
    return {
        "id": proposal.id,
        "kind": proposal.kind,
        "passage": proposal.passage_id,
        "span": list(proposal.span),
        "text": proposal.text,
        "suggestion": proposal.suggestion,
        "cert": proposal.cert,
        "resp": proposal.resp,
        "status": proposal.status,
    }


def _passage(passage: Any) -> dict[str, Any]:
    from corpus.model import chain_label

    data = _plain(passage)
    data["voice"] = chain_label(passage.voice) or None
    return data  # type: ignore[no-any-return]


def _document(document: Any, *, passages: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": document.id,
        "title": document.title,
        "source": _plain(document.source),
        "stance": _plain(document.stance),
        "genre": _plain(document.genre),
        "language": document.language,
        "data_version": document.data_version,
        "event_names": _plain(document.event_names),
        "keywords": list(document.keywords),
        "classes": _plain(document.classes),
    }
    if passages:
        data["passages"] = [_passage(p) for p in document.passages]
    return data


# ------------------------------------------------------------------ commands


class _Run:
    def __init__(self, args: argparse.Namespace, console: Console | _Plain) -> None:
        self.args, self.console = args, console

    def corpus(self) -> Corpus:
        import corpus

        paths = self.args.corpus or [None]
        cache = not self.args.no_cache
        return corpus.load(paths if len(paths) > 1 else paths[0], cache=cache)

    def limited(self, found: Sequence[Any]) -> Sequence[Any]:
        """The first --limit of a listing (all without --limit)."""
        return found[: self.args.limit] if self.args.limit is not None else found

    def title(self, total: int, noun: str) -> str:
        """``"138 actors"``, or ``"138 actors (showing 5)"`` where --limit shows fewer."""
        shown = len(self.limited(range(total)))
        plural = f"{total} {noun}{'' if total == 1 else 's'}"
        return plural if shown == total else f"{plural} (showing {shown}; raise --limit)"

    def more(self, total: int, shown: int) -> None:
        if shown < total and not self.args.json:
            self.console.print(f"… {total - shown} more; raise --limit to see them", style="dim")

    def emit(self, data: Any, renderable: Any = None) -> None:
        if self.args.json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            self.console.print(renderable if renderable is not None else data)

    def docs(self) -> int:
        c = self.corpus()
        self.emit([_document(d, passages=False) for d in c.documents], c)
        return 0

    def show(self) -> int:
        from corpus.errors import NotFound
        from corpus.render import passage_view

        c = self.corpus()
        claim = re.fullmatch(r"[a-z][a-z0-9-]*\.([fa])\d+", self.args.id)
        if claim:
            return self._show_claim(c, claim.group(1))
        try:
            document = c.document(self.args.id)
        except NotFound:
            if "." not in self.args.id and ":" not in self.args.id:
                raise
            passage = c.passage(self.args.id)
            self.emit(_passage(passage), passage_view(passage, c.document(passage.document_id)))
            return 0
        self.emit(_document(document, passages=True), document)
        return 0

    def _show_claim(self, c: Corpus, kind: str) -> int:
        from rich.console import Group

        from corpus.errors import NotFound
        from corpus.render import figure_view, passage_view

        if kind == "f":
            figure = c.figure(self.args.id)
            self.emit(_plain(figure), figure_view(figure, c))
            return 0
        found = [a for a in c.attributions() if a.id == self.args.id]
        if not found:
            raise NotFound(f"no attribution {self.args.id!r}; run corpus attributions for the list")
        passage = c.passage(found[0].passage_id)
        document = c.document(passage.document_id)
        self.emit(_plain(found[0]), Group(found[0], passage_view(passage, document)))
        return 0

    def search(self) -> int:
        c = self.corpus()
        filters = {"doc": self.args.doc} if self.args.doc else {}
        hits = c.search(self.args.query, regex=self.args.regex, **filters)
        for note in hits.notes:
            _fail(f"note: {note}")
        shown = hits[: self.args.limit] if self.args.limit is not None else hits
        if self.args.json:
            self.emit({"query": self.args.query, "total": len(hits), "hits": shown.to_records()})
        elif self.args.context is not None:
            self.console.print(shown.concordance(self.args.context))
            self.more(len(hits), len(shown))
        elif shown or not hits:
            self.console.print(shown)
            self.more(len(hits), len(shown))
        else:  # --limit 0: how many there are, and none shown
            self.console.print(f"{len(hits)} passage(s) for {hits.query!r}; --limit 0 shows none")
        return 0 if hits else FOUND_NOTHING

    def kwic(self) -> int:
        c = self.corpus()
        filters = {"doc": self.args.doc} if self.args.doc else {}
        lines = c.concordance(self.args.query, self.args.width, regex=self.args.regex, **filters)
        shown = lines[: self.args.limit] if self.args.limit is not None else lines
        self.emit(
            {"query": self.args.query, "total": len(lines), "lines": _plain(shown.lines)}, shown
        )
        self.more(len(lines), len(shown))
        return 0 if lines else FOUND_NOTHING

    def actors(self) -> int:
        from corpus._layout import Listing
        from corpus.results import Actors, Column

        c = self.corpus()
        passages = c.document(self.args.doc).passages if self.args.doc else c.passages()
        counts = Counter(m.actor_id for p in passages for m in p.mentions)
        found = [a for a in c.actors(self.args.kind) if not self.args.doc or counts[a.id]]
        shown = self.limited(found)
        columns = (*Actors.columns, Column("mentions", lambda a: str(counts[a.id]), "number"))
        data = [dict(_plain(a), mentions=counts[a.id]) for a in shown]
        self.emit(data, Listing(self.title(len(found), "actor"), columns, shown))
        return 0 if found else FOUND_NOTHING

    def actor(self) -> int:
        from corpus.render import actor_view

        c = self.corpus()
        found = c.actor(self.args.name)
        data = dict(
            _plain(found),
            spellings=_plain(c.spellings(found)),
            mentions=[_plain(m) for m in c.mentions(found)],
        )
        self.emit(data, actor_view(found, c))
        return 0

    def refs(self) -> int:
        from corpus._layout import Listing, reference_pieces
        from corpus.results import Column

        c = self.corpus()
        cited_by = {w.id: [d.id for d in c.cited_by(w)] for w in c.references()}
        found = [
            w
            for w in c.references(self.args.kind)
            if not self.args.doc or c.document(self.args.doc).id in cited_by[w.id]
        ]
        shown = self.limited(found)
        columns = (
            Column("id", lambda w: w.id, "id"),
            Column(
                "reference", lambda w: "".join(t for t, _ in reference_pieces(w)), "text", keep=2
            ),
            Column("cited by", lambda w: ", ".join(cited_by[w.id]), "ids", keep=1),
        )
        data = [dict(_plain(w), cited_by=cited_by[w.id]) for w in shown]
        self.emit(data, Listing(self.title(len(found), "work"), columns, shown))
        return 0 if found else FOUND_NOTHING

    def ref(self) -> int:
        from corpus.render import reference_view

        c = self.corpus()
        work = c.reference(self.args.id)
        data = dict(
            _plain(work),
            cited_by=[d.id for d in c.cited_by(work)],
            citations=_plain(c.citations(work)),
        )
        self.emit(data, reference_view(work, c))
        return 0

    def quotes(self) -> int:
        from rich.console import Group
        from rich.text import Text

        c = self.corpus()
        if self.args.group and not self.args.speaker:
            group = c.quote_group(self.args.group)
            self.emit(_plain(group), group)
            return 0
        found = [
            q
            for q in c.quotes(speaker=self.args.speaker, group=self.args.group)
            if not self.args.doc or q.document_id == c.document(self.args.doc).id
        ]
        shown = self.limited(found)
        title = Text(self.title(len(found), "quotation"), style="bold")
        self.emit(_plain(shown), Group(title, *shown))
        return 0 if found else FOUND_NOTHING

    def figures(self) -> int:
        from corpus.claims import figure_table

        c = self.corpus()
        measure = self.args.measure
        measures = (
            (c.category_id("measure", measure),)
            if measure
            else tuple(category.id for category in c.taxonomy("measure"))
        )
        scope = None if self.args.scope == "all" else self.args.scope
        found = c.figures(measure, claimant=self.args.claimant, document=self.args.doc, scope=scope)
        table = figure_table(found, measures)
        shown = table[: self.args.limit] if self.args.limit is not None else table
        self.emit(shown.to_records(), shown)
        self.more(len(table), len(shown))
        return 0 if table else FOUND_NOTHING

    def attributions(self) -> int:
        c = self.corpus()
        found = c.attributions(
            self.args.agent, act=self.args.act, claimant=self.args.claimant, document=self.args.doc
        )
        shown = found[: self.args.limit] if self.args.limit is not None else found
        self.emit(_plain(shown), shown)
        self.more(len(found), len(shown))
        return 0 if found else FOUND_NOTHING

    def validate(self) -> int:
        import corpus

        problems = corpus.validate(self.args.path, schema=self.args.schema)
        if self.args.json:
            self.emit({"problems": _plain(problems)})
        elif problems:  # one problem a line, never wrapped: grep and editors read it
            sys.stdout.write("".join(f"{problem}\n" for problem in problems))
        else:
            sys.stdout.write("no problems found\n")
        return 1 if problems else 0

    def stats(self) -> int:
        c = self.corpus()
        passages = c.passages()
        data = {
            "data_version": c.version,
            "documents": len(c.documents),
            "passages": len(passages),
            "boilerplate_passages": sum(p.boilerplate for p in passages),
            "actors": dict(Counter(a.kind for a in c.actors())),
            "mentions": sum(len(p.mentions) for p in passages),
            "works": dict(Counter(w.kind for w in c.references())),
            "citations": len(c.citations()),
            "quotations": len(c.quotes()),
            "quotation_groups": len(c.quote_groups()),
            "figures": dict(Counter(f.document_id for f in c.figures())),
            "attributions": dict(Counter(a.document_id for a in c.attributions())),
            "unmapped": [str(u) for u in c.report()],
        }
        from corpus._layout import Listing
        from corpus.results import Column

        rows = []
        for key, value in data.items():
            if isinstance(value, dict):
                shown = ", ".join(f"{k} {v}" for k, v in value.items())
            elif isinstance(value, list):
                shown = "; ".join(value) if value else "nothing: every element was mapped"
            else:
                shown = str(value)
            rows.append((key.replace("_", " "), shown))
        columns = (Column("", lambda r: r[0], "label"), Column("count", lambda r: r[1], "text"))
        self.emit(data, Listing(c.title, columns, rows))
        return 0

    def proposals(self) -> int:
        import corpus

        c = corpus.load(self.args.file, cache=not self.args.no_cache)
        status = None if self.args.status == "all" else self.args.status
        found = c.proposals(self.args.actor, status=status, kind=self.args.kind)
        shown = found[: self.args.limit] if self.args.limit is not None else found
        self.emit([_proposal(p) for p in shown], shown)
        self.more(len(found), len(shown))
        return 0 if found else FOUND_NOTHING

    def review(self) -> int:
        from corpus.reviewing import review

        args = self.args
        accept, reject = list(args.accept), list(args.reject)
        edit = dict(args.edit)
        if args.decisions:
            for number, line in enumerate(Path(args.decisions).read_text("utf-8").splitlines(), 1):
                verb, _, proposal = line.strip().partition(" ")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                proposal_id, _, value = proposal.strip().partition(" ")
                if (
                    verb not in ("accept", "reject", "edit")
                    or not proposal_id
                    or ((verb == "edit") != bool(value.strip()))
                ):
                    raise CorpusError(
                        f"{args.decisions}:{number}: write 'accept ID', 'reject ID' or "
                        f"'edit ID VALUE', not {line!r}"
                    )
                if verb == "edit":
                    edit[proposal_id] = value.strip()
                else:
                    (accept if verb == "accept" else reject).append(proposal_id)
        if accept or reject or edit:
            decided = review(args.file, accept=accept, reject=reject, edit=edit, by=args.by)
            self.emit(decided, f"{len(decided)} decision(s) recorded in {args.file}")
            return 0
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise CorpusError(
                "give --accept/--reject ID… or --decisions FILE, or run in a terminal to "
                "review the proposals one by one"
            )
        return self._review_one_by_one(args.file, args.by)

    def _review_one_by_one(self, file: str, by: str) -> int:
        """Each open proposal in its passage; a, r, e, s or q; each decision written at once."""
        from rich.prompt import Prompt

        import corpus
        from corpus.render import passage_view
        from corpus.reviewing import review

        console = self.console if not isinstance(self.console, _Plain) else _rich_console()
        c = corpus.load(file, cache=False)
        left = c.proposals()
        for number, proposal in enumerate(left, 1):
            console.rule(f"{proposal.id} ({number} of {len(left)})")
            console.print(passage_view(c.passage(proposal.passage_id), spans=(proposal.span,)))
            said = proposal.suggestion
            what = {
                "mention": f"a mention of {proposal.actor_id}",
                "quote": f"a quotation of {said.get('speaker') or 'a speaker not proposed'}",
                "citation": f"a citation of {said.get('work') or 'a work not proposed'}",
                "actor": "a name not in the register, a candidate actor "
                "(e: its actor id, or a new id and its kind)",
                "attribution": f"an attribution: {said.get('agent')} "
                f"{str(said.get('act')).removeprefix('act.')}, according to "
                + " → ".join(said.get("claimant", [])),
                "voice": "reported in the voice of "
                + "; ".join(" → ".join(chain) for chain in said.get("chains", [])),
                "figure": "a figure: "
                + ", ".join(f"{k} {v}" for k, v in said.items() if v is not None),
            }[proposal.kind]
            console.print(
                f"proposed: {proposal.text!r} is {what} ({proposal.cert} certainty)",
                markup=False,
            )
            choice = Prompt.ask(
                "accept, reject, edit, skip or quit", choices=["a", "r", "e", "s", "q"]
            )
            if choice == "q":
                break
            if choice == "a":
                try:
                    review(file, accept=[proposal.id], by=by)
                except CorpusError as error:  # it lacks what its kind needs: said, left open
                    self.console.print(f"not accepted: {error}", markup=False)
            elif choice == "r":
                review(file, reject=[proposal.id], by=by)
            elif choice == "e":
                self._edit_one(file, proposal, by)
        return 0

    def _edit_one(self, file: str, proposal: Any, by: str) -> None:
        """Ask for what to put in place of a proposal's suggestion, and accept it with that; a
        value the proposal cannot take is said, and the proposal stays open."""
        from rich.prompt import Prompt

        from corpus.reviewing import EDITS, review

        element = {"mention": "rs", "actor": "candidate", "quote": "q", "figure": "measure"}
        element |= {"citation": "ref", "attribution": "relation"}
        form = EDITS[element.get(proposal.kind, "seg")][1]
        value = Prompt.ask(f"in place of the suggestion ({form})")
        try:
            review(file, edit={proposal.id: value}, by=by)
        except CorpusError as error:
            self.console.print(f"not accepted: {error}", markup=False)

    def cite(self) -> int:
        from corpus import citing

        c = self.corpus()
        text, entry = citing.plain(c, self.args.passage), citing.bibtex(c, self.args.passage)
        if self.args.json:
            self.emit({"text": text, "bibtex": entry})
        else:  # never wrapped: copied into a bibliography as it is
            sys.stdout.write(f"{text}\n\n{entry}\n")
        return 0

    def reuse(self) -> int:
        import corpus

        c, anchor = self.corpus(), self.args.source
        if anchor is not None and Path(anchor).is_file():
            added = corpus.load(anchor, cache=not self.args.no_cache)
            c = c | added
            anchor = added.documents[0].id if len(added.documents) == 1 else None
            if anchor is None:
                raise CorpusError(f"{self.args.source} holds several texts; compare one at a time")
        found = c.reuse(anchor, min_words=max(self.args.min_words, 2))
        shown = found[: self.args.limit] if self.args.limit is not None else found
        self.emit(shown.to_records(), shown)
        self.more(len(found), len(shown))
        return 0 if found else FOUND_NOTHING

    def draft(self) -> int:
        from corpus.drafting import draft

        args = self.args
        written = draft(
            args.capture,
            args.id,
            out=args.out,
            title=args.title,
            author=args.author,
            date=args.date,
            url=args.url,
            lang=args.lang,
            force=args.force,
            propose=not args.no_proposals,
        )
        import corpus

        passages = len(corpus.load(written).documents[0].passages)
        self.emit(
            {"path": str(written), "id": args.id, "passages": passages},
            f"wrote {written}: {passages} passages ({args.id}.1 … {args.id}.{passages})",
        )
        return 0

    def export(self) -> int:
        from corpus.export import default_format, export

        chosen = self.args.format or default_format()
        if self.args.format is None and not self.args.json:
            why = "pyarrow is installed" if chosen == "parquet" else "pyarrow is not installed"
            _fail(f"note: writing {chosen} ({why}; choose with --format)")
        written = export(self.corpus(), self.args.outdir, chosen, overwrite=self.args.overwrite)
        schema = json.loads((written["documents"].parent / "schema.json").read_text("utf-8"))
        data = [
            {"table": name, "path": str(path), "rows": schema["tables"][name]["rows"]}
            for name, path in written.items()
        ]
        from corpus._layout import Listing
        from corpus.results import Column

        columns = (
            Column("table", lambda r: r["table"], "id"),
            Column("rows", lambda r: str(r["rows"]), "number"),
            Column("file", lambda r: r["path"], "text"),
        )
        self.emit(data, Listing(f"{len(data)} tables written as {chosen}", columns, data))
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``corpus`` command; returns its exit status.

    Output into a pipe that closes early (``corpus actors | head``) ends quietly, with status
    0: what was shown had been found."""
    try:
        return _main(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # nothing more reaches the reader, not even
        os.dup2(devnull, sys.stdout.fileno())  # the interpreter's last flush at exit
        return 0


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(arguments)
    try:
        args = parser.parse_args(_query_last(parser, arguments))
    except SystemExit:
        sys.stdout.flush()  # --help and --version: a closed pipe is found here
        raise
    if args.command is None:
        parser.print_help()
        sys.stdout.flush()
        return USAGE
    console = _Plain() if _piped() else _rich_console()
    if not hasattr(args, "json"):
        args.json = False
    try:
        status = int(getattr(_Run(args, console), args.command)())
        sys.stdout.flush()
        return status
    except InvalidQuery as error:
        shown = error.query if len(error.query) <= 200 else error.query[:200] + "…"
        _fail(f"invalid query, {error.detail} (column {error.position + 1}): {shown!r}")
    except CorpusError as error:
        _fail(" ".join(str(error).split()))
    except KeyboardInterrupt:
        _fail("interrupted")
    return USAGE


def _rich_console() -> Console:
    """rich's console on standard output; a closed pipe ends the command quietly."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError  # main() ends quietly, with the command's status

    return _Console(highlight=False)


def _piped() -> bool:
    """Whether standard output goes into a pipe or a file as rich decides it (``TTY_COMPATIBLE``
    and ``FORCE_COLOR`` say otherwise), in UTF-8 (rich draws other encodings' boxes itself)."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        terminal = compatible == "1"
    elif os.environ.get("FORCE_COLOR") is not None:
        terminal = os.environ["FORCE_COLOR"] != ""
    else:
        try:
            terminal = sys.stdout.isatty()
        except ValueError:
            terminal = False
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return not terminal and encoding == "utf8"


def _pipe_width() -> int:
    """The width rich gives output into a pipe: ``COLUMNS``, else the size of the terminal the
    command runs in (standard input, output or error), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns):
        return int(columns)
    for stream in (0, 1, 2):
        try:
            width = os.get_terminal_size(stream).columns
        except (AttributeError, ValueError, OSError):
            continue
        return width or 80
    return 80


class _Plain:
    """The command's console where output goes into a pipe or a file: what `corpus._layout`
    draws (search results, concordances, tables) is written without importing rich; anything
    else is printed through rich, as in a terminal."""

    def __init__(self) -> None:
        self.width = _pipe_width()
        self._rich: Console | None = None

    def print(self, value: Any, **options: Any) -> None:
        from corpus._layout import Unsupported, plain_lines

        try:
            lines = plain_lines(value, self.width)
        except Unsupported:
            if self._rich is None:
                self._rich = _rich_console()
            self._rich.print(value, **options)
            return
        sys.stdout.write("".join(f"{line}\n" for line in lines))


def _query_last(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """The arguments, with a query that starts with ``-`` (``corpus search -genocide``) moved
    after ``--``, where argparse reads it as the query rather than an unknown option."""
    commands = next(
        (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {}
    )
    command = next((i for i, a in enumerate(argv) if a in commands), None)
    if command is None or argv[command] not in ("search", "kwic") or "--" in argv:
        return argv
    options = commands[argv[command]]._option_string_actions
    position = command + 1
    while position < len(argv):
        argument = argv[position]
        action = options.get(argument)
        if action is not None:
            position += 2 if action.nargs != 0 else 1  # an option's value is not the query
        elif argument.startswith("-") and len(argument) > 1 and "=" not in argument:
            return [*argv[:position], *argv[position + 1 :], "--", argument]
        else:
            position += 1
    return argv


def _fail(message: str) -> None:
    for python, command in _COMMAND_HINTS:
        message = message.replace(python, command)
    sys.stderr.write(f"corpus: {message}\n")


if __name__ == "__main__":
    sys.exit(main())
