"""News in from the web: fetch pages, feeds and sitemaps politely, once and continuously.

    >>> from eirene.fetch import FetchPolicy, FetchSession, Sources, harvest
    >>> with FetchSession(FetchPolicy()) as session:
    ...     summary = harvest(Sources(feeds=("https://news.example/feed.xml",)), store, session)
    >>> print(summary.line())

Modules, in the order a URL meets them: urls (which addresses, one spelling),
policy (the limits), gate (per-host pacing), robots (robots.txt), client (one polite
GET), session (the fetch loop in its own thread), outcomes (Page or Failure),
listings (feeds and sitemaps), extract (page to Document), ledger (the store's
memory of URLs and feeds), harvest (one run), watch (the polling loop), sources_file
(the feeds `eirene watch` polls by default).
"""

from __future__ import annotations

from eirene.fetch.harvest import HarvestSummary, Sources, harvest
from eirene.fetch.outcomes import Failure, Page
from eirene.fetch.policy import USER_AGENT, FetchPolicy
from eirene.fetch.session import FetchSession
from eirene.fetch.urls import NotFetchable, normalise_url
from eirene.fetch.watch import parse_interval, watch

__all__ = sorted([
    "Failure",
    "FetchPolicy",
    "FetchSession",
    "HarvestSummary",
    "NotFetchable",
    "Page",
    "Sources",
    "USER_AGENT",
    "harvest",
    "normalise_url",
    "parse_interval",
    "watch",
])
