"""The event lexicon: which words make which PLOVER events, and the cues around them.

Knowledge is data: the PLOVER type table and its per-type behaviour, verb and noun
rules, light and complement verbs, mode and context cues, factuality cues, statements
of intent, the words roles are read by, and reporting verbs all live in YAML files
under src/eirene/data/lexicon/ (format: docs/lexicon.md). This package only loads,
merges, validates and indexes them, so the extractor can ask cheap questions::

    lexicon = Lexicon.load(["my_rules.yaml"])      # built-ins + a user file
    lexicon.verb_rules("withdraw")[0].id           # most specific rule first
    lexicon.mode_for("ASSAULT", ["drone", "strike"])   # -> "drone"
    lexicon.speech_verb("allege").alleging         # -> True

Every file may hold any section; user files are merged over the built-ins (a rule
with a built-in rule's id replaces it; `remove:` drops rules). Errors name the file,
the entry and what to do (E310-E327). Parsed files are cached by path and
modification time, and the built-in lexicon is built once per process.

Modules: `schema` (the records and their field names; `TypeInfo` is
`eirene.events.plover`'s), `files` (which files, parsed and cached), `reader` (sections
merged file by file), `loader` (the whole validated into `LexiconParts`), `query`
(`Lexicon`, what the coder asks, with `plover_types` and `score`), `fields` (value checks).
"""

from eirene.events.lexicon.files import BUILTIN_DIR, builtin_files
from eirene.events.lexicon.query import Lexicon, clear_cache, plover_types, score
from eirene.events.lexicon.schema import (
    SECTIONS,
    Conflict,
    FactualityCues,
    IntentCues,
    NounRule,
    RoleCues,
    SpeechVerb,
    VerbRule,
)
from eirene.events.plover import TypeInfo

__all__ = [
    "BUILTIN_DIR",
    "SECTIONS",
    "Conflict",
    "FactualityCues",
    "IntentCues",
    "Lexicon",
    "NounRule",
    "RoleCues",
    "SpeechVerb",
    "TypeInfo",
    "VerbRule",
    "builtin_files",
    "clear_cache",
    "plover_types",
    "score",
]
