"""The PostgreSQL backend: a database on a server, many writing processes at once.

Why PostgreSQL: a year of world news coded on a cluster outgrows one DuckDB file that
only one process may write; users who run Ray clusters already run PostgreSQL. The
queries are those of every backend (store/sql_store.py); this module only connects
(psycopg 3 with a psycopg_pool connection pool, so the web app's threads and a coding
run's reads do not queue behind one connection), runs transactions, and guards
`query()` (whose SQL in DuckDB's dialect, the analyses', is answered from an in-memory
DuckDB copy: store/analytic_copy.py). Several coders may write one database at once: a batch takes a
transaction-scoped lock on each of its document ids (store/dialect.py), so two
processes storing the same document take turns and the second finds it "same".

    >>> store = open_store("postgresql://analyst@db.example.org/news")
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb

from eirene.errors import StoreError
from eirene.store.analytic_copy import AnalyticCopy, is_dialect_error
from eirene.store.dialect import POSTGRESQL, Cursor
from eirene.store.duckdb_reads import time_left
from eirene.store.sql_store import SQLStore

POOL_SIZE = 4  # connections: the web app's worker threads, or a run's reads beside its writes
CONNECT_SECONDS = 10


def redact(url: str) -> str:
    """Hide a password in a URL before it goes into a message."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


class _Connection:
    """A psycopg connection that takes the store's `?` placeholders."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    @property
    def raw(self) -> Any:
        """The psycopg connection itself (for a transaction of reads)."""
        return self._conn

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        cursor: Cursor = self._conn.execute(POSTGRESQL.sql(sql), list(parameters))
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
        """Insert many rows through COPY ... FROM STDIN (the bulk path of batch_writes)."""
        with self._conn.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _drivers() -> tuple[Any, Any]:
    try:
        import psycopg
        import psycopg_pool
    except ImportError as exc:
        raise StoreError("E418", missing=exc.name or "psycopg") from exc
    return psycopg, psycopg_pool


class PostgresStore(SQLStore):
    """A Store in a PostgreSQL database (created with its schema if empty).

    location (str): a libpq URL, "postgresql://user[:password]@host[:port]/database".
    read_only (bool): every connection refuses writes (default_transaction_read_only),
        e.g. for the web app.
    """

    dialect = POSTGRESQL

    def __init__(self, location: str, *, read_only: bool = False) -> None:
        super().__init__()
        psycopg, psycopg_pool = _drivers()
        self._psycopg = psycopg
        self.url = location
        self.location = redact(location)
        self.read_only = read_only
        self.read_time_limit: float | None = None  # seconds a read may run before E461 stops it
        self._analytic = AnalyticCopy()
        try:  # one plain connection first: its error says what is wrong (no server, no database, ...)
            psycopg.connect(location, connect_timeout=CONNECT_SECONDS).close()
        except psycopg.Error as exc:
            raise StoreError("E417", url=self.location, reason=_first_line(exc)) from exc
        self._pool: Any = psycopg_pool.ConnectionPool(
            location, min_size=1, max_size=POOL_SIZE, open=True, timeout=CONNECT_SECONDS * 6,
            kwargs={"autocommit": True}, configure=self._configure, name="eirene",
        )
        try:
            self._prepare_schema()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({self.location!r}, read_only={self.read_only})"

    def _configure(self, conn: Any) -> None:
        # JSON columns come back as their text, as DuckDB returns them, so `query()` gives
        # the same rows on both backends (the Parquet export writes them as strings)
        text_loader = self._psycopg.types.string.TextLoader
        conn.adapters.register_loader("json", text_loader)
        conn.adapters.register_loader("jsonb", text_loader)
        if self.read_only:
            conn.execute("SET default_transaction_read_only = on")

    # plumbing ---------------------------------------------------------------
    def _open_pool(self) -> Any:
        if self._pool is None:
            raise StoreError("E411", path=self.location)
        return self._pool

    @contextmanager
    def _reading(self) -> Iterator[_Connection]:
        """A pooled connection whose statements stop with E461 past the read time limit
        (and the deadline of the current context, store/duckdb_reads.READ_DEADLINE)."""
        limit = time_left(self.read_time_limit)
        with self._open_pool().connection() as conn:
            if limit is None:
                yield _Connection(conn)
                return
            conn.execute("SELECT set_config('statement_timeout', %s, false)", [str(max(1, round(limit * 1000)))])
            shown = self.read_time_limit if self.read_time_limit is not None else limit
            started = time.monotonic()
            try:
                yield _Connection(conn)
            except self._psycopg.errors.QueryCanceled as exc:
                raise StoreError("E461", path="The database query", limit=f"{shown:g}") from exc
            finally:
                if not conn.closed:
                    conn.execute("RESET statement_timeout")
            if time.monotonic() - started > limit:  # finished, but past the limit: as late all the same
                raise StoreError("E461", path="The database query", limit=f"{shown:g}")

    @contextmanager
    def _transaction(self, what: str, doc_id: str | None = None) -> Iterator[_Connection]:
        """BEGIN ... COMMIT on a pooled connection, ROLLBACK on any error (E409 for the database's)."""
        if self.read_only:
            raise StoreError("E410", path=self.location, what=what)
        self._wrote()
        try:
            with self._open_pool().connection() as conn, conn.transaction():
                yield _Connection(conn)
        except self._psycopg.Error as exc:
            raise StoreError("E409", doc_id=doc_id, what=what, path=self.location, reason=_first_line(exc)) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one read-only statement in a READ ONLY transaction; rows as dicts."""
        refused = _not_a_read(sql)
        if refused:
            raise StoreError("E407", kind=refused)
        errors = self._psycopg.errors
        try:
            with self._reading() as reader, reader.raw.transaction():
                conn = reader.raw
                conn.execute("SET TRANSACTION READ ONLY")
                cursor = conn.execute(POSTGRESQL.sql(sql), list(params))
                names = [d[0] for d in cursor.description or ()]
                return [dict(zip(names, row)) for row in (cursor.fetchall() if cursor.description else [])]
        except errors.ReadOnlySqlTransaction as exc:
            raise StoreError("E407", kind="a statement that writes") from exc
        except self._psycopg.Error as exc:
            if "multiple commands" in str(exc):
                raise StoreError("E407", kind="several statements") from exc
            if not is_dialect_error(exc.sqlstate):
                raise StoreError("E408", path=self.location, reason=_first_line(exc)) from exc
            failure = exc
        try:  # DuckDB's SQL (the analyses'): on an in-memory copy (store/analytic_copy.py)
            return self._analytic.query(self._named_rows, sql, params)
        except duckdb.Error as exc:
            raise StoreError("E408", path=self.location, reason=_first_line(failure)) from exc

    def _named_rows(self, sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        with self._reading() as con:
            cursor = con.execute(sql, params)
            return [d[0] for d in cursor.description or ()], cursor.fetchall()

    def close(self) -> None:
        self._analytic.close()
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _not_a_read(sql: str) -> str | None:
    """Why `sql` is not one read-only statement, or None when it is (or cannot be told).

    Why DuckDB's parser: it is PostgreSQL's grammar (libpg_query), so it tells statements
    apart without a round trip; what it cannot parse is left to the READ ONLY transaction.
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error:
        return None
    if len(statements) != 1:
        return f"{len(statements)} statements"
    kind = statements[0].type
    if kind not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
        return f"a {kind.name} statement"
    return None
