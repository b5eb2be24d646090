"""`eirene dyad`, `eirene network`, `eirene claims`, `eirene actor`: the actor system from the shell.

Each command only parses options, asks eirene.analysis.ActorSystem and prints.
"""

from __future__ import annotations

import io
import json
from typing import Any

import click

from eirene.cli.options import CONTEXT, FORMATS, db_option
from eirene.cli.output import emit
from eirene.vocab import FACTUALITY_VALUES

FACTUALITY = click.Choice([*FACTUALITY_VALUES, "all"])
LEVEL = click.Choice(["country", "actor"])


def _system(db: str | None):  # type: ignore[no-untyped-def]
    from eirene.analysis import open as open_system
    from eirene.config import default_db_path

    return open_system(db or default_db_path())


def _fact(value: str) -> str | None:
    return None if value == "all" else value


def _ref(ref: Any) -> str:
    return "" if ref is None else ref.name


@click.command("dyad", context_settings=CONTEXT)
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--freq", default="M", show_default=True, help="Window: D, W, M, Q or Y.")
@click.option("--directed", is_flag=True, help="Count A -> B only (default: both ways).")
@click.option("--level", type=LEVEL, default="country", show_default=True,
              help="country: ministers, army, spies count as their state; actor: every actor apart.")
@click.option("--factuality", type=FACTUALITY, default="asserted", show_default=True,
              help="Which events count; 'alleged' shows the allegations alone, 'all' everything.")
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--all-periods", is_flag=True, help="Show periods without events too.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def dyad_command(a: str, b: str, db: str | None, freq: str, directed: bool, level: str, factuality: str,
                 since: str | None, until: str | None, all_periods: bool, fmt: str) -> None:
    """How A and B treat each other, period by period: events, cooperation, conflict, balance.

    A and B are names, aliases, actor ids or ISO3 codes; a comma makes a group.

    \b
    Examples:
      eirene dyad Russia Pakistan
      eirene dyad USA PAK --freq Q --directed
      eirene dyad "Russia,China" "United States" --factuality alleged
    """
    with _system(db) as system:
        series = system.dyad(_names(a), _names(b), freq=freq, directed=directed, level=level,
                             factuality=_fact(factuality), since=since, until=until)
    frame = series.frame
    if not all_periods:
        frame = frame[frame["events"] > 0]
    types = [c for c in frame.columns[1:17] if int(frame[c].sum()) > 0]
    rows = []
    for period, record in zip(frame.index, frame.to_dict("records")):
        item = {"period": period.date().isoformat(), **{k: _plain(v) for k, v in record.items()}}
        item["intensity_mean"] = round(item["intensity_mean"], 2)
        item["types"] = ", ".join(f"{t} {item[t]}" for t in types if item[t])
        rows.append(item)
    columns = ["period", "events", "cooperation", "conflict", "balance", "intensity_mean", "types"]
    if fmt != "table":
        columns = ["period", *frame.columns]
    emit(rows, fmt, columns, f"{a} {'->' if directed else '<->'} {b}")
    if fmt == "table":
        total = frame[["events", "cooperation", "conflict", "balance"]].sum()
        click.echo(f"total: {int(total['events'])} events, cooperation {int(total['cooperation'])}, "
                   f"conflict {int(total['conflict'])}, balance {int(total['balance']):+d}"
                   + (f"; {series.undated} undated events not in the series" if series.undated else ""))


def _names(text: str) -> str | list[str]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    return parts[0] if len(parts) == 1 else parts


def _short(text: str, fmt: str, width: int = 120) -> str:
    """Evidence sentences in full for files, cut for a table on screen."""
    return text if fmt != "table" or len(text) <= width else text[: width - 1] + "…"


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


@click.command("network", context_settings=CONTEXT)
@db_option
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--level", type=LEVEL, default="country", show_default=True)
@click.option("--factuality", type=FACTUALITY, default="asserted", show_default=True)
@click.option("--min-events", type=int, default=1, show_default=True, help="Drop edges with fewer events.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "graphml"]), default="table", show_default=True,
              help="table: blocs and edges; json: node-link JSON; graphml: for Gephi or yEd.")
@click.option("--compare", default=None, metavar="SINCE:UNTIL",
              help="Also list who changed sides between this later window and --since/--until (table only).")
def network_command(db: str | None, since: str | None, until: str | None, level: str, factuality: str,
                    min_events: int, fmt: str, compare: str | None) -> None:
    """The signed actor network of a window: who cooperates, who clashes, and the blocs.

    \b
    Examples:
      eirene network
      eirene network --since 2018 --until 2018-12 --min-events 2
      eirene network --format graphml > network.graphml
      eirene network --until 2018-06 --compare 2018-07:2019   # who changed sides
    """
    import networkx as nx

    with _system(db) as system:
        graph = system.network(since, until, level=level, factuality=_fact(factuality), min_events=min_events).graph
        blocs = system.blocs(since, until, level=level, factuality=_fact(factuality), min_events=min_events)
        changes = []
        if compare is not None:
            later_since, _, later_until = compare.partition(":")
            changes = system.bloc_changes((since, until), (later_since or None, later_until or None),
                                          level=level, factuality=_fact(factuality))
    if fmt == "json":
        click.echo(json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, default=str))
        return
    if fmt == "graphml":
        buffer = io.BytesIO()
        export = graph.copy()
        for _, data in export.nodes(data=True):  # GraphML has no null: a stateless node's country is ""
            data["country"] = data["country"] or ""
        nx.write_graphml(export, buffer)
        click.echo(buffer.getvalue().decode("utf-8"), nl=False)
        return
    bloc_rows = [{"bloc": b.id, "members": ", ".join(f"{m.name} ({m.key})" for m in b.members)} for b in blocs]
    emit(bloc_rows, "table", ["bloc", "members"], "blocs")
    edges = sorted(graph.edges(data=True), key=lambda e: (-e[2]["events"], e[0], e[1]))
    rows = [{"a": graph.nodes[u]["name"], "b": graph.nodes[v]["name"], **d} for u, v, d in edges]
    for row in rows:
        row["sign"] = {1: "+", -1: "-", 0: "0"}[row["sign"]]
        row["intensity_mean"] = round(row["intensity_mean"], 2)
    emit(rows, "table", ["a", "b", "events", "cooperation", "conflict", "balance", "sign", "intensity_mean"], "edges")
    if compare is not None:
        change_rows = [{"actor": c.node.name, "before": ", ".join(n.name for n in c.before) or "-",
                        "after": ", ".join(n.name for n in c.after) or "-",
                        "joined": ", ".join(n.name for n in c.joined), "left": ", ".join(n.name for n in c.left)}
                       for c in changes]
        emit(change_rows, "table", ["actor", "before", "after", "joined", "left"], f"side changes, then {compare}")


