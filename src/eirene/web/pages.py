"""The HTML pages: each one a shareable URL (its filters in the query string) with a JSON twin.

Views only parse parameters, call eirene.web.queries and render a Jinja2 template
(autoescape on: every value from the database is escaped).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from eirene.errors import EireneError
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES
from eirene.web import queries
from eirene.web.api import check_token, read_limited, web_state
from eirene.web.errors import WebError
from eirene.web.highlight import document_spans, event_spans, paragraph_around, pieces
from eirene.web.ingest import code_file, code_jsonl, form_to_jsonl
from eirene.web.state import WebState

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 50

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
templates = Jinja2Templates(env=_env)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]


def _render(request: Request, name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> Response:
    state: WebState = request.app.state.eirene
    context.setdefault("writable", state.writable)
    return templates.TemplateResponse(request, name, context, status_code=status, headers=headers)


def error_page(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return _render(request, "error.html", status=status, headers=headers, code=code, message=message, status_code=status)


def query_string(**params: Any) -> str:
    """The non-empty parameters as a query string (for links that keep the filters)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return urlencode(kept)


_env.globals["qs"] = query_string


@router.get("/")
def overview(request: Request, state: State) -> Response:
    stats = queries.stats(state.store)
    series = queries.events_over_time(state.store)
    top_nodes, top_edges, names = [], [], {}
    try:
        graph = queries.network(state, since=None, until=None, factuality=None)
        names = {n.key: n.name for n in graph.nodes}
        top_nodes, top_edges = graph.nodes[:10], graph.edges[:10]
    except EireneError:
        pass  # without the actor system the overview still shows the store's counts
    documents = queries.document_list(state.store, limit=1000, offset=0)
    return _render(request, "index.html", stats=stats, series=series, top_nodes=top_nodes, top_edges=top_edges,
                   names=names, documents=documents)


