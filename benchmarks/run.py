"""Performance of `corpus`, measured as ratios within one run (never asserted as a test).

    python benchmarks/run.py                 # every measurement, sizes 1, 10, 100 and 1000
    python benchmarks/run.py --sizes 1,10    # a quicker scaling run

1. cold start: ``import corpus; corpus.load(); two searches`` in a fresh interpreter, with the
   compiled cache and without it (``cache=False``), against the floor: bare lxml parsing the
   same shipped files plus a plain string count; min/median/max of interleaved runs;
2. warm query latency (median, p95) for words, phrases, filters and a regular expression;
3. scaling: the corpus replicated 1x, 10x, 100x, 1000x with fresh ids in a temporary
   directory: load time, peak memory, index size, and an indexed word query against a naive
   ``re`` scan over every passage text;
4. the compiled cache at the same sizes: the first load (XML, index, cache written) and later
   loads (compiled) against the XML load; the cache codec (marshal) against JSON;
5. SQLite FTS5 (standard library) on the same passages: build time and word/phrase latency,
   checked to return the same passages on plain-word queries;
6. export throughput (JSON Lines, CSV, and Parquet where pyarrow is installed);
7. the same concordance with NLTK's XMLCorpusReader and ConcordanceIndex (``pip install nltk``).

Each measurement runs in its own interpreter, with bytecode caching on, as a user's
installation has it.
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

from _replicate import replicate

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CACHE = tempfile.mkdtemp(prefix="corpus-bench-cache-")  # compiled corpora of this run only
ENV["CORPUS_CACHE_DIR"] = CACHE


def data_directory() -> Path:
    code = "import corpus._data as d; print(d.bundled_directory())"
    return Path(subprocess.check_output([sys.executable, "-c", code], env=ENV, text=True).strip())


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
    return time.perf_counter() - start


def child(code: str) -> dict[str, float]:
    """Run measurement code in a fresh interpreter; it prints one JSON object."""
    output = subprocess.check_output([sys.executable, "-c", textwrap.dedent(code)], env=ENV)
    return json.loads(output.decode().strip().splitlines()[-1])  # type: ignore[no-any-return]


def child_env(code: str, env: dict[str, str]) -> dict[str, float]:
    """`child` with its own environment."""
    output = subprocess.check_output([sys.executable, "-c", textwrap.dedent(code)], env=env)
    return json.loads(output.decode().strip().splitlines()[-1])  # type: ignore[no-any-return]


# ------------------------------------------------------------------ 1. cold start


def spread(values: list[float], scale: float = 1.0, digits: int = 1) -> str:
    """min / median / max of a list of measurements."""
    low, mid, high = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    return f"{low:.{digits}f} / {mid:.{digits}f} / {high:.{digits}f}"


def cold(data: Path, runs: int = 15) -> None:
    search = "c.search('genocide'); c.search('\"humanitarian corridor\"')"
    cached = f"import corpus; c = corpus.load(); {search}"
    xml = f"import corpus; c = corpus.load(cache=False); {search}"
    floor = textwrap.dedent(f"""
        from pathlib import Path
        from lxml import etree
        count = 0
        for file in sorted(Path({str(data)!r}).rglob("*.xml")):
            text = "".join(etree.parse(str(file)).getroot().itertext())
            count += text.count("genocide") + text.count("humanitarian corridor")
        """)
    for _ in range(2):  # bytecode and the compiled cache written, files in the page cache
        timed(cached), timed(xml), timed(floor)
    times: dict[str, list[float]] = {"cached": [], "xml": [], "floor": [], "start": []}
    for _ in range(runs):  # interleaved, so a slow moment of the machine hits every kind
        times["cached"].append(timed(cached))
        times["xml"].append(timed(xml))
        times["floor"].append(timed(floor))
        times["start"].append(timed("pass"))
    ratio_cached = [a / b for a, b in zip(times["cached"], times["floor"], strict=True)]
    ratio_xml = [a / b for a, b in zip(times["xml"], times["floor"], strict=True)]
    rich = child(
        "import corpus, sys, json; print(json.dumps({'rich': 'rich' in sys.modules, 'lxml': 'lxml' in sys.modules}))"
    )
    print(f"1. cold start: {runs} interleaved fresh interpreters, ms as min / median / max")
    print(
        f"   corpus, compiled cache: import, load, two searches   {spread(times['cached'], 1000)}"
    )
    print(f"   corpus, XML (cache=False)                            {spread(times['xml'], 1000)}")
    print(f"   floor: lxml parse + string count                     {spread(times['floor'], 1000)}")
    print(f"   interpreter start alone                              {spread(times['start'], 1000)}")
    print(
        f"   ratio compiled / floor (per run)                     {spread(ratio_cached, digits=2)}   (target <= 1.3)"
    )
    print(f"   ratio XML / floor (per run)                          {spread(ratio_xml, digits=2)}")
    s_ = statistics.median(times["start"])
    net = (statistics.median(times["cached"]) - s_) / (statistics.median(times["floor"]) - s_)
    print(f"   ratio of medians without interpreter start           {net:.2f}")
    print(f"   import corpus imports rich: {rich['rich']}, lxml: {rich['lxml']}")
    parts = child("""
        import json, time
        marks = [time.perf_counter()]
        import attrs; marks.append(time.perf_counter())
        import corpus; marks.append(time.perf_counter())
        c = corpus.load(); marks.append(time.perf_counter())
        c.search("genocide"); marks.append(time.perf_counter())
        c.search('"humanitarian corridor"'); marks.append(time.perf_counter())
        names = ["import attrs", "import corpus (rest)", "load (compiled)", "first search", "second search"]
        print(json.dumps({n: (b - a) * 1000 for n, a, b in zip(names, marks, marks[1:])}))
        """)
    print("   where the time goes: " + ", ".join(f"{k} {v:.0f} ms" for k, v in parts.items()))


# ------------------------------------------------------------------ 2. warm latency


def warm() -> None:
    result = child("""
        import json, statistics, time
        import corpus
        c = corpus.load()
        c.search("Khojaly")
        queries = {
            "word": ("genocide", {}, 200),
            "phrase": ('"humanitarian corridor"', {}, 200),
            "prefix and OR": ("genocid* OR massacre*", {}, 200),
            "filters": ("massacre stance:genocide -doc:embassy", {}, 200),
            "actor filter": ("actor:Sarkisian", {}, 200),
            "regex (in-process)": (r"Kho\\w+ly", {"regex": True}, 20),
        }
        out = {}
        for name, (query, options, runs) in queries.items():
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                c.search(query, **options)
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            out[name] = [statistics.median(times), times[int(len(times) * 0.95) - 1]]
        print(json.dumps(out))
        """)
    print("\n2. warm query latency (ms)")
    print(f"   {'query':24} {'median':>8} {'p95':>8}")
    for name, (median, p95) in result.items():
        print(f"   {name:24} {median:8.3f} {p95:8.3f}")


# ------------------------------------------------------------------ 3. scaling


def scaling(data: Path, sizes: list[int]) -> None:
    print("\n3. scaling: the corpus replicated with fresh ids")
    print(
        f"   {'copies':>6} {'XML MB':>7} {'passages':>8} {'load s':>7} {'s/MB':>6} {'peak MB':>8}"
        f" {'peak/XML':>8} {'index MB':>8} {'index s':>7} {'query ms':>9} {'scan ms':>9} {'scan/query':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for copies in sizes:
            directory = Path(tmp) / f"x{copies}"
            size = replicate(data, directory, copies)
            r = child(f"""
                import json, re, resource, statistics, sys, time
                import corpus
                before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                start = time.perf_counter()
                c = corpus.load({str(directory)!r}, cache=False)
                load = time.perf_counter() - start
                start = time.perf_counter()
                index = c._search_index()
                build = time.perf_counter() - start
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                arrays = [index.sequence, index.starts, index.lengths, *index.postings]
                index_bytes = (sum(a.buffer_info()[1] * a.itemsize for a in arrays)
                    + sys.getsizeof(index.ids) + sum(sys.getsizeof(w) for w in index.words)
                    + sys.getsizeof(index.offsets) + sys.getsizeof(index.alternates))
                def best(run, n):
                    times = []
                    for _ in range(n):
                        t = time.perf_counter(); found = run(); times.append(time.perf_counter() - t)
                    return statistics.median(times), found
                query, hits = best(lambda: len(c.search("corridor")), 7)
                pattern = re.compile(r"\\bcorridor\\b", re.IGNORECASE)
                texts = [p.text for p in c.passages() if not p.boilerplate]
                def naive():  # the same answer: matching passages with their spans
                    found = [(t, [m.span() for m in pattern.finditer(t)]) for t in texts]
                    return len([spans for _, spans in found if spans])
                scan, found = best(naive, 3)
                assert hits == found, (hits, found)
                print(json.dumps(dict(load=load, build=build, peak=peak / 1024, base=before / 1024,
                    index=index_bytes / 2**20, query=query * 1000, scan=scan * 1000,
                    passages=len(texts))))
                """)
            mb = size / 2**20
            print(
                f"   {copies:>6} {mb:7.2f} {r['passages']:>8.0f} {r['load']:7.2f} {r['load'] / mb:6.2f}"
                f" {r['peak']:8.1f} {(r['peak'] - r['base']) / mb:8.2f} {r['index']:8.2f}"
                f" {r['build']:7.2f} {r['query']:9.3f} {r['scan']:9.2f} {r['scan'] / r['query']:10.1f}"
            )
            shutil.rmtree(directory)
    print("   peak/XML counts memory above the interpreter's own at start; targets: load time")
    print(
        "   linear in size (s/MB flat), peak <= 5x the XML bytes, scan/query >= 50 at 1000 copies"
    )


# ------------------------------------------------------------------ 4. compiled cache


def compiled(data: Path, sizes: list[int], runs: int = 3) -> None:
    print("\n4. compiled cache against the XML, seconds as min / median / max of runs")
    print(
        f"   {'copies':>6} {'XML MB':>7} {'XML load':>20} {'XML load + index':>20} {'first load (writes)':>20}"
        f" {'compiled load':>20} {'XML/compiled':>18} {'peak/XML':>8} {'cache MB':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for copies in sizes:
            directory = Path(tmp) / f"x{copies}"
            size = replicate(data, directory, copies)
            cache = Path(tmp) / f"cache{copies}"
            env = {**ENV, "CORPUS_CACHE_DIR": str(cache)}
            measure = f"""
                import json, resource, time
                import corpus
                before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                start = time.perf_counter()
                c = corpus.load({str(directory)!r}, cache=CACHE)
                load = time.perf_counter() - start
                start = time.perf_counter()
                c._search_index()
                index = time.perf_counter() - start
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                print(json.dumps(dict(load=load, index=index, peak=peak / 1024, base=before / 1024)))
                """
            xml, first, second = [], [], []
            for _ in range(runs):
                xml.append(child_env(measure.replace("CACHE", "False"), env))
                shutil.rmtree(cache, ignore_errors=True)
                first.append(child_env(measure.replace("CACHE", "True"), env))
                second.append(child_env(measure.replace("CACHE", "True"), env))
            cache_mb = sum(f.stat().st_size for f in cache.glob("*.corpus")) / 2**20
            mb = size / 2**20
            xml_load = [r["load"] for r in xml]
            xml_total = [r["load"] + r["index"] for r in xml]
            first_total = [r["load"] + r["index"] for r in first]
            second_total = [r["load"] + r["index"] for r in second]
            ratio = [a / b for a, b in zip(xml_load, second_total, strict=True)]
            peak = max((r["peak"] - r["base"]) / mb for r in second)
            print(
                f"   {copies:>6} {mb:7.2f} {spread(xml_load, digits=2):>20} {spread(xml_total, digits=2):>20}"
                f" {spread(first_total, digits=2):>20} {spread(second_total, digits=2):>20}"
                f" {spread(ratio, digits=1):>18} {peak:8.2f} {cache_mb:8.1f}"
            )
            shutil.rmtree(directory)
            shutil.rmtree(cache, ignore_errors=True)
    print("   compiled load includes its search index; XML/compiled is the XML load over the")
    print(
        "   compiled load, per run (target >= 10 at 1000 copies); peak/XML is the compiled load's"
    )
    print("   memory above the interpreter's own, over the XML bytes (target <= 5)")


def codec(data: Path, copies: int = 100) -> None:
    """The cache's codec (marshal) against JSON, on the same records."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "corpus"
        replicate(data, directory, copies)
        r = child(f"""
            import json, marshal, time
            import corpus
            from corpus import _cache
            c = corpus.load({str(directory)!r}, cache=False)
            records = []  # the frames of values the cache holds
            encoder = _cache._Encoder(records.append)
            encoder.encode(c)
            encoder.flush()
            def best(run, n=3):
                times = []
                for _ in range(n):
                    t = time.perf_counter(); out = run(); times.append(time.perf_counter() - t)
                return min(times), out
            m_dump, m = best(lambda: marshal.dumps(records))
            m_load, _ = best(lambda: marshal.loads(m))
            import base64  # JSON has no bytes: the compressed source texts go as base64
            as_text = lambda b: base64.b64encode(b).decode()
            j_dump, j = best(lambda: json.dumps(records, ensure_ascii=False, default=as_text).encode())
            j_load, _ = best(lambda: json.loads(j))
            print(json.dumps(dict(m_dump=m_dump, m_load=m_load, m_size=len(m), j_dump=j_dump,
                j_load=j_load, j_size=len(j))))
            """)
    print(f"\n   codec, the model's records at {copies} copies (best of 3):")
    print(
        f"   marshal: write {r['m_dump'] * 1000:7.1f} ms, read {r['m_load'] * 1000:7.1f} ms, {r['m_size'] / 2**20:6.1f} MB"
    )
    print(
        f"   JSON:    write {r['j_dump'] * 1000:7.1f} ms, read {r['j_load'] * 1000:7.1f} ms, {r['j_size'] / 2**20:6.1f} MB"
        "  (and JSON would need a pass turning lists back into tuples)"
    )


