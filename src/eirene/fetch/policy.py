"""How politely and how far eirene fetches: one frozen object, checked once.

Why defaults this cautious: eirene runs unattended (`eirene watch`) against other
people's servers. One request per second per host, two at a time, robots.txt obeyed
and a user agent that names eirene is what news sites expect of a well-behaved
crawler; a user raises the pace only for sites they run or may load.
"""

from __future__ import annotations

from dataclasses import dataclass

from eirene import __version__
from eirene.errors import InputError

USER_AGENT = f"eirene/{__version__} (political event coder; polite fetcher; obeys robots.txt)"
#: The name matched against robots.txt `User-agent:` lines.
ROBOTS_AGENT = "eirene"


@dataclass(frozen=True)
class FetchPolicy:
    """The limits every request keeps.

    user_agent (str): sent with every request; it names eirene and its version.
    timeout (float): seconds to wait to connect, and between two pieces of an answer;
        an attempt that takes over three times this in all is a timeout too.
    retries (int): further attempts after a transient failure (timeout, lost
        connection, HTTP 408, 429, 5xx).
    backoff (float): seconds before the first retry, doubled before each next one; a
        Retry-After header wins, up to `max_wait`.
    max_wait (float): the longest Retry-After honoured, in seconds.
    max_mb (float): the largest answer read, in MB; a larger one fails (E127) unread.
    delay (float): seconds between the starts of two requests to the same host (a
        longer robots.txt Crawl-delay wins).
    per_host (int): requests open at once to one host.
    concurrency (int): requests open at once in all.
    max_redirects (int): redirects followed before giving up (E125).
    obey_robots (bool): fetch only what robots.txt allows eirene; turn it off only for
        sites you run.
    """

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 60.0
    max_mb: float = 5.0
    delay: float = 1.0
    per_host: int = 2
    concurrency: int = 8
    max_redirects: int = 5
    obey_robots: bool = True

    def __post_init__(self) -> None:
        positive = {"timeout": self.timeout, "max_mb": self.max_mb, "per_host": self.per_host,
                    "concurrency": self.concurrency}
        for name, value in positive.items():
            if not value > 0:
                raise InputError("E133", option=name, value=value, reason="it must be above 0")
        at_least_zero = {"retries": self.retries, "backoff": self.backoff, "max_wait": self.max_wait,
                         "delay": self.delay, "max_redirects": self.max_redirects}
        for name, value in at_least_zero.items():
            if value < 0:
                raise InputError("E133", option=name, value=value, reason="it must be 0 or more")
        if not self.user_agent.strip():
            raise InputError("E133", option="user_agent", value=self.user_agent,
                             reason="name your crawler so site owners can tell who fetches")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @property
    def deadline(self) -> float:
        """The longest one attempt may take, start to last byte."""
        return self.timeout * 3
