"""Dyads: how two actors (or two groups of actors) treat each other, period by period.

Why a zero-filled, contiguous series: an analyst plots or differences it, and a
month with no event is information (nothing happened), not a missing row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from eirene.analysis.nodes import NodeMapper
from eirene.analysis.rule import CountingRule
from eirene.analysis.sql import counted_ctes, hap_pairs_cte, in_list
from eirene.errors import AnalysisError
from eirene.vocab import CONFLICT_QUADS, COOPERATION_QUADS, PLOVER_TYPES, QUAD_CLASSES
from eirene.store.base import Store

# freq the user passes -> (DuckDB date_trunc unit, pandas date_range frequency)
FREQS: dict[str, tuple[str, str]] = {
    "D": ("day", "D"),
    "W": ("week", "W-MON"),
    "M": ("month", "MS"),
    "Q": ("quarter", "QS"),
    "Y": ("year", "YS"),
}
QUADS: tuple[str, ...] = tuple(f"quad_{q}" for q in QUAD_CLASSES)
COLUMNS: tuple[str, ...] = (
    "events", *PLOVER_TYPES, *QUADS, "intensity_sum", "intensity_mean", "cooperation", "conflict", "balance",
)


@dataclass(frozen=True)
class DyadSeries:
    """How two actors (or groups) treated each other, period by period, and what was asked.

    a / b (tuple[str, ...]): the node keys of each side ("RUS",), ("USA", "IND").
    freq, directed, level, factuality, since, until: the query, as given.
    undated (int): matching happenings with no date, which no period can hold.
    rule (CountingRule): what counted; `events` are happenings under it (reports of one
        happening merged), `mentions` how many stored events they rest on.
    totals (dict): events, cooperation, conflict and balance over every happening,
        undated ones included: the numbers the network and the profiles show.
    frame (pandas.DataFrame): index "period" (period starts, contiguous, zero-filled),
        columns COLUMNS: events, one per PLOVER type and quad class, intensity_sum,
        intensity_mean, cooperation, conflict and balance. Two series compare equal
        when their query and undated count match; compare frames with pandas.
    """

    a: tuple[str, ...]
    b: tuple[str, ...]
    freq: str
    directed: bool
    level: str
    factuality: str | None
    since: str | None
    until: str | None
    undated: int
    frame: pd.DataFrame = field(compare=False, repr=False)
    rule: CountingRule = CountingRule()
    mentions: int = 0
    totals: dict[str, int] = field(default_factory=dict, compare=False)


def check_freq(freq: str) -> tuple[str, str]:
    """RAISES (AnalysisError E521): an unknown window."""
    key = freq.upper()
    if key == "A":
        key = "Y"
    if key not in FREQS:
        raise AnalysisError("E521", name="freq", value=freq,
                            reason="use D (day), W (week), M (month), Q (quarter) or Y (year)")
    return FREQS[key]


def dyad_series(store: Store, mapper: NodeMapper, a_keys: Sequence[str], b_keys: Sequence[str], *,
                freq: str = "M", directed: bool = False, level: str = "country",
                rule: CountingRule = CountingRule(), since: str | None = None,
                until: str | None = None) -> DyadSeries:
    """The period-by-period series of happenings between node groups `a_keys` and `b_keys`.

    directed (bool): count a -> b only (a's members as actors, b's as recipients);
        otherwise happenings either way, each once.
    rule (CountingRule): which events count, and whether reports of one happening merge.
    RETURNS (DyadSeries): the zero-filled frame with the query and the undated count.
    """
    unit, pandas_freq = check_freq(freq)
    ctes, cte_params = counted_ctes(mapper, level, rule, since, until, keys=[*a_keys, *b_keys])
    match, match_params = dyad_match(a_keys, b_keys, directed)
    type_cols = ", ".join(f"count(*) FILTER (WHERE hap.event_type = '{t}') AS \"{t}\"" for t in PLOVER_TYPES)
    quad_cols = ", ".join(f"count(*) FILTER (WHERE hap.quad_class = {q}) AS quad_{q}" for q in QUAD_CLASSES)
    sql = (
        f"WITH {ctes}, {hap_pairs_cte()}, hit AS (SELECT DISTINCT happening FROM hpairs WHERE {match}) "
        f"SELECT date_trunc('{unit}', hap.date) AS period, count(*) AS events, {type_cols}, {quad_cols}, "
        "coalesce(sum(hap.intensity), 0) AS intensity_sum, sum(hap.mentions) AS mentions "
        "FROM hit JOIN hap ON hap.happening = hit.happening GROUP BY ALL ORDER BY period NULLS LAST"
    )
    rows = store.query(sql, [*cte_params, *match_params])
    return DyadSeries(
        a=tuple(a_keys), b=tuple(b_keys), freq=freq, directed=directed, level=level, factuality=rule.factuality,
        since=since, until=until, undated=int(sum(r["events"] for r in rows if r["period"] is None)),
        frame=_frame([{k: v for k, v in r.items() if k != "mentions"} for r in rows if r["period"] is not None],
                     pandas_freq),
        rule=rule, mentions=int(sum(int(r["mentions"] or 0) for r in rows)), totals=_totals(rows),
    )


def _totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    """The dyad's totals over every happening, dated or not: what the network shows for the pair."""
    cooperation = int(sum(r[f"quad_{q}"] for r in rows for q in COOPERATION_QUADS))
    conflict = int(sum(r[f"quad_{q}"] for r in rows for q in CONFLICT_QUADS))
    return {"events": int(sum(r["events"] for r in rows)), "cooperation": cooperation, "conflict": conflict,
            "balance": cooperation - conflict}


