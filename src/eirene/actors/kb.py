"""The actor knowledge base: who is who, under which names, in which role on which date.

Why a module of its own: every later stage asks the same questions ("which actor is
'the Kremlin'?", "what was Ghani on 2018-11-09?", "which sector is a 'troop'?") and the
answers are data an analyst must be able to read and correct. This module answers those
questions quickly; reading the files is `eirene.actors.actor_files`, the records are in
`eirene.actors.entries`. Finding mentions in text is the matcher's job, deciding between
candidates the resolver's.

    >>> kb = KnowledgeBase.load()
    >>> [hit.entry.id for hit in kb.lookup("U.S.")]
    ['USA']
    >>> kb.code_at(kb.get("taliban"), "2022-01-01").sector
    'GOV'

DOCS: docs/knowledge-base.md
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from pathlib import Path

from eirene.actors.actor_files import (
    BUILTIN_DIR, builtin_files, config_actor_dir, file_keys, merge_files, user_files, validate_file,
)
from eirene.actors.compiled import CompiledIndex, default_index
from eirene.actors.entries import (
    HOW_RANK, UNDATED, UNDATED_DAY, ActorEntry, AliasHit, Coding, Metonym, Problem, Role, known_countries,
    norm_word, normalize_alias, strip_accents,
)
from eirene.dates import to_date
from eirene.vocab import ENTRY_KINDS as KINDS

# ------------------------------------------------------------------ the knowledge base


class KnowledgeBase:
    """The merged actor knowledge base with its lookup tables, built once per load.

    entries (Iterable[ActorEntry]): in merge order; a later id replaces an earlier one.
    agents (Mapping[str, str | None]): agent noun (normalised) -> sector.
    titles (Mapping[str, str | None]): title word (normalised) -> sector.
    former_words (Iterable[str]): words marking a past role ("former", "ex").
    user_ids (Iterable[str]): ids that came from user files: they rank first in lookups.
    world (CompiledIndex | None): the built world-scale knowledge, asked only for names
        and ids the files do not know (hand-curated and user entries win).
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
        world: CompiledIndex | None = None,
    ) -> None:
        self._by_id: dict[str, ActorEntry] = {}
        for entry in entries:
            self._by_id[entry.id] = entry
        self._agents = {norm_word(k): v for k, v in (agents or {}).items()}
        # Last words of every agent phrase: a quick test that lets the matcher skip the
        # great majority of tokens, which can end no agent phrase.
        self._agent_last_words = frozenset(re.split(r"[ -]", key)[-1] for key in self._agents)
        self._titles = {norm_word(k): v for k, v in (titles or {}).items()}
        self._title_forms = tuple(dict.fromkeys(title_forms))
        self._former = frozenset(norm_word(w) for w in former_words)
        self._index, self._forms = _name_index(self._by_id.values(), frozenset(user_ids))
        self._world = world

    # -- loading
    @classmethod
    def load(
        cls,
        extra: Sequence[str | Path] = (),
        *,
        config_dir: str | Path | None = None,
        include_builtin: bool = True,
        built: bool = True,
    ) -> "KnowledgeBase":
        """Load built-in files, then the user's config dir, then `extra` (files or dirs).

        Raises KnowledgeBaseError with the code and file:line of the first error found;
        the exception's `problems` attribute lists all of them. Warnings do not stop it.
        built (bool): also answer from the built world-scale knowledge (its compiled
        index, see eirene.actors.compiled), unless EIRENE_BUILT_ACTORS=off.
        """
        builtin = builtin_files() if include_builtin else []
        keys = file_keys(builtin, user_files(extra, config_dir))
        return _build_cached(keys, default_index() if built and include_builtin else None)

    # -- entries
    def get(self, actor_id: str) -> ActorEntry | None:
        """The entry with this id (from the files, else the built knowledge), or None."""
        entry = self._by_id.get(actor_id)
        if entry is None and self._world is not None:
            return self._world.get(actor_id)
        return entry

    def __contains__(self, actor_id: object) -> bool:
        return isinstance(actor_id, str) and self.get(actor_id) is not None

    def death_dates(self) -> DeathDates:
        """Actor id -> date of death, for every person known to have died (files and built)."""
        return DeathDates(self)

    @property
    def world_size(self) -> int:
        """How many entries the built world-scale knowledge adds (0 when not loaded)."""
        return len(self._world) if self._world is not None else 0

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
        Only a name the files do not know is looked up in the built knowledge, and only
        when written capitalised.

        A short all-capital word that names nothing as written is tried case-folded, so
        a headline's "IRAN" still finds Iran (while "US" stays the United States).
        """
        key = normalize_alias(text)
        hits = self._index.get(key)
        if hits is None and key.isupper():
            hits = self._index.get(strip_accents(key).casefold())
        if hits is None and self._world is not None and _capitalised(text):
            return self._world_hits(key)
        return list(hits or ())

    def _world_hits(self, key: str) -> list[AliasHit]:
        """Built entries named `key`. A one-word name finds no person: single names
        ("Wine", "Ayub") are too often something else."""
        assert self._world is not None
        out = []
        for ident in self._world.ids_named(key):
            entry = self._world.get(ident)
            if entry is None or (entry.kind == "person" and " " not in key):
                continue
            out.append(AliasHit(entry, "alias", entry.sector))
        return out

    def surface_forms(self) -> Iterator[str]:
        """Every name, alias, demonym and metonym as written (no duplicates), for a matcher."""
        return iter(self._forms)

    def title_forms(self) -> Iterator[str]:
        """Every title as written in the data ("Lt. Gen."), for a matcher."""
        return iter(self._title_forms)

    def search(self, text: str, limit: int = 20) -> list[ActorEntry]:
        """Entries whose name or an alias contains `text` (case-insensitive), exact
        matches first, then prefixes, then shorter names."""
        needle = strip_accents(" ".join(text.split())).casefold()
        if not needle:
            return []
        ranked: list[tuple[int, int, str, ActorEntry]] = []
        for entry in self._by_id.values():
            best = 3
            for name in (entry.name, *entry.aliases):
                hay = strip_accents(name).casefold()
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
        found = [r[3] for r in ranked[:limit]]
        if len(found) < limit and self._world is not None:
            world = sorted(self._world.search(needle, limit), key=lambda e: (len(e.name), e.name))
            found += world[: limit - len(found)]
        return found

    # -- words
    def agent_sector(self, phrase: str) -> str | None:
        """Sector of an agent noun or phrase ("troop", "foreign ministry"); a regular
        plural of the last word is also understood. None if it is not an agent noun."""
        key = norm_word(phrase)
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
        key = norm_word(word)
        return key in self._agent_last_words or any(s in self._agent_last_words for s in _singulars(key))

    def is_agent_noun(self, phrase: str) -> bool:
        """True if `phrase` is an agent noun (its sector may still be None)."""
        key = norm_word(phrase)
        head, _, last = key.rpartition(" ")
        prefix = f"{head} " if head else ""
        return key in self._agents or any(prefix + s in self._agents for s in _singulars(last))

    def title_sector(self, word: str) -> tuple[bool, str | None]:
        """(is it a title before a name, its sector): "Gen." -> (True, "MIL");
        "Mullah" -> (True, None); "Kabul" -> (False, None)."""
        key = norm_word(word)
        if key in self._titles:
            return True, self._titles[key]
        return False, None

    def is_former_word(self, word: str) -> bool:
        """True for words that put a role in the past ("former", "ex-")."""
        return norm_word(word).strip("-") in self._former

    # -- dates
    def code_at(self, entry: ActorEntry, on: date | str | None) -> Coding:
        """Country and sector of `entry` on a date (None: today; UNDATED: no date known).

        The roles covering the date decide (the one that started latest wins); after
        roles have ended, the country of the last one with `former_sector`; before any
        role began, or with no roles, the entry's own country and sector (a built
        person's before any known office: CVL). With no date, only roles without dates
        count, else the entry's own sector with the country of its roles.
        """
        if on == UNDATED or on == UNDATED_DAY:
            return _undated(entry)
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
        private = "CVL" if entry.sources and entry.kind == "person" else None
        return Coding(entry.country, entry.sector or private, None, "default")


class DeathDates(Mapping[str, str]):
    """Dates of death looked up by actor id, without listing the built knowledge's
    130,000 entries: iterating gives the files' people only."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb

    def __getitem__(self, actor_id: str) -> str:
        entry = self._kb.get(actor_id)
        if entry is None or not entry.died:
            raise KeyError(actor_id)
        return entry.died

    def __iter__(self) -> Iterator[str]:
        return (entry.id for entry in self._kb.entries() if entry.died)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        """Whether anyone is known to have died: stops at the first (checked per document)."""
        return next(iter(self), None) is not None


