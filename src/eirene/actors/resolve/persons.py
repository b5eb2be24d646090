"""Persons: a name heading a phrase ("Baradar", "President Ghani", "Afghan official Ahmad
Noori") as an earlier mention, a knowledge-base person on the story date, or an unknown
person whose title gives the sector and whose demonym or possessive gives the country.

Why a module of its own: a person's coding is dated (roles begin and end), and an
unknown person borrows from everything around the name; nothing else works that way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from eirene.actors.coref import Coded, Coreference, fold, name_words
from eirene.actors.grammar import Grammar
from eirene.actors.kb import ActorEntry, KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Phrase, WordMatch
from eirene.actors.resolve.names import NameReader
from eirene.actors.resolve.state import NAME_POS, PLACE_LABELS, Resolve, Result, State
from eirene.gazetteer import Gazetteer


class PersonReader:
    """Resolves phrases headed by a person's name.

    resolve (Resolve): resolves the phrases inside (a possessor: "the Taliban's spokesman").
    """

    def __init__(self, kb: KnowledgeBase, grammar: Grammar, matcher: ActorMatcher, gazetteer: Gazetteer,
                 coref: Coreference, names: NameReader, resolve: Resolve) -> None:
        self.kb, self.grammar, self.matcher = kb, grammar, matcher
        self.gazetteer, self.coref, self.names = gazetteer, coref, names
        self.resolve = resolve
        self._index: PersonIndex | None = None

    def index(self) -> PersonIndex:
        """Knowledge-base persons by surname, built on first use."""
        if self._index is None:
            self._index = PersonIndex(self.kb, self.grammar.name_suffixes)
        return self._index

    def person_span(self, phrase: Phrase, st: State) -> tuple[int, int] | None:
        """The name of a person heading the phrase: a PERSON entity, or capitalised
        words right after a title ("General Thierry Burkhard")."""
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        span = m.person(head.i)
        if span is not None and head.pos_ in NAME_POS and m.agent(head.i) is None:
            start, end = span
            while start < end - 1 and (m.title(start) is not None or start in m.former or doc[start].lower_ == "the"):
                start += 1
            return start, end
        if head.pos_ not in NAME_POS:
            return None
        start = head.i
        while start > phrase.start and doc[start - 1].pos_ in NAME_POS and m.title(start - 1) is None:
            start -= 1
        if start > 0 and m.title(start - 1) is not None and m.agent(head.i) is None:
            return start, head.i + 1
        return None

    def titles_before(self, name_start: int, st: State, own: list[int]) -> list[WordMatch]:
        """The titles among the phrase's own words before the name ("President", "Gen.")."""
        titles = [st.matches.title(i) for i in own if i < name_start]
        return [t for t in titles if t is not None]

    def known_person(self, entry: ActorEntry, span: tuple[int, int], st: State, own: list[int],
                     former: bool, how: str) -> Coded:
        """A knowledge-base person on the story date; "former" moves a current role into
        the past (country of the role, the entry's former sector), and a title written
        without "former" brings back a role the date falls outside of ("General X" after
        X retired as the knowledge base has it, "President X" on the eve of taking
        office): the text speaks of the time X held it."""
        coding = self.kb.code_at(entry, st.day)
        country, sector = coding.country, coding.sector
        role = coding.role
        if former and coding.how == "role":
            sector = entry.former_sector
        titles = [t for t in self.titles_before(span[1], st, own) if t.sector]
        if not former and coding.how in ("former", "default") and titles:
            wanted = titles[-1].sector
            held = [r for r in entry.roles if r.sector == wanted]
            if held:
                role = max(held, key=lambda r: r.start or date.min)
                country, sector = role.country or country, role.sector
                coding = replace(coding, role=role, how="role")
        if country is None:
            owners = [o for o in self.names.name_owners(own, st) if o.kind == "state"]
            country = owners[0].country if owners else None
        if sector is None and titles:
            sector = titles[-1].sector
        role_title = role.title.lower() if role is not None and coding.how == "role" else ""
        return self.names.coded(span, entry, country, sector, how, st, role_title=role_title)

    def person_head(self, phrase: Phrase, person: tuple[int, int], st: State, own: list[int],
                    former: bool, sentence: int) -> Result:
        """A phrase headed by the name of a person at tokens [person)."""
        doc = st.doc
        span = (phrase.start, max(phrase.end, person[1]))
        words = [t.text for t in doc[person[0]:person[1]] if not t.is_punct and t.tag_ != "POS"]
        # an earlier mention of the same person in this document
        earlier = self.coref.partial(words, span[0], span[1], st.history, sentence)
        if earlier is not None:
            return Result([earlier])
        # a knowledge-base person under another spelling
        entry = self.index().find(words, st.day)
        if entry is not None:
            return Result([self.known_person(entry, span, st, own, former, "name-variant")])
        # a town the recogniser took for a person ("students in Sivas")
        if not self.titles_before(person[0], st, own) and self.matcher.is_locative(doc[phrase.head]) \
                and self.gazetteer.country_of_place(" ".join(words)):
            return Result()
        return Result([self._unknown_person(phrase, person, span, st, own, former)])

    def surname_head(self, phrase: Phrase, st: State, own: list[int], former: bool, sentence: int) -> Result | None:
        """A proper noun the entity recogniser did not take for a person ("Shinwari
        said"): an earlier mention, or a knowledge-base person unless the word is a place."""
        doc = st.doc
        head = doc[phrase.head]
        words = [doc[i].text for i in own if doc[i].pos_ in NAME_POS]
        earlier = self.coref.partial(words, phrase.start, phrase.end, st.history, sentence)
        if earlier is not None:
            return Result([earlier])
        if head.ent_type_ not in PLACE_LABELS and all(doc[i].pos_ in NAME_POS for i in own if doc[i].lower_ != "the"):
            entry = self.index().find(words, st.day)
            if entry is not None:
                return Result([self.known_person(entry, (phrase.start, phrase.end), st, own, former, "name-variant")])
        return None

    def _unknown_person(self, phrase: Phrase, person: tuple[int, int], span: tuple[int, int], st: State,
                        own: list[int], former: bool) -> Coded:
        """A person the knowledge base does not know: the title or agent noun gives the
        sector, a demonym or possessive the country ("Afghan official Ahmad Noori")."""
        m = st.matches
        titles = self.titles_before(person[0], st, own)
        sector = next((t.sector for t in reversed(titles) if t.sector), None)
        agents = [a for a in (m.agent(i) for i in own if i < person[0]) if a is not None]
        if sector is None and agents:
            sector = agents[-1].sector
        country = None
        owners = self.resolve(phrase.possessor, st).refs if phrase.possessor is not None else []
        owners = owners or self.names.name_owners([i for i in own if i < person[0]], st)
        if owners:
            country = owners[0].country
            if owners[0].kind in ("armed_group", "org", "igo") and sector is None:
                sector = owners[0].sector
        described = sector is not None or bool(titles) or bool(agents)
        how = "title+person" if described else "unknown-person"
        if country is None and sector not in (None, "UNK") and sector not in self.grammar.foreign_prone_sectors \
                and self.names.home_country(st) is not None:
            # "President Levy Mwanawasa ... the Zambian people": an office holder the
            # knowledge base does not know, in a text that names one country, is of it
            country = self.names.home_country(st)
            how = "title+person+document"
        if former and described:
            sector = self.grammar.former_sector
        role = titles[-1].text if titles else (agents[-1].text if agents else "")
        name = " ".join(st.doc[person[0]:person[1]].text.split())
        return Coded(
            span[0], span[1], name, None, country, sector or "UNK", "person", how, sentence=st.sentence(phrase.head),
            names=name_words(name), role_title=role.lower(),
        )


