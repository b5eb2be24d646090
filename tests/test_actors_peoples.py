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
