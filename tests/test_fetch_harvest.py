"""Fetch runs end to end against the local news site: stored, logged, grouped, coded, resumed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

import eirene
from eirene.analysis import CountingRule
from eirene.coding_run import code_inputs
from eirene.fetch import FetchSession, Sources, harvest
from eirene.store import EventFilter, open_store
from eirene.stories import story_of

from fetch_support import TEST_POLICY
from news_articles import ARTICLES, LATE_ARTICLE, WIRE_COPIES

pytestmark = pytest.mark.usefixtures("loopback_only")
FEEDS = ("/feed.xml", "/atom.xml")


def run(server, db: Path, sources: Sources | None = None, **options):  # type: ignore[no-untyped-def]
    with open_store(db) as store, FetchSession(options.pop("policy", TEST_POLICY)) as session:
        return harvest(sources or Sources(feeds=tuple(server.base + f for f in FEEDS)), store, session, **options)


def test_fetch_harvest_feeds_to_stored_documents(news_site, tmp_path):
    db = tmp_path / "news.duckdb"
    summary = run(news_site, db)
    assert (summary.listings, summary.unchanged, summary.links, summary.known) == (2, 0, 8, 0)
    assert (summary.new, summary.changed, summary.same) == (7, 0, 0) and summary.joined == 2
    assert dict(summary.not_coded) == {"de": 1} and summary.coding is None and summary.events == 0
    assert [f.code for f in summary.failures] == ["E124"]
    assert "8 link(s)" in summary.line() and "1 not coded (language de: 1)" in summary.line()
    base = news_site.base
    with open_store(db, read_only=True) as store:
        documents = {d["id"]: d for d in store.documents()}
        assert set(documents) == {base + a.path for a in (*ARTICLES, *WIRE_COPIES)}
        kunduz = documents[base + ARTICLES[0].path]
        assert kunduz["url"] == kunduz["id"] and kunduz["author"] == ARTICLES[0].author
        assert kunduz["language"] == "en" and kunduz["source"] == ARTICLES[0].outlet and kunduz["sentences"] is None
        log = {r["url"]: r for r in store.query("SELECT * FROM fetches")}
        assert len(log) == 8 and log[base + ARTICLES[0].path]["status"] == 200
        assert log[base + ARTICLES[0].path]["listed_by"] == base + "/feed.xml"
        assert log[base + "/news/removed-report.html"]["error_code"] == "E124"
        assert log[base + "/news/removed-report.html"]["status"] == 404
        errors = store.errors(summary.run_id)
        assert [(e["code"], e["source"]) for e in errors] == [("E124", base + "/news/removed-report.html")]
        (the_run,) = store.runs()
        assert the_run["status"] == "finished" and the_run["documents_new"] == 7 and the_run["errors"] == 1
        assert the_run["inputs"] == [f"feed:{base}/feed.xml", f"feed:{base}/atom.xml"]


def test_fetch_harvest_a_second_run_asks_only_what_is_new(news_site, tmp_path):
    db = tmp_path / "news.duckdb"
    run(news_site, db)
    article_asks = news_site.site.asked(ARTICLES[0].path)
    again = run(news_site, db)
    assert (again.listings, again.unchanged, again.links, again.fetched, again.errors()) == (2, 2, 0, 0, [])
    feed_asks = [r for r in news_site.site.requests if r.path == "/feed.xml"]
    assert "if-none-match" in feed_asks[-1].headers  # conditional, answered 304
    news_site.site.publish(LATE_ARTICLE)
    third = run(news_site, db)
    assert (third.unchanged, third.links, third.known, third.new) == (1, 8, 7, 1)
    assert third.errors() == []  # the 404 is remembered as gone, not asked again
    assert news_site.site.asked(ARTICLES[0].path) == article_asks and news_site.site.asked(LATE_ARTICLE.path) == 1
    assert news_site.site.asked("/news/removed-report.html") == 1
    refetched = run(news_site, db, refetch=True)
    assert (refetched.unchanged, refetched.links, refetched.known) == (0, 9, 0)
    assert (refetched.same, refetched.new, [f.code for f in refetched.failures]) == (8, 0, ["E124"])


def test_fetch_harvest_transient_failures_are_tried_again_next_run(news_site, tmp_path):
    db = tmp_path / "news.duckdb"
    sources = Sources(urls=(news_site.base + "/status/500", news_site.base + "/status/403", "ftp://127.0.0.1/x"))
    first = run(news_site, db, sources)
    assert sorted(f.code for f in first.failures) == ["E120", "E124", "E124"]
    second = run(news_site, db, sources)
    assert [f.url for f in second.failures if f.code == "E124"] == [news_site.base + "/status/500"]
    assert news_site.site.asked("/status/500") == 6 and news_site.site.asked("/status/403") == 1
    with open_store(db, read_only=True) as store:
        assert len(store.errors()) == 5  # every failure of every run, with its URL
        assert {e["source"] for e in store.errors()} == {*sources.urls}


def test_fetch_harvest_links_to_one_article_make_one_document(news_site, tmp_path):
    db = tmp_path / "news.duckdb"
    path = ARTICLES[2].path
    summary = run(news_site, db, Sources(urls=(news_site.base + "/redirect" + path, news_site.base + path)))
    assert (summary.new, summary.same) == (1, 1)
    with open_store(db, read_only=True) as store:
        assert [d["id"] for d in store.documents()] == [news_site.base + path]
        log = store.query("SELECT url, final_url, doc_id FROM fetches ORDER BY url")
    assert log == [
        {"url": news_site.base + path, "final_url": news_site.base + path, "doc_id": news_site.base + path},
        {"url": news_site.base + "/redirect" + path, "final_url": news_site.base + path, "doc_id": news_site.base + path},
    ]


def test_fetch_harvest_a_sitemap_index_and_its_sitemaps(news_site, tmp_path):
    summary = run(news_site, tmp_path / "news.duckdb", Sources(sitemaps=(news_site.base + "/sitemap.xml",)))
    assert summary.listings == 3 and summary.new == 3 and summary.errors() == []


def test_fetch_harvest_coded_documents_have_events_the_german_one_none(fetched_db):
    with open_store(fetched_db, read_only=True) as store:
        documents = {d["id"].split("/", 3)[3]: d for d in store.documents()}
        german = documents[ARTICLES[3].path.lstrip("/")]
        assert german["language"] == "de" and german["sentences"] is None and german["events"] == 0
        english = [d for d in documents.values() if d["language"] == "en"]
        assert len(english) == 6 and all(d["sentences"] for d in english)
        assert store.count_events(EventFilter(event_type="ASSAULT", actor="Taliban")) >= 1
        assert store.count_events(EventFilter(event_type="ACCUSE", actor="Iran", recipient="USA")) == 1


def test_fetch_harvest_code_never_codes_the_german_document_as_english(fetched_db, tmp_path, coder):
    db = tmp_path / "copy.duckdb"
    shutil.copy(fetched_db, db)
    with open_store(db) as store:
        summary = code_inputs([], store, lambda: coder)
        assert summary.processed == 0 and summary.events == 0
        assert [d["sentences"] for d in store.documents() if d["language"] == "de"] == [None]


def test_fetch_harvest_wire_copies_form_one_story(fetched_db):
    with open_store(fetched_db, read_only=True) as store:
        ids = {d["id"].split("/", 3)[3]: d["id"] for d in store.documents()}
        copies = [ids[c.path.lstrip("/")] for c in WIRE_COPIES]
        story = story_of(store, copies[2])
        assert story is not None and story.story_id == copies[0]  # the first copy fetched leads
        assert [m.doc_id for m in story.members] == copies
        assert story.outlets == tuple(c.outlet for c in WIRE_COPIES)
        for article in ARTICLES:  # the other reports stand alone, the German one included
            alone = story_of(store, ids[article.path.lstrip("/")])
            assert alone is not None and len(alone.members) == 1


def test_fetch_harvest_a_story_counts_once_in_the_dyad(fetched_db, tmp_path):
    grouped = _dyad_total(fetched_db)
    with open_store(fetched_db, read_only=True) as store:
        lead = story_of(store, next(d["id"] for d in store.documents() if WIRE_COPIES[0].path in d["id"]))
        assert lead is not None
        # events between the two: one of them acts ("China welcomed the talks" of the two is China's)
        alone = sum(1 for e in store.events(EventFilter(doc_id=lead.story_id, factuality="asserted"))
                    if {a.country for a in (*e.actors, *e.recipients)} >= {"RUS", "PAK"}
                    and {a.country for a in e.actors} & {"RUS", "PAK"})
    ungrouped_db = tmp_path / "ungrouped.duckdb"
    shutil.copy(fetched_db, ungrouped_db)
    with open_store(ungrouped_db) as store:
        store.write("a test's ungrouping", lambda execute: execute("UPDATE documents SET story_id = NULL", []))
    assert grouped == alone >= 1  # the story's events, once: those of its first copy
    # without the story, a copy's events merge with the first copy's only when dated to
    # the same day (the counting rule's happening key); the others count again
    assert _dyad_total(ungrouped_db) > grouped
    assert _dyad_total(ungrouped_db, CountingRule(merge_duplicates=False)) >= 2 * grouped  # every copy's mentions


def _dyad_total(db: Path, rule: CountingRule | None = None) -> int:
    with eirene.open(db) as system:
        return int(system.dyad("Russia", "Pakistan", rule=rule).frame["events"].sum())


def test_fetch_harvest_a_stopped_run_resumes_where_it_stopped(news_site, tmp_path, coder):
    db = tmp_path / "news.duckdb"
    sources = Sources(feeds=(news_site.base + "/feed.xml",))
    with open_store(db) as store, FetchSession(replace(TEST_POLICY, concurrency=1)) as session:
        def stop_after_first(what: str, _name: str) -> None:
            if what.startswith("new"):
                session.stop()  # as Ctrl-C or SIGTERM do in the CLI

        first = harvest(sources, store, session, coder_factory=lambda: coder, progress=stop_after_first)
        # what had arrived is stored (the loop fetches a little ahead), nothing more asked, nothing coded
        assert first.stopped and 1 <= first.new < 6 and first.coded == 0
        assert store.runs()[-1]["status"] == "stopped"
        stored = {d["id"] for d in store.documents()}
    asked = news_site.site.asked(ARTICLES[1].path)
    with open_store(db) as store, FetchSession(TEST_POLICY) as session:
        second = harvest(sources, store, session, coder_factory=lambda: coder)
        assert second.resumed == len(stored) - sum(1 for d in stored if "/de/" in d)
        assert second.unchanged == 0  # the stopped run left the feed to be read whole again
        assert second.known == len(stored) and second.new == 6 - len(stored) and not second.stopped
        uncoded = [d["id"] for d in store.documents() if d["sentences"] is None]
        assert uncoded == [news_site.base + ARTICLES[3].path]  # only the German report
    assert news_site.site.asked(ARTICLES[1].path) <= asked + 1  # nothing fetched twice


def test_fetch_harvest_the_web_shows_urls_and_stories(fetched_db):
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    with open_store(fetched_db, read_only=True) as store:
        ids = {d["id"].split("/", 3)[3]: d["id"] for d in store.documents()}
    with TestClient(create_app(fetched_db, token=""), base_url="http://127.0.0.1") as client:
        copy = ids[WIRE_COPIES[1].path.lstrip("/")]
        page = client.get("/documents/" + copy)
        assert page.status_code == 200
        assert f'data-testid="url">{copy}</a>' in page.text and "Frontier Herald" in page.text
        assert 'data-testid="story"' in page.text and WIRE_COPIES[0].outlet in page.text
        assert WIRE_COPIES[2].title in page.text
        german = client.get("/documents/" + ids[ARTICLES[3].path.lstrip("/")])
        assert 'data-testid="not-coded"' in german.text and "language &#39;de&#39;" in german.text
        index = client.get("/")
        assert ARTICLES[0].title in index.text
