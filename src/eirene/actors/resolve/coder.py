"""Deciding who each actor mention is, on the story date: ActorCoder.

The "resolve" half of actor coding. `ActorMatcher` found names, agent nouns, titles and
noun phrases; `ActorCoder` reads each phrase and decides, in this order:

1. a pronoun or a definite description ("he", "the group") -> the most recent
   compatible actor (references.py, handing over to coref.py), how="coreference";
2. a knowledge-base name as the head ("Pakistan", "the Taliban", "President Ghani",
   "Kabul" as subject or object but not after "in") -> that entry, coded on the date
   (named.py: how="alias", "title+alias", "metonymy", "demonym");
3. an agent noun or title as the head ("Pakistani troops", "Pakistan's security
   establishment", "the president of Afghanistan", "militants") -> the sector of the
   noun and the country (or the armed group, party ...) of its owner: a demonym, a
   name, a possessive, an "of" phrase, a city, or a place after "in" (agents.py: how=
   "demonym+agent", "alias+agent", "possessive", "agent-noun" ...);
4. a person's name ("Afghan official Ahmad Noori", "Baradar") -> an earlier mention of
   the same person (how="partial"), a knowledge-base person under a variant spelling
   (how="name-variant"), or an unknown person whose title or agent noun gives the
   sector and whose demonym or possessive gives the country (persons.py:
   how="title+person"; sector "UNK" when nothing is known, how="unknown-person");
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

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from eirene.actors.coref import Coded, Coreference
from eirene.actors.grammar import Grammar
from eirene.actors.entries import UNDATED, UNDATED_DAY
from eirene.actors.kb import KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Phrase, sentence_index
from eirene.actors.resolve.agents import AgentReader
from eirene.actors.resolve.named import NamedHeadReader
from eirene.actors.resolve.names import NameReader
from eirene.actors.resolve.persons import PersonReader
from eirene.actors.resolve.org_names import OrganisationNameReader
from eirene.actors.resolve.places import PlaceReader
from eirene.actors.resolve.references import ReferenceReader
from eirene.actors.speakers import DiscourseWords
from eirene.actors.resolve.state import FLAT_POS, NAME_POS, Result, State, conjunct_roots, edge_punct, first_word
from eirene.dates import to_date
from eirene.gazetteer import Gazetteer
from eirene.records import ActorRef


def actor_sector_string(ref: ActorRef) -> str:
    """The sector as a plain string: "" for a state as a whole (sector None)."""
    return ref.sector or ""


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
        self.names = NameReader(kb, self.grammar, self.matcher)
        self.places = PlaceReader(kb, self.grammar, self.matcher, self.gazetteer, self.names)
        self.persons = PersonReader(kb, self.grammar, self.matcher, self.gazetteer, self.coref, self.names,
                                    self._resolve)
        self.named = NamedHeadReader(kb, self.grammar, self.matcher, self.names, self.places, self.persons)
        self.organisations = OrganisationNameReader(kb, self.grammar, self.names, self.places)
        self.agents = AgentReader(kb, self.grammar, self.matcher, self.names, self.places, self._resolve)
        deaths = {entry.id: entry.died for entry in kb.entries() if entry.died}
        self.references = ReferenceReader(self.grammar, self.coref, deaths, DiscourseWords.load().speech_verbs)

    # ------------------------------------------------------------------ public API

    def code_doc(self, doc: Doc, date: str | None) -> list[ActorRef]:
        """Every actor mention in `doc`, sorted by start, with document character offsets.

        doc (Doc): a parsed document (tagger, parser and NER).
        date (str | None): the story date, ISO; None or "today" codes on today's date;
            UNDATED (no date known) gives every actor its least date-dependent code.
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
        return self.places.country_modifier(token, as_place)

    def resolve_text(self, text: str, date: str | None = None, context: str | None = None,
                     nlp: Language | None = None) -> ActorRef | None:
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
            found = self.names.countries(self.matcher.match(nlp(context)))
            state.context_countries = found
            state.countries = state.countries | found
        best = self._best_reading(doc, state)
        if best is None:
            return None
        if best.country is None and best.kind != "person" and len(state.context_countries) == 1:
            (country,) = state.context_countries
            best = replace(best, country=country, how=f"{best.how}+context")
        if best.actor_id is None and best.country is None and best.sector in (None, "UNK"):
            return None
        return self._to_ref(doc, best)

    # ---------------------------------------------------------------- document loop

    def _state(self, doc: Doc, date: str | None) -> State:
        if date == UNDATED:
            day = UNDATED_DAY  # no date known: least date-dependent codes (KnowledgeBase.code_at)
        else:
            try:
                day = to_date(date)
            except ValueError:
                day = to_date(None)
        matches = self.matcher.match(doc)
        state = State(doc, matches, day, sentence_index(doc))
        state.countries = self.names.countries(matches)
        return state

    def _code(self, state: State) -> list[Coded]:
        """Resolve every phrase in order; keep the disjoint ones and remember them."""
        taken: set[int] = set()
        out: list[Coded] = []
        # Outer phrases first: "a Somalia-based paramilitary group" before "Somalia".
        phrases = sorted(self.matcher.phrases(state.doc, state.matches), key=lambda p: (p.start, -p.full_end))
        if not state.doc.has_annotation("DEP"):
            # no parse: the names alone, each its own phrase ("Pakistani" needs its noun)
            phrases = [Phrase(n.end - 1, n.start, n.end) for n in state.matches.names if n.hits[0].how != "demonym"]
        conjoined = conjunct_roots(state.doc)
        for phrase in phrases:
            if phrase.head in taken:
                continue
            result = self._resolve(phrase, state)
            found = result.refs or result.subs
            accepted: list[Coded] = []
            for span in sorted({(c.start, c.end) for c in found}):
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
                c = replace(c, group=group, subject=_is_subject(state.doc, c))
                out.append(c)
                state.history.append(c)
        return sorted(out, key=lambda c: (c.start, c.end))

    def _to_ref(self, doc: Doc, c: Coded) -> ActorRef:
        start, end = c.start, c.end
        while end - start > 1 and edge_punct(doc[start]):
            start += 1
        while end - start > 1 and edge_punct(doc[end - 1]):
            end -= 1
        span = doc[start:end]
        entry = self.kb.get(c.actor_id) if c.actor_id else None
        # the entry's second code (PRE, OPP ...) qualifies what it is coded as, not a
        # former official's or a private person's code
        secondary = entry.secondary_sector if entry is not None and c.sector not in (None, "ELI", "CVL") else None
        secondary = c.secondary or secondary
        return ActorRef(
            text=span.text, name=c.name, actor_id=c.actor_id, country=c.country, sector=c.sector,
            kind=c.kind, start=span.start_char, end=span.end_char, how=c.how,
            secondary_sector=secondary if secondary != c.sector else None,
        )

    # ------------------------------------------------------------------ one phrase

    def _resolve(self, phrase: Phrase, st: State) -> Result:
        """The actors a phrase names (or, when it names none, the actors inside it)."""
        doc, m = st.doc, st.matches
        head = doc[phrase.head]
        sentence = st.sentence(head.i)
        pronoun = self.references.pronoun(phrase, st, sentence)
        if pronoun is not None:
            return pronoun
        if head.pos_ == "PRON":
            return Result()
        own = [i for i in range(phrase.start, phrase.end) if not phrase.in_possessor(i)]
        if doc[phrase.start].lower_ in self.grammar.non_referring_determiners:
            return Result()  # "no country would accept that"
        former = any(i in m.former for i in own)
        head_name = m.name(head.i)
        if head_name is not None:
            result = self.named.named_head(phrase, head_name, st, own, former)
        else:
            result = self._unnamed_head(phrase, st, own, former, sentence)
        return self._with_appositive(phrase, result, st)

    def _unnamed_head(self, phrase: Phrase, st: State, own: list[int], former: bool, sentence: int) -> Result:
        """A phrase whose head is no knowledge-base name: a description, a collective, an
        agent noun or title, a person, or nobody (with the names inside it)."""
        head = st.doc[phrase.head]
        described = self.references.description(phrase, st, own, sentence)
        if described:
            return Result(described)
        # collectives: "a team of police", "hundreds of protesters"
        if phrase.of_phrase is not None and (head.lower_ in self.grammar.collective_nouns
                                             or head.lemma_.lower() in self.grammar.collective_nouns):
            inner = self._resolve(phrase.of_phrase, st)
            if inner.refs:
                end = phrase.of_phrase.full_end
                return Result([replace(c, start=phrase.start, end=max(end, c.end)) for c in inner.refs])
        # "a U.S. ally" is somebody else
        if head.lower_ in self.grammar.relational_nouns:
            placed = self.agents.placed_relation(phrase, st, own, sentence)
            if placed is not None:
                return Result([placed])
            return Result(subs=[replace(c, inner=True) for c in self.agents.inner_names(phrase, st, own)])
        agent = st.matches.agent(head.i)
        title = st.matches.title(head.i)
        person = self.persons.person_span(phrase, st)
        organisation = self.organisations.unknown_organisation(phrase, st) if person is None else None
        if organisation is not None and organisation.country is not None:
            return Result([organisation])  # "the Kenya Medical Association"
        if person is None and (agent is not None or (title is not None and title.sector is not None)):
            return self.agents.agent_head(phrase, st, own, former, sentence)
        if person is not None:
            return self.persons.person_head(phrase, person, st, own, former, sentence)
        if organisation is not None:
            return Result([organisation])
        if head.pos_ in NAME_POS:
            surname = self.persons.surname_head(phrase, st, own, former, sentence)
            if surname is not None:
                return surname
            place = self.places.place_actor(phrase, st)
            if place is not None:
                return Result([place])
        return Result(subs=self.agents.inner_names(phrase, st, own))

    def _with_appositive(self, phrase: Phrase, result: Result, st: State) -> Result:
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
            if head.pos_ in NAME_POS and extra.kind != "person" and not self.matcher.is_locative(head):
                return Result([replace(extra, start=phrase.start, end=end)])
            return result
        if len(result.refs) != 1:
            return result
        joined = _joined(result.refs[0], extra, phrase.start, end)
        return Result([joined]) if joined is not None else result

    # ------------------------------------------------------------ resolve_text

    def _best_reading(self, doc: Doc, st: State) -> Coded | None:
        """The actor a short phrase names: the widest mention over its root, else the
        phrase read as one noun phrase, else its head read as an actor anyway."""
        coded = self._code(st)
        best = self._main(doc, coded)
        if best is None or best.start > first_word(doc) or best.end < len(doc):
            flat = self._flat(st)
            if flat is not None:
                best = flat
        if best is None:
            best = self._fallback(st, coded)
        return best

    def _main(self, doc: Doc, coded: list[Coded]) -> Coded | None:
        """The actor a whole phrase names: the widest mention over its root."""
        if not coded:
            return None
        root = next(iter(doc.sents)).root if doc.has_annotation("DEP") else doc[-1]
        covering = [c for c in coded if c.start <= root.i < c.end]
        if not covering:
            return None
        return max(covering, key=lambda c: (c.end - c.start, -c.start))

    def _flat(self, st: State) -> Coded | None:
        """Read a verbless phrase as one noun phrase headed by its last noun, whatever
        the parser made of it (short phrases parse badly: "Boko Haram gunmen")."""
        doc = st.doc
        if any(t.pos_ not in FLAT_POS for t in doc):
            return None
        nouns = [t for t in doc if t.pos_ in ("NOUN", "PROPN")]
        if not nouns:
            return None
        head = nouns[-1]
        st.history = []
        result = self._resolve(Phrase(head.i, 0, head.i + 1), st)
        return result.refs[0] if len(result.refs) == 1 else None

    def _fallback(self, st: State, coded: list[Coded]) -> Coded | None:
        """A phrase whose head is no actor, read as one anyway (resolve_text is told it
        names an actor): the last agent noun gives the sector ("gang confederations"),
        a state or the actor inside gives the country ("Syrian island": country, UNK)."""
        agents = [a for a in st.matches.agents if a.sector is not None]
        inner = max(coded, key=lambda c: (c.end - c.start, -c.start)) if coded else None
        if inner is None and not agents:
            whole = self._whole_name(st)
            if whole is not None:
                return whole
        country = inner.country if inner is not None else None
        state = None
        for nm in st.matches.names:
            hit = self.names.choose(nm.hits, st)
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
        # a bare place name, which short phrases parse as a common noun ("Mariupol")
        words = [t for t in st.doc if t.pos_ not in ("DET", "PUNCT")]
        if words and all(t.is_title for t in words):
            return self.places.place_words(words, st)
        return None


    def _whole_name(self, st: State) -> Coded | None:
        """A phrase that is one known name and nothing else, whatever the tagger made of
        it: an acronym alone is often tagged a verb or a plural noun ("ECOWAS")."""
        words = [t.i for t in st.doc if t.pos_ not in ("DET", "PUNCT")]
        found = [nm for nm in st.matches.names if words and nm.start <= words[0] and words[-1] < nm.end]
        if len(found) != 1 or len(st.matches.names) != 1:
            return None
        hit = self.names.choose(found[0].hits, st)
        if hit.how == "metonym":  # a capital or seat alone: read as one ("Kiev" tagged a common noun)
            refs = self.named.named_head(Phrase(found[0].end - 1, 0, len(st.doc)), found[0], st, [], False).refs
            return refs[0] if refs else None
        coding = self.kb.code_at(hit.entry, st.day)
        return self.names.coded((0, len(st.doc)), hit.entry, coding.country or hit.entry.country,
                                coding.sector, hit.how, st)


