"""The people files of the actor knowledge base (data/actors/people_*.yaml) are well formed
and their dated roles code real people correctly.

The files are read with plain `yaml.safe_load`, not with `eirene.actors.kb`, so these checks
stand on the data alone: a broken loader cannot hide a broken fact, and a broken fact is
reported with the person's id. The coding rule used for the spot checks is the one the
knowledge-base format fixes: the roles covering the date decide (the one that started
latest wins); after all roles have ended, the country of the last one and the entry's
`former_sector` (default CVL); before any role, the entry's own country and sector.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import pycountry
import pytest
import yaml

import eirene
from eirene.vocab import PLOVER_SECTORS

DATA_DIR = Path(eirene.__file__).resolve().parent / "data" / "actors"

SECTORS = frozenset(PLOVER_SECTORS)
PSEUDO_COUNTRIES = frozenset({"UNO", "EUR", "XKX"})
ENTRY_FIELDS = frozenset(
    {"id", "name", "kind", "country", "sector", "aliases", "roles", "former_sector", "died", "note"}
)
ROLE_FIELDS = frozenset({"title", "country", "sector", "start", "end", "org", "note"})
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EARLIEST_YEAR, LATEST_YEAR = 1940, 2026

# A bare alias from these lists would match the wrong thing: English words that are also
# surnames ("May", "Rice", "Gates") and surnames or given names shared by many people in the
# news ("Khan", "Sharif", "Haqqani"). Full names that contain them are fine.
COMMON_WORDS = frozenset("""
    may rice gates power hunt cook straw brown bush miller wood snow card price wells hill fox
    grant wallace salami gallant hague store pence burns tenet waltz austin mark will young
    white black green long bell king ford hall lamb rich carter sharon bashar hadi solana
    mujahid apo hope rose faith victor frank justice major march june august
""".split())
AMBIGUOUS_NAMES = frozenset("""
    khan sharif ahmed ahmad ali singh smith kim lee park wang li zhang liu chen yang wu hu
    haqqani rabbani mehsud mahsud akhund bajwa stanekzai stanikzai saleh omar mohammad
    muhammad mohammed hussain hussein shah qureshi abbasi durrani aziz dar munir pasha
    wardak gandhi bhutto clinton cheney ivanov patrushev larijani berdimuhamedow kirchner
    fernandez fernández koizumi abe japarov barzani duterte aliyev zuma bagheri sinwar
    bolsonaro castro johnson jones allen campbell kelly powell abdullah mahmood nawaz
    yaqoob yaqub fazl baloch bugti
