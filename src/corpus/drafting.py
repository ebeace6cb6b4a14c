"""A new text for the corpus, drafted from a plain UTF-8 capture: `draft` (``corpus draft``).

The draft is a TEI text in this corpus's layout that keeps every character of the capture: its
``source_text()`` equals the capture, byte for byte (a carriage return is written as a
character reference, so that XML does not fold it; a byte order mark at the very start is the
encoding's signature, not text, and is the one thing left out). Each paragraph (text between
blank lines) is a passage ``ID.N``; the blank lines, and any space before the first paragraph
or after the last, stand between the passages as they stood in the capture. A copy of the
capture is kept beside the draft in ``sources/``, as the corpus keeps its own, and the header
names it (``idno type="capture"``).

Metadata is only what the caller gives (``title``, ``author``, ``date``, ``url``, ``lang``);
each one not given is recorded as unknown (``note type="unknown"``), never guessed. The draft
has no stance or genre and no reviewed annotations, only proposals (mentions of registered
actors, and figures, CODEBOOK section 12) that a person accepts or rejects: it loads on its own
(``corpus.load(path)``) and validates (``corpus validate path``).
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus import _version
from corpus.errors import CorpusError, CorpusFileError

__all__ = ["PROPOSAL_RULES", "draft"]

#: A document id: a short lowercase name, as the corpus's own.
_ID = re.compile(r"[a-z][a-z0-9-]*")
#: What separates paragraphs: a line break, then at least one blank line (spaces allowed).
_BETWEEN = re.compile(r"(\r?\n(?:[^\S\r\n]*\r?\n)+)")
#: Characters XML 1.0 cannot hold in any form.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DATE = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
_TEI = "http://www.tei-c.org/ns/1.0"


def draft(
    capture: str | os.PathLike[str],
    doc_id: str,
    *,
    out: str | os.PathLike[str],
    title: str | None = None,
    author: str | None = None,
    date: str | None = None,
    url: str | None = None,
    lang: str | None = None,
    force: bool = False,
    propose: bool = True,
) -> Path:
    """Write a draft TEI text of ``capture`` to ``out``, with the capture copied beside it.

    ``doc_id`` is the new document's id (``--id``); one the shipped corpus already uses is
    refused. ``date`` is
    written as given and, where it is a year or an ISO date, as its ``@when``. An existing
    ``out`` is refused unless ``force``. Every refusal is a `CorpusError` and writes nothing.
    With ``propose`` (the default), every spelling of an actor of the shipped register found in
    the text is marked as a proposed mention, and every number the figure rules count
    (`corpus.proposing`) as a proposed figure (`PROPOSAL_RULES`), to be reviewed. Returns the
    path of the draft.
    """
    source, target = Path(capture), Path(out)
    text = _capture_text(source)
    _check_id(doc_id)
    if target.exists() and not force:
        raise CorpusFileError(
            target, None, "exists; choose another --out, or give --force to write over it"
        )
    spellings = _register_spellings() if propose else None
    xml = _tei(
        text,
        doc_id,
        source.name,
        spellings,
        title=title,
        author=author,
        date=date,
        url=url,
        lang=lang,
    )
    kept = target.parent / "sources" / source.name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (kept.exists() and kept.read_bytes() == source.read_bytes()):
            if kept.exists() and not force:
                raise CorpusFileError(
                    kept,
                    None,
                    "exists with other content; rename the capture, or give --force",
                )
            kept.parent.mkdir(exist_ok=True)
            _write_atomically(kept, source.read_bytes())
        _write_atomically(target, xml)
    except OSError as error:
        raise CorpusError(
            f"cannot write {target}: {error.strerror}; choose another --out"
        ) from None
    return target


def _capture_text(source: Path) -> str:
    from corpus._files import max_file_bytes

    try:
        size = source.stat().st_size
        if not source.is_file():
            raise CorpusFileError(source, None, "is not a regular file; give a text capture")
        if size > max_file_bytes():
            raise CorpusFileError(
                source,
                None,
                f"is {size} bytes, over the cap of {max_file_bytes()} "
                "(CORPUS_MAX_FILE_BYTES); split the capture",
            )
        data = source.read_bytes()
    except OSError as error:
        raise CorpusFileError(source, None, f"cannot be read: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorpusFileError(
            source, line, f"is not UTF-8 text (byte {error.start}); convert it to UTF-8 first"
        ) from None
    if not text.strip():
        raise CorpusFileError(source, None, "is empty; a draft needs text")
    bad = _NOT_XML.search(text)
    if bad is not None:
        line = text[: bad.start()].count("\n") + 1
        raise CorpusFileError(
            source,
            line,
            f"holds U+{ord(bad.group()):04X}, a character XML cannot keep; remove it from a "
            "copy of the capture and note that you did",
        )
    return text.removeprefix("\ufeff")  # a byte order mark is the encoding's, not the text's


def _check_id(doc_id: str) -> None:
    if not _ID.fullmatch(doc_id):
        raise CorpusError(
            f"the id {doc_id!r} is not a short lowercase id such as 'ministry-2019'; use "
            "letters, digits and hyphens, starting with a letter"
        )
    from corpus._load import load

    used = {d.id for d in load().documents}
    if doc_id in used:
        raise CorpusError(
            f"the id {doc_id!r} is used by a text of the corpus ({', '.join(sorted(used))}); "
            "choose another"
        )


_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _element(parent: Any, name: str, text: str | None = None, **attributes: str) -> Any:
    from lxml import etree

    made = etree.SubElement(parent, f"{{{_TEI}}}{name}", attributes)
    if text is not None:
        made.text = text
    return made


def _tei(
    text: str,
    doc_id: str,
    capture: str,
    spellings: dict[tuple[str, ...], set[str]] | None,
    *,
    title: str | None,
    author: str | None,
    date: str | None,
    url: str | None,
    lang: str | None,
) -> bytes:
    """The draft as TEI, built with lxml so that every character is escaped as XML needs."""
    from lxml import etree

    root = etree.Element(f"{{{_TEI}}}TEI", nsmap={None: _TEI})
    root.set(_XML_ID, doc_id)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", lang or "und")
    header = _element(root, "teiHeader")
    given = {"title": title, "author": author, "date": date, "url": url, "language": lang}
    _file_description(_element(header, "fileDesc"), doc_id, capture, given)
    language = _element(_element(header, "profileDesc"), "langUsage")
    _element(language, "language", lang or "not given", ident=lang or "und")
    relations = _body(_element(_element(root, "text"), "body"), text, doc_id, spellings)
    if relations:
        _attributions(root, relations)
    etree.indent(header, space="  ", level=1)  # the header only: the text keeps its layout
    written: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return written + b"\n"


def _file_description(
    file_desc: Any, doc_id: str, capture: str, given: dict[str, str | None]
) -> None:
    """The header's fileDesc: what was given, and a note of each thing that was not."""
    statement = _element(file_desc, "titleStmt")
    _element(statement, "title", given["title"] or f"Draft {doc_id} (title not given)")
    responsible = _element(statement, "respStmt", **{_XML_ID: PROPOSAL_RULES})
    _element(
        responsible,
        "resp",
        "TEI draft from a plain-text capture, and the mentions it proposes for review, by the "
        f"rules of corpus {_version.__version__}",
    )
    _element(responsible, "name", "corpus draft")
    _element(_element(file_desc, "publicationStmt"), "p", "A draft, not part of a released corpus.")
    missing = [field for field, value in given.items() if not value]
    notes = _element(file_desc, "notesStmt") if missing else None
    for field in missing:
        said = f"Not given when the draft was made: {field} unknown."
        _element(notes, "note", said, type="unknown", subtype=field)
    bibl = _element(_element(file_desc, "sourceDesc"), "bibl")
    _element(bibl, "title", given["title"] or "")
    if given["author"]:
        _element(_element(bibl, "author"), "persName", given["author"])
    date = given["date"]
    if date:
        dated = _element(bibl, "date", date)
        if _DATE.fullmatch(date.strip()):
            dated.set("when", date.strip())
    if given["url"]:
        _element(bibl, "idno", given["url"], type="URL")
    lang = given["language"]
    _element(bibl, "textLang", lang or "not given", mainLang=lang or "und")
    _element(bibl, "idno", capture, type="capture")


