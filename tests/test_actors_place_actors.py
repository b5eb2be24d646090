"""A city or province standing as an actor is its country's people (CVL), read from the
one gazetteer that also places events; capitals stay metonyms for the government, and a
place after a preposition stays a place. On sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATE = "2022-03-20"


def actors(coder, text, date=DATE):
    """(text, country, sector, how) of every actor mention in `text`."""
    doc = coder.nlp(text)
    return [(r.text, r.country, r.sector, r.how) for r in coder.actor_coder.code_doc(doc, date)]


@pytest.mark.parametrize("text, place, country", [
    ("Melbourne imposed a lockdown on Friday.", "Melbourne", "AUS"),
    ("Karachi went on strike over the power cuts.", "Karachi", "PAK"),
    ("Mumbai welcomed the verdict of the court.", "Mumbai", "IND"),
    # a province the recogniser calls an organisation
    ("Balochistan rejected the new tax on gas.", "Balochistan", "PAK"),
])
def test_a_city_or_province_as_subject_is_its_country_cvl(coder, text, place, country):
    assert (place, country, "CVL", "place-actor") in actors(coder, text)


def test_a_capital_stays_the_government(coder):
    assert ("Canberra", "AUS", "GOV", "metonymy") in actors(coder, "Canberra condemned the raid on the embassy.")


def test_a_place_after_a_preposition_is_no_actor(coder):
    found = actors(coder, "Aid trucks arrived in Melbourne on Tuesday.")
    assert not any(a[0] == "Melbourne" for a in found), found


def test_a_city_owning_an_agent_noun_still_gives_its_country(coder):
    found = actors(coder, "Residents of Karachi blocked the highway.")
    assert [(a[1], a[2]) for a in found] == [("PAK", "CVL")], found


def test_a_person_named_like_a_city_stays_a_person(coder):
    # "Sydney" is a city too; a title makes the name a person's
    found = actors(coder, "Senator Sydney Kamlager spoke against the bill.")
    assert not any(a[3] == "place-actor" for a in found), found


@pytest.mark.parametrize("text, country", [("Mariupol", "UKR"), ("Melbourne", "AUS")])
def test_a_bare_place_name_resolves_as_its_country_cvl(coder, text, country):
    ref = coder.actor_coder.resolve_text(text, DATE, nlp=coder.nlp)
    assert ref is not None and (ref.country, ref.sector, ref.how) == (country, "CVL", "place-actor")


@pytest.mark.parametrize("text, words, country, sector", [
    ("Protesters in Sindh blocked the railway line.", "Protesters in Sindh", "PAK", "CVL"),
    ("Farmers in Kerala marched against the new law.", "Farmers in Kerala", "IND", "CVL"),
    # a province name shared by two countries: the one the text names
    ("Police in Punjab detained twelve men, a Pakistani official said.", "Police in Punjab", "PAK", "COP"),
])
def test_a_province_after_in_gives_its_country_to_the_agents(coder, text, words, country, sector):
    found = [a for a in actors(coder, text) if a[0] == words]
    assert found and found[0][1:3] == (country, sector), actors(coder, text)


def test_the_gazetteer_tells_a_province_named_by_one_country_from_a_shared_name():
    from eirene.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    assert gazetteer.province_countries("Sindh") == {"PAK"}
    assert {"IND", "PAK"} <= gazetteer.province_countries("Punjab")
    assert gazetteer.province_countries("Melbourne") == frozenset()


def test_a_province_name_several_countries_share_gives_no_country_alone(coder):
    found = actors(coder, "Farmers in Central marched on the capital.")
    assert not any(a[1] is not None and a[0].startswith("Farmers") for a in found), found