""".split())
# Aliases may not begin with a title of office or rank: the resolver strips titles and
# codes by role. Royal and religious styles (King, Sheikh, Mullah, Pope ...) may lead an
# alias because for monarchs and clerics they are part of the name the press uses.
TITLE_WORDS = (
    "President", "Prime Minister", "Premier", "Minister", "Foreign Minister", "Defence Minister",
    "Defense Minister", "Secretary", "Ambassador", "Envoy", "Special Envoy", "Governor",
    "Chancellor", "Spokesperson", "Spokesman", "Gen.", "General", "Lt-Gen.", "Lt. Gen.",
    "Lieutenant-General", "Maj. Gen.", "Col.", "Colonel", "Admiral", "Commander", "Brig.",
    "Marshal", "Field Marshal", "Mr.", "Mrs.", "Ms.", "Dr.", "Dr",
)


class Role(NamedTuple):
    """One dated role, its partial dates widened the way the knowledge base widens them."""

    title: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None


class Coding(NamedTuple):
    """Country and sector of a person on a day, and which rule gave them."""

    country: str | None
    sector: str | None
    title: str | None
    how: str  # "role" | "former" | "default"


def date_bounds(value: Any) -> tuple[date, date]:
    """First and last day a YAML date value may stand for (2014 -> 2014-01-01..2014-12-31).

    YAML reads 2014-09-29 as a date, 2014 as an int and 2014-09 as a string; all three are
    allowed by the format. Raises ValueError on anything else.
    """
    if isinstance(value, date):
        return value, value
    match = DATE_RE.match(str(value).strip())
    if not match:
        raise ValueError(f"not YYYY-MM-DD, YYYY-MM or YYYY: {value!r}")
    year = int(match.group(1))
    if match.group(3):
        day = date(year, int(match.group(2)), int(match.group(3)))
        return day, day
    if match.group(2):
        month = int(match.group(2))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


def duplicate_keys(node: yaml.Node, path: str) -> list[str]:
    """Keys repeated inside one mapping: yaml.safe_load would silently keep the last one."""
    found: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append(f"{path}:{key.start_mark.line + 1}: key {key.value!r} repeated")
            seen.add(key.value)
            found.extend(duplicate_keys(value, path))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found.extend(duplicate_keys(item, path))
    return found


@lru_cache(maxsize=1)
def people_files() -> tuple[Path, ...]:
    """Every people file, in the order the knowledge base loads them."""
    return tuple(sorted(DATA_DIR.glob("people_*.yaml")))


@lru_cache(maxsize=1)
def loaded() -> tuple[tuple[Path, dict[str, Any]], ...]:
    """Each people file parsed with plain yaml.safe_load."""
    out = []
    for path in people_files():
        with path.open(encoding="utf-8") as fh:
            out.append((path, yaml.safe_load(fh)))
    return tuple(out)


def entries() -> list[tuple[str, dict[str, Any]]]:
    """(file name, entry) for every person in every people file."""
    return [(path.name, entry) for path, data in loaded() for entry in data["actors"]]


@lru_cache(maxsize=1)
def by_id() -> dict[str, dict[str, Any]]:
    """Entries by id (ids are unique: see test_ids_are_unique_and_well_formed)."""
    return {entry["id"]: entry for _, entry in entries()}


def roles_of(entry: dict[str, Any]) -> list[Role]:
    """The entry's roles; a missing country or sector falls back to the entry's own."""
    out = []
    for raw in entry.get("roles") or []:
        start = date_bounds(raw["start"])[0] if raw.get("start") is not None else None
        end = date_bounds(raw["end"])[1] if raw.get("end") is not None else None
        out.append(Role(raw["title"], raw.get("country", entry.get("country")),
                        raw.get("sector", entry.get("sector")), start, end))
    return out


def code_on(entry: dict[str, Any], day: date) -> Coding:
    """The format's date-aware coding rule, written out independently of kb.py."""
    roles = roles_of(entry)
    covering = [(i, r) for i, r in enumerate(roles)
                if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)]
    if covering:
        _, best = max(covering, key=lambda ir: (ir[1].start or date.min, ir[0]))
        return Coding(best.country, best.sector, best.title, "role")
    ended = [r for r in roles if r.end is not None and r.end < day]
    if ended:
        last = max(ended, key=lambda r: r.end or date.min)
        return Coding(last.country, entry.get("former_sector", "CVL"), last.title, "former")
    return Coding(entry.get("country"), entry.get("sector"), None, "default")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes, current and historic, plus the format's pseudo-codes."""
    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries if hasattr(c, "alpha_3")}
    return frozenset(codes | PSEUDO_COUNTRIES)


# --- structure -------------------------------------------------------------------------------------

def test_people_files_are_present_and_versioned() -> None:
    """The people data is split by region; each file is a version-1 list of actors."""
    names = [p.name for p in people_files()]
    assert len(names) >= 6, names
    for path, data in loaded():
        assert isinstance(data, dict) and data.get("version") == 1, path.name
        assert isinstance(data.get("actors"), list) and data["actors"], path.name
        assert set(data) <= {"version", "actors"}, (path.name, set(data))


def test_no_mapping_repeats_a_key() -> None:
    problems = []
    for path in people_files():
        with path.open(encoding="utf-8") as fh:
            node = yaml.compose(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        problems.extend(duplicate_keys(node, path.name))
    assert not problems, problems[:20]


def test_every_entry_is_a_person_with_a_name_and_aliases() -> None:
    problems = []
    for fname, entry in entries():
        where = f"{fname}: {entry.get('id')!r}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a mapping")
            continue
        if set(entry) - ENTRY_FIELDS:
            problems.append(f"{where}: unknown fields {sorted(set(entry) - ENTRY_FIELDS)}")
        if entry.get("kind") != "person":
            problems.append(f"{where}: kind is {entry.get('kind')!r}")
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(f"{where}: no name")
        aliases = entry.get("aliases")
        if not isinstance(aliases, list) or not aliases:
            problems.append(f"{where}: no aliases")
            continue
        if not all(isinstance(a, str) and a.strip() == a and a for a in aliases):
            problems.append(f"{where}: an alias is empty, not text, or has outer spaces")
        if entry.get("name") not in aliases:
            problems.append(f"{where}: the canonical name is not among the aliases")
        folded = [a.casefold() for a in aliases if isinstance(a, str)]
        if len(folded) != len(set(folded)):
            problems.append(f"{where}: an alias is listed twice")
        for raw in entry.get("roles") or []:
            if not isinstance(raw, dict) or not isinstance(raw.get("title"), str) or not raw["title"].strip():
                problems.append(f"{where}: a role without a title")
            elif set(raw) - ROLE_FIELDS:
                problems.append(f"{where}: role {raw['title']!r} has unknown fields {sorted(set(raw) - ROLE_FIELDS)}")
    assert not problems, problems[:20]