def _body(
    body: Any, text: str, doc_id: str, spellings: dict[tuple[str, ...], set[str]] | None
) -> list[tuple[str, str, Any, tuple[str, ...]]]:
    """The paragraphs as passages ``ID.N``, with what separates them (blank lines) between;
    returns the attributions proposed in them, each with its passage id and claimant chain."""
    from corpus.proposing import interview_roles, interview_turn, turn_roles

    parts = _BETWEEN.split(text)  # paragraph, separator, paragraph, …
    start = ""
    while len(parts) > 2 and not parts[0].strip():  # blank lines before the first paragraph
        start += parts.pop(0) + parts.pop(0)
    end = ""
    while len(parts) > 2 and not parts[-1].strip():  # and after the last
        end = parts.pop(-2) + parts.pop() + end
    leading = len(parts[0]) - len(parts[0].lstrip())
    body.text = (start + parts[0][:leading]) or None
    parts[0] = parts[0][leading:]
    trailing = len(parts[-1]) - len(parts[-1].rstrip())
    end = (parts[-1][len(parts[-1]) - trailing :] if trailing else "") + end
    parts[-1] = parts[-1][: len(parts[-1]) - trailing]
    last = None
    counters = {kind: itertools.count(1) for kind in "mnfqcv"}  # DOC.mN, .nN, .fN, .qN, .cN, .vN
    carried: tuple[str, ...] = ()
    relations: list[tuple[str, Any, tuple[str, ...]]] = []
    paragraphs = parts[::2]
    turns = turn_roles([interview_turn(paragraph) for paragraph in paragraphs])
    roles: tuple[str, str | None] | None = None  # of the last interview a paragraph names
    for number, paragraph in enumerate(paragraphs, start=1):
        last = _element(body, "p", None, **{_XML_ID: f"{doc_id}.{number}"})
        if spellings is None:
            last.text = paragraph
        else:
            turn, cert = _turn(turns[number - 1], roles)
            carried, named = _proposed(
                last,
                paragraph,
                spellings,
                lambda kind: f"{doc_id}.{kind}{next(counters[kind])}",
                turn or carried,
                carried_cert=cert if turn else "low",
                relations=relations,
            )
            roles = interview_roles(paragraph, tuple(named), _speakers()) or roles
        separator = 2 * number - 1
        last.tail = parts[separator] if separator < len(parts) else None
    if last is not None and end:
        last.tail = (last.tail or "") + end
    return [(f"{doc_id}.a{n}", *r) for n, r in enumerate(relations, start=1)]


