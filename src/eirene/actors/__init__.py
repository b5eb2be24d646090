"""The actors stage: find actor mentions in parsed text and resolve them, on a date.

    kb.py        the knowledge base (entries, dated roles, agent nouns, titles)
    grammar.py   the English the finder and resolver read (data/resolver/english.yaml)
    matcher.py   find: names, agent nouns, titles, candidate noun phrases
    resolve/     resolve: ActorCoder.code_doc / resolve_text -> ActorRef
    coref.py     pronouns, definite descriptions, partial names

    >>> from eirene.actors import ActorCoder, KnowledgeBase
    >>> coder = ActorCoder(KnowledgeBase.load())
    >>> refs = coder.code_doc(nlp("Pakistani troops fired on militants."), "2017-01-05")

The names below are imported on first use (PEP 562), not with the package: importing
`eirene.actors.kb` alone (the web app, the analysis commands) must not load spaCy,
which the matcher and the resolver import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eirene.actors.coref import Coded, Coreference
    from eirene.actors.grammar import Grammar
    from eirene.actors.kb import KnowledgeBase
    from eirene.actors.matcher import ActorMatcher, Matches, Phrase
    from eirene.actors.resolve import ActorCoder, actor_sector_string

_HOMES = {
    "Coded": "eirene.actors.coref", "Coreference": "eirene.actors.coref", "Grammar": "eirene.actors.grammar",
    "KnowledgeBase": "eirene.actors.kb", "ActorMatcher": "eirene.actors.matcher", "Matches": "eirene.actors.matcher",
    "Phrase": "eirene.actors.matcher", "ActorCoder": "eirene.actors.resolve",
    "actor_sector_string": "eirene.actors.resolve",
}

__all__ = [
    "ActorCoder", "ActorMatcher", "Coded", "Coreference", "Grammar", "KnowledgeBase", "Matches",
    "Phrase", "actor_sector_string",
]


def __getattr__(name: str) -> Any:
    """Import the module that holds `name` when it is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'eirene.actors' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
