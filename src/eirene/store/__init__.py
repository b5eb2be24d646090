"""The store stage: where coded documents, events and runs are kept.

    >>> from eirene.store import EventFilter, open_store
    >>> with open_store("events.duckdb") as store:
    ...     assaults = store.events(EventFilter(event_type="ASSAULT", since="2016"))

`open_store` picks the backend from the location: a file path is a DuckDB file;
a URL's scheme names a backend in BACKENDS ("postgresql://user@host/db": PostgreSQL).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from eirene.errors import StoreError
from eirene.store.base import DocState, EventFilter, Store
from eirene.store.duckdb_store import DuckDBStore
from eirene.store.postgres_store import PostgresStore, redact
from eirene.store.schema import SCHEMA_VERSION

DEFAULT_LOCATION = "eirene.duckdb"

# scheme -> backend class; each takes (location, *, read_only). A new backend registers here.
BACKENDS: dict[str, type[Store]] = {"duckdb": DuckDBStore, "postgresql": PostgresStore, "postgres": PostgresStore}
# schemes that name a backend eirene will offer but does not have yet (none today)
PLANNED: dict[str, str] = {}

_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$", re.DOTALL)


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> Store:
    """Open (or create) the database at `location`. RETURNS (Store).

    location: a file path (DuckDB), "duckdb://path", or None for $EIRENE_DB or
        "eirene.duckdb" in the current folder, or "postgresql://user@host/database".
    read_only (bool): open for reading only, e.g. for the web app beside a finished run.
    RAISES (StoreError): E401 not a usable database, E402 schema version differs,
        E403 unknown URL scheme, E404 another process is writing to the file, E405
        backend not available yet, E412 an older schema opened read-only (opened for
        writing, it is upgraded in place), E417 no PostgreSQL server or database there,
        E418 psycopg not installed.
    """
    if location is None:
        location = os.environ.get("EIRENE_DB") or DEFAULT_LOCATION
    if isinstance(location, Path):
        return DuckDBStore(location, read_only=read_only)
    match = _URL.match(location)
    if match is None:
        return DuckDBStore(Path(location).expanduser(), read_only=read_only)
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme == "duckdb":
        return DuckDBStore(Path(rest).expanduser() if rest != ":memory:" else rest, read_only=read_only)
    if scheme in BACKENDS:
        return BACKENDS[scheme](location, read_only=read_only)  # type: ignore[call-arg]
    if scheme in PLANNED:
        raise StoreError("E405", backend=PLANNED[scheme], url=redact(location))
    raise StoreError("E403", url=redact(location))


__all__ = ["BACKENDS", "SCHEMA_VERSION", "DocState", "DuckDBStore", "EventFilter", "PostgresStore", "Store", "open_store"]
