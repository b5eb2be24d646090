"""One polite GET: robots.txt, the per-host gate, retries with backoff, a size limit,
and redirects followed by hand so each hop is checked like the first.

Runs inside the fetch loop (asyncio, httpx.AsyncClient); eirene.fetch.session drives it
from ordinary code. Nothing here raises for a bad URL or a bad server: every outcome
is a Page or a Failure (eirene.fetch.outcomes).
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
import threading
import time
from dataclasses import dataclass, replace
from urllib.parse import urljoin

import httpx

from eirene.fetch.gate import HostGate
from eirene.fetch.outcomes import Failure, Page, failure, http_failure, is_transient, now_iso
from eirene.fetch.policy import FetchPolicy
from eirene.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache
from eirene.fetch.urls import NotFetchable, host_of, normalise_url

REDIRECTS = frozenset({301, 302, 303, 307, 308})


class Stopped(Exception):
    """The run was asked to stop before this request went out; the URL stays unasked."""


@dataclass(frozen=True)
class _Answer:
    """An HTTP answer read whole."""

    status: int
    headers: httpx.Headers
    body: bytes


@dataclass(frozen=True)
class _Broken:
    """No usable answer: the E-code and the cause in a few words."""

    code: str
    reason: str
    size: str = ""


class Fetcher:
    """Asks for URLs within a FetchPolicy. Create and use it inside one event loop.

    policy (FetchPolicy): the limits.
    transport (httpx.AsyncBaseTransport | None): another transport (tests); None is
        the network.
    stop (threading.Event | None): once set, no new request goes out (Stopped).
    """

    def __init__(self, policy: FetchPolicy, *, transport: httpx.AsyncBaseTransport | None = None,
                 stop: threading.Event | None = None) -> None:
        self.policy = policy
        self.stop = stop or threading.Event()
        self.gate = HostGate(policy.per_host, policy.delay)
        self.robots = RobotsCache(lambda url: self.get(url, check_robots=False, max_bytes=ROBOTS_MAX_BYTES))
        self._open = asyncio.Semaphore(policy.concurrency)
        self._client = httpx.AsyncClient(
            headers={"User-Agent": policy.user_agent},
            timeout=httpx.Timeout(policy.timeout), follow_redirects=False, transport=transport,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(self, url: str, *, headers: dict[str, str] | None = None, check_robots: bool = True,
                  max_bytes: int | None = None) -> Page | Failure:
        """GET `url`, following up to `policy.max_redirects` redirects, each hop checked.

        headers: extra request headers (conditional ones: If-None-Match, If-Modified-Since);
            they are sent to the first address only.
        RAISES (Stopped): the stop event was set before a request went out.
        """
        try:
            current = normalise_url(url)
        except NotFetchable as err:
            return failure("E120", url, reason=str(err))
        for _hop in range(self.policy.max_redirects + 1):
            if check_robots and self.policy.obey_robots:
                refused = await self._robots_refusal(current)
                if refused is not None:
                    return replace(refused, url=url, final_url=current)
            answer, attempts = await self._attempts(current, headers, max_bytes or self.policy.max_bytes)
            if isinstance(answer, _Broken):
                return _failure_of(answer, url, current, attempts, self.policy)
            location = answer.headers.get("location")
            if answer.status in REDIRECTS and location:
                target = urljoin(current, location)
                try:
                    current, headers = normalise_url(target), None
                except NotFetchable as err:
                    return failure("E120", url, final_url=current, reason=f"it redirects to {target}, and {err}")
                continue
            if answer.status >= 400:
                return http_failure(url, answer.status, current, attempts)
            return _page(url, current, answer)
        return failure("E125", url, final_url=current, limit=self.policy.max_redirects, last=current)

    async def _robots_refusal(self, url: str) -> Failure | None:
        rules = await self.robots.rules_for(url)
        delay = rules.crawl_delay()
        if delay is not None:
            self.gate.set_delay(host_of(url), min(delay, self.policy.max_wait))
        return await self.robots.check(url)

    async def _attempts(self, url: str, headers: dict[str, str] | None, max_bytes: int) -> tuple[_Answer | _Broken, int]:
        """Ask until an answer that is not transient, or the retries run out."""
        attempts = 0
        while True:
            attempts += 1
            outcome = await self._once(url, headers, max_bytes)
            transient = (outcome.code in ("E121", "E122", "E123") if isinstance(outcome, _Broken)
                         else is_transient(outcome.status))
            if not transient or attempts > self.policy.retries:
                return outcome, attempts
            await asyncio.sleep(self._wait(outcome, attempts))
            if self.stop.is_set():
                return outcome, attempts

    def _wait(self, outcome: _Answer | _Broken, attempts: int) -> float:
        """Retry-After when the server sends one (capped), else exponential backoff."""
        if isinstance(outcome, _Answer):
            after = _retry_after(outcome.headers.get("retry-after"))
            if after is not None:
                return min(after, self.policy.max_wait)
        return min(self.policy.backoff * 2 ** (attempts - 1), self.policy.max_wait)

    async def _once(self, url: str, headers: dict[str, str] | None, max_bytes: int) -> _Answer | _Broken:
        """One request, within the open-request limits, the host's gate and the deadline."""
        async with self.gate.slot(host_of(url)), self._open:
            if self.stop.is_set():
                raise Stopped(url)
            try:
                async with asyncio.timeout(self.policy.deadline):
                    return await self._read(url, headers, max_bytes)
            except (TimeoutError, httpx.TimeoutException):
                return _Broken("E123", "no answer in time")
            except httpx.ConnectError as err:
                if _is_dns_failure(err):
                    return _Broken("E121", _cause(err))
                return _Broken("E122", _cause(err))
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as err:
                return _Broken("E120", str(err))
            except httpx.HTTPError as err:
                return _Broken("E122", _cause(err))

    async def _read(self, url: str, headers: dict[str, str] | None, max_bytes: int) -> _Answer | _Broken:
        """Stream the answer, stopping as soon as it passes `max_bytes` (decoded)."""
        async with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                return _Broken("E127", "too large", size=f"{int(declared) / 1048576:.1f} MB declared")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    return _Broken("E127", "too large", size="more than that arrived")
            return _Answer(response.status_code, response.headers, bytes(body))


