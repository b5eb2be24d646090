"""Time the bargaining model: one run of 10 rounds, and a salience sensitivity sweep.

Why: the web page (a later phase) reruns the model whenever an analyst edits an input,
so a run must stay interactive as scenarios grow. Inputs are random but seeded.

    .venv/bin/python benchmarks/scenario.py [--actors 10 20 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import time

from eirene.scenario import ActorInput, ScenarioInputs, run_scenario, vary_each


def random_inputs(size: int, seed: int = 7) -> ScenarioInputs:
    rng = random.Random(seed)
    actors = tuple(ActorInput(f"A{i:02d}", rng.uniform(0.01, 1.0), float(rng.randint(0, 20) * 5),
                              rng.uniform(0.05, 1.0)) for i in range(size))
    return ScenarioInputs(actors=actors, scale=(0.0, 100.0))


def best_of(repeat: int, job) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'actors':>6} {'variant':>9} {'run (10 rounds)':>16} {'salience sweep':>15}")
    for size in args.actors:
        inputs = random_inputs(size)
        for variant in ("scholz", "textbook"):
            run = best_of(args.repeat, lambda: run_scenario(inputs, rounds=10, variant=variant))
            sweep = best_of(1, lambda: vary_each(inputs, "salience", rounds=10, variant=variant))
            print(f"{size:>6} {variant:>9} {run:>14.3f} s {sweep:>13.2f} s")


if __name__ == "__main__":
    main()
