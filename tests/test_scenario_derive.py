"""Scenario inputs derived from a coded corpus: every number traced to events or figures,
nothing dated after as_of read, and the model run on the result."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date

import duckdb
import pytest

import eirene
from eirene.errors import ScenarioError
from eirene.scenario.derive import derive_inputs
from eirene.scenario.inputs import inputs_from_yaml, inputs_to_yaml
from eirene.scenario.issue import issue_from_dict, load_issue
from eirene.scenario.rounds import run_scenario

AS_OF, WINDOW, SINCE = "2018-12-31", "4y", "2015-01-01"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def issue(examples_dir):
    return load_issue(examples_dir.parent / "afghan-settlement.issue.yaml")


@pytest.fixture(scope="module")
def derived(example_db, issue):
    return derive_inputs(example_db, issue, as_of=AS_OF, window=WINDOW)


def test_scenario_derive_covers_every_actor_active_in_the_window(example_db, derived):
    with eirene.open(example_db) as system:
        graph = system.network(since=SINCE, until=AS_OF).graph
    assert {a.key for a in derived.actors} == set(graph.nodes)
    assert derived.scale == (0.0, 100.0) and derived.issue == "Power-sharing settlement with the Taliban"
    assert derived.derived["as_of"] == AS_OF and derived.derived["since"] == SINCE
    assert derived.actor("AFG").position == 0.0 and derived.actor("taliban").position == 100.0


def test_scenario_derive_positions_follow_relations_with_the_anchors(example_db, derived):
    with eirene.open(example_db) as system:
        graph = system.network(since=SINCE, until=AS_OF).graph
    for actor in derived.actors:
        if actor.key in ("AFG", "taliban"):
            continue
        figures = actor.evidence["position"].figures
        affinity = {}
        for side, anchor in (("low", "AFG"), ("high", "taliban")):
            edge = graph.edges[actor.key, anchor] if graph.has_edge(actor.key, anchor) else {}
            cooperative, conflictual = edge.get("cooperation", 0), edge.get("conflict", 0)
            assert (figures[f"{side}_cooperative"], figures[f"{side}_conflictual"]) == (cooperative, conflictual)
            affinity[side] = (cooperative - conflictual) / (cooperative + conflictual + 1)
        assert actor.position == pytest.approx(100 * (0.5 + 0.25 * (affinity["high"] - affinity["low"])))
        assert ("position" in actor.confirm) == (not actor.evidence["position"].event_ids)
    russia = derived.actor("Russia")  # talks with the Taliban in Moscow: nearer the Taliban's end than the US
    assert russia.position > 50 > derived.actor("United States").position


def test_scenario_derive_salience_is_the_share_of_attention_to_the_issue_actors(example_db, derived):
    with eirene.open(example_db) as system:
        graph = system.network(since=SINCE, until=AS_OF).graph
    for actor in derived.actors:
        figures = actor.evidence["salience"].figures
        assert figures["events"] == graph.nodes[actor.key]["events"]
        others = [k for k in ("AFG", "taliban") if k != actor.key]
        paired = sum(graph.edges[actor.key, k]["events"] for k in others if graph.has_edge(actor.key, k))
        assert figures["issue_events"] == paired
        assert actor.salience == pytest.approx(paired / (figures["events"] + 1))
        assert 0.0 <= actor.salience < 1.0


def test_scenario_derive_cites_only_stored_events_inside_the_window(example_db, derived):
    with eirene.open(example_db) as system:
        for actor in derived.actors:
            for field, evidence in actor.evidence.items():
                assert evidence.summary and evidence.proposed == getattr(actor, field)
                for event_id in evidence.event_ids:
                    event = system.store.get_event(event_id)
                    assert event is not None and event.factuality == "asserted"
                    assert SINCE <= event.date <= AS_OF, (actor.name, field, event_id)


def test_scenario_derive_capability_from_national_figures_and_flags_the_rest(derived):
    usa, pakistan, kabul = derived.actor("USA"), derived.actor("PAK"), derived.actor("AFG")
    assert usa.capability > pakistan.capability > kabul.capability > 0
    for state in (usa, pakistan, kabul):
        figures = state.evidence["capability"].figures
        assert {"gdp", "population", "military", "gdp_year"} <= set(figures) and "Factbook" in figures["source"]
        assert "capability" not in state.confirm
    taliban = derived.actor("Taliban")
    assert "capability" in taliban.confirm and "must confirm" in taliban.evidence["capability"].summary
    assert taliban.capability == pytest.approx(0.5 * kabul.capability)  # an armed group: half its country's


def test_scenario_derive_reads_nothing_dated_after_as_of(example_db, issue, derived, tmp_path):
    cut = tmp_path / "cut.duckdb"
    shutil.copy(example_db, cut)
    with duckdb.connect(str(cut)) as con:
        later = "SELECT seq FROM events WHERE date > DATE '2018-12-31'"
        leaks = con.execute(f"SELECT count(*) FROM event_actors WHERE event_seq IN ({later}) "
                            "AND actor_id = 'taliban'").fetchall()[0][0]
        assert leaks > 0  # there are later events that could leak
        con.execute(f"DELETE FROM event_actors WHERE event_seq IN ({later})")
        con.execute("DELETE FROM events WHERE date > DATE '2018-12-31'")
    again = derive_inputs(cut, issue, as_of=AS_OF, window=WINDOW)
    assert replace(again, derived={}) == replace(derived, derived={})
    assert again.derived["events_read"] == derived.derived["events_read"]
    later_run = derive_inputs(example_db, issue, as_of="2021-08-31", window="7y")
    assert later_run.derived["events_read"] > derived.derived["events_read"]  # the cut data did matter later


def test_scenario_derive_then_run_gives_a_forecast_on_the_scale(derived):
    back = inputs_from_yaml(inputs_to_yaml(derived))
    assert back == derived
    result = run_scenario(back, rounds=10)
    assert 0.0 <= result.forecast <= 100.0 and len(result.rounds) >= 2
    data = json.loads(json.dumps(result.to_dict()))
    assert data["rounds"][0]["positions"]["Taliban"] == 100.0
    assert data["baselines"]["weighted_median"] == result.baseline_median
    assert {o["receiver"] for r in data["rounds"] for o in r["offers"]} <= set(back.names)


def test_scenario_derive_unknown_anchor_and_empty_window_say_why(example_db):
    bad = issue_from_dict({"name": "x", "low": {"anchors": ["Atlantis"]}, "high": {"anchors": ["Taliban"]}})
    with pytest.raises(ScenarioError, match="E547.*Atlantis"):
        derive_inputs(example_db, bad, as_of=AS_OF, window=WINDOW)
    good = issue_from_dict({"name": "x", "low": {"anchors": ["Afghanistan"]}, "high": {"anchors": ["Taliban"]}})
    with pytest.raises(ScenarioError, match="E547.*no asserted events"):
        derive_inputs(example_db, good, as_of=date(1990, 1, 1), window="1y")


def test_scenario_derive_on_the_reference_corpus(seeds_db, issue):
    inputs = derive_inputs(seeds_db, issue, as_of="2019-07-31", window="4y")
    assert inputs.actor("Afghanistan").position == 0.0 and inputs.actor("Taliban").position == 100.0
    assert {"Russia", "Pakistan", "United States"} <= set(inputs.names)
    for anchor in (inputs.actor("Afghanistan"), inputs.actor("Taliban")):
        assert (anchor.salience == 0) == ("salience" in anchor.confirm)  # an unattended issue actor is flagged
    result = run_scenario(inputs, rounds=10)
    assert 0.0 <= result.forecast <= 100.0
