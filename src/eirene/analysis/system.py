"""ActorSystem: the actor system described by a store's events, as one Python object.

    >>> import eirene
    >>> with eirene.open("eirene.duckdb") as system:
    ...     monthly = system.dyad("Russia", "Pakistan", freq="M").frame
    ...     graph = system.network(since="2018", until="2018").graph
    ...     claims = system.claims(about="Russia", event_type="AID")

Why one object: the CLI, the web app, the exports and the report ask the same
questions (who, with whom, on whose word), and must get the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from eirene.actors.kb import KnowledgeBase
from eirene.analysis.alignment import Alignment, position
from eirene.analysis.claims import claim_count, claim_ids, claim_of, denial_of
from eirene.analysis.dyads import DyadSeries, dyad_mentions, dyad_series
from eirene.analysis.network import ActorNetwork, Bloc, BlocChange, bloc_changes, blocs_of, build_network
from eirene.analysis.nodes import Node, NodeMapper, check_level
from eirene.analysis.profiles import ActorProfile, build_profile
from eirene.analysis.rule import CountingRule
from eirene.analysis.ties import TieRule
from eirene.errors import AnalysisError
from eirene.records import ActorRef, Claim, Event
from eirene.store.base import EventFilter, Store
from eirene.store.stats import StoreStats

Names = str | Sequence[str]
_UNSET: Any = object()  # `factuality` not passed: the rule decides


class ActorSystem:
    """Queries over the actor system of one store; every aggregation runs as SQL in the store.

    store (Store): an open store; it is closed by `close()` only when this object opened it.
    kb (KnowledgeBase | None): names nodes and resolves names; the built-in one by default.
    tie_rule (TieRule | None): when a tie counts as evidence (ties.py); resamples / seed:
        the stability run of the blocs (alignment.py). Networks are kept per query, so
        make a new ActorSystem after the store changes.
    """

    def __init__(self, store: Store, kb: KnowledgeBase | None = None, *, owns_store: bool = False,
                 tie_rule: TieRule | None = None, resamples: int = 200, seed: int = 0) -> None:
        self.store = store
        self.tie_rule = tie_rule or TieRule()
        self.resamples = resamples
        self.seed = seed
        self._cache: dict[Any, Any] = {}
        self.kb = kb or KnowledgeBase.load()
        self._owns = owns_store
        people = store.query(
            "SELECT DISTINCT actor_id FROM event_actors WHERE kind = 'person' AND actor_id IS NOT NULL"
        )
        self.mapper = NodeMapper.for_people(self.kb, (r["actor_id"] for r in people))

    # -- lifetime ---------------------------------------------------------------
    def close(self) -> None:
        """Close the store if `eirene.open` opened it."""
        if self._owns:
            self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ActorSystem({self.store!r})"

    # -- nodes ------------------------------------------------------------------
    def node_of(self, ref: ActorRef, level: str = "country") -> Node | None:
        """The node an event's actor belongs to at `level`, or None (no id, no country)."""
        return self.mapper.node_of(ref, level)

    def resolve(self, name: str, level: str = "country") -> Node:
        """The node a user means: canonical name, alias, actor id, ISO3 code or country name.

        RAISES (AnalysisError E520): no actor of that name in the knowledge base or the store.
        """
        check_level(level)
        if not isinstance(name, str) or not name.strip():
            raise AnalysisError("E520", value=name, where="")
        entry = self.mapper.entry_for(name)
        if entry is not None:
            return self.mapper.entry_node(entry, level)
        needle = name.strip().lower()
        rows = self.store.query(
            "SELECT actor_id, country, sector, kind, any_value(name) AS name, count(*) AS n FROM event_actors "
            "WHERE lower(name) = ? OR lower(actor_id) = ? OR lower(text) = ? "
            "GROUP BY actor_id, country, sector, kind ORDER BY n DESC, actor_id NULLS LAST LIMIT 1",
            [needle, needle, needle],
        )
        if rows:
            row = rows[0]
            key = self.mapper.key_of(row["actor_id"], row["country"], row["sector"], row["kind"], level)
            if key is not None:
                return self.mapper.node(key, fallback_name=row["name"], fallback_country=row["country"],
                                        fallback_kind=row["kind"])
        raise AnalysisError("E520", value=name.strip(), where=" in the knowledge base or in " + self.store.location)

    def _keys(self, names: Names, level: str) -> list[str]:
        """Node keys of one name or a list of names (a group)."""
        items = [names] if isinstance(names, str) else list(names)
        if not items:
            raise AnalysisError("E521", name="actors", value=names, reason="name at least one actor")
        return list(dict.fromkeys(self.resolve(n, level).key for n in items))

    # -- queries ----------------------------------------------------------------
    def events(self, **filters: Any) -> list[Event]:
        """The stored events matching EventFilter fields (actor, recipient, event_type, since, ...)."""
        return self.store.events(EventFilter(**filters))

    def rule(self, rule: CountingRule | None = None, factuality: str | None | object = _UNSET) -> CountingRule:
        """The counting rule a query uses: `rule` as given, else the default rule with
        `factuality` (the older single option; None: every factuality)."""
        if rule is not None:
            return rule
        if factuality is _UNSET:
            return CountingRule()
        return CountingRule().with_factuality(factuality)  # type: ignore[arg-type]

    def dyad(self, a: Names, b: Names, freq: str = "M", directed: bool = False, level: str = "country",
             factuality: str | None | object = _UNSET, since: str | None = None,
             until: str | None = None, rule: CountingRule | None = None) -> DyadSeries:
        """Period-by-period happenings between `a` and `b` (names or lists of names), in
        `.frame`; see dyads.dyad_series.

        RAISES (AnalysisError): E520 an unknown name, E521 a bad option, E522 a and b are one node.
        """
        a_keys, b_keys = self._pair(a, b, level)
        return dyad_series(self.store, self.mapper, a_keys, b_keys, freq=freq, directed=directed, level=level,
                           rule=self.rule(rule, factuality), since=since, until=until)

    def dyad_events(self, a: Names, b: Names, directed: bool = False, level: str = "country",
                    since: str | None = None, until: str | None = None,
                    rule: CountingRule | None = None) -> list[tuple[Event, str]]:
        """The events a dyad counts, each with its happening key (mentions of one happening share it)."""
        found = self.dyad_mention_keys(a, b, directed=directed, level=level, since=since, until=until, rule=rule)
        events = {e.id: e for e in self.load_events([i for i, _ in found])}
        return [(events[i], key) for i, key in found if i in events]

    def dyad_mention_keys(self, a: Names, b: Names, directed: bool = False, level: str = "country",
                          since: str | None = None, until: str | None = None,
                          rule: CountingRule | None = None) -> list[tuple[str, str]]:
        """(event id, happening key) of every event the dyad counts, in order, loading no
        event: a page of evidence loads only its own events (`load_events`)."""
        a_keys, b_keys = self._pair(a, b, level)
        return dyad_mentions(self.store, self.mapper, a_keys, b_keys, directed=directed, level=level,
                             rule=self.rule(rule), since=since, until=until)

    def _pair(self, a: Names, b: Names, level: str) -> tuple[list[str], list[str]]:
        a_keys, b_keys = self._keys(a, level), self._keys(b, level)
        if set(a_keys) == set(b_keys):
            raise AnalysisError("E522", a=a, b=b, key=", ".join(a_keys), level=level)
        return a_keys, b_keys

    def network(self, since: str | None = None, until: str | None = None, level: str = "country",
                factuality: str | None | object = _UNSET, min_events: int = 1,
                rule: CountingRule | None = None, tie_rule: TieRule | None = None) -> ActorNetwork:
        """The signed, weighted network of the window, with each node's bloc, in `.graph`,
        and the alignment behind the blocs in `.alignment`; see network.build_network."""
        check_level(level)
        counting = self.rule(rule, factuality)
        key = ("network", since, until, level, counting, min_events, tie_rule or self.tie_rule)
        if key not in self._cache:
            graph, alignment = build_network(self.store, self.mapper, since=since, until=until, level=level,
                                             rule=counting, min_events=min_events,
                                             tie_rule=tie_rule or self.tie_rule, resamples=self.resamples,
                                             seed=self.seed)
            self._cache[key] = ActorNetwork(since=since, until=until, level=level, factuality=counting.factuality,
                                            min_events=min_events, graph=graph, rule=counting, alignment=alignment)
        return self._cache[key]

    def alignment(self, since: str | None = None, until: str | None = None, level: str = "country",
                  rule: CountingRule | None = None) -> Alignment:
        """The window's blocs, their stability, the ties they rest on and the unassigned."""
        alignment = self.network(since, until, level=level, rule=rule).alignment
        assert alignment is not None
        return alignment

    def blocs(self, since: str | None = None, until: str | None = None, level: str = "country",
              factuality: str | None | object = _UNSET, min_events: int = 1,
              rule: CountingRule | None = None) -> list[Bloc]:
        """The blocs of the window's significant ties, largest first."""
        network = self.network(since, until, level=level, factuality=factuality, min_events=min_events, rule=rule)
        assert network.alignment is not None
        return blocs_of(network.alignment, self.mapper)

    def bloc_changes(self, first: tuple[str | None, str | None], second: tuple[str | None, str | None],
                     level: str = "country", factuality: str | None | object = _UNSET,
                     rule: CountingRule | None = None) -> list[BlocChange]:
        """Who changed sides between two windows, each given as (since, until)."""
        before = self.network(*first, level=level, factuality=factuality, rule=rule).graph
        after = self.network(*second, level=level, factuality=factuality, rule=rule).graph
        return bloc_changes(before, after, self.mapper)

    def sides_with(self, name: str, since: str | None = None, until: str | None = None,
                   level: str = "country", rule: CountingRule | None = None) -> list[Node]:
        """The actors `name` has significant positive ties with in the window (see alignment.position)."""
        key = self.resolve(name, level).key
        return [self.mapper.node(k) for k in position(self.alignment(since, until, level, rule), key).sides_with]

    def claims(self, about: Names | None = None, by: Names | None = None, event_type: str | None = None,
               since: str | None = None, until: str | None = None, level: str = "country",
               limit: int | None = None, offset: int = 0, rule: CountingRule | None = None) -> list[Claim]:
        """Allegations, attributed events and accusations; `about` the accused, `by` the claimant.

        rule: which events count (its factualities are ignored: a claim is alleged or
        attributed by definition). limit / offset page through the claims (ordered by
        date, document, position).
        """
        ids = claim_ids(self.store, self.mapper, about=self._maybe_keys(about, level),
                        by=self._maybe_keys(by, level), event_type=event_type, level=level,
                        since=since, until=until, limit=limit, offset=offset, rule=self.rule(rule))
        return [claim_of(e, self.mapper, self.kb) for e in self.load_events(ids)]

    def count_claims(self, about: Names | None = None, by: Names | None = None, event_type: str | None = None,
                     since: str | None = None, until: str | None = None, level: str = "country",
                     denials: bool = False, rule: CountingRule | None = None) -> int:
        """How many claims (or denials) match, without loading them."""
        return claim_count(self.store, self.mapper, about=self._maybe_keys(about, level),
                           by=self._maybe_keys(by, level), event_type=event_type, level=level, since=since,
                           until=until, denials=denials, rule=self.rule(rule))

    def denials(self, by: Names | None = None, about: Names | None = None, event_type: str | None = None,
                since: str | None = None, until: str | None = None, level: str = "country",
                limit: int | None = None, offset: int = 0, rule: CountingRule | None = None) -> list[Claim]:
        """What actors deny or refuse: negated events and REJECT events, `by` the denier
        (non-answers such as "declined to comment" are not denials)."""
        ids = claim_ids(self.store, self.mapper, about=self._maybe_keys(about, level),
                        by=self._maybe_keys(by, level), event_type=event_type, denials=True, level=level,
                        since=since, until=until, limit=limit, offset=offset, rule=self.rule(rule))
        return [denial_of(e) for e in self.load_events(ids)]

    def actor(self, name: str, level: str | None = None, factuality: str | None | object = _UNSET,
              since: str | None = None, until: str | None = None, top: int = 5,
              rule: CountingRule | None = None) -> ActorProfile:
        """The profile of one actor. level None: a person or organisation named as such is
        profiled as itself (actor level), anything else at country level. Its sides_with
        and opposes come from the significant ties of the same window and rule."""
        if level is None:
            entry = self.mapper.entry_for(name)
            level = "actor" if entry is not None and entry.kind in ("person", "org") else "country"
        node = self.resolve(name, level)
        counting = self.rule(rule, factuality)
        alignment = self.alignment(since, until, level=level, rule=counting)
        return build_profile(self.store, self.mapper, node, level=level, rule=counting, since=since, until=until,
                             top=top, position=position(alignment, node.key), bloc=alignment.bloc_of(node.key))

    def stats(self) -> StoreStats:
        """The store's summary counts (documents, events, top actors, date range ...)."""
        return self.store.stats()

    # -- helpers ----------------------------------------------------------------
    def _maybe_keys(self, names: Names | None, level: str) -> list[str] | None:
        return None if names is None else self._keys(names, level)

    def load_events(self, ids: list[str]) -> list[Event]:
        """The stored events of these ids, in this order (missing ones left out)."""
        return self.store.events_by_id(ids)


def open(location: str | Path | None = None, kb: KnowledgeBase | None = None) -> ActorSystem:  # noqa: A001
    """Open a database read-only as an ActorSystem (closed with it). RETURNS (ActorSystem).

    location: a DuckDB file (or None for $EIRENE_DB / eirene.duckdb), as for open_store.
    """
    from eirene.store import open_store

    store = open_store(location, read_only=True)
    try:
        return ActorSystem(store, kb, owns_store=True)
    except BaseException:
        store.close()
        raise
