"""Plain-text reports of `eirene evaluate`: one table with a column per dev half.

Why a module of its own: every scorer gives the same three figures (tune half, check
half, all records), and every report follows the same rule about failures: they are
listed for the tune half only, unless the reader asks for the check half and is warned
that reading them spoils it (docs/evaluation.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from eirene.evaluate.actors import ActorScore, Failure, format_failures
from eirene.evaluate.events import ClassScore, PloverScore, RecordOutcome

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
    lines: list[str] = []
    for half in halves:
        failures = scores[half].failures
        if half == "check" and failures:
            lines.append(CHECK_FAILURES_WARNING)
        lines.append(f"{half} half: first {min(limit, len(failures))} of {len(failures)} mismatches:")
        for failure in failures[:limit]:
            lines.append(f"  [{failure['id']}] gold {failure['gold']} | got {failure['got']}")
            lines.append(f"      {failure['text'][:160]}")
    if "check" not in halves:
        lines.append(HIDDEN_CHECK_FAILURES)
    return "\n".join(lines)


def class_table(named: Sequence[tuple[str, dict[str, ClassScore]]], columns: Sequence[str]) -> str:
    """One row per coder: macro-F1 (accuracy) of each half."""
    rows = [(name, by_column(scores, columns, lambda s: f"{s.macro_f1:.3f} ({s.accuracy:.3f})"))
            for name, scores in named]
    return table(rows, columns, width=52)


def class_failures(scores: dict[str, ClassScore], halves: Sequence[str], limit: int) -> str:
    lines: list[str] = []
    for half in halves:
        failures = scores[half].failures
        if half == "check" and failures:
            lines.append(CHECK_FAILURES_WARNING)
        lines.append(f"{half} half: first {min(limit, len(failures))} of {len(failures)} mismatches:")
        for failure in failures[:limit]:
            lines.append(f"  gold {failure['gold']} got {failure['got']}: {failure['text'][:150]}")
    if "check" not in halves:
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


__all__ = [
    "CHECK_FAILURES_WARNING", "COLUMNS", "actor_failures", "actor_table", "class_failures", "class_table",
    "columns_for", "failure_halves", "format_confusion", "plover_brief_table", "plover_confusion",
    "plover_failures", "plover_scores", "plover_table", "table",
]