def _undated(entry: ActorEntry) -> Coding:
    """The least date-dependent code of an entry: a role without dates, else its own
    sector and its own country (or the country of its latest role)."""
    timeless = [r for r in entry.roles if r.start is None and r.end is None]
    if timeless:
        return Coding(timeless[-1].country, timeless[-1].sector, timeless[-1], "role")
    country = entry.country
    if country is None and entry.roles:
        country = max(entry.roles, key=lambda r: r.start or date.min).country
    return Coding(country, entry.sector, None, "undated")


def _name_index(entries: Iterable[ActorEntry], user: frozenset[str]) -> tuple[dict[str, list[AliasHit]], tuple[str, ...]]:
    """Name key -> hits (best first, one per entry), and every surface form as written."""
    index: dict[str, list[tuple[int, int, int, AliasHit]]] = {}
    forms: dict[str, None] = {}
    order = 0
    for entry in entries:
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
    out: dict[str, list[AliasHit]] = {}
    for key, hits in index.items():
        hits.sort(key=lambda h: h[:3])
        chosen: list[AliasHit] = []
        taken: set[str] = set()
        for *_, hit in hits:  # one hit per entry: the best way it was named
            if hit.entry.id not in taken:
                taken.add(hit.entry.id)
                chosen.append(hit)
        out[key] = chosen
    return out, tuple(forms)


def _capitalised(text: str) -> bool:
    """Is `text` written as a name ("Harvard University", "the Tamil Tigers")? The built
    knowledge answers only such text: its 130k names include many common words."""
    words = text.split()
    if words and words[0].casefold() == "the":
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


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
def _build_cached(keys: tuple[tuple[str, int, int, bool], ...], world: CompiledIndex | None) -> KnowledgeBase:
    """Parse, merge and index the files of one load (cached per set of file versions)."""
    merged = merge_files(keys)
    return KnowledgeBase(merged.entries, merged.agents, merged.titles, merged.former_words,
                         user_ids=merged.user_ids, title_forms=merged.title_forms, world=world)


__all__ = [
    "BUILTIN_DIR", "ActorEntry", "AliasHit", "Coding", "KnowledgeBase", "Metonym", "Problem", "Role",
    "config_actor_dir", "known_countries", "normalize_alias",
    "validate_file",
]
