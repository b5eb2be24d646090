"""GraphML of the actor network, for Gephi, Cytoscape, yEd or networkx.

Why a filter check: the network is built by `ActorSystem.network` over a time window and
one factuality, so only --since, --until and --factuality apply; an actor, type or
document filter would silently give the whole network, so it is refused (E452).
GraphML types every attribute, and Gephi refuses empty (None) values, so attributes
are written as str, int, float or bool only: missing text is "" and no bloc is -1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from eirene.errors import StoreError
from eirene.export.base import atomic_text
from eirene.store.base import EventFilter, Store

UNSUPPORTED = {
    "actor": "--actor", "recipient": "--recipient", "event_type": "--type",
    "quad_class": "--quad", "doc_id": "--doc", "text": "--text", "limit": "--limit",
}


def export_graphml(store: Store, flt: EventFilter, out_path: Path) -> int:
    """Write the actor network (country level) of the events in `flt`'s window as GraphML.

    Factuality defaults to "asserted" (the network of what reportedly happened).
    RETURNS (int): nodes written.
    """
    for name, option in UNSUPPORTED.items():
        if getattr(flt, name) is not None:
            raise StoreError("E452", option=option, format="graphml", reason="the network covers all actors and types of a time window")
    from eirene.analysis import ActorSystem

    network = ActorSystem(store).network(since=flt.since, until=flt.until, factuality=flt.factuality or "asserted")
    clean = gephi_ready(network.graph)
    with atomic_text(Path(out_path)) as handle:
        for line in nx.generate_graphml(clean, prettyprint=True):
            handle.write(line + "\n")
    return clean.number_of_nodes()


def gephi_ready(graph: nx.Graph) -> nx.Graph:
    """A copy with only GraphML-typed attribute values (no None, no numpy scalars) and a
    `label` on every node (the name Gephi shows)."""
    clean = graph.__class__()
    clean.graph.update({k: _value(v) for k, v in graph.graph.items() if _value(v) is not None})
    for key, data in graph.nodes(data=True):
        attrs = {k: _value(v) for k, v in data.items()}
        attrs.setdefault("label", attrs.get("name") or str(key))
        clean.add_node(str(key), **{k: ("" if v is None else v) for k, v in attrs.items()})
    for a, b, data in graph.edges(data=True):
        clean.add_edge(str(a), str(b), **{k: ("" if _value(v) is None else _value(v)) for k, v in data.items()})
    return clean


def _value(value: Any) -> Any:
    """str, int, float or bool; numpy scalars become Python ones, anything else its str."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "item"):
        return value.item()
    return str(value)
