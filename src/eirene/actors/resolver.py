"""Deciding who each actor mention is, on the story date: ActorCoder.

The "resolve" half of actor coding. `ActorMatcher` found names, agent nouns, titles and
noun phrases; this module reads each phrase and decides, in this order:

1. a pronoun or a definite description ("he", "the group") -> the most recent
   compatible actor (`Coreference`), how="coreference";
2. a knowledge-base name as the head ("Pakistan", "the Taliban", "President Ghani",
   "Kabul" as subject or object but not after "in") -> that entry, coded on the date
   (how="alias", "title+alias", "metonymy", "demonym");
3. an agent noun or title as the head ("Pakistani troops", "Pakistan's security
   establishment", "the president of Afghanistan", "militants") -> the sector of the
   noun and the country (or the armed group, party ...) of its owner: a demonym, a
   name, a possessive, an "of" phrase, a city, or a place after "in" (how=
   "demonym+agent", "alias+agent", "possessive", "agent-noun" ...);
4. a person's name ("Afghan official Ahmad Noori", "Baradar") -> an earlier mention of
   the same person (how="partial"), a knowledge-base person under a variant spelling
   (how="name-variant"), or an unknown person whose title or agent noun gives the
   sector and whose demonym or possessive gives the country (how="title+person";
   sector "UNK" when nothing is known, how="unknown-person");
5. anything else is not an actor, but names inside it still are ("Pakistan" in
   "Pakistan's support").

Coordinated owners give one ActorRef each: "Russian and Chinese officials" gives
(RUS, GOV) over "Russian" and (CHN, GOV) over "Chinese": each keeps the span of its own
adjective and takes the sector of the shared noun. "The two countries" gives both
antecedents, sharing the span. Every other pair of ActorRefs is disjoint.

    >>> coder = ActorCoder(KnowledgeBase.load())
    >>> coder.resolve_text("Armenian Prime Minister Nikol Pashinyan").country
    'ARM'
DOCS: docs/actors.md
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eirene.actors.coref import Coded, Coreference, fold, name_words
from eirene.actors.kb import ActorEntry, AliasHit, KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Grammar, Matches, NameMatch, Phrase, sentence_index
from eirene.dates import to_date
from eirene.gazetteer import Gazetteer
from eirene.records import ActorRef

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_NAME_POS = frozenset({"PROPN"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
# A phrase made only of these is one noun phrase, however it was parsed.
_FLAT_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "PART"})


def actor_sector_string(ref: ActorRef) -> str:
    """The sector as a plain string: "" for a state as a whole (sector None)."""
    return ref.sector or ""


@dataclass
class _State:
    """What resolving one document needs: the parse, the matches, the date, the history."""

    doc: Doc
    matches: Matches
    day: date
    sentences: list[int]
    history: list[Coded] = field(default_factory=list)
    countries: frozenset[str] = frozenset()  # countries named in the document (or context)
    context_countries: frozenset[str] = frozenset()  # from resolve_text's context only


@dataclass
class _Result:
    """A phrase's actors, or, when the phrase is not an actor, the actors inside it."""

    refs: list[Coded] = field(default_factory=list)
    subs: list[Coded] = field(default_factory=list)


