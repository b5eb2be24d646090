"""Helpers of the fetch tests and their fixtures (tests/conftest.py): the guard that keeps
every connection on 127.0.0.1, the fast policy the tests fetch with, and fetching the
local news site (tests/news_site.py) into a store."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eirene.fetch import FetchPolicy, FetchSession, HarvestSummary, Sources, harvest
from eirene.store import open_store

#: Fast and strict: no pause between requests, short timeouts, a 1 MB page limit.
#: per_host=1 makes the site answer in feed order, so the first wire copy leads its story.
TEST_POLICY = FetchPolicy(delay=0.0, timeout=0.5, backoff=0.05, max_wait=0.2, max_mb=1.0, retries=2, per_host=1)
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LoopbackGuard:
    """While active, a connection or name lookup for anything but loopback is refused and
    recorded: `blocked` (connections) must stay empty; `lookups` lists refused names.

    The refusal comes before any packet is sent: a connect raises ConnectionRefusedError,
    a lookup socket.gaierror (as an unknown host does), so code under test sees the
    failures it would see offline, and the test sees that they were tried.
    """

    def __init__(self) -> None:
        self.blocked: list[Any] = []
        self.lookups: list[str] = []
        self._saved: dict[str, Any] = {}

    def __enter__(self) -> "LoopbackGuard":
        self._saved = {"connect": socket.socket.connect, "connect_ex": socket.socket.connect_ex,
                       "getaddrinfo": socket.getaddrinfo}
        guard = self

        def checked(real: Callable[..., Any]) -> Callable[..., Any]:
            def connect(sock: socket.socket, address: Any) -> Any:
                if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(str(address[0])):
                    guard.blocked.append(address)
                    raise ConnectionRefusedError(f"blocked by the test guard: {address} is not loopback")
                return real(sock, address)
            return connect

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            name = host.decode() if isinstance(host, bytes) else str(host)
            if host is not None and not _is_loopback(name):
                guard.lookups.append(name)
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (blocked by the test guard)")
            return self._saved["getaddrinfo"](host, *args, **kwargs)

        socket.socket.connect = checked(self._saved["connect"])  # type: ignore[method-assign]
        socket.socket.connect_ex = checked(self._saved["connect_ex"])  # type: ignore[method-assign]
        socket.getaddrinfo = getaddrinfo
        return self

    def __exit__(self, *exc: object) -> None:
        socket.socket.connect = self._saved["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = self._saved["connect_ex"]  # type: ignore[method-assign]
        socket.getaddrinfo = self._saved["getaddrinfo"]


def fetch_site(base: str, db: Path, *, coder: Any = None, policy: FetchPolicy = TEST_POLICY,
               feeds: tuple[str, ...] = ("/feed.xml", "/atom.xml")) -> HarvestSummary:
    """Fetch the site's feeds into `db` (coding with `coder` when given), inside a LoopbackGuard."""
    with LoopbackGuard() as guard, open_store(db) as store, FetchSession(policy) as session:
        summary = harvest(Sources(feeds=tuple(base + f for f in feeds)), store, session,
                          coder_factory=(lambda: coder) if coder is not None else None)
    assert guard.blocked == [] and guard.lookups == []
    return summary
