"""`eirene evaluate ...`: measure the coder on gold data."""

from __future__ import annotations

from pathlib import Path

import click

from eirene.cli.options import CONTEXT

SHARED_DEV = Path("../shared/eval/dev")


def _default(name: str) -> str | None:
    path = SHARED_DEV / name
    return str(path) if path.exists() else None


@click.group("evaluate", context_settings=CONTEXT)
def evaluate_group() -> None:
    """Score actor resolution and event coding on gold data."""


@evaluate_group.command("actors", context_settings=CONTEXT)
@click.option("--data", "data_path", default=lambda: _default("ngec_actor_resolution_dev.tsv"), type=click.Path(exists=True, dir_okay=False), help="Actor-resolution TSV (default: ../shared/eval/dev/ngec_actor_resolution_dev.tsv).")
@click.option("--today", default="gold", show_default=True, metavar="gold|now|YYYY-MM-DD",
              help="What undated ('today') checks mean: the gold set's latest explicit date (when it was "
              "written), the real today, or a date.")
def evaluate_actors(data_path: str | None, today: str) -> None:
    """Accuracy of actor resolution per field (country, sector, name), with the failures.

    \b
    Examples:
      eirene evaluate actors --data ../shared/eval/dev/ngec_actor_resolution_dev.tsv
      eirene evaluate actors --today now
    """
    import datetime as dt

    from eirene.actors import ActorCoder
    from eirene.actors.kb import KnowledgeBase
    from eirene.evaluate.actors import format_report, read_rows, reference_date, score_actor_resolution

    if not data_path:
        raise click.UsageError("no gold file found; give --data PATH")
    if today == "gold":
        as_of = reference_date(read_rows(Path(data_path))) or dt.date.today().isoformat()
    elif today == "now":
        as_of = dt.date.today().isoformat()
    else:
        as_of = today
    score = score_actor_resolution(Path(data_path), ActorCoder(KnowledgeBase.load()), today=as_of)
    click.echo(f"undated checks scored as of {as_of} (--today {today})")
    click.echo(format_report(score))


@evaluate_group.command("events", context_settings=CONTEXT)
@click.option("--plover", "plover_path", default=lambda: _default("plover_gsr_dev.jsonl"), type=click.Path(exists=True, dir_okay=False), help="PLOVER gold JSONL (default: ../shared/eval/dev/plover_gsr_dev.jsonl).")
@click.option("--pentaclass", "penta_path", default=lambda: _default("conflibert_cameo_class_train.tsv"), type=click.Path(exists=True, dir_okay=False), help="text<TAB>label sentences, labels 0-4 (default: the ConfliBERT dev file).")
@click.option("--model", default=None, help="spaCy model name.")
@click.option("--failures", default=20, show_default=True, help="How many mismatches to list per set.")
@click.option("--skip-pentaclass", is_flag=True, help="Score only the PLOVER records.")
@click.option("--classifier", "classifier_path", default=None, type=click.Path(exists=True),
              help="Another classifier artefact instead of the shipped one, e.g. the check model "
                   "`scripts/train_classifier.py --clean-out DIR` trains without near-copies of dev sentences.")
def evaluate_events(plover_path: str | None, penta_path: str | None, model: str | None, failures: int,
                    skip_pentaclass: bool, classifier_path: str | None) -> None:
    """Event-type accuracy, actor/recipient country P/R/F1 and pentaclass macro-F1.

    \b
    Examples:
      eirene evaluate events
      eirene evaluate events --plover my_gold.jsonl --skip-pentaclass
      eirene evaluate events --skip-pentaclass --classifier /tmp/clean-model
    """
    from eirene.config import CodingConfig
    from eirene.evaluate.events import (
        format_class_report,
        format_plover_report,
        load_pentaclass,
        load_plover_gold,
        pentaclass_of,
        score_pentaclass,
        score_plover,
    )
    from eirene.document_coder import Coder

    coder = Coder(CodingConfig(model=model, classifier_path=classifier_path))
    rules_only = Coder(CodingConfig(model=model, use_classifier=False), nlp=coder.nlp, kb=coder.kb, lexicon=coder.lexicon, places=coder.event_coder.places)
    if plover_path:
        records = load_plover_gold(Path(plover_path))
        which = f"classifier {classifier_path}" if classifier_path else "shipped classifier"
        click.echo(f"== PLOVER gold records, rules + {which}")
        click.echo(format_plover_report(score_plover(records, lambda text, date: coder.code_text(text, date)), failures))
        alone = score_plover(records, lambda text, date: rules_only.code_text(text, date))
        click.echo("")
        click.echo(f"rules alone: event-type accuracy {alone.type_accuracy:.3f}, actor country F1 {alone.actor.f1:.3f}, "
                   f"recipient country F1 {alone.recipient.f1:.3f}")
    if penta_path and not skip_pentaclass:
        import numpy as np

        from eirene.evaluate.pentaclass import cross_validate_pentaclass, score_pairs

        rows = load_pentaclass(Path(penta_path))
        rule_classes = {text: pentaclass_of(rules_only.code_text(text)) for text, _ in rows}
        click.echo("")
        click.echo(format_class_report(score_pentaclass(rows, lambda text: rule_classes[text]), "CAMEO pentaclass, rules alone", failures))

        def rule_features(texts):  # type: ignore[no-untyped-def]
            onehot = np.zeros((len(texts), 5))
            for row, text in enumerate(texts):
                onehot[row, rule_classes.get(text, 0)] = 1.0
            return onehot

        # The shipped classifier was trained on this file, so it is scored by 5-fold
        # cross-validation: each fold is predicted by a model that never saw it.
        gold, predicted = cross_validate_pentaclass(rows, folds=5, seed=0, extra_features=rule_features)
        click.echo("")
        click.echo(format_class_report(score_pairs(gold, predicted), "CAMEO pentaclass, classifier + rule features, 5-fold CV", failures))
