"""Scenarios in the web app: the JSON API under /api/scenarios, the pages, the stored runs,
and the report's section, over the example corpus coded by the real coder."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from eirene.scenario import apply_overrides, derive_inputs, run_scenario, vary_each
from eirene.scenario.sensitivity import ALL
from eirene.scenario.stored import save_run
from eirene.store import open_store

from web_support import TOKEN

pytestmark = pytest.mark.slow

DERIVE = {"name": "Power-sharing settlement", "low": "Afghanistan", "high": "Taliban", "as_of": "2018-12-31",
          "window": "4y"}


@pytest.fixture(scope="module")
def derived(example_db):
    from eirene.scenario.issue import issue_from_dict

    issue = issue_from_dict({"name": DERIVE["name"], "scale": [0, 100], "low": {"anchors": ["Afghanistan"]},
                             "high": {"anchors": ["Taliban"]}})
    return derive_inputs(example_db, issue, as_of=DERIVE["as_of"], window=DERIVE["window"])


def test_web_scenario_result_is_the_library_run_on_derived_inputs(client, derived):
    data = client.get("/api/scenarios/result", params=DERIVE).json()
    expected = run_scenario(derived, rounds=10)
    assert data["input_hash"] == expected.input_hash and data["forecast"]["median"] == expected.forecast
    assert [r["median"] for r in data["rounds"]] == [r.median for r in expected.rounds]
    assert data["rounds"][0]["positions"]["Taliban"] == 100.0 and data["changed"] == []
    assert data["baselines"] == {"weighted_median": expected.baseline_median, "weighted_mean": expected.baseline_mean}
    inputs = client.get("/api/scenarios/inputs", params=DERIVE).json()
    assert inputs["derived"]["as_of"] == "2018-12-31"
    assert all(set(a["evidence"]) == {"capability", "position", "salience"} for a in inputs["actors"])


def test_web_scenario_changes_in_the_url_change_the_run(client, derived):
    # the one actor's number the forecast hangs on most ("*", every actor at once, has no form field)
    variations = vary_each(derived, "salience", 0.2).variations
    swing = next(v for v in variations if v.actor != ALL)
    actor = derived.actor(swing.actor)
    value = swing.higher if swing.forecast_higher != swing.base_forecast else swing.lower
    setting = f"{actor.name}.salience={value!r}"
    data = client.get("/api/scenarios/result", params={**DERIVE, "set": setting, "variant": "scholz"}).json()
    expected = run_scenario(apply_overrides(derived, [setting]))
    assert data["forecast"]["median"] == expected.forecast != swing.base_forecast
    assert data["changed"] == [setting]
    # the page's form sends every number; only those that differ count
    form = {f"{a.name}.salience": repr(a.salience) for a in derived.actors}
    same = client.get("/api/scenarios/result", params={**DERIVE, **form}).json()
    assert same["changed"] == [] and same["input_hash"] == run_scenario(derived).input_hash
    sensitivity = client.get("/api/scenarios/sensitivity", params=DERIVE).json()
    assert sensitivity["variations"][0]["swing"] == variations[0].swing


@pytest.mark.parametrize("params, status, code", [
    ({}, 400, "E551"),
    ({**DERIVE, "low": "Atlantis"}, 400, "E547"),
    ({**DERIVE, "set": "Russia.salience"}, 400, "E542"),
    ({**DERIVE, "set": "Atlantis.salience=0.5"}, 400, "E543"),
    ({**DERIVE, "set": "Russia.salience=1.5"}, 400, "E545"),
    ({"run": 999}, 404, "E550"),
])
def test_web_scenario_errors_say_what_is_wrong(client, params, status, code):
    response = client.get("/api/scenarios/result", params=params)
    assert response.status_code == status and response.json()["error"]["code"] == code


def test_web_scenario_runs_are_stored_with_the_token_only(client, writer, derived):
    body = {"inputs": derived.to_dict(), "rounds": 6, "variant": "textbook", "note": "from the API"}
    assert client.post("/api/scenarios/runs", json=body).status_code == 403  # a read-only server
    assert writer.post("/api/scenarios/runs", json=body).status_code == 401
    saved = writer.post("/api/scenarios/runs", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert saved.status_code == 201, saved.text
    run = saved.json()
    expected = run_scenario(derived, rounds=6, variant="textbook")
    assert run["input_hash"] == expected.input_hash and run["forecast"] == expected.forecast
    listed = writer.get("/api/scenarios/runs").json()
    assert listed["total"] == 1 and listed["runs"][0]["note"] == "from the API"
    again = writer.get("/api/scenarios/result", params={"run": run["id"]}).json()
    assert again["forecast"]["median"] == run["forecast"] and again["variant"] == "textbook"
    assert again["origin"].startswith(f"stored run {run['id']}")
    assert writer.get(f"/api/scenarios/runs/{run['id']}").json()["inputs"]["actors"][0]["evidence"]


def test_web_scenario_page_shows_inputs_evidence_paths_and_forecast(client, derived):
    response = client.get("/scenarios/view", params=DERIVE)
    assert response.status_code == 200, response.text
    page = lxml_html.fromstring(response.text)
    result = run_scenario(derived)
    assert page.xpath("string(//*[@data-testid='forecast'])") == f"{result.forecast:.4g}"
    assert page.xpath("string(//*[@data-testid='baseline-median'])") == f"{result.baseline_median:.4g}"
    assert len(page.xpath("//svg//polyline[@class='path']")) == len(derived.actors)
    assert page.xpath("//input[@name='Taliban.capability']/@value") == [repr(derived.actor("Taliban").capability)]
    links = page.xpath("//a[@data-testid='evidence-link']/@href")
    assert links and all(h.startswith("/events/") for h in links)
    assert client.get(links[0]).status_code == 200
    assert page.xpath("//td[contains(@class, 'confirm')]")  # the Taliban's capability
    listing = client.get("/scenarios")
    assert listing.status_code == 200 and "Derive and run" in listing.text


def test_report_shows_the_stored_scenario_runs(example_db, derived, tmp_path):
    import shutil

    from eirene.report import write_report

    copy = tmp_path / "with-run.duckdb"
    shutil.copy(example_db, copy)
    with open_store(copy) as store:
        saved = save_run(store, run_scenario(derived), rounds=10, note="for the brief")
    out = tmp_path / "brief.html"
    with open_store(copy, read_only=True) as store:
        write_report(store, out, title="With a scenario")
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    section = page.xpath("//section[@id='scenarios']")[0]
    text = section.text_content()
    assert f"Run {saved.id}" in text and "for the brief" in text and "the same forecast" in text
    assert f"Forecast {saved.forecast:.4g}" in text
    assert len(section.xpath(".//svg//polyline[@class='path']")) == len(derived.actors)
    ids = set(page.xpath("//@id"))
    assert all(h[1:] in ids for h in section.xpath(".//a[starts-with(@href, '#')]/@href"))
    assert section.xpath(".//a[starts-with(@href, '#ev-')]")
