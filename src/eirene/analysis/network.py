"""The signed actor network of a time window, and its blocs.

Why signed: two states that meet often may be allies or rivals; the sign of an edge
(more cooperation than conflict, or less) is what alignment is made of. Blocs are a
structural-balance partition: groups with cooperation inside and conflict between.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from eirene.analysis.nodes import Node, NodeMapper
from eirene.analysis.sql import CONFLICTUAL, COOPERATIVE, clean_pairs, event_where, pairs_cte
from eirene.errors import AnalysisError
from eirene.store.base import Store


@dataclass(frozen=True)
class Bloc:
    """One bloc: nodes more cooperative with each other than with the rest (largest first)."""

    id: int
    members: list[Node]


@dataclass(frozen=True)
class ActorNetwork:
    """The signed actor network of a window, and what was asked for.

    since, until, level, factuality, min_events: the query, as given.
    graph (networkx.Graph): nodes keyed by node key with name, country, kind, events
        and bloc; edges with events, cooperation, conflict, balance, intensity_mean,
        sign and weight (see build_network). Two networks compare equal when their
        queries match; compare graphs with networkx.
    """

    since: str | None
    until: str | None
    level: str
    factuality: str | None
    min_events: int
    graph: nx.Graph = field(compare=False, repr=False)


def build_network(store: Store, mapper: NodeMapper, *, since: str | None = None, until: str | None = None,
                  level: str = "country", factuality: str | None = "asserted", min_events: int = 1) -> nx.Graph:
    """The undirected signed network: one edge per pair of nodes with >= `min_events` events.

    Edge attributes: events, cooperation (quad 1-2), conflict (quad 3-4), balance
    (cooperation - conflict), intensity_mean, sign (+1, -1, 0) and weight (|balance|).
    Node attributes: name, country, kind, events (events naming the node in the window)
    and bloc (see `partition`; -1 when the node sides with no one).
    """
    if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
        raise AnalysisError("E521", name="min_events", value=min_events, reason="use a whole number >= 1")
    where, where_params = event_where(factuality, since, until)
    ctes, params = pairs_cte(mapper, level, where, where_params)
    edge_rows = store.query(
        f"WITH {ctes}, und AS (SELECT DISTINCT event_seq, least(src, dst) AS u, greatest(src, dst) AS v "
        f"FROM pairs WHERE {clean_pairs()}) "
        f"SELECT u, v, count(*) AS events, count(*) FILTER (WHERE {COOPERATIVE}) AS cooperation, "
        f"count(*) FILTER (WHERE {CONFLICTUAL}) AS conflict, avg(ev.intensity) AS intensity_mean "
        "FROM und JOIN ev ON ev.seq = und.event_seq GROUP BY u, v HAVING count(*) >= ? ORDER BY u, v",
        [*params, min_events],
    )
    graph = nx.Graph()
    for row in edge_rows:
        balance = int(row["cooperation"]) - int(row["conflict"])
        graph.add_edge(
            row["u"], row["v"], events=int(row["events"]), cooperation=int(row["cooperation"]),
            conflict=int(row["conflict"]), balance=balance,
            intensity_mean=float(row["intensity_mean"] or 0.0),
            sign=(balance > 0) - (balance < 0), weight=float(abs(balance)),
        )
    counts = node_event_counts(store, mapper, graph.nodes, level=level, where=where, where_params=where_params)
    for key in graph.nodes:
        node = mapper.node(key)
        graph.nodes[key].update(name=node.name, country=node.country, kind=node.kind,
                                events=counts.get(key, 0), bloc=-1)
    for bloc_id, members in enumerate(partition(graph)):
        for member in members:
            graph.nodes[member]["bloc"] = bloc_id
    return graph


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


def frustration(graph: nx.Graph, blocs: dict[str, int]) -> float:
    """Weighted structural-balance frustration: conflict inside blocs plus cooperation across them."""
    total = 0.0
    for u, v, data in graph.edges(data=True):
        same = blocs[u] == blocs[v]
        if (data["sign"] < 0 and same) or (data["sign"] > 0 and not same):
            total += data["weight"]
    return total


def partition(graph: nx.Graph) -> list[set[str]]:
    """Blocs of the signed graph, as sets of node keys with two or more members, largest first.

    A structural-balance partition (networkx has no signed community detection, so
    this small routine sits on top of it): start from the connected components of the
    cooperative (+) edges, then move single nodes to the bloc (or a bloc of their own)
    that lowers the weighted frustration most (conflict inside a bloc plus cooperation
    across blocs), in key order, until no move helps. A node alone in its bloc, or one
    with no signed edge, belongs to no bloc. Deterministic: the same graph always gives
    the same blocs.
    """
    signed = [n for n in graph.nodes if any(d["sign"] != 0 for *_, d in graph.edges(n, data=True))]
    if not signed:
        return []
    positive = nx.Graph()
    positive.add_nodes_from(sorted(signed))
    positive.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["sign"] > 0)
    components = sorted(nx.connected_components(positive), key=lambda c: sorted(c))
    blocs = {node: i for i, members in enumerate(components) for node in members}
    sub = graph.subgraph(signed)
    next_id = len(components)
    for _ in range(100):  # each move strictly lowers frustration, so this ends; the cap guards oddities
        moved = False
        for node in sorted(signed):
            best, best_cost = blocs[node], _cost(sub, blocs, node, blocs[node])
            for option in sorted({blocs[m] for m in sub.neighbors(node)} | {next_id}):
                cost = _cost(sub, blocs, node, option)
                if cost < best_cost - 1e-9:
                    best, best_cost = option, cost
            if best != blocs[node]:
                next_id += best == next_id
                blocs[node] = best
                moved = True
        if not moved:
            break
    groups: dict[int, set[str]] = {}
    for node, bloc in blocs.items():
        groups.setdefault(bloc, set()).add(node)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), sorted(g)))


def _cost(graph: nx.Graph, blocs: dict[str, int], node: str, bloc: int) -> float:
    """The frustration of `node`'s edges if it were in `bloc`."""
    total = 0.0
    for other in graph.neighbors(node):
        data = graph.edges[node, other]
        same = blocs[other] == bloc
        if (data["sign"] < 0 and same) or (data["sign"] > 0 and not same):
            total += data["weight"]
    return total


def blocs_of(graph: nx.Graph, mapper: NodeMapper) -> list[Bloc]:
    """The blocs recorded on a network's nodes, largest first."""
    groups: dict[int, list[Node]] = {}
    for key, data in graph.nodes(data=True):
        if data.get("bloc", -1) >= 0:
            groups.setdefault(data["bloc"], []).append(mapper.node(key))
    return [Bloc(i, sorted(groups[i], key=lambda n: n.key)) for i in sorted(groups)]


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
