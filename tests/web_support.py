"""Helpers shared by the web tests and their fixtures (tests/conftest.py): an article of our
own, a writable copy of the example database, and a live server for the browser."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

TOKEN = "test-token-5f2c"
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "web"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


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


def writable_copy(example_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's example database that a test may write to."""
    target = tmp_path / "examples.duckdb"
    shutil.copy(example_db, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db: Path | str, **options: object) -> Iterator[str]:
    """Run the app over `db` with uvicorn on a free 127.0.0.1 port; yields its base URL."""
    import uvicorn

    from eirene.web.app import create_app

    port = free_port()
    config = uvicorn.Config(create_app(db, **options), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket to listen (not a timing assertion)
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
