"""Several server processes over one database: `eirene serve --workers N`.

Why: one Python process does one request's Python work at a time, so under many
clients the requests queue behind each other even when every one alone is quick.
uvicorn can start N worker processes that share the listening socket; each one calls
`app_from_environment` (an app factory, named by FACTORY) and builds its own app, with
its own caches, from the settings `eirene serve` put in the environment. The workers
share what is kept in the store (the analysis snapshots of `eirene precompute`).

DuckDB lets several processes read a file when none writes it, so a read-only server
may run several workers; a server with an upload token over a DuckDB file may not
(E463). PostgreSQL takes several readers and writers.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from eirene.errors import EireneError
from eirene.store import BACKENDS, DuckDBStore

if TYPE_CHECKING:
    from fastapi import FastAPI

#: The environment variable that carries the settings from `eirene serve` to its workers.
SETTINGS_ENV = "EIRENE_SERVE_SETTINGS"
#: What uvicorn imports in each worker (with factory=True).
FACTORY = "eirene.web.workers:app_from_environment"


@dataclass(frozen=True)
class ServeSettings:
    """What each worker needs to build the same app as `eirene serve` would in one process.
    The upload token is not here: it stays in $EIRENE_TOKEN, which the workers inherit.

    db (str): the database, as open_store takes it.
    max_upload_bytes (int): largest upload body (413 above).
    allowed_host_names (tuple[str, ...]): the --host and --allowed-host values.
    """

    db: str
    max_upload_bytes: int
    allowed_host_names: tuple[str, ...]

    def to_environment(self) -> None:
        """Put the settings where the workers (child processes) will find them."""
        os.environ[SETTINGS_ENV] = json.dumps(asdict(self))

    @classmethod
    def from_environment(cls) -> ServeSettings:
        raw = os.environ.get(SETTINGS_ENV)
        if not raw:
            raise RuntimeError(f"{SETTINGS_ENV} is not set: {FACTORY} is started by `eirene serve --workers N`")
        values = json.loads(raw)
        return cls(db=values["db"], max_upload_bytes=int(values["max_upload_bytes"]),
                   allowed_host_names=tuple(values["allowed_host_names"]))


def app_from_environment() -> FastAPI:
    """The app of one worker, built from $EIRENE_SERVE_SETTINGS. RETURNS (FastAPI)."""
    from eirene.web.app import create_app

    settings = ServeSettings.from_environment()
    return create_app(settings.db, max_upload_bytes=settings.max_upload_bytes,
                      allowed_host_names=settings.allowed_host_names)


def one_writer_only(db: str) -> bool:
    """True when the database is a DuckDB file, which one process at a time may write."""
    scheme = db.split("://", 1)[0].lower() if "://" in db else "duckdb"
    return BACKENDS.get(scheme, DuckDBStore) is DuckDBStore


def check_workers(db: str, workers: int, token: str | None) -> None:
    """Refuse several workers that would each open a DuckDB file for writing.
    RAISES (EireneError): E463."""
    if workers > 1 and token and one_writer_only(db):
        raise EireneError("E463", workers=workers, db=db)


def serve_workers(settings: ServeSettings, *, host: str, port: int, workers: int) -> None:
    """Run uvicorn's own multi-process server: `workers` processes, each building its app."""
    import uvicorn

    settings.to_environment()
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers, log_level="warning")
