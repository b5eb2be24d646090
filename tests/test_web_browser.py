"""The pages in a real browser: Debian's headless Chromium, driven by Playwright, against a
uvicorn server on 127.0.0.1. Screenshots go to test-artifacts/web/ for a person to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from web_support import ARTICLE, ARTIFACTS, CHROMIUM, TOKEN

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_web_browser_overview_draws_its_chart(server, page):
    page.goto(server + "/")
    page.wait_for_selector("#timeline .main-svg")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator("[data-testid=documents] tbody tr").count() == 20
    shot(page, "overview")
    assert page.problems == []


def test_web_browser_filter_sort_and_follow_event_to_document(server, page):
    page.goto(server + "/events")
    page.select_option("select[name=type]", "ASSAULT")
    page.click("[data-testid=filters] button[type=submit]")
    page.wait_for_url("**/events?*type=ASSAULT*")
    types = page.locator("[data-testid=events-table] tbody tr td:nth-child(2) .type").all_inner_texts()
    assert types and set(types) == {"ASSAULT"}
    page.click("[data-testid=events-table] th:has-text('Confidence')")
    assert "sort=7" in page.url
    values = [float(v) for v in page.locator("[data-testid=events-table] tbody td.num").all_inner_texts()]
    assert values == sorted(values)
    shot(page, "events-assault")

    page.locator("[data-testid=events-table] td.sentence a").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("[data-testid=sentence] mark.trigger").count() >= 1
    assert page.locator("[data-testid=sentence] mark.actor").count() >= 1
    shot(page, "event")

    page.click("[data-testid=document-link]")
    page.wait_for_url("**/documents/**")
    assert page.locator("[data-testid=doctext] mark.event").count() >= 1
    shot(page, "document")
    assert page.problems == []


def test_web_browser_read_only_upload_page(server, page):
    page.goto(server + "/upload")
    assert page.locator("[data-testid=read-only]").is_visible()
    assert page.locator("[data-testid=upload-form] button[type=submit]").is_disabled()
    shot(page, "upload-read-only")


def test_web_browser_upload_form_codes_an_article(writable_server, page):
    page.goto(writable_server + "/upload")
    page.fill("input[name=token]", TOKEN)
    page.fill("input[name=title]", ARTICLE["title"])
    page.fill("input[name=date]", ARTICLE["date"])
    page.fill("textarea[name=text]", ARTICLE["text"])
    page.click("[data-testid=upload-form] button[type=submit]")
    result = page.locator("[data-testid=upload-result]")
    assert "new" in result.inner_text()
    shot(page, "upload-done")
    result.locator("a").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("[data-testid=doctext] mark.event").count() >= 1
    page.goto(writable_server + "/events?" + "q=border+posts")
    assert page.locator("[data-testid=events-table] td.sentence a").count() >= 1
    assert page.problems == []


def test_web_browser_actor_dyad_event_document(server, page):
    page.goto(server + "/actors/Pakistan")
    page.wait_for_url("**/actors/PAK")
    page.wait_for_selector("#actor-years .main-svg")
    shot(page, "actor")
    link = page.locator("[data-testid=partners] a, [data-testid=adversaries] a").first
    link.click()
    page.wait_for_url("**/dyads/**")
    page.wait_for_selector("#dyad-chart .main-svg")
    shot(page, "dyad")
    rows = page.locator("[data-testid=events-table] tbody tr")
    month = rows.first.locator("td").first.inner_text()[:7]
    # a click on that month's bar (plotly's own event) keeps only that month's events
    page.evaluate("(x) => document.getElementById('dyad-chart').emit('plotly_click', {points: [{x: x}]})", month + "-01")
    assert page.locator("[data-testid=period-label]").inner_text().startswith(f"from {month}-01")
    shown = [d for d in rows.locator("td:first-child").all_inner_texts() if d]
    visible = [rows.nth(i).is_visible() for i in range(rows.count())]
    assert all(d.startswith(month) == v for d, v in zip(shown, visible)) and any(visible)
    page.locator("[data-testid=events-table] td.sentence a").first.click()
    page.wait_for_url("**/events/*")
    page.click("[data-testid=document-link]")
    page.wait_for_url("**/documents/**")
    assert page.problems == []


def test_web_browser_network_slider_changes_the_window(server, page):
    page.goto(server + "/network")
    page.wait_for_selector("#network-chart .main-svg")
    shot(page, "network-all")
    before = page.locator("#network-counts").inner_text()
    page.select_option("#window-length", "12")
    slider = page.locator("#window-end")
    # the window of the twelve months up to December 2018 (slider values count months)
    slider.evaluate("(el) => { el.value = String(2018 * 12 + 11); el.dispatchEvent(new Event('input')); }")
    # expect() polls from outside the page: a string predicate would need eval, which the
    # app's Content-Security-Policy (script-src 'self') rightly refuses
    expect(page.locator("#network-counts")).not_to_have_text(before)
    assert "since=2018-01&until=2018-12" in page.url
    assert page.locator("[data-testid=window-label]").inner_text() == "2018-01 – 2018-12"
    actors = int(page.locator("#network-counts").inner_text().split()[0])
    assert 0 < actors < int(before.split()[0])
    shot(page, "network-first-year")
    page.goto(server + "/claims")
    assert page.locator("[data-testid=claims] tbody tr").count() >= 1
    shot(page, "claims")
    assert page.problems == []
