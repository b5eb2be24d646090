"""Scenarios: where the bargaining over one issue is heading (Bueno de Mesquita's model).

    model.py        the maths: votes, median and mean, probabilities, utilities, risk
    rounds.py       offers, who takes which, every round's state; run_scenario()
    inputs.py       the actors' numbers with their evidence; CSV and YAML files, overrides, hash
    issue.py        an issue file: the question, its scale, the anchor actors of its two ends
    derive.py       inputs proposed from a store's events (derive_inputs)
    capability.py   a state's capability index from national figures (Factbook)
    rules.py        the derivation's adjustable numbers (data/scenario/derivation.yaml)
    sensitivity.py  which numbers the forecast hangs on (sweep, vary_each)
    stored.py       runs kept in the store with their inputs hash, to cite and reproduce
    chart.py        the position paths as inline SVG (web page, report)

    >>> from eirene.scenario import derive_inputs, read_inputs, run_scenario
    >>> result = run_scenario(read_inputs("eu_example.csv"), rounds=10)
    >>> result.forecast, result.baseline_mean
    >>> result.to_dict()["rounds"][0]["positions"]      # round 0 is the input
    >>> inputs = derive_inputs("eirene.duckdb", "examples/afghan-settlement.issue.yaml",
    ...                        as_of="2018-12-31", window="4y")

It is a model of bargaining, not a prediction machine: docs/scenarios.md says what it
assumes, where its inputs come from and how to read what it prints. derive_inputs loads
on first use (it needs the actor-system model, which is slow to import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eirene.scenario.inputs import (ActorInput, Evidence, Override, ScenarioInputs, apply_overrides,
                                    input_hash, inputs_from_csv, inputs_from_yaml, inputs_to_csv,
                                    inputs_to_yaml, parse_override, read_inputs)
from eirene.scenario.issue import Issue, IssueEnd, issue_from_dict, load_issue
from eirene.scenario.model import VARIANTS, Variant
from eirene.scenario.rounds import DEFAULT_ROUNDS, Offer, RoundState, ScenarioResult, run_scenario
from eirene.scenario.sensitivity import Sensitivity, Sweep, SweepPoint, Variation, sweep, vary_each

if TYPE_CHECKING:
    from eirene.scenario.derive import derive_inputs, window_bounds

__all__ = [
    "DEFAULT_ROUNDS", "VARIANTS", "ActorInput", "Evidence", "Issue", "IssueEnd", "Offer", "Override", "RoundState",
    "ScenarioInputs", "ScenarioResult", "Sensitivity", "Sweep", "SweepPoint", "Variant", "Variation",
    "apply_overrides", "derive_inputs", "input_hash", "inputs_from_csv", "inputs_from_yaml", "inputs_to_csv",
    "inputs_to_yaml", "issue_from_dict", "load_issue", "parse_override", "read_inputs", "run_scenario", "sweep",
    "vary_each", "window_bounds",
]


def __getattr__(name: str) -> Any:
    """Import the derivation (and with it the actor-system model) only when it is first used."""
    if name in ("derive_inputs", "window_bounds"):
        from eirene.scenario import derive

        return getattr(derive, name)
    raise AttributeError(f"module 'eirene.scenario' has no attribute {name!r}")
