"""Scoring coded events against document-level gold with tolerant matching.

A coded event matches a gold event of the same article when (docs/annotation-guide.md,
"How the scorer matches"):

1. place: the coded event's sentence (Event.start..end) overlaps one of the gold mentions;
2. type: the same PLOVER type ("type" level) or the same quad class ("class" level);
3. actors: some gold actor and some coded actor are compatible (the same country code,
   or the same knowledge-base id when the gold gives one); no gold actor accepts any;
4. recipients: when gold names any, some gold recipient is compatible with some coded
   recipient (with some coded actor, for a reciprocal coded event whose recipients are
   its actors); when gold names none, any coded recipients are accepted.

Each gold and each coded event is used at most once (a maximum bipartite matching), so a
happening coded twice gives one hit and one false positive.

Like every dev set, the articles are split for good into a "tune" and a "check" half, by
the hash of the article's id (``split.half_of``, the same salt): failures are read on the
tune articles only, and a rule is kept only if the check articles do not fall.

    gold = load_gold(gold_dir, corpus_dir)
    score = score_documents(gold, {doc.document.id: coder.code(doc.document).events for doc in gold})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from eirene.evaluate.docgold import GoldActor, GoldDocument, GoldEvent
from eirene.evaluate.split import half_of
from eirene.records import ActorRef, Event

LEVELS: tuple[str, ...] = ("type", "class")
PLOVER_TABLE = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "plover.yaml"


@lru_cache(maxsize=1)
def quad_classes() -> dict[str, int]:
    """PLOVER type -> quad class (1-4), from the lexicon's type table, their one home."""
    with PLOVER_TABLE.open(encoding="utf-8") as handle:
        types = yaml.safe_load(handle)["types"]
    return {name: int(body["quad_class"]) for name, body in types.items()}


def coded_country(ref: ActorRef) -> str | None:
    """A coded actor's country as the gold writes it: IGOs without a country are "IGO"."""
    if ref.country:
        return ref.country
    return "IGO" if ref.kind == "igo" else None


def compatible(gold: GoldActor, ref: ActorRef) -> bool:
    """The same knowledge-base id (when the gold gives one), or the same country code."""
    return (gold.id is not None and gold.id == ref.actor_id) or gold.country == coded_country(ref)


def overlap(golds: Iterable[GoldActor], refs: Iterable[ActorRef]) -> bool:
    refs = list(refs)
    return any(compatible(g, r) for g in golds for r in refs)


def is_reciprocal(event: Event) -> bool:
    """eirene writes "A and B met" with every party as actor and recipient."""
    parties = {(a.actor_id or a.name, a.country) for a in event.actors}
    return len(event.actors) > 1 and parties == {(r.actor_id or r.name, r.country) for r in event.recipients}


def roles_match(gold: GoldEvent, event: Event) -> bool:
    """Rules 3 and 4 of the module docstring."""
    if gold.actors and not overlap(gold.actors, event.actors):
        return False
    if not gold.recipients:
        return True
    return overlap(gold.recipients, event.actors if is_reciprocal(event) else event.recipients)


def in_place(gold: GoldEvent, event: Event) -> bool:
    return any(m.start < event.end and event.start < m.end for m in gold.mentions)


def same_type(gold: GoldEvent, event: Event, level: str) -> bool:
    if level == "type":
        return gold.type == event.event_type
    quads = quad_classes()
    return quads.get(gold.type) == quads.get(event.event_type)


def matches(gold: GoldEvent, event: Event, level: str) -> bool:
    return in_place(gold, event) and same_type(gold, event, level) and roles_match(gold, event)


def maximum_matching(gold_count: int, candidates: Callable[[int], Sequence[int]]) -> dict[int, int]:
    """gold index -> coded index, as many pairs as possible (augmenting paths, Kuhn)."""
    owner: dict[int, int] = {}  # coded index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for c in candidates(g):
            if c not in seen:
                seen.add(c)
                if c not in owner or augment(owner[c], seen):
                    owner[c] = g
                    return True
        return False

    for g in range(gold_count):
        augment(g, set())
    return {g: c for c, g in owner.items()}


