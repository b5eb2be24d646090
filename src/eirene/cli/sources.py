"""`eirene sources add/list/remove`: the feeds and sitemaps `eirene watch` polls by default.

The list is a YAML file in the config folder ($EIRENE_CONFIG_DIR, else ~/.config/eirene);
these commands only call eirene.fetch.sources_file.
"""

from __future__ import annotations

import click

from eirene.cli.options import CONTEXT, FORMATS
from eirene.cli.output import emit


@click.group("sources", context_settings=CONTEXT)
def sources_group() -> None:
    """Keep the list of feeds and sitemaps `eirene watch` polls when none are named.

    \b
    Examples:
      eirene sources add https://news.example/feed.xml
      eirene sources add https://news.example/sitemap-news.xml --sitemap
      eirene sources list
      eirene sources remove https://news.example/feed.xml
    """


@sources_group.command("add", context_settings=CONTEXT)
@click.argument("url")
@click.option("--sitemap", is_flag=True, help="URL is a sitemap (default: an RSS or Atom feed).")
def add_command(url: str, sitemap: bool) -> None:
    """Add URL to the sources."""
    from eirene.fetch.sources_file import add_source, sources_path

    path = sources_path()
    added = add_source(path, url, "sitemap" if sitemap else "feed")
    click.echo(f"{'added' if added else 'already listed'}: {url} ({path})")


@sources_group.command("list", context_settings=CONTEXT)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def list_command(fmt: str) -> None:
    """List the sources, with the file they are kept in."""
    from eirene.fetch.sources_file import load_sources, sources_path

    path = sources_path()
    rows = [{"url": s.url, "kind": s.kind} for s in load_sources(path)]
    emit(rows, fmt, ["url", "kind"], f"sources ({path})")


@sources_group.command("remove", context_settings=CONTEXT)
@click.argument("url")
@click.pass_context
def remove_command(ctx: click.Context, url: str) -> None:
    """Remove URL from the sources (exit 1 when it is not listed)."""
    from eirene.fetch.sources_file import remove_source, sources_path

    path = sources_path()
    if remove_source(path, url):
        click.echo(f"removed: {url} ({path})")
    else:
        click.echo(f"not listed: {url} ({path})", err=True)
        ctx.exit(1)