def test_ids_are_unique_and_well_formed() -> None:
    seen: dict[str, str] = {}
    problems = []
    for fname, entry in entries():
        pid = entry["id"]
        if not isinstance(pid, str) or not ID_RE.match(pid):
            problems.append(f"{fname}: id {pid!r} is not lowercase-with-dashes")
        elif pid in seen:
            problems.append(f"{fname}: id {pid!r} already used in {seen[pid]}")
        else:
            seen[pid] = fname
    assert not problems, problems


def test_role_dates_are_valid_and_ordered() -> None:
    problems = []
    for fname, entry in entries():
        for raw in entry.get("roles") or []:
            where = f"{fname}: {entry['id']}: {raw.get('title')!r}"
            bounds = {}
            for key in ("start", "end"):
                if raw.get(key) is None:
                    continue
                try:
                    bounds[key] = date_bounds(raw[key])
                except ValueError as exc:
                    problems.append(f"{where}: {key} {exc}")
                    continue
                if not EARLIEST_YEAR <= bounds[key][0].year <= LATEST_YEAR:
                    problems.append(f"{where}: {key} {raw[key]} is outside {EARLIEST_YEAR}-{LATEST_YEAR}")
            if "start" in bounds and "end" in bounds and bounds["start"][0] > bounds["end"][1]:
                problems.append(f"{where}: starts {raw['start']} after it ends {raw['end']}")
    assert not problems, problems


def test_a_death_date_is_valid_and_follows_every_role_start() -> None:
    """`died` dates an undated killing, so a wrong one misdates events: check it is sane."""
    problems = []
    recorded = 0
    for fname, entry in entries():
        if entry.get("died") is None:
            continue
        recorded += 1
        where = f"{fname}: {entry['id']}: died {entry['died']}"
        try:
            died = date_bounds(entry["died"])
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        if not EARLIEST_YEAR <= died[0].year <= LATEST_YEAR:
            problems.append(f"{where}: outside {EARLIEST_YEAR}-{LATEST_YEAR}")
        for raw in entry.get("roles") or []:
            if raw.get("start") is not None and date_bounds(raw["start"])[0] > died[1]:
                problems.append(f"{where}: before the role {raw['title']!r} starts ({raw['start']})")
    assert recorded, "no person records a death date; the field is no longer read"
    assert not problems, problems


def test_roles_with_the_same_title_do_not_overlap() -> None:
    """Two spells in one office must be separate (the validator warns on overlaps)."""
    problems = []
    for fname, entry in entries():
        spans: dict[tuple[str, str | None], list[tuple[date, date]]] = defaultdict(list)
        for raw in entry.get("roles") or []:
            start = date_bounds(raw["start"])[1] if raw.get("start") is not None else date.min
            end = date_bounds(raw["end"])[0] if raw.get("end") is not None else date.max
            key = (raw["title"].casefold(), raw.get("country", entry.get("country")))
            for other_start, other_end in spans[key]:
                if max(start, other_start) < min(end, other_end):
                    problems.append(f"{fname}: {entry['id']}: {raw['title']!r} overlaps another spell")
            spans[key].append((start, end))
    assert not problems, problems


def test_sectors_are_plover_codes() -> None:
    problems = []
    for fname, entry in entries():
        values = [("sector", entry.get("sector")), ("former_sector", entry.get("former_sector"))]
        values += [(f"role {r.get('title')!r}", r.get("sector")) for r in entry.get("roles") or []]
        for where, value in values:
            if value is not None and value not in SECTORS:
                problems.append(f"{fname}: {entry['id']}: {where}: unknown sector {value!r}")
    assert not problems, problems


def test_countries_are_iso_alpha3_or_pseudo_codes() -> None:
    codes = country_codes()
    problems = []
    for fname, entry in entries():
        values = [("country", entry.get("country"))]
        values += [(f"role {r.get('title')!r}", r.get("country")) for r in entry.get("roles") or []]
        for where, value in values:
            if value is not None and value not in codes:
                problems.append(f"{fname}: {entry['id']}: {where}: unknown country {value!r}")
    assert not problems, problems


def test_coverage_meets_the_targets() -> None:
    """Enough people and roles for the actor system 2001-2026 (600+ people, 1,200+ roles)."""
    people = entries()
    roles = sum(len(entry.get("roles") or []) for _, entry in people)
    assert len(people) >= 600, len(people)
    assert roles >= 1200, roles


