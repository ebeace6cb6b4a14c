"""Performance of `corpus`, measured as ratios within one run (never asserted as a test).

    python benchmarks/run.py                 # every measurement, sizes 1, 10, 100 and 1000
    python benchmarks/run.py --sizes 1,10    # a quicker scaling run

1. cold start: ``import corpus; corpus.load(); two searches`` in a fresh interpreter, against
   the floor: bare lxml parsing the same shipped files plus a plain string count;
2. warm query latency (median, p95) for words, phrases, filters and a regular expression;
3. scaling: the corpus replicated 1x, 10x, 100x, 1000x with fresh ids in a temporary
   directory: load time, peak memory, index size, and an indexed word query against a naive
   ``re`` scan over every passage text;
4. the same concordance with NLTK's XMLCorpusReader and ConcordanceIndex (``pip install nltk``).

Each measurement runs in its own interpreter, with bytecode caching on, as a user's
installation has it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ATTRIBUTES = re.compile(r'\b(xml:id|target|source|corresp)="([^"]*)"')


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


# ------------------------------------------------------------------ 1. cold start


def cold(data: Path, runs: int = 9) -> None:
    ours = "import corpus; c = corpus.load(); c.search('genocide'); c.search('\"humanitarian corridor\"')"
    floor = textwrap.dedent(f"""
        from pathlib import Path
        from lxml import etree
        count = 0
        for file in sorted(Path({str(data)!r}).rglob("*.xml")):
            text = "".join(etree.parse(str(file)).getroot().itertext())
            count += text.count("genocide") + text.count("humanitarian corridor")
        """)
    startup = "pass"
    for _ in range(2):  # bytecode written, files in the page cache
        timed(ours), timed(floor)
    a = statistics.median(timed(ours) for _ in range(runs))
    b = statistics.median(timed(floor) for _ in range(runs))
    s = statistics.median(timed(startup) for _ in range(runs))
    rich = child("import corpus, sys, json; print(json.dumps({'rich': 'rich' in sys.modules}))")
    print("1. cold start (median of", runs, "fresh interpreters)")
    print(f"   corpus: import, load, two searches   {a * 1000:7.1f} ms")
    print(f"   floor: lxml parse + string count     {b * 1000:7.1f} ms")
    print(f"   interpreter start alone              {s * 1000:7.1f} ms")
    print(f"   ratio corpus / floor                 {a / b:7.2f}   (target <= 1.5)")
    print(f"   ratio without interpreter start      {(a - s) / (b - s):7.2f}")
    print(f"   import corpus imports rich: {rich['rich']}")
    parts = child("""
        import json, time
        marks = [time.perf_counter()]
        import attrs; marks.append(time.perf_counter())
        import corpus; marks.append(time.perf_counter())
        c = corpus.load(); marks.append(time.perf_counter())
        c.search("genocide"); marks.append(time.perf_counter())
        c.search('"humanitarian corridor"'); marks.append(time.perf_counter())
        names = ["import attrs", "import corpus (rest)", "load (lxml + model)", "first search (index)", "second search"]
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
            "regex (child process)": (r"Kho\\w+ly", {"regex": True}, 20),
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


def replicate(data: Path, target: Path, copies: int) -> int:
    """Write the corpus ``copies`` times over with fresh document, passage and quotation ids."""
    target.mkdir(parents=True)
    (target / "texts").mkdir()
    for name in ("actors.xml", "works.xml"):
        shutil.copy(data / name, target / name)
    texts = sorted((data / "texts").glob("*.xml"))
    includes = []
    for copy in range(copies):
        for file in texts:
            doc = file.stem
            new = doc if copy == 0 else f"{doc}-r{copy}"
            token = re.compile(r"(^|[\s#])" + re.escape(doc) + r"(?=$|[\s.])")

            def rename(match: re.Match[str], new: str = new, token: re.Pattern[str] = token) -> str:
                return f'{match[1]}="{token.sub(lambda m: m[1] + new, match[2])}"'

            (target / "texts" / f"{new}.xml").write_text(
                ATTRIBUTES.sub(rename, file.read_text("utf-8")), "utf-8"
            )
            includes.append(f'  <xi:include href="texts/{new}.xml"/>')
    header = (data / "corpus.xml").read_text("utf-8")
    head, _, _ = header.partition("  <xi:include")
    (target / "corpus.xml").write_text(head + "\n".join(includes) + "\n</teiCorpus>\n", "utf-8")
    return sum(f.stat().st_size for f in target.rglob("*.xml"))


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
                c = corpus.load({str(directory)!r})
                load = time.perf_counter() - start
                start = time.perf_counter()
                index = c._search_index()
                build = time.perf_counter() - start
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                arrays = [index.sequence, index.starts, index.ends, *index.postings]
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


# ------------------------------------------------------------------ 4. NLTK


def nltk_concordance(data: Path) -> None:
    print("\n4. concordance of 'corridor' on the same files, against NLTK")
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
            c = corpus.load({str(data)!r})
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
    parser.add_argument("--sizes", default="1,10,100,1000", help="copies for the scaling run")
    parser.add_argument(
        "--skip", default="", help="comma-separated parts to skip: cold,warm,scaling,nltk"
    )
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    data = data_directory()
    print(f"corpus data: {data}\n")
    if "cold" not in skip:
        cold(data)
    if "warm" not in skip:
        warm()
    if "scaling" not in skip:
        scaling(data, [int(n) for n in args.sizes.split(",")])
    if "nltk" not in skip:
        nltk_concordance(data)


if __name__ == "__main__":
    main()
