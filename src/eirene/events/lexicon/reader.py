"""Reading lexicon files, section by section, and merging each over the files before it.

Why apart from the final checks (`eirene.events.lexicon.loader`): a rule may name a mode
or context that a later file declares, so rules are kept as read (`Pending`) and checked
once every file is merged. What can be checked on its own (a section's shape, a list of
words, a type name) is checked here, with the file and line at fault.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.events.lexicon import fields
from eirene.events.lexicon.schema import (
    COMPLEMENT_BEHAVIOURS,
    CUE_LISTS,
    INTENT_KINDS,
    INTENT_TYPE_LISTS,
    INTENT_WORD_LISTS,
    LEXICON_VERSION,
    MODE_FIELDS,
    PHRASE_VALUES,
    REMOVABLE,
    ROLE_SECTOR_LISTS,
    ROLE_WORD_LISTS,
    SECTIONS,
    SPEECH_FIELDS,
    TYPE_FIELDS,
    SpeechVerb,
)
from eirene.vocab import PLOVER_TYPES


@dataclass
class Pending:
    """A rule as read, with where it came from, validated once all files are merged."""

    data: Mapping[str, Any]
    path: str
    label: str
    rank: int
    position: int


def _ordered_sets(names: tuple[str, ...]) -> dict[str, dict[str, None]]:
    """One insertion-ordered set (a dict of None) per list name."""
    return {name: {} for name in names}


@dataclass
class Merged:
    """Every section of every file read so far, merged in load order, not yet validated."""

    types: dict[str, dict[str, Any]] = field(default_factory=dict)
    type_where: dict[str, tuple[str, str]] = field(default_factory=dict)
    contexts: dict[str, str] = field(default_factory=dict)
    rules: dict[str, dict[str, Pending]] = field(default_factory=lambda: {"verbs": {}, "nouns": {}})
    light_verbs: dict[str, None] = field(default_factory=dict)
    patient_verbs: dict[str, None] = field(default_factory=dict)
    complement: dict[str, str] = field(default_factory=dict)
    mode_cues: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    mode_cue_where: list[tuple[str, str, str, str]] = field(default_factory=list)  # path, label, type, mode
    context_cues: dict[str, list[str]] = field(default_factory=dict)
    context_cue_where: list[tuple[str, str, str]] = field(default_factory=list)
    cue_lists: dict[str, dict[str, None]] = field(default_factory=lambda: _ordered_sets(CUE_LISTS))
    phrases: dict[str, dict[str, None]] = field(default_factory=lambda: _ordered_sets(PHRASE_VALUES))
    intent_lists: dict[str, dict[str, None]] = field(
        default_factory=lambda: _ordered_sets((*INTENT_TYPE_LISTS, *INTENT_WORD_LISTS)))
    intent_coded_as: dict[str, str] = field(default_factory=dict)
    role_lists: dict[str, dict[str, None]] = field(
        default_factory=lambda: _ordered_sets((*ROLE_WORD_LISTS, *ROLE_SECTOR_LISTS)))
    speech: dict[str, SpeechVerb] = field(default_factory=dict)
    attribution: dict[str, None] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    position: int = 0


def read_files(files: list[tuple[str, Any]]) -> Merged:
    """Merge parsed files, (path, data) in load order, into one `Merged`."""
    reader = SectionReader()
    for rank, (path, data) in enumerate(files):
        reader.read_file(path, data, rank)
    return reader.merged


class SectionReader:
    """Reads one file at a time into `merged`; later files add to or override earlier ones."""

    def __init__(self) -> None:
        self.merged = Merged()
        self._readers: dict[str, Callable[[str, Any, Any], None]] = {
            "types": self._read_types,
            "contexts": self._read_contexts,
            "remove": self._read_remove,
            "light_verbs": self._read_light_verbs,
            "patient_verbs": self._read_patient_verbs,
            "complement_verbs": self._read_complements,
            "mode_cues": self._read_mode_cues,
            "context_cues": self._read_context_cues,
            "factuality": self._read_factuality,
            "intent": self._read_intent,
            "roles": self._read_roles,
            "speech_verbs": self._read_speech,
            "attribution_phrases": self._read_attribution,
        }

    def read_file(self, path: str, data: Any, rank: int) -> None:
        self.merged.sources.append(path)
        _check_top_level(path, data)
        # `types`, `contexts` and `remove` first: the rules of a file may use or drop them
        for section in ("types", "contexts", "remove"):
            if section in data:
                self._readers[section](path, data[section], data)
        for kind in ("verbs", "nouns"):
            if kind in data:
                self._read_rules(path, kind, data[kind], data, rank)
        for section, read in self._readers.items():
            if section in data and section not in ("types", "contexts", "remove"):
                read(path, data[section], data)

    def _read_types(self, path: str, section: Any, parent: Any) -> None:
        fields.require_mapping(path, "types", section, parent)
        for name, body in section.items():
            label = f"types.{name}{fields.at(body if isinstance(body, dict) else section)}"
            if name not in PLOVER_TYPES:
                raise KnowledgeBaseError("E314", path=path, entry=label, value=name, allowed=", ".join(PLOVER_TYPES))
            fields.require_mapping(path, label, body, section)
            fields.check_fields(path, label, body, TYPE_FIELDS)
            merged = self.merged.types.setdefault(name, {"modes": {}, "mode_aliases": {}})
            for key, value in body.items():
                if key == "modes":
                    self._read_modes(path, name, label, value, body)
                elif key == "mode_aliases":
                    fields.require_mapping(path, f"{label}.mode_aliases", value, body)
                    for alias, target in value.items():
                        merged["mode_aliases"][str(alias).lower()] = str(target).lower()
                else:
                    merged[key] = value
            self.merged.type_where[name] = (path, label)

    def _read_modes(self, path: str, name: str, label: str, value: Any, body: Any) -> None:
        if value is None:
            value = {}
        fields.require_mapping(path, f"{label}.modes", value, body)
        modes = self.merged.types[name]["modes"]
        for mode, spec in value.items():
            mode_label = f"types.{name}.modes.{mode}{fields.at(spec if isinstance(spec, dict) else value)}"
            spec = {} if spec is None else spec
            fields.require_mapping(path, mode_label, spec, value)
            fields.check_fields(path, mode_label, spec, MODE_FIELDS)
            modes.setdefault(str(mode).lower(), {}).update(spec)
            self.merged.type_where[f"{name}.{mode}"] = (path, mode_label)

    def _read_contexts(self, path: str, section: Any, parent: Any) -> None:
        if isinstance(section, list):
            section = {str(name): "" for name in section}
        fields.require_mapping(path, "contexts", section, parent)
        for name, description in section.items():
            self.merged.contexts[str(name).lower()] = "" if description is None else str(description)

    def _read_remove(self, path: str, section: Any, parent: Any) -> None:
        fields.require_mapping(path, "remove", section, parent)
        for kind, items in section.items():
            label = f"remove.{kind}"
            _known_list(path, label + fields.at(section), "section to remove from", kind, REMOVABLE)
            is_rules = kind in ("verbs", "nouns")
            for name in fields.word_list(path, label + fields.at(section), kind, items, lower=not is_rules):
                if not is_rules:
                    (self.merged.light_verbs if kind == "light_verbs" else self.merged.speech).pop(name, None)
                elif name in self.merged.rules[kind]:
                    del self.merged.rules[kind][name]
                else:
                    raise KnowledgeBaseError(
                        "E327", path=path, entry=label + fields.at(section),
                        reason=f"no {kind[:-1]} rule has the id '{name}' (ids are listed in the built-in "
                        f"{kind}.yaml); check the spelling",
                    )

    def _read_rules(self, path: str, kind: str, section: Any, parent: Any, rank: int) -> None:
        if not isinstance(section, list):
            raise KnowledgeBaseError(
                "E318", path=path, entry=kind + fields.at(parent), field=kind, expected="a list of rules",
                got=type(section).__name__,
            )
        ids_here: dict[str, int] = {}
        for number, item in enumerate(section):
            line = fields.line_of(item) or fields.line_of(parent)
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
            self.merged.position += 1
            # A rule with a known id replaces the earlier one (a user's override).
            self.merged.rules[kind].pop(rule_id, None)
            self.merged.rules[kind][rule_id] = Pending(item, path, label, rank, self.merged.position)

    def _read_light_verbs(self, path: str, section: Any, parent: Any) -> None:
        for lemma in fields.word_list(path, "light_verbs" + fields.at(parent), "light_verbs", section):
            self.merged.light_verbs[lemma] = None

    def _read_patient_verbs(self, path: str, section: Any, parent: Any) -> None:
        entry = "patient_verbs" + fields.at(parent)
        for lemma in fields.word_list(path, entry, "patient_verbs", section, single=True):
            self.merged.patient_verbs[lemma] = None

    def _read_complements(self, path: str, section: Any, parent: Any) -> None:
        fields.require_mapping(path, "complement_verbs", section, parent)
        for behaviour, items in section.items():
            label = f"complement_verbs.{behaviour}"
            _known_list(path, label + fields.at(section), "complement behaviour", behaviour, COMPLEMENT_BEHAVIOURS)
            for lemma in fields.word_list(path, label + fields.at(section), behaviour, items):
                if behaviour == "none":
                    self.merged.complement.pop(lemma, None)
                else:
                    self.merged.complement[lemma] = behaviour

    def _read_mode_cues(self, path: str, section: Any, parent: Any) -> None:
        fields.require_mapping(path, "mode_cues", section, parent)
        for type_name, modes in section.items():
            label = f"mode_cues.{type_name}{fields.at(modes if isinstance(modes, dict) else section)}"
            fields.plover_type(path, label, type_name)
            fields.require_mapping(path, label, modes, section)
            merged = self.merged.mode_cues.setdefault(type_name, {})
            for mode, cues in modes.items():
                mode_label = f"mode_cues.{type_name}.{mode}{fields.at(modes)}"
                merged.setdefault(str(mode).lower(), []).extend(fields.phrase_list(path, mode_label, str(mode), cues))
                self.merged.mode_cue_where.append((path, mode_label, type_name, str(mode).lower()))

    def _read_context_cues(self, path: str, section: Any, parent: Any) -> None:
        fields.require_mapping(path, "context_cues", section, parent)
        for name, cues in section.items():
            label = f"context_cues.{name}{fields.at(section)}"
            words = fields.phrase_list(path, label, str(name), cues)
            self.merged.context_cues.setdefault(str(name).lower(), []).extend(words)
            self.merged.context_cue_where.append((path, label, str(name).lower()))

    def _read_factuality(self, path: str, section: Any, parent: Any) -> None:
        self._read_named_lists(path, "factuality", section, parent, self.merged.cue_lists, "factuality cue list",
                               ("phrases", self._read_phrases))

    def _read_phrases(self, path: str, label: str, items: Any, section: Any) -> None:
        for value, entry, phrases in _entries(path, label, items, section, "factuality value", PHRASE_VALUES):
            for phrase in fields.phrase_list(path, entry, str(value), phrases):
                self.merged.phrases[value][phrase] = None

    def _read_intent(self, path: str, section: Any, parent: Any) -> None:
        self._read_named_lists(path, "intent", section, parent, self.merged.intent_lists, "intent list",
                               ("coded_as", self._read_coded_as))

    def _read_coded_as(self, path: str, label: str, items: Any, section: Any) -> None:
        for kind, entry, type_name in _entries(path, label, items, section, "kind of intent", INTENT_KINDS):
            self.merged.intent_coded_as[kind] = fields.plover_type(path, entry, type_name)

    def _read_roles(self, path: str, section: Any, parent: Any) -> None:
        self._read_named_lists(path, "roles", section, parent, self.merged.role_lists, "roles list")

    def _read_named_lists(
        self, path: str, section_name: str, section: Any, parent: Any, into: dict[str, dict[str, None]], what: str,
        nested: tuple[str, Callable[[str, str, Any, Any], None]] | None = None,
    ) -> None:
        """A section of named lists (factuality, intent, roles): each list's items join
        `into[name]`; `nested` names the one entry that is a mapping, and its reader."""
        fields.require_mapping(path, section_name, section, parent)
        for name, items in section.items():
            label = f"{section_name}.{name}{fields.at(section)}"
            if nested is not None and name == nested[0]:
                nested[1](path, label, items, section)
                continue
            _known_list(path, label, what, name, (*into, *(nested[:1] if nested is not None else ())))
            for word in _list_items(path, label, section_name, name, items):
                into[name][word] = None

    def _read_speech(self, path: str, section: Any, parent: Any) -> None:
        if not isinstance(section, list):
            raise KnowledgeBaseError(
                "E318", path=path, entry="speech_verbs" + fields.at(parent), field="speech_verbs",
                expected="a list of entries with lemmas", got=type(section).__name__,
            )
        for number, item in enumerate(section):
            label = f"speech_verbs[{number}]{fields.at(item if isinstance(item, dict) else parent)}"
            if isinstance(item, str):
                item = {"lemmas": [item]}
            fields.require_mapping(path, label, item, parent)
            fields.check_fields(path, label, item, SPEECH_FIELDS)
            if "lemmas" not in item:
                raise KnowledgeBaseError(
                    "E317", path=path, entry=label, field="lemmas", hint="List the reporting verbs, e.g. [say, tell]."
                )
            alleging = fields.flag(path, label, item, "alleging", False)
            denying = fields.flag(path, label, item, "denying", False)
            if alleging and denying:
                raise KnowledgeBaseError(
                    "E327", path=path, entry=label,
                    reason="an entry cannot be both alleging and denying; split it into two entries",
                )
            for lemma in fields.word_list(path, label, "lemmas", item["lemmas"], single=True):
                self.merged.speech[lemma] = SpeechVerb(lemma, alleging, denying)

    def _read_attribution(self, path: str, section: Any, parent: Any) -> None:
        entry = "attribution_phrases" + fields.at(parent)
        for phrase in fields.phrase_list(path, entry, "attribution_phrases", section):
            self.merged.attribution[phrase] = None


def _check_top_level(path: str, data: Any) -> None:
    """A mapping with the supported `version` and only known sections (E311-E313)."""
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


def _list_items(path: str, label: str, section_name: str, name: str, items: Any) -> list[str]:
    """The items of one named list: PLOVER types, sector codes, single words (roles) or words."""
    if name in INTENT_TYPE_LISTS:
        return fields.type_list(path, label, name, items)
    if name in ROLE_SECTOR_LISTS:
        codes = fields.word_list(path, label, name, items, single=True, lower=False)
        return [fields.sector_code(path, label, name, code, "one per item") for code in codes]
    return fields.word_list(path, label, name, items, single=section_name == "roles")


def _entries(
    path: str, label: str, items: Any, section: Any, what: str, allowed: tuple[str, ...]
) -> Iterator[tuple[str, str, Any]]:
    """(key, entry label, value) of a nested mapping whose keys must be `allowed` (E325)."""
    fields.require_mapping(path, label, items, section)
    prefix = label.split(" (")[0]
    for key, value in items.items():
        entry = f"{prefix}.{key}{fields.at(items)}"
        _known_list(path, entry, what, key, allowed)
        yield key, entry, value


def _known_list(path: str, entry: str, what: str, name: Any, allowed: tuple[str, ...]) -> None:
    """E325 unless `name` is one of `allowed`."""
    if name not in allowed:
        raise KnowledgeBaseError("E325", path=path, entry=entry, what=what, value=name, allowed=", ".join(allowed))
