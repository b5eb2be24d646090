"""Roles read from the clause, on sentences written for these tests: coordinated subjects
are co-actors, never their own or each other's recipients unless the event is reciprocal;
a purpose gives a recipient only to a type whose target PLOVER takes from it; a deed an
offer pays "for" is done by the one the offer goes to."""

from __future__ import annotations

import pytest

from events_support import countries, find

pytestmark = pytest.mark.slow

DATE = "2019-03-14"


@pytest.mark.parametrize(
    "sentence",
    [
        "Kazakhstan and Uzbekistan share the goal of fighting drug trafficking.",
        "Kazakhstan and Uzbekistan fight drug trafficking together.",
    ],
)
def test_co_actors_aiming_at_a_thing_are_not_each_others_targets(coder, sentence):
    for event in coder.code_text(sentence, DATE):
        assert not set(countries(event.actors)) & set(countries(event.recipients)), event


@pytest.mark.parametrize(
    "sentence, event_type, actors",
    [
        # reciprocal events keep the co-actors on both sides
        ("Kazakhstan and Uzbekistan fought along their border.", "ASSAULT", ["KAZ", "UZB"]),
        ("Kazakhstan and Uzbekistan discussed water rights.", "CONSULT", ["KAZ", "UZB"]),
        ("Kazakhstan and Uzbekistan cooperated to counter the Taliban.", "COOPERATE", ["KAZ", "UZB"]),
    ],
)
def test_reciprocal_events_keep_both_sides(coder, sentence, event_type, actors):
    event = find(coder.code_text(sentence, DATE), event_type)
    assert countries(event.actors) == actors
    assert countries(event.recipients) == actors


def test_a_purpose_is_not_the_partner_of_a_cooperative_deed(coder):
    event = find(coder.code_text("Uzbekistan cooperated with Kazakhstan to counter the Taliban.", DATE), "COOPERATE")
    assert countries(event.recipients) == ["KAZ"]


@pytest.mark.parametrize(
    "sentence, recipients",
    [
        ("Tajikistan sent troops to fight the Taliban.", ["AFG"]),
        ("Pakistan deployed soldiers to counter the Taliban.", ["AFG"]),
    ],
)
def test_a_mobilisation_is_aimed_at_the_enemy_of_its_purpose(coder, sentence, recipients):
    event = find(coder.code_text(sentence, DATE), "MOBILIZE")
    assert countries(event.recipients) == recipients


def test_an_offer_for_a_deed_keeps_its_recipient_and_the_deed_its_target(coder):
    events = coder.code_text("Iran offered rewards to the Taliban for killing American soldiers.", DATE)
    offer = find(events, "AGREE")
    assert countries(offer.actors) == ["IRN"] and countries(offer.recipients) == ["AFG"]
    deed = find(events, "ASSAULT")
    assert countries(deed.actors) == ["AFG"] and countries(deed.recipients) == ["USA"]
    assert deed.factuality == "hypothetical"


@pytest.mark.parametrize(
    "sentence, recipients",
    [
        ("Students in Tehran marched to show their anger at Britain's sanctions.", ["GBR"]),
        ("Farmers in Lahore rallied to voice their outrage over India's dam project.", ["IND"]),
    ],
)
def test_a_demonstration_is_against_what_its_purpose_noun_opposes(coder, sentence, recipients):
    event = find(coder.code_text(sentence, DATE), "PROTEST")
    assert countries(event.recipients) == recipients
