"""The event lexicon: loading, lookups per PLOVER type, modes, contexts, factuality and
speech cues, validation errors, user files, and the PLOVER type table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eirene.errors import MESSAGES, KnowledgeBaseError
from eirene.events.lexicon import (
    BUILTIN_DIR,
    SECTIONS,
    Lexicon,
    NounRule,
    VerbRule,
    builtin_files,
    clear_cache,
    plover_types,
    score,
)
from eirene.events.plover import TypeInfo
from eirene.vocab import PLOVER_TYPES

DOCS = Path(__file__).resolve().parent.parent / "docs" / "lexicon.md"


def pick(lexicon: Lexicon, lemma: str, obj: str | None = None, particle: str | None = None) -> VerbRule | None:
    """The rule the extractor takes: the first whose particle and object fit (docs/lexicon.md)."""
    for rule in lexicon.verb_rules(lemma):
        if rule.particle and rule.particle != particle:
            continue
        if rule.object_lemmas is not None and obj not in rule.object_lemmas:
            continue
        return rule
    return None


def write(tmp_path: Path, text: str, name: str = "user.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- loading -----------------------------------------------------------------------


def test_builtin_lexicon_is_built_once_and_files_are_parsed_once(monkeypatch, tmp_path: Path):
    # How long a load takes is measured in benchmarks/lexicon.py; here, what the caches do.
    from eirene.events.lexicon import files

    reads: list[str] = []
    real = files.load_knowledge_file

    def counting(path, **kwargs):
        reads.append(Path(path).name)
        return real(path, **kwargs)

    monkeypatch.setattr(files, "load_knowledge_file", counting)
    clear_cache()
    first = Lexicon.load()
    assert sorted(reads) == sorted(p.name for p in builtin_files())
    reads.clear()
    assert Lexicon.load() is first and reads == []  # the built lexicon, not rebuilt
    user = write(tmp_path, "version: 1\nlight_verbs: [wield]\n")
    with_user = Lexicon.load([user])
    assert with_user is not first and with_user.is_light_verb("wield") and reads == ["user.yaml"]
    reads.clear()
    assert Lexicon.load([user]).is_light_verb("wield") and reads == []  # parsed files are reused
    clear_cache()
    assert Lexicon.load() is not first and len(reads) == len(builtin_files())


def test_builtin_files_load_in_documented_order():
    names = [p.name for p in builtin_files()]
    assert names[:8] == [
        "plover.yaml", "verbs.yaml", "nouns.yaml", "light_verbs.yaml", "modes.yaml", "factuality.yaml", "intent.yaml",
        "speech.yaml",
    ]


def test_builtin_lexicon_has_broad_coverage_of_every_type(lexicon: Lexicon):
    verb_lemmas: dict[str, set[str]] = {t: set() for t in PLOVER_TYPES}
    for rule in lexicon.all_verb_rules():
        verb_lemmas[rule.type] |= rule.lemmas
    noun_types = {rule.type for rule in lexicon.all_noun_rules()}
    assert sum(len(v) for v in verb_lemmas.values()) >= 500
    for event_type, lemmas in verb_lemmas.items():
        assert len(lemmas) >= 10, f"{event_type} has only {sorted(lemmas)}"
    assert noun_types == set(PLOVER_TYPES)


def test_builtin_lemmas_are_single_lowercase_tokens(lexicon: Lexicon):
    rules: list[VerbRule | NounRule] = [*lexicon.all_verb_rules(), *lexicon.all_noun_rules()]
    for rule in rules:
        words = set(rule.lemmas) | set(getattr(rule, "object_lemmas", None) or ())
        for word in words:
            assert word == word.lower() and not re.search(r"[\s-]", word), (rule.id, word)


def test_builtin_rules_do_not_shadow_each_other(lexicon: Lexicon):
    assert lexicon.conflicts() == []


def test_rule_ids_are_unique_and_carry_their_source(lexicon: Lexicon):
    ids = [r.id for r in lexicon.all_verb_rules()] + [r.id for r in lexicon.all_noun_rules()]
    assert len(ids) == len(set(ids))
    assert all(r.source.endswith("verbs.yaml") for r in lexicon.all_verb_rules())


# -- verb lookups ------------------------------------------------------------------

VERBS = [
    # (lemma, direct object, particle, type, mode)
    ("kill", None, None, "ASSAULT", None),
    ("assassinate", None, None, "ASSAULT", "assassinate"),
    ("shell", None, None, "ASSAULT", "heavy-weapons"),
    ("bomb", None, None, "ASSAULT", None),
    ("ambush", None, None, "ASSAULT", None),
    ("kidnap", None, None, "ASSAULT", "abduct"),
    ("clash", None, None, "ASSAULT", None),
    ("shoot", None, None, "ASSAULT", "firearms"),
    ("shoot", "drone", "down", "ASSAULT", None),
    ("launch", "attack", None, "ASSAULT", None),
    ("carry", "airstrike", "out", "ASSAULT", None),
    ("open", "fire", None, "ASSAULT", "firearms"),
    ("fire", "missile", None, "ASSAULT", "heavy-weapons"),
    ("arrest", None, None, "COERCE", "arrest"),
    ("detain", None, None, "COERCE", "arrest"),
    ("seize", None, None, "COERCE", "seize"),
    ("raid", None, None, "COERCE", "seize"),
    ("crack", None, "down", "COERCE", None),
    ("impose", "curfew", None, "COERCE", "curfew"),
    ("hack", None, None, "COERCE", "cyber"),
    ("deport", None, None, "COERCE", "deport"),
    ("deploy", None, None, "MOBILIZE", None),
    ("mobilize", None, None, "MOBILIZE", None),
    ("send", "troop", None, "MOBILIZE", None),
    ("call", None, "up", "MOBILIZE", "troops"),
    ("test", "missile", None, "MOBILIZE", "weapons"),
    ("protest", None, None, "PROTEST", "demo"),
    ("riot", None, None, "PROTEST", "riot"),
    ("boycott", None, None, "PROTEST", "boycott"),
    ("stage", "protest", None, "PROTEST", "demo"),
    ("begin", "strike", None, "PROTEST", "strike"),
    ("sanction", None, None, "SANCTION", "discontinue"),
    ("impose", "sanction", None, "SANCTION", "discontinue"),
    ("embargo", None, None, "SANCTION", "discontinue"),
    ("expel", None, None, "SANCTION", "expel"),
    ("cut", "aid", None, "SANCTION", "discontinue"),
    ("suspend", "aid", None, "SANCTION", "discontinue"),
    ("freeze", "asset", None, "SANCTION", "discontinue"),
    ("sever", "tie", None, "SANCTION", "withdraw"),
    ("recall", "ambassador", None, "SANCTION", "withdraw"),
    ("call", "talk", "off", "SANCTION", "withdraw"),
    ("convict", None, None, "SANCTION", "convict"),
    ("threaten", None, None, "THREATEN", None),
    ("warn", None, None, "THREATEN", None),
    ("vow", "revenge", None, "THREATEN", "violence"),
    ("issue", "ultimatum", None, "THREATEN", None),
    ("reject", None, None, "REJECT", None),
    ("refuse", None, None, "REJECT", None),
    ("veto", None, None, "REJECT", None),
    ("rule", None, "out", "REJECT", None),
    ("dismiss", "demand", None, "REJECT", None),
    ("deny", "request", None, "REJECT", None),
    ("accuse", None, None, "ACCUSE", "allege"),
    ("blame", None, None, "ACCUSE", "allege"),
    ("criticize", None, None, "ACCUSE", "disapprove"),
    ("condemn", None, None, "ACCUSE", "disapprove"),
    ("investigate", None, None, "ACCUSE", "investigate"),
    ("sue", None, None, "ACCUSE", "allege"),
    ("lodge", "protest", None, "ACCUSE", "disapprove"),
    ("summon", None, None, "ACCUSE", "disapprove"),
    ("urge", None, None, "REQUEST", None),
    ("demand", None, None, "REQUEST", None),
    ("ask", None, None, "REQUEST", None),
    ("appeal", None, None, "REQUEST", None),
    ("call", None, None, "REQUEST", None),
    ("withdraw", "troop", None, "RETREAT", "withdraw"),
    ("pull", None, "out", "RETREAT", "withdraw"),
    ("release", "prisoner", None, "RETREAT", "release"),
    ("free", "hostage", None, "RETREAT", "release"),
    ("accept", "proposal", None, "AGREE", None),
    ("observe", "ceasefire", None, "RETREAT", "ceasefire"),
    ("lift", "sanction", None, "RETREAT", None),
    ("disarm", None, None, "RETREAT", "disarm"),
    ("resign", None, None, "RETREAT", "resign"),
    ("step", None, "down", "RETREAT", "resign"),
    ("supply", None, None, "AID", None),
    ("arm", None, None, "AID", "military"),
    ("fund", None, None, "AID", "economic"),
    ("finance", None, None, "AID", "economic"),
    ("train", None, None, "AID", "military"),
    ("equip", None, None, "AID", "military"),
    ("deliver", "aid", None, "AID", None),
    ("donate", None, None, "AID", None),
    ("assist", None, None, "AID", None),
    ("give", "weapon", None, "AID", "military"),
    ("grant", "asylum", None, "AID", "asylum"),
    ("cooperate", None, None, "COOPERATE", None),
    ("collaborate", None, None, "COOPERATE", None),
    ("conduct", "exercise", None, "COOPERATE", None),
    ("share", "intelligence", None, "COOPERATE", None),
    ("extradite", None, None, "COOPERATE", None),
    ("concede", None, None, "CONCEDE", None),
    ("yield", None, None, "CONCEDE", None),
    ("give", None, "in", "CONCEDE", None),
    ("ease", "restriction", None, "CONCEDE", None),
    ("declare", "ceasefire", None, "CONCEDE", None),
    ("meet", "demand", None, "CONCEDE", None),
    ("praise", None, None, "SUPPORT", None),
    ("endorse", None, None, "SUPPORT", None),
    ("back", None, None, "SUPPORT", None),
    ("recognize", None, None, "SUPPORT", None),
    ("apologize", None, None, "SUPPORT", None),
    ("sign", "treaty", None, "SUPPORT", None),
    ("restore", "tie", None, "SUPPORT", None),
    ("meet", None, None, "CONSULT", None),
    ("visit", None, None, "CONSULT", "visit"),
    ("host", None, None, "CONSULT", "host"),
    ("host", "talk", None, "CONSULT", "third-party"),
    ("negotiate", None, None, "CONSULT", None),
    ("discuss", None, None, "CONSULT", None),
    ("telephone", None, None, "CONSULT", "phone"),
    ("mediate", None, None, "CONSULT", None),
    ("hold", "talk", None, "CONSULT", None),
    ("agree", None, None, "AGREE", None),
    ("promise", None, None, "AGREE", None),
    ("invite", None, None, "AGREE", None),
    ("offer", None, None, "AGREE", None),
    ("reach", "agreement", None, "AGREE", None),
    ("strike", "deal", None, "AGREE", None),
]


@pytest.mark.parametrize(("lemma", "obj", "particle", "event_type", "mode"), VERBS)
def test_verb_rule_picked_for_verb_object_and_particle(lexicon, lemma, obj, particle, event_type, mode):
    rule = pick(lexicon, lemma, obj, particle)
    assert rule is not None, f"no rule for {lemma} {particle or ''} {obj or ''}"
    assert (rule.type, rule.mode) == (event_type, mode), rule.id


def test_verb_rules_are_most_specific_first(lexicon: Lexicon):
    rules = lexicon.verb_rules("withdraw")
    specificities = [r.specificity for r in rules]
    assert specificities == sorted(specificities, reverse=True)
    assert rules[-1].object_lemmas is None and rules[-1].type == "RETREAT"
    assert lexicon.verb_rules("Withdraw") == rules  # lookups are case-insensitive


@pytest.mark.parametrize(
    ("lemma", "obj"),
    [("hold", "election"), ("release", "statement"), ("give", "speech"), ("sign", "autograph"), ("end", "season"), ("accept", "money"), ("free", "country")],
)
def test_object_restricted_verbs_make_no_event_with_other_objects(lexicon, lemma, obj):
    assert pick(lexicon, lemma, obj) is None


@pytest.mark.parametrize("lemma", ["say", "be", "have", "do", "get"])
def test_non_event_verbs_have_no_rules(lexicon, lemma):
    assert pick(lexicon, lemma, None) is None


def test_rules_name_recipient_prepositions_and_object_roles(lexicon: Lexicon):
    attack = pick(lexicon, "attack")
    assert attack is not None and {"on", "against"} <= set(attack.recipient_preps)
    talks = pick(lexicon, "hold", "talk")
    assert talks is not None and not talks.object_is_recipient and "with" in talks.recipient_preps
    give = pick(lexicon, "give", "aid")
    assert give is not None and "to" in give.recipient_preps and not give.object_is_recipient
    crack = pick(lexicon, "crack", None, "down")
    assert crack is not None and crack.particle == "down" and "on" in crack.recipient_preps


# -- nouns, light verbs, complements -----------------------------------------------

NOUNS = [
    ("strike", "ASSAULT", None), ("airstrike", "ASSAULT", None), ("assassination", "ASSAULT", "assassinate"),
    ("kidnapping", "ASSAULT", "abduct"), ("talk", "CONSULT", None), ("visit", "CONSULT", "visit"),
    ("summit", "CONSULT", None), ("sanction", "SANCTION", "discontinue"), ("embargo", "SANCTION", "discontinue"),
    ("support", "SUPPORT", None), ("aid", "AID", None), ("loan", "AID", "economic"), ("agreement", "AGREE", None),
    ("withdrawal", "RETREAT", "withdraw"), ("ceasefire", "RETREAT", "ceasefire"), ("arrest", "COERCE", "arrest"),
    ("crackdown", "COERCE", None), ("protest", "PROTEST", "demo"), ("deployment", "MOBILIZE", None),
    ("threat", "THREATEN", None), ("accusation", "ACCUSE", "allege"), ("investigation", "ACCUSE", "investigate"),
    ("rejection", "REJECT", None), ("demand", "REQUEST", None), ("concession", "CONCEDE", None),
    ("cooperation", "COOPERATE", None),
]


@pytest.mark.parametrize(("lemma", "event_type", "mode"), NOUNS)
def test_noun_rules(lexicon, lemma, event_type, mode):
    rule = lexicon.noun_rules(lemma)[0]
    assert (rule.type, rule.mode) == (event_type, mode), rule.id


def test_noun_rules_carry_recipient_and_actor_prepositions(lexicon: Lexicon):
    attack = lexicon.noun_rules("attack")[0]
    assert "on" in attack.recipient_preps and "from" in attack.actor_preps
    assert "for" in lexicon.noun_rules("support")[0].recipient_preps  # "support for the Taliban"
    assert "with" in lexicon.noun_rules("talk")[0].recipient_preps  # "talks with Kabul"
    assert lexicon.noun_rules("march") == []  # the month


def test_each_noun_lemma_has_one_builtin_rule(lexicon: Lexicon):
    seen: dict[str, str] = {}
    for rule in lexicon.all_noun_rules():
        for lemma in rule.lemmas:
            assert lemma not in seen, f"{lemma}: {seen[lemma]} and {rule.id}"
            seen[lemma] = rule.id


@pytest.mark.parametrize("lemma", ["hold", "launch", "carry", "conduct", "make", "pay", "give", "express", "voice", "reach"])
def test_light_verbs(lexicon, lemma):
    assert lexicon.is_light_verb(lemma)


def test_light_verbs_exclude_verbs_with_plain_rules_and_reversing_verbs(lexicon: Lexicon):
    for lemma in ("attack", "provide", "receive", "end", "say"):
        assert not lexicon.is_light_verb(lemma)
    for lemma in sorted(lexicon.light_verbs):
        plain = [r for r in lexicon.verb_rules(lemma) if r.object_lemmas is None and r.particle is None
                 and not r.complement]
        assert not plain, f"light verb {lemma} has a plain rule {plain[0].id}, so it never acts as one"


@pytest.mark.parametrize(
    ("lemma", "behaviour"),
    [
        ("decide", "transparent"), ("begin", "transparent"), ("plan", "transparent"), ("continue", "transparent"),
        ("try", "transparent"), ("seek", "transparent"), ("move", "transparent"), ("fail", "transparent"),
        ("agree", "control"), ("refuse", "control"), ("threaten", "control"), ("urge", "control"),
        ("ask", "control"), ("promise", "control"), ("attack", None), ("say", None),
    ],
)
def test_complement_behaviour(lexicon, lemma, behaviour):
    assert lexicon.complement_behaviour(lemma) == behaviour


def test_control_verbs_have_their_own_rule(lexicon: Lexicon):
    for lemma in ("agree", "refuse", "threaten", "urge", "ask", "promise", "decline", "warn"):
        assert pick(lexicon, lemma) is not None, lemma


def test_reciprocal_comes_from_type_or_rule(lexicon: Lexicon):
    assert lexicon.is_reciprocal(pick(lexicon, "meet"))  # CONSULT type default
    assert not lexicon.is_reciprocal(pick(lexicon, "attack"))
    assert lexicon.is_reciprocal(pick(lexicon, "clash"))  # rule override: "X and Y clashed"
    assert lexicon.is_reciprocal(pick(lexicon, "exchange", "fire"))


# -- modes and contexts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("event_type", "words", "mode"),
    [
        ("ASSAULT", ["a", "drone", "strike", "kill"], "drone"),
        ("ASSAULT", ["an", "unmanned", "aerial", "vehicle", "hit"], "drone"),
        ("ASSAULT", ["us", "warplane", "bomb", "the", "town"], "aerial"),
        ("ASSAULT", ["the", "air", "strike", "kill"], "aerial"),
        ("ASSAULT", ["a", "suicide", "car", "bomb", "explode"], "suicide-attack"),
        ("ASSAULT", ["the", "suicide-bomber", "attack"], "suicide-attack"),
        ("ASSAULT", ["a", "roadside", "bomb", "kill"], "explosives"),
        ("ASSAULT", ["IED", "blast"], "explosives"),
        ("ASSAULT", ["gunmen", "attack", "the", "hotel"], "firearms"),
        ("ASSAULT", ["police", "fire", "tear", "gas", "at", "protester"], "crowd-control"),
        ("ASSAULT", ["artillery", "pound", "village"], "heavy-weapons"),
        ("CONSULT", ["Putin", "and", "Erdogan", "speak", "by", "phone"], "phone"),
        ("CONSULT", ["leaders", "meet", "at", "the", "summit"], "multilateral"),
        ("CONSULT", ["talks", "mediated", "by", "Qatar"], "third-party"),
        ("CONSULT", ["Kerry", "arrive", "in", "Kabul", "on", "a", "visit"], "visit"),
        ("AID", ["military", "aid"], "military"),
        ("AID", ["humanitarian", "assistance"], "humanitarian"),
        ("AID", ["a", "$", "2", "billion", "loan"], "economic"),
        ("RETREAT", ["withdraw", "troops"], "withdraw"),
        ("RETREAT", ["release", "prisoners"], "release"),
        ("RETREAT", ["respect", "the", "cease-fire"], "ceasefire"),
        ("COERCE", ["arrest", "opposition", "leaders"], "arrest"),
        ("COERCE", ["seize", "weapons", "in", "a", "raid"], "seize"),
        ("PROTEST", ["a", "hunger", "strike", "against"], "hunger"),
        ("PROTEST", ["protest", "against", "drone", "strike"], "demo"),
        ("MOBILIZE", ["riot", "police", "deploy"], "police"),
        ("REQUEST", ["urge", "to", "release", "prisoners"], "yield"),
        ("THREATEN", ["threaten", "military", "action"], "violence"),
    ],
)
def test_mode_cues(lexicon, event_type, words, mode):
    assert lexicon.mode_for(event_type, words) == mode


def test_mode_for_returns_none_without_cue_or_modes(lexicon: Lexicon):
    assert lexicon.mode_for("ASSAULT", ["they", "attack", "the", "town"]) is None
    assert lexicon.mode_for("AGREE", ["drone", "phone"]) is None  # AGREE has no modes
    assert lexicon.mode_for("ASSAULT", []) is None


def test_every_mode_cue_names_a_mode_of_its_type(lexicon: Lexicon):
    for event_type, info in lexicon.types.items():
        order = lexicon.mode_order(event_type)
        assert set(order) <= set(info.modes), event_type
    assert lexicon.mode_order("ASSAULT")[0] == "suicide-attack"
    assert lexicon.mode_order("ASSAULT").index("drone") < lexicon.mode_order("ASSAULT").index("aerial")
    assert lexicon.mode_order("ASSAULT").index("aerial") < lexicon.mode_order("ASSAULT").index("explosives")


def test_contexts_for(lexicon: Lexicon):
    assert lexicon.contexts_for(["a", "terrorist", "attack"]) == ("terrorism",)
    found = lexicon.contexts_for("the army shell refugee camps near the border".split())
    assert {"military", "refugees", "territory"} <= set(found)
    assert lexicon.contexts_for(["human", "rights", "groups"]) == ("human_rights",)
    assert lexicon.contexts_for(["the", "weather"]) == ()


def test_contexts_follow_declaration_order(lexicon: Lexicon):
    found = lexicon.contexts_for(["refugee", "trade", "war"])
    assert list(found) == [c for c in lexicon.contexts if c in found]


# -- factuality and speech ---------------------------------------------------------


def test_factuality_cue_lists(lexicon: Lexicon):
    cues = lexicon.cues
    assert {"not", "n't", "never", "no", "without", "fail"} <= cues.negation
    assert {"could", "would", "might", "may"} <= cues.hypothetical_modals
    assert {"if", "unless", "possible", "potential", "consider"} <= cues.hypothetical_words
    assert {"will", "shall", "'ll"} <= cues.future_aux
    assert {"plan", "scheduled", "upcoming", "next"} <= cues.future_words
    assert {"allegedly", "reportedly", "alleged", "suspected"} <= cues.alleged_words
    assert {"accuse", "allege", "suspect"} <= cues.alleged_verbs
    for name in ("negation", "hypothetical_modals", "future_aux", "alleged_words"):
        assert all(w == w.lower() for w in getattr(cues, name))


def test_factuality_phrases_are_found_in_text(lexicon: Lexicon):
    found = lexicon.cues.phrases_in("Moscow has no interest in targeting the group, officials said.")
    assert ("negated", "has no interest in") in found
    found = lexicon.cues.phrases_in("The talks, which are to be held in Doha, are set to begin.")
    assert {("future", "to be held"), ("future", "are set to")} <= set(found)
    assert ("alleged", "is said to") in lexicon.cues.phrases_in("Iran is said to arm the rebels.")
    assert ("hypothetical", "in case") in lexicon.cues.phrases_in("Troops stand ready in case talks collapse.")
    assert lexicon.cues.phrases_in("In Cases like this") == []  # whole words only


@pytest.mark.parametrize(
    ("lemma", "alleging", "denying"),
    [
        ("say", False, False), ("tell", False, False), ("announce", False, False), ("confirm", False, False),
        ("claim", True, False), ("allege", True, False), ("accuse", True, False), ("charge", True, False),
        ("deny", False, True), ("refute", False, True), ("dismiss", False, True),
    ],
)
def test_speech_verbs(lexicon, lemma, alleging, denying):
    speech = lexicon.speech_verb(lemma)
    assert speech is not None and (speech.alleging, speech.denying) == (alleging, denying)


def test_non_reporting_verbs_are_not_speech_verbs(lexicon: Lexicon):
    for lemma in ("attack", "meet", "agree", "threaten"):
        assert lexicon.speech_verb(lemma) is None


def test_attribution_phrases(lexicon: Lexicon):
    assert lexicon.is_attribution_phrase("according to")
    assert lexicon.is_attribution_phrase("  According   TO ")
    assert lexicon.is_attribution_phrase("quoted as saying")
    assert not lexicon.is_attribution_phrase("according")


# -- the PLOVER type table -----------------------------------------------------------

QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


def test_every_plover_type_has_intensity_quad_and_cameo():
    types = plover_types()
    assert list(types) == list(PLOVER_TYPES)
    for name, info in types.items():
        assert isinstance(info, TypeInfo) and info.name == name
        assert info.quad_class == QUADS[name]
        assert -10 <= info.intensity <= 10
        assert info.intensity >= 0 if info.quad_class <= 2 else info.intensity <= 0
        assert info.cameo_root is not None and re.fullmatch(r"\d\d", info.cameo_root)
        for mode in info.modes:
            value, quad, root = info.score(mode)
            assert quad == info.quad_class
            assert value >= 0 if quad <= 2 else value <= 0
            assert root is not None and re.fullmatch(r"\d\d", root)


def test_needs_recipient_and_modes_per_type():
    types = plover_types()
    assert {t for t, i in types.items() if i.needs_recipient} >= {"ASSAULT", "COERCE", "AID", "ACCUSE", "THREATEN"}
    assert not types["PROTEST"].needs_recipient and not types["MOBILIZE"].needs_recipient
    assert {"aerial", "drone", "firearms", "explosives", "suicide-attack", "assassinate", "beat"} <= set(types["ASSAULT"].modes)
    assert {"visit", "host", "multilateral", "phone", "third-party"} <= set(types["CONSULT"].modes)
    assert {"withdraw", "release", "ceasefire"} <= set(types["RETREAT"].modes)
    assert {"military", "economic", "humanitarian"} <= set(types["AID"].modes)
    assert {"arrest", "seize"} <= set(types["COERCE"].modes)
    assert {"meet", "assist", "yield", "change"} <= set(types["REQUEST"].modes) == set(types["REJECT"].modes)


def test_score_uses_mode_overrides_and_aliases():
    assert score("ASSAULT", "drone") == (-10.0, 4, "19")
    assert score("ASSAULT", "beat") == (-9.5, 4, "18")
    assert score("ASSAULT", "suicide") == score("ASSAULT", "suicide-attack") == (-10.0, 4, "18")
    assert score("CONSULT", "visit") == (1.9, 1, "04")
    assert score("ACCUSE", "investigate") == (-2.0, 3, "09")
    assert score("AID", "military") == (8.3, 2, "07")
    assert score("PROTEST", "strike-hun") == score("PROTEST", "hunger")
    assert score("AID", None) == (7.0, 2, "07")
    assert score("AID", "no-such-mode") == (7.0, 2, "07")


def test_score_rejects_unknown_type():
    with pytest.raises(KnowledgeBaseError) as err:
        score("FIGHT", None)
    assert err.value.code == "E324" and "ASSAULT" in str(err.value)


def test_user_type_changes_reach_scores(tmp_path: Path):
    path = write(tmp_path, "version: 1\ntypes:\n  CONSULT:\n    intensity: 3.0\n    modes:\n      visit: {intensity: 4.0}\n")
    lexicon = Lexicon.load([path])
    assert lexicon.score("CONSULT", None) == (3.0, 1, "04")
    assert score("CONSULT", "visit", lexicon) == (4.0, 1, "04")
    assert plover_types(lexicon)["CONSULT"].intensity == 3.0
    assert plover_types()["CONSULT"].intensity == 1.0  # the built-in table is untouched


# -- user files ----------------------------------------------------------------------

USER = """\
version: 1
types:
  ASSAULT:
    modes:
      knife: {intensity: -9.5, description: "Knife attacks."}
