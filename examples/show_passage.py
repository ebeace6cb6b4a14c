"""Pretty-print one passage in the terminal, with its document's source line and metadata."""

import sys

from rich.console import Console

import corpus
from corpus.render import passage_view

passage_id = sys.argv[1] if len(sys.argv) > 1 else "huseynov.4"
c = corpus.load()
passage = c.passage(passage_id)
document = c.document(passage.document_id)
source = document.source

console = Console()
console.print(passage_view(passage, document))  # mentions, citations and quotations styled
console.print(f"  by {', '.join(source.authors) or 'unknown author'}", highlight=False)
console.print(f"  date: {source.date}; corpus data version {c.version}", highlight=False)
for quote in passage.quotes:
    console.print(f"  quotes {quote.speaker or 'an unnamed speaker'} ({quote.id})")
