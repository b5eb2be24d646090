"""`eirene export` and `eirene report`: the store's events in other tools' formats, and
one self-contained HTML brief. Both only parse options and call eirene.export / eirene.report."""

from __future__ import annotations

import click

from eirene.cli.options import CONTEXT, db_option, is_quiet, open_db, rule_options
from eirene.vocab import FACTUALITY_VALUES

FORMAT_HELP = (
    "plover-jsonl (PLOVER records, JSON lines), polecat-tsv (POLECAT's 40 columns), icews-tsv "
    "(ICEWS's 20 columns), graphml (actor network, for Gephi), parquet (every table, into a folder)."
)


@click.command("export", context_settings=CONTEXT)
@click.option("--format", "fmt", required=True, metavar="FORMAT", help=FORMAT_HELP)
@click.option("--out", "out_path", required=True, type=click.Path(), help="File to write (a folder for parquet).")
@db_option
@click.option("--actor", default=None, help="Actor name, alias, id or country code (e.g. PAK, Taliban).")
@click.option("--recipient", default=None, help="Recipient, same forms as --actor.")
@click.option("--type", "event_type", default=None, help="PLOVER type, e.g. ASSAULT.")
@click.option("--factuality", default=None, type=click.Choice(FACTUALITY_VALUES),
              help="Only events of this factuality (graphml: default asserted).")
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]", help="Events on or after this date.")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]", help="Events on or before this date.")
@click.option("--doc", "doc_id", default=None, help="Only events of this document id.")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, out_path: str, db: str | None, actor: str | None, recipient: str | None,
                   event_type: str | None, factuality: str | None, since: str | None, until: str | None, doc_id: str | None) -> None:
    """Write coded events in a standard format: PLOVER JSONL, POLECAT or ICEWS TSV, GraphML, Parquet.

    \b
    Examples:
      eirene export --format plover-jsonl --out events.jsonl
      eirene export --format icews-tsv --out pak.tsv --actor PAK --since 2016
      eirene export --format graphml --out network.graphml --since 2018 --until 2019
      eirene export --format parquet --out eirene-parquet/
    The filters are those of `eirene events`. docs/export.md maps every column.
    """
    from eirene.export import EXPORTERS, export
    from eirene.store import EventFilter

    flt = EventFilter(actor=actor, recipient=recipient, event_type=event_type, factuality=factuality,
                      since=since, until=until, doc_id=doc_id)
    with open_db(db, read_only=True, needs_documents="export") as store:
        written = export(store, fmt, out_path, flt)
    if not is_quiet(ctx):
        what = {"graphml": "nodes", "parquet": "rows over 5 tables", "icews-tsv": "rows"}.get(fmt, "events")
        click.echo(f"wrote {written} {what} to {out_path} ({EXPORTERS[fmt].description})", err=True)


@click.command("report", context_settings=CONTEXT)
@db_option
@click.option("--out", "out_path", default="report.html", show_default=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]", help="Only events on or after this date.")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]", help="Only events on or before this date.")
@click.option("--title", default=None, help="Title of the brief (default: from the database name).")
@rule_options
@click.pass_context
def report_command(ctx: click.Context, db: str | None, out_path: str, since: str | None, until: str | None, title: str | None,
                   factuality: str, method: str | None, min_confidence: float, no_merge: bool, keep_self_loops: bool) -> None:
    """Write one self-contained HTML brief: top actors and dyads, the network, dyad
    timelines, blocs, notable claims, each linked to its evidence sentences.

    \b
    Examples:
      eirene report --db news.duckdb --out brief.html
      eirene report --since 2018 --until 2019-06
    The file works offline (plotly is embedded); open it in any browser or mail it.
    """
    from eirene.analysis.rule import CountingRule
    from eirene.report import write_report

    rule = CountingRule.from_options(factuality=factuality, method=method, min_confidence=min_confidence,
                                     merge=not no_merge, self_loops=keep_self_loops)
    with open_db(db, read_only=True) as store:
        summary = write_report(store, out_path, since=since, until=until, title=title, rule=rule)
    if not is_quiet(ctx):
        click.echo(f"wrote {out_path}: {summary}", err=True)
