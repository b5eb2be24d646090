"""The default backend: one DuckDB file, embedded, one writing connection.

Why DuckDB: it installs with pip, needs no server, and answers the analytical
queries (counts by type, dyads over time) fast. Its limits shape this class:
only one process may open a file for writing (E404 names the holder), and a
connection serves one query at a time, so writes take one lock on the writing
connection while reads go through a cursor per thread (store/duckdb_reads.py), side
by side and within an optional time limit.
Every `save_result` is one transaction, so a killed process leaves each
document either fully stored with its events or not stored at all.

How records become rows is store/record_rows.py; the filter SQL, store/event_sql.py;
opening the file, store/duckdb_connection.py.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from eirene.corrections import Correction, apply_corrections, now_iso
from eirene.errors import StoreError
from eirene.records import ActorRef, DocFailure, DocResult, Document, Event
from eirene.store import corrections as correction_rows
from eirene.store import record_rows
from eirene.store.base import DocState, EventFilter, Execute, Store
from eirene.store.duckdb_connection import connect, interruptible, is_interrupt
from eirene.store.duckdb_reads import ReadCursors
from eirene.store.event_sql import EVENT_ORDER, date_window, filter_sql
from eirene.store.schema import SCHEMA_VERSION, check_version, create_schema, migrate
from eirene.store.stats import ActorCount, DateRange, DyadCount, StoreStats

T = TypeVar("T")
ROWS_PER_INSERT = 250  # multi-row VALUES: ~10x faster than executemany in DuckDB
RUN_COUNTS: tuple[str, ...] = ("documents_new", "documents_same", "documents_changed", "events", "errors")
DEEP_OFFSET = 10_000  # from this offset on, a page is found through per-date counts first

_EVENT_SELECT = ", ".join("e." + c.sql for c in record_rows.EVENT_COLUMNS)
_ACTOR_SELECT = ", ".join([*record_rows.ACTOR_KEY, record_rows.names(record_rows.ACTOR_COLUMNS)])
_DOCUMENT_SELECT = record_rows.names(record_rows.DOCUMENT_COLUMNS)
_EVENT_INSERT = [*(c.sql for c in record_rows.EVENT_COLUMNS), "run_id"]
_ACTOR_INSERT = [*record_rows.ACTOR_KEY, *(c.sql for c in record_rows.ACTOR_COLUMNS), "event_seq"]


def _now() -> dt.datetime:
    """UTC wall time without tzinfo, as stored in TIMESTAMP columns."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _write_document(
    con: duckdb.DuckDBPyConnection, doc: Document, sentences: int | None, run_id: int, *, new: bool, bump: int
) -> None:
    """Insert the document, or update it in place raising its version by `bump`.

    sentences None marks a document stored by `eirene ingest` and not coded yet.
    """
    fields = record_rows.DOCUMENT_COLUMNS
    values = record_rows.document_values(doc)
    extra = [doc.content_hash, sentences, run_id, _now()]
    if new:
        con.execute(
            f"INSERT INTO documents ({record_rows.names(fields)}, {', '.join(record_rows.DOCUMENT_EXTRA)}) "
            f"VALUES ({', '.join('?' * len(fields))}, 1, ?, ?, ?, ?)",
            [*values, *extra],
        )
        return
    changed = [(c, v) for c, v in zip(fields, values) if c.name != "id"]
    assignments = ", ".join(f"{c.sql} = ?" for c, _ in changed)
    con.execute(
        f"UPDATE documents SET version = version + {int(bump)}, {assignments}, content_hash = ?, "
        "sentences = ?, run_id = ?, ingested_at = ? WHERE id = ?",
        [*(v for _, v in changed), *extra, doc.id],
    )


