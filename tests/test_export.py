"""`corpus export`, `Corpus.to_records` and `Corpus.frame`: tables that read back as written."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import corpus
from corpus.export import TABLES, _csv_text, _write_csv, corpus_records, export, tables
from corpus.model import chain_label
from corpus.results import column_rows, record, record_columns

FIELD = re.compile(r'"((?:[^"]|"")*)"|([^,\r\n]*)')


def read_csv(path: Path, schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Parse the CSV as written (quoted strings, bare numbers and booleans, empty = null)."""
    types = {c["name"]: c["type"] for c in schema["columns"]}
    text, position, rows, row = path.read_bytes().decode("utf-8"), 0, [], []
    while position < len(text):
        match = FIELD.match(text, position)
        assert match is not None
        quoted, bare = match.groups()
        row.append(("q", quoted.replace('""', '"')) if quoted is not None else ("b", bare))
        position = match.end()
        if text.startswith("\r\n", position):
            rows.append(row)
            row, position = [], position + 2
        else:
            assert text[position] == ",", (path, position)
            position += 1
    header = [value for _, value in rows[0]]

    def cell(column: str, kind: str, value: str) -> Any:
        if kind == "b":
            if value == "":
                return None
            return {"integer": int, "float": float, "boolean": lambda v: v == "true"}[
                types[column]
            ](value)
        return value  # a list column is flat text in CSV

    return [
        {column: cell(column, *field) for column, field in zip(header, found, strict=True)}
        for found in rows[1:]
    ]


@pytest.fixture(scope="module")
def jsonl_dir(tmp_path_factory: pytest.TempPathFactory, bundled: corpus.Corpus) -> Path:
    target = tmp_path_factory.mktemp("jsonl")
    export(bundled, target, "jsonl")
    return target


def test_every_kind_of_value_has_a_table(bundled: corpus.Corpus) -> None:
    expected = [t for t in TABLES if t not in ("figures", "attributions")]
    assert list(tables(bundled))[: len(expected)] == expected


def test_rows_are_the_values_with_their_field_names(bundled: corpus.Corpus) -> None:
    passages = bundled.to_records("passages")
    assert [row["id"] for row in passages] == [p.id for p in bundled.passages()]
    mentions = bundled.to_records("mentions")
    every = [m for p in bundled.passages() for m in p.mentions]
    assert len(mentions) == len(every)
    for row, mention in zip(mentions, every, strict=True):
        assert row["actor_id"] == mention.actor_id
        assert (row["span_start"], row["span_end"]) == mention.span
        text = bundled.passage(row["passage_id"]).text
        assert text[row["span_start"] : row["span_end"]] == row["text"]
    documents = bundled.to_records("documents")
    for row, document in zip(documents, bundled.documents, strict=True):
        assert row["stance_category_id"] == document.stance.id
        assert row["source_date_when"] == document.source.date.when
        assert row["source_authors"] == list(document.source.authors)
        assert row["source_text"] == document.source_text()
        assert "passages" not in row  # the passages table names its document
    assert {row["document_id"] for row in passages} == {d.id for d in bundled.documents}


def test_nested_values_are_lists_of_records(bundled: corpus.Corpus) -> None:
    with_correction = next(p for p in bundled.passages() if p.corrections)
    row = next(r for r in bundled.to_records("passages") if r["id"] == with_correction.id)
    first = with_correction.corrections[0]
    assert row["corrections"][0] == {
        "span_start": first.span[0],
        "span_end": first.span[1],
        "printed": first.printed,
        "corrected": first.corrected,
    }
    assert row["voices"] == [chain_label(chain) for chain in with_correction.voices]


def test_every_table_holds_each_value_flattened_by_record(bundled: corpus.Corpus) -> None:
    # the tables are built a field at a time; each row is still what record() makes of its value
    values = {
        "passages": bundled.passages(),
        "mentions": [m for p in bundled.passages() for m in p.mentions],
        "actors": bundled.actors(),
        "works": bundled.references(),
        "citations": bundled.citations(),
        "quotes": bundled.quotes(),
        "quote_groups": bundled.quote_groups(),
        "categories": bundled.categories,
        "figures": bundled.figures(),
        "attributions": bundled.attributions(),
    }
    for table, found in values.items():
        rows = bundled.to_records(table)
        assert len(rows) == len(found) > 0, table
        for row, value in zip(rows, found, strict=True):
            expected = record(value)
            assert {k: row[k] for k in expected} == expected, (table, value)
    documents = bundled.to_records("documents")
    assert [{k: r[k] for k in r if k != "source_text"} for r in documents] == [
        record(d) for d in bundled.documents
    ]


