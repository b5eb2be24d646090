"""Review and correction: an analyst marks an event wrong or fixes it, with a reason.

Why keyed to the text, not to the event id: re-coding (`eirene code --recode`, a new
lexicon, a better model) replaces a document's events, and a fixed type changes the id
the coder would give. A correction names the document, the evidence sentence's span
and the trigger, so it finds "its" event again after any re-coding, and it keeps the
coder's version of that event (`original`), refreshed at each re-coding, so undoing it
restores what the coder says now.

A correction is one of:
- "wrong": the event should not exist (misread, not an event, a duplicate);
- "fix": some fields are wrong; `changes` holds their new values as Event fields,
  already resolved (a new type brings its quad class and intensity, a new actor its
  knowledge-base id, country and sector). A fixed event gets confidence 1.0: a person
  has checked it.

The store applies the active corrections when it saves a document's events and when a
correction is added or undone (Store.save_correction, Store.undo_correction), so every
analysis, page and export reads corrected events. Undone corrections stay on record.
`training_rows` turns the corrections into labelled examples for the event coder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from eirene.records import ActorRef, Event
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES

Action = Literal["wrong", "fix"]
ACTIONS: tuple[Action, ...] = ("wrong", "fix")
FIXABLE: tuple[str, ...] = ("event_type", "actors", "recipients", "factuality", "date")


@dataclass(frozen=True)
class Correction:
    """One analyst's correction of one event, as stored.

    id: its number (None before it is stored). doc_id / start / end / trigger: the key
    that finds the event again after re-coding. event_id: the id of the event corrected.
    action: "wrong" or "fix". changes: Event field -> new value (JSON form) for a fix.
    reason / author / created_at: why, who, when (UTC, ISO). undone_at / undone_by:
    when and by whom it was undone, or None while it is active. original: the coder's
    version of the event (Event.to_dict), or None when the coder no longer finds it.
    """

    doc_id: str
    start: int
    end: int
    trigger: str
    event_id: str
    action: Action
    reason: str
    author: str
    changes: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    created_at: str | None = None
    undone_at: str | None = None
    undone_by: str | None = None
    original: dict[str, Any] | None = None

    @property
    def active(self) -> bool:
        return self.undone_at is None

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.doc_id, self.start, self.end, self.trigger)

    def summary(self) -> str:
        """What it does, in a few words: "wrong" or "event_type ASSAULT -> ACCUSE; date ..."."""
        if self.action == "wrong":
            return "marked wrong"
        before = self.original or {}
        parts = []
        for name in FIXABLE:
            if name in self.changes:
                parts.append(f"{name}: {_show(before.get(name))} -> {_show(self.changes[name])}")
        return "; ".join(parts) or "no change"


def _show(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value) or "none"
    return "none" if value is None else str(value)


def now_iso() -> str:
    """UTC now as stored (seconds, no time zone)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat()


def matches(event: Event, correction: Correction) -> bool:
    """Whether an event sits at the correction's key (document, sentence span, trigger)."""
    return (event.doc_id, event.start, event.end, event.trigger) == correction.key


def apply_corrections(events: Sequence[Event], corrections: Iterable[Correction], *,
                      fresh: bool) -> tuple[list[Event], dict[int, dict[str, Any]]]:
    """A document's events with its corrections applied, and the refreshed originals.

    events: the document's events, fresh from the coder (`fresh` True) or as stored
        (False: those at a corrected key are already corrected, so the stored
        original stands in for them).
    corrections: the document's corrections, active and undone, oldest first.
    RETURNS: (events to store, correction id -> the coder's event at its key, for the
        corrections whose originals the coder's fresh output replaces). When the coder
        no longer finds a corrected event, a fix is applied to the stored original, so
        the analyst's event survives re-coding.
    """
    by_key: dict[tuple[str, int, int, str], list[Correction]] = {}
    for c in sorted(corrections, key=lambda c: c.id or 0):
        by_key.setdefault(c.key, []).append(c)
    kept = list(events)
    out: list[Event] = []
    refreshed: dict[int, dict[str, Any]] = {}
    for key, group in by_key.items():
        at_key = [e for e in kept if matches(e, group[0])]
        kept = [e for e in kept if not matches(e, group[0])]
        chosen = _choose(at_key, group) if fresh else None
        others = [e for e in at_key if e is not chosen] if fresh else []
        if chosen is not None:
            base: Event | None = chosen
            refreshed.update({c.id: chosen.to_dict() for c in group if c.id is not None})
        else:  # stored events are corrected already; a coder that lost the event keeps the original
            stored = next((c.original for c in reversed(group) if c.original), None)
            base = Event.from_dict(stored) if stored else None
        result = fold(base, [c for c in group if c.active])
        out.extend([*others, *([result] if result is not None else [])])
    return [*kept, *out], refreshed


