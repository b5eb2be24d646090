"""The analyses' SQL on a PostgreSQL store: run on an in-memory DuckDB copy of its tables.

Why: the actor-system analyses (eirene.analysis: dyads, networks, claims, profiles) are
written in DuckDB's SQL (list functions, arg_max, GROUP BY ALL) because DuckDB answers
them fast; rewriting them for a second dialect would double them. A `query()` that
PostgreSQL cannot parse or does not know a function of is answered instead from a copy
of the documents, events and event_actors tables in an in-memory DuckDB, made on first
use and made again when the database has changed since (a cheap stamp of counts and
the highest keys says so). The copy is what the analyses need, not the whole database:
texts of documents are left out (empty).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from eirene.store.schema import create_schema

# the tables copied, each with the columns left out (read by the analyses: none of them)
COPIED: dict[str, tuple[str, ...]] = {"documents": ("text",), "events": (), "event_actors": ()}
# changes to any copied table move one of these numbers (a correction re-inserts its
# document's events under new seqs; story grouping sets story_id)
STAMP_SQL = (
    "SELECT (SELECT count(*) FROM documents), (SELECT count(story_id) FROM documents), "
    "(SELECT max(ingested_at) FROM documents), (SELECT max(seq) FROM events), (SELECT count(*) FROM events), "
    "(SELECT count(*) FROM event_actors)"
)

Rows = Callable[[str, Sequence[Any]], tuple[list[str], list[tuple[Any, ...]]]]  # sql, params -> names, rows


class AnalyticCopy:
    """An in-memory DuckDB copy of a PostgreSQL store's analysed tables, kept fresh."""

    def __init__(self) -> None:
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[Any, ...] | None = None
        self._lock = threading.Lock()

    def query(self, read: Rows, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Run DuckDB SQL on the copy, refreshing it first if the database changed.

        read: runs a statement on PostgreSQL, returning column names and rows.
        """
        with self._lock:
            stamp = tuple(read(STAMP_SQL, [])[1][0])
            if self._con is None or stamp != self._stamp:
                self._load(read)
                self._stamp = stamp
            assert self._con is not None
            cursor = self._con.execute(sql, list(params))
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _load(self, read: Rows) -> None:
        import pyarrow as pa

        con = duckdb.connect(":memory:")
        create_schema(lambda statement, values: con.execute(statement, values))
        for table, left_out in COPIED.items():
            names, _ = read(f"SELECT * FROM {table} LIMIT 0", [])
            listed = ", ".join(f"'' AS \"{n}\"" if n in left_out else f'"{n}"' for n in names)  # left out: empty
            names, rows = read(f"SELECT {listed} FROM {table}", [])
            if not rows:
                continue
            arrow = pa.table([pa.array([row[i] for row in rows]) for i in range(len(names))], names=names)
            con.register("copied_rows", arrow)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM copied_rows")
            con.unregister("copied_rows")
        if self._con is not None:
            self._con.close()
        self._con = con

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


def is_dialect_error(sqlstate: str | None) -> bool:
    """Whether PostgreSQL refused a statement for its SQL (syntax, an unknown function or
    operator, a grouping rule) rather than for the data: SQLSTATE class 42, except a
    missing table or column, which the copy would not have either."""
    return bool(sqlstate) and sqlstate.startswith("42") and sqlstate not in ("42P01", "42703")  # type: ignore[union-attr]

