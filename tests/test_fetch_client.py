"""Fetching one URL politely, against the local news site: every outcome a Page or a Failure.

Every test runs under `loopback_only`: a connection to anything but 127.0.0.1 fails the test.
"""

from __future__ import annotations

import socket
import time
from dataclasses import replace

import pytest

from eirene.fetch import FetchPolicy, FetchSession, NotFetchable, normalise_url
from eirene.fetch.outcomes import Failure, Page
from eirene.fetch.policy import USER_AGENT

from fetch_support import TEST_POLICY

pytestmark = pytest.mark.usefixtures("loopback_only")


def get(server, path: str, policy: FetchPolicy = TEST_POLICY, headers=None) -> Page | Failure:
    with FetchSession(policy) as session:
        outcome = session.get(server.base + path, headers)
    assert outcome is not None
    return outcome


def test_fetch_client_the_guard_refuses_other_addresses(loopback_only):
    """The guard every fetch test runs under does refuse, before any packet is sent."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(ConnectionRefusedError, match="test guard"):
            probe.connect(("192.0.2.1", 80))  # TEST-NET-1: documentation only, never routed
    finally:
        probe.close()
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("news.example", 80)
    assert loopback_only.blocked == [("192.0.2.1", 80)] and loopback_only.lookups == ["news.example"]
    loopback_only.blocked.clear()  # this test's own probe; the fixture checks the rest


def test_fetch_client_an_article_arrives_with_its_provenance(news_site):
    page = get(news_site, "/news/kunduz-checkpoint-attack.html")
    assert isinstance(page, Page)
    assert page.status == 200 and page.content_type == "text/html" and page.charset == "utf-8"
    assert page.url == page.final_url == news_site.base + "/news/kunduz-checkpoint-attack.html"
    assert b"Kunduz province" in page.body and page.fetched_at[:2] == "20"
    asked = [r for r in news_site.site.requests if r.path == "/news/kunduz-checkpoint-attack.html"]
    assert [r.headers["user-agent"] for r in asked] == [USER_AGENT] and "eirene/" in USER_AGENT


def test_fetch_client_redirects_are_followed_and_the_final_url_kept(news_site):
    page = get(news_site, "/redirect/news/gulf-drone-protest.html")
    assert isinstance(page, Page) and page.status == 200
    assert page.url == news_site.base + "/redirect/news/gulf-drone-protest.html"
    assert page.final_url == news_site.base + "/news/gulf-drone-protest.html"


def test_fetch_client_a_redirect_loop_is_given_up(news_site):
    failed = get(news_site, "/loop")
    assert isinstance(failed, Failure) and failed.code == "E125" and not failed.retry
    assert news_site.site.asked("/loop") == 3 and news_site.site.asked("/loop-again") == 3  # 6 hops: 1 + 5 redirects


def test_fetch_client_only_http_and_https(news_site):
    to_ftp = get(news_site, "/to-ftp")
    assert isinstance(to_ftp, Failure) and to_ftp.code == "E120" and "ftp:" in to_ftp.message
    with FetchSession(TEST_POLICY) as session:
        for bad in ("ftp://127.0.0.1/file.txt", "file:///etc/passwd", "javascript:alert(1)", "not a url", "http://"):
            outcome = session.get(bad)
            assert isinstance(outcome, Failure) and outcome.code == "E120", bad
    with pytest.raises(NotFetchable):
        normalise_url("mailto:desk@news.example")


def test_fetch_client_robots_txt_is_obeyed_and_read_once(news_site):
    refused = get(news_site, "/private/leak.html")
    assert isinstance(refused, Failure) and refused.code == "E129" and not refused.retry
    assert news_site.site.asked("/private/leak.html") == 0
    with FetchSession(TEST_POLICY) as session:
        list(session.get_many([news_site.base + p for p in ("/news/kunduz-checkpoint-attack.html", "/flaky", "/")]))
    assert news_site.site.asked("/robots.txt") == 2  # once per session, whatever the number of pages
    allowed = get(news_site, "/private/leak.html", replace(TEST_POLICY, obey_robots=False))
    assert isinstance(allowed, Page) and news_site.site.asked("/private/leak.html") == 1


def test_fetch_client_a_robots_txt_that_errs_means_fetch_nothing(news_site):
    news_site.site.robots_status = 500
    failed = get(news_site, "/news/kunduz-checkpoint-attack.html")
    assert isinstance(failed, Failure) and failed.code == "E130" and failed.retry
    assert news_site.site.asked("/news/kunduz-checkpoint-attack.html") == 0
    news_site.site.robots_status = 404  # no robots.txt at all: everything may be fetched
    assert isinstance(get(news_site, "/news/kunduz-checkpoint-attack.html"), Page)


def test_fetch_client_a_slow_server_times_out_after_the_retries(news_site):
    started = time.monotonic()
    failed = get(news_site, "/slow")
    assert isinstance(failed, Failure) and failed.code == "E123" and failed.retry
    assert "3 attempt(s)" in failed.message and news_site.site.asked("/slow") == 3
    assert time.monotonic() - started < news_site.site.slow_seconds * 3  # it never waited for a whole answer


def test_fetch_client_transient_errors_are_retried_with_backoff(news_site):
    page = get(news_site, "/flaky")  # two 503s, then the page
    assert isinstance(page, Page) and page.status == 200 and news_site.site.asked("/flaky") == 3
    busy = get(news_site, "/busy")  # a 429 with Retry-After: 1 (capped at the policy's max_wait)
    assert isinstance(busy, Page) and news_site.site.asked("/busy") == 2
    times = [r.at for r in news_site.site.requests if r.path == "/flaky"]
    backoff = TEST_POLICY.backoff
    assert times[1] - times[0] >= backoff * 0.9 and times[2] - times[1] >= 2 * backoff * 0.9  # doubled


def test_fetch_client_errors_that_will_not_pass_are_not_retried(news_site):
    for path, status in (("/status/403", 403), ("/news/removed-report.html", 404)):
        failed = get(news_site, path)
        assert isinstance(failed, Failure) and failed.code == "E124" and failed.status == status
        assert not failed.retry and news_site.site.asked(path) == 1, path
    server_error = get(news_site, "/status/500")
    assert isinstance(server_error, Failure) and server_error.retry and news_site.site.asked("/status/500") == 3


def test_fetch_client_bodies_over_the_size_limit_are_not_read(news_site):
    for path in ("/huge.html", "/huge-streamed.html"):  # with and without Content-Length
        failed = get(news_site, path)
        assert isinstance(failed, Failure) and failed.code == "E127" and not failed.retry, path
        assert "1 MB limit" in failed.message


def test_fetch_client_a_closed_port_and_an_unknown_host(loopback_only):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()  # nothing listens there now
    with FetchSession(TEST_POLICY) as session:
        refused = session.get(f"http://127.0.0.1:{port}/news.html")
        unknown = session.get("http://news.invalid/today.html")
    assert isinstance(refused, Failure) and refused.code == "E122" and refused.retry
    assert isinstance(unknown, Failure) and unknown.code == "E121" and unknown.retry
    assert "news.invalid" in loopback_only.lookups  # the name was never looked up for real


def test_fetch_client_conditional_requests_get_304(news_site):
    first = get(news_site, "/feed.xml")
    assert isinstance(first, Page) and first.status == 200 and first.etag and first.last_modified
    again = get(news_site, "/feed.xml", headers={"If-None-Match": first.etag})
    assert isinstance(again, Page) and again.not_modified and again.body == b""
    assert news_site.site.requests[-1].headers["if-none-match"] == first.etag


def test_fetch_client_requests_to_one_host_are_paced_and_limited(news_site):
    paths = ["/news/kunduz-checkpoint-attack.html", "/news/chabahar-trade-deal.html",
             "/news/gulf-drone-protest.html", "/wire/courier/russia-pakistan-drills.html"]
    policy = replace(TEST_POLICY, delay=0.3, per_host=2, concurrency=8)
    with FetchSession(policy) as session:
        outcomes = dict(session.get_many(news_site.base + p for p in paths))
    assert all(isinstance(o, Page) for o in outcomes.values())
    starts = sorted(r.at for r in news_site.site.requests if r.path in paths)
    # spaced 0.3 s apart when they leave; the server sees them with some jitter of its own
    assert len(starts) == 4 and all(b - a >= 0.15 for a, b in zip(starts, starts[1:]))
    assert starts[-1] - starts[0] >= 3 * 0.3 * 0.9


def test_fetch_client_a_stopped_session_sends_nothing_more(news_site):
    with FetchSession(TEST_POLICY) as session:
        session.stop()
        assert list(session.get_many([news_site.base + "/news/kunduz-checkpoint-attack.html"])) == []
    assert news_site.site.asked("/news/kunduz-checkpoint-attack.html") == 0


@pytest.mark.parametrize(("given", "spelt"), [
    ("HTTP://News.Example.org:80/a/b?utm_source=rss&id=7#top", "http://news.example.org/a/b?id=7"),
    ("https://news.example.org", "https://news.example.org/"),
    ("https://news.example.org:8443/x?fbclid=1", "https://news.example.org:8443/x"),
    ("http://[::1]:8080/a", "http://[::1]:8080/a"),
])
def test_fetch_client_urls_have_one_spelling(given, spelt):
    assert normalise_url(given) == spelt


def test_fetch_client_policy_refuses_nonsense():
    from eirene.errors import InputError

    for bad in ({"timeout": 0}, {"per_host": 0}, {"delay": -1}, {"user_agent": " "}):
        with pytest.raises(InputError, match="E133"):
            FetchPolicy(**bad)