class ActorCoder:
    """Finds every actor mention in a parsed spaCy Doc and resolves it, on the story date.

    kb (KnowledgeBase): names, dated roles, agent nouns and titles.
    grammar (Grammar | None): English closed-class words; the built-in file by default.
    gazetteer (Gazetteer | None): the countries of places the knowledge base does not
        list ("Kyiv police"); the built-in one, shared, by default.
    """

    def __init__(self, kb: KnowledgeBase, grammar: Grammar | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.kb = kb
        self.grammar = grammar or Grammar.load()
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.matcher = ActorMatcher(kb, self.grammar)
        self.coref = Coreference(self.grammar)
        self._people: _PersonIndex | None = None

    # ------------------------------------------------------------------ public API

    def code_doc(self, doc: Doc, date: str | None) -> list[ActorRef]:
        """Every actor mention in `doc`, sorted by start, with document character offsets.

        doc (Doc): a parsed document (tagger, parser and NER).
        date (str | None): the story date, ISO; None or "today" codes on today's date.
        RETURNS (list[ActorRef]): disjoint mentions, except the coordinated and plural
            cases in the module docstring.
        """
        state = self._state(doc, date)
        coded = self._code(state)
        return [self._to_ref(doc, c) for c in coded]

    def country_modifier(self, token: Token, as_place: bool = False) -> ActorRef | None:
        """A country name or demonym modifying a noun that names no actor ("an American
        airstrike", "Afghan border posts"), as the state. `code_doc` leaves such words
        alone; the event coder asks for them when the noun fills an event role.

        as_place (bool): `token` names the place an event is done to ("a curfew in
        Algiers"): a capital or another city of the gazetteer also gives its state
        (how="place").
        """
        if not (token.is_title or token.is_upper) or token.pos_ not in {"ADJ", "PROPN", "NOUN"}:
            return None
        kinds = {"alias", "demonym", "metonym"} if as_place else {"alias", "demonym"}
        span = _entity_span(token) if as_place else None
        text = span.text if span is not None else token.text
        for hit in (*self.kb.lookup(text), *(self.kb.lookup(token.text) if span is not None else ())):
            if hit.entry.kind == "state" and hit.how in kinds:
                return self._state_ref(token, hit.entry, "place" if as_place else "modifier", span)
        if as_place and span is not None and token.pos_ == "PROPN":
            country = self.gazetteer.country_of_place(span.text)
            entry = self.kb.get(country) if country else None
            if entry is not None and entry.kind == "state":
                return self._state_ref(token, entry, "place", span)
        return None

    def _state_ref(self, token: Token, entry: ActorEntry, how: str, span: "Span | None" = None) -> ActorRef:
        start, end = (span.start_char, span.end_char) if span is not None else (token.idx, token.idx + len(token))
        return ActorRef(
            text=token.doc.text[start:end], name=entry.name, actor_id=entry.id, country=entry.country,
            sector=None, kind="state", start=start, end=end, how=how,
        )

    def resolve_text(
        self,
        text: str,
        date: str | None = None,
        context: str | None = None,
        nlp: Language | None = None,
    ) -> ActorRef | None:
        """Code one short phrase out of context ("two Chinese warplanes" -> CHN MIL).

        text (str): the phrase, assumed to name one actor.
        date (str | None): the date to code on (roles are dated); None = today.
        context (str | None): a sentence around the phrase, used only to choose between
            candidates (an ambiguous abbreviation) or to give a country to a phrase that
            has none ("the National Guard" with "Saudi").
        nlp (Language | None): the spaCy pipeline; eirene.nlp.load_nlp() by default.
        RETURNS (ActorRef | None): None when the phrase says nothing about an actor
            (no country, no sector: "yesterday", an unknown bare name).
        """
        text = " ".join(text.split())
        if not text:
            return None
        if nlp is None:
            from eirene.nlp import load_nlp

            nlp = load_nlp()
        doc = nlp(text)
        state = self._state(doc, date)
        if context:
            cdoc = nlp(context)
            found = self._countries(self.matcher.match(cdoc))
            state.context_countries = found
            state.countries = state.countries | found
        coded = self._code(state)
        best = self._main(doc, coded)
        if best is None or best.start > _first_word(doc) or best.end < len(doc):
            flat = self._flat(state)
            if flat is not None:
                best = flat
        if best is None:
            best = self._fallback(state, coded)
        if best is None:
            return None
        if best.country is None and best.kind != "person" and len(state.context_countries) == 1:
            (country,) = state.context_countries
            best = replace(best, country=country, how=f"{best.how}+context")
        if best.actor_id is None and best.country is None and best.sector in (None, "UNK"):
            return None
        return self._to_ref(doc, best)

    # ---------------------------------------------------------------- document loop

    def _state(self, doc: Doc, date: str | None) -> _State:
        try:
            day = to_date(date)
        except ValueError:
            day = to_date(None)
        matches = self.matcher.match(doc)
        state = _State(doc, matches, day, sentence_index(doc))
        state.countries = self._countries(matches)
        return state

    def _countries(self, matches: Matches) -> frozenset[str]:
        """Countries named unambiguously (states, demonyms, capitals) in a text."""
        out = set()
        for name in matches.names:
            entries = {h.entry.id for h in name.hits}
            if len(entries) == 1 and name.hits[0].entry.kind == "state" and name.hits[0].entry.country:
                out.add(name.hits[0].entry.country)
        return frozenset(out)

    def _code(self, state: _State) -> list[Coded]:
        """Resolve every phrase in order; keep the disjoint ones and remember them."""
        taken: set[int] = set()
        out: list[Coded] = []
        # Outer phrases first: "a Somalia-based paramilitary group" before "Somalia".
        phrases = sorted(self.matcher.phrases(state.doc, state.matches), key=lambda p: (p.start, -p.full_end))
        if not state.doc.has_annotation("DEP"):
            # no parse: the names alone, each its own phrase ("Pakistani" needs its noun)
            phrases = [Phrase(n.end - 1, n.start, n.end) for n in state.matches.names if n.hits[0].how != "demonym"]
        conjoined = _conjunct_roots(state.doc)
        for phrase in phrases:
            if phrase.head in taken:
                continue
            result = self._resolve(phrase, state)
            found = result.refs or result.subs
            spans = {(c.start, c.end) for c in found}
            accepted: list[Coded] = []
            for span in sorted(spans):
                if any(i in taken for i in range(*span)):
                    continue
                accepted.extend(c for c in found if (c.start, c.end) == span)
                taken.update(range(*span))
            # one phrase naming several actors, or coordinated phrases ("Russia and
            # Pakistan"), form a group that "they" can name as a whole
            for c in accepted:
                if len(accepted) > 1:
                    group = phrase.head
                else:
                    roots = [conjoined[i] for i in range(c.start, c.end) if i in conjoined]
                    group = 1_000_000 + roots[-1] if roots else -1
                c = replace(c, group=group)
                out.append(c)
                state.history.append(c)
        return sorted(out, key=lambda c: (c.start, c.end))

    def _to_ref(self, doc: Doc, c: Coded) -> ActorRef:
        start, end = c.start, c.end
        while end - start > 1 and _edge_punct(doc[start]):
            start += 1
        while end - start > 1 and _edge_punct(doc[end - 1]):
            end -= 1
        span = doc[start:end]
        return ActorRef(
            text=span.text, name=c.name, actor_id=c.actor_id, country=c.country, sector=c.sector,
            kind=c.kind, start=span.start_char, end=span.end_char, how=c.how,
        )

    # ------------------------------------------------------------------ one phrase

    def _resolve(self, phrase: Phrase, st: _State) -> _Result:
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        sentence = st.sentences[head.i] if st.sentences else 0
        # 1. pronouns
        if head.lower_ in self.grammar.pronouns and phrase.end - phrase.start == 1:
            if head.lower_ in self.grammar.relative_pronouns:
                return _Result(self._relative(head, st))
            if head.lower_ in self.grammar.singular_pronouns and (
                    self._expletive(head) or head.dep_.lower() not in self.grammar.singular_pronoun_deps):
                return _Result()
            return _Result(self.coref.pronoun(head.lower_, head.i, head.i + 1, st.history, sentence))
        if head.pos_ == "PRON":
            return _Result()
        own = [i for i in range(phrase.start, phrase.end) if not phrase.in_possessor(i)]
        if doc[phrase.start].lower_ in self.grammar.non_referring_determiners:
            return _Result()  # "no country would accept that"
        former = any(i in m.former for i in own)
        head_name = m.name(head.i)
        # 2. a name as the head
        if head_name is not None:
            result = self._named_head(phrase, head_name, st, own, former)
        else:
            result = self._unnamed_head(phrase, st, own, former, sentence)
        return self._with_appositive(phrase, result, st)

    def _unnamed_head(self, phrase: Phrase, st: _State, own: list[int], former: bool, sentence: int) -> _Result:
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        # 3. definite descriptions
        desc_refs = self._description(phrase, st, own, sentence)
        if desc_refs:
            return _Result(desc_refs)
        # 4. collectives: "a team of police", "hundreds of protesters"
        word = head.lower_
        if phrase.of_phrase is not None and (word in self.grammar.collective_nouns
                                             or head.lemma_.lower() in self.grammar.collective_nouns):
            inner = self._resolve(phrase.of_phrase, st)
            if inner.refs:
                end = phrase.of_phrase.full_end
                return _Result([replace(c, start=phrase.start, end=max(end, c.end)) for c in inner.refs])
        # 5. agent nouns and titles; "a U.S. ally" is somebody else
        if word in self.grammar.relational_nouns:
            placed = self._placed_relation(phrase, st, own, sentence)
            if placed is not None:
                return _Result([placed])
            return _Result(subs=[replace(c, inner=True) for c in self._inner_names(phrase, st, own)])
        agent = m.agent(head.i)
        title = m.title(head.i)
        person = self._person_span(phrase, st)
        if person is None and (agent is not None or (title is not None and title.sector is not None)):
            return self._agent_head(phrase, st, own, former, sentence)
        # 6. persons
        if person is not None:
            return self._person_head(phrase, person, st, own, former, sentence)
        if head.pos_ in _NAME_POS:
            # a surname the entity recogniser did not take for a person ("Shinwari said")
            words = [doc[i].text for i in own if doc[i].pos_ in _NAME_POS]
            earlier = self.coref.partial(words, phrase.start, phrase.end, st.history, sentence)
            if earlier is not None:
                return _Result([earlier])
            # a knowledge-base person under another spelling, unless the word is a place
            if head.ent_type_ not in _PLACE_LABELS and all(doc[i].pos_ in _NAME_POS for i in own
                                                           if doc[i].lower_ != "the"):
                entry = self.people().find(words, st.day)
                if entry is not None:
                    span = (phrase.start, phrase.end)
                    return _Result([self._known_person(entry, span, st, own, former, "name-variant")])
        return _Result(subs=self._inner_names(phrase, st, own))

    # -- 2: names
    def _choose(self, hits: tuple[AliasHit, ...], st: _State) -> AliasHit:
        """The best of several entries with the same name: one from a country named in
        the context or the document, else the knowledge base's own order."""
        if len(hits) > 1:
            for pool in (st.context_countries, st.countries):
                fitting = [h for h in hits if h.entry.country in pool]
                if fitting:
                    return fitting[0]
        return hits[0]

    def _named_head(self, phrase: Phrase, nm: NameMatch, st: _State, own: list[int], former: bool) -> _Result:
        doc = st.doc
        head = doc[phrase.head]
        hit = self._choose(nm.hits, st)
        entry = hit.entry
        span = (phrase.start, phrase.end)
        if hit.how == "metonym":
            if self.matcher.is_locative(head):
                return _Result()
            coding = self.kb.code_at(entry, st.day)
            return _Result([self._coded(span, entry, coding.country or entry.country, hit.sector, "metonymy", st)])
        if hit.how == "demonym":
            counted = any(doc[i].dep_ in ("nummod", "quantmod") or doc[i].like_num for i in own if i != head.i)
            sector = self.grammar.counted_demonym_sector if counted else None
            coding = self.kb.code_at(entry, st.day)
            people = self._people_of(phrase, nm, st, own)
            if people is not None:
                return _Result([people])
            coded = self._coded(span, entry, coding.country or entry.country, sector, "demonym", st)
            return _Result([replace(coded, plural=head.tag_ in _PLURAL_TAGS)])
        if entry.kind == "person":
            titles = self._titles_before(nm.start, st, own)
            return _Result([self._known_person(entry, span, st, own, former, "title+alias" if titles else "alias")])
        if entry.kind == "state" and self.matcher.is_locative(head, state=True):
            return _Result()
        coding = self.kb.code_at(entry, st.day)
        country, sector = coding.country, coding.sector
        place = entry.kind == "state" and self.matcher.is_locative(head)
        if country is None and entry.kind != "igo":
            owners = [o for o in self._name_owners(own, st, exclude=nm) if o.kind == "state"]
            if owners:
                country = owners[0].country
        if sector is None and entry.kind != "state":
            agent = next((st.matches.agent(i) for i in own if st.matches.agent(i) is not None), None)
            sector = agent.sector if agent is not None else None
        return _Result([self._coded(span, entry, country, sector, "alias", st, place=place)])

    def _people_of(self, phrase: Phrase, nm: NameMatch, st: _State, own: list[int]) -> Coded | None:
        """A people named by a demonym that is not its state: "Bosnian Serbs" are
        civilians of Bosnia, "ethnic Albanians in Macedonia" of Macedonia; "ethnic
        Albanians" alone are of no state the text says."""
        doc = st.doc
        sector = self.grammar.counted_demonym_sector
        sentence = st.sentences[phrase.head] if st.sentences else 0
        span = (phrase.start, phrase.end)
        owners = [o for o in self._name_owners([i for i in own if i < nm.start], st)
                  if o.kind == "state" and o.how in ("demonym", "alias")]
        if owners:
            return replace(owners[0], start=span[0], end=span[1], sector=sector, how="demonym+people",
                           plural=True, sentence=sentence)
        if not any(doc[i].lower_ in self.grammar.ethnic_words for i in own if i < nm.start):
            return None
        country = self._resolve_place(phrase.in_phrase, st) if phrase.in_phrase is not None else None
        entry = self.kb.get(country) if country else None
        end = phrase.in_phrase.full_end if entry is not None and phrase.in_phrase is not None else span[1]
        how = "ethnic+place"
        if entry is None:
            # "Ethnic Albanians ... Macedonia's border": a minority lives in the one
            # country the text names as a home, other than its kin state
            country = self._home_country(st, exclude=frozenset({nm.hits[0].entry.country or ""}))
            entry = self.kb.get(country) if country else None
            how = "ethnic+document"
        return Coded(span[0], end, entry.name if entry else doc[nm.start:nm.end].text,
                     entry.id if entry else None, country, sector, "state" if entry else "group",
                     how if entry else "ethnic", plural=True, sentence=sentence)

    def _coded(self, span: tuple[int, int], entry: ActorEntry, country: str | None, sector: str | None,
               how: str, st: _State, **extra: object) -> Coded:
        sentence = st.sentences[span[0]] if st.sentences else 0
        head_tag = st.doc[span[1] - 1].tag_
        names = name_words(entry.name, *entry.aliases) if entry.kind == "person" else frozenset()
        return Coded(
            span[0], span[1], entry.name, entry.id, country, sector, entry.kind, how,
            plural=head_tag in _PLURAL_TAGS and entry.kind not in ("state", "person"),
            sentence=sentence, names=names, **extra,  # type: ignore[arg-type]
        )

    def _known_person(self, entry: ActorEntry, span: tuple[int, int], st: _State, own: list[int],
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
        titles = [t for t in self._titles_before(span[1], st, own) if t is not None and t.sector]
        if not former and coding.how in ("former", "default") and titles:
            wanted = titles[-1].sector
            held = [r for r in entry.roles if r.sector == wanted]
            if held:
                role = max(held, key=lambda r: r.start or date.min)
                country, sector = role.country or country, role.sector
                coding = replace(coding, role=role, how="role")
        if country is None:
            owners = [o for o in self._name_owners(own, st) if o.kind == "state"]
            country = owners[0].country if owners else None
        if sector is None and titles:
            sector = titles[-1].sector
        role_title = role.title.lower() if role is not None and coding.how == "role" else ""
        return self._coded(span, entry, country, sector, how, st, role_title=role_title)

    # -- 3: descriptions
    def _description(self, phrase: Phrase, st: _State, own: list[int], sentence: int) -> list[Coded]:
        doc, m = st.doc, st.matches
        first = doc[phrase.start]
        if first.lower_ not in ("the", "both") or phrase.possessor is not None or phrase.of_phrase is not None:
            return []
        if any(m.name(i) is not None for i in own):
            return []
        head = doc[phrase.head]
        tokens = [doc[i] for i in (own[1:] if first.lower_ == "the" else own)]
        if any(t.pos_ == "PROPN" or t.text[:1].isupper() and t.i != phrase.start for t in tokens):
            return []  # "the Kano State government" names its owner: not a description
        words = [t.lower_ for t in tokens]
        for key in (" ".join(words), " ".join(words[-2:]), head.lower_, head.lemma_.lower()):
            desc = self.grammar.description(key)
            if desc is not None:
                return self.coref.describe(desc, phrase.start, phrase.end, st.history, sentence)
        return []

    # -- 4: agent nouns
    def _agent_head(self, phrase: Phrase, st: _State, own: list[int], former: bool, sentence: int) -> _Result:
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        agent = m.agent(head.i)
        title = m.title(head.i)
        sector = agent.sector if agent is not None else (title.sector if title is not None else None)
        label = agent.text if agent is not None else (title.text.lower() if title is not None else head.lower_)
        # "the army spokesman", "the foreign ministry official": the owner's sector.
        if head.lower_ in self.grammar.role_nouns or head.lemma_.lower() in self.grammar.role_nouns:
            inner = [m.agent(i) for i in own if i < (agent.start if agent else head.i) and m.agent(i) is not None]
            if inner and inner[-1] is not None and inner[-1].sector is not None:
                sector = inner[-1].sector
        if sector is None:
            # "a paramilitary group", "the military leadership": a noun without a sector
            # of its own takes the one of its modifiers
            for i in reversed([i for i in own if i < head.i]):
                inner = m.agent(i)
                sector = inner.sector if inner is not None else (
                    self.kb.agent_sector(doc[i].lower_) if doc[i].pos_ in ("ADJ", "NOUN") else None)
                if sector is not None:
                    break
        end = phrase.end
        owners: list[tuple[Coded, str]] = []
        if phrase.possessor is not None:
            owners += [(c, "possessive") for c in self._resolve(phrase.possessor, st).refs]
        if not owners and phrase.of_phrase is not None:
            of_refs = self._resolve(phrase.of_phrase, st).refs
            if of_refs:
                owners += [(c, "of") for c in of_refs]
                end = max(end, phrase.of_phrase.full_end)
            else:
                # "the government of Sindh province", "a missionary from Calgary"
                place = self._resolve_place(phrase.of_phrase, st)
                entry = self.kb.get(place) if place else None
                if entry is not None:
                    owners.append((self._coded((phrase.of_phrase.start, phrase.of_phrase.end), entry,
                                               entry.country, None, "place", st), "place"))
                    end = max(end, phrase.of_phrase.full_end)
        # "ethnic Albanian guerrillas" are not Albania's: an ethnic demonym owns nothing
        named = [(c, "name") for c in self._name_owners(own, st) if not self._ethnic(c, st)]
        if owners and named and all(o.country is None and o.actor_id is None for o, _ in owners):
            # "the Nigerian Union of Teachers": the teachers own no country, the demonym does
            owners = named
        if not owners:
            owners += named
        if not owners:
            place = self._place_owner(own, st)
            if place is not None:
                owners.append((place, "place"))
        plural = head.tag_ in _PLURAL_TAGS
        out: list[Coded] = []
        if owners:
            coordinated = [o for o in owners if o[1] == "name"]
            if len(coordinated) > 1 and self._coordinated(coordinated, st):
                # "Russian and Chinese officials": one actor per owner, each over its own words.
                for owner, _ in coordinated:
                    out.append(self._owned(owner, sector, "name", (owner.start, owner.end), plural, former, st, head))
                return _Result(out)
            owner, via = owners[0]
            out.append(self._owned(owner, sector, via, (phrase.start, end), plural, former, st, head))
            return _Result(out)
        if sector is None:
            return _Result(subs=self._inner_names(phrase, st, own))  # "supporters": nobody in particular
        country = None
        how = "agent-noun"
        if phrase.in_phrase is not None and (sector not in self.grammar.foreign_prone_sectors
                                             or self._kin_states(own, st) is not None):
            # "Moslem forces in east Bosnia": the forces of a people are local even where
            # troops of a state would not be
            place = self._resolve_place(phrase.in_phrase, st)
            if place is not None:
                country = place
                end = max(end, phrase.in_phrase.full_end)
                how = "agent-noun+place"
        if country is None and phrase.in_phrase is None and sector in self.grammar.resident_sectors \
                and head.lower_ not in self.grammar.visitor_nouns and head.lemma_.lower() not in self.grammar.visitor_nouns:
            # "people blocked streets in Hong Kong", "students marched in Dhaka": residents
            # act where they live
            place = self._clause_place(head, st)
            if place is not None:
                country, how = place, "agent-noun+clause-place"
        if country is None and sector not in ("IGO", "NGO"):
            # a people ("Tamil refugees", "ethnic Turks' leaders") or an organisation the
            # knowledge base does not know ("the Homeland Union", "the Umma party"): the
            # one country the text names as a home
            kin = self._kin_states(own, st)
            if kin is not None or self._unknown_name(phrase, st, own):
                country = self._home_country(st, exclude=kin or frozenset())
                if country is not None:
                    how = "agent-noun+document"
        if former:
            sector = self.grammar.former_sector
        entry = self.kb.get(country) if country else None
        coded = Coded(
            phrase.start, end, entry.name if entry else label, entry.id if entry else None, country, sector,
            "state" if entry else "group", how, plural=plural, sentence=sentence,
        )
        return _Result([coded])

    def _placed_relation(self, phrase: Phrase, st: _State, own: list[int], sentence: int) -> Coded | None:
        """"Israel's militia ally in southern Lebanon", "Russia's partners in Syria": the
        other party, placed by the "in" phrase, is of that place; a sector noun among the
        modifiers gives its sector."""
        if phrase.in_phrase is None:
            return None
        country = self._resolve_place(phrase.in_phrase, st)
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
                     "state", "relation+place", plural=head.tag_ in _PLURAL_TAGS, sentence=sentence)

    def _clause_place(self, head: Token, st: _State) -> str | None:
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
                place = self._resolve_place(self.matcher.build(pobj, st.matches), st)
                if place is not None:
                    return place
        return None

    def _kin_states(self, own: list[int], st: _State) -> frozenset[str] | None:
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

    def _unknown_name(self, phrase: Phrase, st: _State, own: list[int]) -> bool:
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

    def _ethnic(self, c: Coded, st: _State) -> bool:
        """Is this demonym preceded by an ethnic word ("ethnic Albanian")?"""
        return c.how == "demonym" and c.start > 0 and st.doc[c.start - 1].lower_ in self.grammar.ethnic_words

    def _owned(self, owner: Coded, sector: str | None, via: str, span: tuple[int, int], plural: bool,
               former: bool, st: _State, head: Token) -> Coded:
        """An agent noun's actor given its owner: an armed group or organisation is the
        actor itself ("Taliban fighters"); a state, an IGO, a person, a city or another
        agent gives the country, the noun the sector ("Pakistani troops")."""
        sentence = st.sentences[span[0]] if st.sentences else 0
        how = {"possessive": "possessive", "of": "possessive", "place": "place+agent"}.get(via, "")
        if owner.kind in ("armed_group", "org") and owner.actor_id is not None:
            return replace(owner, start=span[0], end=span[1], sector=owner.sector or sector,
                           how=how or "alias+agent", plural=plural, sentence=sentence, names=frozenset())
        if not how:
            how = {"demonym": "demonym+agent", "metonymy": "metonym+agent"}.get(owner.how, "alias+agent")
        if owner.kind == "group" or owner.actor_id is None:
            # another agent ("the provincial governor's spokesman"): its country; a noun
            # that speaks for its owner takes the owner's sector
            role = head.lower_ in self.grammar.role_nouns or head.lemma_.lower() in self.grammar.role_nouns
            sector = owner.sector if role and owner.sector else sector
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

    def _coordinated(self, owners: list[tuple[Coded, str]], st: _State) -> bool:
        """Are these modifiers joined by a conjunction ("Russian and Chinese")?"""
        tokens = [st.doc[o.end - 1] for o, _ in owners]
        return any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for t in tokens)

    def _name_owners(self, own: list[int], st: _State, exclude: NameMatch | None = None) -> list[Coded]:
        """Knowledge-base names among the modifiers, nearest to the head first."""
        seen: set[tuple[int, int]] = set()
        out: list[Coded] = []
        for i in reversed(own):
            nm = st.matches.name(i)
            if nm is None or nm is exclude or (nm.start, nm.end) in seen:
                continue
            if nm.start < own[0] or nm.end - 1 > own[-1]:
                continue
            if self.matcher.not_owner(nm.start, nm.end, st.doc):
                continue  # "pro-Iranian militia", "Syrian-backed fighters"
            seen.add((nm.start, nm.end))
            hit = self._choose(nm.hits, st)
            coding = self.kb.code_at(hit.entry, st.day)
            how = {"metonym": "metonymy", "demonym": "demonym"}.get(hit.how, "alias")
            sector = hit.sector if hit.how == "metonym" else coding.sector
            out.append(self._coded((nm.start, nm.end), hit.entry, coding.country or hit.entry.country, sector, how, st))
        return out

    def _place_owner(self, own: list[int], st: _State) -> Coded | None:
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
        sentence = st.sentences[words[0].i] if st.sentences else 0
        return Coded(words[0].i, words[-1].i + 1, entry.name if entry else country, entry.id if entry else None,
                     country, None, "state", "place", sentence=sentence)

    def _resolve_place(self, phrase: Phrase, st: _State) -> str | None:
        """The country of the place in an "in ..." phrase: a state, a capital, a city."""
        nm = st.matches.name(phrase.head)
        if nm is not None:
            hit = self._choose(nm.hits, st)
            if hit.entry.kind == "state" or hit.how == "metonym":
                return hit.entry.country
            return None
        head = st.doc[phrase.head]
        if head.pos_ == "PROPN" or head.lower_ in self.gazetteer.subdivision_words:
            # "Monrovia", "Sindh province"
            words = [t.text for t in st.doc[phrase.start:phrase.end] if t.pos_ == "PROPN" or t.i == head.i]
            return self.gazetteer.country_of_place(" ".join(words))
        return None

    # -- 5: persons
    def _person_span(self, phrase: Phrase, st: _State) -> tuple[int, int] | None:
        """The name of a person heading the phrase: a PERSON entity, or capitalised
        words right after a title ("General Thierry Burkhard")."""
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        span = m.person(head.i)
        if span is not None and head.pos_ in _NAME_POS and m.agent(head.i) is None:
            start, end = span
            while start < end - 1 and (m.title(start) is not None or start in m.former or doc[start].lower_ == "the"):
                start += 1
            return start, end
        if head.pos_ not in _NAME_POS:
            return None
        start = head.i
        while start > phrase.start and doc[start - 1].pos_ in _NAME_POS and m.title(start - 1) is None:
            start -= 1
        if start > 0 and m.title(start - 1) is not None and m.agent(head.i) is None:
            return start, head.i + 1
        return None

    def _titles_before(self, name_start: int, st: _State, own: list[int]):  # type: ignore[no-untyped-def]
        return [st.matches.title(i) for i in own if i < name_start and st.matches.title(i) is not None]

    def _person_head(self, phrase: Phrase, person: tuple[int, int], st: _State, own: list[int],
                     former: bool, sentence: int) -> _Result:
        doc, m = st.doc, st.matches
        span = (phrase.start, max(phrase.end, person[1]))
        words = [t.text for t in doc[person[0]:person[1]] if not t.is_punct and t.tag_ != "POS"]
        titles = self._titles_before(person[0], st, own)
        # an earlier mention of the same person in this document
        earlier = self.coref.partial(words, span[0], span[1], st.history, sentence)
        if earlier is not None:
            return _Result([earlier])
        # a knowledge-base person under another spelling
        entry = self.people().find(words, st.day)
        if entry is not None:
            return _Result([self._known_person(entry, span, st, own, former, "name-variant")])
        # a town the recogniser took for a person ("students in Sivas")
        if not any(t is not None for t in titles) and self.matcher.is_locative(doc[phrase.head]) \
                and self.gazetteer.country_of_place(" ".join(words)):
            return _Result()
        # an unknown person: the title or agent noun gives the sector, a demonym the country
        sector = next((t.sector for t in reversed(titles) if t is not None and t.sector), None)
        agents = [m.agent(i) for i in own if i < person[0] and m.agent(i) is not None]
        if sector is None and agents and agents[-1] is not None:
            sector = agents[-1].sector
        country = None
        owners = []
        if phrase.possessor is not None:
            owners = self._resolve(phrase.possessor, st).refs
        owners = owners or self._name_owners([i for i in own if i < person[0]], st)
        if owners:
            country = owners[0].country
            if owners[0].kind in ("armed_group", "org", "igo") and sector is None:
                sector = owners[0].sector
        described = sector is not None or bool(titles) or bool(agents)
        how = "title+person" if described else "unknown-person"
        if country is None and sector not in (None, "UNK") and sector not in self.grammar.foreign_prone_sectors \
                and self._home_country(st) is not None:
            # "President Levy Mwanawasa ... the Zambian people": an office holder the
            # knowledge base does not know, in a text that names one country, is of it
            country = self._home_country(st)
            how = "title+person+document"
        if former and described:
            sector = self.grammar.former_sector
        role = ""
        if titles and titles[-1] is not None:
            role = titles[-1].text
        elif agents and agents[-1] is not None:
            role = agents[-1].text
        name = " ".join(doc[person[0]:person[1]].text.split())
        return _Result([Coded(
            span[0], span[1], name, None, country, sector or "UNK", "person", how, sentence=sentence,
            names=name_words(name), role_title=role.lower(),
        )])

    def _home_country(self, st: _State, exclude: frozenset[str] = frozenset()) -> str | None:
        """The one country a text names as a home ("the Zambian people", "the Kenya
        Anti-Corruption Commission", "rebels in the Ivory Coast", a group based there
        such as UNITA, "Sweden's decision") rather than only as a party an actor deals
        with ("threatened Russia", "sent back to Bulgaria"). Only a home may lend its
        country to an unknown office holder, an unknown organisation or a people.

        exclude: countries that do not count (an ethnic group's own demonym: "ethnic
        Albanians" are not the home that "Albanian" names).
        """
        countries: set[str] = set()
        homes: set[str] = set()
        for nm in st.matches.names:
            entries = {h.entry.id for h in nm.hits}
            entry = nm.hits[0].entry
            if len(entries) != 1 or entry.kind not in ("state", "org", "armed_group") or not entry.country:
                continue
            if entry.country in exclude or self.matcher.not_owner(nm.start, nm.end, st.doc):
                continue
            if entry.kind == "org" and entry.sector == "JRN":
                continue  # "according to the New York Times": a source, not where the story is
            before = st.matches.name(nm.start - 1) if nm.start > 0 else None
            if nm.hits[0].how == "demonym" and before is not None and before.hits[0].entry.kind == "state":
                continue  # "Bosnian Croats" live in Bosnia: "Croat" names no home
            countries.add(entry.country)
            last = st.doc[nm.end - 1]
            if entry.kind != "state" or nm.hits[0].how == "demonym" \
                    or last.dep_ in ("compound", "amod", "poss", "nmod") \
                    or (last.dep_ == "pobj" and last.head.lower_ in self.grammar.home_preps):
                homes.add(entry.country)
        if len(homes) == 1:
            return next(iter(homes))
        return None

    def _with_appositive(self, phrase: Phrase, result: _Result, st: _State) -> _Result:
        """Join a name and its description: "Harry Tseng, Taiwan's deputy foreign
        minister", "the Taliban's spokesman, Zabihullah Mujahid"."""
        if phrase.appos is None:
            return result
        other = self._resolve(phrase.appos, st).refs
        end = phrase.appos.full_end
        if len(other) != 1:
            return result
        extra = other[0]
        head = st.doc[phrase.head]
        if any(c.dep_ == "conj" and head.i < c.i < phrase.appos.start for c in head.children):
            return result  # "Azerbaijanis and Armenians, an editor at ...": not the first conjunct's
        if not result.refs:
            # "the civil war in Liberia, the World Food Program said": a place has no appositive
            if head.pos_ in _NAME_POS and extra.kind != "person" and not self.matcher.is_locative(head):
                return _Result([replace(extra, start=phrase.start, end=end)])
            return result
        if len(result.refs) != 1:
            return result
        base = result.refs[0]
        if base.kind == "person" and extra.kind != "person":
            if base.actor_id is None:
                base = replace(base, country=base.country or extra.country,
                               sector=extra.sector if base.sector in (None, "UNK") else base.sector,
                               how="title+person")
            return _Result([replace(base, end=end)])
        if base.kind != "person" and extra.kind == "person" and base.actor_id in (None, base.country):
            if extra.actor_id is None:
                extra = replace(extra, country=extra.country or base.country,
                                sector=base.sector if extra.sector in (None, "UNK") else extra.sector,
                                how="title+person")
            return _Result([replace(extra, start=phrase.start, end=end)])
        if base.actor_id is not None and base.kind not in ("person",) and extra.actor_id in (None, extra.country):
            return _Result([replace(base, end=end)])
        return result

    # -- 6: not an actor, but names inside it are
    def _inner_names(self, phrase: Phrase, st: _State, own: list[int]) -> list[Coded]:
        out: list[Coded] = []
        if phrase.possessor is not None:
            out += self._resolve(phrase.possessor, st).refs
        for owner in reversed(self._name_owners(own, st)):
            if owner.how in ("demonym", "metonymy"):
                continue  # "Russian weapons", "the Kabul airport": not actors
            if owner.kind == "state" and self.matcher.is_locative(st.doc[phrase.head], state=True):
                continue
            out.append(owner)
        return out

    # ---------------------------------------------------------------- helpers

    def _relative(self, token: Token, st: _State) -> list[Coded]:
        """"whose", "who", "which": the actor the relative clause hangs on."""
        clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
        if clause is None:
            return []
        noun = clause.head
        sentence = st.sentences[token.i] if st.sentences else 0
        for h in reversed(st.history):
            if h.start <= noun.i < h.end:
                return [replace(h, start=token.i, end=token.i + 1, sentence=sentence, how="coreference", group=-1)]
        return []

    def _expletive(self, token: Token) -> bool:
        """"It is likely that ...", "it seems ...": no actor."""
        if token.dep_ == "expl":
            return True
        verb = token.head
        if token.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in self.grammar.expletive_verbs:
            if any(c.dep_ == "acomp" and c.lemma_.lower() in self.grammar.agentive_adjectives for c in verb.children):
                return False  # "it is willing to withdraw its troops": a subject that acts
            return any(c.dep_ in ("ccomp", "xcomp", "csubj", "advcl") for c in verb.children) or \
                any(c.dep_ == "acomp" for c in verb.children)
        return False

    def people(self) -> "_PersonIndex":
        if self._people is None:
            self._people = _PersonIndex(self.kb)
        return self._people

    def _main(self, doc: Doc, coded: list[Coded]) -> Coded | None:
        """The actor a whole phrase names: the widest mention over its root."""
        if not coded:
            return None
        root = next(iter(doc.sents)).root if doc.has_annotation("DEP") else doc[-1]
        covering = [c for c in coded if c.start <= root.i < c.end]
        if not covering:
            return None
        return max(covering, key=lambda c: (c.end - c.start, -c.start))

    def _flat(self, st: _State) -> Coded | None:
        """Read a verbless phrase as one noun phrase headed by its last noun, whatever
        the parser made of it (short phrases parse badly: "Boko Haram gunmen")."""
        doc = st.doc
        if any(t.pos_ not in _FLAT_POS for t in doc):
            return None
        nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN")]
        if not nouns:
            return None
        head = nouns[-1]
        st.history = []
        result = self._resolve(Phrase(head.i, 0, head.i + 1), st)
        return result.refs[0] if len(result.refs) == 1 else None

    def _fallback(self, st: _State, coded: list[Coded]) -> Coded | None:
        """A phrase whose head is no actor, read as one anyway (resolve_text is told it
        names an actor): the last agent noun gives the sector ("gang confederations"),
        a state or the actor inside gives the country ("Syrian island": country, UNK)."""
        agents = [a for a in st.matches.agents if a.sector is not None]
        inner = max(coded, key=lambda c: (c.end - c.start, -c.start)) if coded else None
        country = inner.country if inner is not None else None
        state = None
        for nm in st.matches.names:
            hit = self._choose(nm.hits, st)
            if hit.entry.kind == "state":
                state = hit
                country = country or self.kb.code_at(hit.entry, st.day).country or hit.entry.country
                break
        if agents:
            entry = self.kb.get(country) if country else None
            return Coded(0, len(st.doc), entry.name if entry else agents[-1].text, entry.id if entry else None,
                         country, agents[-1].sector, "state" if entry else "group", "agent-noun")
        if inner is not None:
            return replace(inner, start=0, end=len(st.doc))
        if state is not None:
            return Coded(0, len(st.doc), state.entry.name, state.entry.id, country, "UNK", "state",
                         "demonym" if state.how == "demonym" else "alias")
        return None


