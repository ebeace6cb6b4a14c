"""The speed targets at scale, each a ratio measured in this one run.

    python benchmarks/targets.py                  # the corpus written 1000 times over
    python benchmarks/targets.py --quick          # 100 times over, fewer repeats: under a minute
    python benchmarks/targets.py --against /path/to/other/src   # and an earlier version, same run

Rows:

1. search + passage ids (``Hits.passages()``) for a word, a frequent word, "the" and a phrase,
   against SQLite FTS5 (standard library) over the same passages, the two run in turn 15 times
   and each the median of its runs, and the same search reading every hit with its spans;
2. the first search after a compiled load against its later runs, and against a later run made
   just after 64 MB were written (which leaves nothing of the index or the passages in the CPU
   caches): "first/cold" near 1 says the first run does no work the later ones skip;
3. a whole process that imports corpus and makes a compiled load, against one that parses the
   same files with lxml and nothing else;
4. peak memory (max RSS) after the compiled load, against the bytes of XML;
5. the first load (XML read, index built, cache written) against the same bare lxml parse;
6. Parquet export of every table against pyarrow's ``write_table`` of the same columns
   (needs pyarrow);
7. the shipped corpus: a fresh process that imports, loads and searches, against one that parses
   the shipped files with lxml and counts a word;
8. ``corpus search WORD`` with its output piped, against the same search printed by
   ``python -c``.

With ``--against``, rows 1-6 are measured with the package at that ``src`` directory too, on the
same replicated corpus. Leave the package's modules alone while it runs: their times of change
are part of the compiled cache's key, so an edit makes every later load an uncached one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from _replicate import replicate

QUERIES = {
    "word": "corridor",
    "frequent": "Armenian",
    "the": "the",
    "phrase": '"humanitarian corridor"',
}

SEARCH = """
import gc, json, resource, sqlite3, statistics, sys, time
import corpus
path = sys.argv[1]
start = time.perf_counter()
c = corpus.load(path)  # compiled: the parent has loaded it once
load = time.perf_counter() - start
memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
queries = json.loads(sys.argv[2])
def ours(q):
    hits = c.search(q)
    if hasattr(hits, "passages"):
        return [p.id for p in hits.passages()]
    return [h.passage.id for h in hits]  # before Hits.passages()
def spans(q):
    return [(h.passage.id, h.spans) for h in c.search(q)]
first = {}
for name, q in queries.items():
    t = time.perf_counter(); ours(q); first[name] = time.perf_counter() - t
def median(run, n):
    times = []
    for _ in range(n):
        t = time.perf_counter(); run(); times.append(time.perf_counter() - t)
    return statistics.median(times)
with_spans = {name: median(lambda q=q: spans(q), 5) for name, q in queries.items()}
passages = [p for p in c.passages() if not p.boilerplate]
db = sqlite3.connect(":memory:")
db.execute("create virtual table p using fts5(text, tokenize='unicode61 remove_diacritics 2')")
db.executemany("insert into p(rowid, text) values (?, ?)", ((n, p.text) for n, p in enumerate(passages)))
db.commit()
def fts(q):
    return [passages[n].id for (n,) in db.execute("select rowid from p where p match ? order by rowid", (q,))]
def paired(q, n):
    # ours and FTS5 in turn, so that a slow moment of a shared machine slows both alike
    mine, theirs = [], []
    for _ in range(n):
        t = time.perf_counter(); ours(q); mine.append(time.perf_counter() - t)
        t = time.perf_counter(); fts(q); theirs.append(time.perf_counter() - t)
    return statistics.median(mine), statistics.median(theirs)
