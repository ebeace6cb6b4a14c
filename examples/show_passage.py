"""Print one passage with its document's source line: what a citation of a passage points to."""

import sys

import corpus

passage_id = sys.argv[1] if len(sys.argv) > 1 else "huseynov.4"
c = corpus.load()
passage = c.passage(passage_id)
document = c.document(passage.document_id)
source = document.source

print(passage.text)
print()
print(f"[{passage.id}] {source.title}")
authors = ", ".join(source.authors) or "unknown author"
print(f"  by {authors}; {source.publisher or 'publisher unknown'}")
print(f"  date: {source.date}; stance of the text: {document.stance} ({document.stance.cert})")
print(f"  corpus data version {c.version}")