def _drop_events(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Delete a document's events and their actors (inside the caller's transaction)."""
    con.execute("DELETE FROM event_actors WHERE event_seq IN (SELECT seq FROM events WHERE doc_id = ?)", [doc_id])
    con.execute("DELETE FROM events WHERE doc_id = ?", [doc_id])


def _same_events(stored: list[Event], fresh: list[Event]) -> bool:
    """Whether two event lists hold the same rows (what --recode counts as unchanged)."""
    def rows(events: list[Event]) -> list[str]:
        return sorted(repr((record_rows.event_values(e), list(record_rows.actor_rows(e)))) for e in events)

    return rows(stored) == rows(fresh)


def _events_from_rows(event_rows: list[tuple[Any, ...]], actor_rows: list[tuple[Any, ...]]) -> list[Event]:
    """Events from rows of _EVENT_SELECT and their actors' rows of _ACTOR_SELECT."""
    refs: dict[str, dict[str, list[tuple[int, ActorRef]]]] = {}
    for row in actor_rows:
        event_id, role, position = row[: len(record_rows.ACTOR_KEY)]
        refs.setdefault(event_id, {}).setdefault(role, []).append(
            (position, record_rows.actor_from_row(row[len(record_rows.ACTOR_KEY):]))
        )
    names = [c.name for c in record_rows.EVENT_COLUMNS]
    found = []
    for row in event_rows:
        by_role = {role: [ref for _, ref in sorted(placed, key=lambda p: p[0])]
                   for role, placed in refs.get(row[0], {}).items()}
        found.append(record_rows.event_from_row(dict(zip(names, row)), by_role))
    return found


