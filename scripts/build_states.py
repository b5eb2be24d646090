"""Write src/eirene/data/actors/states.yaml from pycountry and countryinfo.

Why a generator: 249 states and territories with their names, official names, demonyms
and capitals are library data; copying them by hand would drift. The libraries are
needed only here: the package reads the committed states.yaml and never imports
countryinfo. Corrections the libraries lack (short forms such as "US", forms that would
be dangerous as aliases, demonyms two places share) live in scripts/states_overrides.yaml.

    python scripts/build_states.py            # rewrite states.yaml
    python scripts/build_states.py --check    # exit 1 if states.yaml is out of date

The script prints every alias two entries would share, so a new collision is seen.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pycountry
import yaml
from countryinfo import CountryInfo

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "scripts" / "states_overrides.yaml"
OUTPUT = ROOT / "src" / "eirene" / "data" / "actors" / "states.yaml"

sys.path.insert(0, str(ROOT / "src"))
from eirene.actors.kb import normalize_alias  # noqa: E402  (same keys as the loader)


def latin_only(text: str) -> bool:
    """True if every letter is Latin script and none is an IPA or modifier letter."""
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            if "LATIN" not in name or 0x0250 <= ord(ch) <= 0x02FF:
                return False
    return True


def ascii_fold(text: str) -> str:
    """"Côte d'Ivoire" -> "Cote d'Ivoire", so a matcher sees the unaccented spelling too."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def usable_alias(text: str) -> str | None:
    """A library name cleaned for use as an alias, or None when it should not be one.

    Dropped: ISO codes (all capitals, up to three letters: "CAN", "AND" are words),
    inverted ISO names ("Korea, Republic of"), non-Latin scripts. Parentheses go:
    "Falkland Islands (Malvinas)" -> "Falkland Islands".
    """
    text = " ".join(text.replace("\u2019", "'").split()).strip()
    if not text or "," in text or not latin_only(text):
        return None
    text = re.sub(r"\s*\([^)]*\)", "", text).strip()
    if text.lower().startswith("the ") and len(text.split()) > 2:
        text = text[4:]
    if re.fullmatch(r"[A-Z]{1,3}", text):
        return None
    return text or None


def variants(text: str) -> list[str]:
    """The name plus its unaccented and "St." spellings."""
    out = [text]
    folded = ascii_fold(text)
    if folded != text:
        out.append(folded)
    for form in list(out):
        if form.startswith("Saint "):
            out += ["St. " + form[6:], "St " + form[6:]]
    return out


def plural(demonym: str) -> str | None:
    """Regular English plural of a demonym, or None where there is none ("Chinese")."""
    low = demonym.lower()
    if low.endswith(("ese", "ss", "sh", "ch", "men", "y", "x", "ic", "a")) or "-" in demonym or " and " in low:
        return None
    if demonym.endswith("s"):
        return None
    return demonym + "s"


