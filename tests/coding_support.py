"""Coding a corpus into a store for tests, with the session's loaded coder."""

from __future__ import annotations

from pathlib import Path


def coded_db(coder, inputs, path: Path | str) -> Path | str:
    """Code `inputs` into a new store at `path` (a DuckDB file, or a database URL) with the
    session's coder."""
    from eirene.coding_run import code_inputs
    from eirene.store import open_store

    with open_store(path) as store:
        code_inputs(list(inputs), store, lambda: coder, model_name=coder.model)
    return path
