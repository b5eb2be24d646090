"""The actor knowledge base: who is who, under which names, in which role on which date.

Why a module of its own: every later stage asks the same questions ("which actor is
'the Kremlin'?", "what was Ghani on 2018-11-09?", "which sector is a 'troop'?") and the
answers are data an analyst must be able to read and correct. This module only loads
that data (``eirene/data/actors/*.yaml``, then the user's own files on top), checks it
with messages that name ``file:line``, and answers those questions quickly. Finding
mentions in text is the matcher's job, deciding between candidates the resolver's.

    >>> kb = KnowledgeBase.load()
    >>> [hit.entry.id for hit in kb.lookup("U.S.")]
    ['USA']
    >>> kb.code_at(kb.get("taliban"), "2022-01-01").sector
    'GOV'

Files merge in this order, a later entry with the same id replacing the earlier one:
built-in files (sorted by name), every ``*.yaml`` in ``$EIRENE_CONFIG_DIR/actors/``
(default ``~/.config/eirene/actors/``), then the ``extra`` files in the order given.
DOCS: docs/knowledge-base.md
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from eirene.dates import parse_bound, to_date
from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import LineList, LineMap, load_knowledge_file
from eirene.vocab import ENTRY_KINDS as KINDS
from eirene.vocab import PLOVER_SECTORS as SECTORS

PSEUDO_COUNTRIES: tuple[str, ...] = ("UNO", "EUR", "XKX")
ENV_CONFIG_DIR = "EIRENE_CONFIG_DIR"
DEFAULT_CONFIG_DIR = "~/.config/eirene"
BUILTIN_DIR: Path = Path(__file__).resolve().parent.parent / "data" / "actors"

ENTRY_FIELDS: tuple[str, ...] = (
    "id", "name", "kind", "country", "sector", "aliases", "demonyms", "metonyms", "roles",
    "former_sector", "died", "note",
)
ROLE_FIELDS: tuple[str, ...] = ("title", "country", "sector", "start", "end", "org", "note")
TOP_FIELDS: tuple[str, ...] = ("version", "actors", "agents", "titles", "former_words")
HOW_RANK: dict[str, int] = {"alias": 0, "metonym": 1, "demonym": 2}

Level = Literal["error", "warning"]
# Warnings are reported by validate_file but do not stop KnowledgeBase.load.
WARNING_CODES: frozenset[str] = frozenset({"E206", "E212"})


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Role:
    """One dated office or status. `start`/`end` are inclusive; None means open.

    A date written as YYYY or YYYY-MM is widened: a start to the first day of that
    year or month, an end to the last day, so a role "2014"–"2021" covers all of both.
    """

    title: str
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    org: str | None = None


@dataclass(frozen=True)
class Metonym:
    """A name that stands for the actor, usually a place or building ("the Kremlin")."""

    name: str
    sector: str | None


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the knowledge base, as loaded from a file (`source` is "file:line")."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[Metonym, ...] = ()
    roles: tuple[Role, ...] = ()
    former_sector: str = "CVL"
    source: str = ""
    note: str = ""
    # A person's date of death, as precise as known: dates a killing the text leaves undated.
    died: str | None = None


@dataclass(frozen=True)
class AliasHit:
    """One answer of `lookup`: the entry, how the text named it, and the sector it implies."""

    entry: ActorEntry
    how: str  # "alias" | "demonym" | "metonym"
    sector: str | None


@dataclass(frozen=True)
class Coding:
    """Country and sector of an entry on one date, and the role that gave them.

    how: "role" (a role covers the date), "former" (roles had ended: country of the
    last one, the entry's `former_sector`) or "default" (the entry's own country/sector).
    """

    country: str | None
    sector: str | None
    role: Role | None
    how: str


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file; `str()` gives "path:line: [E2xx] message"."""

    path: str
    line: int
    message: str
    code: str = "E201"
    level: Level = "error"
    details: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.code}] {self.message}"

    def error(self) -> KnowledgeBaseError:
        """The exception `load` raises for this problem."""
        return KnowledgeBaseError(self.code, **dict(self.details))


