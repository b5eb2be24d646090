"""Shared fixtures: one Coder per test session (loading spaCy and the knowledge base
takes seconds), paths to the example corpus and to ../shared when it exists."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding_support import coded_db

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "afghan-peace-process"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    from eirene.document_coder import Coder

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


@pytest.fixture(scope="session")
def example_db(coder, tmp_path_factory) -> Path:
    """The bundled example corpus coded into a DuckDB file, once per test session.

    Tests that read it must not write to it: copy it first when a test changes data.
    """
    return coded_db(coder, [EXAMPLES], tmp_path_factory.mktemp("example-db") / "examples.duckdb")


@pytest.fixture(scope="session")
def seeds_db(coder, seeds_dir, tmp_path_factory) -> Path:
    """The reference corpus (../shared/seeds) coded into a DuckDB file; skips when absent."""
    return coded_db(coder, [seeds_dir], tmp_path_factory.mktemp("seeds-db") / "seeds.duckdb")
