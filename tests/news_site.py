"""A small news site on 127.0.0.1 for the fetch tests and `make demo-feed`.

It serves the articles of tests/news_articles.py as HTML pages with the usual
boilerplate (navigation, share buttons, footer), an RSS 2.0 feed (/feed.xml), an Atom
feed (/atom.xml), a sitemap index (/sitemap.xml) naming an XML sitemap and a plain-text
one, robots.txt, and the pages a crawler must survive: redirects and a redirect loop,
slow, failing and flaky answers, a 429 with Retry-After, bodies too large (declared and
streamed), binary files, a page with no text, and a path robots.txt disallows.

The feeds answer conditional requests (ETag, Last-Modified) with 304. `publish(article)`
adds an article to the feeds while the site runs (the watch tests), and every request
is logged in `requests` (path and headers) for the tests to inspect.

    python tests/news_site.py --port 8765 [--publish-every 60]
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import html
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import sys

sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_articles import ARTICLES, LATE_ARTICLE, LATER_ARTICLE, WIRE_COPIES, Article  # noqa: E402

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: eirene\nDisallow: /private/\nCrawl-delay: 0\n"
#: The feed's items before anything is published: four reports, the German one, two wire copies, a removed page.
RSS_ITEMS = (*ARTICLES, WIRE_COPIES[0], WIRE_COPIES[1])
ATOM_ITEMS = (ARTICLES[0], WIRE_COPIES[2])
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


@dataclass
class Logged:
    """One request the site answered: path, headers, when it arrived (time.monotonic())."""

    path: str
    headers: dict[str, str]
    at: float


class NewsSite:
    """The site's state: what the feeds list, the request log, the knobs of the test pages.

    slow_seconds (float): how long /slow/ pages take to answer.
    flaky_failures (int): how many 503s /flaky answers before a page.
    huge_bytes (int): the size of /huge pages.
    robots_status (int): the status robots.txt answers with (500: the site is "unreachable").
    """

    def __init__(self, *, slow_seconds: float = 3.0, flaky_failures: int = 2, huge_bytes: int = 3 * 1024 * 1024,
                 robots_status: int = 200) -> None:
        self.robots_status = robots_status
        self.slow_seconds = slow_seconds
        self.flaky_failures = flaky_failures
        self.huge_bytes = huge_bytes
        self.pages: dict[str, Article] = {a.path: a for a in (*ARTICLES, *WIRE_COPIES, LATE_ARTICLE, LATER_ARTICLE)}
        self.rss_items: list[Article] = list(RSS_ITEMS)
        self.rss_extra_links: list[str] = ["/news/removed-report.html"]
        self.atom_items: list[Article] = list(ATOM_ITEMS)
        self.updated = time.time() - 3600
        self.requests: list[Logged] = []
        self.counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def publish(self, article: Article) -> None:
        """Put `article` at the top of the RSS feed (a new item), changing its ETag."""
        with self._lock:
            self.rss_items.insert(0, article)
            self.updated = time.time()

    def hit(self, path: str, headers: dict[str, str]) -> int:
        """Log a request; RETURNS how many times this path was asked for, this one included."""
        with self._lock:
            self.requests.append(Logged(path, headers, time.monotonic()))
            self.counts[path] = self.counts.get(path, 0) + 1
            return self.counts[path]

    def asked(self, path: str) -> int:
        with self._lock:
            return self.counts.get(path, 0)


def article_html(article: Article) -> str:
    """The page of an article, with the boilerplate real news pages carry."""
    meta = [f'<meta property="og:site_name" content="{html.escape(article.outlet)}">',
            f'<meta property="article:published_time" content="{article.date}T08:00:00Z">']
    if article.author:
        meta.append(f'<meta name="author" content="{html.escape(article.author)}">')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in (*article.paragraphs, *article.extras))
    return (
        f'<!DOCTYPE html><html lang="{article.lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title)} | {html.escape(article.outlet)}</title>{''.join(meta)}</head><body>"
        f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> '
        f'<a href="/opinion">Opinion</a></nav>'
        f"<header><p class=\"brand\">{html.escape(article.outlet)}</p></header>"
        f"<main><article><h1>{html.escape(article.title)}</h1>{body}</article>"
        '<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher</a></li>'
        '<li><a href="/b">Weather: snow expected in the passes</a></li></ul></aside></main>'
        f"<footer><p>Copyright 2026 {html.escape(article.outlet)}. All rights reserved.</p>"
        '<p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></p></footer></body></html>'
    )


def rss(site: NewsSite, base: str) -> str:
    items = []
    for article in site.rss_items:
        when = email.utils.format_datetime(_datetime(article.date), usegmt=True)
        items.append(f"<item><title>{html.escape(article.title)}</title><link>{base}{article.path}</link>"
                     f"<guid>{base}{article.path}</guid><pubDate>{when}</pubDate></item>")
    for path in site.rss_extra_links:
        items.append(f"<item><title>A report since removed</title><link>{base}{path}</link></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Regional news</title>'
            f"<link>{base}/</link><description>Reports from the region</description>{''.join(items)}"
            "</channel></rss>")


def atom(site: NewsSite, base: str) -> str:
    entries = "".join(
        f"<entry><title>{html.escape(a.title)}</title><link rel=\"alternate\" href=\"{a.path}\"/>"
        f"<id>{base}{a.path}</id><updated>{a.date}T08:00:00Z</updated></entry>" for a in site.atom_items
    )
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Regional news (Atom)</title><id>{base}/atom.xml</id><updated>2026-03-04T08:00:00Z</updated>'
            f'<link rel="self" href="{base}/atom.xml"/>{entries}</feed>')


def sitemap_index(base: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/sitemap-pages.txt</loc></sitemap></sitemapindex>")


def sitemap_news(base: str) -> str:
    urls = "".join(f"<url><loc>{base}{a.path}</loc><lastmod>{a.date}</lastmod></url>" for a in ARTICLES[:2])
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def _datetime(date: str) -> Any:
    import datetime as dt

    return dt.datetime.fromisoformat(date + "T08:00:00+00:00")


class Handler(BaseHTTPRequestHandler):
    """Routes a GET to the page it names; see the module docstring."""

    server: "SiteServer"
    server_version = "NewsSite/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the tests read `site.requests`

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.server.site
        path = self.path.split("?", 1)[0]
        count = site.hit(self.path, {k.lower(): v for k, v in self.headers.items()})
        base = f"http://{self.headers.get('Host') or '%s:%d' % self.server.server_address[:2]}"
        route = ROUTES.get(path)
        if route is not None:
            route(self, site, base, count)
        elif path in site.pages:
            self.send(200, article_html(site.pages[path]).encode("utf-8"), "text/html; charset=utf-8")
        elif path.startswith("/redirect/"):
            self.redirect(301, path[len("/redirect"):])
        else:
            self.send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")

    # -- answering ---------------------------------------------------------------------
    def send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None,
             length: bool = True) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a size limit, a timeout): nothing to answer

    def redirect(self, status: int, location: str) -> None:
        self.send(status, b"", "text/html", {"Location": location})

    def feed(self, site: NewsSite, body: str, content_type: str) -> None:
        """A feed with validators; 304 when the client's match."""
        data = body.encode("utf-8")
        etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(site.updated, usegmt=True)
        if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == modified):
            self.send(304, b"", content_type, {"ETag": etag, "Last-Modified": modified}, length=False)
            return
        self.send(200, data, content_type, {"ETag": etag, "Last-Modified": modified})


