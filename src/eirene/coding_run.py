"""A coding run: read inputs, skip what is already stored, code the rest, store it.

Why apart from the CLI: the web upload and the tests start runs too.
Guarantees: a bad input item is recorded and the run goes on; content already
stored is not coded again; coded documents are saved a batch at a time (ResultWriter:
one transaction per batch, bounded by documents and bytes), each document with all its
events or not at all, so an interrupted run leaves a consistent database and re-running
finishes the job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Literal, Protocol, TextIO

from eirene import __version__
from eirene.corpus import ReadOptions, read_inputs
from eirene.corpus.options import SKIPPED, fail
from eirene.errors import StoreError
from eirene.languages import is_coded
from eirene.document_coder import Coder
from eirene.records import DocFailure, DocResult, Document
from eirene.store import Store

ProgressHook = Callable[[str, str], None]  # (what happened, document id or source)
StoredHook = Callable[[int, int], None]  # (documents done so far, events stored so far), after each batch


class DocumentCoder(Protocol):
    """What a run codes with: a Coder, or eirene.scale.RayCoder (results in any order)."""

    def code_many(self, documents: Iterable[Document], on_error: Literal["raise", "record"] = ...
                  ) -> Iterator[DocResult | DocFailure]: ...


BATCH_DOCUMENTS = 64  # coded documents per write transaction ...
BATCH_BYTES = 4_000_000  # ... or fewer, once their texts and events reach this size
LOOKUP_CHUNK = 256  # input items whose stored state is looked up in one query


@dataclass
class RunSummary:
    """What a run did, for the closing summary and the exit status."""

    run_id: int
    new: int = 0
    changed: int = 0
    same: int = 0
    failures: list[DocFailure] = field(default_factory=list)
    skipped: list[DocFailure] = field(default_factory=list)  # E144: files a folder held that are not read
    events: int = 0
    doc_ids: list[str] = field(default_factory=list)
    # Documents whose actors were coded without a publication date: inferred from a date
    # in the text (a lower bound), or with no date at all (least date-dependent codes).
    inferred_dates: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    interrupted: bool = False

    @property
    def skipped_files(self) -> int:
        """Files met in folders and not read (other types, FIFOs, link loops)."""
        return sum(failure.count for failure in self.skipped)

    @property
    def processed(self) -> int:
        return self.new + self.changed + self.same

    def counts(self) -> dict[str, int]:
        return {
            "documents_new": self.new,
            "documents_changed": self.changed,
            "documents_same": self.same,
            "events": self.events,
            "errors": len(self.failures),
        }


def code_inputs(
    inputs: Sequence[str | Path],
    store: Store,
    coder_factory: Callable[[], DocumentCoder],
    *,
    read_options: ReadOptions | None = None,
    stdin: TextIO | None = None,
    model_name: str = "",
    config: dict | None = None,
    progress: ProgressHook | None = None,
    recode: bool = False,
    write_batch: int = BATCH_DOCUMENTS,
    on_stored: StoredHook | None = None,
) -> RunSummary:
    """Ingest and code `inputs` into `store`; with no inputs, code the documents that
    `eirene ingest` stored but nothing has coded yet. RETURNS (RunSummary).

    coder_factory is called only when some document actually needs coding, so
    re-running on unchanged inputs does not even load spaCy. `recode` codes unchanged
    documents again (after a knowledge-base or lexicon update). `write_batch`: documents
    per write transaction; `on_stored` hears the run's totals after each one.
    """
    notify = progress or (lambda _what, _name: None)
    run_id = store.begin_run(
        eirene_version=__version__, model=model_name, inputs=[str(i) for i in inputs], config=config or {}
    )
    summary = RunSummary(run_id=run_id)

    def documents_to_code() -> Iterator[Document]:
        if not inputs:
            for document in store.uncoded_documents():
                if not is_coded(document.language):  # stored with its language, never coded as English
                    continue
                summary.doc_ids.append(document.id)
                yield document
            return
        for item, stored in _unstored(_readable(inputs, read_options, stdin, store, summary, notify), store, recode):
            if stored:
                summary.same += 1
                notify("same", item.id)
                continue
            yield item

    pending = documents_to_code()
    writer = ResultWriter(store, summary, notify, force=recode, documents=write_batch, on_stored=on_stored)
    try:
        first = next(pending, None)
        if first is not None:
            coder = coder_factory()
            for result in coder.code_many(_prepend(first, pending), on_error="record"):
                writer.add(result)
        writer.flush()
    except KeyboardInterrupt:
        summary.interrupted = True
        writer.flush()  # what is coded is kept: a re-run codes only the rest
        store.finish_run(run_id, counts=summary.counts(), status="interrupted")
        raise
    store.finish_run(run_id, counts=summary.counts(), status="finished")
    return summary


def ingest_inputs(
    inputs: Sequence[str | Path],
    store: Store,
    *,
    read_options: ReadOptions | None = None,
    stdin: TextIO | None = None,
    progress: ProgressHook | None = None,
) -> RunSummary:
    """Read and store documents without coding them (`eirene ingest`). RETURNS (RunSummary)."""
    notify = progress or (lambda _what, _name: None)
    run_id = store.begin_run(eirene_version=__version__, model="", inputs=[str(i) for i in inputs], config={"ingest_only": True})
    summary = RunSummary(run_id=run_id)
    try:
        for item in _readable(inputs, read_options, stdin, store, summary, notify):
            state = store.save_document(item, run_id)
            if state == "new":
                summary.new += 1
            elif state == "changed":
                summary.changed += 1
            else:
                summary.same += 1
            notify(state, item.id)
    except KeyboardInterrupt:
        store.finish_run(run_id, counts=summary.counts(), status="interrupted")
        raise
    store.finish_run(run_id, counts=summary.counts(), status="finished")
    return summary


class ResultWriter:
    """Stores coded results a batch at a time: one transaction per `documents` results
    or `max_bytes` of text and events, whichever comes first.

    Why: a transaction per document cost a third of a run's time. If a batch cannot be
    stored, its documents are stored one by one, so only the faulty one is recorded as
    failed. Progress is reported when a batch is stored, so what the user sees stored is.
    """

    def __init__(self, store: Store, summary: RunSummary, notify: ProgressHook, *, force: bool = False,
                 documents: int = BATCH_DOCUMENTS, max_bytes: int = BATCH_BYTES, on_stored: StoredHook | None = None) -> None:
        self.store, self.summary, self.notify, self.force = store, summary, notify, force
        self.documents, self.max_bytes, self.on_stored = documents, max_bytes, on_stored
        self._pending: list[DocResult] = []
        self._ids: set[str] = set()
        self._bytes = 0

    def add(self, result: DocResult | DocFailure) -> None:
        """Take one result; store the batch when it is full."""
        if isinstance(result, DocFailure):
            _fail(result, self.store, self.summary, self.notify)
            return
        if result.document.id in self._ids:  # a batch names each document once
            self.flush()
        self._pending.append(result)
        self._ids.add(result.document.id)
        self._bytes += len(result.document.text) + sum(len(e.text or "") + 512 for e in result.events)
        if len(self._pending) >= self.documents or self._bytes >= self.max_bytes:
            self.flush()

    def flush(self) -> None:
        """Store the pending results (one transaction), then report them."""
        batch, self._pending, self._ids, self._bytes = self._pending, [], set(), 0
        if not batch:
            return
        try:
            states = self.store.save_results(batch, self.summary.run_id, force=self.force)
        except StoreError:  # the batch is rolled back: store one by one to find the faulty one
            for result in batch:
                _store_one(result, self.store, self.summary.run_id, self.summary, self.notify, self.force)
        else:
            for result, state in zip(batch, states):
                _count(result, state, self.summary, self.notify)
        if self.on_stored is not None:
            self.on_stored(self.summary.processed, self.summary.events)


def _unstored(items: Iterator[Document], store: Store, recode: bool) -> Iterator[tuple[Document, bool]]:
    """(item, whether its content is already stored and coded: never when `recode`);
    the stored states are looked up LOOKUP_CHUNK items at a time."""
    while True:
        chunk = list(islice(items, LOOKUP_CHUNK))
        if not chunk:
            return
        states = ["new"] * len(chunk) if recode else store.document_states([(d.id, d.content_hash) for d in chunk])
        yield from ((item, state == "same") for item, state in zip(chunk, states))


def _count(result: DocResult, state: str, summary: RunSummary, notify: ProgressHook) -> None:
    if state == "changed":
        summary.changed += 1
    elif state == "same":
        summary.same += 1
    else:
        summary.new += 1
    summary.events += len(result.events)
    if result.actor_dating == "inferred":
        summary.inferred_dates.append(result.document.id)
    elif result.actor_dating == "undated":
        summary.undated.append(result.document.id)
    notify(state, result.document.id)


def _store_one(
    result: DocResult | DocFailure, store: Store, run_id: int, summary: RunSummary, notify: ProgressHook, force: bool = False
) -> None:
    if isinstance(result, DocFailure):
        _fail(result, store, summary, notify)
        return
    try:
        state = store.save_result(result, run_id, force=force)
    except StoreError as err:  # this document is rolled back; the others go on
        document = result.document
        _fail(DocFailure(source=document.path or document.id, code=err.code, message=str(err), doc_id=document.id), store, summary, notify)
        return
    _count(result, state, summary, notify)


def _readable(
    inputs: Sequence[str | Path],
    read_options: ReadOptions | None,
    stdin: TextIO | None,
    store: Store,
    summary: RunSummary,
    notify: ProgressHook,
) -> Iterator[Document]:
    """The documents of `inputs`; unreadable items are recorded and skipped.

    An id read twice in one run keeps its first document; each later copy is an E146
    row and is not stored. First wins because it makes a rerun, or a run after a kill,
    leave the same database: storing every copy in turn would bump the version on
    each run and leave whichever copy came last.
    """
    first_seen: dict[str, str] = {}
    for item in read_inputs(inputs, read_options or ReadOptions(), stdin=stdin):
        if isinstance(item, DocFailure):
            _fail(item, store, summary, notify)
            continue
        where = item.path or item.id
        if item.id in first_seen:
            _fail(fail("E146", where, doc_id=item.id, path=where, first=first_seen[item.id]),
                  store, summary, notify)
            continue
        first_seen[item.id] = where
        summary.doc_ids.append(item.id)
        yield item


def _fail(failure: DocFailure, store: Store, summary: RunSummary, notify: ProgressHook) -> None:
    """Record one failed item in the store and the summary; the run goes on."""
    store.record_failure(failure, summary.run_id)
    if failure.code == SKIPPED:
        summary.skipped.append(failure)
        notify("skipped", failure.source)
        return
    summary.failures.append(failure)
    notify("error", failure.source)


def _prepend(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
    yield first
    yield from rest


def code_documents(documents: Iterable[Document], store: Store, coder: Coder, summary: RunSummary,
                   progress: ProgressHook | None = None) -> None:
    """Code documents read elsewhere (fetched pages) and store them in `summary`'s run.

    Each result is stored as it comes, so stopping early loses nothing already coded.
    """
    notify = progress or (lambda _what, _name: None)
    for result in coder.code_many(documents, on_error="record"):
        _store_one(result, store, summary.run_id, summary, notify)
