"""Coding a corpus into a DuckDB file for tests, with the session's loaded coder."""

from __future__ import annotations

from pathlib import Path


def coded_db(coder, inputs, path: Path) -> Path:
    """Code `inputs` into a new DuckDB file at `path` with the session's coder."""
    from eirene.coding_run import code_inputs
    from eirene.store import open_store

    with open_store(path) as store:
        code_inputs(list(inputs), store, lambda: coder, model_name=coder.model)
    return path
