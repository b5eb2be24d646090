"""From what an analyst types to a stored correction: `correct`, `undo`, `export_training`.

Why apart from eirene.corrections: turning "--actor Pakistan --type ACCUSE" into event
fields needs the knowledge base (who "Pakistan" is on the event's date) and the lexicon
(an ACCUSE is quad 3 with its intensity); the CLI and the web app both call these
functions, so a correction made in either is the same correction.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Sequence
from typing import Any

from eirene.actors.kb import KnowledgeBase
from eirene.corrections import Correction, actor_change, check_changes, training_rows
from eirene.errors import StoreError
from eirene.records import ActorRef, Event
from eirene.store.base import Store
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PRECISION = {4: "year", 7: "month", 10: "day"}


def default_author() -> str:
    """Who is correcting, when not said: $EIRENE_USER, else the login name."""
    return os.environ.get("EIRENE_USER") or getpass.getuser()


def correct(store: Store, event_id: str, *, reason: str, author: str | None = None, wrong: bool = False,
            event_type: str | None = None, actors: Sequence[str] | None = None,
            recipients: Sequence[str] | None = None, factuality: str | None = None, date: str | None = None,
            kb: KnowledgeBase | None = None) -> Correction:
    """Mark event `event_id` wrong, or fix the fields given; store it and apply it.

    actors / recipients: names, aliases, ids or ISO3 codes (resolved on the event's date);
    an empty recipients list removes the recipients. date: YYYY, YYYY-MM or YYYY-MM-DD,
    or "" for no date.
    RAISES (StoreError): E413 no such event, E416 the correction is not usable.
    """
    event = store.get_event(event_id)
    if event is None:
        raise StoreError("E413", what="event", value=event_id, path=store.location)
    if not reason or not reason.strip():
        raise StoreError("E416", event_id=event_id, reason="say why (a reason is required)")
    changes = {} if wrong else _changes(event, event_type=event_type, actors=actors, recipients=recipients,
                                        factuality=factuality, date=date, kb=kb)
    if not wrong and not changes:
        raise StoreError("E416", event_id=event_id,
                         reason="nothing to change: give --wrong, or a new type, actor, recipient, factuality or date")
    problems = check_changes(changes)
    if problems:
        raise StoreError("E416", event_id=event_id, reason="; ".join(problems))
    correction = Correction(
        doc_id=event.doc_id, start=event.start, end=event.end, trigger=event.trigger, event_id=event.id,
        action="wrong" if wrong else "fix", reason=reason.strip(), author=(author or default_author()).strip(),
        changes=changes, original=_original(store, event),
    )
    return store.save_correction(correction)


def _original(store: Store, event: Event) -> dict[str, Any]:
    """The coder's version of the event: the stored original of an earlier correction
    at the same key, else the event as stored."""
    for earlier in reversed(store.corrections(doc_id=event.doc_id)):
        if earlier.key == (event.doc_id, event.start, event.end, event.trigger) and earlier.original:
            return earlier.original
    return event.to_dict()


def _changes(event: Event, *, event_type: str | None, actors: Sequence[str] | None,
             recipients: Sequence[str] | None, factuality: str | None, date: str | None,
             kb: KnowledgeBase | None) -> dict[str, Any]:
    """The Event fields a fix sets, resolved (type -> quad and intensity, names -> refs)."""
    changes: dict[str, Any] = {}
    if event_type:
        changes.update(_type_fields(event, event_type.strip().upper()))
    if actors is not None or recipients is not None:
        knowledge = kb or KnowledgeBase.load()
        if actors is not None:
            changes["actors"] = actor_change(_refs(event, actors, knowledge))
        if recipients is not None:
            changes["recipients"] = actor_change(_refs(event, recipients, knowledge))
    if factuality:
        value = factuality.strip().lower()
        if value not in FACTUALITY_VALUES:
            raise StoreError("E416", event_id=event.id, reason=f"factuality {factuality!r}: use one of "
                             + ", ".join(FACTUALITY_VALUES))
        changes["factuality"] = value
    if date is not None:
        changes.update(_date_fields(event, date.strip()))
    return {k: v for k, v in changes.items() if event.to_dict().get(k) != v}


def _type_fields(event: Event, event_type: str) -> dict[str, Any]:
    if event_type not in PLOVER_TYPES:
        raise StoreError("E416", event_id=event.id, reason=f"{event_type!r} is not a PLOVER type; use one of "
                         + " ".join(PLOVER_TYPES))
    from eirene.events.lexicon import Lexicon

    info = Lexicon.load().types[event_type]
    intensity, quad, cameo = info.score(None)
    return {"event_type": event_type, "mode": None, "quad_class": quad, "intensity": intensity, "cameo_root": cameo}


def _date_fields(event: Event, date: str) -> dict[str, Any]:
    if date == "":
        return {"date": None, "date_precision": "unknown", "date_text": None, "date_source": "unknown"}
    if not DATE.match(date):
        raise StoreError("E416", event_id=event.id, reason=f"date {date!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    full = date + "-01" * ((10 - len(date)) // 3)
    return {"date": full, "date_precision": PRECISION[len(date)], "date_text": None, "date_source": "analyst"}


def _refs(event: Event, names: Sequence[str], kb: KnowledgeBase) -> list[ActorRef]:
    """ActorRefs for names, coded as of the event's date (role, country, sector)."""
    from eirene.analysis.nodes import NodeMapper

    mapper = NodeMapper(kb)
    refs = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        entry = mapper.entry_for(name)
        if entry is None:
            raise StoreError("E416", event_id=event.id,
                             reason=f"no actor named {name!r}; try `eirene actors search {name}`")
        coding = kb.code_at(entry, event.date)
        refs.append(ActorRef(text=name, name=entry.name, actor_id=entry.id, country=coding.country,
                             sector=coding.sector, kind=entry.kind, how="correction"))
    return refs


def undo(store: Store, correction_id: int, author: str | None = None) -> Correction:
    """Undo one correction: the coder's event comes back (the correction stays on record)."""
    return store.undo_correction(correction_id, (author or default_author()).strip())


def export_training(store: Store) -> list[dict[str, Any]]:
    """The active corrections as training examples (see corrections.training_rows)."""
    found = store.corrections()
    texts = {}
    for doc_id in {c.doc_id for c in found}:
        document = store.get_document(doc_id)
        if document is not None:
            texts[doc_id] = document.text
    return training_rows(found, texts)
