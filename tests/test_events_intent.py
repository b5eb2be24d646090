"""Announced, refused and demanded deeds: PLOVER codes what was said, not the deed.

Sentences written for these tests. "will send food aid" is an offer (AGREE), "will
impose sanctions unless" a threat (THREATEN), "failed to reach a deal" a refusal
(REJECT), "X said Y must pull out" a demand by X of Y (REQUEST); a planned meeting
stays CONSULT with factuality future.
"""

from __future__ import annotations

import pytest

from events_support import countries, find

from eirene.evaluate.events import primary_event

pytestmark = pytest.mark.slow

DATE = "2019-03-06"


@pytest.mark.parametrize(
    "sentence, event_type, actors",
    [
        # an announced deed of cooperation is an offer
        ("Japan will send emergency food aid to Bangladesh next month.", "AGREE", ["JPN"]),
        ("Turkey said it would withdraw its troops from Syria.", "AGREE", ["TUR"]),
        # an announced hostile deed is a threat
        ("Opposition parties in Kenya said they would boycott the vote.", "THREATEN", ["KEN"]),
        ("Brazil will expel the Venezuelan ambassador unless Caracas frees the detained journalists.", "THREATEN", ["BRA"]),
        # a negated agreement is a refusal
        ("Ethiopia and Egypt failed to reach a deal on the Nile dam.", "REJECT", ["EGY", "ETH"]),
        ("Serbia did not agree to the plan for Kosovo.", "REJECT", ["SRB"]),
    ],
)
def test_intent_types(coder, sentence, event_type, actors):
    event = primary_event(coder.code_text(sentence, DATE))
    assert event is not None, sentence
    assert event.event_type == event_type, (sentence, event.event_type, event.method)
    assert countries(event.actors) == actors
    assert event.factuality == "asserted"


def test_reported_obligation_is_a_demand_by_the_speaker(coder):
    event = primary_event(coder.code_text("France said on Monday that Mali must release the French hostages.", DATE))
    assert event is not None
    assert event.event_type == "REQUEST", event.method
    assert countries(event.actors) == ["FRA"]
    assert "MLI" in countries(event.recipients)
    assert event.attributed_to is None


def test_planned_meeting_stays_consult_in_the_future(coder):
    event = primary_event(coder.code_text("Iran will host talks between Russia and Turkey in Tehran next week.", DATE))
    assert event is not None
    assert event.event_type == "CONSULT"
    assert event.factuality == "future"


def test_a_deed_done_keeps_its_type(coder):
    event = primary_event(coder.code_text("Japan sent emergency food aid to Bangladesh on Tuesday.", DATE))
    assert event is not None
    assert event.event_type == "AID"


def test_readiness_to_ease_is_an_offer(coder):
    event = primary_event(coder.code_text("In an interview, President Sisi said he is prepared to lift the ban on the Muslim Brotherhood.", DATE))
    assert event is not None
    assert event.event_type == "AGREE", event.method
    assert "prepared" not in (event.trigger or "")


def test_a_refusal_in_a_condition_is_not_coded_as_one(coder):
    events = coder.code_text("If the rebels do not agree to the plan, Colombia will resume talks with them.", DATE)
    assert all(e.method != "rule:agree.agree+negated-agreement" for e in events)


@pytest.mark.parametrize(
    "sentence, rule",
    [
        # easing administrative sanctions on one's own people is CAMEO 081
        ("The Indian government lifted the curfew in Srinagar on Monday.", "rule:concede.ease_restrictions"),
        # dissidents calling off a strike ease political dissent (CAMEO 082)
        ("The Kenyan teachers' union called off its nationwide strike on Friday.", "rule:concede.call_off_protest"),
    ],
)
def test_easing_is_concede_and_asserted(coder, sentence, rule):
    event = primary_event(coder.code_text(sentence, DATE))
    assert event is not None
    assert (event.event_type, event.method, event.factuality) == ("CONCEDE", rule, "asserted")


