"""Scenario inputs: the CSV and YAML forms, the input hash, --set style overrides, issue files."""

from __future__ import annotations

from datetime import date

import pytest

from eirene.errors import ScenarioError
from eirene.scenario.derive import window_bounds
from eirene.scenario.inputs import (ActorInput, Evidence, ScenarioInputs, apply_overrides, input_hash,
                                    inputs_from_csv, inputs_from_yaml, inputs_to_csv, inputs_to_yaml,
                                    parse_override, read_inputs)
from eirene.scenario.issue import issue_from_dict, load_issue

THREE = "Actor,Capability,Position,Salience\nNorthland,0.5,10,0.9\nSouthland,0.3,60,0.4\nEastport,0.2,90,0.7\n"


def derived_like() -> ScenarioInputs:
    evidence = {"salience": Evidence("2 of 5 events", proposed=0.4, event_ids=("e1", "e2"),
                                     figures={"issue_events": 2, "events": 5})}
    return ScenarioInputs(
        actors=(ActorInput("Northland", 0.5, 10.0, 0.9, key="NTH"),
                ActorInput("Southland", 0.3, 60.0, 0.4, key="STH", evidence=evidence, confirm=("capability",))),
        scale=(0.0, 100.0), issue="Port access", ends={"low": "closed", "high": "open"},
        derived={"as_of": "2020-01-31"})


def test_scenario_inputs_read_the_common_csv_in_any_column_order_and_case():
    shuffled = "salience,ACTOR,position,Capability\n0.9,Northland,10,0.5\n0.4,Southland,60,0.3\n0.7,Eastport,90,0.2\n"
    assert inputs_from_csv(shuffled) == inputs_from_csv(THREE)
    inputs = inputs_from_csv(THREE)
    assert inputs.names == ["Northland", "Southland", "Eastport"]
    assert inputs.actor("southland").position == 60.0 and inputs.scale is None
    assert inputs.bounds() == (10.0, 90.0) and inputs.span() == 80.0


@pytest.mark.parametrize("text, reason", [
    ("Actor,Capability,Position\nA,1,2\n", "missing column(s) salience"),
    ("Actor,Capability,Position,Salience\nA,one,2,0.5\n", "capability 'one' is not a number"),
    ("Actor,Capability,Position,Salience\n,1,2,0.5\n", "the Actor column is empty"),
    ("Actor,Capability,Position,Salience\nA,1,2,1.5\n", "salience 1.5 is outside 0..1"),
    ("Actor,Capability,Position,Salience\nA,-1,2,0.5\n", "capability -1.0 is below 0"),
    ("Actor,Capability,Position,Salience\nA,1,2,0.5\na,1,3,0.5\n", "two actors are called 'a'"),
])
def test_scenario_inputs_bad_csv_rows_are_named(text, reason):
    with pytest.raises(ScenarioError) as info:
        inputs_from_csv(text, where="mine.csv")
    assert reason in str(info.value) and info.value.code in ("E541", "E545")


def test_scenario_inputs_yaml_round_trip_keeps_evidence_scale_and_issue(tmp_path):
    inputs = derived_like()
    assert inputs_from_yaml(inputs_to_yaml(inputs)) == inputs
    path = tmp_path / "inputs.yaml"
    path.write_text(inputs_to_yaml(inputs), encoding="utf-8")
    back = read_inputs(path)
    assert back.actor("STH").evidence["salience"].event_ids == ("e1", "e2")
    assert back.actor("Southland").confirm == ("capability",) and back.scale == (0.0, 100.0)
    assert read_inputs_csv_roundtrip(tmp_path, inputs).names == inputs.names


def read_inputs_csv_roundtrip(tmp_path, inputs):
    path = tmp_path / "inputs.csv"
    path.write_text(inputs_to_csv(inputs), encoding="utf-8")
    back = read_inputs(path)
    assert [(a.capability, a.position, a.salience) for a in back.actors] == \
        [(a.capability, a.position, a.salience) for a in inputs.actors]
    return back


def test_scenario_inputs_positions_must_lie_on_the_scale():
    with pytest.raises(ScenarioError, match="outside the scale"):
        ScenarioInputs(actors=(ActorInput("A", 1.0, 120.0, 0.5),), scale=(0.0, 100.0))


