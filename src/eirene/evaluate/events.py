"""Scoring the event coder against gold sentences.

Two gold formats (see ../shared/eval/README.md), and any JSONL in the same shapes:
- PLOVER gold records: one JSON object per line with `text`, `event` (PLOVER type;
  0.5 names are mapped), `source` / `target` lists of `{actorText, code, sector}`.
  Scores: event-type accuracy, actor- and recipient-country P/R/F1, full-record match.
- CAMEO pentaclass sentences: `text<TAB>label` (0 statement/appeal or no event,
  1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
  conflict). Score: accuracy and macro-F1 with a confusion matrix.

Each sentence is coded alone; its "primary" event is the one the coder is surest
of, ties broken by direct assertion (not attributed to a speaker), then position.
The coder already ranks an event inside another event's clause lower ("accused Russia
of arming the Taliban": the accusation first), so a main event that a spokesman
reports ("..., the White House said") still beats a noun in its reason clause.
No gold field is used to pick it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eirene.records import ActorRef, Event

# PLOVER 0.5 names in older gold data -> current names.
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Legacy country codes in gold data -> ISO 3166 alpha-3.
LEGACY_CODES = {"JAP": "JPN", "UK": "GBR", "GER": "DEU", "ROM": "ROU", "SER": "SRB", "YUG": "SRB"}
# PLOVER type -> the CAMEO pentaclass that holds its CAMEO roots (01-02 -> 0, 03-05 -> 1,
# 06-08 -> 2, 09-13 and 16 -> 3, 14-15 and 17-20 -> 4).
PENTACLASS = {
    "REQUEST": 0,
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2, "CONCEDE": 2,
    "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


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


@dataclass
class PloverScore:
    records: int = 0
    type_correct: int = 0
    type_any: int = 0
    full_match: int = 0
    no_event: int = 0
    actor: PRF = field(default_factory=PRF)
    recipient: PRF = field(default_factory=PRF)
    confusion: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.records if self.records else 0.0


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


def score_plover(records: list[dict], code_sentence: Callable[[str, str | None], list[Event]]) -> PloverScore:
    """Code each record's text and compare the primary event with the gold record."""
    score = PloverScore()
    for record in records:
        text = record.get("text") or ""
        date = record.get("date") or None
        events = code_sentence(text, date)
        event = primary_event(events)
        gold_type = record["event"]
        gold_actors = _codes(record.get("source"))
        gold_recipients = _codes(record.get("target"))
        predicted_type = event.event_type if event else "NONE"
        predicted_actors, predicted_recipients = plover_codes(event) if event else (set(), set())
        score.records += 1
        score.confusion[(gold_type, predicted_type)] += 1
        if event is None:
            score.no_event += 1
        if predicted_type == gold_type:
            score.type_correct += 1
        if any(e.event_type == gold_type for e in events):
            score.type_any += 1
        score.actor.add(gold_actors, predicted_actors)
        score.recipient.add(gold_recipients, predicted_recipients)
        full = predicted_type == gold_type and predicted_actors == gold_actors and predicted_recipients == gold_recipients
        score.full_match += int(full)
        if not full:
            score.failures.append(
                {
                    "id": record.get("id"),
                    "text": text,
                    "gold": f"{gold_type} {sorted(gold_actors)} -> {sorted(gold_recipients)}",
                    "got": f"{predicted_type} {sorted(predicted_actors)} -> {sorted(predicted_recipients)}"
                    + (f" ({event.method})" if event else ""),
                }
            )
    return score


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


def format_confusion(confusion: Counter, labels: list) -> str:
    """A gold-by-predicted table (rows gold, columns predicted)."""
    width = max(8, *(len(str(label)) + 1 for label in labels))
    lines = ["gold \\ got".ljust(12) + "".join(str(label)[:width - 1].rjust(width) for label in labels)]
    for gold in labels:
        lines.append(str(gold)[:11].ljust(12) + "".join(str(confusion.get((gold, got), 0) or ".").rjust(width) for got in labels))
    return "\n".join(lines)


def format_plover_report(score: PloverScore, failures: int = 20) -> str:
    gold_types = sorted({g for g, _ in score.confusion})
    predicted = sorted({p for _, p in score.confusion} - set(gold_types))
    lines = [
        f"PLOVER records: {score.records}",
        f"event-type accuracy (primary event): {score.type_accuracy:.3f}",
        f"event-type found among the sentence's events: {score.type_any / max(1, score.records):.3f}",
        f"sentences with no event: {score.no_event}",
        f"actor country      P {score.actor.precision:.3f}  R {score.actor.recall:.3f}  F1 {score.actor.f1:.3f}",
        f"recipient country  P {score.recipient.precision:.3f}  R {score.recipient.recall:.3f}  F1 {score.recipient.f1:.3f}",
        f"full-record match: {score.full_match / max(1, score.records):.3f}",
        "",
        format_confusion(score.confusion, gold_types + predicted),
    ]
    if failures and score.failures:
        lines += ["", f"first {min(failures, len(score.failures))} of {len(score.failures)} mismatches:"]
        for failure in score.failures[:failures]:
            lines.append(f"  [{failure['id']}] gold {failure['gold']} | got {failure['got']}")
            lines.append(f"      {failure['text'][:160]}")
    return "\n".join(lines)


def format_class_report(score: ClassScore, title: str, failures: int = 10) -> str:
    lines = [
        f"{title}: {score.total} sentences",
        f"accuracy {score.accuracy:.3f}   macro-F1 {score.macro_f1:.3f}   "
        + "  ".join(f"F1[{label}] {score.f1(label):.3f}" for label in score.labels),
        "",
        format_confusion(score.confusion, score.labels),
    ]
    if failures and score.failures:
        lines += ["", f"first {min(failures, len(score.failures))} of {len(score.failures)} mismatches:"]
        for failure in score.failures[:failures]:
            lines.append(f"  gold {failure['gold']} got {failure['got']}: {failure['text'][:150]}")
    return "\n".join(lines)
