"""The shipped corpus written N times over with fresh ids: the larger corpora the benchmarks and
the differential search test read."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

ATTRIBUTES = re.compile(r'\b(xml:id|target|source|corresp)="([^"]*)"')


def replicate(data: Path, target: Path, copies: int) -> int:
    """Write the corpus ``copies`` times over with fresh document, passage and quotation ids;
    the size of the XML written, in bytes."""
    target.mkdir(parents=True)
    (target / "texts").mkdir()
    for name in ("actors.xml", "works.xml", "claims.xml"):  # attributions point into copy 0
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
