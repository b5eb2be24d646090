"""What a scenario URL asks for: its base inputs, the numbers changed, and the model's settings.

Why URLs and not posted state: a scenario page (and its JSON twin) is read-only, so it
can be shared and cited as a link. The base is a stored run (`run=3`) or a derivation
from the served database (`low=Afghanistan&high=Taliban&as_of=2018-12-31&window=4y`);
changes come as `set=PAK.salience=0.9` or, from the page's form, as one parameter per
number (`Pakistan.salience=0.9`), of which only those that differ from the base count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from eirene.errors import EireneError, ScenarioError
from eirene.scenario.inputs import FIELDS, Override, ScenarioInputs, apply_overrides, parse_override
from eirene.scenario.issue import issue_from_dict
from eirene.web.errors import WebError
from eirene.web.state import WebState

MAX_SETTINGS = 300  # changed numbers in one request
DEFAULTS = {"rounds": 10, "q": 1.0, "variant": "scholz"}


@dataclass(frozen=True)
class ScenarioQuery:
    """The parameters of one scenario request (see the module docstring)."""

    run: int | None = None
    name: str | None = None
    low: str | None = None
    high: str | None = None
    actors: str | None = None
    scale_low: float = 0.0
    scale_high: float = 100.0
    as_of: str | None = None
    window: str = "180d"
    min_events: int = 1
    rounds: int | None = None
    q: float | None = None
    variant: str | None = None
    settings: tuple[str, ...] = ()
    form: tuple[tuple[str, str], ...] = field(default=())

    def base_params(self) -> dict[str, Any]:
        """The parameters that name the base inputs (for links and the page's form)."""
        if self.run is not None:
            return {"run": self.run}
        return {"name": self.name, "low": self.low, "high": self.high, "actors": self.actors,
                "scale_low": self.scale_low, "scale_high": self.scale_high, "as_of": self.as_of,
                "window": self.window, "min_events": self.min_events}


@dataclass(frozen=True)
class Scenario:
    """A request resolved: the base inputs, the inputs run, the settings, and where the base came from."""

    base: ScenarioInputs
    inputs: ScenarioInputs
    rounds: int
    q: float
    variant: str
    origin: str
    changed: tuple[Override, ...]


def form_numbers(items: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The query parameters that set one number (`Name.salience=0.4`), from all of them."""
    found = tuple((k, v) for k, v in items if k.rpartition(".")[2] in FIELDS and k.rpartition(".")[0])
    if len(found) > MAX_SETTINGS:
        raise WebError(400, "E551", reason=f"more than {MAX_SETTINGS} numbers changed at once")
    return found


def resolve(state: WebState, query: ScenarioQuery) -> Scenario:
    """The scenario a request names. RAISES (EireneError): E550 no such stored run, E551 no
    base named, E54x a bad issue, date, window, setting or value."""
    rounds, q, variant = DEFAULTS["rounds"], DEFAULTS["q"], DEFAULTS["variant"]
    if query.run is not None:
        from eirene.scenario.stored import stored_run

        run = stored_run(state.store, query.run)
        assert run.inputs is not None
        base, origin = run.inputs, f"stored run {run.id} ({run.created_at})"
        rounds, q, variant = run.rounds, run.q, run.variant
    elif query.low and query.high and query.as_of:
        base = state.cached(("scenario-derive", query.base_params().__repr__()), lambda: _derive(state, query))
        origin = f"derived from this database, {base.derived.get('since')} to {base.derived.get('as_of')}"
    else:
        raise WebError(400, "E551", reason="name the base inputs: run=ID (a stored run), or low, high and "
                       "as_of (anchors of the two ends and the last day read) to derive them")
    changed = _changes(base, query)
    inputs = apply_overrides(base, changed)
    return Scenario(base, inputs, query.rounds or rounds, q if query.q is None else query.q,
                    query.variant or variant, origin, changed)


def _derive(state: WebState, query: ScenarioQuery) -> ScenarioInputs:
    from eirene.scenario.derive import derive_inputs

    def names(text: str | None) -> list[str]:
        return [n.strip() for n in (text or "").split(",") if n.strip()]

    issue = issue_from_dict({"name": query.name or "Issue", "scale": [query.scale_low, query.scale_high],
                             "low": {"anchors": names(query.low)}, "high": {"anchors": names(query.high)},
                             "actors": names(query.actors)}, where="the request")
    try:
        return derive_inputs(state.system(), issue, as_of=str(query.as_of), window=query.window,
                             min_events=query.min_events)
    except (ValueError, OverflowError) as exc:  # a window reaching before year 1
        raise ScenarioError("E546", name="window", value=query.window, reason=str(exc)) from None


def _changes(base: ScenarioInputs, query: ScenarioQuery) -> tuple[Override, ...]:
    """The overrides of the request that change a number of the base (in the order given)."""
    wanted = [parse_override(text) for text in query.settings]
    for key, value in query.form:
        try:
            wanted.append(parse_override(f"{key}={value}"))
        except EireneError:
            if value.strip():
                raise
    changed = []
    for override in wanted:
        current = getattr(base.actor(override.actor), override.field)
        if not math.isclose(current, override.value, rel_tol=1e-12, abs_tol=1e-15):
            changed.append(override)
    return tuple(changed)


def settings_text(changed: tuple[Override, ...]) -> list[str]:
    """The changes as `set` parameters (ACTOR.FIELD=NUMBER)."""
    return [f"{o.actor}.{o.field}={o.value!r}" for o in changed]
