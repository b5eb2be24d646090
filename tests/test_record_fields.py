"""One home per field: the records in eirene.records are the single definition of an event.

Every other place that carries an event's fields (the API models, the store's tables and
row mapping, each export format) is either built from the dataclass fields or declares
what it does with every one of them. These tests fail when a field is added (or renamed)
in one place only, and say which place lacks it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from eirene.export import EXPORTERS
from eirene.export import icews_tsv, parquet, plover_jsonl, polecat_tsv
from eirene.records import ActorRef, Document, Event, Location, described
from eirene.store import open_store
from eirene.store import record_rows
from eirene.web.models import (
    ActorRefModel,
    DocumentDetail,
    DocumentSummary,
    EventModel,
    LocationModel,
    record_model,
)

RECORDS = (Event, ActorRef, Location, Document)
NESTED = {ActorRef: ActorRefModel, Location: LocationModel}

# format -> (its field maps, one event rendered as the format writes it)
FORMATS: dict[str, tuple[dict[type, dict[str, str | None]], Callable[[Event], Any]]] = {
    "plover-jsonl": (plover_jsonl.FIELDS, lambda event: plover_jsonl.plover_record(event, {})),
    "icews-tsv": (icews_tsv.FIELDS, lambda event: list(icews_tsv.event_rows(event, {}))),
    "polecat-tsv": (polecat_tsv.FIELDS, lambda event: polecat_tsv.event_row(event, {})),
}
# formats that write no event field by field, and why
NOT_FIELD_BY_FIELD = {
    "graphml": "writes the actor network (nodes and edges), not events",
    "parquet": "copies the store's tables column for column (checked against the records below)",
}


def field_names(record: type) -> set[str]:
    return {f.name for f in dataclasses.fields(record)}


def table_columns(table: str) -> dict[str, str]:
    """The columns of a table in a new store, with their SQL types."""
    with open_store(":memory:") as store:
        rows = store.query(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table],
        )
    return {r["column_name"]: r["data_type"] for r in rows}


def stored_columns(record: type, base: type) -> tuple[str, dict[str, str], str]:
    """(table, the columns `record` derives to there, prefix) for a record standing in for `base`."""
    if base is Event:
        return "events", {c.name: c.sql_type for c in record_rows.event_columns(record)}, ""
    if base is Location:
        columns = record_rows.columns_of(record, record_rows.LOCATION_PREFIX)
        return "events", {c.name: c.sql_type for c in columns}, record_rows.LOCATION_PREFIX
    table = "event_actors" if base is ActorRef else "documents"
    return table, {c.name: c.sql_type for c in record_rows.columns_of(record)}, ""


def gaps(record: type, base: type) -> dict[str, set[str]]:
    """For each place that carries the fields of `base`: the fields of `record` (base itself
    or a stand-in with a field added) it lacks, or the fields it names that `record` lacks."""
    names = field_names(record)
    found = {"api model": names ^ set(record_model(record, "Probe", NESTED).model_fields)}
    table, derived, prefix = stored_columns(record, base)
    columns = table_columns(table)
    missing = {name for name in derived if name not in columns}
    wrong_type = {name for name, kind in derived.items() if name in columns and columns[name] != kind}
    found[f"store table {table}"] = {name.removeprefix(prefix) for name in missing | wrong_type}
    for fmt, (maps, _) in FORMATS.items():
        if base in maps:
            found[f"export {fmt}"] = names ^ set(maps[base])
    return found


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_record_fields_every_place_carries_every_field(record):
    assert {place: fields for place, fields in gaps(record, record).items() if fields} == {}


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
def test_record_fields_are_described_for_the_api(record):
    undescribed = [f.name for f in dataclasses.fields(record) if not f.metadata.get("doc")]
    assert undescribed == []


def test_record_fields_a_field_added_in_one_place_only_is_caught():
    """Add a field to the dataclass alone: the derived places take it, the rest report it."""

    @dataclasses.dataclass(frozen=True)
    class EventWithMore(Event):
        novel: str = described("a field added to the record only", "")

    @dataclasses.dataclass(frozen=True)
    class ActorWithMore(ActorRef):
        novel: str = described("a field added to the record only", "")

    for record, base in ((EventWithMore, Event), (ActorWithMore, ActorRef)):
        found = gaps(record, base)
        assert found.pop("api model") == set()  # derived from the dataclass: it follows
        assert found and all(fields == {"novel"} for fields in found.values()), found


def test_record_fields_the_store_tables_hold_the_records_and_nothing_else():
    """Each table is its record's fields plus the columns the store declares it adds."""
    expected = {
        "events": [*(c.name for c in record_rows.EVENT_COLUMNS), *record_rows.EVENT_EXTRA],
        "event_actors": [*record_rows.ACTOR_KEY, *(c.name for c in record_rows.ACTOR_COLUMNS), "event_seq"],
        "documents": [*(c.name for c in record_rows.DOCUMENT_COLUMNS), *record_rows.DOCUMENT_EXTRA,
                      *record_rows.DOCUMENT_STORY],
    }
    for table, columns in expected.items():
        assert sorted(table_columns(table)) == sorted(columns), table
    assert set(expected) <= set(parquet.TABLES)  # and the Parquet export copies each of them


