"""Rebuttals the verb rules cannot see: REJECT events of a denied clause or a claim called false.

Why a module of its own: the annotation guide (docs/annotation-guide.md) codes a denial
as a REJECT by whoever denies, beside the denied deed, which its own clause codes (negated
or alleged). A verb rule catches "denied the charge" by its object; two shapes have no
object to catch:

- a denying verb (speech.yaml, ``denying: true``) with a clause: "the rebels denied that
  their leader had been captured", "Caracas denies arming the guerrillas";
- a claim called false: "he said the reports were exaggerated", "the envoy called them
  baseless", "dismissed the story as propaganda" (roles.yaml: ``rebuttal_nouns``,
  ``rebuttal_pronouns``, ``dismissive_words``, ``naming_verbs``).

The REJECT is given a low confidence, so that where the denied deed is coded too it stays
the sentence's main event.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eirene.events.arguments import MentionIndex, prep_objects, subject_tokens
from eirene.events.candidate import Candidate
from eirene.events.factuality import reporting_governor
from eirene.events.lexicon import Lexicon
from eirene.records import ActorRef, Event

REBUTTAL_TYPE = "REJECT"
REBUTTAL_CONFIDENCE = 0.45
# The mode modes.yaml cues for "rejected the accusations": a denial rejects a claim, whatever
# the denied deed's words would cue ("denied arming the rebels" is no rejection of aid).
REBUTTAL_MODE = "change"
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
# The rules whose REJECT answers a claim: its maker, when the sentence does not name one,
# is whoever the document says accused the denier (answer_accusations).
DENIAL_RULES = frozenset({"rule:reject.deny_claim", "rule:reject.deny_clause", "rule:reject.dismiss_claim"})
ACCUSATION_TYPE = "ACCUSE"


def rebuttal(token: Token, mentions: MentionIndex, lexicon: Lexicon, coded: set[int]) -> Candidate | None:
    """The REJECT that `token` makes, as a denying verb with a clause or a dismissive predicate."""
    if token.i in coded:
        return None
    if token.pos_ in {"VERB", "AUX"} and _denies_a_clause(token, lexicon):
        speakers = mentions.actors_of(subject_tokens(token))
        return _candidate(token, token, speakers, [], "reject.deny_clause") if speakers else None
    if token.lower_ in lexicon.roles.dismissive_words or token.lemma_.lower() in lexicon.roles.dismissive_words:
        return _dismissal(token, mentions, lexicon)
    return None


def _denies_a_clause(verb: Token, lexicon: Lexicon) -> bool:
    """"denied that ...", "denies arming ...": a denying speech verb with a clause or gerund."""
    speech = lexicon.speech_verb(verb.lemma_.lower())
    if speech is None or not speech.denying:
        return False
    return any(c.dep_ in CLAUSE_DEPS or (c.dep_ in {"dobj", "pcomp"} and c.tag_ == "VBG") for c in verb.children)


def _dismissal(word: Token, mentions: MentionIndex, lexicon: Lexicon) -> Candidate | None:
    """"[X said] the reports were exaggerated", "X called them baseless", "X dismissed it as lies"."""
    if any(c.dep_ in CLAUSE_DEPS for c in word.children):
        return None  # "it was absurd to expect a deal": the "it" stands for the clause
    head = word.head
    if head.dep_ == "prep" and head.lower_ == "as":
        head = head.head  # "dismissed the story as propaganda"
    roles = lexicon.roles
    if head.lemma_.lower() in roles.naming_verbs and head.pos_ in {"VERB", "AUX"}:
        claims = [c for c in head.children if c.dep_ in {"dobj", "obj"}]
        if not claims and word.dep_ == "ccomp":
            claims = subject_tokens(word)  # "called them baseless" parsed as a small clause
        speakers = mentions.actors_of(subject_tokens(head))
    elif head.lemma_.lower() == "be" or word.dep_ == "ROOT":
        claims = subject_tokens(word if word.dep_ == "ROOT" else head)
        if any(c.dep_ in CLAUSE_DEPS and c.i > word.i for c in head.children):
            return None  # "it was absurd to expect a deal": the "it" stands for the clause
        governor = reporting_governor(head)
        if governor is None or lexicon.speech_verb(governor.lemma_.lower()) is None:
            return None
        speakers = mentions.actors_of(subject_tokens(governor))
        head = governor
    else:
        return None
    claim = next((c for c in claims if _names_a_claim(c, lexicon)), None)
    if claim is None or not speakers:
        return None
    makers = [r for r in _makers(claim, mentions) if r not in speakers]
    return _candidate(word, head, speakers, makers, "reject.dismiss_claim")


def _makers(claim: Token, mentions: MentionIndex) -> list[ActorRef]:
    """Who made the claim: "the Chilean claims", "Chile's report", "claims by Lima" (not an
    "of" phrase, which names what is claimed: "reports of Venezuelan support")."""
    if claim.pos_ != "NOUN":
        return []
    found = [a for c in claim.children if c.dep_ in {"poss", "compound", "amod", "nmod"}
             for a in (mentions.phrase_actors(c) or mentions.modifier_actors(c))]
    return found + [a for t in prep_objects(claim, ("by", "from")) for a in mentions.phrase_actors(t)]


def _names_a_claim(token: Token, lexicon: Lexicon) -> bool:
    roles = lexicon.roles
    if token.pos_ == "PRON":
        return token.lower_ in roles.rebuttal_pronouns
    return token.pos_ == "NOUN" and token.lemma_.lower() in roles.rebuttal_nouns


def _candidate(trigger: Token, clause_head: Token, actors: list[ActorRef], recipients: list[ActorRef],
               rule_id: str) -> Candidate:
    return Candidate(
        trigger=trigger, event_type=REBUTTAL_TYPE, rule_id=rule_id, confidence=REBUTTAL_CONFIDENCE, mode=REBUTTAL_MODE,
        contexts=(), actors=list(actors), recipients=list(recipients), clause_head=clause_head, speaker_acts=True,
    )


def answer_accusations(events: list[Event]) -> list[Event]:
    """A denial that names no accuser answers the accusation of the denier that the
    document reports nearest to it: "Colombia accused Venezuela of arming the rebels.
    Venezuela rejected the accusations." is a REJECT by Venezuela of Colombia."""
    accusations = [e for e in events if e.event_type == ACCUSATION_TYPE and e.recipients]
    answered: list[Event] = []
    for event in events:
        if event.method in DENIAL_RULES and not event.recipients:
            denier = {a.country for a in event.actors if a.country}
            against = [a for a in accusations if denier & {r.country for r in a.recipients}
                       and not denier & {x.country for x in a.actors}]
            if against:
                nearest = min(against, key=lambda a: abs(a.sentence_index - event.sentence_index))
                event = replace(event, recipients=nearest.actors)
        answered.append(event)
    return answered


__all__ = ["REBUTTAL_CONFIDENCE", "answer_accusations", "rebuttal"]
