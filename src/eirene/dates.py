"""Dates: the calendar words, date readings and bounds every stage shares.

Why one module: publication dates (`eirene.corpus.pubdate`), event dates
(`eirene.events.when`), the --since/--until bounds of the CLI, store and web, and the
dated roles of the actor knowledge base all read the same things (month names, ISO dates
known to the day, month or year, dateparser for other formats) and must read them alike.
The stages keep what only they need: datelines and bylines in pubdate, relative
expressions in a sentence's clause in when.

Precision: a date is known to the "day", the "month" or the "year". A month or a year is
written as its first day ("2016-05" is 2016-05-01, precision "month") and, as a bound,
stands for every day in it: `parse_bound("2016-05", end=True)` is 2016-05-31.

    >>> parse_iso("2016-05")
    (datetime.date(2016, 5, 1), 'month')
    >>> parse_date_value("Nov 05, 2018 18:38 IST")
    ('2018-11-05', 'day')

The English calendar words below are language data in the sense of spaCy's
`lang/en/*.py` tables (closed classes of the language), not analyst knowledge.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any, Literal

from dateparser.date import DateData, DateDataParser

Precision = Literal["day", "month", "year"]
#: Finer first: a date known to the day beats one known to the month.
PRECISION_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}

#: Month names and abbreviations, lower case -> 1..12 ("sept" too).
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
#: Weekday names, lower case -> 0 (Monday) .. 6.
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}

#: The dateparser behaviour every reading relies on: a month without a day falls on the
#: 1st, and no time zone is attached (only the date counts).
DATEPARSER_SETTINGS: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}

_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})(?P<time>[T ].*)?)?)?")
_TIME_OR_ZONE = re.compile(
    r"\b\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?|\b(?:IST|PKT|AFT|MSK|GMT|UTC|BST|CET|CEST|EET|EST|EDT|CST|CDT|"
    r"MST|MDT|PST|PDT|ET|PT)\b|(?<=\d)[+-]\d\d:?\d\d\b|(?<=\d)Z\b", re.I)
_STORY_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y/%m/%d", "%d.%m.%Y")


# ---------------------------------------------------------------- calendar words


def month_names_pattern(*, cased: bool = False) -> str:
    """The month names as one regex alternation, longest first.

    cased (bool): for text as written: "May" and "MAY", never "may" (the verb). Else
        lower case only, for lowered text or a pattern compiled with re.IGNORECASE.
    """
    names = sorted(MONTHS, key=len, reverse=True)
    if cased:
        names = [name.title() for name in names] + [name.upper() for name in names]
    return "|".join(names)


def month_number(word: str) -> int:
    """1-12 from "Nov.", "November", "NOV", "sept" or "11". RAISES (KeyError): no month."""
    return int(word) if word.isdigit() else MONTHS[word.rstrip(".").lower()]


# ---------------------------------------------------------------- calendar arithmetic


def valid_date(year: int, month: int, day: int = 1) -> dt.date | None:
    """The date, or None when there is no such day ("30 February")."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (or before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def weekday_on_or_before(base: dt.date, weekday: int, strictly: bool) -> dt.date:
    """The latest `weekday` (0 Monday) not after `base` (before it, if `strictly`)."""
    back = (base.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return base - dt.timedelta(days=back)


def weekday_on_or_after(base: dt.date, weekday: int, strictly: bool) -> dt.date:
    """The earliest `weekday` (0 Monday) not before `base` (after it, if `strictly`)."""
    ahead = (weekday - base.weekday()) % 7
    if ahead == 0 and strictly:
        ahead = 7
    return base + dt.timedelta(days=ahead)


def last_day(first: dt.date, precision: str) -> dt.date:
    """The last day a date of this precision stands for (2016-05-01, "month" -> 2016-05-31)."""
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        return dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


# ---------------------------------------------------------------- ISO dates and bounds


def parse_iso(text: str, *, with_time: bool = False) -> tuple[dt.date, Precision] | None:
    """An ISO date known to the day, month or year, as (its first day, precision).

    "2016" gives (2016-01-01, "year"), "2016-05" (2016-05-01, "month"), "2016-5-21"
    (2016-05-21, "day"). with_time (bool): also read a time after the day
    ("2016-05-21T18:38:12+05:30"), which is dropped. RETURNS None for anything else,
    impossible days ("2016-02-30") included.
    """
    match = _ISO.fullmatch(text.strip())
    if match is None or (match["time"] and not with_time):
        return None
    day = valid_date(int(match["y"]), int(match["m"] or 1), int(match["d"] or 1))
    if day is None:
        return None
    return day, "day" if match["d"] else "month" if match["m"] else "year"


def parse_bound(text: str, *, end: bool = False) -> dt.date:
    """Turn "2016", "2016-05" or "2016-05-21" into a date: its first day, or its last if `end`.

    Why partial dates: an analyst asking for events "since 2016" means the whole year,
    and a role that "ended 2019" lasted to the end of it.
    RAISES (ValueError): when the value is not one of those forms.
    """
    found = parse_iso(text)
    if found is None:
        raise ValueError("expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD")
    first, precision = found
    return last_day(first, precision) if end else first


def to_date(on: dt.date | dt.datetime | str | None) -> dt.date:
    """The story date to code on: None, "" or "today" mean today; strings may be ISO
    (YYYY-MM-DD, YYYY-MM, YYYY, or a timestamp) or "10 May 2015" / "May 10, 2015".

    RAISES (ValueError): a string in none of those forms.
    """
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    text = str(on).strip()
    if not text or text.casefold() in ("today", "now"):
        return dt.date.today()
    found = parse_iso(text, with_time=True)
    if found is not None:
        return found[0]
    for fmt in _STORY_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"cannot read the date {on!r}: write it as YYYY-MM-DD")


