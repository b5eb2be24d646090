"""Plain-text reports of `eirene evaluate`: one table with a column per dev half.

Why a module of its own: every scorer gives the same three figures (tune half, check
half, all records), and every report follows the same rule about failures: they are
listed for the tune half only, unless the reader asks for the check half and is warned
that reading them spoils it (docs/evaluation.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from eirene.evaluate.actors import ActorScore, Failure, format_failures
from eirene.evaluate.events import ClassScore, PloverScore, RecordOutcome

from eirene.evaluate.documents import document_half

if TYPE_CHECKING:
    from eirene.evaluate.documents import DocumentsScore

COLUMNS: tuple[str, ...] = ("tune", "check", "all")
CHECK_FAILURES_WARNING = (
    "WARNING: check-half failures follow. Whoever reads them and then changes the coder turns the "
    "check half into tune data: its figures stop telling how eirene does on unseen text. "
    "See docs/evaluation.md."
)
HIDDEN_CHECK_FAILURES = "(failures of the check half are not listed: see docs/evaluation.md)"

S = TypeVar("S")


def columns_for(half: str | None) -> tuple[str, ...]:
    """The columns to show: all three by default, or the one `--half` names."""
    return COLUMNS if half is None else (half,)


def failure_halves(show_check: bool) -> tuple[str, ...]:
    """Whose failures may be listed: the tune half, and the check half only on request."""
    return ("tune", "check") if show_check else ("tune",)


def table(rows: Sequence[tuple[str, Sequence[str]]], columns: Sequence[str], width: int = 40) -> str:
    """Label column, then one right-aligned column per half."""
    cell = max(9, *(len(v) + 2 for _, values in rows for v in values)) if rows else 9
    lines = ["".ljust(width) + "".join(c.rjust(cell) for c in columns)]
    for label, values in rows:
        lines.append(label[:width - 1].ljust(width) + "".join(v.rjust(cell) for v in values))
    return "\n".join(lines)


def by_column(scores: dict[str, S], columns: Sequence[str], figure: Callable[[S], str]) -> list[str]:
    return [figure(scores[c]) for c in columns]


def plover_scores(outcomes: Sequence[RecordOutcome]) -> dict[str, PloverScore]:
    """PloverScore of the tune half, the check half and all records."""
    return {
        "tune": PloverScore.of(o for o in outcomes if o.half == "tune"),
        "check": PloverScore.of(o for o in outcomes if o.half == "check"),
        "all": PloverScore.of(outcomes),
    }


def plover_table(scores: dict[str, PloverScore], columns: Sequence[str]) -> str:
    """Records, type accuracy, actor / recipient / triple P R F1, full match, per half."""
    def prf(label: str, attr: str) -> list[tuple[str, list[str]]]:
        return [
            (f"{label} F1", by_column(scores, columns, lambda s: f"{getattr(s, attr).f1:.3f}")),
            ("  P / R", by_column(scores, columns, lambda s: (
                f"{getattr(s, attr).precision:.3f}/{getattr(s, attr).recall:.3f}"))),
        ]

    rows: list[tuple[str, list[str]]] = [
        ("records", by_column(scores, columns, lambda s: str(s.records))),
        ("event type accuracy (primary event)", by_column(scores, columns, lambda s: f"{s.type_accuracy:.3f}")),
        ("event type among the sentence's events",
         by_column(scores, columns, lambda s: f"{s.type_any / max(1, s.records):.3f}")),
        ("sentences with no event", by_column(scores, columns, lambda s: str(s.no_event))),
        *prf("actor country", "actor"),
        *prf("recipient country", "recipient"),
        *prf("triple (actor, recipient, type)", "triple"),
        ("full-record match", by_column(scores, columns, lambda s: f"{s.full_match / max(1, s.records):.3f}")),
    ]
    return table(rows, columns)


def plover_brief_table(scores: dict[str, PloverScore], columns: Sequence[str]) -> str:
    """The four headline figures only (for a second coder, e.g. the rules alone)."""
    rows = [
        ("event type accuracy", by_column(scores, columns, lambda s: f"{s.type_accuracy:.3f}")),
        ("actor country F1", by_column(scores, columns, lambda s: f"{s.actor.f1:.3f}")),
        ("recipient country F1", by_column(scores, columns, lambda s: f"{s.recipient.f1:.3f}")),
        ("triple (actor, recipient, type) F1", by_column(scores, columns, lambda s: f"{s.triple.f1:.3f}")),
    ]
    return table(rows, columns)


def format_confusion(confusion: Counter, labels: list) -> str:
    """A gold-by-predicted table (rows gold, columns predicted)."""
    width = max(8, *(len(str(label)) + 1 for label in labels))
    lines = ["gold \\ got".ljust(12) + "".join(str(label)[:width - 1].rjust(width) for label in labels)]
    for gold in labels:
        lines.append(str(gold)[:11].ljust(12)
                     + "".join(str(confusion.get((gold, got), 0) or ".").rjust(width) for got in labels))
    return "\n".join(lines)


def plover_confusion(score: PloverScore) -> str:
    gold_types = sorted({g for g, _ in score.confusion})
    predicted = sorted({p for _, p in score.confusion} - set(gold_types))
    return format_confusion(score.confusion, gold_types + predicted)


def plover_failures(scores: dict[str, PloverScore], halves: Sequence[str], limit: int) -> str:
    """The first `limit` mismatches of each half in `halves` (gold | got, then the text)."""
    def line(failure: dict[str, str]) -> str:
        return f"  [{failure['id']}] gold {failure['gold']} | got {failure['got']}\n      {failure['text'][:160]}"
    return _failures({h: scores[h].failures for h in halves}, line, limit)


def class_table(named: Sequence[tuple[str, dict[str, ClassScore]]], columns: Sequence[str]) -> str:
    """One row per coder: macro-F1 (accuracy) of each half."""
    rows = [(name, by_column(scores, columns, lambda s: f"{s.macro_f1:.3f} ({s.accuracy:.3f})"))
            for name, scores in named]
    return table(rows, columns, width=52)


def class_failures(scores: dict[str, ClassScore], halves: Sequence[str], limit: int) -> str:
    """The first `limit` mismatches of each half in `halves` (gold, got and the text on one line)."""
    def line(failure: dict[str, str]) -> str:
        return f"  gold {failure['gold']} got {failure['got']}: {failure['text'][:150]}"
    return _failures({h: scores[h].failures for h in halves}, line, limit)


def _failures(by_half: dict[str, Sequence[dict[str, str]]], line: Callable[[dict[str, str]], str], limit: int) -> str:
    """Each half's first `limit` mismatches; the check half's come with a warning, or are hidden."""
    lines: list[str] = []
    for half, failures in by_half.items():
        if half == "check" and failures:
            lines.append(CHECK_FAILURES_WARNING)
        lines.append(f"{half} half: first {min(limit, len(failures))} of {len(failures)} mismatches:")
        lines.extend(line(failure) for failure in failures[:limit])
    if "check" not in by_half:
        lines.append(HIDDEN_CHECK_FAILURES)
    return "\n".join(lines)


def actor_table(scores: dict[str, ActorScore], columns: Sequence[str]) -> str:
    """Accuracy (correct/total) per field and overall, per half."""
    rows: list[tuple[str, list[str]]] = [("rows", by_column(scores, columns, lambda s: str(s.rows)))]
    for name in ("country", "sector", "name", "none"):
        if any(scores[c].total.get(name) for c in columns):
            rows.append((name, by_column(scores, columns, lambda s, n=name: (
                f"{s.accuracy(n):.3f} ({s.correct.get(n, 0)}/{s.total.get(n, 0)})"))))
    rows.append(("overall", by_column(scores, columns, lambda s: f"{s.overall:.3f}")))
    return table(rows, columns, width=12)


def actor_failures(scores: dict[str, ActorScore], halves: Sequence[str]) -> str:
    lines: list[str] = []
    for half in halves:
        failures: tuple[Failure, ...] = scores[half].failures
        if half == "check" and failures:
            lines.append(CHECK_FAILURES_WARNING)
        lines.append(format_failures(failures, title=f"{half} half: {len(failures)} failures"))
    if "check" not in halves:
        lines.append(HIDDEN_CHECK_FAILURES)
    return "\n".join(lines)




def _party(actors: Sequence[object]) -> str:
    """"AFG/REB+USA" for gold actors or coded ActorRefs (country/sector, '-' when none)."""
    parts = []
    for actor in actors:
        country = getattr(actor, "country", None) or ("IGO" if getattr(actor, "kind", "") == "igo" else "-")
        sector = getattr(actor, "sector", None)
        parts.append(f"{country}/{sector}" if sector else country)
    return "+".join(parts) or "-"


def documents_table(score: "DocumentsScore") -> str:
    """Per article (with its half) and per half: gold and coded counts, P/R/F1 at type and
    at class level."""
    rows: list[tuple[str, list[str]]] = []
    for strict, loose in zip(score.matches["type"], score.matches["class"]):
        gold = len(strict.pairs) + len(strict.misses)
        coded = len(strict.pairs) + len(strict.false_positives)
        rows.append((f"{strict.document.document.id} [{document_half(strict.document)}]",
                     [str(gold), str(coded), _prf(strict.precision, strict.recall),
                      _prf(loose.precision, loose.recall)]))
    for half in ("tune", "check", "all"):
        _, coded, gold = score.totals("type", half)
        rows.append((half, [str(gold), str(coded), _prf(*score.prf("type", half)[:2]),
                            _prf(*score.prf("class", half)[:2])]))
    columns = ["gold", "coded", "type P/R/F1", "class P/R/F1"]
    width = max(len(label) for label, _ in rows) + 2
    lines = ["".ljust(width) + "".join(c.rjust(w) for c, w in zip(columns, (6, 7, 21, 21)))]
    for label, values in rows:
        lines.append(label.ljust(width) + "".join(v.rjust(w) for v, w in zip(values, (6, 7, 21, 21))))
    agree = ", ".join(f"{name} {a.agreed}/{a.scored}" for name, a in score.agreement.items())
    lines.append(f"among the {score.totals('type')[0]} type-level matches, agreeing: {agree}")
    return "\n".join(lines)


def _prf(precision: float, recall: float) -> str:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"{precision:.3f}/{recall:.3f}/{f1:.3f}"


def documents_errors(score: "DocumentsScore", halves: Sequence[str] = ("tune",)) -> str:
    """The misses and false positives at type level of the articles in `halves` (the tune
    half unless asked); [class ok] marks those the class level matches."""
    lines: list[str] = []
    for strict, loose in zip(score.matches["type"], score.matches["class"]):
        if document_half(strict.document) not in halves:
            continue
        if not strict.misses and not strict.false_positives:
            continue
        class_gold = {g.id: e for g, e in loose.pairs}
        class_coded = {e.id: g for g, e in loose.pairs}
        lines.append(f"{strict.document.document.id}: misses and false positives at type level")
        for gold in strict.misses:
            hit = class_gold.get(gold.id)
            mark = f"  [class ok: coded {hit.event_type}]" if hit else ""
            first = gold.mentions[0]
            lines.append(f"  miss   {gold.id} {gold.type} {_party(gold.actors)} -> {_party(gold.recipients)} "
                         f"({gold.factuality}){mark}")
            lines.append(f"         line {first.line}: {first.quote[:110]!r}")
        for event in strict.false_positives:
            hit = class_coded.get(event.id)
            mark = f"  [class ok: gold {hit.id} {hit.type}]" if hit else ""
            lines.append(f"  false  {event.event_type} {_party(event.actors)} -> {_party(event.recipients)} "
                         f"({event.factuality}; {event.method}){mark}")
            line = strict.document.document.text.count("\n", 0, event.start) + 1
            lines.append(f"         line {line}, trigger {event.trigger!r}: {event.text[:100]!r}")
    if "check" not in halves:
        lines.append(HIDDEN_CHECK_FAILURES)
    return "\n".join(lines)


__all__ = [
    "CHECK_FAILURES_WARNING", "COLUMNS", "actor_failures", "actor_table", "class_failures", "class_table",
    "columns_for", "documents_errors", "documents_table", "failure_halves", "format_confusion",
    "plover_brief_table", "plover_confusion", "plover_failures", "plover_scores", "plover_table", "table",
]
