"""Same inputs, same database: a rerun, a second database and a run killed part-way
and run again all end with the same rows.

The corpus mixes the example articles, hostile files and records that share an id
(within one file, across files, and with an article's file name): an id read twice
in one run keeps its first document and gives E146 for the others. Rows are compared
column by column, leaving out only what names a run or a moment (run ids, times, the
events' storage sequence numbers).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eirene.coding_run import code_inputs
from eirene.store import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "afghan-peace-process"

#: columns that say when or in which run a row was written, not what it holds
RUN_COLUMNS = {"run_id", "ingested_at", "seq", "event_seq", "id_seq", "at"}
TABLES = {"documents": "id", "events": "id", "event_actors": "event_id, role, position"}


def build_corpus(root: Path) -> list[str]:
    """The inputs of one run: articles, hostile files, and ids that repeat."""
    articles = root / "articles"
    shutil.copytree(EXAMPLES, articles, ignore=shutil.ignore_patterns("*.gold*"))
    (articles / "deep.json").write_text("[" * 5000 + "]" * 5000)
    (articles / "huge.jsonl").write_text('{"id": %s, "text": "x"}\n' % ("7" * 5000))
    (articles / "scan.pdf").write_bytes(b"%PDF-1.7")
    first = "Islamabad, 4 March 2019: Pakistan handed a captured Indian pilot back to India."
    second = "Kabul, 9 April 2019: The Taliban attacked a police post in Ghazni, officials said."
    records = root / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "dup", "text": first},
        {"id": "dup", "text": second},  # same id, other text, same file
        {"id": "01-murree-talks-2015.txt", "text": second},  # an article's id, from a record
        {"id": "solo", "text": second},
    ]))
    more = root / "more.jsonl"
    more.write_text(json.dumps({"id": "dup", "text": second}) + "\n")  # same id, another input
    return [str(articles), str(records), str(more)]


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of the content tables, without the run columns, in key order."""
    found = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table, key in TABLES.items():
            columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall() if row[0] not in RUN_COLUMNS]
            quoted = ", ".join(f'"{column}"' for column in columns)
            found[table] = con.execute(f"SELECT {quoted} FROM {table} ORDER BY {key}").fetchall()
    return found


def last_run_errors(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT source, line, code, message, doc_id FROM ingest_errors "
                           "WHERE run_id = (SELECT max(run_id) FROM ingest_errors) ORDER BY id").fetchall()


@pytest.mark.slow
def test_same_inputs_give_the_same_database_row_by_row(coder, tmp_path: Path) -> None:
    inputs = build_corpus(tmp_path)
    dbs = [tmp_path / "one.duckdb", tmp_path / "two.duckdb"]
    summaries = []
    for db in [*dbs, dbs[0]]:  # two fresh databases, then the first again (a rerun)
        with open_store(db) as store:
            summaries.append(code_inputs(inputs, store, lambda: coder, model_name=coder.model))
    first, rerun = table_rows(dbs[0]), table_rows(dbs[1])
    assert first == rerun and first["documents"] and first["events"]
    assert last_run_errors(dbs[0]) == last_run_errors(dbs[1])
    duplicates = [f for f in summaries[0].failures if f.code == "E146"]
    assert sorted((f.doc_id, Path(f.source).name) for f in duplicates) == [
        ("01-murree-talks-2015.txt", "records.jsonl"), ("dup", "more.jsonl"), ("dup", "records.jsonl")]
    with open_store(dbs[0], read_only=True) as store:
        kept = store.get_document("dup")
        assert kept is not None and kept.text.startswith("Islamabad")  # the first copy
        assert {d["version"] for d in store.documents()} == {1}  # nothing was overwritten
    assert summaries[2].new == summaries[2].changed == 0  # the rerun stored nothing new


def _documents_stored(db: Path) -> int | str:
    """How far the killed run got (for the failure message), without changing the file."""
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
    except duckdb.Error as exc:  # killed before the schema was written
        return f"none ({str(exc).splitlines()[0][:60]})"


def _eirene(*args: str) -> list[str]:
    return [sys.executable, "-m", "eirene.cli", *args]


@pytest.mark.slow
def test_a_run_killed_at_several_points_then_rerun_ends_as_a_clean_run(tmp_path: Path) -> None:
    """SIGKILL the coding process at several moments of its run (loading, coding,
    storing), run it again, and compare with a run that was never killed. Three trials
    at fractions of the clean run's own duration keep the test bounded."""
    inputs = build_corpus(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    clean = tmp_path / "clean.duckdb"
    started = time.monotonic()
    subprocess.run(_eirene("code", *inputs, "--db", str(clean), "-q"), env=env, timeout=600, check=True,
                   capture_output=True)
    duration = time.monotonic() - started
    expected = table_rows(clean)
    stored_at_kill = []
    for trial, fraction in enumerate((0.5, 0.75, 0.9)):
        db = tmp_path / f"killed-{trial}.duckdb"
        process = subprocess.Popen(_eirene("code", *inputs, "--db", str(db), "-q"), env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=duration * fraction)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        stored_at_kill.append(_documents_stored(db))
        rerun = subprocess.run(_eirene("code", *inputs, "--db", str(db), "-q"), env=env, timeout=600,
                               capture_output=True, text=True)
        assert "Traceback" not in rerun.stderr, rerun.stderr
        assert table_rows(db) == expected, f"trial {trial} (killed at {fraction:.0%}, {stored_at_kill} stored)"
    print(f"documents stored when killed: {stored_at_kill} of {len(expected['documents'])}")
