"""POLECAT-style TSV: POLECAT's 40 columns in POLECAT's order, one row per event.

Why POLECAT's layout: analysts already have loaders for the weekly POLECAT files (R and
Python scripts that pick columns by these names), so eirene's events drop into them.
Several actors or recipients of one event share a cell, joined with "; " and aligned
across the Name / Country / Sectors / Name Raw columns, as POLECAT does. What eirene does
not know (COW codes, titles, Wikipedia ids, story-level lists) is left empty; the
mapping is documented in docs/export.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eirene import __version__
from eirene.export.base import FieldMap, documents_by_id, iter_events, joined, labels, names, write_tsv
from eirene.records import ActorRef, Event, Location
from eirene.store.base import EventFilter, Store

COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)
# where each record field goes; the fields POLECAT has no column for are listed as None
FIELDS: dict[type, FieldMap] = {
    Event: {
        "id": "Event ID", "date": "Event Date", "event_type": "Event Type", "mode": "Event Mode",
        "intensity": "Intensity", "quad_class": "Quad Code", "contexts": "Contexts",
        "actors": "Actor Name, Actor Country, Primary Actor Sector, Actor Sectors, Actor Name Raw",
        "recipients": "Recipient Name, Recipient Country, Primary Recipient Sector, Recipient Sectors, "
                      "Recipient Name Raw",
        "location": "Placename, City, Province, Country, Latitude, Longitude, GeoNames ID, Feature Type",
        **dict.fromkeys((
            "doc_id", "sentence_index", "start", "end", "text", "trigger", "date_precision", "date_text",
            "factuality", "attributed_to", "cameo_root", "confidence", "method", "trigger_start", "trigger_end",
            "date_source", "mentions",
        )),
    },
    ActorRef: {
        "name": "Actor Name / Recipient Name", "country": "Actor Country / Recipient Country",
        "sector": "(Primary) Actor Sectors / (Primary) Recipient Sectors",
        "secondary_sector": "Actor Sectors / Recipient Sectors (after the primary, joined by +)",
        "text": "Actor Name Raw / Recipient Name Raw",
        **dict.fromkeys(("actor_id", "kind", "start", "end", "how")),
    },
    Location: {
        "name": "Placename, City or Province", "precision": "Feature Type, City or Province (which of the two)",
        "country": "Country", "lat": "Latitude", "lon": "Longitude", "geonames_id": "GeoNames ID",
    },
}


def export_polecat(store: Store, flt: EventFilter, out_path: Path) -> int:
    """Write the events matching `flt` as POLECAT-style TSV. RETURNS (int): rows written."""
    docs = documents_by_id(store)
    return write_tsv(Path(out_path), COLUMNS, (event_row(e, docs.get(e.doc_id, {})) for e in iter_events(store, flt)))


def _side(refs: tuple) -> list[str]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID."""
    return [
        names(refs), joined(r.country for r in refs), "", (refs[0].sector or "") if refs else "",
        joined("+".join(c for c in (r.sector, r.secondary_sector) if c) for r in refs), "",
        joined(r.text for r in refs), "",
    ]


def event_row(event: Event, doc: dict[str, Any]) -> list[Any]:
    """One event's row in COLUMNS order; `doc` is its document's metadata."""
    loc = event.location
    precision = loc.precision if loc else None
    return [
        event.id, event.date, event.event_type, event.mode, event.intensity,
        labels()["quad_codes"].get(event.quad_class, ""), joined(event.contexts),
        *_side(event.actors), *_side(event.recipients),
        loc.name if loc else None,
        loc.name if precision == "city" else None, None,
        loc.name if precision == "admin1" else None,
        loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
        loc.geonames_id if loc else None, None,
        labels()["feature_types"].get(precision, "") if loc else None,
        doc.get("source"), doc.get("date"),
        None, None, None, "en", f"eirene {__version__}",
    ]

