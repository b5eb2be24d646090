"""`eirene stories list` and `eirene stories group`: wire copies grouped under one story.

Fetching groups each new article as it is stored; `group` does the same for documents
that came in another way (`eirene code`, `eirene ingest`), or again with another
threshold. Both only call eirene.stories.
"""

from __future__ import annotations

import click

from eirene.cli.options import CONTEXT, FORMATS, db_option, open_db
from eirene.cli.output import emit


@click.group("stories", context_settings=CONTEXT)
def stories_group() -> None:
    """Stories: the same article run by several outlets (wire copies), counted once.

    \b
    Examples:
      eirene stories list --db news.duckdb
      eirene stories group --db news.duckdb --threshold 0.6 --rebuild
    """


@stories_group.command("list", context_settings=CONTEXT)
@db_option
@click.option("--min", "min_members", default=2, show_default=True, help="List stories with at least this many documents.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def list_command(db: str | None, min_members: int, fmt: str) -> None:
    """List stories with their documents, outlets and addresses (the first document leads)."""
    from eirene.stories import stories

    with open_db(db, read_only=True) as store:
        found = stories(store, min_members=min_members)
    rows = [{"story": story.story_id, "document": m.doc_id, "outlet": m.source, "date": m.date, "title": m.title,
             "url": m.url, "also_fetched_from": list(m.fetched_from)} for story in found for m in story.members]
    emit(rows, fmt, ["story", "document", "outlet", "date", "title", "also_fetched_from"], "stories")


@stories_group.command("group", context_settings=CONTEXT)
@db_option
@click.option("--threshold", default=None, type=click.FloatRange(0, 1, min_open=True),
              help="Similarity (0-1) from which two documents are one story (default 0.5).")
@click.option("--rebuild", is_flag=True, help="Forget every group and group all documents again.")
def group_command(db: str | None, threshold: float | None, rebuild: bool) -> None:
    """Group the stored documents not grouped yet (all of them with --rebuild)."""
    from eirene.stories import DEFAULT_THRESHOLD, group_stored

    with open_db(db) as store:
        signed, joined = group_stored(store, threshold or DEFAULT_THRESHOLD, rebuild=rebuild)
    click.echo(f"{signed} document(s) grouped; {joined} joined an existing story.")
