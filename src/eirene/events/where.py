"""Event places: the place named in the event's clause, resolved offline.

The names themselves are the gazetteer's (`eirene.gazetteer`, shared with the actor
coder); this module decides which place phrase of a sentence says where its event
happened.

A place must be where the event happened, not who acted: "Kabul rejected the offer"
names an actor, "talks in Kabul" a place. Only objects of locative prepositions (and
border or territory phrases built on them) in the event's clause count; the most
specific wins (city > admin1 > country). The locative words are data, in
`eirene/data/places/places.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eirene.events.clause import event_clause
from eirene.gazetteer import Gazetteer, fold
from eirene.records import Location

PRECISION_RANK = {"city": 0, "admin1": 1, "country": 2}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A place in one of these roles is a participant ("Kabul rejected", "accused Islamabad").
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "dative", "agent", "poss", "attr", "csubj", "oprd"})
# Arcs inside one noun phrase: climb them to find the phrase's role.
PHRASE_DEPS = frozenset({"compound", "appos", "conj", "cc", "amod", "npadvmod", "punct", "nmod", "flat", "nummod", "det"})


@dataclass(frozen=True)
class _Candidate:
    """A place phrase found in the clause, before choosing among them."""

    location: Location
    start: int  # token index, for the order in the sentence


class PlaceResolver:
    """Finds the place of an event in its sentence, looking names up in the gazetteer.

    gazetteer (Gazetteer | None): the shared gazetteer; the built-in one by default.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.words = self.gazetteer.locative

    def resolve(self, sent: Span, trigger: Token) -> Location | None:
        """The place of the event whose trigger is `trigger`, or None.

        sent (Span): the parsed sentence with entities.
        trigger (Token): the word that carries the event.
        RETURNS (Location | None): the most specific place named in a locative phrase of
            the event's clause (city > admin1 > country, then the first in the sentence).
        """
        try:
            clause = {t.i for t in event_clause(sent, trigger)}
            context = self.countries_named(sent)
            candidates = self._candidates(sent, clause, context)
        except Exception:  # a place is never worth losing the event over
            return None
        if not candidates:
            return None
        best = min(candidates, key=lambda c: (PRECISION_RANK.get(c.location.precision, 3), c.start))
        return best.location

    def countries_named(self, sent: Span, skip: frozenset[int] | set[int] = frozenset()) -> frozenset[str]:
        """Countries named anywhere in the sentence, as places (cities, provinces, states)
        or nationalities, leaving out entities that touch the token indices in `skip`."""
        found: set[str] = set()
        for ent in sent.ents:
            if skip and any(t.i in skip for t in ent):
                continue
            if ent.label_ in PLACE_LABELS:
                place = self.gazetteer.lookup(ent.text)
                if place is None or not place.country:
                    continue
                if place.precision != "city" or self.gazetteer.unique_city(ent.text):
                    found.add(place.country)  # an ambiguous city name is no evidence
            elif ent.label_ == "NORP":
                for part in re.split(r"[-\u2013/]", ent.text):
                    country = self.gazetteer.country_of_demonym(part)
                    if country is not None and country.country:
                        found.add(country.country)
        return frozenset(found)

    def _candidates(self, sent: Span, clause: set[int], context: frozenset[str]) -> list[_Candidate]:
        candidates: list[_Candidate] = []
        covered: set[int] = set()
        for ent in sent.ents:
            if ent.root.i not in clause:
                continue
            if ent.label_ in PLACE_LABELS:
                covered.update(range(ent.start, ent.end))
                if not self._is_locative(ent.root):
                    continue
                place = self.gazetteer.lookup(ent.text, context)
                if place is None:
                    place = self._lookup_parts(ent, context)
                if place is not None:
                    candidates.append(_Candidate(place, ent.start))
            elif ent.label_ == "NORP":
                covered.update(range(ent.start, ent.end))
                if self._is_locative(ent.root):  # the model calls some regions NORP: "in Punjab"
                    place = self.gazetteer.lookup(ent.text, context)
                    if place is not None:
                        candidates.append(_Candidate(place, ent.start))
                        continue
                noun = self._phrase_noun(ent.root)
                if noun is not None and fold(noun.text) in self.words.place_nouns and self._is_locative(noun, via_place_noun=True):
                    for part in re.split(r"[-\u2013/]", ent.text):
                        country = self.gazetteer.country_of_demonym(part)
                        if country is not None:
                            # "the Pakistani-Iranian border": the first-named side stands for it
                            candidates.append(_Candidate(country, ent.start))
                            break
        for token in sent:
            if token.i in covered or token.i not in clause or token.pos_ != "PROPN" or token.dep_ != "pobj":
                continue
            if token.ent_type_ and token.ent_type_ not in ("PERSON", "ORG"):
                continue
            if not self._is_locative(token):
                continue
            words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
            place = self.gazetteer.lookup(" ".join(t.text for t in words), context)
            if place is not None:
                candidates.append(_Candidate(place, words[0].i))
        return candidates

    def _lookup_parts(self, ent: Span, context: frozenset[str]) -> Location | None:
        """A facility named after a place: "the Kabul airport", "Bagram Air Base"."""
        if fold(ent[-1].text) not in self.words.facility_nouns:
            return None  # "the Asia-Pacific Foundation" is no place
        runs: list[list[Token]] = []
        for token in ent[:-1]:
            if token.pos_ == "PROPN":
                if runs and runs[-1][-1].i == token.i - 1:
                    runs[-1].append(token)
                else:
                    runs.append([token])
        for run in sorted(runs, key=len, reverse=True):
            place = self.gazetteer.lookup(" ".join(t.text for t in run), context)
            if place is not None:
                return place
        return None

    @staticmethod
    def _phrase_noun(token: Token) -> Token | None:
        """The noun a modifier belongs to ("Pakistani" -> "border")."""
        current = token
        for _ in range(4):
            if current.dep_ not in PHRASE_DEPS or current.head.i == current.i:
                break
            current = current.head
        return current if current.i != token.i and current.pos_ in ("NOUN", "PROPN") else None

    def _is_locative(self, token: Token, via_place_noun: bool = False, depth: int = 0) -> bool:
        """Whether the phrase headed by `token` says where: the object of "in", "near",
        "across the border in", "on the outskirts of" - and not a participant."""
        current = token
        for _ in range(5):
            if current.dep_ not in PHRASE_DEPS or current.head.i == current.i:
                break
            current = current.head
        if current.dep_ in ACTOR_DEPS or current.dep_ != "pobj":
            return False
        prep = current.head
        word = fold(prep.text)
        if prep.i > 0 and fold(prep.doc[prep.i - 1].text + " " + prep.text) in self.words.prepositions:
            return True  # "outside of", "near to"
        if word in self.words.prepositions:
            return True
        is_place_noun = via_place_noun or fold(current.text) in self.words.place_nouns
        if word in self.words.noun_prepositions and is_place_noun and word not in ("of", "with", "between"):
            return True  # "on the border", "on Afghan soil"
        if word in ("of", "with", "between") and depth < 3:
            # "the border of X", "the outskirts of X"; the parser sometimes hangs "with X"
            # on the verb instead ("deployed along the border [with Iran]"): take the noun before.
            for head in (prep.head, prep.doc[prep.i - 1] if prep.i > 0 else prep.head):
                if head.pos_ in ("NOUN", "PROPN") and fold(head.text) in self.words.place_nouns:
                    return self._is_locative(head, via_place_noun=True, depth=depth + 1)
        return False

