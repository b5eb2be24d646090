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
from eirene.events.candidate import Candidate, Rejection
from eirene.events.lexicon import Lexicon, NounRule, VerbRule
from eirene.events.clause import in_condition, under_blocked_cause
from eirene.events.rebuttal import rebuttal
from eirene.events.recipients import (
    aims_at_a_thing,
    between_parties,
    condition_recipients,
    domestic_target,
    is_official,
    noun_clause_recipients,
    noun_recipients,
    place_recipients,
    places_on,
    purpose_clause_tokens,
    purpose_recipients,
    with_conjuncts,
    without_self_loops,
)
from eirene.events.where import PlaceResolver
from eirene.records import ActorRef

# How sure a demand read off a reported "must"/"should" is when no rule typed the deed.
OBLIGATION_CONFIDENCE = 0.55
# How much less sure an event is when its recipient is implied, not named.
IMPLIED_TARGET_PENALTY = 0.15
# How much less sure an event is when it sits inside another event's clause.
EMBEDDED_PENALTY = 0.2


class DyadExtractor:
    """Finds event candidates in one sentence, given the lexicon and the actor mentions."""

    def __init__(self, lexicon: Lexicon, places: PlaceResolver | None = None) -> None:
        """lexicon: the rules, and per type (plover.yaml) which recipients it may imply.
        places: the gazetteer that tells which countries a sentence's places lie in
        (provinces too)."""
        self.lexicon = lexicon
        self.roles = lexicon.roles
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
            denial = rebuttal(token, mentions, self.lexicon, coded)
            if denial is not None:
                self._keep(denial, candidates, rejections, mentions)
        _rank_embedded(candidates)
        return candidates, rejections

    def _reported_obligation(self, verb: Token, mentions: MentionIndex, coded: set[int]) -> Candidate | None:
        """"The Red Cross said US forces must ensure security": a reported obligation is a
        demand by the speaker of the clause's subject (PLOVER REQUEST), whatever the deed.
        Deeds the lexicon types are retyped this way by eirene.events.intent; this covers
        the clauses no rule coded."""
        demand = self.lexicon.intent.coded_as.get("obligation")
        if demand is None or verb.pos_ not in {"VERB", "AUX"} or self.lexicon.speech_verb(verb.lemma_.lower()) is None:
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
                    trigger=clause, event_type=demand, rule_id="request.reported_obligation",
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
            if child.dep_ == "prep" and child.lower_ not in self.roles.circumstance_preps:
                recipients += [a for t in child.children if t.dep_ == "pobj" for a in mentions.phrase_actors(t)]
        if not recipients:
            # the nearest other actor after the main verb ("... attack in Balochistan on Pakistan"),
            # not, for a cooperative deed, one its purpose names ("cooperated to counter ISIS")
            info = self.lexicon.type_info(event_type)
            cooperative = info.quad_class in (1, 2) and not info.purpose_recipient
            purpose = purpose_clause_tokens(root) if cooperative else set()
            nearest = [m for m in mentions.in_span(sent[root.i - sent.start:])
                       if m not in actors and not any(t.i in purpose for t in mentions.tokens_of(m))][:1]
            recipients = with_conjuncts(nearest, mentions)
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
        """Add `found` to `candidates`, with its implied recipients, or to `rejections`."""
        if isinstance(found, Rejection):
            rejections.append(found)
            return
        if in_condition(found.trigger, self.lexicon.cues.condition_marks):
            rejections.append(Rejection(found.trigger, found.event_type, "inside a condition (if, unless): no happening"))
            return
        cues = self.lexicon.cues
        if under_blocked_cause(found.trigger, cues.causative_verbs, cues.hypothetical_modals):
            rejections.append(Rejection(found.trigger, found.event_type, "not let or made to happen: no happening"))
            return
        self._official_retype(found)
        if mentions is not None:
            self._armed_recipient_retype(found, mentions)
        found.actors = dedupe(found.actors)
        found.recipients = dedupe(found.recipients)
        if not found.actors:
            rejections.append(Rejection(found.trigger, found.event_type, "no actor found for the trigger"))
            return
        if not found.recipients and found.reciprocal and len(found.actors) > 1:
            found.recipients = list(found.actors)
        found.recipients = without_self_loops(found.actors, found.recipients, found.reciprocal)
        if mentions is not None:
            self._implied_recipients(found, mentions)
        if not found.recipients and self.lexicon.type_info(found.event_type).needs_recipient:
            rejections.append(
                Rejection(found.trigger, found.event_type, f"{found.event_type} needs a recipient and none was found")
            )
            return
        candidates.append(found)

    def _official_retype(self, found: Candidate) -> None:
        """A type's `official_type` when every actor is official and the deed is not
        announced: a government "protesting" an act through diplomatic channels accuses
        (an announced one, "said they would boycott all contact", is a threat: see intent)."""
        official = self.lexicon.type_info(found.event_type).official_type
        if official is None or not found.actors or not all(is_official(a) for a in found.actors):
            return
        if any(c.dep_ == "aux" and c.lower_ in self.lexicon.intent.announcing_aux for c in found.clause_head.children):
            return
        found.event_type = official
        found.mode = self.lexicon.canonical_mode(official, found.mode)
        found.rule_id = f"{found.rule_id}+official"

    def _armed_recipient_retype(self, found: Candidate, mentions: MentionIndex) -> None:
        """Support of an armed group is material: "Pakistani support for the insurgents",
        "has long backed the rebels" are AID (the type's `armed_recipient_type`; the words
        and sectors in roles.yaml). Not support voiced ("expressed support for", a light
        verb) nor support of a thing the group owns ("support for the Taliban's offer")."""
        armed_type = self.lexicon.type_info(found.event_type).armed_recipient_type
        trigger = found.trigger
        if armed_type is None or trigger.lemma_.lower() not in self.roles.armed_support_words \
                or found.extra_trigger_tokens:
            return
        direct = [t for t in trigger.children if t.dep_ in {"dobj", "obj"}]
        direct += [t for p in trigger.children if p.dep_ == "prep" for t in p.children if t.dep_ == "pobj"]
        if not any(mentions.at(t) for t in direct):
            return
        if found.recipients and all(r.sector in self.roles.armed_sectors for r in found.recipients):
            found.event_type = armed_type
            found.mode = self.lexicon.canonical_mode(armed_type, found.mode)
            found.rule_id = f"{found.rule_id}+armed-recipient"

    def _implied_recipients(self, found: Candidate, mentions: MentionIndex) -> None:
        """Recipients the trigger's own phrases do not name, as the type allows (plover.yaml)."""
        info = self.lexicon.type_info(found.event_type)
        if info.purpose_recipient and not found.recipients:
            found.recipients = purpose_recipients(found, mentions, self.roles)
        if info.condition_recipient and not found.recipients:
            found.recipients = condition_recipients(found, mentions, self.roles)
        if info.place_recipient and not any(r.country for r in found.recipients):
            # a government's curfew on its own town is still done to that town
            found.recipients = found.recipients + place_recipients(found, mentions, self.roles)
        sector = info.domestic_target
        if sector and not any(r.country for r in found.recipients):
            implied = domestic_target(found, mentions, sector, self.lexicon, self.places)
            if implied:
                found.recipients = implied
                found.confidence = max(0.05, found.confidence - IMPLIED_TARGET_PENALTY)

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
        if not recipients and obj is not None and rule.object_lemmas and rule.object_is_recipient:
            recipients = mentions.place(obj)  # "seized the northern city of Kunduz": its state
        info = self.lexicon.type_info(rule.type)
        if behaviour == "control" and complement is not None:
            # "refused to continue talks with Kabul": the recipient sits in the complement.
            if not recipients:
                recipients = self._complement_recipients(complement, mentions)
            if not recipients and info.complement_place_recipient:
                # "threatened to impose a curfew in Algiers": the threatened place
                recipients = places_on([complement, *object_tokens(complement)], mentions, self.roles)
        if not recipients and info.clause_recipient:
            recipients = _clause_recipients(verb, rule, mentions)
        particle = [c for c in verb.children if c.dep_ == "prt"]
        extra = particle + ([obj] if obj is not None and rule.object_lemmas else [])
        candidate = self._candidate(rule, verb, actors, recipients, verb, extra)
        if candidate.reciprocal and rule.object_is_recipient and aims_at_a_thing(verb, extra, recipients):
            candidate.reciprocal = False  # "Russia and Afghanistan fight terrorism": not each other
        return candidate

    def _verb_rule(self, verb: Token) -> tuple[VerbRule | None, Token | None]:
        """The most specific rule for this verb: object-restricted and particle rules first."""
        lemma = verb.lemma_.lower()
        rules = self.lexicon.verb_rules(lemma)
        if not rules:
            return None, None
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        particles |= {c.lower_ for c in verb.children if c.dep_ in {"prep", "advmod"} and c.i == verb.i + 1 and c.lower_ in self.roles.particle_words}
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
                    inner = self._partitive_object(obj)
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
        preps = self._recipient_preps(rule)
        for token in prep_objects(verb, preps):
            # a place after one of the rule's recipient prepositions stands for its state
            # ("sought refuge in Turkey", "evacuated the wounded from the town of Gorazde")
            found = mentions.phrase_actors(token) or mentions.place(token)
            if not found:
                # "dispatched inspectors to the uranium plant in central Iran": the place of
                # the thing the deed is aimed at receives
                found = places_on([token], mentions, self.roles)
            recipients.extend(found)
        if not recipients:
            # "held talks with Kabul", "provided support to the Taliban": the prep hangs on the object.
            for obj in object_tokens(verb):
                # "launched artillery, mortar and rocket fire against the camps": the
                # phrase may hang on any of the coordinated objects
                inner = self._partitive_object(obj)  # "suspended part of its aid to Egypt"
                for part in (obj, *obj.conjuncts, *([inner] if inner is not None else [])):
                    for token in prep_objects(part, preps):
                        recipients.extend(mentions.phrase_actors(token))
        return actors, recipients

    def _complement_recipients(self, complement: Token, mentions: MentionIndex) -> list[ActorRef]:
        found: list[ActorRef] = []
        for obj in object_tokens(complement):
            found.extend(mentions.phrase_actors(obj))
        for token in prep_objects(complement, self.roles.complement_preps):
            # "refused to send negotiators to talks hosted by Qatar": the talks' host receives
            found.extend(mentions.phrase_actors(token) or _participle_agents(token, mentions))
        for obj in object_tokens(complement):
            for token in prep_objects(obj, self.roles.complement_object_preps):
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
            preps = self._recipient_preps(rule)
            recipients = noun_recipients(obj, preps, mentions)
            recipients += [a for t in prep_objects(verb, preps) for a in mentions.phrase_actors(t)]
            recipients += [a for t in verb.children if t.dep_ == "dative" for a in mentions.phrase_actors(t)]
            if not recipients and self.lexicon.type_info(rule.type).clause_recipient:
                recipients = noun_clause_recipients(obj, mentions)
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

    def _recipient_preps(self, rule: VerbRule | NounRule) -> tuple[str, ...]:
        """The rule's recipient prepositions, and for a reciprocal event those that name
        the other side ("talks with Kabul")."""
        reciprocal = tuple(self.roles.reciprocal_preps) if self.lexicon.is_reciprocal(rule) else ()
        return (*rule.recipient_preps, *reciprocal)

    def _partitive_object(self, obj: Token) -> Token | None:
        """The object inside a partitive ("part of a stronghold" -> stronghold), or None."""
        partitives = self.roles.partitive_nouns
        if obj.lemma_.lower() not in partitives and obj.lower_ not in partitives:
            return None
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                inner = next((g for g in child.children if g.dep_ == "pobj"), None)
                if inner is not None:
                    return inner
        return None

    # -- nouns ----------------------------------------------------------------

    def _from_noun(self, noun: Token, mentions: MentionIndex) -> Candidate | Rejection | None:
        rules = self.lexicon.noun_rules(noun.lemma_.lower())
        if not rules or mentions.at(noun):
            return None
        rule: NounRule = rules[0]
        actors: list[ActorRef] = []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                actors.extend(mentions.phrase_actors(child) or mentions.modifier_actors(child))
        for token in prep_objects(noun, (*rule.actor_preps, *self.roles.agent_preps)):
            actors.extend(mentions.phrase_actors(token))
        recipients = noun_recipients(noun, self._recipient_preps(rule), mentions)
        if not recipients and self.lexicon.type_info(rule.type).clause_recipient:
            recipients = noun_clause_recipients(noun, mentions)
        if not actors and self.lexicon.is_reciprocal(rule):
            actors = between_parties(noun, mentions)  # "talks between Kabul and the Taliban"
            recipients = list(actors) if actors else recipients
        if not actors and noun.dep_ in {"nsubj", "nsubjpass"}:
            return None  # "Talks resumed" names no actor: nothing to code
        clause_head = noun.head if noun.head.pos_ in {"VERB", "AUX"} else noun
        # "accused Russia of arming the Taliban" is handled on the verb; here only the noun.
        return self._candidate(rule, noun, actors, recipients, clause_head)


