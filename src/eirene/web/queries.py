"""What the API and the pages ask of the store and the actor system, as typed answers.

Why one module: a page and its JSON twin show the same numbers because both call
these functions; views only parse parameters and render. Every aggregation is
parameterised SQL (the store) or an ActorSystem query; no user text is put into SQL.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from eirene.errors import EireneError
from eirene.records import Claim, Event
from eirene.store import EventFilter, Store
from eirene.store.base import parse_bound
from eirene.vocab import PLOVER_TYPES, QUAD_CLASSES
from eirene.web.errors import WebError
from eirene.web.models import (
    ActorMatch,
    ActorList,
    ActorProfileModel,
    BlocMemberModel,
    BlocModel,
    ClaimGroupModel,
    ClaimList,
    CorrectionModel,
    ClaimModel,
    DocumentDetail,
    DocumentList,
    DocumentSummary,
    DyadPeriod,
    DyadSeries,
    EventList,
    EventModel,
    NetworkEdge,
    NetworkModel,
    NetworkNode,
    NodeModel,
    PartnerModel,
    RoleModel,
    RuleModel,
    StatsModel,
    UnassignedModel,
    YearModel,
)
from eirene.web.state import WebState

LEVELS = ("country", "actor")
LAYOUT_SEED = 7


def blank(value: str | None) -> str | None:
    """Forms send empty fields as ""; an empty filter means no filter."""
    if value is None:
        return None
    value = value.strip()
    return value or None


def check_bound(name: str, value: str | None) -> str | None:
    """A since/until value as given, or E502 saying which forms are accepted."""
    value = blank(value)
    if value is not None:
        try:
            parse_bound(value, end=name == "until")
        except ValueError as exc:
            raise WebError(400, "E502", name=name, value=value, reason=str(exc)) from exc
    return value


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise WebError(400, "E502", name="level", value=level, reason="use country or actor")
    return level


def check_factuality(value: str | None) -> str | None:
    """"all" (or empty) means every factuality; the actor system takes None for that."""
    value = blank(value)
    return None if value is None or value.lower() == "all" else value.lower()


def counting_rule(factuality: str | None = "asserted", method: str | None = None, min_confidence: Any = None,
                  merge: Any = None, self_loops: Any = None) -> Any:
    """The counting rule from query parameters (comma-separated lists; "all" for every
    factuality); a bad value answers 400 with E502."""
    from eirene.analysis.rule import CountingRule

    try:
        return CountingRule.from_options(factuality=blank(factuality) or "all", method=blank(method),
                                         min_confidence=min_confidence, merge=merge, self_loops=self_loops)
    except EireneError as err:
        raise WebError(400, "E502", name=err.details.get("name", "rule"), value=err.details.get("value", ""),
                       reason=str(err.details.get("reason", err.text))) from err


def rule_model(rule: Any) -> RuleModel:
    return RuleModel(**rule.as_dict())


# events and documents --------------------------------------------------------


def event_filter(
    *,
    actor: str | None = None,
    recipient: str | None = None,
    event_type: str | None = None,
    quad: int | None = None,
    factuality: str | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    doc: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    min_confidence: float | None = None,
    method: str | None = None,
    dated: bool | None = None,
) -> EventFilter:
    """The store filter for these parameters (blank ones dropped; bad ones give E406/E502)."""
    return EventFilter(
        actor=blank(actor), recipient=blank(recipient), event_type=blank(event_type), quad_class=quad,
        factuality=blank(factuality), since=check_bound("since", since), until=check_bound("until", until),
        doc_id=blank(doc), text=blank(q), limit=limit, offset=offset, min_confidence=min_confidence or None,
        method=blank(method), dated=dated,
    )


def event_model(event: Event) -> EventModel:
    return EventModel.model_validate(event.to_dict())


def event_list(store: Store, flt: EventFilter, state: WebState | None = None) -> EventList:
    """A page of events and the total; with `state`, kept in its cache until the next write
    (a filter many readers ask for, e.g. a shared link, is then read once)."""
    if state is not None:
        return state.cached(("events", flt), lambda: event_list(store, flt))
    events = store.events(flt)
    return EventList(
        total=store.count_events(flt), limit=flt.limit or 0, offset=flt.offset,
        events=[event_model(e) for e in events],
    )


def get_event(store: Store, event_id: str) -> Event:
    event = store.get_event(event_id)
    if event is None:
        raise WebError(404, "E501", what="event", value=event_id, hint="Find event ids with /api/events or `eirene events`.")
    return event


def document_list(store: Store, *, limit: int, offset: int) -> DocumentList:
    page = store.document_page(limit, offset)
    return DocumentList(total=store.count_documents(), limit=limit, offset=offset,
                        documents=[DocumentSummary.model_validate(r) for r in page])


def document_detail(store: Store, doc_id: str) -> DocumentDetail:
    return document_and_events(store, doc_id)[0]


def document_and_events(store: Store, doc_id: str) -> tuple[DocumentDetail, list[Event]]:
    """A document with its events, and those events as records (the page highlights them): one read each."""
    document = store.get_document(doc_id)
    if document is None:
        raise WebError(404, "E501", what="document", value=doc_id,
                       hint="List the documents with /api/documents or `eirene docs`.")
    events = store.events(EventFilter(doc_id=doc_id))
    return DocumentDetail(**dataclasses.asdict(document), events=[event_model(e) for e in events]), events


def stats(store: Store, top: int = 10) -> StatsModel:
    return StatsModel.model_validate(store.stats(top=top), from_attributes=True)


def events_over_time(store: Store) -> list[dict[str, Any]]:
    """Events per month and quad class over the whole corpus (for the overview chart)."""
    from eirene.analysis.dyads import QUADS

    rows = store.query(
        # SQL that DuckDB and PostgreSQL both read (a DATE as text is YYYY-MM-DD in both)
        "SELECT substr(CAST(date AS VARCHAR), 1, 7) AS period, quad_class, count(*) AS n "
        "FROM events WHERE date IS NOT NULL GROUP BY 1, 2 ORDER BY period, quad_class"
    )
    by_period: dict[str, dict[str, Any]] = {}
    for row in rows:
        slot = by_period.setdefault(row["period"], {"period": row["period"], **{q: 0 for q in QUADS}, "other": 0})
        key = f"quad_{row['quad_class']}" if row["quad_class"] in QUAD_CLASSES else "other"
        slot[key] += int(row["n"])
    return list(by_period.values())


# the actor system ------------------------------------------------------------


def node_model(node: Any) -> NodeModel:
    return NodeModel(key=node.key, name=node.name, country=node.country, kind=node.kind)


def resolve(state: WebState, name: str, level: str = "country") -> Any:
    """The node for a name, id or ISO code; an unknown name raises the resolver's E520 (404)."""
    return state.system().resolve(name, level=level)


