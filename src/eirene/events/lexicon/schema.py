"""What a lexicon holds: the PLOVER type table, rules, cue lists, and their field names.

Why a module of its own: the loader fills these records and the extractor reads them, so
they sit below both. Every field an analyst can set in a lexicon file is named here, once
(docs/lexicon.md describes each).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from eirene.events.plover import TypeInfo
from eirene.vocab import FACTUALITY_VALUES

LEXICON_VERSION = 1
SECTIONS = (
    "version", "description", "types", "contexts", "verbs", "nouns", "light_verbs", "patient_verbs", "complement_verbs",
    "mode_cues", "context_cues", "factuality", "intent", "roles", "speech_verbs", "attribution_phrases", "remove",
)
VERB_FIELDS = (
    "id", "type", "lemmas", "mode", "particle", "recipient_preps", "object_lemmas", "object_is_recipient",
    "complement", "confidence", "contexts", "reciprocal", "note",
)
NOUN_FIELDS = (
    "id", "type", "lemmas", "mode", "recipient_preps", "actor_preps", "confidence", "contexts", "reciprocal", "note",
)
# Per-type switches: true/false fields of a `types` entry (all default to false).
TYPE_SWITCHES = (
    "needs_recipient", "reciprocal", "clause_recipient", "place_recipient", "complement_place_recipient",
    "purpose_recipient", "condition_recipient", "dated_by_death",
)
TYPE_FIELDS = (
    "description", "quad_class", "intensity", "cameo_root", *TYPE_SWITCHES, "domestic_target", "official_type",
    "armed_recipient_type",
    "multilateral_mode", "multilateral_parties", "modes", "mode_aliases",
)
REQUIRED_TYPE_FIELDS = ("quad_class", "intensity", "cameo_root", "needs_recipient")
MODE_FIELDS = ("description", "intensity", "cameo_root")
SPEECH_FIELDS = ("lemmas", "alleging", "denying", "note")
CUE_LISTS = (
    "negation", "hypothetical_modals", "hypothetical_words", "future_aux", "future_words", "alleged_words",
    "alleged_verbs", "negation_focus", "obligation_verbs", "habitual_words", "definition_verbs", "condition_marks",
    "causative_verbs",
)
PHRASE_VALUES = tuple(v for v in FACTUALITY_VALUES if v != "asserted")  # what a cue phrase can mark
# intent.yaml: lists of PLOVER types, lists of words, and what each kind of intent is coded as.
INTENT_TYPE_LISTS = (
    "threat_types", "offer_types", "refusal_types", "conditional_offer_types", "statement_types", "preparation_types",
    "promise_types", "obligation_exempt_types",
)
INTENT_WORD_LISTS = (
    "obligation_modals", "threat_conditions", "offer_conditions", "readiness_words", "promise_verbs",
    "announcing_aux", "preparation_verbs", "conditional_marks",
)
INTENT_KINDS = ("threat", "offer", "refusal", "preparation", "obligation")
# roles.yaml: lists of words, then lists of sector codes (see RoleCues).
ROLE_WORD_LISTS = (
    "reciprocal_preps", "particle_words", "place_preps", "purpose_verbs", "purpose_nouns", "purpose_preps",
    "target_condition_marks", "target_preps", "circumstance_preps", "complement_preps", "complement_object_preps",
    "agent_preps", "phrase_preps", "source_preps", "partitive_nouns", "rebuttal_nouns", "rebuttal_pronouns",
    "dismissive_words", "naming_verbs", "armed_support_words",
)
ROLE_SECTOR_LISTS = ("reporter_sectors", "armed_sectors")
COMPLEMENT_BEHAVIOURS = ("transparent", "control", "none")
REMOVABLE = ("verbs", "nouns", "light_verbs", "speech_verbs")
DEFAULT_VERB_CONFIDENCE = 0.7
DEFAULT_NOUN_CONFIDENCE = 0.65


def normalise_space(text: str) -> str:
    """`text` with every run of whitespace made one space, ends stripped."""
    return " ".join(text.split())


ModeCues = dict[str, list[tuple[str, tuple[str, ...]]]]


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
    always adds the `roles` list `agent_preps`). Other fields (reciprocal too) as in
    VerbRule.
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

    @property
    def specificity(self) -> int:
        """Noun rules have no particle or object: all equally specific."""
        return 0


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
    negation_focus: words after which "not" focuses rather than negates ("not only").
    obligation_verbs: verbs whose present "to" complement is an obligation, not a fact
        ("has to negotiate", "needs to act").
    habitual_words: adverbs that make a simple present habitual ("usually", "often").
    definition_verbs: verbs that, in the present, define ("means", "refers to").
    condition_marks: subordinators of a condition ("if", "unless"): an event in the
        condition itself is no happening and is not coded.
    causative_verbs: verbs that let or make their complement happen ("let", "allow");
        negated or with a modal ("pledged not to let X threaten Y", "could not make them
        agree"), the complement's event is no happening and is not coded.
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
    negation_focus: frozenset[str] = frozenset()
    obligation_verbs: frozenset[str] = frozenset()
    habitual_words: frozenset[str] = frozenset()
    definition_verbs: frozenset[str] = frozenset()
    condition_marks: frozenset[str] = frozenset()
    causative_verbs: frozenset[str] = frozenset()
    phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def phrases_in(self, text: str) -> list[tuple[str, str]]:
        """The multi-word cues in `text` (whole words, any case), as (value, phrase) in file order."""
        low = " " + normalise_space(text.lower()) + " "
        low = re.sub(r"[^\w' ]+", " ", low)
        low = " " + normalise_space(low) + " "
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
    promise_types: types of the promise verbs ("vowed to fight": AGREE) whose promised
        deed of a threat type makes them a threat.
    obligation_exempt_types: types a reported obligation leaves alone (a demand, an
        accusation or a meeting reported with "must" stays what it is).
    obligation_modals: modals laying a reported deed on its doer ("X said Y must return").
    threat_conditions: subordinators making an announced deed a threat ("unless").
    offer_conditions: subordinators making a hypothetical deed of conditional_offer_types
        an offer ("if", "provided").
    conditional_marks: subordinators of a condition on the deed ("if they do not agree"):
        a condition is neither a refusal nor an offer.
    readiness_words: words of readiness governing the deed ("is prepared to lift").
    promise_verbs: verbs whose promised hostile deed is a threat ("vowed to fight").
    announcing_aux: auxiliaries of an announced deed ("will send", "would boycott").
    coded_as (Mapping[str, str]): the type each kind of intent is coded as: "threat",
        "offer", "refusal", "preparation", "obligation" (a kind without one is not retyped).
    """

    threat_types: frozenset[str] = frozenset()
    offer_types: frozenset[str] = frozenset()
    refusal_types: frozenset[str] = frozenset()
    conditional_offer_types: frozenset[str] = frozenset()
    statement_types: frozenset[str] = frozenset()
    preparation_types: frozenset[str] = frozenset()
    promise_types: frozenset[str] = frozenset()
    obligation_exempt_types: frozenset[str] = frozenset()
    obligation_modals: frozenset[str] = frozenset()
    threat_conditions: frozenset[str] = frozenset()
    offer_conditions: frozenset[str] = frozenset()
    conditional_marks: frozenset[str] = frozenset()
    readiness_words: frozenset[str] = frozenset()
    promise_verbs: frozenset[str] = frozenset()
    announcing_aux: frozenset[str] = frozenset()
    preparation_verbs: frozenset[str] = frozenset()
    coded_as: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RoleCues:
    """The words the extractor reads roles by, beyond the rules' own (roles.yaml).

    reciprocal_preps: name the other side of a reciprocal event ("talks with Kabul").
    particle_words: words the parser takes for a preposition right after a verb though
        they are its particle ("pulled out of", "backed down").
    place_preps: an event's place phrase ("a curfew in Algiers", "into the town").
    purpose_verbs / purpose_nouns / purpose_preps: a purpose that names a target ("to
        protest X", "in defiance of X", "against X").
    target_condition_marks: subordinators of a condition whose subject is the target
        ("threatened to walk out if Washington deploys the missiles").
    target_preps: evidence that a clause names a target ("fired on the crowd").
    circumstance_preps: never name a recipient of a classifier event ("in", "during").
    complement_preps / complement_object_preps: recipients in a control verb's
        complement, on its verb or on its object ("refused to hold talks with Kabul").
    agent_preps: name the doer of an event noun ("an attack by X"), for every noun rule.
    phrase_preps: through them a noun phrase still names its actor ("a delegation from
        the Taliban", "the leader of the group", "calls by the rebels").
    source_preps: of those, the ones after which a place stands for its state ("an
        apology from Moscow", "calls by Kabul"; not "of": "the people of Kandahar").
    partitive_nouns: a share or group of their "of" object ("part of the town").
    reporter_sectors: sectors of mentions that report a story rather than take part.
    rebuttal_nouns / rebuttal_pronouns: what a claim called false is ("the reports were
        exaggerated", "called them baseless"): a REJECT of its maker (events.rebuttal).
    dismissive_words: the predicates that call it false; naming_verbs: the verbs that
        do so with an object and a predicate ("called them baseless").
    armed_support_words / armed_sectors: support of an armed group (a recipient of one of
        these sectors) is material: a type's `armed_recipient_type` (SUPPORT: AID).
    """

    reciprocal_preps: frozenset[str] = frozenset()
    particle_words: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()
    purpose_verbs: frozenset[str] = frozenset()
    purpose_nouns: frozenset[str] = frozenset()
    purpose_preps: frozenset[str] = frozenset()
    target_condition_marks: frozenset[str] = frozenset()
    target_preps: frozenset[str] = frozenset()
    circumstance_preps: frozenset[str] = frozenset()
    complement_preps: frozenset[str] = frozenset()
    complement_object_preps: frozenset[str] = frozenset()
    agent_preps: frozenset[str] = frozenset()
    phrase_preps: frozenset[str] = frozenset()
    source_preps: frozenset[str] = frozenset()
    partitive_nouns: frozenset[str] = frozenset()
    reporter_sectors: frozenset[str] = frozenset()
    rebuttal_nouns: frozenset[str] = frozenset()
    rebuttal_pronouns: frozenset[str] = frozenset()
    dismissive_words: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    armed_support_words: frozenset[str] = frozenset()
    armed_sectors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Conflict:
    """Two rules that compete for the same verb and object: the first always wins."""

    lemma: str
    winner: str
    loser: str
    detail: str


@dataclass(frozen=True)
class LexiconParts:
    """A validated lexicon, before indexing: what `Lexicon` is built from."""

    types: dict[str, TypeInfo]
    contexts: tuple[str, ...]
    verb_rules: tuple[VerbRule, ...]
    noun_rules: tuple[NounRule, ...]
    light_verbs: frozenset[str]
    patient_verbs: frozenset[str]
    complement_verbs: dict[str, str]
    mode_cues: ModeCues
    context_cues: list[tuple[str, tuple[str, ...]]]
    cues: FactualityCues
    intent: IntentCues
    roles: RoleCues
    speech_verbs: dict[str, SpeechVerb]
    attribution_phrases: frozenset[str]
    sources: tuple[str, ...]
