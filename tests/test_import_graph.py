"""No import cycles among eirene's modules.

Why: a cycle makes import order matter and hides which module owns a concept. The
graph is read from the source (ast), so imports inside functions count too: a lazy
import only hides a cycle, it does not break it. Imports under `if TYPE_CHECKING:` are
left out (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "eirene"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_type_checking_block(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imported_modules(tree: ast.AST, here: str, is_package: bool, modules: set[str]) -> set[str]:
    """The eirene modules the tree imports, relative imports resolved.

    `from eirene.x import y` imports the module eirene.x.y when there is one (not the
    package eirene.x, whose own imports are its own), else the name y of eirene.x.
    """
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if is_type_checking_block(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".") if is_package else here.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in modules else base)
    return found & modules


def import_graph() -> nx.DiGraph:
    """eirene's modules as nodes, an edge from each module to every eirene module it imports."""
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path): path for path in paths}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target in imported_modules(tree, name, path.name == "__init__.py", set(modules)):
            if target != name:
                graph.add_edge(name, target)
    return graph


def test_import_graph_is_read_from_every_module() -> None:
    graph = import_graph()
    assert {"eirene", "eirene.cli", "eirene.cli.output", "eirene.store"} <= set(graph)
    # the group imports its command modules; the command modules import the shared output
    assert graph.has_edge("eirene.cli", "eirene.cli.coding")
    assert graph.has_edge("eirene.cli.coding", "eirene.cli.output")


def test_no_import_cycles_among_eirene_modules() -> None:
    cycles = sorted(" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(import_graph()))
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)
