"""`eirene scenario derive|run|sensitivity`: the bargaining model from the shell.

Each command only parses options, calls eirene.scenario and prints. `derive` writes
the inputs YAML (every number with its evidence) for the analyst to review; `run` and
`sensitivity` read that YAML or a CSV (Actor, Capability, Position, Salience), take
`--set ACTOR.FIELD=NUMBER` overrides, and print a table, JSON or CSV.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import click

from eirene.cli.options import CONTEXT, FORMATS, db_option, is_quiet, open_db, quiet_option
from eirene.cli.output import echo_err, emit

if TYPE_CHECKING:
    from eirene.scenario import ScenarioInputs, ScenarioResult, Sensitivity, Sweep

RUN_FORMATS = click.Choice(["table", "json", "csv"])
VARIANT = click.Choice(["scholz", "textbook"])


def model_options(func):  # type: ignore[no-untyped-def]
    """The options every command that runs the model shares: rounds, q, variant, --set."""
    for option in reversed([
        click.option("--rounds", type=int, default=10, show_default=True, help="Rounds of bargaining at most."),
        click.option("--q", type=float, default=1.0, show_default=True,
                     help="Probability that the status quo holds if nobody challenges (0 to 1)."),
        click.option("--variant", type=VARIANT, default="scholz", show_default=True,
                     help="scholz: Scholz et al.'s reading (reproduces their runs); textbook: Bueno de "
                          "Mesquita's stated intent where the two differ."),
        click.option("--set", "settings", multiple=True, metavar="ACTOR.FIELD=NUMBER",
                     help="Override one input, e.g. PAK.salience=0.9 (repeatable; FIELD is capability, "
                          "position or salience; ACTOR a name or key)."),
    ]):
        func = option(func)
    return func


def load_inputs(path: str, settings: tuple[str, ...]) -> ScenarioInputs:
    """The inputs file (.yaml or .csv) with the --set overrides applied."""
    from eirene.scenario import apply_overrides, read_inputs

    return apply_overrides(read_inputs(path), settings)


@click.group("scenario", context_settings=CONTEXT)
def scenario_group() -> None:
    """Scenarios: where the bargaining over one issue is heading (Bueno de Mesquita's model).

    A model of bargaining, not a prediction machine: read the forecast with the rounds,
    the baselines and the sensitivity sweep (docs/scenarios.md).

    \b
    Examples:
      eirene scenario derive examples/afghan-settlement.issue.yaml --as-of 2018-12-31 --window 4y --out s.yaml
      eirene scenario run s.yaml --set PAK.salience=0.9
      eirene scenario run eu_example.csv --rounds 10 --format json
      eirene scenario sensitivity s.yaml --field salience --change 0.2
    """


@scenario_group.command("derive", context_settings=CONTEXT)
@click.argument("issue", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--as-of", "as_of", required=True, metavar="YYYY-MM-DD",
              help="The last day read: nothing dated after it is used.")
@click.option("--window", default="180d", show_default=True, metavar="N{d,w,m,y}",
              help="How far back from --as-of events are read: 180d, 26w, 6m, 3y.")
@click.option("--level", type=click.Choice(["country", "actor"]), default="country", show_default=True)
@click.option("--factuality", default="asserted", show_default=True, help="Which events count (or all).")
@click.option("--min-events", type=int, default=1, show_default=True,
              help="Leave out actors with fewer events in the window (anchors always stay).")
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False),
              help="YAML file to write (default: print it).")
@quiet_option
@click.pass_context
def derive_command(ctx: click.Context, issue: str, db: str | None, as_of: str, window: str, level: str,
                   factuality: str, min_events: int, out_path: str | None) -> None:
    """Propose a scenario's inputs for ISSUE (a YAML issue file) from the events in the database.

    Every number carries its evidence (event ids, counts, national figures); numbers no
    evidence backs (non-state capabilities, actors without relations) are listed under
    `confirm` for you to check. Edit the YAML, then `eirene scenario run` it.

    \b
    Examples:
      eirene scenario derive examples/afghan-settlement.issue.yaml --as-of 2018-12-31 --window 4y --out s.yaml
      eirene scenario derive issue.yaml --db news.duckdb --as-of 2020-02-29 --window 180d
    """
    from eirene.config import default_db_path
    from eirene.scenario import derive_inputs, inputs_to_yaml

    inputs = derive_inputs(db or default_db_path(), issue, as_of=as_of, window=window, level=level,
                           factuality=None if factuality == "all" else factuality, min_events=min_events)
    text = inputs_to_yaml(inputs)
    if out_path:
        with open(out_path, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        click.echo(text, nl=False)
    if not is_quiet(ctx):
        derived = inputs.derived
        echo_err(f"derived {len(inputs.actors)} actors from {derived['events_read']} events "
                 f"({derived['since']} to {derived['as_of']})" + (f"; wrote {out_path}" if out_path else ""))
        flagged = [f"{a.name} {f}" for a in inputs.actors for f in a.confirm]
        if flagged:
            echo_err("to confirm (no evidence backs these numbers): " + ", ".join(flagged))


@scenario_group.command("run", context_settings=CONTEXT)
@click.argument("inputs_path", metavar="INPUTS", type=click.Path(exists=True, dir_okay=False))
@model_options
@click.option("--format", "fmt", type=RUN_FORMATS, default="table", show_default=True,
              help="table: inputs, rounds, forecast; json: everything, `rounds` holds each round's median, "
                   "mean and positions (round 0 is the input); csv: one row per round.")
@click.option("--db", default=None, metavar="PATH",
              help="Store the run in this database to cite it later (default: $EIRENE_DB if set).")
@click.option("--no-store", is_flag=True, help="Do not store the run, even with --db or $EIRENE_DB.")
@click.option("--note", default=None, help="A note kept with the stored run.")
@quiet_option
@click.pass_context
def run_command(ctx: click.Context, inputs_path: str, rounds: int, q: float, variant: str,
                settings: tuple[str, ...], fmt: str, db: str | None, no_store: bool, note: str | None) -> None:
    """Run the model on INPUTS (the YAML `derive` writes, or a CSV Actor, Capability, Position, Salience).

    With --db (or $EIRENE_DB) the run is stored with the sha256 of its inputs, so it can
    be cited and reproduced (`eirene scenario runs`, `eirene scenario show ID`).

    \b
    Examples:
      eirene scenario run s.yaml --db eirene.duckdb
      eirene scenario run s.yaml --set PAK.salience=0.9 --set Taliban.capability=0.01
      eirene scenario run eu_example.csv --variant textbook --format csv
    """
    from eirene.scenario import run_scenario

    result = run_scenario(load_inputs(inputs_path, settings), rounds=rounds, q=q, variant=variant)  # type: ignore[arg-type]
    target = None if no_store else (db or os.environ.get("EIRENE_DB"))
    stored = None
    if target:
        from eirene.scenario.stored import save_run

        source = inputs_path + "".join(f" --set {s}" for s in settings)
        with open_db(target) as store:
            stored = save_run(store, result, rounds=rounds, source=source, note=note)
        if not is_quiet(ctx):
            echo_err(f"stored as scenario run {stored.id} in {target} (inputs sha256 {stored.input_hash[:12]})")
    if fmt == "json":
        data = result.to_dict()
        if stored is not None:
            data["stored_run"] = stored.id
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        rows = result.rows()
        emit(rows, "csv", list(rows[0]))
    else:
        print_result(result)


def print_result(result: ScenarioResult) -> None:
    """The inputs with each actor's final position, the rounds, and the forecast beside the baselines."""
    last = result.rounds[-1].positions
    rows = [{"actor": a.name, "capability": _num(a.capability), "position": _num(a.position),
             "salience": _num(a.salience), "final position": _num(last[a.name]),
             "to confirm": ", ".join(a.confirm), "edited": ", ".join(a.edited())} for a in result.inputs.actors]
    emit(rows, "table", list(rows[0]), f"{result.inputs.issue or 'scenario'}: inputs")
    path = [{"round": r.round, "median": _num(r.median), "mean": _num(r.mean), "moves": len(r.moves),
             "who moved": ", ".join(f"{o.receiver} ({o.kind})" for o in r.moves)} for r in result.rounds]
    emit(path, "table", list(path[0]), "rounds (0 = the inputs)")
    click.echo(forecast_line(result))
    click.echo(f"inputs sha256 {result.input_hash} ({result.variant}, q={result.q:g}, "
               f"{len(result.rounds) - 1} rounds, stopped: {result.stopped})")


def forecast_line(result: ScenarioResult) -> str:
    """The forecast beside the baselines, and the spread of the last rounds' medians when unsettled."""
    text = (f"forecast (median after the last round): {_num(result.forecast)}; mean {_num(result.rounds[-1].mean)}; "
            f"baselines: weighted median {_num(result.baseline_median)}, weighted mean {_num(result.baseline_mean)}")
    tail = [r.median for r in result.rounds[-3:]] if len(result.rounds) > 3 and result.stopped != "converged" else []
    if tail and max(tail) - min(tail) > 1e-9:
        text += f"; not settled: the last 3 medians run {_num(min(tail))} to {_num(max(tail))}"
    return text


@scenario_group.command("sensitivity", context_settings=CONTEXT)
@click.argument("inputs_path", metavar="INPUTS", type=click.Path(exists=True, dir_okay=False))
@model_options
@click.option("--field", type=click.Choice(["salience", "capability", "position"]), default="salience",
              show_default=True, help="The input varied.")
@click.option("--change", type=float, default=0.2, show_default=True,
              help="Lower and raise each actor's FIELD by this fraction (positions: of the scale).")
@click.option("--actor", default=None, help="Sweep only this actor's FIELD through --values.")
@click.option("--values", default=None, metavar="V[,V...]", help="The values of --actor's FIELD to try.")
@click.option("--format", "fmt", type=RUN_FORMATS, default="table", show_default=True)
def sensitivity_command(inputs_path: str, rounds: int, q: float, variant: str, settings: tuple[str, ...],
                        field: str, change: float, actor: str | None, values: str | None, fmt: str) -> None:
    """Which numbers the forecast hangs on: every actor's FIELD lowered and raised (and all at once),
    or one actor's FIELD swept through --values.

    \b
    Examples:
      eirene scenario sensitivity s.yaml                          # all saliences -20 % / +20 %
      eirene scenario sensitivity s.yaml --field capability --change 0.5
      eirene scenario sensitivity s.yaml --actor Russia --values 0.1,0.3,0.5,0.7,0.9
    """
    from eirene.scenario import sweep, vary_each

    inputs = load_inputs(inputs_path, settings)
    options: dict[str, Any] = {"rounds": rounds, "q": q, "variant": variant}
    if (actor is None) != (values is None):
        raise click.UsageError("--actor and --values go together")
    if actor is not None:
        numbers = _values(values or "")
        print_sweep(sweep(inputs, actor, field, numbers, **options), fmt)
    else:
        print_sensitivity(vary_each(inputs, field, change, **options), fmt)


def _values(text: str) -> list[float]:
    try:
        numbers = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise click.BadParameter(f"{text!r}: write numbers separated by commas, e.g. 0.2,0.5,0.8",
                                 param_hint="--values") from None
    if not numbers:
        raise click.BadParameter("give at least one value", param_hint="--values")
    return numbers


def print_sensitivity(found: Sensitivity, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=1))
        return
    rows = [{"actor": "all at once" if v.actor == "*" else v.actor, "lower": _num(v.lower),
             "forecast lower": _num(v.forecast_lower), "higher": _num(v.higher),
             "forecast higher": _num(v.forecast_higher), "swing": _num(v.swing)} for v in found.variations]
    if fmt == "csv":
        emit([v.to_dict() for v in found.variations], "csv",
             ["actor", "field", "lower", "higher", "forecast_lower", "forecast_higher", "swing"])
        return
    emit(rows, "table", list(rows[0]), f"{found.field} {found.change:.0%} lower and higher, largest swing first")
    click.echo(f"base forecast {_num(found.base_forecast)}; inputs sha256 {found.input_hash}")


