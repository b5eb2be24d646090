"""Coreference: pronouns, definite descriptions and partial names point back to actors.

Why a module of its own: these mentions name nobody by themselves ("he", "the group",
"Baradar"); who they are depends only on the actors mentioned before them in the same
document. This module keeps that history and answers with the most recent compatible
actor, a rule that is simple, explainable and right most of the time in news prose:

    "Mullah Abdul Ghani Baradar met Russian officials. Baradar said the group ..."
     -> "Baradar" = the same person (how="partial"),
        "the group" = the Taliban if mentioned earlier (how="coreference").

Which words are pronouns and which descriptions point to which kinds of actor is data
(``eirene/data/resolver/english.yaml``, see `Grammar`).
DOCS: docs/actors.md
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from eirene.actors.grammar import Description, Grammar

NON_PERSON_PLURAL_KINDS = frozenset({"armed_group", "org", "group"})


@dataclass(frozen=True)
class Coded:
    """A resolved mention in token coordinates, as the document history keeps it.

    start/end: token span [start, end). name/actor_id/country/sector/kind/how: as in
    ActorRef. plural: the head noun is plural ("troops"). group: mentions coordinated
    in one phrase share a group ("Russian and Chinese officials"), so "they" can name
    both. sentence: sentence number. names: folded words of the person's names, for
    partial matches. role_title: the person's role title on the story date, lowercase.
    """

    start: int
    end: int
    name: str
    actor_id: str | None
    country: str | None
    sector: str | None
    kind: str
    how: str
    plural: bool = False
    group: int = -1
    sentence: int = 0
    names: frozenset[str] = frozenset()
    role_title: str = ""
    place: bool = False  # a state named as a place ("troops left Afghanistan"): no pronoun antecedent
    inner: bool = False  # named inside a description of another ("a key U.S. ally"): a pronoun's last choice
    secondary: str | None = None  # a second code the phrase itself gives ("state-run television": GOV, JRN)
    subject: bool = False  # the subject of its clause: a subject pronoun's first choice ("Durrani disputed ... He said")

    def key(self) -> tuple[str | None, str | None, str | None]:
        """Identity of the actor, for telling two antecedents apart."""
        return (self.actor_id or self.name, self.country, self.sector)


def fold(text: str) -> str:
    """Lowercase, accents off, hyphens and dots to spaces: the key for name words."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace(".", " ").replace("\u2019", "'").casefold().split())


def name_words(*names: str) -> frozenset[str]:
    """Every folded word of the given names ("Abdul Ghani Baradar" -> abdul, ghani, baradar)."""
    return frozenset(word for name in names for word in fold(name).split() if len(word) > 1)


class Coreference:
    """Resolves pronouns, definite descriptions and partial names against a history.

    grammar (Grammar): which words are pronouns and descriptions, and the window.
    The history is the list of `Coded` mentions accepted so far, in document order.
    """

    def __init__(self, grammar: Grammar) -> None:
        self.grammar = grammar

    def _recent(self, history: list[Coded], sentence: int) -> list[Coded]:
        window = self.grammar.coref_window
        return [h for h in reversed(history) if 0 <= sentence - h.sentence <= window]

    @staticmethod
    def _as(antecedent: Coded, start: int, end: int, sentence: int, how: str = "coreference",
            **changes: object) -> Coded:
        """The antecedent, as named again at [start, end)."""
        return replace(antecedent, start=start, end=end, sentence=sentence, how=how,  # type: ignore[arg-type]
                       **changes)

    def pronoun(self, word: str, start: int, end: int, history: list[Coded], sentence: int,
                excluded: frozenset[str] = frozenset(), subject: bool = False) -> list[Coded]:
        """The actor(s) a pronoun names: a person for he/she, a single non-person for
        it/its, a plural or collective actor (or a coordinated pair) for they/their.

        excluded: ids of actors the pronoun cannot name (a person dead by the time the
        pronoun's verb happens: "He said ..." is never a man who died before the story).
        subject (bool): the pronoun is a subject (or the owner of one: "its minister
        said"); "he"/"she"/"it" then names the most recent antecedent that was a subject
        too, before a more recent one that was not ("Durrani disputed the view of Ash
        Carter. ... He said" is Durrani; "Russia hosted Taliban envoys. Its minister" Russia).
        """
        word = word.lower()
        recent = [h for h in self._recent(history, sentence) if not h.place and h.actor_id not in excluded]
        # "Pakistan, a key U.S. ally, ... its citizens": its = Pakistan, not the U.S.
        recent = [h for h in recent if not h.inner] + [h for h in recent if h.inner]
        if word in self.grammar.person_pronouns:
            people = [h for h in recent if h.kind == "person"]
            found = next((h for h in people if h.subject), None) if subject else None
            found = found or (people[0] if people else None)
            return [self._as(found, start, end, sentence)] if found else []
        if word in self.grammar.singular_pronouns:
            things = [h for h in recent if h.kind != "person" and not h.plural]
            found = next((h for h in things if h.subject and not h.inner), None) if subject else None
            found = found or (things[0] if things else None)
            return [self._as(found, start, end, sentence)] if found else []
        if word in self.grammar.plural_pronouns:
            for h in recent:
                members = [m for m in history if h.group >= 0 and m.group == h.group]
                if len(members) > 1:
                    return [self._as(m, start, end, sentence) for m in _distinct(members)]
                if h.kind == "person":
                    continue
                if h.plural or h.kind in NON_PERSON_PLURAL_KINDS:
                    return [self._as(h, start, end, sentence)]
        return []

    def describe(self, desc: Description, start: int, end: int, history: list[Coded], sentence: int) -> list[Coded]:
        """The actor(s) a definite description names ("the group", "the two countries",
        "the president"); [] when nothing compatible was mentioned recently."""
        recent = self._recent(history, sentence)
        changes: dict[str, object] = {}
        if desc.count > 1:
            found = _distinct([h for h in recent if h.kind in desc.antecedents], by_actor=True)[: desc.count]
            if len(found) < desc.count:
                return []
            sector = {"sector": desc.sector} if "state" in desc.antecedents else {}
            return [self._as(h, start, end, sentence, **sector) for h in found]
        for kind in desc.antecedents:
            for h in recent:
                if h.kind != kind:
                    continue
                if kind == "person" and desc.title is not None and desc.title not in h.role_title:
                    continue
                if kind == "person" and desc.title and not h.role_title:
                    continue
                if kind == "state":
                    # "the country" is the state as a whole, even after "Pakistani troops"
                    changes = {"sector": desc.sector}
                return [self._as(h, start, end, sentence, **changes)]
        return []

    def partial(self, words: list[str], start: int, end: int, history: list[Coded], sentence: int) -> Coded | None:
        """An earlier person whose names contain every word of this one ("Baradar" after
        "Mullah Abdul Ghani Baradar"); the most recent such person, anywhere before."""
        wanted = {w for w in (fold(x) for x in words) if len(w) > 1}
        if not wanted:
            return None
        for h in reversed(history):
            if h.kind == "person" and h.names and wanted <= h.names:
                return self._as(h, start, end, sentence, how="partial")
        return None


def _distinct(items: list[Coded], by_actor: bool = False) -> list[Coded]:
    """Drop repeats of the same actor (with `by_actor`, whatever its sector)."""
    seen: set[object] = set()
    out = []
    for item in items:
        key = (item.actor_id or item.name) if by_actor else item.key()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
