"""People with dated offices, from every-politician-scrapers (Wikidata, CC0).

Why a module of its own: one reader per source family. This one reads, per country
repository, the office holders (`html/holders21.csv`), the legislators
(`html/legislators.csv`), dates of death (`html/bio.csv`) and officials' relatives
(`html/family.csv`), plus the world list of 2021 heads of state and government.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

from eirene.errors import KnowledgeBaseError
from eirene.kb_build.draft import Draft, DraftRole, Drafts, clean_date, outlived
from eirene.kb_build.rules import Rules

FOLDER = "every-politician-scrapers"
_DISAMBIGUATOR = re.compile(r"\s*\([^()]*\)$")


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV file as dicts (BOM and quoting handled); E371 when unreadable."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise KnowledgeBaseError("E371", path=str(path), reason=str(exc)) from exc


def _jurisdiction(repo: Path) -> str | None:
    meta = repo / "meta.json"
    if not meta.is_file():
        return None
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError("E371", path=str(meta), reason=str(exc)) from exc
    place = data.get("jurisdiction")
    name = place.get("name") if isinstance(place, dict) else place
    return str(name) if name else None


def read_politicians(root: Path, rules: Rules, drafts: Drafts) -> None:
    """Every country repository's office holders, legislators, deaths and relatives."""
    titles = _wikipedia_names(root)
    namesakes: list[Draft] = []  # roles whose source gave the id of someone long dead
    for repo in sorted(p for p in (root / FOLDER).iterdir() if p.is_dir()):
        jurisdiction = _jurisdiction(repo)
        country = rules.country(jurisdiction)
        if country is None:
            continue
        source = f"{FOLDER}/{repo.name}"
        pre = "PRE" if jurisdiction in rules.partly_recognised else None
        html = repo / "html"
        died = _deaths(html)
        for filename, fixed in (("holders21.csv", None), ("legislators.csv", "LEG")):
            if (html / filename).is_file():
                namesakes += _read_roles(html / filename, (country, fixed, pre, source), rules, drafts, died, titles)
        if (html / "family.csv").is_file():
            _read_family(html / "family.csv", (country, source), rules, drafts, died, titles)
    _read_world_leaders(root, rules, drafts, titles)
    for namesake in namesakes:  # last, so each can join a living holder of the name read anywhere
        drafts.add(namesake)


def _wikipedia_names(root: Path) -> dict[str, str]:
    """Wikidata id -> the person's English Wikipedia title without its disambiguator
    ("John Smith (politician)" -> "John Smith"), from every repository's bio, office
    holder and legislator tables. Why: the title is the name form the world cites and
    checks against ("Teodoro Obiang Nguema Mbasogo", not the label "Teodoro Obiang"); the
    Wikidata label stays an alias. The first title met (repositories in name order) wins."""
    titles: dict[str, str] = {}
    for repo in sorted(p for p in (root / FOLDER).iterdir() if p.is_dir()):
        for filename, id_column in (("bio.csv", "id"), ("holders21.csv", "personID"), ("legislators.csv", "personID")):
            path = repo / "html" / filename
            if not path.is_file():
                continue
            for row in read_csv(path):
                qid, title = row.get(id_column, ""), _DISAMBIGUATOR.sub("", (row.get("enwiki") or "").strip())
                if qid.startswith("Q") and title and not title.startswith("List of"):
                    titles.setdefault(qid, title)
    return titles


def _named(qid: str, label: str, titles: dict[str, str]) -> tuple[str, set[str]]:
    """(name, aliases) of a person: the Wikipedia title when there is one, the label beside it."""
    title = titles.get(qid)
    return (title, {label}) if title and title != label else (label, set())


def _deaths(html: Path) -> dict[str, str]:
    """Wikidata id -> date of death, from bio.csv and the DOD column of the role tables
    (a death stays known when the only role beside it belongs to a namesake)."""
    died: dict[str, str] = {}
    for filename, id_column, column in (("bio.csv", "id", "dod"), ("holders21.csv", "personID", "DOD"),
                                        ("legislators.csv", "personID", "DOD")):
        if (html / filename).is_file():
            for row in read_csv(html / filename):
                if (day := clean_date(row.get(column))) and row.get(id_column):
                    died.setdefault(row[id_column], day)
    return died


def _read_roles(path: Path, where: tuple[str, str | None, str | None, str], rules: Rules, drafts: Drafts,
                died: dict[str, str], titles: dict[str, str]) -> list[Draft]:
    """Dated roles of one table; `where` is (country, fixed sector, second code, source).
    Returns, unmerged, the roles that start long after their Wikidata person died: each
    is a namesake's, kept without that id and death."""
    country, fixed, pre, source = where
    namesakes = []
    for row in read_csv(path):
        qid, name, title = row.get("personID", ""), (row.get("person") or "").strip(), (row.get("position") or "").strip()
        if not qid.startswith("Q") or not name or not title or name == qid:
            continue
        sector = fixed or rules.position_sector(title)
        role = DraftRole(title, country, sector, clean_date(row.get("start")), clean_date(row.get("end")), source)
        death = clean_date(row.get("DOD")) or died.get(qid)
        if outlived(death, role.start, rules.posthumous_grace_days):
            namesakes.append(Draft(name=name, kind="person", country=country, sector=None, sector2=pre,
                                   roles=[role], sources={source}))
            continue
        name, aliases = _named(qid, name, titles)
        drafts.add(Draft(name=name, kind="person", country=country, sector=None, wikidata=qid, aliases=aliases,
                         sector2=pre, roles=[role], sources={source}, died=death))
    return namesakes


def _read_family(path: Path, where: tuple[str, str], rules: Rules, drafts: Drafts, died: dict[str, str],
                 titles: dict[str, str]) -> None:
    """Officials' relatives as ELI, with their death when bio.csv knows it (so no
    namesake's later office is merged into a dead relative)."""
    country, source = where
    for row in read_csv(path):
        relation = (row.get("relationship") or "").strip().lower()
        qid, name = row.get("relative", ""), (row.get("relativename") or "").strip()
        if relation not in rules.family_relations or not qid.startswith("Q") or not name or name == qid:
            continue
        official = (row.get("name") or "").strip()
        if drafts.get(qid) is not None:
            continue  # a relative who held office is coded by their own roles
        name, aliases = _named(qid, name, titles)
        drafts.add(Draft(name=name, kind="person", country=country, sector="ELI", wikidata=qid,
                         sources={source}, aliases=aliases, died=died.get(qid),
                         roles=[DraftRole(f"{relation} of {official}", country, "ELI", None, None, source)]))


def _read_world_leaders(root: Path, rules: Rules, drafts: Drafts, titles: dict[str, str]) -> None:
    path = root / FOLDER / "world-leaders-2021" / "data" / "wikidata.csv"
    if not path.is_file():
        return
    source = f"{FOLDER}/world-leaders-2021"
    for row in read_csv(path):
        country = rules.country(row.get("country"))
        qid, name = row.get("officeholder", ""), (row.get("officeholderLabel") or "").strip()
        title = (row.get("positionLabel") or "").strip()
        if country is None or not qid.startswith("Q") or not name or name == qid or not title:
            continue
        role = DraftRole(title, country, rules.position_sector(title), clean_date(row.get("start_year")),
                         clean_date(row.get("end_year")), source)
        name, aliases = _named(qid, name, titles)
        drafts.add(Draft(name=name, kind="person", country=country, sector=None, wikidata=qid,
                         aliases=aliases, roles=[role], sources={source}))
