"""The sections `eirene evaluate` prints: code the gold once, report each dev half.

Why here and not in the CLI: the command only parses options and builds coders; what is
coded, which figure is which and whose failures may be shown is decided here, so a
script or a test gets the same report as the command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eirene.evaluate.actors import score_actor_halves
from eirene.evaluate.docgold import load_gold
from eirene.evaluate.documents import score_documents
from eirene.evaluate.events import code_plover, pentaclass_of, score_pentaclass_halves
from eirene.evaluate.pentaclass import head_pentaclass, trained_without_check_half
from eirene.evaluate.report import (
    actor_failures,
    actor_table,
    class_failures,
    class_table,
    documents_errors,
    documents_table,
    format_confusion,
    plover_brief_table,
    plover_confusion,
    plover_failures,
    plover_scores,
    plover_table,
)
from eirene.evaluate.split import half_of, plover_key, text_key
from eirene.records import Event

if TYPE_CHECKING:
    from eirene.actors.resolver import ActorCoder
    from eirene.document_coder import Coder


def split_counts(keys: Sequence[str]) -> str:
    """'tune N, check M' for the keys of a gold set."""
    counts = Counter(half_of(key) for key in keys)
    return f"tune {counts['tune']}, check {counts['check']}"


def plover_section(records: list[dict], coder: "Coder", rules_only: "Coder", coder_label: str,
                   columns: Sequence[str], failure_halves: Sequence[str], failures: int) -> str:
    """PLOVER gold: the coder's figures per half, the rules alone, a confusion, failures."""
    scores = plover_scores(code_plover(records, lambda text, date: coder.code_text(text, date)))
    alone = plover_scores(code_plover(records, lambda text, date: rules_only.code_text(text, date)))
    lines = [
        f"== PLOVER gold records: {len(records)} ({split_counts([plover_key(r) for r in records])}); "
        f"coder: rules + {coder_label}",
        plover_table(scores, columns),
        "",
        "rules alone (the coder without the classifier):",
        plover_brief_table(alone, columns),
    ]
    for half in failure_halves:  # a confusion table is a summary of failures: tune half unless asked
        lines += ["", f"confusion, {half} half (gold rows, coded columns):", plover_confusion(scores[half])]
    if failures:
        lines += ["", plover_failures(scores, failure_halves, failures)]
    return "\n".join(lines)


def pentaclass_section(rows: list[tuple[str, int]], coder: "Coder", rules_only: "Coder", coder_label: str,
                       columns: Sequence[str], failure_halves: Sequence[str], failures: int,
                       cross_validate: bool = False) -> str:
    """CAMEO pentaclass: the rules alone, the coder with its classifier, the classifier's own
    pentaclass head; each per half, so it is plain which figure is which."""
    rule_classes = {text: pentaclass_of(rules_only.code_text(text)) for text in dict.fromkeys(t for t, _ in rows)}
    rules = score_pentaclass_halves(rows, rule_classes.__getitem__)
    whole = score_pentaclass_halves(rows, lambda text: pentaclass_of(coder.code_text(text)))
    classifier = coder.event_coder.classifier
    mark = "" if classifier is None or trained_without_check_half(classifier.card) else " *"
    named = [("rules alone (coder without the classifier)", rules),
             (f"rules + classifier as fallback{mark}", whole)]
    if classifier is not None:
        head = head_pentaclass(classifier, [text for text, _ in rows])
        named.append((f"classifier's pentaclass head alone{mark}", score_pentaclass_halves(rows, head.__getitem__)))
    note = ""
    if mark and classifier is not None:
        note = (f"* {classifier.version}: its card does not say its training left out the check half "
                "(card key dev_halves_trained_on: [tune]), so these figures are no held-out figures; "
                "the shipped model was trained on every one of these sentences.")
    lines = [
        f"== CAMEO pentaclass: {len(rows)} sentences ({split_counts([text_key(t) for t, _ in rows])}); "
        f"macro-F1 (accuracy); classifier: {coder_label}",
        class_table(named, columns),
    ]
    if note:
        lines.append(note)
    for half in failure_halves:
        lines += ["", f"rules alone, confusion, {half} half (gold rows, coded columns):",
                  format_confusion(rules[half].confusion, rules[half].labels)]
    if failures:
        lines += ["", "rules alone, " + class_failures(rules, failure_halves, failures)]
    if cross_validate:
        lines += ["", cross_validation_section(rows, rule_classes)]
    return "\n".join(lines)


