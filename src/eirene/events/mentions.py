"""One event per happening in a document: repeated mentions merge and keep every mention.

Why a module of its own: news tells one happening several times. The headline says it,
the lede says it again with the date, and a quote or a summary may say it a third time;
coded sentence by sentence, each telling is an event, and an analyst counting events
counts the happening two or three times. This module merges mentions that report the
same happening and keeps the evidence of each in the surviving event's `mentions`.

Two events report the same happening when they have the same type, the same parties on
each side, the same factuality and mode (or one says no mode), and nothing tells them apart: no two different
dates read from the text and no two places that cannot be one. A party is its country, and for
an armed group or a person of one also that sector ("US" in a headline is "US forces" in
the lede; "Taliban leader Mansour" is "the leader of the Taliban"); a party with no
country is its own entry, and one with neither tells nothing. A headline compresses, so a headline mention may leave out the
recipients its body mention names. The mention kept as the event is the first in the
body (the headline's only when the body has none), with the best date any mention gives.

    >>> merged = merge_repeated(events, headline_end=67)
    >>> merged[0].mentions
    ('69:240', '0:67')
"""

from __future__ import annotations

from dataclasses import replace

from eirene.dates import PRECISION_RANK
from eirene.records import ActorRef, Event, Location

# Dates that come from the text itself and can tell two happenings apart.
_TEXT_DATED = frozenset({"sentence", "happening", "death"})
# Sectors of a party that is not the state it belongs to: Taliban fighters are not Afghanistan.
NON_STATE_SECTORS = frozenset({"REB", "INS", "OPP", "CRM", "SEP"})


def headline_end(text: str, title: str | None = None) -> int:
    """The end of the headline at the top of `text`, or 0 when it has none.

    The headline is the title when the text starts with it, else a first line that
    stands alone (a blank line after it) and does not end as a sentence does.
    """
    if title and text.startswith(title.strip()):
        return len(title.strip())
    first, sep, _ = text.partition("\n\n")
    line = first.strip()
    if not sep or not line or "\n" in line or line[-1] in ".!?\"'\u201d":
        return 0
    return len(first)


def merge_repeated(events: list[Event] | tuple[Event, ...], headline_end: int = 0) -> list[Event]:
    """The events with every repeated mention of a happening merged into one event.

    events: one document's events, in document order.
    headline_end (int): the character offset where the headline ends (0: none); a
        headline mention is kept as the event only when no body mention reports it.
    RETURNS (list[Event]): in document order; each merged event lists all its mentions.
    """
    groups: list[list[Event]] = []
    for event in events:
        group = next((g for g in groups if all(_same_happening(event, other, headline_end) for other in g)), None)
        if group is None:
            groups.append([event])
        else:
            group.append(event)
    merged = [_merge(group, headline_end) for group in groups]
    return sorted(merged, key=lambda e: (e.start, e.trigger_start or 0))


def _party(ref: ActorRef) -> str | None:
    """Who a party is, for telling happenings apart; None for a party known by no country
    and no entry ("militants"), which tells nothing."""
    if ref.country is None:
        return ref.actor_id
    return f"{ref.country}/{ref.sector}" if ref.sector in NON_STATE_SECTORS else ref.country


def _parties(refs: tuple[ActorRef, ...]) -> frozenset[str]:
    return frozenset(party for party in map(_party, refs) if party is not None)


def _same_happening(a: Event, b: Event, headline_end: int = 0) -> bool:
    if (a.event_type, a.factuality) != (b.event_type, b.factuality):
        return False
    if a.mode is not None and b.mode is not None and a.mode != b.mode:
        return False  # a later mention may leave the mode unsaid ("the strike" after "a drone strike")
    if a.sentence_index == b.sentence_index and a.trigger_start == b.trigger_start:
        return False
    if not _parties(a.actors) or _parties(a.actors) != _parties(b.actors):
        return False  # an event without a known actor says too little to be recognised again
    recipients = _parties(a.recipients), _parties(b.recipients)
    headline = a.start < headline_end or b.start < headline_end
    if recipients[0] != recipients[1] and not (headline and not all(recipients)):
        return False
    if a.date_source in _TEXT_DATED and b.date_source in _TEXT_DATED and (a.date, a.date_precision) != (
            b.date, b.date_precision):
        return False
    return not _places_differ(a.location, b.location)


def _places_differ(a: Location | None, b: Location | None) -> bool:
    """Two places that cannot be one: other countries, or two places below the country level
    of other names ("Pakistan" and "Balochistan" can be one place, told more or less finely)."""
    if a is None or b is None:
        return False
    if a.country and b.country and a.country != b.country:
        return True
    return a.precision != "country" and b.precision != "country" and a.name != b.name


def _date_rank(event: Event) -> tuple[int, int]:
    """Dated by its text before dated by the publication, then finer first."""
    return (0 if event.date_source in _TEXT_DATED else 1,
            PRECISION_RANK.get(event.date_precision, len(PRECISION_RANK)))


def _merge(group: list[Event], headline_end: int) -> Event:
    if len(group) == 1:
        return group[0]
    ordered = sorted(group, key=lambda e: (e.start < headline_end, e.start, e.trigger_start or 0))
    kept = ordered[0]
    dated = min(ordered, key=_date_rank)
    spans = [f"{e.start}:{e.end}" for e in ordered]
    location = kept.location or next((e.location for e in ordered if e.location is not None), None)
    attributed_to = kept.attributed_to or next((e.attributed_to for e in ordered if e.attributed_to), None)
    recipients = kept.recipients or next((e.recipients for e in ordered if e.recipients), ())
    mode = kept.mode or next((e.mode for e in ordered if e.mode), None)
    return replace(kept, mentions=tuple(dict.fromkeys(spans)), location=location, attributed_to=attributed_to,
                   recipients=recipients, mode=mode, date=dated.date, date_precision=dated.date_precision,
                   date_text=dated.date_text, date_source=dated.date_source,
                   confidence=max(e.confidence for e in group))
