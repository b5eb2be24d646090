"""`eirene dyad`, `eirene network`, `eirene claims`, `eirene actor`: the actor system from the shell.

Each command only parses options, asks eirene.analysis.ActorSystem and prints. Every
count follows one counting rule (eirene.analysis.rule), set by the same options in each
command (--factuality, --method, --min-confidence, --no-merge, --keep-self-loops) and
printed under the table as a legend, so a number here matches the web app and the
report under the same rule.
"""

from __future__ import annotations

import io
import json
from typing import Any

import click

from eirene.cli.options import CONTEXT, FORMATS, db_option, refuse_without_documents, rule_options
from eirene.cli.output import emit, echo_err

LEVEL = click.Choice(["country", "actor"])


def _rule(factuality: str, method: str | None, min_confidence: float, no_merge: bool, keep_self_loops: bool):  # type: ignore[no-untyped-def]
    from eirene.analysis.rule import CountingRule

    return CountingRule.from_options(factuality=factuality, method=method, min_confidence=min_confidence,
                                     merge=not no_merge, self_loops=keep_self_loops)


def _legend(rule: Any, fmt: str) -> None:
    """The rule under a table; on stderr for files, so they stay clean."""
    text = f"counted: {rule.legend()}"
    if fmt == "table":
        click.echo(text)
    else:
        echo_err(text)


def _system(db: str | None):  # type: ignore[no-untyped-def]
    """The actor system over the database; E147 when it holds no documents to analyse."""
    from eirene.analysis import open as open_system
    from eirene.config import default_db_path

    system = open_system(db or default_db_path())
    try:
        refuse_without_documents(system.store, db, "analyse")
    except BaseException:
        system.close()
        raise
    return system


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
@rule_options
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--all-periods", is_flag=True, help="Show periods without events too.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def dyad_command(a: str, b: str, db: str | None, freq: str, directed: bool, level: str, factuality: str,
                 method: str | None, min_confidence: float, no_merge: bool, keep_self_loops: bool,
                 since: str | None, until: str | None, all_periods: bool, fmt: str) -> None:
    """How A and B treat each other, period by period: events, cooperation, conflict, balance.

    A and B are names, aliases, actor ids or ISO3 codes; a comma makes a group.

    \b
    Examples:
      eirene dyad Russia Pakistan
      eirene dyad USA PAK --freq Q --directed
      eirene dyad "Russia,China" "United States" --factuality alleged
    """
    rule = _rule(factuality, method, min_confidence, no_merge, keep_self_loops)
    with _system(db) as system:
        series = system.dyad(_names(a), _names(b), freq=freq, directed=directed, level=level,
                             since=since, until=until, rule=rule)
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
        total = series.totals
        click.echo(f"total: {total['events']} events, cooperation {total['cooperation']}, "
                   f"conflict {total['conflict']}, balance {total['balance']:+d}"
                   + (f" ({series.undated} undated, in no period above)" if series.undated else "")
                   + f"; {series.mentions} reports")
    _legend(rule, fmt)


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
@rule_options
@click.option("--min-events", type=int, default=1, show_default=True, help="Drop edges with fewer events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "graphml"]), default="table",
              show_default=True, help="table: blocs, unassigned, ties; csv: the ties; json: node-link JSON; "
              "graphml: for Gephi or yEd.")
@click.option("--compare", default=None, metavar="SINCE:UNTIL",
              help="Also list who changed sides between this later window and --since/--until (table only).")
