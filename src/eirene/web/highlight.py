"""Cut a text into pieces marked by the spans over them (actor, recipient, trigger, event).

Why server-side: the template then only prints pieces, each escaped by Jinja, so no
document text ever reaches the page as HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eirene.records import Event


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str  # css class: actor, recipient, trigger, event, claimant
    ref: str | None = None  # an event id, for links from a document to its events


@dataclass(frozen=True)
class Piece:
    text: str
    labels: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


def pieces(text: str, spans: Iterable[Span], base: int = 0) -> list[Piece]:
    """`text` (starting at offset `base` of the document) cut at every span boundary.

    Spans outside the text are clipped; overlapping spans give pieces with several labels.
    """
    inside = [
        Span(max(s.start - base, 0), min(s.end - base, len(text)), s.label, s.ref)
        for s in spans
        if s.end - base > 0 and s.start - base < len(text) and s.end > s.start
    ]
    cuts = sorted({0, len(text), *(s.start for s in inside), *(s.end for s in inside)})
    out: list[Piece] = []
    for left, right in zip(cuts, cuts[1:]):
        over = [s for s in inside if s.start <= left and s.end >= right]
        labels = tuple(dict.fromkeys(s.label for s in over))
        refs = tuple(dict.fromkeys(s.ref for s in over if s.ref))
        out.extend(_peeled(Piece(text[left:right], labels, refs)))
    return out


def _peeled(piece: Piece) -> list[Piece]:
    """A marked piece without its leading and trailing whitespace (line breaks stay unmarked)."""
    if not piece.labels or not piece.text.strip():
        return [Piece(piece.text)] if not piece.text.strip() else [piece]
    core = piece.text.strip()
    head = piece.text[: len(piece.text) - len(piece.text.lstrip())]
    tail = piece.text[len(piece.text.rstrip()):]
    return [p for p in (Piece(head), Piece(core, piece.labels, piece.refs), Piece(tail)) if p.text]


def event_spans(event: Event) -> list[Span]:
    """Actor, recipient, claimant and trigger spans of one event (document offsets)."""
    spans = [Span(a.start, a.end, "actor") for a in event.actors if a.start is not None and a.end is not None]
    spans += [Span(r.start, r.end, "recipient") for r in event.recipients if r.start is not None and r.end is not None]
    claimant = event.attributed_to
    if claimant is not None and claimant.start is not None and claimant.end is not None:
        spans.append(Span(claimant.start, claimant.end, "claimant"))
    if event.trigger_start is not None and event.trigger_end is not None:
        spans.append(Span(event.trigger_start, event.trigger_end, "trigger"))
    return spans


def document_spans(events: Sequence[Event]) -> list[Span]:
    """Every event's sentence (linked to the event) and trigger, for the document page."""
    spans = [Span(e.start, e.end, "event", e.id) for e in events]
    spans += [Span(e.trigger_start, e.trigger_end, "trigger", e.id) for e in events
              if e.trigger_start is not None and e.trigger_end is not None]
    return spans


def paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the paragraph (blank-line or line-break separated) holding [start, end)."""
    left = text.rfind("\n", 0, start)
    right = text.find("\n", end)
    return (left + 1 if left >= 0 else 0, right if right >= 0 else len(text))
