"""When was an article published? Read it from labels, bylines and datelines.

Every relative date in an article ("on Saturday", "last month") is resolved against
the publication date, so a wrong one shifts every event. The rules, in order of trust,
each looked for in the first and the last ~1,500 characters (sites put
"Updated Date: ..." at the foot of the article):

1. a date label at the start of a line or after "|": "Published: 5 Nov 2018",
   "Updated Date: Nov 05, 2018 18:38:12 IST" (source "updated"; a published date
   beats an updated one);
2. a byline: "By A. Writer | Senior Fellow | Mar 8, 2018" (source "byline");
3. a dateline opening a paragraph, first window only: "KABUL, May 22, 2016 —",
   "ISLAMABAD (May 23, 2016) —", "Moscow, 9 November 2018:", "Washington, July 2:"
   (source "dateline"). A dateline without a year takes it from the text: the latest
   year the text mentions, not as a plan ("by 2030", "will ... in 2019"), and not after
   this year. An article is not older than what it reports, so when that mention names
   a month later in the year than the dateline ("in October 2018" against "July 2")
   the year after is taken. The note says so; with no year in the text, no date;
4. only when none of these exists, the first full date in those windows (source
   "text": it may be an event date, and the note says so).

Dates are found by regexes here and turned into calendar dates by `eirene.dates`
(dateparser); times and time zones are never passed on (dateparser reads "IST" as
+02:00), only the date counts. Dates given in record fields and options are read by
`eirene.dates.parse_date_value`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eirene.dates import month_names_pattern, month_number, read_date_words

#: How many characters at each end of the text are searched.
WINDOW = 1500


@dataclass(frozen=True)
class DateGuess:
    """A publication date and how far to trust it.

    date (str | None): ISO "YYYY-MM-DD" (the 1st for month precision).
    precision (str): "day", "month", "year" or "unknown".
    source (str): "updated", "byline", "dateline", "text" or "none".
    note (str | None): what is uncertain, e.g. a year inferred from the text.
    text (str | None): the words the date was read from.
    """

    date: str | None
    precision: str
    source: str
    note: str | None = None
    text: str | None = None


# --- building blocks ---------------------------------------------------------------
_HS = r"[ \t\u00a0]"  # horizontal space: datelines often carry a no-break space
_SP = rf"{_HS}+"
_MONTH = rf"(?:{month_names_pattern(cased=True)})(?![A-Za-z])\.?"
_WEEKDAYS = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
_WEEKDAY = rf"(?:(?:{_WEEKDAYS}|{_WEEKDAYS.upper()})(?![A-Za-z])\.?,?{_SP})?"


def _day(group: str | None = None) -> str:
    name = f"?P<{group}>" if group else "?:"
    return rf"(?<!\d)({name}[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"


def _month(group: str | None = None) -> str:
    name = f"?P<{group}>" if group else "?:"
    return rf"({name}{_MONTH})"


def _year(group: str | None = None) -> str:
    name = f"?P<{group}>" if group else "?:"
    return rf"(?<!\d)({name}(?:19|20)\d\d)(?!\d)"


_COMMA_OR_SPACE = rf"(?:{_HS}*,{_HS}*|{_SP})"
#: Full dates, with the precision each form gives.
_FULL_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"{_year('y')}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), "day"),
    (re.compile(rf"{_month('m')}{_SP}{_day('d')}{_COMMA_OR_SPACE}{_year('y')}"), "day"),
    (re.compile(rf"{_day('d')}{_SP}(?:of{_SP})?{_month('m')},?{_SP}{_year('y')}"), "day"),
    (re.compile(rf"{_month('m')},?{_SP}{_year('y')}"), "month"),
)
#: Numeric dates are ambiguous (dateparser reads them month first): labels only.
_SLASHED = (re.compile(r"(?<!\d)(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?!\d)"), "day")
_YEARLESS_FORMS = (
    re.compile(rf"{_month('m')}{_SP}{_day('d')}"),
    re.compile(rf"{_day('d')}{_SP}(?:of{_SP})?{_month('m')}"),
)
_BARE_YEAR = re.compile(r"(?<![\w$£€/.,:\-])((?:19|20)\d\d)(?!\d|s\b|-\d\d-)")
_FUTURE_CUE = re.compile(r"\b(?:by|until|till|before|ahead\s+of|scheduled|due|next|planned|plans?|will|would"
                         r"|upcoming|expected|target(?:ed|s)?)\b", re.I)

_LABEL_WORDS = rf"(?:last{_SP})?updated|(?:first{_SP}|originally{_SP})?published|posted|dated?"
_LABEL = re.compile(
    rf"(?:^|[|•·]){_HS}*(?P<label>(?i:{_LABEL_WORDS}))(?![A-Za-z])(?:{_SP}(?i:date|on|at))?"
    rf"{_HS}*[:\-–—]?{_HS}*(?P<rest>[^\n|]{{0,80}})", re.M)
_BYLINE = re.compile(rf"^{_HS}*(?:By|BY){_SP}[A-Z][^\n]{{0,300}}$", re.M)
_PLACE = rf"[A-Z][A-Za-z.'’\-]+(?:{_SP}[A-Z][A-Za-z.'’\-]+){{0,3}}"
_DATELINE_DATE = (rf"{_WEEKDAY}(?:{_MONTH}{_SP}{_day()}(?:{_COMMA_OR_SPACE}{_year()})?"
                  rf"|{_day()}{_SP}(?:of{_SP})?{_MONTH}(?:,?{_SP}{_year()})?)")
_DATELINE = re.compile(
    rf"^{_HS}*(?P<place>{_PLACE})(?:,{_HS}*{_PLACE})?(?:{_HS}*\({_HS}*|,{_HS}*)(?P<date>{_DATELINE_DATE})"
    rf"{_HS}*\)?{_HS}*(?:\([^()\n]{{1,30}}\){_HS}*)?(?:—|–|--?|:)", re.M)


@dataclass(frozen=True)
class _Found:
    """A date expression found in a text, with its calendar date when it has one."""

    start: int
    end: int
    words: str
    date: dt.date
    precision: str


def _find_dates(text: str, *, slashed: bool = False) -> list[_Found]:
    """Every full date in `text`, left to right, the longest form where two overlap."""
    forms = _FULL_FORMS + ((_SLASHED,) if slashed else ())
    hits = sorted(((m, precision) for pattern, precision in forms for m in pattern.finditer(text)),
                  key=lambda hit: (hit[0].start(), -(hit[0].end() - hit[0].start())))
    found: list[_Found] = []
    end = -1
    for match, precision in hits:
        if match.start() < end:
            continue
        date = read_date_words(match.group(0))
        if date is not None:
            found.append(_Found(match.start(), match.end(), match.group(0), date, precision))
            end = match.end()
    return found


def _is_future(text: str, start: int) -> bool:
    """Does the clause before `start` mark the date as a plan or deadline ("by 2030")?"""
    before = re.split(r"[.!?;:,]\s|\n", text[max(0, start - 40):start])[-1]
    return _FUTURE_CUE.search(before) is not None


def _windows(text: str) -> tuple[str, str]:
    """The first and last ~WINDOW characters, widened to whole lines."""
    if len(text) <= WINDOW:
        return text, ""
    cut = text.find("\n", WINDOW, WINDOW + 300)
    head = text[: cut if cut != -1 else WINDOW]
    start = text.rfind("\n", len(text) - WINDOW - 300, len(text) - WINDOW)
    start = max(start + 1 if start != -1 else len(text) - WINDOW, len(head))
    return head, text[start:]


# --- the rules ---------------------------------------------------------------------
def _from_labels(windows: tuple[str, str]) -> DateGuess | None:
    """Rule 1: "Published: ..." beats "Updated: ..."; head before tail."""
    for wanted in ("published", "updated"):
        for window in windows:
            for match in _LABEL.finditer(window):
                kind = "updated" if "updated" in match.group("label").lower() else "published"
                if kind != wanted:
                    continue
                dates = _find_dates(match.group("rest"), slashed=True)
                if dates and dates[0].start <= 30:
                    found = dates[0]
                    note = _slashed_note(found)
                    words = window[match.start("label"):match.end()].strip()
                    return DateGuess(found.date.isoformat(), found.precision, "updated", note, words)
    return None


def _slashed_note(found: _Found) -> str | None:
    """A note when a numeric date could be read day first as well as month first."""
    if "/" not in found.words:
        return None
    first, second = (int(part) for part in found.words.split("/")[:2])
    if first <= 12 and second <= 12 and first != second:
        return f"'{found.words}' is ambiguous; read month first"
    return None


def _from_byline(windows: tuple[str, str]) -> DateGuess | None:
    """Rule 2: the first dated "By ..." line."""
    for window in windows:
        for match in _BYLINE.finditer(window):
            dates = _find_dates(match.group(0))
            if dates:
                return DateGuess(dates[0].date.isoformat(), dates[0].precision, "byline", None,
                                 match.group(0).strip())
    return None


def _from_dateline(head: str, text: str) -> DateGuess | None:
    """Rule 3: a dateline opening a paragraph; a missing year is inferred from `text`."""
    match = _DATELINE.search(head)
    if match is None:
        return None
    words = match.group(0).strip()
    date_words = re.sub(rf"^{_WEEKDAY}", "", match.group("date")).strip()
    full = _find_dates(date_words)
    if full:
        return DateGuess(full[0].date.isoformat(), full[0].precision, "dateline", None, words)
    parts = next((m for m in (p.fullmatch(date_words) for p in _YEARLESS_FORMS) if m is not None), None)
    if parts is None:  # a year but no calendar date ("February 30, 2019"): not a dateline to trust
        return None
    month = month_number(parts.group("m"))
    day = int(parts.group("d"))
    evidence = _latest_year_evidence(text)
    if evidence is None:
        return DateGuess(None, "unknown", "none", f"dateline '{date_words}' has no year and the text gives none", words)
    year, ev_month, ev_words = evidence
    bumped = ev_month is not None and month < ev_month and year < dt.date.today().year
    if bumped:
        year += 1
    date = read_date_words(f"{parts.group('m')} {day} {year}")
    if date is None:
        return DateGuess(None, "unknown", "none", f"dateline '{date_words}' is not a calendar date in {year}", words)
    if bumped:
        note = (f"dateline '{date_words}' has no year; {year} inferred: the text mentions '{ev_words}' as past, "
                f"so {date_words} falls in the year after (or later)")
    else:
        note = (f"dateline '{date_words}' has no year; {year} taken from '{ev_words}', the latest year the "
                "text mentions (an article is not older than what it reports)")
    return DateGuess(date.isoformat(), "day", "dateline", note, words)


def _latest_year_evidence(text: str) -> tuple[int, int | None, str] | None:
    """The latest (year, month, words) the text mentions, skipping plans and future years."""
    this_year = dt.date.today().year
    mentions: dict[tuple[int, int], list[tuple[int, str]]] = {}  # (year, month or 0) -> [(start, words)]
    for pattern in [form for form, _ in _FULL_FORMS] + [_BARE_YEAR]:  # regex groups only, no dateparser
        for match in pattern.finditer(text):
            groups = match.groupdict()
            year = int(groups.get("y") or match.group(1))
            if year <= this_year:
                month = month_number(groups["m"]) if groups.get("m") else 0
                mentions.setdefault((year, month), []).append((match.start(), match.group(0)))
    for (year, month), found in sorted(mentions.items(), reverse=True):  # the latest first
        for start, words in found:
            if not _is_future(text, start):
                return year, (month or None), words
    return None


def _from_text(windows: tuple[str, str]) -> DateGuess | None:
    """Rule 4: the first full date in the windows, flagged as possibly an event date."""
    for window in windows:
        for found in _find_dates(window):
            if not _is_future(window, found.start):
                note = (f"no date label, byline or dateline; date taken from the text ('{found.words}'), "
                        "which may be the date of an event rather than of publication")
                return DateGuess(found.date.isoformat(), found.precision, "text", note, found.words)
    return None


def detect_publication_date(text: str) -> DateGuess:
    """Guess when `text` was published (see the module docstring for the rules).

    text (str): the article text as stored.
    RETURNS (DateGuess): date None, precision "unknown", source "none" when nothing fits.
    """
    windows = _windows(text)
    guess = (_from_labels(windows) or _from_byline(windows) or _from_dateline(windows[0], text)
             or _from_text(windows))
    if guess is not None:
        return guess
    return DateGuess(None, "unknown", "none", "no date label, byline, dateline or full date near the start or end")
