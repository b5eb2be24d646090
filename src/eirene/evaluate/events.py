"""Scoring the event coder against gold sentences.

Two gold formats (see ../shared/eval/README.md), and any JSONL in the same shapes:
- PLOVER gold records: one JSON object per line with `text`, `event` (PLOVER type;
  0.5 names are mapped), `source` / `target` lists of `{actorText, code, sector}`.
  Scores: event-type accuracy, actor- and recipient-country P/R/F1, the
  (actor, recipient, type) triple P/R/F1 (see `triples`), full-record match.
- CAMEO pentaclass sentences: `text<TAB>label` (0 statement/appeal or no event,
  1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
  conflict). Score: accuracy and macro-F1 with a confusion matrix.

Each sentence is coded alone; its "primary" event is the one the coder is surest
of, ties broken by direct assertion (not attributed to a speaker), then position.
The coder already ranks an event inside another event's clause lower ("accused Russia
of arming the Taliban": the accusation first), so a main event that a spokesman
reports ("..., the White House said") still beats a noun in its reason clause.
No gold field is used to pick it.

Every record carries its dev half ("tune" or "check", `eirene.evaluate.split`), so one
coding pass gives the figures of both halves and of all records.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eirene.evaluate.split import Half, half_of, plover_key, text_key
from eirene.records import ActorRef, Event
from eirene.vocab import PLOVER_PENTACLASS

# PLOVER 0.5 names in older gold data -> current names.
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Legacy country codes in gold data -> ISO 3166 alpha-3.
LEGACY_CODES = {"JAP": "JPN", "UK": "GBR", "GER": "DEU", "ROM": "ROU", "SER": "SRB", "YUG": "SRB"}
PENTACLASS = PLOVER_PENTACLASS  # one home: eirene.vocab


# eirene's country codes for the UN and the EU system (a person acting for them carries one).
IGO_PSEUDO_COUNTRIES = frozenset({"UNO", "EUR"})


def primary_event(events: Iterable[Event]) -> Event | None:
    """The sentence's main event: by confidence, then direct before reported, then first."""
    ranked = sorted(
        events,
        key=lambda e: (
            -e.confidence,
            e.attributed_to is not None,
            e.trigger_start or 0,
        ),
    )
    return ranked[0] if ranked else None


@dataclass
class PRF:
    """Micro-averaged precision/recall/F1 over sets of codes."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[str], predicted: set[str]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


NO_PARTY = "-"


def triples(event_type: str, actors: set[str], recipients: set[str]) -> set[tuple[str, str, str]]:
    """An event's (actor, recipient, type) triples: every actor code with every recipient code.

    A side with no code counts as one "-" party, so "Libya offered Britain ..." gives
    {(LBY, GBR, AGREE)}, "Hungary and Romania agreed ..." (no recipient) gives
    {(HUN, -, AGREE), (ROU, -, AGREE)}, and an event with two actors and two recipients
    gives four triples. See docs/evaluation.md.
    """
    return {(a, r, event_type) for a in (actors or {NO_PARTY}) for r in (recipients or {NO_PARTY})}


@dataclass(frozen=True)
class RecordOutcome:
    """How the coder did on one gold record: what gold says and what the primary event says."""

    id: str
    text: str
    half: Half
    gold_type: str
    predicted_type: str
    gold_actors: frozenset[str]
    predicted_actors: frozenset[str]
    gold_recipients: frozenset[str]
    predicted_recipients: frozenset[str]
    type_found: bool  # the gold type is among the sentence's events
    method: str | None = None

    @property
    def full_match(self) -> bool:
        return (self.predicted_type == self.gold_type and self.predicted_actors == self.gold_actors
                and self.predicted_recipients == self.gold_recipients)

    @property
    def gold_triples(self) -> set[tuple[str, str, str]]:
        return triples(self.gold_type, set(self.gold_actors), set(self.gold_recipients))

    @property
    def predicted_triples(self) -> set[tuple[str, str, str]]:
        if self.predicted_type == "NONE":
            return set()
        return triples(self.predicted_type, set(self.predicted_actors), set(self.predicted_recipients))


@dataclass
class PloverScore:
    records: int = 0
    type_correct: int = 0
    type_any: int = 0
    full_match: int = 0
    no_event: int = 0
    actor: PRF = field(default_factory=PRF)
    recipient: PRF = field(default_factory=PRF)
    triple: PRF = field(default_factory=PRF)
    confusion: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.records if self.records else 0.0

    @classmethod
    def of(cls, outcomes: Iterable[RecordOutcome]) -> "PloverScore":
        """The scores of a set of record outcomes (all of them, or one half)."""
        score = cls()
        for outcome in outcomes:
            score.add(outcome)
        return score

    def add(self, outcome: RecordOutcome) -> None:
        self.records += 1
        self.confusion[(outcome.gold_type, outcome.predicted_type)] += 1
        self.no_event += int(outcome.predicted_type == "NONE")
        self.type_correct += int(outcome.predicted_type == outcome.gold_type)
        self.type_any += int(outcome.type_found)
        self.actor.add(set(outcome.gold_actors), set(outcome.predicted_actors))
        self.recipient.add(set(outcome.gold_recipients), set(outcome.predicted_recipients))
        self.triple.add(outcome.gold_triples, outcome.predicted_triples)
        self.full_match += int(outcome.full_match)
        if not outcome.full_match:
            self.failures.append({
                "id": outcome.id,
                "text": outcome.text,
                "half": outcome.half,
                "gold": f"{outcome.gold_type} {sorted(outcome.gold_actors)} -> {sorted(outcome.gold_recipients)}",
                "got": f"{outcome.predicted_type} {sorted(outcome.predicted_actors)} -> "
                       f"{sorted(outcome.predicted_recipients)}" + (f" ({outcome.method})" if outcome.method else ""),
            })


def _codes(actors: object) -> set[str]:
    if not isinstance(actors, list):
        return set()
    found = set()
    for actor in actors:
        if isinstance(actor, dict) and actor.get("code"):
            code = str(actor["code"]).upper()[:3]
            found.add(LEGACY_CODES.get(code, code))
    return found


def _gold_code(ref: ActorRef) -> str | None:
    """An actor's code in the gold's vocabulary: PLOVER gold codes every IGO, and anyone
    acting for one ("U.N. mediator X"), "IGO", and a country-less NGO "NGO" in the
    country field, where eirene writes UNO, EUR or null."""
    if ref.kind == "igo" or ref.country in IGO_PSEUDO_COUNTRIES:
        return "IGO"
    if ref.country is None and ref.sector == "NGO":
        return "NGO"
    return ref.country


def plover_codes(event: Event) -> tuple[set[str], set[str]]:
    """(actor codes, recipient codes) of an event as the gold writes them.

    eirene writes a reciprocal event ("Russia and Pakistan held talks") with every party
    as both actor and recipient; the gold marks such parties SRC/TAR and lists them as
    sources with no target, so an event whose recipients are exactly its actors is
    compared as sources only.
    """
    actors = {code for code in map(_gold_code, event.actors) if code}
    recipients = {code for code in map(_gold_code, event.recipients) if code}
    same_parties = {(a.actor_id or a.name, a.country) for a in event.actors} == {
        (r.actor_id or r.name, r.country) for r in event.recipients
    }
    if len(event.actors) > 1 and same_parties:
        recipients = set()
    return actors, recipients


def load_plover_gold(path: Path) -> list[dict]:
    """Read a PLOVER gold JSONL file, mapping old type names to current ones."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                record["event"] = OLD_PLOVER_NAMES.get(record.get("event", ""), record.get("event", ""))
                records.append(record)
    return records