contexts:
  maritime: Shipping and navies.
verbs:
  - id: assault.ram
    type: ASSAULT
    lemmas: [ram, Broadside]
    mode: knife
    recipient_preps: [into]
    contexts: [maritime]
    confidence: 0.6
  - id: coerce.raid
    type: ASSAULT
    lemmas: [raid]
    recipient_preps: [on]
  - id: user.attack
    type: ACCUSE
    lemmas: [attack]
    mode: disapprove
nouns:
  - id: user.noun.attack
    type: ACCUSE
    lemmas: [attack]
remove:
  nouns: [noun.mobilize.test]
  light_verbs: [give]
mode_cues:
  ASSAULT:
    knife: [knife, shiv]
context_cues:
  maritime: [ship, tanker]
light_verbs: [effect]
complement_verbs:
  transparent: [agree]
  none: [decide]
factuality:
  negation: [nary]
  phrases:
    future: [in the pipeline]
speech_verbs:
  - lemmas: [say]
    alleging: true
attribution_phrases: [as stated by]
"""


def test_domestic_targets_are_data_a_user_can_switch_off(tmp_path: Path):
    builtin = Lexicon.load().types
    assert builtin["PROTEST"].domestic_target == "GOV" and builtin["ASSAULT"].domestic_target == "CVL"
    assert builtin["AGREE"].domestic_target is None and builtin["AID"].domestic_target is None
    path = write(tmp_path, "version: 1\ntypes:\n  PROTEST:\n    domestic_target: null\n", "mine.yaml")
    mine = Lexicon.load([path]).types
    assert mine["PROTEST"].domestic_target is None and mine["ASSAULT"].domestic_target == "CVL"


def test_intent_lists_are_data_a_user_can_extend(tmp_path: Path):
    builtin = Lexicon.load().intent
    assert "ASSAULT" in builtin.threat_types and "AID" in builtin.offer_types and "vow" in builtin.promise_verbs
    path = write(tmp_path, "version: 1\nintent:\n  promise_verbs: [Swear-in]\n  offer_types: [CONSULT]\n", "mine.yaml")
    mine = Lexicon.load([path]).intent
    assert {"vow", "swear-in"} <= mine.promise_verbs and {"AID", "CONSULT"} <= mine.offer_types


def test_user_file_adds_overrides_and_removes(tmp_path: Path):
    lexicon = Lexicon.load([write(tmp_path, USER)])
    ram = lexicon.verb_rules("ram")[0]
    assert (ram.id, ram.type, ram.mode, ram.contexts, ram.confidence) == ("assault.ram", "ASSAULT", "knife", ("maritime",), 0.6)
    assert lexicon.verb_rules("broadside")[0] is ram  # lemmas are lowercased
    raid = lexicon.verb_rules("raid")
    assert [r.id for r in raid].count("coerce.raid") == 1 and raid[0].type == "ASSAULT"  # replaced by id
    assert lexicon.verb_rules("attack")[0].id == "user.attack"  # user rules first among equals
    assert lexicon.noun_rules("attack")[0].id == "user.noun.attack"
    assert lexicon.noun_rules("test") == []
    assert not lexicon.is_light_verb("give") and lexicon.is_light_verb("effect")
    assert lexicon.complement_behaviour("agree") == "transparent"
    assert lexicon.complement_behaviour("decide") is None
    assert lexicon.mode_for("ASSAULT", ["a", "shiv", "attack"]) == "knife"
    assert lexicon.mode_for("ASSAULT", ["a", "knife", "attack"]) == "primitive"  # new modes come after built-ins
    assert lexicon.score("ASSAULT", "knife") == (-9.5, 4, "19")
    assert "maritime" in lexicon.contexts_for(["the", "tanker"])
    assert "nary" in lexicon.cues.negation and "not" in lexicon.cues.negation
    assert ("future", "in the pipeline") in lexicon.cues.phrases_in("A deal is in the pipeline.")
    assert lexicon.speech_verb("say").alleging  # type: ignore[union-attr]
    assert lexicon.is_attribution_phrase("as stated by") and lexicon.is_attribution_phrase("according to")
    assert Lexicon.load().verb_rules("raid")[0].type == "COERCE"  # built-ins unchanged


def test_user_conflict_is_reported(tmp_path: Path):
    lexicon = Lexicon.load([write(tmp_path, USER)])
    assert any(c.lemma == "attack" and c.winner == "user.attack" and c.loser == "assault.attack" for c in lexicon.conflicts())


def test_directory_of_user_files_and_single_path(tmp_path: Path):
    write(tmp_path, "version: 1\nverbs:\n  - {id: a.one, type: AGREE, lemmas: [shake]}\n", "a.yaml")
    write(tmp_path, "version: 1\nverbs:\n  - {id: a.one, type: SUPPORT, lemmas: [shake]}\n", "b.yml")
    lexicon = Lexicon.load([tmp_path])
    assert [r.type for r in lexicon.verb_rules("shake")] == ["SUPPORT"]  # b.yml loads after a.yaml
    assert Lexicon.load(str(tmp_path / "a.yaml")).verb_rules("shake")[0].type == "AGREE"


def test_without_builtins_only_types_and_user_rules(tmp_path: Path):
    path = write(tmp_path, "version: 1\nverbs:\n  - {id: x.kill, type: ASSAULT, lemmas: [kill]}\n")
    lexicon = Lexicon.load([path], include_builtin=False)
    assert [r.id for r in lexicon.all_verb_rules()] == ["x.kill"]
    assert lexicon.noun_rules("attack") == [] and lexicon.speech_verb("say") is None
    assert set(lexicon.types) == set(PLOVER_TYPES)


def test_yaml_booleans_do_not_eat_particles_and_prepositions(tmp_path: Path):
    text = (
        "version: 1\nverbs:\n  - id: x.off\n    type: SANCTION\n    lemmas: [snap]\n    particle: off\n"
        "    recipient_preps: [on, no, yes]\n    object_is_recipient: false\n"
    )
    rule = Lexicon.load([write(tmp_path, text)]).verb_rules("snap")[0]
    assert rule.particle == "off" and rule.recipient_preps == ("on", "no", "yes") and rule.object_is_recipient is False


# -- validation errors -----------------------------------------------------------


def rule_file(body: str) -> str:
    return "version: 1\nverbs:\n  - id: my.rule\n" + body


BAD = [
    ("E314", rule_file("    type: FIGHT\n    lemmas: [fight]\n"), ["FIGHT", "my.rule", "line 3", "ASSAULT"]),
    ("E315", rule_file("    type: ASSAULT\n    lemmas: [stab]\n    mode: knife\n"), ["knife", "my.rule", "drone"]),
    ("E317", rule_file("    type: ASSAULT\n"), ["lemmas", "my.rule"]),
    ("E317", "version: 1\nverbs:\n  - type: ASSAULT\n    lemmas: [hit]\n", ["id", "verbs[0]"]),
    ("E319", rule_file("    type: ASSAULT\n    lemmas: [hit]\n    recipent_preps: [on]\n"), ["recipent_preps", "my.rule"]),
    ("E318", rule_file("    type: ASSAULT\n    lemmas: [crack down]\n"), ["crack down", "particle"]),
    ("E318", rule_file("    type: ASSAULT\n    lemmas: [hit]\n    object_is_recipient: maybe\n"), ["object_is_recipient"]),
    ("E318", rule_file("    type: REQUEST\n    lemmas: [order]\n    complement: sometimes\n"), ["complement"]),
    ("E322", rule_file("    type: ASSAULT\n    lemmas: [hit]\n    confidence: 1.5\n"), ["confidence", "1.5"]),
    ("E316", rule_file("    type: ASSAULT\n    lemmas: [hit]\n    contexts: [maritime]\n"), ["maritime", "military"]),
    ("E320", rule_file("    type: ASSAULT\n    lemmas: [hit]\n  - id: my.rule\n    type: ASSAULT\n    lemmas: [hit]\n"),
     ["my.rule", "line 3"]),
    ("E312", "version: 2\nverbs: []\n", ["version 2"]),
    ("E312", "verbs: []\n", ["version"]),
    ("E311", "- just\n- a list\n", ["mapping"]),
    ("E311", "", ["empty"]),
    ("E313", "version: 1\nverb:\n  - id: x\n", ["'verb'", "verbs"]),
    ("E310", "version: 1\nverbs: [\n", ["invalid YAML", "line"]),
    ("E321", "version: 1\ntypes:\n  ASSAULT:\n    intensity: 5\n", ["quad_class 4", "types.ASSAULT"]),
    ("E322", "version: 1\ntypes:\n  AID:\n    intensity: 12\n", ["intensity", "12"]),
    ("E314", "version: 1\nmode_cues:\n  FIGHT:\n    aerial: [jet]\n", ["FIGHT"]),
    ("E315", "version: 1\nmode_cues:\n  AGREE:\n    phone: [phone]\n", ["phone", "AGREE"]),
    ("E316", "version: 1\ncontext_cues:\n  maritime: [ship]\n", ["maritime"]),
    ("E325", "version: 1\nfactuality:\n  negations: [nope]\n", ["negations", "negation"]),
    ("E325", "version: 1\ncomplement_verbs:\n  raising: [seem]\n", ["raising", "transparent"]),
    ("E327", "version: 1\nremove:\n  verbs: [assault.kil]\n", ["assault.kil"]),
    ("E327", "version: 1\nspeech_verbs:\n  - lemmas: [say]\n    alleging: true\n    denying: true\n", ["both"]),
    ("E327", "version: 1\ntypes:\n  ASSAULT:\n    mode_aliases: {knife: knives}\n", ["knives"]),
    ("E318", "version: 1\ntypes:\n  ASSAULT:\n    cameo_root: 3\n", ["cameo_root", "quotes"]),
    ("E318", "version: 1\ntypes:\n  ASSAULT:\n    domestic_target: civilians\n", ["domestic_target", "GOV or CVL"]),
    ("E314", "version: 1\nintent:\n  threat_types: [ATTACK]\n", ["ATTACK", "intent.threat_types"]),
    ("E325", "version: 1\nintent:\n  threat_words: [menace]\n", ["threat_words", "promise_verbs"]),
]


@pytest.mark.parametrize(("code", "text", "needles"), BAD)
def test_bad_files_raise_coded_errors_naming_file_and_entry(tmp_path: Path, code, text, needles):
    path = write(tmp_path, text, "bad.yaml")
    with pytest.raises(KnowledgeBaseError) as err:
        Lexicon.load([path])
    message = str(err.value)
    assert err.value.code == code, message
    assert message.startswith(f"[{code}] ")
    if code not in ("E323", "E324"):
        assert str(path) in message
    for needle in needles:
        assert needle in message, (needle, message)


def test_missing_paths(tmp_path: Path):
    with pytest.raises(KnowledgeBaseError) as err:
        Lexicon.load([tmp_path / "nope.yaml"])
    assert err.value.code == "E310" and "nope.yaml" in str(err.value)
    with pytest.raises(KnowledgeBaseError) as err:
        Lexicon.load([tmp_path / "nope.txt"])
    assert err.value.code == "E326"


def test_missing_type_table_is_reported(tmp_path: Path, monkeypatch):
    # Simulate a broken install whose plover.yaml lost a type.
    text = (BUILTIN_DIR / "plover.yaml").read_text(encoding="utf-8")
    start = text.index("  MOBILIZE:")
    broken = text[:start] + text[text.index("  COERCE:"):]
    fake = tmp_path / "lexicon"
    fake.mkdir()
    (fake / "plover.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr("eirene.events.lexicon.files.BUILTIN_DIR", fake)
    with pytest.raises(KnowledgeBaseError) as err:
        Lexicon.load(include_builtin=False)
    assert err.value.code == "E323" and "MOBILIZE" in str(err.value)


def test_edited_user_file_is_reread(tmp_path: Path):
    path = write(tmp_path, "version: 1\nverbs:\n  - {id: x.a, type: AGREE, lemmas: [nod]}\n")
    assert Lexicon.load([path]).verb_rules("nod")[0].type == "AGREE"
    path.write_text("version: 1\nverbs:\n  - {id: x.a, type: REJECT, lemmas: [nod, shrug]}\n", encoding="utf-8")
    assert Lexicon.load([path]).verb_rules("nod")[0].type == "REJECT"


# -- docs and error codes ----------------------------------------------------------


def test_lexicon_error_codes_are_documented_and_in_range():
    text = DOCS.read_text(encoding="utf-8")
    package = Path(__file__).resolve().parent.parent / "src" / "eirene" / "events" / "lexicon"
    source = "".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")))
    plover = (Path(__file__).resolve().parent.parent / "src" / "eirene" / "events" / "plover.py").read_text()
    used = set(re.findall(r'"(E3\d\d)"', source + plover))
    assert used and all(310 <= int(code[1:]) <= 339 for code in used)
    for code in used:
        assert code in MESSAGES, code
        assert f"| {code} |" in text, f"{code} is not in docs/lexicon.md"


def test_every_section_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f"`{section}`" in text or f"{section}:" in text, section


# -- spaCy lemmas meet the lexicon --------------------------------------------------


@pytest.mark.slow
def test_inflected_forms_reach_rules_through_spacy_lemmas(lexicon: Lexicon):
    spacy = pytest.importorskip("spacy")
    from eirene.nlp.model import load_nlp

    try:
        nlp = load_nlp(None)
    except Exception as exc:  # noqa: BLE001 - no model installed: nothing to check against
        pytest.skip(f"no spaCy model: {exc}")
    assert spacy is not None
    text = (
        "Islamabad condemned the raids. Kabul accused Pakistan of sheltering militants. "
        "The army shelled villages and arrested dozens. Russia supplied rifles and trained fighters. "
        "Washington imposed sanctions and froze assets. Protesters rioted while police detained organisers. "
        "Beijing praised the accord and pledged loans. Delhi telephoned Tehran and negotiated a deal. "
        "Gunmen kidnapped engineers and ambushed convoys. Moscow withdrew troops and released prisoners."
    )
    doc = nlp(text)
    verbs = [t for t in doc if t.pos_ == "VERB"]
    missing = [t.text for t in verbs if not lexicon.verb_rules(t.lemma_)]
    assert len(verbs) >= 15 and not missing, missing
    nouns = {t.lemma_.lower() for t in doc if t.pos_ == "NOUN"}
    for noun in ("raid", "sanction", "loan", "deal", "accord"):
        assert noun in nouns and lexicon.noun_rules(noun), noun