def test_a_nested_value_some_rows_lack_is_null_in_those_rows() -> None:
    @attrs.frozen
    class Inner:
        when: str
        cert: str | None

    @attrs.frozen
    class Outer:
        id: str
        date: Inner | None
        span: tuple[int, int] | None

    values = [Outer("a", Inner("1992", None), (0, 3)), Outer("b", None, None)]
    columns = record_columns(values)
    assert columns == {
        "id": ["a", "b"],
        "date_when": ["1992", None],
        "date_cert": [None, None],
        "span_start": [0, None],
        "span_end": [3, None],
    }
    assert column_rows(columns)[0] == record(values[0])
    assert record_columns([Outer("c", None, None)])["date"] == [None]  # as record() gives
    assert record_columns([]) == {}


def test_voices_table_lists_every_link_of_every_chain(bundled: corpus.Corpus) -> None:
    rows = bundled.to_records("voices")
    assert len(rows) == sum(len(chain) for p in bundled.passages() for chain in p.voices)
    nested = next(p for p in bundled.passages() if len(p.voice) > 1)
    chief = [r for r in rows if r["passage_id"] == nested.id and r["chain"] == 0]
    assert [r["id"] for r in sorted(chief, key=lambda r: r["position"])] == [
        v.id for v in nested.voice
    ]


def test_jsonl_reads_back_as_the_records(bundled: corpus.Corpus, jsonl_dir: Path) -> None:
    for table in tables(bundled):
        lines = (jsonl_dir / f"{table}.jsonl").read_text("utf-8").splitlines()
        assert [json.loads(line) for line in lines] == bundled.to_records(table), table


def test_schema_lists_columns_and_rows(bundled: corpus.Corpus, jsonl_dir: Path) -> None:
    schema = json.loads((jsonl_dir / "schema.json").read_text("utf-8"))["tables"]
    for table in tables(bundled):
        records = bundled.to_records(table)
        assert schema[table]["rows"] == len(records)
        assert [c["name"] for c in schema[table]["columns"]] == list(records[0])


def test_csv_reads_back_as_the_records(bundled: corpus.Corpus, tmp_path: Path) -> None:
    """Every cell is flat: scalars as they are, lists and records as joined text."""
    export(bundled, tmp_path, "csv")
    schema = json.loads((tmp_path / "schema.json").read_text("utf-8"))["tables"]
    for table in tables(bundled):
        rows = read_csv(tmp_path / f"{table}.csv", schema[table])
        flat = [
            {k: _csv_text(v) if isinstance(v, (list, dict)) else v for k, v in row.items()}
            for row in bundled.to_records(table)
        ]
        assert rows == flat, table


def test_csv_holds_no_json(bundled: corpus.Corpus, tmp_path: Path) -> None:
    export(bundled, tmp_path, "csv")
    relations = read_csv(
        tmp_path / "actors.csv",
        json.loads((tmp_path / "schema.json").read_text("utf-8"))["tables"]["actors"],
    )
    for path in tmp_path.glob("*.csv"):
        text = path.read_text("utf-8")
        assert not re.search(r'\[\{|\{""|\[""', text), path.name
    sargsyan = next(r for r in relations if r["id"] == "serzh-sargsyan")
    assert "type=president-of" in sargsyan["relations"]
    assert "claimant=voice.author" in sargsyan["relations"]
    assert sargsyan["names"].startswith("Serzh Sargsyan; Sargsyan")