# -------------------------------------------------------------------- indexes


def _conjunct_roots(doc: Doc) -> dict[int, int]:
    """Token index -> first token of its coordination ("Russia and Pakistan")."""
    out: dict[int, int] = {}
    for token in doc:
        if token.dep_ == "conj":
            continue
        members = [token, *token.conjuncts]
        if len(members) > 1:
            root = min(m.i for m in members)
            for m in members:
                out[m.i] = root
    return out


def _entity_span(token: Token) -> "Span | None":
    """The place name a token belongs to ("Gaza Strip" for "Strip"): its place entity,
    or the run of proper nouns around it when the recogniser tagged none."""
    doc = token.doc
    if token.ent_type_ in _PLACE_LABELS:
        for ent in doc.ents:
            if ent.start <= token.i < ent.end:
                words = [t for t in ent if t.lower_ != "the"]
                return doc[words[0].i:words[-1].i + 1] if words else None
    if token.pos_ != "PROPN" or token.ent_type_:
        return None
    start, end = token.i, token.i + 1
    while start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_:
        start -= 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        end += 1
    return doc[start:end]


def _edge_punct(token: Token) -> bool:
    """Punctuation or a symbol that should not open or close a mention ("| Professor")."""
    return token.tag_ != "POS" and not any(c.isalnum() for c in token.text)


def _first_word(doc: Doc) -> int:
    """Index of the first token after leading determiners and punctuation."""
    i = 0
    while i < len(doc) - 1 and (doc[i].pos_ in ("DET", "PUNCT")):
        i += 1
    return i


class _PersonIndex:
    """Knowledge-base persons by surname, for names written another way
    ("Aleksandr Lukashenko", "Museveni"): used only when the match is unique."""

    def __init__(self, kb: KnowledgeBase) -> None:
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

    def find(self, words: list[str], day: date | None = None) -> ActorEntry | None:
        """The one person these words name; among several with the surname, the one
        in office on `day` ("President Bush" in 1990 and in 2005)."""
        folded = [w for w in (fold(x) for x in words) for w in w.split()]
        folded = [w for w in folded if w not in ("jr", "sr")]
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