@dataclass(frozen=True)
class DocumentMatch:
    """One article at one level: the matched pairs, the misses and the false positives."""

    document: GoldDocument
    level: str
    pairs: tuple[tuple[GoldEvent, Event], ...]
    misses: tuple[GoldEvent, ...]
    false_positives: tuple[Event, ...]

    @property
    def precision(self) -> float:
        coded = len(self.pairs) + len(self.false_positives)
        return len(self.pairs) / coded if coded else 0.0

    @property
    def recall(self) -> float:
        gold = len(self.pairs) + len(self.misses)
        return len(self.pairs) / gold if gold else 0.0


def match_document(document: GoldDocument, events: Sequence[Event], level: str) -> DocumentMatch:
    """Pair the gold events of one article with its coded events at `level`."""
    golds = document.events
    ordered = sorted(events, key=lambda e: (e.start, e.trigger_start or 0))
    edges = [[c for c, event in enumerate(ordered) if matches(gold, event, level)] for gold in golds]
    pairing = maximum_matching(len(golds), edges.__getitem__)
    used = set(pairing.values())
    return DocumentMatch(
        document,
        level,
        tuple((golds[g], ordered[c]) for g, c in sorted(pairing.items())),
        tuple(gold for g, gold in enumerate(golds) if g not in pairing),
        tuple(event for c, event in enumerate(ordered) if c not in used),
    )


@dataclass
class Agreement:
    """Among the strict matches: how often a further field agrees, out of those scored."""

    agreed: int = 0
    scored: int = 0

    def add(self, agrees: bool | None) -> None:
        if agrees is not None:
            self.scored += 1
            self.agreed += int(agrees)


@dataclass
class DocumentsScore:
    """Matches per article and level, and the field agreement over all strict matches."""

    matches: dict[str, list[DocumentMatch]] = field(default_factory=dict)  # level -> per article
    agreement: dict[str, Agreement] = field(default_factory=dict)

    def totals(self, level: str, half: str = "all") -> tuple[int, int, int]:
        """(matched, coded, gold) over the articles of one half ("all": every article)."""
        found = [m for m in self.matches[level] if half == "all" or document_half(m.document) == half]
        matched = sum(len(m.pairs) for m in found)
        return matched, matched + sum(len(m.false_positives) for m in found), matched + sum(len(m.misses) for m in found)

    def prf(self, level: str, half: str = "all") -> tuple[float, float, float]:
        matched, coded, gold = self.totals(level, half)
        p = matched / coded if coded else 0.0
        r = matched / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def document_half(document: GoldDocument) -> str:
    """The article's fixed half, "tune" or "check": the hash of its id (its file name)."""
    return half_of(document.document.id)


def score_documents(gold: Sequence[GoldDocument], coded: Mapping[str, Sequence[Event]]) -> DocumentsScore:
    """Match every annotated article's coded events (by article id) at both levels."""
    score = DocumentsScore({level: [] for level in LEVELS},
                           {name: Agreement() for name in ("factuality", "claimant", "date", "mode")})
    for document in gold:
        events = coded.get(document.document.id, ())
        for level in LEVELS:
            score.matches[level].append(match_document(document, events, level))
        for gold_event, event in score.matches["type"][-1].pairs:
            for name, agrees in field_agreement(gold_event, event, document.published).items():
                score.agreement[name].add(agrees)
    return score


def field_agreement(gold: GoldEvent, event: Event, published: str | None) -> dict[str, bool | None]:
    """Does each further field agree? None where the gold leaves it open (no date, no mode)."""
    claimant = (not gold.claimants and event.attributed_to is None) or (
        event.attributed_to is not None and overlap(gold.claimants, [event.attributed_to]))
    return {
        "factuality": gold.factuality == event.factuality,
        "claimant": claimant,
        "date": date_agrees(gold, event, published),
        "mode": None if gold.mode is None else gold.mode == event.mode,
    }


def date_agrees(gold: GoldEvent, event: Event, published: str | None) -> bool | None:
    """The coded date at the gold's precision; "document" means the publication date."""
    if gold.date is None:
        return None
    if event.date is None:
        return False
    if gold.date_precision == "document":
        return event.date[:10] == (published or gold.date)
    return event.date[:len(gold.date)] == gold.date


__all__ = [
    "LEVELS", "DocumentMatch", "DocumentsScore", "compatible", "document_half", "field_agreement", "match_document",
    "maximum_matching", "matches", "quad_classes", "roles_match", "score_documents",
]