def _choose(candidates: list[Event], group: list[Correction]) -> Event | None:
    """The event a correction refers to among those at its key (its id, else its original type)."""
    if not candidates:
        return None
    for c in reversed(group):
        for event in candidates:
            if event.id == c.event_id:
                return event
    types = {(c.original or {}).get("event_type") for c in group}
    same = [e for e in candidates if e.event_type in types]
    return (same or candidates)[0]


def fold(base: Event | None, active: Sequence[Correction]) -> Event | None:
    """The event after the active corrections, in order (None: it is marked wrong)."""
    state = base
    for c in active:
        if c.action == "wrong":
            state = None
        elif state is not None and c.changes:
            state = Event.from_dict({**state.to_dict(), **c.changes, "confidence": 1.0})
    return state


def check_changes(changes: dict[str, Any]) -> list[str]:
    """Problems with a fix's changes, in words (empty when they are usable)."""
    problems = [f"'{k}' cannot be corrected (use {', '.join(FIXABLE)})" for k in changes
                if k not in (*FIXABLE, "quad_class", "intensity", "cameo_root", "mode", "date_precision",
                             "date_text", "date_source")]
    if "event_type" in changes and changes["event_type"] not in PLOVER_TYPES:
        problems.append(f"event_type {changes['event_type']!r} is not a PLOVER type")
    if "factuality" in changes and changes["factuality"] not in FACTUALITY_VALUES:
        problems.append(f"factuality {changes['factuality']!r}: use one of {', '.join(FACTUALITY_VALUES)}")
    if "actors" in changes and not changes["actors"]:
        problems.append("an event needs at least one actor")
    return problems


def actor_change(refs: Sequence[ActorRef]) -> list[dict[str, Any]]:
    """ActorRefs as a correction stores them."""
    return [replace(r, how="correction").to_dict() for r in refs]


def training_rows(corrections: Iterable[Correction], texts: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The active corrections as labelled examples for the event coder (JSON lines).

    Each row: the evidence sentence, its trigger and span, the coder's event
    (`predicted`), the analyst's (`gold`: the corrected event, or null when it is no
    event), and who corrected it, when and why. texts: doc_id -> document text, to
    add the sentence when the stored original lacks it.
    """
    rows = []
    by_key: dict[tuple[str, int, int, str], list[Correction]] = {}
    for c in corrections:
        by_key.setdefault(c.key, []).append(c)
    for group in by_key.values():
        active = [c for c in sorted(group, key=lambda c: c.id or 0) if c.active]
        if not active:
            continue
        last = active[-1]
        original = next((c.original for c in reversed(group) if c.original), None)
        base = Event.from_dict(original) if original else None
        gold = fold(base, active)
        text = (original or {}).get("text") or ((texts or {}).get(last.doc_id, "")[last.start:last.end])
        rows.append({
            "doc_id": last.doc_id, "start": last.start, "end": last.end, "text": text, "trigger": last.trigger,
            "label": "not-an-event" if gold is None else "corrected",
            "predicted": original, "gold": gold.to_dict() if gold is not None else None,
            "corrections": [{"id": c.id, "action": c.action, "changes": c.changes, "reason": c.reason,
                             "author": c.author, "created_at": c.created_at} for c in active],
        })
    return rows
