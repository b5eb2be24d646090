"""Event coding of the constructions news text uses, on sentences written for these tests.

Each case codes one sentence (dated so relative dates and dated roles resolve) and checks
the event a careful human coder would produce: type, who acts, on whom, and how sure the
text is of it.
"""

from __future__ import annotations

import pytest

from events_support import find, countries

pytestmark = pytest.mark.slow

DATE = "2018-11-07"  # a Wednesday


@pytest.mark.parametrize(
    "sentence, event_type, actors, recipients",
    [
        # active voice, metonymy and demonyms
        ("A US drone killed the Taliban chief in Balochistan on Saturday.", "ASSAULT", ["USA"], ["AFG"]),
        ("Washington urged Islamabad to act against the Haqqani network.", "REQUEST", ["USA"], ["PAK"]),
        # passive voice with an agent phrase; a demonym on the weapon names the actor
        ("The Taliban commander was killed by an American airstrike near Kandahar.", "ASSAULT", ["USA"], ["AFG"]),
        # coordinated subjects and prepositional recipients
        ("Russia and China held talks with Pakistan in Moscow last week.", "CONSULT", ["CHN", "RUS"], ["PAK"]),
        ("Russian and Chinese officials criticised Washington.", "ACCUSE", ["CHN", "RUS"], ["USA"]),
        # control verb: the recipient sits in the complement
        ("The Taliban refused to continue peace talks with Kabul.", "REJECT", ["AFG"], ["AFG"]),
        # light verb + event noun
        ("Pakistan provided support to the Afghan Taliban.", "AID", ["PAK"], ["AFG"]),
        # nominal event with a possessive actor (support of an armed group is material: AID)
        ("Russia's support for the Taliban worries Kabul.", "AID", ["RUS"], ["AFG"]),
        # apposition: the envoy is the person named
        ("Zalmay Khalilzad, the US envoy, met Taliban negotiators in Doha in September.", "CONSULT", ["USA"], ["AFG"]),
        # object of a demand given as a that-clause
        ("The United States demanded that Pakistan stop sheltering the Haqqani network.", "REQUEST", ["USA"], ["PAK"]),
        # recipient named only by a country modifier
        ("Pakistani troops shelled Afghan border posts overnight.", "ASSAULT", ["PAK"], ["AFG"]),
        ("Iran expelled two British diplomats last year.", "SANCTION", ["IRN"], ["GBR"]),
    ],
)
def test_dyads(coder, sentence, event_type, actors, recipients):
    event = find(coder.code_text(sentence, DATE), event_type)
    assert countries(event.actors) == actors
    assert countries(event.recipients) == recipients
    assert event.method.startswith("rule:")
    assert 0 < event.confidence <= 1


def test_reciprocal_signing_lists_both_sides(coder):
    event = find(coder.code_text("Russia and Pakistan signed a defence cooperation agreement.", DATE), "SUPPORT")
    assert countries(event.actors) == ["PAK", "RUS"]
    assert countries(event.recipients) == ["PAK", "RUS"]


def test_several_events_in_one_sentence_with_coordinated_verbs(coder):
    events = coder.code_text("Ghani visited New Delhi in 2017 and signed a trade deal with India.", DATE)
    consult = find(events, "CONSULT")
    assert consult.mode == "visit" and countries(consult.recipients) == ["IND"]
    support = find(events, "SUPPORT")
    assert countries(support.actors) == ["AFG"]


def test_control_verb_is_the_event_not_its_complement(coder):
    events = coder.code_text("The Taliban offered to negotiate with Kabul.", DATE)
    assert [e.event_type for e in events] == ["AGREE"]


def test_event_needs_an_actor(coder):
    assert coder.code_text("Talks resumed in Doha after a pause of several weeks.", DATE) == []


