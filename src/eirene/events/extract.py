"""Dyad extraction: find event triggers in a parsed sentence and fill their roles.

The "find" half of event coding (spaCy habit: find, then annotate). For every verb
or event noun the lexicon knows, it works out who acts and on whom from the
dependency parse, and returns `Candidate`s; `eirene.events.coder` then adds
factuality, attribution, date, place and scores, and writes `Event` records.

Constructions handled: active and passive voice ("was killed by"), reduced passives
("the leader killed by a drone"), coordinated subjects, objects and verbs, control
and complement verbs ("agreed to withdraw", "refused to continue talks with Kabul",
"urged Pakistan to act"), light verbs ("held talks with", "provided support to"),
prepositional recipients, nominal events ("the US strike on ...", "Russia's support
for the Taliban"), relative clauses, appositions, several events per sentence, and
reciprocal events (meetings and talks among a set of participants).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pycountry
from spacy.tokens import Span, Token

from eirene.events.arguments import (
    MentionIndex,
    agent_tokens,
    dedupe,
    is_passive,
    object_tokens,
    passive_subject_tokens,
    prep_objects,
    subject_tokens,
    voice_roles,
)
from eirene.events.lexicon import Lexicon, NounRule, VerbRule
from eirene.events.where import PlaceResolver
from eirene.records import ActorRef

# For reciprocal events ("Russia and Pakistan held talks": a CONSULT among both; the
# lexicon says which rules and types are reciprocal) these name the other side too.
RECIPROCAL_PREPS = ("with", "between", "among")
# Types whose recipient may be the subject of a that-clause ("demanded that X leave").
CLAUSE_RECIPIENT_TYPES = frozenset({"REQUEST", "ACCUSE"})
# Words spaCy often parses as a preposition right after a verb although they are its
# particle: "pulled out of", "backed down".
PARTICLE_LIKE = frozenset({"out", "up", "down", "off", "back", "away", "over", "in"})
# Types whose target, when no actor receives, is the place the deed is done to: "imposed
# a curfew in Algiers", "lifted emergency rule in the province", "suspended aid deliveries
# in Baghdad". (A meeting's or an attack's place is its venue, troops mobilise where they
# are, and someone hiding or sheltered "in Pakistan" is not helped by Pakistan.)
PLACE_RECIPIENT_TYPES = frozenset({"COERCE", "CONCEDE", "RETREAT", "SANCTION"})
PLACE_PREPS = ("in", "into", "inside")
# Control verbs whose complement's place is their target ("threatened to impose a curfew in Algiers").
PLACE_THREAT_TYPES = frozenset({"THREATEN"})
# A demonstration's target is often named by its purpose: "began a hunger strike to
# protest Sweden's decision", "rallied in protest against the violations by the police".
PURPOSE_LEMMAS = frozenset({"protest", "denounce", "condemn", "oppose", "demand", "call"})
PURPOSE_PREPS = ("against", "at", "over", "of", "for")
PURPOSE_NOUNS = frozenset({"protest", "defiance", "opposition"})  # "in defiance of X"
# How sure a demand read off a reported "must"/"should" is when no rule typed the deed.
OBLIGATION_CONFIDENCE = 0.55
# How much less sure an event is when its recipient is implied, not named.
IMPLIED_TARGET_PENALTY = 0.15
# How much less sure an event is when it sits inside another event's clause.
EMBEDDED_PENALTY = 0.2


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


@dataclass
class Rejection:
    """A trigger the lexicon knows that produced no event, and why (for `explain`)."""

    trigger: Token
    event_type: str
    reason: str


class DyadExtractor:
    """Finds event candidates in one sentence, given the lexicon and the actor mentions."""

    def __init__(self, lexicon: Lexicon, needs_recipient: dict[str, bool],
                 domestic_targets: dict[str, str] | None = None, places: PlaceResolver | None = None) -> None:
        """domestic_targets: PLOVER type -> sector of the implied domestic recipient
        (plover.yaml `domestic_target`); types not in it never get one. places: the
        gazetteer that tells which countries a sentence's places lie in (provinces too)."""
        self.lexicon = lexicon
        self.needs_recipient = needs_recipient
        self.domestic_targets = dict(domestic_targets or {})
        self.places = places

    def extract(self, sent: Span, mentions: MentionIndex) -> tuple[list[Candidate], list[Rejection]]:
        candidates: list[Candidate] = []
        rejections: list[Rejection] = []
        used_nouns: set[int] = set()
        # Complements of a control verb that made an event: "offered [to negotiate]" is
        # the offer (AGREE), not also a negotiation.
        governed: set[int] = set()
        for token in sent:
            if token.i in governed:
                continue
            if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.dep_ == "ROOT" and token.tag_.startswith("VB")):
                found = self._from_verb(token, mentions, used_nouns)
                if found is not None:
                    self._keep(found, candidates, rejections, mentions)
                    complement = _complement(token)
                    if isinstance(found, Candidate) and complement is not None and self.lexicon.complement_behaviour(token.lemma_.lower()) == "control":
                        governed.add(complement.i)
                        used_nouns.update(t.i for t in complement.subtree if t.pos_ == "NOUN")
        for token in sent:
            # Common nouns only: a proper noun ("March", "Strike Force") names, it does not happen.
            if token.pos_ == "NOUN" and token.i not in used_nouns:
                found = self._from_noun(token, mentions)
                if found is not None:
                    self._keep(found, candidates, rejections, mentions)
        coded = {c.trigger.i for c in candidates}
        for token in sent:
            obligation = self._reported_obligation(token, mentions, coded)
            if obligation is not None:
                self._keep(obligation, candidates, rejections, mentions)
        _rank_embedded(candidates)
        return candidates, rejections

    def _reported_obligation(self, verb: Token, mentions: MentionIndex, coded: set[int]) -> Candidate | None:
        """"The Red Cross said US forces must ensure security": a reported obligation is a
        demand by the speaker of the clause's subject (PLOVER REQUEST), whatever the deed.
        Deeds the lexicon types are retyped this way by eirene.events.intent; this covers
        the clauses no rule coded."""
        if verb.pos_ not in {"VERB", "AUX"} or self.lexicon.speech_verb(verb.lemma_.lower()) is None:
            return None
        speakers = mentions.actors_of(subject_tokens(verb))
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.i in coded:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in self.lexicon.intent.obligation_modals for c in clause.children):
                continue
            recipients = mentions.actors_of(subject_tokens(clause))
            if speakers and recipients:
                return Candidate(
                    trigger=clause, event_type="REQUEST", rule_id="request.reported_obligation",
                    confidence=OBLIGATION_CONFIDENCE, mode=None, contexts=(), actors=list(speakers),
                    recipients=recipients, clause_head=verb, speaker_acts=True,
                )
        return None

    # -- keeping or rejecting -------------------------------------------------

    def from_model(
        self, sent: Span, mentions: MentionIndex, event_type: str, probability: float, version: str
    ) -> Candidate | Rejection:
        """An event the classifier sees in a sentence the rules left uncoded.

        The type comes from the model; the roles from the parse around the sentence's
        main verb (first, when that is a reporting verb, the verb of what is reported:
        "Burmese troops captured ..., Thai police said"; then, for a verbal type only,
        the reporting verb itself):
        its subject (or passive agent) acts; its objects, prepositional objects, or failing
        those the next actor after it, receive. Kept only if it passes the same actor and
        recipient checks as rule events.
        """
        reported = _reported_verb(sent.root, self.lexicon)
        heads = [sent.root]
        if reported is not None:
            # the speaker can only be the actor of something said (an offer, a demand, a
            # refusal), never of a material deed it reports ("critics say the strikes kill ...")
            verbal = self.lexicon.types[event_type].quad_class in (1, 3)
            heads = [reported, sent.root] if verbal else [reported]
        found: Candidate | Rejection | None = None
        for head in heads:
            found = self._model_candidate(sent, head, mentions, event_type, probability, version)
            if isinstance(found, Candidate):
                return found
        assert found is not None
        return found

    def _model_candidate(
        self, sent: Span, root: Token, mentions: MentionIndex, event_type: str, probability: float, version: str
    ) -> Candidate | Rejection:
        """The model's event with its roles read around `root`, or why it fails the checks."""
        actors, recipients = voice_roles(root, mentions)
        if self.lexicon.is_patient_verb(root.lemma_.lower()) and not is_passive(root):
            # "Pakistan has suffered heavy militant violence": the subject undergoes it
            actors, recipients = [], actors
        if is_passive(root):
            recipients = mentions.actors_of(object_tokens(root)) + recipients
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ not in {"in", "at", "on", "during", "after", "before", "since", "until"}:
                recipients += [a for t in child.children if t.dep_ == "pobj" for a in mentions.phrase_actors(t)]
        if not recipients:
            # the nearest other actor after the main verb ("... attack in Balochistan on Pakistan")
            recipients = [m for m in mentions.in_span(sent[root.i - sent.start:]) if m not in actors][:1]
        candidate = Candidate(
            trigger=root,
            event_type=event_type,
            rule_id=f"model:{version}",
            confidence=probability,
            mode=None,
            contexts=(),
            actors=actors,
            recipients=recipients,
            clause_head=root,
            reciprocal=False,
        )
        kept: list[Candidate] = []
        rejected: list[Rejection] = []
        self._keep(candidate, kept, rejected, mentions)
        return kept[0] if kept else rejected[0]

    def _keep(
        self,
        found: Candidate | Rejection,
        candidates: list[Candidate],
        rejections: list[Rejection],
        mentions: MentionIndex | None = None,
    ) -> None:
        if isinstance(found, Rejection):
            rejections.append(found)
            return
        if found.event_type == "PROTEST" and found.actors and all(_is_official(a) for a in found.actors) \
                and not any(c.dep_ == "aux" and c.lower_ in self.lexicon.intent.announcing_aux
                            for c in found.clause_head.children):
            # (an announced one, "said they would boycott all contact", is a threat: see intent)
            # PLOVER's PROTEST is a demonstration; a government "protesting" an act
            # through diplomatic channels is a verbal accusation.
            found.event_type = "ACCUSE"
            found.mode = found.mode if found.mode in {"protest"} else None
            found.rule_id = f"{found.rule_id}+official"
        found.actors = dedupe(found.actors)
        found.recipients = dedupe(found.recipients)
        if not found.actors:
            rejections.append(Rejection(found.trigger, found.event_type, "no actor found for the trigger"))
            return
        if not found.recipients and found.reciprocal and len(found.actors) > 1:
            found.recipients = list(found.actors)
        # the same actor on both sides ("Pakistan ... Pakistan") is no dyad; a state acting
        # on one of its own organs ("Serbia is investigating abuses by Serbian police") is
        actor_keys = {(*_key(a), a.sector) for a in found.actors}
        if found.recipients and all((*_key(r), r.sector) in actor_keys and r.how != "place" for r in found.recipients) \
                and len(found.actors) == 1:
            found.recipients = []  # a place is a target even in the actor's own country
        if mentions is not None and found.event_type == "PROTEST" and not found.recipients:
            found.recipients = _purpose_recipients(found, mentions)
        if mentions is not None and found.event_type == "THREATEN" and not found.recipients:
            found.recipients = _condition_recipients(found, mentions)
        if mentions is not None and found.event_type in PLACE_RECIPIENT_TYPES and not any(r.country for r in found.recipients):
            # a government's curfew on its own town is still done to that town
            found.recipients = found.recipients + _place_recipients(found, mentions)
        sector = self.domestic_targets.get(found.event_type)
        if mentions is not None and sector and not any(r.country for r in found.recipients):
            needs = self.needs_recipient.get(found.event_type, False)
            material = self.lexicon.types[found.event_type].quad_class == 4
            implied = _domestic_target(found, mentions, sector, needs_target_phrase=needs, material=material,
                                       places=self.places, lexicon=self.lexicon)
            if implied:
                found.recipients = implied
                found.confidence = max(0.05, found.confidence - IMPLIED_TARGET_PENALTY)
        if not found.recipients and self.needs_recipient.get(found.event_type, False):
            rejections.append(
                Rejection(found.trigger, found.event_type, f"{found.event_type} needs a recipient and none was found")
            )
            return
        candidates.append(found)

    def _candidate(
        self,
        rule: VerbRule | NounRule,
        trigger: Token,
        actors: list[ActorRef],
        recipients: list[ActorRef],
        clause_head: Token,
        extra_trigger_tokens: list[Token] | None = None,
    ) -> Candidate:
        """A candidate typed by a lexicon rule."""
        return Candidate(
            trigger=trigger,
            event_type=rule.type,
            rule_id=rule.id,
            confidence=rule.confidence,
            mode=rule.mode,
            contexts=rule.contexts,
            actors=actors,
            recipients=recipients,
            clause_head=clause_head,
            extra_trigger_tokens=extra_trigger_tokens or [],
            reciprocal=self.lexicon.is_reciprocal(rule),
        )

    # -- verbs ----------------------------------------------------------------

    def _from_verb(self, verb: Token, mentions: MentionIndex, used_nouns: set[int]) -> Candidate | Rejection | None:
        lemma = verb.lemma_.lower()
        behaviour = self.lexicon.complement_behaviour(lemma)
        complement = _complement(verb)
        if behaviour == "transparent" and complement is not None:
            return None  # the complement verb is the event; it inherits this subject
        rule, obj = self._verb_rule(verb)
        if rule is None:
            if self.lexicon.is_light_verb(lemma) or self._phrasal_light_nouns(verb):
                return self._from_light_verb(verb, mentions, used_nouns)
            return None
        if obj is not None and rule.object_lemmas:
            used_nouns.add(obj.i)
        actors, recipients = self._verb_roles(verb, rule, mentions)
        if not recipients and obj is not None and rule.object_lemmas and not rule.object_is_recipient:
            # "rejected an Indian proposal", "dismissed the rebels' demands": the object
            # names what is rejected; its owner receives.
            recipients = mentions.owners(obj)
        clause_head = verb
        if behaviour == "control" and complement is not None:
            # "refused to continue talks with Kabul": the recipient sits in the complement.
            if not recipients:
                recipients = self._complement_recipients(complement, mentions)
            if not recipients and rule.type in PLACE_THREAT_TYPES:
                # "threatened to impose a curfew in Algiers": the threatened place
                recipients = _places_on([complement, *object_tokens(complement)], mentions)
        if not recipients and rule.type in CLAUSE_RECIPIENT_TYPES:
            # "demanded that Pakistan stop ...", "charged that Islamabad sheltered ...":
            # the recipient is the subject of the that-clause.
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                for token in subject_tokens(clause):
                    recipients.extend(mentions.phrase_actors(token))
        if not recipients and rule.type in CLAUSE_RECIPIENT_TYPES and not rule.object_is_recipient:
            # "demanded an apology from Moscow", "demanded Israel's withdrawal": whoever
            # owes the demanded thing receives the demand
            recipients = [a for o in object_tokens(verb) for a in mentions.owners(o)]
        particle = [c for c in verb.children if c.dep_ == "prt"]
        extra = particle + ([obj] if obj is not None and rule.object_lemmas else [])
        return self._candidate(rule, verb, actors, recipients, clause_head, extra)

    def _verb_rule(self, verb: Token) -> tuple[VerbRule | None, Token | None]:
        """The most specific rule for this verb: object-restricted and particle rules first."""
        lemma = verb.lemma_.lower()
        rules = self.lexicon.verb_rules(lemma)
        if not rules:
            return None, None
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        particles |= {c.lower_ for c in verb.children if c.dep_ in {"prep", "advmod"} and c.i == verb.i + 1 and c.lower_ in PARTICLE_LIKE}
        objects = [c for c in verb.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        fallback: VerbRule | None = None
        has_complement = _complement(verb) is not None
        for rule in rules:
            if rule.complement and not has_complement:
                continue
            rule_objects = objects
            if rule.particle and rule.particle.lower() not in particles:
                if not (rule.object_lemmas and rule.particle.lower() in preps):
                    continue
                # "went on strike": with object lemmas, a particle that the parser reads as a
                # preposition brings its object
                rule_objects = prep_objects(verb, (rule.particle.lower(),))
            if rule.object_lemmas:
                for obj in rule_objects:
                    if _object_words(obj) & rule.object_lemmas:
                        return rule, obj
                    inner = _partitive_object(obj)
                    if inner is not None and inner.lemma_.lower() in rule.object_lemmas:
                        return rule, inner
                continue
            if rule.particle or rule.complement:
                return rule, None
            if fallback is None:
                fallback = rule
        if fallback is not None and not fallback.particle and particles:
            # A verb with a particle no rule names ("hold up") is not the bare verb.
            if any(r.particle for r in rules):
                return None, None
        return fallback, None

    def _verb_roles(self, verb: Token, rule: VerbRule, mentions: MentionIndex) -> tuple[list[ActorRef], list[ActorRef]]:
        actors, recipients = voice_roles(verb, mentions, objects_receive=rule.object_is_recipient)
        preps = tuple(rule.recipient_preps) + (RECIPROCAL_PREPS if self.lexicon.is_reciprocal(rule) else ())
        for token in prep_objects(verb, preps):
            # a place after one of the rule's recipient prepositions stands for its state
            # ("sought refuge in Turkey", "evacuated the wounded from the town of Gorazde")
            found = mentions.phrase_actors(token) or mentions.place(token)
            if not found:
                # "dispatched inspectors to the uranium plant in central Iran": the place of
                # the thing the deed is aimed at receives
                found = _places_on([token], mentions)
            recipients.extend(found)
        if not recipients:
            # "held talks with Kabul", "provided support to the Taliban": the prep hangs on the object.
            for obj in object_tokens(verb):
                # "launched artillery, mortar and rocket fire against the camps": the
                # phrase may hang on any of the coordinated objects
                inner = _partitive_object(obj)  # "suspended part of its aid to Egypt"
                for part in (obj, *obj.conjuncts, *([inner] if inner is not None else [])):
                    for token in prep_objects(part, preps):
                        recipients.extend(mentions.phrase_actors(token))
        return actors, recipients

    def _complement_recipients(self, complement: Token, mentions: MentionIndex) -> list[ActorRef]:
        found: list[ActorRef] = []
        for obj in object_tokens(complement):
            found.extend(mentions.phrase_actors(obj))
        for token in prep_objects(complement, ("with", "to", "against", "on", "for", "from")):
            found.extend(mentions.phrase_actors(token))
        for obj in object_tokens(complement):
            for token in prep_objects(obj, ("with", "to", "against", "on", "for", "between")):
                found.extend(mentions.phrase_actors(token))
        return found

    def _from_light_verb(self, verb: Token, mentions: MentionIndex, used_nouns: set[int]) -> Candidate | None:
        """'held talks with', 'launched an attack on', 'provided support to', and phrasal
        light verbs: 'engaged in fighting', 'took part in talks with'."""
        nouns = object_tokens(verb) if self.lexicon.is_light_verb(verb.lemma_.lower()) else []
        phrasal = self._phrasal_light_nouns(verb)
        for obj in [*nouns, *phrasal]:
            rules = self.lexicon.noun_rules(obj.lemma_.lower())
            if not rules:
                continue
            rule = rules[0]
            used_nouns.add(obj.i)
            actors, _ = voice_roles(verb, mentions, objects_receive=False)
            if obj in phrasal and is_passive(verb) and not agent_tokens(verb):
                # "forces were engaged in fighting": a state, not a passive; its subject acts
                actors = mentions.actors_of(passive_subject_tokens(verb))
            preps = tuple(rule.recipient_preps) + (RECIPROCAL_PREPS if self.lexicon.is_reciprocal(rule) else ())
            recipients = _noun_recipients(obj, preps, mentions)
            recipients += [a for t in prep_objects(verb, preps) for a in mentions.phrase_actors(t)]
            recipients += [a for t in verb.children if t.dep_ == "dative" for a in mentions.phrase_actors(t)]
            if not recipients and rule.type in CLAUSE_RECIPIENT_TYPES:
                recipients = _noun_clause_recipients(obj, mentions)
            return self._candidate(rule, obj, actors, recipients, verb, [verb])
        return None

    def _phrasal_light_nouns(self, verb: Token) -> list[Token]:
        """Nouns after a phrasal light verb of the lexicon ("engage in", "take part in"):
        the objects of an "in"-like preposition on the verb or on its object."""
        lemma = verb.lemma_.lower()
        found: list[Token] = []
        heads = [(verb, lemma), *((o, f"{lemma} {o.lemma_.lower()}") for o in object_tokens(verb))]
        for head, words in heads:
            for prep in (c for c in head.children if c.dep_ == "prep"):
                if self.lexicon.is_light_verb(f"{words} {prep.lower_}"):
                    found += [p for p in prep.children if p.dep_ == "pobj"]
        if not found:  # "took part in": the parser may hang "in" on the verb, not on "part"
            for obj in object_tokens(verb):
                for prep in (c for c in verb.children if c.dep_ == "prep"):
                    if self.lexicon.is_light_verb(f"{lemma} {obj.lemma_.lower()} {prep.lower_}"):
                        found += [p for p in prep.children if p.dep_ == "pobj"]
        return found

    # -- nouns ----------------------------------------------------------------

    def _from_noun(self, noun: Token, mentions: MentionIndex) -> Candidate | Rejection | None:
        rules = self.lexicon.noun_rules(noun.lemma_.lower())
        if not rules or mentions.at(noun):
            return None
        rule: NounRule = rules[0]
        actors: list[ActorRef] = []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                actors.extend(mentions.phrase_actors(child))
        for token in prep_objects(noun, tuple(rule.actor_preps) + ("by",)):
            actors.extend(mentions.phrase_actors(token))
        preps = tuple(rule.recipient_preps) + (RECIPROCAL_PREPS if self.lexicon.is_reciprocal(rule) else ())
        recipients = _noun_recipients(noun, preps, mentions)
        if not recipients and rule.type in CLAUSE_RECIPIENT_TYPES:
            recipients = _noun_clause_recipients(noun, mentions)
        if not actors and noun.dep_ in {"nsubj", "nsubjpass"}:
            return None  # "Talks resumed" names no actor: nothing to code
        clause_head = noun.head if noun.head.pos_ in {"VERB", "AUX"} else noun
        # "accused Russia of arming the Taliban" is handled on the verb; here only the noun.
        return self._candidate(rule, noun, actors, recipients, clause_head)


def _noun_recipients(noun: Token, preps: tuple[str, ...], mentions: MentionIndex) -> list[ActorRef]:
    """Recipients in an event noun's prepositional phrases ("talks with Kabul"), or on its
    "of" object when it has none ("the withdrawal of forces from Panama")."""
    found = [a for t in prep_objects(noun, preps) for a in mentions.phrase_actors(t)]
    if not found:
        for inner in prep_objects(noun, ("of",)):
            found += [a for t in prep_objects(inner, preps) for a in mentions.phrase_actors(t)]
    return found


def _noun_clause_recipients(noun: Token, mentions: MentionIndex) -> list[ActorRef]:
    """The subject of a demand or accusation noun's that-clause: "its demand that Morocco
    lift the restrictions", "reiterated its demand today that ..." (on the verb)."""
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp"}]
    if noun.dep_ in {"dobj", "obj"}:
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
    return [a for clause in clauses for a in mentions.actors_of(subject_tokens(clause))]


def _place_recipients(candidate: Candidate, mentions: MentionIndex) -> list[ActorRef]:
    """The state of the place an event is done to, from an "in" phrase on the trigger,
    its clause head or its object ("imposed a curfew in the town of Cizre")."""
    heads = [candidate.trigger, candidate.clause_head, *candidate.extra_trigger_tokens]
    heads += [o for h in list(heads) for o in object_tokens(h)]
    return _places_on(heads, mentions)


def _places_on(heads: list[Token], mentions: MentionIndex) -> list[ActorRef]:
    """The first place named by an "in"/"into" phrase on one of these tokens, as its state."""
    for head in dict.fromkeys(heads):
        for token in prep_objects(head, PLACE_PREPS):
            found = mentions.at(token) or mentions.place(token)
            if found:
                return found
    return []


# A threat's target is often whoever must meet its condition: "threatened to walk out
# of the talks if Washington deploys the missiles", "... unless Baghdad accepts".
CONDITION_MARKS = frozenset({"if", "unless", "until"})


def _condition_recipients(candidate: Candidate, mentions: MentionIndex) -> list[ActorRef]:
    """The subject of an "if"/"unless" clause on the threat or on its threatened deed."""
    heads = [candidate.trigger, candidate.clause_head, *candidate.extra_trigger_tokens]
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "xcomp"]
    for head in dict.fromkeys(heads):
        for clause in head.children:
            if clause.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
                continue
            found = mentions.actors_of(subject_tokens(clause))
            if found:
                return found
    return []


