"""Honest answers to a newcomer: a command with nothing to work on says so with an
E-code and a non-zero exit, and --recode counts only documents whose events changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from eirene.cli import cli

ARTICLE = "Islamabad, 12 March 2019: Pakistan and China signed a trade agreement in Islamabad.\n"


@pytest.mark.parametrize("args", [["evaluate", "events"], ["evaluate", "actors"], ["evaluate", "documents"]])
def test_evaluate_without_gold_data_says_so_and_fails(tmp_path: Path, monkeypatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no ../shared and no examples/ from here
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert "[E147]" in result.output and "nothing to evaluate" in result.output


def test_code_with_nothing_to_code_says_so_and_fails(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["code", "--db", str(tmp_path / "db.duckdb")])
    assert result.exit_code == 1 and "[E147]" in result.output and "nothing to code" in result.output
    only_pictures = tmp_path / "pictures"
    only_pictures.mkdir()
    (only_pictures / "a.jpg").write_bytes(b"\xff\xd8\xff")
    pictures = CliRunner().invoke(cli, ["ingest", str(only_pictures), "--db", str(tmp_path / "db2.duckdb")])
    assert pictures.exit_code == 1 and "[E111]" in pictures.output and "1 file(s) skipped" in pictures.output


def test_empty_stdin_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "-", "--db", str(tmp_path / "db.duckdb")], input="")
    assert result.exit_code == 1 and "[E102]" in result.output


@pytest.mark.slow
def test_recode_counts_only_documents_whose_events_changed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE)
    (corpus / "b.txt").write_text(ARTICLE.replace("trade", "defence"))
    db = str(tmp_path / "db.duckdb")
    first = CliRunner().invoke(cli, ["code", str(corpus), "--db", db])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(cli, ["code", str(corpus), "--db", db, "--recode"])
    assert again.exit_code == 0, again.output
    assert "0 new, 0 changed, 2 unchanged" in again.output
    assert "the events of 0 document(s) changed; 2 document(s) kept exactly the events" in again.output


@pytest.mark.parametrize(("args", "what"), [
    (["docs"], "list"), (["events", "--actor", "PAK"], "list"), (["stats"], "count"),
    (["export", "--format", "plover-jsonl", "--out", "{tmp}/out.jsonl"], "export"),
    (["dyad", "Russia", "Pakistan"], "analyse"), (["network"], "analyse"), (["claims"], "analyse"),
    (["actor", "Pakistan"], "analyse"),
])
def test_reading_a_database_with_no_documents_says_so_and_fails(tmp_path: Path, args: list[str], what: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    db = str(tmp_path / "db.duckdb")
    CliRunner().invoke(cli, ["ingest", str(empty), "--db", db])  # the file exists, with a run and no document
    result = CliRunner().invoke(cli, [*(a.replace("{tmp}", str(tmp_path)) for a in args), "--db", db])
    assert result.exit_code == 1
    assert f"[E147] There is nothing to {what}: the database {db} holds no documents" in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_a_database_with_documents_but_no_match_answers_with_an_empty_list(hand_db: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--type", "PROTEST", "--since", "2030-01-01", "--db", str(hand_db),
                                      "--format", "jsonl"])
    assert result.exit_code == 0 and result.output == ""
