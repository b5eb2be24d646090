"""Precomputed analysis answers (store/snapshots.py, web/precompute.py): kept once per
version of the data, read back equal to what the server computes, and never read once a
write has changed the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.store import open_store
from eirene.store.snapshots import data_stamp, snapshot_keys
from eirene.web import queries
from eirene.web.state import WebState
from web_support import TOKEN, writable_copy


def _reader(db: Path) -> WebState:
    return WebState(db, token=None, max_upload_bytes=0)


@pytest.mark.slow
def test_precomputed_answers_equal_the_computed_ones(example_db, tmp_path) -> None:
    from click.testing import CliRunner

    from eirene.cli import cli

    db = writable_copy(example_db, tmp_path)
    rule = queries.counting_rule()
    computed = _reader(db)  # nothing kept yet: computes in memory, as before
    try:
        network = queries.network(computed, since=None, until=None, rule=rule)
        year = queries.network(computed, since="2018", until="2018", rule=rule)
        profile = queries.actor_profile(computed, "PAK", rule)
        actors = queries.actor_search(computed, None)
        stamp = data_stamp(computed.store)
        assert snapshot_keys(computed.store, stamp) == []  # a read-only store keeps nothing
    finally:
        computed.close()

    result = CliRunner().invoke(cli, ["precompute", "--db", str(db), "--profiles", "100"])
    assert result.exit_code == 0 and "kept" in result.output, result.output

    kept = _reader(db)
    try:
        names = snapshot_keys(kept.store, stamp)
        assert any("'network', None, None" in n for n in names) and any("'profile', 'PAK'" in n for n in names)
        assert any("'network', '2018', '2018'" in n for n in names)
        assert queries.network(kept, since=None, until=None, rule=rule) == network
        assert queries.network(kept, since="2018", until="2018", rule=rule) == year
        assert queries.actor_search(kept, None) == actors
        assert kept._system is None  # read from the store: the actor system was never built
        assert queries.actor_profile(kept, "PAK", rule) == profile
    finally:
        kept.close()


@pytest.mark.slow
def test_a_write_makes_the_kept_answers_stale(example_db, tmp_path, coder) -> None:
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app
    from eirene.web.precompute import precompute_file

    db = writable_copy(example_db, tmp_path)
    before = precompute_file(db, profiles=0)
    app = create_app(db, token=TOKEN, coder_factory=lambda: coder)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        state = app.state.eirene
        network = client.get("/api/network").json()
        assert "NPL" not in {n["key"] for n in network["nodes"]}
        assert state._system is None  # answered from the kept snapshot
        text = "Kathmandu, 3 May 2019: Nepal and India signed a trade agreement in Kathmandu."
        assert client.post("/api/documents", json={"id": "nepal", "text": text},
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
        after = client.get("/api/network").json()
        assert "NPL" in {n["key"] for n in after["nodes"]}  # computed again, not the stale snapshot
        stamp = data_stamp(state.store)
        assert stamp != before.stamp
        # the writable server kept what it computed, under the new stamp only
        assert any("'network', None, None" in n for n in snapshot_keys(state.store, stamp))
        assert snapshot_keys(state.store, before.stamp) == []


def test_the_stamp_moves_with_a_write_and_not_with_a_snapshot(tmp_path) -> None:
    from eirene.store.snapshots import read_snapshot, write_snapshot

    with open_store(tmp_path / "db.duckdb") as store:
        empty = data_stamp(store)
        write_snapshot(store, empty, "answer", '{"n": 1}')
        assert data_stamp(store) == empty and read_snapshot(store, empty, "answer") == '{"n": 1}'
        store.write("a test document", lambda execute: execute(
            "INSERT INTO documents (id, version, content_hash, text, ingested_at) "
            "VALUES ('d1', 1, 'h', 'Some text.', now())"))
        moved = data_stamp(store)
        assert moved != empty and read_snapshot(store, moved, "answer") is None
        write_snapshot(store, moved, "answer", '{"n": 2}')
        assert read_snapshot(store, empty, "answer") is None  # the older stamp's rows are gone


@pytest.mark.slow
def test_a_kept_download_is_the_same_file_until_the_data_changes(example_db, tmp_path, coder) -> None:
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    db = writable_copy(example_db, tmp_path)
    app = create_app(db, token=TOKEN, coder_factory=lambda: coder)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        first = client.get("/download/dyad.csv?a=Pakistan&b=Afghanistan")
        assert first.status_code == 200 and first.text.startswith("id,date,")
        assert first.headers["content-disposition"] == 'attachment; filename="dyad-PAK-AFG.csv"'
        assert client.get("/download/dyad.csv?a=Pakistan&b=Afghanistan").text == first.text
        rows = client.get("/download/events.csv?actor=Nepal").text.splitlines()
        assert len(rows) == 1  # the header alone: no Nepal yet
        text = "Kathmandu, 3 May 2019: Nepal and India signed a trade agreement in Kathmandu."
        assert client.post("/api/documents", json={"id": "nepal", "text": text},
                           headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 201
        assert len(client.get("/download/events.csv?actor=Nepal").text.splitlines()) > 1
