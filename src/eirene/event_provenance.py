"""Where the parts of a coded event come from in its document: the date's origin, every
mention merged into the event, and the transcript turn that made a speaker its claimant
(or an actor: "I", "we").

Why a module of its own: `eirene explain` shows it for a text and for a stored event, and
both need the same reading of the document text; the records only keep offsets.

    >>> provenance = event_provenance(event, document.text)
    >>> provenance.mentions[0].text, provenance.date_origin
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from eirene.actors.speakers import DiscourseWords, find_turns
from eirene.records import ActorRef, Event

# What each Event.date_source means, for people.
DATE_ORIGINS: dict[str, str] = {
    "sentence": "read from the clause's own words",
    "happening": "the date of a well-known happening the clause names",
    "death": "the victim's recorded date of death",
    "document": "the publication date, standing in: the clause names no date",
    "unknown": "the clause names none and the document has no publication date",
    "analyst": "set by an analyst's correction",
}


@dataclass(frozen=True)
class Mention:
    """One place the document reports the event: the evidence sentence's offsets and words."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SpeakerTurn:
    """The transcript turn an event was said in, and whom it made what ("claimant", "actor")."""

    role: str
    who: str
    label: str
    speaker: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EventProvenance:
    """The event's date origin, its mentions (its own first) and its speaker turns."""

    date_origin: str
    mentions: tuple[Mention, ...]
    speaker_turns: tuple[SpeakerTurn, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def date_origin(event: Event) -> str:
    """"2019-03-14 (day), read from the clause's own words: 'on 14 March'", or why there is no date."""
    origin = DATE_ORIGINS.get(event.date_source, event.date_source)
    words = f": '{event.date_text}'" if event.date_text else ""
    if event.date is None:
        return f"no date ({origin})"
    return f"{event.date} ({event.date_precision}), {origin}{words}"


def _mentions(event: Event, text: str) -> tuple[Mention, ...]:
    spans = [tuple(int(part) for part in span.split(":", 1)) for span in event.mentions] or [(event.start, event.end)]
    return tuple(Mention(start, end, " ".join(text[start:end].split())) for start, end in spans)


def _speaker_turns(event: Event, text: str, words: DiscourseWords) -> tuple[SpeakerTurn, ...]:
    """The turn holding the event, once for its claimant and once per actor it made ("I")."""
    spoken: list[tuple[str, ActorRef]] = [("actor", ref) for ref in event.actors if ref.how == "speaker"]
    if event.attributed_to is not None and event.attributed_to.how == "speaker":
        spoken.insert(0, ("claimant", event.attributed_to))
    if not spoken:
        return ()
    turn = next((t for t in find_turns(text, words) if t.start <= event.start < t.end), None)
    if turn is None:
        return ()
    said = " ".join(text[turn.start:turn.end].split())
    return tuple(SpeakerTurn(role, ref.text, turn.label, ref.name, turn.start, turn.end, said)
                 for role, ref in spoken)


def event_provenance(event: Event, text: str, words: DiscourseWords | None = None) -> EventProvenance:
    """Date origin, mentions and speaker turns of `event`, read from its document `text`."""
    return EventProvenance(date_origin(event), _mentions(event, text),
                           _speaker_turns(event, text, words or DiscourseWords.load()))


__all__ = ["DATE_ORIGINS", "EventProvenance", "Mention", "SpeakerTurn", "date_origin", "event_provenance"]
