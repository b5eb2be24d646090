"""The dead do not act: a person who died before the sentence's date is not its actor or claimant.

Every sentence here is written for these tests; the deaths are the knowledge base's
(Mullah Omar died in April 2013).
"""

from __future__ import annotations

from eirene.events.living import drop_the_dead
from eirene.records import ActorRef, Event

OMAR = ActorRef(text="Mullah Omar", name="Mullah Mohammad Omar", actor_id="omar", country="AFG", sector="REB",
                kind="person", start=0, end=11, how="alias")
KABUL = ActorRef(text="Kabul", name="Afghanistan", actor_id="AFG", country="AFG", sector="GOV", kind="state",
                 start=20, end=25, how="metonymy")
DEATHS = {"omar": "2013-04"}


def _event(date: str, source: str, actors=(OMAR,), claimant=None) -> Event:
    return Event(id="e", doc_id="d", sentence_index=0, start=0, end=40, text="...", trigger="rejected",
                 event_type="REJECT", actors=actors, recipients=(KABUL,), date=date, date_precision="day",
                 date_source=source, attributed_to=claimant)


def test_a_deed_dated_after_the_death_loses_the_dead_actor():
    assert drop_the_dead([_event("2015-06-01", "sentence")], DEATHS) == []
    kept = drop_the_dead([_event("2015-06-01", "sentence", actors=(OMAR, KABUL))], DEATHS)
    assert [a.name for a in kept[0].actors] == ["Afghanistan"]


def test_a_deed_in_the_month_of_death_or_before_is_kept():
    assert len(drop_the_dead([_event("2013-04-02", "sentence")], DEATHS)) == 1
    assert len(drop_the_dead([_event("2001-10-07", "sentence")], DEATHS)) == 1


def test_a_publication_date_standing_in_says_nothing():
    assert len(drop_the_dead([_event("2016-06-01", "document")], DEATHS)) == 1


def test_a_dead_claimant_is_dropped():
    (event,) = drop_the_dead([_event("2015-06-01", "sentence", actors=(KABUL,), claimant=OMAR)], DEATHS)
    assert event.attributed_to is None


def test_in_the_coder(coder):
    events = coder.code_text("Mullah Omar rejected talks with Kabul on 3 June 2015.", date="2015-06-05")
    assert not any(a.actor_id and "omar" in a.actor_id for e in events for a in e.actors)
    events = coder.code_text("Mullah Omar rejected talks with Kabul in June 2010.", date="2015-06-05")
    assert any(a.name == "Mullah Mohammad Omar" for e in events for a in e.actors)
