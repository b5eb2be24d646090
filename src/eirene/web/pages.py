"""The HTML pages: each one a shareable URL (its filters in the query string) with a JSON twin.

Views only parse parameters, call eirene.web.queries and render a Jinja2 template
(autoescape on: every value from the database is escaped).
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from eirene.errors import EireneError
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES
from eirene.web import queries
from eirene.web.api import ClaimRule, Rule, check_token, read_limited, web_state
from eirene.web.errors import WebError
from eirene.web.highlight import document_spans, event_spans, paragraph_around, pieces
from eirene.web.ingest import code_file, code_jsonl, form_to_jsonl
from eirene.web.rendering import error_page, kept_page, query_string, render  # noqa: F401 (error_page: the app's)
from eirene.web.models import StatsModel
from eirene.web.state import WebState

PAGE_SIZE = 50
OVERVIEW_DOCUMENTS = 200  # the first documents by date; /api/documents pages through all
EVIDENCE_PAGE = 200  # events listed under a dyad's chart, per page

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]


@router.get("/")
def overview(request: Request, state: State, rule: Rule) -> Response:
    shown = state.cached(("overview", rule), lambda: _overview(state, rule))
    return render(request, "index.html", **shown, rule=queries.rule_model(rule), rule_params=rule.as_params())


def _overview(state: WebState, rule: Any) -> dict[str, Any]:
    """What the overview shows, computed once per counting rule until the next write."""
    top_nodes, top_edges, names = [], [], {}
    try:
        graph = queries.network(state, since=None, until=None, rule=rule)
        names = {n.key: n.name for n in graph.nodes}
        top_nodes, top_edges = graph.nodes[:10], graph.edges[:10]
    except EireneError as err:
        if err.code == "E461":
            raise  # out of time: say so rather than show a partial page
        # without the actor system the overview still shows the store's counts
    return {"stats": state.kept(("stats", 10), lambda: queries.stats(state.store), StatsModel), "series": queries.events_over_time(state.store),
            "top_nodes": top_nodes, "top_edges": top_edges, "names": names,
            "documents": queries.document_list(state.store, limit=OVERVIEW_DOCUMENTS, offset=0)}


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
    min_confidence: str | None = None,
    method: str | None = None,
    dated: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> Response:
    filters = {"actor": actor, "recipient": recipient, "type": type, "quad": quad, "factuality": factuality,
               "since": since, "until": until, "q": q, "doc": doc, "min_confidence": min_confidence,
               "method": method, "dated": dated}
    flt = queries.event_filter_of(filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    listing = queries.event_list(state.store, flt, state)
    undated_filter = dataclasses.replace(flt, dated=False, limit=None, offset=0)
    undated = state.cached(("undated", undated_filter), lambda: state.store.count_events(undated_filter))
    return render(request, "events.html", listing=listing, filters=filters, page=page, page_size=PAGE_SIZE,
                  types=PLOVER_TYPES, factualities=FACTUALITY_VALUES, undated=undated)


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
    key = (event.doc_id, event.start, event.end, event.trigger)
    corrections = [queries.correction_model(c) for c in state.store.corrections(doc_id=event.doc_id) if c.key == key]
    return render(request, "event.html", event=event, document=document, sentence=sentence, paragraph=paragraph,
                  corrections=corrections, types=PLOVER_TYPES, factualities=FACTUALITY_VALUES,
                  corrected=request.query_params.get("corrected"))


@router.get("/documents/{doc_id:path}")
def document_page(request: Request, state: State, doc_id: str) -> Response:
    from eirene.fetch.ledger import fetch_log
    from eirene.languages import not_coded_reason
    from eirene.stories import story_of

    detail, events = queries.document_and_events(state.store, doc_id)
    return render(request, "document.html", doc=detail, events=events,
                  text=pieces(detail.text, document_spans(events)), story=story_of(state.store, doc_id),
                  fetched=fetch_log(state.store, doc_id), not_coded=not_coded_reason(detail.language))


@router.get("/actors")
def actors_page(request: Request, state: State, q: str | None = None) -> Response:
    listing = queries.actor_search(state, q, limit=200)
    if q and len(listing.actors) == 1:
        return RedirectResponse(f"/actors/{listing.actors[0].key}", status_code=303)
    return render(request, "actors.html", listing=listing, q=q or "")


@router.get("/actors/{key}")
def actor_page(request: Request, state: State, key: str, rule: Rule) -> Response:
    profile = queries.actor_profile(state, key, rule)
    if profile.node.key != key:
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/actors/{profile.node.key}{query}", status_code=307)
    return render(request, "actor.html", profile=profile, years=profile.model_dump(mode="json")["by_year"],
                  rule=profile.rule, rule_params=rule.as_params())


@router.get("/dyads/{a}/{b}")
def dyad_page(
    request: Request,
    state: State,
    a: str,
    b: str,
    rule: Rule,
    freq: str = "M",
    directed: bool = False,
    since: str | None = None,
    until: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> Response:
    if freq not in ("W", "M", "Q", "Y"):
        raise WebError(400, "E502", name="freq", value=freq, reason="use W, M, Q or Y")

    def build() -> Response:
        series = queries.dyad(state, a, b, freq=freq, directed=directed, rule=rule, since=since, until=until)
        system = state.system()
        counted, mention_of = state.cached(
            ("dyad-mentions", series.a.key, series.b.key, directed, rule, since, until),
            lambda: _evidence(system.dyad_mention_keys(series.a.key, series.b.key, directed=directed, rule=rule,
                                                       since=queries.blank(since), until=queries.blank(until))))
        shown = counted[(page - 1) * EVIDENCE_PAGE: page * EVIDENCE_PAGE]  # a page of evidence, never all of it
        events = state.store.events_by_id([event_id for event_id, _ in shown])
        return render(request, "dyad.html", series=series, periods=series.model_dump(mode="json")["periods"],
                      events=events, mention_of=mention_of, freq=freq, directed=directed, since=since or "",
                      until=until or "", rule=series.rule, rule_params=rule.as_params(), page=page,
                      page_size=EVIDENCE_PAGE, evidence_total=len(counted))

    return kept_page(request, build)


def _evidence(counted: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The dyad's events with their happening keys, and each event's first mention (computed once)."""
    first_of: dict[str, str] = {}
    return counted, {event_id: first_of.setdefault(happening, event_id) for event_id, happening in counted}


