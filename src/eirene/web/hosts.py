"""Which Host names the server answers to: the guard against DNS rebinding.

Why: a web page on any site can point its own domain at 127.0.0.1 and then read a
local eirene server through the visitor's browser; the one thing that gives it away
is the Host header (the attacker's name). The server answers only to loopback names
and to the names it was told (`--host`, `--allowed-host`); anything else gets 400 E460.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

#: Names a local server always answers to.
LOOPBACK = ("127.0.0.1", "localhost", "::1")
#: Listening addresses that are not names a client sends.
WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def allowed_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names plus `extra` (the --host value and --allowed-host values),
    lower-cased, without ports or IPv6 brackets; wildcard listening addresses dropped."""
    names = {normalise(name) for name in (*LOOPBACK, *extra)}
    return frozenset(names - WILDCARDS)


def normalise(host: str) -> str:
    """"Example.org:8000" -> "example.org"; "[::1]:80" -> "::1"."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a request's Host header names this server. A request without one is refused."""
    if not header:
        return False
    name = normalise(header)
    if name in allowed:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback  # 127.0.0.2 is this machine too
    except ValueError:
        return False
