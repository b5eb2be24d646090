"""SQL building blocks shared by dyads, the network, claims and profiles.

Why SQL: every aggregation runs inside the database through `store.query`, so an
analysis of millions of events never loads them into Python. Each function returns
(sql, params) with `?` placeholders, never user text pasted into SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eirene.dates import parse_bound
from eirene.errors import AnalysisError
from eirene.vocab import CONFLICT_QUADS, COOPERATION_QUADS, FACTUALITY_VALUES

from eirene.analysis.nodes import NodeMapper
from eirene.analysis.rule import STORY_KEY, CountingRule, happening_key_sql

ASSERTED = "asserted"
# conditions on the events CTE `ev` (see ev_cte): a cooperative or a conflictual event
COOPERATIVE = f"ev.quad_class IN ({', '.join(str(q) for q in COOPERATION_QUADS)})"
CONFLICTUAL = f"ev.quad_class IN ({', '.join(str(q) for q in CONFLICT_QUADS)})"


def check_factuality(factuality: str | None) -> str | None:
    """RAISES (AnalysisError E521): not one of the factuality values (None means all)."""
    if factuality is None:
        return None
    value = factuality.lower()
    if value not in FACTUALITY_VALUES:
        raise AnalysisError("E521", name="factuality", value=factuality,
                            reason="use one of " + ", ".join(FACTUALITY_VALUES) + ", or None for all")
    return value


def event_where(factuality: str | None, since: str | None, until: str | None,
                alias: str = "e") -> tuple[str, list[Any]]:
    """The WHERE conditions on events `alias` for a factuality and a date window ("TRUE" if none).

    A window excludes undated events: they cannot be placed inside it.
    """
    clauses: list[str] = []
    params: list[Any] = []
    value = check_factuality(factuality)
    if value is not None:
        clauses.append(f"{alias}.factuality = ?")
        params.append(value)
    for name, bound, op in (("since", since, ">="), ("until", until, "<=")):
        if bound is None:
            continue
        try:
            day = parse_bound(str(bound), end=name == "until")
        except ValueError as exc:
            raise AnalysisError("E521", name=name, value=bound, reason=str(exc)) from exc
        clauses.append(f"{alias}.date {op} ?")
        params.append(day)
    return (" AND ".join(clauses) or "TRUE"), params


def events_cte(where: str) -> str:
    """CTE `ev`: the kept events with the columns every aggregation reads.

    `seq` is the key the aggregations join on: an integer joins about twice as fast as
    the VARCHAR id over the hundreds of thousands of rows a frequent actor brings.
    """
    return f"ev AS (SELECT e.seq, e.date, e.event_type, e.quad_class, e.intensity, e.factuality FROM events e WHERE {where})"


def pairs_cte(mapper: NodeMapper, level: str, where: str, where_params: list[Any]) -> tuple[str, list[Any]]:
    """CTEs `ev` (the events kept) and `pairs` (event_seq, src, dst: actor node -> recipient node).

    One row per event and ordered pair of distinct nodes; an event whose actor and
    recipient fall into the same node (a ministry and its own state) gives no pair.
    """
    node_a, pa = mapper.sql("a", level)
    node_r, pr = mapper.sql("r", level)
    sql = (
        f"{events_cte(where)}, "
        "pairs AS (SELECT DISTINCT ev.seq AS event_seq, "
        f"{node_a} AS src, {node_r} AS dst "
        "FROM ev JOIN event_actors a ON a.event_seq = ev.seq AND a.role = 'actor' "
        "JOIN event_actors r ON r.event_seq = ev.seq AND r.role = 'recipient') "
    )
    return sql, [*where_params, *pa, *pr]


def near_pairs_cte(mapper: NodeMapper, level: str, keys: Sequence[str], where: str,
                   where_params: list[Any]) -> tuple[str, list[Any]]:
    """CTEs `ev` and `pairs` like `pairs_cte`, built only from actor rows that can map to `keys`.

    Why: mapping every actor row of the database to its node is what makes a dyad slow
    on millions of events. A row's node is always its country, its actor_id or (a group
    leader) its group, so rows whose country and actor_id are none of those cannot be
    on either side: the pairs start from the few rows left, and the events are joined last.
    """
    node, node_params = mapper.sql("x", level)
    people = sorted(pid for pid, org in mapper.person_orgs.items() if org in set(keys))
    ids = [*keys, *people]
    sql = (
        f"{events_cte(where)}, "
        f"near AS (SELECT x.event_seq, x.role, {node} AS node FROM event_actors x "
        f"WHERE x.role IN ('actor', 'recipient') AND (x.country IN ({', '.join('?' for _ in keys)}) "
        f"OR x.actor_id IN ({', '.join('?' for _ in ids)}))), "
        "pairs AS (SELECT DISTINCT s.event_seq, s.node AS src, d.node AS dst FROM near s "
        "JOIN near d ON d.event_seq = s.event_seq AND s.role = 'actor' AND d.role = 'recipient') "
    )
    return sql, [*where_params, *node_params, *keys, *ids]


def clean_pairs() -> str:
    """The condition that drops pairs with a missing node or a node paired with itself."""
    return "src IS NOT NULL AND dst IS NOT NULL AND src <> dst"


def in_list(column: str, values: list[str]) -> tuple[str, list[Any]]:
    """`column IN (?, ?, ...)` for a non-empty list of values."""
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)


def window_where(since: str | None, until: str | None, alias: str = "e") -> tuple[str, list[Any]]:
    """The date-window conditions alone (events of every factuality)."""
    return event_where(None, since, until, alias)


def counted_ctes(mapper: NodeMapper, level: str, rule: CountingRule, since: str | None, until: str | None,
                 keys: Sequence[str] | None = None) -> tuple[str, list[Any]]:
    """CTEs over the events that count under `rule` in the window, merged into happenings.

    ev0   (seq, doc_id, story, date, date_precision, event_type, quad_class, intensity,
           confidence): the events the rule and the window keep.
    nodes (event_seq, role, node): their actor and recipient nodes at `level`.
    ev    ev0's columns plus src and dst (sorted node lists) and happening (its key): the
          events that take part in the actor system (one node at least; self-directed
          ones dropped when the rule says so).
    hap   (happening, date, date_precision, event_type, quad_class, intensity, confidence,
           mentions, src, dst, first_seq): one row per happening; a merged
          happening takes the earliest date and the values of its surest mention.
    keys: when given, only events with an actor row that can map to one of these nodes
        are read (what makes a dyad of two actors fast on millions of events).
    """
    rule_sql, rule_params = rule.where("e")
    window_sql, window_params = window_where(since, until)
    where = f"{rule_sql} AND {window_sql}"
    params: list[Any] = [*rule_params, *window_params]
    if keys is not None:
        people = sorted(pid for pid, org in mapper.person_orgs.items() if org in set(keys))
        ids = [*keys, *people]
        where += (" AND e.seq IN (SELECT x.event_seq FROM event_actors x WHERE x.role IN ('actor', 'recipient') "
                  f"AND (x.country IN ({', '.join('?' for _ in keys)}) OR x.actor_id IN ({', '.join('?' for _ in ids)})))")
        params += [*keys, *ids]
    node, node_params = mapper.sql("a", level)
    loops = "NOT (len(src) = 1 AND src = dst)" if rule.drop_self_loops else "TRUE"
    sql = (
        "ev0 AS (SELECT e.seq, e.doc_id, " + STORY_KEY + " AS story, e.date, e.date_precision, e.event_type, "
        f"e.quad_class, e.intensity, coalesce(e.confidence, 0) AS confidence "
        f"FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE {where}), "
        f"nodes AS (SELECT DISTINCT a.event_seq, a.role, {node} AS node FROM ev0 JOIN event_actors a "
        "ON a.event_seq = ev0.seq AND a.role IN ('actor', 'recipient')), "
        "sets AS (SELECT event_seq, "
        "coalesce(list_sort(list(node) FILTER (WHERE role = 'actor')), []::VARCHAR[]) AS src, "
        "coalesce(list_sort(list(node) FILTER (WHERE role = 'recipient')), []::VARCHAR[]) AS dst "
        "FROM nodes WHERE node IS NOT NULL GROUP BY event_seq), "
        f"ev AS (SELECT ev0.*, sets.src, sets.dst, {happening_key_sql(rule.merge_duplicates)} AS happening "
        f"FROM ev0 JOIN sets ON sets.event_seq = ev0.seq WHERE {loops}), "
        "hap AS (SELECT happening, min(date) AS date, arg_max(date_precision, confidence) AS date_precision, "
        "any_value(event_type) AS event_type, arg_max(quad_class, confidence) AS quad_class, "
        "arg_max(intensity, confidence) AS intensity, max(confidence) AS confidence, count(*) AS mentions, "
        "any_value(src) AS src, any_value(dst) AS dst, min(seq) AS first_seq "
        "FROM ev GROUP BY happening)"
    )
    return sql, [*params, *node_params]


def hap_pairs_cte() -> str:
    """CTE `hpairs` (happening, src, dst): each happening's actor -> recipient node pairs
    of two different nodes (needs counted_ctes before it)."""
    return ("hpairs AS (SELECT DISTINCT h.happening, s.node AS src, d.node AS dst FROM hap h "
            "CROSS JOIN unnest(h.src) AS s(node) CROSS JOIN unnest(h.dst) AS d(node) WHERE s.node <> d.node)")
