"""Capability from open national data: a state's share of the world's GDP, arms and people.

The index is in the spirit of the Correlates of War's CINC: for each figure a state's
share of the world total (over every state that reports it), then the weighted mean of
its shares (weights in derivation.yaml). The shares of all states sum to 1, so the index
reads as "this state holds 4 % of the world's capability"; the model itself only uses
ratios of capabilities, so the scale does not matter.

Figures are the Factbook's (national_figures.json, built by scripts/build_national_figures.py):
GDP at official exchange rates and population are one recent estimate each; military
spending is a share of GDP for several years, of which the latest not after `as_of` is
taken (or, if all are later, the earliest), times that GDP. Every estimate carries its
figures and their years, and says when they postdate `as_of`.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from eirene.errors import ScenarioError
from eirene.scenario.inputs import Evidence
from eirene.scenario.rules import DATA_DIR, FIGURES, DerivationRules

FIGURES_FILE = DATA_DIR / "national_figures.json"


@dataclass(frozen=True)
class CountryFigures:
    """One state's figures as used for a date: values (gdp, military, population, in
    dollars and people) and the year of each."""

    iso3: str
    name: str
    values: Mapping[str, float]
    years: Mapping[str, int]
    military_pct_gdp: float | None = None


@dataclass(frozen=True)
class Proposal:
    """A proposed capability with its evidence; `confirm` when no figures back it."""

    value: float
    evidence: Evidence
    confirm: bool = False


@lru_cache(maxsize=2)
def load_figures(path: Path = FIGURES_FILE) -> Mapping[str, Any]:
    """The national figures file (cached). RAISES (ScenarioError E548): unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("countries"), dict):
            raise ValueError("it has no 'countries' mapping")
        return data
    except (OSError, ValueError) as exc:
        raise ScenarioError("E548", path=str(path), reason=str(exc).splitlines()[0]) from exc


def figures_for(iso3: str, entry: Mapping[str, Any], as_of: date) -> CountryFigures:
    """The figures of one state as used for `as_of` (see the module docstring)."""
    values: dict[str, float] = {}
    years: dict[str, int] = {}
    for name, key in (("gdp", "gdp_usd"), ("population", "population")):
        if key in entry:
            values[name] = float(entry[key]["value"])
            years[name] = int(entry[key]["year"])
    pct = None
    shares = {int(year): float(v) for year, v in (entry.get("military_pct_gdp") or {}).items()}
    if shares and "gdp" in values:
        usable = [y for y in shares if y <= as_of.year]
        year = max(usable) if usable else min(shares)
        pct = shares[year]
        values["military"] = values["gdp"] * pct / 100.0
        years["military"] = year
    return CountryFigures(iso3, str(entry.get("name") or iso3), values, years, pct)


class CapabilityIndex:
    """The capability index of every state with figures, for one date.

    figures (Mapping): the national figures file's content (load_figures()).
    rules (DerivationRules): the weights. as_of (date): picks the military spending year.
    """

    def __init__(self, figures: Mapping[str, Any], rules: DerivationRules, as_of: date) -> None:
        self.rules = rules
        self.as_of = as_of
        self.source = str(figures.get("source", ""))
        self.states = {iso3: figures_for(iso3, entry, as_of) for iso3, entry in figures["countries"].items()}
        self.world = {name: sum(s.values.get(name, 0.0) for s in self.states.values()) for name in FIGURES}

    def state(self, iso3: str) -> Proposal | None:
        """The proposal for a state, or None when the file has no figures for it."""
        country = self.states.get(iso3)
        if country is None or not country.values:
            return None
        shares = {n: country.values[n] / self.world[n] for n in FIGURES if n in country.values and self.world[n]}
        weights = {n: self.rules.weights[n] for n in shares if self.rules.weights[n] > 0}
        if not weights:
            return None
        value = sum(shares[n] * w for n, w in weights.items()) / sum(weights.values())
        later = sorted({y for n, y in country.years.items() if n in weights and y > self.as_of.year})
        parts = [_describe(n, country) + f" = {shares[n]:.2%} of the world" for n in FIGURES if n in weights]
        summary = f"{country.name}: " + "; ".join(parts) + f"; index {value:.4f} (mean of the shares)"
        if later:
            summary += f". Figures from {', '.join(map(str, later))}, after {self.as_of.isoformat()}: the " \
                       "Factbook copy holds no earlier ones"
        figures: dict[str, Any] = {f"{n}": country.values[n] for n in weights}
        figures.update({f"{n}_year": country.years[n] for n in weights})
        figures.update({f"{n}_share": shares[n] for n in weights})
        if country.military_pct_gdp is not None and "military" in weights:
            figures["military_pct_gdp"] = country.military_pct_gdp
        figures["source"] = self.source
        return Proposal(value, Evidence(summary=summary, proposed=value, figures=figures))

    def non_state(self, kind: str, base: str | None, state_values: Iterable[float]) -> Proposal:
        """The proposal for a non-state actor: a share of its country's index, or of the
        median of the scenario's states; always flagged for the user to confirm."""
        share = self.rules.share_for(kind)
        based = self.state(base) if base else None
        values = sorted(state_values)
        if based is not None:
            base_value, base_text = based.value, f"{self.states[base].name}'s index {based.value:.4f}"
        elif values:
            base_value, base_text = statistics.median(values), f"the median index of the scenario's states " \
                                                                f"{statistics.median(values):.4f}"
        else:
            base_value, base_text = 1.0 / max(len(self.states), 1), "an average state's index"
        value = share * base_value
        summary = (f"no national figures for a {kind}: proposed {share:g} x {base_text} = {value:.4f}. "
                   "The user must confirm this number")
        return Proposal(value, Evidence(summary=summary, proposed=value,
                                        figures={"share": share, "base": base_value, "base_of": base or "median"}),
                        confirm=True)


def _describe(name: str, country: CountryFigures) -> str:
    value, year = country.values[name], country.years[name]
    if name == "population":
        return f"population {value / 1e6:,.1f} million ({year})"
    text = f"${value / 1e9:,.1f} billion ({year})"
    if name == "military":
        return f"military spending {country.military_pct_gdp:g}% of GDP ({year}) = {text}"
    return f"GDP {text}"
