"""Factuality: did the event happen, by the text's account?

PLOVER's auxiliary modes that no open coder implements: an event is `asserted`,
`negated` ("did not agree", "has no interest in targeting"), `hypothetical`
("could", "would", "if"), `future` ("will attend", "talks scheduled for"), or
`alleged` ("reportedly", "accused X of arming"); an event in a question is
`hypothetical` (it asserts nothing). Cue words live in the lexicon
data (factuality.yaml); this module only walks the parse.

Precedence when several cues apply: negated > alleged > hypothetical > future.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eirene.events.candidate import Candidate
from eirene.events.lexicon import Lexicon

# Dependencies along which an event stays in the same proposition as its governor:
# "refused [to continue]", "accused X [of] [arming]", "has no interest [in] [targeting]".
CHAIN_DEPS = frozenset({"xcomp", "pcomp", "prep", "pobj", "dobj", "acl", "attr", "oprd", "amod", "compound", "nsubj", "nsubjpass"})
# Crossing one of these enters the clause of a reporting verb: "officials said [that X killed Y]".
REPORT_DEPS = frozenset({"ccomp", "parataxis", "advcl"})
PRECEDENCE = ("negated", "alleged", "hypothetical", "future")


@dataclass(frozen=True)
class FactualityReading:
    value: str
    cue: str | None = None  # the word that decided it, for `explain`


def _own_clause(head: Token) -> list[Token]:
    """The words of a clause without the clauses conjoined to it: in "attacks continued,
    and the group has not agreed to a ceasefire" the "not" belongs to the second clause."""
    other = {t.i for c in head.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} for t in c.subtree}
    return [t for t in head.subtree if t.i not in other]


def _is_question(token: Token) -> bool:
    """Whether the token's sentence is a question (its last mark, before closing quotes, is "?")."""
    marks = [t for t in token.sent if t.is_punct and t.text not in {'"', "'", "\u201d", "\u2019", ")"}]
    return bool(marks) and marks[-1].text.endswith("?")


def clause_chain(token: Token, limit: int = 8) -> list[Token]:
    """The token and its governors within one proposition, nearest first."""
    chain = [token]
    current = token
    while current.dep_ in CHAIN_DEPS and current.head.i != current.i and len(chain) < limit:
        current = current.head
        chain.append(current)
    return chain


def reporting_governor(token: Token) -> Token | None:
    """The verb whose complement clause holds this token, if any ("said [that ...]")."""
    top = clause_chain(token)[-1]
    while top.dep_ == "conj" and top.pos_ in {"VERB", "AUX"} and top.head.i != top.i:
        # "said Russia was funding and arming ...": a conjoined verb shares its first conjunct's report
        top = clause_chain(top.head)[-1]
    if top.dep_ in REPORT_DEPS and top.head.i != top.i:
        return top.head
    return None


class FactualityTagger:
    """Reads factuality cues off the parse around an event candidate."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.cues = lexicon.cues

    def tag(self, candidate: Candidate) -> FactualityReading:
        found: dict[str, str] = {}
        chain = clause_chain(candidate.trigger)
        if candidate.clause_head not in chain:
            chain += clause_chain(candidate.clause_head)
        for index, token in enumerate(chain):
            self._read_token(token, found, is_trigger=index == 0, candidate=candidate)
        trigger = candidate.trigger
        if trigger.dep_ == "conj" and not any(c.dep_ in {"aux", "neg"} for c in trigger.children):
            # "will meet and sign": the second verb shares the first's auxiliaries only.
            for child in trigger.head.children:
                if child.dep_ == "neg":
                    found.setdefault("negated", child.text)
                elif child.dep_ == "aux" and child.lower_ in self.cues.hypothetical_modals:
                    found.setdefault("hypothetical", child.text)
                elif child.dep_ == "aux" and child.lower_ in self.cues.future_aux:
                    found.setdefault("future", child.text)
        clause = " ".join(t.text for t in _own_clause(candidate.clause_head))
        trigger_words = {w.lower() for w in candidate.trigger_text.split()}
        for value, phrase in self.cues.phrases_in(clause):
            if set(phrase.split()) <= trigger_words:
                continue  # "called off the strike" is the event itself, not a cue about it
            found.setdefault(value, phrase)
        governor = reporting_governor(candidate.clause_head)
        if governor is not None:
            speech = self.lexicon.speech_verb(governor.lemma_.lower())
            if speech is not None and speech.alleging:
                found.setdefault("alleged", governor.text)
            if speech is not None and speech.denying:
                found.setdefault("negated", governor.text)
            for child in governor.children:
                if child.lower_ in self.cues.alleged_words:
                    found.setdefault("alleged", child.text)
        if _is_question(candidate.trigger):
            # "Was the Pentagon's decision right?", "Will Kabul join the talks?": a question
            # asserts nothing
            found.setdefault("hypothetical", "?")
        if candidate.rule_id.startswith("model:"):
            # The classifier read the whole sentence: its type already carries the
            # polarity ("will not accept" is a REJECT), so negation would count twice;
            # an offer, threat or refusal is made now, whatever "will" it announces.
            found.pop("negated", None)
            if candidate.event_type in self.lexicon.intent.statement_types:
                found.pop("future", None)
        for value in PRECEDENCE:
            if value in found:
                return FactualityReading(value, found[value])
        return FactualityReading("asserted")

    def _read_token(self, token: Token, found: dict[str, str], *, is_trigger: bool, candidate: Candidate) -> None:
        cues = self.cues
        lemma = token.lemma_.lower()
        if not is_trigger:
            if lemma in cues.alleged_verbs or lemma in cues.alleged_words:
                found.setdefault("alleged", token.text)
            speech = self.lexicon.speech_verb(lemma)
            if speech is not None and speech.alleging and token.i != candidate.trigger.i:
                found.setdefault("alleged", token.text)
            if speech is not None and speech.denying and token.i != candidate.trigger.i:
                found.setdefault("negated", token.text)
            if lemma in cues.future_words:
                found.setdefault("future", token.text)
            if lemma in cues.hypothetical_words:
                found.setdefault("hypothetical", token.text)
            if lemma in cues.negation:
                found.setdefault("negated", token.text)
        for child in token.children:
            word = child.lower_
            child_lemma = child.lemma_.lower()
            if child.dep_ == "neg" or (child.dep_ == "det" and word in {"no", "neither"}):
                found.setdefault("negated", child.text)
            elif child.dep_ in {"aux", "auxpass"}:
                if word in cues.hypothetical_modals:
                    found.setdefault("hypothetical", child.text)
                elif word in cues.future_aux or child_lemma in cues.future_aux:
                    found.setdefault("future", child.text)
            elif child.dep_ == "mark" and word in cues.hypothetical_words:
                found.setdefault("hypothetical", child.text)
            elif child.dep_ in {"advmod", "amod", "acl", "npadvmod"}:
                if word in cues.alleged_words or child_lemma in cues.alleged_words:
                    found.setdefault("alleged", child.text)
                elif word in cues.future_words or child_lemma in cues.future_words:
                    found.setdefault("future", child.text)
                elif word in cues.hypothetical_words:
                    found.setdefault("hypothetical", child.text)
            elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues.hypothetical_words for m in child.children):
                # "would meet if ..." marks the main clause hypothetical too
                found.setdefault("hypothetical", child.text)
