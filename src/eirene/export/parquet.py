"""Parquet: every table of the store, one .parquet file each, in one folder.

Why Parquet: DuckDB, pandas, polars, Spark and R's arrow read it directly with column
types intact (dates as dates, contexts as a list of strings), so an analyst can leave
eirene with the whole database. Rows are read through `Store.query` in pages and
written with pyarrow, so this works for any Store backend and on databases larger
than memory. The column names are the store's (see eirene/store/schema.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eirene.errors import StoreError
from eirene.export.base import iter_events
from eirene.store.base import EventFilter, Store
from eirene.store.dialect import duckdb_type_name

# table -> its key, for a stable row order across pages
TABLES: dict[str, str] = {
    "documents": "id",
    "events": "id",
    "event_actors": "event_id, role, position",
    "runs": "id",
    "ingest_errors": "id",
}
ROWS_PER_PAGE = 10_000  # rows per query: bounds memory (documents carry their full text)

_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
}


def export_parquet(store: Store, flt: EventFilter, out_path: Path) -> int:
    """Write documents, events, event_actors, runs and ingest_errors as Parquet files in
    the folder `out_path` (created if needed). With a filter, only the matching events,
    their actors and their documents are written (runs and errors always in full).
    RETURNS (int): rows written over all tables."""
    folder = Path(out_path)
    _make_folder(folder)
    scope = _scope(store, flt)
    return sum(_write_table(store, table, folder / f"{table}.parquet", scope) for table in TABLES)


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StoreError("E451", path=str(folder), reason="it is a file; the Parquet export writes a folder of files")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError("E451", path=str(folder), reason=exc.strerror or str(exc)) from exc


def _scope(store: Store, flt: EventFilter) -> dict[str, list[str]] | None:
    """The event and document ids a filter selects, or None for "everything"."""
    if flt == EventFilter():
        return None
    event_ids: list[str] = []
    doc_ids: dict[str, None] = {}
    for event in iter_events(store, flt):
        event_ids.append(event.id)
        doc_ids[event.doc_id] = None
    return {"events": event_ids, "documents": list(doc_ids)}


def _where(table: str, scope: dict[str, list[str]] | None) -> tuple[str, list[Any]]:
    if scope is None or table in ("runs", "ingest_errors"):
        return "", []
    column, ids = {
        "documents": ("id", scope["documents"]),
        "events": ("id", scope["events"]),
        "event_actors": ("event_id", scope["events"]),
    }[table]
    return f" WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [ids]


def arrow_schema(store: Store, table: str) -> pa.Schema:
    """The table's columns with Arrow types, from the database's information_schema."""
    rows = store.query(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    )
    return pa.schema([(r["column_name"], _TYPES.get(duckdb_type_name(r["data_type"]), pa.string())) for r in rows])


def _write_table(store: Store, table: str, path: Path, scope: dict[str, list[str]] | None) -> int:
    schema = arrow_schema(store, table)
    columns = ", ".join(f'"{name}"' for name in schema.names)
    where, params = _where(table, scope)
    part = path.with_name(f".{path.name}.part")
    written = 0
    try:
        with pq.ParquetWriter(part, schema) as writer:
            while True:
                rows = store.query(
                    f"SELECT {columns} FROM {table}{where} ORDER BY {TABLES[table]} LIMIT ? OFFSET ?",
                    [*params, ROWS_PER_PAGE, written],
                )
                if rows or written == 0:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                written += len(rows)
                if len(rows) < ROWS_PER_PAGE:
                    break
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StoreError("E451", path=str(path), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return written
