"""The event's clause: which words of a sentence belong to the event a trigger carries.

Why a module of its own: a date or a place dates or places only the event of its own
clause. In "The army said on Monday that militants stormed a post on Sunday" the
storming is Sunday's and the saying Monday's; in "Officials in Kabul said the strike hit
Kunar" the strike is in Kunar. Event dates (`eirene.events.when`) and event places
(`eirene.events.where`) both ask here, and the tense of the trigger's verb group tells
a relative date's direction ("on Friday" ahead of or before the writing).
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Span, Token

Tense = Literal["past", "future"]

# Dependencies that open a clause of their own: a date below one dates another event.
CLAUSAL_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "xcomp", "pcomp"})
# Climbing from the trigger to its governor may cross these (the governor's dependents then
# count): "refused on Friday [to join]", "held [talks] in Moscow".
CLIMB_STOP_DEPS = frozenset(CLAUSAL_DEPS - {"xcomp"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Auxiliaries that put the event ahead of the writing ("could" and "would" also report the past).
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "ll", "may", "might", "must", "should", "can", "ca"})
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "'m"})


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def _starts_clause(token: Token) -> bool:
    """Whether the arc from `token` to its head enters a different clause."""
    if token.dep_ in CLAUSAL_DEPS:
        return True
    return token.dep_ == "conj" and _is_verb(token) and _is_verb(token.head)


def _is_finite(verb: Token) -> bool:
    """A verb with tense or a subject of its own (not "to join", "supporting")."""
    if verb.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS)
               for c in verb.children)


def clause_anchors(trigger: Token) -> list[Token]:
    """The trigger and the governors whose dependents belong to its clause.

    Climbs from the trigger through non-clausal arcs and stops at the first finite
    verb: a noun trigger takes its verb ("held [talks]"), an infinitive its governor.
    """
    anchors = [trigger]
    current = trigger
    for _ in range(4):
        if current.dep_ in CLIMB_STOP_DEPS or current.head.i == current.i:
            break
        if current.dep_ == "conj" and _is_verb(current) and _is_verb(current.head):
            break
        if _is_verb(current) and _is_finite(current):
            break
        current = current.head
        anchors.append(current)
    return anchors


def event_clause(sent: Span, trigger: Token) -> list[Token]:
    """The tokens of the sentence that belong to the trigger's clause.

    A token belongs when the path from it up to an anchor (see `clause_anchors`) opens
    no other clause: the trigger's subtree without its embedded clauses, plus the
    anchors' other non-clausal dependents.
    """
    anchors = {t.i for t in clause_anchors(trigger)}
    tokens: list[Token] = []
    for token in sent:
        current = token
        inside = True
        while current.i not in anchors:
            if _starts_clause(current) or current.head.i == current.i:
                inside = False
                break
            current = current.head
        if inside:
            tokens.append(token)
    return tokens


def event_tense(trigger: Token) -> Tense:
    """"future" when the trigger's verb group looks ahead ("will meet", "is to meet",
    "plans to meet", "are meeting"), else "past" (asserted events are past or present).
    """
    verb = trigger
    for _ in range(3):
        if _is_verb(verb) or verb.head.i == verb.i:
            break
        verb = verb.head
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and len(chain) < 4:
        chain.append(chain[-1].head)
    for index, token in enumerate(chain):
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & FUTURE_AUX:
            return "future"
        if "have" in {a.lemma_ for a in auxes}:
            return "past"
        if token.tag_ == "VBG" and words & PRESENT_BE and index == 0:
            return "future"  # "are meeting on Friday"
        if index > 0:
            infinitive = chain[index - 1]
            if token.lower_ == "going" and token.tag_ == "VBG":
                return "future"  # "going to meet"
            if infinitive.tag_ == "VB" and token.tag_ in ("VBZ", "VBP"):
                return "future"  # "plans to meet", "is to meet"
    return "past"