@router.get("/dyads")
def dyads_page(request: Request, state: State, rule: Rule, since: str | None = None, until: str | None = None) -> Response:
    def build() -> Response:
        graph = queries.network(state, since=since, until=until, rule=rule)
        names = {n.key: n.name for n in graph.nodes}
        return render(request, "dyads.html", graph=graph, names=names, since=since or "", until=until or "",
                      rule=graph.rule, rule_params=rule.as_params())

    return kept_page(request, build)


@router.get("/network")
def network_page(
    request: Request,
    state: State,
    rule: Rule,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    def build() -> Response:
        graph = queries.network(state, since=since, until=until, rule=rule)
        stats = state.kept(("stats", 1), lambda: queries.stats(state.store, top=1), StatsModel)
        names = {n.key: n.name for n in graph.nodes}
        return render(request, "network.html", graph=graph, graph_json=graph.model_dump(mode="json"), stats=stats,
                      since=since or "", until=until or "", names=names, rule_params=rule.as_params())

    return kept_page(request, build)


@router.get("/counting")
def counting_page(request: Request) -> Response:
    from eirene.analysis.rule import CountingRule
    from eirene.analysis.ties import TieRule

    return render(request, "counting.html", rule=CountingRule(), ties=TieRule())


@router.get("/claims")
def claims_page(
    request: Request,
    state: State,
    rule: ClaimRule,
    about: str | None = None,
    by: str | None = None,
    type: str | None = None,
    page: Annotated[int, Query(ge=1, le=10_000_000)] = 1,
) -> Response:
    listing = queries.claims(state, about=about, by=by, event_type=type, limit=PAGE_SIZE,
                             offset=(page - 1) * PAGE_SIZE, rule=rule)
    return render(request, "claims.html", listing=listing, about=about or "", by=by or "", type=type or "",
                  page=page, page_size=PAGE_SIZE, types=PLOVER_TYPES, rule=queries.rule_model(rule),
                  rule_params=rule.as_params())


@router.get("/upload")
def upload_form(request: Request) -> Response:
    return render(request, "upload.html", result=None, form={})


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
    return render(request, "upload.html", status=201, result=result, form={})
