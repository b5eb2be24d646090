"""The store's memory of the web: which URLs were asked for, with what outcome, and
what each feed answered last.

Why in the store: a run that stops (Ctrl-C, SIGTERM, a crash) resumes from what the
database holds, and two machines reading one database agree on what is new. Tables
`fetches` and `feeds` (schema version 3, see eirene.store.schema).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from eirene.fetch.outcomes import Failure, Page
from eirene.store import Store
from eirene.store.base import Execute

_CHUNK = 1000  # URLs per lookup


@dataclass(frozen=True)
class Validators:
    """What a feed answered last, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str] | None:
        found = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found or None


def known_urls(store: Store, urls: Iterable[str]) -> set[str]:
    """The URLs that need no fetching: already made into a document, stored under that
    address, or failed in a way that will not pass (a 404, a PDF, robots.txt)."""
    wanted = list(dict.fromkeys(urls))
    found: set[str] = set()
    for i in range(0, len(wanted), _CHUNK):
        chunk = wanted[i:i + _CHUNK]
        rows = store.query(
            "SELECT url FROM fetches WHERE url IN (SELECT unnest(?::VARCHAR[])) AND (doc_id IS NOT NULL OR NOT retry) "
            "UNION SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [chunk, chunk],
        )
        found.update(row["url"] for row in rows)
    return found


def log_page(execute: Execute, page: Page, doc_id: str | None, run_id: int, listed_by: str | None) -> None:
    """Log a URL that was fetched and made into document `doc_id` (in the caller's transaction)."""
    _replace(execute, [page.url, page.final_url, doc_id, page.status, page.content_type, page.fetched_at, None,
                       False, listed_by, run_id])


def record_failure(store: Store, failed: Failure, run_id: int, listed_by: str | None) -> None:
    """Log a URL that failed (`retry` says whether later runs ask for it again)."""
    row = [failed.url, failed.final_url, None, failed.status, None, failed.fetched_at, failed.code, failed.retry,
           listed_by, run_id]
    store.write(f"the fetch log of {failed.url}", lambda execute: _replace(execute, row))


def _replace(execute: Execute, row: list[Any]) -> None:
    execute("DELETE FROM fetches WHERE url = ?", [row[0]])
    execute("INSERT INTO fetches (url, final_url, doc_id, status, content_type, fetched_at, error_code, retry, "
            "listed_by, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)


def feed_validators(store: Store, url: str) -> Validators:
    """The ETag and Last-Modified of the feed's last full answer (none before the first)."""
    rows = store.query("SELECT etag, last_modified FROM feeds WHERE url = ?", [url])
    return Validators(rows[0]["etag"], rows[0]["last_modified"]) if rows else Validators()


def record_feed(store: Store, url: str, kind: str, outcome: Page | Failure, links: int | None, *,
                done: bool = True) -> None:
    """Log a poll of a feed or sitemap; a 304 or a failure keeps the validators it had.

    done (bool): every link the answer listed was handled. A run stopped before that
        keeps the old validators, so the next poll reads the feed whole again and
        finds the links this one left.
    """
    keep = feed_validators(store, url)
    if done and isinstance(outcome, Page) and not outcome.not_modified:
        keep = Validators(outcome.etag, outcome.last_modified)
    status = outcome.status
    when = outcome.fetched_at

    def write(execute: Execute) -> None:
        execute("DELETE FROM feeds WHERE url = ?", [url])
        execute("INSERT INTO feeds (url, kind, etag, last_modified, status, links, polled_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)", [url, kind, keep.etag, keep.last_modified, status, links, when])

    store.write(f"the poll of {url}", write)


def fetched_uncoded(store: Store) -> list[str]:
    """Fetched documents stored but not coded yet (a run stopped before coding them)."""
    rows = store.query(
        "SELECT d.id FROM documents d WHERE d.sentences IS NULL AND d.id IN (SELECT doc_id FROM fetches) "
        "ORDER BY d.ingested_at, d.id"
    )
    return [row["id"] for row in rows]


def fetch_log(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """How a document was fetched: every URL that led to it, with status and time."""
    return store.query(
        "SELECT url, final_url, status, content_type, fetched_at, listed_by, run_id FROM fetches "
        "WHERE doc_id = ? ORDER BY fetched_at, url", [doc_id],
    )
