"""A large database for the analysis and export benchmarks: a coded corpus multiplied.

Shared by benchmarks/analysis.py and benchmarks/export.py so both measure the same kind of data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "afghan-peace-process"


def source_copy(source: str | None, path: Path) -> Path:
    """Copy the coded database `source` to `path`, or code the bundled example corpus there."""
    if source:
        shutil.copy(source, path)
        return path
    from eirene.document_coder import Coder
    from eirene.coding_run import code_inputs
    from eirene.store import open_store

    coder = Coder()
    with open_store(path) as store:
        code_inputs([EXAMPLES], store, lambda: coder, model_name=coder.model)
    return path


def multiply(path: Path, copies: int, *, shift_months: int = 0) -> None:
    """Add `copies - 1` renamed copies of every document, event and event actor.

    shift_months (int): shift copy n's event dates by (n mod shift_months) months, so the
        series span that many months; 0 keeps the dates.
    """
    from eirene.store import open_store

    open_store(path).close()  # a source of an older schema is upgraded first
    con = duckdb.connect(str(path))
    keys = {"documents": ["id"], "events": ["id", "doc_id"], "event_actors": ["event_id"]}
    for table, key_columns in keys.items():
        columns = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()]

        def cell(c: str) -> str:
            if c in key_columns:
                return f"t.\"{c}\" || '#' || n::VARCHAR"
            if c == "date" and table == "events" and shift_months:
                return f"CAST(t.date + to_months(CAST(n % {int(shift_months)} AS INTEGER)) AS DATE)"
            if c == "seq":  # each copy is a new event: a new integer key from the sequence
                return "nextval('events_seq_seq')"
            if c == "event_seq":  # the key of the copied event the row belongs to
                return "(SELECT e.seq FROM events e WHERE e.id = t.event_id || '#' || n::VARCHAR)"
            return f't."{c}"'

        con.execute(f"INSERT INTO {table} SELECT {', '.join(cell(c) for c in columns)} FROM {table} t, "
                    f"range(1, {int(copies)}) AS r(n)")
    con.close()
