"""Read TEI written elsewhere beside the bundled texts: a DraCor play and an ELTeC novel.

Give your own file or folder instead; what the reader could not map is in the report.
"""

import sys
from collections import Counter
from pathlib import Path

import corpus

FOREIGN = Path(__file__).resolve().parents[1] / "tests" / "data" / "foreign"
paths = sys.argv[1:] or [FOREIGN / "greek.xml", FOREIGN / "eltec.xml"]

mine = corpus.load(paths if len(paths) > 1 else paths[0])
for document in mine.documents:
    stable = sum(p.stable for p in document.passages)
    print(
        f"{document.id}: {document.title} ({document.language}), {len(document.passages)} passages,"
    )
    print(f"  {stable} with ids of their own; keywords: {', '.join(document.keywords) or 'none'}")

speeches = Counter(q.speaker for q in mine.quotes() if q.kind == "turn")
for actor_id, count in speeches.most_common(3):
    print(
        f"  {mine.actor(actor_id).name} ({', '.join(mine.actor(actor_id).names)}): {count} speeches"
    )

both = corpus.load() | mine  # one search over the bundled texts and yours
print(both.search("Russian").count_by("document"))
for item in mine.report()[:5]:
    print(" ", item)
