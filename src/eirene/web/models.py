"""Pydantic models of every JSON answer, so /openapi.json says exactly what comes back.

Field names are those of the records (eirene.records.Event.to_dict()) and of the
actor-system contract (eirene.analysis); they change only with them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(_Model):
    code: str = Field(description="eirene error code, e.g. E406")
    message: str = Field(description="what went wrong and what to do")


class ErrorResponse(_Model):
    error: ErrorBody


class ActorRefModel(_Model):
    text: str
    name: str
    actor_id: str | None
    country: str | None
    sector: str | None
    kind: str
    start: int | None
    end: int | None
    how: str


class LocationModel(_Model):
    name: str
    geonames_id: int | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str


class EventModel(_Model):
    """One event exactly as Event.to_dict() writes it (see the README's event record)."""

    id: str
    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    trigger: str
    event_type: str
    actors: list[ActorRefModel]
    recipients: list[ActorRefModel]
    mode: str | None
    contexts: list[str]
    date: str | None
    date_precision: str
    date_text: str | None
    location: LocationModel | None
    factuality: str
    attributed_to: ActorRefModel | None
    intensity: float
    quad_class: int
    cameo_root: str | None
    confidence: float
    method: str
    trigger_start: int | None
    trigger_end: int | None


class EventList(_Model):
    total: int = Field(description="events matching the filters (all pages)")
    limit: int
    offset: int
    events: list[EventModel]


class DocumentSummary(_Model):
    id: str
    title: str | None
    date: str | None
    date_precision: str | None
    date_source: str | None
    date_note: str | None
    path: str | None
    url: str | None
    source: str | None
    version: int
    sentences: int | None = Field(description="sentences coded; null when stored but not coded yet")
    events: int


class DocumentList(_Model):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class DocumentDetail(_Model):
    id: str
    title: str | None
    date: str | None
    date_precision: str
    date_source: str
    date_note: str | None
    url: str | None
    source: str | None
    path: str | None
    text: str
    events: list[EventModel]


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


class ClaimModel(_Model):
    event_id: str
    doc_id: str
    claimant: ActorRefModel | None
    accused: list[ActorRefModel]
    recipients: list[ActorRefModel]
    event_type: str
    mode: str | None
    factuality: str
    date: str | None
    text: str
    trigger: str
    kind: str = Field(description="allegation, accusation or denial")
    claimants: list[ActorRefModel] = Field(description="every actor making the claim")


class ClaimList(_Model):
    about: str | None
    by: str | None
    total: int
    limit: int
    offset: int
    claims: list[ClaimModel]


class ActorCount(_Model):
    name: str
    events: int


class DyadCount(_Model):
    actor: str
    recipient: str
    events: int


class DateRange(_Model):
    first: str | None
    last: str | None


class StatsModel(_Model):
    documents: int
    events: int
    events_by_type: dict[str, int]
    top_actors: list[ActorCount]
    top_dyads: list[DyadCount]
    errors: int
    runs: int
    date_range: DateRange


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
