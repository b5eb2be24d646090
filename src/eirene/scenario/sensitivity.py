"""Sensitivity: which numbers the forecast hangs on.

Two sweeps, each a series of full runs of the model:

    sweep(inputs, "Pakistan", "salience", [0.2, 0.4, 0.6, 0.8, 1.0])
        one input set to each value in turn: the forecast at each
    vary_each(inputs, "salience", change=0.2)
        every actor's salience (or capability, or position) 20 % lower and higher, one
        actor at a time, and all of them at once: how far the forecast moves, largest first

Why runs and not derivatives: the model moves in discrete offers, so the forecast jumps
rather than slides; a small change may do nothing and a slightly larger one flip it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from eirene.errors import ScenarioError
from eirene.scenario.inputs import FIELDS, ScenarioInputs, input_hash
from eirene.scenario.model import Variant
from eirene.scenario.rounds import DEFAULT_ROUNDS, run_scenario

ALL = "*"  # the actor name of a variation applied to every actor at once


@dataclass(frozen=True)
class SweepPoint:
    """One run of a sweep: the value tried, the forecast (final median) and final mean."""

    value: float
    forecast: float
    mean: float


@dataclass(frozen=True)
class Sweep:
    """One input set to each of several values; base_forecast is that of the inputs as given."""

    actor: str
    field: str
    base_value: float
    base_forecast: float
    points: tuple[SweepPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "field": self.field, "base_value": self.base_value,
                "base_forecast": self.base_forecast,
                "points": [{"value": p.value, "forecast": p.forecast, "mean": p.mean} for p in self.points]}


@dataclass(frozen=True)
class Variation:
    """An input lowered and raised: the values tried and the forecast after each.

    actor: the actor, or "*" for all actors at once. swing: the larger distance of the
    two forecasts from the base forecast.
    """

    actor: str
    field: str
    lower: float | None
    higher: float | None
    forecast_lower: float
    forecast_higher: float
    base_forecast: float

    @property
    def swing(self) -> float:
        return max(abs(self.forecast_lower - self.base_forecast), abs(self.forecast_higher - self.base_forecast))

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "field": self.field, "lower": self.lower, "higher": self.higher,
                "forecast_lower": self.forecast_lower, "forecast_higher": self.forecast_higher,
                "swing": self.swing}


@dataclass(frozen=True)
class Sensitivity:
    """Every actor's variation of one field (and all at once), largest swing first."""

    field: str
    change: float
    base_forecast: float
    input_hash: str
    variations: tuple[Variation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "change": self.change, "base_forecast": self.base_forecast,
                "input_hash": self.input_hash, "variations": [v.to_dict() for v in self.variations]}


def sweep(inputs: ScenarioInputs, actor: str, field: str, values: Iterable[float], *,
          rounds: int = DEFAULT_ROUNDS, q: float = 1.0, variant: Variant = "scholz") -> Sweep:
    """The forecast with one actor's `field` set to each of `values` (all else as given).

    RAISES (ScenarioError): E543 an unknown actor, E546 an unknown field, E545 a value out of range.
    """
    _check_field(field)
    target = inputs.actor(actor)
    base = run_scenario(inputs, rounds=rounds, q=q, variant=variant)
    points = []
    for value in values:
        result = run_scenario(_with(inputs, {target.name: float(value)}, field), rounds=rounds, q=q,
                              variant=variant)
        points.append(SweepPoint(float(value), result.forecast, result.rounds[-1].mean))
    return Sweep(target.name, field, getattr(target, field), base.forecast, tuple(points))


def vary_each(inputs: ScenarioInputs, field: str = "salience", change: float = 0.2, *,
              rounds: int = DEFAULT_ROUNDS, q: float = 1.0, variant: Variant = "scholz") -> Sensitivity:
    """Each actor's `field` lowered and raised by `change`, one actor at a time, then all at once.

    Saliences and capabilities are multiplied by 1 - change and 1 + change (saliences
    capped at 1); positions move by change times the width of the scale, within it (no
    "all at once" row: moving everyone alike only shifts the scale).
    RAISES (ScenarioError E546): an unknown field, or change not between 0 and 1.
    """
    _check_field(field)
    if isinstance(change, bool) or not isinstance(change, (int, float)) or not 0.0 < change < 1.0:
        raise ScenarioError("E546", name="change", value=change, reason="use a fraction between 0 and 1, e.g. 0.2")
    base = run_scenario(inputs, rounds=rounds, q=q, variant=variant).forecast
    groups = [[a.name] for a in inputs.actors] + ([] if field == "position" else [[a.name for a in inputs.actors]])
    variations = []
    for names in groups:
        lowered = {n: _changed(inputs, n, field, -change) for n in names}
        raised = {n: _changed(inputs, n, field, change) for n in names}
        forecasts = [run_scenario(_with(inputs, values, field), rounds=rounds, q=q, variant=variant).forecast
                     for values in (lowered, raised)]
        single = len(names) == 1 and len(inputs.actors) > 1
        variations.append(Variation(names[0] if single else ALL, field, lowered[names[0]] if single else None,
                                    raised[names[0]] if single else None, forecasts[0], forecasts[1], base))
    variations.sort(key=lambda v: (-v.swing, v.actor == ALL, v.actor))
    return Sensitivity(field, float(change), base, input_hash(inputs), tuple(variations))


def _changed(inputs: ScenarioInputs, name: str, field: str, change: float) -> float:
    value = getattr(inputs.actor(name), field)
    if field == "position":
        low, high = inputs.bounds()
        return min(high, max(low, value + change * (high - low)))
    changed = value * (1.0 + change)
    return min(changed, 1.0) if field == "salience" else changed


def _with(inputs: ScenarioInputs, values: dict[str, float], field: str) -> ScenarioInputs:
    actors = tuple(replace(a, **{field: values[a.name]}) if a.name in values else a for a in inputs.actors)
    return replace(inputs, actors=actors)


def _check_field(field: str) -> None:
    if field not in FIELDS:
        raise ScenarioError("E546", name="field", value=field, reason="use " + ", ".join(FIELDS))
