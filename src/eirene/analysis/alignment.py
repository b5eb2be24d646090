"""Alignments: blocs from the significant ties, how stable they are, who stays unassigned.

Method (docs/analysis.md says more). The significant ties (see ties.py) form a signed
graph. Within each of its connected parts, actors are split into blocs so as to
minimise the *frustration* of structural balance (Heider; Cartwright & Harary 1956):
the weight of negative ties inside blocs plus the weight of positive ties between
blocs. The search follows Doreian & Mrvar's relocation algorithm ("A partitioning
approach to structural balance", Social Networks 18, 1996): from several seeded
random starts, and from the groups joined by positive ties, move one actor at a time
to the bloc (or a new bloc) that lowers the frustration most, until no move helps.
Parts of up to EXACT_UP_TO actors are solved exactly, by trying every partition. Ties:
the fewest blocs win, then the first in canonical order, so the answer is deterministic.

Actors in different parts share no evidence, so they are never put in one bloc. An
actor with no significant tie is unassigned, with the reason. When no significant tie
is negative there are no opposing camps, only groups that cooperate; `opposed` is
False and the note says so.

Stability: the happenings are resampled with replacement (`resamples` times, seeded),
the ties measured and the blocs found again. A bloc's stability is its mean best
Jaccard overlap with the blocs of the resamples (Hennig 2007, "Cluster-wise assessment
of cluster stability"; above 0.75 is stable, below 0.5 dissolves). An actor's
membership strength is the share of resamples in which it sits in the bloc that best
matches its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from eirene.analysis.ties import Measured, Tie, TieData, TieRule, measure, ties_from

EXACT_UP_TO = 6
STARTS = 8


@dataclass(frozen=True)
class BlocMember:
    """One actor of a bloc and how firmly it belongs (share of resamples, 0 to 1)."""

    key: str
    strength: float


@dataclass(frozen=True)
class AlignedBloc:
    """One bloc: actors on one side, its stability and the blocs it is opposed to.

    id: 0 for the largest. members: keys with membership strength. stability: mean best
    Jaccard overlap over the resamples (1.0 = found whole every time). opposed_to: ids
    of blocs it has significant negative ties with. frustrated: negative ties inside it
    (pairs of keys) that the partition could not avoid.
    """

    id: int
    members: tuple[BlocMember, ...]
    stability: float
    opposed_to: tuple[int, ...] = ()
    frustrated: tuple[tuple[str, str], ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(m.key for m in self.members)


@dataclass(frozen=True)
class Alignment:
    """The blocs of a window, the actors left out, and what the picture rests on.

    blocs: largest first. unassigned: key -> why it is in no bloc. ties: every measured
    tie (significant first). opposed: whether any significant tie is negative.
    frustration: the weight the partition leaves unbalanced. resamples / seed: the
    stability run. note: the one-line summary a page or the CLI shows.
    """

    blocs: tuple[AlignedBloc, ...]
    unassigned: dict[str, str]
    ties: tuple[Tie, ...]
    opposed: bool
    frustration: float
    resamples: int
    seed: int
    note: str
    tie_rule: TieRule = field(default_factory=TieRule)

    def bloc_of(self, key: str) -> int:
        """The id of `key`'s bloc, or -1 when it is in none."""
        for bloc in self.blocs:
            if key in bloc.keys:
                return bloc.id
        return -1

    def strength_of(self, key: str) -> float | None:
        for bloc in self.blocs:
            for member in bloc.members:
                if member.key == key:
                    return member.strength
        return None

    def significant(self) -> list[Tie]:
        return [t for t in self.ties if t.significant]


def align(data: TieData, tie_rule: TieRule = TieRule(), *, resamples: int = 200, seed: int = 0) -> Alignment:
    """The blocs of the measured ties, with their stability over `resamples` resamplings."""
    measured = measure(data, tie_rule)
    ties = tuple(ties_from(data, measured, tie_rule))
    groups = blocs_of(data, measured)
    rng = np.random.default_rng(seed)
    hint = {key: i for i, group in enumerate(groups) for key in group}
    replicate_blocs = [blocs_of(data, measure(data, tie_rule, times), hint) for times in _draws(data, resamples, rng)]
    blocs = _described(groups, ties, replicate_blocs)
    assigned = {key for group in groups for key in group}
    unassigned = {key: _why_unassigned(key, ties) for key in sorted(set(data.nodes) - assigned)}
    opposed = any(t.sign < 0 for t in ties)
    frustration = sum(abs(t.excess) for t in ties if t.sign < 0 and _same(groups, t.u, t.v))
    frustration += sum(abs(t.excess) for t in ties if t.sign > 0 and not _same(groups, t.u, t.v))
    return Alignment(blocs=blocs, unassigned=unassigned, ties=ties, opposed=opposed,
                     frustration=round(frustration, 4), resamples=resamples, seed=seed,
                     note=_note(blocs, unassigned, ties, opposed), tie_rule=tie_rule)