times = {name: paired(q, 15) for name, q in queries.items()}
def cold(q, n):
    # a later run just after 64 MB were written: what a first run pays for the CPU caches alone
    found = []
    for _ in range(n):
        junk = bytearray(64 << 20); junk[::64] = bytes(len(junk) // 64); del junk
        t = time.perf_counter(); ours(q); found.append(time.perf_counter() - t)
    return statistics.median(found)
cold_times = {name: cold(q, 5) for name, q in queries.items()}
later = {name: found[0] for name, found in times.items()}
fts_times = {name: found[1] for name, found in times.items()}
same = {name: ours(q) == fts(q) for name, q in queries.items() if name != "phrase"}
print(json.dumps(dict(load=load, memory=memory, first=first, later=later, spans=with_spans,
                      fts=fts_times, same=same, cold=cold_times)))
"""

PARSE = """
import sys
from pathlib import Path
from lxml import etree
for file in sorted(Path(sys.argv[1]).rglob("*.xml")):
    etree.parse(str(file))
"""

EXPORT = """
import json, sys, tempfile, time
from pathlib import Path
import corpus
from corpus.export import export
try:
    import pyarrow as pa, pyarrow.parquet as pq
except ImportError:
    print(json.dumps(None)); raise SystemExit
c = corpus.load(sys.argv[1])
with tempfile.TemporaryDirectory() as tmp:
    start = time.perf_counter()
    export(c, Path(tmp) / "ours", "parquet", progress=False)
    ours = time.perf_counter() - start
    tables = [pq.read_table(f) for f in sorted((Path(tmp) / "ours").glob("*.parquet"))]
    rows = sum(t.num_rows for t in tables)
    start = time.perf_counter()
    for number, table in enumerate(tables):
        pq.write_table(table, Path(tmp) / f"plain-{number}.parquet")
    plain = time.perf_counter() - start
print(json.dumps(dict(ours=ours, plain=plain, rows=rows)))
"""


def run(code: str, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    return done.stdout


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.PIPE)
    return time.perf_counter() - start


def environment(src: Path | None, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CORPUS_CACHE_DIR"] = str(cache)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def at_scale(src: Path | None, corpus_dir: Path, cache: Path, runs: int) -> dict[str, Any]:
    """Rows 1-6 for the package at ``src`` (this checkout when None)."""
    env = environment(src, cache)
    load = [sys.executable, "-c", f"import corpus; corpus.load({str(corpus_dir)!r})"]
    parse = [sys.executable, "-c", textwrap.dedent(PARSE), str(corpus_dir)]
    first, compiled, bare = [], [], []
    for _ in range(runs):  # interleaved: a slow moment of the machine hits every kind
        shutil.rmtree(cache, ignore_errors=True)
        first.append(timed(load, env))
        compiled.append(timed(load, env))
        bare.append(timed(parse, env))
    found = json.loads(run(SEARCH, str(corpus_dir), json.dumps(QUERIES), env=env).splitlines()[-1])
    found["first_load"] = statistics.median(first)
    found["compiled_load"] = statistics.median(compiled)
    found["bare_parse"] = statistics.median(bare)
    found["export"] = json.loads(run(EXPORT, str(corpus_dir), env=env).splitlines()[-1])
    return found


def shipped(runs: int, cache: Path) -> dict[str, float]:
    """Rows 7 and 8: the shipped corpus, in fresh processes."""
    env = environment(None, cache)
    data = run("import corpus._data as d; print(d.bundled_directory())", env=env).strip()
    whole = [sys.executable, "-c", "import corpus; corpus.load().search('genocide')"]
    floor = textwrap.dedent(f"""
        from pathlib import Path
        from lxml import etree
        count = 0
        for file in sorted(Path({data!r}).rglob("*.xml")):
            count += "".join(etree.parse(str(file)).getroot().itertext()).count("genocide")
        """)
    cli = [str(Path(sys.executable).with_name("corpus")), "search", "genocide"]
    script = (
        "import corpus\n"
        "for hit in corpus.load().search('genocide'):\n"
        "    print(hit.passage.id, hit.passage.text)"
    )
    kinds = {
        "whole": whole,
        "floor": [sys.executable, "-c", floor],
        "cli": cli,
        "script": [sys.executable, "-c", script],
    }
    for command in kinds.values():  # bytecode and the compiled cache written
        timed(command, env)
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind, command in kinds.items():
            times[kind].append(timed(command, env))
    return {kind: statistics.median(values) for kind, values in times.items()}


def report(label: str, found: dict[str, Any], size: int) -> None:
    first, later, fts, spans = found["first"], found["later"], found["fts"], found["spans"]
    bare = found["bare_parse"]
    print(f"\n{label}")
    print(
        f"  {'query':>9} {'ids ms':>8} {'FTS5 ms':>8} {'ids/FTS5':>9} {'spans ms':>9} "
        f"{'spans/FTS5':>10} {'first/later':>11} {'first/cold':>10} {'same':>5}"
    )
    cold = found.get("cold", {})
    for name in QUERIES:
        same = found["same"].get(name, "—")
        against_cold = f"{first[name] / cold[name]:10.2f}" if name in cold else f"{'—':>10}"
        print(
            f"  {name:>9} {later[name] * 1000:8.1f} {fts[name] * 1000:8.1f} "
            f"{later[name] / fts[name]:9.2f} {spans[name] * 1000:9.1f} "
            f"{spans[name] / fts[name]:10.2f} {first[name] / later[name]:11.2f} {against_cold} "
            f"{same!s:>5}"
        )
    print(
        f"  import + compiled load {found['compiled_load']:.2f} s / bare lxml parse {bare:.2f} s"
        f" = {found['compiled_load'] / bare:.2f}×"
    )
    print(f"  peak memory after compiled load / XML bytes: {found['memory'] / size:.2f}×")
    print(
        f"  first load (XML, index, cache) {found['first_load']:.2f} s / bare lxml parse"
        f" = {found['first_load'] / bare:.2f}×"
    )
    export = found["export"]
    if export is None:
        print("  Parquet export: not measured (pyarrow is not installed)")
    else:
        print(
            f"  Parquet export of {export['rows']:,} rows {export['ours']:.2f} s / pyarrow "
            f"write_table {export['plain']:.2f} s = {export['ours'] / export['plain']:.1f}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="100 copies, fewer repeats")
    parser.add_argument("--against", type=Path, help="another src directory to measure too")
    args = parser.parse_args()
    copies, runs = (100, 1) if args.quick else (args.copies, 3)
    data = Path(__file__).resolve().parents[1] / "corpus_data"
    with tempfile.TemporaryDirectory() as tmp:
        small = shipped(5 if args.quick else 15, Path(tmp) / "cache-shipped")
        print("shipped corpus, fresh processes, medians:")
        print(
            f"  import + load + search {small['whole'] * 1000:.0f} ms / lxml parse + count "
            f"{small['floor'] * 1000:.0f} ms = {small['whole'] / small['floor']:.2f}×"
        )
        print(
            f"  `corpus search genocide` piped {small['cli'] * 1000:.0f} ms / the same via "
            f"python -c {small['script'] * 1000:.0f} ms = {small['cli'] / small['script']:.2f}×"
        )
        corpus_dir = Path(tmp) / "corpus"
        size = replicate(data, corpus_dir, copies)
        print(f"\n{copies} copies: {size / 1e6:.0f} MB of XML")
        found = at_scale(None, corpus_dir, Path(tmp) / "cache-new", runs)
        report("this checkout", found, size)
        if args.against is not None:
            before = at_scale(args.against, corpus_dir, Path(tmp) / "cache-old", runs)
            report(str(args.against), before, size)


if __name__ == "__main__":
    main()