def network(
    state: WebState,
    *,
    since: str | None,
    until: str | None,
    level: str = "country",
    rule: Any = None,
    min_events: int = 1,
) -> NetworkModel:
    """The actor network of a time window, its blocs and ties, laid out where the whole
    corpus puts each node.

    Why one layout for every window: moving the time slider then shows edges appear
    and fade while nodes stay put, instead of the whole picture jumping around.
    """
    since, until, level = check_bound("since", since), check_bound("until", until), check_level(level)
    counting = rule if rule is not None else counting_rule()
    return state.kept(("network", since, until, level, counting, min_events),
                      lambda: _network(state, since, until, level, counting, min_events), NetworkModel)


def _network(state: WebState, since: str | None, until: str | None, level: str, counting: Any,
             min_events: int) -> NetworkModel:
    system = state.system()
    found = system.network(since=since, until=until, level=level, min_events=min_events, rule=counting)
    graph, alignment = found.graph, found.alignment
    if since is None and until is None and min_events == 1:
        positions = _layout(graph)
    else:  # where the whole corpus's network (computed or kept once) put each node
        whole = network(state, since=None, until=None, level=level, rule=counting)
        positions = {n.key: (n.x, n.y) for n in whole.nodes}
    nodes = []
    for key, data in graph.nodes(data=True):
        x, y = positions.get(key, (0.0, 0.0))
        nodes.append(NetworkNode(
            key=key, name=data.get("name", key), country=data.get("country"), kind=data.get("kind", ""),
            events=int(data.get("events", 0)), bloc=int(data.get("bloc", -1)), x=x, y=y,
            strength=data.get("strength"),
        ))
    edges = [
        NetworkEdge(
            source=u, target=v, events=int(d["events"]), cooperation=int(d["cooperation"]),
            conflict=int(d["conflict"]), balance=int(d["balance"]), intensity_mean=_number(d.get("intensity_mean")),
            sign=int(d["sign"]), weight=float(d["weight"]), mentions=int(d["mentions"]), tie=d["tie"],
            expected=d.get("expected"), observed=d.get("observed"), excess=float(d["excess"]),
            stories=int(d["stories"]), reason=d["reason"],
        )
        for u, v, d in graph.edges(data=True)
    ]
    nodes.sort(key=lambda n: (-n.events, n.key))
    edges.sort(key=lambda e: (-e.events, e.source, e.target))
    mapper = system.mapper
    blocs = [BlocModel(id=b.id, stability=b.stability, opposed_to=list(b.opposed_to),
                       frustrated=[list(p) for p in b.frustrated],
                       members=[BlocMemberModel(**node_model(mapper.node(m.key)).model_dump(), strength=m.strength)
                                for m in b.members]) for b in alignment.blocs]
    unassigned = [UnassignedModel(**node_model(mapper.node(k)).model_dump(), reason=why)
                  for k, why in alignment.unassigned.items()]
    return NetworkModel(since=since, until=until, level=level, nodes=nodes, edges=edges, blocs=blocs,
                        unassigned=unassigned, opposed=alignment.opposed, note=alignment.note,
                        resamples=alignment.resamples, ties_rule=alignment.tie_rule.legend(), rule=rule_model(counting))


