"""The maths of Bueno de Mesquita's expected-utility model, as Scholz, Calbert and Smith read it.

Scholz, J. B., G. J. Calbert and G. A. Smith (2011), "Unravelling Bueno de Mesquita's
group decision model", Journal of Theoretical Politics 23(4). Every function here is
pure: numpy arrays of capabilities `c`, saliences `s`, positions `x` and risk exponents
`r` in, numbers out. Who moves where each round is rounds.py's job.

Notation (one issue, actors i, j, k; `span` the width of the scale):

    vote of k for x_i over x_j   v_k(i, j) = c_k s_k ((|x_k - x_j| / span)^r_k - (|x_k - x_i| / span)^r_k)
    median                       the position that wins every pairwise vote (r = 1)
    mean                         sum c s x / sum c s
    P(i beats j)                 scholz:   sum_k max(0, v_k(i, j)) / sum_k sum_a sum_b |v_k(a, b)|
                                 textbook: sum_k max(0, v_k(i, j)) / sum_k |v_k(i, j)|
    utilities (risk exponent r, D = |x_i - x_j| / span, M = |x_i - median| / span)
        success   U_s = 2 - 4 (0.5 - 0.5 D)^r        failure  U_f = 2 - 4 (0.5 + 0.5 D)^r
        status quo U_q = 2 - 4 (0.5)^r
        better    U_b = 2 - 4 (0.5 - 0.25 (M + D))^r worse    U_w = 2 - 4 (0.5 + 0.25 (M + D))^r
    EU(i challenges j)  = s_j (P U_s + (1 - P) U_f) + (1 - s_j) U_s - Q U_q - (1 - Q) (T U_b + (1 - T) U_w)
                          with T = 1 when M >= D (j's position is nearer to i than the median is)
    danger of i         = sum over j != i of EU(j challenges i), everything at r = 1
    risk acceptance R_i = (2 danger_i - max danger - min danger) / (max danger - min danger)
                          scholz:   max and min over the danger levels of all actors
                          textbook: over the danger levels i would have at each position held
    risk exponent   r_i = (1 - R_i / 3) / (1 + R_i / 3), between 0.5 and 2

Why two variants: Scholz et al.'s reading (checked number for number against the
replication in ../shared/scenario) makes several arguable choices; "textbook" follows
Bueno de Mesquita's stated intent where they differ. docs/scenarios.md lists them.
"""

from __future__ import annotations

from typing import Literal

import math

import numpy as np

Variant = Literal["scholz", "textbook"]
VARIANTS: tuple[str, ...] = ("scholz", "textbook")


def weighted_mean(c: np.ndarray, s: np.ndarray, x: np.ndarray) -> float:
    """The capability-times-salience weighted mean position (the plain mean if all weights are 0)."""
    weights = c * s
    total = math.fsum(weights.tolist())
    if total <= 0.0:
        return math.fsum(x.tolist()) / len(x)
    return math.fsum((weights * x).tolist()) / total


def weighted_median(c: np.ndarray, s: np.ndarray, x: np.ndarray, span: float) -> float:
    """The position that beats every other held position in c·s-weighted pairwise votes.

    i's vote for p over m is c_i s_i (|x_i - m| - |x_i - p|) / span, so p beats m exactly
    when its c·s-weighted distance to everyone is smaller: the median is the held position
    with the least weighted distance. Ties go to the lower position.
    """
    candidates = np.array(sorted(set(x.tolist())))
    cost = exact_sum((c * s)[:, None] * np.abs(x[:, None] - candidates[None, :]) / span, axis=0)
    return float(candidates[int(np.argmin(cost))])


def exact_sum(values: np.ndarray, axis: int) -> np.ndarray:
    """Sums along an axis that do not depend on the order of the terms (sorted first).

    Why: a float sum depends on the order of its terms, and the model must give the same
    result whatever order the actors are listed in, bit for bit, or a near-tie between
    two offers could go either way.
    """
    return np.sort(values, axis=axis).sum(axis=axis)


def vote_margins(c: np.ndarray, s: np.ndarray, x: np.ndarray, r: np.ndarray, span: float) -> np.ndarray:
    """v[k, i, j]: how strongly actor k prefers x_i to x_j, weighted by its capability and salience."""
    distance = (np.abs(x[:, None] - x[None, :]) / span) ** r[:, None]  # distance[k, i] = (|x_k - x_i|/span)^r_k
    return (c * s)[:, None, None] * (distance[:, None, :] - distance[:, :, None])


def success_probabilities(c: np.ndarray, s: np.ndarray, x: np.ndarray, r: np.ndarray, span: float,
                          variant: Variant) -> np.ndarray:
    """P[i, j]: the probability that x_i prevails over x_j (0 where the positions are equal)."""
    margins = vote_margins(c, s, x, r, span)
    support = exact_sum(np.clip(margins, 0.0, None), axis=0)
    if variant == "scholz":
        total = math.fsum(np.abs(margins).ravel().tolist())
        probability = support / total if total > 0.0 else np.zeros_like(support)
    else:
        contested = support + support.T
        probability = np.divide(support, contested, out=np.full_like(support, 0.5), where=contested > 0.0)
    probability[x[:, None] == x[None, :]] = 0.0
    return probability


