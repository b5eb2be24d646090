"""Paging events: a page found through ids first, per-date counts or a kept total is the
same page, in the same order, as a slice of the full listing."""

from __future__ import annotations

import pytest

from eirene.records import DocResult, Event
from eirene.store import EventFilter, Store
from eirene.store import sql_store

from store_support import make_result


@pytest.mark.parametrize("deep_from", [10_000, 1], ids=["top-n", "per-date counts"])
@pytest.mark.parametrize("fields", [{}, {"actor": "pakistan"}, {"text": "prisoners"}, {"until": "2019-02"}], ids=repr)
def test_every_page_is_a_slice_of_the_full_listing(
    paging_store: Store, monkeypatch: pytest.MonkeyPatch, deep_from: int, fields: dict[str, str]
) -> None:
    full = [e.id for e in paging_store.events(EventFilter(**fields))]
    assert len(full) >= 20 and len(set(full)) == len(full)
    monkeypatch.setattr(sql_store, "DEEP_OFFSET", deep_from)
    for limit in (1, 7, 13):
        for offset in (0, 1, 6, 7, 8, len(full) - 8, len(full) - 1, len(full), len(full) + 5):
            page = paging_store.events(EventFilter(limit=limit, offset=offset, **fields))
            assert [e.id for e in page] == full[offset : offset + limit], (limit, offset)


def test_undated_events_come_last_on_a_deep_page(paging_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sql_store, "DEEP_OFFSET", 1)
    total = paging_store.count_events()
    last = paging_store.events(EventFilter(limit=10, offset=total - 10))
    assert [e.date for e in last] == [None] * 10
    straddling = paging_store.events(EventFilter(limit=4, offset=total - 28 - 2))  # 4 undated documents of 7 events
    assert [e.date is None for e in straddling] == [False, False, True, True]


def test_pages_carry_their_actors(paging_store: Store) -> None:
    page = paging_store.events(EventFilter(limit=5, offset=3))
    assert all(e.actors and e.recipients for e in page)
    assert {e.actors[0].name for e in page} == {"Afghanistan", "Pakistan"}


@pytest.mark.parametrize("fields", [{"text": "PRISONERS"}, {"actor": "Pakistan"}, {"actor": "PAK", "text": "border"}], ids=repr)
def test_total_kept_by_a_filtered_page_matches_a_fresh_count(paging_store: Store, fields: dict[str, str]) -> None:
    flt = EventFilter(limit=5, **fields)
    paging_store.events(flt)
    kept = paging_store.count_events(flt)
    assert kept == paging_store.count_events(flt) == len(paging_store.events(EventFilter(**fields)))
    assert 0 < kept < paging_store.count_events()


def test_a_write_between_page_and_count_is_counted(paging_store: Store) -> None:
    flt = EventFilter(text="prisoners", limit=5)
    before = paging_store.count_events(flt)
    paging_store.events(flt)
    run = paging_store.begin_run(eirene_version="test", model="none", inputs=[], config={})
    added = make_result(20, run)
    paging_store.save_result(added, run)
    assert paging_store.count_events(flt) == before + sum("prisoners" in e.text for e in added.events)


def test_a_kept_total_is_not_used_for_another_filter(paging_store: Store) -> None:
    paging_store.events(EventFilter(text="prisoners", limit=5))
    assert paging_store.count_events(EventFilter(text="refugees")) == paging_store.count_events(EventFilter(text="refugees", limit=1))
    assert paging_store.count_events(EventFilter(text="refugees")) < paging_store.count_events()


def test_text_search_takes_wildcards_literally(paging_store: Store) -> None:
    run = paging_store.begin_run(eirene_version="test", model="none", inputs=[], config={})
    sentence = "Islamabad promised Kabul a 50% rise in aid_funds, backslash \\ included."
    result = make_result(30, run)
    first = result.events[0]
    event = Event(**{**first.__dict__, "text": sentence})
    paging_store.save_result(DocResult(result.document, (event,), 1), run)
    for needle in ("50%", "AID_FUNDS", "\\ inc", "% rise"):
        assert [e.text for e in paging_store.events(EventFilter(text=needle, limit=10))] == [sentence], needle
    for needle in ("5%", "aid%funds", "aidXfunds", "a_d_funds"):
        assert paging_store.events(EventFilter(text=needle, limit=10)) == [], needle
