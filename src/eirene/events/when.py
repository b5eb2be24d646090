"""Event dates: the date expression in the event's own clause, resolved against the publication date.

Why a module of its own: news dates events relative to the day of writing ("on Wednesday",
"last year in early July"), and only the words in the event's clause date that event:
in "The army said on Monday that militants stormed a post on Sunday" the storming is
Sunday's, the saying Monday's. Candidates are spaCy DATE entities plus this module's own
patterns for what the model misses; each is resolved by rules first (they know the
tense-sensitive cases dateparser gets wrong: a weekday on the publication day, decades,
durations) and by dateparser for the odd formats the rules do not cover. When nothing in
the clause resolves, the event takes the publication date with precision "document".

The calendar words, ISO dates, dateparser and calendar arithmetic are `eirene.dates`'s;
the English number and decade words below are language data in the sense of spaCy's
`lang/en/*.py` tables (closed classes of the language), not analyst knowledge.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from eirene.dates import (
    MONTHS,
    PRECISION_RANK,
    WEEKDAYS,
    add_months,
    dateparser_reading,
    month_names_pattern,
    month_start,
    parse_iso,
    valid_date,
    weekday_on_or_after,
    weekday_on_or_before,
)
from eirene.events.clause import Tense, event_clause, event_tense

# A date after these prepositions bounds or relates the event, it does not date it.
SKIP_PREPS = frozenset({"since", "until", "till", "by", "before", "after", "from", "to", "through",
                        "for", "within", "between", "ahead", "throughout", "than"})
# A range dates the event by its first day: "from Feb. 19 to Feb. 22", "between May 2 and 5".
RANGE_CLOSERS = {"from": frozenset({"to", "until", "till", "through", "-", "\u2013"}), "between": frozenset({"and"})}
# Prepositions kept in the date text ("on Wednesday").
TEXT_PREPS = frozenset({"on", "in", "at", "during", "over", "of"})
# Dates modifying a noun other than the trigger date that noun: "condemned [Monday's] attack".
NOUN_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "nummod"})

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

_MONTH = r"(?P<month>" + month_names_pattern() + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_PART = r"(?:morning|afternoon|evening|night|noon)"
_NUM = r"(?P<num>\d+|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"

RX_NUMERIC = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b")
RX_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
RX_DAY_MONTH_YEAR = re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b")
RX_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b")
RX_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b")
RX_DAY_MONTH = re.compile(r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?![\w])")
RX_MONTH_DAY = re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?![\w])")
RX_AGO = re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+ago\b")
RX_DURATION = re.compile(r"\b(?:\d+|" + "|".join(NUMBER_WORDS) + r"|several|few|many|some|couple of)\s+"
                         r"(?:day|week|month|year|decade|centur(?:y|ie))s?\b|^(?:days|weeks|months|years|decades)$")
RX_RELATION = re.compile(r"\b(?:after|before(?! yesterday)|since|until|till|prior|previous day)\b")
RX_DAY_WORD = re.compile(r"\b(?P<word>the day before yesterday|yesterday|today|tonight|tomorrow|"
                         r"last night|this " + _PART + r")\b")
RX_WEEKDAY = re.compile(r"\b(?:(?P<rel>last|next|this|coming|past)\s+)?" + _WEEKDAY + r"\b")
RX_WEEKEND = re.compile(r"\b(?:(?P<rel>last|next|this|the|coming|past)\s+)?weekend\b")
RX_RELATIVE = re.compile(r"\b(?:(?P<part>early|earlier|late|later|mid|middle of|end of|the end of|"
                         r"beginning of|the beginning of|start of|the start of)\s+(?:in\s+)?(?:the\s+)?)?"
                         r"(?P<rel>last|this|next|coming|previous)\s+(?P<unit>week|month|year)\b")
RX_NAMED_MONTH = re.compile(r"\b(?:(?P<rel>last|next|this)\s+)?" + _MONTH + r"(?![\w])")
RX_DECADE = re.compile(r"(?:\b(?:the\s+)?(?P<full>1[5-9]\d|20\d)0s|(?:\bthe\s+'?|(?<!\w)')(?P<short>\d)0s"
                       r"|\bthe\s+(?P<word>" + "|".join(DECADE_WORDS) + r"))\b")
RX_YEAR = re.compile(r"(?<![\d,.])" + _YEAR + r"(?![\d,])")


def _unnamed(rx: re.Pattern[str]) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", rx.pattern)


RX_PART_MONTH = re.compile(r"\b(?:(?:early|late|mid|mid-|the end of|the beginning of)\s*)?" + _MONTH + r"(?![\w])")
# What the sentence scanner looks for beyond spaCy's DATE entities: longest forms first.
RX_SCAN = re.compile(
    "|".join(_unnamed(rx) for rx in (RX_NUMERIC, RX_ISO, RX_DAY_MONTH_YEAR, RX_MONTH_DAY_YEAR, RX_MONTH_YEAR, RX_AGO,
                                      RX_RELATIVE, RX_DAY_WORD, RX_WEEKEND, RX_DECADE, RX_DAY_MONTH,
                                      RX_MONTH_DAY, RX_WEEKDAY, RX_PART_MONTH, RX_YEAR)),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EventDate:
    """When an event happened, as far as the text says.

    date (str | None): ISO "YYYY-MM-DD"; month and year precision keep the first day.
    precision (str): "day", "month", "year", "document" (the publication date stands in)
        or "unknown" (no date at all).
    text (str | None): the words that gave the date ("on Wednesday"), for audit.
    source (str): where it came from (eirene.vocab.DateSource): "sentence", "happening",
        "death", "document" or "unknown"; by default "document" or "unknown" for those
        precisions and "sentence" otherwise.
    """

    date: str | None
    precision: str
    text: str | None
    source: str = ""

    def __post_init__(self) -> None:
        if not self.source:
            implied = self.precision if self.precision in ("document", "unknown") else "sentence"
            object.__setattr__(self, "source", implied)


@dataclass(frozen=True)
class _Reading:
    """One resolved date expression, before the clause's readings are compared."""

    date: dt.date
    precision: str
    start: int  # token indices in the Doc
    end: int
    year_inferred: bool = False  # a month or day-month whose year came from the publication date
    year_only: bool = False  # gives a year and nothing finer: can lend it to a month


