"""Attribution: who says the event happened.

"The US commander said Russia was arming the Taliban" codes Russia -> Taliban with
`attributed_to` = the commander. Sources: the subject of a reporting verb whose
complement holds the event, the accuser in "X accused Y of doing Z" (or "Y was
accused by X of ..."), the owner of a claim noun that holds it ("Washington's
allegations that ...", "US reports of ..."), and "according to X". Reporting verbs are lexicon data (speech.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from eirene.events.arguments import MentionIndex, subject_tokens
from eirene.events.candidate import Candidate
from eirene.events.factuality import clause_chain, reporting_governor
from eirene.events.lexicon import Lexicon
from eirene.records import ActorRef


class AttributionFinder:
    """Finds the claimant of an event candidate, or None when the text asserts it itself."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def find(self, candidate: Candidate, sent: Span, mentions: MentionIndex) -> ActorRef | None:
        inside_claim = False  # a claim noun of no named source holds the event
        for token in clause_chain(candidate.trigger) + clause_chain(candidate.clause_head):
            if token.i == candidate.trigger.i:
                continue
            if self._is_allegation_noun(token):
                # "Washington's claims that Moscow armed ...", "reports by US officials of ..."
                # (an "of" phrase may name the accused: "reports of Moscow arming ...")
                owners = [o for o in mentions.owners(token) if o not in candidate.actors]
                if owners:
                    return owners[0]
                inside_claim = True
                continue
            speech = self.lexicon.speech_verb(token.lemma_.lower())
            if speech is not None and inside_claim and speech.denying:
                return None  # "Kabul dismissed claims that ...": Kabul denies, it does not claim
            if speech is not None and token.pos_ in {"VERB", "AUX"}:
                speaker = self._speaker(token, mentions)
                if speaker is not None:
                    return speaker
        governor = reporting_governor(candidate.clause_head)
        hops = 0
        while governor is not None and hops < 3:
            if self.lexicon.speech_verb(governor.lemma_.lower()) is not None:
                speaker = self._speaker(governor, mentions)
                if speaker is not None:
                    return speaker
            governor = reporting_governor(governor)
            hops += 1
        root = candidate.clause_head if candidate.clause_head.dep_ == "ROOT" else None
        if root is not None:
            for child in root.children:
                if child.dep_ == "parataxis" and self.lexicon.speech_verb(child.lemma_.lower()) is not None:
                    speaker = self._speaker(child, mentions)
                    if speaker is not None:
                        return speaker
        return self._according_to(sent, mentions)

    def _is_allegation_noun(self, token: Token) -> bool:
        """A noun that holds a claim ("allegations", "reports", "rumours"): lexicon data."""
        return token.pos_ == "NOUN" and token.lemma_.lower() in self.lexicon.cues.alleged_words

    def _speaker(self, verb: Token, mentions: MentionIndex) -> ActorRef | None:
        speaker = _first_actor(subject_tokens(verb), mentions)
        if speaker is None:
            # Passive report: "Russia was accused by the US of ..."
            speaker = _first_actor([p for c in verb.children if c.dep_ == "agent" for p in c.children], mentions)
        return speaker

    def _according_to(self, sent: Span, mentions: MentionIndex) -> ActorRef | None:
        for token in sent:
            if token.lower_ == "according":
                sources = [p for c in token.children if c.lower_ == "to" for p in c.children]
            elif token.lower_ in {"citing", "quoting"} and token.dep_ in {"advcl", "prep", "acl"}:
                sources = [c for c in token.children if c.dep_ in {"dobj", "pobj"}]
            else:
                continue
            found = _first_actor(sources, mentions)
            if found is not None:
                return found
        return None


def _first_actor(tokens: Iterable[Token], mentions: MentionIndex) -> ActorRef | None:
    """The first actor the first of these phrase heads that names one names."""
    for token in tokens:
        found = mentions.phrase_actors(token)
        if found:
            return found[0]
    return None
