"""Per-host politeness: how many requests at once, and how far apart they start.

Why per host: a run over one site must not hammer it however many URLs it has, while
a run over many sites may still fetch several at once. Runs inside the fetch loop
(asyncio); every request to a host passes through `slot(host)`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostGate:
    """At most `per_host` open requests to one host, their starts `delay` seconds apart.

    per_host (int): open requests per host.
    delay (float): default seconds between request starts; `set_delay` raises it for a
        host (a robots.txt Crawl-delay).
    """

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host = per_host
        self.delay = delay
        self._open: dict[str, asyncio.Semaphore] = {}
        self._turn: dict[str, asyncio.Lock] = {}
        self._next_start: dict[str, float] = {}
        self._delay: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """Space this host's requests at least `seconds` apart (never below the default)."""
        self._delay[host] = max(self.delay, seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's request slots, entered no sooner than its delay allows."""
        opened = self._open.setdefault(host, asyncio.Semaphore(self.per_host))
        turn = self._turn.setdefault(host, asyncio.Lock())
        async with opened:
            async with turn:
                loop = asyncio.get_running_loop()
                wait = self._next_start.get(host, 0.0) - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                self._next_start[host] = loop.time() + self._delay.get(host, self.delay)
            yield