@dataclass(frozen=True)
class _Context:
    """What resolving needs besides the words: the publication date and the tense."""

    pub: dt.date | None
    pub_precision: str
    tense: Tense

    def infer_year(self, month: int, day: int | None) -> int | None:
        """The year of a month (or day and month) given without one.

        The publication year, or the year before when that would put a past event after
        publication (the year after for a future event before it), compared only as
        finely as the publication date is known.
        """
        if self.pub is None:
            return None
        year = self.pub.year
        if self.pub_precision == "year":
            return year
        if self.pub_precision == "month" or day is None:
            later, earlier = month > self.pub.month, month < self.pub.month
        else:
            later, earlier = (month, day) > (self.pub.month, self.pub.day), (month, day) < (self.pub.month, self.pub.day)
        if self.tense == "past" and later:
            return year - 1
        if self.tense == "future" and earlier:
            return year + 1
        return year


# ---------------------------------------------------------------- one expression


@dataclass(frozen=True)
class _Parsed:
    date: dt.date
    precision: str
    relative: bool = False  # counted from the publication date
    year_inferred: bool = False
    year_only: bool = False


def _normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = re.sub(r"'s\b", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:()")


def parse_expression(text: str, ctx: _Context) -> _Parsed | None:
    """Resolve one date expression, or None when it names no single time (a duration,
    "three decades after X", "recently") or needs a publication date that is missing.
    """
    s = _normalise(text)
    if not s:
        return None
    for parse in (_parse_absolute, _parse_relative, _parse_partial):
        parsed = parse(s, ctx)
        if parsed is not None:
            return parsed
    if RX_RELATION.search(s) or RX_DURATION.search(s):
        return None
    return _parse_with_dateparser(s, ctx)


def _parse_absolute(s: str, ctx: _Context) -> _Parsed | None:
    """Dates that carry their own year: "2016-05-21", "9 November 2018", "May 2015"."""
    for rx in (RX_ISO, RX_DAY_MONTH_YEAR, RX_MONTH_DAY_YEAR):
        m = rx.search(s)
        if m:
            month = int(m["month"]) if m["month"].isdigit() else MONTHS[m["month"]]
            day = valid_date(int(m["year"]), month, int(m["day"]))
            if day is not None:
                return _Parsed(day, "day")
    if RX_NUMERIC.search(s):
        return _parse_with_dateparser(s, ctx)  # "21/05/2016": the order of day and month is its business
    m = RX_MONTH_YEAR.search(s)
    if m:
        day = valid_date(int(m["year"]), MONTHS[m["month"]])
        if day is not None:
            return _Parsed(day, "month")
    if RX_RELATION.search(s) or RX_DURATION.search(s) or RX_AGO.search(s):
        return None
    m = RX_DECADE.search(s)
    if m:
        if m["full"]:
            year = int(m["full"]) * 10
        elif m["short"]:
            year = 1900 + int(m["short"]) * 10
        else:
            year = 1900 + DECADE_WORDS[m["word"]] * 10
        return _Parsed(dt.date(year, 1, 1), "year", year_only=True)
    m = RX_YEAR.search(s)
    if m and not RX_NAMED_MONTH.search(s):
        return _Parsed(dt.date(int(m["year"]), 1, 1), "year", year_only=True)
    return None


def _parse_relative(s: str, ctx: _Context) -> _Parsed | None:
    """Expressions counted from the publication date: "yesterday", "on Wednesday",
    "last month", "late last year", "two weeks ago", "over the weekend"."""
    if ctx.pub is None:
        return None
    pub = ctx.pub
    m = RX_AGO.search(s)
    if m:
        return None if RX_RELATION.search(s.replace("ago", "")) else _ago(m, pub)
    if RX_RELATION.search(s):
        return None
    m = RX_DAY_WORD.search(s)
    if m:
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2}.get(m["word"], 0)
        return _Parsed(pub + dt.timedelta(days=offset), "day", relative=True)
    m = RX_WEEKDAY.search(s)
    if m and not RX_MONTH_DAY.search(s) and not RX_DAY_MONTH.search(s):
        return _Parsed(_weekday(WEEKDAYS[m["weekday"]], m["rel"], pub, ctx.tense), "day", relative=True)
    m = RX_WEEKEND.search(s)
    if m:
        return _Parsed(_weekend(m["rel"], pub, ctx.tense), "day", relative=True)
    m = RX_RELATIVE.search(s)
    if m:
        step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[m["rel"]]
        unit = m["unit"]
        if unit == "year":
            return _within_year(s, pub.year + step)
        if unit == "month":
            return _Parsed(add_months(pub, step), "month", relative=True)
        # A week is reported at month precision: the month of that week's Monday.
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * step)
        return _Parsed(month_start(monday), "month", relative=True)
    return None


