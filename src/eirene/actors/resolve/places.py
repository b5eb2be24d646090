"""Places as owners and as states: "in Kabul", "Shanghai authorities", "a curfew in Algiers".

Why a module of its own: a place never is an actor, but it gives a country to the
actors around it, from the knowledge base (states, seats) or the gazetteer (cities and
provinces it does not list).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eirene.actors.coref import Coded
from eirene.actors.grammar import Grammar
from eirene.actors.kb import ActorEntry, KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Phrase
from eirene.actors.resolve.names import NameReader
from eirene.actors.resolve.state import State, entity_span
from eirene.gazetteer import Gazetteer
from eirene.records import ActorRef


class PlaceReader:
    """The country of a place phrase, of a place among modifiers, or of a clause's place."""

    def __init__(self, kb: KnowledgeBase, grammar: Grammar, matcher: ActorMatcher, gazetteer: Gazetteer,
                 names: NameReader) -> None:
        self.kb, self.grammar, self.matcher = kb, grammar, matcher
        self.gazetteer, self.names = gazetteer, names
        self._city_names: dict[tuple[str, str | None], str | None] = {}  # a capital is named again and again

    def resolve_place(self, phrase: Phrase, st: State) -> str | None:
        """The country of the place in an "in ..." phrase: a state, a capital, a city."""
        nm = st.matches.name(phrase.head)
        if nm is not None:
            hit = self.names.choose(nm.hits, st)
            if hit.entry.kind == "state" or hit.how == "metonym":
                return hit.entry.country
            return None
        head = st.doc[phrase.head]
        if head.pos_ == "PROPN" or head.lower_ in self.gazetteer.subdivision_words:
            # "Monrovia", "Sindh province"
            words = [t.text for t in st.doc[phrase.start:phrase.end] if t.pos_ == "PROPN" or t.i == head.i]
            return self.country_of_place(" ".join(words), st)
        return None

    def country_of_place(self, text: str, st: State) -> str | None:
        """The country of a city or province owning or placing an agent: a city of the
        owner list, else a province the gazetteer knows ("Sindh", "Kerala"), in one of
        the document's countries when the name is shared ("Punjab")."""
        return self.gazetteer.country_of_place(text) or self.province_country(text, st)

    def province_country(self, text: str, st: State) -> str | None:
        """The country of a province named bare ("Sindh"): the one country that has it,
        else the one of the document's countries that has it ("Punjab" beside Pakistan)."""
        countries = self.gazetteer.province_countries(text)
        if len(countries) > 1:
            countries = countries & st.countries
        return next(iter(countries)) if len(countries) == 1 else None

    def place_owner(self, own: list[int], st: State) -> Coded | None:
        """A city or province among the modifiers that the knowledge base does not know
        ("Shanghai authorities", "Kano State government"): its country."""
        doc = st.doc
        words = [doc[i] for i in own if doc[i].text[:1].isupper() and st.matches.agent(i) is None
                 and (doc[i].pos_ == "PROPN" or doc[i].dep_ == "compound")]
        if not words:
            return None
        country = (self.gazetteer.country_of_place(" ".join(t.text for t in words))
                   or self.gazetteer.country_of_place(words[0].text))
        if country is None:
            return None
        entry = self.kb.get(country)
        return Coded(words[0].i, words[-1].i + 1, entry.name if entry else country, entry.id if entry else None,
                     country, None, "state", "place", sentence=st.sentence(words[0].i))

    def city_name(self, text: str, country: str | None) -> str | None:
        """The gazetteer's name of the city `text` names in `country` ("Prishtina" ->
        "Pristina", "Kiev" -> "Kyiv"), or None when it knows no such city there."""
        key = (text, country)
        if key not in self._city_names:
            found = self.gazetteer.lookup(text, frozenset({country}) if country else frozenset())
            ok = found is not None and found.precision == "city" and found.country == country
            self._city_names[key] = found.name if ok and found is not None else None
        return self._city_names[key]

    def place_actor(self, phrase: Phrase, st: State) -> Coded | None:
        """A city or province of the gazetteer standing as an actor ("Mariupol pleaded
        for help", "Sydney announced a curfew"): its country, sector CVL. Not a place
        after a preposition ("in Mariupol"), not a name the recogniser took for a person
        or an organisation; capitals are knowledge-base metonyms and never reach here."""
        doc = st.doc
        head = doc[phrase.head]
        if head.pos_ != "PROPN" or head.ent_type_ not in ("GPE", "LOC", "ORG", ""):
            return None  # the recogniser often calls a city in the news an ORG ("Mariupol")
        if self.matcher.is_locative(head) or st.matches.agent(head.i) is not None:
            return None
        words = [doc[i] for i in range(phrase.start, phrase.end) if not phrase.in_possessor(i)]
        words = [t for t in words if t.lower_ != "the" and t.pos_ != "PUNCT"]
        if not words or any(t.pos_ != "PROPN" or st.matches.name(t.i) is not None for t in words):
            return None
        return self.place_words(words, st)

    def place_words(self, words: list[Token], st: State) -> Coded | None:
        """The actor a run of name words is when they name a city or province: a city of
        the owner list, or what the recogniser calls a place (a town), or a province."""
        label = words[-1].ent_type_
        text = " ".join(t.text for t in words)
        country = self.gazetteer.country_of_place(text) if label else None
        found = self.gazetteer.lookup(text, frozenset(st.countries)) if label in ("GPE", "LOC") else None
        if found is not None and found.precision == "city" and (country is None or found.country in st.countries):
            country = found.country  # a town the recogniser calls a place; "Hyderabad" beside Pakistan
        country = country or self.province_country(text, st)
        entry = self.kb.get(country) if country else None
        if entry is None or entry.kind != "state":
            return None
        place = self.city_name(text, entry.country or country)
        return Coded(words[0].i, words[-1].i + 1, place or entry.name, entry.id, entry.country or country,
                     self.grammar.place_actor_sector, "state", "place-actor", sentence=st.sentence(words[0].i))

    def clause_place(self, head: Token, st: State) -> str | None:
        """The country of the place where the subject's clause happens: an "in" phrase on
        its verb or on the verb's object ("blocked streets in Hong Kong")."""
        while head.dep_ == "pobj" and head.head.lower_ == "of" and (
                head.head.head.lower_ in self.grammar.collective_nouns
                or head.head.head.lemma_.lower() in self.grammar.collective_nouns):
            head = head.head.head  # "thousands of people", "hundreds of thousands of people"
        if head.dep_ != "nsubj" or head.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = head.head
        for owner in (verb, *(c for c in verb.children if c.dep_ == "dobj")):
            for prep in owner.children:
                if prep.dep_ != "prep" or prep.lower_ not in self.grammar.static_locative_preps:
                    continue
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                place = self.resolve_place(self.matcher.build(pobj, st.matches), st)
                if place is not None:
                    return place
        return None

    def country_modifier(self, token: Token, as_place: bool = False) -> ActorRef | None:
        """A country name or demonym modifying a noun that names no actor ("an American
        airstrike", "Afghan border posts"), as the state; with `as_place`, a place an
        event is done to ("a curfew in Algiers"): a capital or another city of the
        gazetteer also gives its state (how="place")."""
        if not (token.is_title or token.is_upper) or token.pos_ not in {"ADJ", "PROPN", "NOUN"}:
            return None
        kinds = {"alias", "demonym", "metonym"} if as_place else {"alias", "demonym"}
        span = entity_span(token) if as_place else None
        text = span.text if span is not None else token.text
        for hit in (*self.kb.lookup(text), *(self.kb.lookup(token.text) if span is not None else ())):
            if hit.entry.kind == "state" and hit.how in kinds:
                return _state_ref(token, hit.entry, "place" if as_place else "modifier", span)
        if as_place and span is not None and token.pos_ == "PROPN":
            country = self.gazetteer.country_of_place(span.text)
            entry = self.kb.get(country) if country else None
            if entry is not None and entry.kind == "state":
                return _state_ref(token, entry, "place", span)
        return None


def _state_ref(token: Token, entry: ActorEntry, how: str, span: Span | None = None) -> ActorRef:
    """A state named by `token` (or the place `span` around it), as a mention."""
    start, end = (span.start_char, span.end_char) if span is not None else (token.idx, token.idx + len(token))
    return ActorRef(
        text=token.doc.text[start:end], name=entry.name, actor_id=entry.id, country=entry.country,
        sector=None, kind="state", start=start, end=end, how=how,
    )
