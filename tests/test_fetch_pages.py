"""From fetched bytes to links and Documents: feeds, sitemaps, article extraction, languages."""

from __future__ import annotations

import gzip

import pytest

from eirene.fetch.extract import page_document
from eirene.fetch.listings import Listing, read_listing
from eirene.fetch.outcomes import Failure, Page
from eirene.languages import identify_language, is_coded, not_coded_reason

from news_articles import ARTICLES, WIRE_COPIES
from news_site import NewsSite, article_html, atom, rss, sitemap_index, sitemap_news

BASE = "http://127.0.0.1:8765"


def page(body: bytes | str, url: str = BASE + "/x", content_type: str | None = "text/html") -> Page:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Page(url=url, final_url=url, status=200, content_type=content_type, charset=None, body=data,
                fetched_at="2026-03-05T10:00:00")


def links_of(listing: Listing | Failure) -> list[str]:
    assert isinstance(listing, Listing), listing
    return [link.url for link in listing.links]


def test_fetch_pages_rss_items_with_titles_and_dates():
    listing = read_listing(page(rss(NewsSite(), BASE), BASE + "/feed.xml", "application/rss+xml"))
    assert isinstance(listing, Listing) and listing.kind == "feed"
    assert links_of(listing)[:2] == [BASE + ARTICLES[0].path, BASE + ARTICLES[1].path]
    assert links_of(listing)[-1] == BASE + "/news/removed-report.html"
    first = listing.links[0]
    assert first.title == ARTICLES[0].title and first.date == ARTICLES[0].date and first.via == BASE + "/feed.xml"


def test_fetch_pages_atom_relative_links_resolve_against_the_feed():
    listing = read_listing(page(atom(NewsSite(), BASE), BASE + "/atom.xml", "application/atom+xml"))
    assert links_of(listing) == [BASE + ARTICLES[0].path, BASE + WIRE_COPIES[2].path]


def test_fetch_pages_sitemaps_xml_index_text_and_gzip():
    index = read_listing(page(sitemap_index(BASE), BASE + "/sitemap.xml", "application/xml"))
    assert isinstance(index, Listing) and index.kind == "sitemap" and index.links == ()
    assert index.sitemaps == (BASE + "/sitemap-news.xml", BASE + "/sitemap-pages.txt")
    news = read_listing(page(sitemap_news(BASE), BASE + "/sitemap-news.xml", "application/xml"))
    assert links_of(news) == [BASE + ARTICLES[0].path, BASE + ARTICLES[1].path]
    assert isinstance(news, Listing) and news.links[0].date == ARTICLES[0].date
    text = read_listing(page(f"{BASE}/a.html\n\n{BASE}/b.html?utm_medium=x\n", BASE + "/s.txt", "text/plain"))
    assert links_of(text) == [BASE + "/a.html", BASE + "/b.html"]
    zipped = read_listing(page(gzip.compress(sitemap_news(BASE).encode()), BASE + "/s.xml.gz", "application/gzip"))
    assert links_of(zipped) == links_of(news)


def test_fetch_pages_xml_entities_are_not_expanded():
    bomb = ('<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{BASE}/a.html</loc></url><url><loc>&x;</loc></url><url><loc>&b;</loc></url></urlset>")
    assert links_of(read_listing(page(bomb, BASE + "/s.xml", "application/xml"))) == [BASE + "/a.html"]


@pytest.mark.parametrize("body", ["<html><body><p>Not a feed</p></body></html>", "", "{\"json\": true}"])
def test_fetch_pages_what_is_no_feed_fails_e131(body):
    outcome = read_listing(page(body, BASE + "/not-a-feed.xml"))
    assert isinstance(outcome, Failure) and outcome.code == "E131" and BASE + "/not-a-feed.xml" in outcome.message


def test_fetch_pages_an_article_becomes_a_document():
    article = ARTICLES[0]
    document = page_document(page(article_html(article), BASE + article.path))
    assert not isinstance(document, Failure)
    assert document.id == document.url == BASE + article.path
    assert document.title == article.title and document.author == article.author
    assert document.source == article.outlet and document.language == "en"
    assert document.date == article.date and document.date_precision == "day"
    assert article.paragraphs[1] in document.text
    assert "Most read" not in document.text and "All rights reserved" not in document.text  # boilerplate gone


def test_fetch_pages_the_feed_date_fills_in_when_the_page_has_none():
    bare = ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in ARTICLES[1].paragraphs[1:])
            + "</article></body></html>")
    document = page_document(page(bare), listed_date="2026-02-24")
    assert not isinstance(document, Failure) and document.date == "2026-02-24" and document.source == "127.0.0.1:8765"


def test_fetch_pages_a_german_article_is_stored_as_german():
    german = ARTICLES[3]
    document = page_document(page(article_html(german), BASE + german.path))
    assert not isinstance(document, Failure) and document.language == "de"
    assert not is_coded("de") and "'de'" in (not_coded_reason("de") or "")
    assert is_coded("en") and is_coded(None) and not_coded_reason("en") is None


def test_fetch_pages_language_from_the_text_not_the_label():
    mislabelled = article_html(ARTICLES[3]).replace('lang="de"', 'lang="en"')
    document = page_document(page(mislabelled))
    assert not isinstance(document, Failure) and document.language == "de"
    assert identify_language("Kabul", declared="fa-AF") == "fa"  # too short to tell: the page's word
    assert identify_language("Kabul") is None


@pytest.mark.parametrize(("body", "content_type", "code"), [
    (b"%PDF-1.7\n" + bytes(range(256)), "application/pdf", "E126"),
    (b"\x89PNG\r\n\x1a\n" + bytes(256), "text/html", "E126"),  # a label that lies
    (b"Plain notes.\n" * 50, "text/plain", "E126"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "text/html", "E128"),
    (b"<html><body><p>Too short to be an article.</p></body></html>", None, "E128"),
])
def test_fetch_pages_what_is_no_article_fails(body, content_type, code):
    outcome = page_document(page(body, content_type=content_type))
    assert isinstance(outcome, Failure) and outcome.code == code and not outcome.retry
    assert BASE + "/x" in outcome.message

