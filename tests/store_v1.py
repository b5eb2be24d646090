"""Version 1 of the store's schema, frozen: the DDL eirene wrote before schema version 2.

Why a copy here: the migration tests need a real version-1 file, and
src/eirene/store/schema.py keeps only the current DDL. Copied from schema.py as it stood
from commit c9e71e0 to f4e18bb; never edit it.
"""

from __future__ import annotations

V1_DDL: tuple[str, ...] = (
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
    """CREATE TABLE events (
        id VARCHAR PRIMARY KEY,
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
    "CREATE INDEX events_doc_id ON events (doc_id)",
    "CREATE INDEX events_event_type ON events (event_type)",
    "CREATE INDEX events_date ON events (date)",
    """CREATE TABLE event_actors (
        event_id VARCHAR NOT NULL,
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
    "CREATE INDEX event_actors_name ON event_actors (name)",
    "CREATE INDEX event_actors_country ON event_actors (country)",
    "CREATE INDEX event_actors_actor_id ON event_actors (actor_id)",
    "CREATE INDEX event_actors_event_id ON event_actors (event_id)",
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
)
