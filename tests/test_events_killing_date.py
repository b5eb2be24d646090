"""An undated killing of a person the knowledge base knows died is dated by that death.

Interviews and analyses often say "the drone that killed Mansour" without a date; the
knowledge base's `died` field supplies one, marked as such in `date_text`. Every sentence
here is written for these tests.
"""

from __future__ import annotations

import pytest

from eirene.actors.kb import KnowledgeBase, validate_file
from eirene.config import CodingConfig
from eirene.events.when import date_of_death
from eirene.document_coder import Coder

from events_support import find


@pytest.mark.parametrize(
    ("died", "expected"),
    [
        ("2016-05-21", ("2016-05-21", "day")),
        ("2013-04", ("2013-04-01", "month")),
        ("2009", ("2009-01-01", "year")),
    ],
)
def test_the_date_of_death_keeps_its_precision(died, expected):
    found = date_of_death(died, "A. Person", None)
    assert found is not None
    assert (found.date, found.precision) == expected
    assert found.text == f"A. Person died {died} (knowledge base)"


def test_a_story_older_than_the_death_is_about_another_attack():
    assert date_of_death("2016-05-21", "A. Person", "2014-02-01") is None
    assert date_of_death("2016-05-21", "A. Person", "2016-06-01") is not None


def test_an_undated_drone_killing_takes_the_victims_date_of_death(coder):
    strike = find(coder.code_text("Mullah Mansour was killed by an American drone near the Pakistani border."), "ASSAULT")
    assert (strike.date, strike.date_precision) == ("2016-05-21", "day")
    assert strike.date_text == "Akhtar Mohammad Mansour died 2016-05-21 (knowledge base)"


def test_a_date_in_the_sentence_wins_over_the_knowledge_base(coder):
    strike = find(coder.code_text("An American drone killed Mullah Mansour on Saturday.", "2016-05-25"), "ASSAULT")
    assert (strike.date, strike.date_precision, strike.date_text) == ("2016-05-21", "day", "on Saturday")


def test_a_story_from_before_the_death_keeps_its_own_date(coder):
    strike = find(coder.code_text("American drones attacked Mullah Mansour near the border.", "2014-03-10"), "ASSAULT")
    assert (strike.date, strike.date_precision) == ("2014-03-10", "document")


def test_a_threat_to_kill_is_not_dated_by_the_death(coder):
    events = coder.code_text("The militants would kill Benazir Bhutto if she returned, the police said.")
    assert all(e.date_text is None or "knowledge base" not in e.date_text for e in events)


def test_a_living_victim_gives_no_date(coder):
    strike = find(coder.code_text("Gunmen shot at Hamid Karzai near Kandahar."), "ASSAULT")
    assert strike.date_precision == "unknown"


def test_a_users_own_file_can_record_a_death(tmp_path, coder):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "version: 1\n"
        "actors:\n"
        "  - id: zarko-pell\n"
        "    name: Zarko Pell\n"
        "    kind: person\n"
        "    country: SRB\n"
        "    sector: REB\n"
        "    died: 1999-06-02\n"
        "    aliases: [Zarko Pell]\n",
        encoding="utf-8",
    )
    assert validate_file(path) == []
    kb = KnowledgeBase.load([path])
    assert kb.get("zarko-pell").died == "1999-06-02"
    mine = Coder(CodingConfig(actor_files=(str(path),)), nlp=coder.nlp, lexicon=coder.lexicon)
    strike = find(mine.code_text("Serbian police killed Zarko Pell in a raid."), "ASSAULT")
    assert (strike.date, strike.date_precision) == ("1999-06-02", "day")


def test_a_bad_date_of_death_is_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 1\nactors:\n  - id: someone\n    name: Someone\n    kind: person\n    died: last spring\n",
        encoding="utf-8",
    )
    assert [(p.code, p.line) for p in validate_file(path)] == [("E210", 6)]


def test_the_reference_corpus_drone_strike_is_dated_2016(seeds_db):
    """../shared/seeds: the interview on the killing of the Taliban leader states no date of
    its own; the strike still gets 2016 from the knowledge base."""
    import duckdb

    with duckdb.connect(str(seeds_db), read_only=True) as con:
        rows = con.execute(
            """SELECT e.date, e.mode, e.location_country FROM events e
               JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'
               WHERE e.event_type = 'ASSAULT' AND r.actor_id = 'akhtar-mansour'"""
        ).fetchall()
    assert rows, "no ASSAULT on Mansour coded in the reference corpus"
    assert {str(date)[:4] for date, _, _ in rows} == {"2016"}
    assert ("drone", "PAK") in {(mode, country) for _, mode, country in rows}
