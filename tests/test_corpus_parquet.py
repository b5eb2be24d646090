"""Parquet inputs (.parquet): one row, one document, read with the rules of .jsonl records:
ids, dates and titles from their columns, one bad row fails alone, a damaged file says so."""

from __future__ import annotations

import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner

from eirene.cli import cli
from eirene.corpus import ReadOptions, read_inputs
from eirene.records import DocFailure, Document
from eirene.store import open_store

TALKS = "Negotiators from the two governments met in Doha on Tuesday and agreed to a ceasefire."
AID = "The finance ministry suspended aid payments to the northern provinces after the vote."


def _write(path: Path, columns: dict[str, pa.Array], row_group_size: int = 2) -> Path:
    pq.write_table(pa.table(columns), path, row_group_size=row_group_size)
    return path


def _news(path: Path) -> Path:
    return _write(path, {
        "id": pa.array([101, None, 103, 104]),
        "text": pa.array([TALKS, AID, "   ", "x" * 3000]),
        "published": pa.array([datetime.datetime(2019, 5, 7, 18, 30), datetime.datetime(2020, 1, 2), None, None],
                              type=pa.timestamp("s")),
        "title": pa.array(["Doha talks", None, None, None]),
    })


def test_corpus_parquet_rows_are_documents_and_bad_rows_fail_alone(tmp_path: Path) -> None:
    items = list(read_inputs([_news(tmp_path / "news.parquet")],
                             ReadOptions(date_field="published", max_mb=0.001)))
    documents = [i for i in items if isinstance(i, Document)]
    failures = {i.code: i for i in items if isinstance(i, DocFailure)}
    assert [(d.id, d.date, d.title) for d in documents] == [
        ("101", "2019-05-07", "Doha talks"), ("news.parquet#2", "2020-01-02", None)]
    assert documents[1].text == AID
    assert set(failures) == {"E106", "E107"}
    assert (failures["E106"].doc_id, failures["E106"].line) == ("103", 3)
    assert "row 4" in failures["E107"].message


def test_corpus_parquet_without_the_text_column_or_whole_says_what_to_do(tmp_path: Path) -> None:
    named = _write(tmp_path / "body.parquet", {"body": pa.array([TALKS])})
    [missing] = read_inputs([named])
    assert isinstance(missing, DocFailure) and missing.code == "E109"
    assert "no column 'text' (columns: body)" in missing.message and "--text-field" in missing.message
    [read] = read_inputs([named], ReadOptions(text_field="body"))
    assert isinstance(read, Document) and read.text == TALKS

    whole = _news(tmp_path / "whole.parquet").read_bytes()
    (tmp_path / "cut.parquet").write_bytes(whole[: len(whole) // 2])
    [damaged] = read_inputs([tmp_path / "cut.parquet"])
    assert isinstance(damaged, DocFailure) and damaged.code == "E422"
    assert "cut.parquet" in damaged.message


def test_corpus_parquet_in_a_folder_is_ingested_through_the_cli(tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    shards.mkdir()
    _write(shards / "part-0.parquet", {"id": pa.array(["a"]), "text": pa.array([TALKS]),
                                       "date": pa.array([datetime.date(2021, 3, 4)])})
    _write(shards / "part-1.parquet", {"id": pa.array(["b"]), "text": pa.array([AID]),
                                       "date": pa.array(["2021-03-05"])})
    db = tmp_path / "news.duckdb"
    done = CliRunner().invoke(cli, ["--quiet", "ingest", str(shards), "--db", str(db)])
    assert done.exit_code == 0, done.output
    with open_store(db, read_only=True) as store:
        assert [(d["id"], d["date"]) for d in store.documents()] == [("a", "2021-03-04"), ("b", "2021-03-05")]
