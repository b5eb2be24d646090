"""Pydantic models of the scenario answers and the one scenario write (/api/scenarios...).

Why loose inner shapes: a run's rounds, offers and evidence are documented in
docs/scenarios.md and are the library's own JSON (ScenarioResult.to_dict); the models
pin the top-level fields a client reads and leave the nested ones as objects.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScenarioRunSummary(_Model):
    id: int = Field(description="cite a run by its id and its input_hash")
    created_at: str
    input_hash: str = Field(description="sha256 of the inputs' numbers (eirene.scenario.input_hash)")
    issue: str | None
    variant: str
    q: float
    rounds: int = Field(description="the limit of rounds asked for")
    rounds_run: int
    stopped: str = Field(description="converged (a round moved nobody) or rounds (the limit was reached)")
    forecast: float = Field(description="the median after the last round")
    forecast_mean: float
    baseline_median: float
    baseline_mean: float
    source: str | None
    note: str | None
    eirene_version: str | None


class ScenarioRunList(_Model):
    total: int
    runs: list[ScenarioRunSummary]


class ScenarioInputsModel(BaseModel):
    """The inputs as the YAML file holds them: actors (name, capability, position, salience,
    key, confirm, evidence), and optionally the scale, the issue, its ends and how they were derived."""

    model_config = ConfigDict(extra="allow")
    actors: list[dict[str, Any]] = Field(max_length=500)
    scale: list[float] | None = Field(default=None, min_length=2, max_length=2)
    issue: str | None = Field(default=None, max_length=500)


class ScenarioRunDetail(ScenarioRunSummary):
    inputs: dict[str, Any]


class ScenarioResultModel(_Model):
    issue: str | None
    input_hash: str
    variant: str
    q: float
    scale: list[float]
    stopped: str
    forecast: dict[str, float] = Field(description="median and mean after the last round")
    baselines: dict[str, float] = Field(description="weighted_median and weighted_mean of the inputs")
    inputs: list[dict[str, Any]]
    rounds: list[dict[str, Any]] = Field(description="per round: round, median, mean, positions, "
                                                     "risk_exponents, offers; round 0 is the input")
    origin: str = Field(description="where the base inputs came from")
    changed: list[str] = Field(description="the numbers changed from the base, as ACTOR.FIELD=NUMBER")


class SensitivityModel(_Model):
    field: str
    change: float
    base_forecast: float
    input_hash: str
    variations: list[dict[str, Any]] = Field(description="actor ('*' for all at once), lower, higher, "
                                                         "forecast_lower, forecast_higher, swing; largest first")


class ScenarioRunRequest(_Model):
    inputs: ScenarioInputsModel
    rounds: int = Field(default=10, ge=1, le=100)
    q: float = Field(default=1.0, ge=0, le=1)
    variant: Literal["scholz", "textbook"] = "scholz"
    note: str | None = Field(default=None, max_length=500)
