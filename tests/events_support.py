"""Small helpers shared by the sentence-level event tests."""

from __future__ import annotations


def find(events, event_type):
    """The first event of `event_type`, failing with what was found instead."""
    matches = [e for e in events if e.event_type == event_type]
    assert matches, f"no {event_type} among {[(e.event_type, e.trigger) for e in events]}"
    return matches[0]


def countries(refs):
    """The sorted country codes of some actor references (those without one left out)."""
    return sorted(r.country for r in refs if r.country)


def tiny_training_rows() -> tuple[list[tuple[str, str, float]], list[tuple[str, int, float]]]:
    """Twelve sentences of three clear kinds (attack, talks, aid) as PLOVER and pentaclass
    training rows: enough for a classifier to learn in a test."""
    attack = ["Rebels shelled the town", "Artillery shelled the village", "Militants attacked a police post", "Gunmen attacked the convoy"]
    talks = ["The envoys met for talks", "Leaders met for talks in Geneva", "Ministers held talks on trade", "Diplomats held talks overnight"]
    aid = ["The agency delivered food aid", "Donors delivered medical aid", "Charities sent food to refugees", "The army sent aid to flood victims"]
    plover = [(t, "ASSAULT", 1.0) for t in attack] + [(t, "CONSULT", 1.0) for t in talks] + [(t, "AID", 1.0) for t in aid]
    penta = [(t, 4, 1.0) for t in attack] + [(t, 1, 1.0) for t in talks] + [(t, 2, 1.0) for t in aid]
    return plover, penta