def expected_utility(probability: np.ndarray, target_salience: np.ndarray, distance: np.ndarray,
                     from_median: np.ndarray, r: np.ndarray | float, q: float) -> np.ndarray:
    """EU of a challenge, elementwise: the challenger's P, the target's salience, both
    distances (as fractions of the scale) and the risk exponent of whoever judges it."""
    success = 2.0 - 4.0 * (0.5 - 0.5 * distance) ** r
    failure = 2.0 - 4.0 * (0.5 + 0.5 * distance) ** r
    status_quo = 2.0 - 4.0 * 0.5 ** r
    resisted = target_salience * (probability * success + (1.0 - probability) * failure)
    unresisted = (1.0 - target_salience) * success
    eu = resisted + unresisted - q * status_quo
    if q != 1.0:
        reach = 0.25 * (from_median + distance)
        better = 2.0 - 4.0 * (0.5 - reach) ** r
        worse = 2.0 - 4.0 * (0.5 + reach) ** r
        improves = from_median >= distance
        eu = eu - (1.0 - q) * np.where(improves, better, worse)
    return eu


def challenge_utilities(s: np.ndarray, x: np.ndarray, probability: np.ndarray, median: float, span: float,
                        q: float, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each receiver i's view of the pair (i, j), both judged with i's own risk exponent r_i.

    RETURNS (tuple): own[i, j] = EU of i challenging j; theirs[i, j] = EU of j challenging i.
    """
    distance = np.abs(x[:, None] - x[None, :]) / span
    from_median = np.abs(x - median) / span
    risk = r[:, None]
    own = expected_utility(probability, s[None, :], distance, from_median[:, None], risk, q)
    theirs = expected_utility(probability.T, s[:, None], distance, from_median[None, :], risk, q)
    return own, theirs


def danger_levels(c: np.ndarray, s: np.ndarray, x: np.ndarray, span: float, q: float,
                  variant: Variant) -> np.ndarray:
    """danger[i]: what all others expect to gain by challenging i, everything at r = 1."""
    ones = np.ones_like(x)
    probability = success_probabilities(c, s, x, ones, span, variant)
    median = weighted_median(c, s, x, span)
    _, theirs = challenge_utilities(s, x, probability, median, span, q, ones)
    np.fill_diagonal(theirs, 0.0)
    return exact_sum(theirs, axis=1)


def danger_at(c: np.ndarray, s: np.ndarray, x: np.ndarray, span: float, q: float, i: int,
              position: float) -> float:
    """The danger actor i would face at `position`, the others staying put (textbook reading).

    The same number as danger_levels(moved, variant="textbook")[i], bit for bit, but only
    i's column of the votes is computed: n^2 work instead of n^3, which is what makes
    the textbook risk (every actor at every held position) affordable each round.
    """
    moved = x.copy()
    moved[i] = position
    distance = np.abs(moved[:, None] - moved[None, :]) / span  # distance[k, j] = |x_k - x_j| / span
    margin = (c * s)[:, None] * (distance[:, [i]] - distance)  # margin[k, j]: k's preference for x_j over x_i
    for_j = exact_sum(np.clip(margin, 0.0, None), axis=0)
    for_i = exact_sum(np.clip(-margin, 0.0, None), axis=0)
    contested = for_j + for_i
    probability = np.divide(for_j, contested, out=np.full_like(for_j, 0.5), where=contested > 0.0)
    probability[moved == position] = 0.0
    median = weighted_median(c, s, moved, span)
    eu = expected_utility(probability, s[i], distance[:, i], np.abs(moved - median) / span, 1.0, q)
    eu[i] = 0.0
    return float(exact_sum(eu, axis=0))


def risk_exponents(c: np.ndarray, s: np.ndarray, x: np.ndarray, span: float, q: float,
                   variant: Variant) -> np.ndarray:
    """r[i] in [0.5, 2]: below 1 an actor accepts risk (it is secure), above 1 it avoids it."""
    if variant == "scholz":
        danger = danger_levels(c, s, x, span, q, variant)
        acceptance = _acceptance(danger, float(danger.max()), float(danger.min()))
    else:
        acceptance = np.empty_like(x)
        held = sorted(set(x.tolist()))
        for i in range(len(x)):
            options = [danger_at(c, s, x, span, q, i, position) for position in held]
            current = options[held.index(float(x[i]))]
            acceptance[i] = _acceptance(np.array([current]), max(options), min(options))[0]
    return (1.0 - acceptance / 3.0) / (1.0 + acceptance / 3.0)


def _acceptance(danger: np.ndarray, highest: float, lowest: float) -> np.ndarray:
    """Danger scaled to [-1, 1] between the lowest and highest level (0 when all are equal)."""
    if highest == lowest:
        return np.zeros_like(danger)
    return (2.0 * danger - highest - lowest) / (highest - lowest)
