"""Actor profiles: what one actor does and to whom, and how that changed year by year.

Why counterparts at country level: a profile of the Taliban reads best as "Pakistan,
Russia, the United States", not as a list of ministers; the actor itself is taken at
the level it was named at (a person stays a person).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eirene.actors.kb import Role
from eirene.analysis.nodes import Node, NodeMapper
from eirene.analysis.sql import CONFLICTUAL, COOPERATIVE, event_where
from eirene.store.base import Store


@dataclass(frozen=True)
class YearSummary:
    """One year of an actor's events: counts, and the counterparts it cooperated or clashed with most."""

    year: int
    events: int
    cooperation: int
    conflict: int
    partners: list[tuple[Node, int]] = field(default_factory=list)
    adversaries: list[tuple[Node, int]] = field(default_factory=list)


@dataclass(frozen=True)
class ActorProfile:
    """Everything the store says about one node.

    events_as_actor / events_as_recipient: events in which it acts, or is acted on.
    partners / adversaries: counterparts by number of cooperative (quad 1-2) or
        conflictual (quad 3-4) events with it, most first.
    by_year: year -> YearSummary (dated events only). roles: the knowledge base's dated
        roles of the actor that overlap the corpus period (empty for states).
    sides_with: the other members of its bloc in the whole-corpus network.
    """

    node: Node
    events_as_actor: int
    events_as_recipient: int
    partners: list[tuple[Node, int]]
    adversaries: list[tuple[Node, int]]
    by_year: dict[int, YearSummary]
    roles: list[Role]
    sides_with: list[Node] = field(default_factory=list)
    undated: int = 0


def build_profile(store: Store, mapper: NodeMapper, node: Node, *, level: str, factuality: str | None,
                  since: str | None, until: str | None, top: int = 5,
                  sides_with: list[Node] | None = None) -> ActorProfile:
    """The profile of `node` (matched at `level`), with counterparts at country level."""
    where, params = event_where(factuality, since, until)
    me, me_params = mapper.sql("a", level)
    roles_rows = store.query(
        f"WITH ev AS (SELECT e.seq FROM events e WHERE {where}) "
        "SELECT a.role, count(DISTINCT a.event_seq) AS n FROM ev JOIN event_actors a ON a.event_seq = ev.seq "
        f"WHERE {me} = ? GROUP BY a.role",
        [*params, *me_params, node.key],
    )
    by_role = {r["role"]: int(r["n"]) for r in roles_rows}
    mine, mine_params = mapper.sql("m", level)
    other, other_params = mapper.sql("o", "country")
    rows = store.query(
        f"WITH ev AS (SELECT e.seq, e.date, e.quad_class FROM events e WHERE {where}), "
        "mine AS (SELECT DISTINCT m.event_seq, m.role FROM ev JOIN event_actors m ON m.event_seq = ev.seq "
        f"WHERE m.role IN ('actor', 'recipient') AND {mine} = ?), "
        f"pair AS (SELECT DISTINCT mine.event_seq, {other} AS other FROM mine JOIN event_actors o "
        "ON o.event_seq = mine.event_seq AND o.role IN ('actor', 'recipient') AND o.role <> mine.role) "
        "SELECT year(ev.date) AS year, pair.other, "
        f"count(*) FILTER (WHERE {COOPERATIVE}) AS cooperation, "
        f"count(*) FILTER (WHERE {CONFLICTUAL}) AS conflict "
        "FROM pair JOIN ev ON ev.seq = pair.event_seq WHERE pair.other IS NOT NULL AND pair.other <> ? "
        "GROUP BY ALL",
        [*params, *mine_params, node.key, *other_params, node.key],
    )
    years = store.query(
        f"WITH ev AS (SELECT e.seq, e.date, e.quad_class FROM events e WHERE {where}) "
        "SELECT year(ev.date) AS year, count(DISTINCT ev.seq) AS events, "
        f"count(DISTINCT ev.seq) FILTER (WHERE {COOPERATIVE}) AS cooperation, "
        f"count(DISTINCT ev.seq) FILTER (WHERE {CONFLICTUAL}) AS conflict "
        "FROM ev JOIN event_actors a ON a.event_seq = ev.seq AND a.role IN ('actor', 'recipient') "
        f"WHERE {me} = ? GROUP BY ALL ORDER BY year NULLS LAST",
        [*params, *me_params, node.key],
    )
    by_year: dict[int, YearSummary] = {}
    undated = 0
    for y in years:
        if y["year"] is None:
            undated = int(y["events"])
            continue
        year_rows = [r for r in rows if r["year"] == y["year"]]
        by_year[int(y["year"])] = YearSummary(
            int(y["year"]), int(y["events"]), int(y["cooperation"]), int(y["conflict"]),
            _top(mapper, year_rows, "cooperation", top), _top(mapper, year_rows, "conflict", top),
        )
    return ActorProfile(
        node=node,
        events_as_actor=by_role.get("actor", 0),
        events_as_recipient=by_role.get("recipient", 0),
        partners=_top(mapper, rows, "cooperation", top),
        adversaries=_top(mapper, rows, "conflict", top),
        by_year=by_year,
        roles=held_roles(store, mapper, node),
        sides_with=list(sides_with or []),
        undated=undated,
    )


def _top(mapper: NodeMapper, rows: list[dict[str, Any]], column: str, top: int) -> list[tuple[Node, int]]:
    """The counterparts with the most events of one kind (ties by key), summed over rows."""
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["other"]] = totals.get(row["other"], 0) + int(row[column])
    ranked = sorted(((k, n) for k, n in totals.items() if n > 0), key=lambda kn: (-kn[1], kn[0]))
    return [(mapper.node(k), n) for k, n in ranked[:top]]


def held_roles(store: Store, mapper: NodeMapper, node: Node) -> list[Role]:
    """The node's knowledge-base roles that overlap the period of the stored events."""
    entry = mapper.kb.get(node.key)
    if entry is None or entry.kind == "state" or not entry.roles:
        return []
    span = store.query("SELECT min(date) AS first, max(date) AS last FROM events")[0]
    first: date | None = span["first"]
    last: date | None = span["last"]
    if first is None or last is None:
        return list(entry.roles)
    return [r for r in entry.roles if (r.start is None or r.start <= last) and (r.end is None or r.end >= first)]
