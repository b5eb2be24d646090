"""An event as the extractor finds it, before factuality, dates and scores: `Candidate`.

Why a module of its own: the extractor makes candidates; the recipient rules, the
factuality tagger, the attribution finder and the coder read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eirene.records import ActorRef


@dataclass
class Candidate:
    """An event found in the parse, before factuality, dates and scores."""

    trigger: Token
    event_type: str
    rule_id: str
    confidence: float
    mode: str | None
    contexts: tuple[str, ...]
    actors: list[ActorRef]
    recipients: list[ActorRef]
    # The token whose clause the event lives in (a noun's governing verb, a light
    # verb, a control verb): factuality and attribution are read from there.
    clause_head: Token
    extra_trigger_tokens: list[Token] = field(default_factory=list)
    # Several actors with no recipient named are each other's recipients.
    reciprocal: bool = False
    # For an event embedded in an accusation ("accused Russia of arming the Taliban"),
    # the accusing verb: the embedded event is then `alleged`.
    embedded_in: Token | None = None
    # The event is what the speaker of the reporting verb `clause_head` said ("X said Y
    # must ..."): X acts, nobody else claims it, and its factuality is the saying's.
    speaker_acts: bool = False

    @property
    def trigger_text(self) -> str:
        tokens = sorted([self.trigger, *self.extra_trigger_tokens], key=lambda t: t.i)
        return " ".join(t.text for t in tokens)

    def heads(self) -> list[Token]:
        """The trigger, its clause head and its other trigger words, in that order."""
        return [self.trigger, self.clause_head, *self.extra_trigger_tokens]


@dataclass
class Rejection:
    """A trigger the lexicon knows that produced no event, and why (for `explain`)."""

    trigger: Token
    event_type: str
    reason: str
