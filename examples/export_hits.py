"""Export search hits to CSV and JSON for a spreadsheet or a data frame."""

import csv
import json
import sys
import tempfile
from pathlib import Path

import corpus

query = sys.argv[1] if len(sys.argv) > 1 else '"humanitarian corridor" OR corridor'
target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp())

records = corpus.load().search(query).to_records()
(target / "hits.json").write_text(json.dumps(records, ensure_ascii=False, indent=2), "utf-8")
with (target / "hits.csv").open("w", newline="", encoding="utf-8") as file:
    writer = csv.DictWriter(file, fieldnames=list(records[0]))
    writer.writeheader()
    for record in records:
        writer.writerow({k: json.dumps(v) if isinstance(v, list) else v for k, v in record.items()})
print(f"{len(records)} hits for {query!r} written to {target}/hits.csv and hits.json")
