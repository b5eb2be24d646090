"""Shared fixtures: one Coder per test session (loading spaCy and the knowledge base
takes seconds), paths to the example corpus and to ../shared when it exists."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "afghan-peace-process"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    from eirene.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    return coder.nlp


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"reference corpus not found at {path} (it lives beside the repository, not in it)")
    return path


@pytest.fixture(scope="session")
def eval_dev_dir() -> Path:
    path = SHARED / "eval" / "dev"
    if not path.is_dir():
        pytest.skip(f"gold data not found at {path} (it lives beside the repository, not in it)")
    return path


def events_of(coder, text: str, date: str | None = "2018-11-05"):
    """Code one text and return its events (helper for sentence-level tests)."""
    return coder.code_text(text, date)


def _coded_db(coder, inputs, path: Path) -> Path:
    """Code `inputs` into a new DuckDB file at `path` with the session's coder."""
    from eirene.run import code_inputs
    from eirene.store import open_store

    with open_store(path) as store:
        code_inputs(list(inputs), store, lambda: coder, model_name=coder.model)
    return path


@pytest.fixture(scope="session")
def example_db(coder, tmp_path_factory) -> Path:
    """The bundled example corpus coded into a DuckDB file, once per test session.

    Tests that read it must not write to it: copy it first when a test changes data.
    """
    return _coded_db(coder, [EXAMPLES], tmp_path_factory.mktemp("example-db") / "examples.duckdb")


@pytest.fixture(scope="session")
def seeds_db(coder, seeds_dir, tmp_path_factory) -> Path:
    """The reference corpus (../shared/seeds) coded into a DuckDB file; skips when absent."""
    return _coded_db(coder, [seeds_dir], tmp_path_factory.mktemp("seeds-db") / "seeds.duckdb")
