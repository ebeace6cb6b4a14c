"""The death toll and the children killed, as each text gives them and on whose authority.

Every row is a claim of its text: the figure as printed, the number, the qualifier, the claimant
chain (outermost first) and the passages. The library records the figures; it does not reconcile
them.
"""

from rich.console import Console

import corpus

c = corpus.load()
console = Console()
for measure in ("killed", "killed-children"):
    table = c.compare_figures(measure)
    console.print(table)
    for row in table:
        bounds = f" (at least {row.low})" if row.low is not None else ""
        print(
            f"{measure}: {row.document_id}: {row.text!r}{bounds}, "
            f"according to {row.claimed_by} ({', '.join(row.passages)})"
        )
