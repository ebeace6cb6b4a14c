"""Checking a corpus directory: schema, pointers and conventions, every problem at once."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from corpus.errors import CorpusError, CorpusFileError, InvalidQuery
from corpus.model import _Rendered

if TYPE_CHECKING:
    from collections.abc import Iterator

    from corpus._corpus import Corpus
    from corpus.claims import Attribution, Figure
    from corpus.model import Identification, Passage, Relation, Voice

__all__ = ["Problem", "validate"]

#: Attributes whose values are pointers (space-separated URIs).
POINTER_ATTRIBUTES = ("target", "ref", "source", "who", "corresp", "ana", "scheme", "resp")
_EXTERNAL = re.compile(r"^(https?|mailto):")
XML_NS = "http://www.w3.org/XML/1998/namespace"


@attrs.frozen
class Problem(_Rendered):
    """One problem found in a corpus file."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def validate(
    path: str | os.PathLike[str] | None = None, *, schema: str | os.PathLike[str] | None = None
) -> tuple[Problem, ...]:
    """Check a corpus directory (default: the bundled corpus); return every problem found.

    Checks each file against the corpus schema shipped in the package, that every pointer
    resolves, and that the corpus loads with its metadata conventions kept. With ``schema``
    (a RELAX NG file such as TEI's ``tei_all.rng``, which is not shipped), every file is also
    validated against it.

    TEI written elsewhere (a TEI file, or a directory of TEI files without ``corpus.xml``) is not
    held to this project's conventions: without ``schema`` only what the library cannot read is
    reported.

    >>> import corpus
    >>> corpus.validate()
    ()
    """
    from lxml import etree

    from corpus._data import bundled_directory
    from corpus._registers import register_file

    given = Path(path) if path is not None else bundled_directory()
    if given.is_file() and given.name == "corpus.xml":
        given = given.parent  # the corpus file itself: check its directory
    if not os.path.lexists(given):
        return (Problem(str(given), None, "does not exist; give a corpus directory or a TEI file"),)
    if given.is_file() or not os.path.lexists(given / "corpus.xml"):
        return _validate_foreign(given, schema)  # TEI written elsewhere
    directory = given.resolve()  # one spelling of every path, however the directory was given
    problems: list[Problem] = []
    corpus_file = directory / "corpus.xml"
    try:
        files, included = _read_files(directory, corpus_file)
    except CorpusFileError as error:
        return (Problem(error.path, error.line, error.detail),)
    corpus_tree = files[corpus_file]

    rng = _schema(etree)
    for file, tree in files.items():
        if not rng.validate(tree):
            problems.extend(_schema_problem(file, tree, e) for e in rng.error_log)
    if schema is not None:
        whole = {f: t for f, t in files.items() if f not in included}
        whole[corpus_file] = _composite(corpus_file, corpus_tree)
        problems.extend(_against(Path(schema), whole))
    try:
        problems.extend(_dangling_pointers(directory, corpus_file, files, included))
    except CorpusFileError as error:
        return (Problem(error.path, error.line, error.detail),)
    problems.extend(_unresolved_markers(files, included - {corpus_file}))
    if not problems:
        text_files = {
            str(files[f].getroot().get(f"{{{XML_NS}}}id")): f for f in included if f != corpus_file
        }
        works = register_file(directory, corpus_tree.getroot(), "work")
        problems.extend(_conventions(directory, text_files, str(works), files))
    return tuple(problems)


def _read_files(directory: Path, corpus_file: Path) -> tuple[dict[Path, Any], set[Path]]:
    """Every file of a corpus directory, parsed under the rule for its files: corpus.xml, what
    it includes, the registers its prefixes name and any other *.xml; and the included set
    (corpus.xml with its texts: one document for #id pointers)."""
    from corpus._registers import register_include
    from corpus._xml import includes, parse_file, read_include

    corpus_tree = parse_file(corpus_file, directory)
    files = {corpus_file: corpus_tree}
    included = {corpus_file}
    for include in includes(corpus_file, corpus_tree.getroot()):
        files[include.path] = read_include(corpus_file, include)
        included.add(include.path)
    for ident in _prefixes(corpus_file, corpus_tree):  # the registers, checked like includes
        register = register_include(corpus_file, corpus_tree.getroot(), ident)
        if register is not None and register.path not in files:
            says = f"points the {ident}: prefix at {register.href!r}"
            files[register.path] = read_include(corpus_file, register, says)
    for extra in sorted(directory.glob("*.xml")):
        if extra.resolve() not in files:
            files[extra.resolve()] = parse_file(extra, directory)
    return files, included


