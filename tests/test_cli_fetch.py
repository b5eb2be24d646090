"""The fetching commands as a user runs them: fetch, watch, sources, stories, docs, errors, dyad."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eirene.cli import cli

from news_articles import ARTICLES, WIRE_COPIES

pytestmark = pytest.mark.usefixtures("loopback_only")
FAST = ("--delay", "0", "--timeout", "1", "--per-host", "1")


@pytest.fixture()
def config_dir(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv("EIRENE_CONFIG_DIR", str(folder))
    return folder


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


def jsonl(result) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_cli_fetch_a_feed_codes_groups_and_counts_once(news_site, tmp_path):
    """The README's first steps: fetch a feed, then look at documents, stories, errors and a dyad."""
    db = str(tmp_path / "news.duckdb")
    base = news_site.base
    fetched = run("fetch", "--feed", base + "/feed.xml", "--feed", base + "/atom.xml", "--db", db, *FAST)
    assert fetched.exit_code == 0, fetched.output
    assert "7 new" in fetched.stdout and "2 joined a story" in fetched.stdout and "language de: 1" in fetched.stdout
    assert "[E124]" in fetched.stderr and "/news/removed-report.html" in fetched.stderr
    docs = {row["id"]: row for row in jsonl(run("docs", "--db", db, "--format", "jsonl"))}
    lead = base + WIRE_COPIES[0].path
    assert docs[base + WIRE_COPIES[2].path]["story"] == lead and docs[lead]["story"] is None
    german = docs[base + ARTICLES[3].path]
    assert german["language"] == "de" and german["note"].startswith("not coded: in language 'de'")
    assert docs[lead]["url"] == lead and docs[lead]["note"] is None and docs[lead]["events"] >= 1
    stories = jsonl(run("stories", "list", "--db", db, "--format", "jsonl"))
    assert [(r["story"], r["outlet"]) for r in stories] == [(lead, c.outlet) for c in WIRE_COPIES]
    errors = jsonl(run("errors", "--db", db, "--format", "jsonl"))
    assert [(e["code"], e["source"]) for e in errors] == [("E124", base + "/news/removed-report.html")]
    dyad = run("dyad", "Russia", "Pakistan", "--db", db)
    assert dyad.exit_code == 0, dyad.output
    once = int(dyad.stdout.split("total: ")[1].split(" events")[0])
    regrouped = run("stories", "group", "--db", db, "--threshold", "1", "--rebuild")
    assert regrouped.exit_code == 0 and "0 joined" in regrouped.stdout  # no copy is word for word the same
    ungrouped = run("dyad", "Russia", "Pakistan", "--db", db)
    # without the story, copies' events merge only where they are dated to the same day
    assert int(ungrouped.stdout.split("total: ")[1].split(" events")[0]) > once >= 1
    every_mention = run("dyad", "Russia", "Pakistan", "--db", db, "--no-merge")
    assert int(every_mention.stdout.split("total: ")[1].split(" events")[0]) >= 2 * once
    again = run("fetch", "--feed", base + "/feed.xml", "--feed", base + "/atom.xml", "--db", db, *FAST, "--no-code")
    assert again.exit_code == 0 and "2 unchanged" in again.stdout and "0 page(s) fetched" in again.stdout


def test_cli_fetch_urls_from_a_file_and_strictness(news_site, tmp_path):
    db = str(tmp_path / "news.duckdb")
    links = tmp_path / "links.txt"
    links.write_text(f"# to read\n{news_site.base}{ARTICLES[0].path}\n\n{news_site.base}/report.pdf\n")
    result = run("fetch", "--urls", str(links), "--db", db, "--no-code", *FAST)
    assert result.exit_code == 0 and "1 new" in result.stdout and "[E126]" in result.stderr
    strict = run("fetch", f"{news_site.base}/report.pdf", "--refetch", "--db", db, "--no-code", "--strict", *FAST)
    assert strict.exit_code == 1
    from_stdin = run("fetch", "--urls", "-", "--db", db, "--no-code", *FAST, input=f"{news_site.base}{ARTICLES[1].path}\n")
    assert from_stdin.exit_code == 0 and "1 new" in from_stdin.stdout
    docs = jsonl(run("docs", "--db", db, "--format", "jsonl"))
    assert {d["note"] for d in docs} == {"not coded yet: run `eirene code`"}  # --no-code stores only


