"""`eirene actors ...`: look up, resolve and validate actor knowledge."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from eirene.cli.options import CONTEXT
from eirene.config import default_config_dir



def _kb(actor_files: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from eirene.actors.kb import KnowledgeBase

    return KnowledgeBase.load(actor_files, config_dir=default_config_dir() / "actors")


def _entry_dict(entry, kb, date: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    """The entry as shown: its code on `date`, and every role with the source it came from."""
    coding = kb.code_at(entry, date)
    out = {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "country": coding.country,
        "sector": coding.sector,
        "secondary_sector": entry.secondary_sector,
        "wikidata": entry.wikidata,
        "died": entry.died,
        "aliases": list(entry.aliases),
        "roles": [
            {
                "title": r.title,
                "country": r.country,
                "sector": r.sector,
                "start": r.start.isoformat() if r.start else None,
                "end": r.end.isoformat() if r.end else None,
                "source": r.source or entry.source,
            }
            for r in entry.roles
        ],
        "source": entry.source,
    }
    return {k: v for k, v in out.items() if v is not None or k in ("country", "sector")}


@click.group("actors", context_settings=CONTEXT)
def actors_group() -> None:
    """Actor knowledge: resolve names, show and search entries, validate your own files."""


@actors_group.command("resolve", context_settings=CONTEXT)
@click.argument("text", required=False)
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Story date (roles are dated).")
@click.option("--context", "context_text", default=None, help="The sentence the text comes from.")
@click.option("--jsonl", "jsonl_path", default=None, type=click.Path(allow_dash=True), help='Resolve one {"id","text","date"?,"context"?} per line.')
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
def resolve(text: str | None, date: str | None, context_text: str | None, jsonl_path: str | None, actor_files: tuple[str, ...]) -> None:
    """Resolve TEXT to an actor: prints {text, name, actor_id, country, sector, kind}.

    \b
    Examples:
      eirene actors resolve "President Ghani" --date 2018-11-09
      eirene actors resolve "Pakistani troops"
      eirene actors resolve --jsonl mentions.jsonl
    """
    from eirene.actors import ActorCoder

    if text is None and jsonl_path is None:
        raise click.UsageError("give TEXT or --jsonl FILE")
    coder = ActorCoder(_kb(actor_files))

    def as_json(phrase: str, ref) -> dict:  # type: ignore[no-untyped-def]
        if ref is None:
            return {"text": phrase, "name": None, "actor_id": None, "country": None, "sector": None, "kind": None}
        return {"text": phrase, "name": ref.name, "actor_id": ref.actor_id, "country": ref.country, "sector": ref.sector, "kind": ref.kind}

    if jsonl_path is None:
        click.echo(json.dumps(as_json(text or "", coder.resolve_text(text or "", date=date, context=context_text)), ensure_ascii=False))
        return
    handle = sys.stdin if jsonl_path == "-" else open(jsonl_path, encoding="utf-8")
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise click.ClickException(f"[E105] {jsonl_path}, line {number}: malformed JSON ({err.msg}).") from None
            phrase = str(record.get("text") or "")
            ref = coder.resolve_text(phrase, date=record.get("date") or date, context=record.get("context"))
            click.echo(json.dumps({"id": record.get("id"), **as_json(phrase, ref)}, ensure_ascii=False))


@actors_group.command("show", context_settings=CONTEXT)
@click.argument("name")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Show the coding on this date.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
def show(name: str, date: str | None, actor_files: tuple[str, ...]) -> None:
    """Show one knowledge-base entry by id or name, with its dated roles.

    \b
    Example:
      eirene actors show ashraf-ghani
      eirene actors show "Zalmay Khalilzad" --date 2019-03-01
    """
    kb = _kb(actor_files)
    entry = kb.get(name)
    if entry is None:
        hits = kb.lookup(name)
        entry = hits[0].entry if hits else None
    if entry is None:
        raise click.ClickException(f"No actor with id or name '{name}'. Try: eirene actors search '{name}'")
    click.echo(json.dumps(_entry_dict(entry, kb, date), ensure_ascii=False, indent=2))


@actors_group.command("search", context_settings=CONTEXT)
@click.argument("text")
@click.option("--limit", default=20, show_default=True)
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False))
def search(text: str, limit: int, actor_files: tuple[str, ...]) -> None:
    """Find entries whose name or alias contains TEXT.

    \b
    Example:
      eirene actors search taliban
    """
    kb = _kb(actor_files)
    for entry in kb.search(text, limit=limit):
        click.echo(f"{entry.id:<32} {entry.kind:<12} {entry.country or '-':<4} {entry.sector or '-':<4} {entry.name}")


@actors_group.command("validate", context_settings=CONTEXT)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--built", is_flag=True, help="Also check the built world-scale knowledge shipped with eirene.")
def validate(files: tuple[str, ...], built: bool) -> None:
    """Check actor files: unknown country or sector, duplicate ids, bad or overlapping
    dates, Wikidata ids and second sectors. A built file (actors.jsonl.gz) is checked too.

    \b
    Example:
      eirene actors validate my_actors.yaml
      eirene actors validate --built
    Prints one problem per line as FILE:LINE: message; exits 1 when any is an error
    (warnings, such as a role that starts weeks after a death, are printed only).
    """
    from eirene.actors.built_check import validate_built
    from eirene.actors.compiled import BUILT_FILE
    from eirene.actors.kb import validate_file

    if not files and not built:
        raise click.UsageError("give actor FILES, or --built")
    paths = [Path(path) for path in files] + ([BUILT_FILE] if built else [])
    files = tuple(str(path) for path in paths)
    problems = [p for path in paths
                for p in (validate_built(path) if path.name.endswith(".jsonl.gz") else validate_file(path))]
    for problem in problems:
        label = "warning: " if problem.level == "warning" else ""
        click.echo(f"{problem.path}:{problem.line}: {label}{problem.message}")
    if any(problem.level == "error" for problem in problems):
        raise SystemExit(1)
    click.echo(f"ok: {len(files)} file(s), no errors, {len(problems)} warning(s)" if problems
               else f"ok: {len(files)} file(s), no problems")
