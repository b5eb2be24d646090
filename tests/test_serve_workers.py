"""`eirene serve --workers N`: several uvicorn worker processes over one read-only
database, and the refusal of several writers on a DuckDB file (E463)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from web_support import free_port, writable_copy

from eirene.cli import cli
from eirene.web.workers import SETTINGS_ENV, ServeSettings, app_from_environment, check_workers, one_writer_only

ROOT = Path(__file__).resolve().parent.parent
ROUTES = ("/api/stats", "/api/events?limit=5", "/")


def _children(pid: int) -> list[int]:
    """The processes `pid` started (Linux /proc)."""
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(child) for child in text.split()]


def _holds_file(pid: int, path: Path) -> bool:
    folder = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(link) == str(path.resolve()) for link in folder.iterdir())
    except OSError:  # the process ended meanwhile, or its fds are not ours to read
        return False


def _workers_holding(pid: int, path: Path, expected: int) -> list[int]:
    """The server's children that hold `path` open, waiting for `expected` of them: the
    first worker may answer while the second is still starting (not a timing assertion)."""
    workers: list[int] = []
    for _ in range(600):  # up to about a minute on a busy machine
        workers = [child for child in _children(pid) if _holds_file(child, path)]
        if len(workers) >= expected:
            break
        time.sleep(0.1)
    return workers


def _wait_until_answering(base: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(600):  # up to about a minute on a busy machine; not a timing assertion
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else "server exited"
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail("eirene serve --workers 2 did not answer")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the worker processes")
def test_serve_two_workers_answer_the_same(example_db: Path, tmp_path: Path) -> None:
    db = writable_copy(example_db, tmp_path)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EIRENE_TOKEN": ""}
    command = [sys.executable, "-m", "eirene.cli", "serve", "--db", str(db), "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, process)
        workers = _workers_holding(process.pid, db, expected=2)
        assert len(workers) == 2, "each worker opens the database read-only by itself"
        for path in ROUTES:
            # a new connection per request, so the two workers' accepts share them
            answers = [httpx.get(base + path, timeout=60) for _ in range(12)]
            assert {answer.status_code for answer in answers} == {200}, path
            assert len({answer.content for answer in answers}) == 1, f"{path} answered differently"
        assert answers[0].headers["content-type"].startswith("text/html")
        assert httpx.get(base + "/api/stats", timeout=60).json()["events"] > 0
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        returncode = process.wait(timeout=120)
    assert returncode == 0, process.stderr.read().decode() if process.stderr else returncode
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "the workers stop with the server"


def test_serve_refuses_several_writers_on_a_duckdb_file(tmp_path: Path) -> None:
    db = tmp_path / "never-opened.duckdb"
    refused = CliRunner().invoke(cli, ["serve", "--db", str(db), "--workers", "2"], env={"EIRENE_TOKEN": "s3cret"})
    assert refused.exit_code != 0
    assert "E463" in refused.output and "one process at a time" in refused.output
    assert not db.exists(), "refused before the file was opened"


def test_several_workers_are_allowed_to_readers_and_to_postgresql() -> None:
    check_workers("eirene.duckdb", 4, None)
    check_workers("eirene.duckdb", 1, "s3cret")
    check_workers("postgresql://localhost/news", 4, "s3cret")
    assert one_writer_only("duckdb:///tmp/x.duckdb") and one_writer_only("/tmp/x.duckdb")
    assert not one_writer_only("postgres://localhost/news")


def test_worker_app_is_built_from_the_settings(example_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.delenv("EIRENE_TOKEN", raising=False)
    monkeypatch.setenv(SETTINGS_ENV, "")  # so that the settings written below are removed afterwards
    ServeSettings(str(example_db), 1000, ("127.0.0.1", "eirene.example.org")).to_environment()
    app = app_from_environment()
    with TestClient(app, base_url="http://eirene.example.org") as client:
        assert client.get("/api/stats").status_code == 200  # the --allowed-host name reached the worker
    assert app.state.eirene.max_upload_bytes == 1000 and not app.state.eirene.writable