class DuckDBStore(Store):
    """A Store in one DuckDB file (or ":memory:").

    location (str | Path): the database file; created, with the schema, if new.
    read_only (bool): open without the write lock, so several readers (the web
        app, an analysis notebook) may share a file no process is writing.
    """

    def __init__(self, location: str | Path, *, read_only: bool = False) -> None:
        self.location = str(location)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._writer: int | None = None  # the thread inside a write transaction
        self._reads = ReadCursors()
        # per thread: (write generation, (filter SQL, params), total), kept by a filtered
        # page for the count that follows it; any write makes it stale
        self._local = threading.local()
        self._generation = 0
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
        """Seconds a read query may run before it is stopped with E461 (None: no limit)."""
        return self._reads.time_limit

    @read_time_limit.setter
    def read_time_limit(self, seconds: float | None) -> None:
        self._reads.time_limit = seconds

    def _read(self, sql: str, params: Sequence[Any], fetch: Callable[[Any], T]) -> T:
        """A read on this thread's cursor; inside a write transaction, on its connection
        (so the transaction sees its own writes)."""
        if self._writer == threading.get_ident():
            with self._lock, interruptible():
                return fetch(self._connection().execute(sql, list(params)))
        with interruptible():
            return self._reads.run(self._connection(), sql, params, fetch)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._read(sql, params, lambda cursor: cursor.fetchall())

    @contextmanager
    def _transaction(self, what: str, doc_id: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT, or ROLLBACK on any error (E409 for database errors)."""
        with self._lock:
            con = self._connection()
            self._generation += 1
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

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
        """Insert rows in multi-row VALUES batches (placeholders only, values as parameters)."""
        placeholder = "(" + ", ".join("?" * len(columns)) + ")"
        head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
        for i in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[i : i + ROWS_PER_INSERT]
            con.execute(head + ", ".join([placeholder] * len(chunk)), [v for row in chunk for v in row])

    def _prepare_schema(self) -> None:
        """Create the schema in a new file, or check (and migrate) an existing one."""
        tables = {r[0] for r in self._rows(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_catalog = current_database()"
        )}
        if not tables:
            if self.read_only:
                raise StoreError("E401", path=self.location, reason="it holds no eirene data yet (an empty database)")
            with self._transaction("the schema") as con:
                create_schema(lambda sql, params: con.execute(sql, params))
            return
        if "schema_info" not in tables:
            found = ", ".join(sorted(tables)[:5])
            raise StoreError("E401", path=self.location, reason=f"it is a DuckDB database but not an eirene one (tables: {found})")
        row = self._rows("SELECT max(version) FROM schema_info")
        version = row[0][0] if row else None
        if version == SCHEMA_VERSION:
            return
        check_version(version, self.location)  # E402 unless a migration path exists
        if self.read_only:  # migrating writes, so say how to upgrade rather than refuse
            raise StoreError("E412", path=self.location, found=version, expected=SCHEMA_VERSION)
        assert version is not None
        with self._transaction("the schema migration") as con:
            migrate(lambda sql, params: con.execute(sql, params), version, self.location)

    # runs -------------------------------------------------------------------
    def begin_run(self, *, eirene_version: str, model: str, inputs: Sequence[str], config: dict) -> int:
        with self._transaction("a new run") as con:
            row = con.execute(
                "INSERT INTO runs (started_at, eirene_version, model, inputs, config, status) "
                "VALUES (?, ?, ?, ?, ?, 'running') RETURNING id",
                [_now(), eirene_version, model, json.dumps([str(i) for i in inputs]), json.dumps(config, default=str)],
            ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, *, counts: dict[str, int], status: str = "finished") -> None:
        unknown = sorted(set(counts) - set(RUN_COUNTS))
        if unknown:
            raise ValueError(f"finish_run: unknown count names {unknown}; known: {', '.join(RUN_COUNTS)}")
        names = [name for name in RUN_COUNTS if name in counts]
        assignments = "".join(f", {name} = ?" for name in names)  # names come from RUN_COUNTS only
        with self._transaction(f"the end of run {run_id}") as con:
            if con.execute("SELECT count(*) FROM runs WHERE id = ?", [run_id]).fetchone() == (0,):
                raise StoreError("E409", what=f"the end of run {run_id}", path=self.location, reason="there is no such run")
            con.execute(
                f"UPDATE runs SET finished_at = ?, status = ?{assignments} WHERE id = ?",
                [_now(), status, *(int(counts[n]) for n in names), run_id],
            )

    # writes -----------------------------------------------------------------
    def document_state(self, doc_id: str, content_hash: str) -> DocState:
        rows = self._rows("SELECT content_hash, sentences FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return "new"
        if rows[0][0] != content_hash:
            return "changed"
        return "uncoded" if rows[0][1] is None else "same"

    def save_document(self, document: Document, run_id: int) -> DocState:
        doc = document
        with self._transaction(f"document {doc.id!r}", doc_id=doc.id) as con:
            found = con.execute("SELECT content_hash FROM documents WHERE id = ?", [doc.id]).fetchone()
            if found is not None and found[0] == doc.content_hash:
                return "same"
            if found is not None:
                _drop_events(con, doc.id)
            _write_document(con, doc, None, run_id, new=found is None, bump=1)
            return "new" if found is None else "changed"

    def uncoded_documents(self) -> Iterator[Document]:
        ids = [row[0] for row in self._rows("SELECT id FROM documents WHERE sentences IS NULL ORDER BY id")]
        for doc_id in ids:
            document = self.get_document(doc_id)
            if document is not None:
                yield document

    def save_result(self, result: DocResult, run_id: int, *, force: bool = False) -> DocState:
        doc = result.document
        strays = [e.id for e in result.events if e.doc_id != doc.id]
        if strays:
            raise StoreError(
                "E409", doc_id=doc.id, what=f"document {doc.id!r}", path=self.location,
                reason=f"events {strays[:3]} name another doc_id; every event must belong to its document",
            )
        events = list({e.id: e for e in result.events}.values())  # one row per id; the later wins
        digest = doc.content_hash
        with self._transaction(f"document {doc.id!r}", doc_id=doc.id) as con:
            found = con.execute("SELECT content_hash, version, sentences FROM documents WHERE id = ?", [doc.id]).fetchone()
            if found is not None and found[0] == digest and found[2] is not None and not force:
                return "same"
            recoding = found is not None and found[0] == digest
            if found is not None:  # the analysts' corrections of this document outlive its re-coding
                events = self._corrected(con, doc.id, events)
            if recoding and found[2] is not None and _same_events(
                    self._load_events(" WHERE e.doc_id = ?", [doc.id]), events):
                return "same"  # recoded, and the coder found exactly the events stored
            _write_document(con, doc, result.sentences, run_id, new=found is None, bump=0 if recoding else 1)
            if found is not None:  # a new document has no old events to drop
                _drop_events(con, doc.id)
            self._insert_events(con, events, run_id)
            if found is None or (recoding and found[2] is None):
                return "new"
            return "changed"

    def _insert_events(self, con: duckdb.DuckDBPyConnection, events: list[Event], run_id: int | None) -> None:
        """Insert events and their actor rows (inside the caller's transaction)."""
        if not events:
            return
        ids = [e.id for e in events]
        # ids hash the doc_id, so another document's event with one of these ids is a
        # coder bug; the later save wins rather than failing the whole batch
        con.execute("DELETE FROM event_actors WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        self._insert(con, "events", _EVENT_INSERT, [[*record_rows.event_values(e), run_id] for e in events])
        # each new event took its seq from the sequence; its actor rows carry it
        seqs = dict(con.execute("SELECT id, seq FROM events WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall())
        actor_rows = [[e.id, role, position, *values, seqs[e.id]]
                      for e in events for role, position, values in record_rows.actor_rows(e)]
        self._insert(con, "event_actors", _ACTOR_INSERT, actor_rows)

    # corrections ------------------------------------------------------------
    def _doc_corrections(self, con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Correction]:
        return [correction_rows.from_row(r) for r in
                con.execute(correction_rows.SELECT + " WHERE doc_id = ? ORDER BY id", [doc_id]).fetchall()]

    def _corrected(self, con: duckdb.DuckDBPyConnection, doc_id: str, events: list[Event]) -> list[Event]:
        """The coder's fresh events of a document with its corrections applied; the
        corrections' originals become the coder's new version of their event."""
        found = self._doc_corrections(con, doc_id)
        if not found:
            return events
        corrected, refreshed = apply_corrections(events, found, fresh=True)
        for correction_id, original in refreshed.items():
            con.execute("UPDATE corrections SET original = ? WHERE id = ?",
                        [json.dumps(original, ensure_ascii=False), correction_id])
        return list({e.id: e for e in corrected}.values())

    def _rewrite_corrected(self, con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
        """Store a document's events again with its active corrections applied."""
        stored = self._load_events(" WHERE e.doc_id = ?", [doc_id])
        run = con.execute("SELECT run_id FROM documents WHERE id = ?", [doc_id]).fetchone()
        events, _ = apply_corrections(stored, self._doc_corrections(con, doc_id), fresh=False)
        _drop_events(con, doc_id)
        self._insert_events(con, list({e.id: e for e in events}.values()), run[0] if run else None)

    def save_correction(self, correction: Correction) -> Correction:
        if self.get_event(correction.event_id) is None:
            raise StoreError("E413", what="event", value=correction.event_id, path=self.location)
        with self._transaction(f"a correction of event {correction.event_id}", doc_id=correction.doc_id) as con:
            row = con.execute(correction_rows.INSERT, correction_rows.insert_values(correction, now_iso())).fetchone()
            assert row is not None
            self._rewrite_corrected(con, correction.doc_id)
        saved = self.correction(int(row[0]))
        assert saved is not None
        return saved

    def corrections(self, *, doc_id: str | None = None, active: bool | None = None) -> list[Correction]:
        clauses, params = [], []
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        if active is not None:
            clauses.append("undone_at IS NULL" if active else "undone_at IS NOT NULL")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return [correction_rows.from_row(r) for r in self._rows(correction_rows.SELECT + where + " ORDER BY id", params)]

    def correction(self, correction_id: int) -> Correction | None:
        rows = self._rows(correction_rows.SELECT + " WHERE id = ?", [correction_id])
        return correction_rows.from_row(rows[0]) if rows else None

    def undo_correction(self, correction_id: int, by: str) -> Correction:
        found = self.correction(correction_id)
        if found is None:
            raise StoreError("E413", what="correction", value=correction_id, path=self.location)
        if not found.active:
            raise StoreError("E414", id=correction_id, when=found.undone_at, who=found.undone_by)
        with self._transaction(f"undoing correction {correction_id}", doc_id=found.doc_id) as con:
            con.execute("UPDATE corrections SET undone_at = ?, undone_by = ? WHERE id = ?",
                        [now_iso(), by, correction_id])
            self._rewrite_corrected(con, found.doc_id)
        undone = self.correction(correction_id)
        assert undone is not None
        return undone

    def record_failure(self, failure: DocFailure, run_id: int) -> None:
        with self._transaction(f"the failure of {failure.source!r}", doc_id=failure.doc_id) as con:
            con.execute(
                "INSERT INTO ingest_errors (run_id, source, line, code, message, doc_id, \"at\") "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [run_id, failure.source, failure.line, failure.code, failure.message, failure.doc_id, _now()],
            )

    def write(self, what: str, statements: Callable[[Execute], T]) -> T:
        with self._transaction(what) as con:
            return statements(lambda sql, params=(): con.execute(sql, list(params)).fetchall())

    # reads ------------------------------------------------------------------
    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        def as_dicts(cursor: Any) -> list[dict[str, Any]]:
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

        return self._read(sql, params, as_dicts)

    def documents(self) -> list[dict[str, Any]]:
        return self._document_rows("", [])

    def document_page(self, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        return self._document_rows(" LIMIT ? OFFSET ?", [int(limit), int(offset)])

    def count_documents(self) -> int:
        return int(self._rows("SELECT count(*) FROM documents")[0][0])

    def _document_rows(self, page: str, params: list[Any]) -> list[dict[str, Any]]:
        """Documents without their text, with event counts; the page is chosen before counting."""
        listed = ", ".join("d." + c.sql for c in record_rows.DOCUMENT_COLUMNS if c.name != "text")
        rows = self._dicts(
            f"WITH d AS (SELECT * FROM documents ORDER BY date ASC NULLS LAST, id{page}) "
            f"SELECT {listed}, d.version, d.sentences, (SELECT count(*) FROM events e WHERE e.doc_id = d.id) AS events "
            "FROM d ORDER BY d.date ASC NULLS LAST, d.id", params,
        )
        return [{k: record_rows.iso(v) for k, v in row.items()} for row in rows]

    def get_document(self, doc_id: str) -> Document | None:
        rows = self._dicts(f"SELECT {_DOCUMENT_SELECT} FROM documents WHERE id = ?", [doc_id])
        return record_rows.document_from_row(rows[0]) if rows else None

    def _load_events(self, where: str, params: list[Any], tail: str = "", tail_params: Sequence[Any] = ()) -> list[Event]:
        rows = self._rows(
            f"SELECT {_EVENT_SELECT} FROM events e{where} ORDER BY {EVENT_ORDER}{tail}",
            [*params, *tail_params],
        )
        if not rows:
            return []
        actor_rows = self._rows(
            f"SELECT {_ACTOR_SELECT} FROM event_actors WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
            [[r[0] for r in rows]],
        )
        return _events_from_rows(rows, actor_rows)

    def events(self, flt: EventFilter = EventFilter()) -> list[Event]:
        where, params = filter_sql(flt)
        if flt.limit is None:
            tail = " OFFSET ?" if flt.offset else ""
            return self._load_events(where, params, tail, [flt.offset] if flt.offset else [])
        ids = self._page_ids(flt, where, params)
        if not ids:
            return []
        # the page's ids come from a query over the sort columns only; whole rows
        # (text and all) are read for these ids alone, through the primary key
        found = self._load_events(" WHERE e.id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        position = {event_id: i for i, event_id in enumerate(ids)}
        return sorted(found, key=lambda e: position[e.id])

    def _page_ids(self, flt: EventFilter, where: str, params: list[Any]) -> list[str]:
        """The ids of one page of events, in EVENT_ORDER.

        A filtered page materialises its matches (ids and sort keys only) once, takes
        the page from them and counts them in the same pass, keeping the total for the
        `count_events` call that follows with the same filter (the web app asks for a
        page, then its total): one scan of a costly filter (text, actors) instead of
        two. A deep offset first narrows the dates the page can fall on.
        """
        key = (where, tuple(params))
        generation = self._generation
        offset = flt.offset
        if offset >= DEEP_OFFSET:
            counts = self._rows(
                f"SELECT e.date, count(*) FROM events e{where} GROUP BY e.date ORDER BY e.date ASC NULLS LAST", params
            )
            narrowed = date_window(counts, where, params, offset, flt.limit or 0)
            if narrowed is None:
                return []
            where, params, offset = narrowed
        if not where or where != key[0]:
            rows = self._rows(
                f"SELECT e.id FROM events e{where} ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?",
                [*params, flt.limit, offset],
            )
            return [r[0] for r in rows]
        rows = self._rows(
            f"WITH m AS MATERIALIZED (SELECT e.id, e.date, e.doc_id, e.start, e.sentence_index FROM events e{where}) "
            f"SELECT e.id, (SELECT count(*) FROM m) FROM m e ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?",
            [*params, flt.limit, offset],
        )
        if rows:
            self._local.total = (generation, key, int(rows[0][1]))
        return [r[0] for r in rows]

    def count_events(self, flt: EventFilter = EventFilter()) -> int:
        where, params = filter_sql(flt)
        kept, self._local.total = getattr(self._local, "total", None), None
        if kept is not None and kept[:2] == (self._generation, (where, tuple(params))):
            return kept[2]
        return int(self._rows(f"SELECT count(*) FROM events e{where}", params)[0][0])

    def events_by_id(self, ids: Sequence[str]) -> list[Event]:
        found = {e.id: e for e in self._load_events(" WHERE e.id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])}
        return [found[event_id] for event_id in ids if event_id in found]

    def get_event(self, event_id: str) -> Event | None:
        found = self._load_events(" WHERE e.id = ?", [event_id])
        return found[0] if found else None

    def errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        where, params = (" WHERE run_id = ?", [run_id]) if run_id is not None else ("", [])
        rows = self._dicts(f"SELECT run_id, source, line, code, message, doc_id, \"at\" FROM ingest_errors{where} ORDER BY id", params)
        return [{k: record_rows.iso(v) for k, v in row.items()} for row in rows]

    def runs(self) -> list[dict[str, Any]]:
        rows = self._dicts(
            "SELECT id, started_at, finished_at, eirene_version, model, inputs, config, documents_new, "
            "documents_same, documents_changed, events, errors, status FROM runs ORDER BY id"
        )
        for row in rows:
            row["inputs"] = json.loads(row["inputs"]) if row["inputs"] is not None else []
            row["config"] = json.loads(row["config"]) if row["config"] is not None else {}
        return [{k: record_rows.iso(v) for k, v in row.items()} for row in rows]

    def stats(self, top: int = 10) -> StoreStats:
        def scalar(sql: str) -> Any:
            return self._rows(sql)[0][0]

        first, last = self._rows("SELECT min(date), max(date) FROM events")[0]
        return StoreStats(
            documents=scalar("SELECT count(*) FROM documents"),
            events=scalar("SELECT count(*) FROM events"),
            events_by_type=dict(self._rows(
                "SELECT event_type, count(*) AS n FROM events GROUP BY event_type ORDER BY n DESC, event_type"
            )),
            top_actors=tuple(ActorCount(*r) for r in self._rows(
                "SELECT name, count(DISTINCT event_seq) AS n FROM event_actors "
                "WHERE role IN ('actor', 'recipient') GROUP BY name ORDER BY n DESC, name LIMIT ?",
                [top],
            )),
            top_dyads=tuple(DyadCount(*r) for r in self._rows(
                "SELECT a.name, r.name, count(DISTINCT a.event_seq) AS n FROM event_actors a "
                "JOIN event_actors r ON r.event_seq = a.event_seq AND r.role = 'recipient' "
                # a reciprocal event lists each participant on both sides; a dyad is two actors
                "WHERE a.role = 'actor' AND a.name <> r.name "
                "GROUP BY a.name, r.name ORDER BY n DESC, a.name, r.name LIMIT ?",
                [top],
            )),
            errors=scalar("SELECT count(*) FROM ingest_errors"),
            runs=scalar("SELECT count(*) FROM runs"),
            date_range=DateRange(record_rows.iso(first), record_rows.iso(last)),
        )

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one read-only statement (SELECT or EXPLAIN); rows as dicts of DuckDB's Python values."""
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as exc:
            raise StoreError("E408", path=self.location, reason=str(exc).splitlines()[0]) from exc
        if len(statements) != 1:
            raise StoreError("E407", kind=f"{len(statements)} statements")
        kind = statements[0].type
        if kind not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
            raise StoreError("E407", kind=f"a {kind.name} statement")
        try:
            return self._dicts(sql, params)
        except duckdb.Error as exc:
            raise StoreError("E408", path=self.location, reason=str(exc).splitlines()[0]) from exc

    def close(self) -> None:
        with self._lock:
            self._reads.close()
            if self._con is not None:
                self._con.close()
                self._con = None