def _draws(data: TieData, resamples: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    n = data.happenings
    for _ in range(resamples if n else 0):
        yield np.bincount(rng.integers(0, n, size=n), minlength=n)


def blocs_of(data: TieData, measured: Measured, hint: dict[str, int] | None = None) -> list[frozenset[str]]:
    """The blocs of one measurement: a frustration-minimising partition of each part.

    hint: key -> bloc of a nearby solution (the full data's, for a resample): large parts
    are then searched from it alone and from the positive-tie groups.
    """
    graph = nx.Graph()
    for i, (u, v) in enumerate(data.pairs):
        if measured.sign[i] != 0:
            graph.add_edge(u, v, w=float(measured.sign[i]) * max(abs(float(measured.excess[i])), 1e-6))
    found: list[frozenset[str]] = []
    for part in nx.connected_components(graph):
        keys = sorted(part)
        weights = np.zeros((len(keys), len(keys)))
        index = {k: i for i, k in enumerate(keys)}
        for u, v, d in graph.subgraph(part).edges(data=True):
            weights[index[u], index[v]] = weights[index[v], index[u]] = d["w"]
        start = None if hint is None else np.array([hint.get(k, len(keys) + i) for i, k in enumerate(keys)])
        labels = partition(weights, start)
        for label in sorted(set(labels)):
            found.append(frozenset(k for k, lab in zip(keys, labels) if lab == label))
    return sorted(found, key=lambda g: (-len(g), sorted(g)))


def frustration(weights: np.ndarray, labels: np.ndarray) -> float:
    """Negative weight inside blocs plus positive weight between them (each pair once)."""
    same = labels[:, None] == labels[None, :]
    inside = np.where(same & (weights < 0), -weights, 0.0).sum()
    across = np.where(~same & (weights > 0), weights, 0.0).sum()
    return float(inside + across) / 2


def partition(weights: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
    """Bloc labels (0, 1, ...) minimising frustration for a signed weight matrix.

    start: labels of a nearby solution; a large part is then searched from it (and the
    positive-tie groups) instead of from random starts.
    """
    n = len(weights)
    if not (weights < 0).any():  # nothing to balance: the part is one bloc
        return np.zeros(n, dtype=int)
    if n <= EXACT_UP_TO:
        candidates = (np.array(p) for p in _set_partitions(n))
    else:
        candidates = _relocated(weights, start)
    best: tuple[float, int, tuple[int, ...]] | None = None
    for labels in candidates:
        canon = _canonical(labels)
        key = (round(frustration(weights, np.array(canon)), 9), len(set(canon)), canon)
        if best is None or key < best:
            best = key
    assert best is not None
    return np.array(best[2])


def _set_partitions(n: int) -> Iterator[list[int]]:
    """Every partition of n items as restricted-growth label lists."""
    def grow(prefix: list[int], top: int) -> Iterator[list[int]]:
        if len(prefix) == n:
            yield prefix
            return
        for label in range(top + 2):
            yield from grow([*prefix, label], max(top, label))
    yield from grow([0], 0) if n else iter([[]])


def _relocated(weights: np.ndarray, hint: np.ndarray | None = None) -> Iterator[np.ndarray]:
    """Local optima of the relocation algorithm from the positive-tie groups and from
    seeded random starts (or, given a hint, from the hint instead of random starts)."""
    n = len(weights)
    rng = np.random.default_rng(n)
    positive = nx.Graph()
    positive.add_nodes_from(range(n))
    positive.add_edges_from(zip(*np.nonzero(np.triu(weights > 0))))
    start = np.zeros(n, dtype=int)
    for label, part in enumerate(sorted(nx.connected_components(positive), key=min)):
        start[list(part)] = label
    if hint is not None:
        starts = [start, np.array(_canonical(hint))]
    else:
        starts = [start, *(rng.integers(0, k, size=n) for k in (2, 3, 4) for _ in range(STARTS))]
    for labels in starts:
        yield _relocate(weights, labels.copy(), rng)


def _relocate(weights: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Move single actors to the bloc that lowers frustration most until none does."""
    pos, neg = np.clip(weights, 0, None), np.clip(-weights, 0, None)
    for _ in range(100):
        moved = False
        for i in rng.permutation(len(labels)):
            options = np.arange(labels.max() + 2)  # every bloc, empty or not, and a new one
            member = labels[None, :] == options[:, None]
            member[:, i] = False
            cost = member @ neg[i] + pos[i].sum() - member @ pos[i]
            best = options[int(np.argmin(cost))]
            if cost[labels[i]] - cost.min() > 1e-9 and best != labels[i]:
                labels[i] = best
                moved = True
        if not moved:
            break
    return labels


def _canonical(labels: np.ndarray | list[int]) -> tuple[int, ...]:
    """Labels renumbered in order of first appearance (one spelling per partition)."""
    seen: dict[int, int] = {}
    return tuple(seen.setdefault(int(label), len(seen)) for label in labels)


def _same(groups: list[frozenset[str]], u: str, v: str) -> bool:
    return any(u in g and v in g for g in groups)


def _described(groups: list[frozenset[str]], ties: tuple[Tie, ...],
               replicates: list[list[frozenset[str]]]) -> tuple[AlignedBloc, ...]:
    """Blocs with ids, stability, membership strength, opposition and frustrated ties."""
    blocs = []
    for bloc_id, group in enumerate(groups):
        overlaps, kept = [], dict.fromkeys(group, 0)
        for found in replicates:
            best = max(found, key=lambda g: (_jaccard(group, g), -len(g)), default=frozenset())
            overlaps.append(_jaccard(group, best))
            for key in group & best:
                kept[key] += 1
        total = max(len(replicates), 1)
        members = tuple(BlocMember(k, round(kept[k] / total, 3) if replicates else 1.0) for k in sorted(group))
        stability = round(float(np.mean(overlaps)), 3) if overlaps else 1.0
        opposed = sorted({j for t in ties if t.sign < 0 for j, other in enumerate(groups) if j != bloc_id
                          and ((t.u in group and t.v in other) or (t.v in group and t.u in other))})
        frustrated = tuple((t.u, t.v) for t in ties if t.sign < 0 and t.u in group and t.v in group)
        blocs.append(AlignedBloc(bloc_id, members, stability, tuple(opposed), frustrated))
    return tuple(blocs)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _why_unassigned(key: str, ties: tuple[Tie, ...]) -> str:
    mine = [t for t in ties if key in (t.u, t.v)]
    if not mine:
        return "no cooperative or conflictual happening with another actor"
    shown = "; ".join(f"with {t.v if t.u == key else t.u}: {t.status} ({t.reason})" for t in mine[:3])
    more = f"; and {len(mine) - 3} more" if len(mine) > 3 else ""
    return f"no tie with enough evidence: {shown}{more}"


def _note(blocs: tuple[AlignedBloc, ...], unassigned: dict[str, str], ties: tuple[Tie, ...], opposed: bool) -> str:
    if not ties:
        return "No actor has a cooperative or conflictual happening with another in this window."
    if not any(t.significant for t in ties):
        thin = sum(1 for t in ties if t.status == "thin")
        return (f"No tie has enough evidence ({thin} of {len(ties)} are thin, the rest within their actors' "
                "baselines): every actor is unassigned.")
    if not opposed:
        return ("No significant conflictual tie: there are no opposing camps here, only actors that cooperate "
                "more than their baselines predict" + (f"; {len(unassigned)} actors unassigned." if unassigned else "."))
    shaky = [b.id for b in blocs if b.stability < 0.5]
    tail = f" Blocs {', '.join(map(str, shaky))} dissolve under resampling (stability < 0.5)." if shaky else ""
    return (f"{len(blocs)} blocs from {sum(t.significant for t in ties)} significant ties; "
            f"{len(unassigned)} actors unassigned for want of evidence.{tail}")


@dataclass(frozen=True)
class Position:
    """Where one actor stands, read off its significant ties.

    sides_with: actors it has a significant positive tie with. opposes: actors it has a
    significant negative tie with. torn: pairs of actors it has positive ties with that
    have a significant negative tie between them; they are left out of sides_with, so
    no actor "sides with" both sides of a significant negative tie.
    """

    sides_with: tuple[str, ...]
    opposes: tuple[str, ...]
    torn: tuple[tuple[str, str], ...]


def position(alignment: Alignment, key: str) -> Position:
    """The actor's position from the alignment's significant ties (ordered by excess)."""
    friends = [t.v if t.u == key else t.u for t in alignment.ties if t.sign > 0 and key in (t.u, t.v)]
    foes = [t.v if t.u == key else t.u for t in alignment.ties if t.sign < 0 and key in (t.u, t.v)]
    negative = {(t.u, t.v) for t in alignment.ties if t.sign < 0}
    torn = sorted({tuple(sorted((a, b))) for a in friends for b in friends
                   if a < b and ((a, b) in negative or (b, a) in negative)})
    left_out = {k for pair in torn for k in pair}
    return Position(tuple(k for k in friends if k not in left_out), tuple(foes), tuple(torn))  # type: ignore[arg-type]
