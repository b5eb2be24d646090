"""Pydantic models of every JSON answer, so /openapi.json says exactly what comes back.

The models of the records (events, their actors and places, documents, claims, the
store's summary counts) are built from the frozen dataclasses themselves by
`record_model`: field names, types, allowed values and descriptions come from
eirene.records and eirene.store.stats, so they change only with them. The
actor-system answers (nodes, profiles, dyads, the network) are written out here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from eirene.records import ActorRef, Claim, Document, Event, Location
from eirene.store.stats import ActorCount as StoredActorCount
from eirene.store.stats import DateRange as StoredDateRange
from eirene.store.stats import DyadCount as StoredDyadCount
from eirene.store.stats import StoreStats


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def record_model(record: type, name: str, models: Mapping[type, type[BaseModel]] | None = None, *,
                 exclude: tuple[str, ...] = (), extra: Mapping[str, Any] | None = None) -> type[BaseModel]:
    """The response model of a record dataclass: one required field per dataclass field.

    record: the frozen dataclass; each field's type and description (`described`) carry over.
    name (str): the model's name, as /openapi.json lists it.
    models: the model to use for each nested record type (ActorRef -> ActorRefModel).
    exclude: fields left out; extra: more fields after the record's, as (type, Field).
    RETURNS (type[BaseModel]): a model whose JSON is the record's `asdict` form, tuples as lists.
    """
    hints = typing.get_type_hints(record)
    fields: dict[str, Any] = {}
    for item in dataclasses.fields(record):
        if item.name not in exclude:
            kind = api_type(hints[item.name], models or {})
            fields[item.name] = (kind, Field(description=item.metadata.get("doc")))
    fields.update(extra or {})
    summary = (record.__doc__ or "").strip().split("\n\n")[0]
    return create_model(name, __base__=_Model, __doc__=summary, **fields)


def api_type(kind: Any, models: Mapping[type, type[BaseModel]]) -> Any:
    """A record field's type as the API writes it: tuples become lists, records their models."""
    if kind in models:
        return models[kind]
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin is tuple:
        return list[api_type(args[0], models)]  # type: ignore[misc]
    if origin in (Union, types.UnionType):
        return Union[tuple(api_type(arg, models) for arg in args)]  # noqa: UP007
    return kind


def record_field(record: type, name: str) -> Any:
    """One field of a record, as an `extra` entry of `record_model` (to place it elsewhere)."""
    item = record.__dataclass_fields__[name]
    return (typing.get_type_hints(record)[name], Field(description=item.metadata.get("doc")))


class ErrorBody(_Model):
    code: str = Field(description="eirene error code, e.g. E406")
    message: str = Field(description="what went wrong and what to do")


class ErrorResponse(_Model):
    error: ErrorBody


ActorRefModel = record_model(ActorRef, "ActorRefModel")
LocationModel = record_model(Location, "LocationModel")
EventModel = record_model(Event, "EventModel", {ActorRef: ActorRefModel, Location: LocationModel})


class EventList(_Model):
    total: int = Field(description="events matching the filters (all pages)")
    limit: int
    offset: int
    events: list[EventModel]


DocumentSummary = record_model(Document, "DocumentSummary", exclude=("text",), extra={
    "version": (int, Field(description="1, raised each time the document's text changes")),
    "sentences": (int | None, Field(description="sentences coded; null when stored but not coded yet")),
    "events": (int, Field(description="events coded from it")),
})


class DocumentList(_Model):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


DocumentDetail = record_model(Document, "DocumentDetail", exclude=("text",), extra={
    "text": record_field(Document, "text"),
    "events": (list[EventModel], Field(description="its events, in document order")),
})


class NodeModel(_Model):
    key: str = Field(description="ISO3 code for a country node, else the knowledge-base actor id")
    name: str
    country: str | None
    kind: str


class ActorMatch(NodeModel):
    events: int = Field(description="events the node takes part in")


class ActorList(_Model):
    q: str | None
    level: str
    actors: list[ActorMatch]


class PartnerModel(_Model):
    node: NodeModel
    events: int


class YearModel(_Model):
    year: int
    cooperation: int
    conflict: int
    events: int
    partners: list[PartnerModel] = Field(description="counterparts of that year's cooperation, most first")
    adversaries: list[PartnerModel] = Field(description="counterparts of that year's conflict, most first")


class RoleModel(_Model):
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    start: str | None = None
    end: str | None = None
    org: str | None = None


class ActorProfileModel(_Model):
    node: NodeModel
    events_as_actor: int
    events_as_recipient: int
    partners: list[PartnerModel]
    adversaries: list[PartnerModel]
    by_year: list[YearModel]
    roles: list[RoleModel]


class DyadPeriod(_Model):
    period: dt.date = Field(description="first day of the period")
    events: int
    cooperation: int
    conflict: int
    balance: int
    intensity_sum: float
    intensity_mean: float | None
    quads: dict[str, int] = Field(description="counts by quad class, keys quad_1 .. quad_4")
    types: dict[str, int] = Field(description="counts by PLOVER type (all 16)")


class DyadSeries(_Model):
    a: NodeModel
    b: NodeModel
    freq: str
    directed: bool
    level: str
    factuality: str | None
    periods: list[DyadPeriod]


class NetworkNode(NodeModel):
    events: int
    bloc: int = Field(description="bloc id (0 = largest), -1 for none")
    x: float = Field(description="layout position (seeded spring layout of the whole corpus)")
    y: float


class NetworkEdge(_Model):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    balance: int
    intensity_mean: float | None
    sign: int = Field(description="+1 cooperative, -1 conflictual, 0 even")
    weight: float


class NetworkModel(_Model):
    since: str | None
    until: str | None
    level: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


ClaimModel = record_model(Claim, "ClaimModel", {ActorRef: ActorRefModel})


class ClaimList(_Model):
    about: str | None
    by: str | None
    total: int
    limit: int
    offset: int
    claims: list[ClaimModel]


ActorCount = record_model(StoredActorCount, "ActorCount")
DyadCount = record_model(StoredDyadCount, "DyadCount")
DateRange = record_model(StoredDateRange, "DateRange")
StatsModel = record_model(StoreStats, "StatsModel",
                          {StoredActorCount: ActorCount, StoredDyadCount: DyadCount, StoredDateRange: DateRange})


class IngestedDocument(_Model):
    id: str
    state: str = Field(description="new, changed or same (already stored, not coded again)")
    events: int


class IngestFailure(_Model):
    source: str
    code: str
    message: str


class IngestResult(_Model):
    run_id: int
    documents: list[IngestedDocument]
    events: int
    failures: list[IngestFailure]
