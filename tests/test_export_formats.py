"""Every export format, read back with a real reader and compared with the store."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from eirene.errors import StoreError
from eirene.export import EXPORTERS, export, register_exporter
from eirene.export.icews_tsv import pairs
from eirene.store import EventFilter, open_store


SHARED_ICEWS = Path(__file__).resolve().parent.parent.parent / "shared/eval/external/andybega-icews/inst/extdata/events.2018.sample.tab"

# The published layouts, column for column (the formats' own specifications).
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts", "Actor Name",
    "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
    "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
    "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
    "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]
ICEWS_COLUMNS = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
]


def read_tsv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


# -- PLOVER JSONL ---------------------------------------------------------------------


def test_plover_jsonl_holds_every_event_with_its_evidence(hand_store, tmp_path):
    out = tmp_path / "events.jsonl"
    written = export(hand_store, "plover-jsonl", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    events = hand_store.events()
    assert written == len(records) == len(events) == 9
    for record, event in zip(records, events):
        assert record["id"] == event.id
        assert record["event"] == event.event_type and record["mode"] == event.mode
        assert record["context"] == list(event.contexts)
        assert [a["name"] for a in record["actor"]] == [a.name for a in event.actors]
        assert [a["code"] for a in record["recipient"]] == [r.country for r in event.recipients]
        assert [a["sector"] for a in record["actor"]] == [a.sector for a in event.actors]
        assert record["factuality"] == event.factuality
        assert record["date"] == event.date
        doc = hand_store.get_document(record["provenance"]["docId"])
        prov = record["provenance"]
        assert doc.text[prov["start"]:prov["end"]] == record["text"]
        assert doc.text[prov["triggerStart"]:prov["triggerEnd"]] == record["eventText"]
        assert record["publication"]["date"] == doc.date


def test_plover_jsonl_carries_claims_and_places(hand_store, tmp_path):
    out = tmp_path / "events.jsonl"
    export(hand_store, "plover-jsonl", out)
    records = {r["eventText"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert records["arming"]["factuality"] == "alleged"
    assert records["arming"]["attributedTo"]["name"] == "United States"
    assert records["struck"]["eventLoc"]["name"] == "Quetta"
    assert records["struck"]["eventLoc"]["geonamesId"] == 1167528
    assert records["asked"]["recipient"] == [] and records["asked"]["actor"][0]["actorId"] is None
    assert records["ask"]["date"] is None


def test_plover_jsonl_honours_filters(hand_store, tmp_path):
    out = tmp_path / "russia.jsonl"
    flt = EventFilter(actor="Russia", since="2018")
    assert export(hand_store, "plover-jsonl", out, flt) == hand_store.count_events(flt) == 3
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [e.id for e in hand_store.events(flt)]


def test_paging_reads_past_one_page(hand_store, tmp_path, monkeypatch):
    import eirene.export.base as base

    monkeypatch.setattr(base, "PAGE_SIZE", 2)
    out = tmp_path / "paged.jsonl"
    assert export(hand_store, "plover-jsonl", out) == 9
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [e.id for e in hand_store.events()]
    assert export(hand_store, "plover-jsonl", out, EventFilter(limit=3, offset=1)) == 3


# -- POLECAT TSV ----------------------------------------------------------------------


def test_polecat_tsv_has_polecats_columns_and_one_row_per_event(hand_store, tmp_path):
    out = tmp_path / "polecat.tsv"
    assert export(hand_store, "polecat-tsv", out) == 9
    frame = read_tsv(out)
    assert list(frame.columns) == POLECAT_COLUMNS
    events = hand_store.events()
    assert list(frame["Event ID"]) == [e.id for e in events]
    assert list(frame["Event Type"]) == [e.event_type for e in events]
    by_id = frame.set_index("Event ID")
    met = next(e for e in events if e.trigger == "met")
    row = by_id.loc[met.id]
    assert row["Actor Name"] == "Pakistan; United States"
    assert row["Actor Country"].split("; ") == ["PAK", "USA"]
    assert row["Actor Sectors"] == "MIL; MIL" and row["Primary Actor Sector"] == "MIL"
    assert row["Actor Name Raw"] == "Pakistani troops; US forces"
    assert row["Province"] == "Balochistan" and row["City"] == "" and row["Feature Type"] == "ADM1"
    assert row["Quad Code"] == "VERBAL COOPERATION" and row["Contexts"] == "military; diplomatic"
    assert row["Publication Date"] == "2017-06-03" and row["Source"] == "Invented Wire"
    struck = by_id.loc[next(e.id for e in events if e.trigger == "struck")]
    assert struck["City"] == "Quetta" and float(struck["Latitude"]) == pytest.approx(30.18)
    assert struck["GeoNames ID"] == "1167528" and float(struck["Intensity"]) == -9.5


# -- ICEWS TSV ------------------------------------------------------------------------


def test_icews_tsv_has_icews_columns_and_one_row_per_pair(hand_store, tmp_path):
    out = tmp_path / "icews.tsv"
    written = export(hand_store, "icews-tsv", out)
    frame = read_tsv(out)
    assert list(frame.columns) == ICEWS_COLUMNS
    events = hand_store.events()
    assert written == len(frame) == sum(len(pairs(e)) for e in events)
    agreed = frame[frame["Event ID"] == next(e.id for e in events if e.trigger == "agreed")]
    # a reciprocal event lists both on both sides: two rows, no self-pairs
    assert sorted(zip(agreed["Source Name"], agreed["Target Name"])) == [("Pakistan", "Russia"), ("Russia", "Pakistan")]
    struck = frame[frame["Event ID"] == next(e.id for e in events if e.trigger == "struck")].iloc[0]
    assert struck["Source Name"] == "United States" and struck["Source Sectors"] == "Military"
    assert struck["Target Country"] == "Afghanistan" and struck["Target Sectors"] == "Rebels"
    assert struck["CAMEO Code"] == "190" and struck["Event Text"] == "Fight"
    assert struck["City"] == "Quetta" and struck["Country"] == "Pakistan"
    assert struck["Story ID"] == "quetta-raid.txt" and struck["Sentence Number"] == "2"
    asked = frame[frame["Event ID"] == next(e.id for e in events if e.trigger == "asked")].iloc[0]
    assert asked["Target Name"] == "" and asked["Source Country"] == ""


def test_icews_header_matches_the_published_sample():
    if not SHARED_ICEWS.exists():
        pytest.skip(f"ICEWS sample not found at {SHARED_ICEWS} (it lives beside the repository)")
    header = SHARED_ICEWS.open(encoding="utf-8").readline().rstrip("\n").split("\t")
    assert header == ICEWS_COLUMNS


def test_tsv_cells_survive_quotes_tabs_and_line_breaks(tmp_path):
    """A value with a quote, a tab or a line break does not break the row: pandas and the
    csv module read back the columns and rows written, quotes intact."""
    import csv

    from eirene.export.base import write_tsv

    out = tmp_path / "cells.tsv"
    assert write_tsv(out, ("a", "b", "c"), iter([['said "no"\there', "two\nlines", None], ["plain", 1.0, -2.5]])) == 2
    frame = read_tsv(out)
    assert frame.values.tolist() == [['said "no" here', "two lines", ""], ["plain", "1", "-2.5"]]
    with out.open(encoding="utf-8", newline="") as handle:
        assert [len(row) for row in csv.reader(handle, delimiter="\t")] == [3, 3, 3]


# -- GraphML --------------------------------------------------------------------------


def test_graphml_reads_back_as_the_network(hand_store, tmp_path):
    import networkx as nx

    from eirene.analysis import ActorSystem

    out = tmp_path / "network.graphml"
    written = export(hand_store, "graphml", out, EventFilter(since="2017", until="2018"))
    want = ActorSystem(hand_store).network(since="2017", until="2018").graph
    got = nx.read_graphml(out)
    assert written == got.number_of_nodes() == want.number_of_nodes() > 0
    assert set(got.nodes) == {str(k) for k in want.nodes}
    assert {frozenset((str(a), str(b))) for a, b in got.edges} == {frozenset((str(a), str(b))) for a, b in want.edges}
    for key, data in want.nodes(data=True):
        node = got.nodes[str(key)]
        assert node["label"] == data["name"] and node["events"] == data["events"] and node["bloc"] == data["bloc"]
        assert node["country"] == (data["country"] or "")
    for a, b, data in want.edges(data=True):
        edge = got.edges[str(a), str(b)]
        assert edge["events"] == data["events"] and edge["sign"] == data["sign"]
        assert edge["weight"] == pytest.approx(data["weight"])
    text = out.read_text(encoding="utf-8")
    assert 'attr.name="events" attr.type="long"' in text and ">None<" not in text


def test_graphml_refuses_filters_it_cannot_honour(hand_store, tmp_path):
    with pytest.raises(StoreError) as err:
        export(hand_store, "graphml", tmp_path / "n.graphml", EventFilter(actor="PAK"))
    assert err.value.code == "E452" and "--actor" in str(err.value)


# -- Parquet --------------------------------------------------------------------------


def test_parquet_holds_every_table_as_stored(hand_store, hand_db, tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    out = tmp_path / "pq"
    written = export(hand_store, "parquet", out)
    con = duckdb.connect()
    total = 0
    for table in ("documents", "events", "event_actors", "runs", "ingest_errors"):
        path = out / f"{table}.parquet"
        got = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
        want = hand_store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]
        assert got == want, table
        total += got
    assert written == total
    schema = pq.read_schema(out / "events.parquet")
    assert str(schema.field("date").type) == "date32[day]"
    contexts = schema.field("contexts").type
    assert contexts.num_fields == 1 and str(contexts.value_type) == "string"
    events = pd.read_parquet(out / "events.parquet").set_index("id")
    for event in hand_store.events():
        assert list(events.loc[event.id, "contexts"]) == list(event.contexts)
        assert events.loc[event.id, "text"] == event.text
    docs = pd.read_parquet(out / "documents.parquet").set_index("id")
    assert docs.loc["quetta-raid.txt", "text"] == hand_store.get_document("quetta-raid.txt").text
    # the same rows as the database itself, compared by DuckDB
    con.execute(f"ATTACH '{hand_db}' AS src (READ_ONLY)")
    diff = con.execute(
        f"SELECT count(*) FROM (SELECT * FROM src.event_actors EXCEPT SELECT * FROM read_parquet('{out / 'event_actors.parquet'}'))"
    ).fetchone()[0]
    assert diff == 0


def test_parquet_with_a_filter_keeps_matching_events_and_their_documents(hand_store, tmp_path):
    import duckdb

    out = tmp_path / "pq"
    export(hand_store, "parquet", out, EventFilter(doc_id="moscow-talks.txt"))
    con = duckdb.connect()
    assert con.execute(f"SELECT DISTINCT doc_id FROM read_parquet('{out / 'events.parquet'}')").fetchall() == [("moscow-talks.txt",)]
    assert con.execute(f"SELECT id FROM read_parquet('{out / 'documents.parquet'}')").fetchall() == [("moscow-talks.txt",)]
    ids = {r[0] for r in con.execute(f"SELECT event_id FROM read_parquet('{out / 'event_actors.parquet'}')").fetchall()}
    assert ids == {e.id for e in hand_store.events(EventFilter(doc_id="moscow-talks.txt"))}


def test_parquet_refuses_a_file_as_its_folder(hand_store, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(StoreError) as err:
        export(hand_store, "parquet", target)
    assert err.value.code == "E451"


# -- registry, errors, CLI ------------------------------------------------------------


def test_unknown_format_lists_the_known_ones(hand_store, tmp_path):
    with pytest.raises(StoreError) as err:
        export(hand_store, "gdelt", tmp_path / "x")
    assert err.value.code == "E450" and "icews-tsv" in str(err.value)


def test_a_user_format_registers_like_the_built_in_ones(hand_store, tmp_path):
    def export_ids(store, flt, out_path):
        ids = [e.id for e in store.events(flt)]
        out_path.write_text("\n".join(ids))
        return len(ids)

    register_exporter("ids", export_ids, "event ids, one a line")
    try:
        assert export(hand_store, "ids", tmp_path / "ids.txt", EventFilter(event_type="ACCUSE")) == 2
        assert len((tmp_path / "ids.txt").read_text().split("\n")) == 2
    finally:
        del EXPORTERS["ids"]


def test_a_failed_export_leaves_no_partial_file(hand_store, tmp_path, monkeypatch):
    import eirene.export.icews_tsv as icews

    def broken(events, docs):
        yield ["x"] * 20
        raise RuntimeError("disk gone")

    monkeypatch.setattr(icews, "_rows", broken)
    with pytest.raises(RuntimeError):
        export(hand_store, "icews-tsv", tmp_path / "out.tsv")
    assert list(tmp_path.iterdir()) == []


def test_cli_export_writes_the_file_and_reports_errors(hand_location, tmp_path):
    from eirene.cli import cli

    out = tmp_path / "pak.tsv"
    result = CliRunner().invoke(cli, ["export", "--format", "polecat-tsv", "--out", str(out), "--db", hand_location, "--actor", "PAK"])
    assert result.exit_code == 0, result.output
    assert len(read_tsv(out)) == 3
    bad = CliRunner().invoke(cli, ["export", "--format", "graphml", "--out", str(tmp_path / "n.graphml"), "--db", hand_location, "--type", "ASSAULT"])
    assert bad.exit_code != 0 and "[E452]" in bad.output
    bad_date = CliRunner().invoke(cli, ["export", "--format", "icews-tsv", "--out", str(out), "--db", hand_location, "--since", "June"])
    assert bad_date.exit_code != 0 and "[E406]" in bad_date.output


# -- the example corpus, coded ----------------------------------------------------------


@pytest.mark.slow
def test_example_corpus_exports_agree_with_the_store(example_store, example_db, tmp_path):
    """On a real coded corpus, on each backend: one PLOVER record and one POLECAT row per
    event, each record's evidence is its document's text at its offsets, ICEWS has a row
    per pair, and the Parquet tables equal the DuckDB file's."""
    import duckdb

    with open_store(example_store, read_only=True) as store:
        events = store.events()
        assert export(store, "plover-jsonl", tmp_path / "e.jsonl") == len(events) > 100
        assert export(store, "polecat-tsv", tmp_path / "p.tsv") == len(events)
        assert export(store, "icews-tsv", tmp_path / "i.tsv") == sum(len(pairs(e)) for e in events)
        export(store, "parquet", tmp_path / "pq")
        texts = {d["id"]: store.get_document(d["id"]).text for d in store.documents()}
    records = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    for record in records:
        prov = record["provenance"]
        assert texts[prov["docId"]][prov["start"]:prov["end"]] == record["text"]
    polecat = read_tsv(tmp_path / "p.tsv")
    assert list(polecat["Event ID"]) == [r["id"] for r in records]
    assert list(polecat["Event Type"]) == [r["event"] for r in records]
    icews = read_tsv(tmp_path / "i.tsv")
    assert set(icews["Event ID"]) == {e.id for e in events}
    con = duckdb.connect()
    con.execute(f"ATTACH '{example_db}' AS src (READ_ONLY)")
    # the store on trial (either backend) against the DuckDB file of the same corpus: equal
    # but for when each document was stored
    for table in ("events", "documents", "event_actors"):
        path = tmp_path / "pq" / f"{table}.parquet"
        columns = "* EXCLUDE (ingested_at)" if table == "documents" else "*"
        for left, right in ((f"src.{table}", f"read_parquet('{path}')"), (f"read_parquet('{path}')", f"src.{table}")):
            left, right = f"SELECT {columns} FROM {left}", f"SELECT {columns} FROM {right}"
            assert con.execute(f"SELECT count(*) FROM ({left} EXCEPT {right})").fetchone()[0] == 0, table
