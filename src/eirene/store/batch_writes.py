"""Writing coded documents and their events, many documents per transaction.

Why batches: one transaction per document cost about a third of a coding run's time
(`benchmarks/throughput.py --store`): each paid its own commit, its own look-up of the
stored version and its own inserts. `save_batch` looks up a batch's documents in one
query, deletes the replaced events of all of them at once and inserts every new event
and actor row in multi-row statements, in one transaction. A document is still never
stored without its events, nor events without their document: the batch commits whole
or not at all, and a run killed mid-batch re-codes that batch when run again.

The functions take an open transaction's connection and the database's Dialect, so the
same statements serve DuckDB and PostgreSQL (store/dialect.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eirene.corrections import Correction, apply_corrections
from eirene.records import DocResult, Document, Event
from eirene.store import corrections as correction_rows
from eirene.store import record_rows
from eirene.store.base import DocState
from eirene.store.dialect import Connection, Dialect

ROWS_PER_INSERT = 250  # multi-row VALUES: ~10x faster than executemany in DuckDB
BULK_FROM = 32  # rows from which an Arrow table or COPY is faster than bound parameters
IDS = "(SELECT unnest(?::VARCHAR[]))"  # a list parameter as a set of ids, in both dialects

_EVENT_INSERT = [*(c.sql for c in record_rows.EVENT_COLUMNS), "run_id"]
_ACTOR_INSERT = [*record_rows.ACTOR_KEY, *(c.sql for c in record_rows.ACTOR_COLUMNS), "event_seq"]


@dataclass(frozen=True)
class Stored:
    """What the documents table holds of one document before the write."""

    content_hash: str
    sentences: int | None


def now() -> dt.datetime:
    """UTC wall time without tzinfo, as stored in TIMESTAMP columns."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def insert_rows(con: Connection, table: str, columns: Sequence[str], rows: list[list[Any]],
                returning: str = "", dialect: Dialect | None = None) -> list[tuple[Any, ...]]:
    """Insert rows: many as one Arrow table (DuckDB) or through COPY (PostgreSQL), both
    about ten times faster than bound parameters; few in multi-row VALUES. RETURNS the
    rows of the RETURNING clause, when one is given."""
    if not rows:
        return []
    if dialect is not None and len(rows) >= BULK_FROM:
        if dialect.arrow_inserts:
            return _insert_arrow(con, table, columns, rows, returning)
        if dialect.copy_inserts and not returning:
            con.copy_rows(table, columns, rows)  # type: ignore[attr-defined]
            return []
    placeholder = "(" + ", ".join("?" * len(columns)) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    tail = f" RETURNING {returning}" if returning else ""
    found: list[tuple[Any, ...]] = []
    for i in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[i : i + ROWS_PER_INSERT]
        cursor = con.execute(head + ", ".join([placeholder] * len(chunk)) + tail, [v for row in chunk for v in row])
        if returning:
            found.extend(cursor.fetchall())
    return found


def _insert_arrow(con: Any, table: str, columns: Sequence[str], rows: list[list[Any]],
                  returning: str) -> list[tuple[Any, ...]]:
    """INSERT ... SELECT from the rows as an Arrow table registered on a DuckDB connection
    (a column of None only is typed null, which DuckDB casts to the column's type)."""
    import pyarrow as pa

    names = [f"c{i}" for i in range(len(columns))]
    arrow = pa.table([pa.array([row[i] for row in rows]) for i in range(len(columns))], names=names)
    con.register("eirene_rows", arrow)
    try:
        tail = f" RETURNING {returning}" if returning else ""
        cursor = con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(names)} FROM eirene_rows{tail}")
        return cursor.fetchall() if returning else []
    finally:
        con.unregister("eirene_rows")


def stored_documents(con: Connection, doc_ids: Sequence[str]) -> dict[str, Stored]:
    """The stored hash and sentence count of each of these documents that exists."""
    rows = con.execute(f"SELECT id, content_hash, sentences FROM documents WHERE id IN {IDS}", [list(doc_ids)]).fetchall()
    return {row[0]: Stored(row[1], row[2]) for row in rows}


def document_row(doc: Document, sentences: int | None, run_id: int) -> list[Any]:
    """A new document's row: DOCUMENT_COLUMNS, then DOCUMENT_EXTRA (version 1)."""
    return [*record_rows.document_values(doc), 1, doc.content_hash, sentences, run_id, now()]


DOCUMENT_INSERT = [*(c.sql for c in record_rows.DOCUMENT_COLUMNS), *record_rows.DOCUMENT_EXTRA]


def update_document(con: Connection, doc: Document, sentences: int | None, run_id: int, bump: int) -> None:
    """Replace a stored document's fields, raising its version by `bump` (0 or 1)."""
    changed = [(c, v) for c, v in zip(record_rows.DOCUMENT_COLUMNS, record_rows.document_values(doc)) if c.name != "id"]
    assignments = ", ".join(f"{c.sql} = ?" for c, _ in changed)
    con.execute(
        f"UPDATE documents SET version = version + {int(bump)}, {assignments}, content_hash = ?, "
        "sentences = ?, run_id = ?, ingested_at = ? WHERE id = ?",
        [*(v for _, v in changed), doc.content_hash, sentences, run_id, now(), doc.id],
    )


def drop_events(con: Connection, doc_ids: Sequence[str]) -> None:
    """Delete these documents' events and their actor rows."""
    if doc_ids:
        con.execute(f"DELETE FROM event_actors WHERE event_seq IN (SELECT seq FROM events WHERE doc_id IN {IDS})",
                    [list(doc_ids)])
        con.execute(f"DELETE FROM events WHERE doc_id IN {IDS}", [list(doc_ids)])


