"""Time the actor-system queries (dyad, network + blocs, claims, profile) on a large database.

Not a test: timings depend on the machine. Usage:

    .venv/bin/python benchmarks/analysis.py [--source CODED.duckdb] [--copies 6000]

Copies a coded database, multiplies its documents, events and actors `copies` times
under new ids, each copy shifted by (copy mod 120) months so the series span ten years,
then times each ActorSystem query once, cold. Prints events, seconds and peak RSS: the
aggregations run in DuckDB, so memory should stay far below the size of the events.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from big_corpus import multiply, source_copy

import eirene


def timed(label: str, fn) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<38} {time.perf_counter() - start:7.2f} s   {result}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=None, help="a coded database (default: code the example corpus)")
    parser.add_argument("--copies", type=int, default=6000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.duckdb"
        source_copy(args.source, path)
        start = time.perf_counter()
        multiply(path, args.copies, shift_months=120)
        print(f"built in {time.perf_counter() - start:.1f} s")
        with eirene.open(path) as system:
            print(f"events: {system.store.count_events():,}")
            timed("dyad Pakistan-Afghanistan, monthly", lambda: len(system.dyad("Pakistan", "Afghanistan").frame))
            timed("dyad directed, alleged, quarterly", lambda: len(system.dyad(
                "USA", "Taliban", directed=True, factuality="alleged", freq="Q").frame))
            timed("network, all years (edges)", lambda: system.network().graph.number_of_edges())
            timed("network, one year (edges)", lambda: system.network("2019", "2019").graph.number_of_edges())
            timed("blocs, all years", lambda: len(system.blocs()))
            timed("claims about Russia, first 200", lambda: len(system.claims(about="Russia", limit=200)))
            timed("denials by Pakistan, first 200", lambda: len(system.denials(by="Pakistan", limit=200)))
            timed("actor profile Pakistan", lambda: len(system.actor("Pakistan").partners))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
