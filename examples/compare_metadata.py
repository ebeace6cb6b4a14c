"""A table of what each source states about itself, and what is derived or unknown."""

import corpus

c = corpus.load()
for document in c.documents:
    source = document.source
    print(f"{document.id:9} {document.genre!s:22} {document.stance!s:18} {source.date!s}")
    if source.unknown:
        print(f"{'':9} not stated by the source: {', '.join(source.unknown)}")
    uses: dict[tuple[str, bool], int] = {}  # one count per name and usage, whatever its forms
    for name in document.event_names:
        uses[(name.category.removeprefix("name."), name.reported)] = name.count
    names = ", ".join(
        f"{category} {count}{' (reported)' if reported else ''}"
        for (category, reported), count in uses.items()
    )
    print(f"{'':9} names for the event, with how often the text uses them: {names}")
