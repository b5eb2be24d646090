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
from dataclasses import MISSING, asdict, dataclass, field
from typing import Any

from eirene.vocab import ActorKind, ClaimKind, DatePrecision, DateSource, Factuality, PloverType


def described(doc: str, default: Any = MISSING) -> Any:
    """A record field with its description, the one text /openapi.json and the docs show.

    doc (str): what the field holds, with an example.
    default: the field's default; none given makes the field required.
    """
    return field(default=default, metadata={"doc": doc})


def content_hash(text: str) -> str:
    """A short, stable fingerprint of a document's text (detects new versions)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Document:
    """One article as stored: the text that every character offset refers to."""

    id: str = described("the record's id, or the file path relative to the input directory")
    text: str = described('the full text, decoded and normalised to "\\n" line ends')
    title: str | None = described("the headline, when the input has one", None)
    date: str | None = described(
        'publication date as ISO "YYYY-MM-DD" (month or year precision keep the first day, '
        'e.g. "2018-07-01" with precision "month")', None)
    date_precision: DatePrecision = described('how well the date is known: "day", "month", "year" or "unknown"',
                                              "unknown")
    date_source: str = described(
        'where the date came from: "record", "dateline", "byline", "text", "option" or "none", '
        "so an analyst can audit it", "none")
    date_note: str | None = described("what is uncertain about the date (e.g. a year guessed)", None)
    url: str | None = described("where the article was published, when the input says", None)
    source: str | None = described("the publisher or outlet, when the input says", None)
    path: str | None = described("the input file the document was read from", None)
    author: str | None = described("the byline's author, when the page names one", None)
    language: str | None = described(
        'ISO 639-1 code of the language the text is in ("en"), when identified (fetched pages); '
        "a document in a language eirene does not code is stored but not coded", None)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True)
class ActorRef:
    """An actor as mentioned in the text and as resolved against the knowledge base."""

    text: str = described('the words as written ("Pakistani troops")')
    name: str = described('canonical name ("Pakistan", "Ashraf Ghani")')
    actor_id: str | None = described("knowledge-base id, or null for an actor the knowledge base lacks", None)
    country: str | None = described("ISO 3166 alpha-3 code, or null (IGOs, unknown)", None)
    sector: str | None = described(
        "PLOVER sector code (GOV MIL REB SPY ... UNK); null for a state as a whole "
        '("Pakistan" with no agent noun), as PLOVER codes it', "UNK")
    kind: ActorKind = described("what the actor is: a knowledge-base kind, or group for a body no entry covers",
                                "state")
    secondary_sector: str | None = described(
        "PLOVER's second sector code, or null: PRE for a partly recognised entity, GOV or OPP "
        "beside PTY, as the knowledge base records it", None)
    start: int | None = described("character offset of `text` in the document", None)
    end: int | None = described("character offset just past `text` in the document", None)
    how: str = described(
        "how it was resolved: alias, role, agent-noun, coreference, metonymy, possessive, demonym ..., "
        "as `eirene explain` shows", "alias")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ActorRef":
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass(frozen=True)
class Location:
    """Where an event happened, resolved offline (GeoNames cities, ISO subdivisions)."""

    name: str = described('the place as resolved ("Balochistan", "Kabul")')
    geonames_id: int | None = described("GeoNames id of a city, or null", None)
    country: str | None = described("ISO 3166 alpha-3 code of the place's country", None)
    lat: float | None = described("latitude of a city, or null", None)
    lon: float | None = described("longitude of a city, or null", None)
    precision: str = described("what the place is: city, admin1 (a province) or country", "country")

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

    id: str = described("stable id: a hash of document, sentence, evidence span and type")
    doc_id: str = described("the document the event was coded from")
    sentence_index: int = described("the sentence's position in the document, from 0")
    start: int = described("character offset of the evidence sentence in the document")
    end: int = described("character offset just past the evidence sentence")
    text: str = described("the evidence sentence")
    trigger: str = described('the words that name the event ("killed")')
    event_type: PloverType = described("the PLOVER event type")
    actors: tuple[ActorRef, ...] = described("who acts")
    recipients: tuple[ActorRef, ...] = described("whom the act is aimed at", ())
    mode: str | None = described('the PLOVER mode of the type ("drone" for an ASSAULT), or null', None)
    contexts: tuple[str, ...] = described('PLOVER contexts ("military", "territory")', ())
    date: str | None = described('the event date as ISO "YYYY-MM-DD", or null', None)
    date_precision: DatePrecision = described(
        'how well the date is known; "document": the publication date stands in', "document")
    date_text: str | None = described('the words that date the event ("on Saturday"), or null', None)
    location: Location | None = described("where it happened, or null", None)
    factuality: Factuality = described("how sure the text is that it happened", "asserted")
    attributed_to: ActorRef | None = described("who says so, for a reported or alleged event; or null", None)
    intensity: float = described("PLOVER intensity, -10 (most hostile) .. +10", 0.0)
    quad_class: int = described("1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                                "4 material conflict (0 = none)", 0)
    cameo_root: str | None = described('the two-digit CAMEO root the type maps to ("19"), or null', None)
    confidence: float = described("how sure the coder is, 0 .. 1", 0.5)
    method: str = described('the rule or model that coded it ("rule:verb.kill")', "")
    trigger_start: int | None = described("character offset of the trigger in the document", None)
    trigger_end: int | None = described("character offset just past the trigger", None)
    date_source: DateSource = described(
        'where the date came from: "sentence" (the clause\'s own words), "happening" (a well-known dated '
        'happening the clause names: "after the 9/11 attacks"), "death" (the victim\'s known date of death), '
        '"document" (the publication date stands in), "unknown", or "analyst" (set by a review correction)', "document")
    mentions: tuple[str, ...] = described(
        'every place the document reports this happening, as "start:end" character offsets of the evidence '
        'sentence, this event\'s own first; empty when the happening is mentioned once. A headline '
        'repeated in the lede and a repeated mention are one event with two mentions', ())

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
        values["mentions"] = tuple(values.get("mentions") or ())
        if values.get("attributed_to"):
            values["attributed_to"] = ActorRef.from_dict(values["attributed_to"])
        if values.get("location"):
            values["location"] = Location(**values["location"])
        known = {k: values[k] for k in cls.__dataclass_fields__ if k in values}
        return cls(**known)


@dataclass(frozen=True)
class Claim:
    """One claim with its evidence: who says who did what, on which sentence.

    Read from an event by eirene.analysis (`claims`, `denials`): an event that is alleged
    or attributed to a source, an ACCUSE event (its actor accuses its recipients), or for
    a denial a negated event or a REJECT.
    """

    event_id: str = described("the event the claim is read from")
    doc_id: str = described("the event's document")
    claimant: ActorRef | None = described(
        "who makes it (the source it is attributed to, the accuser, the denier); null when the text names no one")
    accused: tuple[ActorRef, ...] = described("whom it is about: the event's actors, an accusation's recipients")
    recipients: tuple[ActorRef, ...] = described(
        "the event's recipients (empty for an accusation, whose recipients are the accused)")
    event_type: PloverType = described("the PLOVER type of what is claimed")
    mode: str | None = described("the event's PLOVER mode, or null")
    factuality: Factuality = described("the event's factuality")
    date: str | None = described("the event date, or null")
    text: str = described("the evidence sentence")
    trigger: str = described("the words that name the event")
    kind: ClaimKind = described("allegation, accusation or denial", "allegation")
    claimants: tuple[ActorRef, ...] = described(
        'every actor making the claim (an accusation by "the US, Afghanistan and India" has three)', ())
    note: str | None = described(
        "why a named source was dropped as claimant (names no known actor, or had died by then); null if none",
        None)


@dataclass(frozen=True)
class DocFailure:
    """Why one input item could not be read or coded; stored, listed by `eirene errors`."""

    source: str  # file path (and line) or record id
    code: str  # E-code, e.g. "E103"
    message: str
    doc_id: str | None = None
    line: int | None = None
    count: int = 1  # input items this row stands for (a folder's files of one unread type)


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
    # The day dated actor roles were read on, and why: "publication" (the document's
    # date), "inferred" (no publication date: the latest full date the text names, a
    # lower bound) or "undated" (neither: least date-dependent codes; the run flags it).
    actor_date: str | None = None
    actor_dating: str = "publication"
