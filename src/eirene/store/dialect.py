"""Where the SQL of DuckDB and PostgreSQL differ, in one place.

Why: the store's statements (store/sql_store.py, store/batch_writes.py, store/schema.py)
are written once, in the SQL both databases understand, with `?` placeholders. The few
things they do not agree on are the attributes of a Dialect: how a placeholder is
spelled, a handful of column types in the DDL, grouping by every selected column, how
to list a schema's tables, and how concurrent writers take turns on a document (DuckDB
has one writing process per file, so it needs no lock; PostgreSQL takes an advisory
lock per document id for the length of the transaction).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol


class Cursor(Protocol):
    """What both drivers' `execute` returns: rows, and the names of its columns."""

    description: Any

    def fetchall(self) -> list[tuple[Any, ...]]: ...

    def fetchone(self) -> tuple[Any, ...] | None: ...


class Connection(Protocol):
    """A connection (or adapter) that runs one statement with `?` placeholders."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...


# the schema lock of PostgreSQL: two processes opening a new database at once must not
# both create its tables (any fixed 64-bit number; this one spells "eirene")
SCHEMA_LOCK_KEY = 0x656972656E65


@dataclass(frozen=True)
class Dialect:
    """The differences of one database's SQL from the statements as written.

    name (str): "duckdb" or "postgresql".
    type_names (dict): DDL type -> this database's type (whole words, e.g. DOUBLE).
    group_all (str): the GROUP BY clause of a query grouping by every plain column
        selected from `documents d` (DuckDB: GROUP BY ALL; PostgreSQL groups by the
        primary key, on which the other columns depend).
    tables_sql (str): lists the table names of the current schema.
    locks (bool): take a transaction-scoped lock per document id before writing it.
    arrow_inserts (bool): insert many rows as one Arrow table (DuckDB reads one in place)
        rather than as bound parameters.
    copy_inserts (bool): insert many rows through COPY (the connection's `copy_rows`).
    next_values (str): takes (sequence name, n), selects the sequence's next n values.
    """

    name: str
    type_names: dict[str, str] = field(default_factory=dict)
    group_all: str = "GROUP BY ALL"
    tables_sql: str = ""
    locks: bool = False
    arrow_inserts: bool = False
    copy_inserts: bool = False
    next_values: str = ""

    def sql(self, statement: str) -> str:
        """A statement as this database spells it (placeholders)."""
        return statement if self.name == "duckdb" else _percent_placeholders(statement)

    def ddl(self, statement: str) -> str:
        """A DDL statement with this database's type names."""
        for written, spelled in self.type_names.items():
            statement = re.sub(rf"\b{re.escape(written)}\b", spelled, statement)
        return statement

    def lock_documents(self, con: Connection, doc_ids: Sequence[str]) -> None:
        """Wait until no other transaction writes these documents (sorted, so two
        writers never wait for each other in a circle)."""
        if self.locks and doc_ids:
            con.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(id, 0)) FROM "
                "(SELECT DISTINCT unnest(?::VARCHAR[]) AS id) ids ORDER BY id",
                [sorted(set(doc_ids))],
            )

    def lock_schema(self, con: Connection) -> None:
        """Wait until no other process creates or migrates the schema."""
        if self.locks:
            con.execute("SELECT pg_advisory_xact_lock(?)", [SCHEMA_LOCK_KEY])


# information_schema.columns.data_type as PostgreSQL spells it -> as DuckDB does (the
# store's DDL spelling), so a reader of column types (export/parquet.py) knows one set;
# PostgreSQL reports every array as ARRAY, and the store's only arrays of text columns
# read by such readers are VARCHAR[]
DATA_TYPE_SPELLINGS: dict[str, str] = {
    "CHARACTER VARYING": "VARCHAR", "TEXT": "VARCHAR", "DOUBLE PRECISION": "DOUBLE",
    "TIMESTAMP WITHOUT TIME ZONE": "TIMESTAMP", "ARRAY": "VARCHAR[]",
}


def duckdb_type_name(data_type: str) -> str:
    """A column's information_schema data_type in DuckDB's (the DDL's) spelling, upper case."""
    upper = data_type.upper()
    return DATA_TYPE_SPELLINGS.get(upper, upper)


@lru_cache(maxsize=1024)
def _percent_placeholders(statement: str) -> str:
    """`?` -> `%s` (psycopg's placeholder), with literal `%` doubled."""
    return statement.replace("%", "%%").replace("?", "%s")


DUCKDB = Dialect(
    name="duckdb",
    arrow_inserts=True,
    tables_sql="SELECT table_name FROM information_schema.tables "
    "WHERE table_schema = 'main' AND table_catalog = current_database()",
)

POSTGRESQL = Dialect(
    name="postgresql",
    # minhash values are below 2**61 (datasketch's prime), so BIGINT holds them
    type_names={"DOUBLE": "DOUBLE PRECISION", "UBIGINT": "BIGINT"},
    group_all="GROUP BY d.id",
    tables_sql="SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
    locks=True,
    copy_inserts=True,
    next_values="SELECT nextval(?) FROM generate_series(1, ?)",
)
