"""Time loading the event lexicon: cold (every file parsed and validated), warm (the
built-in lexicon from the cache) and with a user file (files cached, lexicon rebuilt).

Not a test: timings depend on the machine; tests/test_events_lexicon.py checks what the
caches do. Usage:

    .venv/bin/python benchmarks/lexicon.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from eirene.events.lexicon import Lexicon, builtin_files, clear_cache


def best_of(repeat: int, load, before=None) -> float:  # type: ignore[no-untyped-def]
    """The fastest of `repeat` timed calls of `load`, each after `before` (untimed)."""
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        load()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{len(builtin_files())} built-in files")
    cold = best_of(args.repeat, Lexicon.load, before=clear_cache)
    print(f"cold load (parse + validate + index): {cold * 1000:8.1f} ms")
    warm = best_of(args.repeat, Lexicon.load)
    print(f"warm load (the cached lexicon):        {warm * 1000:8.3f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        user = Path(tmp) / "mine.yaml"
        user.write_text("version: 1\nlight_verbs: [wield]\n", encoding="utf-8")
        rebuilt = best_of(args.repeat, lambda: Lexicon.load([user]))
    print(f"with a user file (files cached):       {rebuilt * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
