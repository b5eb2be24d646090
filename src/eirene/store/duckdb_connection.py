"""Opening a DuckDB file and turning DuckDB's errors into eirene's.

Why apart from the store: what can go wrong when a file is opened (missing, a folder,
not a database, locked by another process) and how DuckDB reports Ctrl-C are facts
about DuckDB, not about events; the store's queries stay free of them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from eirene.errors import StoreError

ENV_MEMORY = "EIRENE_DUCKDB_MEMORY"  # DuckDB's memory_limit per process, e.g. "500MB"


def connect(location: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file, turning DuckDB's errors into E401/E404 that say what to do."""
    if location != ":memory:":
        path = Path(location)
        if read_only and not path.exists():
            raise StoreError("E401", path=location, reason="it does not exist (code some documents into it first)")
        if not path.parent.exists():
            raise StoreError("E401", path=location, reason=f"its folder {path.parent} does not exist")
        if path.is_dir():
            raise StoreError("E401", path=location, reason="it is a folder, not a database file")
    try:
        return duckdb.connect(location, read_only=read_only, config=memory_config())
    except duckdb.Error as exc:
        message = str(exc)
        if "Could not set lock" in message or "Conflicting lock" in message:
            pid = re.search(r"PID (\d+)", message)
            holder = f" (pid {pid.group(1)})" if pid else ""
            raise StoreError("E404", path=location, holder=holder) from exc
        if "not a valid DuckDB database" in message:
            reason = "it is not a DuckDB database file (was another file given by mistake?)"
        elif memory_config() and "memory" in message.lower():
            reason = f"${ENV_MEMORY} is not a size DuckDB reads ({message.splitlines()[0]}); give one like 500MB or 2GB"
        elif "different configuration" in message:
            reason = "this process already has it open in another mode (read-only or not); close that store first"
        else:
            reason = message.splitlines()[0]
        raise StoreError("E401", path=location, reason=reason) from exc


def memory_config() -> dict[str, str]:
    """DuckDB's memory limit from $EIRENE_DUCKDB_MEMORY, if set. Why: DuckDB keeps up to
    80 % of the machine's memory of file pages by default, per process; several read-only
    server workers over one large file each fill their own cache."""
    limit = os.environ.get(ENV_MEMORY, "").strip()
    return {"memory_limit": limit} if limit else {}


@contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl-C during a DuckDB query arrives as duckdb.InterruptException; callers
    (batch runs) expect the ordinary KeyboardInterrupt."""
    try:
        yield
    except (duckdb.InterruptException, RuntimeError) as exc:
        if is_interrupt(exc):
            raise KeyboardInterrupt from exc
        raise


def is_interrupt(exc: BaseException) -> bool:
    """DuckDB reports a Ctrl-C as InterruptException, or on some paths as a bare
    RuntimeError("Query interrupted")."""
    return isinstance(exc, duckdb.InterruptException) or (
        isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()
    )
