"""Schema migrations: a version-1 file is upgraded in place and answers exactly as before."""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import eirene
from eirene.records import DocResult, Event
from eirene.store import SCHEMA_VERSION, EventFilter, open_store
from eirene.store.schema import MIGRATIONS

from store_support import v1_copy


DYADS: tuple[tuple[str, str], ...] = (
    ("United States", "Pakistan"), ("Taliban", "Afghanistan"), ("Pakistan", "Afghanistan"), ("Russia", "Taliban"),
)


def _keys_agree(path: Path) -> None:
    """Every actor row's event_seq is the seq of the event its event_id names."""
    with open_store(path, read_only=True) as store:
        rows = store.query(
            "SELECT count(*) AS n FROM event_actors a LEFT JOIN events e ON e.seq = a.event_seq "
            "WHERE e.id IS DISTINCT FROM a.event_id"
        )
        assert rows == [{"n": 0}]
        assert store.query("SELECT count(*) = count(DISTINCT seq) AS unique FROM events") == [{"unique": True}]


def test_store_migrate_v1_file_reaches_the_current_version(migrated, example_db):
    con = duckdb.connect(str(migrated), read_only=True)
    try:
        assert con.execute("SELECT version FROM schema_info").fetchall() == [(SCHEMA_VERSION,)]
        columns = {t: [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [t]).fetchall()] for t in ("events", "event_actors")}
        indexes = {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    finally:
        con.close()
    fresh = duckdb.connect(str(example_db), read_only=True)
    try:
        assert columns == {t: [r[0] for r in fresh.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [t]).fetchall()] for t in ("events", "event_actors")}
        assert indexes == {r[0] for r in fresh.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    finally:
        fresh.close()
    _keys_agree(migrated)


def _as_version_1_kept(event: Event) -> Event:
    """What a version-1 file can give back of an event: the fields added in version 6 (the
    date's source, the merged mentions) as the migration fills them in."""
    source = event.date_precision if event.date_precision in ("document", "unknown") else "sentence"
    return replace(event, date_source=source, mentions=())


def test_store_migrate_keeps_every_event_and_actor(migrated, example_db):
    with open_store(example_db, read_only=True) as before, open_store(migrated, read_only=True) as after:
        assert after.events() == [_as_version_1_kept(event) for event in before.events()]
        assert after.stats() == before.stats()
        assert after.documents() == before.documents()
        assert after.query("SELECT count(*) AS n FROM event_actors") == before.query("SELECT count(*) AS n FROM event_actors")
        assert after.query("SELECT count(*) AS n FROM event_actors WHERE name = 'Ghost'") == [{"n": 0}]


def test_store_migrate_dyads_networks_and_claims_are_unchanged(migrated, example_db):
    with eirene.open(example_db) as before, eirene.open(migrated) as after:
        by_seq = "SELECT id FROM events ORDER BY seq"
        assert after.store.query(by_seq) != before.store.query(by_seq)  # other keys, same answers
        counted = 0
        for a, b in DYADS:
            for directed in (False, True):
                want, got = before.dyad(a, b, directed=directed), after.dyad(a, b, directed=directed)
                pd.testing.assert_frame_equal(got.frame, want.frame)
                assert got == want  # the query and the undated count
                counted += int(want.frame["events"].sum())
        assert counted > 0  # the pairs do meet in the example corpus
        for level in ("country", "actor"):
            want_net, got_net = before.network(level=level).graph, after.network(level=level).graph
            assert sorted(got_net.edges(data=True)) == sorted(want_net.edges(data=True))
            assert dict(got_net.nodes(data=True)) == dict(want_net.nodes(data=True))
        assert after.claims() == before.claims() and after.denials() == before.denials()
        assert after.actor("Pakistan") == before.actor("Pakistan")


def test_store_migrate_new_events_continue_the_sequence(migrated, tmp_path):
    path = tmp_path / "writable.duckdb"
    path.write_bytes(migrated.read_bytes())
    with open_store(path) as store:
        top = store.query("SELECT max(seq) AS m FROM events")[0]["m"]
        doc_id = store.documents()[0]["id"]
        document = store.get_document(doc_id)
        events = tuple(store.events(EventFilter(doc_id=doc_id)))
        assert document is not None and events
        # a recode that finds other events (here: each a little less confident) rewrites them
        recoded = tuple(dataclasses.replace(e, confidence=round(e.confidence * 0.5, 3)) for e in events)
        assert store.save_result(DocResult(document, recoded, sentences=1), 1, force=True) == "changed"
        seqs = [r["seq"] for r in store.query("SELECT seq FROM events WHERE doc_id = ?", [doc_id])]
        assert len(seqs) == len(events) and min(seqs) > top
    _keys_agree(path)


def test_store_migrate_the_command_e412_names_upgrades_the_file(example_db, tmp_path):
    """E412 tells a reader to run `eirene upgrade --db PATH`: that command upgrades the file,
    after which read-only commands open it."""
    from click.testing import CliRunner

    from eirene.cli import cli

    path = v1_copy(example_db, tmp_path / "old.duckdb")
    stats = CliRunner().invoke(cli, ["stats", "--db", str(path)])
    assert stats.exit_code != 0 and "[E412]" in stats.output and f"eirene upgrade --db {path}" in stats.output
    upgrade = CliRunner().invoke(cli, ["upgrade", "--db", str(path)])
    assert upgrade.exit_code == 0 and f"schema version {SCHEMA_VERSION}" in upgrade.output, upgrade.output
    missing = CliRunner().invoke(cli, ["upgrade", "--db", str(tmp_path / "nothing.duckdb")])
    assert missing.exit_code != 0 and "[E401]" in missing.output
    with open_store(path, read_only=True) as store, open_store(example_db, read_only=True) as before:
        assert store.stats().events == before.stats().events
    assert CliRunner().invoke(cli, ["stats", "--db", str(path)]).exit_code == 0


def v2_copy(source: Path, path: Path) -> Path:
    """A version-2 file: version 1's DDL and rows, brought to version 2 by the step eirene shipped."""
    from eirene.store.schema import MIGRATIONS

    v1_copy(source, path)
    con = duckdb.connect(str(path))
    try:
        con.begin()
        for statement in MIGRATIONS[1]:
            con.execute(statement)
        con.execute("UPDATE schema_info SET version = 2")
        con.commit()
    finally:
        con.close()
    return path


def test_store_migrate_v2_file_gains_the_fetch_and_story_tables(example_db, tmp_path):
    from eirene.errors import StoreError
    from eirene.stories import group_stored, story_ids

    path = v2_copy(example_db, tmp_path / "v2.duckdb")
    with pytest.raises(StoreError, match="E412"):
        open_store(path, read_only=True)
    with open_store(path) as store, open_store(example_db, read_only=True) as before:
        assert store.query("SELECT version FROM schema_info") == [{"version": SCHEMA_VERSION}]
        columns = {r["column_name"] for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents'")}
        assert {"author", "language", "story_id"} <= columns
        tables = {r["table_name"] for r in store.query("SELECT table_name FROM information_schema.tables")}
        assert {"fetches", "feeds", "document_signatures"} <= tables
        assert store.documents() == before.documents() and store.stats() == before.stats()
        assert store.query("SELECT count(*) AS n FROM documents WHERE story_id IS NOT NULL") == [{"n": 0}]
        signed, _ = group_stored(store)  # the new tables take writes
        assert signed == len(before.documents()) and isinstance(story_ids(store), dict)


def test_store_migrate_version_2_gains_the_corrections_table_and_keeps_every_row(example_db, tmp_path):
    import duckdb

    from eirene import review
    from eirene.errors import StoreError

    path = v2_copy(example_db, tmp_path / "v2.duckdb")
    with duckdb.connect(str(path), read_only=True) as con:
        before = con.execute("SELECT count(*) FROM events").fetchone()
    with pytest.raises(StoreError) as info:
        open_store(path, read_only=True)
    assert info.value.code == "E412"
    with open_store(path) as store:  # opened for writing: upgraded in place
        assert store.count_events() == before[0] and store.corrections() == []
        event = store.events(EventFilter(limit=1))[0]
        saved = review.correct(store, event.id, wrong=True, reason="upgrade test", author="tester")
        assert saved.id == 1 and store.get_event(event.id) is None
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT version FROM schema_info").fetchall() == [(SCHEMA_VERSION,)]


def test_store_migrate_version_4_gains_the_scenario_runs_table(example_db, tmp_path):
    import duckdb

    from eirene.scenario import inputs_from_csv, run_scenario
    from eirene.scenario.stored import save_run, stored_runs
    from eirene.store.scenario_runs import SCENARIO_RUNS_DDL

    path = v1_copy(example_db, tmp_path / "v4.duckdb")
    with duckdb.connect(str(path)) as con:  # up to version 4 by the steps a version-4 file went through
        for version in (1, 2, 3):
            for statement in MIGRATIONS[version]:
                con.execute(statement)
        con.execute("UPDATE schema_info SET version = 4")
        before = con.execute("SELECT count(*) FROM events").fetchone()
    assert len(SCENARIO_RUNS_DDL) == 3
    with open_store(path) as store:
        assert store.count_events() == before[0] and stored_runs(store) == []
        inputs = inputs_from_csv("Actor,Capability,Position,Salience\nA,1,0,0.5\nB,1,10,0.5\n")
        assert save_run(store, run_scenario(inputs), rounds=10).id == 1
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT version FROM schema_info").fetchall() == [(SCHEMA_VERSION,)]
