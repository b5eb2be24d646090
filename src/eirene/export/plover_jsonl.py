"""PLOVER JSONL: one PLOVER event record per line, with eirene's provenance.

Why this layout: it follows the PLOVER record (the field names of the PLOVER gold
standard records: `event`, `mode`, `context`, `eventText`, `eventLoc`, `text`, actors
as `actorText` / `code` (country) / `sector`) with the current PLOVER names `actor` and
`recipient` for the two sides, and adds what eirene knows beyond PLOVER: factuality,
who claims it (`attributedTo`), intensity and quad class, and a `provenance` object
(document, character offsets, the rule or model that coded it, confidence), so any
record can be checked against its sentence.

    {"id": "6868ad114eee2b95a527", "date": "2016-05-21", "event": "ASSAULT",
     "mode": "drone", "context": ["territory"],
     "actor": [{"actorText": "US", "name": "United States", "code": "USA", "sector": "MIL", ...}],
     "recipient": [...], "eventText": "killed", "eventLoc": {"name": "Balochistan", ...},
     "text": "...", "factuality": "asserted", "attributedTo": null,
     "provenance": {"docId": "kabul-01.txt", "sentenceIndex": 3, "start": 92, ...}}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from eirene import __version__
from eirene.export.base import FieldMap, atomic_text, documents_by_id, iter_events
from eirene.records import ActorRef, Event, Location
from eirene.store.base import EventFilter, Store

PLOVER_VERSION = "1.0"  # the PLOVER type and mode names eirene codes with (16 types)

# Event field -> its key in the record, in the record's order; the PROVENANCE_KEYS fields
# go into the "provenance" object (doc_id also into "publication")
EVENT_KEYS: FieldMap = {
    "id": "id", "date": "date", "date_precision": "datePrecision", "date_text": "dateText",
    "event_type": "event", "mode": "mode", "contexts": "context", "actors": "actor",
    "recipients": "recipient", "trigger": "eventText", "location": "eventLoc", "text": "text",
    "factuality": "factuality", "attributed_to": "attributedTo", "intensity": "intensity",
    "quad_class": "quadClass", "cameo_root": "cameoRoot", "date_source": "dateSource",
}
PROVENANCE_KEYS: FieldMap = {
    "doc_id": "docId", "sentence_index": "sentenceIndex", "start": "start", "end": "end",
    "trigger_start": "triggerStart", "trigger_end": "triggerEnd", "method": "method",
    "confidence": "confidence", "mentions": "mentions",
}
ACTOR_KEYS: FieldMap = {
    "text": "actorText", "name": "name", "actor_id": "actorId", "country": "code", "sector": "sector",
    "kind": "kind", "start": "start", "end": "end", "how": "how", "secondary_sector": "sector2",
}
LOCATION_KEYS: FieldMap = {
    "name": "name", "country": "country", "geonames_id": "geonamesId", "lat": "lat", "lon": "lon",
    "precision": "precision",
}
FIELDS: dict[type, FieldMap] = {
    Event: {**EVENT_KEYS, **{name: f"provenance.{key}" for name, key in PROVENANCE_KEYS.items()}},
    ActorRef: ACTOR_KEYS,
    Location: LOCATION_KEYS,
}


def export_plover(store: Store, flt: EventFilter, out_path: Path) -> int:
    """Write the events matching `flt` as PLOVER JSON lines. RETURNS (int): records written."""
    docs = documents_by_id(store)
    count = 0
    with atomic_text(Path(out_path)) as handle:
        for event in iter_events(store, flt):
            handle.write(json.dumps(plover_record(event, docs.get(event.doc_id, {})), ensure_ascii=False) + "\n")
            count += 1
    return count


def plover_record(event: Event, doc: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER record; `doc` is the document's metadata (date, title, source, url)."""
    return {
        **{key: _value(getattr(event, name)) for name, key in EVENT_KEYS.items() if key is not None},
        "language": "en",
        "publication": {
            "docId": event.doc_id, "title": doc.get("title"), "date": doc.get("date"),
            "source": doc.get("source"), "url": doc.get("url"),
        },
        "provenance": {key: getattr(event, name) for name, key in PROVENANCE_KEYS.items() if key is not None},
        "coder": f"eirene {__version__}",
        "version": PLOVER_VERSION,
    }


def _value(value: Any) -> Any:
    """A field's value in the record: actors and places as objects, tuples as lists."""
    if isinstance(value, ActorRef):
        return actor_record(value)
    if isinstance(value, Location):
        return {key: getattr(value, name) for name, key in LOCATION_KEYS.items() if key is not None}
    if isinstance(value, tuple):
        return [_value(item) for item in value]
    return value


def actor_record(ref: ActorRef) -> dict[str, Any]:
    """One side of a PLOVER record: the words as written and how eirene resolved them."""
    return {key: getattr(ref, name) for name, key in ACTOR_KEYS.items() if key is not None}
