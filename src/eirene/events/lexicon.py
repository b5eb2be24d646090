"""The event lexicon: which words make which PLOVER events, and the cues around them.

Knowledge is data: verb and noun rules, light and complement verbs, mode and
context cues, factuality cues and reporting verbs all live in YAML files under
src/eirene/data/lexicon/ (format: docs/lexicon.md). This module only loads,
merges, validates and indexes them, so the extractor can ask cheap questions::

    lexicon = Lexicon.load(["my_rules.yaml"])      # built-ins + a user file
    lexicon.verb_rules("withdraw")[0].id           # most specific rule first
    lexicon.mode_for("ASSAULT", ["drone", "strike"])   # -> "drone"
    lexicon.speech_verb("allege").alleging         # -> True

Every file may hold any section; user files are merged over the built-ins (a rule
with a built-in rule's id replaces it; `remove:` drops rules). Errors name the file,
the entry and what to do (E310-E327). Parsed files are cached by path and
modification time, and the built-in lexicon is built once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.events.plover import TypeInfo
from eirene.knowledge_files import load_knowledge_file
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES, QUAD_CLASSES

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"
# Built-in files load in this order (any other built-in *.yaml after them, sorted).
BUILTIN_ORDER = (
    "plover.yaml", "verbs.yaml", "nouns.yaml", "light_verbs.yaml", "modes.yaml", "factuality.yaml", "intent.yaml",
    "speech.yaml",
)
LEXICON_VERSION = 1
SECTIONS = (
    "version", "description", "types", "contexts", "verbs", "nouns", "light_verbs", "patient_verbs", "complement_verbs",
    "mode_cues", "context_cues", "factuality", "intent", "speech_verbs", "attribution_phrases", "remove",
)
VERB_FIELDS = (
    "id", "type", "lemmas", "mode", "particle", "recipient_preps", "object_lemmas", "object_is_recipient",
    "complement", "confidence", "contexts", "reciprocal", "note",
)
NOUN_FIELDS = (
    "id", "type", "lemmas", "mode", "recipient_preps", "actor_preps", "confidence", "contexts", "reciprocal", "note",
)
TYPE_FIELDS = (
    "description", "quad_class", "intensity", "cameo_root", "needs_recipient", "reciprocal", "domestic_target",
    "modes", "mode_aliases",
)
MODE_FIELDS = ("description", "intensity", "cameo_root")
SPEECH_FIELDS = ("lemmas", "alleging", "denying", "note")
CUE_LISTS = (
    "negation", "hypothetical_modals", "hypothetical_words", "future_aux", "future_words", "alleged_words",
    "alleged_verbs",
)
PHRASE_VALUES = tuple(v for v in FACTUALITY_VALUES if v != "asserted")  # what a cue phrase can mark
# intent.yaml: lists of PLOVER types, then lists of words (see IntentCues).
INTENT_TYPE_LISTS = (
    "threat_types", "offer_types", "refusal_types", "conditional_offer_types", "statement_types", "preparation_types",
)
INTENT_WORD_LISTS = (
    "obligation_modals", "threat_conditions", "offer_conditions", "readiness_words", "promise_verbs",
    "announcing_aux", "preparation_verbs",
)
COMPLEMENT_BEHAVIOURS = ("transparent", "control", "none")
REMOVABLE = ("verbs", "nouns", "light_verbs", "speech_verbs")
DEFAULT_VERB_CONFIDENCE = 0.7
DEFAULT_NOUN_CONFIDENCE = 0.65

_SPLIT = re.compile(r"[\s\-\u2010-\u2015]+")


# -- records -------------------------------------------------------------------


@dataclass(frozen=True)
class VerbRule:
    """A verb (with an optional particle and object restriction) that makes one event type.

    id (str): stable rule id; events carry method "rule:<id>".
    type (str): PLOVER type. lemmas (frozenset[str]): lowercase verb lemmas.
    mode (str | None): the mode the rule sets (beats cue words).
    particle (str | None): the particle the verb needs ("down" in "crack down").
    recipient_preps (tuple[str, ...]): prepositions whose object is the recipient.
    object_lemmas (frozenset[str] | None): the rule fires only with one of these as
        direct object ("hold" + "talks"); None = any object.
    object_is_recipient (bool): the direct object is the recipient (false for "hold talks").
    confidence (float): 0..1. contexts (tuple[str, ...]): contexts the rule adds.
    reciprocal (bool | None): several actors with no recipient named are each
        other's recipients ("India and Pakistan exchanged fire"); None = the type's default.
    complement (bool): the rule fires only when the verb has a "to" complement
        ("ordered the former president to appear"), so the bare verb stays free for
        other uses ("ordered an inquiry" through its light-verb object).
    source (str): the file the rule came from (for `explain`).
    rank (int): the file's place in the load order; later (user) files win ties.
    """

    id: str
    type: str
    lemmas: frozenset[str]
    mode: str | None
    particle: str | None
    recipient_preps: tuple[str, ...]
    object_lemmas: frozenset[str] | None
    object_is_recipient: bool
    confidence: float
    contexts: tuple[str, ...]
    reciprocal: bool | None = None
    complement: bool = False
    source: str = field(default="", compare=False)
    rank: int = field(default=0, compare=False, repr=False)

    @property
    def specificity(self) -> int:
        """3 object+particle, 2 object, 1 particle or complement, 0 plain: the order rules are tried in."""
        return (2 if self.object_lemmas else 0) + (1 if self.particle or self.complement else 0)


@dataclass(frozen=True)
class NounRule:
    """A noun that names an event ("strike", "talks", "sanctions").

    recipient_preps / actor_preps (tuple[str, ...]): prepositions on the noun whose
    object is the recipient ("strike on X") or the actor ("attack by X"; the coder
    always adds "by"). Other fields (reciprocal too) as in VerbRule.
    """

    id: str
    type: str
    lemmas: frozenset[str]
    mode: str | None
    recipient_preps: tuple[str, ...]
    actor_preps: tuple[str, ...]
    confidence: float
    contexts: tuple[str, ...]
    reciprocal: bool | None = None
    source: str = field(default="", compare=False)
    rank: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class SpeechVerb:
    """A reporting verb: its subject is who claims the event in its complement.

    alleging (bool): the embedded event becomes `alleged` ("claim", "allege").
    denying (bool): the embedded event becomes `negated`, as the speaker says ("deny").
    """

    lemma: str
    alleging: bool = False
    denying: bool = False


@dataclass(frozen=True)
class FactualityCues:
    """Cue words for factuality, as frozensets of lowercase words (see factuality.yaml).

    negation: negators and negating governors ("not", "never", "no", "without", "fail").
    hypothetical_modals: modal auxiliaries ("could", "would", "might", "may").
    hypothetical_words: subordinators, adverbs, adjectives and governing verbs
        ("if", "unless", "possibly", "potential", "consider", "mull").
    future_aux: future auxiliaries ("will", "shall", "'ll").
    future_words: governing verbs and modifiers ("plan", "scheduled", "upcoming", "next").
    alleged_words: evidential adverbs, adjectives and claim nouns ("reportedly",
        "alleged", "suspected", "claim").
    alleged_verbs: verbs that make an event they govern in the same proposition
        alleged ("accuse ... of", "is said to", "is believed to").
    phrases (dict[str, tuple[str, ...]]): multi-word cues per value ("negated",
        "hypothetical", "future", "alleged"), matched by `phrases_in`.
    """

    negation: frozenset[str] = frozenset()
    hypothetical_modals: frozenset[str] = frozenset()
    hypothetical_words: frozenset[str] = frozenset()
    future_aux: frozenset[str] = frozenset()
    future_words: frozenset[str] = frozenset()
    alleged_words: frozenset[str] = frozenset()
    alleged_verbs: frozenset[str] = frozenset()
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def phrases_in(self, text: str) -> list[tuple[str, str]]:
        """The multi-word cues in `text` (whole words, any case), as (value, phrase) in file order."""
        low = " " + _normalise_space(text.lower()) + " "
        low = re.sub(r"[^\w' ]+", " ", low)
        low = " " + _normalise_space(low) + " "
        found: list[tuple[str, str]] = []
        for value, phrases in self.phrases.items():
            for phrase in phrases:
                if f" {phrase} " in low:
                    found.append((value, phrase))
        return found


@dataclass(frozen=True)
class IntentCues:
    """What turns an announced, refused or demanded deed into its own event (intent.yaml).

    threat_types: deeds whose announcement is a threat ("will blockade the capital").
    offer_types: deeds whose announcement is an offer ("will provide aid" is AGREE).
    refusal_types: agreements whose negation is a refusal ("did not agree" is REJECT).
    conditional_offer_types: deeds that, offered on a condition, are an offer ("would meet
        the mediator if ..." is AGREE, CAMEO 036).
    statement_types: types that are themselves statements of intent (offers, threats,
        refusals): a classifier event of one is asserted even where "will" governs it.
    preparation_types: deeds whose preparation is a mobilisation ("prepared to resume
        shelling" is MOBILIZE, CAMEO 15). preparation_verbs: the verbs of preparing.
    obligation_modals: modals laying a reported deed on its doer ("X said Y must return").
    threat_conditions: subordinators making an announced deed a threat ("unless").
    offer_conditions: subordinators making a hypothetical deed of conditional_offer_types
        an offer ("if", "provided").
    readiness_words: words of readiness governing the deed ("is prepared to lift").
    promise_verbs: verbs whose promised hostile deed is a threat ("vowed to fight").
    announcing_aux: auxiliaries of an announced deed ("will send", "would boycott").
    """

    threat_types: frozenset[str] = frozenset()
    offer_types: frozenset[str] = frozenset()
    refusal_types: frozenset[str] = frozenset()
    conditional_offer_types: frozenset[str] = frozenset()
    statement_types: frozenset[str] = frozenset()
    preparation_types: frozenset[str] = frozenset()
    obligation_modals: frozenset[str] = frozenset()
    threat_conditions: frozenset[str] = frozenset()
    offer_conditions: frozenset[str] = frozenset()
    readiness_words: frozenset[str] = frozenset()
    promise_verbs: frozenset[str] = frozenset()
    announcing_aux: frozenset[str] = frozenset()
    preparation_verbs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Conflict:
    """Two rules that compete for the same verb and object: the first always wins."""

    lemma: str
    winner: str
    loser: str
    detail: str


_PARSE_CACHE: dict[tuple[str, int, int], Any] = {}
_BUILTIN_CACHE: dict[tuple[tuple[str, int, int], ...], "Lexicon"] = {}


def _parse(path: Path) -> tuple[str, Any]:
    """Parse one file (cached by path, mtime and size). RETURNS (label, data)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise KnowledgeBaseError("E310", path=str(path), reason=exc.strerror or str(exc)) from exc
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSE_CACHE:
        _PARSE_CACHE[key] = load_knowledge_file(path, code="E310")
    return str(path), _PARSE_CACHE[key]


def clear_cache() -> None:
    """Forget parsed files and the built lexicon (tests; files edited in a long-lived process)."""
    _PARSE_CACHE.clear()
    _BUILTIN_CACHE.clear()


def builtin_files() -> list[Path]:
    """The built-in lexicon files, in load order."""
    present = {p.name: p for p in BUILTIN_DIR.glob("*.yaml")}
    ordered = [present.pop(name) for name in BUILTIN_ORDER if name in present]
    return ordered + [present[name] for name in sorted(present)]


def _expand(paths: Sequence[str | Path]) -> list[Path]:
    files: list[Path] = []
    for item in paths:
        path = Path(item).expanduser()
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.suffix.lower() in {".yaml", ".yml"} or path.exists():
            files.append(path)
        else:
            raise KnowledgeBaseError("E326", path=str(path))
    return files


# -- the lexicon -----------------------------------------------------------------


class Lexicon:
    """The merged, validated, indexed lexicon. Build it with `Lexicon.load`; treat it as read-only."""

    def __init__(
        self,
        *,
        types: dict[str, TypeInfo],
        contexts: tuple[str, ...],
        verb_rules: Sequence[VerbRule],
        noun_rules: Sequence[NounRule],
        light_verbs: frozenset[str],
        patient_verbs: frozenset[str] = frozenset(),
        complement_verbs: Mapping[str, str],
        mode_cues: Mapping[str, Sequence[tuple[str, Sequence[str]]]],
        context_cues: Sequence[tuple[str, Sequence[str]]],
        cues: FactualityCues,
        speech_verbs: Mapping[str, SpeechVerb],
        intent: IntentCues | None = None,
        attribution_phrases: frozenset[str],
        sources: tuple[str, ...] = (),
    ) -> None:
        self.types = types
        self.contexts = contexts
        self.light_verbs = light_verbs
        self.patient_verbs = patient_verbs
        self.complement_verbs = dict(complement_verbs)
        self.cues = cues
        self.intent = intent if intent is not None else IntentCues()
        self.speech_verbs = dict(speech_verbs)
        self.attribution_phrases = attribution_phrases
        self.sources = sources
        self._verb_rules = tuple(verb_rules)
        self._noun_rules = tuple(noun_rules)
        self._verb_index = _index(self._verb_rules)
        self._noun_index = _index(self._noun_rules)
        self._mode_cues = {t: [(m, _CueSet(c)) for m, c in modes] for t, modes in mode_cues.items()}
        self._context_cues = [(name, _CueSet(c)) for name, c in context_cues]

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
        builtin = builtin_files() if include_builtin else [BUILTIN_DIR / "plover.yaml"]
        users = _expand(extra)
        if include_builtin and not users:
            key = tuple(_stat_key(p) for p in builtin)
            cached = _BUILTIN_CACHE.get(key)
            if cached is None:
                cached = _Builder().build([_parse(p) for p in builtin])
                _BUILTIN_CACHE[key] = cached
            return cached
        return _Builder().build([_parse(p) for p in [*builtin, *users]])

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
        return _normalise_space(words.lower()) in self.attribution_phrases

    def score(self, event_type: str, mode: str | None) -> tuple[float, int, str | None]:
        """(intensity, quad_class, cameo_root) from this lexicon's type table."""
        return score(event_type, mode, self)

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
    types = (lexicon if lexicon is not None else Lexicon.load()).types
    info = types.get(event_type)
    if info is None:
        raise KnowledgeBaseError("E324", value=event_type, allowed=", ".join(types))
    return info.score(mode)


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


def _normalise_space(text: str) -> str:
    return " ".join(text.split())


def _index(rules: Sequence[VerbRule] | Sequence[NounRule]) -> dict[str, tuple[Any, ...]]:
    """lemma -> rules, most specific first, later files first, then file order."""
    ranked: dict[str, list[tuple[tuple[int, int, int], Any]]] = {}
    for position, rule in enumerate(rules):
        rank = rule.rank
        specificity = rule.specificity if isinstance(rule, VerbRule) else 0
        for lemma in rule.lemmas:
            ranked.setdefault(lemma, []).append(((-specificity, -rank, position), rule))
    return {lemma: tuple(r for _, r in sorted(items, key=lambda x: x[0])) for lemma, items in ranked.items()}


def _stat_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError as exc:
        raise KnowledgeBaseError("E310", path=str(path), reason=exc.strerror or str(exc)) from exc
    return (str(path), stat.st_mtime_ns, stat.st_size)


# -- building: merge, then validate ---------------------------------------------


@dataclass
class _Pending:
    """A rule as read, with where it came from, validated once all files are merged."""

    data: Mapping[str, Any]
    path: str
    label: str
    rank: int
    position: int


class _Builder:
    """Merges parsed files in order and validates the result."""

    def __init__(self) -> None:
        self.types: dict[str, dict[str, Any]] = {}
        self.type_where: dict[str, tuple[str, str]] = {}
        self.contexts: dict[str, str] = {}
        self.rules: dict[str, dict[str, _Pending]] = {"verbs": {}, "nouns": {}}
        self.light_verbs: dict[str, None] = {}
        self.patient_verbs: dict[str, None] = {}
        self.complement: dict[str, str] = {}
        self.mode_cues: dict[str, dict[str, list[str]]] = {}
        self.mode_cue_where: list[tuple[str, str, str, str]] = []  # path, label, type, mode
        self.context_cues: dict[str, list[str]] = {}
        self.context_cue_where: list[tuple[str, str, str]] = []
        self.cue_lists: dict[str, dict[str, None]] = {name: {} for name in CUE_LISTS}
        self.phrases: dict[str, dict[str, None]] = {name: {} for name in PHRASE_VALUES}
        self.intent_lists: dict[str, dict[str, None]] = {
            name: {} for name in (*INTENT_TYPE_LISTS, *INTENT_WORD_LISTS)
        }
        self.speech: dict[str, SpeechVerb] = {}
        self.attribution: dict[str, None] = {}
        self.sources: list[str] = []
        self.position = 0

    def build(self, files: list[tuple[str, Any]]) -> Lexicon:
        for rank, (path, data) in enumerate(files):
            self._read_file(path, data, rank)
        return self._finish()

    # -- reading one file ----------------------------------------------------------

    def _read_file(self, path: str, data: Any, rank: int) -> None:
        self.sources.append(path)
        if data is None:
            raise KnowledgeBaseError("E311", path=path, reason="the file is empty", sections=", ".join(SECTIONS))
        if not isinstance(data, dict):
            raise KnowledgeBaseError(
                "E311", path=path, reason=f"the top level is a {type(data).__name__}, not a mapping",
                sections=", ".join(SECTIONS),
            )
        if "version" not in data:
            raise KnowledgeBaseError("E312", path=path, found=None, expected=LEXICON_VERSION)
        if data["version"] != LEXICON_VERSION:
            raise KnowledgeBaseError("E312", path=path, found=data["version"], expected=LEXICON_VERSION)
        for section in data:
            if section not in SECTIONS:
                raise KnowledgeBaseError("E313", path=path, section=section, allowed=", ".join(SECTIONS))
        if "types" in data:
            self._read_types(path, data["types"], data)
        if "contexts" in data:
            self._read_contexts(path, data["contexts"], data)
        if "remove" in data:
            self._read_remove(path, data["remove"], data)
        for kind in ("verbs", "nouns"):
            if kind in data:
                self._read_rules(path, kind, data[kind], data, rank)
        if "light_verbs" in data:
            for lemma in _word_list(path, "light_verbs" + _at(data), "light_verbs", data["light_verbs"]):
                self.light_verbs[lemma] = None
        if "patient_verbs" in data:
            for lemma in _word_list(path, "patient_verbs" + _at(data), "patient_verbs", data["patient_verbs"], single=True):
                self.patient_verbs[lemma] = None
        if "complement_verbs" in data:
            self._read_complements(path, data["complement_verbs"], data)
        if "mode_cues" in data:
            self._read_mode_cues(path, data["mode_cues"], data)
        if "context_cues" in data:
            self._read_context_cues(path, data["context_cues"], data)
        if "factuality" in data:
            self._read_factuality(path, data["factuality"], data)
        if "intent" in data:
            self._read_intent(path, data["intent"], data)
        if "speech_verbs" in data:
            self._read_speech(path, data["speech_verbs"], data)
        if "attribution_phrases" in data:
            entry = "attribution_phrases" + _at(data)
            for phrase in _phrase_list(path, entry, "attribution_phrases", data["attribution_phrases"]):
                self.attribution[phrase] = None

    def _read_types(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "types", section, parent)
        for name, body in section.items():
            where = _at(body if isinstance(body, dict) else section)
            label = f"types.{name}{where}"
            if name not in PLOVER_TYPES:
                raise KnowledgeBaseError("E314", path=path, entry=label, value=name, allowed=", ".join(PLOVER_TYPES))
            _require_mapping(path, label, body, section)
            _check_fields(path, label, body, TYPE_FIELDS)
            merged = self.types.setdefault(name, {"modes": {}, "mode_aliases": {}})
            for key, value in body.items():
                if key == "modes":
                    if value is None:
                        value = {}
                    _require_mapping(path, f"{label}.modes", value, body)
                    for mode, spec in value.items():
                        mode_label = f"types.{name}.modes.{mode}{_at(spec if isinstance(spec, dict) else value)}"
                        spec = {} if spec is None else spec
                        _require_mapping(path, mode_label, spec, value)
                        _check_fields(path, mode_label, spec, MODE_FIELDS)
                        merged["modes"].setdefault(str(mode).lower(), {}).update(spec)
                        self.type_where[f"{name}.{mode}"] = (path, mode_label)
                elif key == "mode_aliases":
                    _require_mapping(path, f"{label}.mode_aliases", value, body)
                    for alias, target in value.items():
                        merged["mode_aliases"][str(alias).lower()] = str(target).lower()
                else:
                    merged[key] = value
            self.type_where[name] = (path, label)

    def _read_contexts(self, path: str, section: Any, parent: Any) -> None:
        if isinstance(section, list):
            section = {str(name): "" for name in section}
        _require_mapping(path, "contexts", section, parent)
        for name, description in section.items():
            self.contexts[str(name).lower()] = "" if description is None else str(description)

    def _read_remove(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "remove", section, parent)
        for kind, items in section.items():
            label = f"remove.{kind}"
            if kind not in REMOVABLE:
                raise KnowledgeBaseError(
                    "E325", path=path, entry=label + _at(section), what="section to remove from", value=kind,
                    allowed=", ".join(REMOVABLE),
                )
            names = _word_list(path, label + _at(section), kind, items, lower=kind not in ("verbs", "nouns"))
            for name in names:
                if kind in ("verbs", "nouns"):
                    if name not in self.rules[kind]:
                        raise KnowledgeBaseError(
                            "E327", path=path, entry=label + _at(section),
                            reason=f"no {kind[:-1]} rule has the id '{name}' (ids are listed in the built-in "
                            f"{kind}.yaml); check the spelling",
                        )
                    del self.rules[kind][name]
                elif kind == "light_verbs":
                    self.light_verbs.pop(name, None)
                else:
                    self.speech.pop(name, None)

    def _read_rules(self, path: str, kind: str, section: Any, parent: Any, rank: int) -> None:
        if not isinstance(section, list):
            raise KnowledgeBaseError(
                "E318", path=path, entry=kind + _at(parent), field=kind, expected="a list of rules",
                got=type(section).__name__,
            )
        ids_here: dict[str, int] = {}
        for number, item in enumerate(section):
            line = _line(item) or _line(parent)
            rule_id = item.get("id") if isinstance(item, dict) else None
            label = f"{kind}[{number}]" + (f" (id '{rule_id}', line {line})" if rule_id else f" (line {line})")
            if not isinstance(item, dict):
                raise KnowledgeBaseError(
                    "E318", path=path, entry=label, field="rule", expected="a mapping with id, type, lemmas ...",
                    got=item,
                )
            if not rule_id or not isinstance(rule_id, str):
                raise KnowledgeBaseError(
                    "E317", path=path, entry=label, field="id",
                    hint="Give the rule a stable id such as 'assault.kill'; events carry it as method 'rule:<id>'.",
                )
            if rule_id in ids_here:
                raise KnowledgeBaseError("E320", path=path, entry=label, value=rule_id, first=ids_here[rule_id])
            ids_here[rule_id] = line
            self.position += 1
            # A rule with a known id replaces the earlier one (a user's override).
            self.rules[kind].pop(rule_id, None)
            self.rules[kind][rule_id] = _Pending(item, path, label, rank, self.position)

    def _read_complements(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "complement_verbs", section, parent)
        for behaviour, items in section.items():
            label = f"complement_verbs.{behaviour}"
            if behaviour not in COMPLEMENT_BEHAVIOURS:
                raise KnowledgeBaseError(
                    "E325", path=path, entry=label + _at(section), what="complement behaviour", value=behaviour,
                    allowed=", ".join(COMPLEMENT_BEHAVIOURS),
                )
            for lemma in _word_list(path, label + _at(section), behaviour, items):
                if behaviour == "none":
                    self.complement.pop(lemma, None)
                else:
                    self.complement[lemma] = behaviour

    def _read_mode_cues(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "mode_cues", section, parent)
        for type_name, modes in section.items():
            label = f"mode_cues.{type_name}{_at(modes if isinstance(modes, dict) else section)}"
            if type_name not in PLOVER_TYPES:
                raise KnowledgeBaseError("E314", path=path, entry=label, value=type_name, allowed=", ".join(PLOVER_TYPES))
            _require_mapping(path, label, modes, section)
            merged = self.mode_cues.setdefault(type_name, {})
            for mode, cues in modes.items():
                mode_label = f"mode_cues.{type_name}.{mode}{_at(modes)}"
                merged.setdefault(str(mode).lower(), []).extend(_phrase_list(path, mode_label, str(mode), cues))
                self.mode_cue_where.append((path, mode_label, type_name, str(mode).lower()))

    def _read_context_cues(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "context_cues", section, parent)
        for name, cues in section.items():
            label = f"context_cues.{name}{_at(section)}"
            self.context_cues.setdefault(str(name).lower(), []).extend(_phrase_list(path, label, str(name), cues))
            self.context_cue_where.append((path, label, str(name).lower()))

    def _read_factuality(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "factuality", section, parent)
        for name, items in section.items():
            label = f"factuality.{name}{_at(section)}"
            if name == "phrases":
                _require_mapping(path, label, items, section)
                for value, phrases in items.items():
                    phrase_label = f"factuality.phrases.{value}{_at(items)}"
                    if value not in PHRASE_VALUES:
                        raise KnowledgeBaseError(
                            "E325", path=path, entry=phrase_label, what="factuality value", value=value,
                            allowed=", ".join(PHRASE_VALUES),
                        )
                    for phrase in _phrase_list(path, phrase_label, str(value), phrases):
                        self.phrases[value][phrase] = None
                continue
            if name not in CUE_LISTS:
                raise KnowledgeBaseError(
                    "E325", path=path, entry=label, what="factuality cue list", value=name,
                    allowed=", ".join((*CUE_LISTS, "phrases")),
                )
            for word in _word_list(path, label, name, items):
                self.cue_lists[name][word] = None

    def _read_intent(self, path: str, section: Any, parent: Any) -> None:
        _require_mapping(path, "intent", section, parent)
        for name, items in section.items():
            label = f"intent.{name}{_at(section)}"
            if name not in self.intent_lists:
                raise KnowledgeBaseError(
                    "E325", path=path, entry=label, what="intent list", value=name,
                    allowed=", ".join(self.intent_lists),
                )
            if name in INTENT_TYPE_LISTS:
                words = _word_list(path, label, name, items, single=True, lower=False)
                for word in words:
                    if word not in PLOVER_TYPES:
                        raise KnowledgeBaseError("E314", path=path, entry=label, value=word, allowed=", ".join(PLOVER_TYPES))
            else:
                words = _word_list(path, label, name, items)
            for word in words:
                self.intent_lists[name][word] = None

    def _read_speech(self, path: str, section: Any, parent: Any) -> None:
        if not isinstance(section, list):
            raise KnowledgeBaseError(
                "E318", path=path, entry="speech_verbs" + _at(parent), field="speech_verbs",
                expected="a list of entries with lemmas", got=type(section).__name__,
            )
        for number, item in enumerate(section):
            label = f"speech_verbs[{number}]{_at(item if isinstance(item, dict) else parent)}"
            if isinstance(item, str):
                item = {"lemmas": [item]}
            _require_mapping(path, label, item, parent)
            _check_fields(path, label, item, SPEECH_FIELDS)
            if "lemmas" not in item:
                raise KnowledgeBaseError(
                    "E317", path=path, entry=label, field="lemmas", hint="List the reporting verbs, e.g. [say, tell]."
                )
            alleging = _bool(path, label, item, "alleging", False)
            denying = _bool(path, label, item, "denying", False)
            if alleging and denying:
                raise KnowledgeBaseError(
                    "E327", path=path, entry=label,
                    reason="an entry cannot be both alleging and denying; split it into two entries",
                )
            for lemma in _word_list(path, label, "lemmas", item["lemmas"], single=True):
                self.speech[lemma] = SpeechVerb(lemma, alleging, denying)

    # -- validation and assembly ------------------------------------------------------

    def _finish(self) -> Lexicon:
        types = self._finish_types()
        contexts = tuple(self.contexts)
        verb_rules = [self._verb_rule(p, types, contexts) for p in self.rules["verbs"].values()]
        noun_rules = [self._noun_rule(p, types, contexts) for p in self.rules["nouns"].values()]
        for path, label, type_name, mode in self.mode_cue_where:
            if mode not in types[type_name].modes:
                raise _unknown_mode(path, label, type_name, mode, types)
        mode_cues = {
            name: [(mode, tuple(cues)) for mode, cues in modes.items()]
            for name, modes in self.mode_cues.items()
        }
        for path, label, name in self.context_cue_where:
            if name not in self.contexts:
                raise KnowledgeBaseError(
                    "E316", path=path, entry=label, value=name, allowed=", ".join(contexts) or "(none declared)"
                )
        context_cues = [(name, tuple(self.context_cues[name])) for name in contexts if name in self.context_cues]
        cues = FactualityCues(
            **{name: frozenset(words) for name, words in self.cue_lists.items()},
            phrases={value: tuple(phrases) for value, phrases in self.phrases.items()},
        )
        intent = IntentCues(**{name: frozenset(words) for name, words in self.intent_lists.items()})
        return Lexicon(
            types=types,
            contexts=contexts,
            verb_rules=verb_rules,
            noun_rules=noun_rules,
            light_verbs=frozenset(self.light_verbs),
            patient_verbs=frozenset(self.patient_verbs),
            complement_verbs=self.complement,
            mode_cues=mode_cues,
            context_cues=context_cues,
            cues=cues,
            intent=intent,
            speech_verbs=self.speech,
            attribution_phrases=frozenset(self.attribution),
            sources=tuple(self.sources),
        )

    def _finish_types(self) -> dict[str, TypeInfo]:
        types: dict[str, TypeInfo] = {}
        for name in PLOVER_TYPES:
            body = self.types.get(name)
            if body is None:
                raise KnowledgeBaseError("E323", value=name, paths=", ".join(self.sources))
            path, label = self.type_where[name]
            for required in ("quad_class", "intensity", "cameo_root", "needs_recipient"):
                if required not in body:
                    raise KnowledgeBaseError(
                        "E317", path=path, entry=label, field=required,
                        hint="Every PLOVER type needs quad_class, intensity, cameo_root and needs_recipient.",
                    )
            quad = body["quad_class"]
            if not isinstance(quad, int) or isinstance(quad, bool) or quad not in QUAD_CLASSES:
                raise KnowledgeBaseError(
                    "E318", path=path, entry=label, field="quad_class", expected="1, 2, 3 or 4", got=quad
                )
            intensity = _intensity(path, label, body["intensity"])
            if (quad <= 2 and intensity < 0) or (quad >= 3 and intensity > 0):
                raise KnowledgeBaseError("E321", path=path, entry=label, quad=quad, intensity=intensity)
            cameo = _cameo(path, label, body["cameo_root"])
            needs = _bool(path, label, body, "needs_recipient", False)
            reciprocal = _bool(path, label, body, "reciprocal", False)
            domestic = body.get("domestic_target")
            if domestic is not None and not (isinstance(domestic, str) and domestic.isupper() and domestic.isalpha()):
                raise KnowledgeBaseError(
                    "E318", path=path, entry=label, field="domestic_target",
                    expected="a PLOVER sector code such as GOV or CVL, or null", got=domestic,
                )
            modes: list[str] = []
            mode_intensity: dict[str, float] = {}
            mode_cameo: dict[str, str] = {}
            for mode, spec in body["modes"].items():
                mode_path, mode_label = self.type_where.get(f"{name}.{mode}", (path, label))
                modes.append(mode)
                if "intensity" in spec:
                    value = _intensity(mode_path, mode_label, spec["intensity"])
                    if (quad <= 2 and value < 0) or (quad >= 3 and value > 0):
                        raise KnowledgeBaseError("E321", path=mode_path, entry=mode_label, quad=quad, intensity=value)
                    mode_intensity[mode] = value
                if spec.get("cameo_root") is not None:
                    mode_cameo[mode] = _cameo(mode_path, mode_label, spec["cameo_root"]) or ""
            aliases = dict(body["mode_aliases"])
            for alias, target in aliases.items():
                if target not in modes:
                    raise KnowledgeBaseError(
                        "E327", path=path, entry=f"{label}.mode_aliases.{alias}",
                        reason=f"the alias points to '{target}', which is not a mode of {name} "
                        f"(modes: {', '.join(modes) or 'none'})",
                    )
            description = body.get("description") or ""
            types[name] = TypeInfo(
                name=name,
                quad_class=quad,
                intensity=intensity,
                cameo_root=cameo,
                needs_recipient=needs,
                modes=tuple(modes),
                mode_intensity=mode_intensity,
                mode_cameo=mode_cameo,
                mode_aliases=aliases,
                description=str(description),
                reciprocal=reciprocal,
                domestic_target=domestic,
            )
        return types

    def _common(
        self, pending: _Pending, fields: tuple[str, ...], types: dict[str, TypeInfo], contexts: tuple[str, ...]
    ) -> dict[str, Any]:
        data, path, label = pending.data, pending.path, pending.label
        _check_fields(path, label, data, fields)
        type_name = data.get("type")
        if type_name is None:
            raise KnowledgeBaseError(
                "E317", path=path, entry=label, field="type", hint=f"Use one of: {', '.join(PLOVER_TYPES)}."
            )
        if type_name not in types:
            raise KnowledgeBaseError("E314", path=path, entry=label, value=type_name, allowed=", ".join(PLOVER_TYPES))
        if "lemmas" not in data or data["lemmas"] in (None, []):
            raise KnowledgeBaseError(
                "E317", path=path, entry=label, field="lemmas", hint="List at least one lemma, e.g. lemmas: [attack]."
            )
        lemmas = frozenset(_word_list(path, label, "lemmas", data["lemmas"], single=True))
        mode = data.get("mode")
        if mode is not None:
            known = types[type_name].canonical_mode(str(mode))
            if known is None:
                raise _unknown_mode(path, label, type_name, str(mode), types)
            mode = known
        rule_contexts = tuple(_word_list(path, label, "contexts", data.get("contexts") or []))
        for context in rule_contexts:
            if context not in contexts:
                raise KnowledgeBaseError(
                    "E316", path=path, entry=label, value=context, allowed=", ".join(contexts) or "(none declared)"
                )
        confidence = data.get("confidence", None)
        reciprocal = data.get("reciprocal")
        if reciprocal is not None and not isinstance(reciprocal, bool):
            raise KnowledgeBaseError(
                "E318", path=path, entry=label, field="reciprocal", expected="true or false", got=reciprocal
            )
        return {
            "reciprocal": reciprocal,
            "type": type_name,
            "lemmas": lemmas,
            "mode": mode,
            "contexts": rule_contexts,
            "recipient_preps": tuple(_word_list(path, label, "recipient_preps", data.get("recipient_preps") or [])),
            "confidence": confidence,
        }

    def _verb_rule(self, pending: _Pending, types: dict[str, TypeInfo], contexts: tuple[str, ...]) -> VerbRule:
        common = self._common(pending, VERB_FIELDS, types, contexts)
        data, path, label = pending.data, pending.path, pending.label
        particle = data.get("particle")
        if particle is not None and (not isinstance(particle, str) or not particle.strip() or " " in particle.strip()):
            raise KnowledgeBaseError("E318", path=path, entry=label, field="particle", expected="one word", got=particle)
        objects = data.get("object_lemmas")
        object_lemmas: frozenset[str] | None = None
        if objects is not None:
            object_lemmas = frozenset(_word_list(path, label, "object_lemmas", objects, single=True))
            if not object_lemmas:
                raise KnowledgeBaseError(
                    "E318", path=path, entry=label, field="object_lemmas",
                    expected="a non-empty list of nouns (or leave the field out for any object)", got=objects,
                )
        rule = VerbRule(
            id=data["id"],
            type=common["type"],
            lemmas=common["lemmas"],
            mode=common["mode"],
            particle=particle.strip().lower() if isinstance(particle, str) else None,
            recipient_preps=common["recipient_preps"],
            object_lemmas=object_lemmas,
            object_is_recipient=_bool(path, label, data, "object_is_recipient", True),
            complement=_bool(path, label, data, "complement", False),
            confidence=_confidence(path, label, common["confidence"], DEFAULT_VERB_CONFIDENCE),
            contexts=common["contexts"],
            reciprocal=common["reciprocal"],
            source=path,
            rank=pending.rank,
        )
        return rule

    def _noun_rule(self, pending: _Pending, types: dict[str, TypeInfo], contexts: tuple[str, ...]) -> NounRule:
        common = self._common(pending, NOUN_FIELDS, types, contexts)
        data, path, label = pending.data, pending.path, pending.label
        rule = NounRule(
            id=data["id"],
            type=common["type"],
            lemmas=common["lemmas"],
            mode=common["mode"],
            recipient_preps=common["recipient_preps"],
            actor_preps=tuple(_word_list(path, label, "actor_preps", data.get("actor_preps") or [])),
            confidence=_confidence(path, label, common["confidence"], DEFAULT_NOUN_CONFIDENCE),
            contexts=common["contexts"],
            reciprocal=common["reciprocal"],
            source=path,
            rank=pending.rank,
        )
        return rule


# -- field helpers -----------------------------------------------------------------


def _line(node: Any) -> int:
    return getattr(node, "line", 0)


def _at(node: Any) -> str:
    line = _line(node)
    return f" (line {line})" if line else ""


def _require_mapping(path: str, label: str, value: Any, parent: Any) -> None:
    if not isinstance(value, dict):
        name = label.split(" (")[0]
        entry = label if "(line" in label else label + _at(parent)
        raise KnowledgeBaseError("E318", path=path, entry=entry, field=name.split(".")[-1], expected="a mapping", got=value)


def _check_fields(path: str, label: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise KnowledgeBaseError("E319", path=path, entry=label, field=key, allowed=", ".join(allowed))


def _word_list(
    path: str, entry: str, field_name: str, value: Any, *, single: bool = False, lower: bool = True
) -> list[str]:
    """A list of words; `single` forbids spaces (lemmas are one token)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise KnowledgeBaseError(
            "E318", path=path, entry=entry, field=field_name, expected="a list of words", got=value
        )
    words: list[str] = []
    for item in value:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
            raise KnowledgeBaseError(
                "E318", path=path, entry=entry, field=field_name,
                expected="a list of non-empty words (quote words YAML reads otherwise)", got=item,
            )
        word = str(item).strip()
        word = word.lower() if lower else word
        if single and " " in word:
            raise KnowledgeBaseError(
                "E318", path=path, entry=entry, field=field_name,
                expected="single words (lemmas are one token; use `particle` for 'crack down' and "
                "`object_lemmas` for 'hold talks')", got=item,
            )
        if word not in words:
            words.append(word)
    return words


def _phrase_list(path: str, entry: str, field_name: str, value: Any) -> list[str]:
    return [_normalise_space(p) for p in _word_list(path, entry, field_name, value)]


def _bool(path: str, label: str, data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise KnowledgeBaseError("E318", path=path, entry=label, field=key, expected="true or false", got=value)
    return value


def _confidence(path: str, label: str, value: Any, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KnowledgeBaseError("E318", path=path, entry=label, field="confidence", expected="a number", got=value)
    if not 0.0 <= float(value) <= 1.0:
        raise KnowledgeBaseError("E322", path=path, entry=label, field="confidence", value=value, low=0, high=1)
    return float(value)


def _intensity(path: str, label: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KnowledgeBaseError("E318", path=path, entry=label, field="intensity", expected="a number", got=value)
    if not -10.0 <= float(value) <= 10.0:
        raise KnowledgeBaseError("E322", path=path, entry=label, field="intensity", value=value, low=-10, high=10)
    return float(value)


def _cameo(path: str, label: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{2}", text):
        raise KnowledgeBaseError(
            "E318", path=path, entry=label, field="cameo_root", expected='a two-digit CAMEO root in quotes, e.g. "19"',
            got=value,
        )
    return text


def _unknown_mode(path: str, label: str, type_name: str, mode: str, types: dict[str, TypeInfo]) -> KnowledgeBaseError:
    return KnowledgeBaseError(
        "E315", path=path, entry=label, value=mode, type=type_name,
        allowed=", ".join(types[type_name].modes) or "(none)",
    )