# ---------------------------------------------------------------- dates in a text

_MONTHS_CASED = month_names_pattern(cased=True)
_EXPLICIT_DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTHS_CASED})\.?,?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTHS_CASED})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>\d\d)-(?P<d3>\d\d)\b"
)


def latest_date_in_text(text: str, not_after: dt.date | None = None) -> dt.date | None:
    """The latest full date ("9 March 2016", "March 9, 2016", "2016-03-09") a text
    mentions, up to `not_after` (default today), or None.

    Why: an undated article was written on or after every day it names as past, so this
    is a lower bound for its date; eirene codes dated roles on it rather than on today.
    """
    limit = not_after or dt.date.today()
    best: dt.date | None = None
    for m in _EXPLICIT_DATE.finditer(text):
        for y, mo, d in (("y1", "m1", "d1"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
            if m.group(y):
                day = valid_date(int(m.group(y)), month_number(m.group(mo)), int(m.group(d)))
                if day is not None and day <= limit and (best is None or day > best):
                    best = day
                break
    return best


# ---------------------------------------------------------------- dateparser


@lru_cache(maxsize=64)
def _dateparser(settings: tuple[tuple[str, Any], ...]) -> DateDataParser:
    """An English dateparser with these settings (lists given as tuples), built once:
    building one is slow."""
    return DateDataParser(languages=["en"], settings={k: list(v) if isinstance(v, tuple) else v for k, v in settings})


def dateparser_reading(words: str, **settings: Any) -> DateData | None:
    """What dateparser reads in `words`, with DATEPARSER_SETTINGS and `settings` on top
    (e.g. RELATIVE_BASE, PREFER_DATES_FROM). RETURNS None when it reads no date or fails."""
    merged = {**DATEPARSER_SETTINGS, **settings}
    parser = _dateparser(tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in merged.items())))
    try:
        data = parser.get_date_data(words)
    except Exception:  # dateparser raises assorted errors on odd input; a date is optional
        return None
    return data if data is not None and data.date_obj is not None else None


@lru_cache(maxsize=4096)
def read_date_words(words: str) -> dt.date | None:
    """A date expression with no time and no zone ("Nov 5, 2018") as a calendar date."""
    data = dateparser_reading(" ".join(words.split()))
    return data.date_obj.date() if data is not None else None


def parse_date_value(value: object) -> tuple[str, str] | None:
    """A date given in a record field or option, as (ISO date, precision), or None.

    "2018" gives ("2018-01-01", "year"), "2018-11" gives ("2018-11-01", "month"),
    "2018-11-05" or "2018-11-05T18:38:12+05:30" gives ("2018-11-05", "day"); other
    forms ("5 November 2018", "Nov 05, 2018 18:38 IST") go to dateparser once times
    and time zones are stripped. Relative dates ("last week") are refused.
    """
    if value is None or isinstance(value, bool):
        return None
    words = str(value).strip()
    if not words:
        return None
    if _ISO.fullmatch(words):
        found = parse_iso(words, with_time=True)
        return (found[0].isoformat(), found[1]) if found is not None else None
    cleaned = " ".join(_TIME_OR_ZONE.sub(" ", words).split()).strip(" ,")
    if not cleaned:
        return None
    data = dateparser_reading(cleaned, PARSERS=["custom-formats", "absolute-time"])
    if data is None or "year" not in (data.parts or ()):
        return None
    parts = set(data.parts)
    if "day" in parts:
        return data.date_obj.date().isoformat(), "day"
    if "month" in parts:
        return dt.date(data.date_obj.year, data.date_obj.month, 1).isoformat(), "month"
    return dt.date(data.date_obj.year, 1, 1).isoformat(), "year"
