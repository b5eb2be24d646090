"""robots.txt: may eirene fetch this URL? Read once per site and run, as RFC 9309 says.

What the answers mean (RFC 9309, section 2.3.1):
- 2xx: the rules in the file apply (urllib.robotparser reads them);
- 4xx (404 and also 401/403): there are no rules; everything may be fetched;
- 5xx: the site is "unreachable"; fetch nothing from it now (E130, tried again next
  run);
- no answer at all (the host does not resolve, refuses, times out): the page fails as
  its own request would (E121, E122, E123), tried again next run.
Redirects of robots.txt are followed (up to five); a Crawl-delay for eirene slows
that host's requests in the HostGate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from urllib.robotparser import RobotFileParser

from eirene.fetch.outcomes import Failure, Page, failure
from eirene.fetch.policy import ROBOTS_AGENT
from eirene.fetch.urls import host_of

#: The most of a robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB).
ROBOTS_MAX_BYTES = 512 * 1024

# fetch(url) -> the answer to a GET of robots.txt (redirects followed), or why none came
GetRobots = Callable[[str], Awaitable[Page | Failure]]


@dataclass(frozen=True)
class RobotsRules:
    """A site's rules: `parser` None means "fetch anything"; `unreachable` carries why nothing."""

    url: str
    parser: RobotFileParser | None
    unreachable: str | None = None
    no_answer: Failure | None = None

    def allows(self, url: str) -> bool:
        if self.unreachable is not None:
            return False
        return self.parser is None or self.parser.can_fetch(ROBOTS_AGENT, url)

    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(delay) if delay is not None else None


class RobotsCache:
    """Each site's robots.txt, asked for once (concurrent callers wait for the first)."""

    def __init__(self, get: GetRobots) -> None:
        self._get = get
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, url: str) -> RobotsRules:
        host = host_of(url)
        async with self._locks.setdefault(host, asyncio.Lock()):
            if host not in self._rules:
                self._rules[host] = await self._read(host + "/robots.txt")
            return self._rules[host]

    async def check(self, url: str) -> Failure | None:
        """None when `url` may be fetched; else E129 (disallowed) or E130 (unreachable)."""
        rules = await self.rules_for(url)
        if rules.no_answer is not None:  # its message names robots.txt, the request that failed
            return replace(rules.no_answer, url=url, final_url=rules.url)
        if rules.unreachable is not None:
            return failure("E130", url, robots=rules.url, reason=rules.unreachable)
        if not rules.allows(url):
            return failure("E129", url, robots=rules.url)
        return None

    async def _read(self, robots_url: str) -> RobotsRules:
        answer = await self._get(robots_url)
        if isinstance(answer, Failure):
            if answer.status is not None and 400 <= answer.status < 500:
                return RobotsRules(robots_url, None)
            if answer.code in ("E121", "E122", "E123"):
                return RobotsRules(robots_url, None, unreachable=answer.reason, no_answer=answer)
            return RobotsRules(robots_url, None, unreachable=answer.reason)
        parser = RobotFileParser(robots_url)
        text = answer.body[:ROBOTS_MAX_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        return RobotsRules(robots_url, parser)
