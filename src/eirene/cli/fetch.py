"""`eirene fetch` and `eirene watch`: news in from the web, once or continuously.

Both only parse options and call eirene.fetch (harvest, watch); the politeness options
are declared once here. Ctrl-C or SIGTERM asks a run to stop cleanly (no new request
goes out, what arrived is stored); a second one stops at once.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from eirene.cli.options import CONTEXT, db_option, is_quiet, open_db, quiet_option
from eirene.cli.output import Progress, echo_err
from eirene.config import CodingConfig

if TYPE_CHECKING:
    from eirene.document_coder import Coder
    from eirene.fetch import FetchPolicy, FetchSession, HarvestSummary


def politeness_options(func):  # type: ignore[no-untyped-def]
    """The options every fetching command shares: pace, limits, robots.txt, identity."""
    for option in reversed([
        click.option("--delay", default=1.0, show_default=True, metavar="SECONDS",
                     help="Pause between two requests to the same site (a longer robots.txt Crawl-delay wins)."),
        click.option("--per-host", default=2, show_default=True, help="Requests open at once to one site."),
        click.option("--concurrency", default=8, show_default=True, help="Requests open at once in all."),
        click.option("--timeout", default=20.0, show_default=True, metavar="SECONDS",
                     help="Wait this long to connect and between pieces of an answer."),
        click.option("--retries", default=2, show_default=True,
                     help="Further attempts after a timeout, a lost connection, HTTP 429 or 5xx (with backoff)."),
        click.option("--max-mb", default=5.0, show_default=True, help="Largest page read, in MB."),
        click.option("--user-agent", default=None, help="User-Agent sent (default names eirene and its version)."),
        click.option("--ignore-robots", is_flag=True, help="Do not obey robots.txt (only for sites you run)."),
        click.option("--no-code", is_flag=True, help="Only store the articles; `eirene code` codes them later."),
        click.option("--limit", default=None, type=click.IntRange(min=1), help="Fetch at most this many new pages per run or poll."),
        click.option("--threshold", default=None, type=click.FloatRange(0, 1, min_open=True),
                     help="Similarity (0-1) from which two articles are one story (default 0.5)."),
        click.option("--model", default=None, help="spaCy model for coding."),
    ]):
        func = option(func)
    return func


def _policy(options: dict[str, Any]) -> FetchPolicy:
    from eirene.fetch import USER_AGENT, FetchPolicy

    return FetchPolicy(
        user_agent=options["user_agent"] or USER_AGENT, timeout=options["timeout"], retries=options["retries"],
        max_mb=options["max_mb"], delay=options["delay"], per_host=options["per_host"],
        concurrency=options["concurrency"], obey_robots=not options["ignore_robots"],
    )


def _coder_factory(options: dict[str, Any]) -> Callable[[], Coder] | None:
    if options["no_code"]:
        return None
    from eirene.document_coder import Coder

    return lambda: Coder(CodingConfig(model=options["model"]))


def _threshold(options: dict[str, Any]) -> float:
    from eirene.stories import DEFAULT_THRESHOLD

    return options["threshold"] or DEFAULT_THRESHOLD


@contextmanager
def stop_on_signals(session: FetchSession) -> Iterator[None]:
    """Ctrl-C or SIGTERM: stop the session cleanly; a second one raises KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ask_to_stop(_signum: int, _frame: object) -> None:
        if session.stopped:
            raise KeyboardInterrupt
        session.stop()
        echo_err("Stopping: no new request goes out; what arrived is stored. Press Ctrl-C again to stop now.")

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _read_url_file(path: str) -> list[str]:
    """URLs from a file (or - for stdin), one a line; blank lines and # comments skipped."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        return [line.strip() for line in stream if line.strip() and not line.lstrip().startswith("#")]
    finally:
        if stream is not sys.stdin:
            stream.close()


@click.command("fetch", context_settings=CONTEXT)
@click.argument("urls", nargs=-1)
@click.option("--urls", "url_file", default=None, metavar="FILE", help="Read URLs from FILE, one a line (- for stdin).")
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed whose articles to fetch (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="A sitemap whose pages to fetch (repeatable).")
@db_option
@click.option("--refetch", is_flag=True, help="Fetch pages the database knows too (fetched, or failed for good).")
@click.option("--strict", is_flag=True, help="Exit non-zero when any page fails.")
@politeness_options
@quiet_option
@click.pass_context
def fetch_command(ctx: click.Context, urls: tuple[str, ...], url_file: str | None, feeds: tuple[str, ...],
                  sitemaps: tuple[str, ...], db: str | None, refetch: bool, strict: bool, **options: Any) -> None:
    """Fetch web pages (URLS, a --urls file, --feed, --sitemap), extract the articles, store and code them.

    Polite by default: robots.txt obeyed, one request a second per site, a user agent
    naming eirene. Pages fetched before are skipped; wire copies of one story are
    grouped (eirene stories list); articles not in English are stored, not coded.

    \b
    Examples:
      eirene fetch --feed http://127.0.0.1:8765/feed.xml --db news.duckdb   # after `make demo-feed`
      eirene fetch https://news.example/2026/03/talks.html --no-code
      eirene fetch --urls links.txt --delay 2
    Every failure is listed (eirene errors) and the run goes on.
    """
    from eirene.fetch import FetchSession, Sources, harvest
    from eirene.nlp import default_model_name

    given = (*urls, *(_read_url_file(url_file) if url_file else ()))
    sources = Sources(urls=given, feeds=feeds, sitemaps=sitemaps)
    if not sources:
        raise click.UsageError("Name pages to fetch: URLS, --urls FILE, --feed URL or --sitemap URL.")
    with open_db(db) as store, FetchSession(_policy(options)) as session, Progress(is_quiet(ctx)) as progress:
        with stop_on_signals(session):
            try:
                summary = harvest(sources, store, session, coder_factory=_coder_factory(options),
                                  threshold=_threshold(options), refetch=refetch, limit=options["limit"],
                                  model_name=options["model"] or default_model_name(), progress=progress.update)
            except KeyboardInterrupt:
                echo_err("Interrupted: what was stored is kept; run the same command again to go on.")
                ctx.exit(130)
    for message in summary.errors():
        echo_err(message)
    if not is_quiet(ctx):
        click.echo(summary.line())
    if (strict and summary.errors()) or (summary.fetched == 0 and summary.errors()):
        ctx.exit(1)


@click.command("watch", context_settings=CONTEXT)
@click.option("--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed to poll (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL", help="A sitemap to poll (repeatable).")
@click.option("--every", default="15m", show_default=True, help="Time between polls: 90s, 15m, 1h ...")
@click.option("--polls", default=None, type=click.IntRange(min=1), help="Stop after this many polls (default: until stopped).")
@db_option
@politeness_options
@quiet_option
@click.pass_context
def watch_command(ctx: click.Context, feeds: tuple[str, ...], sitemaps: tuple[str, ...], every: str,
                  polls: int | None, db: str | None, **options: Any) -> None:
    """Poll feeds and sitemaps, fetch and code what is new, until Ctrl-C or SIGTERM.

    With no --feed or --sitemap, polls the sources file (eirene sources list). Only new
    links are fetched (the database remembers what was seen; feeds are asked with
    ETag/Last-Modified). Stopped and started again, it goes on where it stopped.

    \b
    Examples:
      eirene watch --feed http://127.0.0.1:8765/feed.xml --every 30s   # after `make demo-feed`
      eirene sources add https://news.example/feed.xml && eirene watch --every 15m
    """
    from eirene.fetch import FetchSession, Sources, parse_interval, watch
    from eirene.fetch.sources_file import as_sources, load_sources, sources_path
    from eirene.nlp import default_model_name

    seconds = parse_interval(every)
    sources = Sources(feeds=feeds, sitemaps=sitemaps) if feeds or sitemaps else as_sources(load_sources(sources_path()))
    if not sources:
        raise click.UsageError(f"Nothing to watch: name --feed or --sitemap, or add sources with "
                               f"`eirene sources add URL` (none in {sources_path()}).")
    quiet = is_quiet(ctx)

    def report(number: int, summary: HarvestSummary) -> None:
        for message in summary.errors():
            echo_err(message)
        if not quiet:
            click.echo(f"poll {number} at {dt.datetime.now().strftime('%H:%M:%S')}: {summary.line()}")

    def failed(number: int, err: Exception) -> None:
        echo_err(f"poll {number} failed: {err}; the next poll comes as planned.")

    with open_db(db) as store, FetchSession(_policy(options)) as session, Progress(quiet) as progress:
        if not quiet:
            click.echo(f"watching {len(sources.feeds)} feed(s) and {len(sources.sitemaps)} sitemap(s) every "
                       f"{every}; Ctrl-C or SIGTERM stops cleanly.")
        with stop_on_signals(session):
            try:
                done = watch(sources, store, session, every=seconds, coder_factory=_coder_factory(options),
                             threshold=_threshold(options), polls=polls, limit=options["limit"],
                             model_name=options["model"] or default_model_name(), on_poll=report, on_error=failed,
                             progress=progress.update)
            except KeyboardInterrupt:
                echo_err("Interrupted: what was stored is kept; `eirene watch` again goes on from there.")
                ctx.exit(130)
    if not quiet:
        click.echo(f"stopped after {done} poll(s); start `eirene watch` again to go on.")

