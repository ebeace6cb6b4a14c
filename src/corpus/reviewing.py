"""Reviewing a draft's proposals: accept or reject each, recorded in the TEI (``corpus review``).

An accepted proposal becomes an ordinary mention, figure, quotation or voice: its ``subtype``,
``resp`` and rule certainty are removed (its ``xml:id`` stays, so the record can name it). A
proposed figure whose measure the rules could not guess is accepted only once a person has
added one to its ``@ana``. An attribution (a ``relation`` of the draft's ``standOff``) keeps
its ``@cert``, the attribution's own (CODEBOOK section 11). A candidate actor (a name the
register does not hold) is accepted once a person has named its actor: one of the register,
or a new one that the review adds to the draft's own list of actors (``standOff``), with its
kind and the name as printed.
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
    of a citation (``work:ID``, or ``#ID`` of the note a marker leads to), the actor of a
    candidate (an actor id, or a new id and its kind: ``"lena-marsh person"``) or the voices of a
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
    kinds = ("rs", "measure", "q", "seg", "ref", "relation")
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
    _check_complete(target, open_ones, accepted)
    decided: dict[str, str] = {}
    for proposal_id in accepted:
        element = open_ones[proposal_id]
        for attribute in ("subtype", "resp", "cert"):
            if attribute != "cert" or element.tag != f"{{{_TEI}}}relation":
                element.attrib.pop(attribute, None)  # an attribution keeps its @cert
        if element.get("type") == "candidate":
            element.attrib.pop("type")  # a name of the register now: an ordinary mention
        decided[proposal_id] = "edited" if proposal_id in edits else "accepted"
    for proposal_id in rejected:
        open_ones[proposal_id].set("subtype", "rejected")
        decided[proposal_id] = "rejected"
    if decided:
        _record(tree.getroot(), decided, by.strip(), (when or datetime.date.today()).isoformat())
        _write_atomically(target, tree)
    return decided


#: What an accepted proposal must have, by its element: the attribute, the text it must hold,
#: and what to do where it does not.
_NEEDED = {
    "measure": (
        "ana",
        "#measure.",
        "as figures without a measure; add a #measure.… category of corpus.xml to the @ana of "
        "each before accepting (--edit ID measure.…), or reject it",
    ),
    "rs": (
        "ref",
        "actor:",
        "as candidate actors, not in the register; add each to actors.xml and accept it with "
        "its id (--edit ID ACTOR-ID), or reject it",
    ),
    "ref": (
        "target",
        "",
        "as citations without a work; add a target (work:ID of works.xml, or #ID of the note "
        "it leads to) to each before accepting (--edit ID work:ID), or reject it",
    ),
}


def _check_complete(target: Path, open_ones: Mapping[str, Any], accepted: list[str]) -> None:
    """A `CorpusFileError` naming the first kind of accepted proposal that lacks what an
    ordinary annotation of its kind needs (a figure's measure, a mention's actor, a citation's
    work)."""
    for name, (attribute, needed, what) in _NEEDED.items():
        lacking = [
            i
            for i in accepted
            if open_ones[i].tag == f"{{{_TEI}}}{name}"
            and (
                not (open_ones[i].get(attribute) or "").strip()
                or needed not in (open_ones[i].get(attribute) or "")
            )
        ]
        if lacking:
            raise CorpusFileError(
                target,
                open_ones[lacking[0]].sourceline,
                f"proposes {', '.join(lacking)} {what}",
            )


#: What a person may put in place of a rule's suggestion, by the element of the proposal: the
#: attribute an edit writes, and the form of the value it takes.
EDITS = {
    "rs": ("ref", "an actor id, e.g. human-rights-watch"),
    "candidate": (
        "ref",
        "an actor id of the register, or a new id and its kind (person, org, unit, place or "
        "collective), e.g. lena-marsh person",
    ),
    "q": ("who", "an actor id, e.g. human-rights-watch"),
    "measure": ("ana", "a measure of corpus.xml, e.g. measure.killed"),
    "ref": ("target", "work:ID of works.xml, or #ID of the note a marker leads to"),
    "seg": ("ana", "actor ids or voice.… categories, separated by spaces"),
    "relation": (
        "active",
        "an actor id as the agent, an act.… category, or both, e.g. armenian-forces act.assisted",
    ),
}
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_CATEGORY = re.compile(r"(?:measure|voice)\.[a-z0-9-]+")
_ACT = re.compile(r"act\.[a-z0-9-]+")


def _edit(target: Path, element: Any, value: str) -> None:
    """Put a person's value in place of the rule's suggestion on a proposal's element, or raise
    a `CorpusFileError` saying what form the value needs."""
    name = element.tag.rpartition("}")[2]
    if name == "rs" and element.get("type") == "candidate":
        _edit_candidate(target, element, value)
        return
    if name == "relation":
        _edit_attribution(target, element, value)
        return
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


def _edit_attribution(target: Path, element: Any, value: str) -> None:
    """Put a person's agent (an actor id), act (``act.…``) or both on a proposed attribution."""
    words = value.split()
    agents = [w for w in words if _ID.fullmatch(w)]
    acts = [w for w in words if _ACT.fullmatch(w)]
    if (
        not words
        or len(words) > 2
        or len(agents) > 1
        or len(acts) > 1
        or len(words) != len(agents) + len(acts)
    ):
        raise CorpusFileError(
            target,
            element.sourceline,
            f"cannot take {value!r} for {element.get(_XML_ID)}: give {EDITS['relation'][1]}",
        )
    if agents:
        element.set("active", f"actor:{agents[0]}")
    if acts:
        element.set("name", acts[0].removeprefix("act."))


