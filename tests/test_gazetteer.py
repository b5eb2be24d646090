"""The one gazetteer: built once, serving the actor coder (countries of places) and the
event coder (where events happened). Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from eirene.gazetteer import Gazetteer, fold


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_the_builtin_gazetteer_is_built_once(gazetteer):
    assert Gazetteer.load() is gazetteer


def test_fold_ignores_accents_case_and_separators():
    assert fold("Nangarhār") == fold("nangarhar") == "nangarhar"
    assert fold("Mazar-i-Sharif") == "mazar i sharif"
    assert fold("  The  Hague. ") == "the hague"


@pytest.mark.parametrize(("name", "country", "precision"), [
    ("Kabul", "AFG", "city"),
    ("Kiev", "UKR", "city"),  # an alternate name of a big city
    ("Sindh", "PAK", "admin1"),
    ("Nangarhar province", "AFG", "admin1"),
    ("the U.S.", "USA", "country"),
])
def test_the_event_side_looks_places_up(gazetteer, name, country, precision):
    place = gazetteer.lookup(name)
    assert place is not None and (place.country, place.precision) == (country, precision)


def test_the_event_side_prefers_places_in_the_countries_of_the_sentence(gazetteer):
    assert gazetteer.lookup("Hyderabad").country == "IND"
    assert gazetteer.lookup("Hyderabad", frozenset({"PAK"})).country == "PAK"
    assert gazetteer.unique_city("Kabul") and not gazetteer.unique_city("Hyderabad")
    assert gazetteer.country_of_demonym("Pakistani").country == "PAK"


@pytest.mark.parametrize(("text", "country"), [
    ("Kyiv", "UKR"),
    ("Kharkiv", "UKR"),
    ("Texas", "USA"),
    ("Kano State", "NGA"),
    ("Sindh province", "PAK"),
    ("Unity State", "SSD"),
    ("Unity", None),  # a subdivision only with the word of its type: "unity" is a word
    ("Sindh", None),
])
def test_the_actor_side_gives_the_country_a_place_stands_for(gazetteer, text, country):
    assert gazetteer.country_of_place(text) == country


def test_one_gazetteer_serves_both_coders(coder):
    assert coder.actor_coder.gazetteer is coder.gazetteer
    assert coder.event_coder.places.gazetteer is coder.gazetteer
    [event] = coder.code_text("Kharkiv police detained two journalists in Lviv on Monday.", "2018-11-07")
    police = event.actors[0]
    assert (police.text, police.country, police.sector) == ("Kharkiv police", "UKR", "COP")
    assert (event.location.name, event.location.country, event.location.precision) == ("Lviv", "UKR", "city")


def test_a_places_file_of_ones_own_replaces_the_builtin_words(tmp_path):
    path = tmp_path / "places.yaml"
    path.write_text(
        "version: 1\n"
        "country_aliases: {Blighty: GBR}\n"
        "locative_prepositions: [in, on]\n"  # on is a word, not a YAML 1.1 boolean
        "subdivision_words: [province]\n",
        encoding="utf-8",
    )
    mine = Gazetteer(path)
    assert mine.lookup("Blighty").country == "GBR"
    assert mine.locative.prepositions == frozenset({"in", "on"})
    assert mine.country_of_place("Sindh province") == "PAK"
    assert mine.country_of_place("Kano State") is None  # "state" is no subdivision word here
