"""Event dates: expressions in the event's clause, resolved against the publication date.

Every sentence here is written for these tests. The publication date is Wednesday
25 May 2016 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from eirene.events.clause import event_clause, event_tense
from eirene.events.when import EventDate, resolve_event_date

PUB = "2016-05-25"  # a Wednesday


def _date(nlp_sm, text: str, trigger: str, pub: str | None = PUB, precision: str = "day") -> EventDate:
    doc = nlp_sm(text)
    sent = next(doc.sents)
    token = next(t for t in sent if t.text == trigger)
    return resolve_event_date(sent, token, pub, precision)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Afghan and Pakistani envoys met on Wednesday in Islamabad.", "met", ("2016-05-25", "day", "on Wednesday")),
        ("The two delegations met on Friday in Doha.", "met", ("2016-05-20", "day", "on Friday")),
        ("Moscow hosted a regional conference last year.", "hosted", ("2015-01-01", "year", "last year")),
        ("Insurgents overran a district centre in September.", "overran", ("2015-09-01", "month", "in September")),
        ("Insurgents overran a district centre in March.", "overran", ("2016-03-01", "month", "in March")),
        ("The ministers signed a transit deal in 2017.", "signed", ("2017-01-01", "year", "in 2017")),
        ("The ministers signed a transit deal on 9 November.", "signed", ("2015-11-09", "day", "on 9 November")),
        ("The ministers signed a transit deal on 3 May.", "signed", ("2016-05-03", "day", "on 3 May")),
        ("The ministers signed a transit deal November 9, 2018 in Kabul.", "signed", ("2018-11-09", "day", "November 9, 2018")),
        ("The border crossing closed last month.", "closed", ("2016-04-01", "month", "last month")),
        ("Gunmen ambushed a convoy yesterday.", "ambushed", ("2016-05-24", "day", "yesterday")),
        ("Islamabad began arming the fighters in the 1980s.", "arming", ("1980-01-01", "year", "in the 1980s")),
        ("Kabul turned down the offer earlier this year.", "turned", ("2016-01-01", "year", "earlier this year")),
        ("Fighting flared again this week.", "flared", ("2016-05-01", "month", "this week")),
        ("A drone struck the compound late last year.", "struck", ("2015-01-01", "year", "late last year")),
        ("Beijing hosted the envoys last year in early July.", "hosted", ("2015-07-01", "month", "last year in early July")),
        ("The envoys met two weeks ago.", "met", ("2016-05-11", "day", "two weeks ago")),
        ("The foreign minister visited Tehran over the weekend.", "visited", ("2016-05-21", "day", "over the weekend")),
        ("The foreign minister visited Tehran last Wednesday.", "visited", ("2016-05-18", "day", "last Wednesday")),
        ("The plan was shelved in September last year.", "shelved", ("2015-09-01", "month", "in September last year")),
        ("The envoys met on 3 March last year.", "met", ("2015-03-03", "day", "on 3 March last year")),
    ],
)
def test_date_expressions_resolve_against_the_publication_date(nlp_sm, text, trigger, expected):
    found = _date(nlp_sm, text, trigger)
    assert (found.date, found.precision, found.text) == expected


def test_next_week_is_reported_at_month_precision(nlp_sm):
    found = _date(nlp_sm, "The envoys will meet again next week.", "meet", pub="2016-06-01")
    assert (found.date, found.precision, found.text) == ("2016-06-01", "month", "next week")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The envoys met on Wednesday.", "met", "2016-05-25"),  # the same day counts for the past
        ("The envoys will meet on Wednesday.", "meet", "2016-06-01"),  # the future starts tomorrow
        ("The envoys met on Friday.", "met", "2016-05-20"),
        ("The envoys will meet on Friday.", "meet", "2016-05-27"),
        ("Pakistan plans to host the envoys on Saturday.", "host", "2016-05-28"),
        ("Pakistan is hosting the envoys on Saturday.", "hosting", "2016-05-28"),
        ("Pakistan hosted the envoys on Saturday.", "hosted", "2016-05-21"),
    ],
)
def test_weekdays_follow_the_tense_of_the_trigger(nlp_sm, text, trigger, expected):
    found = _date(nlp_sm, text, trigger)
    assert (found.date, found.precision) == (expected, "day")


def test_a_month_named_for_the_future_is_not_moved_back_a_year(nlp_sm):
    found = _date(nlp_sm, "The insurgents will launch an offensive in September.", "launch")
    assert (found.date, found.precision) == ("2016-09-01", "month")


def test_tense_reads_the_auxiliaries(nlp_sm):
    doc = nlp_sm("The envoys said they will meet again, although they met before.")
    assert event_tense(next(t for t in doc if t.text == "meet")) == "future"
    assert event_tense(next(t for t in doc if t.text == "met")) == "past"


def test_each_clause_keeps_its_own_date(nlp_sm):
    text = "The army said on Monday that militants had stormed a police post on Sunday."
    assert _date(nlp_sm, text, "stormed").date == "2016-05-22"
    assert _date(nlp_sm, text, "said").date == "2016-05-23"


def test_coordinated_clauses_keep_their_own_dates(nlp_sm):
    text = "The talks collapsed last month, and fighting resumed this week."
    assert (_date(nlp_sm, text, "collapsed").date, _date(nlp_sm, text, "collapsed").text) == ("2016-04-01", "last month")
    assert _date(nlp_sm, text, "resumed").text == "this week"


def test_a_date_in_another_clause_is_not_borrowed(nlp_sm):
    found = _date(nlp_sm, "Officials said on Tuesday that gunmen had attacked a checkpoint.", "attacked")
    assert found == EventDate(PUB, "document", None)


def test_the_clause_of_an_infinitive_includes_its_governor(nlp_sm):
    doc = nlp_sm("The Taliban refused on Friday to join the talks.")
    join = next(t for t in doc if t.text == "join")
    assert "Friday" in {t.text for t in event_clause(next(doc.sents), join)}
    assert _date(nlp_sm, "The Taliban refused on Friday to join the talks.", "join").date == "2016-05-20"


@pytest.mark.parametrize(
    "text",
    [
        "Washington cut aid to the region three decades after the Soviet invasion.",
        "China has backed the project since 2015.",
        "Pakistan condemned Monday's attack.",
        "The envoys met to discuss the ceasefire.",
        "Clashes broke out on the border recently.",
    ],
)
def test_without_a_usable_date_the_publication_date_stands_in(nlp_sm, text):
    doc = nlp_sm(text)
    sent = next(doc.sents)
    trigger = next(t for t in sent if t.dep_ == "ROOT")
    assert resolve_event_date(sent, trigger, PUB) == EventDate(PUB, "document", None)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Gunmen ambushed a convoy yesterday.", "ambushed"),
    ("The Taliban rejected talks with Kabul on Tuesday.", "rejected"),  # dateparser would count from today
    ("The envoys met on 21/05 in Doha.", "met"),
])
def test_without_a_publication_date_the_date_is_unknown(nlp_sm, text, trigger):
    assert _date(nlp_sm, text, trigger, pub=None) == EventDate(None, "unknown", None)


def test_without_a_publication_date_a_date_with_its_year_is_read(nlp_sm):
    # a date that carries its own year needs no publication date
    found = _date(nlp_sm, "The ministers signed a transit deal November 9, 2018.", "signed", pub=None)
    assert (found.date, found.precision) == ("2018-11-09", "day")


def test_a_coarse_publication_date_makes_relative_dates_no_finer(nlp_sm):
    found = _date(nlp_sm, "Gunmen ambushed a convoy yesterday.", "ambushed", pub="2016-05-01", precision="month")
    assert (found.date, found.precision) == ("2016-05-01", "month")


def test_a_malformed_publication_date_never_raises(nlp_sm):
    assert _date(nlp_sm, "Gunmen ambushed a convoy.", "ambushed", pub="last Tuesday") == EventDate(None, "unknown", None)