# --- aliases -------------------------------------------------------------------------------------

def test_no_alias_is_a_common_word_or_an_ambiguous_name() -> None:
    problems = [f"{fname}: {entry['id']}: {alias!r}"
                for fname, entry in entries() for alias in entry["aliases"]
                if alias.casefold() in COMMON_WORDS or alias.casefold() in AMBIGUOUS_NAMES]
    assert not problems, problems


def test_no_alias_begins_with_a_title() -> None:
    problems = [f"{fname}: {entry['id']}: {alias!r}"
                for fname, entry in entries() for alias in entry["aliases"]
                if any(alias == t or alias.startswith(t + " ") for t in TITLE_WORDS)]
    assert not problems, problems


def test_no_alias_names_two_people() -> None:
    """An alias shared by two entries would make the lookup guess; shared surnames
    (Ivanov, Larijani, Barzani) are therefore left out of both entries."""
    owners: dict[str, set[str]] = defaultdict(set)
    for _, entry in entries():
        for alias in entry["aliases"]:
            owners[" ".join(alias.casefold().split())].add(entry["id"])
    shared = {alias: sorted(ids) for alias, ids in owners.items() if len(ids) > 1}
    assert not shared, shared


@pytest.mark.parametrize(("alias", "person"), [
    ("Mansoor", "akhtar-mansour"),
    ("Akhtar Mansur", "akhtar-mansour"),
    ("Hibatullah Akhunzada", "haibatullah-akhundzada"),
    ("Akhundzada", "haibatullah-akhundzada"),
    ("Sergei Lavrov", "sergey-lavrov"),
    ("Ghani", "ashraf-ghani"),
    ("Khalilzad", "zalmay-khalilzad"),
    ("Zakharova", "maria-zakharova"),
    ("Kabulov", "zamir-kabulov"),
    ("Baradar", "abdul-ghani-baradar"),
    ("Sanaullah Ghafari", "shahab-al-muhajir"),
    ("Shahab al-Muhajir", "shahab-al-muhajir"),
    ("Abu Mohammad al-Julani", "ahmed-al-sharaa"),
    ("Mantytsky", "alexander-mantytskiy"),
    ("Dubya", "george-w-bush"),
])
def test_alias_spellings_lead_to_the_person(alias: str, person: str) -> None:
    hits = {entry["id"] for _, entry in entries()
            if alias.casefold() in {a.casefold() for a in entry["aliases"]}}
    assert hits == {person}


