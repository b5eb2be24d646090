"""Scenarios in the web app: the JSON API under /api/scenarios and the page /scenarios.

Reads are GET requests whose URL names the whole scenario (scenario_query.py), so a
page with changed numbers is a link an analyst can share. The one write, storing a run
(POST /api/scenarios/runs, or the page's Save form), needs the token as uploads and
corrections do, and takes the app's write lock.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError

from eirene.scenario.chart import paths_svg
from eirene.scenario.inputs import inputs_from_yaml
from eirene.scenario.rounds import ScenarioResult, run_scenario
from eirene.scenario.sensitivity import vary_each
from eirene.scenario.stored import StoredRun, save_run, stored_run, stored_runs
from eirene.web.api import ERRORS, WRITE_ERRORS, check_token, read_limited, web_state, write_form
from eirene.web.errors import WebError
from eirene.web.models import ErrorResponse
from eirene.web.rendering import render
from eirene.web.scenario_models import (ScenarioInputsModel, ScenarioResultModel, ScenarioRunDetail, ScenarioRunList,
                                        ScenarioRunRequest, ScenarioRunSummary, SensitivityModel)
from eirene.web.scenario_query import Scenario, ScenarioQuery, form_numbers, resolve, settings_text
from eirene.web.state import WebState

api_router = APIRouter(prefix="/api/scenarios", tags=["scenarios"], responses=ERRORS)
page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]
NOT_FOUND = {404: {"model": ErrorResponse, "description": "No stored run with this id"}}
FORM_LIMIT = 20_000
BODY_LIMIT = 2_000_000  # a run request's inputs with their evidence (about 1.5 kB per actor)
EVIDENCE_LINKS = 5  # event links per number on the page; the count says how many there are


def scenario_query(
    request: Request,
    run: Annotated[int | None, Query(ge=1, le=2_147_483_647, description="a stored run as the base")] = None,
    name: Annotated[str | None, Query(max_length=200, description="the issue's name (derived base)")] = None,
    low: Annotated[str | None, Query(max_length=500, description="anchor actors of the low end, comma-separated")]
    = None,
    high: Annotated[str | None, Query(max_length=500, description="anchor actors of the high end")] = None,
    actors: Annotated[str | None, Query(max_length=500, description="the issue's actors (default: the anchors)")]
    = None,
    scale_low: Annotated[float, Query(ge=-1e9, le=1e9)] = 0.0,
    scale_high: Annotated[float, Query(ge=-1e9, le=1e9)] = 100.0,
    as_of: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="last day read, YYYY-MM-DD")]
    = None,
    window: Annotated[str, Query(pattern=r"^\d{1,4}[dwmyDWMY]$", description="180d, 26w, 6m, 3y")] = "180d",
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    rounds: Annotated[int | None, Query(ge=1, le=100, description="default: the stored run's, else 10")] = None,
    q: Annotated[float | None, Query(ge=0, le=1, description="status-quo probability; default 1")] = None,
    variant: Annotated[Literal["scholz", "textbook"] | None, Query()] = None,
    settings: Annotated[list[str], Query(alias="set", max_length=300,
                                         description="changed numbers, ACTOR.FIELD=NUMBER")] = [],  # noqa: B006
) -> ScenarioQuery:
    """The scenario a request names, from its query string (see eirene.web.scenario_query)."""
    return ScenarioQuery(run=run, name=name, low=low, high=high, actors=actors, scale_low=scale_low,
                         scale_high=scale_high, as_of=as_of, window=window, min_events=min_events, rounds=rounds,
                         q=q, variant=variant, settings=tuple(settings),
                         form=form_numbers(list(request.query_params.multi_items())))


Wanted = Annotated[ScenarioQuery, Depends(scenario_query)]


def _run(scenario: Scenario) -> ScenarioResult:
    return run_scenario(scenario.inputs, rounds=scenario.rounds, q=scenario.q, variant=scenario.variant)  # type: ignore[arg-type]


def _scenario_key(scenario: Scenario) -> tuple[Any, ...]:
    """What a run's outcome depends on: the inputs (as a digest), rounds, q and variant."""
    text = json.dumps(scenario.inputs.to_dict(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest(), scenario.rounds, scenario.q, scenario.variant


def _run_kept(state: WebState, scenario: Scenario) -> ScenarioResult:
    """The model's run, computed once per scenario until the data changes (pages and API share it)."""
    return state.cached(("scenario-run", *_scenario_key(scenario)), lambda: _run(scenario))


def _sweep_kept(state: WebState, scenario: Scenario, field: str, change: float) -> Any:
    """The sensitivity sweep (two runs per actor, seconds with many actors), computed once per scenario."""
    return state.cached(("scenario-sweep", *_scenario_key(scenario), field, change),
                        lambda: vary_each(scenario.inputs, field, change, rounds=scenario.rounds,  # type: ignore[arg-type]
                                          q=scenario.q, variant=scenario.variant))  # type: ignore[arg-type]


def _result_dict(scenario: Scenario, result: ScenarioResult) -> dict[str, Any]:
    return {**result.to_dict(), "origin": scenario.origin, "changed": settings_text(scenario.changed)}


# -- the JSON API -----------------------------------------------------------------------------
@api_router.get("/runs", response_model=ScenarioRunList, summary="Stored scenario runs, newest first")
def list_runs(state: State, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> ScenarioRunList:
    found = stored_runs(state.store, limit=limit)
    return ScenarioRunList(total=len(found), runs=[ScenarioRunSummary(**r.summary()) for r in found])


@api_router.get("/runs/{run_id}", response_model=ScenarioRunDetail, responses=NOT_FOUND,
                summary="One stored run with its inputs (run it again with /api/scenarios/result?run=ID)")
def get_run(state: State, run_id: Annotated[int, Path(ge=1, le=2_147_483_647)]) -> ScenarioRunDetail:
    return ScenarioRunDetail(**stored_run(state.store, run_id).to_dict())


@api_router.get("/inputs", response_model=ScenarioInputsModel, responses=NOT_FOUND,
                summary="The inputs a scenario URL names: a stored run's or derived ones, with changes applied")
def get_inputs(state: State, wanted: Wanted) -> dict[str, Any]:
    return resolve(state, wanted).inputs.to_dict()


@api_router.get("/result", response_model=ScenarioResultModel, responses=NOT_FOUND,
                summary="Run the model on a scenario URL's inputs: every round, the forecast and the baselines")
def get_result(state: State, wanted: Wanted) -> dict[str, Any]:
    scenario = resolve(state, wanted)
    return _result_dict(scenario, _run_kept(state, scenario))


@api_router.get("/sensitivity", response_model=SensitivityModel, responses=NOT_FOUND,
                summary="Each actor's number lowered and raised (and all at once): how the forecast moves")
def get_sensitivity(state: State, wanted: Wanted,
                    field: Literal["salience", "capability", "position"] = "salience",
                    change: Annotated[float, Query(gt=0, lt=1)] = 0.2) -> dict[str, Any]:
    scenario = resolve(state, wanted)
    return _sweep_kept(state, scenario, field, change).to_dict()


@api_router.post("/runs", response_model=ScenarioRunDetail, status_code=201, responses={**WRITE_ERRORS, 422: {"model": ErrorResponse,
                 "description": "The body is not a run request (the message says which part)"}},
                 summary="Run the model on the inputs sent and store the run (needs the token)",
                 openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                     "type": "object", "required": ["inputs"], "properties": {
                         "inputs": {"type": "object", "description": "the inputs as `GET /api/scenarios/inputs` "
                                    "answers them (actors: name, capability, position, salience; scale; issue)"},
                         "rounds": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
                         "q": {"type": "number", "minimum": 0, "maximum": 1, "default": 1.0},
                         "variant": {"type": "string", "enum": ["scholz", "textbook"], "default": "scholz"},
                         "note": {"type": "string", "maxLength": 500}}}}}}})
