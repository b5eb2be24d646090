"""Checks of single values in a lexicon file, each raising its E-code with file and entry.

Why a module of its own: the section reader and the final validation both check words,
flags and numbers the same way, and every error must name where it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.events.lexicon.schema import TypeInfo, normalise_space
from eirene.vocab import PLOVER_TYPES


def line_of(node: Any) -> int:
    """The line a parsed node starts on (0 when unknown)."""
    return getattr(node, "line", 0)


def at(node: Any) -> str:
    """" (line N)" for a parsed node, "" when its line is unknown."""
    line = line_of(node)
    return f" (line {line})" if line else ""


def require_mapping(path: str, label: str, value: Any, parent: Any) -> None:
    if not isinstance(value, dict):
        name = label.split(" (")[0]
        entry = label if "(line" in label else label + at(parent)
        raise KnowledgeBaseError("E318", path=path, entry=entry, field=name.split(".")[-1], expected="a mapping", got=value)


def check_fields(path: str, label: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            raise KnowledgeBaseError("E319", path=path, entry=label, field=key, allowed=", ".join(allowed))


def word_list(
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


def phrase_list(path: str, entry: str, field_name: str, value: Any) -> list[str]:
    return [normalise_space(p) for p in word_list(path, entry, field_name, value)]


def type_list(path: str, entry: str, field_name: str, value: Any) -> list[str]:
    """A list of PLOVER type names (E314 for any other)."""
    names = word_list(path, entry, field_name, value, single=True, lower=False)
    for name in names:
        plover_type(path, entry, name)
    return names


def plover_type(path: str, entry: str, value: Any) -> str:
    """One PLOVER type name (E314 for any other)."""
    if value not in PLOVER_TYPES:
        raise KnowledgeBaseError("E314", path=path, entry=entry, value=value, allowed=", ".join(PLOVER_TYPES))
    return str(value)


def sector_code(path: str, entry: str, field_name: str, value: Any, what: str = "or null") -> str:
    """A PLOVER sector code such as GOV or CVL (E318 otherwise)."""
    if not (isinstance(value, str) and value.isupper() and value.isalpha()):
        raise KnowledgeBaseError(
            "E318", path=path, entry=entry, field=field_name,
            expected=f"a PLOVER sector code such as GOV or CVL, {what}", got=value,
        )
    return value


def flag(path: str, label: str, data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise KnowledgeBaseError("E318", path=path, entry=label, field=key, expected="true or false", got=value)
    return value


def confidence(path: str, label: str, value: Any, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KnowledgeBaseError("E318", path=path, entry=label, field="confidence", expected="a number", got=value)
    if not 0.0 <= float(value) <= 1.0:
        raise KnowledgeBaseError("E322", path=path, entry=label, field="confidence", value=value, low=0, high=1)
    return float(value)


def intensity(path: str, label: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise KnowledgeBaseError("E318", path=path, entry=label, field="intensity", expected="a number", got=value)
    if not -10.0 <= float(value) <= 10.0:
        raise KnowledgeBaseError("E322", path=path, entry=label, field="intensity", value=value, low=-10, high=10)
    return float(value)


def count(path: str, label: str, field_name: str, value: Any, low: int) -> int:
    """A whole number of at least `low` (E318 otherwise)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise KnowledgeBaseError(
            "E318", path=path, entry=label, field=field_name, expected=f"a whole number of at least {low}", got=value
        )
    return value


def cameo(path: str, label: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{2}", text):
        raise KnowledgeBaseError(
            "E318", path=path, entry=label, field="cameo_root", expected='a two-digit CAMEO root in quotes, e.g. "19"',
            got=value,
        )
    return text


def unknown_mode(path: str, label: str, type_name: str, mode: str, types: dict[str, TypeInfo]) -> KnowledgeBaseError:
    return KnowledgeBaseError(
        "E315", path=path, entry=label, value=mode, type=type_name,
        allowed=", ".join(types[type_name].modes) or "(none)",
    )
