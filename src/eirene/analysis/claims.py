"""Claims: who says who did what, and what actors deny.

Why apart from the events: "the US says Russia arms the Taliban" is evidence about the
US's view as much as about Russia; an analyst weighs an allegation by its claimant.
A claim is an event that is alleged or attributed to a source, or an ACCUSE event
(its actor accuses its recipients). A denial is a negated event or a REJECT. What is
not a claim:

- an actor reporting its own act ("Russia said it shared intelligence"): the source
  is the actor, so it is a statement, not a claim about another;
- an accusation of oneself ("Russia accused Russia", a coding slip) when the counting
  rule drops self-directed events;
- for denials, a non-answer ("declined to comment"; the phrases live in
  eirene/data/analysis/claims.yaml).

A claimant must be someone: a source with neither a knowledge-base id nor a country
("a man", "people") or a person who had died before the claim's date is no claimant;
the claim is kept as unattributed, with a `note` saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from eirene.actors.kb import KnowledgeBase
from eirene.analysis.nodes import NodeMapper
from eirene.analysis.rule import CountingRule
from eirene.analysis.sql import event_where, in_list
from eirene.errors import AnalysisError
from eirene.knowledge_files import load_knowledge_file
from eirene.records import ActorRef, Claim, Event
from eirene.store.base import Store
from eirene.vocab import PLOVER_TYPES, ClaimKind

CLAIMS_FILE = Path(__file__).resolve().parent.parent / "data" / "analysis" / "claims.yaml"


@lru_cache(maxsize=2)
def non_denials(path: Path = CLAIMS_FILE) -> tuple[str, ...]:
    """The non-answer phrases of claims.yaml (cached). RAISES (AnalysisError E529)."""
    try:
        data = load_knowledge_file(path, code="E529", error=AnalysisError) or {}
        return tuple(str(p).strip().lower() for p in data["non_denials"] if str(p).strip())
    except (KeyError, TypeError) as exc:
        raise AnalysisError("E529", path=str(path), reason=str(exc).splitlines()[0]) from exc


def claim_of(event: Event, mapper: NodeMapper | None = None, kb: KnowledgeBase | None = None) -> Claim:
    """The claim an event makes (call only for claim events); with a mapper and a
    knowledge base, a claimant who is no one, or was dead by then, is dropped (see `note`)."""
    if event.event_type == "ACCUSE":
        claimants = event.actors
        claim = _claim(event, claimants, event.recipients, (), "accusation")
    else:
        claimants = (event.attributed_to,) if event.attributed_to else ()
        claim = _claim(event, claimants, event.actors, event.recipients, "allegation")
    if mapper is None:
        return claim
    kept = tuple(c for c in claim.claimants if _why_not_claimant(c, event.date, mapper, kb) is None)
    if len(kept) == len(claim.claimants):
        return claim
    notes = [why for c in claim.claimants if (why := _why_not_claimant(c, event.date, mapper, kb))]
    return replace(claim, claimants=kept, claimant=kept[0] if kept else None, note="; ".join(notes))


def _why_not_claimant(ref: ActorRef, date: str | None, mapper: NodeMapper, kb: KnowledgeBase | None) -> str | None:
    """Why `ref` cannot have made a claim dated `date`, or None when it can."""
    if mapper.node_of(ref) is None:
        return f"the source '{ref.text}' names no known actor"
    entry = kb.get(ref.actor_id) if kb is not None and ref.actor_id else None
    died = getattr(entry, "died", None) if entry is not None else None
    if died and date and str(died) < date[: len(str(died))]:
        return f"{ref.name} died on {died}, before the claim's date {date}"
    return None


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
              offset: int = 0, rule: CountingRule = CountingRule()) -> list[str]:
    """Ids of the claim (or denial) events matching the filters, by date, document and position.

    about / by: node keys. For claims, `about` matches the accused or recipients and
    `by` the claimant; for denials, `by` matches the denier (actor or source) and
    `about` the recipients. rule: its methods and minimum confidence apply (not its
    factualities: a claim's factuality is what makes it one).
    """
    where, params = _claim_where(mapper, about=about, by=by, event_type=event_type, denials=denials, level=level,
                                 since=since, until=until, rule=rule)
    for name, value in (("limit", limit), ("offset", offset)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise AnalysisError("E521", name=name, value=value, reason="use a whole number >= 0")
    page = " LIMIT ? OFFSET ?" if limit is not None else " OFFSET ?"
    page_params = [limit, offset] if limit is not None else [offset]
    rows: list[dict[str, Any]] = store.query(
        f"SELECT e.id FROM events e WHERE {where} ORDER BY e.date NULLS LAST, e.doc_id, e.start, e.id{page}",
        [*params, *page_params],
    )
    return [r["id"] for r in rows]


def claim_count(store: Store, mapper: NodeMapper, *, about: Sequence[str] | None, by: Sequence[str] | None,
                event_type: str | None, denials: bool = False, level: str = "country", since: str | None = None,
                until: str | None = None, rule: CountingRule = CountingRule()) -> int:
    """How many claims (or denials) `claim_ids` would list without a limit."""
    where, params = _claim_where(mapper, about=about, by=by, event_type=event_type, denials=denials, level=level,
                                 since=since, until=until, rule=rule)
    return int(store.query(f"SELECT count(*) AS n FROM events e WHERE {where}", params)[0]["n"])


def _claim_where(mapper: NodeMapper, *, about: Sequence[str] | None, by: Sequence[str] | None,
                 event_type: str | None, denials: bool, level: str, since: str | None, until: str | None,
                 rule: CountingRule) -> tuple[str, list[Any]]:
    """The WHERE clause over events `e` that picks the claims (or denials) asked for."""
    node_a, pa = mapper.sql("a", level)
    node_b, pb = mapper.sql("b", level)
    same_node = (f"SELECT 1 FROM event_actors a JOIN event_actors b ON b.event_seq = a.event_seq "
                 f"WHERE a.event_seq = e.seq AND {node_a} = {node_b}")
    if denials:
        phrases = non_denials()
        base = "(e.factuality = 'negated' OR e.event_type = 'REJECT')"
        if phrases:
            base += " AND NOT (" + " OR ".join(
                "coalesce(strpos(lower(e.text), ?) > 0 AND strpos(?, lower(e.trigger)) > 0, false)" for _ in phrases) + ")"
        base_params: list[Any] = [v for p in phrases for v in (p, p)]
        about_roles = "x.role = 'recipient'"
        by_roles = "x.role IN ('actor', 'attributed')"
    else:
        base = ("(e.factuality = 'alleged' OR e.event_type = 'ACCUSE' OR EXISTS (SELECT 1 FROM event_actors t "
                "WHERE t.event_seq = e.seq AND t.role = 'attributed'))"
                # an actor reporting its own act is not a claim about another
                f" AND NOT (e.event_type <> 'ACCUSE' AND EXISTS ({same_node} AND a.role = 'attributed' "
                "AND b.role = 'actor'))")
        base_params = [*pa, *pb]
        if rule.drop_self_loops:  # "Russia accused Russia": no claim about another
            base += (f" AND NOT (e.event_type = 'ACCUSE' AND NOT EXISTS (SELECT 1 FROM event_actors a JOIN "
                     f"event_actors b ON b.event_seq = a.event_seq WHERE a.event_seq = e.seq AND a.role = 'actor' "
                     f"AND b.role = 'recipient' AND {node_a} IS DISTINCT FROM {node_b}))")
            base_params += [*pa, *pb]
        about_roles = "(x.role = 'recipient' OR (x.role = 'actor' AND e.event_type <> 'ACCUSE'))"
        by_roles = ("((e.event_type = 'ACCUSE' AND x.role = 'actor') OR "
                    "(e.event_type <> 'ACCUSE' AND x.role = 'attributed'))")
    window, window_params = event_where(None, since, until)
    rule_sql, rule_params = CountingRule(factualities=(), methods=rule.methods,
                                         min_confidence=rule.min_confidence).where("e")
    clauses = [base, window, rule_sql]
    params = [*base_params, *window_params, *rule_params]
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
    return " AND ".join(clauses), params


UNATTRIBUTED = "(unattributed)"


@dataclass(frozen=True)
class ClaimGroup:
    """Claims that say the same thing: one claimant, the same accused, type and factuality.

    claimant: the claimant's name, or "(unattributed)" for claims no one is named as
    making (rumours, "it is said"), which are grouped together as such.
    """

    claimant: str
    accused: str
    about: str
    event_type: str
    factuality: str
    kind: str
    count: int
    first_date: str | None
    event_ids: tuple[str, ...]


def group_claims(claims: Sequence[Claim]) -> list[ClaimGroup]:
    """Claims grouped by who claims what of whom; most repeated first, unattributed after named."""
    groups: dict[tuple[str, str, str, str, str, str], list[Claim]] = {}
    for claim in claims:
        key = (
            "; ".join(dict.fromkeys(r.name for r in claim.claimants)) or UNATTRIBUTED,
            ", ".join(dict.fromkeys(r.name for r in claim.accused)) or "(unnamed)",
            ", ".join(dict.fromkeys(r.name for r in claim.recipients)),
            claim.event_type, claim.factuality, claim.kind,
        )
        groups.setdefault(key, []).append(claim)
    found = [ClaimGroup(*key, count=len(items), first_date=min((c.date for c in items if c.date), default=None),
                        event_ids=tuple(c.event_id for c in items)) for key, items in groups.items()]
    return sorted(found, key=lambda g: (g.claimant == UNATTRIBUTED, -g.count, g.first_date or "9999", g.claimant,
                                        g.accused, g.event_type))
