"""Scenarios: where the bargaining over one issue is heading (Bueno de Mesquita's model).

    model.py        the maths: votes, median and mean, probabilities, utilities, risk
    rounds.py       offers, who takes which, every round's state; run_scenario()
    inputs.py       the actors' numbers with their evidence; CSV and YAML files, overrides, hash

    >>> from eirene.scenario import read_inputs, run_scenario
    >>> result = run_scenario(read_inputs("eu_example.csv"), rounds=10)
    >>> result.forecast, result.baseline_mean
    >>> result.to_dict()["rounds"][0]["positions"]      # round 0 is the input

It is a model of bargaining, not a prediction machine: docs/scenarios.md says what it
assumes, where its inputs come from and how to read what it prints.
"""

from eirene.scenario.inputs import (ActorInput, Evidence, Override, ScenarioInputs, apply_overrides,
                                    input_hash, inputs_from_csv, inputs_from_yaml, inputs_to_csv,
                                    inputs_to_yaml, parse_override, read_inputs)
from eirene.scenario.model import VARIANTS, Variant
from eirene.scenario.rounds import DEFAULT_ROUNDS, Offer, RoundState, ScenarioResult, run_scenario

__all__ = [
    "DEFAULT_ROUNDS", "VARIANTS", "ActorInput", "Evidence", "Offer", "Override", "RoundState", "ScenarioInputs",
    "ScenarioResult", "Variant", "apply_overrides", "input_hash", "inputs_from_csv", "inputs_from_yaml",
    "inputs_to_csv", "inputs_to_yaml", "parse_override", "read_inputs", "run_scenario",
]
