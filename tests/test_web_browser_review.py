"""Review, the map and downloads in a real browser (Debian's headless Chromium, Playwright),
against uvicorn on 127.0.0.1: correcting an event changes the dyad and the network, survives
`eirene code --recode`, and can be undone; the map draws with every outside request cut off;
a CSV download opens in pandas and an Excel one in openpyxl."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from eirene.cli import cli

from analysis_world import write_world
from web_support import ARTIFACTS, CHROMIUM, TOKEN, serve

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (apt install chromium)")

PAK_USA = "Pakistan – United States"


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


class Server:
    """A live app over one database that a test can stop (to let `eirene code` write a DuckDB
    file) and start again."""

    def __init__(self, db, **options) -> None:
        self.db, self.options, self._run = db, options, None

    def start(self) -> str:
        self._run = serve(self.db, **self.options)
        return next(self._run)

    def stop(self) -> None:
        if self._run is not None:
            next(self._run, None)  # runs the server's shutdown
            self._run = None


@pytest.fixture()
def review_server(world_copy):
    server = Server(world_copy, token=TOKEN)
    yield server
    server.stop()


def dyad_conflict(page, base: str) -> int:
    page.goto(base + "/dyads/PAK/USA")
    return int(page.locator("[data-testid=dyad-conflict]").inner_text())


def network_conflict(page, base: str) -> str:
    page.goto(base + "/network")
    page.wait_for_selector("#network-chart .main-svg")
    row = page.locator("[data-testid=ties] tbody tr", has=page.locator(f"a:text-is('{PAK_USA}')"))
    return row.locator("td").nth(3).inner_text()


def test_web_browser_correct_an_event_recode_and_undo(review_server, page, tmp_path):
    base = review_server.start()
    before_dyad, before_network = dyad_conflict(page, base), network_conflict(page, base)
    page.goto(base + "/dyads/PAK/USA")
    page.locator("[data-testid=events-table] tr", has=page.locator("td:text-is('killed')")).locator(
        "td.sentence a").click()
    page.wait_for_url("**/events/*")
    event_url = page.url
    form = page.locator("[data-testid=correct-form]")
    form.locator("select[name=action]").select_option("wrong")
    form.locator("input[name=reason]").fill("the soldiers died in an accident, not a strike")
    form.locator("input[name=author]").fill("browser-analyst")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/corrections?corrected=*")
    assert "browser-analyst" in page.locator("[data-testid=corrections]").inner_text()
    shot(page, "corrections")
    assert dyad_conflict(page, base) == before_dyad - 1
    assert int(network_conflict(page, base)) == int(before_network) - 1
    shot(page, "network-corrected")

    review_server.stop()  # the app holds a DuckDB file; `eirene code` needs it
    recoded = CliRunner().invoke(cli, ["-q", "code", str(write_world(tmp_path / "articles")), "--recode",
                                       "--db", review_server.db])
    assert recoded.exit_code == 0, recoded.output
    base = review_server.start()
    assert dyad_conflict(page, base) == before_dyad - 1  # the correction outlived re-coding
    event_path = "/events/" + event_url.rsplit("/", 1)[1]
    assert page.request.get(base + event_path).status == 404  # still marked wrong

    page.goto(base + "/corrections")
    undo = page.locator("form.undo").first
    undo.locator("input[name=token]").fill(TOKEN)
    undo.locator("input[name=author]").fill("browser-analyst")
    undo.locator("button[type=submit]").click()
    page.wait_for_url("**/corrections?undone=*")
    assert dyad_conflict(page, base) == before_dyad
    assert network_conflict(page, base) == before_network
    page.goto(base + "/corrections?all=true")
    assert "undone" in page.locator("[data-testid=corrections]").inner_text()
    assert page.problems == []


def test_web_browser_map_draws_with_the_network_cut_off(server, page):
    outside: list[str] = []

    def only_local(route) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(server + "/map")
    page.wait_for_selector("#map-chart[data-drawn]")
    assert int(page.locator("#map-chart").get_attribute("data-drawn")) > 0
    traces = page.locator("#map-chart .scatterlayer .trace")
    assert traces.count() == 2  # the country outlines and the places
    assert traces.first.locator("path.js-line").count() > 100  # country outlines, one path per ring
    assert page.locator("#map-chart .scatterlayer .trace").nth(1).locator("path.point").count() > 3
    shot(page, "map")
    assert outside == [] and page.problems == []


def test_web_browser_downloads_open_in_pandas_and_openpyxl(server, page, tmp_path):
    import openpyxl
    import pandas as pd

    page.goto(server + "/events?type=ASSAULT")
    total = int(page.locator("h1 small").inner_text().split()[0])
    with page.expect_download() as csv_download:
        page.click("[data-testid=download-events-csv]")
    csv_path = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(csv_path)
    frame = pd.read_csv(csv_path)
    assert len(frame) == total and set(frame["event_type"]) == {"ASSAULT"} and frame["id"].is_unique
    with page.expect_download() as xlsx_download:
        page.click("[data-testid=download-events-xlsx]")
    xlsx_path = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx_path)
    sheet = openpyxl.load_workbook(xlsx_path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "date", "date_precision", "event_type") and len(rows) == total + 1
    page.goto(server + "/claims")
    with page.expect_download() as claims_download:
        page.click("[data-testid=download-claims-xlsx]")
    claims_path = tmp_path / "claims.xlsx"
    claims_download.value.save_as(claims_path)
    claims = list(openpyxl.load_workbook(claims_path).active.iter_rows(values_only=True))
    assert claims[0][:3] == ("date", "kind", "claimant") and len(claims) > 1
    assert page.problems == []


def test_web_browser_brushing_the_dyad_chart_filters_its_events(server, page):
    page.goto(server + "/actors/PAK")
    page.locator("[data-testid=partners] a, [data-testid=adversaries] a").first.click()
    page.wait_for_url("**/dyads/**")
    page.wait_for_selector("#dyad-chart .main-svg")
    rows = page.locator("[data-testid=events-table] tbody tr")
    dates = sorted(d for d in rows.evaluate_all("(rs) => rs.map((r) => r.dataset.date)") if d)
    start, end = dates[0], dates[-1]  # a range holding the first dated event and not the last
    if start == end:
        pytest.skip("the dyad has one date only")
    page.evaluate("([a, b]) => document.getElementById('dyad-chart').emit('plotly_relayout', "
                  "{'xaxis.range[0]': a, 'xaxis.range[1]': b})", [start, end])
    assert page.locator("[data-testid=period-label]").inner_text() == f"from {start} to before {end}"
    shown = rows.evaluate_all("(rs) => rs.filter((r) => r.style.display !== 'none').map((r) => r.dataset.date)")
    assert shown and all(start <= d < end for d in shown)
    page.evaluate("() => document.getElementById('dyad-chart').emit('plotly_relayout', {'xaxis.autorange': true})")
    assert rows.evaluate_all("(rs) => rs.filter((r) => r.style.display === 'none').length") == 0
    assert page.problems == []
