"""The analysis_snapshots table (schema version 8): precomputed analysis answers, per data version.

Why: at a million events the actor network, its blocs and the actor profiles take a
minute or more to compute, far over what a web request may take. Computed once, their
answers (JSON) are kept here under the data's version stamp, so every later request,
in this process or the next, reads a few small rows. A stamp is a digest of the numbers
every write moves (counts and highest keys of documents, events and actor rows, the
corrections, the stories, and the eirene version that computed them): a snapshot of
another stamp is stale, never read, and deleted by the next snapshot written.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eirene.store.base import Store

# Version 7 -> 8: add the analysis_snapshots table (additive: nothing else changes).
SNAPSHOTS_DDL: tuple[str, ...] = (
    """CREATE TABLE analysis_snapshots (
        stamp VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        payload VARCHAR NOT NULL,
        built_at TIMESTAMP NOT NULL,
        PRIMARY KEY (stamp, key)
    )""",
)

# every write to the analysed tables moves one of these numbers: a new or re-coded
# document draws new event seqs, a correction re-inserts its document's events, story
# grouping sets story_id, a correction row is added or withdrawn (SQL both databases read)
STAMP_SQL = (
    "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(story_id) FROM documents) AS stories, "
    "(SELECT max(ingested_at) FROM documents) AS ingested, (SELECT count(*) FROM events) AS events, "
    "(SELECT max(seq) FROM events) AS seq, (SELECT count(*) FROM event_actors) AS actor_rows, "
    "(SELECT count(*) FROM corrections) AS corrections, "
    "(SELECT count(*) FROM corrections WHERE undone_at IS NOT NULL) AS undone"
)


def data_stamp(store: Store) -> str:
    """The version stamp of the store's analysed data (a short hex digest)."""
    from eirene import __version__

    row = store.query(STAMP_SQL)[0]
    text = "|".join(f"{k}={row[k]}" for k in sorted(row)) + f"|eirene={__version__}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def read_snapshot(store: Store, stamp: str, key: str) -> str | None:
    """The payload kept for `key` under `stamp`, or None (never computed for this data)."""
    rows = store.query("SELECT payload FROM analysis_snapshots WHERE stamp = ? AND key = ?", [stamp, key])
    return rows[0]["payload"] if rows else None


def write_snapshot(store: Store, stamp: str, key: str, payload: str) -> None:
    """Keep `payload` for `key` under `stamp`, dropping every snapshot of an older stamp."""
    built = datetime.now(timezone.utc).replace(tzinfo=None)

    def statements(execute: Any) -> None:
        execute("DELETE FROM analysis_snapshots WHERE stamp <> ? OR key = ?", [stamp, key])
        execute("INSERT INTO analysis_snapshots (stamp, key, payload, built_at) VALUES (?, ?, ?, ?)",
                [stamp, key, payload, built])

    store.write("an analysis snapshot", statements)


def snapshot_keys(store: Store, stamp: str) -> list[str]:
    """The keys kept under `stamp`, in order."""
    return [r["key"] for r in store.query("SELECT key FROM analysis_snapshots WHERE stamp = ? ORDER BY key", [stamp])]
