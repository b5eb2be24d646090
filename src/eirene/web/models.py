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

from eirene.corrections import Correction
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


class RuleModel(_Model):
    """The counting rule a count was made under (eirene.analysis.rule)."""

    factualities: list[str] = Field(description="factualities that count; empty: all")
    methods: list[str] = Field(description="method families or ids that count; empty: all")
    min_confidence: float
    merge_duplicates: bool = Field(description="reports of one happening count once")
    drop_self_loops: bool = Field(description="events whose actor and recipient are one node do not count")
    legend: str = Field(description="the rule in words, as every page shows it")


class ActorProfileModel(_Model):
    node: NodeModel
    events: int = Field(description="happenings naming the actor, under the rule")
    events_as_actor: int
    events_as_recipient: int
    partners: list[PartnerModel]
    adversaries: list[PartnerModel]
    by_year: list[YearModel]
    roles: list[RoleModel]
    undated: int = Field(description="happenings with no date (counted above, in no year)")
    sides_with: list[NodeModel] = Field(description="actors it has significant positive ties with")
    opposes: list[NodeModel] = Field(description="actors it has significant negative ties with")
    torn: list[list[NodeModel]] = Field(description="pairs it has positive ties with that oppose each other")
    bloc: int = Field(description="its bloc in the network of the same window and rule, -1 for none")
    rule: RuleModel


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
    undated: int = Field(description="happenings with no date, in no period")
    events: int = Field(description="all happenings between a and b, dated or not")
    cooperation: int
    conflict: int
    balance: int
    mentions: int = Field(description="stored events behind the happenings (reports merged under the rule)")
    rule: RuleModel


class NetworkNode(NodeModel):
    events: int
    bloc: int = Field(description="bloc id (0 = largest), -1 for none")
    strength: float | None = Field(description="membership strength: share of resamples it stays in its bloc")
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
    sign: int = Field(description="the tie: +1 significantly friendlier, -1 significantly more hostile than "
                      "its actors' baselines, 0 thin or not significant; the sign of `excess`")
    weight: float = Field(description="|excess| for a significant tie, else 0")
    mentions: int = Field(description="stored events behind the happenings")
    tie: str = Field(description="positive, negative, thin or not significant")
    expected: float | None = Field(description="cooperative share its actors' baselines predict")
    observed: float | None = Field(description="its own cooperative share (confidence-weighted)")
    excess: float = Field(description="weighted balance minus the expected balance")
    stories: int = Field(description="distinct documents (stories) its happenings come from")
    reason: str = Field(description="why the tie is what it is, in words")


class BlocMemberModel(NodeModel):
    strength: float = Field(description="share of resamples in which it stays in this bloc")


class BlocModel(_Model):
    id: int
    members: list[BlocMemberModel]
    stability: float = Field(description="mean best Jaccard overlap over the resamples (1: always found whole)")
    opposed_to: list[int]
    frustrated: list[list[str]] = Field(description="negative ties inside the bloc the split could not avoid")


class UnassignedModel(NodeModel):
    reason: str


class NetworkModel(_Model):
    since: str | None
    until: str | None
    level: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    blocs: list[BlocModel]
    unassigned: list[UnassignedModel]
    opposed: bool = Field(description="whether any significant tie is negative (camps can be told apart)")
    note: str = Field(description="what the blocs rest on, in one line")
    resamples: int
    ties_rule: str = Field(description="when a tie counts as evidence, in words")
    rule: RuleModel


ClaimModel = record_model(Claim, "ClaimModel", {ActorRef: ActorRefModel})


class ClaimGroupModel(_Model):
    claimant: str = Field(description='who claims it; "(unattributed)" when no one is named')
    accused: str
    about: str
    event_type: str
    factuality: str
    kind: str
    count: int
    first_date: str | None
    event_ids: list[str]


class ClaimList(_Model):
    about: str | None
    by: str | None
    total: int
    limit: int
    offset: int
    claims: list[ClaimModel]
    groups: list[ClaimGroupModel] = Field(description="this page's claims grouped by claimant, accused and type")


CorrectionModel = record_model(Correction, "CorrectionModel", extra={
    "summary": (str, Field(description="what it changes, in words")),
    "active": (bool, Field(description="false once undone")),
})


class CorrectionList(_Model):
    total: int
    corrections: list[CorrectionModel]


class CorrectionRequest(_Model):
    """A correction of one event: mark it wrong, or give the fields to fix, with a reason."""

    reason: str = Field(min_length=1, max_length=2000, description="why (required)")
    author: str | None = Field(default=None, max_length=200, description="who corrects")
    wrong: bool = Field(default=False, description="the event should not exist")
    event_type: str | None = Field(default=None, max_length=20)
    actors: list[str] | None = Field(default=None, description="names, aliases, ids or ISO3 codes")
    recipients: list[str] | None = Field(default=None, description="[] for none")
    factuality: str | None = Field(default=None, max_length=20)
    date: str | None = Field(default=None, max_length=10, description='YYYY[-MM[-DD]], "" for none')


class UndoRequest(_Model):
    author: str | None = Field(default=None, max_length=200)


class MapPlace(_Model):
    name: str
    country: str | None
    lat: float
    lon: float
    precision: str = Field(description="city, admin1 or country (country centroid)")
    events: int
    cooperation: int
    conflict: int
    event_ids: list[str] = Field(description="up to 20 of its events")


class MapModel(_Model):
    places: list[MapPlace]
    located: int = Field(description="events with a place on the map")
    unlocated: int = Field(description="events matching the filters with no place")


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
