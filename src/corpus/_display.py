"""How a value is shown in a terminal (the renderer the package installs when it is imported)
and in Jupyter (`html_table`).

The values (`corpus.model` and the modules beside it) sit below the renderer (`corpus.render`)
and never import it; `corpus/__init__.py`, at the top, installs a function that imports the
renderer on the first rendering, so that ``import corpus`` never loads rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["html_table", "install", "renderable"]

_renderer: list[Callable[[object], Any]] = []


def install(renderer: Callable[[object], Any]) -> None:
    """Make ``renderer`` the function that turns a value into a rich renderable."""
    _renderer[:] = [renderer]


def renderable(value: object) -> Any:
    """The rich renderable of a value, from the installed renderer."""
    if not _renderer:
        raise RuntimeError("no renderer is installed; import corpus before rendering its values")
    return _renderer[0](value)


def html_table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table for Jupyter (``_repr_html_``), every cell escaped."""
    import html

    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        f'<table class="corpus-results"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
