"""A knowledge-base name as the head of a phrase: "Pakistan", "the Taliban", "President
Ghani", a seat for its state ("Kabul" as subject or object, not after "in"), a demonym
("Afghans"), or a people that is not its state ("Bosnian Serbs", "ethnic Albanians").

Why a module of its own: metonymy, demonyms and peoples are the name-specific rules;
what a name means on a date is the names reader's, a person's coding the persons'.
"""

from __future__ import annotations

from dataclasses import replace

from eirene.actors.coref import Coded
from eirene.actors.grammar import Grammar
from eirene.actors.kb import AliasHit, KnowledgeBase
from eirene.actors.matcher import ActorMatcher, NameMatch, Phrase
from eirene.actors.resolve.names import NameReader
from eirene.actors.resolve.persons import PersonReader
from eirene.actors.resolve.places import PlaceReader
from eirene.actors.resolve.state import PLURAL_TAGS, Result, State


class NamedHeadReader:
    """Resolves phrases whose head is a knowledge-base name, on the story date."""

    def __init__(self, kb: KnowledgeBase, grammar: Grammar, matcher: ActorMatcher, names: NameReader,
                 places: PlaceReader, persons: PersonReader) -> None:
        self.kb, self.grammar, self.matcher = kb, grammar, matcher
        self.names, self.places, self.persons = names, places, persons

    def named_head(self, phrase: Phrase, nm: NameMatch, st: State, own: list[int], former: bool) -> Result:
        """The entry the head names, coded on the date; nothing for a place ("in Kabul")."""
        head = st.doc[phrase.head]
        hit = self.names.choose(nm.hits, st)
        entry = hit.entry
        span = (phrase.start, phrase.end)
        if hit.how == "metonym":
            return self._seat(phrase, nm, hit, st)
        if hit.how == "demonym":
            return self._demonym(phrase, nm, hit, st, own)
        if entry.kind == "person":
            how = "title+alias" if self.persons.titles_before(nm.start, st, own) else "alias"
            return Result([self.persons.known_person(entry, span, st, own, former, how)])
        if entry.kind == "state" and self.matcher.is_locative(head, state=True):
            return Result()
        if entry.kind == "state":
            qualified = self._qualified_name(phrase, nm, entry.country, st, own)
            if qualified is not None:
                return qualified
        coding = self.kb.code_at(entry, st.day)
        country, sector = coding.country, coding.sector
        place = entry.kind == "state" and self.matcher.is_locative(head)
        if country is None and entry.kind != "igo":
            owners = [o for o in self.names.name_owners(own, st, exclude=nm) if o.kind == "state"]
            if owners:
                country = owners[0].country
        if sector is None and entry.kind != "state":
            agent = next((st.matches.agent(i) for i in own if st.matches.agent(i) is not None), None)
            sector = agent.sector if agent is not None else None
        return Result([self.names.coded(span, entry, country, sector, "alias", st, place=place)])

    def _qualified_name(self, phrase: Phrase, nm: NameMatch, country: str | None, st: State,
                        own: list[int]) -> Result | None:
        """An organisation's name with its own state after it as a qualifier ("the PRD
        Mexico", as lists and headlines write): the organisation, not the state."""
        for i in own:
            other = st.matches.name(i)
            if other is None or other is nm or other.end != nm.start:
                continue
            hits = [h for h in other.hits if h.entry.kind not in ("state", "person") and h.entry.country == country]
            if hits and hits[0].how == "alias":
                coding = self.kb.code_at(hits[0].entry, st.day)
                return Result([self.names.coded((phrase.start, phrase.end), hits[0].entry,
                                                coding.country or country, coding.sector, "alias+state", st)])
        return None

    def _seat(self, phrase: Phrase, nm: NameMatch, hit: AliasHit, st: State) -> Result:
        """A capital or seat standing for its state or organ ("Kabul said"), not a place.
        A capital keeps its own name ("Pristina", not "Kosovo"): the state's name would
        lose which place the text said, and the id already gives the state."""
        if self.matcher.is_locative(st.doc[phrase.head]):
            return Result()
        coding = self.kb.code_at(hit.entry, st.day)
        country = coding.country or hit.entry.country
        coded = self.names.coded((phrase.start, phrase.end), hit.entry, country, hit.sector, "metonymy", st)
        place = self.places.city_name(st.doc[nm.start:nm.end].text, country) if hit.entry.kind == "state" else None
        return Result([replace(coded, name=place) if place else coded])

    def _demonym(self, phrase: Phrase, nm: NameMatch, hit: AliasHit, st: State, own: list[int]) -> Result:
        """A demonym as the head: the state ("the Afghans said"), its people when counted
        ("two Russians"), or a people that is not its state."""
        doc = st.doc
        head = doc[phrase.head]
        counted = any(doc[i].dep_ in ("nummod", "quantmod") or doc[i].like_num for i in own if i != head.i)
        sector = self.grammar.counted_demonym_sector if counted else None
        coding = self.kb.code_at(hit.entry, st.day)
        people = self._people_of(phrase, nm, st, own)
        if people is not None:
            return Result([people])
        coded = self.names.coded((phrase.start, phrase.end), hit.entry, coding.country or hit.entry.country,
                                 sector, "demonym", st)
        return Result([replace(coded, plural=head.tag_ in PLURAL_TAGS)])

    def _people_of(self, phrase: Phrase, nm: NameMatch, st: State, own: list[int]) -> Coded | None:
        """A people named by a demonym that is not its state: "Bosnian Serbs" are
        civilians of Bosnia, "ethnic Albanians in Macedonia" of Macedonia; "ethnic
        Albanians" alone are of no state the text says."""
        doc = st.doc
        sector = self.grammar.counted_demonym_sector
        sentence = st.sentence(phrase.head)
        span = (phrase.start, phrase.end)
        owners = [o for o in self.names.name_owners([i for i in own if i < nm.start], st)
                  if o.kind == "state" and o.how in ("demonym", "alias")]
        if owners:
            return replace(owners[0], start=span[0], end=span[1], sector=sector, how="demonym+people",
                           plural=True, sentence=sentence)
        if not any(doc[i].lower_ in self.grammar.ethnic_words for i in own if i < nm.start):
            return None
        country = self.places.resolve_place(phrase.in_phrase, st) if phrase.in_phrase is not None else None
        entry = self.kb.get(country) if country else None
        end = phrase.in_phrase.full_end if entry is not None and phrase.in_phrase is not None else span[1]
        how = "ethnic+place"
        if entry is None:
            # "Ethnic Albanians ... Macedonia's border": a minority lives in the one
            # country the text names as a home, other than its kin state
            country = self.names.home_country(st, exclude=frozenset({nm.hits[0].entry.country or ""}))
            entry = self.kb.get(country) if country else None
            how = "ethnic+document"
        return Coded(span[0], end, entry.name if entry else doc[nm.start:nm.end].text,
                     entry.id if entry else None, country, sector, "state" if entry else "group",
                     how if entry else "ethnic", plural=True, sentence=sentence)