def _validate_foreign(path: Path, schema: str | os.PathLike[str] | None) -> tuple[Problem, ...]:
    """TEI written elsewhere: what the library cannot read, and with a schema, what it rejects."""
    from corpus._load import load
    from corpus._xml import parse_file

    problems: list[Problem] = []
    try:
        load(path)
    except CorpusFileError as error:
        problems.append(Problem(error.path, error.line, error.detail))
    except CorpusError as error:
        problems.append(Problem(str(path), None, str(error)))
    if schema is not None:
        files: dict[Path, Any] = {}
        for file in [path] if path.is_file() else sorted(path.glob("*.xml")):
            try:
                files[file] = _composite(file, parse_file(file))
            except CorpusFileError as error:
                if not any(p.file == error.path and p.line == error.line for p in problems):
                    problems.append(Problem(error.path, error.line, error.detail))
        problems.extend(_against(Path(schema), files))
    return tuple(problems)


def _composite(file: Path, tree: Any, depth: int = 0) -> Any:
    """A copy of a parsed file with each xi:include replaced by the file it names, as a schema
    sees the document; the includes are checked as loading checks them."""
    import copy

    from corpus._xml import XI_NS, includes, parse_file
    from corpus.errors import UnsafeXML

    found = includes(file, tree.getroot())
    if not found:
        return tree
    if depth > 8:
        raise UnsafeXML(file, found[0].line, "nests includes too deeply; include each file once")
    whole = copy.deepcopy(tree)
    elements = list(whole.getroot().iter(f"{{{XI_NS}}}include"))
    for include, element in zip(found, elements, strict=True):
        if not include.path.is_file():
            raise CorpusFileError(
                file, include.line, f"includes {include.href!r}, which does not exist"
            )
        root = _composite(include.path, parse_file(include.path), depth + 1).getroot()
        root.tail = element.tail
        element.getparent().replace(element, root)
    return whole


def _against(schema: Path, files: dict[Path, Any]) -> list[Problem]:
    """Every file validated against a RELAX NG schema the user gives."""
    compiled = _external_schema(str(schema.resolve()), *_stamp(schema))
    problems: list[Problem] = []
    for file, tree in files.items():
        if not compiled.validate(tree):
            problems.extend(
                Problem(str(file), e.line or None, f"does not match {schema.name}: {e.message}")
                for e in compiled.error_log
            )
    return problems


def _stamp(schema: Path) -> tuple[int, int]:
    try:
        status = schema.stat()
    except OSError as error:
        raise CorpusFileError(
            schema, None, f"cannot be read ({error.strerror}); give the path of a .rng schema"
        ) from None
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=2)
def _external_schema(path: str, mtime: int, size: int) -> Any:
    """A RELAX NG schema compiled once per file version (tei_all.rng takes seconds)."""
    from lxml import etree

    from corpus._xml import parse_file

    tree = parse_file(Path(path))
    try:
        return etree.RelaxNG(tree)
    except etree.RelaxNGParseError as error:
        raise CorpusFileError(
            path,
            None,
            f"is not a RELAX NG schema that can be compiled ({error}); give the XML form "
            "(.rng) of the schema, e.g. tei_all.rng",
        ) from None


def _schema(etree: Any) -> Any:
    from importlib import resources  # only validation reads the schema shipped in the package

    with resources.as_file(resources.files("corpus") / "schema" / "corpus.rng") as rng:
        return etree.RelaxNG(etree.parse(str(rng)))


def _schema_problem(file: Path, tree: Any, error: Any) -> Problem:
    """A schema error in the library's words: where, then the schema checker's text as detail
    (a message the checker gives without a place is put at the root element)."""
    line = error.line or tree.getroot().sourceline or 1
    detail = " ".join(str(error.message).split())
    if not detail or "Internal error" in detail:
        detail = "the checker gives no detail for this element; compare it with corpus.rng"
    return Problem(
        str(file), line, f"does not match the corpus schema; the checker reports: {detail}"
    )


