"""The lexicon the coder asks: `Lexicon`, its lookups, and the cache of the built-in one.

`Lexicon.load` reads files through `eirene.events.lexicon.loader` and indexes the result
so the extractor can ask cheap questions ("which rules does 'withdraw' have?", "which
mode do these words cue?"). The built-in lexicon is built once per process; a load
with user files reuses parsed files but builds a new lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.events.lexicon.files import FileKey, builtin_files, clear_parse_cache, expand, file_key, type_table
from eirene.events.lexicon.loader import load_parts
from eirene.events.lexicon.schema import Conflict, LexiconParts, NounRule, SpeechVerb, VerbRule, normalise_space
from eirene.events.plover import TypeInfo

_SPLIT = re.compile(r"[\s\-\u2010-\u2015]+")
_BUILTIN_CACHE: dict[tuple[FileKey, ...], "Lexicon"] = {}


def clear_cache() -> None:
    """Forget parsed files and the built lexicon (tests; files edited in a long-lived process)."""
    clear_parse_cache()
    _BUILTIN_CACHE.clear()


class Lexicon:
    """The merged, validated, indexed lexicon. Build it with `Lexicon.load`; treat it as read-only."""

    def __init__(self, parts: LexiconParts) -> None:
        self.types: dict[str, TypeInfo] = parts.types
        self.contexts = parts.contexts
        self.light_verbs = parts.light_verbs
        self.patient_verbs = parts.patient_verbs
        self.complement_verbs = dict(parts.complement_verbs)
        self.cues = parts.cues
        self.intent = parts.intent
        self.roles = parts.roles
        self.speech_verbs = dict(parts.speech_verbs)
        self.attribution_phrases = parts.attribution_phrases
        self.sources = parts.sources
        self._verb_rules = parts.verb_rules
        self._noun_rules = parts.noun_rules
        self._verb_index = _index(self._verb_rules)
        self._noun_index = _index(self._noun_rules)
        self._mode_cues = {t: [(m, _CueSet(c)) for m, c in modes] for t, modes in parts.mode_cues.items()}
        self._context_cues = [(name, _CueSet(c)) for name, c in parts.context_cues]

    # -- loading ----------------------------------------------------------------

    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, include_builtin: bool = True) -> Lexicon:
        """Load the built-in lexicon and merge `extra` files (or directories of *.yaml) over it.

        include_builtin (bool): False loads only the PLOVER type table (plover.yaml,
            which every lexicon needs) and `extra`: no built-in verbs, nouns or cues.
        RAISES (KnowledgeBaseError): E310-E327, naming the file and entry at fault.
        """
        if isinstance(extra, (str, Path)):
            extra = [extra]
        builtin = builtin_files() if include_builtin else [type_table()]
        users = expand(extra)
        if users or not include_builtin:
            return cls(load_parts([*builtin, *users]))
        key = tuple(file_key(p) for p in builtin)
        cached = _BUILTIN_CACHE.get(key)
        if cached is None:
            cached = _BUILTIN_CACHE[key] = cls(load_parts(builtin))
        return cached

    # -- lookups -----------------------------------------------------------------

    def verb_rules(self, lemma: str) -> list[VerbRule]:
        """Rules for a verb lemma, most specific first (object+particle, object, particle, plain);
        among equals, user files before built-ins, then file order."""
        return list(self._verb_index.get(lemma.lower(), ()))

    def noun_rules(self, lemma: str) -> list[NounRule]:
        """Rules for a noun lemma, user files first; the extractor uses the first."""
        return list(self._noun_index.get(lemma.lower(), ()))

    def all_verb_rules(self) -> tuple[VerbRule, ...]:
        """Every verb rule, in load order."""
        return self._verb_rules

    def all_noun_rules(self) -> tuple[NounRule, ...]:
        """Every noun rule, in load order."""
        return self._noun_rules

    def is_light_verb(self, lemma: str) -> bool:
        """True if the verb's object noun can carry the event ("hold talks", "pay a visit")."""
        return lemma.lower() in self.light_verbs

    def is_patient_verb(self, lemma: str) -> bool:
        """True if the verb's subject undergoes what the sentence reports ("Pakistan has
        suffered attacks", "the town came under fire"): its subject never acts."""
        return lemma.lower() in self.patient_verbs

    def complement_behaviour(self, lemma: str) -> str | None:
        """How the verb treats a "to" complement: "transparent" (the complement is the event:
        "decided to attack"), "control" (the verb's own type wins: "refused to meet"), or None."""
        return self.complement_verbs.get(lemma.lower())

    def is_reciprocal(self, rule: VerbRule | NounRule) -> bool:
        """Whether co-actors of this rule's event are each other's recipients (rule, else type)."""
        if rule.reciprocal is not None:
            return rule.reciprocal
        info = self.types.get(rule.type)
        return bool(info and info.reciprocal)

    def canonical_mode(self, event_type: str, mode: str | None) -> str | None:
        """The PLOVER name of `mode` for `event_type` (aliases resolved), or None if unknown."""
        info = self.types.get(event_type)
        return info.canonical_mode(mode) if info is not None else None

    def mode_for(self, event_type: str, words: Iterable[str]) -> str | None:
        """The first mode of `event_type` whose cue occurs in `words` (lowercase lemmas
        and texts of the event's clause, in order), or None."""
        modes = self._mode_cues.get(event_type)
        if not modes:
            return None
        seq, bag = _words(words)
        for mode, cues in modes:
            if cues.found(seq, bag):
                return mode
        return None

    def mode_order(self, event_type: str) -> tuple[str, ...]:
        """The modes of `event_type` that have cue words, in the order `mode_for` tries them."""
        return tuple(mode for mode, _ in self._mode_cues.get(event_type, ()))

    def contexts_for(self, words: Iterable[str]) -> tuple[str, ...]:
        """Every context with a cue in `words`, in declaration order."""
        seq, bag = _words(words)
        return tuple(name for name, cues in self._context_cues if cues.found(seq, bag))

    def speech_verb(self, lemma: str) -> SpeechVerb | None:
        """The reporting verb entry for `lemma`, or None if it is not a reporting verb."""
        return self.speech_verbs.get(lemma.lower())

    def is_attribution_phrase(self, words: str) -> bool:
        """True for "according to", "citing", "quoted as saying" and the like."""
        return normalise_space(words.lower()) in self.attribution_phrases

    def type_info(self, event_type: str) -> TypeInfo:
        """The type table's entry for `event_type` (E324 for a name that is no PLOVER type)."""
        info = self.types.get(event_type)
        if info is None:
            raise KnowledgeBaseError("E324", value=event_type, allowed=", ".join(self.types))
        return info

    def score(self, event_type: str, mode: str | None) -> tuple[float, int, str | None]:
        """(intensity, quad_class, cameo_root) from this lexicon's type table."""
        return self.type_info(event_type).score(mode)

    def conflicts(self) -> list[Conflict]:
        """Rules that can never fire, or that lose an object to an earlier rule of another type.

        Two plain rules (or two particle rules with the same particle) for one lemma:
        only the first fires. Two object rules sharing an object: the first wins that
        object. A user can run this after adding rules to see what their rules shadow.
        """
        found: list[Conflict] = []
        for lemma, rules in sorted(self._verb_index.items()):
            seen_plain: dict[tuple[str | None, bool], VerbRule] = {}
            seen_objects: dict[tuple[str | None, str], VerbRule] = {}
            for rule in rules:
                if rule.object_lemmas:
                    for obj in sorted(rule.object_lemmas):
                        first = seen_objects.get((rule.particle, obj))
                        if first is None:
                            seen_objects[(rule.particle, obj)] = rule
                        elif first.type != rule.type or first.mode != rule.mode:
                            found.append(Conflict(lemma, first.id, rule.id, f"object '{obj}'"))
                else:
                    first = seen_plain.get((rule.particle, rule.complement))
                    if first is None:
                        seen_plain[(rule.particle, rule.complement)] = rule
                    else:
                        what = f"particle '{rule.particle}'" if rule.particle else "plain rule"
                        found.append(Conflict(lemma, first.id, rule.id, what))
        return found

    def __repr__(self) -> str:
        return (
            f"<Lexicon {len(self._verb_rules)} verb rules ({len(self._verb_index)} lemmas), "
            f"{len(self._noun_rules)} noun rules ({len(self._noun_index)} lemmas), {len(self.sources)} files>"
        )


