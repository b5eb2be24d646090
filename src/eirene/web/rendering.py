"""Rendering pages: the Jinja2 environment, `render`, the error page and query strings.

Why a module of its own: every router that answers with HTML (pages, review, the map)
renders through the same environment (autoescape on: every value from the database is
escaped), and none of them needs to import another's views for it.
"""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from eirene.web.state import WebState

TEMPLATES = Path(__file__).parent / "templates"

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
templates = Jinja2Templates(env=_env)


def render(request: Request, name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> Response:
    state: WebState = request.app.state.eirene
    context.setdefault("writable", state.writable)
    return templates.TemplateResponse(request, name, context, status_code=status, headers=headers)


def kept_page(request: Request, build: Callable[[], Response]) -> Response:
    """The page `build` renders, rendered once per URL until the data changes.

    Why: a network page is a megabyte of HTML made from a kept answer; rendering it anew
    for every reader costs more than the answer itself. Only pages whose HTML depends on
    the URL and the data alone (not on a form's state) are kept this way.
    """
    state: WebState = request.app.state.eirene

    def rendered() -> tuple[bytes, int, str | None]:
        response = build()
        return bytes(response.body), response.status_code, response.media_type

    body, status, media_type = state.cached(("page", request.url.path, request.url.query), rendered)
    return Response(body, status_code=status, media_type=media_type)


def error_page(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return render(request, "error.html", status=status, headers=headers, code=code, message=message, status_code=status)


def query_string(**params: Any) -> str:
    """The non-empty parameters as a query string (for links that keep the filters)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return urlencode(kept)


def web_link(url: object) -> str | None:
    """The URL when it may become a link (http or https with a host), else None.

    Why: a document's url comes from its input; `javascript:` or `data:` in an href
    would run script in the analyst's browser (stored XSS), so any other URL is
    shown as text only.
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    if any(ord(char) < 0x21 for char in text):  # control characters and inner spaces
        return None
    parts = urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


_env.globals["qs"] = query_string
_env.globals["web_link"] = web_link
