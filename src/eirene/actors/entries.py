"""The records of the actor knowledge base and the keys names are looked up by.

Why a module of its own: the YAML files, the built world-scale knowledge and the
compiled index all produce the same records (`ActorEntry` with dated `Role`s), and
every name, whichever file it came from, must be normalised the same way.
DOCS: docs/knowledge-base.md
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Literal

from eirene.dates import parse_bound
from eirene.errors import KnowledgeBaseError

# PLOVER's international country-field values, and Kosovo's user-assigned code.
PSEUDO_COUNTRIES: tuple[str, ...] = ("UNO", "EUR", "XKX", "IGO", "NGO", "MNC", "ISM", "IMG")
HOW_RANK: dict[str, int] = {"alias": 0, "metonym": 1, "demonym": 2}
# The story date of a document with no date at all (no publication date, no full date
# in its text): `KnowledgeBase.code_at` then gives each entry its least date-dependent
# code, never today's roles. UNDATED is how callers say so; UNDATED_DAY how it travels.
UNDATED = "undated"
UNDATED_DAY: date = date.min

Level = Literal["error", "warning"]

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
    # Where the role comes from: a built source ("every-politician-scrapers/lithuania")
    # for the world-scale knowledge, None for a hand-curated file (the entry's `source`).
    source: str | None = None


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
    # PLOVER's second sector code ("PRE" for partly recognised entities, "GOV"/"OPP"
    # beside PTY), the Wikidata id, and the open-data sources a built entry came from.
    secondary_sector: str | None = None
    wikidata: str | None = None
    sources: tuple[str, ...] = ()


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
    last one, the entry's `former_sector`), "default" (the entry's own country/sector)
    or "undated" (no date known: the entry's own code, its country from its roles).
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


def strip_accents(text: str) -> str:
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
    return strip_accents(t).casefold()


def norm_word(text: str) -> str:
    """Key for agent nouns and titles: case, spacing and a final dot do not matter."""
    t = " ".join(text.translate(_QUOTES).split()).casefold()
    return t[:-1] if t.endswith(".") else t


def date_bounds(text: str) -> tuple[date, date]:
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



__all__ = [
    "UNDATED", "UNDATED_DAY", "ActorEntry", "AliasHit", "Coding", "Metonym", "Problem", "Role", "date_bounds",
    "known_countries", "norm_word", "normalize_alias", "strip_accents",
]
