"""Factuality: did the event happen, by the text's account?

PLOVER's auxiliary modes that no open coder implements: an event is `asserted`,
`negated` ("did not agree", "has no interest in targeting"), `hypothetical`
("could", "would", "if"), `future` ("will attend", "talks scheduled for"), or
`alleged` ("reportedly", "accused X of arming", "reports of X arming"); an event in
a question, a definition or a generic statement is `hypothetical` (it asserts no
happening between specific actors). A "not" that negates something else ("the talks
are not new", "not only met but ...") leaves the event alone. Cue words live in the
lexicon data (factuality.yaml); this module only walks the parse.

Precedence when several cues apply: negated > alleged > hypothetical > future.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eirene.events.candidate import Candidate
from eirene.events.clause import definition_cue, generic_cue, inert_negations, misattached_gerund_head
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
    while len(chain) < limit:
        if misattached_gerund_head(current) is not None:
            # "accused of financing and [arming]" hung on "accused": still the accused deed
            current = current.head
        elif _stays_in_proposition(current):
            current = current.head
        else:
            break
        chain.append(current)
    return chain


def _stays_in_proposition(token: Token) -> bool:
    """Whether the arc up from `token` stays in its proposition: a chain arc, or a
    conjunct of an embedded deed ("accused X of funding and [arming]", "agreed to meet
    and [sign]"), which shares that deed's governor; a conjoined main clause does not."""
    if token.head.i == token.i:
        return False
    if token.dep_ in CHAIN_DEPS:
        return True
    return token.dep_ == "conj" and token.head.dep_ in CHAIN_DEPS - {"nsubj", "nsubjpass"} \
        and token.head.head.i != token.head.i


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
        inert = inert_negations(candidate.trigger.sent, candidate.trigger, self.cues.negation_focus)
        self._read_chain(candidate, found, inert)
        self._read_conjunct_head(candidate.trigger, found, inert)
        own = _own_clause(candidate.clause_head)
        clause = " ".join(t.text for t in own if t.i not in inert)
        whole = " " + " ".join(t.lower_ for t in own) + " "
        trigger_words = {w.lower() for w in candidate.trigger_text.split()}
        for value, phrase in self.cues.phrases_in(clause):
            words = set(phrase.split())
            if words <= trigger_words or (value == "alleged" and words & trigger_words):
                continue  # "called off the strike", "allegations that": the event itself, no cue about it
            if value == "negated" and any(f" {n} {phrase} " in whole for n in ("not", "n't")):
                continue  # "not far from the border": a negated negation cue says the opposite
            found.setdefault(value, phrase)
        self._read_governor(candidate, found)
        mood = self._mood(candidate)
        if mood is not None:
            # a question, a definition or a generic statement asserts no event
            found.setdefault("hypothetical", mood)
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

    def _read_chain(self, candidate: Candidate, found: dict[str, str], inert: set[int]) -> None:
        """Cues on the trigger and its governors in the same proposition. A claim noun
        ("claims that ...", "reports of ...") holds the event: what is said of the claim
        above it ("Kabul dismissed claims that ...") is said of the claim, not the event."""
        chain = clause_chain(candidate.trigger)
        if candidate.clause_head not in chain:
            chain += clause_chain(candidate.clause_head)
        for index, token in enumerate(chain):
            if index > 0 and token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.alleged_words:
                found.setdefault("alleged", token.text)
                return
            self._read_token(token, found, is_trigger=index == 0, candidate=candidate, inert=inert)
            if index > 0 and token.lemma_.lower() in self.cues.obligation_verbs and token.tag_ not in {"VBD", "VBN"} \
                    and chain[index - 1].dep_ == "xcomp":
                found.setdefault("hypothetical", token.text)  # "has to negotiate", "needs to act"

    def _read_conjunct_head(self, trigger: Token, found: dict[str, str], inert: set[int]) -> None:
        """"will meet and sign": the second verb shares the first's auxiliaries only."""
        if trigger.dep_ != "conj" or any(c.dep_ in {"aux", "neg"} for c in trigger.children):
            return
        for child in trigger.head.children:
            if child.dep_ == "neg" and child.i not in inert:
                found.setdefault("negated", child.text)
            elif child.dep_ == "aux" and child.lower_ in self.cues.hypothetical_modals:
                found.setdefault("hypothetical", child.text)
            elif child.dep_ == "aux" and child.lower_ in self.cues.future_aux:
                found.setdefault("future", child.text)

    def _read_governor(self, candidate: Candidate, found: dict[str, str]) -> None:
        """The reporting verb whose complement holds the event: an allegation or a denial."""
        governor = reporting_governor(candidate.clause_head)
        if governor is None:
            return
        speech = self.lexicon.speech_verb(governor.lemma_.lower())
        if speech is not None and speech.alleging:
            found.setdefault("alleged", governor.text)
        if speech is not None and speech.denying:
            found.setdefault("negated", governor.text)
        for child in governor.children:
            if child.lower_ in self.cues.alleged_words:
                found.setdefault("alleged", child.text)

    def _mood(self, candidate: Candidate) -> str | None:
        """The cue of a clause that asserts no event: a question ("Will Kabul join the
        talks?"), a definition ("a ceasefire is an agreement between ...") or a generic
        or habitual statement ("allies coordinate their approaches")."""
        if _is_question(candidate.trigger):
            return "?"
        cues = self.cues
        return definition_cue(candidate.trigger, cues.definition_verbs) or generic_cue(
            candidate.trigger, candidate.clause_head, cues.habitual_words)

    def _read_token(self, token: Token, found: dict[str, str], *, is_trigger: bool, candidate: Candidate,
                    inert: set[int]) -> None:
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
                if child.i not in inert:
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
