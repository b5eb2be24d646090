"""`eirene watch`: polls that pick up new items, a watch stopped and resumed, SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from eirene.errors import InputError
from eirene.fetch import FetchSession, HarvestSummary, Sources, parse_interval, watch
from eirene.store import EventFilter, open_store

from fetch_support import TEST_POLICY
from news_articles import LATE_ARTICLE, LATER_ARTICLE

pytestmark = pytest.mark.usefixtures("loopback_only")
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("90s", 90), ("90", 90), ("1h30m", 5400),
                                               ("0.5s", 0.5), ("2d", 172800), (" 10 M ", 600)])
def test_fetch_watch_intervals(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15x", "0m", "-5s", "1.2.3"])
def test_fetch_watch_bad_intervals_say_how(text):
    with pytest.raises(InputError, match=r"E133.*15m"):
        parse_interval(text)


def test_fetch_watch_picks_up_a_new_feed_item(news_site, tmp_path, coder):
    feed = news_site.base + "/feed.xml"
    polls: list[HarvestSummary] = []
    with open_store(tmp_path / "news.duckdb") as store, FetchSession(TEST_POLICY) as session:
        def seen(number: int, summary: HarvestSummary) -> None:
            polls.append(summary)
            if number == 1:
                news_site.site.publish(LATE_ARTICLE)  # between two polls, as a newsroom does
            if number == 3:
                session.stop()

        done = watch(Sources(feeds=(feed,)), store, session, every=0.05, coder_factory=lambda: coder, on_poll=seen)
        assert done == 3
        assert [(p.new, p.unchanged) for p in polls] == [(6, 0), (1, 0), (0, 1)]
        assert polls[1].coded == 1 and polls[1].events >= 1
        late = news_site.base + LATE_ARTICLE.path
        assert store.count_events(EventFilter(doc_id=late, event_type="AGREE", actor="China")) == 1
        assert [r["status"] for r in store.runs()] == ["finished"] * 3  # one run per poll
    assert news_site.site.asked(LATE_ARTICLE.path) == 1


def test_fetch_watch_stopped_and_resumed(news_site, tmp_path, coder):
    db = tmp_path / "news.duckdb"
    sources = Sources(feeds=(news_site.base + "/feed.xml",))
    with open_store(db) as store, FetchSession(TEST_POLICY) as session:
        def stop_at_first_document(what: str, _name: str) -> None:
            if what.startswith("new"):
                session.stop()  # what Ctrl-C or SIGTERM do

        assert watch(sources, store, session, every=60, coder_factory=lambda: coder,
                     progress=stop_at_first_document) == 1  # the stop also ended the wait
        stored = len(store.documents())
        german = sum(1 for d in store.documents() if d["language"] == "de")
        logged = len(store.query("SELECT url FROM fetches"))  # the documents, and the page gone for good
        assert store.count_events() == 0 and store.runs()[-1]["status"] == "stopped"
    asked = {path: news_site.site.asked(path) for path in ("/news/kunduz-checkpoint-attack.html",)}
    polls: list[HarvestSummary] = []
    with open_store(db) as store, FetchSession(TEST_POLICY) as session:
        def seen(number: int, summary: HarvestSummary) -> None:
            polls.append(summary)
            if number == 1:
                news_site.site.publish(LATER_ARTICLE)

        assert watch(sources, store, session, every=0.05, polls=2, coder_factory=lambda: coder, on_poll=seen) == 2
        first, second = polls
        assert first.resumed == stored - german  # stored but not coded when it stopped
        assert first.known == logged and first.new == 6 - stored and first.coded == 5  # the English ones
        assert (second.new, second.known) == (1, 7)  # only what was published meanwhile
        assert [d["language"] for d in store.documents() if d["sentences"] is None] == ["de"]
    assert news_site.site.asked("/news/kunduz-checkpoint-attack.html") == asked["/news/kunduz-checkpoint-attack.html"]


def test_fetch_watch_a_failed_poll_does_not_end_the_watch(news_site, tmp_path):
    db = tmp_path / "news.duckdb"
    open_store(db).close()
    errors: list[tuple[int, Exception]] = []
    with open_store(db, read_only=True) as store, FetchSession(TEST_POLICY) as session:
        done = watch(Sources(feeds=(news_site.base + "/feed.xml",)), store, session, every=0.01, polls=2,
                     on_error=lambda number, err: errors.append((number, err)))
    assert done == 2 and [n for n, _ in errors] == [1, 2] and all("E410" in str(e) for _, e in errors)


def test_fetch_watch_sigterm_stops_the_command_cleanly(news_site, tmp_path):
    """The real command in its own process, under the same loopback guard, stopped by SIGTERM."""
    guard_log = tmp_path / "blocked.txt"
    site_packages = tmp_path / "guard"
    site_packages.mkdir()
    (site_packages / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import atexit
        from fetch_support import LoopbackGuard
        _guard = LoopbackGuard().__enter__()
        atexit.register(lambda: open({str(guard_log)!r}, "w").write(repr(_guard.blocked)))
    """))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site_packages), str(ROOT / "tests"), str(ROOT / "src")]),
           "EIRENE_CONFIG_DIR": str(tmp_path / "config")}
    command = [sys.executable, "-m", "eirene.cli", "watch", "--feed", news_site.base + "/feed.xml", "--every", "30s",
               "--no-code", "--delay", "0", "--db", str(tmp_path / "news.duckdb")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if line.startswith("poll 1 "):
                break
        process.send_signal(signal.SIGTERM)  # during the 30 s wait
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    lines.append(out)
    assert process.returncode == 0, err
    assert "6 new" in "".join(lines) and "stopped after 1 poll(s)" in out
    assert "Stopping" in err
    assert guard_log.read_text() == "[]"
    with open_store(tmp_path / "news.duckdb", read_only=True) as store:
        assert len(store.documents()) == 6 and [r["status"] for r in store.runs()] == ["finished"]