def _layout(whole: Any) -> dict[str, tuple[float, float]]:
    """Where each node of the whole corpus's network goes, pairs that meet often close together."""
    import networkx as nx

    graph = whole.copy()
    for _, _, data in graph.edges(data=True):  # lay out by how much the pair has to do with each other
        data["closeness"] = float(data["events"])
    if graph.number_of_nodes() == 0:
        return {}
    layout = nx.spring_layout(graph, weight="closeness", seed=LAYOUT_SEED)
    return {key: (round(float(x), 4), round(float(y), 4)) for key, (x, y) in layout.items()}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else value


def dyad(
    state: WebState,
    a: str,
    b: str,
    *,
    freq: str = "M",
    directed: bool = False,
    level: str = "country",
    rule: Any = None,
    since: str | None = None,
    until: str | None = None,
) -> DyadSeries:
    """Cooperation and conflict between two actors, period by period, under the counting rule."""
    level = check_level(level)
    since, until = check_bound("since", since), check_bound("until", until)
    node_a, node_b = resolve(state, a, level), resolve(state, b, level)
    counting = rule if rule is not None else counting_rule()
    series = state.cached(("dyad", node_a.key, node_b.key, freq, directed, level, since, until, counting),
                          lambda: state.system().dyad(node_a.key, node_b.key, freq=freq, directed=directed,
                                                      level=level, since=since, until=until, rule=counting))
    from eirene.analysis.dyads import QUADS

    periods = []
    for period, row in series.frame.iterrows():
        values = row.to_dict()
        periods.append(DyadPeriod(
            period=period.date(), events=int(values.get("events", 0)), cooperation=int(values.get("cooperation", 0)),
            conflict=int(values.get("conflict", 0)), balance=int(values.get("balance", 0)),
            intensity_sum=float(values.get("intensity_sum", 0.0) or 0.0),
            intensity_mean=_number(values.get("intensity_mean")),
            quads={q: int(values.get(q, 0)) for q in QUADS},
            types={t: int(values[t]) for t in PLOVER_TYPES if t in values},
        ))
    return DyadSeries(a=node_model(node_a), b=node_model(node_b), freq=freq, directed=directed, level=level,
                      factuality=counting.factuality, periods=periods, undated=series.undated,
                      mentions=series.mentions, rule=rule_model(counting), **series.totals)


def claims(
    state: WebState,
    *,
    about: str | None,
    by: str | None,
    event_type: str | None,
    limit: int,
    offset: int,
    rule: Any = None,
) -> ClaimList:
    """Who claims what about whom, newest last (the actor system's order), with this page grouped."""
    from eirene.analysis.claims import group_claims

    about, by, event_type = blank(about), blank(by), blank(event_type)
    if event_type is not None:
        EventFilter(event_type=event_type)  # E406 for a type that is not PLOVER
        event_type = event_type.upper()
    if about is not None:
        resolve(state, about)
    if by is not None:
        resolve(state, by)
    counting = rule if rule is not None else counting_rule(factuality="all")
    system = state.system()
    total = state.cached(("claims-total", about, by, event_type, counting),
                         lambda: system.count_claims(about=about, by=by, event_type=event_type, rule=counting))
    page = state.cached(("claims", about, by, event_type, counting, limit, offset),
                        lambda: system.claims(about=about, by=by, event_type=event_type, limit=limit, offset=offset,
                                              rule=counting))
    groups = [ClaimGroupModel(**{**vars(g), "event_ids": list(g.event_ids)}) for g in group_claims(page)]
    return ClaimList(about=about, by=by, total=total, limit=limit, offset=offset,
                     claims=[_claim_model(c) for c in page], groups=groups)


def _claim_model(claim: Claim) -> ClaimModel:
    return ClaimModel.model_validate(claim, from_attributes=True)


