"""Who receives an event when the trigger's own phrases name nobody: the recipient rules.

Why a module of its own: each rule reads one construction ("a curfew in Algiers", "to
protest Sweden's decision", "unless Baghdad accepts", "demanded that Pakistan stop", an
implied domestic target), and which types use which is data (plover.yaml, per type);
the words each rule reads by are the lexicon's `roles` (roles.yaml).
"""

from __future__ import annotations

from dataclasses import replace

import pycountry
from spacy.tokens import Span, Token

from eirene.events.arguments import MentionIndex, dedupe, is_passive, object_tokens, prep_objects, subject_tokens
from eirene.events.candidate import Candidate
from eirene.events.lexicon import Lexicon, RoleCues
from eirene.events.where import PlaceResolver
from eirene.records import ActorRef


def is_official(ref: ActorRef) -> bool:
    """A state as a whole or one of its government organs, not its people: "Pakistan" and
    "Islamabad" are official, a bare plural demonym ("Palestinians") is not."""
    if ref.sector == "GOV":
        return True
    return ref.kind in {"state", "igo"} and ref.sector in {None, "IGO"} and not ref.how.startswith("demonym")


def without_self_loops(actors: list[ActorRef], recipients: list[ActorRef], reciprocal: bool) -> list[ActorRef]:
    """The recipients that are not the actors themselves.

    The same actor on both sides ("Pakistan ... Pakistan") is no dyad, and co-actors of
    one deed ("Russia and Afghanistan share the aim of ...") are not each other's
    recipients unless the event is reciprocal ("Russia and Pakistan held talks"). A state
    acting on one of its own organs ("Serbia is investigating abuses by Serbian police")
    is a dyad (the sector differs), and a place is a target even in the actor's own
    country.
    """
    if reciprocal and len(actors) > 1:
        return recipients
    actor_keys = {(a.actor_id or a.name, a.country, a.sector) for a in actors}
    return [r for r in recipients if r.how == "place" or (r.actor_id or r.name, r.country, r.sector) not in actor_keys]


def aims_at_a_thing(verb: Token, own: list[Token], recipients: list[ActorRef]) -> bool:
    """Whether a verb whose object would receive has an object that names no recipient:
    "Russia and Afghanistan fight terrorism", "agreed on fighting drug trafficking" aim at
    a thing, so the co-actors are not each other's recipients."""
    own_ids = {t.i for t in own}
    return not recipients and any(o.i not in own_ids for o in object_tokens(verb))


def noun_recipients(noun: Token, preps: tuple[str, ...], mentions: MentionIndex) -> list[ActorRef]:
    """Recipients in an event noun's prepositional phrases ("talks with Kabul"), or on its
    "of" object when it has none ("the withdrawal of forces from Panama")."""
    found = [a for t in prep_objects(noun, preps) for a in mentions.phrase_actors(t)]
    if not found:
        for inner in prep_objects(noun, ("of",)):
            found += [a for t in prep_objects(inner, preps) for a in mentions.phrase_actors(t)]
    return found


def between_parties(noun: Token, mentions: MentionIndex) -> list[ActorRef]:
    """The parties of a reciprocal event noun's "between" phrase when there are two or more
    ("talks between Kabul and the Taliban", "clashes between" ...): PLOVER codes every party
    of a reciprocal event as an actor, so they are the actors, not recipients of nobody."""
    parties = dedupe([a for t in prep_objects(noun, ("between",)) for a in mentions.phrase_actors(t)])
    return parties if len(parties) > 1 else []


def noun_clause_recipients(noun: Token, mentions: MentionIndex) -> list[ActorRef]:
    """The subject of a demand or accusation noun's that-clause: "its demand that Morocco
    lift the restrictions", "reiterated its demand today that ..." (on the verb)."""
    clauses = [c for c in noun.children if c.dep_ in {"acl", "ccomp"}]
    if noun.dep_ in {"dobj", "obj"}:
        clauses += [c for c in noun.head.children if c.dep_ == "ccomp" and c.i > noun.i]
    return [a for clause in clauses for a in mentions.actors_of(subject_tokens(clause))]


def place_recipients(candidate: Candidate, mentions: MentionIndex, roles: RoleCues) -> list[ActorRef]:
    """The state of the place an event is done to, from an "in" phrase on the trigger,
    its clause head or its object ("imposed a curfew in the town of Cizre")."""
    heads = candidate.heads()
    heads += [o for h in list(heads) for o in object_tokens(h)]
    return places_on(heads, mentions, roles)


def places_on(heads: list[Token], mentions: MentionIndex, roles: RoleCues) -> list[ActorRef]:
    """The first place named by an "in"/"into" phrase on one of these tokens, as its state."""
    for head in dict.fromkeys(heads):
        for token in prep_objects(head, roles.place_preps):
            found = mentions.at(token) or mentions.place(token)
            if found:
                return found
    return []


def condition_recipients(candidate: Candidate, mentions: MentionIndex, roles: RoleCues) -> list[ActorRef]:
    """The subject of an "if"/"unless" clause on the threat or on its threatened deed."""
    heads = candidate.heads()
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "xcomp"]
    for head in dict.fromkeys(heads):
        for clause in head.children:
            if clause.dep_ != "advcl" or not any(
                    m.dep_ == "mark" and m.lower_ in roles.target_condition_marks for m in clause.children):
                continue
            found = mentions.actors_of(subject_tokens(clause))
            if found:
                return found
    return []


