"""Claims: who says who did what, and what actors deny.

Why apart from the events: "the US says Russia arms the Taliban" is evidence about the
US's view as much as about Russia; an analyst weighs an allegation by its claimant.
A claim is an event that is alleged or attributed to a source, or an ACCUSE event
(its actor accuses its recipients). A denial is a negated event or a REJECT.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eirene.analysis.nodes import NodeMapper
from eirene.analysis.sql import event_where, in_list
from eirene.errors import AnalysisError
from eirene.records import ActorRef, Claim, Event
from eirene.store.base import Store
from eirene.vocab import PLOVER_TYPES, ClaimKind


def claim_of(event: Event) -> Claim:
    """The claim an event makes (call only for claim events)."""
    if event.event_type == "ACCUSE":
        claimants = event.actors
        return _claim(event, claimants, event.recipients, (), "accusation")
    claimants = (event.attributed_to,) if event.attributed_to else ()
    return _claim(event, claimants, event.actors, event.recipients, "allegation")


def denial_of(event: Event) -> Claim:
    """The denial an event records: the source it is attributed to, else its actors, deny it."""
    claimants = (event.attributed_to,) if event.attributed_to else event.actors
    return _claim(event, claimants, event.actors, event.recipients, "denial")


def _claim(event: Event, claimants: tuple[ActorRef, ...], accused: tuple[ActorRef, ...],
           recipients: tuple[ActorRef, ...], kind: ClaimKind) -> Claim:
    return Claim(
        event_id=event.id, doc_id=event.doc_id, claimant=claimants[0] if claimants else None,
        accused=accused, recipients=recipients, event_type=event.event_type, mode=event.mode,
        factuality=event.factuality, date=event.date, text=event.text, trigger=event.trigger,
        kind=kind, claimants=claimants,
    )


def claim_ids(store: Store, mapper: NodeMapper, *, about: Sequence[str] | None, by: Sequence[str] | None,
              event_type: str | None, denials: bool = False, level: str = "country",
              since: str | None = None, until: str | None = None, limit: int | None = None,
              offset: int = 0) -> list[str]:
    """Ids of the claim (or denial) events matching the filters, by date, document and position.

    about / by: node keys. For claims, `about` matches the accused or recipients and
    `by` the claimant; for denials, `by` matches the denier (actor or source) and
    `about` the recipients.
    """
    if denials:
        base = "(e.factuality = 'negated' OR e.event_type = 'REJECT')"
        about_roles = "x.role = 'recipient'"
        by_roles = "x.role IN ('actor', 'attributed')"
    else:
        base = ("(e.factuality = 'alleged' OR e.event_type = 'ACCUSE' OR EXISTS (SELECT 1 FROM event_actors t "
                "WHERE t.event_seq = e.seq AND t.role = 'attributed'))")
        about_roles = "(x.role = 'recipient' OR (x.role = 'actor' AND e.event_type <> 'ACCUSE'))"
        by_roles = ("((e.event_type = 'ACCUSE' AND x.role = 'actor') OR "
                    "(e.event_type <> 'ACCUSE' AND x.role = 'attributed'))")
    window, params = event_where(None, since, until)
    clauses = [base, window]
    if event_type is not None:
        if event_type.upper() not in PLOVER_TYPES:
            raise AnalysisError("E521", name="event_type", value=event_type,
                                reason="use a PLOVER type: " + " ".join(PLOVER_TYPES))
        clauses.append("e.event_type = ?")
        params.append(event_type.upper())
    for keys, roles in ((about, about_roles), (by, by_roles)):
        if keys is None:
            continue
        node, node_params = mapper.sql("x", level)
        member, member_params = in_list(node, list(keys))
        clauses.append(f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_seq = e.seq AND {roles} AND {member})")
        params += [*node_params, *member_params]
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise AnalysisError("E521", name=name, value=value, reason="use a whole number >= 0")
    page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
    page_params = [limit, offset] if limit is not None else [offset]
    rows: list[dict[str, Any]] = store.query(
        f"SELECT e.id FROM events e WHERE {' AND '.join(clauses)} "
        f"ORDER BY e.date NULLS LAST, e.doc_id, e.start, e.id{page}",
        [*params, *page_params],
    )
    return [r["id"] for r in rows]
