"""Opening stores (locations, bad files, a file held by another process) and kill-safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eirene.errors import StoreError
from eirene.records import ActorRef, DocResult, Document, Event
from eirene.store import BACKENDS, DuckDBStore, EventFilter, Store, open_store

TESTS = Path(__file__).parent
SRC = TESTS.parent / "src"
SIDES = [
    ActorRef(text="Kabul", name="Afghanistan", actor_id="AFG", country="AFG", sector="GOV", how="metonymy"),
    ActorRef(text="the insurgents", name="Taliban", actor_id="TAL", country="AFG", sector="REB", kind="armed_group"),
    ActorRef(text="Islamabad", name="Pakistan", actor_id="PAK", country="PAK", sector="GOV", how="metonymy"),
]


def make_result(i: int, version: int) -> DocResult:
    """A document with many events; version 2 keeps the first 15 sentences and adds new ones.

    Both versions share event ids on the kept sentences, so replacing them inside one
    transaction exercises delete-then-insert of the same primary keys.
    """
    doc_id = f"report-{i:03}.txt"
    kept = [f"Sentence {j} of report {i}: Kabul accused the insurgents of an attack." for j in range(15)]
    extra = [f"Addendum {j} to report {i}: Islamabad offered talks to Kabul." for j in range(10 + i % 4)]
    if version == 1:
        extra = [f"Closing line {j} of report {i}: the insurgents threatened Islamabad." for j in range(25 + i % 3)]
    sentences = kept + extra
    text = "\n".join(sentences)
    events = []
    offset = 0
    for j, sentence in enumerate(sentences):
        start, end = offset, offset + len(sentence)
        offset = end + 1
        event_type = "ACCUSE" if j < 15 else ("THREATEN" if version == 1 else "CONSULT")
        actor, recipient = (SIDES[0], SIDES[1]) if j < 15 else ((SIDES[1], SIDES[2]) if version == 1 else (SIDES[2], SIDES[0]))
        events.append(Event(
            id=Event.make_id(doc_id, j, start, end, event_type, "verb"), doc_id=doc_id, sentence_index=j,
            start=start, end=end, text=sentence, trigger="verb", event_type=event_type,
            actors=(actor,), recipients=(recipient,), date=f"2017-0{1 + i % 9}-{10 + j % 18}",
            date_precision="day", quad_class=3, intensity=-2.0,
        ))
    return DocResult(Document(id=doc_id, text=text, date="2017-01-01", date_precision="day"), tuple(events), len(sentences))


N_DOCS = 12

CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path[:0] = [{tests!r}, {src!r}]
    from eirene.store import DuckDBStore, open_store
    from test_store_open import N_DOCS, make_result

    mode, path = sys.argv[1], sys.argv[2]
    if mode == "block":
        # stop inside the transaction of report 4, version 2: after its events are
        # inserted, before its actors are, and wait there to be killed
        from eirene.store import batch_writes
        original = batch_writes.insert_rows
        def stalling_insert(con, table, columns, rows, *args, **kwargs):
            found = original(con, table, columns, rows, *args, **kwargs)
            if table == "event_actors" and any(row[0] in BLOCK_IDS for row in rows):
                print("inside", flush=True)
                time.sleep(60)
            return found
        BLOCK_IDS = {{e.id for e in make_result(4, 2).events}} - {{e.id for e in make_result(4, 1).events}}
        batch_writes.insert_rows = stalling_insert
    store = open_store(path)
    run = store.begin_run(eirene_version="test", model="none", inputs=[], config={{}})
    if mode == "hold":
        print("ready", flush=True)
        sys.stdin.read()
        store.close()
        sys.exit(0)
    for version in (1, 2):
        for i in range(N_DOCS):
            store.save_result(make_result(i, version), run)
            print("saved", i, version, flush=True)
    print("done", flush=True)
    time.sleep(60)
    """
).format(tests=str(TESTS), src=str(SRC))


