"""Words that point back to an actor named before: pronouns ("he", "they", "whose"),
relative pronouns, and definite descriptions ("the group", "both countries").

Why a module of its own: these phrases name nobody by themselves; this reader decides
whether they refer at all ("it is likely that ..." does not) and hands the search for
the antecedent to `eirene.actors.coref.Coreference`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from spacy.tokens import Token

from eirene.actors.coref import Coded, Coreference
from eirene.actors.grammar import Grammar
from eirene.actors.matcher import Phrase
from eirene.actors.resolve.state import Result, State


class ReferenceReader:
    """Resolves pronouns and definite descriptions to earlier actors of the document."""

    def __init__(self, grammar: Grammar, coref: Coreference, deaths: Mapping[str, str] | None = None,
                 speech_verbs: frozenset[str] = frozenset()) -> None:
        """deaths: actor id -> ISO date of death; speech_verbs: lemmas whose subject speaks
        at the time of writing (so never a person dead by the document date)."""
        self.grammar = grammar
        self.coref = coref
        self.deaths = dict(deaths or {})
        self.speech_verbs = speech_verbs

    def pronoun(self, phrase: Phrase, st: State, sentence: int) -> Result | None:
        """The antecedents of a one-word pronoun phrase (empty for an expletive "it" or a
        pronoun in a role that cannot name an actor), or None when it is no pronoun."""
        head = st.doc[phrase.head]
        if head.lower_ not in self.grammar.pronouns or phrase.end - phrase.start != 1:
            return None
        if head.lower_ in self.grammar.relative_pronouns:
            return Result(self._relative(head, st))
        if head.lower_ in self.grammar.singular_pronouns and (
                self._expletive(head) or head.dep_.lower() not in self.grammar.singular_pronoun_deps):
            return Result()
        excluded = self._dead_by(st.day.isoformat()) if self._speaks_now(head) else frozenset()
        return Result(self.coref.pronoun(head.lower_, head.i, head.i + 1, st.history, sentence, excluded,
                                         subject=_in_subject(head)))

    def _speaks_now(self, token: Token) -> bool:
        """A person pronoun subject of a verb of saying with no date of its own ("He said ...")."""
        verb = token.head
        return token.lower_ in self.grammar.person_pronouns and token.dep_ == "nsubj" \
            and verb.lemma_.lower() in self.speech_verbs \
            and not any(t.ent_type_ == "DATE" for t in verb.subtree if t.head.i == verb.i or t.head.head.i == verb.i)

    def _dead_by(self, day: str) -> frozenset[str]:
        """Ids of the people who died before `day` (compared as finely as the death is known)."""
        return frozenset(i for i, died in self.deaths.items() if died[:len(day)] < day[:len(died)])

    def description(self, phrase: Phrase, st: State, own: list[int], sentence: int) -> list[Coded]:
        """The antecedents of a definite description ("the group", "the two countries"),
        or nothing when the phrase is none (it names its owner: "the Kano State government")."""
        doc, m = st.doc, st.matches
        first = doc[phrase.start]
        if first.lower_ not in self.grammar.description_determiners or phrase.possessor is not None \
                or phrase.of_phrase is not None:
            return []
        if any(m.name(i) is not None for i in own):
            return []
        head = doc[phrase.head]
        tokens = [doc[i] for i in (own[1:] if first.lower_ == "the" else own)]
        if any(t.pos_ == "PROPN" or t.text[:1].isupper() and t.i != phrase.start for t in tokens):
            return []  # "the Kano State government" names its owner: not a description
        words = [t.lower_ for t in tokens]
        for key in (" ".join(words), " ".join(words[-2:]), head.lower_, head.lemma_.lower()):
            desc = self.grammar.description(key)
            if desc is not None:
                return self.coref.describe(desc, phrase.start, phrase.end, st.history, sentence)
        return []

    def _relative(self, token: Token, st: State) -> list[Coded]:
        """"whose", "who", "which": the actor the relative clause hangs on."""
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
        if clause is None:
            return []
        noun = clause.head
        for h in reversed(st.history):
            if h.start <= noun.i < h.end:
                return [replace(h, start=token.i, end=token.i + 1, sentence=st.sentence(token.i), how="coreference",
                                group=-1)]
        return []

    def _expletive(self, token: Token) -> bool:
        """"It is likely that ...", "it seems ...": no actor."""
        if token.dep_ == "expl":
            return True
        verb = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in self.grammar.expletive_verbs:
            if any(c.dep_ == "acomp" and c.lemma_.lower() in self.grammar.agentive_adjectives for c in verb.children):
                return False  # "it is willing to withdraw its troops": a subject that acts
            return any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in verb.children) or \
                any(c.dep_ == "acomp" for c in verb.children)
        return False


def _in_subject(token: Token) -> bool:
    """A subject pronoun, or the owner of a subject ("its foreign minister said")."""
    if token.dep_ in ("nsubj", "nsubjpass"):
        return True
    return token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass")
