"""The dead do not act: an actor or claimant who had died before the event is not its actor.

Why a module of its own: names recur ("Shevardnadze" the father and the journalist) and
pronouns mislead, and the one fact that settles many such cases is a date of death in
the knowledge base. An event dated by its own sentence ("on 3 June 2016") after the
death of a person coded as its actor or claimant cannot be that person's: the person is
dropped from the event, and an event left with no actor is dropped. Only dates read from
the sentence count: a publication date standing in for an undated event says nothing of
when a past deed was done ("Mullah Omar founded the movement" in a 2016 story).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from eirene.dates import last_day, parse_iso
from eirene.records import ActorRef, Event


def _died_before(ref: ActorRef, event: Event, deaths: Mapping[str, str]) -> bool:
    """Whether the person had certainly died before the event's earliest possible day."""
    died = deaths.get(ref.actor_id or "") if ref.kind == "person" else None
    found = parse_iso(died) if died else None
    when = parse_iso(event.date) if event.date else None
    if found is None or when is None:
        return False
    latest_death = last_day(found[0], found[1])
    return latest_death < when[0]


def drop_the_dead(events: list[Event], deaths: Mapping[str, str]) -> list[Event]:
    """The events without actors and claimants who had died before the sentence's date."""
    if not deaths:
        return events
    out = []
    for event in events:
        if event.date_source != "sentence":
            out.append(event)
            continue
        actors = tuple(a for a in event.actors if not _died_before(a, event, deaths))
        if not actors:
            continue
        claimant = event.attributed_to
        if claimant is not None and _died_before(claimant, event, deaths):
            claimant = None
        out.append(replace(event, actors=actors, attributed_to=claimant) if (actors, claimant) != (
            event.actors, event.attributed_to) else event)
    return out
