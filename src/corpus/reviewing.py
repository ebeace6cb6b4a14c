"""Reviewing a draft's proposals: accept or reject each, recorded in the TEI (``corpus review``).

An accepted proposal becomes an ordinary mention, figure, quotation or voice: its ``subtype``,
``resp`` and rule certainty are removed (its ``xml:id`` stays, so the record can name it). A
proposed figure whose measure the rules could not guess is accepted only once a person has
added one to its ``@ana``.
A rejected one stays in the file, marked ``subtype="rejected"``, and is read as a `Proposal`
with that status, never as a mention or figure. Each review adds a ``change`` to the header's
``revisionDesc`` saying who decided what, and when. Only attributes and the header change:
every character of the text stays, and the file is written atomically, so a review can stop and
resume at any point.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from corpus.errors import CorpusError, CorpusFileError

__all__ = ["EDITS", "review"]

_TEI = "http://www.tei-c.org/ns/1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def review(
    path: str | os.PathLike[str],
    *,
    accept: Iterable[str] = (),
    reject: Iterable[str] = (),
    edit: Mapping[str, str] | None = None,
    by: str,
    when: datetime.date | None = None,
) -> dict[str, str]:
    """Accept and reject proposals of the draft at ``path`` by their ids (``DOC.mN``), as
    ``by`` (a person's name) on ``when`` (today by default). ``edit`` accepts proposals with
    what a person puts in place of the rule's suggestion (`EDITS`): the actor of a mention or
    the speaker of a quotation (an actor id), the measure of a figure (``measure.…``), the work
    of a citation (``work:ID``, or ``#ID`` of the note a marker leads to) or the voices of a
    voice (actor ids and ``voice.…`` categories, parallel parties separated by spaces). An id
    that is not an open proposal of the file, that is decided twice, or an edit the proposal
    cannot take, is a `CorpusError` and nothing is written. Returns each id with its new
    status (``"accepted"``, ``"edited"`` or ``"rejected"``)."""
    from corpus._xml import parse_file

    target = Path(path)
    edits = dict(edit or {})
    accepted = list(dict.fromkeys([*accept, *edits]))
    rejected = list(dict.fromkeys(reject))
    if not by.strip():
        raise CorpusError("say who reviews (by=, or --by NAME): the decisions are recorded")
    both = sorted(set(accepted) & set(rejected))
    if both:
        raise CorpusError(f"{', '.join(both)} would be both accepted and rejected; choose one")
    twice = sorted(set(accept) & set(edits))
    if twice:
        raise CorpusError(f"{', '.join(twice)} would be both accepted and edited; choose one")
    tree = parse_file(target, target.parent)
    kinds = ("rs", "measure", "q", "seg", "ref")
    open_ones = {
        e.get(_XML_ID): e
        for e in tree.iter(*(f"{{{_TEI}}}{kind}" for kind in kinds))
        if e.get("subtype") == "proposed"
        and e.get(_XML_ID)
        and (e.tag != f"{{{_TEI}}}seg" or e.get("type") == "voice")
    }
    unknown = [i for i in (*accepted, *rejected) if i not in open_ones]
    if unknown:
        raise CorpusFileError(
            target,
            None,
            f"has no open proposal {', '.join(map(repr, unknown))}; "
            "run corpus proposals FILE for those left to review",
        )
    for proposal_id, value in edits.items():
        _edit(target, open_ones[proposal_id], value)
    unmeasured = [
        i
        for i in accepted
        if open_ones[i].tag == f"{{{_TEI}}}measure"
        and "#measure." not in (open_ones[i].get("ana") or "")
    ]
    if unmeasured:
        raise CorpusFileError(
            target,
            open_ones[unmeasured[0]].sourceline,
            f"proposes {', '.join(unmeasured)} as figures without a measure; add a "
            "#measure.… category of corpus.xml to the @ana of each before accepting, or reject it",
        )
    unlinked = [
        i
        for i in accepted
        if open_ones[i].tag == f"{{{_TEI}}}ref" and not (open_ones[i].get("target") or "").strip()
    ]
    if unlinked:
        raise CorpusFileError(
            target,
            open_ones[unlinked[0]].sourceline,
            f"proposes {', '.join(unlinked)} as citations without a work; add a target (work:ID "
            "of works.xml, or #ID of the note it leads to) to each before accepting, or reject it",
        )
    decided: dict[str, str] = {}
    for proposal_id in accepted:
        element = open_ones[proposal_id]
        for attribute in ("subtype", "resp", "cert"):
            element.attrib.pop(attribute, None)
        decided[proposal_id] = "edited" if proposal_id in edits else "accepted"
    for proposal_id in rejected:
        open_ones[proposal_id].set("subtype", "rejected")
        decided[proposal_id] = "rejected"
    if decided:
        _record(tree.getroot(), decided, by.strip(), (when or datetime.date.today()).isoformat())
        _write_atomically(target, tree)
    return decided


#: What a person may put in place of a rule's suggestion, by the element of the proposal: the
#: attribute an edit writes, and the form of the value it takes.
EDITS = {
    "rs": ("ref", "an actor id, e.g. human-rights-watch"),
    "q": ("who", "an actor id, e.g. human-rights-watch"),
    "measure": ("ana", "a measure of corpus.xml, e.g. measure.killed"),
    "ref": ("target", "work:ID of works.xml, or #ID of the note a marker leads to"),
    "seg": ("ana", "actor ids or voice.… categories, separated by spaces"),
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_CATEGORY = re.compile(r"(?:measure|voice)\.[a-z0-9-]+")


def _edit(target: Path, element: Any, value: str) -> None:
    """Put a person's value in place of the rule's suggestion on a proposal's element, or raise
    a `CorpusFileError` saying what form the value needs."""
    name = element.tag.rpartition("}")[2]
    attribute, form = EDITS[name]
    words = value.split()
    given = None
    if name in ("rs", "q") and len(words) == 1 and _ID.fullmatch(words[0]):
        given = f"actor:{words[0]}"
    elif name == "measure" and len(words) == 1:
        measure = words[0] if words[0].startswith("measure.") else f"measure.{words[0]}"
        if _CATEGORY.fullmatch(measure):
            others = [
                t for t in (element.get("ana") or "").split() if not t.startswith("#measure.")
            ]
            given = " ".join([f"#{measure}", *others])
    elif name == "ref" and len(words) == 1:
        work = words[0].removeprefix("work:")
        if words[0].startswith("#") and _ID.fullmatch(words[0][1:].replace(".", "-")):
            given = words[0]
        elif _ID.fullmatch(work):
            given = f"work:{work}"
    elif name == "seg" and words and all(_ID.fullmatch(w) or _CATEGORY.fullmatch(w) for w in words):
        given = " ".join(f"#{w}" if w.startswith("voice.") else f"actor:{w}" for w in words)
    if given is None:
        raise CorpusFileError(
            target,
            element.sourceline,
            f"cannot take {value!r} for {element.get(_XML_ID)}: give {form}",
        )
    element.set(attribute, given)


def _record(root: Any, decided: dict[str, str], by: str, when: str) -> None:
    """A ``change`` in the header's ``revisionDesc``: who accepted and rejected what, when."""
    from lxml import etree

    header = root.find(f"{{{_TEI}}}teiHeader")
    revisions = header.find(f"{{{_TEI}}}revisionDesc")
    if revisions is None:
        revisions = etree.SubElement(header, f"{{{_TEI}}}revisionDesc")
        revisions.tail, revisions.text = header[-2].tail if len(header) > 1 else "\n", "\n    "
    change = etree.SubElement(revisions, f"{{{_TEI}}}change", when=when)
    said = [
        f"{verb} {', '.join(i for i, status in decided.items() if status == verb)}"
        for verb in ("accepted", "edited", "rejected")
        if verb in decided.values()
    ]
    name = etree.SubElement(change, f"{{{_TEI}}}name")
    name.text = by
    name.tail = " reviewed the proposals: " + "; ".join(said) + "."
    change.tail = "\n  "


def _write_atomically(target: Path, tree: Any) -> None:
    import tempfile

    from lxml import etree

    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).replace(target)
    except OSError as error:
        raise CorpusError(f"cannot write {target}: {error.strerror}") from None
