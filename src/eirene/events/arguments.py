"""Who fills an event's roles: map parse tokens to the actor mentions found earlier.

Why a module of its own: the extractor asks the same questions for verbs and for
nouns ("who is the subject of this verb?", "which actors does this noun phrase
name?"), and the answers depend only on the dependency tree and the mentions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from eirene.events.clause import misattached_gerund_head
from eirene.events.lexicon import RoleCues
from eirene.records import ActorRef

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
# Dependents of a noun through which the noun phrase still names its actor:
# "a delegation from the Taliban", "the leader of the group", "Pakistan's army".
PHRASE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
VERBAL_POS = frozenset({"VERB", "AUX"})


class ModifierResolver(Protocol):
    """Resolves a lone country word (or, `as_place`, a place an event is done to) to its state."""

    def __call__(self, token: Token, as_place: bool = False) -> ActorRef | None: ...


class MentionIndex:
    """Token index -> the actor mentions covering it, for one parsed document.

    roles (RoleCues): the lexicon's role words; here the prepositions through which a
    noun phrase still names its actor (`phrase_preps`) and after which a place stands
    for its state (`source_preps`).
    modifier (callable): resolves a lone country word modifying a non-actor noun
    ("an American airstrike", "Afghan border posts") to a country-level actor; the
    actor coder leaves such words alone because on their own they name no actor.
    """

    def __init__(self, doc: Doc, mentions: list[ActorRef], roles: RoleCues,
                 modifier: ModifierResolver | None = None) -> None:
        self.doc = doc
        self.mentions = mentions
        self.roles = roles
        self.modifier = modifier
        self._by_token: dict[int, list[ActorRef]] = defaultdict(list)
        for ref in mentions:
            if ref.start is None or ref.end is None:
                continue
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self._by_token[token.i].append(ref)

    def at(self, token: Token) -> list[ActorRef]:
        """Mentions covering this very token."""
        return list(self._by_token.get(token.i, ()))

    def tokens_of(self, ref: ActorRef) -> list[Token]:
        """The tokens a mention covers."""
        return [self.doc[i] for i, refs in self._by_token.items() if ref in refs]

    def in_span(self, span: Span) -> list[ActorRef]:
        """Distinct mentions that start inside `span`, in order."""
        seen: list[ActorRef] = []
        for token in span:
            for ref in self._by_token.get(token.i, ()):
                if ref not in seen:
                    seen.append(ref)
        return seen

    def actors_of(self, tokens: list[Token]) -> list[ActorRef]:
        """The actors named by each of these phrase heads, in order."""
        return [ref for token in tokens for ref in self.phrase_actors(token)]

    def place(self, token: Token) -> list[ActorRef]:
        """The state of the place a prepositional phrase headed by `token` names, as an
        event's recipient: "in Montenegro", "in the town of Cizre", "in Montenegro
        province", "in central Baghdad"."""
        if self.modifier is None:
            return []
        for part in (token, *(c for c in token.children if c.dep_ in {"compound", "pobj"} or
                              (c.dep_ == "prep" and c.lower_ == "of"))):
            for candidate in (part, *(g for g in part.children if g.dep_ == "pobj")) if part.dep_ == "prep" else (part,):
                ref = self.modifier(candidate, as_place=True)
                if ref is not None:
                    return [ref]
        return []

    def phrase_actors(self, token: Token, _depth: int = 0) -> list[ActorRef]:
        """The actors a noun phrase headed by `token` names, with its conjuncts.

        "Russia and Pakistan" -> both; "a delegation from the Taliban" -> Taliban;
        "the Pakistani army" -> the mention covering "Pakistani army".
        """
        found: list[ActorRef] = []
        for member in (token, *token.conjuncts) if _depth == 0 else (token,):
            for ref in self._head_actors(member, _depth):
                if ref not in found:
                    found.append(ref)
        return found

    def modifier_actors(self, token: Token) -> list[ActorRef]:
        """The actor an adjective or compound modifier stands for when no mention covers
        it: "Pakistani support" -> Pakistan."""
        if self.modifier is None or token.dep_ not in {"amod", "compound"}:
            return []
        ref = self.modifier(token)
        return [ref] if ref is not None else []

    def owners(self, token: Token) -> list[ActorRef]:
        """The actors a noun phrase's modifiers and "of"/"from"/"by" phrases name, not
        the phrase itself: "an Indian proposal" -> India; "four Russian helicopters"
        -> Russia, not the helicopters."""
        itself = self.at(token)
        return [ref for ref in self._head_actors(token, 0, own=False) if ref not in itself]

    def _head_actors(self, token: Token, depth: int, own: bool = True) -> list[ActorRef]:
        direct = self.at(token) if own else []
        if direct:
            return direct
        if depth > 2:
            return []
        found: list[ActorRef] = []
        for child in token.children:
            if child.dep_ in PHRASE_DEPS:
                for part in (child, *child.conjuncts):  # "Russian and Chinese officials"
                    refs = self.at(part)
                    if not refs and self.modifier is not None and part.dep_ in {"amod", "compound", "conj"}:
                        ref = self.modifier(part)
                        refs = [ref] if ref is not None else []
                    found.extend(refs)
            elif child.dep_ == "prep" and child.lower_ in self.roles.phrase_preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self.phrase_actors(pobj, depth + 1)
                        if not inner and child.lower_ in self.roles.source_preps:
                            inner = self.place(pobj)  # "an apology from Moscow", "calls by Kabul"
                        found.extend(inner)
        return found