def _start_child(tmp_path: Path, mode: str, db: Path | str) -> subprocess.Popen[str]:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    return subprocess.Popen(
        [sys.executable, str(script), mode, str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_for(child: subprocess.Popen[str], word: str) -> list[str]:
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line.strip())
        if line.startswith(word):
            return seen
    raise AssertionError(f"child ended before printing {word!r}: {child.stderr.read() if child.stderr else ''}")


def _kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)


def _assert_consistent(store: Store) -> dict[str, int]:
    """Every stored document holds exactly the events of its stored content, no more.

    RETURNS: doc id -> which content (1 or 2, as in make_result) is stored.
    """
    stored_docs = {d["id"]: d for d in store.documents()}
    variants: dict[str, int] = {}
    expected_actor_rows = 0
    for i in range(N_DOCS):
        doc_id = f"report-{i:03}.txt"
        if doc_id not in stored_docs:
            assert store.count_events(EventFilter(doc_id=doc_id)) == 0
            continue
        document = store.get_document(doc_id)
        matching = [v for v in (1, 2) if make_result(i, v).document == document]
        assert len(matching) == 1, f"{doc_id} holds neither version's text"
        expected = make_result(i, matching[0])
        stored = store.events(EventFilter(doc_id=doc_id))
        assert sorted(stored, key=lambda e: e.sentence_index) == list(expected.events)
        assert stored_docs[doc_id]["events"] == len(expected.events)
        expected_actor_rows += 2 * len(expected.events)
        variants[doc_id] = matching[0]
    assert store.query("SELECT count(*) AS n FROM event_actors")[0]["n"] == expected_actor_rows
    orphans = store.query("SELECT count(*) AS n FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)")
    assert orphans[0]["n"] == 0
    return variants


def _version_numbers(store: Store) -> dict[str, int]:
    return {d["id"]: d["version"] for d in store.documents()}


def _resave_all(store: Store, variants: dict[str, int]) -> None:
    """Saving version 2 of everything again finishes the job without duplicates."""
    before = _version_numbers(store)
    run = store.begin_run(eirene_version="test", model="none", inputs=[], config={})
    for i in range(N_DOCS):
        result = make_result(i, 2)
        expected_state = {None: "new", 1: "changed", 2: "same"}[variants.get(result.document.id)]
        assert store.save_result(result, run) == expected_state
    total = sum(len(make_result(i, 2).events) for i in range(N_DOCS))
    assert store.count_events() == total
    assert store.query("SELECT count(DISTINCT id) AS n FROM events")[0]["n"] == total
    assert _assert_consistent(store) == {f"report-{i:03}.txt": 2 for i in range(N_DOCS)}
    expected_versions = {doc_id: before.get(doc_id, 0) + (variants.get(doc_id) != 2) for doc_id in variants}
    expected_versions.update({f"report-{i:03}.txt": 1 for i in range(N_DOCS) if f"report-{i:03}.txt" not in before})
    assert _version_numbers(store) == expected_versions


def test_kill_inside_a_transaction_keeps_the_previous_version(tmp_path: Path, store_location: str) -> None:
    db = store_location  # a DuckDB file, then a PostgreSQL database (the server rolls the killed writer back)
    child = _start_child(tmp_path, "block", db)
    try:
        seen = _wait_for(child, "inside")
    finally:
        _kill(child)
    assert "saved 3 2" in seen and "saved 4 2" not in seen
    with open_store(db) as store:
        variants = _assert_consistent(store)
        # reports 0-3 reached version 2; report 4 was killed mid-save and is whole at version 1
        assert variants == {f"report-{i:03}.txt": 2 if i < 4 else 1 for i in range(N_DOCS)}
        assert _version_numbers(store) == variants
        _resave_all(store, variants)


def test_kill_at_an_arbitrary_moment_leaves_a_consistent_database(tmp_path: Path, store_location: str) -> None:
    db = store_location
    child = _start_child(tmp_path, "loop", db)
    try:
        _wait_for(child, "saved 7 1")
    finally:
        _kill(child)
    with open_store(db) as store:
        variants = _assert_consistent(store)
        assert len(variants) >= 8
        assert _version_numbers(store) == variants  # content 2 was only ever saved as a change
        _resave_all(store, variants)


