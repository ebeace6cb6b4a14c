"""Imports run one way, bottom to top (docs/architecture.md): no circle, no import upwards.

The graph is read with the standard library's ``ast`` from ``src/corpus``: every import at
module level and inside functions counts; imports under ``if TYPE_CHECKING:`` are annotations
only and do not run, so they are left out.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "corpus"

#: Every module of the package and its layer, bottom (0) to top; a module imports only modules of
#: its own layer or of layers below it.
LAYERS: dict[str, int] = {
    # 0 base: errors, text folding, progress, the collector pause, the version, the display hook
    "errors": 0,
    "text": 0,
    "_progress": 0,
    "_gc": 0,
    "_version": 0,
    "_display": 0,
    "_data": 0,
    "_picking": 0,
    # 1 files and safety: the safe parser, includes, printed text
    "_files": 1,
    "_xml": 1,
    # 2 values
    "model": 2,
    "works": 2,
    "claims": 2,
    "report": 2,
    "results": 2,
    # 3 reading TEI into values: the files, the registers, the one walk
    "_sources": 3,
    "_registers": 3,
    "tei": 3,
    # 4 the index and results
    "query": 4,
    "hits": 4,
    "_tables": 4,
    # 5 the facade
    "_corpus": 5,
    # 6 loading, the compiled cache, export, validation
    "_load": 6,
    "_cache": 6,
    "export": 6,
    "validation": 6,
    "drafting": 6,
    "proposing": 3,
    "citing": 6,
    "reviewing": 6,
    # 7 the terminal, the command and the package's curated names
    "render": 7,
    "_layout": 7,
    "cli": 7,
    "__main__": 7,
    "__init__": 7,
}


def _modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py"))


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported module, line, lazy) for every import of ``module`` that runs."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text("utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit(other, lazy)
                continue
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                found.extend(
                    (_local(a.name), child.lineno, inner)
                    for a in child.names
                    if a.name.split(".")[0] == "corpus"
                )
            elif isinstance(child, ast.ImportFrom) and (child.module or "").startswith("corpus"):
                base = _local(child.module or "")
                if base == "__init__":  # from corpus import a module, or a name of the package
                    found.extend(
                        (a.name if a.name in LAYERS else "__init__", child.lineno, inner)
                        for a in child.names
                    )
                else:
                    found.append((base, child.lineno, inner))
            visit(child, inner)

    visit(tree, False)
    return found


def _local(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_has_a_layer() -> None:
    assert set(_modules()) == set(LAYERS)


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_no_module_imports_one_above_it(module: str) -> None:
    upward = [
        f"{module}.py:{line} imports {target} (layer {LAYERS[target]}) "
        f"{'inside a function' if lazy else 'at module level'}"
        for target, line, lazy in _imports(module)
        if LAYERS[target] > LAYERS[module]
    ]
    assert upward == [], f"{module} is in layer {LAYERS[module]}"


def test_the_imports_form_no_circle() -> None:
    graph = {m: {t for t, _, _ in _imports(m) if t != m} for m in LAYERS}
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                circle = [*path[path.index(target) :], target]
                pytest.fail("import circle: " + " → ".join(circle))
            if target not in state:
                walk(target)
        path.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module)


def test_the_graph_reader_sees_lazy_and_module_level_imports() -> None:
    """The test above can fail: the graph holds the facade's lazy import of the index and the
    loader's module-level import of the facade, and none of the annotation-only imports."""
    facade = _imports("_corpus")
    assert ("query", True) in {(t, lazy) for t, _, lazy in facade}
    assert ("_corpus", False) in {(t, lazy) for t, _, lazy in _imports("_load")}
    assert "_corpus" not in {t for t, _, _ in _imports("_tables")}  # TYPE_CHECKING only


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_each_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    name = "corpus" if module == "__init__" else f"corpus.{module}"
    # corpus.__main__ runs the command when imported: run it as python -m does
    command = ["-m", "corpus", "--version"] if module == "__main__" else ["-c", f"import {name}"]
    result = subprocess.run(
        [sys.executable, *command],
        check=False,  # the exit status and stderr are what this test checks
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
