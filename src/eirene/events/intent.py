"""Statements of intent: when the words describe a deed, but the event is what was said.

PLOVER (after CAMEO 03 and 13) codes a deed that is announced rather than done by
what the announcement is: "will provide aid", "is prepared to lift the ban" are offers
(AGREE); "will boycott the elections", "will blockade the capital", "will withdraw
its force unless ..." are threats (THREATEN); "would meet the mediator if ..." is an
offer to meet (AGREE); "prepared to resume shelling" is a mobilisation (MOBILIZE);
"did not agree", "failed to reach a deal" are refusals (REJECT); "X said Y must return
the helicopter" is a demand by X of Y (REQUEST). Meetings keep their type: a planned
meeting is still CONSULT, with factuality `future`.

This module only decides the new type from the candidate's type, its factuality and
a few markers in the parse; the coder applies it. Which types and words count, and
what each kind of intent is coded as, live in the lexicon (data/lexicon/intent.yaml,
`Lexicon.intent`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from eirene.events.lexicon import IntentCues


@dataclass(frozen=True)
class Retyping:
    """A new type for a candidate, and why (kept in the event's method)."""

    event_type: str
    factuality: str
    reason: str
    # the speaker becomes the actor and the deed's doers the recipients (demands)
    speaker_acts: bool = False


def retype(
    cues: IntentCues,
    event_type: str,
    factuality: str,
    trigger: Token,
    clause_head: Token,
    reported: bool,
    complement_type: str | None = None,
) -> Retyping | None:
    """The type PLOVER gives an announced, refused or demanded deed, or None to keep it.

    cues (IntentCues): the lexicon's intent lists (`Lexicon.intent`).
    factuality (str): the tagger's reading of the deed. reported (bool): the deed sits
    in the complement of a reporting verb whose speaker is known ("X said [Y must ...]").
    complement_type (str | None): the type the lexicon gives the verb a promise governs
    ("vowed [to fight]": ASSAULT), for promises of hostile deeds.
    """
    heads = _heads(trigger, clause_head)
    if heads is None:
        return None  # a noun's clause says what happens to the noun phrase, not to the deed
    if _has_mark(heads, cues.conditional_marks):
        return None  # "if they do not agree ...": a condition, not a refusal or an offer
    coded_as = cues.coded_as
    if event_type in cues.preparation_types and _prepared(trigger, cues.preparation_verbs):
        # "the army prepared to resume shelling the rebels": readiness for force (CAMEO 15)
        return _retyping(coded_as, "preparation", "prepared-force")
    if event_type in cues.promise_types and trigger.lemma_.lower() in cues.promise_verbs \
            and complement_type in cues.threat_types and factuality not in {"negated", "alleged"}:
        return _retyping(coded_as, "threat", "promised-conflict")
    if factuality == "negated" and event_type in cues.refusal_types:
        return _retyping(coded_as, "refusal", "negated-agreement")
    if factuality in {"negated", "alleged"}:
        return None
    if reported and event_type not in cues.obligation_exempt_types and _has_aux(heads, cues.obligation_modals):
        return _retyping(coded_as, "obligation", "obligation", speaker_acts=True)
    return _announced(cues, event_type, factuality, heads)


def _announced(cues: IntentCues, event_type: str, factuality: str, heads: list[Token]) -> Retyping | None:
    """A future or hypothetical deed said now: a threat or an offer, or None."""
    if factuality not in {"future", "hypothetical"}:
        return None
    if _has_condition(heads, cues.threat_conditions) and event_type in cues.threat_types | cues.offer_types:
        return _retyping(cues.coded_as, "threat", "conditional-threat")
    if event_type in cues.conditional_offer_types and factuality == "hypothetical" \
            and _has_condition(heads, cues.offer_conditions):
        # "would meet the mediator if he gave them a veto": an offer to meet (CAMEO 036)
        return _retyping(cues.coded_as, "offer", "conditional-offer")
    announced = _has_aux(heads, cues.announcing_aux) or _ready(heads, cues.readiness_words)
    if announced and event_type in cues.threat_types:
        return _retyping(cues.coded_as, "threat", "announced-conflict")
    if announced and event_type in cues.offer_types:
        return _retyping(cues.coded_as, "offer", "announced-cooperation")
    return None


def _retyping(coded_as: Mapping[str, str], kind: str, reason: str, speaker_acts: bool = False) -> Retyping | None:
    """The retyping to what the lexicon codes this kind of intent as (None: it keeps its type)."""
    event_type = coded_as.get(kind)
    if event_type is None:
        return None
    return Retyping(event_type, "asserted", reason, speaker_acts=speaker_acts)


def _heads(trigger: Token, clause_head: Token) -> list[Token] | None:
    """The verbs whose auxiliaries and markers speak for the deed: a verb trigger, or
    the light verb of its object noun ("will provide assistance"); None for other nouns."""
    if trigger.pos_ in {"VERB", "AUX"}:
        heads = [trigger]
    elif trigger.head.i == clause_head.i and trigger.dep_ in {"dobj", "obj"} and clause_head.pos_ in {"VERB", "AUX"}:
        heads = [clause_head]
    else:
        return None
    if heads[0].dep_ == "conj" and heads[0].head.pos_ in {"VERB", "AUX"}:
        heads.append(heads[0].head)  # "will meet and sign": shared auxiliaries
    return heads


def _has_condition(heads: list[Token], marks: frozenset[str]) -> bool:
    """Whether a head has an adverbial clause opened by one of `marks` ("unless ...", "if ...")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
        for h in heads
        for c in h.children
    )


def _has_mark(heads: list[Token], marks: frozenset[str]) -> bool:
    """Whether a head is marked by one of `marks` ("if they do not agree")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for h in heads for c in h.children)


def _has_aux(heads: list[Token], words: set[str] | frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for h in heads for c in h.children)


def _prepared(trigger: Token, verbs: frozenset[str]) -> bool:
    """Whether a verb of preparing governs the deed through "to" complements ("prepared to
    [resume [shelling]]"), at most three steps up."""
    token = trigger
    for _ in range(3):
        if token.dep_ not in {"xcomp", "ccomp"} or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in verbs:
            return True
    return False


def _ready(heads: list[Token], words: frozenset[str]) -> bool:
    """'is prepared to lift the ban': the deed is the complement of a word of readiness."""
    return any(h.dep_ == "xcomp" and h.head.lower_ in words for h in heads)
