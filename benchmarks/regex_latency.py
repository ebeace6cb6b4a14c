"""Latency of regular-expression search on the bundled corpus (never asserted as a test).

    python benchmarks/regex_latency.py            # median and p95 over 50 runs per pattern

Each pattern is timed three ways: ``Corpus.search(pattern, regex=True)`` alone; the same while
another thread is alive (a thread that only sleeps); and a bare ``re`` scan over every passage
text, as the floor.
"""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections.abc import Callable

import corpus

PATTERNS = (r"Kho\w+ly", r"\b[Gg]enocid\w*", r"(?i)humanitarian\s+corridor", r"\d{3,}")


def measure(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and 95th percentile of ``runs`` calls, in milliseconds."""
    run()  # warm: the index is built, the pattern compiled
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main(runs: int = 50) -> None:
    c = corpus.load()
    texts = [p.text for p in c.passages()]
    print(f"regular-expression search, {len(texts)} passages, {runs} runs each (ms)")
    print(f"{'pattern':32} {'search':>15} {'with a thread':>15} {'bare re':>15}")
    for pattern in PATTERNS:
        alone = measure(lambda p=pattern: c.search(p, regex=True), runs)
        stop = threading.Event()
        sleeper = threading.Thread(target=stop.wait)
        sleeper.start()
        try:
            threaded = measure(lambda p=pattern: c.search(p, regex=True), runs)
        finally:
            stop.set()
            sleeper.join()
        compiled = re.compile(pattern)
        floor = measure(lambda r=compiled: [list(r.finditer(t)) for t in texts], runs)
        cells = " ".join(f"{m:7.2f} /{q:6.2f}" for m, q in (alone, threaded, floor))
        print(f"{pattern:32} {cells}")
    print("each cell: median / p95")


if __name__ == "__main__":
    main()
