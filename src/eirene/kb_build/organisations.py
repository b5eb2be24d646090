"""Armed groups, parties, IGOs, universities and companies from the open data sets.

Why a module of its own: these sources list organisations, not people: UCDP actors
(CC BY 4.0) and the Phoenix non-state armed groups (MIT) give armed groups with their
aliases, Party Facts the parties, COW the IGOs, Hipo's list the universities, and the
S&P 500 list large companies. Each becomes an entry coded the PLOVER way.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from eirene.actors.entries import known_countries
from eirene.errors import KnowledgeBaseError
from eirene.kb_build.draft import Draft, DraftRole, Drafts, clean_date
from eirene.kb_build.politicians import read_csv
from eirene.kb_build.rules import Rules

_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def read_ucdp(root: Path, rules: Rules, drafts: Drafts) -> None:
    """UCDP actors: organised armed groups (Org 1) are REB with the state they fight
    (the first place UCDP lists; PLOVER codes a rebel group with its state); organised
    supporters of a party or candidate (Org 2) are CVL. Identity groups (Org 3: "Tamil",
    "Hutu") are peoples, which the curated files and the resolver's rules for peoples
    code; governments (Org 4) are the curated states."""
    path = root / "ucdp" / "ucdp-actor-221.csv"
    if not path.is_file():
        return
    for row in read_csv(path):
        org = (row.get("Org") or "").strip()
        if org not in {"1", "2"}:
            continue
        places = [rules.country(p) for p in (row.get("Location") or "").split(",")]
        countries = list(dict.fromkeys(c for c in places if c))
        country = countries[0] if countries else None
        names = [row.get(k, "").strip() for k in ("NameData", "NameOrig", "NameOrigFullEng", "NewNameFullEng")]
        names = [n for n in dict.fromkeys(names) if n and n.lower() not in {"n/a", "na", ""}]
        if not names:
            continue
        kind, sector = ("armed_group", "REB") if org == "1" else ("org", "CVL")
        drafts.add(Draft(name=names[0], kind=kind, country=country, sector=sector,
                         aliases=set(names[1:]), sources={"ucdp"}))


def _phoenix_name(raw: str) -> tuple[str, set[str]]:
    """"ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ("Aden Abyan Islamic Army", {"AAIA"})."""
    text = raw.strip().strip("+").replace("_", " ").strip()
    extra = {m.strip() for m in _PAREN.findall(text) if m.strip()}
    text = " ".join(_PAREN.sub(" ", text).split())
    titled = " ".join(w if len(w) <= 3 and w.isalpha() and w in {"AL", "EL"} else w.capitalize()
                      for w in text.split())
    titled = re.sub(r"\b(Al|El)\b(?=-| )", lambda m: m.group(0).lower(), titled)
    return titled, extra


def read_phoenix_armed_groups(root: Path, rules: Rules, drafts: Drafts) -> None:
    """Phoenix non-state armed groups: a state code gives REB in that state; IMG and
    regional codes give a transnational group (country IMG)."""
    path = root / "phoenix" / "Phoenix.MilNonState.actors.txt"
    if not path.is_file():
        return
    countries = known_countries()
    current: Draft | None = None
    for line in _lines(path):
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if text.startswith("+") and current is not None:
            alias, extra = _phoenix_name(text)
            current.aliases |= {alias, *extra}
            continue
        match = re.match(r"^([^\s\[]+)\s*\[([A-Z]+)", text)
        if not match:
            continue
        name, extra = _phoenix_name(match.group(1))
        code = match.group(2)
        country = code[:3] if code[:3] in countries else "IMG"
        sector = rules.cameo_sectors.get(code[3:6], "REB") if code[:3] != "IMG" else "REB"
        current = drafts.add(Draft(name=name, kind="armed_group", country=country, sector=sector,
                                   aliases=extra, sources={"phoenix"}))


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise KnowledgeBaseError("E371", path=str(path), reason=str(exc)) from exc


