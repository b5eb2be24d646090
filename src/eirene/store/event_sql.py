"""The SQL that selects and orders events: an EventFilter as a WHERE clause, deep pages.

Why apart from the store class: these are pure functions of a filter (or of per-date
counts), so they are read, tested and reused without a database connection.
"""

from __future__ import annotations

from typing import Any

from eirene.store.base import EventFilter, parse_bound

# the order of every event listing (`e` is the events table)
EVENT_ORDER = "e.date ASC NULLS LAST, e.doc_id, e.start, e.sentence_index, e.id"


def escape_like(text: str) -> str:
    """Make a user's text a literal ILIKE substring (no % or _ wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filter_sql(flt: EventFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over events `e`) and its parameters for one filter."""
    clauses: list[str] = []
    params: list[Any] = []
    for role, value in (("actor", flt.actor), ("recipient", flt.recipient)):
        if value is not None:
            clauses.append(
                "e.seq IN (SELECT a.event_seq FROM event_actors a WHERE a.role = ? AND "
                "(lower(a.name) = ? OR lower(a.actor_id) = ? OR lower(a.text) = ? OR lower(a.country) = ?))"
            )
            needle = value.strip().lower()
            params += [role, needle, needle, needle, needle]
    if flt.event_type is not None:
        clauses.append("e.event_type = ?")
        params.append(flt.event_type.upper())
    if flt.quad_class is not None:
        clauses.append("e.quad_class = ?")
        params.append(flt.quad_class)
    if flt.factuality is not None:
        clauses.append("e.factuality = ?")
        params.append(flt.factuality.lower())
    if flt.since is not None:
        clauses.append("e.date >= ?")
        params.append(parse_bound(flt.since, end=False))
    if flt.until is not None:
        clauses.append("e.date <= ?")
        params.append(parse_bound(flt.until, end=True))
    if flt.doc_id is not None:
        clauses.append("e.doc_id = ?")
        params.append(flt.doc_id)
    if flt.min_confidence:
        clauses.append("e.confidence >= ?")
        params.append(float(flt.min_confidence))
    if flt.method is not None:
        column = "e.method" if ":" in flt.method else "split_part(e.method, ':', 1)"
        clauses.append(f"{column} = ?")
        params.append(flt.method)
    if flt.dated is not None:
        clauses.append("e.date IS NOT NULL" if flt.dated else "e.date IS NULL")
    if flt.text is not None:
        # DuckDB matches a pattern without ESCAPE about twice as fast; it is needed
        # only when the text holds a wildcard or the escape character itself
        escape = " ESCAPE '\\'" if any(c in flt.text for c in "%_\\") else ""
        clauses.append(f"e.text ILIKE ?{escape}")
        params.append(f"%{escape_like(flt.text) if escape else flt.text}%")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def date_window(
    counts: list[tuple[Any, int]], where: str, params: list[Any], offset: int, limit: int
) -> tuple[str, list[Any], int] | None:
    """Narrow a deep page to the dates it covers, so the sort handles one page's worth of rows.

    Date is the first sort key, so counting the matches per date (`counts`: (date,
    matches) in EVENT_ORDER, undated last) tells which dates rows offset .. offset +
    limit fall on, and how many rows come before them.
    RETURNS: (where, params, offset) for the narrowed query, or None past the end.
    """
    skipped, first = 0, None
    for i, (_, n) in enumerate(counts):
        if skipped + n > offset:
            first = i
            break
        skipped += n
    if first is None:
        return None
    covered, last = skipped, first
    for last in range(first, len(counts)):
        covered += counts[last][1]
        if covered >= offset + limit:
            break
    low, high = counts[first][0], counts[last][0]
    if low is None:
        clause, extra = "e.date IS NULL", []
    elif high is None:  # NULLS LAST: undated events come after every date
        clause, extra = "(e.date >= ? OR e.date IS NULL)", [low]
    else:
        clause, extra = "e.date BETWEEN ? AND ?", [low, high]
    joined = f"{where} AND {clause}" if where else f" WHERE {clause}"
    return joined, [*params, *extra], offset - skipped
