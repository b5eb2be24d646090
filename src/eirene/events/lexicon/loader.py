"""Loading a lexicon: read the files, merge them, validate the whole, build its records.

`load_parts` is the one entry point: the files in load order in, a `LexiconParts` out
(which `eirene.events.lexicon.query.Lexicon` indexes), or a KnowledgeBaseError
(E310-E327) that names the file and entry at fault and says what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.events.lexicon import fields
from eirene.events.lexicon.files import parse
from eirene.events.lexicon.reader import Merged, Pending, read_files
from eirene.events.lexicon.schema import (
    DEFAULT_NOUN_CONFIDENCE,
    DEFAULT_VERB_CONFIDENCE,
    NOUN_FIELDS,
    REQUIRED_TYPE_FIELDS,
    TYPE_SWITCHES,
    VERB_FIELDS,
    FactualityCues,
    IntentCues,
    LexiconParts,
    ModeCues,
    NounRule,
    RoleCues,
    TypeInfo,
    VerbRule,
)
from eirene.vocab import PLOVER_TYPES, QUAD_CLASSES

def load_parts(paths: list[Path]) -> LexiconParts:
    """Read, merge and validate these files (in load order) into a lexicon's parts."""
    merged = read_files([parse(p) for p in paths])
    types = _types(merged)
    contexts = tuple(merged.contexts)
    return LexiconParts(
        types=types,
        contexts=contexts,
        verb_rules=tuple(_verb_rule(p, types, contexts) for p in merged.rules["verbs"].values()),
        noun_rules=tuple(_noun_rule(p, types, contexts) for p in merged.rules["nouns"].values()),
        light_verbs=frozenset(merged.light_verbs),
        patient_verbs=frozenset(merged.patient_verbs),
        complement_verbs=dict(merged.complement),
        mode_cues=_mode_cues(merged, types),
        context_cues=_context_cues(merged, contexts),
        cues=FactualityCues(
            **{name: frozenset(words) for name, words in merged.cue_lists.items()},
            phrases={value: tuple(phrases) for value, phrases in merged.phrases.items()},
        ),
        intent=IntentCues(
            **{name: frozenset(words) for name, words in merged.intent_lists.items()},
            coded_as=dict(merged.intent_coded_as),
        ),
        roles=_roles(merged),
        speech_verbs=dict(merged.speech),
        attribution_phrases=frozenset(merged.attribution),
        sources=tuple(merged.sources),
    )


def _mode_cues(merged: Merged, types: dict[str, TypeInfo]) -> ModeCues:
    for path, label, type_name, mode in merged.mode_cue_where:
        if mode not in types[type_name].modes:
            raise fields.unknown_mode(path, label, type_name, mode, types)
    return {name: [(mode, tuple(cues)) for mode, cues in modes.items()] for name, modes in merged.mode_cues.items()}


