"""How commands print: rows as a table, JSON lines or CSV; errors to stderr; progress.

Why here: every listing command prints rows the same way, so the formats are written
once and the command modules never import each other for them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

PIPED_WIDTH = 10_000  # a piped table is as wide as its widest row; use --format csv for tools


def emit(rows: Sequence[dict], fmt: str, columns: Sequence[str], title: str | None = None) -> None:
    """Print rows as a table, JSON lines or CSV.

    A table on a terminal wraps to its width; piped (`| less -S`, `> file.txt`) each row
    stays on one line. For another program, `--format csv` is the better choice.
    """
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(row.get(k)) for k in columns})
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    piped = not console.is_terminal
    if piped:  # a pipe or a file: no terminal width to wrap to, so never one word per line
        console = Console(width=PIPED_WIDTH, no_color=True)
    table = Table(title=title)
    for column in columns:
        table.add_column(column, no_wrap=piped, overflow="fold")
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in columns))
    console.print(table)


def cell(value: Any) -> str:
    """One value as table or CSV text: empty for None, lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    return str(value)


def echo_err(message: str) -> None:
    click.echo(message, err=True)


class Progress:
    """A rich progress line for long runs: documents and events so far, and the last
    document; silent with --quiet or when not a terminal. With EIRENE_PROGRESS=lines, one
    plain line on stderr per stored batch instead (for the logs of batch jobs and clusters).
    """

    def __init__(self, quiet: bool) -> None:
        self.lines = not quiet and os.environ.get("EIRENE_PROGRESS", "").lower() == "lines"
        self.enabled = not quiet and not self.lines and sys.stderr.isatty()
        self._progress = None
        self._task = None
        self._totals = ""

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.progress import Progress as RichProgress
            from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = RichProgress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("coding", total=None)
        return self

    def update(self, what: str, name: str) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=f"{self._totals}{what}: {name}"[:100])

    def stored(self, documents: int, events: int) -> None:
        """The run's totals after a stored batch."""
        totals = f"{documents:,} documents, {events:,} events"
        if self.lines:
            echo_err(f"stored: {totals}")
        self._totals = f"{totals} · "

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