def test_file_held_by_another_process_is_refused_with_its_pid(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    child = _start_child(tmp_path, "hold", db)
    try:
        _wait_for(child, "ready")
        for read_only in (False, True):
            with pytest.raises(StoreError) as info:
                open_store(db, read_only=read_only)
            assert info.value.code == "E404"
            message = str(info.value)
            assert str(db) in message and f"pid {child.pid}" in message
            assert "another database file" in message
        assert child.stdin is not None
        child.stdin.close()  # the child closes its store and exits
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            _kill(child)
    with open_store(db) as store:  # released: now this process can write
        assert store.runs()[0]["eirene_version"] == "test"


def test_closing_releases_the_file_for_another_process(tmp_path: Path) -> None:
    db = tmp_path / "released.duckdb"
    with open_store(db) as store:
        store.save_result(make_result(0, 1), store.begin_run(eirene_version="0", model="m", inputs=[], config={}))
    probe = subprocess.run(
        [sys.executable, "-c", (f"import sys; sys.path.insert(0, {str(SRC)!r}); from eirene.store import open_store;"
                                f" s = open_store({str(db)!r}); print(s.count_events()); s.close()")],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip() == str(len(make_result(0, 1).events))


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "notes.duckdb"
    bad.write_text("actor,target\nRussia,Taliban\n")
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            open_store(bad, read_only=read_only)
        assert info.value.code == "E401"
        assert str(bad) in str(info.value) and "not a DuckDB database" in str(info.value)
    assert bad.read_text() == "actor,target\nRussia,Taliban\n"  # left untouched


def test_missing_files_and_folders(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"E401.*does not exist") as info:
        open_store(tmp_path / "absent.duckdb", read_only=True)
    assert not (tmp_path / "absent.duckdb").exists()
    assert "absent.duckdb" in str(info.value)
    with pytest.raises(StoreError, match=r"E401.*folder"):
        open_store(tmp_path / "no" / "such" / "dir.duckdb")
    with pytest.raises(StoreError, match=r"E401.*folder"):
        open_store(tmp_path)


def test_default_location_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIRENE_DB", str(tmp_path / "from-env.duckdb"))
    with open_store() as store:
        assert isinstance(store, DuckDBStore) and store.location == str(tmp_path / "from-env.duckdb")
    assert (tmp_path / "from-env.duckdb").exists()
    monkeypatch.delenv("EIRENE_DB")
    monkeypatch.chdir(tmp_path)
    open_store().close()
    assert (tmp_path / "eirene.duckdb").exists()


def test_urls_pick_a_backend(tmp_path: Path) -> None:
    with open_store(f"duckdb://{tmp_path / 'url.duckdb'}") as store:
        assert isinstance(store, DuckDBStore)
    assert (tmp_path / "url.duckdb").exists()
    with open_store("duckdb://:memory:") as memory:
        assert memory.count_events() == 0
    assert set(BACKENDS) == {"duckdb", "postgresql", "postgres"}
    with pytest.raises(StoreError) as info:  # port 1 of 127.0.0.1: nothing listens there
        open_store("postgresql://analyst:s3cret@127.0.0.1:1/events")
    assert info.value.code == "E417" and "PostgreSQL" in str(info.value)
    assert "s3cret" not in str(info.value) and "analyst:***@127.0.0.1:1/events" in str(info.value)
    with pytest.raises(StoreError, match="E403"):
        open_store("mysql://db.example.org/events")


def test_same_file_in_two_modes_within_one_process(tmp_path: Path) -> None:
    db = tmp_path / "twice.duckdb"
    with open_store(db) as writer:
        with pytest.raises(StoreError, match=r"E401.*another mode"):
            open_store(db, read_only=True)
        with open_store(db) as second:  # the same mode shares the open database
            second.save_result(make_result(1, 1), 1)
        assert writer.count_events() == len(make_result(1, 1).events)