def dedupe(refs: list[ActorRef]) -> list[ActorRef]:
    """Drop repeated mentions of the same actor, keeping the first written form."""
    seen: set[tuple] = set()
    kept: list[ActorRef] = []
    for ref in refs:
        key = (ref.actor_id or ref.name, ref.country, ref.sector)
        if key not in seen:
            seen.add(key)
            kept.append(ref)
    return kept


def subject_tokens(verb: Token) -> list[Token]:
    """The grammatical subject of a verb, inherited through coordination and control.

    "Russia met and agreed ..." gives "agreed" the subject of "met"; "the group refused
    to continue talks" gives "continue" the subject of "refused"; in a relative clause
    ("the group, which attacked ...") the subject is the noun the clause modifies.
    """
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    # "The Red Cross operating in Iraq said ...": the parser may take the reduced relative
    # for a clausal subject; the subject is then that participle's own subject
    own = [next((g for g in c.children if g.dep_ in SUBJECT_DEPS), c) if c.tag_ in {"VBG", "VBN"} else c
           for c in own]
    if own:
        return own
    gerund = misattached_gerund_head(verb)
    if gerund is not None:
        # the doer of the deed the verb it hangs on governs ("was accused by X of financing and arming")
        return _matrix_deed_subject(verb.head, gerund.head.lower_)
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS:
        return subject_tokens(verb.head)
    if verb.dep_ == "conj" and _is_gerund_noun(verb.head):
        # "accused of funding and arming ...": the parser makes the first gerund a noun;
        # the second shares its doer
        return _prepositional_deed_subject(verb.head)
    if verb.dep_ in {"xcomp", "ccomp"} and verb.head.pos_ in VERBAL_POS and verb.dep_ == "xcomp":
        matrix = verb.head
        objects = [c for c in matrix.children if c.dep_ in OBJECT_DEPS]
        # Object control: "urged Pakistan to act" -> Pakistan acts.
        if objects:
            return objects
        return subject_tokens(matrix)
    if verb.dep_ in {"pcomp", "acl"} and verb.tag_ == "VBG":
        of_subject = _of_phrase_subject(verb)
        if of_subject:
            return of_subject
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        found = _prepositional_deed_subject(verb)
        if found:
            return found
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in VERBAL_POS:
        # "Syria is willing to withdraw", "he is prepared to lift the ban": the
        # adjective's subject acts
        return subject_tokens(verb.head.head)
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return [verb.head]
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return subject_tokens(verb.head) if verb.head.pos_ in VERBAL_POS else []
    return []


