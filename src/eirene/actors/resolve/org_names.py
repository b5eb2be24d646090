"""An organisation's proper name the knowledge base does not know, read from its words:
"the Kenya Medical Association" is a body of Kenya in the medical sector, "Aboriginal
Medical Services Alliance Northern Territory" one of Australia (a territory of it).

Why a module of its own: no list of the world's associations, unions and alliances
exists in the open sources, but their names say where they are and what they do. The
country comes from a state, demonym, city or province among the name's words; the
sector from the organisation noun when it has one ("Union": LAB), else from the last
word that gives one (grammar `name_sector_words`, else agent nouns such as "Farmers").
"""

from __future__ import annotations

from spacy.tokens import Token

from eirene.actors.coref import Coded
from eirene.actors.grammar import Grammar
from eirene.actors.kb import KnowledgeBase
from eirene.actors.matcher import Phrase
from eirene.actors.resolve.names import NameReader
from eirene.actors.resolve.places import PlaceReader
from eirene.actors.resolve.state import State

_CONNECTIVES = frozenset({"of", "for", "and", "&", "the", "-"})


class OrganisationNameReader:
    """Codes a capitalised name headed or containing an organisation noun."""

    def __init__(self, kb: KnowledgeBase, grammar: Grammar, names: NameReader, places: PlaceReader) -> None:
        self.kb, self.grammar, self.names, self.places = kb, grammar, names, places

    def is_organisation_word(self, token: Token) -> bool:
        return token.lower_ in self.grammar.organisation_nouns or token.lemma_.lower() in self.grammar.organisation_nouns

    def unknown_organisation(self, phrase: Phrase, st: State) -> Coded | None:
        """The phrase as an organisation's name, or None when it is not one: every word
        capitalised (or a connective), an organisation noun among them, no person or
        non-state knowledge-base name inside, and a country or a sector to give."""
        doc = st.doc
        if not doc[phrase.head].is_title and not doc[phrase.head].is_upper:
            return None  # most phrases: a common noun ("the talks")
        end = phrase.end
        if phrase.of_phrase is not None and phrase.of_phrase.start == end + 1 and doc[end].lower_ == "of":
            end = phrase.of_phrase.full_end  # "the Islamic Council of Victoria"
        words = [doc[i] for i in range(phrase.start, end)
                 if not phrase.in_possessor(i) and doc[i].pos_ not in ("DET", "PUNCT")]
        if len(words) < 2 or not any(self.is_organisation_word(t) for t in words):
            return None
        if any(not (t.is_title or t.is_upper) and t.lower_ not in _CONNECTIVES for t in words):
            return None
        if not words[-1].is_title and not words[-1].is_upper:
            return None
        country = self._country(words, st)
        if country is False:
            return None
        sector = self._sector(words)
        if country is None and sector is None:
            return None
        name = doc[words[0].i:words[-1].i + 1].text
        return Coded(phrase.start, words[-1].i + 1, name, None, country or None, sector, "org",
                     "organisation-name", sentence=st.sentence(words[0].i))

    def _country(self, words: list[Token], st: State) -> str | None | bool:
        """The country a state, demonym, city or province among the words names; False
        when a known non-state name is inside (then it is that actor's business)."""
        for token in words:
            nm = st.matches.name(token.i)
            if nm is None:
                continue
            hit = self.names.choose(nm.hits, st)
            if hit.entry.kind != "state":
                return False
            return hit.entry.country
        runs = _capitalised_runs(words)
        for run in sorted(runs, key=len, reverse=True):
            for size in range(len(run), 0, -1):
                for first in range(len(run) - size + 1):
                    part = run[first:first + size]
                    if size == 1 and self._gives_sector(part[0]):
                        continue  # "Medical", "Union": no place
                    text = " ".join(t.text for t in part)  # a province first: "Victoria" is Australia's
                    country = self.places.province_country(text, st) or self.places.country_of_place(text, st)
                    if country is not None:
                        return country
        return None

    def _gives_sector(self, token: Token) -> bool:
        return self.is_organisation_word(token) or self._word_sector(token) is not None

    def _word_sector(self, token: Token) -> str | None:
        return self.grammar.name_sector_words.get(token.lower_) or self.kb.agent_sector(token.lower_)

    def _sector(self, words: list[Token]) -> str | None:
        """The sector of the organisation noun when it has one ("Union of Nurses": a
        union, LAB), else of the last word that gives one ("Medical Association": MED)."""
        nouns = [self._word_sector(t) for t in words if self.is_organisation_word(t)]
        others = [self._word_sector(t) for t in words if not self.is_organisation_word(t)]
        found = [s for s in nouns if s] or [s for s in others if s]
        return found[-1] if found else None

def _capitalised_runs(words: list[Token]) -> list[list[Token]]:
    """The runs of adjacent capitalised words ("Northern Territory" in "Alliance Northern
    Territory" is one; connectives split them)."""
    runs: list[list[Token]] = [[]]
    for token in words:
        if token.lower_ in _CONNECTIVES or (runs[-1] and token.i != runs[-1][-1].i + 1):
            runs.append([])
        if token.lower_ not in _CONNECTIVES:
            runs[-1].append(token)
    return [r for r in runs if r]
