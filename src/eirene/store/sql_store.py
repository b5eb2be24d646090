"""The store's queries, written once for every SQL backend (DuckDB, PostgreSQL).

Why a shared class: the Store contract (store/base.py) is the same SQL on both
databases; a backend only says how it connects, how a transaction begins and ends,
and how its SQL differs (a Dialect, store/dialect.py). `SQLStore` holds everything
else: runs, batched writes (store/batch_writes.py), corrections, and the reads with
their paging.

Subclasses provide `_reading()` (a connection for one or more reads), `_transaction()`
(BEGIN ... COMMIT, ROLLBACK on error, E409 for database errors), `query()` and `close()`.
"""

from __future__ import annotations

import json
import threading
from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, TypeVar

from eirene.corrections import Correction, apply_corrections, now_iso
from eirene.errors import StoreError
from eirene.records import ActorRef, DocFailure, DocResult, Document, Event
from eirene.store import batch_writes
from eirene.store import corrections as correction_rows
from eirene.store import record_rows
from eirene.store.base import DocState, EventFilter, Execute, Store
from eirene.store.dialect import Connection, Dialect
from eirene.store.event_sql import EVENT_ORDER, date_window, filter_sql
from eirene.store.schema import SCHEMA_VERSION, check_version, create_schema, migrate
from eirene.store.stats import ActorCount, DateRange, DyadCount, StoreStats

T = TypeVar("T")
RUN_COUNTS: tuple[str, ...] = ("documents_new", "documents_same", "documents_changed", "events", "errors")
DEEP_OFFSET = 10_000  # from this offset on, a page is found through per-date counts first

_EVENT_SELECT = ", ".join("e." + c.sql for c in record_rows.EVENT_COLUMNS)
_ACTOR_SELECT = ", ".join([*record_rows.ACTOR_KEY, record_rows.names(record_rows.ACTOR_COLUMNS)])
_DOCUMENT_SELECT = record_rows.names(record_rows.DOCUMENT_COLUMNS)
_IDS = batch_writes.IDS


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


def _json(value: Any, empty: Any) -> Any:
    """A JSON column's value: DuckDB returns text, PostgreSQL the parsed value."""
    if value is None:
        return empty
    return json.loads(value) if isinstance(value, str) else value


