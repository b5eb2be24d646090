"""Sensitivity sweeps: one input over several values, and every actor's input lowered and raised."""

from __future__ import annotations

import pytest

from eirene.errors import ScenarioError
from eirene.scenario.inputs import apply_overrides, inputs_from_csv
from eirene.scenario.rounds import run_scenario
from eirene.scenario.sensitivity import ALL, sweep, vary_each

EU = """Actor,Capability,Position,Salience
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


def test_scenario_sweep_runs_the_model_at_each_value():
    inputs = inputs_from_csv(EU)
    result = sweep(inputs, "uk", "salience", [0.3, 0.9, 1.0], rounds=6)
    assert result.actor == "UK" and result.base_value == 0.9
    assert [p.value for p in result.points] == [0.3, 0.9, 1.0]
    at_base = result.points[1]
    assert at_base.forecast == result.base_forecast == run_scenario(inputs, rounds=6).forecast
    direct = run_scenario(apply_overrides(inputs, ["UK.salience=0.3"]), rounds=6)
    assert result.points[0].forecast == direct.forecast and result.points[0].mean == direct.rounds[-1].mean
    assert result.to_dict()["points"][2]["value"] == 1.0


def test_scenario_vary_each_salience_lowers_and_raises_every_actor_then_all():
    inputs = inputs_from_csv(EU)
    result = vary_each(inputs, "salience", change=0.2, rounds=6)
    assert len(result.variations) == len(inputs.actors) + 1
    assert [v.swing for v in result.variations] == sorted((v.swing for v in result.variations), reverse=True)
    denmark = next(v for v in result.variations if v.actor == "Denmark")
    assert (denmark.lower, denmark.higher) == pytest.approx((0.8, 1.0))  # salience stays within 0..1
    raised = run_scenario(apply_overrides(inputs, ["Denmark.salience=1.0"]), rounds=6)
    assert denmark.forecast_higher == raised.forecast
    everyone = next(v for v in result.variations if v.actor == ALL)
    assert everyone.lower is None
    lowered = apply_overrides(inputs, [f"{a.name}.salience={a.salience * 0.8!r}" for a in inputs.actors])
    assert everyone.forecast_lower == run_scenario(lowered, rounds=6).forecast
    assert result.base_forecast == run_scenario(inputs, rounds=6).forecast
    assert any(v.swing > 0 for v in result.variations)  # the EU forecast hangs on some saliences


def test_scenario_vary_each_position_stays_on_the_scale():
    inputs = inputs_from_csv(EU)
    result = vary_each(inputs, "position", change=0.2, rounds=3, variant="textbook")
    assert ALL not in {v.actor for v in result.variations}
    uk = next(v for v in result.variations if v.actor == "UK")
    assert (uk.lower, uk.higher) == pytest.approx((10 - 0.2 * 6, 10.0))


@pytest.mark.parametrize("kwargs", [{"field": "power"}, {"change": 0}, {"change": 1.5}])
def test_scenario_sensitivity_options_are_checked(kwargs):
    with pytest.raises(ScenarioError, match="E546"):
        vary_each(inputs_from_csv(EU), **kwargs)
