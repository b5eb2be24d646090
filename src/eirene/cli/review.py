"""`eirene correct` and `eirene corrections list|undo|export`: review coded events from the shell.

Each command only parses options and calls eirene.review; the web app's correction form
calls the same functions, so a correction made in either is the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from eirene.cli.options import CONTEXT, FORMATS, db_option, is_quiet, open_db
from eirene.cli.output import emit
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES


@click.command("correct", context_settings=CONTEXT)
@click.argument("event_id")
@db_option
@click.option("--reason", required=True, help="Why the event is wrong (kept with the correction).")
@click.option("--wrong", is_flag=True, help="The event should not exist: drop it from every analysis and export.")
@click.option("--type", "event_type", default=None, type=click.Choice(PLOVER_TYPES, case_sensitive=False),
              help="The right PLOVER type.")
@click.option("--actor", "actors", multiple=True, metavar="NAME",
              help="The right actor (repeat for several): a name, alias, id or ISO3 code.")
@click.option("--recipient", "recipients", multiple=True, metavar="NAME", help="The right recipient (repeat for several).")
@click.option("--no-recipient", is_flag=True, help="The event has no recipient.")
@click.option("--factuality", default=None, type=click.Choice(FACTUALITY_VALUES), help="The right factuality.")
@click.option("--date", default=None, metavar="YYYY[-MM[-DD]]", help='The right date ("" for none).')
@click.option("--by", "author", default=None, help="Who corrects (default: $EIRENE_USER or your login name).")
@click.pass_context
def correct_command(ctx: click.Context, event_id: str, db: str | None, reason: str, wrong: bool,
                    event_type: str | None, actors: tuple[str, ...], recipients: tuple[str, ...], no_recipient: bool,
                    factuality: str | None, date: str | None, author: str | None) -> None:
    """Mark an event wrong, or fix its type, actor, recipient, factuality or date, with a reason.

    The correction is kept with who made it and when; it survives `eirene code --recode`
    (it is tied to the document, the sentence and the trigger), applies to every analysis
    and export, and can be undone with `eirene corrections undo ID`.

    \b
    Examples:
      eirene correct 6e99262810 --wrong --reason "a quotation of a hypothetical, not an event"
      eirene correct 6e99262810 --type REJECT --reason "they refused to coordinate"
      eirene correct 6e99262810 --actor Pakistan --recipient Afghanistan --reason "actor and target swapped"
    """
    from eirene import review

    with open_db(db) as store:
        saved = review.correct(
            store, event_id, reason=reason, author=author, wrong=wrong, event_type=event_type,
            actors=list(actors) or None, recipients=[] if no_recipient else (list(recipients) or None),
            factuality=factuality, date=date,
        )
    if not is_quiet(ctx):
        click.echo(f"correction {saved.id} by {saved.author} at {saved.created_at}: {saved.summary()}")


@click.group("corrections", context_settings=CONTEXT)
def corrections_group() -> None:
    """List, undo and export the corrections analysts made to coded events."""


@corrections_group.command("list", context_settings=CONTEXT)
@db_option
@click.option("--all", "show_all", is_flag=True, help="Also list undone corrections.")
@click.option("--doc", "doc_id", default=None, help="Only this document's corrections.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def list_command(db: str | None, show_all: bool, doc_id: str | None, fmt: str) -> None:
    """List corrections, oldest first.

    \b
    Example:
      eirene corrections list --all --format csv > corrections.csv
    """
    with open_db(db, read_only=True) as store:
        found = store.corrections(doc_id=doc_id, active=None if show_all else True)
    rows = [{"id": c.id, "event_id": c.event_id, "doc_id": c.doc_id, "what": c.summary(), "reason": c.reason,
             "by": c.author, "at": c.created_at, "undone": f"{c.undone_at} by {c.undone_by}" if c.undone_at else "",
             "trigger": c.trigger} for c in found]
    emit(rows, fmt, ["id", "event_id", "what", "reason", "by", "at", *(["undone"] if show_all else [])]
         if fmt == "table" else ["id", "event_id", "doc_id", "trigger", "what", "reason", "by", "at", "undone"],
         "corrections")


@corrections_group.command("undo", context_settings=CONTEXT)
@click.argument("correction_id", type=int)
@db_option
@click.option("--by", "author", default=None, help="Who undoes it (default: $EIRENE_USER or your login name).")
@click.pass_context
def undo_command(ctx: click.Context, correction_id: int, db: str | None, author: str | None) -> None:
    """Undo a correction: the coder's event comes back; the correction stays on record as undone.

    \b
    Example:
      eirene corrections undo 3
    """
    from eirene import review

    with open_db(db) as store:
        undone = review.undo(store, correction_id, author)
    if not is_quiet(ctx):
        click.echo(f"correction {undone.id} undone by {undone.undone_by} at {undone.undone_at}")


@corrections_group.command("export", context_settings=CONTEXT)
@db_option
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="JSON Lines file to write.")
@click.pass_context
def export_command(ctx: click.Context, db: str | None, out_path: str) -> None:
    """Write the active corrections as training data: one JSON line per corrected event, with
    the sentence, the coder's event (`predicted`) and the analyst's (`gold`, null: no event).

    \b
    Example:
      eirene corrections export --out corrections.jsonl
    """
    from eirene import review
    from eirene.export.base import atomic_text

    with open_db(db, read_only=True) as store:
        rows = review.export_training(store)
    with atomic_text(Path(out_path)) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if not is_quiet(ctx):
        click.echo(f"wrote {len(rows)} corrected events to {out_path}", err=True)