def _page(url: str, final_url: str, answer: _Answer) -> Page:
    content_type, charset = _content_type(answer.headers.get("content-type"))
    return Page(url=url, final_url=final_url, status=answer.status, content_type=content_type, charset=charset,
                body=answer.body, fetched_at=now_iso(), etag=answer.headers.get("etag"),
                last_modified=answer.headers.get("last-modified"))


def _failure_of(broken: _Broken, url: str, current: str, attempts: int, policy: FetchPolicy) -> Failure:
    if broken.code == "E127":
        return failure("E127", url, final_url=current, limit=f"{policy.max_mb:g}", size=broken.size,
                       reason=broken.reason)
    if broken.code == "E123":
        return failure("E123", url, final_url=current, timeout=f"{policy.timeout:g}", attempts=attempts,
                       reason=broken.reason)
    return failure(broken.code, url, final_url=current, reason=broken.reason, attempts=attempts)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """("text/html", "utf-8") from "text/html; charset=UTF-8"."""
    if not header:
        return None, None
    kind, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return kind.strip().lower() or None, charset


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_dns_failure(err: BaseException) -> bool:
    """Whether a connection error comes from resolving the host name."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        seen = seen.__cause__ or seen.__context__
    text = str(err).lower()
    return "name or service not known" in text or "nodename nor servname" in text or "name resolution" in text


def _cause(err: BaseException) -> str:
    """The innermost message of an httpx error chain, in a few words."""
    seen: BaseException = err
    while (seen.__cause__ or seen.__context__) is not None:
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    text = str(seen).strip() or str(err).strip() or type(seen).__name__
    return text.splitlines()[0][:200]