# ----------------------------------------------------------------------- normalising

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
})
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Z]\.)+[A-Z](?:\.|\b)")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_alias(text: str) -> str:
    """The lookup key of a name: equal keys mean the same name.

    Whitespace is folded, curly quotes become straight, dotted capitals lose their dots
    ("U.S." -> "US", "U.N." -> "UN"), a leading "the " is dropped, hyphens count as
    spaces and accents are ignored. Case is folded, EXCEPT for short forms (at most four
    letters) written with two or more capitals, which keep it: "US" must not match the
    pronoun "us", "IS" the verb "is", nor "LeT" (Lashkar-e-Taiba) the verb "let".
    """
    t = unicodedata.normalize("NFC", text).translate(_QUOTES)
    t = " ".join(t.split())
    t = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), t)
    if t[:4].lower() == "the " and len(t) > 4:
        t = t[4:]
    t = " ".join(t.replace("-", " ").split())
    letters = [c for c in t if c.isalpha()]
    if len(letters) <= 4 and sum(c.isupper() for c in letters) >= 2:
        return t
    return _strip_accents(t).casefold()


def _norm_word(text: str) -> str:
    """Key for agent nouns and titles: case, spacing and a final dot do not matter."""
    t = " ".join(text.translate(_QUOTES).split()).casefold()
    return t[:-1] if t.endswith(".") else t


def _date_bounds(text: str) -> tuple[date, date]:
    """The first and last day a (possibly partial) date may stand for."""
    return parse_bound(text), parse_bound(text, end=True)


# ------------------------------------------------------------------------- parsing


@lru_cache(maxsize=1)
def known_countries() -> frozenset[str]:
    """ISO 3166 alpha-3 codes (current and historic, e.g. SCG, SUN) and the pseudo-codes."""
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(codes | set(PSEUDO_COUNTRIES))


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
            self.out.former_words.update(_norm_word(w) for w in words)
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
        former_sector = self.sector(former, m.lines.get("former_sector", m.line)) if former is not None else "CVL"
        aliases = self.strings(m.get("aliases"), m.lines.get("aliases", m.line), "aliases")
        demonyms = self.strings(m.get("demonyms"), m.lines.get("demonyms", m.line), "demonyms")
        metonyms = self.metonyms(m.get("metonyms"), m.lines.get("metonyms", m.line), sector)
        roles = self.roles(m.get("roles"), m.lines.get("roles", m.line), country, sector)
        note = m.get("note")
        _, died = self.date_of(m.get("died"), m.lines.get("died", m.line), end=False)
        if not ok:
            return None
        return ActorEntry(
            id=str(ident).strip(), name=str(name).strip(), kind=str(kind), country=country,
            sector=sector, aliases=aliases, demonyms=demonyms, metonyms=metonyms, roles=roles,
            former_sector=former_sector or "CVL", source=f"{self.path}:{m.line}",
            note=str(note) if isinstance(note, str) else "", died=died,
        )

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
            org = item.get("org")
            role = Role(title.strip(), r_country, r_sector, start, end, str(org) if isinstance(org, str) else None)
            if start_text and end_text:
                start_lo, _ = _date_bounds(start_text)
                _, end_hi = _date_bounds(end_text)
                if start_lo > end_hi:
                    self.problem("E205", item_line, value=role.title, start=start_text, end=end_text)
            late_start = _date_bounds(start_text)[1] if start_text else date.min
            early_end = _date_bounds(end_text)[0] if end_text else date.max
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
            self.out.agents[_norm_word(noun)] = sector

    def titles(self, value: Any, line: int) -> None:
        for sector, word, _ in self._sector_lists(value, line, "titles", "words"):
            self.out.titles[_norm_word(word)] = sector
            self.out.title_forms.append(word)


@lru_cache(maxsize=256)
def _parse_cached(path: str, mtime_ns: int, size: int) -> _Parsed:
    """Parse one file once per version of it (keyed on its mtime and size)."""
    return _FileParser(Path(path)).run()


def _stat_key(path: Path) -> tuple[str, int, int]:
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


# ------------------------------------------------------------------ the knowledge base


