"""Export the corpus as Parquet tables and join them with DuckDB, as a warehouse or Spark would.

Needs the optional extra: pip install 'khojaly-corpus[tables]' (pyarrow and duckdb).
"""

import sys
import tempfile
from pathlib import Path

import corpus
from corpus.export import export

try:
    import duckdb
    import pyarrow  # noqa: F401 - writes the Parquet files
except ImportError:
    print("this example needs pyarrow and duckdb: pip install 'khojaly-corpus[tables]'")
    sys.exit(0)

target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
export(corpus.load(), target, "parquet")

# Which actors each text names most, by the text's stance: mentions -> passages -> documents.
rows = duckdb.sql(f"""
    with counts as (
        select d.id as document, d.stance_category_label as stance, a.name as actor, count(*) as n
        from '{target}/mentions.parquet' m
        join '{target}/passages.parquet' p on m.passage_id = p.id
        join '{target}/documents.parquet' d on p.document_id = d.id
        join '{target}/actors.parquet' a on m.actor_id = a.id
        where not p.boilerplate
        group by d.id, d.stance_category_label, a.name
    ), ranked as (
        select *, row_number() over (partition by document order by n desc, actor) as rank
        from counts
    )
    select document, stance, actor, n from ranked where rank <= 3 order by document, rank
""").fetchall()  # noqa: S608 - the paths are the ones this script just wrote
for document, stance, actor, n in rows:
    print(f"{document:10} {stance:18} {actor:30} {n}")
print(f"tables written to {target}")
