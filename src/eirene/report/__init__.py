"""The HTML brief: one self-contained, offline page about a coded corpus.

    >>> from eirene.report import write_report
    >>> from eirene.store import open_store
    >>> with open_store("eirene.duckdb", read_only=True) as store:
    ...     write_report(store, "brief.html", since="2018")

It shows the top actors and dyads, the network, dyad timelines, blocs and notable
claims; every row links to the sentences it rests on, in an evidence section at the end.
"""

from __future__ import annotations

from pathlib import Path

from eirene.analysis.rule import CountingRule
from eirene.errors import StoreError
from eirene.export.base import atomic_text
from eirene.report.brief import Brief, gather
from eirene.report.render import render
from eirene.store.base import Store


def write_report(store: Store, out_path: str | Path, *, since: str | None = None, until: str | None = None,
                 title: str | None = None, rule: CountingRule | None = None) -> str:
    """Write the brief of `store` (events between `since` and `until`, counted under `rule`) to `out_path`.

    RETURNS (str): a one-line summary of what the brief holds.
    RAISES (StoreError): E454 when there are no events to report, E453 when the file
        cannot be written.
    """
    brief = gather(store, since=since, until=until, title=title or _title(store), rule=rule)
    if brief.events == 0:
        window = f" between {since or 'the start'} and {until or 'the end'}" if since or until else ""
        raise StoreError("E454", path=store.location, window=window)
    _write(Path(out_path), render(brief))
    return (
        f"{brief.events} events, {len(brief.actors)} actors, {len(brief.dyads)} dyads, {len(brief.blocs)} blocs, "
        f"{len(brief.claims)} claims, {len(brief.evidence)} evidence sentences"
    )


def _title(store: Store) -> str:
    return f"eirene brief: {Path(store.location).stem}"


def _write(out_path: Path, html: str) -> None:
    """Write the page whole or not at all (a temporary file renamed into place)."""
    with atomic_text(out_path, code="E453") as handle:
        handle.write(html)


__all__ = ["Brief", "gather", "render", "write_report"]
