"""The build's reading rules (data/kb_build/rules.yaml) and the country names it knows.

Why a module of its own: every source names countries its own way ("Ivory Coast",
"the United Kingdom", ISO alpha-2, COW names) and offices by title; one place turns
those into PLOVER countries and sectors, from a data file an analyst can correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import load_knowledge_file

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "kb_build" / "rules.yaml"


@dataclass(frozen=True)
class Rules:
    """What rules.yaml says, compiled."""

    countries: dict[str, str]
    partly_recognised: frozenset[str]
    position_sectors: tuple[tuple[re.Pattern[str], str], ...]
    family_relations: frozenset[str]
    company_suffixes: tuple[str, ...]
    un_words: tuple[str, ...]
    eu_words: tuple[str, ...]
    cameo_sectors: dict[str, str]
    party_min_share: float
    factbook_title_words: frozenset[str] = frozenset()
    posthumous_grace_days: int = 0

    def country(self, name: str | None) -> str | None:
        """ISO alpha-3 (or a pseudo-code) of a country named in a source, or None."""
        text = (name or "").strip()
        if not text:
            return None
        if text in self.countries:
            return self.countries[text]
        return _pycountry(text)

    def position_sector(self, title: str) -> str:
        """The sector an office gives its holder (GOV when no rule matches)."""
        for pattern, sector in self.position_sectors:
            if pattern.search(title):
                return sector
        return "GOV"


@lru_cache(maxsize=4096)
def _pycountry(text: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        return None


def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read and compile the rules; E372 names the file and the fault."""
    data: Any = load_knowledge_file(path, code="E372")
    try:
        sectors = tuple((re.compile(str(item["pattern"]), re.IGNORECASE), str(item["sector"]))
                        for item in data["position_sectors"])
        return Rules(
            countries={str(k): str(v) for k, v in data["countries"].items()},
            partly_recognised=frozenset(map(str, data["partly_recognised"])),
            position_sectors=sectors,
            family_relations=frozenset(map(str, data["family_relations"])),
            company_suffixes=tuple(map(str, data["company_suffixes"])),
            un_words=tuple(map(str, data["un_words"])),
            eu_words=tuple(map(str, data["eu_words"])),
            cameo_sectors={str(k): str(v) for k, v in data["cameo_sectors"].items()},
            party_min_share=float(data["party_min_share"]),
            factbook_title_words=frozenset(map(str, data.get("factbook_title_words") or ())),
            posthumous_grace_days=int(data["posthumous_grace_days"]),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise KnowledgeBaseError("E372", path=str(path), line=0, reason=f"missing or bad value: {exc}") from exc
