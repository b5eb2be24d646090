"""ICEWS-style TSV: the 20 columns of the ICEWS event files, one row per source-target pair.

Why one row per pair: ICEWS records one source and one target per event, so an eirene
event with two actors ("Russia and Pakistan urged ...") becomes two rows that share the
Event ID, the way ICEWS and PETRARCH split compound actors. Names and countries are
written out ("Pakistan", sector names such as "Military"), as ICEWS does. "Intensity"
is eirene's PLOVER intensity (-10..+10), not ICEWS's CAMEO/Goldstein value; "CAMEO
Code" is the three-digit root code ("190"). See docs/export.md for every column.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eirene.export.base import (
    FieldMap,
    country_name,
    documents_by_id,
    iter_events,
    labels,
    sector_label,
    write_tsv,
)
from eirene.records import ActorRef, Event, Location
from eirene.store.base import EventFilter, Store

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)
# where each record field goes; the fields ICEWS has no column for are listed as None
FIELDS: dict[type, FieldMap] = {
    Event: {
        "id": "Event ID", "date": "Event Date", "intensity": "Intensity",
        "actors": "Source Name, Source Sectors, Source Country",
        "recipients": "Target Name, Target Sectors, Target Country",
        "cameo_root": "Event Text, CAMEO Code",  # ICEWS codes CAMEO, so the PLOVER type is not written
        "doc_id": "Story ID", "sentence_index": "Sentence Number",
        "location": "City, Province, Country, Latitude, Longitude",
        **dict.fromkeys((
            "start", "end", "text", "trigger", "event_type", "mode", "contexts", "date_precision", "date_text",
            "factuality", "attributed_to", "quad_class", "confidence", "method", "trigger_start", "trigger_end",
            "date_source", "mentions",
        )),
    },
    ActorRef: {
        "name": "Source Name / Target Name", "sector": "Source Sectors / Target Sectors",
        "secondary_sector": "Source Sectors / Target Sectors (the second of them)",
        "country": "Source Country / Target Country",
        **dict.fromkeys(("text", "actor_id", "kind", "start", "end", "how")),
    },
    Location: {
        "name": "City or Province", "precision": "City or Province (which of the two)", "country": "Country",
        "lat": "Latitude", "lon": "Longitude",
        **dict.fromkeys(("geonames_id",)),
    },
}


def export_icews(store: Store, flt: EventFilter, out_path: Path) -> int:
    """Write the events matching `flt` as ICEWS-style TSV. RETURNS (int): rows written."""
    docs = documents_by_id(store)
    return write_tsv(Path(out_path), COLUMNS, _rows(iter_events(store, flt), docs))


def pairs(event: Event) -> list[tuple[ActorRef | None, ActorRef | None]]:
    """(source, target) for each row of one event: every actor with every other recipient.

    A reciprocal event ("A and B met") lists A and B on both sides; a self-pair
    (A -> A) is skipped unless it is all there is.
    """
    sources: list[ActorRef | None] = list(event.actors) or [None]
    targets: list[ActorRef | None] = list(event.recipients) or [None]
    found = [(s, t) for s in sources for t in targets if s is None or t is None or _key(s) != _key(t)]
    return found or [(sources[0], targets[0])]


def _key(ref: ActorRef) -> tuple[str | None, str]:
    return (ref.actor_id, ref.name)


def _rows(events: Iterator[Event], docs: dict[str, dict[str, Any]]) -> Iterator[list[Any]]:
    for event in events:
        yield from event_rows(event, docs.get(event.doc_id, {}))


def event_rows(event: Event, doc: dict[str, Any]) -> Iterator[list[Any]]:
    """The rows of one event, one per source-target pair, in COLUMNS order; `doc` is its
    document's metadata."""
    loc = event.location
    precision = loc.precision if loc else None
    root = (event.cameo_root or "").zfill(2) if event.cameo_root else ""
    for source, target in pairs(event):
        yield [
            event.id, event.date,
            *_actor(source),
            labels()["cameo_roots"].get(root, ""), f"{root}0" if root else "", event.intensity,
            *_actor(target),
            event.doc_id, event.sentence_index + 1, doc.get("source"),
            loc.name if precision == "city" else None, None,
            loc.name if precision == "admin1" else None,
            country_name(loc.country) if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
        ]


def _actor(ref: ActorRef | None) -> list[str]:
    """Name, Sectors, Country of one side."""
    if ref is None:
        return ["", "", ""]
    sectors = ",".join(sector_label(c) for c in (ref.sector, ref.secondary_sector) if c)
    return [ref.name, sectors, country_name(ref.country)]
