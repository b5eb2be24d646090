"""The database schema: tables, indexes and the schema version check.

Why one place: the web API, the exporters and analysts' SQL reuse these column
names, so they change only with SCHEMA_VERSION, and a database written by another
version of eirene is refused with E402 rather than misread, or upgraded in place when
MIGRATIONS knows the way.

The record columns of documents, events and event_actors are the fields of
eirene.records (store/record_rows.py derives them, name and SQL type, and reads and
writes through them). The DDL below still spells them out: a version's tables are fixed
once released, so a file written by this version reads the same in later ones, and
MIGRATIONS can name each version's exact layout. tests/test_record_fields.py holds the
tables equal to the derived columns: a field added to a record fails it until a new
schema version (with its migration) stores the field.

Version 2 gives every event an integer key, `events.seq`, copied onto its actor rows as
`event_actors.event_seq`. Why: the analyses join about a million actor rows to each
other and back to their events; on 20-character VARCHAR ids those joins were most of a
dyad's time, on BIGINT keys they take about half as long. `events.id` stays the public,
stable id (API, exports, `Store.get_event`); `seq` is internal and changes when a
document is re-coded.

Version 3 adds what fetching from the web and grouping wire copies need (see
FETCH_AND_STORIES): a document's author and language, its story (`documents.story_id`),
the log of fetched URLs, the state of polled feeds, and each document's MinHash.

Version 4 adds the `corrections` table (analysts' corrections of events; see
store/corrections.py), nothing else.

Version 5 adds the `scenario_runs` table (stored runs of the bargaining model; see
store/scenario_runs.py), nothing else.

Version 6 adds two event columns: where the event's date came from (`date_source`) and
the evidence spans of every mention merged into the event (`mentions`).

Version 7 adds an actor's second PLOVER sector, `event_actors.secondary_sector`.

Version 8 adds the `analysis_snapshots` table (precomputed analysis answers kept per
data version; see store/snapshots.py), nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eirene.errors import StoreError
from eirene.store.corrections import CORRECTIONS_DDL
from eirene.store.scenario_runs import SCENARIO_RUNS_DDL
from eirene.store.snapshots import SNAPSHOTS_DDL

SCHEMA_VERSION = 8

TABLES: tuple[str, ...] = ("schema_info", "runs", "documents", "events", "event_actors", "ingest_errors",
                           "fetches", "feeds", "document_signatures", "corrections", "scenario_runs",
                           "analysis_snapshots")

# The events and event_actors tables of version 2 (and the sequence of events.seq): the
# DDL of a new file and the target of MIGRATIONS[1]. A later version that changes them
# writes EVENT_TABLES_V3 and keeps these, so the step from version 1 stays as it was.
EVENT_TABLES_V2: tuple[str, ...] = (
    "CREATE SEQUENCE events_seq_seq START 1",
    """CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
        seq BIGINT NOT NULL UNIQUE DEFAULT nextval('events_seq_seq'),
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER,
        start INTEGER,
        "end" INTEGER,
        text VARCHAR,
        trigger VARCHAR,
        trigger_start INTEGER,
        trigger_end INTEGER,
        event_type VARCHAR,
        mode VARCHAR,
        contexts VARCHAR[],
        date DATE,
        date_precision VARCHAR,
        date_text VARCHAR,
        location_name VARCHAR,
        location_geonames_id BIGINT,
        location_country VARCHAR,
        location_lat DOUBLE,
        location_lon DOUBLE,
        location_precision VARCHAR,
        factuality VARCHAR,
        intensity DOUBLE,
        quad_class INTEGER,
        cameo_root VARCHAR,
        confidence DOUBLE,
        method VARCHAR,
        run_id INTEGER
    )""",
    """CREATE TABLE event_actors (
        event_id VARCHAR NOT NULL,
        event_seq BIGINT NOT NULL,
        role VARCHAR NOT NULL CHECK (role IN ('actor', 'recipient', 'attributed')),
        position INTEGER NOT NULL,
        text VARCHAR,
        name VARCHAR,
        actor_id VARCHAR,
        country VARCHAR,
        sector VARCHAR,
        kind VARCHAR,
        start INTEGER,
        "end" INTEGER,
        how VARCHAR
    )""",
)

# Indexes of version 2: version 1's, plus event_actors.event_seq (a document's actor
# rows are found by it when the document is re-coded). events.seq has its UNIQUE index.
EVENT_INDEXES_V2: tuple[str, ...] = (
    "CREATE INDEX events_doc_id ON events (doc_id)",
    "CREATE INDEX events_event_type ON events (event_type)",
    "CREATE INDEX events_date ON events (date)",
    "CREATE INDEX event_actors_name ON event_actors (name)",
    "CREATE INDEX event_actors_country ON event_actors (country)",
    "CREATE INDEX event_actors_actor_id ON event_actors (actor_id)",
    "CREATE INDEX event_actors_event_id ON event_actors (event_id)",
    "CREATE INDEX event_actors_event_seq ON event_actors (event_seq)",
)

DDL: tuple[str, ...] = (
    "CREATE TABLE schema_info (version INTEGER NOT NULL)",
    "CREATE SEQUENCE runs_id_seq START 1",
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY DEFAULT nextval('runs_id_seq'),
        started_at TIMESTAMP NOT NULL,
        finished_at TIMESTAMP,
        eirene_version VARCHAR,
        model VARCHAR,
        inputs JSON,
        config JSON,
        documents_new INTEGER DEFAULT 0,
        documents_same INTEGER DEFAULT 0,
        documents_changed INTEGER DEFAULT 0,
        events INTEGER DEFAULT 0,
        errors INTEGER DEFAULT 0,
        status VARCHAR NOT NULL
    )""",
    """CREATE TABLE documents (
        id VARCHAR PRIMARY KEY,
        version INTEGER NOT NULL,
        content_hash VARCHAR NOT NULL,
        title VARCHAR,
        text VARCHAR NOT NULL,
        date DATE,
        date_precision VARCHAR,
        date_source VARCHAR,
        date_note VARCHAR,
        url VARCHAR,
        source VARCHAR,
        path VARCHAR,
        sentences INTEGER,
        run_id INTEGER,
        ingested_at TIMESTAMP
    )""",
    *EVENT_TABLES_V2,
    *EVENT_INDEXES_V2,
    "CREATE SEQUENCE ingest_errors_id_seq START 1",
    """CREATE TABLE ingest_errors (
        id INTEGER PRIMARY KEY DEFAULT nextval('ingest_errors_id_seq'),
        run_id INTEGER,
        source VARCHAR,
        line INTEGER,
        code VARCHAR,
        message VARCHAR,
        doc_id VARCHAR,
        "at" TIMESTAMP NOT NULL
    )""",
    *CORRECTIONS_DDL,
    *SCENARIO_RUNS_DDL,
)

