"""Ties: which pairs of actors are significantly friendlier or more hostile than usual.

Why a baseline: most news is cooperative (visits, talks, statements of support), so
"more cooperation than conflict" is true of almost every pair, rivals included; two
states that trade accusations as often as they meet are adversaries by the standard of
the news, though their balance is zero. A tie is therefore measured against what its
two actors do with everyone else:

1. Each happening (see `rule.happening_key_sql`) between u and v counts with weight
   `confidence` (an event coded with confidence 0.6 counts as 0.6 of an event), as
   cooperative (quad 1-2) or conflictual (quad 3-4).
2. u's baseline is the cooperative share of u's happenings with everyone but v,
   shrunk toward the corpus-wide share by `prior` pseudo-happenings (so an actor seen
   twice does not get a baseline of 0 or 1); likewise v's. The pair's expected share
   is the mean of the two baselines.
3. The pair's observed share gets a Wilson score interval at `z` (1.645: one-sided
   5 %). The tie is positive when the whole interval lies above the expected share,
   negative when it lies below, and not significant otherwise.
4. A tie needs independent evidence: happenings from at least `min_stories` distinct
   stories (documents) and `min_weight` weighted happenings; otherwise it is thin.

`excess` = observed balance − expected balance (weighted happenings): how many more
cooperative (+) or conflictual (−) happenings the pair had than its actors' habits
predict. Its sign is the tie's sign, and the weight blocs are built on.

The measurement works on arrays, so `alignment` can redo it on resampled happenings.
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np
import pandas as pd

from eirene.analysis.nodes import NodeMapper
from eirene.analysis.rule import CountingRule
from eirene.analysis.sql import counted_ctes, hap_pairs_cte
from eirene.errors import AnalysisError
from eirene.store.base import Store
from eirene.vocab import CONFLICT_QUADS, COOPERATION_QUADS


@dataclass(frozen=True)
class TieRule:
    """When a tie counts as evidence (see the module docstring).

    min_stories (int): distinct stories (documents) its happenings come from.
    min_weight (float): confidence-weighted cooperative plus conflictual happenings.
    z (float): width of the Wilson interval (1.645: one-sided 5 %).
    prior (float): pseudo-happenings pulling each baseline toward the corpus share.
    confidence_weighted (bool): weigh each happening by its confidence (else 1).
    """

    min_stories: int = 2
    min_weight: float = 1.0
    z: float = 1.645
    prior: float = 2.0
    confidence_weighted: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.min_stories, bool) or not isinstance(self.min_stories, int) or self.min_stories < 1:
            raise AnalysisError("E521", name="min_stories", value=self.min_stories, reason="use a whole number >= 1")
        for name in ("min_weight", "z", "prior"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise AnalysisError("E521", name=name, value=value, reason="use a number >= 0")

    def legend(self) -> str:
        weighted = "confidence-weighted" if self.confidence_weighted else "unweighted"
        return (f"a tie needs happenings from ≥ {self.min_stories} documents ({weighted} total ≥ {self.min_weight:g}) "
                f"and a cooperative share outside its actors' baselines (Wilson z = {self.z:g})")


@dataclass(frozen=True)
class Tie:
    """One pair's tie: counts, what its actors' baselines predict, and the verdict.

    u, v: node keys (u < v). events / cooperation / conflict: happenings (unweighted).
    weight_cooperation / weight_conflict: the same, confidence-weighted. stories:
    distinct stories. observed / expected: cooperative shares (weighted), low / high:
    the observed share's interval. excess: weighted balance minus the expected balance.
    sign: +1 positive, -1 negative, 0 thin or not significant. status: "positive",
    "negative", "thin" or "not significant"; reason: why, in words.
    """

    u: str
    v: str
    events: int
    cooperation: int
    conflict: int
    weight_cooperation: float
    weight_conflict: float
    stories: int
    observed: float | None
    expected: float
    low: float | None
    high: float | None
    excess: float
    sign: int
    status: str
    reason: str

    @property
    def significant(self) -> bool:
        return self.sign != 0


@dataclass
class TieData:
    """The happenings behind every pair, as arrays (one row per incidence), for resampling.

    pairs: (u, v) per pair index. nodes: node key per node index. weight, coop, conflict
    per happening. ph_pair/ph_hap: pair-happening incidence; nh_node/nh_hap:
    node-happening incidence; ps_pair/ps_hap/ps_story: pair-happening-story incidence.
    """

    pairs: list[tuple[str, ...]]
    nodes: list[str]
    weight: np.ndarray
    coop: np.ndarray
    conflict: np.ndarray
    ph_pair: np.ndarray
    ph_hap: np.ndarray
    nh_node: np.ndarray
    nh_hap: np.ndarray
    ps_pair: np.ndarray
    ps_hap: np.ndarray
    ps_story: np.ndarray
    stories: int

    @property
    def happenings(self) -> int:
        return len(self.weight)

    def pair_story_codes(self) -> tuple[np.ndarray, np.ndarray]:
        """(a code per ps row for its (pair, story), the pair of each code), computed once."""
        if not hasattr(self, "_pair_story"):
            key = self.ps_pair * max(self.stories, 1) + self.ps_story
            unique, codes = np.unique(key, return_inverse=True)
            self._pair_story = (codes.astype(np.int64), (unique // max(self.stories, 1)).astype(np.int64))
        return self._pair_story


def pair_rows(store: Store, mapper: NodeMapper, *, level: str, rule: CountingRule, since: str | None,
              until: str | None) -> pd.DataFrame:
    """One row per (pair, happening, story) of the window: the network and its ties both read it.

    Columns: u, v (node keys, u < v), happening, quad_class, confidence, intensity,
    mentions, story. One query, so the costly happening CTE runs once for both.
    """
    ctes, params = counted_ctes(mapper, level, rule, since, until)
    frame = store.query_frame(
        f"WITH {ctes}, {hap_pairs_cte()}, "
        "und AS (SELECT DISTINCT happening, least(src, dst) AS u, greatest(src, dst) AS v FROM hpairs), "
        "st AS (SELECT DISTINCT happening, story FROM ev) "
        "SELECT und.u, und.v, und.happening, hap.quad_class, hap.confidence, hap.intensity, hap.mentions, st.story "
        "FROM und JOIN hap ON hap.happening = und.happening JOIN st ON st.happening = und.happening "
        "ORDER BY und.u, und.v, und.happening, st.story",
        params,
    )
    columns = ["u", "v", "happening", "quad_class", "confidence", "intensity", "mentions", "story"]
    return pd.DataFrame(columns=columns) if frame.empty else frame[columns]


def tie_data(frame: pd.DataFrame, *, weighted: bool = True) -> TieData:
    """TieData from pair_rows' frame (u, v, happening, quad_class, confidence, story)."""
    if frame.empty:
        empty = np.zeros(0, dtype=np.int64)
        return TieData([], [], np.zeros(0), np.zeros(0, dtype=bool), np.zeros(0, dtype=bool),
                       empty, empty, empty, empty, empty, empty, empty, 0)
    hap_codes, hap_keys = pd.factorize(frame["happening"], sort=True)
    pairs = pd.MultiIndex.from_arrays([frame["u"], frame["v"]])
    pair_codes, pair_keys = pd.factorize(pairs, sort=True)
    story_codes, story_keys = pd.factorize(frame["story"].astype(str), sort=True)
    nodes = pd.Index(sorted(set(frame["u"]) | set(frame["v"])))
    first = pd.Series(np.arange(len(frame))).groupby(hap_codes).first().to_numpy()
    quad = frame["quad_class"].to_numpy()[first]
    weight = frame["confidence"].fillna(0).to_numpy(dtype=float)[first] if weighted else np.ones(len(first))
    ph = _unique_rows([pair_codes, hap_codes], [len(pair_keys), len(hap_keys)])
    node_of_u, node_of_v = nodes.get_indexer(frame["u"]), nodes.get_indexer(frame["v"])
    nh = _unique_rows([np.concatenate([node_of_u, node_of_v]), np.concatenate([hap_codes, hap_codes])],
                      [len(nodes), len(hap_keys)])
    ps = _unique_rows([pair_codes, hap_codes, story_codes], [len(pair_keys), len(hap_keys), len(story_keys)])
    return TieData(
        pairs=[tuple(p) for p in pair_keys], nodes=list(nodes), weight=weight,
        coop=np.isin(quad, COOPERATION_QUADS), conflict=np.isin(quad, CONFLICT_QUADS),
        ph_pair=ph[:, 0], ph_hap=ph[:, 1], nh_node=nh[:, 0], nh_hap=nh[:, 1],
        ps_pair=ps[:, 0], ps_hap=ps[:, 1], ps_story=ps[:, 2], stories=len(story_keys),
    )