def network_command(db: str | None, since: str | None, until: str | None, level: str, factuality: str,
                    method: str | None, min_confidence: float, no_merge: bool, keep_self_loops: bool,
                    min_events: int, fmt: str, compare: str | None) -> None:
    """The signed actor network of a window: its blocs, who is left unassigned and why, and the ties.

    A tie is significant when its cooperative share departs from what its two actors'
    baselines predict, on evidence from at least two documents; blocs are the
    frustration-minimising split of the significant ties, with their stability over
    200 resamplings of the events (see docs/analysis.md).

    \b
    Examples:
      eirene network
      eirene network --since 2018 --until 2018-12 --min-events 2
      eirene network --format csv > ties.csv
      eirene network --format graphml > network.graphml
      eirene network --until 2018-06 --compare 2018-07:2019   # who changed sides
    """
    import networkx as nx

    rule = _rule(factuality, method, min_confidence, no_merge, keep_self_loops)
    with _system(db) as system:
        network = system.network(since, until, level=level, min_events=min_events, rule=rule)
        blocs = system.blocs(since, until, level=level, min_events=min_events, rule=rule)
        changes = []
        if compare is not None:
            later_since, _, later_until = compare.partition(":")
            changes = system.bloc_changes((since, until), (later_since or None, later_until or None),
                                          level=level, rule=rule)
        names = {k: system.mapper.node(k).name for t in network.alignment.ties for k in (t.u, t.v)}
    graph, alignment = network.graph, network.alignment
    if fmt in ("json", "graphml"):
        _write_graph(graph, fmt)
        _legend(rule, fmt)
        return
    ties = [_tie_row(t, names) for t in alignment.ties]
    if fmt == "csv":
        emit(ties, "csv", list(ties[0]) if ties else ["a", "b"])
        _legend(rule, fmt)
        return
    click.echo(alignment.note)
    bloc_rows = [{"bloc": b.id, "stability": f"{b.stability:.2f}",
                  "members (membership strength)": ", ".join(f"{m.name} {b.strength.get(m.key, 0):.2f}"
                                                              for m in b.members),
                  "opposed to": ", ".join(str(i) for i in b.opposed_to) or "-"} for b in blocs]
    emit(bloc_rows, "table", ["bloc", "stability", "members (membership strength)", "opposed to"],
         f"blocs ({alignment.resamples} resamplings, seed {alignment.seed})")
    loose = [{"actor": f"{names.get(k, k)} ({k})", "why": why} for k, why in alignment.unassigned.items()]
    if loose:
        emit(loose, "table", ["actor", "why"], "unassigned")
    emit(ties, "table", ["a", "b", "events", "cooperation", "conflict", "documents", "observed", "expected",
                         "excess", "tie"], "ties (each pair's cooperative share against its actors' baselines)")
    if compare is not None:
        change_rows = [{"actor": c.node.name, "before": ", ".join(n.name for n in c.before) or "-",
                        "after": ", ".join(n.name for n in c.after) or "-",
                        "joined": ", ".join(n.name for n in c.joined), "left": ", ".join(n.name for n in c.left)}
                       for c in changes]
        emit(change_rows, "table", ["actor", "before", "after", "joined", "left"], f"side changes, then {compare}")
    click.echo(f"ties: {alignment.tie_rule.legend()}")
    _legend(rule, fmt)


def _tie_row(tie: Any, names: dict[str, str]) -> dict[str, Any]:
    return {
        "a": names.get(tie.u, tie.u), "b": names.get(tie.v, tie.v), "a_key": tie.u, "b_key": tie.v,
        "events": tie.events, "cooperation": tie.cooperation, "conflict": tie.conflict, "documents": tie.stories,
        "observed": "" if tie.observed is None else f"{tie.observed:.0%}", "expected": f"{tie.expected:.0%}",
        "excess": f"{tie.excess:+.2f}", "tie": {1: "+", -1: "-"}.get(tie.sign, tie.status), "reason": tie.reason,
    }


def _write_graph(graph: Any, fmt: str) -> None:
    import networkx as nx

    if fmt == "json":
        click.echo(json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, default=str))
        return
    from eirene.export.graphml import gephi_ready

    buffer = io.BytesIO()
    nx.write_graphml(gephi_ready(graph), buffer)
    click.echo(buffer.getvalue().decode("utf-8"), nl=False)


