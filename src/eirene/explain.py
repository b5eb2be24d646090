"""Rendering `Coder.explain` and stored events for people (text) and programs (JSON)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from eirene.event_provenance import EventProvenance, event_provenance
from eirene.records import ActorRef, Document, Event

if TYPE_CHECKING:
    from eirene.document_coder import Explanation


def _actor(ref: ActorRef) -> str:
    ident = ref.actor_id or "-"
    return f"'{ref.text}' -> {ref.name} [{ident}] country={ref.country or '-'} sector={ref.sector or '-'} kind={ref.kind} via {ref.how}"


def _provenance_lines(provenance: EventProvenance) -> list[str]:
    """The date's origin, the mentions merged into the event, and its speaker turns."""
    lines = [f"      date: {provenance.date_origin}"]
    if len(provenance.mentions) > 1:
        lines.append(f"      mentions: {len(provenance.mentions)} reports of this happening, merged into one event")
        lines.extend(f"        chars {m.start}-{m.end}: \"{m.text}\"" for m in provenance.mentions)
    for turn in provenance.speaker_turns:
        lines.append(f"      {turn.role} '{turn.who}' ({turn.speaker}): the speaker of the transcript turn "
                     f"'{turn.label}:' at chars {turn.start}-{turn.end}: \"{turn.text}\"")
    return lines


def _event_lines(event: Event, text: str) -> list[str]:
    actors = ", ".join(a.name for a in event.actors)
    recipients = ", ".join(r.name for r in event.recipients) or "-"
    location = event.location.name if event.location else "-"
    return [
        f"  {event.event_type}{'/' + event.mode if event.mode else ''}: {actors} -> {recipients}  "
        f"trigger='{event.trigger}' factuality={event.factuality}"
        + (f" attributed_to={event.attributed_to.name}" if event.attributed_to else ""),
        f"      place={location} intensity={event.intensity} quad={event.quad_class} cameo={event.cameo_root or '-'} "
        f"method={event.method} confidence={event.confidence}",
        *_provenance_lines(event_provenance(event, text)),
    ]


def _event_json(event: Event, text: str) -> dict[str, Any]:
    return {**event.to_dict(), "provenance": event_provenance(event, text).to_dict()}


def render_explanation(explanation: Explanation, fmt: str = "text") -> str:
    """The parse, the actors and how each was resolved, the events and the rules that made
    them (with their dates' origins, mentions and speaker turns), and for sentences
    without events, why."""
    if fmt == "json":
        return json.dumps(
            {
                "text": explanation.text,
                "tokens": explanation.tokens,
                "actors": [a.to_dict() for a in explanation.actors],
                "events": [_event_json(e, explanation.text) for e in explanation.events],
                "notes": [{"sentence": n.sentence_index, "text": n.text, "reasons": list(n.reasons)} for n in explanation.notes],
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = ["parse:"]
    for token in explanation.tokens:
        ent = f" [{token['ent']}]" if token["ent"] else ""
        lines.append(f"  {token['i']:>3} {token['text']:<16} {token['lemma']:<14} {token['pos']:<6} {token['dep']:<10} <- {token['head']}{ent}")
    lines.append("")
    lines.append("actors:")
    if not explanation.actors:
        lines.append("  (none recognised)")
    for ref in explanation.actors:
        lines.append("  " + _actor(ref))
    lines.append("")
    lines.append("events:")
    if not explanation.events:
        lines.append("  (none)")
    for event in explanation.events:
        lines.extend(_event_lines(event, explanation.text))
    if explanation.notes:
        lines.append("")
        lines.append("why not (more):")
        for note in explanation.notes:
            for reason in note.reasons:
                lines.append(f"  sentence {note.sentence_index}: {reason}")
    return "\n".join(lines)


def render_stored_event(event: Event, document: Document, fmt: str = "text") -> str:
    """One stored event as coded: its sentence, each actor and how it was resolved, its
    claimant, and where its date, its mentions and its speaker came from in the document."""
    if fmt == "json":
        return json.dumps({"document": {"id": document.id, "title": document.title, "date": document.date},
                           "event": _event_json(event, document.text)}, ensure_ascii=False, indent=2)
    lines = [f"event {event.id} of {document.id} (sentence {event.sentence_index}, chars {event.start}-{event.end}; "
             f"document date {document.date or 'none'})",
             f"  \"{' '.join(event.text.split())}\"", ""]
    lines.extend(f"  actor      {_actor(ref)}" for ref in event.actors)
    lines.extend(f"  recipient  {_actor(ref)}" for ref in event.recipients)
    if event.attributed_to is not None:
        lines.append(f"  claimant   {_actor(event.attributed_to)}")
    lines.append("")
    lines.extend(_event_lines(event, document.text))
    return "\n".join(lines)
