"""Reading eirene's YAML knowledge files, keeping the line of every value for error messages.

Why one loader: actors, lexicon, places, the resolver grammar, the analysis node rules
and the export labels are all YAML files an analyst may read, correct or extend. Each
reports mistakes with the file and the line, and each must read the same words the same
way, so every one of them is read here.

The rule for plain (unquoted) scalars, in every file:

- ``true`` and ``false`` (also ``True``, ``TRUE``, ``False``, ``FALSE``) are booleans,
  and nothing else is: ``yes``, ``no``, ``on``, ``off``, ``y`` and ``n`` are words, not
  the booleans of YAML 1.1. So ``particle: off``, ``recipient_preps: [on]``,
  ``non_referring_determiners: [no, neither]`` and ``country: NO`` (Norway) mean what
  they say.
- ``null``, ``~`` and an empty value are None.
- Numbers are numbers: ``intensity: -7.0``, ``quad_class: 4``.
- Dates stay text (``2016-05-21``): `eirene.dates` reads them, like the partial dates
  (``2016-05``, ``2016``) YAML has no type for.
- A file read with ``as_text=True`` (the actor files) keeps every scalar but null as
  written: ``start: 2014`` is a year, not a number, and ``1`` a version string.

Mappings come back as `LineMap` and lists as `LineList`: plain dicts and lists that also
know their own line and the line of each value:

    >>> data = load_knowledge_file("verbs.yaml", code="E310")
    >>> data.lines["verbs"]       # the line where the list of rules starts
    >>> data["verbs"][0].line     # the line of the first rule
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from eirene.errors import EireneError, KnowledgeBaseError

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_BOOLEAN = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")


class LineMap(dict):  # type: ignore[type-arg]
    """A YAML mapping that knows its line (`line`) and the line of each value (`lines`)."""

    line: int = 0
    lines: dict[Any, int]


class LineList(list):  # type: ignore[type-arg]
    """A YAML sequence that knows its line (`line`) and the line of each item (`lines`)."""

    line: int = 0
    lines: list[int]


def _implicit_types(kept: set[str], booleans: bool) -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The base loader's table of untagged scalar types, narrowed to `kept`."""
    table = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag in kept]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }
    if booleans:
        for first in "tTfF":
            table.setdefault(first, []).insert(0, (_TAG + "bool", _BOOLEAN))
    return table


class _TypedLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Null, true/false, numbers and merge keys are typed; every other scalar is text."""

    yaml_implicit_resolvers = _implicit_types({_TAG + "null", _TAG + "int", _TAG + "float", _TAG + "merge"}, True)


class _TextLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Only null is typed; every other scalar is text as written."""

    yaml_implicit_resolvers = _implicit_types({_TAG + "null"}, False)


def _construct_map(loader: Any, node: yaml.MappingNode) -> Any:
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.lines = {}
    yield mapping
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, "found a key that is a list or mapping", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = value_node.start_mark.line + 1


def _construct_list(loader: Any, node: yaml.SequenceNode) -> Any:
    items = LineList()
    items.line = node.start_mark.line + 1
    items.lines = [item.start_mark.line + 1 for item in node.value]
    yield items
    items.extend(loader.construct_object(item, deep=True) for item in node.value)


for _loader in (_TypedLoader, _TextLoader):
    _loader.add_constructor(_TAG + "map", _construct_map)
    _loader.add_constructor(_TAG + "seq", _construct_list)


def load_knowledge_file(
    path: str | Path, *, code: str, error: type[EireneError] = KnowledgeBaseError, as_text: bool = False
) -> Any:
    """The data of one YAML knowledge file, read by the rule in the module docstring.

    path (str | Path): the file.
    code (str): the E-code to raise when it cannot be read; its message takes {path}
        and {reason}.
    error (type[EireneError]): the class of that error.
    as_text (bool): keep every scalar but null as text (the actor files).
    RETURNS (Any): a LineMap, a LineList, a scalar, or None for an empty file.
    RAISES (error): `code`, with details path, line (0 when the file cannot be
        opened or decoded) and reason.
    """
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise error(code, path=where, line=0, reason=exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise error(code, path=where, line=0, reason=f"not UTF-8 text ({exc.reason})") from exc
    loader = _TextLoader if as_text else _TypedLoader
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        at = f" at line {line}" if line else ""
        raise error(code, path=where, line=line, reason=f"invalid YAML{at}: {problem}") from exc
