"""The ``corpus`` console script, run as a user runs it: exit codes, JSON, plain output, errors."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corpus

SCRIPT = shutil.which("corpus", path=str(Path(sys.executable).parent)) or shutil.which("corpus")
ESCAPE = re.compile(r"\x1b\[")

pytestmark = pytest.mark.skipif(SCRIPT is None, reason="the corpus console script is not installed")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    return subprocess.run(
        [SCRIPT, *args],
        check=False,  # the exit status is what these tests check
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


COMMANDS = [
    ["docs"],
    ["show", "wiki"],
    ["show", "wiki.16"],
    ["search", "corridor"],
    ["search", '"humanitarian corridor"', "--limit", "1"],
    ["search", "corridor", "--context", "20"],
    ["search", r"Kho\w+ly", "--regex"],
    ["kwic", "corridor", "--width", "20"],
    ["actors"],
    ["actors", "--kind", "unit"],
    ["actor", "Sarkisian"],
    ["refs"],
    ["refs", "--kind", "book"],
    ["ref", "black-garden"],
    ["quotes"],
    ["quotes", "--speaker", "Sarkisian"],
    ["quotes", "--group", "sargsyan-stereotype"],
    ["validate"],
    ["stats"],
    ["figures"],
    ["figures", "killed"],
    ["figures", "killed-children", "--claimant", "voice.author"],
    ["figures", "--doc", "wiki"],
    ["attributions"],
    ["attributions", "--agent", "regiment-366"],
    ["attributions", "--act", "denies", "--doc", "wiki"],
    ["show", "wiki.f19"],
    ["show", "embassy.a1"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_subcommand_succeeds_on_the_bundled_corpus(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


JSON_COMMANDS = [c for c in COMMANDS if c[0] != "validate"]


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=" ".join)
def test_every_json_output_parses(args: list[str]) -> None:
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)


def test_json_output_holds_the_passage_ids(bundled: corpus.Corpus) -> None:
    search = json.loads(run("search", "corridor", "--json").stdout)
    assert [h["passage_id"] for h in search["hits"]] == [
        h.passage.id for h in bundled.search("corridor")
    ]
    assert search["total"] == len(search["hits"])
    show = json.loads(run("show", "wiki", "--json").stdout)
    assert [p["id"] for p in show["passages"]] == [p.id for p in bundled.document("wiki").passages]
    passage = json.loads(run("show", "wiki.16", "--json").stdout)
    assert passage["id"] == "wiki.16"
    assert passage["voice"] == "serzh-sargsyan"
    assert {m["actor_id"] for m in passage["mentions"]} >= {"serzh-sargsyan", "khojaly"}
    kwic = json.loads(run("kwic", "corridor", "--json").stdout)
    assert {line["passage_id"] for line in kwic["lines"]} == {
        h.passage.id for h in bundled.search("corridor")
    }
    actor = json.loads(run("actor", "Sarkisian", "--json").stdout)
    assert {m["passage_id"] for m in actor["mentions"]} == {
        m.passage_id for m in bundled.mentions("serzh-sargsyan")
    }
    ref = json.loads(run("ref", "black-garden", "--json").stdout)
    assert [c["passage_id"] for c in ref["citations"]] == [
        c.passage_id for c in bundled.citations("black-garden")
    ]
    quotes = json.loads(run("quotes", "--speaker", "Sarkisian", "--json").stdout)
    assert [q["passage_id"] for q in quotes] == [
        q.passage_id for q in bundled.quotes(speaker="serzh-sargsyan")
    ]


def test_json_field_names_match_the_python_objects(bundled: corpus.Corpus) -> None:
    docs = json.loads(run("docs", "--json").stdout)
    assert [d["id"] for d in docs] == [d.id for d in bundled.documents]
    assert set(docs[0]["source"]) == {
        f.name
        for f in corpus.Source.__attrs_attrs__  # type: ignore[attr-defined]
    }
    refs = json.loads(run("refs", "--json").stdout)
    fields = {f.name for f in corpus.Reference.__attrs_attrs__}  # type: ignore[attr-defined]
    assert set(refs[0]) == fields | {"cited_by"}


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["search", "Khojaly"], {"NO_COLOR": "1"}),
        (["show", "wiki.16"], {"NO_COLOR": "1", "FORCE_COLOR": ""}),
        (["search", "Khojaly"], {}),
        (["actor", "Sarkisian"], {}),
        (["quotes", "--group", "sargsyan-stereotype"], {}),
    ],
)
def test_no_escape_codes_with_no_color_or_when_piped(args: list[str], env: dict[str, str]) -> None:
    result = run(*args, env=env)  # stdout is a pipe here
    assert result.returncode == 0
    assert not ESCAPE.search(result.stdout)


def test_a_malformed_query_exits_2_with_one_line_and_no_traceback() -> None:
    result = run("search", '"unclosed phrase')
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("corpus: invalid query, this quote is not closed")
    assert "column 1" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "doc:nowhere"], "no document 'nowhere'"),
        (["show", "nothing"], "no document 'nothing'"),
        (["show", "wiki.999"], "wiki has passages wiki.1 to wiki.78"),
        (["actor", "Sargysan"], "closest spellings: Sargsyan"),
        (["ref", "black-gardens"], "closest ids: black-garden"),
        (["quotes", "--group", "nope"], "the groups are"),
        (["search", r"(\S+?\s*?)*\d\d\d\d\d\d\d\d\d", "--regex"], None),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["search"], "the following arguments are required: query"),
        (["--corpus", "/nonexistent", "docs"], "holds no corpus.xml"),
    ],
)
def test_user_errors_are_one_line_on_stderr_with_exit_2(
    args: list[str], expected: str | None
) -> None:
    result = run(*args)
    if expected is None:  # a runaway regex stops at its limit: one line, exit 2
        assert "ran longer than" in result.stderr
    else:
        assert expected in result.stderr
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_a_search_finding_nothing_exits_1() -> None:
    result = run("search", "zzzyzzx")
    assert result.returncode == 1
    assert result.stderr == ""
    empty = run("search", "zzzyzzx", "--json")
    assert empty.returncode == 1
    assert json.loads(empty.stdout)["hits"] == []


def test_version_names_package_and_data(bundled: corpus.Corpus) -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"corpus {corpus.__version__}, data {bundled.version}"


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path, data_dir: Path) -> None:
    target = tmp_path / "corpus"
    shutil.copytree(data_dir, target)
    text = target / "texts" / "wiki.xml"
    text.write_text(
        text.read_text("utf-8").replace('target="#wiki.47"', 'target="#wiki.470"'), "utf-8"
    )
    result = run("validate", str(target))
    assert result.returncode == 1
    assert "no element has the id 'wiki.470'" in result.stdout
    problems = json.loads(run("validate", str(target), "--json").stdout)["problems"]
    assert problems
    assert all(set(p) == {"file", "line", "message"} for p in problems)


def test_another_corpus_directory_is_read_with_corpus_option(data_dir: Path) -> None:
    result = run("--corpus", str(data_dir), "stats", "--json")
    assert json.loads(result.stdout)["documents"] == 5


def test_python_dash_m_corpus_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "corpus", "search", "Xocali", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [h["passage_id"] for h in json.loads(result.stdout)["hits"]] == ["ndnnews.12"]


def test_no_command_prints_help_and_exits_2() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: corpus" in result.stdout


def test_figures_json_is_the_comparison_with_field_names(bundled: corpus.Corpus) -> None:
    rows = json.loads(run("figures", "killed-children", "--json").stdout)
    assert rows == bundled.compare_figures("killed-children").to_records()
    assert {r["document_id"]: r["value"] for r in rows if r["value"] == 83} == {"wiki": 83}


def test_figures_compare_one_scope_unless_asked(bundled: corpus.Corpus) -> None:
    war = {f.id for f in bundled.figures(scope="war")}
    assert war
    by_scope: dict[str, set[str]] = {}
    for scope in ("khojaly", "war", "all"):
        args = ["figures", "--json"] + ([] if scope == "khojaly" else ["--scope", scope])
        rows = json.loads(run(*args).stdout)
        by_scope[scope] = {f for row in rows for f in row["figures"]}
        assert all(row["scope"] == f"scope.{scope}" for row in rows) or scope == "all"
    shown = by_scope["khojaly"]
    assert not shown & war
    assert by_scope["war"] == war
    assert by_scope["all"] == shown | war | {f.id for f in bundled.figures(scope="other-event")}


def test_figures_table_prints_each_claimant(bundled: corpus.Corpus) -> None:
    out = run("figures", "killed", env={"COLUMNS": "160"}).stdout
    for claimant in ("azerbaijani-authorities", "human-rights-watch", "voice.official"):
        assert claimant in out
    assert "500–1,000" in out


def test_attributions_json_uses_the_field_names(bundled: corpus.Corpus) -> None:
    data = json.loads(run("attributions", "--agent", "regiment-366", "--json").stdout)
    assert [a["id"] for a in data] == [a.id for a in bundled.attributions("regiment-366")]
    assert set(data[0]) == {
        "id",
        "passage_id",
        "document_id",
        "agent",
        "act",
        "claimant",
        "text",
        "cert",
        "implied",
    }


def test_showing_a_figure_shows_its_passage() -> None:
    out = run("show", "embassy.f4", env={"COLUMNS": "200"}).stdout
    assert "63 children" in out
    assert "measure.killed-children" in out
    assert "Invaders destroyed Khojaly" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["figures", "deaths"], "no measure 'deaths'"),
        (["figures", "killed", "--scope", "moon"], "no scope 'moon'"),
        (["attributions", "--act", "ordered"], "no act 'ordered'"),
        (["show", "wiki.f999"], "no figure 'wiki.f999'"),
        (["show", "wiki.a999"], "no attribution 'wiki.a999'"),
    ],
)
def test_unknown_claims_are_one_line_errors(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def _options(parser: argparse.ArgumentParser, command: str) -> set[str]:
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert isinstance(commands, dict)
    return set(commands[command]._option_string_actions)


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert isinstance(commands, dict)
    return set(commands)


def test_only_the_command_run_is_built_and_every_command_is_listed_otherwise() -> None:
    from corpus.cli import _parser

    argv = ["--corp", "search", "actors", "--kind", "unit"]  # a corpus directory named "search"
    parser = _parser(argv)
    assert _commands(parser) == {"actors"}
    assert "--kind" in _options(parser, "actors")
    assert "--regex" in _options(_parser(["search", "x"]), "search")
    every = _commands(_parser())  # no command (--help), for the docs
    assert {"search", "kwic", "export", "review", "draft"} <= every
    assert {"--format", "--overwrite"} <= _options(_parser(), "export")
    assert _commands(_parser(["serch", "x"])) == every  # a mistyped command: all of them
    args = parser.parse_args(argv)
    assert (args.corpus, args.command, args.kind) == (["search"], "actors", "unit")


def test_a_mistyped_command_names_every_command() -> None:
    done = run("serch", "genocide")
    assert done.returncode == 2
    assert "invalid choice: 'serch'" in done.stderr
    assert all(f"'{name}'" in done.stderr for name in ("search", "kwic", "export", "review"))
