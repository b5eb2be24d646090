"""Allegations without an agent, and allegations held by a noun, on sentences written for
these tests: the accused deed is coded as `alleged`, with the accused as its actor, and
the accuser, when the text names one, as its claimant (and as the actor of an ACCUSE)."""

from __future__ import annotations

import pytest

from events_support import countries, find

pytestmark = pytest.mark.slow

DATE = "2019-03-14"


@pytest.mark.parametrize(
    "sentence, actors, recipients",
    [
        # a passive accusation with coordinated deeds (the first parsed as a noun)
        ("Iran has been accused of financing and arming the Houthis.", ["IRN"], ["YEM"]),
        ("Pakistan was accused of sheltering the Taliban and training them.", ["PAK"], ["AFG"]),
        # a claim noun with a gerund: "reports/rumours of X doing Y"
        ("Reports of Tehran arming the Houthis have surfaced again.", ["IRN"], ["YEM"]),
        ("There were rumours of Moscow supplying weapons to the Taliban.", ["RUS"], ["AFG"]),
        # a claim noun with a that-clause
        ("Allegations that Iran armed the Houthis resurfaced in May.", ["IRN"], ["YEM"]),
    ],
)
def test_alleged_deed_is_coded_with_the_accused_as_actor(coder, sentence, actors, recipients):
    aid = find(coder.code_text(sentence, DATE), "AID")
    assert countries(aid.actors) == actors
    assert countries(aid.recipients) == recipients
    assert aid.factuality == "alleged"


def test_agentless_accusation_has_no_accuser(coder):
    events = coder.code_text("Iran has been accused of financing and arming the Houthis.", DATE)
    aid = find(events, "AID")
    assert aid.attributed_to is None
    assert not [e for e in events if e.event_type == "ACCUSE"]


def test_named_accuser_of_a_passive_accusation_accuses_and_claims(coder):
    events = coder.code_text("Iran has been accused by Saudi Arabia of financing and arming the Houthis.", DATE)
    accuse = find(events, "ACCUSE")
    assert countries(accuse.actors) == ["SAU"] and countries(accuse.recipients) == ["IRN"]
    assert accuse.factuality == "asserted"
    aid = find(events, "AID")
    assert countries(aid.actors) == ["IRN"] and aid.factuality == "alleged"
    assert aid.attributed_to is not None and aid.attributed_to.country == "SAU"


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Washington's claims that Moscow armed the Taliban were repeated on Monday.", "USA"),
        ("American reports of Moscow arming the Taliban have worried Kabul.", "USA"),
    ],
)
def test_the_owner_of_a_claim_noun_is_the_claimant(coder, sentence, source):
    aid = find(coder.code_text(sentence, DATE), "AID")
    assert countries(aid.actors) == ["RUS"] and aid.factuality == "alleged"
    assert aid.attributed_to is not None and aid.attributed_to.country == source


def test_a_denied_claim_stays_alleged_and_the_denier_is_not_its_source(coder):
    aid = find(coder.code_text("Kabul dismissed claims that Pakistan was sheltering the Taliban.", DATE), "AID")
    assert countries(aid.actors) == ["PAK"]
    assert aid.factuality == "alleged"
    assert aid.attributed_to is None


def test_a_claim_of_a_named_accuser_keeps_the_accusation(coder):
    events = coder.code_text("Washington's allegations that Moscow armed the Taliban were repeated on Monday.", DATE)
    accuse = find(events, "ACCUSE")
    assert countries(accuse.actors) == ["USA"] and countries(accuse.recipients) == ["RUS"]
    aid = find(events, "AID")
    assert aid.factuality == "alleged" and aid.attributed_to is not None and aid.attributed_to.country == "USA"