def dyad_match(a_keys: Sequence[str], b_keys: Sequence[str], directed: bool) -> tuple[str, list[Any]]:
    """The condition on `hpairs` rows (src, dst) that puts a pair in the dyad a -> b (or either way)."""
    a_src, pa_src = in_list("src", list(a_keys))
    b_dst, pb_dst = in_list("dst", list(b_keys))
    match, params = f"({a_src} AND {b_dst})", [*pa_src, *pb_dst]
    if not directed:
        b_src, pb_src = in_list("src", list(b_keys))
        a_dst, pa_dst = in_list("dst", list(a_keys))
        match = f"({match} OR ({b_src} AND {a_dst}))"
        params += [*pb_src, *pa_dst]
    return match, params


def dyad_mentions(store: Store, mapper: NodeMapper, a_keys: Sequence[str], b_keys: Sequence[str], *,
                  directed: bool = False, level: str = "country", rule: CountingRule = CountingRule(),
                  since: str | None = None, until: str | None = None) -> list[tuple[str, str]]:
    """(event id, happening key) of every event the dyad counts, by date: the list behind its numbers.

    Events sharing a happening key are mentions of one happening: the dyad counted them once.
    """
    ctes, cte_params = counted_ctes(mapper, level, rule, since, until, keys=[*a_keys, *b_keys])
    match, match_params = dyad_match(a_keys, b_keys, directed)
    rows = store.query(
        f"WITH {ctes}, {hap_pairs_cte()}, hit AS (SELECT DISTINCT happening FROM hpairs WHERE {match}) "
        "SELECT e.id, ev.happening FROM ev JOIN hit ON hit.happening = ev.happening JOIN events e ON e.seq = ev.seq "
        "ORDER BY e.date NULLS LAST, e.doc_id, e.start, e.id",
        [*cte_params, *match_params],
    )
    return [(r["id"], r["happening"]) for r in rows]


def _frame(rows: list[dict[str, Any]], pandas_freq: str) -> pd.DataFrame:
    """Zero-fill the SQL rows into a contiguous series and add the derived columns."""
    if rows:
        data = pd.DataFrame(rows)
        data["period"] = pd.to_datetime(data["period"])
        data = data.set_index("period")
        index = pd.date_range(data.index.min(), data.index.max(), freq=pandas_freq, name="period")
        data = data.reindex(index, fill_value=0)
    else:
        data = pd.DataFrame(columns=["events", *PLOVER_TYPES, *QUADS, "intensity_sum"],
                            index=pd.DatetimeIndex([], name="period"))
    counts = ["events", *PLOVER_TYPES, *QUADS]
    data[counts] = data[counts].astype("int64")
    data["intensity_sum"] = data["intensity_sum"].astype("float64")
    data["intensity_mean"] = (data["intensity_sum"] / data["events"].where(data["events"] > 0)).fillna(0.0)
    data["cooperation"] = sum(data[f"quad_{q}"] for q in COOPERATION_QUADS)
    data["conflict"] = sum(data[f"quad_{q}"] for q in CONFLICT_QUADS)
    data["balance"] = data["cooperation"] - data["conflict"]
    data = data[list(COLUMNS)]
    data.index.name = "period"
    return data