async def post_run(request: Request, state: State) -> ScenarioRunDetail:
    check_token(state, request.headers.get("authorization"))  # before the body is read, as for uploads
    raw = await read_limited(request, BODY_LIMIT)
    try:
        body = ScenarioRunRequest.model_validate_json(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
        raise WebError(422, "E551", reason=problems or "the body is not JSON") from None
    inputs = inputs_from_yaml(json.dumps(body.inputs.model_dump(exclude_none=True)), where="the request body")
    result = run_scenario(inputs, rounds=body.rounds, q=body.q, variant=body.variant)
    saved = await run_in_threadpool(_save, state, result, body.rounds, "api", body.note)
    return ScenarioRunDetail(**saved.to_dict())


def _save(state: WebState, result: ScenarioResult, rounds: int, source: str, note: str | None) -> StoredRun:
    if not state.writable:
        raise WebError(403, "E503")
    with state.write_lock:
        return save_run(state.store, result, rounds=rounds, source=source, note=note)


# -- the pages --------------------------------------------------------------------------------
@page_router.get("/scenarios")
def scenarios_page(request: Request, state: State) -> Response:
    """The stored runs, and a form that derives inputs from this database."""
    return render(request, "scenarios.html", runs=stored_runs(state.store, limit=200))


@page_router.get("/scenarios/view")
def scenario_page(request: Request, state: State, wanted: Wanted) -> Response:
    """One scenario: its inputs (editable, with evidence), the paths, the forecast and the sweep."""
    scenario = resolve(state, wanted)
    result = _run_kept(state, scenario)
    sensitivity = _sweep_kept(state, scenario, "salience", 0.2)
    settled = result.stopped == "converged"  # a round moved nobody: the last median is where it rests
    tail = [r.median for r in result.rounds[-3:]] if len(result.rounds) > 3 and not settled else []
    changed = {(o.actor.lower(), o.field) for o in scenario.changed}
    edited = {(a.name, f) for a in scenario.inputs.actors for f in ("capability", "position", "salience")
              if (a.name.lower(), f) in changed or ((a.key or "").lower(), f) in changed}
    return render(request, "scenario.html", scenario=scenario, result=result, svg=Markup(paths_svg(result)),
                  sensitivity=sensitivity, base=wanted.base_params(), edited=edited,
                  unsettled=(min(tail), max(tail)) if tail and max(tail) - min(tail) > 1e-9 else None,
                  settings=settings_text(scenario.changed), evidence_links=EVIDENCE_LINKS,
                  query=request.url.query)


@page_router.post("/scenarios/save")
async def save_form(request: Request, state: State) -> Response:
    """The page's Save form: store the scenario its URL names (needs the token)."""
    fields = await write_form(request, state, FORM_LIMIT)
    scope = {**request.scope, "method": "GET", "query_string": fields.get("query", "").encode()}
    wanted = _query_of(Request(scope))
    scenario = await run_in_threadpool(resolve, state, wanted)
    saved = await run_in_threadpool(_save, state, _run(scenario), scenario.rounds, "web: " + fields.get("query", ""),
                                    fields.get("note") or None)
    return RedirectResponse(f"/scenarios/view?run={saved.id}", status_code=303)


def _query_of(request: Request) -> ScenarioQuery:
    """The ScenarioQuery of a query string that came in a form field."""
    params = request.query_params
    try:
        return ScenarioQuery(
            run=int(params["run"]) if params.get("run") else None, name=params.get("name"), low=params.get("low"),
            high=params.get("high"), actors=params.get("actors"),
            scale_low=float(params.get("scale_low") or 0), scale_high=float(params.get("scale_high") or 100),
            as_of=params.get("as_of"), window=params.get("window") or "180d",
            min_events=int(params.get("min_events") or 1),
            rounds=int(params["rounds"]) if params.get("rounds") else None,
            q=float(params["q"]) if params.get("q") else None, variant=params.get("variant") or None,
            settings=tuple(params.getlist("set")), form=form_numbers(list(params.multi_items())))
    except ValueError as exc:
        raise WebError(400, "E551", reason=f"the saved query is not readable ({exc})") from None
