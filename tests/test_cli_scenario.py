"""`eirene scenario derive|run|sensitivity` on inputs of our own and on the example corpus:
what the commands print is what the library computes, overrides change it, and derive reads
nothing dated after --as-of."""

from __future__ import annotations

import csv
import io
import json
import shutil

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from eirene.cli import cli
from eirene.scenario import apply_overrides, derive_inputs, inputs_from_csv, read_inputs, run_scenario, vary_each

# Four invented parties on a 0..100 scale (numbers of our own).
PARTIES = """Actor,Capability,Position,Salience
Northland,0.40,10,0.9
Southland,0.25,65,0.5
Eastport,0.20,90,0.7
Westmarch,0.15,40,0.3
"""
AS_OF, WINDOW = "2018-12-31", "4y"


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args))
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture()
def parties(tmp_path):
    path = tmp_path / "parties.csv"
    path.write_text(PARTIES, encoding="utf-8")
    return path


def test_cli_scenario_run_json_holds_every_round(parties):
    data = json.loads(run("scenario", "run", str(parties), "--rounds", "6", "--format", "json").stdout)
    expected = run_scenario(inputs_from_csv(PARTIES), rounds=6)
    assert data["rounds"][0]["positions"] == {"Northland": 10.0, "Southland": 65.0, "Eastport": 90.0,
                                              "Westmarch": 40.0}
    assert [r["median"] for r in data["rounds"]] == [r.median for r in expected.rounds]
    assert [r["mean"] for r in data["rounds"]] == [r.mean for r in expected.rounds]
    assert [r["positions"] for r in data["rounds"]] == [r.positions for r in expected.rounds]
    assert data["forecast"]["median"] == expected.forecast and data["input_hash"] == expected.input_hash
    assert data["baselines"]["weighted_median"] == data["rounds"][0]["median"]


def test_cli_scenario_run_set_csv_and_table(parties):
    plain = json.loads(run("scenario", "run", str(parties), "--format", "json").stdout)
    changed = json.loads(run("scenario", "run", str(parties), "--set", "Westmarch.salience=1.0",
                             "--set", "northland.capability=0.1", "--format", "json").stdout)
    assert changed["rounds"][0]["positions"] == plain["rounds"][0]["positions"]
    assert changed["input_hash"] != plain["input_hash"]
    wanted = run_scenario(apply_overrides(inputs_from_csv(PARTIES), ["Westmarch.salience=1", "Northland.capability=0.1"]))
    assert changed["forecast"]["median"] == wanted.forecast
    rows = list(csv.DictReader(io.StringIO(run("scenario", "run", str(parties), "--format", "csv").stdout)))
    assert list(rows[0]) == ["round", "median", "mean", "Northland", "Southland", "Eastport", "Westmarch"]
    assert len(rows) == len(plain["rounds"]) and float(rows[-1]["median"]) == plain["forecast"]["median"]
    table = run("scenario", "run", str(parties)).stdout
    assert "forecast (median after the last round)" in table and "weighted mean" in table
    assert plain["input_hash"] in table


def test_cli_scenario_errors_are_one_line_with_a_code(parties, tmp_path):
    for args, code in ((("--set", "Westmarch=0.5"), "E542"), (("--set", "Atlantis.salience=0.5"), "E543"),
                       (("--set", "Westmarch.salience=1.5"), "E545"), (("--rounds", "0"), "E546")):
        result = run("scenario", "run", str(parties), *args, ok=False)
        assert result.exit_code != 0 and f"[{code}]" in result.output and "Traceback" not in result.output
    broken = tmp_path / "broken.csv"
    broken.write_text("Actor,Capability,Position\nNorthland,1,2\n", encoding="utf-8")
    assert "[E541]" in run("scenario", "run", str(broken), ok=False).output


def test_cli_scenario_sensitivity_and_sweep(parties):
    data = json.loads(run("scenario", "sensitivity", str(parties), "--format", "json").stdout)
    expected = vary_each(inputs_from_csv(PARTIES), "salience", 0.2)
    assert data == json.loads(json.dumps(expected.to_dict()))
    assert {v["actor"] for v in data["variations"]} == {"Northland", "Southland", "Eastport", "Westmarch", "*"}
    swept = json.loads(run("scenario", "sensitivity", str(parties), "--actor", "Eastport", "--values", "0.1,0.9",
                           "--format", "json").stdout)
    assert [p["value"] for p in swept["points"]] == [0.1, 0.9] and swept["base_value"] == 0.7
    for point in swept["points"]:
        changed = apply_overrides(inputs_from_csv(PARTIES), [f"Eastport.salience={point['value']}"])
        assert point["forecast"] == run_scenario(changed).forecast
    assert "largest swing first" in run("scenario", "sensitivity", str(parties)).stdout
    assert run("scenario", "sensitivity", str(parties), "--actor", "Eastport", ok=False).exit_code != 0


@pytest.mark.slow
def test_cli_scenario_derive_writes_inputs_with_evidence(example_db, examples_dir, tmp_path):
    issue = examples_dir.parent / "afghan-settlement.issue.yaml"
    out = tmp_path / "settlement.yaml"
    result = run("scenario", "derive", str(issue), "--db", str(example_db), "--as-of", AS_OF, "--window", WINDOW,
                 "--out", str(out))
    assert "to confirm" in result.stderr and "Taliban capability" in result.stderr
    written = read_inputs(out)
    assert written == derive_inputs(example_db, issue, as_of=AS_OF, window=WINDOW)
    raw = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert raw["derived"]["as_of"] == AS_OF
    for actor in raw["actors"]:
        assert set(actor["evidence"]) == {"capability", "position", "salience"}
    assert any(actor["evidence"]["position"].get("events") for actor in raw["actors"])
    # the written file runs as it is
    data = json.loads(run("scenario", "run", str(out), "--format", "json").stdout)
    assert data["rounds"][0]["positions"]["Taliban"] == 100.0