@router.get("/events")
def events_page(
    request: Request,
    state: State,
    actor: str | None = None,
    recipient: str | None = None,
    type: str | None = None,
    quad: Annotated[str | None, Query()] = None,
    factuality: str | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    doc: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> Response:
    quad_value = _quad(quad)
    filters = {"actor": actor, "recipient": recipient, "type": type, "quad": quad, "factuality": factuality,
               "since": since, "until": until, "q": q, "doc": doc}
    flt = queries.event_filter(actor=actor, recipient=recipient, event_type=type, quad=quad_value,
                               factuality=factuality, since=since, until=until, q=q, doc=doc,
                               limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    listing = queries.event_list(state.store, flt)
    return _render(request, "events.html", listing=listing, filters=filters, page=page, page_size=PAGE_SIZE,
                   types=PLOVER_TYPES, factualities=FACTUALITY_VALUES)


def _quad(value: str | None) -> int | None:
    value = queries.blank(value)
    if value is None:
        return None
    if not value.isdigit() or int(value) > 4:
        raise WebError(400, "E502", name="quad", value=value, reason="use 1, 2, 3 or 4")
    return int(value)


@router.get("/events/{event_id}")
def event_page(request: Request, state: State, event_id: str) -> Response:
    event = queries.get_event(state.store, event_id)
    document = state.store.get_document(event.doc_id)
    text = document.text if document is not None else event.text
    para_start, para_end = paragraph_around(text, event.start, event.end) if document else (event.start, event.end)
    sentence = pieces(event.text, event_spans(event), base=event.start)
    paragraph = {
        "before": text[para_start:event.start] if document else "",
        "after": text[event.end:para_end] if document else "",
    }
    return _render(request, "event.html", event=event, document=document, sentence=sentence, paragraph=paragraph)


@router.get("/documents/{doc_id:path}")
def document_page(request: Request, state: State, doc_id: str) -> Response:
    from eirene.fetch.ledger import fetch_log
    from eirene.languages import not_coded_reason
    from eirene.stories import story_of

    detail = queries.document_detail(state.store, doc_id)
    events = state.store.events(queries.event_filter(doc=doc_id))
    return _render(request, "document.html", doc=detail, events=events,
                   text=pieces(detail.text, document_spans(events)), story=story_of(state.store, doc_id),
                   fetched=fetch_log(state.store, doc_id), not_coded=not_coded_reason(detail.language))


@router.get("/actors")
def actors_page(request: Request, state: State, q: str | None = None) -> Response:
    listing = queries.actor_search(state, q, limit=200)
    if q and len(listing.actors) == 1:
        return RedirectResponse(f"/actors/{listing.actors[0].key}", status_code=303)
    return _render(request, "actors.html", listing=listing, q=q or "")


@router.get("/actors/{key}")
def actor_page(request: Request, state: State, key: str) -> Response:
    profile = queries.actor_profile(state, key)
    if profile.node.key != key:
        return RedirectResponse(f"/actors/{profile.node.key}", status_code=307)
    return _render(request, "actor.html", profile=profile, years=profile.model_dump(mode="json")["by_year"])


@router.get("/dyads/{a}/{b}")
def dyad_page(
    request: Request,
    state: State,
    a: str,
    b: str,
    freq: str = "M",
    directed: bool = False,
    factuality: str | None = "asserted",
    since: str | None = None,
    until: str | None = None,
) -> Response:
    if freq not in ("W", "M", "Q", "Y"):
        raise WebError(400, "E502", name="freq", value=freq, reason="use W, M, Q or Y")
    series = queries.dyad(state, a, b, freq=freq, directed=directed,
                          factuality=queries.check_factuality(factuality), since=since, until=until)
    flt = dict(since=since, until=until, factuality=queries.check_factuality(factuality))
    forward = state.store.events(queries.event_filter(actor=series.a.key, recipient=series.b.key, **flt))
    backward = [] if directed else state.store.events(queries.event_filter(actor=series.b.key, recipient=series.a.key, **flt))
    events = sorted({e.id: e for e in [*forward, *backward]}.values(), key=lambda e: (e.date or "", e.doc_id, e.start))
    return _render(request, "dyad.html", series=series, periods=series.model_dump(mode="json")["periods"], events=events, freq=freq, directed=directed,
                   factuality=factuality or "", since=since or "", until=until or "")


@router.get("/network")
def network_page(
    request: Request,
    state: State,
    since: str | None = None,
    until: str | None = None,
    factuality: str | None = "asserted",
) -> Response:
    graph = queries.network(state, since=since, until=until, factuality=queries.check_factuality(factuality))
    stats = queries.stats(state.store, top=1)
    return _render(request, "network.html", graph=graph, graph_json=graph.model_dump(mode="json"), stats=stats, since=since or "", until=until or "",
                   factuality=factuality or "")


@router.get("/claims")
def claims_page(
    request: Request,
    state: State,
    about: str | None = None,
    by: str | None = None,
    type: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> Response:
    listing = queries.claims(state, about=about, by=by, event_type=type, limit=PAGE_SIZE,
                             offset=(page - 1) * PAGE_SIZE)
    return _render(request, "claims.html", listing=listing, about=about or "", by=by or "", type=type or "",
                   page=page, page_size=PAGE_SIZE, types=PLOVER_TYPES)


@router.get("/upload")
def upload_form(request: Request) -> Response:
    return _render(request, "upload.html", result=None, form={})


@router.post("/upload")
async def upload(request: Request, state: State) -> Response:
    """The upload form: the token is a form field; a file or pasted text is coded and stored."""
    if not state.writable:
        raise WebError(403, "E503")
    body = await read_limited(request, state.max_upload_bytes)

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_token(state, fields.get("token"), bearer=False)
    date = queries.blank(fields.get("date"))
    upload_file = form.get("file")
    if isinstance(upload_file, UploadFile) and upload_file.filename:
        data = await upload_file.read()
        result = await run_in_threadpool(code_file, state, upload_file.filename, data, default_date=date)
    elif queries.blank(fields.get("text")):
        jsonl = form_to_jsonl(text=fields["text"], title=queries.blank(fields.get("title")), date=date,
                              doc_id=queries.blank(fields.get("id")))
        result = await run_in_threadpool(code_jsonl, state, jsonl)
    else:
        raise WebError(400, "E507", reason="choose a file or paste the article's text")
    return _render(request, "upload.html", status=201, result=result, form={})
