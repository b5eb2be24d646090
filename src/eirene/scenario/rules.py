"""The adjustable numbers of the derivation, read from eirene/data/scenario/derivation.yaml.

Why a data file: how much one event should move a position, or what share of its
country's capability an armed group is proposed, are judgements an analyst may revise;
they are not code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from eirene.errors import ScenarioError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "scenario"
RULES_FILE = DATA_DIR / "derivation.yaml"
FIGURES = ("gdp", "military", "population")


@dataclass(frozen=True)
class DerivationRules:
    """prior_events: pseudo-events of no relation in each affinity's denominator.
    salience_prior: pseudo-events with no issue actor in each salience's denominator.
    weights: the capability index's weight per figure (gdp, military, population).
    non_state_share: per actor kind, the share of its base a non-state actor is proposed.
    default_share: the share for a kind not listed."""

    prior_events: float
    salience_prior: float
    weights: Mapping[str, float]
    non_state_share: Mapping[str, float]
    default_share: float

    def share_for(self, kind: str) -> float:
        return float(self.non_state_share.get(kind, self.default_share))


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> DerivationRules:
    """Read derivation.yaml (cached). RAISES (ScenarioError E549): unreadable or incomplete."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        capability = data["capability"]
        rules = DerivationRules(
            prior_events=float(data["position"]["prior_events"]),
            salience_prior=float(data["salience"]["prior_events"]),
            weights={name: float(capability["weights"][name]) for name in FIGURES},
            non_state_share={str(k): float(v) for k, v in dict(capability["non_state_share"]).items()},
            default_share=float(capability["default_share"]),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ScenarioError("E549", path=str(path), reason=str(exc).splitlines()[0] or type(exc).__name__) from exc
    weights = rules.weights.values()
    if min(rules.prior_events, rules.salience_prior, *weights) < 0 or not sum(weights):
        raise ScenarioError("E549", path=str(path), reason="the prior_events and weights must be >= 0, "
                            "and at least one weight > 0")
    return rules
