"""Scoring actor resolution against a gold TSV of (phrase -> country, sector, name) checks.

Why: the resolver is rules plus data, and both drift; a scorer with per-field accuracy
and the list of failures shows what a change to either did. The gold format is the
one of NGEC's actor-resolution checks (one assertion per row)::

    test_name  collected_by_pytest  xfail  method  input_text  context  date  field  op  expected

Rows are scored when `field` is ``country``, ``code_1`` (the sector), ``wiki`` or
``title`` (the canonical name) or ``(whole result)``; other fields (``code_2``,
``pattern``, ...) are counted as skipped. How our ActorRef is compared:

- country: ``ref.country`` ("" expected = no country).
- code_1: ``ref.sector``; "" expected = the state as a whole (sector None). NGEC's
  "JNK" (junk: not an actor) is expected to match no ActorRef at all. Where NGEC gives
  a second code (code_2), only code_1 is checked.
- wiki/title: ``ref.name``, ignoring case, accents and punctuation; "" expected = no
  specific entity beyond a state (no ActorRef, no id, or a state).
- (whole result) is None: resolve_text returned None.
- date "today"/"Today"/blank: today's date. No result counts as country/sector/name None.

    >>> score = score_actor_resolution(Path("ngec_actor_resolution_dev.tsv"), coder)
    >>> print(format_report(score))
Rows are split into a tune and a check half by test_name (`score_actor_halves`).
DOCS: docs/evaluation.md
"""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eirene.corpus import parse_date_value
from eirene.errors import InputError
from eirene.evaluate.split import HALVES, half_of, ngec_key

if TYPE_CHECKING:
    from eirene.actors.resolve import ActorCoder
    from eirene.records import ActorRef

FIELDS: dict[str, str] = {"country": "country", "code_1": "sector", "wiki": "name", "title": "name",
                          "(whole result)": "none"}
REQUIRED_COLUMNS: tuple[str, ...] = ("input_text", "context", "date", "field", "op", "expected")
NOT_AN_ACTOR = "JNK"


@dataclass(frozen=True)
class Failure:
    """One assertion we got wrong."""

    input: str
    field: str
    op: str
    expected: str
    got: str
    context: str = ""
    date: str = ""
    test_name: str = ""
    half: str = ""


@dataclass(frozen=True)
class ActorScore:
    """Accuracy per field ("country", "sector", "name", "none"), with the counts and failures."""

    correct: dict[str, int]
    total: dict[str, int]
    failures: tuple[Failure, ...]
    skipped: dict[str, int] = field(default_factory=dict)
    rows: int = 0

    def accuracy(self, name: str) -> float:
        """Share of the `name` checks we pass (0.0 when there are none)."""
        total = self.total.get(name, 0)
        return self.correct.get(name, 0) / total if total else 0.0

    @property
    def overall(self) -> float:
        total = sum(self.total.values())
        return sum(self.correct.values()) / total if total else 0.0


