"""The PostgreSQL backend against a real server (tests/pg_support.py): several writing
processes at once, upgrades, the same events as DuckDB, fetching, and the web app.

The tests of tests/test_store_duckdb.py, test_store_paging.py and test_store_batches.py
run on PostgreSQL too, through the parametrised `store_location` fixture."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from eirene.cli import cli
from eirene.coding_run import code_inputs
from eirene.errors import StoreError
from eirene.records import Event
from eirene.store import SCHEMA_VERSION, EventFilter, PostgresStore, Store, open_store

from store_support import make_result

TESTS = Path(__file__).parent
SRC = TESTS.parent / "src"
EXAMPLES = TESTS.parent / "examples" / "afghan-peace-process"

WRITER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{tests!r}, {src!r}]
    from eirene.store import open_store
    from store_support import make_result

    url, order = sys.argv[1], sys.argv[2]
    docs = list(range(30)) if order == "up" else list(reversed(range(30)))
    with open_store(url) as store:
        run = store.begin_run(eirene_version="test", model="none", inputs=[order], config={{}})
        print("ready", flush=True)
        sys.stdin.readline()  # both start together
        states = []
        for i in range(0, len(docs), 4):
            states += store.save_results([make_result(d, run) for d in docs[i:i + 4]], run)
        print(states.count("new"), states.count("same"), flush=True)
    """
).format(tests=str(TESTS), src=str(SRC))


def event_hashes(store: Store) -> dict[str, str]:
    """Every event's id -> a hash of its whole content."""
    return {e.id: hashlib.sha256(json.dumps(e.to_dict(), sort_keys=True).encode()).hexdigest() for e in store.events()}