def _joined(base: Coded, extra: Coded, start: int, end: int) -> Coded | None:
    """One actor over a name and its appositive `extra`, or None when they do not join:
    a person takes what a non-person description adds ("Harry Tseng, Taiwan's deputy
    foreign minister"), a described person takes the description's place ("the
    Taliban's spokesman, Zabihullah Mujahid"), and a known entry absorbs an unknown one."""
    if base.kind == "person" and extra.kind != "person":
        if base.actor_id is None:
            base = replace(base, country=base.country or extra.country,
                           sector=extra.sector if base.sector in (None, "UNK") else base.sector, how="title+person")
        return replace(base, end=end)
    if base.kind != "person" and extra.kind == "person" and base.actor_id in (None, base.country):
        if extra.actor_id is None:
            extra = replace(extra, country=extra.country or base.country,
                            sector=base.sector if extra.sector in (None, "UNK") else extra.sector, how="title+person")
        return replace(extra, start=start, end=end)
    if base.actor_id is not None and base.kind != "person" and extra.actor_id in (None, extra.country):
        return replace(base, end=end)
    return None


def _is_subject(doc: Doc, c: Coded) -> bool:
    """Whether the mention is the subject of its clause: its span's head is a subject."""
    heads = [t for t in doc[c.start:c.end] if not c.start <= t.head.i < c.end or t.head.i == t.i]
    return bool(heads) and heads[0].dep_ in ("nsubj", "nsubjpass")