@click.command("claims", context_settings=CONTEXT)
@db_option
@click.option("--about", default=None, help="Claims about this actor (the accused or the recipient).")
@click.option("--by", default=None, help="Claims made by this actor (the claimant).")
@click.option("--type", "event_type", default=None, help="PLOVER type of the claimed event, e.g. AID.")
@click.option("--denials", is_flag=True, help="List denials instead: negated events and REJECTs (--by: the denier).")
@click.option("--grouped", is_flag=True, help="One row per claimant, accused and type, with counts.")
@click.option("--since", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--until", default=None, metavar="YYYY[-MM[-DD]]")
@click.option("--method", default=None, metavar="M[,M...]", help="Only events coded by these methods (rule, model).")
@click.option("--min-confidence", type=float, default=0.0, show_default=True, help="Only events this sure (0 to 1).")
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many (0: all).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def claims_command(db: str | None, about: str | None, by: str | None, event_type: str | None, denials: bool,
                   grouped: bool, since: str | None, until: str | None, method: str | None, min_confidence: float,
                   limit: int, fmt: str) -> None:
    """Who says who did what: allegations, attributed events and accusations, with their evidence.

    An actor reporting its own act is not a claim; a source that names no known actor,
    or a person dead by the claim's date, is no claimant (the claim is listed as
    unattributed, with a note). Non-answers ("declined to comment") are not denials.

    \b
    Examples:
      eirene claims --about Russia --type AID     # who says Russia arms or funds the Taliban?
      eirene claims --by "United States" --grouped
      eirene claims --denials --by Pakistan       # what does Pakistan deny or refuse?
    """
    from eirene.analysis.claims import UNATTRIBUTED, group_claims

    rule = _rule("all", method, min_confidence, False, False)
    with _system(db) as system:
        if denials:
            found = system.denials(by=by, about=about, event_type=event_type, since=since, until=until,
                                   limit=limit or None, rule=rule)
        else:
            found = system.claims(about=about, by=by, event_type=event_type, since=since, until=until,
                                  limit=limit or None, rule=rule)
    if grouped:
        rows = [{"claimant": g.claimant, "accused": g.accused, "event_type": g.event_type, "about": g.about,
                 "factuality": g.factuality, "kind": g.kind, "count": g.count, "first_date": g.first_date}
                for g in group_claims(found)]
        emit(rows, fmt, ["claimant", "accused", "event_type", "about", "factuality", "kind", "count", "first_date"],
             "denials" if denials else "claims, grouped")
        return
    rows = [{
        "date": c.date, "kind": c.kind, "claimant": "; ".join(r.name for r in c.claimants) or UNATTRIBUTED,
        "accused": [r.name for r in c.accused], "event_type": c.event_type, "recipients": [r.name for r in c.recipients],
        "factuality": c.factuality, "trigger": c.trigger, "text": _short(" ".join(c.text.split()), fmt),
        "doc_id": c.doc_id, "event_id": c.event_id, "note": c.note,
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
@rule_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def actor_command(name: str, db: str | None, level: str | None, since: str | None, until: str | None,
                  factuality: str, method: str | None, min_confidence: float, no_merge: bool, keep_self_loops: bool,
                  fmt: str) -> None:
    """One actor's profile: events as actor and recipient, partners, adversaries, who it sides
    with and opposes (its significant ties), by year, roles.

    \b
    Examples:
      eirene actor Pakistan
      eirene actor "Zalmay Khalilzad" --since 2018
      eirene actor Taliban --format json
    """
    rule = _rule(factuality, method, min_confidence, no_merge, keep_self_loops)
    with _system(db) as system:
        p = system.actor(name, level=level, since=since, until=until, rule=rule)
    data = profile_data(p)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, default=str))
        return

    def names(items: list) -> str:
        return ", ".join(f"{n.name} {c}" for n, c in items) or "-"

    click.echo(f"{p.node.name} ({p.node.key}, {p.node.kind})")
    click.echo(f"  events: {p.events} (as actor: {p.events_as_actor}, as recipient: {p.events_as_recipient})")
    click.echo(f"  partners: {names(p.partners)}")
    click.echo(f"  adversaries: {names(p.adversaries)}")
    click.echo(f"  sides with: {', '.join(n.name for n in p.sides_with) or '-'}")
    click.echo(f"  opposes: {', '.join(n.name for n in p.opposes) or '-'}")
    for a, b in p.torn:
        click.echo(f"  torn between {a.name} and {b.name} (they oppose each other; it has positive ties with both)")
    click.echo(f"  bloc: {p.bloc if p.bloc >= 0 else 'none'}")
    rows = [{"year": y, "events": s.events, "cooperation": s.cooperation, "conflict": s.conflict,
             "partners": names(s.partners), "adversaries": names(s.adversaries)} for y, s in p.by_year.items()]
    emit(rows, "table", ["year", "events", "cooperation", "conflict", "partners", "adversaries"], "by year")
    if p.undated:
        click.echo(f"  ({p.undated} undated events are counted above but in no year)")
    for r in p.roles:
        click.echo(f"  role: {r.title} ({r.start or '?'} - {r.end or 'now'})")
    _legend(rule, fmt)


def profile_data(p: Any) -> dict[str, Any]:
    """An ActorProfile as plain JSON data."""
    def pairs(items: list) -> list[dict[str, Any]]:
        return [{"key": n.key, "name": n.name, "events": c} for n, c in items]

    return {
        "node": p.node.__dict__, "events": p.events, "events_as_actor": p.events_as_actor,
        "events_as_recipient": p.events_as_recipient, "partners": pairs(p.partners),
        "adversaries": pairs(p.adversaries), "sides_with": [n.__dict__ for n in p.sides_with],
        "opposes": [n.__dict__ for n in p.opposes], "torn": [[a.key, b.key] for a, b in p.torn], "bloc": p.bloc,
        "by_year": {str(y): {"events": s.events, "cooperation": s.cooperation, "conflict": s.conflict,
                             "partners": pairs(s.partners), "adversaries": pairs(s.adversaries)}
                    for y, s in p.by_year.items()},
        "undated": p.undated,
        "roles": [{"title": r.title, "country": r.country, "sector": r.sector, "start": r.start, "end": r.end,
                   "org": r.org} for r in p.roles],
        "rule": p.rule.as_dict(),
    }
