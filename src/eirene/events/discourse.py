"""Events named again by a definite description: "the talks", "the deal".

Why a module of its own: "Afghan officials and Taliban envoys met in Doha. Pakistan hosted
the talks." The second sentence names no party of the talks, so coded alone it gives no
event, or one with the wrong recipient. Its reader knows whose talks they are: those of
the meeting just told. This module finds such descriptions (a definite noun of
``eirene/data/resolver/discourse.yaml``'s `event_descriptions`, with no parties of its
own) and gives them, as actor mentions over the noun phrase, the parties of the most
recent event of a matching type a few sentences before; the coder then codes that
sentence again with them (`eirene.document_coder`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import load_knowledge_file
from eirene.records import ActorRef, Event

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "resolver" / "discourse.yaml"
DEFINITE = frozenset({"the", "these", "those", "this", "that", "both"})
# A description with one of these names its own parties ("talks with Kabul"): not lent any.
OWN_PARTY_PREPS = frozenset({"with", "between", "among", "by", "of"})
# Events that did not happen are no antecedent of "the talks".
UNREAL = frozenset({"negated", "hypothetical"})


@dataclass(frozen=True)
class EventDescriptions:
    """nouns: description noun -> the event types it can name; window: sentences back."""

    nouns: Mapping[str, frozenset[str]]
    window: int

    @classmethod
    def load(cls, path: Path | str | None = None) -> EventDescriptions:
        """The built-in file (read once), or another of its shape. RAISES (KnowledgeBaseError E235)."""
        return _load(str(path or DATA_FILE))

    def mentions(self, doc: Doc, events: list[Event], mentions: list[ActorRef],
                 sentence_offset: int = 0) -> dict[int, list[ActorRef]]:
        """Sentence number (in the document) -> the mentions to add there: one per party of
        the antecedent event, each over the description ("the talks"), in `doc`'s offsets.

        events: the document's events so far, in document order (document offsets).
        mentions: the actor mentions of `doc` (a description overlapping one is not lent).
        """
        covered = {i for m in mentions if m.start is not None for i in range(m.start, m.end or m.start)}
        found: dict[int, list[ActorRef]] = {}
        for number, sent in enumerate(doc.sents):
            here = sentence_offset + number
            for token in sent:
                if not self._describes(token) or token.idx in covered:
                    continue
                antecedent = self._antecedent(token.lower_, events, here)
                if antecedent is None:
                    continue
                start = min(t.idx for t in token.subtree if t.i <= token.i)
                end = token.idx + len(token)
                refs = [replace(ref, text=doc.text[start:end], start=start, end=end, how="event-coreference")
                        for ref in _parties(antecedent)]
                found.setdefault(here, []).extend(refs)
        return found

    def _describes(self, token: Token) -> bool:
        if token.lower_ not in self.nouns or token.pos_ not in ("NOUN", "PROPN"):
            return False
        if not any(c.dep_ in ("det", "predet") and c.lower_ in DEFINITE for c in token.children):
            return False
        return not any(c.dep_ in ("prep", "compound", "amod", "poss") and
                       (c.lower_ in OWN_PARTY_PREPS or c.ent_type_ in ("GPE", "NORP", "ORG"))
                       for c in token.children)

    def _antecedent(self, noun: str, events: list[Event], here: int) -> Event | None:
        types = self.nouns[noun]
        earlier = [e for e in events if here - self.window <= e.sentence_index < here
                   and e.event_type in types and e.factuality not in UNREAL]
        return earlier[-1] if earlier else None


def _parties(event: Event) -> list[ActorRef]:
    """The event's parties, once each: its actors, then its recipients."""
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out = []
    for ref in (*event.actors, *event.recipients):
        key = (ref.actor_id or ref.name, ref.country, ref.sector)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


@lru_cache(maxsize=4)
def _load(path: str) -> EventDescriptions:
    data = load_knowledge_file(path, code="E235")
    nouns = data.get("event_descriptions") if isinstance(data, dict) else None
    if not isinstance(nouns, dict):
        raise KnowledgeBaseError("E235", path=path, reason="'event_descriptions' must map nouns to event types")
    parsed = {}
    for noun, types in nouns.items():
        if not isinstance(types, list) or not types:
            raise KnowledgeBaseError("E235", path=path, reason=f"event description {noun!r}: give a list of types")
        parsed[str(noun).lower()] = frozenset(str(t) for t in types)
    return EventDescriptions(parsed, int(data.get("event_window") or 4))
