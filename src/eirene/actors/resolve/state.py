"""What resolving one document carries from phrase to phrase, and small token helpers.

Why a module of its own: every reader of the resolver (names, places, persons, agent
nouns, references) takes the same `State` and answers with the same `Result`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from eirene.actors.coref import Coded
from eirene.actors.matcher import Matches, Phrase

PLURAL_TAGS = frozenset({"NNS", "NNPS"})
NAME_POS = frozenset({"PROPN"})
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})
# A phrase made only of these is one noun phrase, however it was parsed.
FLAT_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PUNCT", "PART"})


@dataclass
class State:
    """What resolving one document needs: the parse, the matches, the date, the history."""

    doc: Doc
    matches: Matches
    day: date
    sentences: list[int]
    history: list[Coded] = field(default_factory=list)
    countries: frozenset[str] = frozenset()  # countries named in the document (or context)
    context_countries: frozenset[str] = frozenset()  # from resolve_text's context only

    def sentence(self, i: int) -> int:
        """The sentence number of token `i` (0 without a parse)."""
        return self.sentences[i] if self.sentences else 0


@dataclass
class Result:
    """A phrase's actors, or, when the phrase is not an actor, the actors inside it."""

    refs: list[Coded] = field(default_factory=list)
    subs: list[Coded] = field(default_factory=list)


# Resolving a phrase, handed to the readers that resolve the phrases inside theirs
# (a possessor, an "of" phrase, an appositive).
Resolve = Callable[[Phrase, State], Result]


def conjunct_roots(doc: Doc) -> dict[int, int]:
    """Token index -> first token of its coordination ("Russia and Pakistan").

    Walks up from each `conj` token to the coordination's head rather than asking every
    token for its `.conjuncts`, which costs a pass over its children per token."""
    groups: dict[int, list[int]] = {}
    for token in doc:
        if token.dep_ != "conj":
            continue
        top = token.head
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        groups.setdefault(top.i, [top.i]).append(token.i)
    out: dict[int, int] = {}
    for members in groups.values():
        root = min(members)
        for i in members:
            out[i] = root
    return out


def entity_span(token: Token) -> "Span | None":
    """The place name a token belongs to ("Gaza Strip" for "Strip"): its place entity,
    or the run of proper nouns around it when the recogniser tagged none."""
    doc = token.doc
    if token.ent_type_ in PLACE_LABELS:
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


def edge_punct(token: Token) -> bool:
    """Punctuation or a symbol that should not open or close a mention ("| Professor")."""
    return token.tag_ != "POS" and not any(c.isalnum() for c in token.text)


def first_word(doc: Doc) -> int:
    """Index of the first token after leading determiners and punctuation."""
    i = 0
    while i < len(doc) - 1 and (doc[i].pos_ in ("DET", "PUNCT")):
        i += 1
    return i