def _ids(tree: Any) -> set[str]:
    return set(tree.xpath("//@xml:id"))


#: How long one prefixDef matchPattern may take on one pointer, in seconds.
PREFIX_MATCH_TIMEOUT = 0.05


def _prefixes(corpus_file: Path, corpus_tree: Any) -> dict[str, tuple[Any, str, Path, int]]:
    """The prefixDefs of corpus.xml: each matchPattern compiled (time-limited when matched)
    with its replacement; a pattern that cannot be compiled is a `CorpusFileError`."""
    import regex

    from corpus._xml import NS
    from corpus.query import REGEX_MAX_LENGTH, _check_pattern

    found = {}
    for prefix in corpus_tree.iterfind(".//tei:listPrefixDef/tei:prefixDef", NS):
        match_pattern = prefix.get("matchPattern") or ""
        try:
            if len(match_pattern) > REGEX_MAX_LENGTH:
                raise ValueError(f"it is longer than {REGEX_MAX_LENGTH} characters")
            _check_pattern(match_pattern)
            pattern = regex.compile(match_pattern)
        except (regex.error, ValueError, OverflowError, RecursionError) as error:
            reason = error.detail if isinstance(error, InvalidQuery) else error
            raise CorpusFileError(
                corpus_file,
                prefix.sourceline,
                f"has a prefixDef whose matchPattern is not a usable regular expression "
                f"({reason}); fix the pattern",
            ) from None
        replacement = prefix.get("replacementPattern") or ""
        found[prefix.get("ident") or ""] = (pattern, replacement, corpus_file, prefix.sourceline)
    return found


def _dangling_pointers(
    directory: Path, corpus_file: Path, files: dict[Path, Any], included: set[Path]
) -> list[Problem]:
    """Every #id, prefix:value and file.xml#id pointer must name an existing id."""
    ids = {file: _ids(tree) for file, tree in files.items()}
    composite = set().union(*(ids[f] for f in included))
    prefixes = _prefixes(corpus_file, files[corpus_file])
    problems = []
    for file, tree in files.items():
        local = composite if file in included else ids[file]
        for element in tree.iter("*"):
            for attribute in POINTER_ATTRIBUTES:
                for pointer in (element.get(attribute) or "").split():
                    message = _resolve(
                        pointer, file, directory=directory, local=local, ids=ids, prefixes=prefixes
                    )
                    if message:
                        problems.append(
                            Problem(
                                str(file), element.sourceline, f"{attribute}={pointer!r}: {message}"
                            )
                        )
    return problems


def _resolve(
    pointer: str,
    file: Path,
    *,
    directory: Path,
    local: set[str],
    ids: dict[Path, set[str]],
    prefixes: dict[str, tuple[Any, str, Path, int]],
) -> str | None:
    if _EXTERNAL.match(pointer):
        return None
    prefix, colon, rest = pointer.partition(":")
    if colon and "/" not in prefix and "#" not in prefix:
        pointer, problem = _expand(prefix, rest, prefixes)
        if problem:
            return problem
        file = directory / "corpus.xml"
    path_part, _, fragment = pointer.partition("#")
    if path_part:
        target = (file.parent / path_part).resolve()
        if target not in ids:
            return f"points into {path_part!r}, which is not a file of the corpus"
        return None if not fragment or fragment in ids[target] else f"no id {fragment!r} there"
    return None if fragment in local else f"no element has the id {fragment!r}"


def _expand(
    prefix: str, rest: str, prefixes: dict[str, tuple[Any, str, Path, int]]
) -> tuple[str, str]:
    """A ``prefix:rest`` pointer expanded by its prefixDef, or a problem with it; a pattern
    that runs past its time limit stops the check (`CorpusFileError` at the prefixDef)."""
    if prefix not in prefixes:
        return "", f"the prefix {prefix!r} is not declared in corpus.xml listPrefixDef"
    pattern, replacement, corpus_file, line = prefixes[prefix]
    try:
        match = pattern.fullmatch(rest, timeout=PREFIX_MATCH_TIMEOUT)
    except TimeoutError:
        raise CorpusFileError(
            corpus_file,
            line,
            f"has a prefixDef whose matchPattern takes longer than {PREFIX_MATCH_TIMEOUT:g} s "
            f"to match {prefix}:{rest[:40]}; simplify the pattern",
        ) from None
    if not match:
        return "", f"does not match the pattern of prefix {prefix!r}"
    groups = (match.group(), *match.groups())
    expanded = re.sub(
        r"\$(\d)",
        lambda n: (groups[int(n[1])] or "") if int(n[1]) < len(groups) else "",
        replacement,
    )
    return expanded, ""


