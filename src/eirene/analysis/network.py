"""The signed actor network of a time window, and its blocs.

Why signed: two states that meet often may be allies or rivals. Each edge carries its
counts under the counting rule and its tie (ties.py): friendlier or more hostile than
its two actors' baselines, or too thin to tell. Blocs come from the significant ties
alone (alignment.py), with their stability under resampling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pandas as pd

from eirene.analysis.alignment import Alignment, align
from eirene.analysis.nodes import Node, NodeMapper
from eirene.analysis.rule import CountingRule
from eirene.analysis.sql import counted_ctes, hap_pairs_cte
from eirene.analysis.ties import Tie, TieRule, pair_rows, tie_data
from eirene.errors import AnalysisError
from eirene.store.base import Store


@dataclass(frozen=True)
class ActorNetwork:
    """The signed actor network of a window, its blocs, and what was asked for.

    since, until, level, min_events: the query, as given. rule: the counting rule.
    graph (networkx.Graph): nodes keyed by node key with name, country, kind, events,
        bloc and strength; edges with the pair's counts (events, cooperation, conflict,
        balance, intensity_mean, mentions) and its tie (tie, sign, expected, observed,
        excess, weight, stories, reason); see build_network.
    alignment (Alignment): the blocs, their stability, the unassigned and why.
    Two networks compare equal when their queries match; compare graphs with networkx.
    """

    since: str | None
    until: str | None
    level: str
    factuality: str | None
    min_events: int
    graph: nx.Graph = field(compare=False, repr=False)
    rule: CountingRule = CountingRule()
    alignment: Alignment | None = field(default=None, compare=False, repr=False)


def build_network(store: Store, mapper: NodeMapper, *, since: str | None = None, until: str | None = None,
                  level: str = "country", rule: CountingRule = CountingRule(), min_events: int = 1,
                  tie_rule: TieRule = TieRule(), resamples: int = 200, seed: int = 0) -> tuple[nx.Graph, Alignment]:
    """The undirected signed network and its alignment: one edge per pair with >= `min_events` happenings.

    Edge attributes: events (happenings), mentions (stored events behind them),
    cooperation (quad 1-2), conflict (quad 3-4), balance (cooperation - conflict),
    intensity_mean; and the tie (ties.py): tie ("positive", "negative", "thin", "not
    significant"), sign (+1, -1, 0: the tie's, 0 unless significant), expected and
    observed (cooperative shares), excess (weighted balance above the expected one; its
    sign is the tie's), weight (|excess| for a significant tie, else 0), stories, reason.
    Node attributes: name, country, kind, events (happenings naming it), bloc (-1 for
    none) and strength (its membership strength, or None).
    """
    if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
        raise AnalysisError("E521", name="min_events", value=min_events, reason="use a whole number >= 1")
    frame = pair_rows(store, mapper, level=level, rule=rule, since=since, until=until)
    alignment = align(tie_data(frame, weighted=tie_rule.confidence_weighted), tie_rule, resamples=resamples, seed=seed)
    ties = {(t.u, t.v): t for t in alignment.ties}
    graph = nx.Graph()
    for row in _edge_rows(frame):
        if row["events"] < min_events:
            continue
        balance = row["cooperation"] - row["conflict"]
        graph.add_edge(
            row["u"], row["v"], events=row["events"], mentions=row["mentions"], cooperation=row["cooperation"],
            conflict=row["conflict"], balance=balance, intensity_mean=row["intensity_mean"],
            **_tie_attributes(ties.get((row["u"], row["v"]))),
        )
    counts = happening_counts(store, mapper, graph.nodes, level=level, rule=rule, since=since, until=until)
    for key in graph.nodes:
        node = mapper.node(key)
        graph.nodes[key].update(name=node.name, country=node.country, kind=node.kind, events=counts.get(key, 0),
                                bloc=alignment.bloc_of(key), strength=alignment.strength_of(key))
    return graph, alignment


def _edge_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Each pair's happenings, cooperative and conflictual ones, mean intensity and reports."""
    if frame.empty:
        return []
    haps = frame.drop_duplicates(["u", "v", "happening"])
    grouped = haps.assign(coop=haps["quad_class"].isin([1, 2]), conf=haps["quad_class"].isin([3, 4])).groupby(
        ["u", "v"], sort=True)
    table = grouped.agg(events=("happening", "size"), cooperation=("coop", "sum"), conflict=("conf", "sum"),
                        intensity_mean=("intensity", "mean"), mentions=("mentions", "sum")).reset_index()
    return [{"u": r.u, "v": r.v, "events": int(r.events), "cooperation": int(r.cooperation),
             "conflict": int(r.conflict), "intensity_mean": float(0.0 if pd.isna(r.intensity_mean) else r.intensity_mean),
             "mentions": int(r.mentions)} for r in table.itertuples(index=False)]


def _tie_attributes(tie: Tie | None) -> dict[str, Any]:
    if tie is None:  # a pair of neutral happenings only (quad 0): nothing to weigh
        return dict(tie="thin", sign=0, expected=None, observed=None, excess=0.0, weight=0.0, stories=0,
                    reason="no cooperative or conflictual happening")
    return dict(tie=tie.status, sign=tie.sign, expected=tie.expected, observed=tie.observed, excess=tie.excess,
                weight=abs(tie.excess) if tie.sign else 0.0, stories=tie.stories, reason=tie.reason)


def happening_counts(store: Store, mapper: NodeMapper, keys: Iterable[str], *, level: str, rule: CountingRule,
                     since: str | None, until: str | None) -> dict[str, int]:
    """How many happenings that count under `rule` name each node (as actor or recipient)."""
    return {k: t[0] for k, t in happening_totals(store, mapper, keys, level=level, rule=rule, since=since,
                                                  until=until).items()}


def happening_totals(store: Store, mapper: NodeMapper, keys: Iterable[str], *, level: str, rule: CountingRule,
                     since: str | None, until: str | None) -> dict[str, tuple[int, int, int]]:
    """(happenings, cooperative, conflictual) naming each node, under `rule`."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    ctes, params = counted_ctes(mapper, level, rule, since, until)
    rows = store.query(
        f"WITH {ctes}, n AS (SELECT DISTINCT h.happening, h.quad_class, x.node AS key FROM hap h "
        "CROSS JOIN unnest(list_concat(h.src, h.dst)) AS x(node)) "
        "SELECT key, count(*) AS events, count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict "
        f"FROM n WHERE key IN ({', '.join('?' for _ in wanted)}) GROUP BY key",
        [*params, *wanted],
    )
    return {r["key"]: (int(r["events"]), int(r["cooperation"]), int(r["conflict"])) for r in rows}


def node_event_counts(store: Store, mapper: NodeMapper, keys: Iterable[str], *, level: str, where: str,
                      where_params: list) -> dict[str, int]:
    """How many kept events name each node (as actor or recipient)."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    node, node_params = mapper.sql("a", level)
    rows = store.query(
        f"WITH ev AS (SELECT e.seq FROM events e WHERE {where}), "
        f"n AS (SELECT DISTINCT a.event_seq, {node} AS key FROM ev JOIN event_actors a ON a.event_seq = ev.seq "
        "AND a.role IN ('actor', 'recipient')) "
        f"SELECT key, count(*) AS events FROM n WHERE key IN ({', '.join('?' for _ in wanted)}) GROUP BY key",
        [*where_params, *node_params, *wanted],
    )
    return {r["key"]: int(r["events"]) for r in rows}


@dataclass(frozen=True)
class Bloc:
    """One bloc: actors on one side of the significant ties (largest first).

    members: its Nodes, by key. stability: mean best Jaccard overlap with the blocs
    found on resampled happenings (1.0: found whole every time; < 0.5: dissolves).
    strength: key -> membership strength (share of resamples it stays in the bloc).
    opposed_to: ids of blocs it has significant negative ties with. frustrated: its
    inner negative ties the partition could not avoid.
    """

    id: int
    members: list[Node]
    stability: float = 1.0
    strength: dict[str, float] = field(default_factory=dict, compare=False)
    opposed_to: tuple[int, ...] = ()
    frustrated: tuple[tuple[str, str], ...] = ()


def blocs_of(alignment: Alignment, mapper: NodeMapper) -> list[Bloc]:
    """The alignment's blocs, largest first, with their members as Nodes."""
    return [Bloc(b.id, [mapper.node(m.key) for m in b.members], b.stability,
                 {m.key: m.strength for m in b.members}, b.opposed_to, b.frustrated) for b in alignment.blocs]


@dataclass(frozen=True)
class BlocChange:
    """How one node's side changed between two windows.

    node: the node. before / after: the other members of its bloc in each window
    (empty when it sided with no one). joined / left: who came to, or left, its side.
    """

    node: Node
    before: tuple[Node, ...]
    after: tuple[Node, ...]

    @property
    def joined(self) -> tuple[Node, ...]:
        keys = {n.key for n in self.before}
        return tuple(n for n in self.after if n.key not in keys)

    @property
    def left(self) -> tuple[Node, ...]:
        keys = {n.key for n in self.after}
        return tuple(n for n in self.before if n.key not in keys)


def bloc_changes(first: nx.Graph, second: nx.Graph, mapper: NodeMapper) -> list[BlocChange]:
    """For each node present in both windows, its bloc companions before and after, if they differ.

    A node missing from one window took no side there, so it is not listed as changing.
    """
    def sides(graph: nx.Graph) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for key, data in graph.nodes(data=True):
            bloc = data.get("bloc", -1)
            out[key] = {k for k, d in graph.nodes(data=True) if bloc >= 0 and d.get("bloc") == bloc and k != key}
        return out

    before, after = sides(first), sides(second)
    changes = []
    for key in sorted(set(before) & set(after)):
        b, a = before[key], after[key]
        if a != b:
            changes.append(BlocChange(mapper.node(key), tuple(mapper.node(k) for k in sorted(b)),
                                      tuple(mapper.node(k) for k in sorted(a))))
    return changes
