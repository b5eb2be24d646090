"""Web addresses: which ones eirene fetches, and one spelling for each.

Why normalise: the same article reached as "HTTP://Example.org:80/a#comments" and
"http://example.org/a?utm_source=rss" is one document; the store knows a URL as seen
only if every path to it is spelt the same.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Query parameters that only track where a reader came from.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid")


class NotFetchable(ValueError):
    """The text is not an http(s) address eirene can fetch; the message says why."""


def normalise_url(url: str) -> str:
    """One spelling of an http(s) address: scheme and host lower case, default port,
    fragment and tracking parameters dropped, an empty path made "/".

        >>> normalise_url("HTTP://News.Example.org:80/a/b?utm_source=rss&id=7#top")
        'http://news.example.org/a/b?id=7'

    RAISES (NotFetchable): not http(s), no host, or not an address at all.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as err:
        raise NotFetchable(f"it is not a valid address ({err})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        shown = f"'{scheme}:'" if scheme else "no scheme"
        raise NotFetchable(f"it has {shown}; only http:// and https:// addresses are fetched")
    host = (parts.hostname or "").lower()
    if not host:
        raise NotFetchable("it names no host")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets
    netloc = host if port is None or port == _DEFAULT_PORTS[scheme] else f"{host}:{port}"
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(kept, doseq=True), ""))


def host_of(url: str) -> str:
    """The scheme and host (with a port other than the default) a URL is served from:
    the unit that robots.txt, the rate limit and the concurrency limit apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
