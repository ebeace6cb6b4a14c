"""Every text citing a given work, with the marker or phrase each prints for it."""

import sys

import corpus

c = corpus.load()
work = c.reference(sys.argv[1] if len(sys.argv) > 1 else "black-garden")
print(f"{work.id} ({work.kind}): {work}")
print(f"  authors {', '.join(work.authors) or 'not stated'}; date {work.date or 'not stated'}")
for document in c.cited_by(work):
    print(f"\n{document.id} — {document.title}")
    for citation in c.citations(work):
        if c.passage(citation.passage_id).document_id == document.id:
            printed = " ".join(citation.text.split())  # no-break spaces shown as spaces
            print(f"  {citation.passage_id:10} {citation.kind:12} {printed}")

print("\nWorks cited by more than one text:")
for other in c.references():
    cited_by = [d.id for d in c.cited_by(other)]
    if len(cited_by) > 1:
        print(f"  {other.id}: {', '.join(cited_by)}")
