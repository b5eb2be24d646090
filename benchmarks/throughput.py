"""Throughput of eirene end to end against bare spaCy on the same text, in one run.

Not a test: timings depend on the machine. Usage:

    .venv/bin/python benchmarks/throughput.py --sentences 2000 [--workers 1] [--store [--db URL]] [--rounds 3]

Builds a corpus of N sentences by cycling through the example articles (grouped
into documents of ~20 sentences), then times:
  1. bare `nlp.pipe` of the same model over the same documents;
  2. eirene's `Coder.code_many` (parse + actors + events), and with --store also
     writing every result into a fresh DuckDB file (or --db), in batches as
     `eirene code` does.
Prints documents/s, sentences/s, peak RSS and the ratio eirene / bare spaCy.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from eirene.config import CodingConfig
from eirene.document_coder import Coder
from eirene.records import Document

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "afghan-peace-process"


def build_documents(n_sentences: int, per_doc: int, nlp) -> list[Document]:  # type: ignore[no-untyped-def]
    """N sentences from the example articles, cycled, in documents of `per_doc` sentences."""
    sentences: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        sentences.extend(s.text.strip() for s in nlp(path.read_text(encoding="utf-8")).sents if s.text.strip())
    if not sentences:
        raise SystemExit(f"no example articles found in {CORPUS}")
    cycled = [sentences[i % len(sentences)] for i in range(n_sentences)]
    docs = []
    for start in range(0, len(cycled), per_doc):
        text = " ".join(cycled[start:start + per_doc])
        docs.append(Document(id=f"bench-{start // per_doc:06d}", text=text, date="2018-11-09", date_precision="day"))
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_bare(coder: Coder, docs: list[Document], workers: int) -> float:
    """Seconds for bare `nlp.pipe` over the documents."""
    started = time.perf_counter()
    for _ in coder.nlp.pipe((d.text for d in docs), batch_size=coder.config.batch_size, n_process=workers):
        pass
    return time.perf_counter() - started


def time_eirene(coder: Coder, docs: list[Document], store: bool, db: str | None) -> tuple[float, float, int]:
    """Seconds for coding the documents (and storing them, as `eirene code` does), the
    seconds of that spent storing, and the events."""
    from eirene.coding_run import ResultWriter, RunSummary
    from eirene.store import open_store

    events = 0
    storing = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        if not store:
            for result in coder.code_many(docs):
                events += len(result.events)
            return time.perf_counter() - started, 0.0, events
        with open_store(db or Path(tmp) / "bench.duckdb") as opened:
            run_id = opened.begin_run(eirene_version="bench", model=coder.model, inputs=[], config={})
            # a transaction per batch of documents (coding_run.ResultWriter); recode, so a
            # database given with --db is written again in every round
            writer = ResultWriter(opened, RunSummary(run_id=run_id), lambda _what, _name: None, force=True)
            for result in coder.code_many(docs):
                events += len(result.events)
                before = time.perf_counter()
                writer.add(result)
                storing += time.perf_counter() - before
            before = time.perf_counter()
            writer.flush()
            storing += time.perf_counter() - before
        return time.perf_counter() - started, storing, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--per-doc", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--model", default=None)
    parser.add_argument("--store", action="store_true", help="also write results into a temporary DuckDB file")
    parser.add_argument("--rounds", type=int, default=1, help="alternate both sides this many times, "
                        "keep each side's best time (on a shared, busy machine)")
    parser.add_argument("--db", default=None, help="with --store: write into this database instead "
                        "(e.g. postgresql://127.0.0.1:5432/bench; use a fresh one)")
    args = parser.parse_args()

    started = time.perf_counter()
    coder = Coder(CodingConfig(model=args.model, workers=args.workers))
    load_seconds = time.perf_counter() - started
    docs = build_documents(args.sentences, args.per_doc, coder.nlp)
    words = sum(len(d.text.split()) for d in docs)

    # Warm-up so neither side pays first-call costs.
    list(coder.nlp.pipe([d.text for d in docs[:3]]))
    list(coder.code_many(docs[:3]))

    bare = full = storing = float("inf")
    events = 0
    for _ in range(args.rounds):  # alternate, so a change in the machine's load hits both sides
        bare = min(bare, time_bare(coder, docs, args.workers))
        seconds, stored, events = time_eirene(coder, docs, args.store, args.db)
        if seconds < full:
            full, storing = seconds, stored

    print(f"model: {coder.model}   workers: {args.workers}   coder load: {load_seconds:.1f} s")
    print(f"corpus: {len(docs)} documents, {args.sentences} sentences, {words} words")
    print(f"bare spaCy : {len(docs) / bare:8.1f} docs/s {args.sentences / bare:9.1f} sentences/s {words / bare:9.0f} words/s")
    print(f"eirene     : {len(docs) / full:8.1f} docs/s {args.sentences / full:9.1f} sentences/s {words / full:9.0f} words/s"
          f"  ({events} events{', stored' if args.store else ''})")
    print(f"ratio eirene / bare spaCy throughput: {bare / full:.2f}")
    if args.store:
        print(f"storing: {storing:.2f} s of {full:.2f} s ({100 * storing / full:.1f} %, "
              f"{1000 * storing / len(docs):.1f} ms per document); coding alone would give "
              f"ratio {bare / (full - storing):.2f}")
    print(f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
