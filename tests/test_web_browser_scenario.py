"""The scenario page in a real browser (Debian's headless Chromium, Playwright) against uvicorn
on 127.0.0.1: derive inputs from the example corpus, edit one number, run again and see the
forecast change to what the library computes; save the run with the token and find it listed."""

from __future__ import annotations

import pytest

from eirene.scenario import apply_overrides, derive_inputs, run_scenario, vary_each
from eirene.scenario.issue import issue_from_dict
from eirene.scenario.sensitivity import ALL

from web_support import ARTIFACTS, CHROMIUM, TOKEN

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")

AS_OF, WINDOW = "2018-12-31", "4y"


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def derived(example_db):
    issue = issue_from_dict({"name": "Settlement", "scale": [0, 100], "low": {"anchors": ["Afghanistan"]},
                             "high": {"anchors": ["Taliban"]}})
    return derive_inputs(example_db, issue, as_of=AS_OF, window=WINDOW)


def forecast(page) -> str:
    return page.locator("[data-testid=forecast]").inner_text()


def test_web_browser_scenario_edit_an_input_and_the_forecast_changes(writable_server, page, derived):
    page.goto(writable_server + "/scenarios")
    form = page.locator("[data-testid=derive-form]")
    form.locator("input[name=name]").fill("Settlement")
    form.locator("input[name=low]").fill("Afghanistan")
    form.locator("input[name=high]").fill("Taliban")
    form.locator("input[name=as_of]").fill(AS_OF)
    form.locator("input[name=window]").fill(WINDOW)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/scenarios/view?*")
    base = run_scenario(derived)
    assert forecast(page) == f"{base.forecast:.4g}"
    assert page.locator("[data-testid=baseline-median]").inner_text() == f"{base.baseline_median:.4g}"
    assert page.locator("[data-testid=paths] svg polyline.path").count() == len(derived.actors)
    shot(page, "scenario-derived")

    # the salience the forecast hangs on most, moved the way that changes the forecast
    swing = next(v for v in vary_each(derived, "salience", 0.2).variations if v.actor != ALL)  # one actor's field
    value = swing.higher if swing.forecast_higher != swing.base_forecast else swing.lower
    expected = run_scenario(apply_overrides(derived, [f"{swing.actor}.salience={value!r}"]))
    assert f"{expected.forecast:.4g}" != f"{base.forecast:.4g}"
    page.locator(f"input[name='{swing.actor}.salience']").fill(repr(value))
    page.locator("[data-testid=run]").click()
    page.wait_for_url("**/scenarios/view?*salience*")
    assert forecast(page) == f"{expected.forecast:.4g}"
    assert swing.actor in page.locator("[data-testid=changed]").inner_text()
    edited = page.locator(f"tr[data-actor='{swing.actor}'] td.edited input")
    assert edited.get_attribute("name") == f"{swing.actor}.salience"
    shot(page, "scenario-edited")

    # save it with the token: it is listed, and opening it reproduces the edited forecast
    save = page.locator("[data-testid=save-form]")
    save.locator("input[name=note]").fill("edited in the browser")
    save.locator("input[name=token]").fill(TOKEN)
    save.locator("button[type=submit]").click()
    page.wait_for_url("**/scenarios/view?run=*")
    assert forecast(page) == f"{expected.forecast:.4g}"
    page.goto(writable_server + "/scenarios")
    assert "edited in the browser" in page.locator("[data-testid=scenario-runs]").inner_text()

    # every proposed number links to its evidence
    page.goto(page.url.replace("/scenarios", "/scenarios/view?run=1"))
    details = page.locator("[data-testid=inputs] details:has([data-testid=evidence-link])").first
    details.locator("summary").click()
    details.locator("[data-testid=evidence-link]").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator("h1").count() == 1
    assert page.problems == []