class KnowledgeBase:
    """The merged actor knowledge base with its lookup tables, built once per load.

    entries (Iterable[ActorEntry]): in merge order; a later id replaces an earlier one.
    agents (Mapping[str, str | None]): agent noun (normalised) -> sector.
    titles (Mapping[str, str | None]): title word (normalised) -> sector.
    former_words (Iterable[str]): words marking a past role ("former", "ex").
    user_ids (Iterable[str]): ids that came from user files: they rank first in lookups.
    """

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        agents: Mapping[str, str | None] | None = None,
        titles: Mapping[str, str | None] | None = None,
        former_words: Iterable[str] = (),
        *,
        user_ids: Iterable[str] = (),
        title_forms: Iterable[str] = (),
    ) -> None:
        self._by_id: dict[str, ActorEntry] = {}
        for entry in entries:
            self._by_id[entry.id] = entry
        self._agents = {_norm_word(k): v for k, v in (agents or {}).items()}
        # Last words of every agent phrase: a quick test that lets the matcher skip the
        # great majority of tokens, which can end no agent phrase.
        self._agent_last_words = frozenset(re.split(r"[ -]", key)[-1] for key in self._agents)
        self._titles = {_norm_word(k): v for k, v in (titles or {}).items()}
        self._title_forms = tuple(dict.fromkeys(title_forms))
        self._former = frozenset(_norm_word(w) for w in former_words)
        user = frozenset(user_ids)
        index: dict[str, list[tuple[int, int, int, AliasHit]]] = {}
        forms: dict[str, None] = {}
        order = 0
        for entry in self._by_id.values():
            user_rank = 0 if entry.id in user else 1
            # The name is an alias unless it is also listed as a metonym: a seat of power
            # such as "Kremlin" is then found as a metonym, i.e. as a place name.
            metonym_keys = {normalize_alias(m.name) for m in entry.metonyms}
            named: list[tuple[str, str, str | None]] = []
            if normalize_alias(entry.name) not in metonym_keys:
                named.append((entry.name, "alias", entry.sector))
            named += [(a, "alias", entry.sector) for a in entry.aliases]
            named += [(m.name, "metonym", m.sector) for m in entry.metonyms]
            named += [(d, "demonym", entry.sector) for d in entry.demonyms]
            seen: set[tuple[str, str]] = set()
            for text, how, sector in named:
                forms[text] = None
                key = normalize_alias(text)
                if not key or (key, how) in seen:
                    continue
                seen.add((key, how))
                order += 1
                index.setdefault(key, []).append((HOW_RANK[how], user_rank, order, AliasHit(entry, how, sector)))
        self._index: dict[str, list[AliasHit]] = {}
        for key, hits in index.items():
            hits.sort(key=lambda h: h[:3])
            chosen: list[AliasHit] = []
            taken: set[str] = set()
            for *_, hit in hits:  # one hit per entry: the best way it was named
                if hit.entry.id not in taken:
                    taken.add(hit.entry.id)
                    chosen.append(hit)
            self._index[key] = chosen
        self._forms = tuple(forms)

    # -- loading
    @classmethod
    def load(
        cls,
        extra: Sequence[str | Path] = (),
        *,
        config_dir: str | Path | None = None,
        include_builtin: bool = True,
    ) -> "KnowledgeBase":
        """Load built-in files, then the user's config dir, then `extra` (files or dirs).

        Raises KnowledgeBaseError with the code and file:line of the first error found;
        the exception's `problems` attribute lists all of them. Warnings do not stop it.
        """
        builtin = _yaml_files(BUILTIN_DIR) if include_builtin and BUILTIN_DIR.is_dir() else []
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
        keys = tuple((*_stat_key(p), False) for p in builtin) + tuple((*_stat_key(p), True) for p in user)
        return _build_cached(keys)

    # -- entries
    def get(self, actor_id: str) -> ActorEntry | None:
        """The entry with this id, or None."""
        return self._by_id.get(actor_id)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def entries(self) -> Iterator[ActorEntry]:
        """Every entry, in merge order."""
        return iter(self._by_id.values())

    def counts(self) -> dict[str, int]:
        """How many entries of each kind, plus "roles" (all dated roles)."""
        out = {kind: 0 for kind in KINDS}
        roles = 0
        for entry in self._by_id.values():
            out[entry.kind] = out.get(entry.kind, 0) + 1
            roles += len(entry.roles)
        out["roles"] = roles
        return out

    # -- names
    def lookup(self, text: str) -> list[AliasHit]:
        """Entries named exactly `text` (after normalize_alias), best first: aliases before
        metonyms before demonyms, user files' entries before built-in ones. [] if none.

        A short all-capital word that names nothing as written is tried case-folded, so
        a headline's "IRAN" still finds Iran (while "US" stays the United States).
        """
        key = normalize_alias(text)
        hits = self._index.get(key)
        if hits is None and key.isupper():
            hits = self._index.get(_strip_accents(key).casefold())
        return list(hits or ())

    def surface_forms(self) -> Iterator[str]:
        """Every name, alias, demonym and metonym as written (no duplicates), for a matcher."""
        return iter(self._forms)

    def title_forms(self) -> Iterator[str]:
        """Every title as written in the data ("Lt. Gen."), for a matcher."""
        return iter(self._title_forms)

    def search(self, text: str, limit: int = 20) -> list[ActorEntry]:
        """Entries whose name or an alias contains `text` (case-insensitive), exact
        matches first, then prefixes, then shorter names."""
        needle = _strip_accents(" ".join(text.split())).casefold()
        if not needle:
            return []
        ranked: list[tuple[int, int, str, ActorEntry]] = []
        for entry in self._by_id.values():
            best = 3
            for name in (entry.name, *entry.aliases):
                hay = _strip_accents(name).casefold()
                if hay == needle:
                    best = 0
                    break
                if hay.startswith(needle):
                    best = min(best, 1)
                elif needle in hay:
                    best = min(best, 2)
            if best < 3:
                ranked.append((best, len(entry.name), entry.name, entry))
        ranked.sort(key=lambda r: r[:3])
        return [r[3] for r in ranked[:limit]]

    # -- words
    def agent_sector(self, phrase: str) -> str | None:
        """Sector of an agent noun or phrase ("troop", "foreign ministry"); a regular
        plural of the last word is also understood. None if it is not an agent noun."""
        key = _norm_word(phrase)
        if key in self._agents:
            return self._agents[key]
        head, _, last = key.rpartition(" ")
        prefix = f"{head} " if head else ""
        for singular in _singulars(last):
            if prefix + singular in self._agents:
                return self._agents[prefix + singular]
        return None

    def may_end_agent(self, word: str) -> bool:
        """Could an agent phrase end with this word (or its singular)? A cheap pre-check."""
        key = _norm_word(word)
        return key in self._agent_last_words or any(s in self._agent_last_words for s in _singulars(key))

    def is_agent_noun(self, phrase: str) -> bool:
        """True if `phrase` is an agent noun (its sector may still be None)."""
        key = _norm_word(phrase)
        head, _, last = key.rpartition(" ")
        prefix = f"{head} " if head else ""
        return key in self._agents or any(prefix + s in self._agents for s in _singulars(last))

    def title_sector(self, word: str) -> tuple[bool, str | None]:
        """(is it a title before a name, its sector): "Gen." -> (True, "MIL");
        "Mullah" -> (True, None); "Kabul" -> (False, None)."""
        key = _norm_word(word)
        if key in self._titles:
            return True, self._titles[key]
        return False, None

    def is_former_word(self, word: str) -> bool:
        """True for words that put a role in the past ("former", "ex-")."""
        return _norm_word(word).strip("-") in self._former

    # -- dates
    def code_at(self, entry: ActorEntry, on: date | str | None) -> Coding:
        """Country and sector of `entry` on a date (None: today).

        The roles covering the date decide (the one that started latest wins); after
        roles have ended, the country of the last one with `former_sector`; before any
        role began, or with no roles, the entry's own country and sector.
        """
        day = to_date(on)
        covering = [r for r in entry.roles
                    if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)]
        if covering:
            best = max(enumerate(covering), key=lambda ir: (ir[1].start or date.min, ir[0]))[1]
            return Coding(best.country, best.sector, best, "role")
        ended = [r for r in entry.roles if r.end is not None and r.end < day]
        if ended:
            last = max(ended, key=lambda r: r.end or date.min)
            return Coding(last.country, entry.former_sector, last, "former")
        return Coding(entry.country, entry.sector, None, "default")