def _ago(m: re.Match[str], pub: dt.date) -> _Parsed:
    """"two weeks ago": days and weeks to the day, months to the month, years to the year."""
    num = int(m["num"]) if m["num"].isdigit() else NUMBER_WORDS[m["num"]]
    unit = m["unit"]
    if unit == "day":
        return _Parsed(pub - dt.timedelta(days=num), "day", relative=True)
    if unit == "week":
        return _Parsed(pub - dt.timedelta(days=7 * num), "day", relative=True)
    if unit == "month":
        return _Parsed(add_months(pub, -num), "month", relative=True)
    years = num * (10 if unit == "decade" else 1)
    return _Parsed(dt.date(pub.year - years, 1, 1), "year", relative=True, year_only=True)


def _weekday(weekday: int, rel: str | None, pub: dt.date, tense: Tense) -> dt.date:
    """"last Friday", "next Friday", or a bare "on Friday": the latest one for a past
    event (the publication day itself included), the next one for a future event."""
    if rel in ("last", "past"):
        return weekday_on_or_before(pub, weekday, strictly=True)
    if rel in ("next", "coming"):
        return weekday_on_or_after(pub, weekday, strictly=True)
    if tense == "future":
        return weekday_on_or_after(pub, weekday, strictly=rel != "this")
    return weekday_on_or_before(pub, weekday, strictly=False)


