"""`eirene evaluate ...`: measure the coder on gold data."""

from __future__ import annotations

from pathlib import Path

import click

from eirene.cli.options import CONTEXT
from eirene.errors import EireneError

SHARED_DEV = Path("../shared/eval/dev")
EXAMPLE_GOLD = Path("examples/afghan-peace-process.gold")


def _default(name: str) -> str | None:
    path = SHARED_DEV / name
    return str(path) if path.exists() else None


@click.group("evaluate", context_settings=CONTEXT)
def evaluate_group() -> None:
    """Score actor resolution and event coding on gold data."""


HALF_OPTION = click.option(
    "--half", type=click.Choice(["tune", "check", "all"]), default=None,
    help="Show the figures of one dev half only (default: tune, check and all side by side). "
    "Each record's half is fixed by a hash of its id (or text): see docs/evaluation.md.")
CHECK_FAILURES_OPTION = click.option(
    "--check-failures", is_flag=True,
    help="Also list the failures of the check half. Reading them spoils the check half as a "
    "measure of unseen text: do not, unless you stop tuning.")


def _halves(half: str | None, check_failures: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    from eirene.evaluate.report import columns_for, failure_halves

    if check_failures:
        click.echo("WARNING: --check-failures lists check-half failures; tuning after reading them "
                   "spoils the check half (docs/evaluation.md).", err=True)
    return columns_for(half), failure_halves(check_failures)


@evaluate_group.command("actors", context_settings=CONTEXT)
@click.option("--data", "data_path", default=lambda: _default("ngec_actor_resolution_dev.tsv"), type=click.Path(exists=True, dir_okay=False), help="Actor-resolution TSV (default: ../shared/eval/dev/ngec_actor_resolution_dev.tsv).")
@click.option("--today", default="gold", show_default=True, metavar="gold|now|YYYY-MM-DD",
              help="What undated ('today') checks mean: the gold set's latest explicit date (when it was "
              "written), the real today, or a date.")
@HALF_OPTION
@CHECK_FAILURES_OPTION
def evaluate_actors(data_path: str | None, today: str, half: str | None, check_failures: bool) -> None:
    """Accuracy of actor resolution per field (country, sector, name) and dev half, with the
    tune half's failures.

    \b
    Examples:
      eirene evaluate actors --data ../shared/eval/dev/ngec_actor_resolution_dev.tsv
      eirene evaluate actors --today now --half check
    """
    import datetime as dt

    from eirene.actors import ActorCoder
    from eirene.actors.kb import KnowledgeBase
    from eirene.evaluate.actors import read_rows, reference_date
    from eirene.evaluate.runs import actors_section

    if not data_path:
        raise EireneError("E147", what="evaluate", reason="no actor-resolution gold file was found (looked for "
                          "../shared/eval/dev/ngec_actor_resolution_dev.tsv)", advice="Give one with --data PATH.")
    if today == "gold":
        as_of = reference_date(read_rows(Path(data_path))) or dt.date.today().isoformat()
    elif today == "now":
        as_of = dt.date.today().isoformat()
    else:
        as_of = today
    columns, failure_halves = _halves(half, check_failures)
    coder = ActorCoder(KnowledgeBase.load())
    click.echo(actors_section(Path(data_path), coder, as_of, columns, failure_halves))


@evaluate_group.command("events", context_settings=CONTEXT)
@click.option("--plover", "plover_path", default=lambda: _default("plover_gsr_dev.jsonl"), type=click.Path(exists=True, dir_okay=False), help="PLOVER gold JSONL (default: ../shared/eval/dev/plover_gsr_dev.jsonl).")
@click.option("--pentaclass", "penta_path", default=lambda: _default("conflibert_cameo_class_train.tsv"), type=click.Path(exists=True, dir_okay=False), help="text<TAB>label sentences, labels 0-4 (default: the ConfliBERT dev file).")
@click.option("--model", default=None, help="spaCy model name.")
@click.option("--failures", default=20, show_default=True, help="How many mismatches to list per set (tune half).")
@click.option("--skip-pentaclass", is_flag=True, help="Score only the PLOVER records.")
@click.option("--classifier", "classifier_path", default=None, type=click.Path(exists=True),
              help="Another classifier artefact instead of the shipped one, e.g. one trained without "
                   "the check half (its card says so with dev_halves_trained_on: [tune]).")
@click.option("--cross-validate", is_flag=True,
              help="Also refit the classifier 5-fold over all pentaclass sentences with the rule classes "
                   "as features (slow; both halves train, so no check-half figure).")
@HALF_OPTION
@CHECK_FAILURES_OPTION
def evaluate_events(plover_path: str | None, penta_path: str | None, model: str | None, failures: int,
                    skip_pentaclass: bool, classifier_path: str | None, cross_validate: bool,
                    half: str | None, check_failures: bool) -> None:
    """Event type accuracy, actor / recipient country and (actor, recipient, type) P/R/F1 on
    PLOVER gold, and pentaclass macro-F1: per dev half, failures of the tune half only.

    \b
    Examples:
      eirene evaluate events
      eirene evaluate events --half check --skip-pentaclass
      eirene evaluate events --plover my_gold.jsonl --skip-pentaclass
      eirene evaluate events --classifier /tmp/tune-only-model
    """
    from eirene.config import CodingConfig
    from eirene.document_coder import Coder
    from eirene.evaluate.events import load_pentaclass, load_plover_gold
    from eirene.evaluate.runs import pentaclass_section, plover_section

    if not plover_path and (skip_pentaclass or not penta_path):
        raise EireneError("E147", what="evaluate", reason="no event gold data was found (looked for "
                          "../shared/eval/dev/plover_gsr_dev.jsonl and the pentaclass file)",
                          advice="Give files with --plover PATH and --pentaclass PATH (see docs/evaluation.md).")
    columns, failure_halves = _halves(half, check_failures)
    coder = Coder(CodingConfig(model=model, classifier_path=classifier_path))
    rules_only = Coder(CodingConfig(model=model, use_classifier=False), nlp=coder.nlp, kb=coder.kb, lexicon=coder.lexicon, gazetteer=coder.gazetteer)
    label = f"classifier {classifier_path}" if classifier_path else "shipped classifier"
    if plover_path:
        records = load_plover_gold(Path(plover_path))
        click.echo(plover_section(records, coder, rules_only, label, columns, failure_halves, failures))
    if penta_path and not skip_pentaclass:
        click.echo("")
        click.echo(pentaclass_section(load_pentaclass(Path(penta_path)), coder, rules_only, label, columns,
                                      failure_halves, failures, cross_validate))


@evaluate_group.command("documents", context_settings=CONTEXT)
@click.option("--gold", "gold_dir", default=lambda: str(EXAMPLE_GOLD) if EXAMPLE_GOLD.is_dir() else None,
              type=click.Path(exists=True, file_okay=False),
              help="Folder of annotated articles, one YAML file each (default: examples/afghan-peace-process.gold).")
@click.option("--corpus", "corpus_dir", default=None, type=click.Path(exists=True, file_okay=False),
              help="Folder of the articles the gold names (default: the gold folder without '.gold').")
@click.option("--events", "events_path", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Score events saved by `eirene code DIR --out FILE` instead of coding the articles now.")
@click.option("--model", default=None, help="spaCy model name.")
@click.option("--classifier", "classifier_path", default=None, type=click.Path(exists=True),
              help="Another classifier artefact instead of the shipped one.")
@click.option("--no-errors", is_flag=True, help="Only the figures, without the misses and false positives.")
@CHECK_FAILURES_OPTION
def evaluate_documents(gold_dir: str | None, corpus_dir: str | None, events_path: str | None, model: str | None,
                       classifier_path: str | None, no_errors: bool, check_failures: bool) -> None:
    """Event P/R/F1 against our own document-level gold (docs/annotation-guide.md), per article
    and overall, at type and quad-class level, with the misses and false positives.

    \b
    Examples:
      eirene evaluate documents
      eirene code examples/afghan-peace-process --out /tmp/ev.jsonl && eirene evaluate documents --events /tmp/ev.jsonl
    """
    from eirene.evaluate.runs import documents_section

    if not gold_dir:
        raise EireneError("E147", what="evaluate", reason="no gold folder was found",
                          advice="Give one with --gold DIR, e.g. examples/afghan-peace-process.gold.")
    gold = Path(gold_dir)
    corpus = Path(corpus_dir) if corpus_dir else gold.with_name(gold.name.removesuffix(".gold"))
    if not corpus.is_dir():
        raise click.UsageError(f"no corpus folder {corpus}; give --corpus DIR")
    coder = None
    label = f"events from {events_path}"
    if events_path is None:
        from eirene.config import CodingConfig
        from eirene.document_coder import Coder

        coder = Coder(CodingConfig(model=model, classifier_path=classifier_path))
        label = f"rules + {'classifier ' + classifier_path if classifier_path else 'shipped classifier'}"
    _, failure_halves = _halves(None, check_failures)
    click.echo(documents_section(gold, corpus, coder, Path(events_path) if events_path else None, label,
                                 errors=not no_errors, failure_halves=failure_halves))
