"""The size limits of the project brief: no module over 600 lines in src/eirene, no
function over 60 lines. Small modules and functions keep one job each, so a reader
finds a concept in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "eirene"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60

# Modules other work is splitting at the time of writing (issue 12): remove each entry
# as its split lands. Nothing else may be added here.
BEING_SPLIT: frozenset[str] = frozenset()


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _length(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the `def` (decorators excluded) to the function's last line."""
    return (node.end_lineno or node.lineno) - node.lineno + 1


def test_the_exceptions_still_exist():
    # an exception whose module is gone (or renamed) must leave the list with it
    missing = sorted(name for name in BEING_SPLIT if not (PACKAGE / name).exists())
    assert not missing, f"remove from BEING_SPLIT: {missing}"


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_module_is_at_most_600_lines(path: Path):
    if _name(path) in BEING_SPLIT:
        pytest.skip("being split (see BEING_SPLIT)")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_functions_are_at_most_60_lines(path: Path):
    if _name(path) in BEING_SPLIT:
        pytest.skip("being split (see BEING_SPLIT)")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [f"{node.name} (line {node.lineno}): {_length(node)} lines"
            for node in _functions(tree) if _length(node) > MAX_FUNCTION_LINES]
    assert not long, f"{_name(path)}: " + "; ".join(long)
