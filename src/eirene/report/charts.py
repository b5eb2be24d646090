"""The brief's plots, as plotly figures rendered to HTML fragments without plotly.js.

Why fragments: the page includes plotly.min.js once (from the installed plotly package)
and each figure only its data, so the file stays offline and one copy of the library
serves every chart. Colours: cooperation blue, conflict red, as in most event-data plots.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import plotly.graph_objects as go

from eirene.report.brief import ActorRow, Timeline

COOPERATION = "#2166ac"
CONFLICT = "#b2182b"
NEUTRAL = "#9e9e9e"
BLOC_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4")
CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["sendDataToCloud"]}
LAYOUT = dict(template="plotly_white", margin=dict(l=10, r=10, t=40, b=10), font=dict(family="Georgia, serif", size=13))


@functools.cache
def plotly_js() -> str:
    """plotly.min.js from the installed plotly package (no CDN, works offline)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def fragment(fig: go.Figure, div_id: str) -> str:
    """One figure as a <div> and the <script> that draws it; plotly.js itself not included."""
    return fig.to_html(full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG)


def actors_chart(actors: list[ActorRow]) -> go.Figure:
    """Cooperative and conflictual events per top actor, largest on top."""
    rows = list(reversed(actors))
    fig = go.Figure([
        go.Bar(y=[r.name for r in rows], x=[r.cooperation for r in rows], name="cooperation", orientation="h", marker_color=COOPERATION),
        go.Bar(y=[r.name for r in rows], x=[r.conflict for r in rows], name="conflict", orientation="h", marker_color=CONFLICT),
    ])
    fig.update_layout(**LAYOUT, barmode="stack", height=110 + 28 * len(rows), title="Asserted events per actor",
                      legend=dict(orientation="h", y=-0.04, x=0, yanchor="top", traceorder="normal"))
    return fig


def network_chart(graph: Any) -> go.Figure:
    """The actor network: nodes sized by events and coloured by bloc; edges blue for
    cooperative, red for conflictual, grey for even, wider for more events."""
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return go.Figure().update_layout(**LAYOUT, title="No actor network in this window")
    pos = layout(graph)
    traces: list[go.BaseTraceType] = []
    most = max((d.get("events", 1) for _, _, d in graph.edges(data=True)), default=1) or 1
    for a, b, data in graph.edges(data=True):
        if a == b:
            continue
        colour = {1: COOPERATION, -1: CONFLICT}.get(int(data.get("sign", 0)), NEUTRAL)
        traces.append(go.Scatter(
            x=[pos[a][0], pos[b][0]], y=[pos[a][1], pos[b][1]], mode="lines", hoverinfo="skip", showlegend=False,
            line=dict(color=colour, width=1 + 5 * data.get("events", 1) / most), opacity=0.6,
        ))
    nodes = list(graph.nodes(data=True))
    biggest = max((d.get("events", 1) for _, d in nodes), default=1) or 1
    traces.append(go.Scatter(
        x=[pos[k][0] for k, _ in nodes], y=[pos[k][1] for k, _ in nodes], mode="markers+text",
        text=[d.get("name", k) for k, d in nodes], textposition="top center", showlegend=False,
        hovertext=[f"{d.get('name', k)}: {d.get('events', 0)} events, bloc {d.get('bloc', -1)}" for k, d in nodes],
        hoverinfo="text",
        marker=dict(
            size=[12 + 30 * math.sqrt(d.get("events", 0) / biggest) for _, d in nodes],
            color=[bloc_colour(int(d.get("bloc", -1))) for _, d in nodes], line=dict(color="#333", width=1),
        ),
    ))
    fig = go.Figure(traces)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    fig.update_layout(**LAYOUT, height=620, title="Actor network (edges: blue cooperative, red conflictual)",
                      xaxis=dict(visible=False, range=[min(xs) - 0.3, max(xs) + 0.3]),
                      yaxis=dict(visible=False, range=[min(ys) - 0.15, max(ys) + 0.2]), hovermode="closest")
    return fig


def layout(graph: Any) -> dict[Any, tuple[float, float]]:
    """Node positions: the largest connected part laid out by Kamada-Kawai (readable for
    tens of nodes, deterministic), smaller parts and lone actors in a row beneath it."""
    import networkx as nx

    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(map(str, c))))
    main = graph.subgraph(parts[0])
    pos = {k: (float(x), float(y)) for k, (x, y) in (nx.kamada_kawai_layout(main, weight=None) if len(main) > 2 else
                                                      nx.circular_layout(main)).items()}
    rest = [k for part in parts[1:] for k in sorted(part, key=str)]
    low = min((y for _, y in pos.values()), default=0.0) - 0.45
    for i, key in enumerate(rest):
        pos[key] = (-1.0 + 2.0 * (i + 0.5) / len(rest), low)
    return pos


def bloc_colour(bloc: int) -> str:
    return NEUTRAL if bloc < 0 else BLOC_COLOURS[bloc % len(BLOC_COLOURS)]


def timeline_chart(timeline: Timeline) -> go.Figure:
    """Cooperative and conflictual events per month for one dyad."""
    fig = go.Figure([
        go.Bar(x=timeline.periods, y=timeline.cooperation, name="cooperation", marker_color=COOPERATION,
               hovertemplate="%{x}: %{y} cooperative<extra></extra>"),
        go.Bar(x=timeline.periods, y=[-v for v in timeline.conflict], name="conflict", marker_color=CONFLICT,
               customdata=timeline.conflict, hovertemplate="%{x}: %{customdata} conflictual<extra></extra>"),
    ])
    fig.update_layout(**{**LAYOUT, "margin": dict(l=10, r=10, t=14, b=10)}, barmode="relative", height=250,
                      yaxis=dict(title="events", dtick=1 if max(timeline.cooperation + timeline.conflict, default=0) <= 5 else None),
                      xaxis=dict(type="date", tickformat="%b %Y", hoverformat="%B %Y"),
                      legend=dict(orientation="h", y=1.0, x=1, xanchor="right", yanchor="bottom"))
    return fig
