"""What asking for a URL ends in: a Page (an answer with its body) or a Failure.

Why a Failure carries `retry`: a timeout or a 503 may pass, so the URL is asked for
again on the next run or poll; a 404, a PDF or a page too large will not change, so
the store remembers it as seen and later runs skip it (until `--refetch`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from http import HTTPStatus

from eirene.errors import InputError
from eirene.records import DocFailure

#: HTTP statuses below 500 worth asking again for (with every 5xx), in this run with
#: backoff and in the next run.
TRANSIENT_STATUSES = frozenset({408, 425, 429})
#: Failures that may pass by themselves: the URL is tried again next time.
TRANSIENT_CODES = frozenset({"E121", "E122", "E123", "E130"})


def is_transient(status: int | None) -> bool:
    """Whether an answer with this HTTP status may be different if asked again later."""
    return status is not None and (status in TRANSIENT_STATUSES or status >= 500)


def now_iso() -> str:
    """UTC wall time, ISO, to the second (as the fetch log stores it)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()


@dataclass(frozen=True)
class Page:
    """An HTTP answer that arrived whole (any status below 400, 304 included).

    url (str): the address asked for (normalised).
    final_url (str): where the answer came from, after redirects.
    status (int): the HTTP status of that answer.
    content_type (str | None): its Content-Type, without parameters, lower case.
    charset (str | None): the charset the Content-Type names, if any.
    body (bytes): the body (empty for 304 Not Modified).
    fetched_at (str): when it arrived, ISO UTC.
    etag / last_modified (str | None): validators for the next conditional request.
    """

    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    body: bytes
    fetched_at: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Failure:
    """Why a URL gave no usable page: its E-code and message, and whether to try again.

    url (str): the address asked for.
    code (str): the E-code (E120-E131).
    message (str): the full message, naming the URL, the reason and what to do.
    status (int | None): the HTTP status, when an answer came.
    final_url (str | None): where the last answer came from, after redirects.
    retry (bool): a transient failure, asked for again next time.
    fetched_at (str): when it failed, ISO UTC.
    reason (str): the cause in a few words ("connection refused", "HTTP 503").
    """

    url: str
    code: str
    message: str
    status: int | None = None
    final_url: str | None = None
    retry: bool = False
    fetched_at: str = ""
    reason: str = ""

    def as_doc_failure(self) -> DocFailure:
        """The failure as `eirene errors` lists it: source = the URL."""
        return DocFailure(source=self.url, code=self.code, message=self.message)


def failure(code: str, url: str, *, status: int | None = None, final_url: str | None = None,
            retry: bool | None = None, **details: object) -> Failure:
    """A Failure whose message is the E-code's template filled with `url` and `details`.

    retry (bool | None): None decides from the code and status (TRANSIENT_*).
    """
    message = str(InputError(code, url=url, status=status, **details))
    if retry is None:
        retry = code in TRANSIENT_CODES or (code == "E124" and is_transient(status))
    reason = str(details.get("reason") or (f"HTTP {status}" if status else code))
    return Failure(url=url, code=code, message=message, status=status, final_url=final_url,
                   retry=retry, fetched_at=now_iso(), reason=reason)


def http_failure(url: str, status: int, final_url: str, attempts: int) -> Failure:
    """E124 for an answer of 400 or above, with advice that fits the status."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    if is_transient(status):
        advice = f"Asked {attempts} time(s); it is tried again next time."
    elif status in (401, 403):
        advice = "The site refuses eirene; it is not asked again (use --refetch after checking)."
    elif status in (404, 410):
        advice = "The page is gone; it is not asked again."
    else:
        advice = "It is not asked again (use --refetch to try once more)."
    return failure("E124", url, status=status, final_url=final_url, phrase=phrase, advice=advice)