# Sectors of mentions that report a story rather than take part in it.
REPORTER_SECTORS = frozenset({"MED", "JRN"})


# Prepositions that name whom or what a deed is aimed at ("fired on the crowd", "a
# campaign against the reforms"): evidence that the text names a target. ("at" and
# "with" are left out: "attacked at dawn", "attacked with machetes".)
TARGET_PREPS = ("against", "on", "to", "from", "upon", "into")


def _domestic_target(candidate: Candidate, mentions: MentionIndex, sector: str,
                     needs_target_phrase: bool, material: bool, places: PlaceResolver | None,
                     lexicon: Lexicon | None = None) -> list[ActorRef]:
    """The implied recipient of a domestic event: the actors' own state, in `sector`.

    Only when every actor belongs to one country and the sentence names no actor,
    place or nationality of another, its reporting outlet aside (then nothing says the
    deed crosses a border; the gazetteer knows provinces the actor step does not, "in
    Nangarhar's Achin district"). A government or
    state itself gets no implied target for a government (GOV) target or for a verbal
    or cooperative deed (`material` False): "the US refused to attend the meetings",
    "Kabul has relented" have a target the text leaves out, not themselves; its forces'
    material deeds on people at home do ("the government's troops beat villagers"). For
    a type that needs a recipient, the text must also name a target that is no known
    actor and not the event's own noun ("killed three villagers", not "the strike was
    approved"), so a deed with no target at all ("the army attacked") stays uncoded.
    """
    countries = {a.country for a in candidate.actors}
    if len(countries) != 1 or None in countries:
        return []
    if (sector == "GOV" or not material) and any(_is_official(a) for a in candidate.actors):
        return []
    country = next(iter(countries))
    sent = candidate.trigger.sent
    # who reports it places nothing: an outlet or the subject of a reporting verb ("the
    # Czechoslovak news agency reported", "US officials said"), unless the deed is theirs
    reporters = {t.i for t in sent if any(r.sector in REPORTER_SECTORS for r in mentions.at(t))}
    if lexicon is not None:
        for verb in sent:
            if verb.pos_ in {"VERB", "AUX"} and lexicon.speech_verb(verb.lemma_.lower()) is not None:
                for subject in subject_tokens(verb):
                    words = {t.i for t in subject.subtree}
                    if candidate.trigger.i not in words:
                        reporters |= words
    reporting = [ref for i in reporters for ref in mentions.at(sent.doc[i])]
    named = {ref.country for ref in mentions.in_span(sent) if ref not in reporting}
    named |= {ref.country for token in sent
              if token.i not in reporters and (token.ent_type_ in {"GPE", "LOC", "NORP"} or token.pos_ == "PROPN")
              for ref in mentions.place(token)}
    if places is not None:
        named |= places.countries_named(sent, skip=reporters)
    if named - {country, None}:
        return []
    if candidate.recipients:
        # "beat dozens of villagers": people the text names but does not place are the
        # country's own; they keep their words and sector
        return [replace(r, country=country, how=f"{r.how}+implied-domestic") for r in candidate.recipients]
    if needs_target_phrase and not _names_a_target(candidate):
        return []
    return [ActorRef(text="", name=_country_name(country), actor_id=country, country=country, sector=sector,
                     kind="state", how="implied-domestic")]


