"""How each text names the people it mentions: the spelling table a comparison starts from."""

import corpus

c = corpus.load()
for actor in c.actors("person"):
    rows = c.spellings(actor)
    if len({row.document_id for row in rows}) < 2:
        continue  # named in one text only
    print(f"{actor.name} ({actor.id})")
    for row in rows:
        spelling = row.text.replace("\u00a0", " ")
        print(f"    {row.document_id:9} {spelling!r} x{row.count}")