def _weekend(rel: str | None, pub: dt.date, tense: Tense) -> dt.date:
    """"over the weekend", "next weekend": reported as its Saturday."""
    if rel in ("next", "coming") or (rel != "last" and tense == "future"):
        return weekday_on_or_after(pub, 5, strictly=False)
    day = weekday_on_or_before(pub, 5, strictly=False)
    if rel == "last" and pub.weekday() >= 5:
        day -= dt.timedelta(days=7)
    return day


def _within_year(s: str, year: int) -> _Parsed:
    """A relative year, made finer by a month or day in the same words ("September last year")."""
    for rx in (RX_DAY_MONTH, RX_MONTH_DAY):
        m = rx.search(s)
        if m:
            day = valid_date(year, MONTHS[m["month"]], int(m["day"]))
            if day is not None:
                return _Parsed(day, "day", relative=True)
    m = RX_NAMED_MONTH.search(s)
    if m and not m["rel"]:
        return _Parsed(dt.date(year, MONTHS[m["month"]], 1), "month", relative=True)
    return _Parsed(dt.date(year, 1, 1), "year", relative=True, year_only=True)


def _parse_partial(s: str, ctx: _Context) -> _Parsed | None:
    """Months and days given without a year: "on 9 November", "in September", "early July"."""
    if RX_RELATION.search(s) or RX_DURATION.search(s):
        return None
    for rx in (RX_DAY_MONTH, RX_MONTH_DAY):
        m = rx.search(s)
        if m and int(m["day"]) >= 1:
            month = MONTHS[m["month"]]
            year = ctx.infer_year(month, int(m["day"]))
            if year is None:
                return None
            day = valid_date(year, month, int(m["day"]))
            if day is not None:
                return _Parsed(day, "day", year_inferred=True)
    m = RX_NAMED_MONTH.search(s)
    if m:
        month = MONTHS[m["month"]]
        if ctx.pub is None:
            return None
        rel = m["rel"]
        if rel == "last":
            year = ctx.pub.year if month < ctx.pub.month else ctx.pub.year - 1
        elif rel == "next":
            year = ctx.pub.year if month > ctx.pub.month else ctx.pub.year + 1
        elif rel == "this":
            year = ctx.pub.year
        else:
            year = ctx.infer_year(month, None)
            if year is None:
                return None
        return _Parsed(dt.date(year, month, 1), "month", relative=rel is not None, year_inferred=rel is None)
    return None


def _parse_with_dateparser(s: str, ctx: _Context) -> _Parsed | None:
    """Formats the rules do not know ("21/05/2016", "the 5th of May"): dateparser, told
    the publication date and which way to prefer, and trusted only on words that name a
    calendar unit."""
    if not RX_NUMERIC.search(s) and not any(w in MONTHS or w in WEEKDAYS for w in re.findall(r"[a-z]+", s)):
        return None  # it reads "90s" as ninety seconds ago
    if ctx.pub is None and not RX_YEAR.search(s):
        return None  # no publication date to count from: dateparser would count "on Tuesday" from today
    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if ctx.tense == "future" else "past",
                                   "RETURN_TIME_AS_PERIOD": False}
    if ctx.pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(ctx.pub, dt.time())
    data = dateparser_reading(s, **settings)
    if data is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return _Parsed(dt.date(found.year, 1, 1), "year", relative=True, year_only=True)
    if period in ("month", "week"):
        return _Parsed(month_start(found), "month", relative=True)
    if period in ("day", "time"):
        return _Parsed(found, "day", relative=not RX_YEAR.search(s))
    return None