def cross_validation_section(rows: list[tuple[str, int]], rule_classes: dict[str, int]) -> str:
    """The 5-fold figure of a classifier refitted fold by fold with the rule classes as features.

    Every fold's training holds sentences of both halves: it is no check-half figure.
    """
    import numpy as np

    from eirene.evaluate.pentaclass import cross_validate_pentaclass, score_pairs

    def rule_features(texts: Sequence[str]) -> np.ndarray:
        onehot = np.zeros((len(texts), 5))
        for row, text in enumerate(texts):
            onehot[row, rule_classes.get(text, 0)] = 1.0
        return onehot

    gold, predicted = cross_validate_pentaclass(rows, folds=5, seed=0, extra_features=rule_features)
    score = score_pairs(gold, predicted)
    return (f"== CAMEO pentaclass, classifier refitted per fold + rule features, 5-fold CV over all "
            f"{len(rows)} sentences (both halves train and test: no check-half figure)\n"
            f"macro-F1 {score.macro_f1:.3f}   accuracy {score.accuracy:.3f}")


def actors_section(path: Path, coder: "ActorCoder", as_of: str, columns: Sequence[str],
                   failure_halves: Sequence[str]) -> str:
    """NGEC actor checks: accuracy per field and half, then the failures allowed."""
    scores = score_actor_halves(path, coder, today=as_of)
    all_rows = scores["all"]
    lines = [
        f"== actor resolution: {all_rows.rows} rows (tune {scores['tune'].rows}, check {scores['check'].rows}; "
        f"split by test_name), {sum(all_rows.total.values())} checks scored, "
        f"{sum(all_rows.skipped.values())} skipped; undated checks as of {as_of}",
        actor_table(scores, columns),
    ]
    if all_rows.skipped:
        lines.append("skipped fields: " + ", ".join(f"{k} {v}" for k, v in sorted(all_rows.skipped.items())))
    lines += ["", actor_failures(scores, failure_halves)]
    return "\n".join(lines)


def read_coded_events(path: Path) -> dict[str, list[Event]]:
    """Events saved by `eirene code --out FILE` (one JSON object a line), by document id."""
    import json

    coded: dict[str, list[Event]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                event = Event.from_dict(json.loads(line))
                coded.setdefault(event.doc_id, []).append(event)
    return coded


def documents_section(gold_dir: Path, corpus_dir: Path, coder: "Coder | None", coded_path: Path | None,
                      coder_label: str, errors: bool = True,
                      failure_halves: Sequence[str] = ("tune",)) -> str:
    """Document-level gold: P/R/F1 per article and overall, then misses and false positives.

    The coded events come from `coded_path` (JSONL of `eirene code --out`) or, without it,
    from coding each annotated article with `coder` here.
    """
    gold = load_gold(gold_dir, corpus_dir)
    if coded_path is not None:
        coded = read_coded_events(coded_path)
    else:
        assert coder is not None, "give a coder or a file of coded events"
        coded = {doc.document.id: list(coder.code(doc.document).events) for doc in gold}
    score = score_documents(gold, coded)
    lines = [f"== document-level gold: {len(gold)} articles ({gold_dir}); coder: {coder_label}",
             documents_table(score)]
    if errors:
        lines += ["", f"failures of the {' and '.join(failure_halves)} half:", documents_errors(score, failure_halves)]
    return "\n".join(lines)


__all__ = ["actors_section", "cross_validation_section", "documents_section", "pentaclass_section", "plover_section",
           "read_coded_events", "split_counts"]
