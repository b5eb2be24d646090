"""Denials and rebuttals, nominal events and events that do not happen, on sentences and an
article written for these tests (issue 14): a denial is a REJECT of the claim's maker, a
dispute of a view an ACCUSE, "talks between A and B" has both as actors, "offered Hamas
money" has Hamas as recipient, and an event inside a condition or kept from happening by a
negated causative is not coded."""

from __future__ import annotations

import pytest

from eirene.records import Document
from events_support import countries, find

pytestmark = pytest.mark.slow

DATE = "2019-05-03"


def types(events):
    return sorted(e.event_type for e in events)


# ---------------------------------------------------------------------------- denials


@pytest.mark.parametrize(
    "sentence, actors, recipients",
    [
        # a denying verb with a claim noun: its owner made the claim
        ("Tehran denied the Saudi charges on Friday.", ["IRN"], ["SAU"]),
        ("Caracas dismissed claims by Bogota that it armed the guerrillas.", ["VEN"], ["COL"]),
        # a claim called false, by the speaker of a report or with a naming verb
        ("The Peruvian minister said the Chilean claims were false.", ["PER"], ["CHL"]),
        ("The Bolivian envoy called them baseless.", ["BOL"], []),
        # a denying verb with a clause or a gerund
        ("Caracas denies arming the guerrillas.", ["VEN"], []),
    ],
)
def test_a_denial_is_a_reject_by_the_denier(coder, sentence, actors, recipients):
    reject = find(coder.code_text(sentence, DATE), "REJECT")
    assert countries(reject.actors) == actors
    assert countries(reject.recipients) == recipients
    assert reject.mode == "change"


def test_the_denied_deed_is_coded_beside_the_denial(coder):
    events = coder.code_text("Caracas denies arming the guerrillas in Colombia.", DATE)
    aid = find(events, "AID")
    assert countries(aid.actors) == ["VEN"] and aid.factuality == "negated"
    # the deed, not the denial, stays the sentence's main event
    assert find(events, "REJECT").confidence < aid.confidence


def test_a_reported_denial_is_alleged(coder):
    reject = find(coder.code_text("Some Bolivian officials reportedly denied that their president had resigned.",
                                  DATE), "REJECT")
    assert countries(reject.actors) == ["BOL"] and reject.factuality == "alleged"


@pytest.mark.parametrize("sentence", [
    "Chile said it was absurd to expect a deal with Peru.",  # "it" stands for the clause
    "Chile said the talks with Peru were a success.",  # no dismissive predicate
])
def test_no_rebuttal_without_a_claim_called_false(coder, sentence):
    assert "REJECT" not in types(coder.code_text(sentence, DATE))


def test_disputing_a_view_criticises_its_owner(coder):
    accuse = find(coder.code_text("Peru disputed the view of the Chilean president.", DATE), "ACCUSE")
    assert countries(accuse.actors) == ["PER"] and countries(accuse.recipients) == ["CHL"]
    assert accuse.mode == "disapprove"


ARTICLE = """\
Caracas dismisses claims it arms Colombian rebels

BOGOTA, May 3, 2019 - Colombia's defence minister accused Venezuela on Thursday of arming the ELN rebels.
Venezuela rejected the accusations. Foreign Minister Jorge Arreaza called them baseless.
Colombian President Ivan Duque visited Cucuta on Friday.
"""


def test_one_denial_by_several_speakers_answers_the_accusation(coder):
    """The headline, "rejected the accusations" and "called them baseless" are one REJECT of
    the accuser, Colombia, whom the denials do not name."""
    result = coder.code(Document(id="denial.txt", text=ARTICLE, date=DATE,
                                 title="Caracas dismisses claims it arms Colombian rebels"))
    rejects = [e for e in result.events if e.event_type == "REJECT"]
    assert len(rejects) == 1
    (reject,) = rejects
    assert countries(reject.actors) == ["VEN"] and countries(reject.recipients) == ["COL"]
    assert len(reject.mentions) == 3


# ---------------------------------------------------------------------------- nominal events and roles


def test_talks_between_two_parties_have_both_as_actors(coder):
    consult = find(coder.code_text("Negotiations between Armenia and Azerbaijan are to begin next week.", DATE),
                   "CONSULT")
    assert countries(consult.actors) == ["ARM", "AZE"]
    assert consult.factuality == "future"


@pytest.mark.parametrize(
    "sentence, event_type, actors, recipients",
    [
        ("Rumours of Iranian arms shipments to the Houthis spread quickly.", "AID", ["IRN"], ["YEM"]),
        ("An Israeli strike on Gaza killed four people.", "ASSAULT", ["ISR"], ["PSE"]),
    ],
)
def test_an_event_noun_takes_its_actor_from_an_adjective(coder, sentence, event_type, actors, recipients):
    event = find(coder.code_text(sentence, DATE), event_type)
    assert countries(event.actors) == actors and countries(event.recipients) == recipients


def test_a_report_of_a_nominal_deed_makes_it_alleged(coder):
    aid = find(coder.code_text("Rumours of Iranian arms shipments to the Houthis spread quickly.", DATE), "AID")
    assert aid.factuality == "alleged"