def dedupe(items: list[str], dropped: set[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        key = normalize_alias(item)
        if key in dropped or item in seen:
            continue
        seen.add(item)
        out.append(item)
    return out


def library_record(code: str) -> dict[str, Any]:
    try:
        return CountryInfo(code).info()
    except Exception:  # countryinfo raises its own error for codes it lacks
        return {}


def build() -> tuple[list[dict[str, Any]], list[str]]:
    """Every entry in output order, and the alias collisions found."""
    overrides = yaml.safe_load(OVERRIDES.read_text(encoding="utf-8"))
    per_state: dict[str, dict[str, Any]] = overrides.get("states") or {}
    territories: dict[str, str | None] = overrides.get("territories") or {}
    drop_all = {normalize_alias(x) for x in overrides.get("drop_everywhere") or []}
    entries: list[dict[str, Any]] = []
    sovereign_keys: set[str] = set()

    # sovereign states first, so territories can give up what they would share
    countries = sorted(pycountry.countries, key=lambda c: (c.alpha_3 in territories, c.alpha_3))
    for country in countries:
        code = country.alpha_3
        info = library_record(code)
        over = per_state.get(code) or {}
        dropped = {normalize_alias(x) for x in over.get("drop") or []}
        is_territory = code in territories

        common = getattr(country, "common_name", None)
        candidates = [common, info.get("name"), country.name]
        name = over.get("name") or next(
            (usable_alias(c) for c in candidates if c and usable_alias(c)), country.name)
        names = [name, *(over.get("aliases") or [])]
        for raw in [common, country.name, getattr(country, "official_name", None), info.get("name"),
                    *(info.get("altSpellings") or [])]:
            cleaned = usable_alias(raw) if raw else None
            if cleaned:
                names.append(cleaned)
        aliases: list[str] = []
        for alias in names:
            aliases += variants(alias)

        demonyms: list[str] = []
        for raw in str(info.get("demonym") or "").split(","):
            raw = raw.strip()
            if raw and latin_only(raw) and normalize_alias(raw) not in dropped | {normalize_alias(name)}:
                demonyms.append(raw)
                if plural(raw):
                    demonyms.append(plural(raw))  # type: ignore[arg-type]
        demonyms += over.get("demonyms") or []

        if "capital" in over:
            capitals = list(over["capital"] or [])
        elif is_territory:
            capitals = []
        else:
            capitals = [c.strip() for c in str(info.get("capital") or "").split("/") if c.strip()]
        metonym_names: list[str] = []
        for cap in capitals:
            metonym_names += variants(cap)

        if is_territory:
            dropped |= sovereign_keys
        demonym_set = {normalize_alias(d) for d in demonyms}
        aliases = [a for a in dedupe(aliases, dropped | drop_all) if normalize_alias(a) not in demonym_set]
        if name not in aliases:
            aliases.insert(0, name)  # the canonical name always names the entry
        demonyms = dedupe(demonyms, dropped)
        alias_keys = {normalize_alias(a) for a in aliases}
        metonyms = [{"name": m, "sector": "GOV"} for m in dedupe(metonym_names, dropped)
                    if normalize_alias(m) not in alias_keys]
        metonyms += over.get("metonyms") or []

        entry: dict[str, Any] = {
            "id": code, "name": name, "kind": "state", "country": code, "sector": None,
            "aliases": aliases,
        }
        if demonyms:
            entry["demonyms"] = demonyms
        if metonyms:
            entry["metonyms"] = metonyms
        notes = []
        if is_territory:
            sovereign = territories[code]
            notes.append(f"Dependent territory of {sovereign}." if sovereign else "Territory without a sovereign state.")
        if over.get("note"):
            notes.append(str(over["note"]))
        if notes:
            entry["note"] = " ".join(notes)
        entries.append(entry)
        if not is_territory:
            sovereign_keys |= alias_keys | demonym_set

    entries += overrides.get("extra_entries") or []
    entries.sort(key=lambda e: (e["kind"] != "state" or not re.fullmatch(r"[A-Z]{3}", e["id"]), e["id"]))
    return entries, collisions(entries)


def collisions(entries: list[dict[str, Any]]) -> list[str]:
    """Normalised names that two or more entries share (aliases, demonyms, metonyms)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        forms = [entry["name"], *entry.get("aliases", []), *entry.get("demonyms", [])]
        forms += [m["name"] for m in entry.get("metonyms", [])]
        for form in forms:
            owners[normalize_alias(form)].add(entry["id"])
    return [f"{key}: {', '.join(sorted(ids))}" for key, ids in sorted(owners.items()) if len(ids) > 1]


class _Dumper(yaml.SafeDumper):
    """Block mappings, flow lists of names: one readable entry per block."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(isinstance(x, str) for x in data) or all(isinstance(x, dict) and len(x) <= 2 for x in data)
    if data and all(isinstance(x, dict) for x in data):
        flow = False
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = set(data) <= {"name", "sector", "title", "country", "start", "end", "org"}
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def render(entries: list[dict[str, Any]]) -> str:
    header = (
        "# GENERATED by scripts/build_states.py: do not edit by hand.\n"
        f"# Sources: pycountry {version('pycountry')}, countryinfo {version('countryinfo')},\n"
        "# corrected by scripts/states_overrides.yaml (edit that file and rerun the script).\n"
        "# Every ISO 3166 state and territory plus Kosovo (XKX) and de-facto states (sector PRE).\n"
        "# Capitals of sovereign states are GOV metonyms; territories have none.\n"
    )
    body = yaml.dump({"version": 1, "actors": entries}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, width=110, default_flow_style=False)
    body = body.replace("\n- id:", "\n\n- id:").replace("actors:\n\n- id:", "actors:\n- id:")
    return header + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if states.yaml is out of date")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    entries, shared = build()
    text = render(entries)
    for line in shared:
        print(f"shared name: {line}", file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python scripts/build_states.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {len(entries)} entries to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