@pytest.mark.parametrize(
    "sentence, event_type, factuality",
    [
        # PLOVER codes a refused agreement as REJECT (see tests/test_events_intent.py)
        ("Russia did not agree to the proposal.", "REJECT", "asserted"),
        ("Pakistan has no interest in targeting the Afghan Taliban.", "ASSAULT", "negated"),
        ("Kabul would reject any deal that excluded the government.", "REJECT", "hypothetical"),
        ("Russia has reportedly supplied weapons to the Taliban.", "AID", "alleged"),
        ("The US general accused Russia of arming the Taliban.", "AID", "alleged"),
        ("Lavrov said that Russia had never supplied weapons to the insurgents.", "AID", "negated"),
        ("Pakistan denied sheltering Taliban leaders.", "AID", "negated"),
        ("The Chinese premier will make a two-day visit to Pakistan next week.", "CONSULT", "future"),
        ("Russia and China held talks with Pakistan in Moscow last week.", "CONSULT", "asserted"),
        # a negation in a conjoined clause belongs to that clause only
        ("Taliban attacks on army posts continued in the north, and the group has not agreed to any truce.",
         "ASSAULT", "asserted"),
        # a question asserts nothing
        ("Did Russia supply weapons to the Taliban?", "AID", "hypothetical"),
        ("Why did India send troops to the border?”", "MOBILIZE", "hypothetical"),
    ],
)
def test_factuality(coder, sentence, event_type, factuality):
    assert find(coder.code_text(sentence, DATE), event_type).factuality == factuality


def test_accusation_is_coded_too_and_the_embedded_deed_is_attributed(coder):
    events = coder.code_text("The US general accused Russia of arming the Taliban.", DATE)
    accuse = find(events, "ACCUSE")
    assert countries(accuse.actors) == ["USA"] and countries(accuse.recipients) == ["RUS"]
    assert accuse.factuality == "asserted"
    aid = find(events, "AID")
    assert countries(aid.actors) == ["RUS"] and countries(aid.recipients) == ["AFG"]
    assert aid.attributed_to is not None and aid.attributed_to.country == "USA"


@pytest.mark.parametrize(
    "sentence, claimant",
    [
        ("According to Afghan officials, Iran has funded Taliban fighters.", "AFG"),
        ("Pakistan provided support to the Afghan Taliban, Indian officials said.", "IND"),
        ("Lavrov said that Russia had never supplied weapons to the insurgents.", "RUS"),
    ],
)
def test_attribution(coder, sentence, claimant):
    events = [e for e in coder.code_text(sentence, DATE) if e.event_type == "AID"]
    assert events and events[0].attributed_to is not None
    assert events[0].attributed_to.country == claimant


def test_direct_statement_has_no_claimant(coder):
    event = find(coder.code_text("Iran expelled two British diplomats last year.", DATE), "SANCTION")
    assert event.attributed_to is None


@pytest.mark.parametrize(
    "sentence, event_type, date, precision",
    [
        ("A US drone killed the Taliban chief in Balochistan on Saturday.", "ASSAULT", "2018-11-03", "day"),
        ("Iran expelled two British diplomats last year.", "SANCTION", "2017-01-01", "year"),
        ("Zalmay Khalilzad, the US envoy, met Taliban negotiators in Doha in September.", "CONSULT", "2018-09-01", "month"),
        ("Ghani visited New Delhi in 2017 and signed a trade deal with India.", "CONSULT", "2017-01-01", "year"),
        ("Russia's support for the Taliban worries Kabul.", "AID", DATE, "document"),
    ],
)
def test_event_dates_resolve_against_the_publication_date(coder, sentence, event_type, date, precision):
    event = find(coder.code_text(sentence, DATE), event_type)
    assert (event.date, event.date_precision) == (date, precision)


def test_event_place_and_scores(coder):
    event = find(coder.code_text("A US drone killed the Taliban chief in Balochistan on Saturday.", DATE), "ASSAULT")
    assert event.mode == "drone"
    assert event.location is not None and event.location.country == "PAK"
    assert event.quad_class == 4 and event.intensity < -5 and event.cameo_root is not None


def test_people_protest_but_a_government_accuses(coder):
    crowd = find(coder.code_text("Thousands of Afghans protested in Kabul against the government on Friday.", DATE), "PROTEST")
    assert countries(crowd.actors) == ["AFG"]
    official = coder.code_text("Pakistan protested the drone strike by the United States.", DATE)
    assert [e.event_type for e in official] == ["ACCUSE"]
    assert "official" in official[0].method


def test_classifier_events_carry_polarity_in_their_type(coder):
    event = coder.code_text("Jordan says it will not accept new arrivals from the camps.", DATE)[0]
    assert event.method.startswith("model:")
    assert event.event_type == "REJECT" and event.factuality == "asserted"