# ---------------------------------------------------------------- the sentence


def _expression_spans(sent: Span, clause_ids: set[int]) -> list[tuple[int, int]]:
    """(start, end) token spans of date expressions in the event's clause: spaCy's DATE
    entities, then this module's patterns where the model found nothing."""
    spans: list[tuple[int, int]] = []
    taken: set[int] = set()
    for ent in sent.ents:
        if ent.label_ == "DATE" and ent.root.i in clause_ids:
            spans.append((ent.start, ent.end))
            taken.update(range(ent.start, ent.end))
    for m in RX_SCAN.finditer(sent.text):
        span = sent.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        token = span.root
        if token.tag_ == "MD" or token.pos_ == "VERB" or token.ent_type_ in ("PERSON", "ORG", "GPE", "MONEY", "QUANTITY", "PERCENT"):
            continue  # "may", "march", "Theresa May"
        if token.ent_type_ == "CARDINAL" and not re.search(r"\d[/.-]\d", m.group()):
            continue  # "2000 troops", but not "5/3/2016"
        if token.i in clause_ids:
            spans.append((span.start, span.end))
            taken.update(range(span.start, span.end))
    return sorted(spans)


def _dates_other_noun(root: Token, trigger: Token) -> bool:
    """Whether the expression modifies a noun that is not the trigger ("Monday's attack")."""
    return root.dep_ in NOUN_MODIFIER_DEPS and root.head.i != trigger.i and root.head.pos_ in ("NOUN", "PROPN")


def _opens_range(prep: Token, span: Span) -> bool:
    """Whether the expression is the first end of a range ("from [Feb. 19] to Feb. 22"): the
    closing word follows it, or falls inside it when the model took the range as one date."""
    closers = RANGE_CLOSERS.get(prep.lower_)
    if closers is None:
        return False
    doc = span.doc
    inside = any(t.lower_ in closers for t in span[1:-1])
    after = span.end < len(doc) and doc[span.end].lower_ in closers and span.end + 1 < len(doc) \
        and (doc[span.end + 1].ent_type_ == "DATE" or doc[span.end + 1].like_num or doc[span.end + 1].lower_ in MONTHS)
    return inside or after


def _governing_prep(root: Token) -> Token | None:
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent", "dative"):
        return root.head
    for child in root.children:  # "three decades after X": the relation hangs below
        if child.dep_ == "prep" and child.lower_ in SKIP_PREPS:
            return child
    if root.dep_ == "npadvmod" and root.head.dep_ == "prep" and root.head.lower_ in SKIP_PREPS:
        return root.head
    return None


def _coarsen(parsed: _Parsed, ctx: _Context) -> _Parsed:
    """A date counted from a publication date known only to the month or year is no finer,
    and is that month or year: "yesterday" in a May issue is May."""
    if not parsed.relative or ctx.pub is None or ctx.pub_precision not in PRECISION_RANK:
        return parsed
    if PRECISION_RANK[ctx.pub_precision] <= PRECISION_RANK[parsed.precision]:
        return parsed
    if ctx.pub_precision == "month":
        return replace(parsed, date=month_start(ctx.pub), precision="month")
    return replace(parsed, date=dt.date(ctx.pub.year, 1, 1), precision="year", year_only=True)


def _span_text(sent: Span, start: int, end: int) -> str:
    """The expression as written, with its preposition: "on Wednesday", "in the 1980s"."""
    doc = sent.doc
    if start > sent.start:
        before = doc[start - 1]
        if before.lower_ in TEXT_PREPS and any(c.dep_ == "pobj" and start <= c.i < end for c in before.children):
            start -= 1
    return doc[start:end].text


