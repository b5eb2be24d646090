"""Batched writes: many documents per transaction, each still whole, and a faulty one
never takes the rest of its batch down (store/batch_writes.py, coding_run.ResultWriter)."""

from __future__ import annotations

from dataclasses import replace

from eirene.coding_run import ResultWriter, RunSummary
from eirene.records import DocResult
from eirene.store import EventFilter, Store

from store_support import make_result


def _run(store: Store) -> int:
    return store.begin_run(eirene_version="test", model="none", inputs=[], config={})


def test_store_batch_saves_every_document_with_its_events(any_store: Store) -> None:
    run = _run(any_store)
    batch = [make_result(doc, run) for doc in range(6)]
    assert any_store.save_results(batch, run) == ["new"] * 6
    assert any_store.count_events() == 6 * 7
    for result in batch:
        stored = any_store.events(EventFilter(doc_id=result.document.id))
        assert sorted(e.id for e in stored) == sorted(e.id for e in result.events)
    # a second batch: two unchanged, one changed (it loses its last event), one new
    changed = replace(batch[2], document=replace(batch[2].document, text=batch[2].document.text + " More."),
                      events=batch[2].events[:-1])
    states = any_store.save_results([batch[0], batch[1], changed, make_result(6, run)], run)
    assert states == ["same", "same", "changed", "new"]
    assert any_store.count_events(EventFilter(doc_id=changed.document.id)) == 6
    assert {d["id"]: d["version"] for d in any_store.documents()}[changed.document.id] == 2
    assert any_store.count_events() == 7 * 7 - 1
    assert any_store.document_states([(r.document.id, r.document.content_hash) for r in batch[:3]]) == [
        "same", "same", "changed"]


def test_store_batch_with_a_faulty_document_stores_the_others(any_store: Store) -> None:
    run = _run(any_store)
    good = [make_result(doc, run) for doc in range(5)]
    stray = make_result(9, run)
    faulty = DocResult(good[1].document, (*good[1].events, stray.events[0]), 7)  # an event of another document
    summary = RunSummary(run_id=run)
    seen: list[tuple[str, str]] = []
    writer = ResultWriter(any_store, summary, lambda what, name: seen.append((what, name)), documents=3)
    for result in (good[0], faulty, *good[2:]):
        writer.add(result)
    writer.flush()
    assert (summary.new, len(summary.failures)) == (4, 1)
    assert summary.failures[0].doc_id == good[1].document.id and summary.failures[0].code == "E409"
    assert sorted(d["id"] for d in any_store.documents()) == sorted(r.document.id for r in (good[0], *good[2:]))
    assert any_store.count_events() == 4 * 7
    assert [e["doc_id"] for e in any_store.errors(run)] == [good[1].document.id]
    assert ("new", good[4].document.id) in seen


def test_store_batch_writer_flushes_on_size_and_repeats(any_store: Store) -> None:
    run = _run(any_store)
    summary = RunSummary(run_id=run)
    writer = ResultWriter(any_store, summary, lambda *_: None, documents=100, max_bytes=1)
    writer.add(make_result(0, run))  # over the byte limit at once: stored without flush()
    assert any_store.count_events() == 7
    writer = ResultWriter(any_store, summary, lambda *_: None, documents=100)
    first, again = make_result(1, run), make_result(1, run)
    writer.add(first)
    writer.add(again)  # the same document twice in one batch: stored once, then found "same"
    writer.flush()
    assert (summary.new, summary.same) == (2, 1)
    assert any_store.count_events() == 14
