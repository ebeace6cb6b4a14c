"""Who is quoted saying what, from which work, and how one remark differs from text to text."""

import corpus

c = corpus.load()
for quote in c.quotes():
    speaker = c.actor(quote.speaker).name if quote.speaker else "(speaker not named)"
    source = str(c.reference(quote.source)) if quote.source else "(source not named)"
    text = " ".join(quote.text.split())
    print(f"{quote.id:12} {speaker} — {source}\n    {text[:90]}")

for group in c.quote_groups():
    print(f"\n{group.id}: {group.description}")
    first = group.renditions[0]
    for other in group.renditions[1:]:
        comparison = c.compare(group, first.id, other.id)
        print(f"  {first.document_id} → {other.document_id}:")
        for change in comparison.differences:
            print(f"    {change.op:8} {change.left[:45]!r} → {change.right[:45]!r}")
        if not comparison.differences:
            print("    the same words")
