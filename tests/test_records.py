"""Records are the contract between stages: they must round-trip through JSON."""

from __future__ import annotations

import json

from eirene.records import ActorRef, Event, Location, content_hash


def make_event(**changes) -> Event:
    base = dict(
        id=Event.make_id("doc-1", 0, 10, 16, "ASSAULT", "killed"),
        doc_id="doc-1",
        sentence_index=0,
        start=0,
        end=60,
        text="A US drone killed the Taliban leader in Balochistan on Saturday.",
        trigger="killed",
        event_type="ASSAULT",
        actors=(ActorRef(text="US", name="United States", actor_id="USA", country="USA", sector=None, start=2, end=4),),
        recipients=(ActorRef(text="the Taliban leader", name="Taliban", actor_id="taliban", country="AFG", sector="REB", kind="armed_group"),),
        mode="drone",
        contexts=("military",),
        date="2016-05-21",
        date_precision="day",
        date_text="on Saturday",
        location=Location(name="Balochistan", country="PAK", precision="admin1"),
        attributed_to=ActorRef(text="officials", name="officials", sector="GOV"),
        intensity=-10.0,
        quad_class=4,
        cameo_root="19",
        confidence=0.9,
        method="rule:assault.kill",
    )
    base.update(changes)
    return Event(**base)


def test_event_round_trips_through_json():
    event = make_event()
    again = Event.from_dict(json.loads(json.dumps(event.to_dict())))
    assert again == event


def test_event_without_optional_parts_round_trips():
    event = make_event(location=None, attributed_to=None, recipients=(), contexts=())
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


def test_event_ids_are_stable_and_distinct():
    first = Event.make_id("a.txt", 3, 100, 106, "ASSAULT", "killed")
    assert first == Event.make_id("a.txt", 3, 100, 106, "ASSAULT", "killed")
    assert first != Event.make_id("b.txt", 3, 100, 106, "ASSAULT", "killed")
    assert first != Event.make_id("a.txt", 3, 100, 106, "COERCE", "killed")


def test_content_hash_changes_with_text():
    assert content_hash("Kabul, May 1") == content_hash("Kabul, May 1")
    assert content_hash("Kabul, May 1") != content_hash("Kabul, May 2")