def _slow(h: Handler, site: NewsSite, base: str, count: int) -> None:
    time.sleep(site.slow_seconds)
    h.send(200, article_html(ARTICLES[0]).encode(), "text/html")


def _flaky(h: Handler, site: NewsSite, base: str, count: int) -> None:
    if count <= site.flaky_failures:
        h.send(503, b"<html><body>Try again</body></html>", "text/html")
    else:
        h.send(200, article_html(ARTICLES[1]).encode(), "text/html")


def _busy(h: Handler, site: NewsSite, base: str, count: int) -> None:
    if count == 1:
        h.send(429, b"slow down", "text/plain", {"Retry-After": "1"})
    else:
        h.send(200, article_html(ARTICLES[2]).encode(), "text/html")


def _huge(h: Handler, site: NewsSite, base: str, count: int) -> None:
    h.send(200, b"<html><body><p>" + b"word " * (site.huge_bytes // 5) + b"</p></body></html>", "text/html")


def _huge_streamed(h: Handler, site: NewsSite, base: str, count: int) -> None:
    """A large body with no Content-Length: the client must stop reading by itself."""
    h.send(200, b"<html><body><p>" + b"word " * (site.huge_bytes // 5) + b"</p></body></html>", "text/html",
           length=False)


ROUTES: dict[str, Callable[[Handler, NewsSite, str, int], None]] = {
    "/": lambda h, s, b, c: h.send(200, b"<html><body><h1>Regional news</h1></body></html>", "text/html"),
    "/robots.txt": lambda h, s, b, c: h.send(s.robots_status, ROBOTS.encode() if s.robots_status == 200 else b"",
                                             "text/plain"),
    "/feed.xml": lambda h, s, b, c: h.feed(s, rss(s, b), "application/rss+xml"),
    "/atom.xml": lambda h, s, b, c: h.feed(s, atom(s, b), "application/atom+xml"),
    "/sitemap.xml": lambda h, s, b, c: h.send(200, sitemap_index(b).encode(), "application/xml"),
    "/sitemap-news.xml": lambda h, s, b, c: h.send(200, sitemap_news(b).encode(), "application/xml"),
    "/sitemap-pages.txt": lambda h, s, b, c: h.send(200, f"{b}{ARTICLES[2].path}\n".encode(), "text/plain"),
    "/not-a-feed.xml": lambda h, s, b, c: h.send(200, b"<html><body><p>Nothing</p></body></html>", "text/html"),
    "/loop": lambda h, s, b, c: h.redirect(302, "/loop-again"),
    "/loop-again": lambda h, s, b, c: h.redirect(302, "/loop"),
    "/to-ftp": lambda h, s, b, c: h.redirect(302, "ftp://127.0.0.1/file.txt"),
    "/slow": _slow,
    "/flaky": _flaky,
    "/busy": _busy,
    "/status/500": lambda h, s, b, c: h.send(500, b"<html><body>Server error</body></html>", "text/html"),
    "/status/403": lambda h, s, b, c: h.send(403, b"<html><body>Forbidden</body></html>", "text/html"),
    "/huge.html": _huge,
    "/huge-streamed.html": _huge_streamed,
    "/report.pdf": lambda h, s, b, c: h.send(200, b"%PDF-1.7\n" + bytes(range(256)) * 8, "application/pdf"),
    "/photo.html": lambda h, s, b, c: h.send(200, PNG, "text/html"),
    "/notes.txt": lambda h, s, b, c: h.send(200, b"Plain notes, not a page.\n" * 40, "text/plain"),
    "/empty.html": lambda h, s, b, c: h.send(
        200, b'<html><body><nav><a href="/">Home</a></nav><footer>Copyright</footer></body></html>', "text/html"),
    "/private/leak.html": lambda h, s, b, c: h.send(200, article_html(ARTICLES[0]).encode(), "text/html"),
}


class SiteServer(ThreadingHTTPServer):
    """The HTTP server of a NewsSite, on 127.0.0.1 only."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, site: NewsSite, port: int = 0) -> None:
        self.site = site
        super().__init__(("127.0.0.1", port), Handler)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


def start(site: NewsSite | None = None, port: int = 0) -> SiteServer:
    """Serve `site` (a new one when None) in a background thread; `.shutdown()` stops it."""
    server = SiteServer(site or NewsSite(), port)
    threading.Thread(target=server.serve_forever, name="news-site", daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description="The local news site of eirene's tests and demo.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--publish-every", type=float, default=0.0, metavar="SECONDS",
                        help="publish the two late reports, one every SECONDS (for `eirene watch`)")
    args = parser.parse_args()
    server = start(port=args.port)
    print(f"news site on {server.base}: feeds {server.base}/feed.xml and {server.base}/atom.xml, "
          f"sitemap {server.base}/sitemap.xml (Ctrl-C to stop)", flush=True)
    try:
        late = [LATE_ARTICLE, LATER_ARTICLE]
        while True:
            time.sleep(args.publish_every or 3600)
            if args.publish_every and late:
                article = late.pop(0)
                server.site.publish(article)
                print(f"published {server.base}{article.path}", flush=True)
    except KeyboardInterrupt:
        server.shutdown()


if __name__ == "__main__":
    main()