# Version 1 -> 2: rebuild events and event_actors with their integer keys. A rebuild,
# not ALTER TABLE ADD COLUMN + UPDATE: DuckDB refuses to create an index in a
# transaction with outstanding updates. The new tables are built beside the old ones
# (renaming the old tables aside instead trips a DuckDB 2.0.1 binder error on stored
# files), copied by name (each event takes its seq from the sequence, in stored order),
# then the old tables go (with their indexes) and the new ones take their names. One
# transaction (see `migrate`): a failure leaves the version-1 file as it was. Actor rows
# whose event is missing (no eirene version writes them; no query reaches them) are
# not copied.
V1_TO_V2: tuple[str, ...] = (
    *(statement.replace("CREATE TABLE events (", "CREATE TABLE events_v2 (")
      .replace("CREATE TABLE event_actors (", "CREATE TABLE event_actors_v2 (") for statement in EVENT_TABLES_V2),
    "INSERT INTO events_v2 BY NAME SELECT * FROM events ORDER BY rowid",
    "INSERT INTO event_actors_v2 BY NAME SELECT a.*, e.seq AS event_seq FROM event_actors a "
    "JOIN events_v2 e ON e.id = a.event_id ORDER BY e.seq, a.rowid",
    "DROP TABLE event_actors",
    "DROP TABLE events",
    "ALTER TABLE events_v2 RENAME TO events",
    "ALTER TABLE event_actors_v2 RENAME TO event_actors",
    *EVENT_INDEXES_V2,
)

Execute = Callable[[str, list[Any]], Any]

# Fetching and stories (issue 19), additive only: new nullable columns and new tables, so
# the same statements create them in a new file (after DDL) and upgrade an older one.
# - documents.author, documents.language: fields of the Document record, read from a page;
# - documents.story_id: NULL when the document is its own story, else the id of the
#   story's first document (a wire copy points at the first copy stored). Set by
#   eirene.stories, never by the record, so re-saving a document keeps it. Analyses count
#   a story's events once through COALESCE(story_id, doc_id);
# - fetches: one row per URL asked for (as given), the final URL after redirects, the
#   HTTP status, when, and the document made from it or the E-code of its failure;
#   `retry` tells a transient failure (tried again next time) from a permanent one;
# - feeds: per feed or sitemap, the validators of its last answer (ETag, Last-Modified)
#   for conditional requests, and when it was polled;
# - document_signatures: each document's MinHash, so the near-duplicate index is rebuilt
#   from the store without re-reading every text.
FETCH_AND_STORIES: tuple[str, ...] = (
    "ALTER TABLE documents ADD COLUMN author VARCHAR",
    "ALTER TABLE documents ADD COLUMN language VARCHAR",
    "ALTER TABLE documents ADD COLUMN story_id VARCHAR",
    """CREATE TABLE fetches (
        url VARCHAR NOT NULL,
        final_url VARCHAR,
        doc_id VARCHAR,
        status INTEGER,
        content_type VARCHAR,
        fetched_at TIMESTAMP NOT NULL,
        error_code VARCHAR,
        retry BOOLEAN NOT NULL DEFAULT false,
        listed_by VARCHAR,
        run_id INTEGER
    )""",
    "CREATE INDEX fetches_url ON fetches (url)",
    """CREATE TABLE feeds (
        url VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        etag VARCHAR,
        last_modified VARCHAR,
        status INTEGER,
        links INTEGER,
        polled_at TIMESTAMP NOT NULL
    )""",
    """CREATE TABLE document_signatures (
        doc_id VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        minhash UBIGINT[] NOT NULL
    )""",
)


