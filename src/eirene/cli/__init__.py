"""The `eirene` command line: thin wrappers that parse options and call the library.

Every command's help shows an example. Errors print one line with their E-code;
`--debug` shows the traceback.

The group and the console-script entry point live here; the commands live in one
module per group (coding, database, actors, analysis, review, evaluate, export, serve,
fetch, sources, stories, scenario), their
shared options in options.py and their printing in output.py. No command module
imports this one.
"""

from __future__ import annotations

from typing import Any

import click

from eirene import __version__
from eirene.cli.actors import actors_group
from eirene.cli.analysis import actor_command, claims_command, dyad_command, network_command
from eirene.cli.coding import code, explain, ingest
from eirene.cli.database import docs, errors, events, stats, upgrade
from eirene.cli.evaluate import evaluate_group
from eirene.cli.export import export_command, report_command
from eirene.cli.fetch import fetch_command, watch_command
from eirene.cli.kb import kb_group
from eirene.cli.options import CONTEXT
from eirene.cli.review import correct_command, corrections_group
from eirene.cli.scenario import scenario_group
from eirene.cli.serve import precompute_command, serve_command
from eirene.cli.sources import sources_group
from eirene.cli.stories import stories_group
from eirene.errors import EireneError


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


for command in (
    code, ingest, explain, docs, events, errors, stats, upgrade,
    actors_group, dyad_command, network_command, claims_command, actor_command,
    evaluate_group, export_command, report_command, serve_command, precompute_command, correct_command,
    corrections_group,
    fetch_command, watch_command, sources_group, stories_group, scenario_group, kb_group,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="eirene")
