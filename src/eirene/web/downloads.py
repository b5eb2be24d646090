"""Downloads: any filtered event list, a dyad's events, the dyads table or the claims, as CSV or Excel.

Why the same filters as the pages: the link under a table carries that table's query
string, so the file holds exactly the rows the analyst is looking at (all pages of
them), counted under the same rule. CSV is UTF-8 with a header row; Excel is one sheet
written with openpyxl. Text that a spreadsheet would run as a formula (= + - @ first)
is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response, StreamingResponse

from eirene.records import Event
from eirene.web import queries
from eirene.web.api import ClaimRule, Rule, web_state
from eirene.web.state import WebState

router = APIRouter(prefix="/download", include_in_schema=False)
State = Annotated[WebState, Depends(web_state)]
Format = Annotated[Literal["csv", "xlsx"], Path(description="csv or xlsx")]
PAGE = 5_000
EXCEL_ROWS = 1_048_575  # Excel's sheet limit, less the header
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "date", "date_precision", "event_type", "mode", "quad_class", "intensity", "factuality", "actors",
    "actor_keys", "recipients", "recipient_keys", "attributed_to", "trigger", "text", "doc_id", "confidence",
    "method", "location", "lat", "lon",
)
KEEP_CHARS = 2_000_000  # a CSV download kept in memory at most (a longer one is streamed each time)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def event_row(event: Event) -> dict[str, Any]:
    """One event as a flat row (lists of actors joined with "; ")."""
    def keys(refs: Iterable[Any]) -> str:
        return "; ".join(r.actor_id or r.country or "" for r in refs)

    loc = event.location
    return {
        "id": event.id, "date": event.date, "date_precision": event.date_precision, "event_type": event.event_type,
        "mode": event.mode, "quad_class": event.quad_class, "intensity": event.intensity,
        "factuality": event.factuality, "actors": "; ".join(r.name for r in event.actors),
        "actor_keys": keys(event.actors), "recipients": "; ".join(r.name for r in event.recipients),
        "recipient_keys": keys(event.recipients),
        "attributed_to": event.attributed_to.name if event.attributed_to else None, "trigger": event.trigger,
        "text": " ".join(event.text.split()), "doc_id": event.doc_id, "confidence": event.confidence,
        "method": event.method, "location": loc.name if loc else None, "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
    }


def safe(value: Any) -> Any:
    """A cell value a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table_response(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str, name: str) -> Response:
    """The rows as a CSV (streamed) or an Excel download named `name`.csv / .xlsx."""
    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if fmt == "csv":
        return StreamingResponse(_csv_chunks(rows, columns), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(_xlsx(rows, columns, name), media_type=XLSX, headers=headers)


def kept_table(request: Request, rows_of: Callable[[], Iterable[dict[str, Any]]], columns: Sequence[str], fmt: str,
               name: str) -> Response:
    """`table_response`, with a CSV of up to KEEP_CHARS kept per URL until the data changes:
    the same file asked again (a shared link) is not made again. A longer one is streamed."""
    state: WebState = request.app.state.eirene
    if fmt == "csv":
        body = state.cached(("download", request.url.path, request.url.query), lambda: _bounded_csv(rows_of(), columns))
        if body is not None:
            return Response(body, media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
    return table_response(rows_of(), columns, fmt, name)


def _bounded_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str | None:
    """The whole CSV, or None when it runs past KEEP_CHARS (then it is streamed, not kept)."""
    chunks, size = [], 0
    for chunk in _csv_chunks(rows, columns):
        chunks.append(chunk)
        size += len(chunk)
        if size > KEEP_CHARS:
            return None
    return "".join(chunks)


def _csv_chunks(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for i, row in enumerate(rows, 1):
        writer.writerow(["" if row.get(c) is None else safe(row.get(c)) for c in columns])
        if i % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _xlsx(rows: Iterable[dict[str, Any]], columns: Sequence[str], name: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=name[:31] or "eirene")
    sheet.append(list(columns))
    for i, row in enumerate(rows):
        if i >= EXCEL_ROWS:
            break
        sheet.append([safe(row.get(c)) for c in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _all_events(state: WebState, flt: Any) -> Iterator[dict[str, Any]]:
    """Every event of a filter, a page at a time (a download is not limited to one page)."""
    import dataclasses

    offset = 0
    while True:
        page = state.store.events(dataclasses.replace(flt, limit=PAGE, offset=offset))
        yield from (event_row(e) for e in page)
        if len(page) < PAGE:
            return
        offset += PAGE


@router.get("/events.{fmt}")
def download_events(request: Request, state: State, fmt: Format) -> Response:
    """The event list of /events with the same query parameters, every page of it."""
    filters = {k: request.query_params.get(k) for k in ("actor", "recipient", "type", "quad", "factuality", "since",
                                                          "until", "q", "doc", "min_confidence", "method", "dated")}
    flt = queries.event_filter_of(filters)
    return kept_table(request, lambda: _all_events(state, flt), EVENT_COLUMNS, fmt, "events")


@router.get("/dyad.{fmt}")
def download_dyad(request: Request, state: State, fmt: Format, a: str, b: str, rule: Rule, directed: bool = False,
                  since: str | None = None, until: str | None = None) -> Response:
    """The events a dyad counts, each with its happening (reports of one happening share it)."""
    node_a, node_b = queries.resolve(state, a), queries.resolve(state, b)
    since, until = queries.check_bound("since", since), queries.check_bound("until", until)

    def rows() -> Iterator[dict[str, Any]]:
        counted = state.system().dyad_events(node_a.key, node_b.key, directed=directed, rule=rule, since=since,
                                             until=until)
        return ({**event_row(e), "happening": key} for e, key in counted)

    return kept_table(request, rows, (*EVENT_COLUMNS, "happening"), fmt, f"dyad-{node_a.key}-{node_b.key}")


DYAD_COLUMNS: tuple[str, ...] = (
    "a", "a_name", "b", "b_name", "events", "mentions", "cooperation", "conflict", "balance", "intensity_mean",
    "stories", "expected", "observed", "excess", "tie", "reason", "rule",
)


@router.get("/dyads.{fmt}")
def download_dyads(request: Request, state: State, fmt: Format, rule: Rule, since: str | None = None,
                   until: str | None = None) -> Response:
    """Every dyad of the network page: counts under the rule and the tie against the baselines."""
    graph = queries.network(state, since=since, until=until, rule=rule)
    names = {n.key: n.name for n in graph.nodes}
    legend = graph.rule.legend

    def rows() -> Iterator[dict[str, Any]]:
        return ({"a": e.source, "a_name": names.get(e.source, e.source), "b": e.target,
                 "b_name": names.get(e.target, e.target),
                 **e.model_dump(exclude={"source", "target", "sign", "weight"}), "rule": legend} for e in graph.edges)

    return kept_table(request, rows, DYAD_COLUMNS, fmt, "dyads")


CLAIM_COLUMNS: tuple[str, ...] = (
    "date", "kind", "claimant", "accused", "event_type", "recipients", "factuality", "trigger", "text", "note",
    "doc_id", "event_id",
)


@router.get("/claims.{fmt}")
def download_claims(request: Request, state: State, fmt: Format, rule: ClaimRule, about: str | None = None, by: str | None = None,
                    type: str | None = None) -> Response:
    """Every claim of the claims page's filters (all pages)."""
    def rows() -> Iterator[dict[str, Any]]:
        listing = queries.claims(state, about=about, by=by, event_type=type, limit=10_000_000, offset=0, rule=rule)
        return ({"date": c.date, "kind": c.kind,
                 "claimant": "; ".join(r.name for r in c.claimants) or "(unattributed)",
                 "accused": "; ".join(r.name for r in c.accused), "event_type": c.event_type,
                 "recipients": "; ".join(r.name for r in c.recipients), "factuality": c.factuality,
                 "trigger": c.trigger, "text": " ".join(c.text.split()), "note": c.note, "doc_id": c.doc_id,
                 "event_id": c.event_id} for c in listing.claims)

    return kept_table(request, rows, CLAIM_COLUMNS, fmt, "claims")