def fold_name(text: str | None) -> str:
    """Lenient name key: case, accents and punctuation do not matter."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in plain.casefold()).split())


def _date(text: str, today: str | None = None) -> str | None:
    text = (text or "").strip()
    return today if not text or text.lower() == "today" else text


def reference_date(rows: list[dict[str, str]]) -> str | None:
    """The latest explicit date among the rows: the best estimate of when a gold set was
    written, and so of what its undated ("today") checks meant. People leave office after
    the gold was written; scoring their "today" rows on the real today would mark the
    coder wrong for knowing that."""
    dates = []
    for row in rows:
        value = (row.get("date") or "").strip()
        parsed = parse_date_value(value) if value and value.lower() != "today" else None
        if parsed:
            dates.append(parsed[0])
    return max(dates) if dates else None


def read_rows(path: Path) -> list[dict[str, str]]:
    """The gold rows as dicts; raises InputError E231 if the file is unreadable or malformed."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            columns = reader.fieldnames or []
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise InputError("E231", path=str(path), reason=f"missing column(s) {', '.join(missing)}")
            return [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    except OSError as err:
        raise InputError("E231", path=str(path), reason=err.strerror or str(err)) from err
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputError("E231", path=str(path), reason=str(err)) from err


def _got(ref: "ActorRef | None", what: str) -> str | None:
    if what == "country":
        return ref.country if ref else None
    if what == "sector":
        return (ref.sector or "") if ref else NOT_AN_ACTOR
    return ref.name if ref else None


def _check(ref: "ActorRef | None", what: str, op: str, expected: str) -> tuple[bool, str]:
    """Does `ref` satisfy the row? Returns (passed, what we got, as text)."""
    if what == "none":
        return (ref is None) == (op == "is" and expected in ("None", "")), "None" if ref is None else ref.name
    got = _got(ref, what)
    if what == "name":
        if not expected:
            ok = ref is None or ref.actor_id is None or ref.kind == "state"
            return (ok if op == "==" else not ok), got or ""
        equal = fold_name(got) == fold_name(expected)
    elif what == "sector":
        equal = (got or "") == expected
    else:
        equal = (got or "") == expected
    if op == "is":
        equal = got is None if expected == "None" else equal
        return equal, str(got)
    return (equal if op == "==" else not equal), "" if got is None else str(got)


def score_actor_resolution(path: Path, coder: "ActorCoder", nlp=None,  # type: ignore[no-untyped-def]
                           today: str | None = None) -> ActorScore:
    """Resolve every checked phrase of the gold file with `coder.resolve_text` and score it.

    path (Path): the TSV. coder (ActorCoder): the coder to measure.
    nlp (Language | None): the spaCy pipeline; the default model when None.
    today (str | None): the date "today" and blank dates stand for; None = the real
        today. Gold checks are written on some day and people change office after it
        (NGEC's in 2022-2023): pass that day to score the coder as of when they held.
    RETURNS (ActorScore): accuracy per field, failures and counts.
    """
    return score_actor_halves(path, coder, nlp=nlp, today=today)["all"]


def score_actor_halves(path: Path, coder: "ActorCoder", nlp=None,  # type: ignore[no-untyped-def]
                       today: str | None = None) -> dict[str, ActorScore]:
    """The scores of the tune half, the check half and all rows ("tune", "check", "all"),
    from one pass; a row's half follows its test_name (eirene.evaluate.split)."""
    rows = read_rows(Path(path))
    scores = {name: _Tally() for name in (*HALVES, "all")}
    cache: dict[tuple[str, str, str], "ActorRef | None"] = {}
    for row in rows:
        half = half_of(ngec_key(row))
        tallies = (scores[half], scores["all"])
        for tally in tallies:
            tally.rows += 1
        what = FIELDS.get(row["field"])
        if what is None or row["op"] not in ("==", "!=", "is"):
            for tally in tallies:
                tally.skipped[row["field"] or "?"] += 1
            continue
        key = (row["input_text"], row["context"], row["date"])
        if key not in cache:
            cache[key] = coder.resolve_text(row["input_text"], date=_date(row["date"], today),
                                            context=row["context"] or None, nlp=nlp)
        ok, got = _check(cache[key], what, row["op"], row["expected"])
        failure = None if ok else Failure(row["input_text"], row["field"], row["op"], row["expected"], got,
                                          row["context"], row["date"], row.get("test_name", ""), half)
        for tally in tallies:
            tally.add(what, failure)
    return {name: tally.score() for name, tally in scores.items()}


@dataclass
class _Tally:
    correct: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    rows: int = 0

    def add(self, what: str, failure: Failure | None) -> None:
        self.total[what] += 1
        if failure is None:
            self.correct[what] += 1
        else:
            self.failures.append(failure)

    def score(self) -> ActorScore:
        return ActorScore(dict(self.correct), dict(self.total), tuple(self.failures), dict(self.skipped), self.rows)


def format_report(score: ActorScore) -> str:
    """A plain-text report: accuracy per field, then every failure."""
    lines = [f"actor resolution: {score.rows} rows, {sum(score.total.values())} checks scored, "
             f"{sum(score.skipped.values())} skipped"]
    for name in ("country", "sector", "name", "none"):
        if score.total.get(name):
            lines.append(f"  {name:<8} {score.accuracy(name):6.3f}  ({score.correct.get(name, 0)}/{score.total[name]})")
    lines.append(f"  {'overall':<8} {score.overall:6.3f}")
    if score.skipped:
        lines.append("  skipped fields: " + ", ".join(f"{k} {v}" for k, v in sorted(score.skipped.items())))
    if score.failures:
        lines.append(format_failures(score.failures))
    return "\n".join(lines)


def format_failures(failures: Iterable[Failure], title: str = "failures") -> str:
    """The failures, one a line: input | field op expected | got [context, date]."""
    lines = [f"{title} (input | field op expected | got):"]
    for f in failures:
        extra = "".join(f" [{k}: {v}]" for k, v in (("context", f.context), ("date", f.date)) if v)
        lines.append(f"  {f.input!r} | {f.field} {f.op} {f.expected!r} | {f.got!r}{extra}")
    return "\n".join(lines)


__all__ = ["ActorScore", "Failure", "format_failures", "format_report", "fold_name", "read_rows", "score_actor_halves",
           "score_actor_resolution"]
