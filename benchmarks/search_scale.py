"""Search at scale against SQLite FTS5, the first search after a compiled load, and memory.

    python benchmarks/search_scale.py --copies 1000
    python benchmarks/search_scale.py --copies 1000 --against /path/to/other/src

Every figure is a ratio measured in this one run. With ``--against``, the same measurements run
with the package at that ``src`` directory too (an earlier version, for before/after), on the
same replicated corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

from _replicate import replicate

QUERIES = {
    "word": "corridor",
    "frequent": "Armenian",
    "the": "the",
    "phrase": '"humanitarian corridor"',
}

CHILD = """
import gc, json, resource, sqlite3, statistics, sys, time
import corpus
path = sys.argv[1]
start = time.perf_counter()
c = corpus.load(path)  # compiled: the parent has loaded it once
load = time.perf_counter() - start
memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
queries = json.loads(sys.argv[2])
def ours(q):
    return [h.passage.id for h in c.search(q)]
first = {}
for name, q in queries.items():
    t = time.perf_counter(); ours(q); first[name] = time.perf_counter() - t
def median(run, n=7):
    times = []
    for _ in range(n):
        t = time.perf_counter(); run(); times.append(time.perf_counter() - t)
    return statistics.median(times)
later = {name: median(lambda q=q: ours(q)) for name, q in queries.items()}
passages = [p for p in c.passages() if not p.boilerplate]
db = sqlite3.connect(":memory:")
db.execute("create virtual table p using fts5(text, tokenize='unicode61 remove_diacritics 2')")
db.executemany("insert into p(rowid, text) values (?, ?)", ((n, p.text) for n, p in enumerate(passages)))
db.commit()
def fts(q):
    return [passages[n].id for (n,) in db.execute("select rowid from p where p match ? order by rowid", (q,))]
fts_times = {name: median(lambda q=q: fts(q)) for name, q in queries.items()}
same = {name: ours(q) == fts(q) for name, q in queries.items() if name != "phrase"}
print(json.dumps(dict(load=load, memory=memory, first=first, later=later, fts=fts_times, same=same)))
"""


def measure(src: Path | None, corpus_dir: Path, cache: Path) -> dict[str, Any]:
    env = {**os.environ, "CORPUS_CACHE_DIR": str(cache)}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    warmup = f"import corpus; corpus.load({str(corpus_dir)!r})"  # compiles the cache
    subprocess.run([sys.executable, "-c", warmup], check=True, env=env)
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), str(corpus_dir), json.dumps(QUERIES)],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])  # type: ignore[no-any-return]


def report(label: str, found: dict[str, Any], size: int) -> None:
    first, later, fts = found["first"], found["later"], found["fts"]
    print(f"\n{label}: compiled load {found['load']:.2f} s")
    print(f"  peak memory after compiled load / XML bytes: {found['memory'] / size:.2f}×")
    print(
        f"  {'query':>9} {'ours ms':>9} {'FTS5 ms':>9} {'ours/FTS5':>9} {'first/later':>11} {'same':>5}"
    )
    for name in QUERIES:
        same = found["same"].get(name, "—")
        print(
            f"  {name:>9} {later[name] * 1000:9.1f} {fts[name] * 1000:9.1f} "
            f"{later[name] / fts[name]:9.2f} {first[name] / later[name]:11.2f} {same!s:>5}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--against", type=Path, help="another src directory to measure too")
    args = parser.parse_args()
    data = Path(__file__).resolve().parents[1] / "corpus_data"
    with tempfile.TemporaryDirectory() as tmp:
        corpus_dir = Path(tmp) / "corpus"
        size = replicate(data, corpus_dir, args.copies)
        print(f"{args.copies} copies: {size / 1e6:.0f} MB of XML")
        report("this checkout", measure(None, corpus_dir, Path(tmp) / "cache-new"), size)
        if args.against is not None:
            report(
                str(args.against), measure(args.against, corpus_dir, Path(tmp) / "cache-old"), size
            )


if __name__ == "__main__":
    main()