# ------------------------------------------------------------------ 5. SQLite FTS5


def fts5(data: Path, sizes: list[int]) -> None:
    print(
        "\n5. SQLite FTS5 (unicode61, diacritics removed) on the same passages; ms, median of runs"
    )
    print(
        f"   {'copies':>6} {'passages':>8} {'index s':>8} {'FTS5 s':>7} {'word':>8} {'FTS5 word':>9}"
        f" {'phrase':>8} {'FTS5 phrase':>11} {'word/FTS5':>9} {'phrase/FTS5':>11} {'same passages':>13}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for copies in sizes:
            directory = Path(tmp) / f"x{copies}"
            replicate(data, directory, copies)
            r = child(f"""
                import json, sqlite3, statistics, time
                import corpus
                c = corpus.load({str(directory)!r}, cache=False)
                start = time.perf_counter(); c._search_index(); index = time.perf_counter() - start
                passages = [p for p in c.passages() if not p.boilerplate]
                start = time.perf_counter()
                db = sqlite3.connect(":memory:")
                db.execute("create virtual table p using fts5(text, tokenize='unicode61 remove_diacritics 2')")
                db.executemany("insert into p(rowid, text) values (?, ?)", ((n, p.text) for n, p in enumerate(passages)))
                db.commit()
                build = time.perf_counter() - start
                def median(run, n=9):
                    times = []
                    for _ in range(n):
                        t = time.perf_counter(); found = run(); times.append(time.perf_counter() - t)
                    return statistics.median(times) * 1000, found
                def fts(query):
                    return [passages[n].id for (n,) in db.execute("select rowid from p where p match ? order by rowid", (query,))]
                def ours(query):
                    return [h.passage.id for h in c.search(query)]
                same = all(ours(w) == fts(w) for w in ("corridor", "genocide", "Khojaly", "massacre", "Armenian", "tragedy"))
                word, _ = median(lambda: ours("corridor"))
                fts_word, _ = median(lambda: fts("corridor"))
                phrase, a = median(lambda: ours('"humanitarian corridor"'))
                fts_phrase, b = median(lambda: fts('"humanitarian corridor"'))
                print(json.dumps(dict(passages=len(passages), index=index, build=build, word=word,
                    fts_word=fts_word, phrase=phrase, fts_phrase=fts_phrase,
                    same=same and a == b)))
                """)  # noqa: S608 - the SQL in this code is the benchmark's own
            print(
                f"   {copies:>6} {r['passages']:>8.0f} {r['index']:8.2f} {r['build']:7.2f} {r['word']:8.2f} {r['fts_word']:9.2f}"
                f" {r['phrase']:8.2f} {r['fts_phrase']:11.2f} {r['word'] / r['fts_word']:9.2f} {r['phrase'] / r['fts_phrase']:11.2f}"
                f" {'yes' if r['same'] else 'NO':>13}"
            )
            shutil.rmtree(directory)
    print(
        "   ours returns Hits with spans into the printed text; FTS5 returns row ids (target: ratio <= 2)"
    )


# ------------------------------------------------------------------ 6. export


def export_throughput(data: Path, copies: int) -> None:
    print(f"\n6. export throughput at {copies} copies (compiled load first)")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "corpus"
        replicate(data, directory, copies)
        r = child(f"""
            import json, time
            from pathlib import Path
            import corpus
            from corpus.export import export
            c = corpus.load({str(directory)!r})
            rows = sum(len(c.to_records(t)) for t in ("passages", "mentions"))
            out = {{}}
            formats = ["jsonl", "csv"]
            try:
                import pyarrow
                formats.append("parquet")
            except ImportError:
                pass
            for fmt in formats:
                target = Path({tmp!r}) / fmt
                start = time.perf_counter()
                export(c, target, fmt, progress=False)
                seconds = time.perf_counter() - start
                size = sum(f.stat().st_size for f in target.iterdir())
                total = sum(t["rows"] for t in json.loads((target / "schema.json").read_text())["tables"].values())
                out[fmt] = dict(seconds=seconds, rows=total, mb=size / 2**20)
            print(json.dumps(out))
            """)
    for fmt, v in r.items():
        print(
            f"   {fmt:8} {v['seconds']:6.2f} s  {v['rows']:>9.0f} rows  {v['rows'] / v['seconds']:>9.0f} rows/s"
            f"  {v['mb']:7.1f} MB  {v['mb'] / v['seconds']:6.1f} MB/s"
        )
    if "parquet" not in r:
        print("   Parquet needs pyarrow: pip install 'khojaly-corpus[tables]'")


# ------------------------------------------------------------------ 7. NLTK


def nltk_concordance(data: Path) -> None:
    print("\n7. concordance of 'corridor' on the same files, against NLTK")
    try:
        r = child(f"""
            import json, os, time
            os.environ["NLTK_DATA"] = {str(data)!r}  # NLTK reads only below its data roots
            start = time.perf_counter()
            from nltk.corpus.reader import XMLCorpusReader
            from nltk.text import ConcordanceIndex
            reader = XMLCorpusReader({str(data / "texts")!r}, r".*\\.xml")
            reader_words = sum(len(reader.words(f)) for f in reader.fileids())
            # XMLCorpusReader.words() reads element text only, not the text after inline
            # markup; the concordance is built from every text node so both find the same lines
            from nltk.tokenize import WordPunctTokenizer
            tokenize = WordPunctTokenizer().tokenize
            words = [w for f in reader.fileids() for w in tokenize(" ".join(reader.xml(f).itertext()))]
            index = ConcordanceIndex(words, key=lambda s: s.lower())
            lines = index.find_concordance("corridor", width=80)
            nltk_time = time.perf_counter() - start
            start = time.perf_counter()
            import corpus
            c = corpus.load({str(data)!r}, cache=False)
            ours = c.concordance("corridor", width=40)
            ours_time = time.perf_counter() - start
            start = time.perf_counter()
            for _ in range(20):
                index.find_concordance("corridor", width=80)
            nltk_warm = (time.perf_counter() - start) / 20
            start = time.perf_counter()
            for _ in range(20):
                c.concordance("corridor", width=40)
            ours_warm = (time.perf_counter() - start) / 20
            print(json.dumps(dict(nltk=nltk_time, ours=ours_time, nltk_lines=len(lines),
                reader_words=reader_words, all_words=len(words),
                ours_lines=len(ours), nltk_warm=nltk_warm * 1000, ours_warm=ours_warm * 1000)))
            """)
    except subprocess.CalledProcessError:
        print("   NLTK is not installed here: pip install nltk")
        return
    print(
        f"   NLTK: read, tokenise, index, query  {r['nltk'] * 1000:8.1f} ms, {r['nltk_lines']:.0f} lines"
    )
    print(
        f"   corpus: load, index, concordance    {r['ours'] * 1000:8.1f} ms, {r['ours_lines']:.0f} lines"
    )
    print(f"   ratio corpus / NLTK (cold)          {r['ours'] / r['nltk']:8.2f}")
    print(f"   warm concordance: NLTK {r['nltk_warm']:.3f} ms, corpus {r['ours_warm']:.3f} ms")
    print(
        f"   XMLCorpusReader.words() sees {r['reader_words']:.0f} of {r['all_words']:.0f} words (no text"
        " after inline markup); NLTK's lines include the teiHeader, corpus's only passages"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="copies for the scaling runs")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to skip: cold,warm,scaling,compiled,fts5,export,nltk",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per size of the compiled loads")
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    sizes = [int(n) for n in args.sizes.split(",")]
    data = data_directory()
    print(f"corpus data: {data}\n")
    try:
        if "cold" not in skip:
            cold(data)
        if "warm" not in skip:
            warm()
        if "scaling" not in skip:
            scaling(data, sizes)
        if "compiled" not in skip:
            compiled(data, sizes, args.runs)
            codec(data)
        if "fts5" not in skip:
            fts5(data, sizes)
        if "export" not in skip:
            export_throughput(data, min(max(sizes), 100))
        if "nltk" not in skip:
            nltk_concordance(data)
    finally:
        shutil.rmtree(CACHE, ignore_errors=True)


if __name__ == "__main__":
    main()
