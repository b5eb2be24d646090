"""Capability from the Factbook's national figures: the shipped file, the index, non-state proposals."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eirene.scenario.capability import CapabilityIndex, figures_for, load_figures
from eirene.scenario.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
KB_SOURCES = ROOT.parent / "shared" / "kb-sources"


def index(as_of: date = date(2018, 12, 31)) -> CapabilityIndex:
    return CapabilityIndex(load_figures(), load_rules(), as_of)


def test_scenario_national_figures_match_a_rebuild_from_the_factbook():
    if not (KB_SOURCES / "factbook-json").is_dir():
        pytest.skip(f"Factbook data not found at {KB_SOURCES} (it lives beside the repository, not in it)")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_national_figures.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_scenario_national_figures_cover_the_reference_corpus_states():
    countries = load_figures()["countries"]
    assert len(countries) > 180
    for iso3 in ("AFG", "PAK", "USA", "RUS", "CHN", "IND", "IRN"):
        entry = countries[iso3]
        assert entry["gdp_usd"]["value"] > 1e9 and entry["population"]["value"] > 1e6
        assert all(0 < pct < 20 for pct in entry["military_pct_gdp"].values())
    assert countries["USA"]["gdp_usd"]["value"] > countries["CHN"]["gdp_usd"]["value"] > \
        countries["PAK"]["gdp_usd"]["value"]


def test_scenario_capability_index_is_the_mean_of_world_shares():
    capabilities = index()
    for name in ("gdp", "military", "population"):
        shares = sum(s.values.get(name, 0.0) / capabilities.world[name] for s in capabilities.states.values())
        assert shares == pytest.approx(1.0)
    usa = capabilities.state("USA")
    figures = usa.evidence.figures
    assert usa.value == pytest.approx((figures["gdp_share"] + figures["military_share"] + figures["population_share"])
                                      / 3)
    order = [capabilities.state(c).value for c in ("USA", "CHN", "PAK", "AFG")]
    assert order == sorted(order, reverse=True)
    assert capabilities.state("ATA") is None  # no figures, no proposal


def test_scenario_military_spending_year_is_the_latest_not_after_as_of():
    entry = load_figures()["countries"]["AFG"]  # shares of GDP for 2015-2019
    shares = {int(y): v for y, v in entry["military_pct_gdp"].items()}
    assert figures_for("AFG", entry, date(2016, 6, 30)).years["military"] == 2016
    assert figures_for("AFG", entry, date(2030, 1, 1)).years["military"] == max(shares)
    early = figures_for("AFG", entry, date(2010, 1, 1))
    assert early.years["military"] == min(shares)
    assert early.values["military"] == pytest.approx(early.values["gdp"] * shares[min(shares)] / 100)
    assert "after 2010-01-01" in CapabilityIndex(load_figures(), load_rules(), date(2010, 1, 1)).state(
        "AFG").evidence.summary


def test_scenario_non_state_capability_is_a_flagged_share_of_its_base():
    capabilities, rules = index(), load_rules()
    group = capabilities.non_state("armed_group", "AFG", [0.2, 0.01])
    assert group.confirm and group.value == pytest.approx(rules.share_for("armed_group")
                                                          * capabilities.state("AFG").value)
    stateless = capabilities.non_state("igo", None, [0.3, 0.1, 0.02])
    assert stateless.confirm and stateless.value == pytest.approx(rules.share_for("igo") * 0.1)
    assert "must confirm" in stateless.evidence.summary
    assert capabilities.non_state("unheard-of kind", "PAK", []).value == pytest.approx(
        rules.default_share * capabilities.state("PAK").value)
