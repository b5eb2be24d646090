"""Fetch throughput against the local news site (tests/news_site.py), outside the tests.

Measures pages per second for the whole fetch path (robots.txt, the per-host gate, the
HTTP round trip, trafilatura's extraction, language identification, the store and the
story index), without coding, on one machine: no network beyond 127.0.0.1.
The site serves N distinct articles, listed in a sitemap; the run fetches them all.

    python benchmarks/fetch.py [--pages 300] [--per-host 8] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from news_articles import ARTICLES, Article  # noqa: E402
from news_site import ROUTES, NewsSite, start  # noqa: E402

from eirene.fetch import FetchPolicy, FetchSession, Sources, harvest  # noqa: E402
from eirene.store import open_store  # noqa: E402


def many_articles(count: int) -> list[Article]:
    """`count` distinct English articles: the bundled reports with a numbered lede of their own."""
    english = [a for a in ARTICLES if a.lang == "en"]
    found = []
    for i in range(count):
        base = english[i % len(english)]
        lede = (f"Report {i}: officials in district {i} said the number of incidents in week {i % 52} "
                f"was {i * 7 % 97} and that {i % 13} convoys were delayed at checkpoint {i}.")
        found.append(Article(path=f"/bench/{i}.html", outlet=base.outlet, title=f"{base.title} ({i})", date=base.date,
                             paragraphs=(lede, *base.paragraphs)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    site = NewsSite()
    pages = many_articles(args.pages)
    site.pages.update({a.path: a for a in pages})
    ROUTES["/bench-sitemap.txt"] = lambda h, s, b, c: h.send(
        200, "".join(f"{b}{a.path}\n" for a in pages).encode(), "text/plain")
    server = start(site)
    policy = FetchPolicy(delay=0, per_host=args.per_host, concurrency=args.concurrency)
    try:
        with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.duckdb") as store, \
                FetchSession(policy) as session:
            started = time.perf_counter()
            summary = harvest(Sources(sitemaps=(server.base + "/bench-sitemap.txt",)), store, session)
            seconds = time.perf_counter() - started
    finally:
        server.shutdown()
    print(summary.line())
    print(f"{summary.new} pages in {seconds:.1f} s: {summary.new / seconds:.1f} pages/s "
          f"(per-host {args.per_host}, concurrency {args.concurrency}, no delay, no coding; the generated pages "
          f"share most of their text, so the story grouping is exercised too)")


if __name__ == "__main__":
    main()
