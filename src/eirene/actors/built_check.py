"""Checking the built world-scale knowledge (actors.jsonl.gz) the way actor files are checked.

Why a module of its own: `eirene actors validate` must cover the fields the build writes
(secondary sector, Wikidata id, role sources, dates) with the same `Problem` records
and line numbers as the YAML files, so a broken build or a hand edit is found before
the compiled index is made from it.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eirene.actors.entries import Problem, known_countries
from eirene.dates import parse_bound
from eirene.errors import KnowledgeBaseError
from eirene.kb_build.rules import load_rules
from eirene.vocab import ENTRY_KINDS as KINDS
from eirene.vocab import PLOVER_SECTORS as SECTORS

_WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")


def validate_built(path: str | Path) -> list[Problem]:
    """Every problem of a built knowledge file, with the line of its entry."""
    p = Path(path)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    grace = load_rules().posthumous_grace_days
    try:
        with gzip.open(p, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "{}")
            if header.get("format") != 1:
                problems.append(_problem(p, 1, f"unknown format {header.get('format')!r} (expected 1)"))
            for number, line in enumerate(handle, start=2):
                record = json.loads(line)
                problems += [_problem(p, number, reason) for reason in _record_faults(record, grace)]
                problems += list(_posthumous_roles(p, number, record, grace))
                ident = str(record.get("id"))
                if ident in seen:
                    problems.append(_problem(p, number, f"the id '{ident}' is already used at line {seen[ident]}"))
                seen.setdefault(ident, number)
    except (OSError, EOFError, ValueError) as exc:
        details = {"path": str(p), "reason": str(exc)}
        problems.append(Problem(str(p), 0, KnowledgeBaseError("E374", **details).text, "E374", "error",
                                tuple(details.items())))
    return problems


def _problem(path: Path, line: int, reason: str) -> Problem:
    details = {"path": str(path), "line": line, "reason": reason}
    text = KnowledgeBaseError("E376", **details).text
    prefix = f"{path}:{line}: "
    return Problem(str(path), line, text[len(prefix):] if text.startswith(prefix) else text, "E376", "error",
                   tuple((k, str(v)) for k, v in details.items()))


def _record_faults(record: dict[str, Any], grace: int) -> Iterator[str]:
    for key in ("id", "name", "kind"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            yield f"the entry has no '{key}'"
    if record.get("kind") not in KINDS:
        yield f"unknown kind '{record.get('kind')}'"
    yield from _code_faults(record, "entry")
    if "wikidata" in record and not _WIKIDATA_RE.match(str(record["wikidata"])):
        yield f"bad Wikidata id '{record['wikidata']}'"
    if record.get("sector2") is not None and record.get("sector2") == record.get("sector"):
        yield f"the second sector '{record['sector2']}' repeats the sector"
    yield from _death_faults(record, grace)
    for role in record.get("roles", ()):
        yield from _code_faults(role, f"role '{role.get('title')}'")
        if not role.get("source"):
            yield f"role '{role.get('title')}' has no source"
        try:
            start = parse_bound(role["start"]) if role.get("start") else None
            end = parse_bound(role["end"], end=True) if role.get("end") else None
        except ValueError:
            yield f"role '{role.get('title')}' has a bad date"
            continue
        if start and end and start > end:
            yield f"role '{role.get('title')}' ends ({role['end']}) before it starts ({role['start']})"
    if not record.get("sources"):
        yield "the entry names no source"


def _death_faults(record: dict[str, Any], grace: int) -> Iterator[str]:
    """A bad death date, or a role that starts longer after the death than a posthumous
    election explains (more than `grace` days): one of the dates is wrong."""
    if not record.get("died"):
        return
    try:
        parse_bound(record["died"], end=True)
    except ValueError:
        yield f"bad date of death '{record['died']}'"
        return
    for role, _days in _roles_after_death(record):
        if _days > grace:
            yield f"role '{role.get('title')}' starts ({role['start']}) after the recorded death ({record['died']})"


def _posthumous_roles(path: Path, line: int, record: dict[str, Any], grace: int) -> Iterator[Problem]:
    """A warning (E396) for each role that starts after the death but within `grace` days."""
    for role, days in _roles_after_death(record):
        if days <= grace:
            details = {"path": str(path), "line": line, "value": str(role.get("title")), "start": role["start"],
                       "days": days, "died": record["died"]}
            text = KnowledgeBaseError("E396", **details).text
            yield Problem(str(path), line, text.removeprefix(f"{path}:{line}: "), "E396", "warning",
                          tuple((k, str(v)) for k, v in details.items()))


def _roles_after_death(record: dict[str, Any]) -> Iterator[tuple[dict[str, Any], int]]:
    """(role, days from the death to its start) for each role that starts after the death."""
    try:
        died = parse_bound(record["died"], end=True) if record.get("died") else None
    except ValueError:
        return
    for role in record.get("roles", ()) if died is not None else ():
        try:
            start = parse_bound(role["start"]) if role.get("start") else None
        except ValueError:
            continue  # reported with the role's other dates
        if start is not None and start > died:
            yield role, (start - died).days


def _code_faults(item: dict[str, Any], what: str) -> Iterator[str]:
    country = item.get("country")
    if country is not None and country not in known_countries():
        yield f"{what}: unknown country code '{country}'"
    for key in ("sector", "sector2"):
        if item.get(key) is not None and item[key] not in SECTORS:
            yield f"{what}: unknown sector '{item[key]}'"


__all__ = ["validate_built"]
