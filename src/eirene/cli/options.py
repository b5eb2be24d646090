"""Options and settings that several commands share, declared once.

Why here: `--db`, `--quiet` and the reading options mean the same in every command,
so their names, defaults and help text live in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eirene.config import default_db_path
from eirene.vocab import FACTUALITY_VALUES

if TYPE_CHECKING:
    from eirene.corpus import ReadOptions
    from eirene.store import Store

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
FORMATS = click.Choice(["table", "jsonl", "csv"])
DB_HELP = ("Database: a DuckDB file, or a PostgreSQL URL postgresql://user@host/db "
           "(default: $EIRENE_DB or ./eirene.duckdb).")


def db_option(func):  # type: ignore[no-untyped-def]
    return click.option("--db", default=None, metavar="PATH|URL", help=DB_HELP)(func)


def quiet_option(func):  # type: ignore[no-untyped-def]
    """`--quiet` after the command name too (`eirene code --quiet ...`)."""

    def set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            ctx.ensure_object(dict)["quiet"] = True

    return click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=set_quiet, help="No progress or summary.")(func)


def is_quiet(ctx: click.Context) -> bool:
    """Whether `--quiet` was given, before or after the command name."""
    return bool((ctx.obj or {}).get("quiet"))


def reading_options(func):  # type: ignore[no-untyped-def]
    """The options that say how inputs are read, shared by `code` and `ingest`."""
    for option in reversed([
        click.option("--date", "default_date", default=None, metavar="YYYY-MM-DD", help="Publication date for documents where none is found."),
        click.option("--text-field", default="text", show_default=True, help="Record field holding the text (jsonl/json/csv)."),
        click.option("--id-field", default="id", show_default=True, help="Record field holding the id."),
        click.option("--date-field", default="date", show_default=True, help="Record field holding the publication date."),
        click.option("--max-mb", default=20.0, show_default=True, help="Largest document accepted, in MB."),
        click.option("--strict", is_flag=True, help="Exit non-zero when any input item fails."),
    ]):
        func = option(func)
    return func


def read_options(default_date: str | None, text_field: str, id_field: str, date_field: str, max_mb: float) -> ReadOptions:
    """The reading options' values as the corpus readers take them."""
    from eirene.corpus import ReadOptions

    return ReadOptions(
        text_field=text_field, id_field=id_field, date_field=date_field, max_mb=max_mb, default_date=default_date
    )


def open_db(db: str | None, read_only: bool = False, needs_documents: str | None = None) -> Store:
    """The store named by `--db` (or the default database).

    needs_documents: what the command does ("list", "export"); given, a database that
    holds no document at all is refused with E147, so that a newcomer who coded nothing
    (or into another file) hears so instead of seeing an empty table.
    """
    from eirene.store import open_store

    store = open_store(db or default_db_path(), read_only=read_only)
    if needs_documents is not None:
        try:
            refuse_without_documents(store, db, needs_documents)
        except BaseException:
            store.close()
            raise
    return store


def refuse_without_documents(store: Store, db: str | None, what: str) -> None:
    """Raise E147 when `store` holds no document (the caller closes it)."""
    from eirene.errors import EireneError

    if store.count_documents() > 0:
        return
    where = db or default_db_path()
    raise EireneError("E147", what=what, reason=f"the database {where} holds no documents",
                      advice=f"Code some first: `eirene code FOLDER --db {where}`, or name the database "
                             "you coded into with --db.")


def rule_options(func):  # type: ignore[no-untyped-def]
    """The counting-rule options every analysis command shares."""
    for option in reversed([
        click.option("--factuality", default="asserted", show_default=True, metavar="F[,F...]",
                     help="Which events count: " + ", ".join(FACTUALITY_VALUES) + ", or all (comma-separated)."),
        click.option("--method", default=None, metavar="M[,M...]",
                     help="Count only events coded by these methods: rule, model, or a full id (rule:agree.agree)."),
        click.option("--min-confidence", type=float, default=0.0, show_default=True,
                     help="Count only events coded with at least this confidence (0 to 1)."),
        click.option("--no-merge", is_flag=True,
                     help="Count every mention (default: reports of one happening count once)."),
        click.option("--keep-self-loops", is_flag=True,
                     help="Count events whose actor and recipient are one node (default: dropped)."),
    ]):
        func = option(func)
    return func
