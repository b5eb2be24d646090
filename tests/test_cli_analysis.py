"""`eirene dyad`, `network`, `claims` and `actor` on the invented world coded by the real coder."""

from __future__ import annotations

import json

import networkx as nx
from click.testing import CliRunner

from eirene.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_dyad_table_and_csv(world_store):
    result = run("dyad", "Russia", "Pakistan", "--db", world_store)
    assert result.exit_code == 0, result.output
    assert "total: 5 events, cooperation 5, conflict 0, balance +5; 5 reports" in result.output
    csv_out = run("dyad", "USA", "PAK", "--db", world_store, "--format", "csv", "--directed").stdout.splitlines()
    assert csv_out[0].startswith("period,events,AGREE,")
    assert [line.split(",")[1] for line in csv_out[1:]] == ["1", "1"]  # March strike, June sanction


def test_cli_network_json_and_graphml(world_store, tmp_path):
    result = run("network", "--db", world_store, "--format", "json")
    graph = nx.node_link_graph(json.loads(result.stdout), edges="edges")
    assert graph.edges["PAK", "RUS"]["sign"] == 1 and graph.nodes["PAK"]["bloc"] == graph.nodes["RUS"]["bloc"]
    assert "counted: asserted events" in result.stderr  # the rule, beside the file rather than in it
    out = tmp_path / "net.graphml"
    out.write_text(run("network", "--db", world_store, "--format", "graphml").stdout, encoding="utf-8")
    assert nx.read_graphml(out).edges["PAK", "USA"]["sign"] == -1
    table = run("network", "--db", world_store).output
    assert "blocs" in table and "Russia 0." in table and "unassigned" in table and "India (IND)" in table
    assert "counted: asserted events; any method" in table
    ties = run("network", "--db", world_store, "--format", "csv").stdout.splitlines()
    assert ties[0].startswith("a,b,a_key,b_key,events") and any(",thin," in line for line in ties[1:])


def test_cli_claims_about_russia_lists_claimants(world_store):
    rows = [json.loads(line) for line in
            run("claims", "--about", "Russia", "--db", world_store, "--format", "jsonl").stdout.splitlines()]
    assert {(r["claimant"], r["event_type"]) for r in rows} >= {("United States", "AID"), ("United States", "ACCUSE")}
    denials = run("claims", "--denials", "--by", "Pakistan", "--db", world_store, "--format", "jsonl").stdout
    assert [json.loads(line)["event_type"] for line in denials.splitlines()] == ["REJECT"]


def test_cli_actor_profile(world_store):
    result = run("actor", "Pakistan", "--db", world_store)
    assert "partners: Russia 5" in result.output and "adversaries: United States 4" in result.output
    data = json.loads(run("actor", "Lavrov", "--db", world_store, "--format", "json").stdout)
    assert data["node"]["key"] == "sergey-lavrov" and data["partners"][0]["key"] == "PAK"


def test_cli_analysis_errors_are_one_line_with_a_code(world_store):
    for args in (("actor", "Freedonia"), ("dyad", "Russia", "RUS"), ("dyad", "Russia", "PAK", "--freq", "X")):
        result = CliRunner().invoke(cli, [*args, "--db", world_store])
        assert result.exit_code != 0
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: [E52"), result.output


def test_cli_claims_about_russia_on_the_reference_corpus(seeds_db):
    rows = [json.loads(line) for line in
            run("claims", "--about", "Russia", "--db", str(seeds_db), "--format", "jsonl").stdout.splitlines()]
    aid = {r["trigger"]: r["claimant"] for r in rows if r["event_type"] == "AID"}
    assert aid.get("funding") == "John W. Nicholson Jr."
    assert aid.get("arming") == "(unattributed)"  # "there have been rumours of Moscow arming the Taliban"


def test_cli_network_compare_lists_side_changes(world_store):
    import eirene

    result = run("network", "--db", world_store, "--until", "2018-03", "--compare", "2018-04:")
    assert result.exit_code == 0, result.output
    with eirene.open(world_store) as system:
        changed = [c.node.name for c in system.bloc_changes((None, "2018-03"), ("2018-04", None))]
    listed = result.output.split("side changes")[1]
    assert all(name in listed for name in changed)