def _context_cues(merged: Merged, contexts: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    for path, label, name in merged.context_cue_where:
        if name not in merged.contexts:
            raise KnowledgeBaseError(
                "E316", path=path, entry=label, value=name, allowed=", ".join(contexts) or "(none declared)"
            )
    return [(name, tuple(merged.context_cues[name])) for name in contexts if name in merged.context_cues]


def _roles(merged: Merged) -> RoleCues:
    return RoleCues(**{name: frozenset(words) for name, words in merged.role_lists.items()})


# -- types ---------------------------------------------------------------------------


def _types(merged: Merged) -> dict[str, TypeInfo]:
    """Every PLOVER type, validated; E323 when one has no entry at all."""
    types: dict[str, TypeInfo] = {}
    for name in PLOVER_TYPES:
        body = merged.types.get(name)
        if body is None:
            raise KnowledgeBaseError("E323", value=name, paths=", ".join(merged.sources))
        types[name] = _type_info(name, body, merged)
    for name, info in types.items():
        _check_cross_type(name, info, merged)
    return types


def _type_info(name: str, body: dict[str, Any], merged: Merged) -> TypeInfo:
    path, label = merged.type_where[name]
    for required in REQUIRED_TYPE_FIELDS:
        if required not in body:
            raise KnowledgeBaseError(
                "E317", path=path, entry=label, field=required,
                hint="Every PLOVER type needs quad_class, intensity, cameo_root and needs_recipient.",
            )
    quad = body["quad_class"]
    if not isinstance(quad, int) or isinstance(quad, bool) or quad not in QUAD_CLASSES:
        raise KnowledgeBaseError("E318", path=path, entry=label, field="quad_class", expected="1, 2, 3 or 4", got=quad)
    intensity = _signed_intensity(path, label, quad, body["intensity"])
    modes, mode_intensity, mode_cameo = _modes(name, body, quad, merged)
    aliases = dict(body["mode_aliases"])
    for alias, target in aliases.items():
        if target not in modes:
            raise KnowledgeBaseError(
                "E327", path=path, entry=f"{label}.mode_aliases.{alias}",
                reason=f"the alias points to '{target}', which is not a mode of {name} "
                f"(modes: {', '.join(modes) or 'none'})",
            )
    domestic = body.get("domestic_target")
    return TypeInfo(
        name=name,
        quad_class=quad,
        intensity=intensity,
        cameo_root=fields.cameo(path, label, body["cameo_root"]),
        modes=tuple(modes),
        mode_intensity=mode_intensity,
        mode_cameo=mode_cameo,
        mode_aliases=aliases,
        description=str(body.get("description") or ""),
        domestic_target=None if domestic is None else fields.sector_code(path, label, "domestic_target", domestic),
        official_type=None if body.get("official_type") is None
        else fields.plover_type(path, f"{label}.official_type", body["official_type"]),
        armed_recipient_type=None if body.get("armed_recipient_type") is None
        else fields.plover_type(path, f"{label}.armed_recipient_type", body["armed_recipient_type"]),
        multilateral_mode=None if body.get("multilateral_mode") is None else str(body["multilateral_mode"]).lower(),
        multilateral_parties=0 if body.get("multilateral_parties") is None
        else fields.count(path, label, "multilateral_parties", body["multilateral_parties"], 2),
        **{switch: fields.flag(path, label, body, switch, False) for switch in TYPE_SWITCHES},
    )


def _modes(
    name: str, body: dict[str, Any], quad: int, merged: Merged
) -> tuple[list[str], dict[str, float], dict[str, str]]:
    """A type's modes in order, with the intensities and CAMEO roots that differ by mode."""
    path, label = merged.type_where[name]
    modes: list[str] = []
    mode_intensity: dict[str, float] = {}
    mode_cameo: dict[str, str] = {}
    for mode, spec in body["modes"].items():
        mode_path, mode_label = merged.type_where.get(f"{name}.{mode}", (path, label))
        modes.append(mode)
        if "intensity" in spec:
            mode_intensity[mode] = _signed_intensity(mode_path, mode_label, quad, spec["intensity"])
        if spec.get("cameo_root") is not None:
            mode_cameo[mode] = fields.cameo(mode_path, mode_label, spec["cameo_root"]) or ""
    return modes, mode_intensity, mode_cameo


def _signed_intensity(path: str, label: str, quad: int, value: Any) -> float:
    """An intensity whose sign fits the quad class: cooperation >= 0, conflict <= 0 (E321)."""
    intensity = fields.intensity(path, label, value)
    if (quad <= 2 and intensity < 0) or (quad >= 3 and intensity > 0):
        raise KnowledgeBaseError("E321", path=path, entry=label, quad=quad, intensity=intensity)
    return intensity


def _check_cross_type(name: str, info: TypeInfo, merged: Merged) -> None:
    """Fields that must agree with the type table: a multilateral mode of the type itself."""
    path, label = merged.type_where[name]
    if info.multilateral_mode is not None and info.multilateral_mode not in info.modes:
        raise KnowledgeBaseError(
            "E315", path=path, entry=f"{label}.multilateral_mode", value=info.multilateral_mode, type=name,
            allowed=", ".join(info.modes) or "(none)",
        )
    if info.multilateral_mode is not None and not info.multilateral_parties:
        raise KnowledgeBaseError(
            "E317", path=path, entry=label, field="multilateral_parties",
            hint="Say how many distinct parties make a meeting multilateral, e.g. multilateral_parties: 3.",
        )


# -- rules ---------------------------------------------------------------------------


def _common(pending: Pending, allowed: tuple[str, ...], types: dict[str, TypeInfo],
            contexts: tuple[str, ...]) -> dict[str, Any]:
    """The fields verb and noun rules share, validated."""
    data, path, label = pending.data, pending.path, pending.label
    fields.check_fields(path, label, data, allowed)
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
    mode = data.get("mode")
    if mode is not None:
        known = types[type_name].canonical_mode(str(mode))
        if known is None:
            raise fields.unknown_mode(path, label, type_name, str(mode), types)
        mode = known
    rule_contexts = tuple(fields.word_list(path, label, "contexts", data.get("contexts") or []))
    for context in rule_contexts:
        if context not in contexts:
            raise KnowledgeBaseError(
                "E316", path=path, entry=label, value=context, allowed=", ".join(contexts) or "(none declared)"
            )
    reciprocal = data.get("reciprocal")
    if reciprocal is not None and not isinstance(reciprocal, bool):
        raise KnowledgeBaseError("E318", path=path, entry=label, field="reciprocal", expected="true or false", got=reciprocal)
    return {
        "id": data["id"],
        "type": type_name,
        "lemmas": frozenset(fields.word_list(path, label, "lemmas", data["lemmas"], single=True)),
        "mode": mode,
        "recipient_preps": tuple(fields.word_list(path, label, "recipient_preps", data.get("recipient_preps") or [])),
        "contexts": rule_contexts,
        "reciprocal": reciprocal,
        "source": path,
        "rank": pending.rank,
    }


def _verb_rule(pending: Pending, types: dict[str, TypeInfo], contexts: tuple[str, ...]) -> VerbRule:
    common = _common(pending, VERB_FIELDS, types, contexts)
    data, path, label = pending.data, pending.path, pending.label
    particle = data.get("particle")
    if particle is not None and (not isinstance(particle, str) or not particle.strip() or " " in particle.strip()):
        raise KnowledgeBaseError("E318", path=path, entry=label, field="particle", expected="one word", got=particle)
    objects = data.get("object_lemmas")
    object_lemmas: frozenset[str] | None = None
    if objects is not None:
        object_lemmas = frozenset(fields.word_list(path, label, "object_lemmas", objects, single=True))
        if not object_lemmas:
            raise KnowledgeBaseError(
                "E318", path=path, entry=label, field="object_lemmas",
                expected="a non-empty list of nouns (or leave the field out for any object)", got=objects,
            )
    return VerbRule(
        **common,
        particle=particle.strip().lower() if isinstance(particle, str) else None,
        object_lemmas=object_lemmas,
        object_is_recipient=fields.flag(path, label, data, "object_is_recipient", True),
        complement=fields.flag(path, label, data, "complement", False),
        confidence=fields.confidence(path, label, data.get("confidence"), DEFAULT_VERB_CONFIDENCE),
    )


def _noun_rule(pending: Pending, types: dict[str, TypeInfo], contexts: tuple[str, ...]) -> NounRule:
    common = _common(pending, NOUN_FIELDS, types, contexts)
    data, path, label = pending.data, pending.path, pending.label
    return NounRule(
        **common,
        actor_preps=tuple(fields.word_list(path, label, "actor_preps", data.get("actor_preps") or [])),
        confidence=fields.confidence(path, label, data.get("confidence"), DEFAULT_NOUN_CONFIDENCE),
    )
