"""What `Store.stats` returns: a database's summary counts, as typed records.

Why records rather than a dict of tuples: the terminal summary, the web overview and
its JSON twin (/api/stats, whose schema is built from these classes) all read the same
numbers, by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from eirene.records import described


@dataclass(frozen=True)
class ActorCount:
    """An actor (by canonical name) and the events it takes part in as actor or recipient."""

    name: str = described("the actor's canonical name")
    events: int = described("events naming it as actor or recipient")


@dataclass(frozen=True)
class DyadCount:
    """An actor -> recipient pair of two different actors and its events."""

    actor: str = described("the acting actor's canonical name")
    recipient: str = described("the recipient's canonical name")
    events: int = described("events with this actor and this recipient")


@dataclass(frozen=True)
class DateRange:
    """The first and last event date (null when no event has a date)."""

    first: str | None = described('the earliest event date, "YYYY-MM-DD"')
    last: str | None = described('the latest event date, "YYYY-MM-DD"')


@dataclass(frozen=True)
class StoreStats:
    """A database at a glance: documents, events by type, the busiest actors and dyads."""

    documents: int = described("documents stored")
    events: int = described("events stored")
    events_by_type: dict[str, int] = described("events by PLOVER type, most first")
    top_actors: tuple[ActorCount, ...] = described("the actors in most events, most first")
    top_dyads: tuple[DyadCount, ...] = described("the actor -> recipient pairs with most events, most first")
    errors: int = described("input items that could not be read or coded (all runs)")
    runs: int = described("coding runs")
    date_range: DateRange = described("the first and last event date")
