"""How each stance names the event: passages using each word, counted by the stance of the text."""

import corpus

c = corpus.load()
words = ["genocide OR genocidal", "massacre", "tragedy", "event OR events", "war crime*"]
stances = [str(d.stance) for d in c.documents]
columns = list(dict.fromkeys(stances))
print(f"{'word':24}" + "".join(f"{s:>20}" for s in columns))
for query in words:
    counts = c.search(query).count_by("stance")
    print(f"{query:24}" + "".join(f"{counts.get(s, 0):>20}" for s in columns))

print("\nin each text's own voice only (passages not reporting another party):")
for query in words:
    own = [h for h in c.search(query) if h.passage.voice[0].id == "voice.author"]
    by_document: dict[str, int] = {}
    for hit in own:
        by_document[hit.passage.document_id] = by_document.get(hit.passage.document_id, 0) + 1
    print(f"  {query:24} {by_document}")