def _unresolved_markers(files: dict[Path, Any], texts: set[Path]) -> list[Problem]:
    """Every note marker must lead to a work: by a work: pointer, or through the note it targets."""
    from corpus._xml import NS, WORK_PREFIX

    problems = []
    for file in sorted(texts):
        tree = files[file]
        notes = {
            note.get(f"{{{XML_NS}}}id"): note for note in tree.iterfind(".//tei:text//tei:note", NS)
        }
        for marker in tree.iterfind(".//tei:text//tei:ref[@type='noteAnchor']", NS):
            if marker.get("subtype") in ("proposed", "rejected"):
                continue  # a draft's proposal: not a citation until accepted
            tokens = (marker.get("target") or "").split()
            if any(t.startswith(WORK_PREFIX) for t in tokens):
                continue
            note = notes.get(tokens[0].lstrip("#")) if tokens else None
            cited = note is not None and any(
                (b.get("corresp") or "").startswith(WORK_PREFIX)
                for b in note.iterfind(".//tei:bibl", NS)
            )
            if not cited:
                problems.append(
                    Problem(
                        str(file),
                        marker.sourceline,
                        f"the note marker {marker.text!r} leads to no work; point its target at "
                        'work:ID, or at a note holding <bibl corresp="work:ID">',
                    )
                )
    return problems


def _line(tree: Any, xpath: str, **variables: str) -> int:
    """The line of the first element an XPath finds (the root element's line if none)."""
    from corpus._xml import NS

    found = tree.xpath(xpath, namespaces=NS, **variables) if tree is not None else []
    line = (
        found[0].sourceline if found else (tree.getroot().sourceline if tree is not None else None)
    )
    return int(line or 1)


_BY_ID = "//*[@xml:id=$id]"


def _register_conventions(corpus: Corpus, works_file: str, works: Any = None) -> list[Problem]:
    """Every registered work is cited; every quotation group joins two or more renditions."""
    problems = []
    cited = {c.reference_id for c in corpus.citations()}
    for work in corpus.references():
        if work.id not in cited:
            problems.append(
                Problem(
                    works_file,
                    _line(works, _BY_ID, id=work.id),
                    f"the work {work.id!r} is cited by no text; cite it or remove it",
                )
            )
    for group in corpus.quote_groups():
        if len(group.renditions) < 2:
            problems.append(
                Problem(
                    works_file,
                    _line(works, _BY_ID, id=group.id),
                    f"the quotation group {group.id!r} has {len(group.renditions)} rendition(s); "
                    "a group joins two or more",
                )
            )
    return problems


#: Qualifiers that print a bound, not a point: a figure they qualify has ``low`` or ``high``
#: and no ``value`` (CODEBOOK section 11).
BOUND_QUALIFIERS = frozenset(
    {
        "at least",
        "more than",
        "over",
        "no fewer than",
        "up to",
        "nearly",
        "almost",
        "fewer than",
        "less than",
        "under",
        "as many as",
        "no more than",
    }
)


def _recorded(passage: Passage) -> set[Voice]:
    """The voices a passage records: each level of its voice chains, its quotations' speakers."""
    from corpus.model import Voice

    voices = {v for chain in passage.voices for v in chain}
    return voices | {Voice(q.speaker, "actor") for q in passage.quotes if q.speaker}


def _unrecorded(claimant: tuple[Voice, ...], passage: Passage) -> str:
    """The voices of a claimant chain that a passage does not record, joined; "" if none."""
    recorded = _recorded(passage)
    return ", ".join(v.id for v in claimant if v not in recorded)


