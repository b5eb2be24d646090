"""One test per attack on the web app: stored XSS through a document's url, DNS
rebinding through the Host header, and the security headers on every answer."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from eirene.web.hosts import allowed_hosts, host_allowed
from eirene.web.rendering import web_link
from web_support import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Kabul, 5 June 2019: Afghan and Pakistani officials met in Kabul to discuss the border."
HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/path",
    "http:no-host",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_http_urls_with_a_host_become_links(url: str) -> None:
    assert web_link(url) is None
    assert web_link("https://news.example.org/a?b=1") == "https://news.example.org/a?b=1"
    assert web_link("HTTP://news.example.org/") == "HTTP://news.example.org/"


@pytest.mark.slow
def test_a_javascript_url_is_shown_as_text_on_the_document_page(writer) -> None:
    records = [{"id": f"xss-{n}", "text": f"{TEXT} Item {n}.", "url": url} for n, url in enumerate(HOSTILE_URLS)]
    records.append({"id": "xss-ok", "text": TEXT + " Fine.", "url": "https://news.example.org/kabul"})
    answer = writer.post("/api/documents", json=records, headers=AUTH)
    assert answer.status_code == 201, answer.text
    for n in range(len(HOSTILE_URLS)):
        page = writer.get(f"/documents/xss-{n}")
        assert page.status_code == 200
        hrefs = re.findall(r'href="([^"]*)"', page.text)
        assert not [h for h in hrefs if not h.startswith(("/", "https://", "http://", "#", "?"))], hrefs
        assert "script:" not in " ".join(hrefs).lower() and "data:" not in " ".join(hrefs)
    good = writer.get("/documents/xss-ok").text
    assert 'href="https://news.example.org/kabul"' in good


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil"])
def test_a_foreign_host_header_is_refused_with_e460(client, host: str) -> None:
    for path in ("/", "/api/stats"):
        answer = client.get(path, headers={"Host": host})
        assert answer.status_code == 400, (host, path)
        assert "E460" in answer.text and "--allowed-host" in answer.text
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'self'")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "127.0.0.2"])
def test_loopback_host_headers_are_answered(client, host: str) -> None:
    assert client.get("/api/stats", headers={"Host": host}).status_code == 200


def test_named_hosts_are_added_and_wildcards_are_not_names() -> None:
    hosts = allowed_hosts(["0.0.0.0", "Eirene.Example.org", "10.0.0.5"])
    assert host_allowed("eirene.example.org:8443", hosts) and host_allowed("10.0.0.5", hosts)
    assert not host_allowed("0.0.0.0", hosts) and not host_allowed(None, hosts) and not host_allowed("", hosts)


@pytest.mark.slow
def test_serve_allowed_host_option_reaches_the_app(example_store) -> None:
    from eirene.cli import cli

    runner = CliRunner()
    refused = runner.invoke(cli, ["serve", "--db", example_store, "--allowed-host", "bad host/x", "--get", "/"])
    assert refused.exit_code != 0 and "E462" in refused.output
    ok = runner.invoke(cli, ["serve", "--db", example_store, "--allowed-host", "eirene.example.org", "--get", "/api/stats"])
    assert ok.exit_code == 0, ok.output


def test_security_headers_on_pages_api_and_errors(client) -> None:
    for path in ("/", "/api/stats", "/no/such/page", "/api/events?limit=-1"):
        answer = client.get(path)
        assert answer.headers["X-Content-Type-Options"] == "nosniff", path
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"], path
        assert "script-src 'self'" in answer.headers["Content-Security-Policy"], path
        assert answer.headers["Referrer-Policy"] == "same-origin", path