def _turn(
    role: tuple[str, str] | None, roles: tuple[str, str | None] | None
) -> tuple[tuple[str, ...], str]:
    """The voice an interview's turn gives a paragraph (`corpus.proposing.turn_roles`), as the
    actor of the last interview named before it (``roles``: who gives it and who takes it), and
    its certainty; none where no interview is named or it does not name that role."""
    if role is None or roles is None:
        return (), ""
    actor = roles[0] if role[0] == "giver" else roles[1]
    return ((actor,), role[1]) if actor else ((), "")


#: The id of the rules that propose mentions and figures in a draft: each proposal's ``@resp``.
PROPOSAL_RULES = "corpus-draft-rules"


def _register_spellings() -> dict[tuple[str, ...], set[str]]:
    """Every name and spelling of the shipped register, as folded words, with its actors."""
    from corpus._load import load
    from corpus.text import tokens

    found: dict[tuple[str, ...], set[str]] = {}
    for actor in load().actors():
        for name in (actor.name, *actor.names):
            key = tuple(w for w, _, _ in tokens(name))
            if key:
                found.setdefault(key, set()).add(actor.id)
    return found


def _proposed(
    p: Any,
    paragraph: str,
    spellings: dict[tuple[str, ...], set[str]],
    next_id: Callable[[str], str],
    carried: tuple[str, ...] = (),
    *,
    carried_cert: str = "low",
    relations: list[tuple[str, Any, tuple[str, ...]]] | None = None,
) -> tuple[tuple[str, ...], list[tuple[int, int, str]]]:
    """The paragraph's text in ``p``, each spelling of one actor of the register in it marked
    as a proposed mention (``DOC.mN``), each number the figure rules propose as a proposed
    figure (``DOC.fN``) and each quotation the quotation rules propose as a proposed quotation
    (``DOC.qN``, `corpus.proposing`): longest spelling first; a spelling that names more than
    one actor is left alone, a number inside a proposed mention is not proposed, and a
    quotation holds whole mentions and figures or is not proposed. Certainty of a mention: high
    for a spelling of several words, medium for one word; of a figure or a quotation, as their
    rules say. ``carried`` are voices the whole paragraph is proposed in (the frame of the
    paragraph before, or an interview's turn) with ``carried_cert``. Returns the voices that
    carry to the next paragraph, and the actors named, ``(start, end, actor)``."""
    from corpus.proposing import (
        actor_guesses,
        citation_guesses,
        figure_guesses,
        quote_guesses,
        voice_guesses,
    )
    from corpus.text import tokens

    words = tokens(paragraph)
    longest = max((len(k) for k in spellings), default=0)
    found: list[tuple[int, int, Callable[[Any], Any]]] = []
    named: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            actors = spellings.get(tuple(w for w, _, _ in words[i : i + size]))
            if actors is not None and len(actors) == 1:
                start, end = words[i][1], words[i + size - 1][2]
                actor = next(iter(actors))
                found.append((start, end, _mention(paragraph[start:end], actor, size, next_id)))
                named.append((start, end, actor))
                i += size
                break
        else:
            i += 1
    for guess in figure_guesses(paragraph):
        start, end = guess.span
        if not any(start < b and a < end for a, b, _ in named):
            found.append((start, end, _figure(paragraph, guess, next_id)))
    speakers = _speakers()
    for quote in quote_guesses(paragraph, tuple(n for n in named if n[2] in speakers)):
        start, end = quote.span
        if all(b <= start or end <= a or (start <= a and b <= end) for a, b, _ in found):
            found.append((start, end, _quotation(quote, next_id)))
    citations = [
        c
        for c in citation_guesses(paragraph, tuple(n for n in named if n[2] in speakers), _works())
        if all(_nested(*c.span, a, b) for a, b, _ in found)
    ]
    found += [(*c.span, _citation(c, next_id)) for c in citations]
    cited = [c.span for c in citations]
    found += [
        (*n.span, _candidate(n, next_id))
        for n in actor_guesses(paragraph, tuple(named))
        if all(_nested(*n.span, a, b) for a, b, _ in found)
        and not any(a <= n.span[0] and n.span[1] <= b for a, b in cited)  # a title, not a name
    ]
    if carried:  # the passage before ends with a frame and a colon, or an interview's turn
        found.append((0, len(paragraph), _voice(carried, carried_cert, next_id)))
    heard = voice_guesses(paragraph, tuple(named))
    for voice in heard:
        start, end = _around(voice.span, found)
        if carried and (start, end) == (0, len(paragraph)) and voice.voices == carried:
            continue  # the same voices as those carried: one level
        found.append((start, end, _voice(voice.voices, voice.cert, next_id)))
    _fill(p, paragraph, 0, len(paragraph), found)
    if relations is not None:
        relations += [
            (str(p.get(_XML_ID)), *claim) for claim in _attributed(paragraph, named, heard, carried)
        ]
    return (heard[-1].voices if heard and heard[-1].carries else ()), named