def test_an_offer_to_a_misparsed_indirect_object_keeps_its_recipient_and_target(coder):
    """"offered Hamas money": the parser reads "Hamas money" as one noun; Hamas receives the
    offer, and the attacks the money is for keep their target."""
    events = coder.code_text("Iran offered Hamas money for attacking Israeli patrols.", DATE)
    agree = find(events, "AGREE")
    assert countries(agree.actors) == ["IRN"] and countries(agree.recipients) == ["PSE"]
    assault = find(events, "ASSAULT")
    assert countries(assault.actors) == ["PSE"] and countries(assault.recipients) == ["ISR"]
    assert assault.factuality == "hypothetical"


def test_a_compound_that_is_the_object_itself_is_no_recipient(coder):
    # "Russian weapons": whose the weapons are, not who gets them
    aid = find(coder.code_text("Iran sold the rebels Russian weapons.", DATE), "AID")
    assert "RUS" not in countries(aid.recipients)


# ---------------------------------------------------------------------------- no happening


def test_an_event_inside_a_condition_is_not_coded(coder):
    events = coder.code_text("Bolivia will retaliate against Peru if Lima breaks its promises.", DATE)
    assert "REJECT" not in types(events) and "AGREE" not in types(events)
    assert find(events, "THREATEN").actors[0].country == "BOL"


@pytest.mark.parametrize("sentence, dropped", [
    ("The rebels pledged not to let any group use their territory to threaten Chile.", "THREATEN"),
    ("Peru could persuade the rebels to talk, but it could not make them agree to a truce.", "AGREE"),
])
def test_an_event_a_negated_causative_keeps_from_happening_is_not_coded(coder, sentence, dropped):
    # no rule codes it (the fallback classifier, reading the whole sentence, may still guess)
    coded = [e for e in coder.code_text(sentence, DATE) if e.method.startswith("rule:")]
    assert dropped not in types(coded)


def test_a_plain_causative_lets_the_event_happen(coder):
    assault = find(coder.code_text("Chile let the rebels attack Peru.", DATE), "ASSAULT")
    assert countries(assault.recipients) == ["PER"]


# ---------------------------------------------------------------------------- support of an armed group


@pytest.mark.parametrize("sentence, actors", [
    ("Reports of Iranian support for the Houthi rebels were exaggerated, the minister said.", ["IRN"]),
    ("Iran has long backed the Houthi rebels.", ["IRN"]),
])
def test_support_of_an_armed_group_is_aid(coder, sentence, actors):
    aid = find(coder.code_text(sentence, DATE), "AID")
    assert countries(aid.actors) == actors and countries(aid.recipients) == ["YEM"]


@pytest.mark.parametrize("sentence", [
    "Chile expressed support for Peru.",  # a state: verbal support
    "Russia voiced support for the Taliban's peace overtures.",  # support voiced, of a thing the group owns
])
def test_support_voiced_or_of_a_state_stays_support(coder, sentence):
    assert "AID" not in types(coder.code_text(sentence, DATE))


# ---------------------------------------------------------------------------- taking a place, attending


@pytest.mark.parametrize("sentence, recipients", [
    ("The rebels stepped up their offensive, briefly seizing the northern city of Mosul.", ["IRQ"]),
    # the town's former holders receive (rebels in Iraq take Iraq's code)
    ("The Iraqi army recaptured the city from the rebels.", ["IRQ"]),
])
def test_taking_a_town_by_force_is_an_assault(coder, sentence, recipients):
    assault = find(coder.code_text(sentence, DATE), "ASSAULT")
    assert assault.method == "rule:assault.capture_territory"
    assert countries(assault.recipients) == recipients


def test_seizing_goods_stays_coercion(coder):
    assert "ASSAULT" not in types(coder.code_text("Police seized weapons in Kabul.", DATE))


def test_attending_a_ceremony_together_is_a_meeting(coder):
    consult = find(coder.code_text("Chile and Peru attended the signing ceremony in Lima.", DATE), "CONSULT")
    assert countries(consult.actors) == ["CHL", "PER"]


def test_a_refusal_of_talks_someone_hosts_is_directed_at_the_host(coder):
    events = coder.code_text("Bolivia refused to send negotiators to talks hosted by Chile and Peru.", DATE)
    reject = find(events, "REJECT")
    assert countries(reject.actors) == ["BOL"] and countries(reject.recipients) == ["CHL", "PER"]


def test_not_far_from_is_no_negation(coder):
    assault = find(coder.code_text("Peruvian forces targeted Ramirez as he drove through a village not far from "
                                   "the Bolivian border.", DATE), "ASSAULT")
    assert assault.factuality == "asserted"


def test_an_allegation_noun_with_its_maker_accuses_and_claims(coder):
    events = coder.code_text("The allegation by Colombia that Venezuela armed the ELN angered Caracas.", DATE)
    accuse = find(events, "ACCUSE")
    assert countries(accuse.actors) == ["COL"] and countries(accuse.recipients) == ["VEN"]
    aid = find(events, "AID")
    assert countries(aid.actors) == ["VEN"] and aid.factuality == "alleged"
    assert aid.attributed_to is not None and aid.attributed_to.country == "COL"