def actor_profile(state: WebState, name: str, rule: Any = None) -> ActorProfileModel:
    """An actor's profile under the counting rule: counts, partners, adversaries, who it
    sides with and opposes, years and dated roles."""
    node = resolve(state, name)
    counting = rule if rule is not None else counting_rule()
    return state.kept(("profile", node.key, counting), lambda: _profile(state, node.key, counting),
                      ActorProfileModel)


def _profile(state: WebState, key: str, counting: Any) -> ActorProfileModel:
    profile = state.system().actor(key, rule=counting)
    return ActorProfileModel(
        node=node_model(profile.node), events=int(profile.events), events_as_actor=int(profile.events_as_actor),
        events_as_recipient=int(profile.events_as_recipient),
        partners=[PartnerModel(node=node_model(n), events=int(c)) for n, c in profile.partners],
        adversaries=[PartnerModel(node=node_model(n), events=int(c)) for n, c in profile.adversaries],
        by_year=[_year_model(y) for y in _years(profile.by_year)],
        roles=[_role_model(r) for r in profile.roles], undated=int(profile.undated),
        sides_with=[node_model(n) for n in profile.sides_with], opposes=[node_model(n) for n in profile.opposes],
        torn=[[node_model(a), node_model(b)] for a, b in profile.torn], bloc=int(profile.bloc),
        rule=rule_model(counting),
    )


def _years(by_year: Any) -> list[Any]:
    """by_year is {year: YearSummary}; the API lists the years in order."""
    if isinstance(by_year, dict):
        return [by_year[year] for year in sorted(by_year)]
    return list(by_year)


def _year_model(value: Any) -> YearModel:
    data = value if isinstance(value, dict) else vars(value)
    return YearModel(
        year=int(data["year"]), cooperation=int(data.get("cooperation", 0)), conflict=int(data.get("conflict", 0)),
        events=int(data.get("events", 0)),
        partners=[PartnerModel(node=node_model(n), events=int(c)) for n, c in data.get("partners") or []],
        adversaries=[PartnerModel(node=node_model(n), events=int(c)) for n, c in data.get("adversaries") or []],
    )


def _role_model(value: Any) -> RoleModel:
    data = value if isinstance(value, dict) else vars(value)
    return RoleModel(**{k: (str(v) if v is not None else None) for k, v in data.items() if k in RoleModel.model_fields})


def actor_search(state: WebState, q: str | None, *, level: str = "country", limit: int = 50) -> ActorList:
    """Nodes of the corpus whose key or name contains `q` (all when empty), busiest first."""
    level, q = check_level(level), blank(q)
    rule = counting_rule(factuality="all")
    whole = network(state, since=None, until=None, level=level, rule=rule)
    needle = (q or "").lower()
    found = [
        ActorMatch(key=n.key, name=n.name, country=n.country, kind=n.kind, events=n.events)
        for n in whole.nodes if not needle or needle in n.key.lower() or needle in n.name.lower()
    ]
    if q is not None and not found:
        try:
            node = state.system().resolve(q, level=level)
        except EireneError:
            node = None
        if node is not None:
            found = [ActorMatch(key=node.key, name=node.name, country=node.country, kind=node.kind, events=0)]
    found.sort(key=lambda m: (-m.events, m.name))
    return ActorList(q=q, level=level, actors=found[:limit])


def event_filter_of(filters: dict[str, str | None], *, limit: int | None = None, offset: int = 0) -> Any:
    """The store filter of an event list's query parameters (the page's and its downloads')."""
    dated = blank(filters.get("dated"))
    if dated not in (None, "yes", "no"):
        raise WebError(400, "E502", name="dated", value=dated, reason="use yes or no")
    confidence = blank(filters.get("min_confidence"))
    try:
        min_confidence = float(confidence) if confidence is not None else None
    except ValueError as exc:
        raise WebError(400, "E502", name="min_confidence", value=confidence, reason="use a number from 0 to 1") from exc
    return event_filter(
        actor=filters.get("actor"), recipient=filters.get("recipient"), event_type=filters.get("type"),
        quad=quad_of(filters.get("quad")), factuality=filters.get("factuality"), since=filters.get("since"),
        until=filters.get("until"), q=filters.get("q"), doc=filters.get("doc"), limit=limit, offset=offset,
        min_confidence=min_confidence, method=filters.get("method"),
        dated=None if dated is None else dated == "yes",
    )


def quad_of(value: str | None) -> int | None:
    value = blank(value)
    if value is None:
        return None
    if not value.isdigit() or int(value) > 4:
        raise WebError(400, "E502", name="quad", value=value, reason="use 1, 2, 3 or 4")
    return int(value)


def correction_model(c: Any) -> CorrectionModel:
    """A stored Correction as the API answers it."""
    return CorrectionModel(**{**vars(c), "summary": c.summary(), "active": c.active})