#: Where a draft registers a new actor of each kind: the list, the entry, the element of its
#: names and the entry's type, as actors.xml writes them.
_NEW_ENTRIES = {
    "person": ("listPerson", "person", "persName", None),
    "collective": ("listPerson", "personGrp", "name", None),
    "org": ("listOrg", "org", "orgName", None),
    "unit": ("listOrg", "org", "orgName", "unit"),
    "place": ("listPlace", "place", "placeName", None),
}


def _edit_candidate(target: Path, element: Any, value: str) -> None:
    """Accept a candidate actor as a mention of the actor a person names: an actor of the
    shipped register or of the draft's own list (by its id alone), or a new one (its id and its
    kind), which is added to the draft's own list (``standOff``) with the name as printed.
    Anything else is a `CorpusFileError` saying what to give."""
    from corpus._load import load

    proposal = element.get(_XML_ID)
    words = value.split()
    if not (
        1 <= len(words) <= 2
        and _ID.fullmatch(words[0])
        and (len(words) == 1 or words[1] in _NEW_ENTRIES)
    ):
        raise CorpusFileError(
            target,
            element.sourceline,
            f"cannot take {value!r} for {proposal}: give {EDITS['candidate'][1]}",
        )
    actor_id, kind = words[0], (words[1] if len(words) == 2 else None)
    root = element.getroottree().getroot()
    own = {
        e.get(_XML_ID): e
        for e in root.iterfind(f"{{{_TEI}}}standOff/*/*")
        if e.get(_XML_ID) and e.getparent().tag.rpartition("}")[2] in _LISTS
    }
    registered = {a.id: a.kind for a in load().actors()}
    known = registered.get(actor_id) or (_kind_of(own[actor_id]) if actor_id in own else None)
    if known is not None and kind not in (None, known):
        raise CorpusFileError(
            target,
            element.sourceline,
            f"cannot take {value!r} for {proposal}: {actor_id} is registered as a {known}; give "
            "the id alone, or a new id for another actor",
        )
    if known is None and kind is None:
        raise CorpusFileError(
            target,
            element.sourceline,
            f"cannot take {value!r} for {proposal}: {actor_id} is not in the register; give its "
            f"kind too ({actor_id} person, org, unit, place or collective) to register it in the "
            "draft, or an id of actors.xml",
        )
    printed = "".join(element.itertext())
    if actor_id in own:
        _spelling(own[actor_id], printed)
    elif actor_id not in registered:
        taken = next((e for e in root.iter() if e.get(_XML_ID) == actor_id), None)
        if taken is not None:
            raise CorpusFileError(
                target,
                taken.sourceline,
                f"cannot take {value!r} for {proposal}: the draft uses the id {actor_id} for "
                "something else; choose another id",
            )
        own[actor_id] = _new_entry(root, actor_id, str(kind), printed)
    element.set("ref", f"actor:{actor_id}")


_LISTS = frozenset(list_name for list_name, *_ in _NEW_ENTRIES.values())


def _kind_of(entry: Any) -> str:
    name = entry.tag.rpartition("}")[2]
    if name == "org":
        return "unit" if entry.get("type") == "unit" else "org"
    return str({"personGrp": "collective"}.get(name, name))


def _new_entry(root: Any, actor_id: str, kind: str, printed: str) -> Any:
    """A new actor in the draft's own list (``standOff`` after ``text``), named as printed."""
    from lxml import etree

    list_name, entry_name, _, entry_type = _NEW_ENTRIES[kind]
    stand_off = root.find(f"{{{_TEI}}}standOff")
    if stand_off is None:
        root[-1].tail = "\n"
        stand_off = etree.SubElement(root, f"{{{_TEI}}}standOff")
        stand_off.tail = "\n"
    found = stand_off.find(f"{{{_TEI}}}{list_name}")
    if found is None:
        found = etree.SubElement(stand_off, f"{{{_TEI}}}{list_name}")
    entry = etree.SubElement(found, f"{{{_TEI}}}{entry_name}", {_XML_ID: actor_id})
    if entry_type:
        entry.set("type", entry_type)
    _spelling(entry, printed)
    return entry


def _spelling(entry: Any, printed: str) -> None:
    """Add a spelling to an actor of the draft's own list (the first is also its preferred
    name), unless the entry has it."""
    from lxml import etree

    kind = _kind_of(entry)
    name_element = f"{{{_TEI}}}{_NEW_ENTRIES[kind][2]}"
    names = entry.findall(name_element)
    if any("".join(n.itertext()) == printed for n in names if n.get("type") == "spelling"):
        return
    if not names:
        etree.SubElement(entry, name_element, type="preferred").text = printed
    etree.SubElement(entry, name_element, type="spelling").text = printed


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