def _unique_rows(columns: list[np.ndarray], sizes: list[int]) -> np.ndarray:
    """np.unique(np.stack(columns, 1), axis=0), the rows in the same (lexicographic) order,
    through one int64 key per row when the codes fit: a sort of a million numbers
    instead of a million rows."""
    if int(np.prod([max(s, 1) for s in sizes], dtype=object)) >= 2 ** 62:
        return np.unique(np.stack(columns, axis=1), axis=0)
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, size in zip(columns, sizes):
        key = key * max(size, 1) + column.astype(np.int64)
    unique = np.unique(key)
    out = np.empty((len(unique), len(columns)), dtype=np.int64)
    for i in range(len(columns) - 1, -1, -1):
        size = max(sizes[i], 1)
        out[:, i] = unique % size
        unique = unique // size
    return out


@dataclass
class Measured:
    """The tie arrays of one measurement (per pair index)."""

    count_coop: np.ndarray
    count_conflict: np.ndarray
    coop: np.ndarray
    conflict: np.ndarray
    stories: np.ndarray
    observed: np.ndarray
    expected: np.ndarray
    low: np.ndarray
    high: np.ndarray
    excess: np.ndarray
    thin: np.ndarray
    sign: np.ndarray


def measure(data: TieData, tie_rule: TieRule, times: np.ndarray | None = None) -> Measured:
    """Measure every pair's tie; `times` (per happening) resamples: how often each is drawn."""
    n_pairs, n_nodes = len(data.pairs), len(data.nodes)
    r = np.ones(data.happenings) if times is None else times.astype(float)
    w = r * data.weight
    coop_h, conf_h = w * data.coop, w * data.conflict
    c = np.bincount(data.ph_pair, weights=coop_h[data.ph_hap], minlength=n_pairs)
    k = np.bincount(data.ph_pair, weights=conf_h[data.ph_hap], minlength=n_pairs)
    count_c = np.bincount(data.ph_pair, weights=(r * data.coop)[data.ph_hap], minlength=n_pairs)
    count_k = np.bincount(data.ph_pair, weights=(r * data.conflict)[data.ph_hap], minlength=n_pairs)
    node_c = np.bincount(data.nh_node, weights=coop_h[data.nh_hap], minlength=n_nodes)
    node_k = np.bincount(data.nh_node, weights=conf_h[data.nh_hap], minlength=n_nodes)
    total_c, total_k = coop_h.sum(), conf_h.sum()
    share = total_c / (total_c + total_k) if total_c + total_k > 0 else 0.5
    # distinct stories per pair among the drawn happenings, without sorting: mark each
    # (pair, story) present, then count the marks per pair
    drawn = r[data.ps_hap] > 0
    codes, code_pair = data.pair_story_codes()
    present = np.bincount(codes[drawn], minlength=len(code_pair)) > 0
    stories = np.bincount(code_pair, weights=present, minlength=n_pairs).astype(int)
    node_of = {key: i for i, key in enumerate(data.nodes)}
    ui = np.array([node_of[u] for u, _ in data.pairs], dtype=np.int64)
    vi = np.array([node_of[v] for _, v in data.pairs], dtype=np.int64)

    def baseline(node: np.ndarray) -> np.ndarray:
        rest_c, rest_k = node_c[node] - c, node_k[node] - k
        return (np.clip(rest_c, 0, None) + tie_rule.prior * share) / (
            np.clip(rest_c, 0, None) + np.clip(rest_k, 0, None) + tie_rule.prior)

    expected = (baseline(ui) + baseline(vi)) / 2 if n_pairs else np.zeros(0)
    n = c + k
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = np.where(n > 0, c / n, np.nan)
        z2 = tie_rule.z ** 2
        centre = (observed + z2 / (2 * n)) / (1 + z2 / n)
        half = tie_rule.z * np.sqrt(observed * (1 - observed) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    low, high = centre - half, centre + half
    excess = (c - k) - n * (2 * expected - 1)
    thin = (stories < tie_rule.min_stories) | (n < tie_rule.min_weight) | (n <= 0)
    sign = np.where(thin, 0, np.where(low > expected, 1, np.where(high < expected, -1, 0)))
    return Measured(count_c, count_k, c, k, stories, observed, expected, low, high, excess, thin, sign.astype(int))


def ties_from(data: TieData, measured: Measured, tie_rule: TieRule) -> list[Tie]:
    """The Tie records of a measurement, strongest evidence first."""
    ties = []
    for i, (u, v) in enumerate(data.pairs):
        ties.append(_tie(u, v, i, measured, tie_rule))
    return sorted(ties, key=lambda t: (-abs(t.sign), -abs(t.excess), t.u, t.v))


def _tie(u: str, v: str, i: int, m: Measured, tie_rule: TieRule) -> Tie:
    observed = None if np.isnan(m.observed[i]) else float(m.observed[i])
    events = int(round(m.count_coop[i] + m.count_conflict[i]))
    expected = float(m.expected[i])
    if m.thin[i]:
        status = "thin"
        if m.stories[i] < tie_rule.min_stories:
            reason = f"{int(m.stories[i])} document(s); a tie needs {tie_rule.min_stories}"
        else:
            reason = f"weighted evidence {m.coop[i] + m.conflict[i]:.2f} < {tie_rule.min_weight:g}"
    elif m.sign[i] == 0:
        status = "not significant"
        reason = (f"cooperative share {observed:.0%} (interval {m.low[i]:.0%}–{m.high[i]:.0%}) includes the "
                  f"{expected:.0%} its actors' baselines predict")
    else:
        status = "positive" if m.sign[i] > 0 else "negative"
        side = "above" if m.sign[i] > 0 else "below"
        reason = (f"cooperative share {observed:.0%} (interval {m.low[i]:.0%}–{m.high[i]:.0%}) lies {side} the "
                  f"{expected:.0%} its actors' baselines predict")
    return Tie(
        u=u, v=v, events=events, cooperation=int(round(m.count_coop[i])), conflict=int(round(m.count_conflict[i])),
        weight_cooperation=round(float(m.coop[i]), 4), weight_conflict=round(float(m.conflict[i]), 4),
        stories=int(m.stories[i]), observed=None if observed is None else round(observed, 4),
        expected=round(expected, 4), low=None if np.isnan(m.low[i]) else round(float(m.low[i]), 4),
        high=None if np.isnan(m.high[i]) else round(float(m.high[i]), 4), excess=round(float(m.excess[i]), 4),
        sign=int(m.sign[i]), status=status, reason=reason,
    )
