"""Feeds and sitemaps: the article links they list.

RSS (0.9x, 1.0, 2.0) and Atom are read by feedparser, from the bytes eirene fetched
(feedparser never fetches anything here); XML sitemaps (a `urlset`, or a
`sitemapindex` naming more sitemaps), gzipped ones and plain-text ones (one URL a
line) by lxml with entities and network access off. Which of the two a body is
follows from the body itself, so a sitemap given as --feed still works.

trafilatura's own feed and sitemap helpers were tried first: they fetch by themselves
(bypassing eirene's politeness) and drop links to hosts they consider private, which
is every link of a local site.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import etree

from eirene.fetch.outcomes import Failure, Page, failure
from eirene.fetch.urls import NotFetchable, normalise_url

#: Most links taken from one feed or sitemap (a sitemap may list 50,000).
MAX_LINKS = 50_000
#: Largest sitemap read after gunzipping.
MAX_UNZIPPED = 50 * 1024 * 1024
_SITEMAP_ROOT = re.compile(rb"<(?:[\w-]+:)?(urlset|sitemapindex)\b")


@dataclass(frozen=True)
class Link:
    """An article a feed or sitemap lists.

    url (str): the article's address (normalised).
    via (str | None): the feed or sitemap that listed it (None: given by the user).
    title (str | None): the title the listing gives.
    date (str | None): the publication (or last-modified) date it gives, ISO.
    """

    url: str
    via: str | None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Listing:
    """What one feed or sitemap lists: article links, and further sitemaps to read."""

    kind: str  # "feed" or "sitemap"
    links: tuple[Link, ...] = ()
    sitemaps: tuple[str, ...] = field(default=())


def read_listing(page: Page) -> Listing | Failure:
    """The links of a fetched feed or sitemap, or E131 when it is neither."""
    body = page.body
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (OSError, EOFError, ValueError) as err:
            return failure("E131", page.url, final_url=page.final_url, reason=f"its gzip data is broken ({err})")
    head = body[:2048].lstrip()
    if _SITEMAP_ROOT.search(body[:4096]):
        return _xml_sitemap(page, body)
    if head[:1] != b"<" and re.match(rb"https?://", head):
        return _text_sitemap(page, body)
    return _feed(page, body)


def _gunzip(body: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        data = stream.read(MAX_UNZIPPED + 1)
    if len(data) > MAX_UNZIPPED:
        raise ValueError(f"it unpacks to more than {MAX_UNZIPPED // 1048576} MB")
    return data


def _feed(page: Page, body: bytes) -> Listing | Failure:
    parsed = feedparser.parse(body, response_headers={"content-location": page.final_url,
                                                      "content-type": page.content_type or "application/xml"})
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = str(parsed.get("bozo_exception") or "it holds no feed entries").splitlines()[0]
        return failure("E131", page.url, final_url=page.final_url, reason=reason[:200])
    links = []
    for entry in parsed.entries[:MAX_LINKS]:
        href = _entry_link(entry)
        if not href:
            continue
        url = _normalised(urljoin(page.final_url, href))
        if url is not None:
            links.append(Link(url, page.url, entry.get("title") or None, _entry_date(entry)))
    return Listing("feed", tuple(_unique(links)))


def _entry_link(entry: Any) -> str | None:
    """The entry's article address: `link`, else its first alternate (or untyped) link."""
    if entry.get("link"):
        return str(entry["link"])
    for link in entry.get("links", ()):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None


def _xml_sitemap(page: Page, body: bytes) -> Listing | Failure:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as err:
        return failure("E131", page.url, final_url=page.final_url, reason=f"broken XML ({err})")
    if root is None:
        return failure("E131", page.url, final_url=page.final_url, reason="broken XML")
    kind = etree.QName(root).localname
    links: list[Link] = []
    sitemaps: list[str] = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue  # a comment or processing instruction
        values = {etree.QName(child).localname: (child.text or "").strip() for child in entry.iter()
                  if isinstance(child.tag, str)}
        loc = values.get("loc", "")
        url = _normalised(urljoin(page.final_url, loc)) if loc else None
        if url is None or url == page.final_url:
            continue
        if kind == "sitemapindex":
            sitemaps.append(url)
        else:
            date = values.get("publication_date") or values.get("lastmod")
            links.append(Link(url, page.url, values.get("title") or None, (date or "")[:10] or None))
        if len(links) + len(sitemaps) >= MAX_LINKS:
            break
    return Listing("sitemap", tuple(_unique(links)), tuple(dict.fromkeys(sitemaps)))


def _text_sitemap(page: Page, body: bytes) -> Listing:
    lines = body.decode("utf-8", errors="replace").splitlines()[:MAX_LINKS]
    links = [Link(url, page.url) for url in map(_normalised, (line.strip() for line in lines if line.strip()))
             if url is not None]
    return Listing("sitemap", tuple(_unique(links)))


def _normalised(url: str) -> str | None:
    try:
        return normalise_url(url) if url else None
    except NotFetchable:
        return None


def _unique(links: list[Link]) -> list[Link]:
    """The first listing of each URL."""
    seen: dict[str, Link] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return list(seen.values())
