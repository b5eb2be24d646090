"""Entries as the build assembles them, merged when several sources name one entity.

Why a module of its own: every source reader adds people, groups and organisations in
the same shape, and one entity seen in several sources (the same Wikidata id, else the
same normalised name, country and kind) must become one entry that keeps every dated
role and every source it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from eirene.actors.entries import normalize_alias
from eirene.dates import parse_bound

_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def clean_date(value: str | None) -> str | None:
    """A source date as YYYY, YYYY-MM or YYYY-MM-DD, or None when absent or unreadable."""
    text = (value or "").strip()[:10]
    if text.endswith("-00-00"):
        text = text[:4]
    elif text.endswith("-00"):
        text = text[:7]
    return text if _DATE.match(text) and text[:4] != "0000" else None


def outlived(died: str | None, start: str | None, grace_days: int) -> bool:
    """True when an office starts more than `grace_days` after a death. Why: no one takes
    office years after dying, so such a role is a namesake's (a source that matched the
    wrong Wikidata person); within the grace it is a posthumous election or a term that
    began after an election the person won alive."""
    if not died or not start:
        return False
    try:
        return (parse_bound(start) - parse_bound(died, end=True)).days > grace_days
    except ValueError:
        return False


def dates_in_order(start: str | None, end: str | None) -> bool:
    """False when a role's (possibly partial) end falls wholly before its start."""
    if not start or not end:
        return True
    return parse_bound(start) <= parse_bound(end, end=True)


@dataclass
class DraftRole:
    """One dated role and the source that gave it."""

    title: str
    country: str | None
    sector: str | None
    start: str | None
    end: str | None
    source: str

    def as_json(self) -> dict[str, Any]:
        out = {"title": self.title, "country": self.country, "sector": self.sector,
               "start": self.start, "end": self.end, "source": self.source}
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class Draft:
    """One entity being assembled; `sources` are the source folders it was seen in."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    wikidata: str | None = None
    sector2: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[DraftRole] = field(default_factory=list)
    died: str | None = None
    sources: set[str] = field(default_factory=set)

    def key(self) -> str:
        return self.wikidata or f"{normalize_alias(self.name)}|{self.country}|{self.kind}"

    def absorb(self, other: Draft) -> None:
        """Take what `other` (the same entity from another source) knows and this lacks."""
        self.aliases |= other.aliases | {other.name}
        self.aliases.discard(self.name)
        known = {(r.title, r.start, r.end) for r in self.roles}
        self.roles += [r for r in other.roles if (r.title, r.start, r.end) not in known]
        self.died = self.died or other.died
        self.wikidata = self.wikidata or other.wikidata
        self.sector2 = self.sector2 or other.sector2
        self.country = self.country or other.country
        self.sector = self.sector or other.sector
        self.sources |= other.sources

    def entry_id(self) -> str:
        if self.wikidata:
            return f"wd-{self.wikidata.lower()}"
        slug = re.sub(r"[^a-z0-9]+", "-", anyascii(self.name).lower()).strip("-")[:60] or "x"
        return f"kb-{slug}-{(self.country or 'x').lower()}-{self.kind.replace('_', '')}"

    def as_json(self) -> dict[str, Any]:
        names = sorted(self.aliases | set(transliterations([self.name, *self.aliases])))
        out: dict[str, Any] = {
            "id": self.entry_id(), "name": self.name, "kind": self.kind,
            "country": self.country, "sector": self.sector, "sector2": self.sector2,
            "wikidata": self.wikidata,
            "aliases": [a for a in names if a != self.name],
            "roles": [r.as_json() for r in sorted(self.roles, key=_role_order)],
            "died": self.died, "sources": sorted(self.sources),
        }
        return {k: v for k, v in out.items() if v not in (None, [], "")}


def _role_order(role: DraftRole) -> tuple[str, str, str]:
    return (role.start or "", role.end or "9999", role.title)


def transliterations(names: Iterable[str]) -> Iterator[str]:
    """ASCII spellings of names written with other letters ("Nausėda" -> "Nauseda")."""
    for name in names:
        ascii_name = _ascii(name)
        if ascii_name and ascii_name != name:
            yield ascii_name


@lru_cache(maxsize=65536)
def _ascii(name: str) -> str:
    return " ".join(anyascii(name).split())


class Drafts:
    """Every entity of the build, merged by Wikidata id, else name + country + kind;
    never into someone who died more than `grace_days` before the other's offices began."""

    def __init__(self, grace_days: int) -> None:
        self.grace_days = grace_days
        self._by_key: dict[str, Draft] = {}
        self._name_keys: dict[str, list[str]] = {}  # name|country|kind -> the keys of entities so named

    def add(self, draft: Draft) -> Draft:
        """Merge `draft` into the entity it names; return the entity kept. A role that
        ends before it starts (a slip in the source) is left out."""
        draft.roles = [r for r in draft.roles if dates_in_order(r.start, r.end)]
        name_key = f"{normalize_alias(draft.name)}|{draft.country}|{draft.kind}"
        key = draft.key()
        if key not in self._by_key and not draft.wikidata:
            # no Wikidata id: the entity of the same name (or alias), country and kind
            key = self._same_name(draft) or key
        kept = self._by_key.get(key)
        if kept is None:
            self._by_key[key] = draft
            self._name_keys.setdefault(name_key, []).append(key)
            return draft
        kept.absorb(draft)
        return kept

    def _same_name(self, draft: Draft) -> str | None:
        """The key of the first entity of the same name (or alias), country and kind whose
        life fits the draft's offices, or None."""
        for name in (draft.name, *sorted(draft.aliases)):
            for known in self._name_keys.get(f"{normalize_alias(name)}|{draft.country}|{draft.kind}", ()):
                if self._one_lifetime(self._by_key[known], draft):
                    return known
        return None

    def _one_lifetime(self, one: Draft, other: Draft) -> bool:
        """False when either died well before an office of the other began: namesakes."""
        return not any(outlived(a.died, r.start, self.grace_days) for a, b in ((one, other), (other, one))
                       for r in b.roles)

    def get(self, key: str) -> Draft | None:
        return self._by_key.get(key)

    def __iter__(self) -> Iterator[Draft]:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)
