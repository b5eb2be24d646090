"""Plain-text summaries of a run and of a database, for the terminal."""

from __future__ import annotations

from eirene.coding_run import RunSummary
from eirene.store import Store


def render_stats(stats: dict) -> str:
    """Documents, events by type, top actors and dyads, as aligned text."""
    lines = [
        f"documents: {stats.get('documents', 0)}    events: {stats.get('events', 0)}    "
        f"ingest errors: {stats.get('errors', 0)}    runs: {stats.get('runs', 0)}",
    ]
    date_range = stats.get("date_range")
    if date_range and any(date_range):
        lines.append(f"event dates: {date_range[0]} .. {date_range[1]}")
    by_type = stats.get("events_by_type") or {}
    if by_type:
        lines.append("")
        lines.append("events by PLOVER type:")
        for name, count in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"  {name:<10} {count:>6}")
    actors = stats.get("top_actors") or []
    if actors:
        lines.append("")
        lines.append("top actors:")
        for row in actors[:10]:
            name, count = row[0], row[-1]
            lines.append(f"  {str(name):<32} {count:>6}")
    dyads = stats.get("top_dyads") or []
    if dyads:
        lines.append("")
        lines.append("top dyads (actor -> recipient):")
        for row in dyads[:10]:
            source, target, count = row[0], row[1], row[-1]
            lines.append(f"  {str(source) + ' -> ' + str(target):<48} {count:>6}")
    return "\n".join(lines)


def render_run_summary(summary: RunSummary, store: Store, db_path: str) -> str:
    """What a run did, the database totals, and where to look next."""
    head = (
        f"run {summary.run_id}: {summary.new} new, {summary.changed} changed, {summary.same} unchanged "
        f"document(s); {summary.events} event(s) coded; {len(summary.failures)} input error(s)"
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
    return "\n".join([head, "", render_stats(store.stats()), explore])
