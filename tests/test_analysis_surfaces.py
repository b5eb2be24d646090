"""One counting rule everywhere: the CLI, the JSON API, the pages and the report give the
same numbers for the same dyad and the same actor under the same rule."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from eirene.analysis.rule import CountingRule
from eirene.cli import cli
from eirene.report import gather
from eirene.store import open_store
from eirene.web.app import create_app

RULES = {
    "default": ([], {}, CountingRule()),
    "everything sure": (["--factuality", "all", "--min-confidence", "0.5"], {"factuality": "all", "min_confidence": "0.5"},
                        CountingRule(factualities=(), min_confidence=0.5)),
    "every mention": (["--no-merge"], {"merge": "false"}, CountingRule(merge_duplicates=False)),
}


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _numbers(db, a: str, b: str, actor: str, rule_name: str) -> dict[str, dict[str, tuple[int, ...]]]:
    options, params, rule = RULES[rule_name]
    dyad, profile = {}, {}
    line = re.search(r"total: (\d+) events, cooperation (\d+), conflict (\d+), balance ([+-]?\d+)",
                     _cli("dyad", a, b, "--db", str(db), *options))
    dyad["cli"] = tuple(int(x) for x in line.groups())
    data = json.loads(_cli("actor", actor, "--db", str(db), "--format", "json", *options))
    profile["cli"] = (data["events"], data["events_as_actor"], data["events_as_recipient"])
    edges = json.loads(_cli("network", "--db", str(db), "--format", "json", *options))["edges"]
    edge = next(e for e in edges if {e["source"], e["target"]} == {a, b})
    dyad["cli network"] = (edge["events"], edge["cooperation"], edge["conflict"], edge["balance"])
    with TestClient(create_app(db, token=""), base_url="http://127.0.0.1") as client:
        api = client.get(f"/api/dyads/{a}/{b}", params=params).json()
        dyad["api"] = (api["events"], api["cooperation"], api["conflict"], api["balance"])
        assert api["rule"]["legend"] == rule.legend()
        net = client.get("/api/network", params=params).json()
        edge = next(e for e in net["edges"] if {e["source"], e["target"]} == {a, b})
        dyad["api network"] = (edge["events"], edge["cooperation"], edge["conflict"], edge["balance"])
        node = next(n for n in net["nodes"] if n["key"] == actor)
        api_actor = client.get(f"/api/actors/{actor}", params=params).json()
        profile["api"] = (api_actor["events"], api_actor["events_as_actor"], api_actor["events_as_recipient"])
        page = lxml_html.fromstring(client.get(f"/dyads/{a}/{b}", params=params).text)
        dyad["page"] = tuple(int(page.xpath(f'string(//*[@data-testid="dyad-{k}"])'))
                             for k in ("events", "cooperation", "conflict", "balance"))
        assert rule.legend() in page.xpath('string(//*[@data-testid="rule-legend"])')
        actor_page = lxml_html.fromstring(client.get(f"/actors/{actor}", params=params).text)
        profile["page"] = (int(actor_page.xpath('string(//*[@data-testid="actor-events"])')),)
        profile["api network"] = (node["events"],)
    with open_store(db, read_only=True) as store:
        brief = gather(store, rule=rule)
    row = next(d for d in brief.dyads if {d.a, d.b} == {a, b})
    dyad["report"] = (row.events, row.cooperation, row.conflict, row.balance)
    profile["report"] = (next(r.events for r in brief.actors if r.key == actor),)
    return {"dyad": dyad, "actor": profile}


def _agree(found: dict[str, dict[str, tuple[int, ...]]]) -> None:
    dyads = set(found["dyad"].values())
    assert len(dyads) == 1, found["dyad"]
    full = {v for v in found["actor"].values() if len(v) == 3}
    assert len(full) == 1, found["actor"]
    events = {v[0] for v in found["actor"].values()}
    assert len(events) == 1, found["actor"]


@pytest.mark.parametrize("rule_name", sorted(RULES))
def test_surfaces_agree_on_a_dyad_and_an_actor(world_db, rule_name):
    _agree(_numbers(world_db, "PAK", "USA", "PAK", rule_name))


def test_surfaces_agree_on_the_reference_corpus(seeds_db):
    for rule_name in ("default", "everything sure"):
        _agree(_numbers(seeds_db, "PAK", "USA", "PAK", rule_name))