@pytest.mark.slow
def test_cli_scenario_derive_reads_nothing_after_as_of(example_db, examples_dir, tmp_path):
    issue = str(examples_dir.parent / "afghan-settlement.issue.yaml")
    cut = tmp_path / "cut.duckdb"
    shutil.copy(example_db, cut)
    with duckdb.connect(str(cut)) as con:
        later = f"SELECT seq FROM events WHERE date > DATE '{AS_OF}'"
        assert con.execute(f"SELECT count(*) FROM ({later})").fetchall()[0][0] > 0
        con.execute(f"DELETE FROM event_actors WHERE event_seq IN ({later})")
        con.execute(f"DELETE FROM events WHERE date > DATE '{AS_OF}'")
    texts = []
    for db in (example_db, cut):
        data = yaml.safe_load(run("scenario", "derive", issue, "--db", str(db), "--as-of", AS_OF,
                                  "--window", WINDOW).stdout)
        data["derived"].pop("database")
        texts.append(data)
    assert texts[0] == texts[1]
    later_run = yaml.safe_load(run("scenario", "derive", issue, "--db", str(example_db), "--as-of", "2021-08-31",
                                   "--window", "7y").stdout)
    assert later_run["derived"]["events_read"] > texts[0]["derived"]["events_read"]


def test_cli_scenario_runs_are_stored_listed_and_reproduced(parties, tmp_path, monkeypatch):
    monkeypatch.delenv("EIRENE_DB", raising=False)
    db = tmp_path / "runs.duckdb"
    first = json.loads(run("scenario", "run", str(parties), "--db", str(db), "--format", "json").stdout)
    second = run("scenario", "run", str(parties), "--db", str(db), "--set", "Westmarch.salience=1",
                 "--variant", "textbook", "--note", "what if Westmarch cared")
    assert "stored as scenario run 2" in second.stderr
    assert "stored_run" not in json.loads(run("scenario", "run", str(parties), "--format", "json").stdout)
    assert first["stored_run"] == 1
    listed = [json.loads(line) for line in run("scenario", "runs", "--db", str(db), "--format", "jsonl")
              .stdout.splitlines()]
    assert [r["id"] for r in listed] == [2, 1]  # newest first
    assert listed[1]["input_hash"] == first["input_hash"] and listed[1]["forecast"] == first["forecast"]["median"]
    assert listed[0]["variant"] == "textbook" and listed[0]["note"] == "what if Westmarch cared"
    assert "--set Westmarch.salience=1" in listed[0]["source"]
    shown = json.loads(run("scenario", "show", "2", "--db", str(db), "--format", "json").stdout)
    assert shown["reproduced"] is True and shown["result"]["variant"] == "textbook"
    assert shown["result"]["input_hash"] == listed[0]["input_hash"]
    back = tmp_path / "run2.yaml"
    table = run("scenario", "show", "2", "--db", str(db), "--inputs-out", str(back)).stdout
    assert "reproduced: same inputs hash and forecast" in table
    assert read_inputs(back).actor("Westmarch").salience == 1.0
    assert "[E550]" in run("scenario", "show", "9", "--db", str(db), ok=False).output


def test_scenario_stored_run_tampered_is_not_reproduced(parties, tmp_path):
    from eirene.scenario.stored import reproduce, save_run, stored_run
    from eirene.store import open_store

    with open_store(tmp_path / "s.duckdb") as store:
        saved = save_run(store, run_scenario(inputs_from_csv(PARTIES), rounds=4), rounds=4)
        assert saved.inputs == inputs_from_csv(PARTIES) and saved.rounds == 4
        assert reproduce(saved)[1] is True
        store.write("test", lambda execute: execute("UPDATE scenario_runs SET forecast = forecast + 1", []))
        assert reproduce(stored_run(store, saved.id))[1] is False


def test_cli_scenario_a_converged_run_is_settled_and_a_swinging_one_is_not(tmp_path):
    # ten actors, most in the middle: one round moves the median, the next brings it back, then nobody moves
    path = tmp_path / "middle.csv"
    path.write_text("Actor,Capability,Position,Salience\nRu,0.0237,51.25,0.304\nPk,0.0136,50,0.4\n"
                    "Af,0.0022,0,0\nUs,0.235,50,0.2\nTb,0.0011,100,0\nIn,0.0829,50,0\nIs,0.0093,37.5,0.25\n"
                    "Cn,0.156,50,0\nEg,0.0065,50,0\nIr,0.0062,50,0\n", encoding="utf-8")
    data = json.loads(run("scenario", "run", str(path), "--format", "json").stdout)
    medians = [r["median"] for r in data["rounds"]]
    assert data["stopped"] == "converged" and max(medians[-3:]) > min(medians[-3:])
    assert "not settled" not in run("scenario", "run", str(path)).stdout
    swinging = run("scenario", "run", str(path), "--set", "Af.salience=0.8", "--set", "Tb.salience=0.8").stdout
    assert "not settled: the last 3 medians run" in swinging
