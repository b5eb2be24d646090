"""Peoples, ethnic groups and unknown office holders: who they are and of which country,
on phrases written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATE = "2004-03-01"


def resolve(coder, text):
    return coder.actor_coder.resolve_text(text, DATE, nlp=coder.nlp)


@pytest.mark.parametrize(
    "text, country, sector",
    [
        # a people without a state, with a country's demonym: that country's civilians
        ("Syrian Kurds", "SYR", "CVL"),
        ("Pakistani Pashtuns", "PAK", "CVL"),
        # a people named by one state's demonym, living in another
        ("Croatian Serbs", "HRV", "CVL"),
        # "ethnic" makes the demonym a people; the place they are in gives the country
        ("ethnic Hungarians in Slovakia", "SVK", "CVL"),
        ("ethnic Uzbek militants in Kyrgyzstan", "KGZ", "REB"),
        # plain demonyms and demonym-owned agents are unchanged
        ("Serbian police", "SRB", "COP"),
        ("three Hungarians", "HUN", "CVL"),
    ],
)
def test_peoples(coder, text, country, sector):
    ref = resolve(coder, text)
    assert ref is not None
    assert (ref.country, ref.sector) == (country, sector)


def test_ethnic_demonym_alone_names_no_state(coder):
    ref = resolve(coder, "ethnic Hungarians")
    assert ref is not None and ref.country is None and ref.sector == "CVL"


def test_rebels_in_a_country_are_its_rebels(coder):
    ref = resolve(coder, "rebels in Chad")
    assert (ref.country, ref.sector) == ("TCD", "REB")


def test_peacekeepers_in_a_country_are_not_its_own(coder):
    ref = resolve(coder, "peacekeepers in Chad")
    assert ref is None or ref.country != "TCD"


def test_unknown_office_holder_does_not_take_a_country_he_only_deals_with(coder):
    events = coder.code_text("President Obua Kamara threatened Russia with new tariffs.", DATE)
    assert events
    for event in events:
        assert all(a.country != "RUS" for a in event.actors)


@pytest.mark.parametrize("day, person", [("1990-05-01", "george-h-w-bush"), ("2005-05-01", "george-w-bush")])
def test_a_shared_surname_goes_to_the_office_holder_of_the_day(coder, day, person):
    ref = coder.actor_coder.resolve_text("President Bush", day, nlp=coder.nlp)
    assert ref is not None and ref.actor_id == person and ref.country == "USA"


@pytest.mark.parametrize("text, day, country, sector", [
    # leaders before 2001 code by their role on the day
    ("Gorbachev", "1988-06-01", "RUS", "GOV"),
    ("Prime Minister Rabin", "1994-06-01", "ISR", "GOV"),
    ("Charles Taylor", "1993-06-01", "LBR", "REB"),
    # older groups and bodies
    ("the SPLA", "1998-06-01", "SDN", "REB"),
    ("UNITA", "1995-06-01", "AGO", "REB"),
    ("the European Community", "1991-06-01", "EUR", "IGO"),
])
def test_older_leaders_groups_and_bodies(coder, text, day, country, sector):
    ref = coder.actor_coder.resolve_text(text, day, nlp=coder.nlp)
    assert ref is not None and (ref.country, ref.sector) == (country, sector)


def test_an_unknown_office_holder_takes_the_home_of_a_group_the_text_names(coder):
    events = coder.code_text("Interior Minister Abel Tchissola rejected demands from UNITA.", "1995-06-01")
    event = next(e for e in events if e.event_type == "REJECT")
    assert [a.country for a in event.actors] == ["AGO"]


@pytest.mark.parametrize("text, country, sector", [
    ("a rebel group based in Davao", "PHL", "REB"),
    ("ethnic Uzbek fighters operating in Kyrgyzstan", "KGZ", "REB"),
    ("jihadists based in Trinidad", "TTO", "REB"),
])
def test_a_group_placed_by_a_participle(coder, text, country, sector):
    ref = resolve(coder, text)
    assert ref is not None and (ref.country, ref.sector) == (country, sector)


def test_troops_stationed_abroad_stay_foreign(coder):
    ref = resolve(coder, "German troops stationed in Mali")
    assert ref is not None and ref.country == "DEU"


def test_a_shared_surname_goes_to_the_person_whose_names_hold_every_word(coder):
    ref = coder.actor_coder.resolve_text("George Herbert Bush", "2022-01-01", nlp=coder.nlp)
    assert ref is not None and ref.actor_id == "george-h-w-bush"


@pytest.mark.parametrize("text, country, sector", [
    ("surgeons from two French charities", "FRA", "MED"),
    ("soldiers from Chad", "TCD", "MIL"),
    ("activists from the Fatah party", "PSE", "PTY"),
])
def test_from_names_the_owner_of_an_agent(coder, text, country, sector):
    ref = resolve(coder, text)
    assert ref is not None and (ref.country, ref.sector) == (country, sector)