def _add_fetch_and_story_tables(execute: Execute) -> None:
    """Version 2 -> 3: the columns and tables of FETCH_AND_STORIES (see above)."""
    for statement in FETCH_AND_STORIES:
        execute(statement, [])


# version found -> statements that bring it to version + 1; a new version adds its step
# here instead of breaking old files.
# Version 3 -> 4: the analysts' corrections (store/corrections.py), a table of their own.
# Additive: a new sequence, table and index; no existing row changes.
ADD_CORRECTIONS_TABLE: tuple[str, ...] = CORRECTIONS_DDL

# Version 4 -> 5: stored scenario runs (store/scenario_runs.py), a table of their own. Additive.
ADD_SCENARIO_RUNS_TABLE: tuple[str, ...] = SCENARIO_RUNS_DDL

# Version 5 -> 6 (issue 14), additive: where an event's date came from, and the evidence
# sentences of every mention of a happening merged into one event ("start:end" offsets).
# Events stored before say only what their precision tells: the publication date stood
# in, there was none, or the date came from the text ("sentence").
EVENT_DATE_SOURCE_AND_MENTIONS: tuple[str, ...] = (
    "ALTER TABLE events ADD COLUMN date_source VARCHAR",
    "ALTER TABLE events ADD COLUMN mentions VARCHAR[]",
    "UPDATE events SET date_source = CASE WHEN date_precision IN ('document', 'unknown') THEN date_precision "
    "ELSE 'sentence' END",
)

# Version 6 -> 7: an actor's second PLOVER sector (ActorRef.secondary_sector, issue 13).
# Additive: one nullable column; rows written before read it as null.
ADD_SECONDARY_SECTOR: tuple[str, ...] = ("ALTER TABLE event_actors ADD COLUMN secondary_sector VARCHAR",)

# Version 7 -> 8: precomputed analysis answers (store/snapshots.py), a table of their own. Additive.
ADD_ANALYSIS_SNAPSHOTS: tuple[str, ...] = SNAPSHOTS_DDL

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: V1_TO_V2, 2: FETCH_AND_STORIES, 3: ADD_CORRECTIONS_TABLE, 4: ADD_SCENARIO_RUNS_TABLE,
    5: EVENT_DATE_SOURCE_AND_MENTIONS, 6: ADD_SECONDARY_SECTOR, 7: ADD_ANALYSIS_SNAPSHOTS,
}


def create_schema(execute: Execute) -> None:
    """Create every table and index of SCHEMA_VERSION in an empty database."""
    for statement in DDL:
        execute(statement, [])
    _add_fetch_and_story_tables(execute)
    for statement in (*EVENT_DATE_SOURCE_AND_MENTIONS, *ADD_SECONDARY_SECTOR, *ADD_ANALYSIS_SNAPSHOTS):
        execute(statement, [])
    execute("INSERT INTO schema_info (version) VALUES (?)", [SCHEMA_VERSION])


def check_version(found: int | None, location: str) -> None:
    """Refuse a database of another schema version (E402) unless a migration path exists.

    Why refuse: reading a newer file with older code would silently drop columns;
    writing an older file would mix layouts. Migrations, when there are any, are
    applied by `migrate` before this check is reached again.
    """
    if found != SCHEMA_VERSION and not can_migrate(found):
        raise StoreError("E402", path=location, found=found, expected=SCHEMA_VERSION)


def can_migrate(found: int | None) -> bool:
    """Whether MIGRATIONS lead from `found` to SCHEMA_VERSION step by step."""
    if found is None or found > SCHEMA_VERSION:
        return False
    return all(version in MIGRATIONS for version in range(found, SCHEMA_VERSION))


def migrate(execute: Execute, found: int, location: str) -> None:
    """Apply the migration steps from `found` up to SCHEMA_VERSION (E402 when there is none)."""
    check_version(found, location)
    for version in range(found, SCHEMA_VERSION):
        for statement in MIGRATIONS[version]:
            execute(statement, [])
        execute("UPDATE schema_info SET version = ?", [version + 1])
