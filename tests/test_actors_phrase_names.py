"""What a short phrase names, and under which name: an acronym alone whatever the tagger
made of it, a capital or city keeping its own (gazetteer) name, state media coded as the
government. On phrases and sentences written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATE = "2023-05-04"


def resolve(coder, text):
    return coder.actor_coder.resolve_text(text, DATE, nlp=coder.nlp)


@pytest.mark.parametrize("text, actor_id", [("ECOWAS", "ecowas"), ("SADC", "sadc"), ("the IGAD", "igad")])
def test_an_acronym_alone_names_its_entry_even_when_tagged_a_verb(coder, text, actor_id):
    ref = resolve(coder, text)
    assert ref is not None and ref.actor_id == actor_id and ref.sector == "IGO"


def test_an_unknown_single_word_still_names_nobody(coder):
    assert resolve(coder, "Glorbax") is None


@pytest.mark.parametrize("text, name, country", [
    ("Prishtina", "Pristina", "XKX"),  # a variant spelling: the gazetteer's own name
    ("Kiev", "Kyiv", "UKR"),
    ("Canberra", "Canberra", "AUS"),
])
def test_a_capital_alone_is_the_government_under_the_city_name(coder, text, name, country):
    ref = resolve(coder, text)
    assert (ref.name, ref.actor_id, ref.country, ref.sector, ref.how) == (name, country, country, "GOV", "metonymy")


def test_a_capital_as_subject_keeps_its_name_and_the_state_id(coder):
    doc = coder.nlp("Nairobi protested against the new border fees on Tuesday.")
    refs = coder.actor_coder.code_doc(doc, DATE)
    assert [(r.name, r.actor_id, r.sector) for r in refs if r.text == "Nairobi"] == [("Nairobi", "KEN", "GOV")]


@pytest.mark.parametrize("text, name, country", [("Sydney", "Sydney", "AUS"), ("Mariupol", "Mariupol", "UKR")])
def test_a_city_as_actor_is_named_after_the_city(coder, text, name, country):
    ref = resolve(coder, text)
    assert (ref.name, ref.country, ref.sector, ref.how) == (name, country, "CVL", "place-actor")


@pytest.mark.parametrize("text", ["the official Syrian news agency", "state-run television",
                                  "the government newspaper", "the official Press Agency"])
def test_state_media_is_the_government(coder, text):
    ref = resolve(coder, text)
    assert (ref.sector, ref.secondary_sector) == ("GOV", "JRN")


@pytest.mark.parametrize("text", ["a local newspaper", "independent television"])
def test_other_media_stay_media(coder, text):
    assert resolve(coder, text).sector == "JRN"


@pytest.mark.parametrize("text, country, sector", [
    ("the Ghana Medical Association", "GHA", "MED"),          # a state among the words
    ("the Peruvian Farmers Federation", "PER", "AGR"),         # a demonym, an agent noun
    ("the Punjab Islamic Council", None, "REL"),               # a province two states share: no country
    ("the Tasmania Council of Churches", "AUS", "REL"),
    ("the Catholic Relief Alliance of Queensland", "AUS", "NGO"),  # the last sector word wins
    ("the Victoria Nurses Union", "AUS", "LAB"),               # a union of nurses is a union
    ("the Kaduna State House of Assembly", "NGA", "LEG"),      # a state of Nigeria's legislature
])
def test_an_unknown_organisation_is_read_from_its_name(coder, text, country, sector):
    ref = resolve(coder, text)
    assert (ref.country, ref.sector, ref.kind, ref.how) == (country, sector, "org", "organisation-name")


def test_an_unknown_organisation_in_a_sentence(coder):
    doc = coder.nlp("The Manitoba Nurses Alliance criticised the hospital closures.")
    refs = coder.actor_coder.code_doc(doc, DATE)
    assert [(r.name, r.country, r.sector) for r in refs][:1] == [("Manitoba Nurses Alliance", "CAN", "MED")]


@pytest.mark.parametrize("text", ["the Alliance", "a new alliance"])
def test_an_organisation_noun_alone_is_no_named_organisation(coder, text):
    ref = resolve(coder, text)
    assert ref is None or ref.how != "organisation-name"


@pytest.mark.parametrize("text, actor_id", [("the PAN Mexico", "pan-mexico"), ("Labour Party Britain", "labour-party-uk")])
def test_an_organisation_qualified_by_its_own_state_is_the_organisation(coder, text, actor_id):
    ref = resolve(coder, text)
    assert (ref.actor_id, ref.sector) == (actor_id, "PTY")


def test_a_name_of_another_country_before_a_state_does_not_take_it_over(coder):
    assert resolve(coder, "Hamas Israel").actor_id == "ISR"


def test_the_general_assembly_is_the_un_body_not_a_general(coder):
    ref = resolve(coder, "the General Assembly")
    assert (ref.actor_id, ref.country, ref.kind) == ("unga", "UNO", "igo")
