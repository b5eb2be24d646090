"""`eirene actors ...` and `eirene explain` from the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eirene.cli import cli

pytestmark = pytest.mark.slow


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_resolve_prints_the_actor_on_the_story_date():
    in_office = json.loads(run("actors", "resolve", "President Ghani", "--date", "2018-11-09").output)
    assert in_office == {"text": "President Ghani", "name": "Ashraf Ghani", "actor_id": "ashraf-ghani",
                         "country": "AFG", "sector": "GOV", "kind": "person"}
    unknown = json.loads(run("actors", "resolve", "yesterday").output)
    assert unknown["name"] is None and unknown["country"] is None


def test_resolve_jsonl_keeps_ids_and_order():
    lines = "\n".join(json.dumps(r) for r in [
        {"id": "x1", "text": "Pakistani troops"},
        {"id": "x2", "text": "the Kremlin", "date": "2018-11-09"},
    ])
    out = [json.loads(line) for line in run("actors", "resolve", "--jsonl", "-", input=lines).output.splitlines()]
    assert [(o["id"], o["country"], o["sector"]) for o in out] == [("x1", "PAK", "MIL"), ("x2", "RUS", "GOV")]


def test_show_and_search():
    shown = json.loads(run("actors", "show", "zalmay-khalilzad", "--date", "2019-03-01").output)
    assert shown["country"] == "USA" and shown["sector"] == "GOV"
    assert any(role["start"] and role["start"] <= "2019-03-01" for role in shown["roles"])
    found = run("actors", "search", "haqqani").output
    assert "haqqani" in found.lower()
    missing = run("actors", "show", "nobody-of-that-name")
    assert missing.exit_code != 0 and "eirene actors search" in missing.output


def test_validate_reports_file_and_line(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        "version: 1\nactors:\n  - id: kabul-mayor\n    name: Mayor of Kabul\n    kind: person\n"
        "    country: AFG\n    sector: GOV\n    aliases: [Mayor of Kabul]\n"
    )
    ok = run("actors", "validate", str(good))
    assert ok.exit_code == 0 and "no problems" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nactors:\n  - id: x-envoy\n    name: X Envoy\n    kind: person\n    country: XYZ\n"
        "    sector: GOV\n    aliases: [X Envoy]\n    roles:\n"
        "      - {title: Envoy, country: AFG, sector: GOV, start: 2019-05-01, end: 2018-01-01}\n"
    )
    result = run("actors", "validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:6:" in result.output  # the unknown country code, on its line
    assert "XYZ" in result.output


def test_user_actor_file_changes_the_coding(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "version: 1\nactors:\n  - id: gul-ahmad-zarif\n    name: Gul Ahmad Zarif\n    kind: person\n"
        "    country: AFG\n    sector: REB\n    aliases: [Gul Ahmad Zarif]\n"
    )
    out = json.loads(run("actors", "resolve", "Gul Ahmad Zarif", "--actors", str(extra)).output)
    assert (out["actor_id"], out["country"], out["sector"]) == ("gul-ahmad-zarif", "AFG", "REB")


def test_explain_shows_how_each_actor_was_resolved_and_the_rule():
    result = run("explain", "The US general accused Russia of arming the Taliban.", "--date", "2018-03-23")
    assert result.exit_code == 0
    assert "via alias" in result.output
    assert "ACCUSE" in result.output and "method=rule:" in result.output
    silent = run("explain", "The weather in Kabul was mild on Tuesday.")
    assert "why not" in silent.output
    as_json = json.loads(run("explain", "Iran expelled two British diplomats.", "--format", "json").output)
    assert as_json["events"][0]["event_type"] == "SANCTION"
