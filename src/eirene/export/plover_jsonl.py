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
from eirene.export.base import atomic_text, documents_by_id, iter_events
from eirene.records import ActorRef, Event
from eirene.store.base import EventFilter, Store

PLOVER_VERSION = "1.0"  # the PLOVER type and mode names eirene codes with (16 types)


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
    loc = event.location
    return {
        "id": event.id,
        "date": event.date,
        "datePrecision": event.date_precision,
        "dateText": event.date_text,
        "event": event.event_type,
        "mode": event.mode,
        "context": list(event.contexts),
        "actor": [actor_record(r) for r in event.actors],
        "recipient": [actor_record(r) for r in event.recipients],
        "eventText": event.trigger,
        "eventLoc": None if loc is None else {
            "name": loc.name, "country": loc.country, "geonamesId": loc.geonames_id,
            "lat": loc.lat, "lon": loc.lon, "precision": loc.precision,
        },
        "text": event.text,
        "factuality": event.factuality,
        "attributedTo": actor_record(event.attributed_to) if event.attributed_to else None,
        "intensity": event.intensity,
        "quadClass": event.quad_class,
        "cameoRoot": event.cameo_root,
        "language": "en",
        "publication": {
            "docId": event.doc_id, "title": doc.get("title"), "date": doc.get("date"),
            "source": doc.get("source"), "url": doc.get("url"),
        },
        "provenance": {
            "docId": event.doc_id, "sentenceIndex": event.sentence_index,
            "start": event.start, "end": event.end,
            "triggerStart": event.trigger_start, "triggerEnd": event.trigger_end,
            "method": event.method, "confidence": event.confidence,
        },
        "coder": f"eirene {__version__}",
        "version": PLOVER_VERSION,
    }


def actor_record(ref: ActorRef) -> dict[str, Any]:
    """One side of a PLOVER record: the words as written and how eirene resolved them."""
    return {
        "actorText": ref.text, "name": ref.name, "actorId": ref.actor_id, "code": ref.country,
        "sector": ref.sector, "kind": ref.kind, "start": ref.start, "end": ref.end, "how": ref.how,
    }