# --- dated facts -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("person", "day", "country", "sector", "title_part"), [
    # the four facts the knowledge base must get right
    ("ashraf-ghani", date(2018, 11, 9), "AFG", "GOV", "President of Afghanistan"),
    ("zalmay-khalilzad", date(2019, 6, 15), "USA", "GOV", "Special Representative for Afghanistan"),
    ("sergey-lavrov", date(2018, 3, 1), "RUS", "GOV", "Foreign Minister of Russia"),
    ("akhtar-mansour", date(2016, 5, 1), "AFG", "REB", "Supreme Leader of the Taliban"),
    # the same people at other dates
    ("ashraf-ghani", date(2003, 5, 1), "AFG", "GOV", "Finance Minister"),
    ("zalmay-khalilzad", date(2006, 1, 1), "USA", "GOV", "Ambassador of the United States to Iraq"),
    ("zalmay-khalilzad", date(2008, 1, 1), "USA", "GOV", "to the United Nations"),
    ("sergey-lavrov", date(2000, 1, 1), "RUS", "GOV", "to the United Nations"),
    ("akhtar-mansour", date(2014, 1, 1), "AFG", "REB", "Deputy leader"),
    # the Taliban before and after the fall of Kabul
    ("haibatullah-akhundzada", date(2019, 1, 1), "AFG", "REB", "Supreme Leader of the Taliban"),
    ("haibatullah-akhundzada", date(2023, 1, 1), "AFG", "GOV", "Supreme Leader of Afghanistan"),
    ("abdul-ghani-baradar", date(2014, 1, 1), "AFG", "REB", "custody"),
    ("abdul-ghani-baradar", date(2020, 2, 29), "AFG", "REB", "political office in Doha"),
    ("abdul-ghani-baradar", date(2021, 8, 20), "AFG", "GOV", "Islamic Emirate"),
    ("abdul-ghani-baradar", date(2022, 3, 1), "AFG", "GOV", "Deputy Prime Minister"),
    ("sirajuddin-haqqani", date(2018, 1, 1), "AFG", "REB", "Deputy leader of the Taliban"),
    ("sirajuddin-haqqani", date(2022, 1, 1), "AFG", "GOV", "Interior Minister"),
    ("zabihullah-mujahid", date(2019, 1, 1), "AFG", "REB", "Spokesman of the Taliban"),
    ("zabihullah-mujahid", date(2022, 1, 1), "AFG", "GOV", "spokesman"),
    ("mullah-omar", date(1999, 1, 1), "AFG", "GOV", "Islamic Emirate"),
    ("mullah-omar", date(2008, 1, 1), "AFG", "REB", "Supreme Leader of the Taliban"),
    # Pakistan's army and ISI
    ("asim-munir", date(2019, 1, 1), "PAK", "SPY", "Inter-Services Intelligence"),
    ("asim-munir", date(2023, 6, 1), "PAK", "MIL", "Chief of Army Staff"),
    ("pervez-musharraf", date(2005, 1, 1), "PAK", "GOV", "President of Pakistan"),
    ("faiz-hameed", date(2021, 9, 4), "PAK", "SPY", "Inter-Services Intelligence"),
    ("qamar-javed-bajwa", date(2018, 1, 1), "PAK", "MIL", "Chief of Army Staff"),
    # Russia's Afghanistan hands
    ("zamir-kabulov", date(2017, 3, 1), "RUS", "GOV", "Envoy"),
    ("maria-zakharova", date(2020, 1, 1), "RUS", "GOV", "Spokeswoman"),
    ("alexander-lukashevich", date(2013, 1, 1), "RUS", "GOV", "Spokesman"),
    ("alexander-mantytskiy", date(2017, 6, 1), "RUS", "GOV", "Ambassador of Russia to Afghanistan"),
    # US and NATO commanders in Afghanistan
    ("stanley-mcchrystal", date(2010, 1, 1), "USA", "MIL", "ISAF"),
    ("david-petraeus", date(2011, 1, 1), "USA", "MIL", "ISAF"),
    ("david-petraeus", date(2012, 1, 1), "USA", "SPY", "Central Intelligence Agency"),
    ("john-r-allen", date(2012, 1, 1), "USA", "MIL", "ISAF"),
    ("joseph-dunford", date(2014, 1, 1), "USA", "MIL", "ISAF"),
    ("john-f-campbell", date(2015, 6, 1), "USA", "MIL", "Resolute Support"),
    ("john-w-nicholson", date(2017, 1, 1), "USA", "MIL", "Resolute Support"),
    ("austin-scott-miller", date(2019, 1, 1), "USA", "MIL", "Resolute Support"),
    # others
    ("joe-biden", date(2022, 1, 1), "USA", "GOV", "President of the United States"),
    ("ahmed-al-sharaa", date(2020, 1, 1), "SYR", "REB", "Hayat Tahrir al-Sham"),
    ("ahmed-al-sharaa", date(2025, 6, 1), "SYR", "GOV", "President of Syria"),
    ("ursula-von-der-leyen", date(2021, 1, 1), "EUR", "IGO", "European Commission"),
    ("antonio-guterres", date(2020, 1, 1), "UNO", "IGO", "Secretary-General"),
])
def test_people_code_by_their_role_on_the_date(person: str, day: date, country: str, sector: str,
                                               title_part: str) -> None:
    coding = code_on(by_id()[person], day)
    assert coding.how == "role", coding
    assert (coding.country, coding.sector) == (country, sector), coding
    assert coding.title is not None and title_part.casefold() in coding.title.casefold(), coding


@pytest.mark.parametrize(("person", "day", "country", "sector", "how"), [
    # a retired spy chief turned commentator codes as a civilian
    ("asad-durrani", date(2018, 5, 1), "PAK", "CVL", "former"),
    # a dead insurgent leader keeps coding as the insurgency
    ("mullah-omar", date(2016, 1, 1), "AFG", "REB", "former"),
    ("akhtar-mansour", date(2017, 1, 1), "AFG", "REB", "former"),
    # between two terms, a former president leads his party
    ("donald-trump", date(2023, 1, 1), "USA", "PTY", "former"),
    # an ex-president with no later role is a civilian
    ("hamid-karzai", date(2019, 1, 1), "AFG", "CVL", "former"),
    # before the first recorded role, the entry's own country and sector
    ("jd-vance", date(2020, 1, 1), "USA", "LEG", "default"),
])
def test_people_code_before_and_after_their_roles(person: str, day: date, country: str, sector: str,
                                                  how: str) -> None:
    coding = code_on(by_id()[person], day)
    assert (coding.country, coding.sector, coding.how) == (country, sector, how), coding