def code_plover(records: list[dict], code_sentence: Callable[[str, str | None], list[Event]]) -> list[RecordOutcome]:
    """Code each record's text alone and set its primary event beside the gold record."""
    outcomes = []
    for record in records:
        text = record.get("text") or ""
        events = code_sentence(text, record.get("date") or None)
        event = primary_event(events)
        gold_type = record["event"]
        predicted_actors, predicted_recipients = plover_codes(event) if event else (set(), set())
        outcomes.append(RecordOutcome(
            id=str(record.get("id") or ""),
            text=text,
            half=half_of(plover_key(record)),
            gold_type=gold_type,
            predicted_type=event.event_type if event else "NONE",
            gold_actors=frozenset(_codes(record.get("source"))),
            predicted_actors=frozenset(predicted_actors),
            gold_recipients=frozenset(_codes(record.get("target"))),
            predicted_recipients=frozenset(predicted_recipients),
            type_found=any(e.event_type == gold_type for e in events),
            method=event.method if event else None,
        ))
    return outcomes


def score_plover(records: list[dict], code_sentence: Callable[[str, str | None], list[Event]]) -> PloverScore:
    """Code each record's text and compare the primary event with the gold record."""
    return PloverScore.of(code_plover(records, code_sentence))


@dataclass
class ClassScore:
    labels: list[int]
    confusion: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)

    def add(self, gold: int, predicted: int, text: str) -> None:
        self.confusion[(gold, predicted)] += 1
        if gold != predicted:
            self.failures.append({"text": text, "gold": gold, "got": predicted})

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        correct = sum(n for (g, p), n in self.confusion.items() if g == p)
        return correct / self.total if self.total else 0.0

    def f1(self, label: int) -> float:
        tp = self.confusion[(label, label)]
        fp = sum(n for (g, p), n in self.confusion.items() if p == label and g != label)
        fn = sum(n for (g, p), n in self.confusion.items() if g == label and p != label)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(self.f1(label) for label in self.labels) / len(self.labels)


def load_pentaclass(path: Path) -> list[tuple[str, int]]:
    """Read `text<TAB>label` lines (label 0-4)."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if text and label.strip().isdigit():
                rows.append((text, int(label)))
    return rows


def pentaclass_of(events: list[Event]) -> int:
    """The pentaclass of a coded sentence: that of its primary event, 0 with no event."""
    event = primary_event(events)
    return PENTACLASS.get(event.event_type, 0) if event else 0


def score_pentaclass(rows: list[tuple[str, int]], predict: Callable[[str], int]) -> ClassScore:
    score = ClassScore(labels=[0, 1, 2, 3, 4])
    for text, gold in rows:
        score.add(gold, predict(text), text)
    return score


def score_pentaclass_halves(rows: list[tuple[str, int]], predict: Callable[[str], int]) -> dict[str, ClassScore]:
    """ClassScore of the tune half, the check half and all rows; a row's half follows its
    text (eirene.evaluate.split.text_key). `predict` is called once per row."""
    scores = {name: ClassScore(labels=[0, 1, 2, 3, 4]) for name in ("tune", "check", "all")}
    for text, gold in rows:
        predicted = predict(text)
        scores[half_of(text_key(text))].add(gold, predicted, text)
        scores["all"].add(gold, predicted, text)
    return scores
