"""Plain-text summaries of a run and of a database, for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eirene.dates import latest_date_in_text

if TYPE_CHECKING:  # types only: `eirene stats` must not import the coder (and spaCy) through RunSummary
    from eirene.coding_run import RunSummary
    from eirene.store import Store
    from eirene.store.stats import StoreStats


def render_stats(stats: StoreStats) -> str:
    """Documents, events by type, top actors and dyads, as aligned text."""
    lines = [
        f"documents: {stats.documents}    events: {stats.events}    "
        f"ingest errors: {stats.errors}    runs: {stats.runs}",
    ]
    if stats.date_range.first or stats.date_range.last:
        lines.append(f"event dates: {stats.date_range.first} .. {stats.date_range.last}")
    if stats.events_by_type:
        lines.append("")
        lines.append("events by PLOVER type:")
        for name, count in sorted(stats.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {name:<10} {count:>6}")
    if stats.top_actors:
        lines.append("")
        lines.append("top actors:")
        for actor in stats.top_actors[:10]:
            lines.append(f"  {actor.name:<32} {actor.events:>6}")
    if stats.top_dyads:
        lines.append("")
        lines.append("top dyads (actor -> recipient):")
        for dyad in stats.top_dyads[:10]:
            lines.append(f"  {dyad.actor + ' -> ' + dyad.recipient:<48} {dyad.events:>6}")
    return "\n".join(lines)


def render_run_summary(summary: RunSummary, store: Store, db_path: str) -> str:
    """What a run did, the database totals, and where to look next."""
    head = (
        f"run {summary.run_id}: {summary.new} new, {summary.changed} changed, {summary.same} unchanged "
        f"document(s); {summary.events} event(s) coded; {len(summary.failures)} input error(s)"
        + (f"; {summary.skipped_files} file(s) skipped (not a type eirene reads; see eirene errors)"
           if summary.skipped else "")
    )
    explore = "\n".join(
        [
            "",
            "explore further:",
            f"  eirene events --db {db_path} --actor Pakistan       # events involving an actor",
            f"  eirene docs --db {db_path}                          # documents and their dates",
            f"  eirene errors --db {db_path}                        # inputs that could not be read",
            '  eirene explain "The US accused Russia of arming the Taliban." --date 2018-03-23',
        ]
    )
    return "\n".join([head, *dating_lines(summary), "", render_stats(store.stats()), explore])


def dating_lines(summary: RunSummary) -> list[str]:
    """Say which documents had no publication date, and what their actors were coded on."""
    lines = []
    if summary.inferred_dates:
        lines.append(f"{len(summary.inferred_dates)} document(s) without a publication date: dated roles read on "
                     f"the latest date each text names (a lower bound): {_some(summary.inferred_dates)}")
    if summary.undated:
        lines.append(f"{len(summary.undated)} document(s) with no date at all: actors got their least "
                     f"date-dependent codes, never today's roles: {_some(summary.undated)}")
    return lines


def document_dating_note(date: str | None, date_source: str | None, text: str | None) -> str | None:
    """What a stored document's actors were coded on when it had no publication date to
    go by, for `eirene docs`: the rule of `document_coder.actor_dating`, told from what the
    store keeps (the date, where it came from, the text). None for a document dated by a
    label, byline, dateline or the input's metadata.

    Why: a date read from the text is only a lower bound (an article is at least as
    recent as the days it reports), and a document with no date at all got its actors'
    least date-dependent codes; an analyst must see both before trusting a role.
    """
    if date:
        if date_source != "text":
            return None
        return (f"date read from the text ({date}), not from a date label: a lower bound, "
                "the article may be later")
    inferred = latest_date_in_text(text or "")
    if inferred is not None:
        return (f"no publication date: dated roles read on {inferred.isoformat()}, the latest date the "
                "text names (a lower bound for its date)")
    return "no date: actors got their least date-dependent codes, never today's roles"


def _some(ids: list[str], limit: int = 5) -> str:
    return ", ".join(ids[:limit]) + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
