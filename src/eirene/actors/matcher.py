"""Finding actor mentions in a parsed Doc: names, sector nouns, titles, noun phrases.

The "find" half of actor coding, kept apart from deciding who a mention is (the
resolver's job), as spaCy keeps `match` apart from `set_annotations`. Everything here
only looks at the text and the parse and returns plain records: which token spans name
a knowledge-base entry, which are agent nouns ("troops", "foreign ministry") or titles
("Gen."), and which maximal noun phrases might name an actor, with their possessor,
"of"-phrase, "in"-phrase and appositive. Nothing is written onto the Doc.

The English words the finder needs (locative prepositions, pronouns, definite
descriptions) are data: ``eirene/data/resolver/english.yaml``, read by `Grammar.load`
(eirene/actors/grammar.py).
DOCS: docs/actors.md
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from eirene.actors.grammar import Grammar
from eirene.actors.kb import AliasHit, KnowledgeBase

# Dependents that stay inside a noun phrase, before its head ("the Pakistani army
# chief"), and labels that never head an actor phrase of their own.
_NOT_PREMODIFIER = frozenset({"punct", "cc", "mark", "aux", "auxpass", "nsubj", "nsubjpass", "dobj",
                              "appos", "acl", "relcl", "prep", "ccomp", "xcomp", "advcl", "conj",
                              "advmod", "preconj"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "predet", "case", "nummod",
                            "quantmod", "punct", "cc", "prep", "aux", "auxpass", "mark", "advmod",
                            "neg", "prt", "acomp", "preconj", "dep", "intj", "expl"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
_ADJ_AS_NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "appos", "conj", "attr",
                               "dative", "oprd", "npadvmod"})
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_MAX_AGENT_WORDS = 4


# ------------------------------------------------------------------------ grammar


# ------------------------------------------------------------------------ records


@dataclass(frozen=True)
class NameMatch:
    """Tokens [start, end) that name knowledge-base entries; `hits` best first."""

    start: int
    end: int
    hits: tuple[AliasHit, ...]


@dataclass(frozen=True)
class WordMatch:
    """Tokens [start, end) forming an agent noun or a title, with the sector it gives."""

    start: int
    end: int
    sector: str | None
    text: str


@dataclass
class Matches:
    """Everything the finder saw in one Doc, indexed by token."""

    names: list[NameMatch]
    agents: list[WordMatch]
    titles: list[WordMatch]
    former: frozenset[int]
    persons: list[tuple[int, int]]  # PERSON entities, token spans
    _name_at: dict[int, NameMatch] = field(default_factory=dict, repr=False)
    _agent_at: dict[int, WordMatch] = field(default_factory=dict, repr=False)
    _title_at: dict[int, WordMatch] = field(default_factory=dict, repr=False)
    _person_at: dict[int, tuple[int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for name in self.names:
            for i in range(name.start, name.end):
                self._name_at[i] = name
        for agent in self.agents:
            for i in range(agent.start, agent.end):
                self._agent_at[i] = agent
        for title in self.titles:
            for i in range(title.start, title.end):
                self._title_at[i] = title
        for start, end in self.persons:
            for i in range(start, end):
                self._person_at[i] = (start, end)

    def name(self, i: int) -> NameMatch | None:
        return self._name_at.get(i)

    def agent(self, i: int) -> WordMatch | None:
        return self._agent_at.get(i)

    def title(self, i: int) -> WordMatch | None:
        return self._title_at.get(i)

    def person(self, i: int) -> tuple[int, int] | None:
        return self._person_at.get(i)


@dataclass(frozen=True)
class Phrase:
    """A maximal noun phrase that may name an actor.

    head: the syntactic head token. start/end: the phrase before its head and the head
    itself ("the Russian Foreign Ministry spokesperson"), widened to whole names.
    possessor: the phrase in the possessive ("Pakistan's"); of_phrase: the object of
    "of"/"for" after the head ("the president of Afghanistan"); in_phrase: the object of
    a static locative ("protesters in France"); appos: the appositive ("Tseng, Taiwan's
    deputy foreign minister"). The resolver decides which of these belong to the actor.
    """

    head: int
    start: int
    end: int
    possessor: "Phrase | None" = None
    of_phrase: "Phrase | None" = None
    in_phrase: "Phrase | None" = None
    appos: "Phrase | None" = None

    def own_tokens(self) -> range:
        """Token indices of the phrase itself, the possessor's excluded."""
        return range(self.start, self.end)

    def in_possessor(self, i: int) -> bool:
        return self.possessor is not None and self.possessor.start <= i < self.possessor.end

    @property
    def full_end(self) -> int:
        """End of the phrase with every extension after the head."""
        ends = [self.end] + [p.full_end for p in (self.of_phrase, self.in_phrase, self.appos) if p is not None]
        return max(ends)


# ------------------------------------------------------------------------ matcher


class ActorMatcher:
    """Finds names, agent nouns, titles and candidate noun phrases in a parsed Doc.

    kb (KnowledgeBase): where names, agent nouns and titles come from.
    grammar (Grammar): the English closed-class words.
    The PhraseMatchers are built once per vocabulary, from `kb.surface_forms()`: short
    all-capital forms ("US", "IS") match case-sensitively, the rest case-insensitively.
    """

    def __init__(self, kb: KnowledgeBase, grammar: Grammar | None = None) -> None:
        self.kb = kb
        self.grammar = grammar or Grammar.load()
        self._vocab: Vocab | None = None
        self._names: tuple[PhraseMatcher, PhraseMatcher] | None = None
        self._titles: PhraseMatcher | None = None
        self._forms: dict[int, str] = {}

    # -- building
    def _ensure(self, vocab: Vocab) -> None:
        if self._vocab is vocab:
            return
        import spacy

        tokenizer = spacy.blank("en").tokenizer
        by_orth = PhraseMatcher(vocab, attr="ORTH")
        by_lower = PhraseMatcher(vocab, attr="LOWER")
        forms: dict[int, str] = {}
        for form in self.kb.surface_forms():
            words = [t.text for t in tokenizer(form)]
            if not words:
                continue
            pattern = Doc(vocab, words=words)
            label = f"eirene-name:{form}"
            forms[vocab.strings.add(label)] = form
            letters = [c for c in form if c.isalpha()]
            if letters and len(letters) <= 4 and all(c.isupper() for c in letters):
                by_orth.add(label, [pattern])
            else:
                by_lower.add(label, [pattern])
        titles = PhraseMatcher(vocab, attr="LOWER")
        for form in self.kb.title_forms():
            words = [t.text for t in tokenizer(form)]
            if words:
                titles.add(f"eirene-title:{form}", [Doc(vocab, words=words)])
        self._names = (by_orth, by_lower)
        self._titles = titles
        self._forms = forms
        self._vocab = vocab

    # -- find
    def match(self, doc: Doc) -> Matches:
        """Names, agent nouns, titles, former-words and PERSON entities in `doc`."""
        self._ensure(doc.vocab)
        names = self._match_names(doc)
        taken = {i for n in names for i in range(n.start, n.end)}
        titles = self._match_titles(doc)
        agents = self._match_agents(doc, taken)
        former = frozenset(t.i for t in doc if self.kb.is_former_word(t.text))
        persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        return Matches(names, agents, titles, former, persons)

    def _match_names(self, doc: Doc) -> list[NameMatch]:
        """Knowledge-base names in `doc`: the longest of overlapping candidates, with their hits."""
        forms: dict[tuple[int, int], str] = {}  # candidate span -> the form to look up
        self._phrase_matches(doc, forms)
        self._entity_names(doc, forms)
        self._proper_noun_runs(doc, forms)
        self._hyphenated_names(doc, forms)
        out: list[NameMatch] = []
        for span in filter_spans([doc[start:end] for start, end in forms]):
            form = forms[(span.start, span.end)]
            hits = self.kb.lookup(form) or self.kb.lookup(span.text)
            if hits:
                out.append(NameMatch(span.start, span.end, tuple(hits)))
        return out

    def _phrase_matches(self, doc: Doc, forms: dict[tuple[int, int], str]) -> None:
        """Surface forms of the knowledge base, as the phrase matchers find them."""
        assert self._names is not None
        for matcher in self._names:
            for key, start, end in matcher(doc):
                span = doc[start:end]
                form = self._forms.get(key, span.text)
                if any(c.isupper() for c in form) and not any(t.text[:1].isupper() for t in span):
                    continue  # "turkey" the bird, "chad" the verb-like noun: names are capitalised
                forms[(start, end)] = form

    def _entity_names(self, doc: Doc, forms: dict[tuple[int, int], str]) -> None:
        """Names the phrase matcher cannot see (accents, spelling of a hyphen) via the entity
        recogniser, with leading titles and former-words dropped from PERSON entities."""
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            start, end = ent.start, ent.end
            while start < end - 1 and (self.kb.title_sector(doc[start].text)[0]
                                       or self.kb.is_former_word(doc[start].text)
                                       or doc[start].lower_ == "the"):
                start += 1
            while end > start + 1 and doc[end - 1].tag_ == "POS":
                end -= 1
            if (start, end) not in forms and self.kb.lookup(doc[start:end].text):
                forms[(start, end)] = doc[start:end].text

    def _proper_noun_runs(self, doc: Doc, forms: dict[tuple[int, int], str]) -> None:
        """Runs of proper nouns the recogniser missed, looked up whole (the lookup ignores
        accents and hyphens: "Hashim Thaci" finds "Hashim Thaçi")."""
        run: list[Token] = []
        for token in [*doc, None]:
            if token is not None and (token.pos_ == "PROPN" or (run and token.text == "-")):
                run.append(token)
                continue
            while run and run[-1].text == "-":
                run.pop()
            if run:
                start, end = run[0].i, run[-1].i + 1
                while start < end - 1 and self.kb.title_sector(doc[start].text)[0]:
                    start += 1
                if (start, end) not in forms and self.kb.lookup(doc[start:end].text):
                    forms[(start, end)] = doc[start:end].text
            run = []

    def _hyphenated_names(self, doc: Doc, forms: dict[tuple[int, int], str]) -> None:
        """One token holding names joined by a hyphen the tokenizer kept ("U.S.-Pakistan
        ties"): the token stands for the first name in it."""
        covered = {i for start, end in forms for i in range(start, end)}
        for token in doc:
            if token.i in covered or "-" not in token.text.strip("-") or not token.text[:1].isupper():
                continue
            for part in token.text.split("-"):
                if part and part[:1].isupper() and self.kb.lookup(part):
                    forms[(token.i, token.i + 1)] = part
                    break

    def _match_titles(self, doc: Doc) -> list[WordMatch]:
        assert self._titles is not None
        spans = [doc[s:e] for _, s, e in self._titles(doc)]
        out = []
        for span in filter_spans(spans):
            is_title, sector = self.kb.title_sector(span.text)
            if is_title:
                out.append(WordMatch(span.start, span.end, sector, span.text))
        return out

    def _match_agents(self, doc: Doc, taken: set[int]) -> list[WordMatch]:
        """Longest agent phrase ending at each noun, then the longest non-overlapping ones."""
        found: list[WordMatch] = []
        for token in doc:
            if not token.is_alpha or token.i in taken:
                continue
            if not (self.kb.may_end_agent(token.lower_) or self.kb.may_end_agent(token.lemma_)):
                continue
            for n in range(min(_MAX_AGENT_WORDS, token.i + 1), 0, -1):
                first = token.i - n + 1
                words = doc[first:token.i + 1]
                if any(t.i in taken or not (t.is_alpha or t.text == "-") for t in words):
                    continue
                if n == 1 and token.pos_ not in ("NOUN", "PROPN") and token.dep_ not in _ADJ_AS_NOUN_DEPS:
                    continue  # "military" in "military operation" is an adjective
                match = self._agent_phrase(words)
                if match is not None:
                    found.append(match)
                    break
        # Longest first; of equal length, the one ending on the phrase head ("intelligence
        # agency" over "military intelligence" in "military intelligence agency").
        doc_ = doc
        found.sort(key=lambda m: (-(m.end - m.start), doc_[m.end - 1].dep_ in ("compound", "amod", "nmod"), -m.start))
        kept: list[WordMatch] = []
        used: set[int] = set()
        for match in found:
            if not any(i in used for i in range(match.start, match.end)):
                kept.append(match)
                used.update(range(match.start, match.end))
        return sorted(kept, key=lambda m: m.start)

    def _agent_phrase(self, words: Span) -> WordMatch | None:
        text = " ".join(t.lower_ for t in words).replace(" - ", "-")
        candidates = [text]
        lemma = words[-1].lemma_.lower()
        if lemma and lemma != words[-1].lower_:
            candidates.append(" ".join([*(t.lower_ for t in words[:-1]), lemma]))
        for candidate in candidates:
            if self.kb.is_agent_noun(candidate):
                return WordMatch(words.start, words.end, self.kb.agent_sector(candidate), candidate)
        return None

    # -- noun phrases
    def phrases(self, doc: Doc, matches: Matches) -> list[Phrase]:
        """Every candidate actor phrase, in document order (they may nest or overlap:
        the resolver keeps the ones that name actors)."""
        out: list[Phrase] = []
        for token in doc:
            if not self.is_head(token, matches):
                continue
            out.append(self.build(token, matches))
        return out

    def is_head(self, token: Token, matches: Matches) -> bool:
        """Does `token` head a noun phrase of its own (not a modifier inside another)?"""
        unit = matches.name(token.i)
        if unit is not None and _span_root(token.doc, unit.start, unit.end).i != token.i:
            return False
        person = matches.person(token.i)
        if unit is None and person is not None and _span_root(token.doc, *person).i != token.i:
            return False
        if token.dep_ == "conj" and token.head.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
            return False  # "Chinese" in "Russian and Chinese officials" modifies like "Russian"
        if token.dep_ in _MODIFIER_DEPS:
            # A name whose parse leaves it a modifier of nothing nominal still counts.
            return (unit is not None and token.head.pos_ not in _NOMINAL_POS
                    and token.dep_ in ("compound", "nmod", "dep"))
        if token.pos_ in _NOMINAL_POS:
            return True
        return token.pos_ in ("ADJ", "DET") and token.dep_ in _ADJ_AS_NOUN_DEPS

    def build(self, head: Token, matches: Matches, depth: int = 0) -> Phrase:
        """The phrase headed by `head`, with its possessor and the phrases after it."""
        doc = head.doc
        start = head.i
        for child in head.lefts:
            if child.dep_ not in _NOT_PREMODIFIER:
                start = min(start, child.left_edge.i)
        end = head.i + 1
        # Whole names: a name or PERSON entity crossing the phrase boundary widens it.
        for i in range(start, end):
            for span in (matches.name(i), matches.person(i)):
                if span is None:
                    continue
                s, e = (span.start, span.end) if isinstance(span, NameMatch) else span
                start, end = min(start, s), max(end, e)
        while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
            start += 1
        # A title the parser left outside the name ("Lieutenant-General Asad Durrani").
        if head.pos_ == "PROPN":
            while start > 0 and (matches.title(start - 1) is not None or (start - 1) in matches.former):
                title = matches.title(start - 1)
                start = title.start if title is not None else start - 1
        possessor = of_phrase = in_phrase = appos = None
        if depth < 3:
            for i in range(start, head.i):
                tok = doc[i]
                if tok.dep_ == "poss" and start <= tok.head.i <= head.i and possessor is None:
                    if tok.pos_ != "PRON" or tok.lower_ in self.grammar.pronouns:
                        possessor = self.build(tok, matches, depth + 1)
            for child in head.rights:
                if child.dep_ == "prep":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is None:
                        continue
                    word = child.lower_
                    if word in self.grammar.owner_preps and of_phrase is None:
                        of_phrase = self.build(pobj, matches, depth + 1)
                    elif word in self.grammar.static_locative_preps and in_phrase is None:
                        in_phrase = self.build(pobj, matches, depth + 1)
                elif child.dep_ == "appos" and appos is None:
                    appos = self.build(child, matches, depth + 1)
                elif child.dep_ == "acl" and child.lemma_.lower() in self.grammar.placement_verbs and in_phrase is None:
                    # "a group based in Trinidad", "guerrillas operating in Macedonia"
                    for prep in child.children:
                        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                        if prep.dep_ == "prep" and prep.lower_ in self.grammar.static_locative_preps and pobj is not None:
                            in_phrase = self.build(pobj, matches, depth + 1)
                            break
        return Phrase(head.i, start, end, possessor, of_phrase, in_phrase, appos)

    def is_locative(self, token: Token, *, state: bool = False) -> bool:
        """Is `token` the object of a place preposition ("in Kabul")? For states only
        the static ones count ("in Afghanistan", not "aid to Afghanistan")."""
        while token.dep_ in ("conj", "appos") and token.head is not token:
            token = token.head
        if token.dep_ != "pobj":
            return False
        preps = self.grammar.static_locative_preps if state else self.grammar.locative_preps
        prep = token.head
        if prep.lower_ == "of" and (prep.head.lemma_.lower() in self.grammar.place_nouns
                                    or prep.head.lower_ in self.grammar.place_nouns):
            return True  # "the island of Cyprus", "the outskirts of Kabul"
        two = f"{prep.nbor(-1).lower_} {prep.lower_}" if prep.i > 0 else ""
        return prep.lower_ in preps or two in preps


    def not_owner(self, start: int, end: int, doc: Doc) -> bool:
        """Is the name at tokens [start, end) joined by a hyphen to a word that makes it
        somebody else than the owner of its noun ("pro-Iranian militia", "anti-American
        protesters", "Syrian-backed fighters")?"""
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in self.grammar.stance_prefixes:
            return True
        if start >= 1 and doc[start - 1].lower_.rstrip("-") in self.grammar.stance_prefixes \
                and doc[start - 1].lower_.endswith("-"):
            return True
        if end + 1 < len(doc) and doc[end].text == "-":
            word = doc[end + 1]
            return word.lower_ in self.grammar.sponsor_words or word.lemma_.lower() in self.grammar.sponsor_words
        return False


def _span_root(doc: Doc, start: int, end: int) -> Token:
    return doc[start:end].root


def sentence_index(doc: Doc) -> list[int]:
    """Token index -> sentence number (0 for every token when there is no parse)."""
    out = [0] * len(doc)
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return out
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = number
    return out