def _parse_pub(pub_date: str | None) -> dt.date | None:
    found = parse_iso(pub_date, with_time=True) if pub_date else None
    return found[0] if found is not None else None


def resolve_event_date(sent: Span, trigger: Token, pub_date: str | None, pub_precision: str = "day") -> EventDate:
    """The date of the event whose trigger is `trigger`, resolved against `pub_date`.

    sent (Span): the sentence, parsed, with entities.
    trigger (Token): the word that carries the event.
    pub_date (str | None): the document's publication date, ISO "YYYY-MM-DD".
    pub_precision (str): how well `pub_date` is known ("day", "month", "year"); dates
        counted from it are never finer.
    RETURNS (EventDate): the clause's best date; else the publication date with
        precision "document"; else (None, "unknown", None). Never raises.
    """
    pub = _parse_pub(pub_date)
    try:
        best = _best_reading(sent, trigger, pub, pub_precision)
    except Exception:  # a date is never worth losing the event over
        best = None
    if best is not None:
        reading, text = best
        return EventDate(reading.date.isoformat(), reading.precision, text)
    if pub is not None:
        return EventDate(pub.isoformat(), "document", None, "document")
    return EventDate(None, "unknown", None, "unknown")


def date_of_death(died: str, name: str, pub_date: str | None) -> EventDate | None:
    """The date of a killing the text leaves undated, from the victim's known date of death
    (the knowledge base's `died`: "2016-05-21", "2013-04" or "2013").

    Why: an interview about "the drone that killed Mansour" often states no date at all,
    yet the victim can have died only once. None when the story predates that death (the
    text then speaks of another attack on the person).
    """
    found = parse_iso(died)
    if found is None:
        return None
    first_day, precision = found
    pub = _parse_pub(pub_date)
    if pub is not None and pub < first_day:
        return None
    return EventDate(first_day.isoformat(), precision, f"{name} died {died} (knowledge base)", "death")


def _gap(a: _Reading, b: _Reading) -> int:
    """Tokens between two expressions."""
    return max(a.start - b.end, b.start - a.end, 0)


def _best_reading(sent: Span, trigger: Token, pub: dt.date | None, pub_precision: str) -> tuple[_Reading, str] | None:
    clause_ids = {t.i for t in event_clause(sent, trigger)}
    ctx = _Context(pub, pub_precision, event_tense(trigger))
    doc = sent.doc
    readings: list[_Reading] = []
    for start, end in _expression_spans(sent, clause_ids):
        span = doc[start:end]
        root = span.root
        prep = _governing_prep(root)
        if prep is not None and prep.lower_ in SKIP_PREPS and not _opens_range(prep, span):
            continue
        if _dates_other_noun(root, trigger):
            continue
        parsed = parse_expression(span.text, ctx)
        if parsed is None:
            continue
        parsed = _coarsen(parsed, ctx)
        readings.append(_Reading(parsed.date, parsed.precision, start, end, parsed.year_inferred, parsed.year_only))
    if not readings:
        return None
    readings.sort(key=lambda r: (PRECISION_RANK[r.precision], min(abs(r.start - trigger.i), abs(r.end - 1 - trigger.i))))
    best = readings[0]
    start, end = best.start, best.end
    if best.year_inferred:
        lenders = [r for r in readings if r.year_only]
        if lenders:
            lender = min(lenders, key=lambda r: _gap(r, best))
            moved = valid_date(lender.date.year, best.date.month, best.date.day)
            if moved is not None:
                best = replace(best, date=moved, year_inferred=False)
                if _gap(lender, best) <= 2:  # "last year in early July": one expression
                    start, end = min(start, lender.start), max(end, lender.end)
    return best, _span_text(sent, start, end)
