"""The shared date primitives: calendar words, ISO dates and bounds, story dates, dateparser."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eirene.dates import (
    add_months,
    dateparser_reading,
    last_day,
    month_names_pattern,
    month_number,
    parse_bound,
    parse_date_value,
    parse_iso,
    read_date_words,
    to_date,
    weekday_on_or_after,
    weekday_on_or_before,
)


@pytest.mark.parametrize(("word", "number"), [
    ("January", 1), ("Nov.", 11), ("NOV", 11), ("sept", 9), ("Sep", 9), ("05", 5), ("12", 12),
])
def test_month_number_reads_names_abbreviations_and_digits(word, number):
    assert month_number(word) == number


def test_month_names_pattern_cased_leaves_the_modal_verb_alone():
    cased = re.compile(rf"\b(?:{month_names_pattern(cased=True)})\b")
    assert [m.group() for m in cased.finditer("In May and SEPT. talks may resume in june")] == ["May", "SEPT"]
    lower = re.compile(rf"\b(?:{month_names_pattern()})\b")
    assert [m.group() for m in lower.finditer("talks in september, not sept or aug")] == ["september", "sept", "aug"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2016", (dt.date(2016, 1, 1), "year")),
    ("2016-05", (dt.date(2016, 5, 1), "month")),
    ("2016-5-21", (dt.date(2016, 5, 21), "day")),
    (" 2016-05-21 ", (dt.date(2016, 5, 21), "day")),
    ("2016-13", None),
    ("2016-02-30", None),
    ("May 2016", None),
    ("2016-05-21T18:38:12+05:30", None),  # a time only where the caller reads one
])
def test_parse_iso_gives_the_first_day_and_the_precision(text, expected):
    assert parse_iso(text) == expected


def test_parse_iso_drops_a_time_when_asked_to_read_one():
    assert parse_iso("2016-05-21T18:38:12+05:30", with_time=True) == (dt.date(2016, 5, 21), "day")
    assert parse_iso("2016-05 18:00", with_time=True) is None  # a time needs a day


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31)),
    ("2016-02", dt.date(2016, 2, 1), dt.date(2016, 2, 29)),
    ("2015-02", dt.date(2015, 2, 1), dt.date(2015, 2, 28)),
    ("2016-05-21", dt.date(2016, 5, 21), dt.date(2016, 5, 21)),
])
def test_bounds_widen_a_partial_date_to_its_first_or_last_day(text, first, last):
    assert parse_bound(text) == first and parse_bound(text, end=True) == last
    assert last_day(first, parse_iso(text)[1]) == last


@pytest.mark.parametrize("text", ["June", "2016-13", "16-05-21", "2016/05/21", "last year", ""])
def test_bounds_refuse_anything_but_iso(text):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_bound(text)


def test_story_dates_take_iso_timestamps_and_written_forms():
    assert to_date("2018-11") == dt.date(2018, 11, 1)
    assert to_date("2018") == dt.date(2018, 1, 1)
    assert to_date("2018-11-05T18:38:12Z") == dt.date(2018, 11, 5)
    assert to_date("10 May 2015") == to_date("May 10, 2015") == dt.date(2015, 5, 10)
    assert to_date(dt.datetime(2015, 5, 10, 23, 59)) == dt.date(2015, 5, 10)
    assert to_date("") == dt.date.today()
    assert abs(to_date(None) - dt.date.today()) <= dt.timedelta(days=1)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        to_date("the day after the vote")


def test_calendar_arithmetic_crosses_years_and_respects_strictness():
    assert add_months(dt.date(2016, 11, 30), 3) == dt.date(2017, 2, 1)
    assert add_months(dt.date(2016, 1, 15), -1) == dt.date(2015, 12, 1)
    wednesday = dt.date(2016, 5, 25)
    assert weekday_on_or_before(wednesday, 2, strictly=False) == wednesday
    assert weekday_on_or_before(wednesday, 2, strictly=True) == dt.date(2016, 5, 18)
    assert weekday_on_or_after(wednesday, 4, strictly=False) == dt.date(2016, 5, 27)
    assert weekday_on_or_after(wednesday, 2, strictly=True) == dt.date(2016, 6, 1)


def test_dateparser_readings_follow_the_settings_given():
    base = dt.datetime(2016, 5, 25)
    past = dateparser_reading("friday", RELATIVE_BASE=base, PREFER_DATES_FROM="past")
    future = dateparser_reading("friday", RELATIVE_BASE=base, PREFER_DATES_FROM="future")
    assert past is not None and past.date_obj.date() == dt.date(2016, 5, 20)
    assert future is not None and future.date_obj.date() == dt.date(2016, 5, 27)
    assert dateparser_reading("no date in these words") is None


def test_date_words_and_record_values():
    assert read_date_words("Nov  05,\n2018") == dt.date(2018, 11, 5)
    assert read_date_words("March 2019") == dt.date(2019, 3, 1)  # a month falls on the 1st
    assert parse_date_value("Nov 05, 2018 18:38 IST") == ("2018-11-05", "day")
    assert parse_date_value("November 2018") == ("2018-11-01", "month")
    assert parse_date_value("2018-11-31") is None
    assert parse_date_value("last week") is None
