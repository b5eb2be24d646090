"""Helpers shared by the web tests: apps over the example corpus, and an article of our own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TOKEN = "test-token-5f2c"

# Written for these tests (not taken from any corpus).
ARTICLE = {
    "id": "web-upload-islamabad-2017",
    "title": "Pakistan and China sign corridor deal",
    "date": "2017-05-14",
    "text": (
        "ISLAMABAD, May 14, 2017 — Pakistan and China signed an agreement on Sunday to expand the "
        "economic corridor, officials said.\n\n"
        "Pakistani troops shelled Afghan border posts near Chaman on Saturday, the Afghan defence "
        "ministry said."
    ),
}


def has_actor_system() -> bool:
    try:
        from eirene.analysis import ActorSystem  # noqa: F401
    except ImportError:
        return False
    return True


needs_actor_system = pytest.mark.skipif(
    not has_actor_system(), reason="eirene.analysis.ActorSystem is not in this tree yet (built in parallel)"
)


def writable_copy(example_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's example database that a test may write to."""
    target = tmp_path / "examples.duckdb"
    shutil.copy(example_db, target)
    return target
