"""Nodes of the actor system: which actor of an event counts as which node.

Why a mapping of its own: "Pakistan's army", "the ISI" and "Khawaja Asif" all act for
Pakistan, so at country level they are one node "PAK", while the Taliban stay a node
of their own. The same rule exists twice, as Python (`NodeMapper.node_of`, for one
ActorRef) and as a SQL expression (`NodeMapper.sql`, for millions of stored rows);
tests check that both agree. The sector lists live in eirene/data/analysis/nodes.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from eirene.actors.kb import ActorEntry, KnowledgeBase, normalize_alias
from eirene.errors import AnalysisError
from eirene.knowledge_files import load_knowledge_file
from eirene.records import ActorRef

Level = Literal["country", "actor"]
LEVELS: tuple[str, ...] = ("country", "actor")
NODES_FILE = Path(__file__).resolve().parent.parent / "data" / "analysis" / "nodes.yaml"


@dataclass(frozen=True)
class Node:
    """One node of the actor system.

    key (str): ISO3 code for a country node ("PAK"), else the knowledge-base id ("taliban").
    name (str): a readable name ("Pakistan", "Taliban").
    country (str | None): the node's country, None for IGOs and stateless groups.
    kind (str): state, igo, armed_group, org, person or group.
    """

    key: str
    name: str
    country: str | None
    kind: str


@dataclass(frozen=True)
class NodeRules:
    """The lists of nodes.yaml: which sectors act for a state, which kinds stay apart."""

    state_sectors: tuple[str, ...]
    own_node_kinds: tuple[str, ...]


@lru_cache(maxsize=4)
def load_rules(path: Path = NODES_FILE) -> NodeRules:
    """Read nodes.yaml (cached). RAISES (AnalysisError E529): the file is unreadable."""
    try:
        data = load_knowledge_file(path, code="E529", error=AnalysisError) or {}
        return NodeRules(
            state_sectors=tuple(str(s) for s in data["state_sectors"]),
            own_node_kinds=tuple(str(k) for k in data["own_node_kinds"]),
        )
    except (KeyError, TypeError) as exc:
        raise AnalysisError("E529", path=str(path), reason=str(exc).splitlines()[0]) from exc


def check_level(level: str) -> str:
    """RAISES (AnalysisError E521): the level is not "country" or "actor"."""
    if level not in LEVELS:
        raise AnalysisError("E521", name="level", value=level, reason="use 'country' or 'actor'")
    return level


def org_of(entry: ActorEntry, rules: NodeRules) -> str | None:
    """The organisation a person's latest non-state role belongs to ("taliban"), or None."""
    if entry.kind != "person":
        return None
    with_org = [r for r in entry.roles if r.org and r.sector not in rules.state_sectors]
    if not with_org:
        return None
    return max(with_org, key=lambda r: r.start or date.min).org


