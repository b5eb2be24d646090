"""Rounds of bargaining: who offers what to whom, who gives way, and where everyone ends up.

Each round: risk exponents from the positions held; then every actor i looks at every
actor j at another position and, judging both sides with its own risk exponent, asks
whether j would challenge it and win. Those pairs are offers to i:

    confrontation  j expects more than i from a fight both expect to win: i moves to x_j
    compromise     j would gain, i would lose: i moves part of the way to x_j
    capitulation   i gives in entirely and moves to x_j

Each actor takes one offer (the two variants choose differently, see `choose_offer`),
then all move at once. Every round's state is kept, so the path can be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from eirene.errors import ScenarioError
from eirene.scenario.inputs import ScenarioInputs, input_hash
from eirene.scenario.model import (VARIANTS, Variant, challenge_utilities, risk_exponents,
                                   success_probabilities, weighted_mean, weighted_median)

OfferKind = Literal["confrontation", "compromise", "capitulation"]
DEFAULT_ROUNDS = 10


@dataclass(frozen=True)
class Offer:
    """An offer `proposer` makes to `receiver`, as the receiver sees it.

    eu_receiver: EU of the receiver challenging the proposer; eu_proposer: EU of the
    proposer challenging the receiver (both judged with the receiver's risk exponent).
    proposer_position: where the proposer stands. position: where the receiver would
    move. accepted: the offer it took this round.
    """

    receiver: str
    proposer: str
    kind: OfferKind
    eu_receiver: float
    eu_proposer: float
    proposer_position: float
    position: float
    accepted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"receiver": self.receiver, "proposer": self.proposer, "kind": self.kind,
                "eu_receiver": self.eu_receiver, "eu_proposer": self.eu_proposer,
                "proposer_position": self.proposer_position, "position": self.position,
                "accepted": self.accepted}


@dataclass(frozen=True)
class RoundState:
    """The state after one round (round 0: the inputs, before anyone moved).

    positions: each actor's position after the round. risk_exponents: those used in the
    round (all 1.0 in round 0). offers: every offer made in the round, the taken ones
    marked accepted. median, mean: of the positions after the round.
    """

    round: int
    positions: dict[str, float]
    risk_exponents: dict[str, float]
    offers: tuple[Offer, ...]
    median: float
    mean: float

    @property
    def moves(self) -> tuple[Offer, ...]:
        """The offers taken this round."""
        return tuple(o for o in self.offers if o.accepted)

    def to_dict(self) -> dict[str, Any]:
        return {"round": self.round, "median": self.median, "mean": self.mean, "positions": dict(self.positions),
                "risk_exponents": dict(self.risk_exponents), "offers": [o.to_dict() for o in self.offers]}


@dataclass(frozen=True)
class ScenarioResult:
    """A run of the model: its inputs and settings, every round, and the forecast.

    forecast: the median after the last round. baseline_median / baseline_mean: the
    c·s-weighted median and mean of the inputs, what a forecast without bargaining says.
    stopped: "converged" (a round in which nobody moved) or "rounds" (the limit was reached).
    """

    inputs: ScenarioInputs
    variant: Variant
    q: float
    rounds: tuple[RoundState, ...]
    stopped: str

    @property
    def forecast(self) -> float:
        return self.rounds[-1].median

    @property
    def baseline_median(self) -> float:
        return self.rounds[0].median

    @property
    def baseline_mean(self) -> float:
        return self.rounds[0].mean

    @property
    def input_hash(self) -> str:
        return input_hash(self.inputs)

    def rows(self) -> list[dict[str, float]]:
        """One flat row per round: round, median, mean, then each actor's position (for tables and CSV)."""
        return [{"round": r.round, "median": r.median, "mean": r.mean, **r.positions} for r in self.rounds]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: settings, inputs, `rounds` (round 0 is the input) and the forecast."""
        return {
            "issue": self.inputs.issue,
            "input_hash": self.input_hash,
            "variant": self.variant,
            "q": self.q,
            "scale": list(self.inputs.bounds()),
            "stopped": self.stopped,
            "forecast": {"median": self.forecast, "mean": self.rounds[-1].mean},
            "baselines": {"weighted_median": self.baseline_median, "weighted_mean": self.baseline_mean},
            "inputs": self.inputs.to_dict()["actors"],
            "rounds": [r.to_dict() for r in self.rounds],
        }


def run_scenario(inputs: ScenarioInputs, rounds: int = DEFAULT_ROUNDS, q: float = 1.0,
                 variant: Variant = "scholz") -> ScenarioResult:
    """Run the model for up to `rounds` rounds, stopping early when nobody moves.

    q (float): the probability an actor expects the status quo to hold if it does not
        challenge (Q in the paper, 0..1); 1.0 as in Scholz et al.'s runs.
    variant (str): "scholz" (the reading that reproduces Scholz et al.) or "textbook".
    RAISES (ScenarioError E546): a bad number of rounds, q or variant.
    """
    check_options(rounds, q, variant)
    names = inputs.names
    c = np.array([a.capability for a in inputs.actors], dtype=float)
    s = np.array([a.salience for a in inputs.actors], dtype=float)
    x = np.array([a.position for a in inputs.actors], dtype=float)
    span = inputs.span()
    states = [RoundState(0, dict(zip(names, x.tolist())), dict.fromkeys(names, 1.0), (),
                         weighted_median(c, s, x, span), weighted_mean(c, s, x))]
    stopped = "rounds"
    for number in range(1, rounds + 1):
        r = risk_exponents(c, s, x, span, q, variant)
        offers = round_offers(names, c, s, x, r, span, q, variant)
        moved = x.copy()
        for offer in offers:
            if offer.accepted:
                moved[names.index(offer.receiver)] = offer.position
        states.append(RoundState(number, dict(zip(names, moved.tolist())), dict(zip(names, r.tolist())),
                                 offers, weighted_median(c, s, moved, span), weighted_mean(c, s, moved)))
        still = bool(np.array_equal(moved, x))
        x = moved
        if still:
            stopped = "converged"
            break
    return ScenarioResult(inputs=inputs, variant=variant, q=float(q), rounds=tuple(states), stopped=stopped)


def check_options(rounds: int, q: float, variant: str) -> None:
    """RAISES (ScenarioError E546): rounds not a whole number >= 1, q outside 0..1, an unknown variant."""
    if isinstance(rounds, bool) or not isinstance(rounds, int) or rounds < 1:
        raise ScenarioError("E546", name="rounds", value=rounds, reason="use a whole number >= 1")
    if isinstance(q, bool) or not isinstance(q, (int, float)) or not 0.0 <= q <= 1.0:
        raise ScenarioError("E546", name="q", value=q, reason="use a number from 0 to 1")
    if variant not in VARIANTS:
        raise ScenarioError("E546", name="variant", value=variant, reason="use " + " or ".join(VARIANTS))


def round_offers(names: list[str], c: np.ndarray, s: np.ndarray, x: np.ndarray, r: np.ndarray, span: float,
                 q: float, variant: Variant) -> tuple[Offer, ...]:
    """Every offer of one round, each receiver's chosen one marked accepted."""
    probability = success_probabilities(c, s, x, r, span, variant)
    median = weighted_median(c, s, x, span)
    own, theirs = challenge_utilities(s, x, probability, median, span, q, r)
    out: list[Offer] = []
    for i, receiver in enumerate(names):
        received = []
        for j, proposer in enumerate(names):
            if x[i] == x[j]:
                continue
            offer = classify(receiver, proposer, float(own[i, j]), float(theirs[i, j]), float(x[i]),
                             float(x[j]), variant)
            if offer is not None:
                received.append(offer)
        chosen = choose_offer(received, float(x[i]), variant)
        out.extend(replace(o, accepted=True) if o is chosen else o for o in received)
    return tuple(out)


def classify(receiver: str, proposer: str, own: float, theirs: float, x_receiver: float, x_proposer: float,
             variant: Variant) -> Offer | None:
    """The offer the proposer makes, if any, given the two expected utilities.

    Both variants: when both expect to win and the proposer more so, the receiver loses
    the confrontation. When only the proposer gains:
      scholz    its gain exceeding the receiver's loss gives a compromise of
                (x_j - x_i)·|EU_ij / EU_ji|; a capitulation never happens (as printed);
      textbook  its gain exceeding the receiver's loss makes the receiver capitulate;
                otherwise the receiver concedes the share gain / loss of the distance.
    """
    def offer(kind: OfferKind, position: float) -> Offer:
        return Offer(receiver, proposer, kind, own, theirs, x_proposer, position)

    if theirs > own > 0:
        return offer("confrontation", x_proposer)
    if not theirs > 0 > own:
        return None
    if variant == "scholz":
        if theirs > abs(own):
            return offer("compromise", x_receiver + (x_proposer - x_receiver) * abs(own / theirs))
        return None
    if theirs >= abs(own):
        return offer("capitulation", x_proposer)
    return offer("compromise", x_receiver + (x_proposer - x_receiver) * theirs / abs(own))


def choose_offer(offers: list[Offer], x_receiver: float, variant: Variant) -> Offer | None:
    """The offer the receiver takes (`offers` in the order of the actors).

    scholz: a lost confrontation first, then a compromise, then a capitulation; within
    a kind the smallest move, except among compromises the smallest EU-weighted position
    (|EU_ij|·x_i + |EU_ji|·x_j) / (|EU_ij| + |EU_ji|), as in Scholz et al.'s code.
    textbook: whichever offer moves it least.
    Ties go to the lower position, so where the receiver ends up never depends on the
    order of the actors; between identical offers from actors at one position, the one
    listed first is named as the proposer.
    """
    def distance(o: Offer) -> tuple[float, float]:
        return abs(x_receiver - o.position), o.position

    if not offers:
        return None
    if variant == "textbook":
        return min(offers, key=distance)
    for kind in ("confrontation", "compromise", "capitulation"):
        of_kind = [o for o in offers if o.kind == kind]
        if of_kind and kind == "compromise":
            return min(of_kind, key=lambda o: (_weighted_position(o, x_receiver), o.position))
        if of_kind:
            return min(of_kind, key=distance)
    return None


def _weighted_position(offer: Offer, x_receiver: float) -> float:
    """Where the two positions average when weighted by each side's |EU| (Scholz's compromise key)."""
    weight_own, weight_theirs = abs(offer.eu_receiver), abs(offer.eu_proposer)
    return (weight_own * x_receiver + weight_theirs * offer.proposer_position) / (weight_own + weight_theirs)