def _claim_conventions(
    corpus: Corpus, text_files: dict[str, Path], claims_file: Path, files: dict[Path, Any]
) -> list[Problem]:
    """Every number of the article text is a figure or a non-claim; a figure has a scope, and a
    bound no point value; an attribution quotes its passage as printed, names an agent the
    passage mentions (or marks it implied) and a claimant the passage records."""
    from corpus.claims import unclaimed_numbers

    problems = []
    for document in corpus.documents:
        where = text_files[document.id]
        tree = files.get(where)
        for passage in document.article_passages():
            for start, end in unclaimed_numbers(passage):
                problems.append(
                    Problem(
                        str(where),
                        _line(tree, _BY_ID, id=passage.id),
                        f"{passage.id}: the number {passage.text[start:end]!r} (characters "
                        f"{start}-{end}) is neither in a figure nor a non-claim; encode it as "
                        "<measure> or add a rule to NON_CLAIMS (CODEBOOK section 11)",
                    )
                )
        for passage in document.passages:
            for figure in passage.figures:
                for message in _figure_problems(figure, passage):
                    problems.append(Problem(str(where), _line(tree, _BY_ID, id=figure.id), message))
    claims = files.get(claims_file)
    for attribution in corpus.attributions():
        passage = corpus.passage(attribution.passage_id)
        for message in _attribution_problems(attribution, passage):
            line = _line(claims, _BY_ID, id=attribution.id)
            problems.append(Problem(str(claims_file), line, message))
    return problems


def _figure_problems(figure: Figure, passage: Passage) -> Iterator[str]:
    qualifier = " ".join((figure.qualifier or "").split()).casefold()
    if figure.value is not None and (
        qualifier in BOUND_QUALIFIERS or figure.low is not None or figure.high is not None
    ):
        yield (
            f"{figure.id}: {figure.text!r} prints a bound, not a point, but has the value "
            f"{figure.value}; keep only atLeast or atMost on its <num> (CODEBOOK section 11)"
        )
    if figure.scope is None:
        yield (
            f"{figure.id}: the figure has no scope; add one #scope.… category of corpus.xml to "
            "its @ana (CODEBOOK section 11)"
        )
    unrecorded = _unrecorded(figure.claimant, passage)
    if unrecorded:
        yield (
            f"{figure.id}: its claimant {unrecorded} is not a voice of {passage.id}; "
            "add it to the passage's @ana or correct the figure's claimant"
        )


def _attribution_problems(attribution: Attribution, passage: Passage) -> Iterator[str]:
    if attribution.text not in passage.text:
        yield (
            f"the words of {attribution.id} are not printed in {passage.id}; copy them from the "
            "passage exactly"
        )
    mentioned = {m.actor_id for m in passage.mentions}
    if attribution.agent not in mentioned and attribution.implied is None:
        yield (
            f"{attribution.id} names the agent {attribution.agent!r}, whom {passage.id} does not "
            'mention; choose an actor the passage names, or mark it type="implied" with the '
            'words that imply it as <rs ref="actor:ID"> in its desc'
        )
    unrecorded = _unrecorded(attribution.claimant, passage)
    if unrecorded:
        yield (
            f"{attribution.id}: its claimant {unrecorded} is not a voice of "
            f"{passage.id}; record the voice in the passage's @ana or correct the claimant"
        )


def _claims_and_relations(
    corpus: Corpus, directory: Path, text_files: dict[str, Path], files: dict[Path, Any]
) -> list[Problem]:
    """The rules of claims.xml and of the relations in actors.xml, where the corpus has them."""
    from corpus._registers import register_file

    root = files[directory / "corpus.xml"].getroot()
    problems = []
    claims_file = register_file(directory, root, "claim")
    if claims_file is not None:
        problems.extend(_claim_conventions(corpus, text_files, claims_file, files))
    actors_file = register_file(directory, root, "actor")
    if actors_file is not None:
        problems.extend(_relation_conventions(corpus, actors_file, files.get(actors_file)))
    return problems


