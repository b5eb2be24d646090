"""One fetch run: URLs, feeds and sitemaps in; documents stored, grouped and coded.

    with FetchSession(FetchPolicy()) as session:
        summary = harvest(Sources(feeds=("https://news.example/feed.xml",)), store, session,
                          coder_factory=Coder)
        print(summary.line())

The steps, each recorded as it happens so a stopped run resumes where it stopped:
1. read the feeds and sitemaps (conditional requests; nested sitemaps followed);
2. drop the links the store knows (fetched before, or failed for good);
3. fetch the rest politely, extract each article, store it (`eirene ingest`'s way),
   log the URL, and put the document in its story (eirene.stories);
4. code the English documents as they come, with the fetched documents an earlier run
   stored but did not code first. A document in another language stays uncoded.
Every failure is stored (`eirene errors`) and the run goes on.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from itertools import chain
from typing import TYPE_CHECKING

from eirene import __version__
from eirene.fetch import ledger
from eirene.fetch.extract import page_document
from eirene.fetch.listings import Link, read_listing
from eirene.fetch.outcomes import Failure, Page, failure
from eirene.fetch.session import FetchSession
from eirene.fetch.urls import NotFetchable, normalise_url
from eirene.languages import is_coded
from eirene.records import Document
from eirene.stories import DEFAULT_THRESHOLD, StoryIndex, StoryMatch, load_index, place_story, record_story
from eirene.store import Store
from eirene.store.base import Execute

if TYPE_CHECKING:  # the coding run loads spaCy: imported when a run codes, not before
    from eirene.coding_run import RunSummary
    from eirene.document_coder import Coder

ProgressHook = Callable[[str, str], None]
Poll = tuple[str, str, Page, int]  # feed url, kind, its answer, links listed
#: Most sitemaps read in one run (a sitemap index may name thousands).
MAX_SITEMAPS = 100


@dataclass(frozen=True)
class Sources:
    """What to fetch: article URLs, RSS/Atom feeds, sitemaps."""

    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.urls or self.feeds or self.sitemaps)

    def inputs(self) -> list[str]:
        """The sources as the runs table lists them."""
        return [*self.urls, *(f"feed:{u}" for u in self.feeds), *(f"sitemap:{u}" for u in self.sitemaps)]


@dataclass
class HarvestSummary:
    """What a fetch run (or one poll of `eirene watch`) did."""

    run_id: int
    coding: RunSummary | None = None  # None: the run stored only
    listings: int = 0
    unchanged: int = 0
    links: int = 0
    known: int = 0
    new: int = 0
    changed: int = 0
    same: int = 0
    joined: int = 0
    resumed: int = 0
    not_coded: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    stopped: bool = False
    seconds: float = 0.0

    @property
    def fetched(self) -> int:
        """Pages that became (or matched) a document."""
        return self.new + self.changed + self.same

    @property
    def coded(self) -> int:
        """Documents coded in this run."""
        return self.coding.new + self.coding.changed if self.coding is not None else 0

    @property
    def events(self) -> int:
        return self.coding.events if self.coding is not None else 0

    def errors(self) -> list[str]:
        """Every failure's message: fetching first, then coding."""
        coding = self.coding.failures if self.coding is not None else []
        return [f.message for f in self.failures] + [f.message for f in coding]

    def counts(self) -> dict[str, int]:
        return {"documents_new": self.new, "documents_changed": self.changed, "documents_same": self.same,
                "events": self.events, "errors": len(self.errors())}

    def line(self) -> str:
        """The one-line summary printed after a run or poll."""
        listed = f"{self.listings} feed(s)/sitemap(s) read ({self.unchanged} unchanged), " if self.listings else ""
        languages = ", ".join(f"{lang}: {n}" for lang, n in sorted(self.not_coded.items()))
        not_coded = f"; {sum(self.not_coded.values())} not coded (language {languages})" if self.not_coded else ""
        return (
            f"run {self.run_id}: {listed}{self.links} link(s), {self.known} known; "
            f"{self.fetched} page(s) fetched: {self.new} new, {self.changed} changed, {self.same} unchanged "
            f"document(s), {self.joined} joined a story{not_coded}; {self.coded} coded"
            f"{f' ({self.resumed} left from an earlier run)' if self.resumed else ''}, {self.events} event(s); "
            f"{len(self.errors())} error(s); {self.seconds:.1f} s{' (stopped)' if self.stopped else ''}"
        )


