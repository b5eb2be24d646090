"""`eirene code` end to end: real files in, a real store out (a DuckDB file, and for the
commands that list what a store holds, a PostgreSQL database too)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eirene.cli import cli
from eirene.store import EventFilter, open_store

pytestmark = pytest.mark.slow


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def test_code_example_corpus_stores_documents_and_events_with_exact_offsets(tmp_path, examples_dir):
    db = tmp_path / "ex.duckdb"
    out = tmp_path / "events.jsonl"
    result = run("code", str(examples_dir), "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "events by PLOVER type" in result.output
    files = sorted(p.name for p in examples_dir.glob("*.txt"))
    with open_store(db, read_only=True) as store:
        docs = {d["id"]: d for d in store.documents()}
        assert sorted(docs) == files
        events = store.events()
        assert len(events) >= 3 * len(files)
        for event in events:
            text = store.get_document(event.doc_id).text
            assert text[event.start:event.end] == event.text
            assert text[event.trigger_start:event.trigger_end].split()[0] == event.trigger.split()[0]
            for actor in event.actors + event.recipients:
                if actor.start is not None:
                    assert text[actor.start:actor.end] == actor.text
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(written) == len(events)
    assert {e["id"] for e in written} == {e.id for e in events}


def test_second_run_on_same_content_is_a_no_op(tmp_path, store_location):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("KABUL, May 2, 2017 — Afghan troops attacked Taliban positions in Helmand.\n")
    (corpus / "b.txt").write_text("ISLAMABAD, May 3, 2017 — Pakistan condemned the attack on its border post.\n")
    db = store_location
    first = run("code", str(corpus), "--db", db)
    assert "2 new" in first.output
    with open_store(db, read_only=True) as store:
        before = sorted(e.id for e in store.events())
    second = run("code", str(corpus), "--db", db)
    assert second.exit_code == 0
    assert "0 new, 0 changed, 2 unchanged" in second.output
    with open_store(db, read_only=True) as store:
        assert sorted(e.id for e in store.events()) == before
        assert [r["status"] for r in store.runs()] == ["finished", "finished"]


def test_changed_content_replaces_the_old_version_and_its_events(tmp_path, store_location):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "a.txt"
    article.write_text("KABUL, May 2, 2017 — Afghan troops attacked Taliban positions in Helmand.\n")
    db = store_location
    run("code", str(corpus), "--db", db)
    article.write_text("MOSCOW, Feb 20, 2018 — Russia and Pakistan signed a defence cooperation agreement.\n")
    result = run("code", str(corpus), "--db", db)
    assert "1 changed" in result.output
    with open_store(db, read_only=True) as store:
        doc = store.documents()[0]
        assert doc["version"] == 2 and doc["date"] == "2018-02-20"
        types = {e.event_type for e in store.events()}
        assert "ASSAULT" not in types and types


def test_bad_inputs_are_reported_stored_and_do_not_stop_the_batch(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("DOHA, Feb 29, 2020 — The United States and the Taliban signed an agreement.\n")
    (corpus / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02 binary junk \x00" * 20)
    (corpus / "empty.txt").write_text("   \n")
    (corpus / "big.txt").write_text("Kabul talks. " * 2000)
    (corpus / "garbled.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    many = corpus / "many"  # a big directory of files eirene does not read: walked, skipped
    many.mkdir()
    for n in range(10_000):
        (many / f"{n:05d}.dat").write_text("x")
    (corpus / "records.jsonl").write_text(
        '{"id": "r1", "text": "Pakistan released Mullah Baradar on Wednesday.", "date": "2018-10-24"}\n'
        "{not json at all\n"
        '{"id": "r3", "title": "no text here"}\n'
    )
    db = tmp_path / "db.duckdb"
    missing = tmp_path / "does-not-exist.txt"
    result = run("code", str(corpus), str(missing), "--db", str(db), "--max-mb", "0.01")
    assert result.exit_code == 0, result.output
    messages = result.output
    for code, where in [("E103", "binary.txt"), ("E102", "empty.txt"), ("E107", "big.txt"), ("E104", "garbled.txt"),
                        ("E105", "records.jsonl, line 2"), ("E106", "records.jsonl"), ("E101", "does-not-exist.txt")]:
        assert f"[{code}]" in messages and where in messages, (code, messages)
    with open_store(db, read_only=True) as store:
        assert sorted(d["id"] for d in store.documents()) == ["good.txt", "r1"]
        stored = {(e["code"], Path(e["source"]).name) for e in store.errors()}
    assert {("E103", "binary.txt"), ("E102", "empty.txt"), ("E107", "big.txt"), ("E104", "garbled.txt"),
            ("E101", "does-not-exist.txt")} <= stored
    assert {c for c, _ in stored} >= {"E105", "E106"}
    listed = run("errors", "--db", str(db), "--format", "csv")
    assert "E105" in listed.output and "binary.txt" in listed.output
    strict = run("code", str(corpus), "--db", str(tmp_path / "strict.duckdb"), "--strict", "--max-mb", "0.01")
    assert strict.exit_code == 1


def test_exit_status_is_non_zero_when_nothing_could_be_processed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("code", str(empty), "--db", str(tmp_path / "db.duckdb"))
    assert result.exit_code == 1
    assert "[E102]" in result.output


def test_stdin_jsonl_and_listing_formats(tmp_path, store_location):
    db = store_location
    records = "\n".join(
        json.dumps(r)
        for r in [
            {"id": "n1", "body": "Russia hosted Taliban envoys in Moscow on Friday.", "date": "2019-02-08"},
            {"id": "n2", "body": "The US suspended military aid to Pakistan.", "date": "2018-01-04"},
        ]
    )
    result = run("code", "-", "--db", db, "--text-field", "body", input=records)
    assert result.exit_code == 0, result.output
    docs = run("docs", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in docs.output.splitlines()]
    assert {r["id"] for r in rows} == {"n1", "n2"}
    assert {r["date_source"] for r in rows} == {"record"}
    events = run("events", "--db", db, "--actor", "USA", "--format", "jsonl")
    coded = [json.loads(line) for line in events.output.splitlines()]
    assert any(e["event_type"] == "SANCTION" and e["recipients"][0]["country"] == "PAK" for e in coded)
    csv_out = run("events", "--db", db, "--format", "csv")
    assert csv_out.output.splitlines()[0].startswith("date,event_type")
    stats = run("stats", "--db", db)
    assert "documents: 2" in stats.output


def test_ingest_then_code_later(tmp_path, store_location):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "x.txt").write_text("KABUL, Jan 10, 2019 — Afghan forces arrested three ISIS-K commanders in Nangarhar.\n")
    db = store_location
    ingested = run("ingest", str(corpus), "--db", db)
    assert "1 new" in ingested.output
    with open_store(db, read_only=True) as store:
        assert store.documents()[0]["events"] == 0
    coded = run("code", "--db", db)
    assert "1 new" in coded.output
    with open_store(db, read_only=True) as store:
        assert store.count_events() >= 1
    (corpus / "x.txt").write_text("KABUL, Jan 11, 2019 — Afghan forces freed two hostages held by ISIS-K in Nangarhar.\n")
    assert "1 changed" in run("ingest", str(corpus), "--db", db).output
    with open_store(db, read_only=True) as store:
        doc = store.documents()[0]
        assert (doc["version"], doc["events"]) == (2, 0)  # the old version's events are gone
    run("code", "--db", db)
    with open_store(db, read_only=True) as store:
        assert store.documents()[0]["version"] == 2 and store.count_events() >= 1


def test_interrupted_run_leaves_a_consistent_database_and_rerun_completes(tmp_path):
    corpus = tmp_path / "many"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03d}.txt").write_text(
            f"KABUL, March {1 + n % 28}, 2019 — Afghan troops attacked Taliban fighters in district {n}. "
            "Pakistan urged both sides to return to talks in Doha.\n"
        )
    db = tmp_path / "db.duckdb"
    # one "stored:" line on stderr per batch of 8 documents: interrupt after the first
    # batch, whatever the machine's speed (no sleeping and hoping)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "EIRENE_PROGRESS": "lines"}
    command = [sys.executable, "-m", "eirene.cli", "code", str(corpus), "--db", str(db), "--write-batch", "8"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.startswith(b"stored:"):
            break
    process.send_signal(signal.SIGINT)
    _, rest = process.communicate(timeout=120)
    stderr = b"".join(seen) + rest
    assert process.returncode == 130, stderr.decode()
    assert b"Interrupted" in stderr
    with open_store(db, read_only=True) as store:
        partial = store.documents()
        assert store.runs()[-1]["status"] == "interrupted"
        for doc in partial:  # every stored document has exactly its own events
            assert all(e.doc_id == doc["id"] for e in store.events(EventFilter(doc_id=doc["id"])))
    rerun = subprocess.run(command, env=env, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()
    with open_store(db, read_only=True) as store:
        docs = store.documents()
        assert len(docs) == 400
        ids = [e.id for e in store.events()]
        assert len(ids) == len(set(ids))
        assert all(d["events"] >= 1 for d in docs)


def test_reference_corpus_dates_and_offsets(tmp_path, seeds_dir):
    db = tmp_path / "seeds.duckdb"
    out = tmp_path / "ev.jsonl"
    result = run("code", str(seeds_dir), "--db", str(db), "--out", str(out))
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as store:
        docs = {d["id"]: d for d in store.documents()}
        assert len(docs) == 5
        dated = {d["date"] for d in docs.values() if d["date_precision"] == "day" and d["date_source"] in {"updated", "byline"}}
        assert {"2018-11-05", "2018-03-08"} <= dated
        texts = {doc_id: store.get_document(doc_id).text for doc_id in docs}
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert {e["doc_id"] for e in events} == set(docs)
    for event in events:
        assert texts[event["doc_id"]][event["start"]:event["end"]] == event["text"]


def test_date_option_dates_only_undated_documents(tmp_path):
    db = tmp_path / "db.duckdb"
    records = "\n".join(json.dumps(r) for r in [
        {"id": "undated", "text": "Iran expelled two British diplomats."},
        {"id": "dated", "text": "Iran expelled two British diplomats.", "date": "2011-11-30"},
    ])
    assert run("code", "-", "--db", str(db), "--date", "2019-03-04", input=records).exit_code == 0
    with open_store(db, read_only=True) as store:
        docs = {d["id"]: (d["date"], d["date_source"]) for d in store.documents()}
    assert docs == {"undated": ("2019-03-04", "option"), "dated": ("2011-11-30", "record")}
    bad = run("code", "-", "--db", str(tmp_path / "other.duckdb"), "--date", "someday", input=records)
    assert bad.exit_code != 0 and "[E113]" in bad.output and "--date" in bad.output
