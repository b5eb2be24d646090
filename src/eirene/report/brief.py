"""What the brief says: the corpus facts gathered from the actor system, before any HTML.

Why apart from rendering: the numbers and the evidence behind each item are checked by
tests and could feed another renderer (Markdown, the web app) unchanged. Every item
keeps the ids of the events it rests on, so the page can link each claim to its
sentences.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from eirene.analysis.network import happening_totals
from eirene.analysis.rule import CountingRule
from eirene.records import Event
from eirene.report.scenarios import scenario_sections
from eirene.store.base import EventFilter, Store

EVIDENCE_PER_ITEM = 5  # sentences linked from one table row; the rest are counted, not linked
TOP_ACTORS = 12
TOP_DYADS = 10
TIMELINES = 4
TOP_CLAIMS = 15


@dataclass(frozen=True)
class ActorRow:
    key: str
    name: str
    kind: str
    events: int
    cooperation: int
    conflict: int
    bloc: int
    partners: list[tuple[str, int]]
    adversaries: list[tuple[str, int]]
    evidence: list[str]


@dataclass(frozen=True)
class DyadRow:
    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    cooperation: int
    conflict: int
    balance: int
    intensity_mean: float
    evidence: list[str]


@dataclass(frozen=True)
class Timeline:
    dyad: DyadRow
    periods: list[str]
    cooperation: list[int]
    conflict: list[int]
    intensity_mean: list[float]


@dataclass(frozen=True)
class BlocRow:
    id: int
    members: list[tuple[str, str, float]]  # (key, name, membership strength)
    inner_cooperation: int
    inner_conflict: int
    ties: list[DyadRow]  # the strongest ties inside the bloc
    stability: float = 1.0
    opposed_to: tuple[int, ...] = ()


@dataclass(frozen=True)
class ClaimRow:
    claimant: str
    accused: str
    about: str  # recipients of the claimed act
    event_type: str
    factuality: str
    date: str | None
    count: int
    evidence: list[str]


@dataclass
class Brief:
    """Everything the report shows, with event ids as evidence."""

    title: str
    database: str
    generated: str
    since: str | None
    until: str | None
    documents: int
    events: int
    first_date: str | None
    last_date: str | None
    by_type: dict[str, int]
    by_factuality: dict[str, int]
    network_events: int
    actors: list[ActorRow] = field(default_factory=list)
    dyads: list[DyadRow] = field(default_factory=list)
    timelines: list[Timeline] = field(default_factory=list)
    blocs: list[BlocRow] = field(default_factory=list)
    claims: list[ClaimRow] = field(default_factory=list)
    graph: Any = None  # the networkx graph behind the network picture
    evidence: dict[str, Event] = field(default_factory=dict)
    documents_meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule: CountingRule = field(default_factory=CountingRule)
    alignment_note: str = ""
    unassigned: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    ties_rule: str = ""
    resamples: int = 0
    scenarios: list[Any] = field(default_factory=list)  # report.scenarios.ScenarioSection, newest first


def gather(store: Store, *, since: str | None = None, until: str | None = None, title: str | None = None,
           rule: CountingRule | None = None) -> Brief:
    """Collect the brief for the events between `since` and `until` (inclusive), counted under `rule`."""
    from eirene import __version__
    from eirene.analysis import ActorSystem

    rule = rule or CountingRule()
    system = ActorSystem(store)
    window = EventFilter(since=since, until=until)
    events = store.events(window)
    asserted = [e for e in events if _counts(e, rule)]
    brief = Brief(
        title=title or "eirene brief",
        database=store.location,
        generated=f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by eirene {__version__}",
        since=since, until=until,
        documents=len({e.doc_id for e in events}),
        events=len(events),
        first_date=min((e.date for e in events if e.date), default=None),
        last_date=max((e.date for e in events if e.date), default=None),
        by_type=dict(Counter(e.event_type for e in events).most_common()),
        by_factuality=dict(Counter(e.factuality for e in events).most_common()),
        network_events=len(asserted),
        documents_meta={d["id"]: d for d in store.documents()},
    )
    network = system.network(since=since, until=until, rule=rule)
    graph, alignment = network.graph, network.alignment
    brief.graph, brief.rule = graph, rule
    brief.alignment_note, brief.ties_rule, brief.resamples = alignment.note, alignment.tie_rule.legend(), alignment.resamples
    brief.unassigned = [(system.mapper.node(k).name, why) for k, why in alignment.unassigned.items()]
    by_pair, by_node = _index(system, asserted)
    brief.dyads = _dyads(graph, by_pair)
    totals = happening_totals(store, system.mapper, graph.nodes, level="country", rule=rule, since=since, until=until)
    brief.actors = _actors(graph, by_node, totals)
    brief.timelines = _timelines(system, brief.dyads[:TIMELINES], since, until, rule)
    brief.blocs = _blocs(system, graph, by_pair, since, until, rule)
    brief.claims = _claims(system, events, since, until)
    linked = {i for row in brief.actors for i in row.evidence}
    linked |= {i for row in brief.dyads for i in row.evidence}
    linked |= {i for bloc in brief.blocs for tie in bloc.ties for i in tie.evidence}
    linked |= {i for claim in brief.claims for i in claim.evidence}
    brief.scenarios = scenario_sections(store)
    linked |= {i for s in brief.scenarios for a in s.inputs.actors for f in ("capability", "position", "salience")
               for i in s.evidence(a.name, f)}
    brief.evidence = {e.id: e for e in events if e.id in linked}
    return brief


def _index(system: Any, events: list[Event]) -> tuple[dict[tuple[str, str], list[Event]], dict[str, list[Event]]]:
    """The events behind each (unordered) node pair and each node, as the network counts them."""
    by_pair: dict[tuple[str, str], list[Event]] = defaultdict(list)
    by_node: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        sources = {n.key for n in (system.node_of(r) for r in event.actors) if n is not None}
        targets = {n.key for n in (system.node_of(r) for r in event.recipients) if n is not None}
        for key in sources | targets:
            by_node[key].append(event)
        for pair in {tuple(sorted((s, t))) for s in sources for t in targets if s != t}:
            by_pair[pair].append(event)  # type: ignore[index]
    return by_pair, by_node


def _ids(events: list[Event]) -> list[str]:
    """The most telling events first: material before verbal, stronger intensity first."""
    ranked = sorted(events, key=lambda e: (-(e.quad_class in (2, 4)), -abs(e.intensity), e.date or "", e.id))
    return [e.id for e in ranked[:EVIDENCE_PER_ITEM]]


def _dyad_row(graph: Any, a: str, b: str, by_pair: dict[tuple[str, str], list[Event]]) -> DyadRow:
    data = graph.edges[a, b]
    return DyadRow(
        a=a, b=b, a_name=graph.nodes[a].get("name", a), b_name=graph.nodes[b].get("name", b),
        events=int(data.get("events", 0)), cooperation=int(data.get("cooperation", 0)),
        conflict=int(data.get("conflict", 0)), balance=int(data.get("balance", 0)),
        intensity_mean=float(data.get("intensity_mean", 0.0) or 0.0),
        evidence=_ids(by_pair.get(tuple(sorted((a, b))), [])),  # type: ignore[arg-type]
    )


def _dyads(graph: Any, by_pair: dict[tuple[str, str], list[Event]]) -> list[DyadRow]:
    rows = [_dyad_row(graph, a, b, by_pair) for a, b in graph.edges() if a != b]
    rows.sort(key=lambda r: (-r.events, -r.conflict, r.a_name, r.b_name))
    return rows[:TOP_DYADS]


def _counts(event: Event, rule: CountingRule) -> bool:
    """Whether an event counts under the rule (for the evidence links; the counts come from SQL)."""
    if rule.factualities and event.factuality not in rule.factualities:
        return False
    if rule.methods and not any(event.method == m or event.method.split(":")[0] == m for m in rule.methods):
        return False
    return event.confidence >= rule.min_confidence


def _actors(graph: Any, by_node: dict[str, list[Event]], totals: dict[str, tuple[int, int, int]]) -> list[ActorRow]:
    rows = []
    for key, data in graph.nodes(data=True):
        ties = [(other, graph.edges[key, other]) for other in graph.neighbors(key) if other != key]
        partners = sorted(((graph.nodes[o].get("name", o), int(d.get("cooperation", 0))) for o, d in ties if d.get("cooperation")), key=lambda t: (-t[1], t[0]))
        adversaries = sorted(((graph.nodes[o].get("name", o), int(d.get("conflict", 0))) for o, d in ties if d.get("conflict")), key=lambda t: (-t[1], t[0]))
        mine = by_node.get(key, [])
        rows.append(ActorRow(
            key=key, name=data.get("name", key), kind=data.get("kind", ""), events=int(data.get("events", 0)),
            cooperation=totals.get(key, (0, 0, 0))[1], conflict=totals.get(key, (0, 0, 0))[2],
            bloc=int(data.get("bloc", -1)), partners=partners[:3], adversaries=adversaries[:3], evidence=_ids(mine),
        ))
    rows.sort(key=lambda r: (-r.events, r.name))
    return rows[:TOP_ACTORS]


def _timelines(system: Any, dyads: list[DyadRow], since: str | None, until: str | None,
               rule: CountingRule) -> list[Timeline]:
    found = []
    for row in dyads:
        frame = system.dyad(row.a, row.b, freq="M", since=since, until=until, rule=rule).frame
        if frame.empty:
            continue
        found.append(Timeline(
            dyad=row,
            periods=[p.strftime("%Y-%m-%d") for p in frame.index],
            cooperation=[int(v) for v in frame["cooperation"]],
            conflict=[int(v) for v in frame["conflict"]],
            intensity_mean=[float(v) if v == v else 0.0 for v in frame["intensity_mean"]],
        ))
    return found


def _blocs(system: Any, graph: Any, by_pair: dict[tuple[str, str], list[Event]], since: str | None, until: str | None,
           rule: CountingRule) -> list[BlocRow]:
    rows = []
    for bloc in system.blocs(since=since, until=until, rule=rule):
        keys = {m.key for m in bloc.members}
        inner = [(a, b) for a, b in graph.edges() if a in keys and b in keys and a != b]
        ties = sorted((_dyad_row(graph, a, b, by_pair) for a, b in inner), key=lambda r: (-r.cooperation, -r.events, r.a_name))
        rows.append(BlocRow(
            id=bloc.id, members=[(m.key, m.name, bloc.strength.get(m.key, 0.0)) for m in bloc.members],
            inner_cooperation=sum(t.cooperation for t in ties), inner_conflict=sum(t.conflict for t in ties),
            ties=ties[:3], stability=bloc.stability, opposed_to=bloc.opposed_to,
        ))
    return rows


def _claims(system: Any, events: list[Event], since: str | None, until: str | None) -> list[ClaimRow]:
    """Allegations and accusations in the window, grouped by who claims what of whom
    (analysis.claims.group_claims: what is not a claim is already left out)."""
    from eirene.analysis.claims import group_claims

    found = system.claims(since=since, until=until) if since or until else system.claims()
    rows = [
        ClaimRow(claimant=g.claimant, accused=g.accused, about=g.about, event_type=g.event_type,
                 factuality=g.factuality, date=g.first_date, count=g.count,
                 evidence=list(g.event_ids[:EVIDENCE_PER_ITEM]))
        for g in group_claims(found)
    ]
    return rows[:TOP_CLAIMS]
