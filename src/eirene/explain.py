"""Rendering `Coder.explain` for people (text) and programs (JSON)."""

from __future__ import annotations

import json

from eirene.document_coder import Explanation
from eirene.records import ActorRef


def _actor(ref: ActorRef) -> str:
    ident = ref.actor_id or "-"
    return f"'{ref.text}' -> {ref.name} [{ident}] country={ref.country or '-'} sector={ref.sector or '-'} kind={ref.kind} via {ref.how}"


def render_explanation(explanation: Explanation, fmt: str = "text") -> str:
    """The parse, the actors and how each was resolved, the events and the rules that made
    them, and for sentences without events, why."""
    if fmt == "json":
        return json.dumps(
            {
                "text": explanation.text,
                "tokens": explanation.tokens,
                "actors": [a.to_dict() for a in explanation.actors],
                "events": [e.to_dict() for e in explanation.events],
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
        actors = ", ".join(a.name for a in event.actors)
        recipients = ", ".join(r.name for r in event.recipients) or "-"
        lines.append(
            f"  {event.event_type}{'/' + event.mode if event.mode else ''}: {actors} -> {recipients}  "
            f"trigger='{event.trigger}' factuality={event.factuality}"
            + (f" attributed_to={event.attributed_to.name}" if event.attributed_to else "")
        )
        location = event.location.name if event.location else "-"
        lines.append(
            f"      date={event.date} ({event.date_precision}{', ' + repr(event.date_text) if event.date_text else ''}) place={location} "
            f"intensity={event.intensity} quad={event.quad_class} cameo={event.cameo_root or '-'} "
            f"method={event.method} confidence={event.confidence}"
        )
    if explanation.notes:
        lines.append("")
        lines.append("why not (more):")
        for note in explanation.notes:
            for reason in note.reasons:
                lines.append(f"  sentence {note.sentence_index}: {reason}")
    return "\n".join(lines)
