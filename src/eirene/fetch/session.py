"""The fetch loop in a thread of its own, driven from ordinary (blocking) code.

Why a thread: fetching is waiting on many servers at once (asyncio), while storing and
coding are blocking work in the caller's thread. The session keeps one event loop,
one connection pool, the robots.txt rules and the per-host pacing for its whole life
(a run, or every poll of `eirene watch`), and hands results back as they arrive.

    with FetchSession(FetchPolicy(delay=0)) as session:
        for page_or_failure in session.get_many(urls):
            ...
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from eirene.fetch.client import Fetcher, Stopped
from eirene.fetch.outcomes import Failure, Page
from eirene.fetch.policy import FetchPolicy

T = TypeVar("T")
Headers = Callable[[str], dict[str, str] | None]


class FetchSession:
    """A running fetch loop.

    policy (FetchPolicy): the limits every request keeps.
    transport (httpx.AsyncBaseTransport | None): another transport (tests); None is the network.
    """

    def __init__(self, policy: FetchPolicy = FetchPolicy(), *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.policy = policy
        self.stop_event = threading.Event()
        self._pending: set[Future[Any]] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="eirene-fetch", daemon=True)
        self._thread.start()
        self._fetcher: Fetcher = self._call(self._open(transport))

    async def _open(self, transport: httpx.AsyncBaseTransport | None) -> Fetcher:
        return Fetcher(self.policy, transport=transport, stop=self.stop_event)

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    @property
    def stopped(self) -> bool:
        return self.stop_event.is_set()

    def stop(self) -> None:
        """Send no new request; those under way finish (each within the policy's deadline)."""
        self.stop_event.set()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Page | Failure | None:
        """One URL, blocking. RETURNS None when the session was stopped before it went out."""
        return next(iter(self.get_many([url], headers=lambda _url: headers)), (url, None))[1]

    def get_many(self, urls: Iterable[str], *, headers: Headers | None = None,
                 window: int | None = None) -> Iterator[tuple[str, Page | Failure]]:
        """(url, outcome) for each URL, in the order they complete.

        At most `window` answers (default: 4 x the policy's concurrency) are fetched ahead
        of the caller, so a slow consumer (the coder) bounds the memory the bodies take.
        After `stop()`, URLs not yet asked for are dropped without a result.
        """
        limit = window or 4 * self.policy.concurrency
        waiting = iter(urls)
        running: dict[Future[Page | Failure | None], str] = {}
        try:
            while True:
                while len(running) < limit and not self.stopped:
                    url = next(waiting, None)
                    if url is None:
                        break
                    future = asyncio.run_coroutine_threadsafe(
                        self._guarded(url, headers(url) if headers else None), self._loop)
                    running[future] = url
                    self._pending.add(future)
                if not running:
                    return
                done, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in done:
                    url = running.pop(future)
                    self._pending.discard(future)
                    outcome = future.result()
                    if outcome is not None:
                        yield url, outcome
        finally:
            for future in running:  # the caller stopped reading: drop what is under way
                future.cancel()
                self._pending.discard(future)

    async def _guarded(self, url: str, headers: dict[str, str] | None) -> Page | Failure | None:
        try:
            return await self._fetcher.get(url, headers=headers)
        except Stopped:
            return None

    def close(self) -> None:
        """Cancel what is under way, close the connections and end the loop's thread."""
        for future in list(self._pending):
            future.cancel()
        self._pending.clear()
        if self._loop.is_running():
            try:
                self._call(self._fetcher.aclose())
            finally:
                self._loop.call_soon_threadsafe(self._loop.stop)
                self._thread.join(timeout=10)
        if not self._loop.is_running():
            self._loop.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
