"""The bargaining model: the EU golden case to 1e-9, the textbook variant, and properties.

The golden numbers are those of ../shared/scenario/eu_reference_10_rounds.txt: the
output of an open replication of Scholz, Calbert and Smith's reading of the model for
the ten-member EU example (published data) with Q = 1 and 10 rounds. Per round: the
median and mean after the round, and each accepted offer as (receiver, kind, proposer,
the receiver's EU, the proposer's EU, the receiver's new position).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eirene.errors import ScenarioError
from eirene.scenario.inputs import ActorInput, ScenarioInputs, inputs_from_csv
from eirene.scenario.model import danger_at, danger_levels, risk_exponents, success_probabilities, weighted_median
from eirene.scenario.rounds import Offer, choose_offer, classify, run_scenario

SHARED_SCENARIO = Path(__file__).resolve().parent.parent.parent / "shared" / "scenario"

EU_EXAMPLE = """Actor,Capability,Position,Salience
Netherlands,0.08,4,0.8
Belgium,0.08,7,0.4
Luxembourg,0.03,4,0.2
Germany,0.16,4,0.8
France,0.16,10,0.6
Italy,0.16,10,0.6
UK,0.16,10,0.9
Ireland,0.05,7,0.1
Denmark,0.05,4,1.0
Greece,0.08,7,0.7
"""

GOLDEN = [
    (7.0, 7.389955686853767, [
    ]),
    (8.415932315426764, 7.461314378277189, [
        ("Belgium", "compromise", "France", -0.11483050347300794, 0.2432965945234421, 8.415932315426764),
        ("Luxembourg", "confrontation", "Belgium", 0.24550922248250817, 0.542246100211495, 7.0),
        ("Ireland", "confrontation", "Luxembourg", 0.5382377664333493, 0.6824778252511178, 4.0),
    ]),
    (9.610859134120188, 7.552500865855845, [
        ("Belgium", "compromise", "France", -0.08372298010499579, 0.11098827573851458, 9.610859134120188),
        ("Luxembourg", "confrontation", "Belgium", 0.09587865812504826, 0.25279815776071274, 8.415932315426764),
        ("Ireland", "confrontation", "Luxembourg", 0.5364745002601532, 0.6832740271828603, 7.0),
    ]),
    (9.961979590401311, 7.590144997451547, [
        ("Belgium", "compromise", "France", -0.021363682612244528, 0.023677008278475686, 9.961979590401311),
        ("Luxembourg", "confrontation", "Belgium", 0.0752415037116283, 0.1973924602995426, 9.610859134120188),
        ("Ireland", "confrontation", "Luxembourg", 0.2220966141779851, 0.28914350869001226, 8.415932315426764),
    ]),
    (9.961979590401311, 7.358130531334201, [
        ("Belgium", "compromise", "Netherlands", -0.7153336335609584, 0.826336595809209, 4.800881140632622),
        ("Luxembourg", "confrontation", "Belgium", 0.019067005856757135, 0.05475982048848671, 9.961979590401311),
        ("Ireland", "confrontation", "Luxembourg", 0.18434889721531578, 0.2408011690248525, 9.610859134120188),
    ]),
    (9.961979590401311, 7.3491739896752115, [
        ("Belgium", "compromise", "France", -0.07892886598556514, 0.5673005292780673, 5.524237694197356),
        ("Luxembourg", "confrontation", "Belgium", 0.6442818640814262, 1.2296306388963438, 4.800881140632622),
        ("Ireland", "confrontation", "Luxembourg", 0.05091916804909058, 0.06745697684475738, 9.961979590401311),
    ]),
    (7.47204636191629, 7.414877545372958, [
        ("Belgium", "compromise", "France", -0.17147772090669489, 0.3940292145932064, 7.47204636191629),
        ("Luxembourg", "confrontation", "Belgium", 0.04393570966631333, 0.12294346298815284, 5.524237694197356),
        ("Ireland", "confrontation", "Belgium", 0.477289288589615, 1.1583814184029237, 5.524237694197356),
    ]),
    (8.824593855262423, 7.510457183677219, [
        ("Belgium", "compromise", "France", -0.10459286362216708, 0.19548733882691532, 8.824593855262423),
        ("Luxembourg", "confrontation", "Belgium", 0.1382777829509383, 0.3410544636307657, 7.47204636191629),
        ("Ireland", "confrontation", "Belgium", 0.13272892587624174, 0.41138879294371355, 7.47204636191629),
    ]),
    (9.671129769802048, 7.5724470975503, [
        ("Belgium", "compromise", "France", -0.056369286263043605, 0.07826815650708174, 9.671129769802048),
        ("Luxembourg", "confrontation", "Belgium", 0.0872009778054279, 0.22517742605780633, 8.824593855262423),
        ("Ireland", "confrontation", "Belgium", 0.08321562348731826, 0.2751461345009193, 8.824593855262423),
    ]),
    (9.671129769802048, 7.324989065683666, [
        ("Belgium", "compromise", "Netherlands", -0.6974248364399851, 0.7157050033503447, 4.144849062500606),
        ("Luxembourg", "confrontation", "Belgium", 0.05008299023987961, 0.13597909894595128, 9.671129769802048),
        ("Ireland", "confrontation", "Belgium", 0.0474210361526437, 0.1671827021753982, 9.671129769802048),
    ]),
    (7.0, 7.242130958473938, [
        ("Belgium", "compromise", "France", -0.01852838755780717, 0.7395521611111853, 4.291541224979646),
        ("Luxembourg", "confrontation", "Belgium", 0.760038324818827, 1.4093388112170677, 4.144849062500606),
        ("Ireland", "confrontation", "Belgium", 0.796832348725107, 1.7236993574505728, 4.144849062500606),
    ]),
]


def eu_inputs() -> ScenarioInputs:
    return inputs_from_csv(EU_EXAMPLE)


def check_against(result, golden) -> None:
    assert len(result.rounds) == len(golden)
    for state, (median, mean, moves) in zip(result.rounds, golden):
        assert state.median == pytest.approx(median, abs=1e-9), f"median of round {state.round}"
        assert state.mean == pytest.approx(mean, abs=1e-9), f"mean of round {state.round}"
        got = [(o.receiver, o.kind, o.proposer) for o in state.moves]
        assert got == [m[:3] for m in moves], f"offers of round {state.round}"
        for offer, (*_, eu_receiver, eu_proposer, position) in zip(state.moves, moves):
            assert offer.eu_receiver == pytest.approx(eu_receiver, abs=1e-9)
            assert offer.eu_proposer == pytest.approx(eu_proposer, abs=1e-9)
            assert offer.position == pytest.approx(position, abs=1e-9)
            assert state.positions[offer.receiver] == pytest.approx(position, abs=1e-9)


def test_scenario_eu_example_reproduces_scholz_reading_for_ten_rounds():
    result = run_scenario(eu_inputs(), rounds=10, q=1.0, variant="scholz")
    assert result.stopped == "rounds"
    check_against(result, GOLDEN)
    assert not any(o.kind == "capitulation" for state in result.rounds for o in state.offers)


def test_scenario_golden_numbers_are_those_of_the_shared_reference():
    """The copy above is checked against the reference file itself when it is beside the repository."""
    path = SHARED_SCENARIO / "eu_reference_10_rounds.txt"
    if not path.is_file():
        pytest.skip(f"reference output not found at {path} (it lives beside the repository, not in it)")
    text = path.read_text(encoding="utf-8")
    medians = [float(v) for v in re.findall(r"Median position: (\S+)", text)]
    means = [float(v) for v in re.findall(r"Mean position: (\S+)", text)]
    new_positions = [float(v) for v in re.findall(r"new_pos = (\S+)", text)]
    assert medians == [g[0] for g in GOLDEN]
    assert means == [g[1] for g in GOLDEN]
    assert new_positions == [m[5] for g in GOLDEN for m in g[2]]
    csv_text = (SHARED_SCENARIO / "eu_example.csv").read_text(encoding="utf-8")
    assert inputs_from_csv(csv_text) == eu_inputs()


def test_scenario_round_zero_is_the_input_with_its_baselines():
    result = run_scenario(eu_inputs(), rounds=1)
    first = result.rounds[0]
    assert first.positions == {a.name: a.position for a in eu_inputs().actors}
    assert first.offers == () and set(first.risk_exponents.values()) == {1.0}
    # c·s weights: 4 -> 0.248, 7 -> 0.093, 10 -> 0.336 of 0.677; the weighted mean is 5.003 / 0.677
    assert result.baseline_median == 7.0
    assert result.baseline_mean == pytest.approx(5.003 / 0.677, abs=1e-12)


def test_scenario_result_serialises_rounds_with_median_mean_positions():
    result = run_scenario(eu_inputs(), rounds=3)
    data = json.loads(json.dumps(result.to_dict()))
    assert [r["round"] for r in data["rounds"]] == [0, 1, 2, 3]
    assert data["rounds"][0]["positions"]["UK"] == 10.0
    assert data["rounds"][1]["positions"]["Belgium"] == pytest.approx(GOLDEN[1][2][0][5], abs=1e-9)
    assert data["forecast"]["median"] == data["rounds"][-1]["median"]
    assert data["baselines"] == {"weighted_median": 7.0, "weighted_mean": result.baseline_mean}
    assert len(data["input_hash"]) == 64 and data["variant"] == "scholz" and data["q"] == 1.0
    rows = result.rows()
    assert list(rows[0])[:3] == ["round", "median", "mean"] and rows[3]["median"] == data["rounds"][3]["median"]
    assert rows[2]["Luxembourg"] == data["rounds"][2]["positions"]["Luxembourg"]


@pytest.mark.parametrize("variant", ["scholz", "textbook"])
def test_scenario_degenerate_inputs_stop_without_moving(variant):
    alone = inputs_from_csv("Actor,Capability,Position,Salience\nA,1,5,0.5\n")
    agreed = inputs_from_csv("Actor,Capability,Position,Salience\nA,1,5,0.5\nB,2,5,0.9\n")
    for inputs in (alone, agreed):
        result = run_scenario(inputs, rounds=5, variant=variant)
        assert result.stopped == "converged" and len(result.rounds) == 2
        assert result.forecast == 5.0 and result.rounds[1].offers == ()


def test_scenario_scholz_risk_exponents_span_half_to_two_by_danger():
    inputs = eu_inputs()
    c, s, x = (np.array([getattr(a, f) for a in inputs.actors]) for f in ("capability", "salience", "position"))
    danger = danger_levels(c, s, x, inputs.span(), 1.0, "scholz")
    r = risk_exponents(c, s, x, inputs.span(), 1.0, "scholz")
    assert r[np.argmax(danger)] == pytest.approx(0.5) and r[np.argmin(danger)] == pytest.approx(2.0)
    assert np.all((r >= 0.5 - 1e-12) & (r <= 2.0 + 1e-12))


# -- the textbook variant --------------------------------------------------------------
def test_scenario_textbook_probabilities_of_a_pair_sum_to_one():
    inputs = eu_inputs()
    c, s, x = (np.array([getattr(a, f) for a in inputs.actors]) for f in ("capability", "salience", "position"))
    textbook = success_probabilities(c, s, x, np.ones(10), inputs.span(), "textbook")
    scholz = success_probabilities(c, s, x, np.ones(10), inputs.span(), "scholz")
    differ = x[:, None] != x[None, :]
    assert np.allclose((textbook + textbook.T)[differ], 1.0)
    assert np.all(scholz[differ] < textbook[differ] + 1e-12) and scholz.max() < 0.05


def test_scenario_textbook_risk_compares_the_positions_an_actor_could_hold():
    inputs = eu_inputs()
    c, s, x = (np.array([getattr(a, f) for a in inputs.actors]) for f in ("capability", "salience", "position"))
    r = risk_exponents(c, s, x, inputs.span(), 1.0, "textbook")
    for i in range(len(x)):
        dangers = {}
        for position in (4.0, 7.0, 10.0):
            moved = x.copy()
            moved[i] = position
            dangers[position] = danger_levels(c, s, moved, inputs.span(), 1.0, "textbook")[i]
        if dangers[x[i]] == min(dangers.values()):
            assert r[i] == pytest.approx(2.0)  # the safest place it could be: risk-averse
        if dangers[x[i]] == max(dangers.values()):
            assert r[i] == pytest.approx(0.5)  # the most exposed place: risk-acceptant


@settings(max_examples=30, deadline=None)
@given(actors=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 10).map(float), st.floats(0.0, 1.0)),
                       min_size=2, max_size=7), q=st.sampled_from([1.0, 0.3]), data=st.data())
def test_scenario_danger_at_a_position_equals_the_full_computation(actors, q, data):
    c, x, s = (np.array(column) for column in zip(*actors))
    i = data.draw(st.integers(0, len(actors) - 1))
    position = data.draw(st.sampled_from(sorted(set(x.tolist()))))
    moved = x.copy()
    moved[i] = position
    assert danger_at(c, s, x, 10.0, q, i, position) == danger_levels(c, s, moved, 10.0, q, "textbook")[i]


@pytest.mark.parametrize("own, theirs, scholz, textbook", [
    (-0.1, 0.3, ("compromise", 4.0 + 6.0 / 3), ("capitulation", 10.0)),
    (-0.3, 0.1, None, ("compromise", 4.0 + 6.0 / 3)),
    (0.2, 0.5, ("confrontation", 10.0), ("confrontation", 10.0)),
    (0.5, 0.2, None, None),
    (-0.2, -0.1, None, None),
])
def test_scenario_offer_kinds_by_variant(own, theirs, scholz, textbook):
    for variant, expected in (("scholz", scholz), ("textbook", textbook)):
        offer = classify("i", "j", own, theirs, 4.0, 10.0, variant)
        if expected is None:
            assert offer is None, variant
        else:
            assert (offer.kind, offer.position) == pytest.approx(expected), variant


def test_scenario_textbook_takes_the_smallest_move_scholz_the_kind_first():
    far = Offer("i", "a", "confrontation", 0.1, 0.4, 10.0, 10.0)
    near = Offer("i", "b", "compromise", -0.5, 0.6, 2.0, 4.5)
    assert choose_offer([far, near], 5.0, "textbook") is near
    assert choose_offer([far, near], 5.0, "scholz") is far


def test_scenario_textbook_run_on_the_eu_example_stays_on_the_scale_and_settles():
    result = run_scenario(eu_inputs(), rounds=20, variant="textbook")
    assert result.variant == "textbook" and result.stopped == "converged"
    assert any(o.kind == "capitulation" for state in result.rounds for o in state.moves)
    for state in result.rounds:
        assert all(4.0 <= p <= 10.0 for p in state.positions.values())
    assert result.rounds[-1].positions == result.rounds[-2].positions


def test_scenario_options_are_checked():
    for options in ({"rounds": 0}, {"q": 1.5}, {"variant": "bdm"}, {"rounds": 2.5}):
        with pytest.raises(ScenarioError, match="E546"):
            run_scenario(eu_inputs(), **options)


def test_scenario_median_is_the_least_weighted_distance_position():
    inputs = eu_inputs()
    c, s, x = (np.array([getattr(a, f) for a in inputs.actors]) for f in ("capability", "salience", "position"))
    for shift in (0.0, 0.05, 0.1):
        weights = c * s + shift * np.arange(10) / 10
        cost = {p: float(np.sum(weights * np.abs(x - p))) for p in set(x.tolist())}
        assert weighted_median(weights, np.ones(10), x, 6.0) == min(cost, key=cost.get)


# -- properties -------------------------------------------------------------------------
def actors_strategy(min_size: int = 2, max_size: int = 6):
    actor = st.tuples(st.floats(0.01, 1.0), st.integers(0, 20).map(lambda v: v / 2), st.floats(0.05, 1.0))
    return st.lists(actor, min_size=min_size, max_size=max_size).map(
        lambda rows: tuple(ActorInput(f"A{i}", c, x, s) for i, (c, x, s) in enumerate(rows)))


VARIANT = st.sampled_from(["scholz", "textbook"])
Q = st.sampled_from([1.0, 0.5])


@settings(max_examples=40, deadline=None)
@given(actors=actors_strategy(), variant=VARIANT, q=Q)
def test_scenario_positions_stay_within_the_scale(actors, variant, q):
    inputs = ScenarioInputs(actors=actors, scale=(0.0, 10.0))
    result = run_scenario(inputs, rounds=5, q=q, variant=variant)
    low, high = min(a.position for a in actors), max(a.position for a in actors)
    for state in result.rounds:
        assert all(low <= p <= high for p in state.positions.values())
        assert low <= state.median <= high and low - 1e-9 <= state.mean <= high + 1e-9


@settings(max_examples=40, deadline=None)
@given(data=st.data(), actors=actors_strategy(), variant=VARIANT, q=Q)
def test_scenario_result_does_not_depend_on_actor_order(data, actors, variant, q):
    shuffled = tuple(data.draw(st.permutations(actors)))
    first = run_scenario(ScenarioInputs(actors=actors), rounds=5, q=q, variant=variant)
    second = run_scenario(ScenarioInputs(actors=shuffled), rounds=5, q=q, variant=variant)
    assert len(first.rounds) == len(second.rounds)
    for a, b in zip(first.rounds, second.rounds):
        assert a.positions == b.positions and a.median == b.median and a.mean == b.mean
        assert a.risk_exponents == b.risk_exponents


@settings(max_examples=40, deadline=None)
@given(actors=actors_strategy(max_size=5), variant=VARIANT, q=Q)
def test_scenario_identical_actors_move_identically(actors, variant, q):
    twin = ActorInput("twin", actors[0].capability, actors[0].position, actors[0].salience)
    result = run_scenario(ScenarioInputs(actors=(*actors, twin)), rounds=5, q=q, variant=variant)
    for state in result.rounds:
        assert state.positions["twin"] == state.positions["A0"]
        assert state.risk_exponents["twin"] == state.risk_exponents["A0"]
