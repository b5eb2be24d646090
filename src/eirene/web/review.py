"""Review in the web app: correct an event, list corrections, undo one (JSON API and pages).

Why here and not in the views of events: a correction is a write, so every route here
checks the token as uploads do (a Bearer header for the API, a form field for pages),
takes the app's write lock, and clears the cached analyses after it, so the next page
already counts the corrected event.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from eirene import review
from eirene.corrections import Correction
from eirene.web.api import WRITE_ERRORS, check_token, web_state, write_form
from eirene.web.queries import correction_model
from eirene.web.rendering import render
from eirene.web.errors import WebError
from eirene.web.models import CorrectionList, CorrectionModel, CorrectionRequest, ErrorResponse, UndoRequest
from eirene.web.state import WebState

api_router = APIRouter(prefix="/api", tags=["review"])
page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
State = Annotated[WebState, Depends(web_state)]
NOT_FOUND = {404: {"model": ErrorResponse, "description": "No such event or correction"}}
FORM_LIMIT = 20_000


def _write(state: WebState, action: Any) -> Any:
    """Run one correction write under the app's write lock, then forget cached analyses."""
    if not state.writable:
        raise WebError(403, "E503")
    with state.write_lock:
        try:
            return action()
        finally:
            state.data_changed()


def _correct(state: WebState, event_id: str, body: CorrectionRequest) -> Correction:
    return _write(state, lambda: review.correct(
        state.store, event_id, reason=body.reason, author=body.author, wrong=body.wrong,
        event_type=body.event_type or None, actors=body.actors, recipients=body.recipients,
        factuality=body.factuality or None, date=body.date,
    ))


@api_router.get("/corrections", response_model=CorrectionList, summary="Corrections of coded events, oldest first")
def list_corrections(state: State, all: Annotated[bool, Query(description="include undone ones")] = False,
                     doc: Annotated[str | None, Query(max_length=500)] = None) -> CorrectionList:
    found = state.store.corrections(doc_id=doc, active=None if all else True)
    return CorrectionList(total=len(found), corrections=[correction_model(c) for c in found])


@api_router.post("/events/{event_id}/corrections", response_model=CorrectionModel, status_code=201,
                 responses={**WRITE_ERRORS, **NOT_FOUND}, summary="Mark an event wrong or fix its fields, with a reason")
async def post_correction(request: Request, state: State, body: CorrectionRequest,
                          event_id: Annotated[str, Path(max_length=100)]) -> CorrectionModel:
    check_token(state, request.headers.get("authorization"))
    return correction_model(await run_in_threadpool(_correct, state, event_id, body))


@api_router.post("/corrections/{correction_id}/undo", response_model=CorrectionModel,
                 responses={**WRITE_ERRORS, **NOT_FOUND, 409: {"model": ErrorResponse, "description": "Undone already"}},
                 summary="Undo a correction: the coder's event comes back")
async def post_undo(request: Request, state: State, correction_id: Annotated[int, Path(ge=1, le=2_147_483_647)],
                    body: UndoRequest | None = None) -> CorrectionModel:
    check_token(state, request.headers.get("authorization"))
    author = body.author if body is not None else None
    undone = await run_in_threadpool(_write, state, lambda: review.undo(state.store, correction_id, author))
    return correction_model(undone)


def _names(text: str | None) -> list[str] | None:
    """A form's comma-separated names; "-" for none; blank for no change."""
    if text is None or not text.strip():
        return None
    if text.strip() == "-":
        return []
    return [n.strip() for n in text.split(",") if n.strip()]


@page_router.post("/events/{event_id}/correct")
async def correct_form(request: Request, state: State, event_id: str) -> Response:
    """The event page's correction form: mark wrong, or fix type, actors, recipients, factuality, date."""
    fields = await write_form(request, state, FORM_LIMIT)
    body = CorrectionRequest(
        reason=fields.get("reason", "").strip() or " ", author=fields.get("author") or None,
        wrong=fields.get("action") == "wrong", event_type=fields.get("event_type") or None,
        actors=_names(fields.get("actors")), recipients=_names(fields.get("recipients")),
        factuality=fields.get("factuality") or None,
        date=fields.get("date") if fields.get("date", "").strip() else None,
    )
    saved = await run_in_threadpool(_correct, state, event_id, body)
    target = "/corrections" if saved.action == "wrong" else f"/events/{event_id}"
    return RedirectResponse(f"{target}?corrected={saved.id}", status_code=303)


@page_router.post("/corrections/{correction_id}/undo")
async def undo_form(request: Request, state: State, correction_id: int) -> Response:
    fields = await write_form(request, state, FORM_LIMIT)
    undone = await run_in_threadpool(
        _write, state, lambda: review.undo(state.store, correction_id, fields.get("author") or None))
    return RedirectResponse(f"/corrections?undone={undone.id}", status_code=303)


@page_router.get("/corrections")
def corrections_page(request: Request, state: State, all: bool = False) -> Response:
    found = state.store.corrections(active=None if all else True)
    return render(request, "corrections.html", corrections=[correction_model(c) for c in reversed(found)],
                  show_all=all, corrected=request.query_params.get("corrected"),
                  undone=request.query_params.get("undone"))