@click.command("claims", context_settings=CONTEXT)
@db_option
@click.option("--about", default=None, help="Claims about this actor (the accused or the recipient).")
@click.option("--by", default=None, help="Claims made by this actor (the claimant).")
@click.option("--type", "event_type", default=None, help="PLOVER type of the claimed event, e.g. AID.")
@click.option("--denials", is_flag=True, help="List denials instead: negated events and REJECTs (--by: the denier).")
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many (0: all).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def claims_command(db: str | None, about: str | None, by: str | None, event_type: str | None, denials: bool,
                   since: str | None, until: str | None, limit: int, fmt: str) -> None:
    """Who says who did what: allegations, attributed events and accusations, with their evidence.

    \b
    Examples:
      eirene claims --about Russia --type AID     # who says Russia arms or funds the Taliban?
      eirene claims --by "United States"
      eirene claims --denials --by Pakistan       # what does Pakistan deny or refuse?
    """
    with _system(db) as system:
        if denials:
            found = system.denials(by=by, about=about, event_type=event_type, since=since, until=until,
                                   limit=limit or None)
        else:
            found = system.claims(about=about, by=by, event_type=event_type, since=since, until=until,
                                  limit=limit or None)
    rows = [{
        "date": c.date, "kind": c.kind, "claimant": "; ".join(r.name for r in c.claimants) or "(unnamed)",
        "accused": [r.name for r in c.accused], "event_type": c.event_type, "recipients": [r.name for r in c.recipients],
        "factuality": c.factuality, "trigger": c.trigger, "text": _short(" ".join(c.text.split()), fmt), "doc_id": c.doc_id,
        "event_id": c.event_id,
    } for c in found]
    emit(rows, fmt, ["date", "claimant", "accused", "event_type", "recipients", "factuality", "text"]
          if fmt == "table" else list(rows[0]) if rows else ["event_id"], "denials" if denials else "claims")


@click.command("actor", context_settings=CONTEXT)
@click.argument("name")
@db_option
@click.option("--level", type=LEVEL, default=None,
              help="Default: a person or organisation as itself, anything else as its country.")
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def actor_command(name: str, db: str | None, level: str | None, since: str | None, until: str | None, fmt: str) -> None:
    """One actor's profile: events as actor and recipient, partners, adversaries, by year, roles.

    \b
    Examples:
      eirene actor Pakistan
      eirene actor "Zalmay Khalilzad" --since 2018
      eirene actor Taliban --format json
    """
    with _system(db) as system:
        p = system.actor(name, level=level, since=since, until=until)

    def pairs(items: list) -> list[dict[str, Any]]:
        return [{"key": n.key, "name": n.name, "events": c} for n, c in items]

    data = {
        "node": p.node.__dict__, "events_as_actor": p.events_as_actor, "events_as_recipient": p.events_as_recipient,
        "partners": pairs(p.partners), "adversaries": pairs(p.adversaries),
        "sides_with": [n.__dict__ for n in p.sides_with],
        "by_year": {str(y): {"events": s.events, "cooperation": s.cooperation, "conflict": s.conflict,
                             "partners": pairs(s.partners), "adversaries": pairs(s.adversaries)}
                    for y, s in p.by_year.items()},
        "undated": p.undated,
        "roles": [{"title": r.title, "country": r.country, "sector": r.sector, "start": r.start, "end": r.end,
                   "org": r.org} for r in p.roles],
    }
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, default=str))
        return
    def names(items: list) -> str:
        return ", ".join(f"{n.name} {c}" for n, c in items) or "-"

    click.echo(f"{p.node.name} ({p.node.key}, {p.node.kind})")
    click.echo(f"  events as actor: {p.events_as_actor}, as recipient: {p.events_as_recipient}")
    click.echo(f"  partners: {names(p.partners)}")
    click.echo(f"  adversaries: {names(p.adversaries)}")
    click.echo(f"  sides with: {', '.join(n.name for n in p.sides_with) or '-'}")
    rows = [{"year": y, "events": s.events, "cooperation": s.cooperation, "conflict": s.conflict,
             "partners": names(s.partners), "adversaries": names(s.adversaries)} for y, s in p.by_year.items()]
    emit(rows, "table", ["year", "events", "cooperation", "conflict", "partners", "adversaries"], "by year")
    if p.undated:
        click.echo(f"  ({p.undated} undated events are counted above but in no year)")
    for r in p.roles:
        click.echo(f"  role: {r.title} ({r.start or '?'} - {r.end or 'now'})")