def _singulars(word: str) -> list[str]:
    """Candidate singulars of a regular English plural (no dictionary: a fallback)."""
    out = []
    if word.endswith("men") and len(word) > 4:
        out.append(word[:-3] + "man")
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        out.append(word[:-1])
    return out


@lru_cache(maxsize=8)
def _build_cached(keys: tuple[tuple[str, int, int, bool], ...]) -> KnowledgeBase:
    """Parse (cached per file version), stop at the first error, merge, index."""
    parsed = [(_parse_cached(path, mtime, size), is_user) for path, mtime, size, is_user in keys]
    errors = [p for result, _ in parsed for p in result.problems if p.level == "error"]
    if errors:
        exc = errors[0].error()
        exc.problems = errors  # type: ignore[attr-defined]
        raise exc
    entries: list[ActorEntry] = []
    agents: dict[str, str | None] = {}
    titles: dict[str, str | None] = {}
    title_forms: list[str] = []
    former: set[str] = set()
    user_ids: set[str] = set()
    for result, is_user in parsed:
        entries.extend(result.entries)
        if is_user:
            user_ids.update(e.id for e in result.entries)
        agents.update(result.agents)
        titles.update(result.titles)
        title_forms.extend(result.title_forms)
        former.update(result.former_words)
    return KnowledgeBase(entries, agents, titles, former, user_ids=user_ids, title_forms=title_forms)


__all__ = [
    "ActorEntry", "AliasHit", "Coding", "KnowledgeBase", "Metonym", "Problem", "Role",
    "config_actor_dir", "known_countries", "normalize_alias",
    "validate_file",
]
