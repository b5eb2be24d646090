"""The JSON API under /api: thin routes over eirene.web.queries, one response model each.

Every 4xx answers `{"error": {"code", "message"}}` (documented in /openapi.json);
write routes need `Authorization: Bearer <token>` and a body under the size limit.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool

from eirene.web import queries
from eirene.web.errors import WebError
from eirene.web.ingest import body_to_jsonl, code_jsonl
from eirene.web.models import (
    ActorList,
    ActorProfileModel,
    ClaimList,
    DocumentDetail,
    DocumentList,
    DyadSeries,
    ErrorResponse,
    EventList,
    EventModel,
    IngestResult,
    NetworkModel,
    StatsModel,
)
from eirene.web.state import WebState

ERRORS = {
    400: {"model": ErrorResponse, "description": "A parameter is invalid (the message says which and why)"},
    422: {"model": ErrorResponse, "description": "A parameter has the wrong type or is out of range"},
    503: {"model": ErrorResponse, "description": "The actor-system analysis is not available"},
}
NOT_FOUND = {404: {"model": ErrorResponse, "description": "No such item (or an actor name that does not resolve)"}}
WRITE_ERRORS = {
    401: {"model": ErrorResponse, "description": "No token sent"},
    403: {"model": ErrorResponse, "description": "The server is read-only (no token configured) or the token is wrong"},
    413: {"model": ErrorResponse, "description": "The body is over the size limit"},
}

router = APIRouter(prefix="/api", responses=ERRORS)

Text = Annotated[str | None, Query(max_length=500)]
Bound = Annotated[str | None, Query(max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")]
Level = Annotated[Literal["country", "actor"], Query(description="country: states collapse to their country")]
Factuality = Annotated[
    str | None,
    Query(max_length=100, description="asserted (default), alleged, negated, hypothetical, future, or all; "
                                      "several comma-separated"),
]
Freq = Annotated[Literal["W", "M", "Q", "Y"], Query(description="period length: week, month, quarter, year")]
Limit = Annotated[int, Query(ge=0, le=1000, description="page size (max 1000)")]
Offset = Annotated[int, Query(ge=0, le=2_147_483_647)]
Key = Annotated[str, Path(max_length=500)]


def web_state(request: Request) -> WebState:
    return request.app.state.eirene


State = Annotated[WebState, Depends(web_state)]
Method = Annotated[str | None, Query(max_length=200, description="count only these methods: rule, model, or full "
                                                                  "ids, comma-separated")]
MinConfidence = Annotated[float | None, Query(ge=0, le=1, description="count only events at least this sure")]


def rule_params(factuality: Factuality = "asserted", method: Method = None, min_confidence: MinConfidence = None,
                merge: Annotated[bool, Query(description="reports of one happening count once")] = True,
                self_loops: Annotated[bool, Query(description="count events whose actor and recipient are one node")]
                = False) -> Any:
    """The counting rule of a request (eirene.analysis.rule), from its query parameters."""
    return queries.counting_rule(factuality, method, min_confidence, merge, self_loops)


def claim_rule_params(method: Method = None, min_confidence: MinConfidence = None) -> Any:
    """The counting rule of a claims request: every factuality (a claim's makes it one)."""
    return queries.counting_rule("all", method, min_confidence)


Rule = Annotated[Any, Depends(rule_params)]
ClaimRule = Annotated[Any, Depends(claim_rule_params)]


@router.get("/stats", response_model=StatsModel, summary="Corpus counts, top actors and dyads")
def get_stats(state: State) -> StatsModel:
    return state.kept(("stats", 10), lambda: queries.stats(state.store), StatsModel)


@router.get("/documents", response_model=DocumentList, summary="Documents with their dates and event counts")
def list_documents(state: State, limit: Limit = 50, offset: Offset = 0) -> DocumentList:
    return state.cached(("documents", limit, offset), lambda: queries.document_list(state.store, limit=limit,
                                                                                  offset=offset))


@router.get("/documents/{doc_id:path}", response_model=DocumentDetail, responses=NOT_FOUND,
            summary="One document: its text and its events")
def get_document(state: State, doc_id: Key) -> DocumentDetail:
    return queries.document_detail(state.store, doc_id)


@router.get("/events", response_model=EventList, summary="Events matching the filters, by date")
def list_events(
    state: State,
    actor: Text = None,
    recipient: Text = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER type, e.g. ASSAULT")] = None,
    quad: Annotated[int | None, Query(ge=0, le=4, description="1 verbal coop .. 4 material conflict")] = None,
    factuality: Annotated[str | None, Query(max_length=20)] = None,
    since: Bound = None,
    until: Bound = None,
    q: Annotated[str | None, Query(max_length=500, description="text in the evidence sentence")] = None,
    doc: Text = None,
    min_confidence: MinConfidence = None,
    method: Annotated[str | None, Query(max_length=100, description="rule, model, or a full method id")] = None,
    dated: Annotated[bool | None, Query(description="true: only dated events; false: only undated ones")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventList:
    flt = queries.event_filter(actor=actor, recipient=recipient, event_type=type, quad=quad, factuality=factuality,
                               since=since, until=until, q=q, doc=doc, limit=limit, offset=offset,
                               min_confidence=min_confidence, method=method, dated=dated)
    return queries.event_list(state.store, flt, state)


@router.get("/events/{event_id}", response_model=EventModel, responses=NOT_FOUND, summary="One event by id")
def get_event(state: State, event_id: Key) -> EventModel:
    return queries.event_model(queries.get_event(state.store, event_id))


@router.get("/actors", response_model=ActorList, summary="Actors of the corpus whose name or key contains q")
def list_actors(state: State, q: Text = None, level: Level = "country",
                limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> ActorList:
    return queries.actor_search(state, q, level=level, limit=limit)


@router.get("/actors/{key}", response_model=ActorProfileModel, responses=NOT_FOUND,
            summary="An actor's profile: partners, adversaries, whom it sides with and opposes, years, roles")
def get_actor(state: State, key: Key, rule: Rule) -> ActorProfileModel:
    return queries.actor_profile(state, key, rule)


@router.get("/dyads/{a}/{b}", response_model=DyadSeries, responses=NOT_FOUND,
            summary="Cooperation and conflict between two actors over time")
def get_dyad(
    state: State,
    a: Key,
    b: Key,
    rule: Rule,
    freq: Freq = "M",
    directed: bool = False,
    level: Level = "country",
    since: Bound = None,
    until: Bound = None,
) -> DyadSeries:
    return queries.dyad(state, a, b, freq=freq, directed=directed, level=level, rule=rule, since=since, until=until)


@router.get("/network", response_model=NetworkModel,
            summary="The actor network of a time window: ties, blocs with their stability, the unassigned")
def get_network(
    state: State,
    rule: Rule,
    since: Bound = None,
    until: Bound = None,
    level: Level = "country",
    min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> NetworkModel:
    return queries.network(state, since=since, until=until, level=level, rule=rule, min_events=min_events)


@router.get("/claims", response_model=ClaimList, responses=NOT_FOUND, summary="Who claims what about whom")
def list_claims(
    state: State,
    rule: ClaimRule,
    about: Text = None,
    by: Text = None,
    type: Annotated[str | None, Query(max_length=20)] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> ClaimList:
    return queries.claims(state, about=about, by=by, event_type=type, limit=limit, offset=offset, rule=rule)


@router.post(
    "/documents", response_model=IngestResult, status_code=201, responses={**WRITE_ERRORS},
    summary="Code and store documents (a JSON document, a JSON array, or JSON Lines)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                    "id": {"type": "string"}, "text": {"type": "string"}, "title": {"type": "string"},
                    "date": {"type": "string"}, "url": {"type": "string"}, "source": {"type": "string"}}}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    },
)
async def post_documents(request: Request, state: State) -> IngestResult:
    check_token(state, request.headers.get("authorization"))
    body = await read_limited(request, state.max_upload_bytes)
    jsonl = body_to_jsonl(body)
    return await run_in_threadpool(code_jsonl, state, jsonl)


def check_token(state: WebState, header_or_token: str | None, *, bearer: bool = True) -> None:
    """401 when no token is sent, 403 when writing is off or the token is wrong."""
    if not state.writable:
        raise WebError(403, "E503")
    sent = (header_or_token or "").strip()
    if bearer:
        scheme, _, value = sent.partition(" ")
        sent = value.strip() if scheme.lower() == "bearer" else ""
    if not sent:
        raise WebError(401, "E504")
    if not state.token_matches(sent):
        raise WebError(403, "E505")


async def read_limited(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise WebError(413, "E506", size=int(declared), limit=limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise WebError(413, "E506", size=f"over {limit}", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


async def write_form(request: Request, state: WebState, limit: int = 20_000) -> dict[str, str]:
    """A page's write form: its text fields, after the body size (413) and the form's
    token field (401/403) are checked. Why read the body ourselves: the size check must
    come before the framework parses it."""
    if not state.writable:
        raise WebError(403, "E503")
    body = await read_limited(request, limit)

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_token(state, fields.get("token"), bearer=False)
    return fields