def _matrix_deed_subject(matrix: Token, prep_word: str) -> list[Token]:
    """Who does the deed in a verb's `prep_word` phrase: its object ("accused Russia of
    ..."; with "for", also whom a thing goes to: "offered bounties to the Taliban for
    ..."), else its passive subject ("Russia was accused of ..."), else its subject."""
    objects = [c for c in matrix.children if c.dep_ in OBJECT_DEPS]
    if objects and prep_word == "for":
        objects += [c for c in matrix.children if c.dep_ == "dative"]
        # "to the Taliban" on the verb, or on the thing given ("offered rewards to the Taliban")
        objects += [p for h in (matrix, *objects) for c in h.children if c.dep_ in {"prep", "dative"}
                    and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
    return (
        objects
        or [c for c in matrix.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        or subject_tokens(matrix)
    )


def _is_gerund_noun(token: Token) -> bool:
    """A gerund the parser took for a noun: "accused of [funding] and arming"."""
    return token.pos_ == "NOUN" and token.lower_.endswith("ing") and token.dep_ == "pobj" and token.head.dep_ == "prep"


def _of_phrase_subject(gerund: Token) -> list[Token]:
    """The doer of a gerund in a noun's "of" phrase: "reports of Moscow arming the
    Taliban", "rumours of Iranian agents smuggling rockets" -> Moscow, the agents."""
    if gerund.dep_ == "pcomp" and gerund.head.lower_ == "of":
        return [c for c in gerund.head.children if c.dep_ == "pobj" and c.i < gerund.i]
    if gerund.dep_ == "acl" and gerund.head.pos_ == "NOUN":
        return [p for c in gerund.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < gerund.i
                for p in c.children if p.dep_ == "pobj"]
    return []


def _prepositional_deed_subject(deed: Token) -> list[Token]:
    """The doer of a deed in a prepositional phrase on a verb or noun.

    "accused Russia of arming ...", "Russia was accused of arming ...", "blamed Pakistan
    for sheltering ...": the accused does the embedded deed; "offered bounties to the
    Taliban for killing ...": when the object is a thing, the one it goes to does the deed
    it pays for; "has no interest in targeting ...": the doer is the subject of the verb
    that governs the noun.
    """
    prep = deed.head
    if prep.head.pos_ in VERBAL_POS:
        return _matrix_deed_subject(prep.head, prep.lower_)
    if prep.head.pos_ == "NOUN":
        noun = prep.head
        if noun.dep_ in {"dobj", "attr", "pobj"} and noun.head.pos_ in VERBAL_POS:
            return subject_tokens(noun.head)
    return []


def passive_subject_tokens(verb: Token) -> list[Token]:
    """The patient of a passive verb ("Mansour was killed"), or the noun a reduced
    passive relative modifies ("the leader killed by a drone")."""
    own = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
    if own:
        return own
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]
    if verb.dep_ == "conj" and verb.head.pos_ in VERBAL_POS and is_passive(verb.head):
        return passive_subject_tokens(verb.head)
    return []


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def agent_tokens(verb: Token) -> list[Token]:
    """The 'by' phrase of a passive verb: "was killed by an American drone"."""
    found: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def object_tokens(token: Token) -> list[Token]:
    """Direct objects and datives of a verb ("gave Pakistan helicopters": Pakistan first).

    A counted object the parser hangs on "up to" ("kidnapped up to 16 advisers") is an
    object too.
    """
    found = [c for c in token.children if c.dep_ in OBJECT_DEPS or c.dep_ == "dative"]
    if not found and token.pos_ in VERBAL_POS:
        found = _counted_objects(token)
    return found


def _counted_objects(verb: Token) -> list[Token]:
    """ "up to 16 advisers", parsed as particle "up" + prep "to": the counted noun."""
    for up in (c for c in verb.children if c.lower_ == "up" and c.dep_ in {"prt", "prep", "advmod"}):
        for to in (c for c in up.children if c.lower_ == "to" and c.dep_ == "prep"):
            return [p for p in to.children if p.dep_ == "pobj" and any(n.dep_ == "nummod" for n in p.children)]
    return []


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Objects of the named prepositions attached to `token` ("talks with Kabul")."""
    if not preps:
        return []
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "dative", "agent"} and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ in {"pobj", "pcomp"}:
                    found.append(grandchild)
                elif grandchild.dep_ == "prep" and grandchild.lower_ in preps:
                    # "on the border of": take the inner object too
                    found.extend(g for g in grandchild.children if g.dep_ == "pobj")
    return found


def voice_roles(verb: Token, mentions: MentionIndex, objects_receive: bool = True) -> tuple[list[ActorRef], list[ActorRef]]:
    """(actors, recipients) of a verb by its voice: a passive's agent acts and its subject
    receives ("Mansour was killed by a drone"); an active's subject acts and, when
    `objects_receive`, its objects receive (its dative receives in any case). When the
    object is the thing the deed moves (not `objects_receive`), a passive subject is that
    thing, and with no agent named its owner acts ("troops were withdrawn from Lebanon")."""
    if is_passive(verb):
        agents = mentions.actors_of(agent_tokens(verb))
        moved = mentions.actors_of(passive_subject_tokens(verb))
        if objects_receive:
            return agents, moved
        # the subject is what the deed moves, not its target: "troops were withdrawn from
        # Lebanon" (by their own state, whether or not an agent is named)
        return agents or moved, []
    # A dative always receives, even where the direct object is the thing handed over
    # ("gave Tanzania a grant", "offered Kabul talks").
    receivers = object_tokens(verb) if objects_receive else [c for c in verb.children if c.dep_ == "dative"]
    found = mentions.actors_of(receivers)
    if not objects_receive and not receivers:
        found = _misparsed_dative(verb, mentions)
    return mentions.actors_of(subject_tokens(verb)), found


def _misparsed_dative(verb: Token, mentions: MentionIndex) -> list[ActorRef]:
    """"offered the Taliban money": the parser reads "the Taliban money" as one noun
    phrase, the name a compound of the thing handed over; a named actor there, apart from
    the object itself, is the indirect object, the recipient."""
    found: list[ActorRef] = []
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        if mentions.at(obj):
            continue  # "the Pakistani army": the object is itself the actor
        for child in obj.children:
            # a name, or a plural ("the rebels money"): a true compound noun is singular
            if child.dep_ == "compound" and child.tag_ in {"NNP", "NNPS", "NNS"} and child.i < obj.i:
                found.extend(mentions.at(child))
    return found
