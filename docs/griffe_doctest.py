"""A griffe extension for the API pages: the doctest examples of a docstring (``>>>`` lines and
the output under them) are shown as fenced Python console blocks, as they are run by pytest."""

from __future__ import annotations

from typing import Any

import griffe


class FenceDoctests(griffe.Extension):
    """Fence every run of ``>>>``/``...`` lines and their output in each docstring."""

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fenced(obj.docstring.value)


def fenced(text: str) -> str:
    lines, out, inside = text.splitlines(), [], False
    for line in lines:
        stripped = line.strip()
        starts = stripped.startswith(">>>")
        if starts and not inside:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)
