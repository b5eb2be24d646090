"""`eirene kb ...`: build the world-scale actor knowledge from open data."""

from __future__ import annotations

from pathlib import Path

import click

from eirene.cli.options import CONTEXT


@click.group("kb", context_settings=CONTEXT)
def kb_group() -> None:
    """World-scale actor knowledge built from open data (see docs/knowledge-base.md)."""


@kb_group.command("build", context_settings=CONTEXT)
@click.argument("sources_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Where to write actors.jsonl.gz and SOURCES.md (default: the package's data/actors/built).")
def build_command(sources_dir: Path, out_dir: Path | None) -> None:
    """Read SOURCES_DIR (a kb-sources folder) and write the built actor knowledge.

    \b
    Example:
      eirene kb build ../shared/kb-sources
    The same sources give the same bytes; the compiled index is rebuilt on next use.
    """
    from eirene.kb_build import BUILT_DIR, build

    report = build(sources_dir, out_dir or BUILT_DIR)
    for line in report.lines():
        click.echo(line)
