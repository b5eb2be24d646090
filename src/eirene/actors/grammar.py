"""The English the actor coder reads, as data: `Grammar`, from data/resolver/english.yaml.

Why a module of its own: the finder (matcher.py), the coreference step (coref.py) and
the resolver (resolve/) all read these closed-class words and settings (locative
prepositions, pronouns, definite descriptions, role nouns, the sectors that behave
alike); none of them belongs in code. `Grammar.load` reads the built-in file or yours.
DOCS: docs/actors.md
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import load_knowledge_file

GRAMMAR_PATH: Path = Path(__file__).resolve().parent.parent / "data" / "resolver" / "english.yaml"


@dataclass(frozen=True)
class Description:
    """A definite description that points back to an earlier actor ("the group").

    nouns: the head phrases (lowercase). antecedents: kinds it may point to.
    count: how many actors it names ("the two countries" -> 2). title: for a person
    antecedent, a word its role title must contain ("" = any role). sector: the sector
    the description itself gives ("the government" -> GOV) when the antecedent is a state.
    """

    nouns: tuple[str, ...]
    antecedents: tuple[str, ...]
    count: int = 1
    title: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Grammar:
    """The English closed-class words the finder and the coreference step need."""

    locative_preps: frozenset[str]
    static_locative_preps: frozenset[str]
    person_pronouns: frozenset[str]
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    singular_pronoun_deps: frozenset[str]
    expletive_verbs: frozenset[str]
    agentive_adjectives: frozenset[str]
    descriptions: tuple[Description, ...]
    role_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    relational_nouns: frozenset[str] = frozenset()
    non_referring_determiners: frozenset[str] = frozenset()
    former_sector: str = "ELI"
    foreign_prone_sectors: frozenset[str] = frozenset()
    counted_demonym_sector: str = "CVL"
    place_actor_sector: str = "CVL"
    ethnic_words: frozenset[str] = frozenset()
    home_preps: frozenset[str] = frozenset()
    placement_verbs: frozenset[str] = frozenset()
    owner_preps: frozenset[str] = frozenset({"of", "for"})
    place_nouns: frozenset[str] = frozenset()
    stance_prefixes: frozenset[str] = frozenset()
    sponsor_words: frozenset[str] = frozenset()
    organisation_nouns: frozenset[str] = frozenset()
    state_media_words: frozenset[str] = frozenset()
    name_sector_words: dict[str, str] = field(default_factory=dict)
    resident_sectors: frozenset[str] = frozenset()
    visitor_nouns: frozenset[str] = frozenset()
    description_determiners: frozenset[str] = frozenset()
    name_suffixes: frozenset[str] = frozenset()
    source_sectors: frozenset[str] = frozenset()
    international_sectors: frozenset[str] = frozenset()
    coref_window: int = 3
    _by_noun: dict[str, Description] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Grammar":
        """Read the grammar file (default: the built-in English one). Raises E230."""
        return _load_grammar(str(Path(path) if path is not None else GRAMMAR_PATH))

    @property
    def pronouns(self) -> frozenset[str]:
        return self.person_pronouns | self.singular_pronouns | self.plural_pronouns | self.relative_pronouns

    def description(self, phrase: str) -> Description | None:
        """The description whose noun is `phrase` (lowercase words), or None."""
        return self._by_noun.get(" ".join(phrase.lower().split()))


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"'{key}' must be a list of words")
    return frozenset(" ".join(str(v).lower().split()) for v in value)


def _sector_words(data: dict[str, Any], key: str) -> dict[str, str]:
    """A mapping sector -> list of words, read as word -> sector."""
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise ValueError(f"'{key}' must map sectors to lists of words")
    return {w.lower(): str(sector) for sector, words in value.items() for w in _words({key: words}, key)}


def _codes(data: dict[str, Any], key: str) -> frozenset[str]:
    """A list of codes (sectors), kept as written."""
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ValueError(f"'{key}' must be a list of codes")
    return frozenset(str(v) for v in value)


@lru_cache(maxsize=4)
def _load_grammar(path: str) -> Grammar:
    try:
        data = load_knowledge_file(path, code="E230") or {}
        if not isinstance(data, dict):
            raise ValueError("the file must be a mapping")
        pronouns = data.get("pronouns") or {}
        descriptions: list[Description] = []
        by_noun: dict[str, Description] = {}
        for item in data.get("descriptions") or []:
            desc = Description(
                nouns=tuple(" ".join(str(n).lower().split()) for n in item["nouns"]),
                antecedents=tuple(str(k) for k in item["antecedents"]),
                count=int(item.get("count", 1)),
                title=None if item.get("title") is None else str(item["title"]).lower(),
                sector=item.get("sector"),
            )
            descriptions.append(desc)
            for noun in desc.nouns:
                by_noun.setdefault(noun, desc)
        return Grammar(
            locative_preps=_words(data, "locative_preps"),
            static_locative_preps=_words(data, "static_locative_preps"),
            person_pronouns=_words(pronouns, "person"),
            singular_pronouns=_words(pronouns, "singular"),
            plural_pronouns=_words(pronouns, "plural"),
            relative_pronouns=_words(pronouns, "relative"),
            singular_pronoun_deps=_words(data, "singular_pronoun_deps"),
            expletive_verbs=_words(data, "expletive_verbs"),
            agentive_adjectives=_words(data, "agentive_adjectives"),
            descriptions=tuple(descriptions),
            role_nouns=_words(data, "role_nouns"),
            collective_nouns=_words(data, "collective_nouns"),
            relational_nouns=_words(data, "relational_nouns"),
            non_referring_determiners=_words(data, "non_referring_determiners"),
            former_sector=str(data.get("former_sector") or "ELI"),
            foreign_prone_sectors=_codes(data, "foreign_prone_sectors"),
            counted_demonym_sector=str(data.get("counted_demonym_sector") or "CVL"),
            place_actor_sector=str(data.get("place_actor_sector") or "CVL"),
            ethnic_words=_words(data, "ethnic_words"),
            home_preps=_words(data, "home_preps"),
            placement_verbs=_words(data, "placement_verbs"),
            owner_preps=_words(data, "owner_preps") or frozenset({"of", "for"}),
            place_nouns=_words(data, "place_nouns"),
            stance_prefixes=_words(data, "stance_prefixes"),
            sponsor_words=_words(data, "sponsor_words"),
            organisation_nouns=_words(data, "organisation_nouns"),
            state_media_words=_words(data, "state_media_words"),
            name_sector_words=_sector_words(data, "name_sector_words"),
            resident_sectors=_codes(data, "resident_sectors"),
            visitor_nouns=_words(data, "visitor_nouns"),
            description_determiners=_words(data, "description_determiners"),
            name_suffixes=_words(data, "name_suffixes"),
            source_sectors=_codes(data, "source_sectors"),
            international_sectors=_codes(data, "international_sectors"),
            coref_window=int(data.get("coref_window", 3)),
            _by_noun=by_noun,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise KnowledgeBaseError("E230", path=path, reason=f"{err.__class__.__name__}: {err}") from err