# -- cue matching ----------------------------------------------------------------


class _CueSet:
    """Single-word cues as a set, multi-word cues as sequences indexed by first word."""

    __slots__ = ("singles", "multis")

    def __init__(self, cues: Iterable[str]) -> None:
        singles: set[str] = set()
        multis: dict[str, list[tuple[str, ...]]] = {}
        for cue in cues:
            low = cue.lower().strip()
            parts = tuple(p for p in _SPLIT.split(low) if p)
            if len(parts) == 1:
                singles.add(parts[0])
            elif parts:
                multis.setdefault(parts[0], []).append(parts)
                if " " not in low:
                    singles.add(low)  # "cease-fire" may also arrive as one token
        self.singles = frozenset(singles)
        self.multis = {k: tuple(v) for k, v in multis.items()}

    def found(self, seq: list[str], bag: set[str]) -> bool:
        if not self.singles.isdisjoint(bag):
            return True
        if not self.multis:
            return False
        for i, word in enumerate(seq):
            for phrase in self.multis.get(word, ()):
                if tuple(seq[i : i + len(phrase)]) == phrase:
                    return True
        return False


def _words(words: Iterable[str]) -> tuple[list[str], set[str]]:
    seq: list[str] = []
    bag: set[str] = set()
    for word in words:
        if not word:
            continue
        low = word.lower().strip()
        bag.add(low)
        parts = [p for p in _SPLIT.split(low) if p]
        seq.extend(parts)
        bag.update(parts)
    return seq, bag


def _index(rules: Sequence[VerbRule] | Sequence[NounRule]) -> dict[str, tuple[Any, ...]]:
    """lemma -> rules, most specific first, later files first, then file order."""
    ranked: dict[str, list[tuple[tuple[int, int, int], Any]]] = {}
    for position, rule in enumerate(rules):
        rank = rule.rank
        specificity = rule.specificity
        for lemma in rule.lemmas:
            ranked.setdefault(lemma, []).append(((-specificity, -rank, position), rule))
    return {lemma: tuple(r for _, r in sorted(items, key=lambda x: x[0])) for lemma, items in ranked.items()}


def plover_types(lexicon: Lexicon | None = None) -> dict[str, TypeInfo]:
    """The 16 PLOVER types keyed by name, from `lexicon` or else the built-in data.

    Pass the lexicon you code with, so a user's changed intensities count.
    RETURNS (dict[str, TypeInfo]): a fresh dict; the TypeInfo values are shared.
    """
    return dict((lexicon if lexicon is not None else Lexicon.load()).types)


def score(event_type: str, mode: str | None, lexicon: Lexicon | None = None) -> tuple[float, int, str | None]:
    """(intensity, quad_class, cameo_root) of an event of `event_type` in `mode`.

    event_type (str): one of the 16 PLOVER types (raises KnowledgeBaseError E324
        otherwise). mode (str | None): a mode or alias; unknown modes score as the type.
    lexicon (Lexicon | None): whose type table to use; the built-in one by default.
    """
    return (lexicon if lexicon is not None else Lexicon.load()).score(event_type, mode)