def print_sweep(found: Sweep, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=1))
        return
    if fmt == "csv":
        emit(found.to_dict()["points"], "csv", ["value", "forecast", "mean"])
        return
    rows = [{"value": p.value, "forecast": _num(p.forecast), "mean": _num(p.mean)} for p in found.points]
    emit(rows, "table", ["value", "forecast", "mean"],
         f"{found.actor} {found.field} (now {_num(found.base_value)}, forecast {_num(found.base_forecast)})")


@scenario_group.command("runs", context_settings=CONTEXT)
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the newest N runs.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def runs_command(db: str | None, limit: int | None, fmt: str) -> None:
    """List the stored scenario runs, newest first: id, issue, settings, forecast, baselines, inputs hash.

    \b
    Examples:
      eirene scenario runs --db eirene.duckdb
      eirene scenario runs --format csv > runs.csv
    """
    from eirene.scenario.stored import SUMMARY, stored_runs

    with open_db(db, read_only=True) as store:
        found = stored_runs(store, limit=limit)
    rows = [run.summary() for run in found]
    if fmt == "table":
        for row in rows:
            row.update(input_hash=row["input_hash"][:12], **{k: _num(row[k]) for k in
                       ("forecast", "forecast_mean", "baseline_median", "baseline_mean")})
        emit(rows, fmt, ["id", "created_at", "issue", "variant", "q", "rounds_run", "stopped", "forecast",
                         "baseline_median", "baseline_mean", "input_hash", "source", "note"], "scenario runs")
    else:
        emit(rows, fmt, list(SUMMARY))