def _clause_recipients(verb: Token, rule: VerbRule, mentions: MentionIndex) -> list[ActorRef]:
    """Whom a demand or accusation is made of: the subject of its that-clause ("demanded
    that Pakistan stop ...", "charged that Islamabad sheltered ..."), else, when the
    object is not the recipient, whoever owes the demanded thing ("demanded an apology
    from Moscow", "demanded Israel's withdrawal")."""
    recipients: list[ActorRef] = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        for token in subject_tokens(clause):
            recipients.extend(mentions.phrase_actors(token))
    if not recipients and not rule.object_is_recipient:
        recipients = [a for o in object_tokens(verb) for a in mentions.owners(o)]
    return recipients


def _participle_agents(noun: Token, mentions: MentionIndex) -> list[ActorRef]:
    """Who a participle on the noun names as its doer: "talks [promoted by] the group"."""
    return [a for acl in noun.children if acl.dep_ == "acl" for t in agent_tokens(acl) for a in mentions.phrase_actors(t)]


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


def _object_words(obj: Token) -> set[str]:
    """The words an object rule may match: the object's lemma and its title compounds
    ("released opposition leader Ahmed Said": leader)."""
    return {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")}


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


def _key(ref: ActorRef) -> tuple:
    return (ref.actor_id or ref.name, ref.country)
