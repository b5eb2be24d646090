"""The event's clause: which words of a sentence belong to the event a trigger carries.

Why a module of its own: a date or a place dates or places only the event of its own
clause. In "The army said on Monday that militants stormed a post on Sunday" the
storming is Sunday's and the saying Monday's; in "Officials in Kabul said the strike hit
Kunar" the strike is in Kunar. Event dates (`eirene.events.when`) and event places
(`eirene.events.where`) both ask here, and the tense of the trigger's verb group tells
a relative date's direction ("on Friday" ahead of or before the writing).

The factuality tagger (`eirene.events.factuality`) asks here what kind of clause holds
the event: a definition or a generic or habitual statement asserts no happening, and a
"not" may deny the clause's predicate ("the talks are not new") or focus ("not only")
rather than negate the event.
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
# Arcs from a caused event up to its causative verb: "not let any group use the soil [to
# threaten] Chile", "could not make them [agree]".
CAUSE_CLIMB = frozenset({"ccomp", "xcomp", "advcl", "conj", "dobj", "pobj", "prep", "pcomp"})
# Arcs that stay inside a condition on the way up from a trigger to its "if" clause:
# "if the rebels broke [their promises]", "unless Kabul agrees [to meet]".
CONDITION_CLIMB = frozenset({"dobj", "obj", "pobj", "prep", "xcomp", "conj", "compound", "amod", "nsubj", "nsubjpass",
                             "poss", "attr", "acomp", "dative", "agent", "pcomp"})


def misattached_gerund_head(token: Token) -> Token | None:
    """The gerund a gerund is really conjoined to, when the parser hung it on the verb
    that governs both: in "was accused of financing and arming the Houthis" the parser
    may make "arming" a conjunct of "accused"; it is one of "financing"."""
    if token.dep_ != "conj" or token.tag_ != "VBG" or not _is_verb(token.head) or token.head.tag_ == "VBG":
        return None
    gerunds = [g for g in token.head.subtree if g.i < token.i and g.dep_ in {"pobj", "pcomp"}
               and g.head.dep_ == "prep" and g.lower_.endswith("ing")]
    return gerunds[-1] if gerunds else None


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


# Determiner-like dependents that make a noun phrase specific ("the allies", "its allies",
# "two allies") rather than a bare plural ("allies").
SPECIFIC_DEPS = frozenset({"det", "poss", "nummod", "predet"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def inert_negations(sent: Span, trigger: Token, focus_words: frozenset[str]) -> set[int]:
    """The "not"s of the sentence that do not negate the event of `trigger`.

    A focus "not" ("not only met the Taliban but also armed them", "not just talks"), the
    "not" of a modifier's degree ("struck a village not far from the border"), and
    the "not" of a copula that says something of the event ("these talks are not new",
    "the attack was not an accident"): the event is the copula's subject, and it is the
    predicate that is denied, not the event.
    """
    inert: set[int] = set()
    for token in sent:
        if token.lower_ not in {"not", "n't"}:
            continue
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.lower_ in focus_words:
            inert.add(token.i)
            continue
        copula = token.head
        if copula.pos_ in {"ADV", "ADJ"} and copula.dep_ in {"advmod", "amod", "npadvmod"}:
            inert.add(token.i)  # "not far from the border", "not long after": a degree, not the event
            continue
        if copula.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in copula.children) and any(
                c.dep_ in SUBJECT_DEPS and trigger.i in {t.i for t in c.subtree} for c in copula.children):
            inert.add(token.i)
    return inert


def _is_present_simple(verb: Token) -> bool:
    """A verb in the simple present ("coordinate", "supports", "does support")."""
    if verb.tag_ not in {"VBP", "VBZ"} and not (verb.tag_ == "VB" and any(
            c.dep_ == "aux" and c.lower_ in {"do", "does"} for c in verb.children)):
        return False
    return not any(c.dep_ in {"aux", "auxpass"} and c.lower_ not in {"do", "does"} for c in verb.children)


def _is_bare_plural(noun: Token) -> bool:
    """A plural common noun with no determiner and no name in it: "allies", "Western
    powers" (a class of actors, not a named set of them)."""
    if noun.tag_ != "NNS" or any(c.dep_ in SPECIFIC_DEPS for c in noun.children):
        return False
    return not any(t.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"} for t in noun.subtree)


def _finite_verb(trigger: Token, clause_head: Token) -> Token | None:
    """The verb that carries the trigger's tense: the trigger, or its clause head."""
    for token in (trigger, clause_head):
        if _is_verb(token):
            return token
    return None


def generic_cue(trigger: Token, clause_head: Token, habitual_words: frozenset[str]) -> str | None:
    """The word that makes the trigger's clause a generic or habitual statement, or None.

    A simple present with a bare plural subject ("allies coordinate their approaches",
    "great powers arm their proxies"), a pronoun subject of a clause conjoined to such a
    clause ("..., they agree on certain strategies"), or a simple present with a habitual
    adverb ("Russia usually supports Syria at the UN").
    """
    verb = _finite_verb(trigger, clause_head)
    if verb is None or not _is_present_simple(verb):
        return None
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in habitual_words:
            return child.text
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    bare = next((s for s in subjects if _is_bare_plural(s)), None)
    if bare is not None:
        return bare.text
    if subjects and not all(s.pos_ == "PRON" for s in subjects):
        return None
    # "allies meet and agree", "allies coordinate ..., they agree ...": a clause with a
    # pronoun subject or none shares the generic reading of the clause it is joined to
    neighbours = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis", "conj"} and c.i < verb.i and _is_verb(c)]
    if verb.dep_ in {"conj", "parataxis"} and verb.head.i != verb.i and _is_verb(verb.head):
        neighbours.append(verb.head)
    for other in neighbours:
        other_subjects = [c for c in other.children if c.dep_ in SUBJECT_DEPS]
        if _is_present_simple(other) and any(_is_bare_plural(s) for s in other_subjects):
            return next(s.text for s in other_subjects if _is_bare_plural(s))
    return None


def definition_cue(trigger: Token, definition_verbs: frozenset[str]) -> str | None:
    """The word that makes the trigger part of a definition, or None: the predicate of a
    present copula whose subject is a bare or indefinite noun ("a ceasefire is an
    agreement between two sides to stop fighting"), or the complement of a defining verb
    in the present ("mediation means helping two sides negotiate")."""
    for governor in trigger.ancestors:
        if governor.lemma_ == "be" and governor.tag_ in {"VBZ", "VBP"}:
            attrs = [c for c in governor.children if c.dep_ == "attr"]
            subjects = [c for c in governor.children if c.dep_ == "nsubj"]
            if any(trigger.i in {t.i for t in a.subtree} for a in attrs) and subjects and all(
                    _is_indefinite(s) for s in subjects + attrs):
                return governor.text
        if governor.lemma_.lower() in definition_verbs and governor.tag_ in {"VBZ", "VBP"}:
            return governor.text
        if _is_verb(governor) and governor.dep_ not in {"xcomp", "acl", "relcl", "ccomp", "pcomp"}:
            break
    return None


def _is_indefinite(noun: Token) -> bool:
    """A common noun with "a"/"an" or no determiner: it names a kind, not a thing."""
    if noun.pos_ != "NOUN":
        return False
    dets = [c for c in noun.children if c.dep_ in SPECIFIC_DEPS]
    return all(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in dets)


def in_condition(trigger: Token, condition_marks: frozenset[str]) -> bool:
    """Whether the trigger's proposition is a condition: "if the rebels broke [their
    promises]", "unless Kabul [agrees]". Climbs the arcs that stay in one clause."""
    token = trigger
    for _ in range(8):
        if token.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in condition_marks for c in token.children)
        if token.dep_ not in CONDITION_CLIMB or token.head.i == token.i:
            return False
        token = token.head
    return False


def under_blocked_cause(trigger: Token, causative_verbs: frozenset[str], modals: frozenset[str]) -> bool:
    """Whether the trigger's event is what a negated or modal causative keeps from or
    leaves to happen: "pledged not to let any group [threaten] Chile", "could not make
    them [agree]". A plain causative ("let the rebels attack") lets it happen."""
    token = trigger
    for _ in range(6):
        if token.head.i == token.i or token.dep_ not in CAUSE_CLIMB:
            return False
        token = token.head
        if token.lemma_.lower() in causative_verbs:
            return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in modals) for c in token.children)
    return False

