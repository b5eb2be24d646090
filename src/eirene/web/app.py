"""`create_app`: the FastAPI app behind `eirene serve` — pages, JSON API, static files.

    >>> app = create_app("eirene.duckdb")                  # read-only
    >>> app = create_app("eirene.duckdb", token="s3cret")  # POST /api/documents and /upload work

Everything is served from the installed packages (plotly.js from the plotly package),
so the app works offline. Errors answer `{"error": {"code", "message"}}` under /api
and an HTML page elsewhere, never a bare traceback.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from eirene import __version__
from eirene.errors import EireneError
from eirene.store.duckdb_reads import READ_DEADLINE
from eirene.web import api, downloads, mapping, pages, review, scenarios
from eirene.web.errors import WebError, error_body, status_for
from eirene.web.hosts import allowed_hosts, host_allowed
from eirene.web.state import QUERY_TIME_LIMIT, WebState, token_from_env

if TYPE_CHECKING:
    from eirene.document_coder import Coder

log = logging.getLogger("eirene.web")

STATIC = Path(__file__).parent / "static"
WALL_GRACE = 2.0  # seconds a request may run past its read deadline before it answers 503
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def plotly_js() -> Path:
    """plotly.min.js as shipped inside the installed plotly package (no CDN)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_upload_bytes: int = 5_000_000,
    coder_factory: Callable[[], Coder] | None = None,
    allowed_host_names: Sequence[str] = (),
    query_time_limit: float | None = QUERY_TIME_LIMIT,
) -> FastAPI:
    """The web app over the eirene database `db`. RETURNS (FastAPI).

    token (str | None): the upload token; defaults to $EIRENE_TOKEN. Without one the
        database is opened read-only and every write endpoint answers 403.
    max_upload_bytes (int): largest upload body (413 above).
    coder_factory: builds the Coder on the first upload (default: Coder()).
    allowed_host_names (Sequence[str]): Host names answered besides 127.0.0.1 and
        localhost (the --host and --allowed-host values); others get 400 E460.
    query_time_limit (float | None): seconds one database read may take (503 E461 above).
    RAISES (StoreError): E401/E404 when the database cannot be opened.
    """
    state = WebState(db, token=token_from_env(token), max_upload_bytes=max_upload_bytes,
                     coder_factory=coder_factory, query_time_limit=query_time_limit)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="eirene",
        version=__version__,
        description="PLOVER political events coded from news text, with provenance, and the actor system "
        "they describe. Errors answer {\"error\": {\"code\", \"message\"}}.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; the app must work offline
        redoc_url=None,
    )
    app.state.eirene = state
    app.include_router(api.router)
    app.include_router(review.api_router)
    app.include_router(mapping.api_router)
    app.include_router(scenarios.api_router)
    app.include_router(pages.router)
    app.include_router(review.page_router)
    app.include_router(mapping.page_router)
    app.include_router(scenarios.page_router)
    app.include_router(downloads.router)
    vendor = plotly_js()

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly_static() -> FileResponse:
        return FileResponse(vendor, media_type="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_handlers(app)
    _install_middleware(app, allowed_hosts(allowed_host_names), query_time_limit)
    return app


def _install_middleware(app: FastAPI, hosts: frozenset[str], time_limit: float | None) -> None:
    """The Host allow-list (400 E460 for other names), the security headers on every
    answer, and each request's deadline for its database reads (503 E461 past it)."""
    shown = ", ".join(sorted(hosts))

    @app.middleware("http")
    async def deadline(request: Request, call_next):  # type: ignore[no-untyped-def]
        if time_limit is None:
            return await call_next(request)
        token = READ_DEADLINE.set(time.monotonic() + time_limit)
        try:
            # the reads stop themselves at the deadline; work in Python (a network's layout)
            # cannot be stopped, so the answer goes out as 503 while it finishes into the cache
            return await asyncio.wait_for(call_next(request), timeout=time_limit + WALL_GRACE)
        except TimeoutError:
            text = EireneError("E461", path=request.url.path, limit=f"{time_limit:g}").text
            return _answer(request, 503, "E461", text)
        finally:
            READ_DEADLINE.reset(token)

    @app.middleware("http")
    async def known_host(request: Request, call_next):  # type: ignore[no-untyped-def]
        header = request.headers.get("host")
        if not host_allowed(header, hosts):
            text = EireneError("E460", host=(header or "(none sent)")[:100], allowed=shown).text
            return _answer(request, 400, "E460", text)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def _answer(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_body(code, message), status_code=status, headers=headers)
    return pages.error_page(request, status, code, message, headers=headers)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(EireneError)
    async def eirene_error(request: Request, err: EireneError) -> Response:
        status = status_for(err)
        if err.code == "E461":
            log.warning("%s: %s", request.url.path, err.text)  # the limit at work, not a bug
        elif status >= 500:
            log.error("error answering %s", request.url.path, exc_info=err)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return _answer(request, status, err.code, err.text, headers)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, err: RequestValidationError) -> Response:
        problems = []
        for item in err.errors():
            where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body"))
            problems.append(f"{where}: {item.get('msg', 'invalid')}")
        text = WebError(422, "E502", name="(see below)", value="", reason="; ".join(problems)).text
        text = f"Invalid parameter(s): {'; '.join(problems)}." if problems else text
        return _answer(request, 422, "E502", text)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        if err.status_code == 404:
            return _answer(request, 404, "E508", EireneError("E508", path=request.url.path).text)
        if err.status_code == 405:
            return _answer(request, 405, "E510", EireneError("E510", method=request.method, path=request.url.path).text)
        if err.status_code == 400:  # a body the framework could not parse: the client's fault, like a bad field
            text = EireneError("E511", path=request.url.path, reason=str(err.detail)).text
            return _answer(request, 422, "E511", text)
        return _answer(request, err.status_code, "E509", str(err.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        log.error("unexpected error answering %s", request.url.path, exc_info=err)
        reason = f"{type(err).__name__}: {err}"[:300]
        return _answer(request, 500, "E509", EireneError("E509", path=request.url.path, reason=reason).text)