@pytest.mark.parametrize("sentence", [
    "The rebels vowed to fight until the army leaves the province of Idlib in Syria.",
    # the parser hangs "to fight" on "have sworn" as an adverbial clause here
    "Ethnic Albanian rebels have sworn to fight until they gain control of the border villages.",
])
def test_a_promise_to_fight_is_a_threat(coder, sentence):
    event = primary_event(coder.code_text(sentence, DATE))
    assert event is not None
    assert (event.event_type, event.method) == ("THREATEN", "rule:agree.promise+promised-conflict")


def test_a_promise_to_cooperate_stays_an_agreement(coder):
    event = primary_event(coder.code_text("Norway pledged to cooperate with Sweden on border security.", DATE))
    assert event is not None
    assert event.event_type == "AGREE"


def test_a_conditional_offer_to_meet_is_agree_and_a_planned_meeting_stays_consult(coder):
    offer = find(coder.code_text(
        "Kurdish rebel leaders said they would meet the U.N. envoy if he guaranteed their safety.", DATE), "AGREE")
    assert offer.method == "rule:consult.meet+conditional-offer"
    planned = primary_event(coder.code_text("The Taliban will meet US envoys in Doha next week.", DATE))
    assert (planned.event_type, planned.factuality) == ("CONSULT", "future")


@pytest.mark.parametrize("sentence, actors, recipients", [
    # no lexicon rule types "ensure" or "stop meddling": the reported obligation still is a demand
    ("The Red Cross said US and British forces must ensure security in Basra.", [], ["GBR", "USA"]),
    ("Lavrov said Washington should stop meddling in Venezuela.", ["RUS"], ["USA"]),
    # a reduced relative the parser reads as a clausal subject: its own subject speaks
    ("The Red Cross operating in Yemen said Saudi forces must ensure safe passage for civilians.", [], ["SAU"]),
])
def test_a_reported_obligation_is_a_demand_by_the_speaker_whatever_the_deed(coder, sentence, actors, recipients):
    event = find(coder.code_text(sentence, DATE), "REQUEST")
    assert (countries(event.actors), countries(event.recipients)) == (actors, recipients)
    assert event.method == "rule:request.reported_obligation"
    assert event.factuality == "asserted" and event.attributed_to is None


def test_an_announced_official_boycott_is_a_threat_against_the_other_side(coder):
    """A government's protest is an ACCUSE, but one it announces ("will boycott all contact
    with ...") is a threat, and the other side of the boycotted contact receives it."""
    event = primary_event(coder.code_text("Venezuelan officials will boycott talks with Colombia.", DATE))
    assert event.event_type == "THREATEN"
    assert (countries(event.actors), countries(event.recipients)) == (["VEN"], ["COL"])


def test_preparing_to_attack_is_a_mobilisation(coder):
    event = primary_event(coder.code_text("The Serbian army prepared to resume shelling Bosnian villages.", DATE))
    assert (event.event_type, event.method) == ("MOBILIZE", "rule:assault.shell+prepared-force")
    assert countries(event.actors) == ["SRB"]


def test_an_order_with_a_to_complement_is_a_request_and_the_ordered_deed_is_coded_too(coder):
    """PLOVER REQUEST covers orders; the rule needs a "to" complement (request.order,
    `complement: true`), and the ordered deed stays an event of its own, not yet done."""
    events = coder.code_text("A Peruvian judge has ordered former president Alberto Fujimori to appear for questioning.", DATE)
    order = find(events, "REQUEST")
    assert order.method == "rule:request.order" and countries(order.actors) == ["PER"]
    assert countries(order.recipients) == ["PER"]
    events = coder.code_text("Putin ordered Russian troops to withdraw from Syria.", DATE)
    withdrawal = find(events, "RETREAT")
    assert countries(withdrawal.actors) == ["RUS"] and countries(withdrawal.recipients) == ["SYR"]
    assert withdrawal.factuality == "hypothetical"


def test_an_order_without_a_complement_is_no_request(coder):
    events = coder.code_text("The Indian army ordered new helicopters from Russia.", DATE)
    assert not [e for e in events if e.method == "rule:request.order"]
