"""SQL building blocks shared by dyads, the network, claims and profiles.

Why SQL: every aggregation runs inside the database through `store.query`, so an
analysis of millions of events never loads them into Python. Each function returns
(sql, params) with `?` placeholders, never user text pasted into SQL.
"""

from __future__ import annotations

from typing import Any

from eirene.errors import AnalysisError
from eirene.records import FACTUALITY_VALUES
from eirene.store.base import parse_bound

from eirene.analysis.nodes import NodeMapper

ASSERTED = "asserted"


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


def pairs_cte(mapper: NodeMapper, level: str, where: str, where_params: list[Any]) -> tuple[str, list[Any]]:
    """CTEs `ev` (the events kept) and `pairs` (event_id, src, dst: actor node -> recipient node).

    One row per event and ordered pair of distinct nodes; an event whose actor and
    recipient fall into the same node (a ministry and its own state) gives no pair.
    """
    node_a, pa = mapper.sql("a", level)
    node_r, pr = mapper.sql("r", level)
    sql = (
        "ev AS (SELECT e.id, e.date, e.event_type, e.quad_class, e.intensity, e.factuality "
        f"FROM events e WHERE {where}), "
        "pairs AS (SELECT DISTINCT ev.id AS event_id, "
        f"{node_a} AS src, {node_r} AS dst "
        "FROM ev JOIN event_actors a ON a.event_id = ev.id AND a.role = 'actor' "
        "JOIN event_actors r ON r.event_id = ev.id AND r.role = 'recipient') "
    )
    return sql, [*where_params, *pa, *pr]


def clean_pairs() -> str:
    """The condition that drops pairs with a missing node or a node paired with itself."""
    return "src IS NOT NULL AND dst IS NOT NULL AND src <> dst"


def in_list(column: str, values: list[str]) -> tuple[str, list[Any]]:
    """`column IN (?, ?, ...)` for a non-empty list of values."""
    return f"{column} IN ({', '.join('?' for _ in values)})", list(values)
