"""Paging events: a page found through ids first, per-date counts or a kept total is the
same page, in the same order, as a slice of the full listing."""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.records import ActorRef, DocResult, Document, Event
from eirene.store import EventFilter, Store, open_store
from eirene.store import duckdb_store

KABUL = ActorRef(text="Kabul", name="Afghanistan", actor_id="AFG", country="AFG", sector="GOV", how="metonymy")
ISLAMABAD = ActorRef(text="Islamabad", name="Pakistan", actor_id="PAK", country="PAK", sector="GOV", how="metonymy")
PHRASES = ("talks on the border crossing", "a dispute over refugees", "the exchange of prisoners")


def make_result(doc: int, run: int) -> DocResult:
    """A document of 7 events on few dates (so dates tie and doc_id/start break ties); every
    fifth document is undated."""
    doc_id = f"wire-{doc:03}.txt"
    date = None if doc % 5 == 4 else f"2019-0{1 + doc % 3}-1{doc % 2}"
    sentences = [f"Islamabad and Kabul held {PHRASES[(doc + j) % 3]} ({doc}/{j})." for j in range(7)]
    events, offset = [], 0
    for j, sentence in enumerate(sentences):
        start, end = offset, offset + len(sentence)
        offset = end + 1
        events.append(Event(
            id=Event.make_id(doc_id, j, start, end, "CONSULT", "held"), doc_id=doc_id, sentence_index=j,
            start=start, end=end, text=sentence, trigger="held", event_type="CONSULT",
            actors=(ISLAMABAD if j % 2 else KABUL,), recipients=(KABUL if j % 2 else ISLAMABAD,),
            date=date, date_precision="day" if date else "unknown", quad_class=1, intensity=1.0,
        ))
    return DocResult(Document(id=doc_id, text=" ".join(sentences), date=date), tuple(events), len(sentences))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "paging.duckdb")
    run = opened.begin_run(eirene_version="test", model="none", inputs=[], config={})
    for doc in range(20):
        opened.save_result(make_result(doc, run), run)
    yield opened
    opened.close()


@pytest.mark.parametrize("deep_from", [10_000, 1], ids=["top-n", "per-date counts"])
@pytest.mark.parametrize("fields", [{}, {"actor": "pakistan"}, {"text": "prisoners"}, {"until": "2019-02"}], ids=repr)
def test_every_page_is_a_slice_of_the_full_listing(
    store: Store, monkeypatch: pytest.MonkeyPatch, deep_from: int, fields: dict[str, str]
) -> None:
    full = [e.id for e in store.events(EventFilter(**fields))]
    assert len(full) >= 20 and len(set(full)) == len(full)
    monkeypatch.setattr(duckdb_store, "DEEP_OFFSET", deep_from)
    for limit in (1, 7, 13):
        for offset in (0, 1, 6, 7, 8, len(full) - 8, len(full) - 1, len(full), len(full) + 5):
            page = store.events(EventFilter(limit=limit, offset=offset, **fields))
            assert [e.id for e in page] == full[offset : offset + limit], (limit, offset)


def test_undated_events_come_last_on_a_deep_page(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(duckdb_store, "DEEP_OFFSET", 1)
    total = store.count_events()
    last = store.events(EventFilter(limit=10, offset=total - 10))
    assert [e.date for e in last] == [None] * 10
    straddling = store.events(EventFilter(limit=4, offset=total - 28 - 2))  # 4 undated documents of 7 events
    assert [e.date is None for e in straddling] == [False, False, True, True]


def test_pages_carry_their_actors(store: Store) -> None:
    page = store.events(EventFilter(limit=5, offset=3))
    assert all(e.actors and e.recipients for e in page)
    assert {e.actors[0].name for e in page} == {"Afghanistan", "Pakistan"}


@pytest.mark.parametrize("fields", [{"text": "PRISONERS"}, {"actor": "Pakistan"}, {"actor": "PAK", "text": "border"}], ids=repr)
def test_total_kept_by_a_filtered_page_matches_a_fresh_count(store: Store, fields: dict[str, str]) -> None:
    flt = EventFilter(limit=5, **fields)
    store.events(flt)
    kept = store.count_events(flt)
    assert kept == store.count_events(flt) == len(store.events(EventFilter(**fields)))
    assert 0 < kept < store.count_events()


def test_a_write_between_page_and_count_is_counted(store: Store) -> None:
    flt = EventFilter(text="prisoners", limit=5)
    before = store.count_events(flt)
    store.events(flt)
    run = store.begin_run(eirene_version="test", model="none", inputs=[], config={})
    added = make_result(20, run)
    store.save_result(added, run)
    assert store.count_events(flt) == before + sum("prisoners" in e.text for e in added.events)


def test_a_kept_total_is_not_used_for_another_filter(store: Store) -> None:
    store.events(EventFilter(text="prisoners", limit=5))
    assert store.count_events(EventFilter(text="refugees")) == store.count_events(EventFilter(text="refugees", limit=1))
    assert store.count_events(EventFilter(text="refugees")) < store.count_events()


def test_text_search_takes_wildcards_literally(store: Store) -> None:
    run = store.begin_run(eirene_version="test", model="none", inputs=[], config={})
    sentence = "Islamabad promised Kabul a 50% rise in aid_funds, backslash \\ included."
    result = make_result(30, run)
    first = result.events[0]
    event = Event(**{**first.__dict__, "text": sentence})
    store.save_result(DocResult(result.document, (event,), 1), run)
    for needle in ("50%", "AID_FUNDS", "\\ inc", "% rise"):
        assert [e.text for e in store.events(EventFilter(text=needle, limit=10))] == [sentence], needle
    for needle in ("5%", "aid%funds", "aidXfunds", "a_d_funds"):
        assert store.events(EventFilter(text=needle, limit=10)) == [], needle
