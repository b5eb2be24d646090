"""Event dates the sentence gives beyond a single expression: ranges, well-known dated
happenings ("after the 9/11 attacks"), and where each date came from (`date_source`).

Every sentence here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.errors import KnowledgeBaseError
from eirene.events.anchors import DatedHappenings
from eirene.events.when import resolve_event_date

PUB = "2019-03-10"


def _date(nlp, text: str, trigger: str, pub: str = PUB):
    doc = nlp(text)
    sent = next(doc.sents)
    token = next(t for t in sent if t.text == trigger)
    return resolve_event_date(sent, token, pub)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Uzbek and Kazakh envoys conferred in Tashkent from Jan. 14 to Jan. 16.", "conferred", ("2019-01-14", "day")),
        ("Uzbek and Kazakh envoys conferred in Tashkent from 4 February until 7 February.", "conferred",
         ("2019-02-04", "day")),
        ("The rebels shelled the valley from 2012 to 2014.", "shelled", ("2012-01-01", "year")),
    ],
)
def test_a_range_dates_the_event_by_its_first_day(nlp, text, trigger, expected):
    found = _date(nlp, text, trigger)
    assert (found.date, found.precision, found.source) == (*expected, "sentence")


def test_since_still_dates_nothing(nlp):
    """"since 2012" bounds an ongoing state: no date of its own."""
    found = _date(nlp, "The rebels have shelled the valley since 2012.", "shelled")
    assert (found.precision, found.source) == ("document", "document")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After the 9/11 attacks, Washington froze the charity's accounts.", ("2001-01-01", "year")),
        ("Washington froze the charity's accounts in the wake of the September 11 attacks.", ("2001-01-01", "year")),
        ("Islamabad sealed the frontier during the Soviet withdrawal.", ("1989-02-15", "day")),
    ],
)
def test_a_well_known_happening_dates_the_event(coder, text, expected):
    events = coder.code_text(text, date=PUB)
    assert events, text
    assert (events[0].date, events[0].date_precision, events[0].date_source) == (*expected, "happening")


def test_before_a_happening_dates_nothing(coder):
    # The deed before the happening keeps the document's date; the happening itself, now
    # coded as an event of its own ("the Soviet withdrawal": RETREAT), is dated as it was.
    events = coder.code_text("Islamabad expelled two Afghan diplomats before the Soviet withdrawal.", date=PUB)
    deed = [e for e in events if e.trigger != "withdrawal"]
    assert deed and deed[0].date_source == "document" and deed[0].date == PUB
    assert all(e.date_source == "happening" for e in events if e.trigger == "withdrawal")


def test_a_happening_after_the_story_is_not_the_one_meant(coder):
    events = coder.code_text("Washington froze the charity's accounts after the Doha agreement.", date="2015-06-01")
    assert events and events[0].date_source == "document"


def test_date_source_says_sentence_for_a_dated_clause(coder):
    events = coder.code_text("Turkish troops shelled a Kurdish village on Tuesday.", date=PUB)
    assert events and (events[0].date, events[0].date_source) == ("2019-03-05", "sentence")


def test_a_malformed_happenings_file_names_itself(tmp_path: Path):
    path = tmp_path / "happenings.yaml"
    path.write_text("version: 1\nrelations: {after: later}\nhappenings: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        DatedHappenings(path)
    assert caught.value.code == "E345" and "happenings.yaml" in str(caught.value)


def test_a_happening_without_a_readable_date_is_refused(tmp_path: Path):
    path = tmp_path / "happenings.yaml"
    path.write_text("version: 1\nhappenings:\n  - name: A thing\n    date: last spring\n    phrases: [the thing]\n",
                    encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="A thing"):
        DatedHappenings(path)
