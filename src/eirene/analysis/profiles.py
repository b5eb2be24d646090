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
from eirene.analysis.alignment import Position
from eirene.analysis.nodes import Node, NodeMapper
from eirene.analysis.rule import CountingRule
from eirene.analysis.sql import counted_ctes
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
    """Everything the store says about one node, counted under one rule.

    events_as_actor / events_as_recipient: happenings in which it acts, or is acted on.
    partners / adversaries: counterparts by number of cooperative (quad 1-2) or
        conflictual (quad 3-4) happenings with it, most first.
    by_year: year -> YearSummary (dated happenings only). roles: the knowledge base's
        dated roles of the actor that overlap the corpus period (empty for states).
    sides_with / opposes: the actors it has significant positive / negative ties with
        in the same window (alignment.position); torn: pairs it has positive ties with
        that oppose each other, left out of sides_with. bloc: its bloc id (-1: none).
    rule: the counting rule every count above follows.
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
    opposes: list[Node] = field(default_factory=list)
    torn: list[tuple[Node, Node]] = field(default_factory=list)
    bloc: int = -1
    events: int = 0
    rule: CountingRule = CountingRule()


def build_profile(store: Store, mapper: NodeMapper, node: Node, *, level: str, rule: CountingRule,
                  since: str | None, until: str | None, top: int = 5, position: Position | None = None,
                  bloc: int = -1) -> ActorProfile:
    """The profile of `node` (matched at `level`), with counterparts at country level."""
    mine_ctes, mine_params = counted_ctes(mapper, level, rule, since, until, keys=[node.key])
    roles_rows = store.query(
        f"WITH {mine_ctes} SELECT count(*) FILTER (WHERE list_contains(src, ?)) AS actor, "
        "count(*) FILTER (WHERE list_contains(dst, ?)) AS recipient, "
        "count(*) FILTER (WHERE list_contains(src, ?) OR list_contains(dst, ?)) AS events FROM hap",
        [*mine_params, node.key, node.key, node.key, node.key],
    )[0]
    years = store.query(
        f"WITH {mine_ctes} SELECT year(date) AS year, count(*) AS events, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict FROM hap "
        "WHERE list_contains(src, ?) OR list_contains(dst, ?) GROUP BY ALL ORDER BY year NULLS LAST",
        [*mine_params, node.key, node.key],
    )
    rows = _counterparts(store, mapper, node, level=level, rule=rule, since=since, until=until)
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
    place = position or Position((), (), ())
    return ActorProfile(
        node=node,
        events_as_actor=int(roles_rows["actor"]),
        events_as_recipient=int(roles_rows["recipient"]),
        partners=_top(mapper, rows, "cooperation", top),
        adversaries=_top(mapper, rows, "conflict", top),
        by_year=by_year,
        roles=held_roles(store, mapper, node),
        sides_with=[mapper.node(k) for k in place.sides_with],
        undated=undated,
        opposes=[mapper.node(k) for k in place.opposes],
        torn=[(mapper.node(a), mapper.node(b)) for a, b in place.torn],
        bloc=bloc,
        events=int(roles_rows["events"]),
        rule=rule,
    )


def _counterparts(store: Store, mapper: NodeMapper, node: Node, *, level: str, rule: CountingRule,
                  since: str | None, until: str | None) -> list[dict[str, Any]]:
    """Cooperative and conflictual happenings per year and counterpart (at country level).

    Counted on the country-level happenings that name the node's own events: the node is
    matched at `level` on the event's actor rows, its counterparts at country level.
    """
    ctes, params = counted_ctes(mapper, "country", rule, since, until, keys=[node.key])
    me, me_params = mapper.sql("m", level)
    rows = store.query(
        f"WITH {ctes}, mine AS (SELECT DISTINCT m.event_seq, m.role FROM event_actors m "
        f"WHERE m.role IN ('actor', 'recipient') AND {me} = ?), "
        "pair AS (SELECT DISTINCT ev.happening, x.node AS other FROM ev JOIN mine ON mine.event_seq = ev.seq "
        "CROSS JOIN unnest(CASE WHEN mine.role = 'actor' THEN ev.dst ELSE ev.src END) AS x(node)) "
        "SELECT year(hap.date) AS year, pair.other, "
        "count(*) FILTER (WHERE hap.quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE hap.quad_class IN (3, 4)) AS conflict "
        "FROM pair JOIN hap ON hap.happening = pair.happening WHERE pair.other <> ? GROUP BY ALL",
        [*params, *me_params, node.key, node.key],
    )
    return rows


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
