"""validate_file: every kind of problem in an actor file, each with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.actors.kb import KnowledgeBase, Problem, validate_file
from eirene.errors import MESSAGES, KnowledgeBaseError


def check(tmp_path: Path, text: str, name: str = "actors.yaml") -> tuple[Path, list[Problem]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, validate_file(path)


def codes_and_lines(problems: list[Problem]) -> list[tuple[str, int]]:
    return [(p.code, p.line) for p in problems]


def test_clean_file_has_no_problems(tmp_path: Path) -> None:
    _, problems = check(tmp_path, """\
version: 1
actors:
  - id: sample-org
    name: Sample Org
    kind: org
    country: KEN
    sector: NGO
    aliases: [Sample Org, SO Kenya]
    metonyms:
      - {name: Sample House, sector: NGO}
    roles:
      - {title: registered charity, start: 2001, end: 2010-05}
""")
    assert problems == []


def test_unknown_country_names_its_line(tmp_path: Path) -> None:
    path, problems = check(tmp_path, """\
version: 1
actors:
  - id: a-org
    name: A Org
    kind: org
    country: KENYA
    sector: NGO
    roles:
      - {title: office, country: XYZ, sector: GOV, start: 2001}
""")
    assert codes_and_lines(problems) == [("E203", 6), ("E203", 9)]
    assert str(problems[0]).startswith(f"{path}:6: [E203] unknown country code 'KENYA'")


def test_pseudo_codes_historic_codes_and_null_are_countries(tmp_path: Path) -> None:
    _, problems = check(tmp_path, """\
version: 1
actors:
  - {id: a, name: A, kind: igo, country: UNO, sector: IGO}
  - {id: b, name: B, kind: igo, country: EUR, sector: IGO}
  - {id: c, name: C, kind: state, country: XKX, sector: null}
  - {id: d, name: D, kind: org, country: null, sector: NGO}
  - {id: e, name: E, kind: state, country: SUN, sector: null}
""")
    assert problems == []


def test_norway_code_is_not_a_boolean(tmp_path: Path) -> None:
    """YAML 1.1 reads a bare NO as false; the loader keeps it as text and says it is unknown."""
    _, problems = check(tmp_path, "version: 1\nactors:\n  - {id: n, name: N, kind: org, country: NO, sector: BUS}\n")
    assert [(p.code, "'NO'" in p.message) for p in problems] == [("E203", True)]


def test_duplicate_id_within_one_file(tmp_path: Path) -> None:
    path, problems = check(tmp_path, """\
version: 1
actors:
  - {id: twin, name: Twin One, kind: org, country: KEN, sector: BUS}
  - {id: other, name: Other, kind: org, country: KEN, sector: BUS}
  - {id: twin, name: Twin Two, kind: org, country: KEN, sector: BUS}
""")
    assert codes_and_lines(problems) == [("E204", 5)]
    assert "line 3" in problems[0].message


def test_same_id_as_a_builtin_entry_is_an_override_not_a_problem(tmp_path: Path) -> None:
    _, problems = check(tmp_path, "version: 1\nactors:\n  - {id: PAK, name: Pakistan, kind: state, country: PAK}\n")
    assert problems == []


def test_inverted_role_dates(tmp_path: Path) -> None:
    _, problems = check(tmp_path, """\
version: 1
actors:
  - id: p
    name: P
    kind: person
    roles:
      - {title: Minister, country: KEN, sector: GOV, start: 2010-05-01, end: 2009-01-01}
      - {title: Envoy, country: KEN, sector: GOV, start: 2012-03, end: 2012}
""")
    assert codes_and_lines(problems) == [("E205", 7)]


def test_overlapping_roles_of_the_same_title(tmp_path: Path) -> None:
    text = """\
version: 1
actors:
  - id: p
    name: P
    kind: person
    roles:
      - {title: Foreign Minister, country: KEN, sector: GOV, start: 2010, end: 2014}
      - {title: Foreign Minister, country: KEN, sector: GOV, start: 2013-01-01, end: 2016}
      - {title: Defence Minister, country: KEN, sector: GOV, start: 2013-01-01, end: 2016}
      - {title: Foreign Minister, country: KEN, sector: GOV, start: 2016, end: 2018}
"""
    path, problems = check(tmp_path, text)
    # only the definite overlap: 2016 (year) against 2016 (year) may be a hand-over
    assert codes_and_lines(problems) == [("E206", 8)]
    assert problems[0].level == "warning" and "line 7" in problems[0].message
    kb = KnowledgeBase.load([path], include_builtin=False, config_dir=tmp_path / "cfg")
    assert len(kb.get("p").roles) == 4  # type: ignore[union-attr]  # a warning does not stop loading


def test_unknown_sector_anywhere(tmp_path: Path) -> None:
    _, problems = check(tmp_path, """\
