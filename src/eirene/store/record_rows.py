"""Records <-> table rows: how a Document and an Event with its actors are stored, written once.

Why derived from the dataclasses: every column of the documents, events and
event_actors tables is a record field under the field's own name, so the writer and the
reader walk the fields of eirene.records and cannot disagree with them or with each
other. The few places where storage differs from the record are spelled out here:

- an event's Location is flattened into `location_<field>` columns;
- its actors, recipients and attributed_to become rows of event_actors, one per
  ActorRef, told apart by `role` and ordered by `position`;
- a column's SQL type follows the field's Python type (SQL_TYPES), except where the
  schema is more specific (COLUMN_TYPES: dates are DATE, GeoNames ids BIGINT).

The tables themselves (store/schema.py) are fixed per schema version, as a file
written by one version must read the same in the next; tests/test_record_fields.py
checks that they hold exactly the columns derived here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import UnionType
from typing import Any, Literal, Union

from eirene.records import ActorRef, Document, Event, Location

# the Event fields kept as event_actors rows -> their role there
ACTOR_ROLES: dict[str, str] = {"actors": "actor", "recipients": "recipient", "attributed_to": "attributed"}
LOCATION_PREFIX = "location_"

SQL_TYPES: dict[Any, str] = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", tuple[str, ...]: "VARCHAR[]"}
# columns whose SQL type is more specific than their field's Python type
COLUMN_TYPES: dict[str, str] = {"date": "DATE", "location_geonames_id": "BIGINT"}


@dataclass(frozen=True)
class Column:
    """One stored field: its column name (the field's) and its SQL type."""

    name: str
    sql_type: str

    @property
    def sql(self) -> str:
        """The name quoted for SQL ("end" is a keyword)."""
        return f'"{self.name}"'


def _stored_type(kind: Any) -> Any:
    """The Python type a column holds: X for `X | None`, str for a Literal."""
    if typing.get_origin(kind) in (Union, UnionType):
        kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
    if typing.get_origin(kind) is Literal:
        return type(typing.get_args(kind)[0])
    return kind


def _column(name: str, kind: Any) -> Column:
    return Column(name, COLUMN_TYPES.get(name) or SQL_TYPES[_stored_type(kind)])


def columns_of(record: type, prefix: str = "") -> tuple[Column, ...]:
    """The columns of a record's fields, in field order, each named `prefix` + the field."""
    hints = typing.get_type_hints(record)
    return tuple(_column(prefix + item.name, hints[item.name]) for item in dataclasses.fields(record))


def event_columns(record: type = Event) -> tuple[Column, ...]:
    """Event fields as columns, the location flattened where the field stands."""
    hints = typing.get_type_hints(record)
    found: list[Column] = []
    for item in dataclasses.fields(record):
        if item.name == "location":
            found.extend(columns_of(Location, LOCATION_PREFIX))
        elif item.name not in ACTOR_ROLES:
            found.append(_column(item.name, hints[item.name]))
    return tuple(found)


DOCUMENT_COLUMNS: tuple[Column, ...] = columns_of(Document)
EVENT_COLUMNS: tuple[Column, ...] = event_columns()
ACTOR_COLUMNS: tuple[Column, ...] = columns_of(ActorRef)

# what each table holds beyond its record's fields
DOCUMENT_EXTRA: tuple[str, ...] = ("version", "content_hash", "sentences", "run_id", "ingested_at")
# set by eirene.stories after a document is saved, never written from the record (see schema.py)
DOCUMENT_STORY: tuple[str, ...] = ("story_id",)
EVENT_EXTRA: tuple[str, ...] = ("seq", "run_id")  # seq: the internal integer key (see schema.py)
ACTOR_KEY: tuple[str, ...] = ("event_id", "role", "position")  # then the ActorRef's fields, then event_seq
_TYPE_OF: dict[str, str] = {c.name: c.sql_type for c in (*DOCUMENT_COLUMNS, *EVENT_COLUMNS)}


def names(columns: Sequence[Column]) -> str:
    """The quoted column names, comma-separated, for SELECT and INSERT."""
    return ", ".join(c.sql for c in columns)


def iso(value: Any) -> Any:
    """Dates and timestamps as ISO strings (as records hold them); other values as they are."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


# writing ----------------------------------------------------------------------


def document_values(doc: Document) -> list[Any]:
    """A document's values in DOCUMENT_COLUMNS order."""
    return [getattr(doc, c.name) for c in DOCUMENT_COLUMNS]


def event_values(event: Event) -> list[Any]:
    """An event's values in EVENT_COLUMNS order (actors go to actor_rows)."""
    loc = event.location
    values = []
    for column in EVENT_COLUMNS:
        if column.name.startswith(LOCATION_PREFIX):
            values.append(getattr(loc, column.name[len(LOCATION_PREFIX):]) if loc is not None else None)
        else:
            value = getattr(event, column.name)
            values.append(list(value) if isinstance(value, tuple) else value)
    return values


def actor_rows(event: Event) -> Iterator[tuple[str, int, list[Any]]]:
    """(role, position, values in ACTOR_COLUMNS order) for each ActorRef of the event."""
    for field_name, role in ACTOR_ROLES.items():
        value = getattr(event, field_name)
        refs: tuple[ActorRef, ...] = value if isinstance(value, tuple) else (() if value is None else (value,))
        for position, ref in enumerate(refs):
            yield role, position, [getattr(ref, c.name) for c in ACTOR_COLUMNS]


# reading ----------------------------------------------------------------------


def document_from_row(values: Mapping[str, Any]) -> Document:
    """A Document from a row holding (at least) DOCUMENT_COLUMNS by name."""
    return Document(**{c.name: _read(c.name, values[c.name]) for c in DOCUMENT_COLUMNS})


def actor_from_row(values: Sequence[Any]) -> ActorRef:
    """An ActorRef from values in ACTOR_COLUMNS order."""
    return ActorRef(**{c.name: v for c, v in zip(ACTOR_COLUMNS, values)})


def event_from_row(values: Mapping[str, Any], actors: Mapping[str, Sequence[ActorRef]]) -> Event:
    """An Event from a row holding EVENT_COLUMNS by name and its ActorRefs by role, in position order."""
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(Event):
        if item.name in ACTOR_ROLES:
            refs = tuple(actors.get(ACTOR_ROLES[item.name], ()))
            fields[item.name] = refs if item.name != "attributed_to" else (refs[0] if refs else None)
        elif item.name == "location":
            fields[item.name] = _location(values)
        else:
            fields[item.name] = _read(item.name, values[item.name])
    return Event(**fields)


def _location(values: Mapping[str, Any]) -> Location | None:
    if values[LOCATION_PREFIX + "name"] is None:
        return None
    return Location(**{f.name: values[LOCATION_PREFIX + f.name] for f in dataclasses.fields(Location)})


def _read(name: str, value: Any) -> Any:
    """A stored value as the record holds it: dates as ISO text, lists as tuples."""
    if _TYPE_OF[name] == "DATE":
        return iso(value)
    if _TYPE_OF[name].endswith("[]"):
        return tuple(value or ())
    return value
