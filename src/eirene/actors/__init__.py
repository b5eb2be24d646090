"""The actors stage: find actor mentions in parsed text and resolve them, on a date.

    kb.py        the knowledge base (entries, dated roles, agent nouns, titles)
    grammar.py   the English the finder and resolver read (data/resolver/english.yaml)
    matcher.py   find: names, agent nouns, titles, candidate noun phrases
    resolve/     resolve: ActorCoder.code_doc / resolve_text -> ActorRef
    coref.py     pronouns, definite descriptions, partial names

    >>> from eirene.actors import ActorCoder, KnowledgeBase
    >>> coder = ActorCoder(KnowledgeBase.load())
    >>> refs = coder.code_doc(nlp("Pakistani troops fired on militants."), "2017-01-05")
"""

from eirene.actors.coref import Coded, Coreference
from eirene.actors.grammar import Grammar
from eirene.actors.kb import KnowledgeBase
from eirene.actors.matcher import ActorMatcher, Matches, Phrase
from eirene.actors.resolve import ActorCoder, actor_sector_string

__all__ = [
    "ActorCoder", "ActorMatcher", "Coded", "Coreference", "Grammar", "KnowledgeBase", "Matches",
    "Phrase", "actor_sector_string",
]
