"""Documents/s and events/s of a coding run, one process against Ray, DuckDB against
PostgreSQL, on the same corpus; checks that every configuration stores the same events.

Not a test: timings depend on the machine. Usage:

    .venv/bin/python benchmarks/scale.py [--sentences 2000] [--actors 1 2] [--pg postgresql://...]

The corpus is benchmarks/throughput.py's (the example articles cycled into documents of
20 sentences), written to a JSONL file so every run reads it as `eirene code` would.
Each configuration codes it into a fresh database through eirene.coding_run.code_inputs
(skip-stored, batched writes, the run record). Start-up (loading the coder; for Ray,
starting the cluster and loading the coder in each actor) is timed apart from the run.
`--pg` needs an empty database it may fill (its tables are cleared between runs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import tempfile
import time
from pathlib import Path

from throughput import build_documents

from eirene.coding_run import code_inputs
from eirene.config import CodingConfig
from eirene.document_coder import Coder
from eirene.store import open_store


def event_set(location: str) -> str:
    """A hash of every stored event (id and content)."""
    with open_store(location, read_only=True) as store:
        rows = sorted(json.dumps(e.to_dict(), sort_keys=True) for e in store.events())
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def clear(location: str) -> None:
    with open_store(location) as store:
        store.write("the benchmark's reset", lambda execute: [
            execute(f"DELETE FROM {table}", []) for table in ("event_actors", "events", "documents", "runs")])


def run(label: str, corpus: Path, location: str, coder_factory, startup: float, n_docs: int,
        memory: list[float]) -> dict:
    started = time.perf_counter()
    with open_store(location) as store:
        summary = code_inputs([str(corpus)], store, coder_factory)
    seconds = time.perf_counter() - started
    return {"run": label, "start-up s": round(startup, 1), "docs/s": round(n_docs / seconds, 2),
            "events/s": round(summary.events / seconds, 1), "events": summary.events,
            "peak MB per worker": round(max(memory), 0) if memory else None, "event set": event_set(location)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--actors", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--pg", default=None, help="also store into this (empty) PostgreSQL database")
    args = parser.parse_args()

    started = time.perf_counter()
    coder = Coder(CodingConfig())
    load = time.perf_counter() - started
    docs = build_documents(args.sentences, 20, coder.nlp)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps({"id": d.id, "text": d.text, "date": d.date}) + "\n" for d in docs))
        stores = [("DuckDB", str(Path(tmp) / "one.duckdb"))] + ([("PostgreSQL", args.pg)] if args.pg else [])
        own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for name, location in stores:
            if name == "PostgreSQL":
                clear(location)
            rows.append(run(f"1 process, {name}", corpus, location, lambda: coder, load, len(docs), [own_rss]))
        from eirene.scale import RayCoder, RaySettings

        for actors in args.actors:
            location = str(Path(tmp) / f"ray{actors}.duckdb")
            with RayCoder(CodingConfig(), RaySettings(address="local", actors=actors, cpus=max(args.actors))) as ray_coder:
                started = time.perf_counter()
                list(ray_coder.code_many(docs[:actors]))  # the cluster up, every actor's coder loaded
                startup = time.perf_counter() - started
                rows.append(run(f"Ray, {actors} actor(s), DuckDB", corpus, location, lambda: ray_coder, startup,
                                len(docs), ray_coder.peak_memory_mb()))
    print(f"corpus: {len(docs)} documents, {args.sentences} sentences")
    print(" | ".join(rows[0]))
    for row in rows:
        print(" | ".join(str(v) for v in row.values()))
    same = len({row["event set"] for row in rows}) == 1
    print("event sets identical across configurations:", "yes" if same else "NO")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