def test_scenario_inputs_unreadable_files_say_why(tmp_path):
    with pytest.raises(ScenarioError, match="E540"):
        read_inputs(tmp_path / "missing.csv")
    (tmp_path / "inputs.txt").write_text(THREE, encoding="utf-8")
    with pytest.raises(ScenarioError, match="unsupported file type"):
        read_inputs(tmp_path / "inputs.txt")
    (tmp_path / "bad.yaml").write_text("actors: nothing\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match="E541"):
        read_inputs(tmp_path / "bad.yaml")


def test_scenario_input_hash_ignores_order_and_evidence_but_not_numbers():
    inputs = inputs_from_csv(THREE)
    reordered = ScenarioInputs(actors=tuple(reversed(inputs.actors)))
    assert input_hash(reordered) == input_hash(inputs)
    annotated = ScenarioInputs(actors=tuple(ActorInput(a.name, a.capability, a.position, a.salience,
                                                       evidence={"position": Evidence("said so")})
                                            for a in inputs.actors))
    assert input_hash(annotated) == input_hash(inputs)
    assert input_hash(apply_overrides(inputs, ["Eastport.salience=0.71"])) != input_hash(inputs)
    assert input_hash(ScenarioInputs(actors=inputs.actors, scale=(0.0, 100.0))) != input_hash(inputs)


def test_scenario_overrides_set_one_number_by_name_or_key():
    inputs = derived_like()
    assert parse_override(" STH.Salience = 0.25 ").value == 0.25
    changed = apply_overrides(inputs, ["STH.salience=0.25", "northland.position=15"])
    assert changed.actor("Southland").salience == 0.25 and changed.actor("Northland").position == 15.0
    assert changed.actor("Southland").edited() == ("salience",)
    assert changed.actor("Southland").evidence["salience"].proposed == 0.4  # the proposal is kept
    confirmed = apply_overrides(inputs, ["Southland.capability=0.35"])
    assert confirmed.actor("Southland").confirm == ()  # setting a flagged number confirms it
    assert inputs.actor("Southland").salience == 0.4  # inputs are values: the original is unchanged


def test_scenario_overrides_accept_names_with_dots():
    inputs = ScenarioInputs(actors=(ActorInput("U.S.", 1.0, 10.0, 0.5), ActorInput("Other", 1.0, 20.0, 0.5)))
    assert apply_overrides(inputs, ["U.S..capability=2"]).actor("U.S.").capability == 2.0


@pytest.mark.parametrize("text, code", [
    ("PAK.salience", "E542"), ("PAK=0.9", "E542"), ("PAK.power=0.9", "E542"), ("PAK.salience=high", "E542"),
    ("Atlantis.salience=0.5", "E543"), ("Northland.salience=2", "E545"),
])
def test_scenario_overrides_that_cannot_apply_say_why(text, code):
    with pytest.raises(ScenarioError, match=code):
        apply_overrides(derived_like(), [text])


def test_scenario_issue_file_of_the_example_reads(examples_dir):
    issue = load_issue(examples_dir.parent / "afghan-settlement.issue.yaml")
    assert issue.scale == (0.0, 100.0)
    assert issue.low.anchors == ("Afghanistan",) and issue.high.anchors == ("Taliban",)
    assert issue.issue_actors == ("Afghanistan", "Taliban") and "Kabul" in issue.low.meaning


@pytest.mark.parametrize("data, reason", [
    ({"scale": [0, 1], "low": {"anchors": ["A"]}, "high": {"anchors": ["B"]}}, "it needs a name"),
    ({"name": "x", "scale": [1, 0], "low": {"anchors": ["A"]}, "high": {"anchors": ["B"]}}, "from low to high"),
    ({"name": "x", "low": {"meaning": "none"}, "high": {"anchors": ["B"]}}, "'low' names no anchor"),
    ({"name": "x", "low": {"anchors": ["A"]}, "high": {"anchor": "A"}}, "A anchors both ends"),
    ({"name": "x", "low": {"anchors": ["A"]}, "high": {"anchors": ["B"]}, "scael": 1}, "unknown key(s) scael"),
])
def test_scenario_issue_file_mistakes_are_named(data, reason):
    with pytest.raises(ScenarioError, match="E544") as info:
        issue_from_dict(data, where="mine.issue.yaml")
    assert reason in str(info.value) and "mine.issue.yaml" in str(info.value)


@pytest.mark.parametrize("window, since", [
    ("180d", date(2018, 7, 5)), ("1d", date(2018, 12, 31)), ("2w", date(2018, 12, 18)),
    ("6m", date(2018, 7, 1)), ("3y", date(2016, 1, 1)), (30, date(2018, 12, 2)),
])
def test_scenario_window_ends_on_as_of(window, since):
    assert window_bounds("2018-12-31", window) == (since, date(2018, 12, 31))


def test_scenario_window_months_keep_the_end_of_month():
    assert window_bounds("2019-03-31", "1m") == (date(2019, 3, 1), date(2019, 3, 31))
    assert window_bounds(date(2020, 2, 29), "1y") == (date(2019, 3, 1), date(2020, 2, 29))


@pytest.mark.parametrize("as_of, window", [("31/12/2018", "1y"), ("2018-12-31", "a year"), ("2018-12-31", 0)])
def test_scenario_window_mistakes_are_named(as_of, window):
    with pytest.raises(ScenarioError, match="E546"):
        window_bounds(as_of, window)
