"""Scenario inputs proposed from the actor system: position, salience and capability, with evidence.

For every actor active in the window (as_of - window .. as_of, nothing later is read):

    position    from its signed relations to each end's anchor actors: affinity to an end
                = (cooperative - conflictual events) / (all of them + prior); the actor sits
                at 0.5 + 0.25 (affinity to high - affinity to low) of the scale. Anchors sit
                at their end.
    salience    its share of attention to the issue's actors: of its events in the window,
                the share with one of them on the other side.
    capability  a state's index from national figures (capability.py); a non-state actor
                gets a share of its country's, flagged for the user to confirm.

Every number carries an Evidence: the events (ids) and figures it came from. The
result is ScenarioInputs, which inputs_to_yaml writes for the analyst to review and edit.

    >>> inputs = derive_inputs("eirene.duckdb", "examples/afghan-settlement.issue.yaml",
    ...                        as_of="2018-12-31", window="3y")
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eirene.analysis import ActorSystem, Node
from eirene.analysis import open as open_system
from eirene.analysis.network import happening_counts
from eirene.analysis.rule import CountingRule
from eirene.analysis.sql import counted_ctes, hap_pairs_cte
from eirene.errors import AnalysisError, ScenarioError
from eirene.scenario.capability import CapabilityIndex, load_figures
from eirene.scenario.inputs import ActorInput, Evidence, ScenarioInputs
from eirene.scenario.issue import Issue, load_issue
from eirene.scenario.rules import DerivationRules, load_rules

MAX_EVENT_IDS = 100  # evidence lists at most this many event ids per number (the count says how many)
WINDOW = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PairEvent:
    """One event between two nodes in the window (u < v), cooperative or conflictual."""

    event_id: str
    day: date
    u: str
    v: str
    quad_class: int | None

    @property
    def cooperative(self) -> bool:
        return self.quad_class in (1, 2)

    @property
    def conflictual(self) -> bool:
        return self.quad_class in (3, 4)


def window_bounds(as_of: str | date, window: str | int | timedelta) -> tuple[date, date]:
    """(since, until) of a window ending on as_of: "180d", "26w", "6m", "3y", a number of days or a timedelta.

    RAISES (ScenarioError E546): an unreadable date or window.
    """
    try:
        until = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of).strip())
    except ValueError:
        raise ScenarioError("E546", name="as_of", value=as_of, reason="write the date as YYYY-MM-DD") from None
    if isinstance(window, timedelta):
        days = window.days
    elif isinstance(window, int) and not isinstance(window, bool):
        days = window
    else:
        match = WINDOW.match(str(window))
        if not match:
            raise ScenarioError("E546", name="window", value=window, reason="write e.g. 180d, 26w, 6m or 3y")
        count, unit = int(match.group(1)), match.group(2).lower()
        if unit in "my":
            months = count * (12 if unit == "y" else 1)
            return _months_before(until, months) + timedelta(days=1), until
        days = count * (7 if unit == "w" else 1)
    if days < 1:
        raise ScenarioError("E546", name="window", value=window, reason="the window must be at least one day")
    return until - timedelta(days=days - 1), until


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def derive_inputs(system_or_db: ActorSystem | str | Path, issue: Issue | str | Path, as_of: str | date,
                  window: str | int | timedelta = "180d", *, level: str = "country",
                  factuality: str | None = "asserted", min_events: int = 1,
                  rules: DerivationRules | None = None) -> ScenarioInputs:
    """Propose inputs for `issue` from the events of as_of - window .. as_of.

    system_or_db: an open ActorSystem, or a database path (opened read-only and closed).
    issue: an Issue or the path of an issue file. min_events: leave out actors with fewer
    events in the window (anchors always stay).
    RAISES (ScenarioError): E544 a bad issue file, E546 a bad date, window or min_events,
    E547 an anchor the store does not know, or no events in the window.
    """
    if isinstance(min_events, bool) or not isinstance(min_events, int) or min_events < 1:
        raise ScenarioError("E546", name="min_events", value=min_events, reason="use a whole number >= 1")
    issue = issue if isinstance(issue, Issue) else load_issue(issue)
    since, until = window_bounds(as_of, window)
    if isinstance(system_or_db, ActorSystem):
        return _derive(system_or_db, issue, since, until, window, level, factuality, min_events, rules)
    with open_system(system_or_db) as system:
        return _derive(system, issue, since, until, window, level, factuality, min_events, rules)


def _derive(system: ActorSystem, issue: Issue, since: date, until: date, window: Any, level: str,
            factuality: str | None, min_events: int, rules: DerivationRules | None) -> ScenarioInputs:
    rules = rules or load_rules()
    low, high = (_resolve(system, issue, names, level) for names in (issue.low.anchors, issue.high.anchors))
    focus = _resolve(system, issue, issue.issue_actors, level)
    pairs = pair_events(system, since, until, level, factuality)
    if not pairs:
        kind = f"{factuality} " if factuality else ""
        raise ScenarioError("E547", issue=issue.name, reason=f"the store holds no {kind}events between two "
                            f"actors from {since} to {until}; widen the window or move as_of")
    totals = happening_counts(system.store, system.mapper, {p.u for p in pairs} | {p.v for p in pairs},
                              level=level, rule=CountingRule().with_factuality(factuality),
                              since=since.isoformat(), until=until.isoformat())
    keys = [k for k in sorted(totals, key=lambda k: (-totals[k], k)) if totals[k] >= min_events]
    keys += [k for k in (*low, *high) if k not in keys]
    nodes = {k: system.mapper.node(k) for k in keys}
    by_node = _events_by_node(pairs)
    index = CapabilityIndex(load_figures(), rules, until)
    states = {k: p for k in keys if nodes[k].kind == "state" and (p := index.state(k)) is not None}
    actors = []
    for key in keys:
        position, position_ev, position_confirm = _position(key, issue, low, high, by_node[key], nodes, rules)
        salience, salience_ev = _salience(key, focus, by_node[key], totals.get(key, 0), nodes, rules)
        capability = states.get(key) or index.non_state(nodes[key].kind, nodes[key].country,
                                                        (p.value for p in states.values()))
        unattended = salience_ev.figures["issue_events"] == 0 and (key in focus or not totals.get(key, 0))
        confirm = tuple(f for f, flag in (("capability", capability.confirm), ("position", position_confirm),
                                          ("salience", unattended)) if flag)
        actors.append(ActorInput(name=_name(nodes[key], nodes), key=key, capability=capability.value,
                                 position=position, salience=salience, confirm=confirm,
                                 evidence={"capability": capability.evidence, "position": position_ev,
                                           "salience": salience_ev}))
    ends = {"low": _end_text(issue.low.meaning, low, nodes), "high": _end_text(issue.high.meaning, high, nodes)}
    derived = {"database": system.store.location, "as_of": until.isoformat(), "since": since.isoformat(),
               "window": str(window), "level": level, "factuality": factuality, "events_read": len(pairs),
               "question": issue.question}
    return ScenarioInputs(actors=tuple(actors), scale=issue.scale, issue=issue.name, ends=ends, derived=derived)


def _resolve(system: ActorSystem, issue: Issue, names: Iterable[str], level: str) -> tuple[str, ...]:
    keys = []
    for name in names:
        try:
            keys.append(system.resolve(name, level).key)
        except AnalysisError as exc:
            raise ScenarioError("E547", issue=issue.name, reason=f"the anchor '{name}' is unknown ({exc.text})") \
                from exc
    return tuple(dict.fromkeys(keys))


def pair_events(system: ActorSystem, since: date, until: date, level: str = "country",
                factuality: str | None = "asserted") -> list[PairEvent]:
    """Every happening of the window between two distinct nodes, once per pair, counted as the
    actor system counts (eirene.analysis.rule: reports of one happening once); each carries
    the id of its first report."""
    rule = CountingRule().with_factuality(factuality)
    ctes, cte_params = counted_ctes(system.mapper, level, rule, since.isoformat(), until.isoformat())
    rows = system.store.query(
        f"WITH {ctes}, {hap_pairs_cte()}, "
        "und AS (SELECT DISTINCT happening, least(src, dst) AS u, greatest(src, dst) AS v FROM hpairs) "
        "SELECT e.id, hap.date, und.u, und.v, hap.quad_class FROM und JOIN hap ON hap.happening = und.happening "
        "JOIN events e ON e.seq = hap.first_seq ORDER BY hap.date, e.id, und.u, und.v",
        cte_params,
    )
    return [PairEvent(str(r["id"]), r["date"], r["u"], r["v"], r["quad_class"]) for r in rows]


def _events_by_node(pairs: list[PairEvent]) -> Mapping[str, list[tuple[str, PairEvent]]]:
    """node -> [(the other node, event)] for every pair event it is in."""
    out: dict[str, list[tuple[str, PairEvent]]] = defaultdict(list)
    for p in pairs:
        out[p.u].append((p.v, p))
        out[p.v].append((p.u, p))
    return out


def _position(key: str, issue: Issue, low: tuple[str, ...], high: tuple[str, ...],
              events: list[tuple[str, PairEvent]], nodes: Mapping[str, Node],
              rules: DerivationRules) -> tuple[float, Evidence, bool]:
    """The proposed position, its evidence, and whether the user must confirm it."""
    bottom, top = issue.scale
    for side, anchors, value in (("low", low, bottom), ("high", high, top)):
        if key in anchors:
            meaning = getattr(issue, side).meaning
            return value, Evidence(f"anchor of the {side} end ({meaning or 'issue file'})", proposed=value,
                                   figures={"anchor_of": side}), False
    tallies = {side: _tally(events, anchors, rules.prior_events) for side, anchors in (("low", low), ("high", high))}
    share = 0.5 + 0.25 * (tallies["high"]["affinity"] - tallies["low"]["affinity"])
    position = bottom + share * (top - bottom)
    parts = [f"with {_names(anchors, nodes)} ({side} end): {t['cooperative']} cooperative, "
             f"{t['conflictual']} conflictual events, affinity {t['affinity']:+.2f}"
             for side, anchors, t in (("low", low, tallies["low"]), ("high", high, tallies["high"]))]
    ids = sorted({i for t in tallies.values() for i in t["ids"]})
    unseen = not ids
    summary = "; ".join(parts) + f"; 0.5 + 0.25 x (high - low) = {share:.3f} of the scale"
    if unseen:
        summary += ". No relation to either end in the window: placed in the middle; the user must confirm"
    figures = {f"{side}_{name}": t[name] for side, t in tallies.items()
               for name in ("cooperative", "conflictual", "affinity")}
    figures.update(share_of_scale=share, events_total=len(ids))
    return position, Evidence(summary, proposed=position, event_ids=tuple(ids[:MAX_EVENT_IDS]),
                              figures=figures), unseen


def _tally(events: list[tuple[str, PairEvent]], anchors: tuple[str, ...], prior: float) -> dict[str, Any]:
    chosen = [e for other, e in events if other in anchors and (e.cooperative or e.conflictual)]
    cooperative = sum(e.cooperative for e in chosen)
    conflictual = sum(e.conflictual for e in chosen)
    denominator = cooperative + conflictual + prior
    affinity = (cooperative - conflictual) / denominator if denominator else 0.0
    return {"cooperative": cooperative, "conflictual": conflictual, "affinity": affinity,
            "ids": [e.event_id for e in chosen]}


def _salience(key: str, focus: tuple[str, ...], events: list[tuple[str, PairEvent]], total: int,
              nodes: Mapping[str, Node], rules: DerivationRules) -> tuple[float, Evidence]:
    others = tuple(k for k in focus if k != key)
    ids = sorted({e.event_id for other, e in events if other in others})
    denominator = total + rules.salience_prior
    salience = len(ids) / denominator if total else 0.0
    summary = (f"{len(ids)} of its {total} events in the window involve the issue's actors "
               f"({_names(others, nodes)}): {len(ids)} / ({total} + {rules.salience_prior:g}) = {salience:.2f}")
    if not total:
        summary = "no events in the window: salience 0; the user must confirm"
    elif not ids and key in focus:
        summary += ". An issue actor with no event with the others in the window: the user must confirm"
    return salience, Evidence(summary, proposed=salience, event_ids=tuple(ids[:MAX_EVENT_IDS]),
                              figures={"issue_events": len(ids), "events": total, "prior": rules.salience_prior})


def _names(keys: Iterable[str], nodes: Mapping[str, Node]) -> str:
    return ", ".join(nodes[k].name if k in nodes else k for k in keys) or "none"


def _name(node: Node, nodes: Mapping[str, Node]) -> str:
    """The node's name, with its key when another node shares the name."""
    clash = sum(1 for n in nodes.values() if n.name == node.name) > 1
    return f"{node.name} ({node.key})" if clash else node.name


def _end_text(meaning: str, anchors: tuple[str, ...], nodes: Mapping[str, Node]) -> str:
    return f"{meaning} (anchors: {_names(anchors, nodes)})" if meaning else f"anchors: {_names(anchors, nodes)}"
