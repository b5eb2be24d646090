"""`eirene actors validate` covers the fields PLOVER coding and dated knowledge added:
second sectors, death dates against roles, role sources; `actors show` lists each role
with its source. The people and parties below are invented."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from eirene.actors.built_check import validate_built
from eirene.actors.kb import validate_file
from eirene.cli import cli

ENTRIES = """version: 1
actors:
  - id: tarn-unity-party
    name: Tarn Unity Party
    kind: org
    country: AFG
    sector: PTY
    secondary_sector: PTY
  - id: orla-vesk
    name: Orla Vesk
    kind: person
    country: AFG
    sector: GOV
    died: 2010-05
    roles:
      - title: Minister of Roads
        start: 2008-01-01
        end: 2010-05-20
        source: Tarn Gazette, 3 June 2010
      - title: Governor of the Eastern Valley
        start: 2012-02-01
        source: [a list, not a text]
"""


def codes_by_line(problems) -> dict[int, set[str]]:  # type: ignore[no-untyped-def]
    found: dict[int, set[str]] = {}
    for problem in problems:
        found.setdefault(problem.line, set()).add(problem.code)
    return found


def test_validate_flags_a_repeated_second_sector_a_role_after_death_and_a_source_that_is_no_text(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(ENTRIES)
    problems = validate_file(path)
    assert codes_by_line(problems) == {8: {"E241"}, 14: {"E240"}, 22: {"E211"}}
    # a role ending in the month of death (known to the month) is no fault: only the later one
    after_death = next(p for p in problems if p.code == "E240")
    assert "'Governor of the Eastern Valley' starts (2012-02-01) after the recorded death (2010-05)" in after_death.message
    result = CliRunner().invoke(cli, ["actors", "validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:22: a role's 'source' must be text" in result.output


def test_show_lists_each_role_with_its_source(tmp_path: Path):
    path = tmp_path / "mine.yaml"
    path.write_text(ENTRIES.split("      - title: Governor")[0])
    shown = CliRunner().invoke(cli, ["actors", "show", "Orla Vesk", "--actors", str(path), "--date", "2009-01-01"])
    assert shown.exit_code == 0, shown.output
    entry = json.loads(shown.output)
    assert (entry["country"], entry["sector"], entry["died"]) == ("AFG", "GOV", "2010-05")
    assert entry["roles"] == [{"title": "Minister of Roads", "country": "AFG", "sector": "GOV", "start": "2008-01-01",
                               "end": "2010-05-20", "source": "Tarn Gazette, 3 June 2010"}]
    party = json.loads(CliRunner().invoke(cli, ["actors", "show", "tarn-unity-party", "--actors", str(path)]).output)
    assert party["secondary_sector"] == "PTY" and party["source"] == f"{path}:3"


def test_validate_checks_death_dates_and_second_sectors_of_the_built_knowledge(tmp_path: Path):
    records = [
        {"id": "wd-q1", "name": "Pell Arno", "kind": "person", "country": "AFG", "sector": "LEG", "died": "1999",
         "sources": ["fixture"], "roles": [{"title": "Member of the Assembly", "start": "2005-01-10", "source": "fixture"}]},
        {"id": "wd-q2", "name": "Ren Tolla", "kind": "person", "country": "AFG", "sector": "GOV", "died": "1990-14-01",
         "sources": ["fixture"]},
        {"id": "x-party", "name": "Valley Party", "kind": "org", "country": "AFG", "sector": "PTY", "sector2": "PTY",
         "sources": ["fixture"]},
        {"id": "wd-q3", "name": "Sel Ombo", "kind": "person", "country": "AFG", "sector": "GOV", "died": "2001-03-02",
         "sources": ["fixture"], "roles": [{"title": "Mayor", "start": "1990", "end": "2001-03-02", "source": "fixture"}]},
    ]
    path = tmp_path / "actors.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in [{"format": 1, "entries": len(records)}, *records]) + "\n")
    messages = {p.line: p.message for p in validate_built(path)}
    assert sorted(messages) == [2, 3, 4]
    assert "role 'Member of the Assembly' starts (2005-01-10) after the recorded death (1999)" in messages[2]
    assert "bad date of death '1990-14-01'" in messages[3]
    assert "the second sector 'PTY' repeats the sector" in messages[4]
