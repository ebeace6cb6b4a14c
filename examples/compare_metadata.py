"""A table of what each source states about itself, and what is derived or unknown."""

import corpus

c = corpus.load()
for document in c.documents:
    source = document.source
    print(f"{document.id:9} {document.genre!s:22} {document.stance!s:18} {source.date!s}")
    if source.unknown:
        print(f"{'':9} not stated by the source: {', '.join(source.unknown)}")
    names = ", ".join(
        f"{n.form}{' (reported)' if n.reported else ''}" for n in document.event_names
    )
    print(f"{'':9} names for the event: {names}")
