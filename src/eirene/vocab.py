"""The closed vocabularies of eirene's records: every allowed value, defined once.

Why one module: the records, the knowledge-base checks, the store filters, the CLI
choices, the web API schema and the exports all accept or list these values; a value
added here reaches all of them, and none can drift from the others. Each vocabulary is
a `Literal` type (for annotations, and so /openapi.json lists the values) and the tuple
of its values in order (for checks, choices and messages), the tuple read off the type.

    >>> FACTUALITY_VALUES
    ('asserted', 'negated', 'hypothetical', 'future', 'alleged')
    >>> QUAD_CLASSES[4]
    'material conflict'
"""

from __future__ import annotations

from typing import Literal, get_args

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
    "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
]
PLOVER_TYPES: tuple[PloverType, ...] = get_args(PloverType)

# PLOVER type -> the CAMEO pentaclass that holds its CAMEO roots (01-02 -> 0, 03-05 -> 1,
# 06-08 -> 2, 09-13 and 16 -> 3, 14-15 and 17-20 -> 4); no event is class 0.
PLOVER_PENTACLASS: dict[str, int] = {
    "REQUEST": 0,
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "CONCEDE": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# How sure the text is that the event happened: stated as fact, denied, possible,
# announced for later, or claimed by someone (see eirene.events.factuality).
Factuality = Literal["asserted", "negated", "hypothetical", "future", "alleged"]
FACTUALITY_VALUES: tuple[Factuality, ...] = get_args(Factuality)

# PLOVER sector codes an actor (or a knowledge-base entry or role) may carry.
PloverSector = Literal[
    "GOV", "MIL", "REB", "SPY", "COP", "JUD", "LEG", "PTY", "OPP", "CVL", "ELI", "JRN",
    "MED", "BUS", "REL", "LAB", "EDU", "REF", "IGO", "NGO", "UAF", "CRM", "PRM", "PRE",
    "HLH", "UNK",
]
PLOVER_SECTORS: tuple[PloverSector, ...] = get_args(PloverSector)

# What a knowledge-base entry is. An actor in an event may also be a "group": a body
# the text names that no entry covers ("protesters", "Afghan officials").
EntryKind = Literal["state", "igo", "armed_group", "org", "person"]
ENTRY_KINDS: tuple[EntryKind, ...] = get_args(EntryKind)
ActorKind = Literal[EntryKind, "group"]
ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)

# How well a date is known; "document": the publication date stands in for an
# event's own date.
DatePrecision = Literal["day", "month", "year", "unknown", "document"]
DATE_PRECISIONS: tuple[DatePrecision, ...] = get_args(DatePrecision)
# Where an event's date came from: the words of its own clause, a well-known happening
# the clause relates it to ("after the 9/11 attacks"), the known death of its victim, or
# the publication date standing in (or nothing at all), or an analyst's correction.
DateSource = Literal["sentence", "happening", "death", "document", "unknown", "analyst"]
DATE_SOURCES: tuple[DateSource, ...] = get_args(DateSource)

# What a claim is (eirene.records.Claim): an alleged or attributed event, an ACCUSE
# event, or a denial (a negated event or a REJECT).
ClaimKind = Literal["allegation", "accusation", "denial"]
CLAIM_KINDS: tuple[ClaimKind, ...] = get_args(ClaimKind)

# PLOVER's quad classes; 0 on an event means none was set.
QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
COOPERATION_QUADS: tuple[int, ...] = (1, 2)
CONFLICT_QUADS: tuple[int, ...] = (3, 4)
