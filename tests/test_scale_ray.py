"""`eirene code --ray`: a run killed part way (SIGKILL, Ray's processes with it) resumes
when run again, and the database ends with the same documents and the same events, ids
and content, as the single-process run: none twice, none lost. The progress lines of the
run show documents and events.

Ray starts twice per database (slow on a small machine: about 40 s each): a local cluster
of 2 CPUs with one coder actor, in a child process, as a user runs it."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eirene.store import open_store

from test_store_postgres import event_hashes

pytest.importorskip("ray", reason="ray is not installed (pip install 'eirene[ray]')")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "afghan-peace-process"
DOCUMENTS = len(list(EXAMPLES.glob("*.txt")))
RUN_SECONDS = 900  # a bound, not a timing: a run that hangs fails the test instead of CI


def _command(db: str) -> list[str]:
    """`eirene code` on the example corpus with Ray, storing every 2 documents."""
    return [sys.executable, "-m", "eirene.cli", "code", str(EXAMPLES), "--ray", "local", "--ray-cpus", "2",
            "--ray-actors", "1", "--ray-batch", "2", "--write-batch", "2", "--db", db]


def _env() -> dict[str, str]:
    return {**os.environ, "EIRENE_PROGRESS": "lines",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}


def _session_processes(session: int) -> list[str]:
    """The processes still alive in this session (the killed run's, Ray's included)."""
    listing = subprocess.run(["ps", "-e", "-o", "sid=,pid=,stat=,args="], capture_output=True, text=True).stdout
    return [line for line in listing.splitlines()
            if line.split()[0] == str(session) and not line.split()[2].startswith("Z")]


def _kill_after_first_batch(db: str) -> list[str]:
    """Start the run in its own session, SIGKILL the whole session once a batch is stored
    (its progress line says so); RETURNS the progress lines seen."""
    run = subprocess.Popen(_command(db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env(),
                           start_new_session=True)
    seen: list[str] = []
    try:
        with selectors.DefaultSelector() as waiting:
            waiting.register(run.stderr, selectors.EVENT_READ)  # type: ignore[arg-type]
            deadline = time.monotonic() + RUN_SECONDS
            while not any(line.startswith("stored:") for line in seen):
                assert waiting.select(timeout=max(0.0, deadline - time.monotonic())), "no batch stored in time"
                line = run.stderr.readline()  # type: ignore[union-attr]
                assert line, f"the run ended before storing a batch: {''.join(seen)[-2000:]}"
                seen.append(line)
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        _reap(run.pid)
    return seen


def _reap(session: int) -> None:
    """Kill what is left of the session (Ray's processes outlive their driver briefly)."""
    deadline = time.monotonic() + 60
    while _session_processes(session) and time.monotonic() < deadline:
        for line in _session_processes(session):
            try:
                os.kill(int(line.split()[1]), signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.5)


def _documents(db: str | Path) -> list[tuple[str, str, int]]:
    """Each stored document's (id, hash of its content, version)."""
    with open_store(db, read_only=True) as store:
        return sorted((d["id"], store.get_document(d["id"]).content_hash, d["version"]) for d in store.documents())


def _kill_resume_matches(db: str, example_db: Path) -> None:
    progress = _kill_after_first_batch(db)
    assert "stored: 2 documents, " in progress[-1] and progress[-1].rstrip().endswith(" events"), progress
    stored = _documents(db)
    assert 0 < len(stored) < DOCUMENTS, "the kill came after the run had stored everything: nothing to resume"

    done = subprocess.run(_command(db), capture_output=True, text=True, env=_env(), timeout=RUN_SECONDS)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _documents(db) == _documents(example_db)
    with open_store(db, read_only=True) as ray_run, open_store(example_db, read_only=True) as single:
        assert event_hashes(ray_run) == event_hashes(single)
        resumed = ray_run.runs()[-1]
        events = len(single.events())
    assert (resumed["documents_same"], resumed["documents_new"], resumed["status"]) == (
        len(stored), DOCUMENTS - len(stored), "finished")
    assert resumed["config"]["ray"] == "local"
    lines = [line for line in done.stderr.splitlines() if line.startswith("stored:")]
    assert lines[-1] == f"stored: {DOCUMENTS} documents, {resumed['events']} events", lines
    assert resumed["events"] == events - _events_of_stored(example_db, stored)


def _events_of_stored(example_db: Path, stored: list[tuple[str, str, int]]) -> int:
    """The events of the documents the killed run had stored (the resumed run does not count them)."""
    kept = {doc_id for doc_id, _, _ in stored}
    with open_store(example_db, read_only=True) as single:
        return sum(d["events"] for d in single.documents() if d["id"] in kept)


@pytest.mark.slow
def test_scale_ray_killed_run_resumes_to_the_single_process_events_duckdb(example_db: Path, tmp_path: Path) -> None:
    _kill_resume_matches(str(tmp_path / "ray.duckdb"), example_db)


@pytest.mark.slow
def test_scale_ray_killed_run_resumes_to_the_single_process_events_postgresql(example_db: Path, pg_url: str) -> None:
    _kill_resume_matches(pg_url, example_db)
