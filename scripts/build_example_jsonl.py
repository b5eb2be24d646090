"""Build examples/afghan-peace-process.jsonl from the bundled example articles.

Why: the jsonl reader, the CLI and the tests need the same corpus as one record per
line, with the publication date each article was written for, so that date detection
can be compared against it. The dates come from examples/afghan-peace-process.dates.tsv
(hand-written, one row per article), never from guessing, so the output is exact.

Run from anywhere::

    python scripts/build_example_jsonl.py            # writes the jsonl
    python scripts/build_example_jsonl.py --check    # exit 1 if the jsonl is stale

The output is deterministic: files in sorted order, keys in a fixed order, UTF-8,
"\\n" line ends.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS_DIR = EXAMPLES / "afghan-peace-process"
DATES_TSV = EXAMPLES / "afghan-peace-process.dates.tsv"
OUTPUT = EXAMPLES / "afghan-peace-process.jsonl"
SOURCE = "eirene example corpus"


def read_dates(path: Path) -> dict[str, str]:
    """Map each article's file name to its ISO date, as written in the dates table."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    dates: dict[str, str] = {}
    for row in rows:
        dates[row["file"]] = row["date"]
    return dates


def build_records(corpus_dir: Path, dates: dict[str, str]) -> list[dict[str, str]]:
    """One record per article, in file-name order; fails loudly on a missing date."""
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix == ".txt")
    if not files:
        raise SystemExit(f"no .txt articles found in {corpus_dir}")
    missing = [p.name for p in files if p.name not in dates]
    if missing:
        raise SystemExit(
            f"{DATES_TSV.name} has no date for: {', '.join(missing)}; add a row per article"
        )
    extra = sorted(set(dates) - {p.name for p in files})
    if extra:
        raise SystemExit(f"{DATES_TSV.name} lists files that do not exist: {', '.join(extra)}")
    records: list[dict[str, str]] = []
    for path in files:
        # newline="" keeps the text byte-for-byte as stored (the articles use "\n").
        with path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()
        title = text.split("\n", 1)[0].strip()
        records.append(
            {
                "id": path.name,
                "title": title,
                "date": dates[path.name],
                "text": text,
                "source": SOURCE,
            }
        )
    return records


def render(records: list[dict[str, str]]) -> str:
    """The jsonl text: one compact JSON object per line, non-ASCII kept as is."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the jsonl is out of date"
    )
    args = parser.parse_args(argv)
    content = render(build_records(CORPUS_DIR, read_dates(DATES_TSV)))
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != content:
            print(f"{OUTPUT.relative_to(ROOT)} is stale; run scripts/build_example_jsonl.py")
            return 1
        print(f"{OUTPUT.relative_to(ROOT)} is up to date")
        return 0
    with OUTPUT.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
    print(f"wrote {content.count(chr(10))} records to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
