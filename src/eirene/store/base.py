"""The Store contract: what every database backend offers the rest of eirene.

Why an abstract base: the CLI, the web app, the exporters and the analysis code
talk to `Store` only, never to DuckDB (today the one backend: one file, one writing
process) directly.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Self, TypeVar

from eirene.corrections import Correction
from eirene.dates import parse_bound
from eirene.errors import StoreError
from eirene.records import DocFailure, DocResult, Document, Event
from eirene.store.stats import StoreStats
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES, QUAD_CLASSES

DocState = Literal["new", "same", "changed", "uncoded"]
# execute(sql, params) -> rows: what `Store.write` hands the function it runs
Execute = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]
T = TypeVar("T")


@dataclass(frozen=True)
class EventFilter:
    """Which events to list: every field set narrows the result (fields combine with AND).

    actor (str | None): an actor's canonical name, actor_id, text as written, or
        ISO country code, case-insensitive ("pakistan", "PAK", "ISI").
    recipient (str | None): the same, on the recipients.
    event_type (str | None): a PLOVER type, e.g. "ASSAULT" (case-insensitive).
    quad_class (int | None): 1 verbal coop, 2 material coop, 3 verbal conflict,
        4 material conflict (0 = not set).
    factuality (str | None): asserted, negated, hypothetical, future or alleged.
    since / until (str | None): inclusive bounds on the event date; "2016" and
        "2016-05" mean the whole year or month.
    doc_id (str | None): events of one document.
    text (str | None): a case-insensitive substring of the evidence sentence.
    min_confidence (float | None): only events coded with at least this confidence.
    method (str | None): only events of this method family ("rule", "model") or full
        method id ("rule:assault.kill").
    dated (bool | None): True only events with a date, False only undated ones.
    limit / offset: paging; the order is date, doc_id, start.

    Values are checked on construction, so a typo gives an E406 error naming the
    field instead of a silently empty result.
    """

    actor: str | None = None
    recipient: str | None = None
    event_type: str | None = None
    quad_class: int | None = None
    factuality: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0
    min_confidence: float | None = None
    method: str | None = None
    dated: bool | None = None

    def __post_init__(self) -> None:
        if self.event_type is not None and self.event_type.upper() not in PLOVER_TYPES:
            self._fail("event_type", self.event_type, "not a PLOVER type; use one of " + " ".join(PLOVER_TYPES))
        if self.factuality is not None and self.factuality.lower() not in FACTUALITY_VALUES:
            self._fail("factuality", self.factuality, "use one of " + ", ".join(FACTUALITY_VALUES))
        if self.quad_class is not None and (isinstance(self.quad_class, bool) or self.quad_class not in (0, *QUAD_CLASSES)):
            self._fail("quad_class", self.quad_class, "use 1, 2, 3 or 4 (0 for events without one)")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    parse_bound(value, end=name == "until")
                except ValueError as exc:
                    self._fail(name, value, str(exc))
        if self.limit is not None and (isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 0):
            self._fail("limit", self.limit, "use a whole number >= 0")
        if isinstance(self.offset, bool) or not isinstance(self.offset, int) or self.offset < 0:
            self._fail("offset", self.offset, "use a whole number >= 0")
        value = self.min_confidence
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not 0 <= value <= 1):
            self._fail("min_confidence", value, "use a number from 0 to 1")

    @staticmethod
    def _fail(field_name: str, value: object, reason: str) -> None:
        raise StoreError("E406", field=field_name, value=value, reason=reason)


class Store(ABC):
    """One database: a DuckDB file (one writing process) or a PostgreSQL database (many).

    Guarantees every backend keeps: `save_result` is one transaction, `save_results` one
    per batch (a document is never stored without its events, nor events without their
    document); saving the
    same content twice is a no-op; event ids are unique across the database.
    Use it as a context manager so the file is released when you are done::

        with open_store("events.duckdb") as store:
            for event in store.events(EventFilter(actor="Pakistan", since="2017")):
                ...
    """

    location: str

    # runs -----------------------------------------------------------------
    @abstractmethod
    def begin_run(self, *, eirene_version: str, model: str, inputs: Sequence[str], config: dict) -> int:
        """Record the start of a coding run. RETURNS (int): the run id."""

    @abstractmethod
    def finish_run(self, run_id: int, *, counts: dict[str, int], status: str = "finished") -> None:
        """Record the end of a run with its counts (documents_new, documents_same,
        documents_changed, events, errors) and status ("finished", "interrupted")."""

    # writes ---------------------------------------------------------------
    @abstractmethod
    def document_state(self, doc_id: str, content_hash: str) -> DocState:
        """Whether this content is "new", already stored and coded ("same"), stored
        by `eirene ingest` but not coded yet ("uncoded"), or a new version ("changed")."""

    @abstractmethod
    def save_document(self, document: Document, run_id: int) -> DocState:
        """Store a document without coding it (`eirene ingest`); a later coding run codes it.

        Same content is a no-op; changed content replaces the old version and drops its events.
        """

    @abstractmethod
    def uncoded_documents(self) -> Iterator[Document]:
        """Documents stored by `save_document` that no coding run has coded yet."""

    @abstractmethod
    def save_result(self, result: DocResult, run_id: int, *, force: bool = False) -> DocState:
        """Store one coded document and its events in one transaction.

        "same" content already coded is a no-op unless `force` (recoding with a newer
        coder); "changed" content bumps the version and replaces the document's events
        atomically. RETURNS (str): "new", "same" or "changed".
        """

    def save_results(self, results: Sequence[DocResult], run_id: int, *, force: bool = False) -> list[DocState]:
        """Store several coded documents (distinct ids), as `save_result` does each; a
        backend that can stores them in one transaction (if one fails, none is stored).
        RETURNS one state per result, in order."""
        return [self.save_result(result, run_id, force=force) for result in results]

    def document_states(self, documents: Sequence[tuple[str, str]]) -> list[DocState]:
        """`document_state` of each (doc_id, content_hash) pair; a backend may ask once for all."""
        return [self.document_state(doc_id, content_hash) for doc_id, content_hash in documents]

    @abstractmethod
    def record_failure(self, failure: DocFailure, run_id: int) -> None:
        """Store why one input item could not be read or coded (listed by `eirene errors`)."""

    def write(self, what: str, statements: Callable[[Execute], T]) -> T:
        """Run `statements(execute)` in one transaction on the writing connection.

        Why: modules that keep tables of their own (the fetch log, feed state and
        stories of eirene.fetch and eirene.stories) write through here, so every write
        still goes through the one connection and rolls back whole on failure.
        what (str): what is written, for the error message ("the fetch log").
        RETURNS: what `statements` returns.
        """
        raise StoreError("E413", backend=type(self).__name__, what=what)

    # reads ----------------------------------------------------------------
    @abstractmethod
    def documents(self) -> list[dict[str, Any]]:
        """Every document's metadata with its event count (no text), ordered by date then id."""

    def document_page(self, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """One page of `documents()`, in its order. Backends answer it without listing all."""
        return self.documents()[offset: offset + limit]

    def events_by_id(self, ids: Sequence[str]) -> list[Event]:
        """The stored events of these ids, in this order (unknown ids left out)."""
        found = (self.get_event(event_id) for event_id in ids)
        return [event for event in found if event is not None]

    def count_documents(self) -> int:
        """How many documents are stored."""
        return len(self.documents())

    @abstractmethod
    def get_document(self, doc_id: str) -> Document | None:
        """The stored document with its full text, or None."""

    @abstractmethod
    def events(self, flt: EventFilter = EventFilter()) -> list[Event]:
        """The events matching `flt`, ordered by date, doc_id, start."""

    @abstractmethod
    def count_events(self, flt: EventFilter = EventFilter()) -> int:
        """How many events match `flt` (limit and offset ignored)."""

    @abstractmethod
    def get_event(self, event_id: str) -> Event | None:
        """One event by id, exactly as it was saved, or None."""

    @abstractmethod
    def errors(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Recorded input failures (all runs, or one), oldest first."""

    @abstractmethod
    def runs(self) -> list[dict[str, Any]]:
        """Every coding run with its inputs, config, counts and status, oldest first."""

    @abstractmethod
    def stats(self, top: int = 10) -> StoreStats:
        """Counts for a summary page: documents, events, events by type, the `top` actors
        and dyads, errors, runs and the date range."""

    # corrections (eirene.corrections) -------------------------------------
    def save_correction(self, correction: Correction) -> Correction:
        """Store an analyst's correction and apply it to its document's events (one
        transaction). RETURNS (Correction): as stored, with id and time.
        RAISES (StoreError): E413 no such event, E415 this backend keeps no corrections."""
        raise StoreError("E415", backend=type(self).__name__)

    def corrections(self, *, doc_id: str | None = None, active: bool | None = None) -> list[Correction]:
        """Corrections, oldest first: all, one document's, only active (True) or only undone (False)."""
        raise StoreError("E415", backend=type(self).__name__)

    def correction(self, correction_id: int) -> Correction | None:
        """One correction by id, or None."""
        raise StoreError("E415", backend=type(self).__name__)

    def undo_correction(self, correction_id: int, by: str) -> Correction:
        """Undo a correction (kept on record as undone by `by`) and restore the coder's event.
        RAISES (StoreError): E413 no such correction, E414 already undone."""
        raise StoreError("E415", backend=type(self).__name__)

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run one read-only SQL statement with parameters; rows as dicts."""

    def query_frame(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """`query` as a pandas DataFrame (DuckDB reads it column by column, without a
        Python object per row: what keeps a million-row analysis in bounded memory)."""
        import pandas as pd

        rows = self.query(sql, params)
        return pd.DataFrame(rows) if rows else pd.DataFrame()

    @abstractmethod
    def close(self) -> None:
        """Release the database (and, for DuckDB, the file lock)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