@scenario_group.command("show", context_settings=CONTEXT)
@click.argument("run_id", type=int)
@db_option
@click.option("--format", "fmt", type=RUN_FORMATS, default="table", show_default=True)
@click.option("--inputs-out", default=None, type=click.Path(dir_okay=False),
              help="Also write the run's inputs as a YAML file (to edit and run again).")
def show_command(run_id: int, db: str | None, fmt: str, inputs_out: str | None) -> None:
    """Reproduce stored run RUN_ID: run its inputs again with its settings and say whether the
    inputs hash and the forecast are those stored.

    \b
    Examples:
      eirene scenario show 3 --db eirene.duckdb
      eirene scenario show 3 --inputs-out run3.yaml
    """
    from eirene.scenario import inputs_to_yaml
    from eirene.scenario.stored import reproduce, stored_run

    with open_db(db, read_only=True) as store:
        run = stored_run(store, run_id)
    result, same = reproduce(run)
    if inputs_out and run.inputs is not None:
        with open(inputs_out, "w", encoding="utf-8") as handle:
            handle.write(inputs_to_yaml(run.inputs))
    verdict = ("reproduced: same inputs hash and forecast" if same else
               f"NOT reproduced: stored forecast {run.forecast!r}, now {result.forecast!r}")
    if fmt == "json":
        click.echo(json.dumps({"run": run.summary(), "reproduced": same, "result": result.to_dict()},
                              ensure_ascii=False, indent=1, default=str))
        return
    if fmt == "csv":
        rows = result.rows()
        emit(rows, "csv", list(rows[0]))
        return
    click.echo(f"scenario run {run.id} of {run.created_at} (eirene {run.eirene_version}; source {run.source})")
    print_result(result)
    click.echo(verdict)


def _num(value: float | None) -> str:
    """A number as a table shows it: 4 significant digits, no exponent for the usual sizes."""
    if value is None:
        return ""
    return f"{value:.4g}" if abs(value) < 1e5 else f"{value:.0f}"