def test_record_fields_the_api_models_are_the_records():
    assert list(EventModel.model_fields) == [f.name for f in dataclasses.fields(Event)]
    assert list(ActorRefModel.model_fields) == [f.name for f in dataclasses.fields(ActorRef)]
    without_text = [f.name for f in dataclasses.fields(Document) if f.name != "text"]
    assert list(DocumentSummary.model_fields) == [*without_text, "version", "sentences", "events"]
    assert list(DocumentDetail.model_fields) == [*without_text, "text", "events"]
    assert EventModel.model_fields["factuality"].description == Event.__dataclass_fields__["factuality"].metadata["doc"]


def test_record_fields_every_export_format_is_accounted_for():
    assert set(EXPORTERS) == set(FORMATS) | set(NOT_FIELD_BY_FIELD)


def full_event() -> Event:
    """An event with every field set (no None), so each field can be seen in the output."""
    taliban = ActorRef(text="the Taliban", name="Taliban", actor_id="taliban", country="AFG", sector="REB",
                       kind="armed_group", start=30, end=41, how="alias", secondary_sector="PTY")
    return Event(
        id="e1", doc_id="doc-1", sentence_index=2, start=20, end=80, trigger="attacked",
        text="In Kunduz, the Taliban attacked a Pakistani border post on Monday.",
        event_type="ASSAULT", mode="small-arms", contexts=("territory",), date="2019-03-04",
        date_precision="day", date_text="on Monday", factuality="alleged",
        actors=(taliban,),
        recipients=(ActorRef(text="a Pakistani border post", name="Pakistan", actor_id="PAK", country="PAK",
                             sector="MIL", kind="state", start=52, end=75, how="demonym+agent",
                             secondary_sector="PRE"),),
        location=Location(name="Kunduz", geonames_id=1135689, country="AFG", lat=36.7, lon=68.9, precision="city"),
        attributed_to=ActorRef(text="officials", name="Afghan officials", actor_id="afg-gov", country="AFG",
                               sector="GOV", kind="group", start=0, end=9, how="agent-noun", secondary_sector="OPP"),
        intensity=-7.0, quad_class=4, cameo_root="19", confidence=0.8, method="rule:assault.attack",
        trigger_start=42, trigger_end=50, date_source="sentence", mentions=("20:80",),
    )


def other_value(value: Any) -> Any:
    """A different value of the same kind."""
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 1.5
    if isinstance(value, (ActorRef, Location)):
        return dataclasses.replace(value, name=value.name + "x")
    if isinstance(value, tuple):
        return (*value, other_value(value[0]))
    raise TypeError(value)


def with_field_changed(event: Event, record: type, name: str) -> Event:
    """The event with field `name` of `record` changed (in every actor, for ActorRef)."""
    if record is Event:
        return dataclasses.replace(event, **{name: other_value(getattr(event, name))})
    if record is Location:
        assert event.location is not None
        return dataclasses.replace(event, location=dataclasses.replace(
            event.location, **{name: other_value(getattr(event.location, name))}))

    def changed(ref: ActorRef) -> ActorRef:
        return dataclasses.replace(ref, **{name: other_value(getattr(ref, name))})

    return dataclasses.replace(event, actors=tuple(map(changed, event.actors)),
                               recipients=tuple(map(changed, event.recipients)),
                               attributed_to=changed(event.attributed_to) if event.attributed_to else None)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_record_fields_each_format_writes_what_its_map_says(fmt):
    """A mapped field changes the output when it changes; a field mapped to None does not."""
    maps, render = FORMATS[fmt]
    event = full_event()
    assert all(getattr(event, f.name) is not None for f in dataclasses.fields(Event))
    base = render(event)
    wrong = []
    for record, fields in maps.items():
        for name, target in fields.items():
            changed = render(with_field_changed(event, record, name)) != base
            if changed != (target is not None):
                wrong.append(f"{record.__name__}.{name} -> {target}")
    assert wrong == []