def _attributed(
    paragraph: str, named: list[tuple[int, int, str]], heard: Any, carried: tuple[str, ...]
) -> list[tuple[Any, tuple[str, ...]]]:
    """The attributions the rules propose in a paragraph, each with a claimant chain: one per
    chain where parallel voices report it. The agent of a denial is not its own claimant (its
    words are reported by the voice outside), and a voice that reports the words of an act
    ("X stated that … committed") is not their agent."""
    from corpus.proposing import attribution_guesses

    found: list[tuple[Any, tuple[str, ...]]] = []
    agents = tuple(n for n in named if n[2] in _agents())
    for claim in attribution_guesses(paragraph, agents):
        chains = _claimants(claim.trigger[0], heard, carried)
        if claim.act == "act.denies":
            chains = [kept for c in chains if (kept := tuple(v for v in c if v != claim.agent))]
            chains = chains or [("voice.author",)]
        elif any(c[-1] == claim.agent for c in chains) and _REPORTED.search(
            paragraph, claim.span[0], claim.trigger[0]
        ):
            continue
        found += [(claim, chain) for chain in dict.fromkeys(chains)]
    return found


#: A reporting verb between an agent and the words of an act: the agent reports them.
_REPORTED = re.compile(
    r"\b(?:stated|states|stating|said|says|saying|claimed|claims|noted|wrote|writes|reported|"
    r"told|declared|described|concluded)\b"
)