def test_export_without_a_format_works_on_a_base_install(
    bundled: corpus.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    written = export(bundled, tmp_path)
    assert written["documents"].suffix == ".csv"
    assert json.loads((tmp_path / "schema.json").read_text("utf-8"))["format"] == "csv"


def test_csv_keeps_empty_strings_apart_from_nulls(tmp_path: Path) -> None:
    rows = [{"a": "", "b": None, "c": 'say "x",\r\ny', "d": True, "e": [1, ""], "f": 0}]
    _write_csv({name: [value] for name, value in rows[0].items()}, tmp_path / "t.csv")
    types = ["string", "string", "string", "boolean", "list", "integer"]
    schema = {"columns": [{"name": n, "type": t} for n, t in zip("abcdef", types, strict=True)]}
    assert read_csv(tmp_path / "t.csv", schema) == [{**rows[0], "e": "1; "}]


def test_parquet_reads_back_as_the_records(bundled: corpus.Corpus, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    written = export(bundled, tmp_path, "parquet")
    for table in tables(bundled):
        assert parquet.read_table(written[table]).to_pylist() == bundled.to_records(table), table


def test_duckdb_joins_the_parquet_tables(bundled: corpus.Corpus, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    duckdb = pytest.importorskip("duckdb")
    export(bundled, tmp_path, "parquet")
    found = duckdb.sql(
        f"""select d.stance_category_label, count(*) from '{tmp_path}/mentions.parquet' m
        join '{tmp_path}/passages.parquet' p on m.passage_id = p.id
        join '{tmp_path}/documents.parquet' d on p.document_id = d.id
        group by all order by all"""  # noqa: S608 - the paths are the test's own
    ).fetchall()
    expected: dict[str, int] = {}
    for document in bundled.documents:
        for passage in document.passages:
            label = document.stance.label
            expected[label] = expected.get(label, 0) + len(passage.mentions)
    assert dict(found) == {k: v for k, v in expected.items() if v}


def test_frame_is_a_data_frame_of_the_records(bundled: corpus.Corpus) -> None:
    pytest.importorskip("pandas")
    frame = bundled.frame("passages")
    assert list(frame.columns) == list(bundled.to_records("passages")[0])
    assert list(frame["id"]) == [p.id for p in bundled.passages()]


def test_missing_optional_packages_name_the_extra(
    bundled: corpus.Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(corpus.CorpusError, match=r"khojaly-corpus\[tables\]"):
        bundled.frame("passages")
    with pytest.raises(corpus.CorpusError, match=r"khojaly-corpus\[tables\]"):
        export(bundled, tmp_path, "parquet")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("table", "fmt", "message"),
    [("nonsense", "jsonl", "no table 'nonsense'"), ("passages", "xlsx", "no export format")],
)
def test_unknown_tables_and_formats_are_refused(
    bundled: corpus.Corpus, tmp_path: Path, table: str, fmt: str, message: str
) -> None:
    with pytest.raises(corpus.CorpusError, match=message):
        export(bundled, tmp_path, fmt, only=[table])


def test_a_file_in_place_of_the_directory_is_refused(
    bundled: corpus.Corpus, tmp_path: Path
) -> None:
    target = tmp_path / "taken"
    target.write_text("", "utf-8")
    with pytest.raises(corpus.CorpusError, match="is a file"):
        export(bundled, target, "jsonl")


@attrs.frozen
class Figure:
    """Shaped like corpus.claims.Figure: a claimed number in a passage, with its claimant."""

    id: str
    passage_id: str
    span: tuple[int, int]
    text: str
    measure: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str | None
    unit: str | None
    claimant: tuple[corpus.Voice, ...]
    cert: str | None


def test_figures_are_exported_where_the_corpus_has_them(bundled: corpus.Corpus) -> None:
    passage = bundled.passage("wiki.4")
    figure = Figure(
        "wiki.f1", passage.id, (0, 3), passage.text[:3], "killed", 1, None, None, None,
        "person", passage.voice, None,
    )  # fmt: skip

    class WithFigures(corpus.Corpus):
        def figures(self) -> tuple[Figure, ...]:
            return (figure,)

    names = [f.name for f in attrs.fields(corpus.Corpus) if f.init]
    extended = WithFigures(**{n: getattr(bundled, n) for n in names})
    assert "figures" in tables(extended)
    assert "figures" not in tables(bundled) or callable(getattr(bundled, "figures", None))
    [row] = corpus_records(extended, "figures")
    assert (row["span_start"], row["span_end"]) == (0, 3)
    assert row["claimant"] == chain_label(passage.voice)
    assert row["measure"] == "killed"


def test_the_command_writes_the_tables(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "corpus"
    done = subprocess.run(
        [str(script), "export", str(tmp_path / "out"), "--format", "jsonl", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert {row["table"] for row in listed} == set(tables(corpus.load()))
    assert all(Path(row["path"]).is_file() for row in listed)
    assert not done.stderr  # no progress bar when stderr is not a terminal


def test_the_command_reports_a_bad_directory_in_one_line(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "corpus"
    (tmp_path / "file").write_text("", "utf-8")
    done = subprocess.run(
        [str(script), "export", str(tmp_path / "file"), "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "is a file" in done.stderr


def _type_cell_by_cell(cells: list[Any]) -> str:
    found = "null"
    for value in cells:
        if value is None:
            continue
        if isinstance(value, bool):
            return "boolean"
        if isinstance(value, int):
            found = "integer"
            continue
        return (
            "float" if isinstance(value, float) else "string" if isinstance(value, str) else "list"
        )
    return found


def test_column_types_read_in_one_sweep_are_those_read_cell_by_cell(
    bundled: corpus.Corpus,
) -> None:
    from corpus._tables import corpus_columns, tables
    from corpus.export import _column_type

    seen = set()
    for table in tables(bundled):
        for name, cells in corpus_columns(bundled, table).items():
            found = _column_type(cells)
            assert found == _type_cell_by_cell(cells), (table, name)
            seen.add(found)
    assert {"boolean", "integer", "string", "list", "null"} <= seen
    odd = [[None, 1, 2.5], [3, None, 2.0], [None], [], ["a", [1]], [1, "a"], [True, 1], [1, True]]
    for cells in odd:
        assert _column_type(cells) == _type_cell_by_cell(cells), cells
    assert _column_type([1, 2.0]) == "float"
    assert _column_type(iter([None, 3])) == "integer"