def test_cli_fetch_needs_something_to_fetch_and_sane_options(tmp_path):
    nothing = run("fetch", "--db", str(tmp_path / "x.duckdb"))
    assert nothing.exit_code == 2 and "--feed URL" in nothing.output
    bad = run("fetch", "http://127.0.0.1:9/x", "--db", str(tmp_path / "x.duckdb"), "--timeout", "0")
    assert bad.exit_code == 1 and "[E133]" in bad.output
    failed = run("fetch", "http://127.0.0.1:9/x", "--db", str(tmp_path / "x.duckdb"), "--no-code", *FAST,
                 "--retries", "0")
    assert failed.exit_code == 1 and "[E122]" in failed.stderr  # nothing fetched, something failed


def test_cli_watch_polls_then_stops(news_site, tmp_path, config_dir):
    db = str(tmp_path / "news.duckdb")
    result = run("watch", "--feed", news_site.base + "/feed.xml", "--every", "0.1s", "--polls", "2", "--no-code",
                 "--db", db, *FAST)
    assert result.exit_code == 0, result.output
    polls = [line for line in result.stdout.splitlines() if line.startswith("poll ")]
    assert len(polls) == 2 and "6 new" in polls[0] and "(1 unchanged)" in polls[1]
    assert "stopped after 2 poll(s)" in result.stdout
    bad = run("watch", "--feed", news_site.base + "/feed.xml", "--every", "soon", "--db", db)
    assert bad.exit_code == 1 and "[E133]" in bad.output


def test_cli_sources_kept_for_watch(news_site, tmp_path, config_dir):
    empty = run("watch", "--db", str(tmp_path / "news.duckdb"), "--polls", "1")
    assert empty.exit_code == 2 and "eirene sources add" in empty.output
    feed, sitemap = news_site.base + "/feed.xml", news_site.base + "/sitemap.xml"
    assert "added" in run("sources", "add", feed).stdout
    assert "already listed" in run("sources", "add", feed + "#top").stdout  # one spelling per address
    assert run("sources", "add", sitemap, "--sitemap").exit_code == 0
    bad = run("sources", "add", "ftp://127.0.0.1/feed")
    assert bad.exit_code == 1 and "[E120]" in bad.output
    listed = jsonl(run("sources", "list", "--format", "jsonl"))
    assert listed == [{"url": feed, "kind": "feed"}, {"url": sitemap, "kind": "sitemap"}]
    assert (config_dir / "sources.yaml").read_text().startswith("# Feeds and sitemaps")
    watched = run("watch", "--db", str(tmp_path / "news.duckdb"), "--polls", "1", "--no-code", *FAST)
    assert watched.exit_code == 0 and "watching 1 feed(s) and 1 sitemap(s)" in watched.stdout
    assert "4 feed(s)/sitemap(s) read" in watched.stdout  # the feed, the sitemap index and its two sitemaps
    assert run("sources", "remove", feed).exit_code == 0
    assert run("sources", "remove", feed).exit_code == 1
    assert jsonl(run("sources", "list", "--format", "jsonl")) == [{"url": sitemap, "kind": "sitemap"}]
    (config_dir / "sources.yaml").write_text("sources: [{kind: feed}]\n")
    broken = run("sources", "list")
    assert broken.exit_code == 1 and "[E132]" in broken.output


def test_cli_stories_group_files_coded_the_usual_way(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, article in enumerate(WIRE_COPIES):
        (corpus / f"copy-{i}.txt").write_text("\n\n".join((article.title, *article.paragraphs)), encoding="utf-8")
    (corpus / "other.txt").write_text("\n\n".join(ARTICLES[0].paragraphs), encoding="utf-8")
    db = str(tmp_path / "files.duckdb")
    assert run("ingest", str(corpus), "--db", db).exit_code == 0
    grouped = run("stories", "group", "--db", db)
    assert grouped.exit_code == 0 and "4 document(s) grouped; 2 joined" in grouped.stdout
    rows = jsonl(run("stories", "list", "--db", db, "--format", "jsonl"))
    assert [r["document"] for r in rows] == ["copy-0.txt", "copy-1.txt", "copy-2.txt"]