def harvest(sources: Sources, store: Store, session: FetchSession, *,
            coder_factory: Callable[[], Coder] | None = None, index: StoryIndex | None = None,
            threshold: float = DEFAULT_THRESHOLD, refetch: bool = False, limit: int | None = None,
            model_name: str = "", progress: ProgressHook | None = None) -> HarvestSummary:
    """Fetch `sources` into `store` as one run. RETURNS (HarvestSummary).

    coder_factory: builds the Coder, only when a document needs coding; None stores only.
    index: the story index to group into (kept across the polls of `eirene watch`);
        None loads it from the store with `threshold`.
    refetch (bool): read every feed whole and fetch the links the store knows too.
    limit (int | None): fetch at most this many new links.
    """
    notify = progress or (lambda _what, _name: None)
    started = time.monotonic()
    config = {"fetch": asdict(session.policy), "code": coder_factory is not None, "refetch": refetch, "limit": limit}
    run_id = store.begin_run(eirene_version=__version__, model=model_name if coder_factory else "",
                             inputs=sources.inputs(), config=config)
    summary = HarvestSummary(run_id=run_id)
    status = "finished"
    try:
        stories = index if index is not None else load_index(store, threshold)
        links, polls = _listed_links(sources, store, session, summary, notify, conditional=not refetch)
        todo = _new_links(links, store, summary, refetch, limit)
        documents = _fetched_documents(todo, store, session, stories, summary, notify)
        if coder_factory is None:
            for _ in documents:
                pass
        else:
            from eirene.coding_run import RunSummary, code_documents  # loads spaCy: only when coding

            summary.coding = RunSummary(run_id=run_id)
            pending = chain(_leftovers(store, session, summary), documents)
            first = next(pending, None)
            if first is not None:
                code_documents(chain([first], pending), store, coder_factory(), summary.coding, notify)
        summary.stopped = session.stopped
        for url, kind, page, count in polls:  # only now are their validators worth keeping
            ledger.record_feed(store, url, kind, page, count, done=not summary.stopped and limit is None)
        status = "stopped" if summary.stopped else "finished"
    except KeyboardInterrupt:
        summary.stopped, status = True, "interrupted"
        raise
    finally:
        summary.seconds = time.monotonic() - started
        store.finish_run(run_id, counts=summary.counts(), status=status)
    return summary


def _listed_links(sources: Sources, store: Store, session: FetchSession, summary: HarvestSummary,
                  notify: ProgressHook, *, conditional: bool = True) -> tuple[list[Link], list[Poll]]:
    """The given URLs, then the links of every feed and sitemap (nested sitemaps too), and
    the feeds read whole, to be logged once their links are handled.

    conditional (bool): ask feeds with the validators of their last answer (304 when
        unchanged); off, every feed is read whole.
    """
    links: list[Link] = []
    polls: list[Poll] = []
    for url in sources.urls:
        try:
            links.append(Link(normalise_url(url), None))
        except NotFetchable as err:
            _failed(store, failure("E120", url, reason=str(err)), None, summary, notify)
    kinds = {**{u: "feed" for u in sources.feeds}, **{u: "sitemap" for u in sources.sitemaps}}
    asked: set[str] = set()
    while kinds and not session.stopped and len(asked) < MAX_SITEMAPS + len(sources.feeds):
        batch, kinds = kinds, {}
        asked.update(batch)
        outcomes = session.get_many(
            batch, headers=lambda url: ledger.feed_validators(store, url).headers() if conditional else None)
        for url, outcome in outcomes:
            summary.listings += 1
            notify("listing", url)
            listing = outcome if isinstance(outcome, Failure) or outcome.not_modified else read_listing(outcome)
            if isinstance(listing, Failure):
                ledger.record_feed(store, url, batch[url], outcome, None)
                _log_error(store, listing, summary, notify)
                continue
            if not isinstance(outcome, Failure) and outcome.not_modified:
                summary.unchanged += 1
                ledger.record_feed(store, url, batch[url], outcome, None)
                continue
            polls.append((url, listing.kind, outcome, len(listing.links)))
            links.extend(listing.links)
            kinds.update({nested: "sitemap" for nested in listing.sitemaps if nested not in asked})
    return links, polls