class NodeMapper:
    """Maps actors (refs, stored rows, names) to nodes, with the knowledge base for names.

    kb (KnowledgeBase): names nodes and resolves what users type.
    person_orgs (dict[str, str]): person id -> the organisation id of their dated roles
        (e.g. "akhtar-mansour" -> "taliban"): at country level a non-state person is
        the node of the group they lead.
    """

    def __init__(self, kb: KnowledgeBase, person_orgs: dict[str, str] | None = None,
                 rules: NodeRules | None = None) -> None:
        self.kb = kb
        self.rules = rules or load_rules()
        self.person_orgs = dict(person_orgs or {})

    @classmethod
    def for_people(cls, kb: KnowledgeBase, person_ids: Iterable[str]) -> "NodeMapper":
        """A mapper whose person -> organisation table covers `person_ids` (those in a store)."""
        orgs: dict[str, str] = {}
        for pid in person_ids:
            entry = kb.get(pid)
            org = org_of(entry, load_rules()) if entry is not None else None
            if org is not None:
                orgs[pid] = org
        return cls(kb, orgs)

    # -- one actor --------------------------------------------------------------
    def key_of(self, actor_id: str | None, country: str | None, sector: str | None, kind: str | None,
               level: str = "country") -> str | None:
        """The node key of one actor's fields (the same rule as `sql`), or None (left out)."""
        if level == "actor":
            return actor_id or country
        if kind == "state":
            return country or actor_id
        if actor_id and kind in self.rules.own_node_kinds:
            return actor_id
        if sector in self.rules.state_sectors and country:
            return country
        if actor_id:
            return self.person_orgs.get(actor_id, actor_id)
        return country

    def node_of(self, ref: ActorRef, level: str = "country") -> Node | None:
        """The node an event's actor belongs to, or None when it has neither id nor country."""
        key = self.key_of(ref.actor_id, ref.country, ref.sector, ref.kind, check_level(level))
        if key is None:
            return None
        return self.node(key, fallback_name=ref.name if key == ref.actor_id else None,
                         fallback_country=ref.country, fallback_kind=ref.kind)

    def node(self, key: str, *, fallback_name: str | None = None, fallback_country: str | None = None,
             fallback_kind: str | None = None) -> Node:
        """The Node for a key: named from the knowledge base, else from the fallbacks."""
        entry = self.kb.get(key)
        if entry is not None:
            return Node(key, entry.name, entry.country, entry.kind)
        if len(key) == 3 and key.isupper():
            return Node(key, key, key, "state")
        return Node(key, fallback_name or key, fallback_country, fallback_kind or "group")

    # -- SQL ----------------------------------------------------------------------
    def sql(self, alias: str = "a", level: str = "country") -> tuple[str, list[Any]]:
        """A SQL expression over event_actors `alias` giving the node key, and its parameters."""
        a = alias
        if check_level(level) == "actor":
            return f"coalesce({a}.actor_id, {a}.country)", []
        params: list[Any] = []
        own = ", ".join("?" for _ in self.rules.own_node_kinds)
        params += list(self.rules.own_node_kinds)
        sectors = ", ".join("?" for _ in self.rules.state_sectors)
        params += list(self.rules.state_sectors)
        person = f"{a}.actor_id"
        if self.person_orgs:
            cases = " ".join("WHEN ? THEN ?" for _ in self.person_orgs)
            for pid, org in sorted(self.person_orgs.items()):
                params += [pid, org]
            person = f"CASE {a}.actor_id {cases} ELSE {a}.actor_id END"
        expr = (
            f"CASE WHEN {a}.kind = 'state' THEN coalesce({a}.country, {a}.actor_id) "
            f"WHEN {a}.actor_id IS NOT NULL AND {a}.kind IN ({own}) THEN {a}.actor_id "
            f"WHEN {a}.sector IN ({sectors}) AND {a}.country IS NOT NULL THEN {a}.country "
            f"WHEN {a}.actor_id IS NOT NULL THEN {person} "
            f"ELSE {a}.country END"
        )
        return expr, params

    # -- names --------------------------------------------------------------------
    def entry_for(self, name: str) -> ActorEntry | None:
        """The knowledge-base entry a user means by `name`: id, ISO3 code, name or alias."""
        text = name.strip()
        for candidate in (text, text.upper(), text.lower()):
            entry = self.kb.get(candidate)
            if entry is not None:
                return entry
        hits = self.kb.lookup(text)
        if not hits:
            return None
        exact = [h for h in hits if normalize_alias(h.entry.name) == normalize_alias(text)]
        return (exact or hits)[0].entry

    def entry_node(self, entry: ActorEntry, level: str = "country") -> Node:
        """The node of a knowledge-base entry as it stands in the entry (its own sector)."""
        key = self.key_of(entry.id, entry.country, entry.sector, entry.kind, check_level(level))
        if level == "country" and key == entry.id and entry.id not in self.person_orgs:
            key = org_of(entry, self.rules) or key  # a person not in the store: the same rule as for one in it
        return self.node(key or entry.id)
