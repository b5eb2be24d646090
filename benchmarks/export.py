"""Time every export format and the HTML report on a large database, in one run.

Not a test: timings depend on the machine. Usage:

    .venv/bin/python benchmarks/export.py [--source CODED.duckdb] [--copies 500]

Copies a coded database, then multiplies its documents, events and actors `copies`
times under new ids (plain SQL inside the copy), and times each exporter and the report
on the result. Prints rows, seconds, rows/s and peak RSS (memory should stay flat: the
exporters page through the store).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from big_corpus import multiply, source_copy

from eirene.export import EXPORTERS, export
from eirene.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=None, help="a coded database (default: code the example corpus)")
    parser.add_argument("--copies", type=int, default=500)
    parser.add_argument("--report", action="store_true", help="also time the HTML report")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.duckdb"
        source_copy(args.source, db)
        start = time.perf_counter()
        multiply(db, args.copies)
        print(f"built {db.name} ({args.copies} copies) in {time.perf_counter() - start:.1f} s")
        with open_store(db, read_only=True) as store:
            print(f"{store.count_events()} events, {len(store.documents())} documents")
            names = [n for n in EXPORTERS if n != "graphml"] + (["graphml"] if _has_analysis() else [])
            for name in names:
                out = Path(tmp) / f"out-{name}"
                start = time.perf_counter()
                rows = export(store, name, out)
                seconds = time.perf_counter() - start
                print(f"{name:13s} {rows:>9d} rows {seconds:7.2f} s {rows / seconds:>10.0f} rows/s  peak RSS {_rss_mb():.0f} MB")
            if args.report:
                from eirene.report import write_report

                start = time.perf_counter()
                summary = write_report(store, Path(tmp) / "report.html")
                print(f"report        {time.perf_counter() - start:7.2f} s  peak RSS {_rss_mb():.0f} MB  ({summary})")


def _has_analysis() -> bool:
    try:
        import eirene.analysis.system  # noqa: F401
    except ImportError:
        return False
    return True


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
