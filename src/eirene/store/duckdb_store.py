"""The default backend: one DuckDB file, embedded, one writing connection.

Why DuckDB: it installs with pip, needs no server, and answers the analytical
queries (counts by type, dyads over time) fast. Its limits shape this class:
only one process may open a file for writing (E404 names the holder), and a
connection serves one query at a time, so writes take one lock on the writing
connection while reads go through a cursor per thread (store/duckdb_reads.py), side
by side and within an optional time limit.
Every write is one transaction, so a killed process leaves each document either
fully stored with its events or not stored at all.

The queries themselves are store/sql_store.py (shared with PostgreSQL); opening the
file, store/duckdb_connection.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from eirene.errors import StoreError
from eirene.store.dialect import DUCKDB
from eirene.store.duckdb_connection import connect, interruptible, is_interrupt
from eirene.store.duckdb_reads import ReadCursors
from eirene.store.sql_store import SQLStore


class DuckDBStore(SQLStore):
    """A Store in one DuckDB file (or ":memory:").

    location (str | Path): the database file; created, with the schema, if new.
    read_only (bool): open without the write lock, so several readers (the web
        app, an analysis notebook) may share a file no process is writing.
    """

    dialect = DUCKDB

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        super().__init__()
        self.location = str(location)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._writer: int | None = None  # the thread inside a write transaction
        self._reads = ReadCursors()
        self._con: duckdb.DuckDBPyConnection | None = connect(self.location, read_only)
        try:
            self._prepare_schema()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"DuckDBStore({self.location!r}, read_only={self.read_only})"

    # plumbing ---------------------------------------------------------------
    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError("E411", path=self.location)
        return self._con

    @property
    def read_time_limit(self) -> float | None:
        """Seconds a read may run before it is stopped with E461 (None: no limit)."""
        return self._reads.time_limit

    @read_time_limit.setter
    def read_time_limit(self, seconds: float | None) -> None:
        self._reads.time_limit = seconds

    @contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """This thread's read cursor; inside a write transaction of this thread, its
        connection (so the transaction sees its own writes)."""
        if self._writer == threading.get_ident():
            with self._lock, interruptible():
                yield self._connection()
            return
        with interruptible(), self._reads.session(self._connection()) as cursor:
            yield cursor

    @contextmanager
    def _transaction(self, what: str, doc_id: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT, or ROLLBACK on any error (E409 for database errors)."""
        with self._lock:
            con = self._connection()
            self._wrote()
            if self.read_only:
                raise StoreError("E410", path=self.location, what=what)
            con.begin()
            outer, self._writer = self._writer, threading.get_ident()
            try:
                yield con
                con.commit()
            except BaseException as exc:
                try:
                    con.rollback()
                except duckdb.Error:
                    pass  # the failed commit already ended the transaction
                if is_interrupt(exc):
                    # DuckDB turns Ctrl-C during a query into its own error: the user
                    # asked to stop, so stop (the transaction is rolled back).
                    raise KeyboardInterrupt from exc
                if isinstance(exc, duckdb.Error):
                    reason = str(exc).splitlines()[0]
                    raise StoreError("E409", doc_id=doc_id, what=what, path=self.location, reason=reason) from exc
                raise
            finally:
                self._writer = outer

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one read-only statement (SELECT or EXPLAIN); rows as dicts of DuckDB's Python values."""
        self._check_read(sql)
        try:
            return self._dicts(sql, params)
        except duckdb.Error as exc:
            raise StoreError("E408", path=self.location, reason=str(exc).splitlines()[0]) from exc

    def query_frame(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """`query` as a pandas DataFrame, read column by column: no Python object per row."""
        self._check_read(sql)
        try:
            with self._reading() as con:
                return con.execute(sql, list(params)).df()
        except duckdb.Error as exc:
            raise StoreError("E408", path=self.location, reason=str(exc).splitlines()[0]) from exc

    def _check_read(self, sql: str) -> None:
        """RAISES (StoreError): E408 unreadable SQL, E407 not one SELECT or EXPLAIN."""
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as exc:
            raise StoreError("E408", path=self.location, reason=str(exc).splitlines()[0]) from exc
        if len(statements) != 1:
            raise StoreError("E407", kind=f"{len(statements)} statements")
        kind = statements[0].type
        if kind not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
            raise StoreError("E407", kind=f"a {kind.name} statement")

    def close(self) -> None:
        with self._lock:
            self._reads.close()
            if self._con is not None:
                self._con.close()
                self._con = None
