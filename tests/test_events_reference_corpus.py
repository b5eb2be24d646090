"""The events issue 4 names on the reference corpus, stated with sentences written for
eirene (the same facts, our own wording), and checked on ../shared/seeds when present.

- the US drone strike that killed Mullah Mansour: ASSAULT, drone, US -> Mansour, in Pakistan;
- the Taliban refusing talks with Kabul: REJECT;
- the November 2018 Moscow meeting: CONSULT, multilateral, future;
- the Russia-Pakistan rapprochement: CONSULT / COOPERATE;
- the allegation that Russia arms the Taliban: AID, alleged, attributed to the US commander.
"""

from __future__ import annotations

import pytest

from events_support import countries, find

pytestmark = pytest.mark.slow


def test_drone_strike_on_mansour(coder):
    events = coder.code_text(
        "An American drone strike killed Taliban leader Mullah Akhtar Mansour in Pakistan's "
        "Balochistan province on Saturday.", "2016-05-23")
    strike = find(events, "ASSAULT")
    assert strike.mode == "drone"
    assert countries(strike.actors) == ["USA"]
    assert [r.name for r in strike.recipients] == ["Akhtar Mohammad Mansour"]
    assert strike.location is not None and strike.location.country == "PAK"
    assert strike.date == "2016-05-21" and strike.date_precision == "day"


def test_taliban_refuse_talks_with_kabul(coder):
    refusal = find(coder.code_text("The Taliban refused to hold talks with the Kabul government.", "2018-11-09"), "REJECT")
    assert [a.actor_id for a in refusal.actors] == ["taliban"]
    assert countries(refusal.recipients) == ["AFG"]


@pytest.mark.parametrize("sentence", [
    "Russia, China and Pakistan will meet in Moscow in November to discuss Afghanistan.",
    "Envoys of the Taliban will attend a meeting in Moscow next week, to which India, China and Iran have also been invited.",
])
def test_planned_moscow_meeting_is_a_future_multilateral_consult(coder, sentence):
    meeting = find(coder.code_text(sentence, "2018-11-05"), "CONSULT")
    assert meeting.factuality == "future"
    assert meeting.mode == "multilateral"


def test_a_two_party_meeting_is_not_multilateral(coder):
    meeting = find(coder.code_text("Pakistani and Afghan officials met in Kabul on Tuesday.", "2018-11-05"), "CONSULT")
    assert meeting.mode is None


def test_russia_pakistan_rapprochement(coder):
    visit = find(coder.code_text("Pakistan's foreign minister met Sergey Lavrov in Moscow.", "2018-02-20"), "CONSULT")
    assert countries(visit.actors) == ["PAK"] and countries(visit.recipients) == ["RUS"]
    drill = find(coder.code_text("Russia and Pakistan held their first joint military exercise.", "2018-03-08"), "COOPERATE")
    assert countries(drill.actors) == ["PAK", "RUS"]


def test_accusation_that_russia_arms_the_taliban(coder):
    events = coder.code_text("The US commander in Afghanistan accused Russia of arming the Taliban.", "2018-03-23")
    accusation = find(events, "ACCUSE")
    assert countries(accusation.actors) == ["USA"] and countries(accusation.recipients) == ["RUS"]
    arming = find(events, "AID")
    assert arming.mode == "military" and arming.factuality == "alleged"
    assert countries(arming.actors) == ["RUS"] and [r.actor_id for r in arming.recipients] == ["taliban"]
    assert arming.attributed_to is not None and arming.attributed_to.country == "USA"


def test_reported_arming_is_attributed_to_the_commander(coder):
    arming = find(coder.code_text("General John Nicholson said that Russia was arming the Taliban.", "2018-03-23"), "AID")
    assert arming.attributed_to is not None and arming.attributed_to.name == "John W. Nicholson Jr."


def test_reference_corpus_events(coder, seeds_dir):
    """On ../shared/seeds: the drone strike, the refusal, the Moscow meeting, Russia-Pakistan, the allegation."""
    from eirene.corpus import read_inputs
    from eirene.records import Document

    documents = [item for item in read_inputs([seeds_dir]) if isinstance(item, Document)]
    assert len(documents) == 5
    events = [e for doc in documents for e in coder.code(doc).events]

    def having(event_type, actor=None, recipient=None):
        return [e for e in events if e.event_type == event_type
                and (actor is None or actor in {a.country for a in e.actors} | {a.actor_id for a in e.actors})
                and (recipient is None or recipient in {r.country for r in e.recipients} | {r.actor_id for r in e.recipients})]

    strikes = [e for e in having("ASSAULT", "USA") if e.mode == "drone"]
    assert strikes and any(e.location and e.location.country == "PAK" for e in strikes)
    assert having("REJECT", "taliban")
    assert [e for e in having("CONSULT") if e.factuality == "future"]
    assert having("CONSULT", "PAK", "RUS") or having("CONSULT", "RUS", "PAK")
    alleged = [e for e in having("AID", "RUS", "taliban") + having("SUPPORT", "RUS", "taliban")
               if e.factuality == "alleged" or e.attributed_to is not None]
    assert alleged


def test_conjoined_reported_deeds_share_the_speaker(coder):
    """"said X was funding and arming Y": the second verb is reported by the same speaker."""
    events = coder.code_text("John Nicholson said Russia was funding and arming the Taliban.", "2018-03-23")
    arming = find(events, "AID")
    assert arming.attributed_to is not None and arming.attributed_to.name == "John W. Nicholson Jr."
