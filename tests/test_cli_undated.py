"""Documents without a publication date are flagged where an analyst looks: in the
`eirene code` summary and in `eirene docs`, saying what their actors were coded on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eirene.cli import cli

pytestmark = pytest.mark.slow

FILLER = "Observers in the capital said the mood was tense and that the next weeks would decide much. "


def write_corpus(folder: Path) -> None:
    """A dated article, one whose only full date sits mid-text (so no publication date is
    read, but a lower bound is), one whose date is read from its first lines, and one with
    no date anywhere."""
    folder.mkdir()
    (folder / "dated.txt").write_text("KABUL, May 2, 2017 — Afghan troops attacked Taliban positions in Helmand.\n")
    middle = [FILLER * 14, FILLER * 10, "Delegates recalled the first round, held on 9 June 2015 in a hill town.",
              FILLER * 10, FILLER * 14]
    (folder / "long.txt").write_text("Envoys meet again\n\nThe Taliban rejected the offer from Kabul.\n\n"
                                     + "\n\n".join(middle) + "\n")
    (folder / "text-date.txt").write_text("On 4 April 2018 Pakistan condemned the attack on its border post.\n")
    (folder / "bare.txt").write_text("Talks stall\n\nThe Taliban rejected talks with the Afghan government.\n")


def test_code_summary_and_docs_flag_documents_without_a_publication_date(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    db = str(tmp_path / "db.duckdb")
    coded = CliRunner().invoke(cli, ["code", str(corpus), "--db", db])
    assert coded.exit_code == 0, coded.output
    assert "1 document(s) without a publication date: dated roles read on the latest date each text names " \
           "(a lower bound): long.txt" in coded.output
    assert "1 document(s) with no date at all: actors got their least date-dependent codes, never today's " \
           "roles: bare.txt" in coded.output

    listed = CliRunner().invoke(cli, ["docs", "--db", db, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    notes = {row["id"]: row["note"] for row in map(json.loads, listed.output.splitlines())}
    assert notes["dated.txt"] is None
    assert notes["long.txt"] == ("no publication date: dated roles read on 2015-06-09, the latest date the text "
                                 "names (a lower bound for its date)")
    assert notes["text-date.txt"] == ("date read from the text (2018-04-04), not from a date label: a lower bound, "
                                      "the article may be later")
    assert notes["bare.txt"] == "no date: actors got their least date-dependent codes, never today's roles"