def insert_events(con: Connection, events: list[Event], run_id: int | None, dialect: Dialect | None = None) -> None:
    """Insert events and their actor rows; an event stored under one of these ids before
    (another document's, which only a coder bug makes) is replaced: the later save wins."""
    if not events:
        return
    ids = [e.id for e in events]
    con.execute(f"DELETE FROM event_actors WHERE event_id IN {IDS}", [ids])
    con.execute(f"DELETE FROM events WHERE id IN {IDS}", [ids])
    # each new event takes its seq from the sequence; its actor rows carry it
    rows = [[*record_rows.event_values(e), run_id] for e in events]
    if dialect is not None and dialect.copy_inserts and len(rows) >= BULK_FROM:  # COPY returns nothing: seqs first
        taken = [r[0] for r in con.execute(dialect.next_values, ["events_seq_seq", len(rows)]).fetchall()]
        insert_rows(con, "events", [*_EVENT_INSERT, "seq"], [[*row, seq] for row, seq in zip(rows, taken)], dialect=dialect)
        seqs = dict(zip(ids, taken))
    else:
        seqs = dict(insert_rows(con, "events", _EVENT_INSERT, rows, returning="id, seq", dialect=dialect))
    actor_rows = [[e.id, role, position, *values, seqs[e.id]]
                  for e in events for role, position, values in record_rows.actor_rows(e)]
    insert_rows(con, "event_actors", _ACTOR_INSERT, actor_rows, dialect=dialect)


def document_corrections(con: Connection, doc_id: str) -> list[Correction]:
    """A document's corrections, oldest first."""
    return [correction_rows.from_row(r) for r in
            con.execute(correction_rows.SELECT + " WHERE doc_id = ? ORDER BY id", [doc_id]).fetchall()]


def corrected(con: Connection, doc_id: str, events: list[Event]) -> list[Event]:
    """The coder's fresh events of a document with its corrections applied; the
    corrections' originals become the coder's new version of their event."""
    found = document_corrections(con, doc_id)
    if not found:
        return events
    fixed, refreshed = apply_corrections(events, found, fresh=True)
    for correction_id, original in refreshed.items():
        con.execute("UPDATE corrections SET original = ? WHERE id = ?", [json.dumps(original, ensure_ascii=False), correction_id])
    return list({e.id: e for e in fixed}.values())


def same_events(stored: list[Event], fresh: list[Event]) -> bool:
    """Whether two event lists hold the same rows (what --recode counts as unchanged)."""
    def rows(events: list[Event]) -> list[str]:
        return sorted(repr((record_rows.event_values(e), list(record_rows.actor_rows(e)))) for e in events)

    return rows(stored) == rows(fresh)


def unique_events(result: DocResult) -> list[Event]:
    """A result's events, one per id (the later wins)."""
    return list({e.id: e for e in result.events}.values())


def save_batch(con: Connection, dialect: Dialect, results: Sequence[DocResult], run_id: int,
               force: bool = False, stored_events: Callable[[str], list[Event]] | None = None) -> list[DocState]:
    """Store coded documents and their events inside the caller's transaction.

    Each document as `Store.save_result` would: "same" content already coded is left
    alone unless `force`, and a forced re-coding that finds exactly the stored events
    (`stored_events(doc_id)`) is "same" too; a changed one replaces its events (its
    corrections re-applied).
    The results must name distinct documents. RETURNS one state per result, in order.
    """
    ids = [r.document.id for r in results]
    dialect.lock_documents(con, ids)
    found = stored_documents(con, ids)
    with_corrections = {row[0] for row in con.execute(
        f"SELECT DISTINCT doc_id FROM corrections WHERE doc_id IN {IDS}", [ids]).fetchall()} if found else set()
    states: list[DocState] = []
    new_rows: list[list[Any]] = []
    replaced: list[str] = []
    writes: list[tuple[str, list[Event]]] = []
    for result in results:
        doc, before = result.document, found.get(result.document.id)
        if before is not None and before.content_hash == doc.content_hash and before.sentences is not None and not force:
            states.append("same")
            continue
        recoding = before is not None and before.content_hash == doc.content_hash
        if recoding and before.sentences is not None and stored_events is not None:
            fresh = unique_events(result)
            if doc.id in with_corrections:
                fresh = corrected(con, doc.id, fresh)
            if same_events(stored_events(doc.id), fresh):
                states.append("same")  # recoded, and the coder found exactly the events stored
                continue
        if before is None:
            new_rows.append(document_row(doc, result.sentences, run_id))
        else:
            update_document(con, doc, result.sentences, run_id, bump=0 if recoding else 1)
            replaced.append(doc.id)
        writes.append((doc.id, unique_events(result)))
        states.append("new" if before is None or (recoding and before.sentences is None) else "changed")
    insert_rows(con, "documents", DOCUMENT_INSERT, new_rows, dialect=dialect)
    drop_events(con, replaced)
    events: list[Event] = []
    for doc_id, fresh in writes:
        events.extend(corrected(con, doc_id, fresh) if doc_id in with_corrections else fresh)
    insert_events(con, list({e.id: e for e in events}.values()), run_id, dialect)
    return states


def save_document(con: Connection, dialect: Dialect, doc: Document, run_id: int) -> DocState:
    """Store a document without coding it (`eirene ingest`), inside the caller's transaction."""
    dialect.lock_documents(con, [doc.id])
    before = stored_documents(con, [doc.id]).get(doc.id)
    if before is not None and before.content_hash == doc.content_hash:
        return "same"
    if before is None:
        insert_rows(con, "documents", DOCUMENT_INSERT, [document_row(doc, None, run_id)])
        return "new"
    drop_events(con, [doc.id])
    update_document(con, doc, None, run_id, bump=1)
    return "changed"
