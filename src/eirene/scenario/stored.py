"""Runs of the model kept in the store, so a forecast can be cited and reproduced.

A stored run holds the inputs as they were run (numbers, scale and evidence), the
settings (variant, q, rounds), the sha256 of the inputs' numbers and the forecast with
its baselines. Cite it as "scenario run 3, inputs sha256 ffc772d2…"; `reproduce` runs
the stored inputs again and says whether hash and forecast come out the same.

    >>> saved = save_run(store, run_scenario(inputs), rounds=10, source="s.yaml")
    >>> [r.id for r in stored_runs(store)]
    >>> result, same = reproduce(stored_run(store, saved.id))
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from eirene import __version__
from eirene.errors import ScenarioError
from eirene.scenario.inputs import ScenarioInputs, inputs_from_yaml
from eirene.scenario.model import Variant
from eirene.scenario.rounds import ScenarioResult, run_scenario

if TYPE_CHECKING:
    from eirene.store import Store

COLUMNS: tuple[str, ...] = ("id", "created_at", "input_hash", "issue", "variant", "q", "rounds", "rounds_run",
                            "stopped", "forecast", "forecast_mean", "baseline_median", "baseline_mean", "inputs",
                            "source", "note", "eirene_version")
SUMMARY: tuple[str, ...] = tuple(c for c in COLUMNS if c != "inputs")


@dataclass(frozen=True)
class StoredRun:
    """One stored run. rounds: the limit asked for; rounds_run: the rounds it took (stopped
    "converged" when a round moved nobody). source: where the inputs came from (a file,
    "web"). inputs: None when only the summary was read (stored_runs(..., inputs=False))."""

    id: int
    created_at: str
    input_hash: str
    issue: str | None
    variant: Variant
    q: float
    rounds: int
    rounds_run: int
    stopped: str
    forecast: float
    forecast_mean: float
    baseline_median: float
    baseline_mean: float
    inputs: ScenarioInputs | None = None
    source: str | None = None
    note: str | None = None
    eirene_version: str | None = None

    def summary(self) -> dict[str, Any]:
        """Everything but the inputs, as JSON-ready values."""
        return {name: getattr(self, name) for name in SUMMARY}

    def to_dict(self) -> dict[str, Any]:
        out = self.summary()
        if self.inputs is not None:
            out["inputs"] = self.inputs.to_dict()
        return out


def save_run(store: Store, result: ScenarioResult, *, rounds: int, source: str | None = None,
             note: str | None = None) -> StoredRun:
    """Store `result` (run with the limit `rounds`). RETURNS the stored run with its id.

    RAISES (StoreError): E410 the store is open read-only, E409 the write failed.
    """
    created = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    values = [created, result.input_hash, result.inputs.issue, result.variant, result.q, rounds,
              len(result.rounds) - 1, result.stopped, result.forecast, result.rounds[-1].mean,
              result.baseline_median, result.baseline_mean,
              json.dumps(result.inputs.to_dict(), ensure_ascii=False, default=str), source, note, __version__]
    names = COLUMNS[1:]
    sql = (f"INSERT INTO scenario_runs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
           "RETURNING id")
    rows = store.write("a scenario run", lambda execute: execute(sql, values))
    return stored_run(store, int(rows[0][0]))


def stored_runs(store: Store, *, limit: int | None = None, inputs: bool = False) -> list[StoredRun]:
    """The stored runs, newest first (with their inputs when `inputs`)."""
    columns = COLUMNS if inputs else SUMMARY
    sql = f"SELECT {', '.join(columns)} FROM scenario_runs ORDER BY id DESC"
    params: list[Any] = []
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_from_row(row) for row in store.query(sql, params)]


def stored_run(store: Store, run_id: int) -> StoredRun:
    """The stored run `run_id` with its inputs. RAISES (ScenarioError E550): no such run."""
    rows = store.query(f"SELECT {', '.join(COLUMNS)} FROM scenario_runs WHERE id = ?", [int(run_id)])
    if not rows:
        raise ScenarioError("E550", run_id=run_id, path=store.location)
    return _from_row(rows[0])


def reproduce(run: StoredRun) -> tuple[ScenarioResult, bool]:
    """Run the stored inputs again with the stored settings: the result, and whether its
    inputs hash and forecast are those stored."""
    if run.inputs is None:
        raise ValueError("read the run with its inputs (stored_run) to reproduce it")
    result = run_scenario(run.inputs, rounds=run.rounds, q=run.q, variant=run.variant)
    same = result.input_hash == run.input_hash and result.forecast == run.forecast
    return result, same


def _from_row(row: dict[str, Any]) -> StoredRun:
    values = dict(row)
    created = values["created_at"]
    values["created_at"] = created.isoformat(sep=" ") if isinstance(created, dt.datetime) else str(created)
    if "inputs" in values:
        data = values["inputs"]
        data = json.loads(data) if isinstance(data, str) else data
        # through YAML, the way the inputs file is read, so a stored run reads as its file did
        values["inputs"] = inputs_from_yaml(yaml.safe_dump(data, sort_keys=False), where=f"scenario run {row['id']}")
    return StoredRun(**values)
