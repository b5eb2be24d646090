"""Concurrent reads of one DuckDB file: a cursor per thread, and a time limit per query.

Why: a DuckDB connection serves one query at a time, so a store that read through its
one connection under a lock made every web request wait for the slowest one. Each
thread reading gets its own cursor (DuckDB's name for another connection to the same
database, seeing every committed write), so readers run side by side while writes
keep the store's one writing connection. A query running past `time_limit` seconds is
interrupted and raises E461, which the web app answers with 503.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import duckdb

from eirene.errors import StoreError

T = TypeVar("T")

#: When the work the current context does must end (time.monotonic()), e.g. one web
#: request: every read it makes gets at most the time left. None: no deadline.
READ_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("eirene_read_deadline", default=None)


def time_left(limit: float | None) -> float | None:
    """Seconds the next read may take: `limit`, or less when the current context's deadline
    (READ_DEADLINE) comes sooner; None when neither bounds it. Every backend's reads use it.

    RAISES (StoreError): E461 when the deadline has already passed.
    """
    deadline = READ_DEADLINE.get()
    if deadline is None:
        return limit
    left = deadline - time.monotonic()
    if left <= 0:
        raise StoreError("E461", path="The request", limit=f"{limit:g}" if limit else "its")
    return left if limit is None else min(limit, left)


class ReadCursors:
    """One cursor per thread on `connection`, created on first use, closed with `close`.

    time_limit (float | None): seconds a read may take before it is interrupted.
    """

    def __init__(self, time_limit: float | None = None) -> None:
        self.time_limit = time_limit
        self._local = threading.local()
        self._opened: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()

    def cursor(self, connection: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None or getattr(self._local, "parent", None) is not connection:
            cursor = connection.cursor()
            self._local.cursor, self._local.parent = cursor, connection
            with self._lock:
                self._opened.append(cursor)
        return cursor

    def run(self, connection: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any],
            fetch: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """`fetch(cursor.execute(sql, params))` on this thread's cursor, within the time limit.

        RAISES (StoreError): E461 when the limit stopped the query.
        """
        with self.session(connection) as cursor:
            return fetch(cursor.execute(sql, list(params)))

    @contextmanager
    def session(self, connection: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        """This thread's cursor for the reads of one `with` block, all within the time limit
        (and the deadline of the current context, READ_DEADLINE).

        RAISES (StoreError): E461 when the limit stopped a query of the block.
        """
        cursor = self.cursor(connection)
        limit = time_left(self.time_limit)
        if limit is None:
            yield cursor
            return
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            cursor.interrupt()

        shown = self.time_limit if self.time_limit is not None else limit
        timer = threading.Timer(limit, stop)
        timer.daemon = True
        started = time.monotonic()
        timer.start()
        try:
            yield cursor
        except (duckdb.Error, RuntimeError) as exc:
            if stopped.is_set():
                raise StoreError("E461", path="The database query", limit=f"{shown:g}") from exc
            raise
        finally:
            timer.cancel()
        if stopped.is_set() or time.monotonic() - started > limit:
            # finished past the limit before the interrupt reached it: as late all the same
            raise StoreError("E461", path="The database query", limit=f"{shown:g}")

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for cursor in opened:
            try:
                cursor.close()
            except duckdb.Error:
                pass
