"""The records that flow between pipeline stages.

Every stage takes and returns these frozen dataclasses, never ad-hoc dicts, so
the interface between stages is typed and the same records can cross a process
boundary (they are plain, picklable values).

Follow one sentence through to an Event::

    doc = Document(id="kabul-01.txt", text="Washington, May 22: A US drone killed ...")
    # corpus  -> Document(id, text, date=2016-05-22, date_precision="day")
    # actors  -> ActorRef(text="US", name="United States", country="USA", sector="GOV")
    # events  -> Event(event_type="ASSAULT", mode="drone", actors=(ActorRef(US),),
    #                  recipients=(ActorRef(Taliban),), factuality="asserted", ...)
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DatePrecision = Literal["day", "month", "year", "unknown", "document"]
Factuality = Literal["asserted", "negated", "hypothetical", "future", "alleged"]
ActorKind = Literal["state", "igo", "armed_group", "org", "person", "group"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
    "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)
FACTUALITY_VALUES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "alleged")


def content_hash(text: str) -> str:
    """A short, stable fingerprint of a document's text (detects new versions)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One article as stored: the text that every character offset refers to.

    id (str): the record's id, or the file path relative to the input directory.
    text (str): the full text, decoded and normalised to "\\n" line ends.
    date (str | None): publication date as ISO "YYYY-MM-DD" (month/year precision
        keep the first day, e.g. "2018-07-01" with precision "month").
    date_precision (str): "day", "month", "year" or "unknown".
    date_source (str): where the date came from: "record", "dateline", "byline",
        "text", "option" or "none", so an analyst can audit it.
    date_note (str | None): what is uncertain about the date (e.g. a year guessed).
    """

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    date_source: str = "none"
    date_note: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class ActorRef:
    """An actor as mentioned in the text and as resolved against the knowledge base.

    text (str): the words as written ("Pakistani troops").
    name (str): canonical name ("Pakistan", "Ashraf Ghani").
    actor_id (str | None): knowledge-base id, or None for an unknown actor.
    country (str | None): ISO 3166 alpha-3, or None (IGOs, unknown).
    sector (str | None): PLOVER sector code (GOV MIL REB SPY ... UNK); None for a
        state as a whole ("Pakistan" with no agent noun), as PLOVER codes it.
    kind (str): state, igo, armed_group, org, person or group.
    start/end (int | None): character offsets of `text` in the document.
    how (str): how it was resolved: alias, role, agent-noun, coreference,
        metonymy, possessive, demonym ..., shown by `eirene explain`.
    """

    text: str
    name: str
    actor_id: str | None = None
    country: str | None = None
    sector: str | None = "UNK"
    kind: str = "state"
    start: int | None = None
    end: int | None = None
    how: str = "alias"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ActorRef":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass(frozen=True)
class Location:
    """Where an event happened, resolved offline (GeoNames cities, ISO subdivisions)."""

    name: str
    geonames_id: int | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "country"  # city, admin1, country

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """One PLOVER event with its full provenance.

    A worked example. In the document "kabul-01.txt" the sentence
    "A US drone killed the Taliban leader in Balochistan on Saturday." gives::

        event_type="ASSAULT", mode="drone", trigger="killed",
        actors=(ActorRef(text="US", name="United States", country="USA", sector="GOV"),),
        recipients=(ActorRef(text="the Taliban leader", name="Taliban", sector="REB"),),
        factuality="asserted", attributed_to=None,
        date="2016-05-21", date_precision="day", date_text="on Saturday",
        location=Location(name="Balochistan", country="PAK", precision="admin1"),
        intensity=-10.0, quad_class=4, cameo_root="19",
        start/end = offsets of the sentence in the document text,
        method="rule:verb.kill", confidence=0.9

    `id` is stable: a hash of document, sentence, evidence span and type, so
    re-coding the same text yields the same ids.
    """

    id: str
    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    trigger: str
    event_type: str
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...] = ()
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    date: str | None = None
    date_precision: DatePrecision = "document"
    date_text: str | None = None
    location: Location | None = None
    factuality: Factuality = "asserted"
    attributed_to: ActorRef | None = None
    intensity: float = 0.0
    quad_class: int = 0
    cameo_root: str | None = None
    confidence: float = 0.5
    method: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None

    @staticmethod
    def make_id(doc_id: str, sentence_index: int, start: int, end: int, event_type: str, trigger: str) -> str:
        key = f"{doc_id}\x1f{sentence_index}\x1f{start}\x1f{end}\x1f{event_type}\x1f{trigger}"
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form written by `eirene code --out` (one object per line)."""
        data = asdict(self)
        data["actors"] = [a.to_dict() for a in self.actors]
        data["recipients"] = [a.to_dict() for a in self.recipients]
        data["contexts"] = list(self.contexts)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        values = dict(data)
        values["actors"] = tuple(ActorRef.from_dict(a) for a in values.get("actors") or ())
        values["recipients"] = tuple(ActorRef.from_dict(a) for a in values.get("recipients") or ())
        values["contexts"] = tuple(values.get("contexts") or ())
        if values.get("attributed_to"):
            values["attributed_to"] = ActorRef.from_dict(values["attributed_to"])
        if values.get("location"):
            values["location"] = Location(**values["location"])
        known = {k: values[k] for k in cls.__dataclass_fields__ if k in values}
        return cls(**known)


@dataclass(frozen=True)
class DocFailure:
    """Why one input item could not be read or coded; stored, listed by `eirene errors`."""

    source: str  # file path (and line) or record id
    code: str  # E-code, e.g. "E103"
    message: str
    doc_id: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class SentenceNote:
    """Why a sentence yielded no event (or what it yielded): the audit trail for `explain`."""

    sentence_index: int
    text: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocResult:
    """The output of `code(document)`: pure data, safe to return from a worker."""

    document: Document
    events: tuple[Event, ...] = ()
    sentences: int = 0
    notes: tuple[SentenceNote, ...] = field(default_factory=tuple)