def read_parties(root: Path, rules: Rules, drafts: Drafts) -> None:
    """Party Facts core parties (PTY) with at least `party_min_share` % of the vote, with
    their Wikidata id where Party Facts links one; the years they existed become a role."""
    path = root / "partyfacts" / "partyfacts-core-parties.csv"
    if not path.is_file():
        return
    links = {row["partyfacts_id"]: row["wikidata_id"] for row in read_csv(root / "partyfacts" / "wikidata.csv")} \
        if (root / "partyfacts" / "wikidata.csv").is_file() else {}
    countries = known_countries()
    for row in read_csv(path):
        country = (row.get("country") or "").strip()
        if row.get("technical") or country not in countries:
            continue
        try:
            share = float(row.get("share") or 0)
        except ValueError:
            share = 0.0
        english = (row.get("name_english") or "").split(" / ")[0].strip()
        if " " not in english:
            english = ""  # a one-word translation ("Apple", "Homeland") names other things too
        name = english or (row.get("name") or "").strip()
        if share < rules.party_min_share or not name:
            continue
        aliases = {(row.get("name") or "").strip()}
        short = (row.get("name_short") or "").strip()
        if len(short) >= 3 and short.isalpha() and short.isupper():
            aliases.add(short)
        role = DraftRole("party", country, "PTY", clean_date(row.get("year_first")),
                         clean_date(row.get("year_last")), "partyfacts")
        qid = links.get(row.get("partyfacts_id", ""))
        drafts.add(Draft(name=name, kind="org", country=country, sector="PTY", wikidata=qid or None,
                         aliases={a for a in aliases if a and a != name}, roles=[role], sources={"partyfacts"}))


def read_igos(root: Path, rules: Rules, drafts: Drafts) -> None:
    """COW IGOs, each with its latest year's name; the UN system is UNO, EU bodies EUR,
    every other IGO has IGO in the country field (PLOVER)."""
    path = root / "cow-igo" / "igo_year_format3.tsv.gz"
    if not path.is_file():
        return
    latest: dict[str, dict[str, str]] = {}
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split("\t")
            wanted = [header.index(k) for k in ("ioname", "orgname", "year", "sdate", "deaddate", "longorgname")]
            for line in handle:
                cells = line.rstrip("\n").split("\t")
                row = dict(zip(("ioname", "orgname", "year", "sdate", "deaddate", "longorgname"),
                               (cells[i] for i in wanted)))
                latest[row["ioname"]] = row
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError("E371", path=str(path), reason=str(exc)) from exc
    for short, row in sorted(latest.items()):
        name = row["orgname"].strip()
        if not name:
            continue
        country = "UNO" if any(w in name for w in rules.un_words) else \
            "EUR" if any(w in name for w in rules.eu_words) else "IGO"
        aliases = {short} if short.isupper() and len(short) >= 3 else set()
        role = DraftRole("organisation", country, "IGO", clean_date(row["sdate"]), clean_date(row["deaddate"]), "cow-igo")
        drafts.add(Draft(name=name, kind="igo", country=country, sector="IGO", aliases=aliases,
                         roles=[role] if role.start else [], sources={"cow-igo"}))


def read_universities(root: Path, rules: Rules, drafts: Drafts) -> None:
    """Universities (EDU) in the state of their ISO alpha-2 code."""
    path = root / "universities" / "world_universities_and_domains.json"
    if not path.is_file():
        return
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError("E371", path=str(path), reason=str(exc)) from exc
    for item in items:
        name = " ".join(str(item.get("name") or "").split())
        country = rules.country(item.get("alpha_two_code")) or rules.country(item.get("country"))
        if name and country:
            drafts.add(Draft(name=name, kind="org", country=country, sector="EDU", sources={"universities"}))


def read_companies(root: Path, rules: Rules, drafts: Drafts) -> None:
    """S&P 500 companies: business (BUS) in the United States, with the name shorn of its
    legal form as an alias ("Apple Inc." -> "Apple")."""
    path = root / "sp500" / "constituents.csv"
    if not path.is_file():
        return
    for row in read_csv(path):
        name = (row.get("Security") or "").strip()
        if not name:
            continue
        short = name
        for suffix in rules.company_suffixes:
            if short.endswith(" " + suffix):
                short = short[: -len(suffix) - 1].rstrip(" ,")
        aliases = {short} if short != name and len(short) > 2 else set()
        drafts.add(Draft(name=name, kind="org", country="USA", sector="BUS", aliases=aliases, sources={"sp500"}))
