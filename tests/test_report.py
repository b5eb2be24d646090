"""The HTML brief: its sections, its evidence links, and that it is one offline file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from eirene.errors import StoreError
from eirene.store import open_store


SECTIONS = ("summary", "actors", "dyads", "network", "timelines", "blocs", "claims", "scenarios", "evidence")


def test_report_has_every_section_with_a_heading(report_page):
    assert report_page.findtext(".//title") == "Invented corpus"
    for section in SECTIONS:
        found = report_page.xpath(f"//section[@id='{section}']")
        assert len(found) == 1, section
        assert found[0].xpath("./h2"), section
        assert report_page.xpath(f"//nav//a[@href='#{section}']"), section


def test_every_link_points_to_an_anchor_that_exists(report_page):
    ids = set(report_page.xpath("//@id"))
    links = report_page.xpath("//a[starts-with(@href, '#')]/@href")
    evidence_links = [h for h in links if h.startswith("#ev-")]
    assert len(evidence_links) > 10
    missing = sorted({h for h in links if h[1:] not in ids})
    assert missing == []


def test_evidence_entries_are_the_stored_sentences(report_page, hand_location):
    entries = report_page.xpath("//section[@id='evidence']//li[starts-with(@id, 'ev-')]")
    linked = {h[4:] for h in report_page.xpath("//a[starts-with(@href, '#ev-')]/@href")}
    assert {li.get("id")[3:] for li in entries} == linked  # every linked event, and only those
    with open_store(hand_location, read_only=True) as store:
        for li in entries:
            event = store.get_event(li.get("id")[3:])
            assert event is not None
            assert li.xpath("string(.//blockquote)") == event.text.strip()
            meta = li.xpath("string(.)")
            for fact in (event.doc_id, event.event_type, event.factuality, event.method):
                assert fact in meta
            if event.trigger_start is not None:
                marked = li.xpath("string(.//mark)")
                assert marked == event.text.strip()[event.trigger_start - event.start:event.trigger_end - event.start]


def test_report_embeds_plotly_once_and_loads_nothing_from_the_network(report, report_page):
    text = report.read_text(encoding="utf-8")
    scripts = report_page.xpath("//script")
    assert sum(1 for s in scripts if "plotly.js v" in (s.text or "")[:2000]) == 1
    assert all(not s.get("src") for s in scripts)
    for attribute in report_page.xpath("//@src | //link/@href | //img/@src"):
        assert not re.match(r"(?i)(https?:)?//", attribute), attribute
    assert len(report_page.xpath("//div[contains(@class, 'chart')]")) >= 3
    assert text.count("Plotly.newPlot") >= 3  # actors, network and at least one timeline


def test_report_tables_follow_the_network(report_page, hand_location):
    from eirene.analysis import ActorSystem

    with open_store(hand_location, read_only=True) as store:
        graph = ActorSystem(store).network().graph
    rows = report_page.xpath("//section[@id='dyads']//tbody/tr")
    assert len(rows) == min(10, graph.number_of_edges())
    most = max(d["events"] for _, _, d in graph.edges(data=True))
    assert int(rows[0].xpath("string(./td[2])")) == most
    actors = [r.xpath("string(./td[1]/b)") for r in report_page.xpath("//section[@id='actors']//tbody/tr")]
    names = {d["name"] for _, d in graph.nodes(data=True)}
    assert actors and set(actors) <= names


def test_report_lists_the_allegation_and_who_made_it(report_page):
    rows = report_page.xpath("//section[@id='claims']//tbody/tr")
    cells = [[c.text_content().strip() for c in row.xpath("./td")] for row in rows]
    alleged = [c for c in cells if c[3] == "alleged"]
    assert any(c[0] == "United States" and "Russia" in c[1] and c[2].startswith("AID") for c in alleged), cells


def test_report_refuses_an_empty_window(hand_location, tmp_path):
    from eirene.report import write_report

    with open_store(hand_location, read_only=True) as store, pytest.raises(StoreError) as err:
        write_report(store, tmp_path / "empty.html", since="2030")
    assert err.value.code == "E454" and "2030" in str(err.value)
    assert not (tmp_path / "empty.html").exists()


def test_cli_report_writes_the_file(hand_location, tmp_path):
    from eirene.cli import cli

    out = tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["report", "--db", hand_location, "--out", str(out), "--since", "2018"])
    assert result.exit_code == 0, result.output
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    dates = [d for d in page.xpath("//section[@id='evidence']//li//text()") if re.search(r"date 20\d\d", d)]
    assert dates and all("date 2017" not in d for d in dates)  # the window holds
    missing_dir = CliRunner().invoke(cli, ["report", "--db", hand_location, "--out", str(tmp_path / "no" / "b.html")])
    assert missing_dir.exit_code != 0 and "[E453]" in missing_dir.output


@pytest.mark.slow
def test_report_renders_offline_in_chromium(report):
    """Open the file in headless Chromium with the network cut: every chart draws, no
    script error, and no request leaves the file."""
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("no Chromium at /usr/bin/chromium")
    expected = report.read_text(encoding="utf-8").count("Plotly.newPlot")
    outside: list[str] = []
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (outside.append(route.request.url), route.abort()))
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(report.as_uri())
            page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}", timeout=20000)
            drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
            page.click("section#dyads a.ev")
            target = page.evaluate("location.hash")
            visible = page.evaluate(f"document.getElementById({target[1:]!r}).getBoundingClientRect().top")
        finally:
            browser.close()
    assert drawn == expected
    assert errors == [] and outside == []
    assert target.startswith("#ev-") and 0 <= visible < 1000
