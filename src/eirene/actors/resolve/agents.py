"""Agent nouns and titles as the head of a phrase: "Pakistani troops", "Pakistan's
security establishment", "the president of Afghanistan", "militants", "Israel's militia
ally in southern Lebanon". The noun gives the sector; its owner (a demonym, a name, a
possessive, an "of" phrase, a city, a place after "in", or the one home the text names)
gives the country or is the actor itself.

Why a module of its own: owners are what agent nouns alone have; the rules for finding
and weighing them are most of the resolver's judgement.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eirene.actors.coref import Coded
from eirene.actors.grammar import Grammar
from eirene.actors.kb import KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Phrase
from eirene.actors.resolve.names import NameReader
from eirene.actors.resolve.places import PlaceReader
from eirene.actors.resolve.state import PLURAL_TAGS, Resolve, Result, State

# An owner and how the phrase names it: "possessive", "of", "place" or "name".
Owner = tuple[Coded, str]


class AgentReader:
    """Resolves phrases headed by an agent noun or a title with a sector.

    resolve (Resolve): resolves the phrases inside (a possessor, an "of" phrase).
    """

    def __init__(self, kb: KnowledgeBase, grammar: Grammar, matcher: ActorMatcher, names: NameReader,
                 places: PlaceReader, resolve: Resolve) -> None:
        self.kb, self.grammar, self.matcher = kb, grammar, matcher
        self.names, self.places, self.resolve = names, places, resolve

    def agent_head(self, phrase: Phrase, st: State, own: list[int], former: bool, sentence: int) -> Result:
        """The noun's sector with its owner's country, one actor per coordinated owner
        ("Russian and Chinese officials"), or a group of no known owner."""
        head = st.doc[phrase.head]
        sector, label = self._sector(phrase, st, own)
        if self._state_media(phrase, st, own, sector):
            # state media: the government first, the media second (PLOVER, CAMEO)
            return Result([replace(c, sector="GOV", secondary="JRN") for c in
                           self._agent_coded(phrase, st, own, former, sentence, "GOV", label).refs])
        return self._agent_coded(phrase, st, own, former, sentence, sector, label)

    def _agent_coded(self, phrase: Phrase, st: State, own: list[int], former: bool, sentence: int,
                     sector: str | None, label: str) -> Result:
        """The agent noun coded `sector`, with its owners' (or the text's) country."""
        head = st.doc[phrase.head]
        owners, end = self._owners(phrase, st, own)
        plural = head.tag_ in PLURAL_TAGS
        if owners:
            coordinated = [o for o in owners if o[1] == "name"]
            if len(coordinated) > 1 and self._coordinated(coordinated, st):
                # "Russian and Chinese officials": one actor per owner, each over its own words.
                return Result([self._owned(owner, sector, "name", (owner.start, owner.end), plural, former, st, head)
                               for owner, _ in coordinated])
            owner, via = owners[0]
            return Result([self._owned(owner, sector, via, (phrase.start, end), plural, former, st, head)])
        if sector is None:
            return Result(subs=self.inner_names(phrase, st, own))  # "supporters": nobody in particular
        country, how, end = self._unowned_country(phrase, st, own, sector, end)
        if former:
            sector = self.grammar.former_sector
        entry = self.kb.get(country) if country else None
        coded = Coded(
            phrase.start, end, entry.name if entry else label, entry.id if entry else None, country, sector,
            "state" if entry else "group", how, plural=plural, sentence=sentence,
        )
        return Result([coded])

    def _sector(self, phrase: Phrase, st: State, own: list[int]) -> tuple[str | None, str]:
        """The sector the head gives and the words it is known by: "the army spokesman"
        speaks for the army, "a paramilitary group" takes its modifier's sector."""
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        agent = m.agent(head.i)
        title = m.title(head.i)
        sector = agent.sector if agent is not None else (title.sector if title is not None else None)
        label = agent.text if agent is not None else (title.text.lower() if title is not None else head.lower_)
        # "the army spokesman", "the foreign ministry official": the owner's sector.
        if self._speaks_for_owner(head):
            inner = [a for a in (m.agent(i) for i in own if i < (agent.start if agent else head.i)) if a is not None]
            if inner and inner[-1].sector is not None:
                sector = inner[-1].sector
        if sector is None:
            # "a paramilitary group", "the military leadership": a noun without a sector
            # of its own takes the one of its modifiers
            for i in reversed([i for i in own if i < head.i]):
                modifier = m.agent(i)
                sector = modifier.sector if modifier is not None else (
                    self.kb.agent_sector(doc[i].lower_) if doc[i].pos_ in ("ADJ", "NOUN") else None)
                if sector is not None:
                    break
        return sector, label

    def _state_media(self, phrase: Phrase, st: State, own: list[int], sector: str | None) -> bool:
        """A news noun with a state word before it ("the official news agency", "state-run
        television" although the agent list already calls that GOV)."""
        if sector not in ("JRN", "GOV"):
            return False
        if not any(st.doc[i].lower_ in self.grammar.state_media_words for i in own if i < phrase.head):
            return False
        agent = st.matches.agent(phrase.head)
        words = st.doc[agent.start:agent.end] if agent is not None else ()
        return any(self.kb.agent_sector(words[k:].text) == "JRN" for k in range(len(words)))

    def _owners(self, phrase: Phrase, st: State, own: list[int]) -> tuple[list[Owner], int]:
        """Who owns the noun, in order of preference, and where the phrase ends (an "of"
        phrase that names the owner belongs to it)."""
        end = phrase.end
        owners: list[Owner] = []
        if phrase.possessor is not None:
            owners += [(c, "possessive") for c in self.resolve(phrase.possessor, st).refs]
        if not owners and phrase.of_phrase is not None:
            owners += self._of_owners(phrase.of_phrase, st)
            if owners:
                end = max(end, phrase.of_phrase.full_end)
        # "ethnic Albanian guerrillas" are not Albania's: an ethnic demonym owns nothing
        named = [(c, "name") for c in self.names.name_owners(own, st) if not self._ethnic(c, st)]
        if owners and named and all(o.country is None and o.actor_id is None for o, _ in owners):
            # "the Nigerian Union of Teachers": the teachers own no country, the demonym does
            owners = named
        if not owners:
            owners += named
        if not owners:
            place = self.places.place_owner(own, st)
            if place is not None:
                owners.append((place, "place"))
        return owners, end

    def _of_owners(self, of_phrase: Phrase, st: State) -> list[Owner]:
        """The actors of an "of" phrase, else its place: "the government of Sindh
        province", "a missionary from Calgary"."""
        refs = self.resolve(of_phrase, st).refs
        if refs:
            return [(c, "of") for c in refs]
        place = self.places.resolve_place(of_phrase, st)
        entry = self.kb.get(place) if place else None
        if entry is None:
            return []
        coded = self.names.coded((of_phrase.start, of_phrase.end), entry, entry.country, None, "place", st)
        return [(coded, "place")]

    def _unowned_country(self, phrase: Phrase, st: State, own: list[int], sector: str,
                         end: int) -> tuple[str | None, str, int]:
        """(country, how, end) of an agent noun no owner names: its place after "in", the
        place residents act in, or the one home the text names for a people or an
        organisation the knowledge base does not know."""
        head = st.doc[phrase.head]
        country = None
        how = "agent-noun"
        if phrase.in_phrase is not None and (sector not in self.grammar.foreign_prone_sectors
                                             or self._kin_states(own, st) is not None):
            # "Moslem forces in east Bosnia": the forces of a people are local even where
            # troops of a state would not be
            place = self.places.resolve_place(phrase.in_phrase, st)
            if place is not None:
                country, how, end = place, "agent-noun+place", max(end, phrase.in_phrase.full_end)
        if country is None and phrase.in_phrase is None and sector in self.grammar.resident_sectors \
                and head.lower_ not in self.grammar.visitor_nouns and head.lemma_.lower() not in self.grammar.visitor_nouns:
            # "people blocked streets in Hong Kong", "students marched in Dhaka": residents
            # act where they live
            place = self.places.clause_place(head, st)
            if place is not None:
                country, how = place, "agent-noun+clause-place"
        if country is None and sector not in self.grammar.international_sectors:
            # a people ("Tamil refugees", "ethnic Turks' leaders") or an organisation the
            # knowledge base does not know ("the Homeland Union", "the Umma party"): the
            # one country the text names as a home
            kin = self._kin_states(own, st)
            if kin is not None or self._unknown_name(phrase, st, own):
                country = self.names.home_country(st, exclude=kin or frozenset())
                if country is not None:
                    how = "agent-noun+document"
        return country, how, end

    def placed_relation(self, phrase: Phrase, st: State, own: list[int], sentence: int) -> Coded | None:
        """"Israel's militia ally in southern Lebanon", "Russia's partners in Syria": the
        other party, placed by the "in" phrase, is of that place; a sector noun among the
        modifiers gives its sector."""
        if phrase.in_phrase is None:
            return None
        country = self.places.resolve_place(phrase.in_phrase, st)
        entry = self.kb.get(country) if country else None
        if entry is None:
            return None
        sector = None
        for i in reversed([i for i in own if i < phrase.head]):
            agent = st.matches.agent(i)
            if agent is not None and agent.sector is not None:
                sector = agent.sector
                break
        head = st.doc[phrase.head]
        return Coded(phrase.start, phrase.in_phrase.full_end, entry.name, entry.id, country, sector or "UNK",
                     "state", "relation+place", plural=head.tag_ in PLURAL_TAGS, sentence=sentence)

    def inner_names(self, phrase: Phrase, st: State, own: list[int]) -> list[Coded]:
        """A phrase that is no actor still holds some: "Pakistan" in "Pakistan's support"."""
        out: list[Coded] = []
        if phrase.possessor is not None:
            out += self.resolve(phrase.possessor, st).refs
        for owner in reversed(self.names.name_owners(own, st)):
            if owner.how in ("demonym", "metonymy"):
                continue  # "Russian weapons", "the Kabul airport": not actors
            if owner.kind == "state" and self.matcher.is_locative(st.doc[phrase.head], state=True):
                continue
            out.append(owner)
        return out

    def _kin_states(self, own: list[int], st: State) -> frozenset[str] | None:
        """If the phrase names a people rather than a state's agents, the states it names
        as kin ("ethnic Albanian guerrillas" -> ALB; "Tamil refugees", "Kurds" -> none);
        None when it names no people. A people is an ethnic demonym, or a capitalised
        civilian noun for a people without a state (agents.yaml: Kurds, Tamils ...)."""
        doc = st.doc
        kin: set[str] = set()
        people = False
        for i in own:
            token = doc[i]
            nm = st.matches.name(i)
            if nm is not None:
                if nm.start > 0 and doc[nm.start - 1].lower_ in self.grammar.ethnic_words:
                    people = True
                    kin.update(h.entry.country for h in nm.hits if h.entry.country)
                continue
            if token.text[:1].isupper() and not (token.is_sent_start and token.pos_ != "PROPN") \
                    and self.kb.agent_sector(token.lower_) == self.grammar.counted_demonym_sector:
                people = True
        return frozenset(kin) if people else None

    def _unknown_name(self, phrase: Phrase, st: State, own: list[int]) -> bool:
        """Is the phrase an organisation's proper name that the knowledge base does not
        know ("the Homeland Union", "the Umma party"): an organisation noun as its head
        (grammar `organisation_nouns`) and a proper noun the knowledge base lacks?"""
        doc = st.doc
        head = doc[phrase.head]
        if head.lemma_.lower() not in self.grammar.organisation_nouns and head.lower_ not in self.grammar.organisation_nouns:
            return False
        for i in own:
            token = doc[i]
            if token.pos_ != "PROPN" or st.matches.name(i) is not None or st.matches.title(i) is not None:
                continue
            if token.i == phrase.start and token.is_sent_start and st.matches.agent(i) is not None:
                continue  # "Police said ..." opens a sentence
            if token.ent_type_ in ("DATE", "TIME"):
                continue
            return True
        return False

    def _ethnic(self, c: Coded, st: State) -> bool:
        """Is this demonym preceded by an ethnic word ("ethnic Albanian")?"""
        return c.how == "demonym" and c.start > 0 and st.doc[c.start - 1].lower_ in self.grammar.ethnic_words

    def _speaks_for_owner(self, head: Token) -> bool:
        """A noun that speaks for its owner ("spokesman", "official"): grammar `role_nouns`."""
        return head.lower_ in self.grammar.role_nouns or head.lemma_.lower() in self.grammar.role_nouns

    def _owned(self, owner: Coded, sector: str | None, via: str, span: tuple[int, int], plural: bool,
               former: bool, st: State, head: Token) -> Coded:
        """An agent noun's actor given its owner: an armed group or organisation is the
        actor itself ("Taliban fighters"); a state, an IGO, a person, a city or another
        agent gives the country, the noun the sector ("Pakistani troops")."""
        sentence = st.sentence(span[0])
        how = {"possessive": "possessive", "of": "possessive", "place": "place+agent"}.get(via, "")
        if owner.kind in ("armed_group", "org") and owner.actor_id is not None:
            return replace(owner, start=span[0], end=span[1], sector=owner.sector or sector,
                           how=how or "alias+agent", plural=plural, sentence=sentence, names=frozenset())
        if not how:
            how = {"demonym": "demonym+agent", "metonymy": "metonym+agent"}.get(owner.how, "alias+agent")
        if owner.kind == "group" or owner.actor_id is None:
            # another agent ("the provincial governor's spokesman"): its country; a noun
            # that speaks for its owner takes the owner's sector
            sector = owner.sector if self._speaks_for_owner(head) and owner.sector else sector
            if owner.kind == "person":
                how = "possessive"
        if former:
            sector = self.grammar.former_sector
        if owner.kind == "igo":
            return Coded(span[0], span[1], owner.name, owner.actor_id, owner.country, sector or owner.sector,
                         "igo", how, plural=plural, sentence=sentence)
        country = owner.country
        state = self.kb.get(country) if country else None
        if state is not None and state.kind != "state":
            state = None
        if owner.kind == "state" and owner.actor_id is not None:
            name, actor_id = owner.name, owner.actor_id
        elif state is not None:
            name, actor_id = state.name, state.id
        else:
            name, actor_id = st.doc[head.i].lemma_.lower(), None
        return Coded(span[0], span[1], name, actor_id, country, sector if sector is not None else owner.sector,
                     "state" if actor_id else "group", how, plural=plural, sentence=sentence)

    def _coordinated(self, owners: list[Owner], st: State) -> bool:
        """Are these modifiers joined by a conjunction ("Russian and Chinese")?"""
        tokens = [st.doc[o.end - 1] for o, _ in owners]
        return any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for t in tokens)