def _claimants(at: int, heard: Any, carried: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The claimant chains of words at ``at``: the voices carried from the passage before, each
    followed by each voice of the innermost frame proposed around the words; the text's own
    voice where there is neither."""
    around = [v for v in heard if v.span[0] <= at < v.span[1]]
    inner = min(around, key=lambda v: v.span[1] - v.span[0]).voices if around else ()
    if carried and inner and inner != carried:
        return [(c, v) for c in carried for v in inner]
    return [(v,) for v in inner or carried] or [("voice.author",)]


def _attributions(root: Any, relations: list[tuple[str, str, Any, tuple[str, ...]]]) -> None:
    """The proposed attributions as ``relation`` elements of a ``listRelation
    type="attributions"`` in a ``standOff`` after the text, as claims.xml writes them, each
    pointing at its passage (``source="#ID.N"``) with the words that make it in ``desc``."""
    text = root.find(f"{{{_TEI}}}text")
    text.tail = "\n"
    listed = _element(_element(root, "standOff"), "listRelation", type="attributions")
    listed.getparent().tail = "\n"
    for relation_id, passage_id, guess, chain in relations:
        claimant = " ".join(f"#{v}" if v.startswith("voice.") else f"actor:{v}" for v in chain)
        relation = _element(
            listed,
            "relation",
            None,
            active=f"actor:{guess.agent}",
            ana=claimant,
            source=f"#{passage_id}",
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert=guess.cert,
            **{_XML_ID: relation_id},
        )
        relation.set("name", guess.act.removeprefix("act."))  # not a keyword: _element's own
        _element(relation, "desc", guess.text)


def _nested(start: int, end: int, a: int, b: int) -> bool:
    """Whether ``start:end`` and ``a:b`` are apart, or one holds the other."""
    return b <= start or end <= a or (start <= a and b <= end) or (a <= start and end <= b)


def _around(span: tuple[int, int], found: list[tuple[int, int, Any]]) -> tuple[int, int]:
    """``span`` widened to hold whole every proposal it overlaps (a quotation that runs on
    after its sentence is words of the same report), so that proposals nest."""
    start, end = span
    widened = True
    while widened:
        widened = False
        for a, b, _ in found:
            if a < end and start < b and not (a <= start and end <= b) and (a < start or b > end):
                start, end, widened = min(start, a), max(end, b), True
    return start, end


def _fill(
    parent: Any, paragraph: str, low: int, high: int, marked: list[tuple[int, int, Any]]
) -> None:
    """``paragraph[low:high]`` into ``parent``, each marked range made by its maker there; a
    range inside another is filled into the element the outer one made."""
    outer: list[tuple[int, int, Any, list[tuple[int, int, Any]]]] = []
    for start, end, make in sorted(marked, key=lambda item: (item[0], -item[1])):
        if outer and start < outer[-1][1]:
            outer[-1][3].append((start, end, make))
        else:
            outer.append((start, end, make, []))
    parent.text = paragraph[low : outer[0][0] if outer else high] or None
    for number, (start, end, make, inner) in enumerate(outer):
        element = make(parent)
        if element.text is None and not len(element):  # a container: filled here
            _fill(element, paragraph, start, end, inner)
        following = outer[number + 1][0] if number + 1 < len(outer) else high
        element.tail = paragraph[end:following] or None


@functools.cache
def _works() -> tuple[Any, ...]:
    """The works of the shipped register as the citation rules match them (`WorkKey`)."""
    from corpus._load import load
    from corpus.proposing import WorkKey
    from corpus.text import tokens

    found = []
    for work in load().references():
        titles = []
        for title in (work.title or "", (work.title or "").partition(":")[0]):
            words = tuple(w for w, _, _ in tokens(title))
            if len(words) >= 2 and words not in titles:
                titles.append(words)
        year = work.date[:4] if work.date else None
        found.append(WorkKey(work.id, work.kind, tuple(titles), frozenset(work.author_ids), year))
    return tuple(found)


def _citation(citation: Any, next_id: Callable[[str], str]) -> Callable[[Any], Any]:
    """A proposed citation: ``<ref type="noteAnchor" n="…">`` around a note marker, or ``<ref
    type="cite">`` around a named source (its text filled in after), with ``target`` the work
    proposed, if any."""

    def make(parent: Any) -> Any:
        marker = citation.kind == "marker"
        attributes = {"type": "noteAnchor", "n": citation.n} if marker else {"type": "cite"}
        if citation.work:
            attributes["target"] = f"work:{citation.work}"
        return _element(
            parent,
            "ref",
            citation.text if marker else None,
            **attributes,
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert=citation.cert,
            **{_XML_ID: next_id("c")},
        )

    return make


def _candidate(name: Any, next_id: Callable[[str], str]) -> Callable[[Any], Any]:
    """A proposed candidate actor: ``<rs type="candidate">`` around a name the register does not
    hold, without ``@ref`` until a person registers the actor and gives its id."""

    def make(parent: Any) -> Any:
        return _element(
            parent,
            "rs",
            name.text,
            type="candidate",
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert=name.cert,
            **{_XML_ID: next_id("n")},
        )

    return make


@functools.cache
def _agents() -> frozenset[str]:
    """The actors of the shipped register that may be held responsible: people, organisations,
    units and groups (a place is named as an agent only in words that need reading)."""
    from corpus._load import load

    kinds = ("person", "org", "unit", "collective")
    return frozenset(a.id for a in load().actors() if a.kind in kinds)


@functools.cache
def _speakers() -> frozenset[str]:
    """The actors of the shipped register that may speak: people and organisations."""
    from corpus._load import load

    return frozenset(a.id for a in load().actors() if a.kind in ("person", "org"))


def _quotation(quote: Any, next_id: Callable[[str], str]) -> Callable[[Any], Any]:
    """A proposed quotation: ``<q>`` around the words inside the quotation marks, with the
    speaker proposed in ``@who`` where there is one; its text is filled in after."""

    def make(parent: Any) -> Any:
        speaker = {"who": f"actor:{quote.speaker}"} if quote.speaker else {}
        return _element(
            parent,
            "q",
            None,
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert=quote.cert,
            **speaker,
            **{_XML_ID: next_id("q")},
        )

    return make


def _voice(
    voices: tuple[str, ...], cert: str, next_id: Callable[[str], str]
) -> Callable[[Any], Any]:
    """A proposed voice: ``<seg type="voice">`` around the words a reporting frame governs,
    with the voices in ``@ana`` (``actor:ID``, or ``#voice.…`` for a category); its text is
    filled in after."""

    def make(parent: Any) -> Any:
        pointers = " ".join(f"#{v}" if v.startswith("voice.") else f"actor:{v}" for v in voices)
        return _element(
            parent,
            "seg",
            None,
            type="voice",
            ana=pointers,
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert=cert,
            **{_XML_ID: next_id("v")},
        )

    return make


def _mention(
    printed: str, actor: str, size: int, next_id: Callable[[str], str]
) -> Callable[[Any], Any]:
    def make(parent: Any) -> Any:
        return _element(
            parent,
            "rs",
            printed,
            ref=f"actor:{actor}",
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert="high" if size > 1 else "medium",
            **{_XML_ID: next_id("m")},
        )

    return make


def _figure(paragraph: str, guess: Any, next_id: Callable[[str], str]) -> Callable[[Any], Any]:
    """A proposed figure: ``<measure>`` with the measure guessed (if any) in ``@ana``, and the
    number in ``<num>`` with its value, or its bounds, or ``type="vague"``."""

    def make(parent: Any) -> Any:
        start, end = guess.span
        number_start, number_end = guess.number_span
        attributes = {"ana": f"#{guess.measure}"} if guess.measure else {}
        measure = _element(
            parent,
            "measure",
            paragraph[start:number_start] or None,
            subtype="proposed",
            resp=f"#{PROPOSAL_RULES}",
            cert=guess.cert,
            **attributes,
            **{_XML_ID: next_id("f")},
        )
        bounds = {"value": guess.value, "atLeast": guess.low, "atMost": guess.high}
        given = {k: _plain_number(v) for k, v in bounds.items() if v is not None}
        num = _element(
            measure, "num", paragraph[number_start:number_end], **(given or {"type": "vague"})
        )
        num.tail = paragraph[number_end:end] or None
        return measure

    return make


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _write_atomically(path: Path, data: bytes) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