class SQLStore(Store):
    """A Store over SQL: the statements of every backend (see the module docstring).

    dialect (Dialect): how this database's SQL differs. Reads hold no lock: DuckDB's
    run on a cursor per thread, PostgreSQL's on pooled connections.
    """

    dialect: Dialect
    read_only: bool

    def __init__(self) -> None:
        # per thread: (write generation, (filter SQL, params), total), kept by a filtered
        # page for the count that follows it; any write (`_wrote`) makes it stale
        self._local = threading.local()
        self._generation = 0

    # plumbing ---------------------------------------------------------------
    def _wrote(self) -> None:
        """A write began: totals kept by earlier pages are stale."""
        self._generation += 1

    @abstractmethod
    def _reading(self) -> AbstractContextManager[Connection]:
        """A connection for reads (DuckDB's one, or one from PostgreSQL's pool)."""

    @abstractmethod
    def _transaction(self, what: str, doc_id: str | None = None) -> AbstractContextManager[Connection]:
        """BEGIN ... COMMIT, or ROLLBACK on any error (E409 for database errors, E410
        on a read-only store)."""

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._reading() as con:
            return con.execute(sql, list(params)).fetchall()

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._reading() as con:
            cursor = con.execute(sql, list(params))
            names = [d[0] for d in cursor.description or ()]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _prepare_schema(self) -> None:
        """Create the schema in a new database, or check (and migrate) an existing one."""
        if self.read_only:
            with self._reading() as con:
                self._check_schema(con)
            return
        with self._transaction("the schema") as con:
            self.dialect.lock_schema(con)  # two processes opening a new database at once
            self._check_schema(con)

    def _check_schema(self, con: Connection) -> None:
        tables = {r[0] for r in con.execute(self.dialect.tables_sql, []).fetchall()}
        ddl = self._ddl_executor(con)
        if not tables:
            if self.read_only:
                raise StoreError("E401", path=self.location, reason="it holds no eirene data yet (an empty database)")
            create_schema(ddl)
            return
        if "schema_info" not in tables:
            found = ", ".join(sorted(tables)[:5])
            raise StoreError("E401", path=self.location, reason=f"it is a {self.dialect.name} database but not an "
                             f"eirene one (tables: {found})")
        row = con.execute("SELECT max(version) FROM schema_info", []).fetchone()
        version = row[0] if row else None
        if version == SCHEMA_VERSION:
            return
        check_version(version, self.location)  # E402 unless a migration path exists
        if self.read_only:  # migrating writes, so say how to upgrade rather than refuse
            raise StoreError("E412", path=self.location, found=version, expected=SCHEMA_VERSION)
        assert version is not None
        migrate(ddl, version, self.location)

    def _ddl_executor(self, con: Connection) -> Callable[[str, list[Any]], Any]:
        return lambda sql, params: con.execute(self.dialect.ddl(sql), params)

    # runs -------------------------------------------------------------------
    def begin_run(self, *, eirene_version: str, model: str, inputs: Sequence[str], config: dict) -> int:
        with self._transaction("a new run") as con:
            row = con.execute(
                "INSERT INTO runs (started_at, eirene_version, model, inputs, config, status) "
                "VALUES (?, ?, ?, ?, ?, 'running') RETURNING id",
                [batch_writes.now(), eirene_version, model, json.dumps([str(i) for i in inputs]),
                 json.dumps(config, default=str)],
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
                [batch_writes.now(), status, *(int(counts[n]) for n in names), run_id],
            )

    # writes -----------------------------------------------------------------
    def document_state(self, doc_id: str, content_hash: str) -> DocState:
        rows = self._rows("SELECT content_hash, sentences FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return "new"
        if rows[0][0] != content_hash:
            return "changed"
        return "uncoded" if rows[0][1] is None else "same"

    def document_states(self, documents: Sequence[tuple[str, str]]) -> list[DocState]:
        """`document_state` of many (doc_id, content_hash) pairs in one query."""
        with self._reading() as con:
            found = batch_writes.stored_documents(con, [doc_id for doc_id, _ in documents])
        states: list[DocState] = []
        for doc_id, content_hash in documents:
            before = found.get(doc_id)
            if before is None:
                states.append("new")
            elif before.content_hash != content_hash:
                states.append("changed")
            else:
                states.append("uncoded" if before.sentences is None else "same")
        return states

    def save_document(self, document: Document, run_id: int) -> DocState:
        with self._transaction(f"document {document.id!r}", doc_id=document.id) as con:
            return batch_writes.save_document(con, self.dialect, document, run_id)

    def uncoded_documents(self) -> Iterator[Document]:
        ids = [row[0] for row in self._rows("SELECT id FROM documents WHERE sentences IS NULL ORDER BY id")]
        for doc_id in ids:
            document = self.get_document(doc_id)
            if document is not None:
                yield document

    def save_result(self, result: DocResult, run_id: int, *, force: bool = False) -> DocState:
        return self.save_results([result], run_id, force=force)[0]

    def save_results(self, results: Sequence[DocResult], run_id: int, *, force: bool = False) -> list[DocState]:
        """Store coded documents and their events in one transaction (see
        store/batch_writes.py). The results must name distinct documents; if one cannot
        be stored, none is. RETURNS (list[str]): "new", "same" or "changed" per result."""
        if not results:
            return []
        for result in results:
            doc = result.document
            strays = [e.id for e in result.events if e.doc_id != doc.id]
            if strays:
                raise StoreError(
                    "E409", doc_id=doc.id, what=f"document {doc.id!r}", path=self.location,
                    reason=f"events {strays[:3]} name another doc_id; every event must belong to its document",
                )
        first = results[0].document.id
        what = f"document {first!r}" if len(results) == 1 else f"{len(results)} documents from {first!r}"
        with self._transaction(what, doc_id=first) as con:
            def stored_events(doc_id: str) -> list[Event]:
                return self._load_events(" WHERE e.doc_id = ?", [doc_id], con=con)

            return batch_writes.save_batch(con, self.dialect, results, run_id, force, stored_events)

    # corrections ------------------------------------------------------------
    def _rewrite_corrected(self, con: Connection, doc_id: str) -> None:
        """Store a document's events again with its active corrections applied."""
        stored = self._load_events(" WHERE e.doc_id = ?", [doc_id], con=con)
        run = con.execute("SELECT run_id FROM documents WHERE id = ?", [doc_id]).fetchone()
        events, _ = apply_corrections(stored, batch_writes.document_corrections(con, doc_id), fresh=False)
        batch_writes.drop_events(con, [doc_id])
        batch_writes.insert_events(con, list({e.id: e for e in events}.values()), run[0] if run else None)

    def save_correction(self, correction: Correction) -> Correction:
        if self.get_event(correction.event_id) is None:
            raise StoreError("E413", what="event", value=correction.event_id, path=self.location)
        with self._transaction(f"a correction of event {correction.event_id}", doc_id=correction.doc_id) as con:
            self.dialect.lock_documents(con, [correction.doc_id])
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
            self.dialect.lock_documents(con, [found.doc_id])
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
                [run_id, failure.source, failure.line, failure.code, failure.message, failure.doc_id, batch_writes.now()],
            )

    def write(self, what: str, statements: Callable[[Execute], T]) -> T:
        with self._transaction(what) as con:
            def execute(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
                cursor = con.execute(sql, list(params))
                return cursor.fetchall() if cursor.description else []

            return statements(execute)

    # reads ------------------------------------------------------------------
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

    def _load_events(self, where: str, params: list[Any], tail: str = "", tail_params: Sequence[Any] = (),
                     con: Connection | None = None) -> list[Event]:
        """Events matching `where`, through `con` (inside a transaction) or a reading connection."""
        if con is None:
            with self._reading() as reading:
                return self._load_events(where, params, tail, tail_params, con=reading)
        rows = con.execute(f"SELECT {_EVENT_SELECT} FROM events e{where} ORDER BY {EVENT_ORDER}{tail}",
                           [*params, *tail_params]).fetchall()
        if not rows:
            return []
        actor_rows = con.execute(f"SELECT {_ACTOR_SELECT} FROM event_actors WHERE event_id IN {_IDS}",
                                 [[r[0] for r in rows]]).fetchall()
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
        found = self._load_events(f" WHERE e.id IN {_IDS}", [ids])
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
        found = {e.id: e for e in self._load_events(f" WHERE e.id IN {_IDS}", [list(ids)])} if ids else {}
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
            row["inputs"] = _json(row["inputs"], [])
            row["config"] = _json(row["config"], {})
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

