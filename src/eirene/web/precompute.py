"""Compute once, and keep in the store, the answers the analysis pages need.

Why: at a million events the whole corpus's network (with its blocs and their
resampled stability) and each actor's profile take minutes, so a server that computed
them on the first request would answer it 503. `eirene precompute` computes what the
overview, the actor list, the actor profiles and the network (whole corpus and each
year, as the time slider asks) show under the default counting rule, and keeps it in
the store's analysis_snapshots under the data's stamp: every server over that data,
read-only ones too, then reads small rows. A write moves the stamp, and the next
precompute (or a writable server, as it answers) keeps fresh answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eirene.web import queries
from eirene.web.mapping import FILTERS, map_places
from eirene.web.models import StatsModel
from eirene.web.state import WebState

#: Actor profiles precomputed, busiest actors first (the others are computed when asked).
PROFILES = 200


@dataclass
class Precomputed:
    """What `precompute` kept: one name per answer, and the data's stamp."""

    stamp: str
    answers: list[str] = field(default_factory=list)


def precompute(state: WebState, *, profiles: int = PROFILES,
               progress: Callable[[str], None] = lambda _: None) -> Precomputed:
    """Compute (or find kept) the standard analysis answers of `state`'s store.

    state: a WebState whose store is writable (else the answers stay in memory only).
    profiles: how many actor profiles, busiest first. progress: told each answer's name.
    """
    done = Precomputed(stamp=state.stamp())

    def step(name: str, compute: Callable[[], object]) -> None:
        progress(name)
        compute()
        done.answers.append(name)

    rule = queries.counting_rule()
    step("stats", lambda: (state.kept(("stats", 10), lambda: queries.stats(state.store), StatsModel),
                           state.kept(("stats", 1), lambda: queries.stats(state.store, top=1), StatsModel)))
    step("network", lambda: queries.network(state, since=None, until=None, rule=rule))
    step("actor list", lambda: queries.network(state, since=None, until=None, rule=queries.counting_rule("all")))
    step("map", lambda: map_places(state, {name: None for name in FILTERS}))
    for year in _years(state):
        step(f"network {year}", lambda y=str(year): queries.network(state, since=y, until=y, rule=rule))
    whole = queries.network(state, since=None, until=None, rule=rule)
    for node in whole.nodes[:profiles]:
        step(f"profile {node.key}", lambda key=node.key: queries.actor_profile(state, key, rule))
    return done


def _years(state: WebState) -> list[int]:
    """The years of the corpus's dated events, first to last."""
    span = state.store.query("SELECT min(date) AS first, max(date) AS last FROM events")[0]
    if span["first"] is None:
        return []
    return list(range(span["first"].year, span["last"].year + 1))


def precompute_file(db: str | Path, *, profiles: int = PROFILES,
                    progress: Callable[[str], None] = lambda _: None) -> Precomputed:
    """Open `db` for writing, precompute its answers into it, close it."""
    state = WebState(db, token=None, max_upload_bytes=0, query_time_limit=None, read_only=False)
    try:
        return precompute(state, profiles=profiles, progress=progress)
    finally:
        state.close()
