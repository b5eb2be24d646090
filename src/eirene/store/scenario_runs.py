"""The scenario_runs table (schema version 5): runs of the bargaining model, kept to be cited.

Why in the store: a forecast quoted in a brief must be found and reproduced later. Each
row keeps the inputs as they were run (with their evidence), the settings, the sha256
of the inputs' numbers (eirene.scenario.input_hash) and the forecast, so
`eirene scenario show ID` can run them again and say whether the result is the same.
Rows are written by eirene.scenario.stored, never by the coder, so re-coding keeps them.
"""

from __future__ import annotations

# Version 4 -> 5: add the scenario_runs table (additive: nothing else changes).
SCENARIO_RUNS_DDL: tuple[str, ...] = (
    "CREATE SEQUENCE scenario_runs_id_seq START 1",
    """CREATE TABLE scenario_runs (
        id INTEGER PRIMARY KEY DEFAULT nextval('scenario_runs_id_seq'),
        created_at TIMESTAMP NOT NULL,
        input_hash VARCHAR NOT NULL,
        issue VARCHAR,
        variant VARCHAR NOT NULL,
        q DOUBLE NOT NULL,
        rounds INTEGER NOT NULL,
        rounds_run INTEGER NOT NULL,
        stopped VARCHAR NOT NULL,
        forecast DOUBLE NOT NULL,
        forecast_mean DOUBLE NOT NULL,
        baseline_median DOUBLE NOT NULL,
        baseline_mean DOUBLE NOT NULL,
        inputs JSON NOT NULL,
        source VARCHAR,
        note VARCHAR,
        eirene_version VARCHAR
    )""",
    "CREATE INDEX scenario_runs_input_hash ON scenario_runs (input_hash)",
)
