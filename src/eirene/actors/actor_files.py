"""Reading the actor knowledge files (YAML) into entries, with problems named by file:line.

Why a module of its own: an analyst edits these files by hand, so every mistake must be
reported with its file, line and error code, and a file must be parsed once per version
of it. Merging and answering questions is the knowledge base's job (`eirene.actors.kb`).

Files merge in this order, a later entry with the same id replacing the earlier one:
built-in files (sorted by name), every ``*.yaml`` in ``$EIRENE_CONFIG_DIR/actors/``
(default ``~/.config/eirene/actors/``), then the ``extra`` files in the order given.
DOCS: docs/knowledge-base.md
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from eirene.actors.entries import (
    ActorEntry, Level, Metonym, Problem, Role, date_bounds, known_countries, norm_word,
)
from eirene.dates import parse_bound
from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import LineList, LineMap, load_knowledge_file
from eirene.vocab import ENTRY_KINDS as KINDS
from eirene.vocab import PLOVER_SECTORS as SECTORS

ENV_CONFIG_DIR = "EIRENE_CONFIG_DIR"
DEFAULT_CONFIG_DIR = "~/.config/eirene"
BUILTIN_DIR: Path = Path(__file__).resolve().parent.parent / "data" / "actors"

ENTRY_FIELDS: tuple[str, ...] = (
    "id", "name", "kind", "country", "sector", "aliases", "demonyms", "metonyms", "roles",
    "former_sector", "died", "note", "secondary_sector", "wikidata",
)
ROLE_FIELDS: tuple[str, ...] = ("title", "country", "sector", "start", "end", "org", "note", "source")
_WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
TOP_FIELDS: tuple[str, ...] = ("version", "actors", "agents", "titles", "former_words")
# Warnings are reported by validate_file but do not stop KnowledgeBase.load.
WARNING_CODES: frozenset[str] = frozenset({"E206", "E212", "E240", "E241"})

@dataclass
class _Parsed:
    """What one file contributes: entries, sector nouns, titles, former words, problems."""

    entries: list[ActorEntry] = field(default_factory=list)
    agents: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    title_forms: list[str] = field(default_factory=list)
    former_words: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


_ID_RE = re.compile(r"^(?:[A-Z]{3}|[a-z0-9]+(?:-[a-z0-9]+)*)$")


class _FileParser:
    """Turns one file's YAML into entries and problems; never raises on bad content."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.out = _Parsed()
        self.countries = known_countries()

    # -- problems
    def problem(self, code: str, line: int, *, level: Level | None = None, **details: Any) -> None:
        details = {"path": str(self.path), "line": line, **details}
        text = KnowledgeBaseError(code, **details).text
        prefix = f"{self.path}:{line}: "
        text = text[len(prefix):] if text.startswith(prefix) else text  # Problem adds it back
        if level is None:
            level = "warning" if code in WARNING_CODES else "error"
        self.out.problems.append(Problem(
            str(self.path), line, text, code, level, tuple((k, str(v)) for k, v in details.items()),
        ))

    def structure(self, line: int, reason: str, level: Level = "error") -> None:
        self.problem("E211", line, level=level, reason=reason)

    # -- checks on values
    def country(self, value: Any, line: int) -> str | None:
        if value is None:
            return None
        code = str(value).strip()
        if code not in self.countries:
            self.problem("E203", line, value=code)
        return code

    def sector(self, value: Any, line: int) -> str | None:
        if value is None:
            return None
        code = str(value).strip()
        if code not in SECTORS:
            self.problem("E207", line, value=code, allowed=" ".join(SECTORS))
        return code

    def strings(self, value: Any, line: int, what: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            self.structure(line, f"'{what}' must be a list of names")
            return ()
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                item_line = value.lines[i] if isinstance(value, LineList) else line
                self.structure(item_line, f"every item of '{what}' must be a non-empty name")
        return tuple(out)

    def date_of(self, value: Any, line: int, *, end: bool) -> tuple[date | None, str | None]:
        if value is None:
            return None, None
        text = str(value).strip()
        try:
            return parse_bound(text, end=end), text
        except ValueError:
            self.problem("E210", line, value=text)
            return None, None

    # -- file
    def run(self) -> _Parsed:
        try:
            data = load_knowledge_file(self.path, code="E211", as_text=True)
        except KnowledgeBaseError as exc:  # not YAML (E211 at its line), or not readable at all (E202)
            line = exc.details["line"] if isinstance(exc.details["line"], int) else 0
            self.problem("E211" if line else "E202", line, reason=exc.details["reason"])
            return self.out
        if data is None:
            return self.out  # an empty file adds nothing
        if not isinstance(data, LineMap):
            self.structure(1, "the file must be a mapping with 'version: 1' and 'actors:'")
            return self.out
        version = data.get("version")
        if version is not None and version != "1":
            self.structure(data.lines["version"], f"version {version} is not supported (use version: 1)")
        for key in data:
            if key not in TOP_FIELDS:
                self.problem("E212", data.lines[key], value=key, allowed=", ".join(TOP_FIELDS))
        if "actors" in data:
            self.actors(data["actors"], data.lines["actors"])
        if "agents" in data:
            self.agents(data["agents"], data.lines["agents"])
        if "titles" in data:
            self.titles(data["titles"], data.lines["titles"])
        if "former_words" in data:
            words = self.strings(data["former_words"], data.lines["former_words"], "former_words")
            self.out.former_words.update(norm_word(w) for w in words)
        return self.out

    def actors(self, items: Any, line: int) -> None:
        if items is None:
            return
        if not isinstance(items, LineList):
            self.structure(line, "'actors' must be a list of entries")
            return
        seen: dict[str, int] = {}
        for item, item_line in zip(items, items.lines):
            if not isinstance(item, LineMap):
                self.structure(item_line, "each actor must be a mapping with id, name and kind")
                continue
            entry = self.entry(item)
            if entry is None:
                continue
            if entry.id in seen:
                self.problem("E204", item.line, value=entry.id, first=seen[entry.id])
                continue
            seen[entry.id] = item.line
            self.out.entries.append(entry)

    def entry(self, m: LineMap) -> ActorEntry | None:
        ok = True
        for key in m:
            if key not in ENTRY_FIELDS:
                self.problem("E212", m.lines[key], value=key, allowed=", ".join(ENTRY_FIELDS))
        ident = m.get("id")
        name = m.get("name")
        for key, value in (("id", ident), ("name", name)):
            if not isinstance(value, str) or not value.strip():
                self.problem("E209", m.lines.get(key, m.line), value=key)
                ok = False
        if isinstance(ident, str) and ident.strip() and not _ID_RE.match(ident.strip()):
            self.structure(m.lines["id"], f"id '{ident}' should be an ISO alpha-3 code (states) "
                           "or lowercase-with-dashes", level="warning")
        kind = m.get("kind")
        if kind not in KINDS:
            self.problem("E208", m.lines.get("kind", m.line), value=kind, allowed=", ".join(KINDS))
            ok = False
        country = self.country(m.get("country"), m.lines.get("country", m.line))
        sector = self.sector(m.get("sector"), m.lines.get("sector", m.line))
        former = m.get("former_sector")
        # PLOVER: a person out of office is ELI (former officials); a body whose roles
        # ended (a dissolved government) becomes civilian unless the file says otherwise.
        default_former = "ELI" if kind == "person" else "CVL"
        former_sector = self.sector(former, m.lines.get("former_sector", m.line)) if former is not None else default_former
        aliases = self.strings(m.get("aliases"), m.lines.get("aliases", m.line), "aliases")
        demonyms = self.strings(m.get("demonyms"), m.lines.get("demonyms", m.line), "demonyms")
        metonyms = self.metonyms(m.get("metonyms"), m.lines.get("metonyms", m.line), sector)
        roles = self.roles(m.get("roles"), m.lines.get("roles", m.line), country, sector)
        note = m.get("note")
        died_on, died = self.date_of(m.get("died"), m.lines.get("died", m.line), end=True)
        self.roles_after_death(roles, died_on, died, m.lines.get("died", m.line))
        secondary, wikidata = self.identity(m)
        if not ok:
            return None
        return ActorEntry(
            id=str(ident).strip(), name=str(name).strip(), kind=str(kind), country=country,
            sector=sector, aliases=aliases, demonyms=demonyms, metonyms=metonyms, roles=roles,
            former_sector=former_sector or default_former, source=f"{self.path}:{m.line}",
            note=str(note) if isinstance(note, str) else "", died=died,
            secondary_sector=secondary, wikidata=wikidata,
        )

    def identity(self, m: LineMap) -> tuple[str | None, str | None]:
        """The second PLOVER sector ("PRE", "GOV" beside PTY) and the Wikidata id."""
        secondary = self.sector(m.get("secondary_sector"), m.lines.get("secondary_sector", m.line))
        if secondary is not None and secondary == m.get("sector"):
            self.problem("E241", m.lines.get("secondary_sector", m.line), value=secondary)
        wikidata = m.get("wikidata")
        if wikidata is None:
            return secondary, None
        text = str(wikidata).strip()
        if not _WIKIDATA_RE.match(text):
            self.problem("E375", m.lines.get("wikidata", m.line), value=text)
            return secondary, None
        return secondary, text

    def roles_after_death(self, roles: tuple[Role, ...], died_on: date | None, died: str | None, line: int) -> None:
        """A person holds no office after their recorded death: one of the two dates is wrong."""
        for role in roles:
            if died_on is not None and role.start is not None and role.start > died_on:
                self.problem("E240", line, value=role.title, start=role.start.isoformat(), died=died)

    def metonyms(self, value: Any, line: int, default_sector: str | None) -> tuple[Metonym, ...]:
        if value is None:
            return ()
        if not isinstance(value, LineList):
            self.structure(line, "'metonyms' must be a list of {name, sector}")
            return ()
        out = []
        for item, item_line in zip(value, value.lines):
            if isinstance(item, str) and item.strip():
                out.append(Metonym(item.strip(), default_sector))
            elif isinstance(item, LineMap) and isinstance(item.get("name"), str) and item["name"].strip():
                sector = self.sector(item.get("sector"), item.lines.get("sector", item_line)) \
                    if "sector" in item else default_sector
                out.append(Metonym(item["name"].strip(), sector))
            else:
                self.structure(item_line, "a metonym needs a name: {name: Kremlin, sector: GOV}")
        return tuple(out)

    def roles(self, value: Any, line: int, country: str | None, sector: str | None) -> tuple[Role, ...]:
        if value is None:
            return ()
        if not isinstance(value, LineList):
            self.structure(line, "'roles' must be a list of {title, country, sector, start, end}")
            return ()
        out: list[Role] = []
        spans: list[tuple[Role, int, date, date]] = []  # role, line, latest start, earliest end
        for item, item_line in zip(value, value.lines):
            if not isinstance(item, LineMap):
                self.structure(item_line, "each role must be a mapping with a title")
                continue
            for key in item:
                if key not in ROLE_FIELDS:
                    self.problem("E212", item.lines[key], value=key, allowed=", ".join(ROLE_FIELDS))
            title = item.get("title")
            if not isinstance(title, str) or not title.strip():
                self.structure(item.lines.get("title", item_line), "a role needs a title")
                continue
            r_country = self.country(item["country"], item.lines["country"]) if "country" in item else country
            r_sector = self.sector(item["sector"], item.lines["sector"]) if "sector" in item else sector
            start, start_text = self.date_of(item.get("start"), item.lines.get("start", item_line), end=False)
            end, end_text = self.date_of(item.get("end"), item.lines.get("end", item_line), end=True)
            org, source = item.get("org"), item.get("source")
            if source is not None and (not isinstance(source, str) or not source.strip()):
                self.structure(item.lines["source"], "a role's 'source' must be text saying where the fact comes "
                               "from (a URL, a publication, 'my notes')")
            role = Role(title.strip(), r_country, r_sector, start, end, str(org) if isinstance(org, str) else None,
                        str(source) if isinstance(source, str) else None)
            if start_text and end_text:
                start_lo, _ = date_bounds(start_text)
                _, end_hi = date_bounds(end_text)
                if start_lo > end_hi:
                    self.problem("E205", item_line, value=role.title, start=start_text, end=end_text)
            late_start = date_bounds(start_text)[1] if start_text else date.min
            early_end = date_bounds(end_text)[0] if end_text else date.max
            for other, other_line, o_start, o_end in spans:
                same = (other.title.casefold(), other.org, other.country) == (role.title.casefold(), role.org, role.country)
                if same and max(o_start, late_start) < min(o_end, early_end):
                    self.problem("E206", item_line, value=role.title, other=other_line)
                    break
            spans.append((role, item_line, late_start, early_end))
            out.append(role)
        return tuple(out)

    def _sector_lists(self, value: Any, line: int, what: str, key: str) -> Iterator[tuple[str | None, str, int]]:
        if value is None:
            return
        if not isinstance(value, LineList):
            self.structure(line, f"'{what}' must be a list of {{sector, {key}: [...]}}")
            return
        for item, item_line in zip(value, value.lines):
            if not isinstance(item, LineMap) or "sector" not in item or key not in item:
                self.structure(item_line, f"each item of '{what}' needs 'sector' and '{key}'")
                continue
            sector = self.sector(item["sector"], item.lines["sector"])
            for word in self.strings(item[key], item.lines[key], key):
                yield sector, word, item.lines[key]

    def agents(self, value: Any, line: int) -> None:
        for sector, noun, _ in self._sector_lists(value, line, "agents", "nouns"):
            self.out.agents[norm_word(noun)] = sector

    def titles(self, value: Any, line: int) -> None:
        for sector, word, _ in self._sector_lists(value, line, "titles", "words"):
            self.out.titles[norm_word(word)] = sector
            self.out.title_forms.append(word)


@lru_cache(maxsize=256)
def _parse_cached(path: str, mtime_ns: int, size: int) -> _Parsed:
    """Parse one file once per version of it (keyed on its mtime and size)."""
    return _FileParser(Path(path)).run()


def stat_key(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError as exc:
        raise KnowledgeBaseError("E202", path=str(path), reason=exc.strerror or str(exc)) from exc
    return str(path), st.st_mtime_ns, st.st_size


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in one actor file, errors and warnings, each with its line.

    A duplicate id is reported only within the file: reusing an id from another
    file is how an entry is overridden.
    """
    p = Path(path)
    if not p.is_file():
        details = {"path": str(p), "reason": "no such file"}
        text = KnowledgeBaseError("E202", **details).text
        return [Problem(str(p), 0, text, "E202", "error", tuple(details.items()))]
    return list(_FileParser(p).run().problems)


def _yaml_files(directory: Path) -> list[Path]:
    return sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")], key=lambda p: p.name)


def config_actor_dir(config_dir: str | Path | None = None) -> Path:
    """Where the user's own actor files live: <config_dir>/actors, config_dir defaulting
    to $EIRENE_CONFIG_DIR or ~/.config/eirene."""
    base = config_dir if config_dir is not None else (os.environ.get(ENV_CONFIG_DIR) or DEFAULT_CONFIG_DIR)
    return Path(base).expanduser() / "actors"


def user_files(extra: Sequence[str | Path], config_dir: str | Path | None) -> list[Path]:
    """The user's actor files: the config dir's, then `extra` (files or directories)."""
    user: list[Path] = []
    actor_dir = config_actor_dir(config_dir)
    if actor_dir.is_dir():
        user += _yaml_files(actor_dir)
    for item in extra:
        p = Path(item).expanduser()
        if p.is_dir():
            user += _yaml_files(p)
        elif p.is_file():
            user.append(p)
        else:
            raise KnowledgeBaseError("E202", path=str(p), reason="no such file or directory")
    return user


def builtin_files() -> list[Path]:
    """The hand-curated actor files shipped with eirene, sorted by name."""
    return _yaml_files(BUILTIN_DIR) if BUILTIN_DIR.is_dir() else []


def file_keys(builtin: Sequence[Path], user: Sequence[Path]) -> tuple[tuple[str, int, int, bool], ...]:
    """(path, mtime, size, is_user) of every file: the cache key of one merged load."""
    return tuple((*stat_key(p), False) for p in builtin) + tuple((*stat_key(p), True) for p in user)


@dataclass
class Merged:
    """Every file's contribution merged in order: what a KnowledgeBase is built from."""

    entries: list[ActorEntry] = field(default_factory=list)
    agents: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    title_forms: list[str] = field(default_factory=list)
    former_words: set[str] = field(default_factory=set)
    user_ids: set[str] = field(default_factory=set)


def merge_files(keys: tuple[tuple[str, int, int, bool], ...]) -> Merged:
    """Parse (cached per file version), stop at the first error, merge in order."""
    parsed = [(_parse_cached(path, mtime, size), is_user) for path, mtime, size, is_user in keys]
    errors = [p for result, _ in parsed for p in result.problems if p.level == "error"]
    if errors:
        exc = errors[0].error()
        exc.problems = errors  # type: ignore[attr-defined]
        raise exc
    out = Merged()
    for result, is_user in parsed:
        out.entries.extend(result.entries)
        if is_user:
            out.user_ids.update(e.id for e in result.entries)
        out.agents.update(result.agents)
        out.titles.update(result.titles)
        out.title_forms.extend(result.title_forms)
        out.former_words.update(result.former_words)
    return out


__all__ = [
    "BUILTIN_DIR", "Merged", "builtin_files", "config_actor_dir", "file_keys", "merge_files",
    "user_files", "validate_file",
]
