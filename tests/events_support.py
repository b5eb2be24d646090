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