class PersonIndex:
    """Knowledge-base persons by surname, for names written another way
    ("Aleksandr Lukashenko", "Museveni"): used only when the match is unique.

    suffixes: words after a name that are no part of it ("Jr.", grammar `name_suffixes`).
    """

    def __init__(self, kb: KnowledgeBase, suffixes: frozenset[str] = frozenset()) -> None:
        by_last: dict[str, dict[str, ActorEntry]] = defaultdict(dict)
        firsts: dict[str, set[str]] = defaultdict(set)
        words_of: dict[str, set[str]] = defaultdict(set)
        for entry in kb.entries():
            if entry.kind != "person":
                continue
            for name in (entry.name, *entry.aliases):
                words = fold(name).split()
                words_of[entry.id].update(words)
                if len(words) >= 2 and len(words[-1]) >= 3:
                    by_last[words[-1]][entry.id] = entry
                    firsts[entry.id].add(words[0][:1])
        self._by_last = by_last
        self._firsts = firsts
        self._words = words_of
        self._suffixes = suffixes

    def find(self, words: list[str], day: date | None = None) -> ActorEntry | None:
        """The one person these words name; among several with the surname, the one
        in office on `day` ("President Bush" in 1990 and in 2005)."""
        folded = [w for w in (fold(x) for x in words) for w in w.split()]
        folded = [w for w in folded if w not in self._suffixes]
        if not folded:
            return None
        candidates = list(self._by_last.get(folded[-1], {}).values())
        if len(folded) > 1:
            candidates = [c for c in candidates if folded[0][:1] in self._firsts[c.id]]
        if len(candidates) > 1:
            # "George Dubya Bush": the one whose names hold every word
            candidates = [c for c in candidates if set(folded) <= self._words[c.id]] or candidates
        if len(candidates) > 1 and day is not None:
            candidates = [c for c in candidates if any(
                (r.start or date.min) <= day < (r.end or date.max) for r in c.roles)] or candidates
        return candidates[0] if len(candidates) == 1 else None
