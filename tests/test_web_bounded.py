"""The analysis pages stay bounded and readers run side by side: the dyad page lists
one page of its evidence, cached answers are dropped on a write, a runaway query
stops with E461 (503), and a slow read does not hold up other readers."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from coding_support import coded_db
from eirene.errors import StoreError
from eirene.store import open_store
from eirene.web.errors import status_for
from web_support import TOKEN

SLOW_SQL = "SELECT sum(hash(i)) AS x FROM range(1000000000000) t(i)"  # runs for minutes unless stopped
SLOW_SQL_POSTGRESQL = "SELECT sum(hashint8(i)) AS x FROM generate_series(1, 1000000000000) t(i)"


@pytest.fixture(scope="module")
def busy_dyad_db(request, backend, coder, tmp_path_factory) -> Path | str:
    """One article (written for this test) with 230 accusations between two countries,
    each on its own day (reports of one happening on one day would merge into one event)."""
    folder = tmp_path_factory.mktemp("busy-dyad")
    days = [dt.date(2019, 1, 1) + dt.timedelta(days=n) for n in range(230)]
    sentences = [f"On {day.day} {day:%B %Y}, Pakistan accused India of shelling village number {n}."
                 for n, day in enumerate(days)]
    (folder / "accusations.txt").write_text("Border dispute\n\n" + "\n".join(sentences) + "\n")
    target = folder / "busy.duckdb" if backend == "duckdb" else request.getfixturevalue("pg_cluster").database()
    return coded_db(coder, [folder], target)


@pytest.mark.slow
def test_the_dyad_page_lists_one_page_of_evidence(busy_dyad_db) -> None:
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    with TestClient(create_app(busy_dyad_db, token=""), base_url="http://127.0.0.1") as client:
        total = client.get("/api/dyads/PAK/IND").json()["mentions"]  # each report of a happening
        assert total > 200
        first = client.get("/dyads/PAK/IND")
        assert first.status_code == 200 and 'data-testid="evidence-pager"' in first.text
        assert first.text.count('href="/events/') <= 200 < total
        second = client.get("/dyads/PAK/IND?page=2")
        assert second.status_code == 200 and 'rel="prev"' in second.text
        assert 0 < second.text.count('href="/events/') < first.text.count('href="/events/')


@pytest.mark.slow
def test_cached_answers_are_dropped_when_a_document_is_uploaded(example_copy, coder) -> None:
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    app = create_app(example_copy, token=TOKEN, coder_factory=lambda: coder)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        before = client.get("/api/actors/NPL").json()  # Nepal: in no example article
        assert before["events"] == 0
        overview = client.get("/").text
        text = "Kathmandu, 3 May 2019: Nepal and India signed a trade agreement in Kathmandu."
        assert client.post("/api/documents", json={"id": "nepal", "text": text},
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
        profile = client.get("/api/actors/NPL")
        assert profile.status_code == 200 and profile.json()["events"] >= 1
        assert client.get("/").text != overview  # the cached overview was rebuilt


def test_a_read_past_the_time_limit_stops_with_e461_and_answers_503(store_location, backend) -> None:
    with open_store(store_location) as store:
        store.read_time_limit = 0.5
        with pytest.raises(StoreError) as stopped:
            store.query(SLOW_SQL if backend == "duckdb" else SLOW_SQL_POSTGRESQL)
        assert stopped.value.code == "E461" and status_for(stopped.value) == 503
        assert store.query("SELECT 1 AS one") == [{"one": 1}]  # the store still answers


@pytest.mark.slow
def test_a_request_past_its_deadline_answers_503_e461(example_store) -> None:
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    app = create_app(example_store, token="", query_time_limit=1e-9)  # every read is already late
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for path in ("/api/stats", "/api/events", "/events"):
            answer = client.get(path)
            assert answer.status_code == 503 and "E461" in answer.text, path
        assert client.get("/counting").status_code == 200  # a page that reads nothing


def test_a_slow_read_does_not_hold_up_other_readers(tmp_path) -> None:
    with open_store(tmp_path / "db.duckdb") as store:
        store.read_time_limit = 30.0
        outcome: list[str] = []

        def slow() -> None:
            try:
                store.query(SLOW_SQL)
                outcome.append("finished")
            except StoreError as err:
                outcome.append(err.code)

        reader = threading.Thread(target=slow)
        reader.start()
        try:
            for _ in range(20):  # other readers answer while the slow one runs
                assert store.count_events() == 0 and store.stats().documents == 0
            assert reader.is_alive() and not outcome
        finally:
            store.read_time_limit = 30.0
            reader.join(timeout=60)
        assert outcome == ["E461"]