def _names_a_target(candidate: Candidate) -> bool:
    """Whether the trigger's clause has an object, a passive subject or a target phrase."""
    heads = [candidate.trigger, *candidate.extra_trigger_tokens]
    if candidate.clause_head.i != candidate.trigger.i:
        heads.append(candidate.clause_head)
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "xcomp"]  # "threatened to boycott the vote"
    own = {candidate.trigger.i, *(t.i for t in candidate.extra_trigger_tokens)}  # "the strike was approved"
    for head in heads:
        if any(t.i not in own for t in object_tokens(head)):
            return True
        if any(t.ent_type_ not in {"DATE", "TIME"} for t in prep_objects(head, TARGET_PREPS)):
            return True
        if is_passive(head) and any(c.dep_ in {"nsubjpass", "nsubj"} and c.i not in own for c in head.children):
            return True
    return False


def _country_name(code: str) -> str:
    """A readable name for an ISO 3166 alpha-3 code (the code itself if pycountry lacks it)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _purpose_recipients(candidate: Candidate, mentions: MentionIndex) -> list[ActorRef]:
    """Whom a demonstration is against, from its purpose: a "to protest X" clause or an
    "in protest against X" phrase on the trigger, its clause head or its object. The
    owner of what is protested receives ("Sweden's decision", "violations by the army")."""
    heads = [candidate.trigger, candidate.clause_head, *candidate.extra_trigger_tokens]
    heads += [o for h in list(heads) for o in object_tokens(h)]
    for head in dict.fromkeys(heads):
        for child in head.children:
            purpose: Token | None = None
            if child.dep_ in {"advcl", "xcomp", "acl"} and child.lemma_.lower() in PURPOSE_LEMMAS:
                purpose = child
            elif child.dep_ == "prep" and child.lower_ == "in":
                purpose = next((p for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() in PURPOSE_NOUNS), None)
            if purpose is None:
                continue
            found = [a for t in object_tokens(purpose) for a in mentions.phrase_actors(t)]
            found += [a for t in prep_objects(purpose, PURPOSE_PREPS) for a in mentions.phrase_actors(t)]
            if found:
                return found
    return []


def _rank_embedded(candidates: list[Candidate]) -> None:
    """Lower the confidence of an event that sits inside another event's clause.

    "Security forces tortured refugees, whom authorities blame for ...", "Serbia lodged
    a protest, charging its neighbour with supporting dissidents": the embedded event
    (a relative clause, an adverbial or participial clause, a noun's complement) is
    background to the one whose clause holds it, and its roles rest on inheritance and
    coreference, so it ranks below.
    """
    heads = [c.clause_head for c in candidates]
    for candidate in candidates:
        inside = [a for a in candidate.clause_head.ancestors]
        if any(other.i != candidate.clause_head.i and other in inside for other in heads):
            candidate.confidence = max(0.05, candidate.confidence - EMBEDDED_PENALTY)


def _reported_verb(root: Token, lexicon: Lexicon) -> Token | None:
    """The verb of the clause a reporting verb reports ("X captured ..., police said"), or None."""
    if lexicon.speech_verb(root.lemma_.lower()) is None:
        return None
    return next((c for c in root.children if c.dep_ in {"ccomp", "parataxis"} and c.pos_ in {"VERB", "AUX"}), None)


# Nouns naming a share or a group of their "of" object: "suspended part of an aid
# programme", "captured much of the town", "received a mission of observers", "holding
# thousands of refugees" act on the programme, the town, the observers, the refugees.
PARTITIVE_NOUNS = frozenset({
    "part", "parts", "portion", "share", "most", "much", "some", "half", "all", "rest", "remainder", "bulk",
    "section", "sections", "chunk", "mission", "team", "group", "delegation", "contingent", "unit", "batch",
    "number", "dozens", "hundreds", "thousands", "scores", "millions", "dozen", "hundred", "thousand",
})


def _object_words(obj: Token) -> set[str]:
    """The words an object rule may match: the object's lemma and its title compounds
    ("released opposition leader Ahmed Said": leader)."""
    return {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")}


def _partitive_object(obj: Token) -> Token | None:
    """The object inside a partitive ("part of a stronghold" -> stronghold), or None."""
    if obj.lemma_.lower() not in PARTITIVE_NOUNS and obj.lower_ not in PARTITIVE_NOUNS:
        return None
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            inner = next((g for g in child.children if g.dep_ == "pobj"), None)
            if inner is not None:
                return inner
    return None


def _complement(verb: Token) -> Token | None:
    """The open complement of a verb: "refused [to continue]", "decided [to attack]"."""
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.pos_ in {"VERB", "AUX"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return child
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return child
    return None


def _is_official(ref: ActorRef) -> bool:
    """A state as a whole or one of its government organs, not its people: "Pakistan" and
    "Islamabad" are official, a bare plural demonym ("Palestinians") is not."""
    if ref.sector == "GOV":
        return True
    return ref.kind in {"state", "igo"} and ref.sector in {None, "IGO"} and not ref.how.startswith("demonym")


def _key(ref: ActorRef) -> tuple:
    return (ref.actor_id or ref.name, ref.country)