def _new_links(links: list[Link], store: Store, summary: HarvestSummary, refetch: bool,
               limit: int | None) -> list[Link]:
    """Each URL once, without those the store knows (unless `refetch`), at most `limit`."""
    first: dict[str, Link] = {}
    for link in links:
        first.setdefault(link.url, link)
    unique = list(first.values())
    summary.links = len(unique)
    known = set() if refetch else ledger.known_urls(store, [link.url for link in unique])
    summary.known = len(known)
    todo = [link for link in unique if link.url not in known]
    return todo[:limit] if limit is not None else todo


def _fetched_documents(todo: list[Link], store: Store, session: FetchSession, stories: StoryIndex,
                       summary: HarvestSummary, notify: ProgressHook) -> Iterator[Document]:
    """Fetch, extract, store and group each link; yield the documents to code."""
    by_url = {link.url: link for link in todo}
    for url, outcome in session.get_many(by_url):
        link = by_url[url]
        item = outcome if isinstance(outcome, Failure) else page_document(outcome, listed_date=link.date)
        if isinstance(item, Failure):
            _failed(store, item, link.via, summary, notify)
            continue
        assert not isinstance(outcome, Failure)
        state = store.document_state(item.id, item.content_hash)
        if state in ("new", "changed"):
            store.save_document(item, summary.run_id)
        match = _log_and_group(store, outcome, item, link, stories, summary.run_id)
        summary.new += state == "new"
        summary.changed += state == "changed"
        summary.same += state in ("same", "uncoded")
        summary.joined += state in ("new", "changed") and match.similar_to is not None
        notify(f"{state} (story {match.story_id})" if match.story_id else state, item.id)
        if not is_coded(item.language):
            summary.not_coded[item.language or "?"] += 1
            continue
        if state != "same" and not session.stopped:  # stopped: stored, coded when the run resumes
            yield item


def _log_and_group(store: Store, page: Page, document: Document, link: Link, stories: StoryIndex,
                   run_id: int) -> StoryMatch:
    """Log the URL and put the stored document in its story, in one transaction."""
    placed = place_story(stories, document.id, document.text, document.content_hash, document.date)

    def write(execute: Execute) -> None:
        ledger.log_page(execute, page, document.id, run_id, link.via)
        record_story(execute, placed)

    store.write(f"the fetch of {page.url}", write)
    return placed.match


def _leftovers(store: Store, session: FetchSession, summary: HarvestSummary) -> Iterator[Document]:
    """Fetched documents an earlier run stored but did not code (it was stopped)."""
    for doc_id in ledger.fetched_uncoded(store):
        if session.stopped:
            return
        document = store.get_document(doc_id)
        if document is not None and is_coded(document.language):
            summary.resumed += 1
            yield document


def _failed(store: Store, failed: Failure, listed_by: str | None, summary: HarvestSummary,
            notify: ProgressHook) -> None:
    """A URL that gave no document: logged (seen, or to retry) and listed by `eirene errors`."""
    ledger.record_failure(store, failed, summary.run_id, listed_by)
    _log_error(store, failed, summary, notify)


def _log_error(store: Store, failed: Failure, summary: HarvestSummary, notify: ProgressHook) -> None:
    store.record_failure(failed.as_doc_failure(), summary.run_id)
    summary.failures.append(failed)
    notify("error", failed.url)
