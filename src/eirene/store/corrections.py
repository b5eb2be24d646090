"""The corrections table: its DDL (schema version 4), and corrections as rows.

Why a table of its own: corrections are the analysts' work, not the coder's output, so
they outlive re-coding; the events table always holds the events with the active
corrections applied (see eirene.corrections), and this table holds what was done, by
whom, when and why, including what was undone.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from eirene.corrections import Correction

# Version 2 -> 3: add the corrections table (additive: nothing else changes).
CORRECTIONS_DDL: tuple[str, ...] = (
    "CREATE SEQUENCE corrections_id_seq START 1",
    """CREATE TABLE corrections (
        id INTEGER PRIMARY KEY DEFAULT nextval('corrections_id_seq'),
        doc_id VARCHAR NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        trigger VARCHAR NOT NULL,
        event_id VARCHAR NOT NULL,
        action VARCHAR NOT NULL CHECK (action IN ('wrong', 'fix')),
        changes JSON,
        reason VARCHAR NOT NULL,
        author VARCHAR NOT NULL,
        created_at TIMESTAMP NOT NULL,
        undone_at TIMESTAMP,
        undone_by VARCHAR,
        original JSON
    )""",
    "CREATE INDEX corrections_doc_id ON corrections (doc_id)",
)

COLUMNS: tuple[str, ...] = ("id", "doc_id", "start", "end", "trigger", "event_id", "action", "changes", "reason",
                            "author", "created_at", "undone_at", "undone_by", "original")
SELECT = "SELECT " + ", ".join(f'"{c}"' for c in COLUMNS) + " FROM corrections"
INSERT = ('INSERT INTO corrections (doc_id, start, "end", trigger, event_id, action, changes, reason, author, '
          "created_at, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")


def insert_values(c: Correction, created_at: str) -> list[Any]:
    """The INSERT parameters of a new correction."""
    return [c.doc_id, c.start, c.end, c.trigger, c.event_id, c.action, json.dumps(c.changes, ensure_ascii=False),
            c.reason, c.author, created_at, json.dumps(c.original, ensure_ascii=False) if c.original else None]


def from_row(row: tuple[Any, ...]) -> Correction:
    """A Correction from a row of SELECT."""
    data = dict(zip(COLUMNS, row))
    return Correction(
        id=int(data["id"]), doc_id=data["doc_id"], start=int(data["start"]), end=int(data["end"]),
        trigger=data["trigger"], event_id=data["event_id"], action=data["action"],
        changes=_json(data["changes"]) or {}, reason=data["reason"], author=data["author"],
        created_at=_iso(data["created_at"]), undone_at=_iso(data["undone_at"]), undone_by=data["undone_by"],
        original=_json(data["original"]),
    )


def _json(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        return value
    return json.loads(value)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, (dt.datetime, dt.date)) else str(value)