version: 1
actors:
  - id: p
    name: P
    kind: person
    sector: GOVT
    metonyms:
      - {name: The Office, sector: OFFICE}
    roles:
      - {title: Minister, sector: GVO, start: 2001}
    former_sector: RETIRED
agents:
  - {sector: SOLDIERY, nouns: [trooper]}
titles:
  - {sector: XX, words: [Boss]}
""")
    assert codes_and_lines(problems) == [("E207", 6), ("E207", 11), ("E207", 8), ("E207", 10),
                                         ("E207", 13), ("E207", 15)]
    assert "GOV MIL REB" in problems[0].message


def test_unknown_kind(tmp_path: Path) -> None:
    _, problems = check(tmp_path, "version: 1\nactors:\n  - id: p\n    name: P\n    kind: politician\n")
    assert codes_and_lines(problems) == [("E208", 5)]
    assert "state, igo, armed_group, org, person" in problems[0].message


def test_missing_id_or_name(tmp_path: Path) -> None:
    _, problems = check(tmp_path, """\
version: 1
actors:
  - name: Nameless Id
    kind: org
  - id: no-name
    kind: org
  - id: ""
    name: Empty Id
    kind: org
""")
    assert codes_and_lines(problems) == [("E209", 3), ("E209", 5), ("E209", 7)]
    assert "'id'" in problems[0].message and "'name'" in problems[1].message


def test_bad_dates(tmp_path: Path) -> None:
    _, problems = check(tmp_path, """\
version: 1
actors:
  - id: p
    name: P
    kind: person
    roles:
      - {title: Minister, start: 12/05/2010}
      - {title: Envoy, start: 2010-13-01}
      - title: Governor
        start: 2011
        end: last year
""")
    assert codes_and_lines(problems) == [("E210", 7), ("E210", 8), ("E210", 11)]
    assert "YYYY-MM-DD" in problems[0].message


def test_broken_structure(tmp_path: Path) -> None:
    _, not_yaml = check(tmp_path, "version: 1\nactors:\n  - {id: a, name: [unclosed\n", "broken.yaml")
    assert [p.code for p in not_yaml] == ["E211"] and not_yaml[0].line >= 3
    _, a_list = check(tmp_path, "- just\n- a list\n", "list.yaml")
    assert codes_and_lines(a_list) == [("E211", 1)]
    _, not_a_list = check(tmp_path, "version: 1\nactors: {id: a}\n", "map.yaml")
    assert codes_and_lines(not_a_list) == [("E211", 2)]
    _, version = check(tmp_path, "version: 2\nactors: []\n", "v2.yaml")
    assert codes_and_lines(version) == [("E211", 1)]
    _, aliases = check(tmp_path, "version: 1\nactors:\n  - id: a\n    name: A\n    kind: org\n    aliases: {x: y}\n",
                       "aliases.yaml")
    assert codes_and_lines(aliases) == [("E211", 6)]
    _, empty = check(tmp_path, "", "empty.yaml")
    assert empty == []


def test_unknown_field_is_a_warning(tmp_path: Path) -> None:
    path, problems = check(tmp_path, """\
version: 1
actors:
  - id: a
    name: A
    kind: org
    wikipedia: A (company)
    roles:
      - {title: x, start: 2001, salary: 10}
colour: blue
""")
    assert codes_and_lines(problems) == [("E212", 9), ("E212", 6), ("E212", 8)]
    assert all(p.level == "warning" for p in problems)
    assert KnowledgeBase.load([path], include_builtin=False, config_dir=tmp_path / "cfg").get("a")


def test_missing_file(tmp_path: Path) -> None:
    problems = validate_file(tmp_path / "absent.yaml")
    assert [p.code for p in problems] == ["E202"]


def test_load_raises_the_problem_code(tmp_path: Path) -> None:
    path, _ = check(tmp_path, "version: 1\nactors:\n  - {id: p, name: P, kind: person, roles: [{title: t, start: soon}]}\n")
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([path], include_builtin=False, config_dir=tmp_path / "cfg")
    assert info.value.code == "E210"
    assert str(info.value).startswith(f"[E210] {path}:3: bad date 'soon'")


def test_every_validation_code_has_a_message() -> None:
    for code in ("E201", "E202", "E203", "E204", "E205", "E206", "E207", "E208", "E209", "E210", "E211", "E212"):
        assert code in MESSAGES
