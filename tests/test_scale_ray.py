"""`eirene code --ray`: the same events, ids and content, as the single-process run, and a
run that stopped part way resumes with what is missing only.

One Ray start-up for the module (slow on a small machine): a local cluster of 2 CPUs with
one coder actor, in a child process, as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eirene.store import open_store

from test_store_postgres import event_hashes

pytest.importorskip("ray", reason="ray is not installed (pip install 'eirene[ray]')")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "afghan-peace-process"


def _forget(execute, doc_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Drop these documents and their events, as if a run had stopped before storing them."""
    for doc_id in doc_ids:
        execute("DELETE FROM event_actors WHERE event_seq IN (SELECT seq FROM events WHERE doc_id = ?)", [doc_id])
        execute("DELETE FROM events WHERE doc_id = ?", [doc_id])
        execute("DELETE FROM documents WHERE id = ?", [doc_id])


@pytest.mark.slow
def test_scale_ray_run_resumes_and_matches_the_single_process_run(example_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "ray.duckdb"
    shutil.copy(example_db, db)
    with open_store(db) as store:
        doc_ids = sorted(d["id"] for d in store.documents())
        store.write("a test's interrupted run", lambda execute: _forget(execute, doc_ids[5:]))
        assert len(store.documents()) == 5
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "eirene.cli", "--quiet", "code", str(EXAMPLES), "--ray", "local", "--ray-cpus", "2",
         "--ray-actors", "1", "--db", str(db)],
        capture_output=True, text=True, env=env, timeout=900,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    with open_store(db, read_only=True) as ray_run, open_store(example_db, read_only=True) as single:
        assert event_hashes(ray_run) == event_hashes(single)
        last = ray_run.runs()[-1]
        assert (last["documents_same"], last["documents_new"], last["status"]) == (5, len(doc_ids) - 5, "finished")
        assert last["config"]["ray"] == "local"