def _relation_conventions(corpus: Corpus, actors_file: Path, tree: Any) -> list[Problem]:
    """A relation a text states has a claimant and passages that mention both actors and record
    the claimant; an editorial relation has its responsibility, certainty and basis."""
    problems = []
    seen: set[Relation] = set()
    for actor in corpus.actors():
        note = actor.identification
        if note is not None and _unsupported(note):
            line = _line(tree, _BY_ID, id=actor.id)
            message = f"the identification note of {actor.id} {_UNSUPPORTED}"
            problems.append(Problem(str(actors_file), line, message))
        for relation in actor.relations:
            if relation in seen:
                continue
            seen.add(relation)
            messages = list(_relation_problems(corpus, relation))
            if not messages:
                continue
            line = _line(
                tree,
                "//tei:relation[@name=$name]"
                "[contains(concat(' ', @active, ' ', @mutual, ' '), concat(' #', $actor, ' '))]"
                "[contains(concat(' ', @passive, ' ', @mutual, ' '), concat(' #', $other, ' '))]",
                name=relation.type,
                actor=relation.actor_id,
                other=relation.other_id,
            )
            problems.extend(Problem(str(actors_file), line, m) for m in messages)
    return problems


_UNSUPPORTED = (
    "lacks @resp, @cert or its basis (desc); an editorial note says who made it, how sure they "
    "are and why"
)


def _unsupported(note: Relation | Identification) -> bool:
    """Whether an editorial note (a relation or an identification) lacks who made it, how sure
    they are, or why."""
    return not (note.resp and note.cert and note.basis)


def _relation_problems(corpus: Corpus, relation: Relation) -> Iterator[str]:
    name = f"the relation {relation.type} {relation.actor_id} → {relation.other_id}"
    if relation.editorial:
        if _unsupported(relation):
            yield f"{name} is editorial but {_UNSUPPORTED}"
        return
    if not relation.claimant:
        yield (
            f"{name} has no claimant; give the voice chain that states it in @ana, or make it "
            'an editorial note (type="editorial", @resp, @cert, desc)'
        )
    if not relation.passages:
        yield f"{name} cites no passage; list the passages that state it in @source"
    for passage_id in relation.passages:
        try:
            passage = corpus.passage(passage_id)
        except CorpusError:
            continue  # a dangling pointer, reported with the pointers
        mentioned = {m.actor_id for m in passage.mentions}
        missing = [a for a in (relation.actor_id, relation.other_id) if a not in mentioned]
        if missing:
            yield (
                f"{name}: {passage_id} does not mention {', '.join(missing)}; cite only passages "
                "that state the relation"
            )
        unrecorded = _unrecorded(relation.claimant, passage)
        if unrecorded:
            yield (
                f"{name}: its claimant {unrecorded} is not a voice of {passage_id}; "
                "split the relation by claimant or correct it"
            )


def _conventions(
    directory: Path, text_files: dict[str, Path], works_file: str, files: dict[Path, Any]
) -> list[Problem]:
    """Checks that need the loaded model: unknown metadata declared, evidence cites passages."""
    from corpus._load import load

    try:
        corpus = load(directory)
    except CorpusError as error:
        if isinstance(error, CorpusFileError):
            return [Problem(error.path, error.line, error.detail)]
        return [Problem(str(directory), None, str(error))]
    problems = []
    passages = {p.id for d in corpus.documents for p in d.passages}
    problems.extend(_register_conventions(corpus, works_file, files.get(Path(works_file))))
    problems.extend(_claims_and_relations(corpus, directory, text_files, files))
    for document in corpus.documents:
        where = str(text_files[document.id])
        tree = files.get(text_files[document.id])
        source_line = _line(tree, "//tei:sourceDesc")
        source = document.source
        stated = {
            "author": bool(source.authors),
            "publisher": source.publisher is not None,
            "date": source.date.known,
            "url": source.url is not None,
        }
        for field, present in stated.items():
            if not present and field not in source.unknown:
                problems.append(
                    Problem(
                        where,
                        source_line,
                        f"states no {field} and does not record it as unknown; "
                        f'add <note type="unknown" subtype="{field}">',
                    )
                )
        if source.date.derived and not source.date.evidence:
            problems.append(
                Problem(where, source_line, "has a derived date without an evidence note")
            )
        for name, value in (("stance", document.stance), ("genre", document.genre)):
            line = _line(tree, "//tei:catRef[@scheme=$scheme]", scheme=f"#{name}")
            if value is None:
                problems.append(Problem(where, line, f"gives no {name}"))
                continue
            if not value.evidence or value.cert is None:
                problems.append(
                    Problem(where, line, f"gives its {name} without cert and an evidence note")
                )
            for cited in value.passages:
                if cited not in passages:
                    problems.append(
                        Problem(where, line, f"{name} evidence cites unknown {cited!r}")
                    )
    return problems