def test_store_postgres_two_writers_at_once_store_each_document_once(pg_url: str, tmp_path: Path) -> None:
    open_store(pg_url).close()  # the schema first: the writers then race on documents only
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    children = [subprocess.Popen([sys.executable, str(script), pg_url, order], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for order in ("up", "down")]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready", child.stderr
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outcomes = [child.communicate(timeout=120) for child in children]
    assert all(child.returncode == 0 for child in children), [err for _, err in outcomes]
    counts = [tuple(int(n) for n in out.split()) for out, _ in outcomes]
    assert sum(new for new, _ in counts) == 30 and sum(same for _, same in counts) == 30  # each stored once
    with open_store(pg_url, read_only=True) as store:
        assert len(store.documents()) == 30 and store.count_events() == 30 * 7
        ids = [e.id for e in store.events()]
        assert len(set(ids)) == len(ids)
        assert store.query("SELECT count(*) AS n FROM event_actors")[0]["n"] == 30 * 7 * 2
        assert store.errors() == []


def test_store_postgres_upgrade_brings_an_older_database_to_the_current_schema(pg_url: str) -> None:
    with open_store(pg_url) as store:  # made a version-3 database: every later step undone
        store.write("a test's downgrade", lambda execute: [execute(statement, []) for statement in (
            "DROP TABLE corrections", "DROP SEQUENCE corrections_id_seq",  # version 4
            "DROP TABLE scenario_runs", "DROP SEQUENCE scenario_runs_id_seq",  # version 5
            "ALTER TABLE events DROP COLUMN date_source", "ALTER TABLE events DROP COLUMN mentions",  # 6
            "ALTER TABLE event_actors DROP COLUMN secondary_sector",  # version 7
            "DROP TABLE analysis_snapshots",  # version 8
            "UPDATE schema_info SET version = 3")])
    with pytest.raises(StoreError, match="E412"):
        open_store(pg_url, read_only=True)
    upgrade = CliRunner().invoke(cli, ["upgrade", "--db", pg_url])
    assert upgrade.exit_code == 0 and f"schema version {SCHEMA_VERSION}" in upgrade.output, upgrade.output
    with open_store(pg_url, read_only=True) as store:
        assert store.corrections() == []
        assert store.query("SELECT max(version) AS v FROM schema_info")[0]["v"] == SCHEMA_VERSION


def test_store_postgres_refuses_writes_when_read_only(pg_url: str) -> None:
    with open_store(pg_url) as writer:
        run = writer.begin_run(eirene_version="0", model="m", inputs=[], config={})
        writer.save_result(make_result(1, run), run)
    with open_store(pg_url, read_only=True) as reader:
        assert isinstance(reader, PostgresStore) and reader.count_events() == 7
        with pytest.raises(StoreError, match="E410"):
            reader.save_result(make_result(2, 1), 1)
        with pytest.raises(StoreError, match="E407"):  # a write hidden in a CTE: the READ ONLY transaction
            reader.query("WITH gone AS (DELETE FROM events RETURNING id) SELECT count(*) FROM gone")
    with pytest.raises(StoreError, match="E417"):
        open_store(pg_url.rsplit("/", 1)[0] + "/no_such_database")


def test_store_postgres_codes_the_examples_like_duckdb_and_serves_them(example_db: Path, coder, pg_url: str) -> None:
    """`eirene code` into PostgreSQL stores exactly the events of the DuckDB run (ids and
    content); `eirene serve --db postgresql://...` answers from them."""
    with open_store(pg_url) as store:
        summary = code_inputs([EXAMPLES], store, lambda: coder, model_name=coder.model)
        assert summary.failures == [] and summary.events > 0
        on_postgres = event_hashes(store)
    with open_store(example_db, read_only=True) as duck:
        assert on_postgres == event_hashes(duck)
        first = duck.events(EventFilter(limit=1))[0]
        stats = duck.stats()
    runner = CliRunner()
    answer = runner.invoke(cli, ["serve", "--db", pg_url, "--get", "/api/stats"])
    assert answer.exit_code == 0, answer.output
    assert json.loads(answer.output)["events"] == stats.events
    page = runner.invoke(cli, ["serve", "--db", pg_url, "--get", "/api/events?limit=1"])
    assert page.exit_code == 0 and Event.from_dict(json.loads(page.output)["events"][0]) == first, page.output
    for path in ("/", "/events", f"/events/{first.id}", f"/documents/{first.doc_id}", "/api/map", "/map",
                 "/api/documents", "/corrections", "/actors", "/network", "/claims", "/dyads/Pakistan/Afghanistan"):
        shown = runner.invoke(cli, ["serve", "--db", pg_url, "--get", path])
        assert shown.exit_code == 0, (path, shown.output[:300])
    # the analyses (DuckDB's SQL, answered from a copy of the tables) say the same on both
    for command in (["dyad", "Pakistan", "Afghanistan"], ["network"], ["claims"], ["actor", "Pakistan"],
                    ["stats"], ["docs"], ["events", "--actor", "Pakistan"]):
        on_duckdb = runner.invoke(cli, [*command, "--db", str(example_db)])
        on_pg = runner.invoke(cli, [*command, "--db", pg_url])
        assert on_duckdb.exit_code == 0 and on_pg.exit_code == 0, (command, on_pg.output[-500:])
        assert on_pg.output.replace(pg_url, "DB") == on_duckdb.output.replace(str(example_db), "DB"), command


def test_store_postgres_fetches_and_groups_stories_like_duckdb(fetched_db: Path, pg_url: str, coder) -> None:
    """`eirene fetch --db postgresql://...`: the fetch log, the stories of wire copies and the
    coded events are those of the same fetch into DuckDB (fetched_db, from another server
    of the same site, so documents are compared by their path)."""
    from fetch_support import fetch_site
    from news_site import start

    from eirene.fetch.ledger import fetch_log
    from eirene.stories import stories

    server = start()
    try:
        fetch_site(server.base, pg_url, coder=coder)
    finally:
        server.shutdown()
        server.server_close()

    def seen(location: str | Path) -> tuple[set, list, set]:
        with open_store(location, read_only=True) as store:
            path = {d["id"]: d["id"].split("/", 3)[3] for d in store.documents()}
            logged = {(path[doc_id], row["status"]) for doc_id in path for row in fetch_log(store, doc_id)}
            grouped = sorted(sorted(path[m.doc_id] for m in s.members) for s in stories(store))
            events = {(path[e.doc_id], e.start, e.end, e.event_type) for e in store.events()}
        return logged, grouped, events

    logged, grouped, events = seen(pg_url)
    assert (logged, grouped, events) == seen(fetched_db)
    assert grouped and events and logged
