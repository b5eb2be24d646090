"""Write src/eirene/data/scenario/national_figures.json from the CIA World Factbook.

Why a generator: the scenario model proposes each state's capability from its economy,
military spending and population. Those figures are public data (the Factbook is a US
government work in the public domain, here via factbook/factbook.json, CC0); the package
reads the small committed file and never the Factbook itself.

Reads, from ../shared/kb-sources/ (see its README for provenance):
    factbook-json/<region>/<gec>.json               the profiles (GEC codes, not ISO)
    factbook-archive/master_countries.csv           GEC -> ISO alpha-2 and entity type
    factbook-archive/CountryISO_Codes.csv           ISO alpha-2 -> alpha-3

Keeps sovereign states (and Kosovo, as XKX): GDP at the official exchange rate (current
US dollars), population, and military expenditure as a share of GDP for every year given.

    python scripts/build_national_figures.py            # rewrite the file
    python scripts/build_national_figures.py --check    # exit 1 if it is out of date
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT.parent / "shared" / "kb-sources"
OUTPUT = ROOT / "src" / "eirene" / "data" / "scenario" / "national_figures.json"
EXTRA_ISO3 = {"KV": "XKX"}  # Kosovo has no ISO code; eirene's knowledge base uses XKX
SCALE = {"trillion": 1e12, "billion": 1e9, "million": 1e6, None: 1.0}
MONEY = re.compile(r"\$\s*([\d,]+(?:\.\d+)?)\s*(trillion|billion|million)?\s*\((\d{4})")
COUNT = re.compile(r"^\s*([\d,]+)\s*\((\d{4})")
SHARE = re.compile(r"([\d.]+)\s*% of GDP\s*\((\d{4})")


def text_of(node: Any) -> str:
    return node.get("text", "") if isinstance(node, dict) else ""


def gdp(profile: dict) -> tuple[int, int] | None:
    """(year, dollars) of 'GDP (official exchange rate)'."""
    match = MONEY.search(text_of(profile.get("Economy", {}).get("GDP (official exchange rate)")))
    if not match:
        return None
    return int(match.group(3)), round(float(match.group(1).replace(",", "")) * SCALE[match.group(2)])


def population(profile: dict) -> tuple[int, int] | None:
    """(year, people) of 'Population' total."""
    node = profile.get("People and Society", {}).get("Population", {})
    match = COUNT.search(text_of(node.get("total", node)))
    if not match:
        return None
    return int(match.group(2)), int(match.group(1).replace(",", ""))


def military_shares(profile: dict) -> dict[str, float]:
    """{year: percent of GDP} of 'Military expenditures', every year given."""
    node = profile.get("Military and Security", {}).get("Military expenditures", {})
    shares: dict[str, float] = {}
    for value in node.values() if isinstance(node, dict) else ():
        match = SHARE.search(text_of(value))
        if match:
            shares[match.group(2)] = float(match.group(1))
    return dict(sorted(shares.items()))


def iso_tables() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """GEC -> (ISO alpha-2, entity type); ISO alpha-2 -> alpha-3."""
    archive = SOURCES / "factbook-archive"
    with (archive / "master_countries.csv").open(encoding="utf-8", newline="") as fh:
        gec = {row["CanonicalCode"].lower(): (row["ISOAlpha2"], row["EntityType"]) for row in csv.DictReader(fh)}
    with (archive / "CountryISO_Codes.csv").open(encoding="utf-8-sig", newline="") as fh:
        alpha3 = {row["ISOAlpha2"]: row["ISOAlpha3"] for row in csv.DictReader(fh)}
    return gec, alpha3


def build() -> dict[str, Any]:
    gec_table, alpha3 = iso_tables()
    countries: dict[str, dict[str, Any]] = {}
    for path in sorted((SOURCES / "factbook-json").glob("*/*.json")):
        code = path.stem
        iso2, kind = gec_table.get(code, ("", ""))
        iso3 = EXTRA_ISO3.get(code.upper()) or (alpha3.get(iso2) if kind == "sovereign" else None)
        if iso3 is None:
            continue
        profile = json.loads(path.read_text(encoding="utf-8"))
        name = text_of(profile.get("Government", {}).get("Country name", {}).get("conventional short form"))
        entry: dict[str, Any] = {"name": name or code, "gec": code}
        for key, value in (("gdp_usd", gdp(profile)), ("population", population(profile))):
            if value is not None:
                entry[key] = {"year": value[0], "value": value[1]}
        shares = military_shares(profile)
        if shares:
            entry["military_pct_gdp"] = shares
        countries[iso3] = entry
    return {
        "source": "CIA World Factbook via factbook/factbook.json (commit 8662a8b17a784841ab4528631b04090eb2f183eb, "
                  "profiles of 2026-01-22); GEC to ISO codes from MilkMp/CIA-World-Factbooks-Archive-1990-2025",
        "licence": "Factbook: US government work, public domain; factbook.json: CC0 1.0",
        "fields": {"gdp_usd": "GDP (official exchange rate), current US dollars",
                   "population": "Population, total",
                   "military_pct_gdp": "Military expenditures, percent of GDP, by year"},
        "countries": dict(sorted(countries.items())),
    }


def render(data: dict[str, Any]) -> str:
    """JSON with one country per line, so a rebuild's diff reads country by country."""
    head = {k: v for k, v in data.items() if k != "countries"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "countries": {']
    items = list(data["countries"].items())
    for index, (code, entry) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        lines.append(f"  {json.dumps(code)}: {json.dumps(entry, ensure_ascii=False)}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is out of date")
    args = parser.parse_args()
    if not (SOURCES / "factbook-json").is_dir():
        print(f"the Factbook data is not at {SOURCES}", file=sys.stderr)
        return 2
    text = render(build())
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        print("up to date" if current == text else f"{OUTPUT} is out of date")
        return 0 if current == text else 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    data = json.loads(text)["countries"]
    print(f"wrote {len(data)} countries to {OUTPUT.relative_to(ROOT)}: "
          f"{sum('gdp_usd' in e for e in data.values())} with GDP, "
          f"{sum('military_pct_gdp' in e for e in data.values())} with military spending, "
          f"{sum('population' in e for e in data.values())} with population")
    return 0


if __name__ == "__main__":
    sys.exit(main())