def purpose_recipients(candidate: Candidate, mentions: MentionIndex, roles: RoleCues) -> list[ActorRef]:
    """Whom a demonstration is against, from its purpose: a "to protest X" clause, a
    clause whose object is a purpose noun ("to show their anger at X") or an "in protest
    against X" phrase on the trigger, its clause head or its object. The
    owner of what is protested receives ("Sweden's decision", "violations by the army")."""
    heads = candidate.heads()
    heads += [o for h in list(heads) for o in object_tokens(h)]
    for head in dict.fromkeys(heads):
        for child in head.children:
            purposes = _purposes(child, roles)
            targets = [t for p in purposes for t in (*object_tokens(p), *prep_objects(p, roles.purpose_preps))
                       if t not in purposes]  # "their anger": the angry are not its target
            found = [a for t in targets for a in mentions.phrase_actors(t)]
            if found:
                return found
    return []


def _purposes(child: Token, roles: RoleCues) -> list[Token]:
    """The words of a purpose dependent whose objects name what is opposed: the verb of
    "to protest X"; the noun and verb of "to show their anger at X" (the parser hangs
    "at X" on either); the noun of "in protest against X"."""
    if child.dep_ in {"advcl", "xcomp", "acl"}:
        if child.lemma_.lower() in roles.purpose_verbs:
            return [child]
        nouns = [o for o in object_tokens(child) if o.lemma_.lower() in roles.purpose_nouns]
        return [*nouns, child] if nouns else []
    if child.dep_ == "prep" and child.lower_ == "in":
        return [p for p in child.children if p.dep_ == "pobj" and p.lemma_.lower() in roles.purpose_nouns][:1]
    return []


def with_conjuncts(refs: list[ActorRef], mentions: MentionIndex) -> list[ActorRef]:
    """These mentions and the actors coordinated with them: "against the United States
    and Britain" gives both, not only the first."""
    found = list(refs)
    for ref in refs:
        tokens = mentions.tokens_of(ref)
        heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
        for head in heads:
            found += [a for a in mentions.phrase_actors(head) if a not in found]
    return found


def purpose_clause_tokens(verb: Token) -> set[int]:
    """The tokens of a verb's purpose clauses: "cooperated [to counter ISIS]", "worked
    together [fighting terrorism]", "[in order to] ..." (a "to" or "-ing" adverbial)."""
    found: set[int] = set()
    for clause in verb.children:
        if clause.dep_ != "advcl":
            continue
        if clause.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            found |= {t.i for t in clause.subtree}
    return found


def domestic_target(candidate: Candidate, mentions: MentionIndex, sector: str, lexicon: Lexicon,
                    places: PlaceResolver | None) -> list[ActorRef]:
    """The implied recipient of a domestic event: the actors' own state, in `sector`.

    Only when every actor belongs to one country and the sentence names no actor,
    place or nationality of another, its reporting outlet aside (then nothing says the
    deed crosses a border; the gazetteer knows provinces the actor step does not, "in
    Nangarhar's Achin district"). A government or
    state itself gets no implied target for a government (GOV) target or for a verbal
    or cooperative deed (not quad class 4): "the US refused to attend the meetings",
    "Kabul has relented" have a target the text leaves out, not themselves; its forces'
    material deeds on people at home do ("the government's troops beat villagers"). For
    a type that needs a recipient, the text must also name a target that is no known
    actor and not the event's own noun ("killed three villagers", not "the strike was
    approved"), so a deed with no target at all ("the army attacked") stays uncoded.
    """
    countries = {a.country for a in candidate.actors}
    if len(countries) != 1 or None in countries:
        return []
    info = lexicon.type_info(candidate.event_type)
    if (sector == "GOV" or info.quad_class != 4) and any(is_official(a) for a in candidate.actors):
        return []
    country = next(iter(countries))
    if _foreign_named(candidate, mentions, lexicon, places) - {country, None}:
        return []
    if candidate.recipients:
        # "beat dozens of villagers": people the text names but does not place are the
        # country's own; they keep their words and sector
        return [replace(r, country=country, how=f"{r.how}+implied-domestic") for r in candidate.recipients]
    if info.needs_recipient and not names_a_target(candidate, lexicon.roles):
        return []
    return [ActorRef(text="", name=country_name(country), actor_id=country, country=country, sector=sector,
                     kind="state", how="implied-domestic")]


def _foreign_named(candidate: Candidate, mentions: MentionIndex, lexicon: Lexicon,
                   places: PlaceResolver | None) -> set[str | None]:
    """The countries the event's sentence names, who reports it aside: an outlet or the
    subject of a reporting verb ("the Czechoslovak news agency reported", "US officials
    said"), unless the deed is theirs."""
    sent: Span = candidate.trigger.sent
    reporters = {t.i for t in sent if any(r.sector in lexicon.roles.reporter_sectors for r in mentions.at(t))}
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
    return named


def names_a_target(candidate: Candidate, roles: RoleCues) -> bool:
    """Whether the trigger's clause has an object, a passive subject or a target phrase."""
    heads = [candidate.trigger, *candidate.extra_trigger_tokens]
    if candidate.clause_head.i != candidate.trigger.i:
        heads.append(candidate.clause_head)
    heads += [c for h in list(heads) for c in h.children if c.dep_ == "xcomp"]  # "threatened to boycott the vote"
    own = {candidate.trigger.i, *(t.i for t in candidate.extra_trigger_tokens)}  # "the strike was approved"
    for head in heads:
        if any(t.i not in own for t in object_tokens(head)):
            return True
        if any(t.ent_type_ not in {"DATE", "TIME"} for t in prep_objects(head, roles.target_preps)):
            return True
        if is_passive(head) and any(c.dep_ in {"nsubjpass", "nsubj"} and c.i not in own for c in head.children):
            return True
    return False


def country_name(code: str) -> str:
    """A readable name for an ISO 3166 alpha-3 code (the code itself if pycountry lacks it)."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
