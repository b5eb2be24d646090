"""Resolving actor mentions: `ActorCoder.code_doc` / `resolve_text` -> ActorRef.

    coder.py       ActorCoder: the document loop and the order of the questions
    references.py  pronouns and definite descriptions (antecedents: ../coref.py)
    named.py       a knowledge-base name as the head: seats, demonyms, peoples
    agents.py      agent nouns and titles as the head, and their owners
    persons.py     persons: earlier mentions, dated knowledge-base roles, unknown people
    places.py      places as owners and as states (with the gazetteer)
    names.py       which entry a name means, coded on the date; the text's home country
    state.py       what one document's resolution carries from phrase to phrase
"""

from eirene.actors.resolve.coder import ActorCoder, actor_sector_string

__all__ = ["ActorCoder", "actor_sector_string"]
