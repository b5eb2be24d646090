"""Event places: locative phrases in the event's clause, resolved with offline gazetteers.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from eirene.errors import KnowledgeBaseError
from eirene.events.where import PlaceResolver
from eirene.gazetteer import Gazetteer
from eirene.records import Location


def _place(nlp_sm, places: PlaceResolver, text: str, trigger: str) -> Location | None:
    doc = nlp_sm(text)
    sent = next(doc.sents)
    return places.resolve(sent, next(t for t in sent if t.text == trigger))


def _brief(place: Location | None) -> tuple[str, str | None, str] | None:
    return None if place is None else (place.name, place.country, place.precision)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kabul", ("Kabul", "AFG", "city")),
        ("Peshawar", ("Peshawar", "PAK", "city")),
        ("Moscow", ("Moscow", "RUS", "city")),  # not Moscow, Idaho
        ("Doha", ("Doha", "QAT", "city")),
        ("Nangarhar province", ("Nangarhar", "AFG", "admin1")),
        ("Nangarhār", ("Nangarhar", "AFG", "admin1")),
        ("Khyber Pakhtunkhwa", ("Khyber Pakhtunkhwa", "PAK", "admin1")),
        ("Balochistan", ("Balochistan", "PAK", "admin1")),
        ("Kabul province", ("Kabul", "AFG", "admin1")),
        ("Russia", ("Russia", "RUS", "country")),
        ("the United States", ("United States", "USA", "country")),
        ("U.S.", ("United States", "USA", "country")),
        ("Kiev", ("Kyiv", "UKR", "city")),  # an alternate GeoNames name
        ("Vaduz", ("Vaduz", "LIE", "city")),  # a capital under the population floor
    ],
)
def test_lookup_resolves_cities_subdivisions_and_countries(places, name, expected):
    assert _brief(places.gazetteer.lookup(name)) == expected


def test_cities_carry_geonames_ids_and_coordinates(places):
    kabul = places.gazetteer.lookup("Kabul")
    assert kabul is not None and kabul.geonames_id == 1138958
    assert kabul.lat == pytest.approx(34.53, abs=0.05) and kabul.lon == pytest.approx(69.17, abs=0.05)
    province = places.gazetteer.lookup("Helmand")
    assert province is not None and province.geonames_id is None and province.precision == "admin1"


def test_short_forms_match_only_in_capitals(places):
    assert places.gazetteer.lookup("us") is None
    assert places.gazetteer.lookup("in") is None


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Afghan and Pakistani envoys met on Wednesday in Islamabad.", "met", ("Islamabad", "PAK", "city")),
        ("The insurgents overran a checkpoint in Nangarhar province.", "overran", ("Nangarhar", "AFG", "admin1")),
        ("Fighters slipped into Balochistan at night.", "slipped", ("Balochistan", "PAK", "admin1")),
        ("Officials in Kabul said the plot was hatched in Pakistan.", "hatched", ("Pakistan", "PAK", "country")),
        ("A drone hit a car near the Pakistani-Iranian border.", "hit", ("Pakistan", "PAK", "country")),
        ("Gunmen attacked a base on the outskirts of Peshawar.", "attacked", ("Peshawar", "PAK", "city")),
        ("Coalition troops clashed with insurgents on Afghan soil.", "clashed", ("Afghanistan", "AFG", "country")),
        ("The envoys gathered at the Kabul airport.", "gathered", ("Kabul", "AFG", "city")),
        ("A bomb exploded in Quetta, Balochistan.", "exploded", ("Quetta", "PAK", "city")),  # most specific
    ],
)
def test_resolve_finds_the_place_of_the_event(nlp_sm, places, text, trigger, expected):
    assert _brief(_place(nlp_sm, places, text, trigger)) == expected


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Islamabad protested the strike on Friday.", "protested"),
        ("Kabul rejected the proposal.", "rejected"),
        ("The US pressed Pakistan to act.", "pressed"),
        ("Pakistan handed the suspects over to Afghanistan.", "handed"),
        ("The Kabul government rejected the plan.", "rejected"),
        ("The envoys agreed to keep talking.", "agreed"),
    ],
)
def test_places_that_act_are_not_locations(nlp_sm, places, text, trigger):
    assert _place(nlp_sm, places, text, trigger) is None


def test_each_clause_keeps_its_own_place(nlp_sm, places):
    text = "The talks collapsed in Doha, and fighting resumed across the border in Khyber Pakhtunkhwa."
    assert _brief(_place(nlp_sm, places, text, "collapsed")) == ("Doha", "QAT", "city")
    assert _brief(_place(nlp_sm, places, text, "resumed")) == ("Khyber Pakhtunkhwa", "PAK", "admin1")


def test_ambiguous_cities_prefer_the_country_named_in_the_sentence(nlp_sm, places):
    assert _brief(places.gazetteer.lookup("Hyderabad")) == ("Hyderabad", "IND", "city")  # the most populous
    plain = _place(nlp_sm, places, "Police arrested two men in Hyderabad.", "arrested")
    assert _brief(plain) == ("Hyderabad", "IND", "city")
    pakistani = _place(nlp_sm, places, "Pakistani police arrested two men in Hyderabad.", "arrested")
    assert _brief(pakistani) == ("Hyderabad", "PAK", "city")
    by_province = _place(nlp_sm, places, "Police arrested two men in Hyderabad, Sindh.", "arrested")
    assert _brief(by_province) == ("Hyderabad", "PAK", "city")


def test_a_namesake_far_smaller_or_a_capital_is_not_preferred(nlp_sm, places):
    text = "Tensions over America's plans grew in Moscow."
    assert _brief(_place(nlp_sm, places, text, "grew")) == ("Moscow", "RUS", "city")


def test_regions_and_organisations_are_not_places(nlp_sm, places):
    assert places.gazetteer.lookup("Asia") is None  # GeoNames also has a town called Asia
    assert places.gazetteer.lookup("the Middle East") is None
    text = "The report was written at the Asia-Pacific Foundation."
    assert _place(nlp_sm, places, text, "written") is None


def test_a_malformed_place_file_names_itself(tmp_path):
    listed = tmp_path / "list.yaml"
    listed.write_text("- in\n- at\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        Gazetteer(listed)
    assert err.value.code == "E340" and str(listed) in str(err.value)
    numbered = tmp_path / "numbers.yaml"
    numbered.write_text("locative_prepositions: [in, 42]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="quote"):
        Gazetteer(numbered)
