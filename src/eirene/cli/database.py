"""`eirene docs`, `eirene events`, `eirene errors`, `eirene stats`, `eirene upgrade`: what the
database holds, listed or summed up, and bringing an older file up to date."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from eirene.cli.options import CONTEXT, FORMATS, db_option, open_db
from eirene.cli.output import emit
from eirene.config import default_db_path
from eirene.vocab import FACTUALITY_VALUES

if TYPE_CHECKING:
    from eirene.store import Store


@click.command("docs", context_settings=CONTEXT)
@db_option
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def docs(db: str | None, fmt: str) -> None:
    """List stored documents with their dates, their story and why one is not coded.

    `story` names the story's first document when the document is a copy of another
    (a wire story run by several outlets; its events count once). `note` says why a
    document holds no events (not coded yet, or in a language eirene does not code), and
    flags a document without a publication date: a date read from its text is a lower
    bound (the article is at least as recent as the latest day it names), and one with no
    date at all got its actors' least date-dependent codes, never today's roles.

    \b
    Example:
      eirene docs --format csv > documents.csv
    """
    from eirene.languages import not_coded_reason
    from eirene.stories import story_ids
    from eirene.summary import document_dating_note

    with open_db(db, read_only=True, needs_documents="list") as store:
        rows = store.documents()
        stories = story_ids(store)
        undated_texts = {row["id"]: _text_of(store, row["id"]) for row in rows if not row.get("date")}
    for row in rows:
        row["story"] = stories.get(row["id"])
        language_note = not_coded_reason(row.get("language"))
        coding_note = (f"not coded: {language_note}" if language_note else
                       "not coded yet: run `eirene code`" if row.get("sentences") is None else None)
        dating_note = document_dating_note(row.get("date"), row.get("date_source"), undated_texts.get(row["id"]))
        row["note"] = "; ".join(n for n in (coding_note, dating_note) if n) or None
    emit(rows, fmt, ["id", "title", "date", "date_precision", "date_source", "path", "url", "language", "story",
                     "sentences", "events", "note"], "documents")


def _text_of(store: Store, doc_id: str) -> str:
    """A stored document's text (read only for undated documents, whose note needs it)."""
    document = store.get_document(doc_id)
    return document.text if document is not None else ""


@click.command("events", context_settings=CONTEXT)
@db_option
@click.option("--actor", default=None, help="Actor name, alias, id or country code (e.g. PAK, Taliban).")
@click.option("--recipient", default=None, help="Recipient, same forms as --actor.")
@click.option("--type", "event_type", default=None, help="PLOVER type, e.g. ASSAULT.")
@click.option("--factuality", default=None, type=click.Choice(FACTUALITY_VALUES))
@click.option("--since", default=None, metavar="YYYY-MM-DD")
@click.option("--until", default=None, metavar="YYYY-MM-DD")
@click.option("--doc", "doc_id", default=None, help="Only events of this document id.")
@click.option("--limit", default=None, type=int, help="At most this many events.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def events(db, actor, recipient, event_type, factuality, since, until, doc_id, limit, fmt) -> None:  # type: ignore[no-untyped-def]
    """List coded events, filtered.

    \b
    Examples:
      eirene events --actor USA --recipient PAK
      eirene events --type ASSAULT --since 2016-01-01 --format jsonl
    """
    from eirene.store import EventFilter

    flt = EventFilter(actor=actor, recipient=recipient, event_type=event_type, factuality=factuality, since=since, until=until, doc_id=doc_id, limit=limit)
    with open_db(db, read_only=True, needs_documents="list") as store:
        found = store.events(flt)
    if fmt == "jsonl":
        for event in found:
            click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
        return
    rows = [_event_row(e) for e in found]
    # the id last: what `eirene correct ID` takes, without moving the columns scripts read
    emit(rows, fmt, ["date", "event_type", "mode", "actors", "recipients", "factuality", "attributed_to", "trigger",
                     "doc_id", "id"], "events")


def _event_row(event) -> dict:  # type: ignore[no-untyped-def]
    def names(refs: Iterable) -> str:
        return ", ".join(f"{r.name} ({r.country or '-'}/{r.sector or '-'})" for r in refs)

    row = event.to_dict()
    row["actors"] = names(event.actors)
    row["recipients"] = names(event.recipients)
    row["attributed_to"] = event.attributed_to.name if event.attributed_to else None
    return row


@click.command("stats", context_settings=CONTEXT)
@db_option
def stats(db: str | None) -> None:
    """Corpus statistics: documents, events by type, top actors and dyads.

    \b
    Example:
      eirene stats --db news.duckdb
    """
    from eirene.summary import render_stats

    with open_db(db, read_only=True, needs_documents="count") as store:
        click.echo(render_stats(store.stats()))


@click.command("upgrade", context_settings=CONTEXT)
@db_option
def upgrade(db: str | None) -> None:
    """Bring a database written by an older eirene to the current schema, in place.

    Read-only commands (stats, events, serve ...) refuse an older file with E412; this
    opens it for writing once, which applies the upgrade steps, and keeps every row.

    \b
    Example:
      eirene upgrade --db news.duckdb
      eirene upgrade --db postgresql://analyst@db.example.org/news
    """
    from eirene.errors import StoreError
    from eirene.store import SCHEMA_VERSION

    location = db or default_db_path()
    if "://" not in location and not Path(location).exists():  # a URL names a server's database
        raise StoreError("E401", path=location, reason="there is no such file; check --db or $EIRENE_DB")
    with open_db(location) as store:
        click.echo(f"{store.location}: schema version {SCHEMA_VERSION}")


@click.command("errors", context_settings=CONTEXT)
@db_option
@click.option("--run", "run_id", type=int, default=None, help="Only errors of this run.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def errors(db: str | None, run_id: int | None, fmt: str) -> None:
    """List input items that could not be read or coded, with the reason.

    Files a folder held that eirene does not read (other types, FIFOs, link loops)
    are listed too, with kind "skipped".

    \b
    Example:
      eirene errors --format csv
    """
    from eirene.corpus.options import SKIPPED

    with open_db(db, read_only=True) as store:
        rows = [{**row, "kind": "skipped" if row["code"] == SKIPPED else "error"} for row in store.errors(run_id)]
    emit(rows, fmt, ["run_id", "kind", "code", "source", "line", "message"], "ingest errors")
