"""detect_publication_date and parse_date_value on invented articles in each style."""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.corpus import DateGuess, detect_publication_date, parse_date_value

FILLER = "Delegates argued over the wording of the final communique for several hours.\n" * 40


def test_updated_label_in_the_footer_ignores_the_ist_time_zone() -> None:
    text = ("Envoys seek a ceasefire\n\n" + FILLER
            + "Subscribe to our newsletter.\n\nUpdated Date: Jan 01, 2019 01:10:00 IST\n\nAlso read\n")
    guess = detect_publication_date(text)
    assert guess == DateGuess("2019-01-01", "day", "updated", None, "Updated Date: Jan 01, 2019 01:10:00 IST")


def test_published_label_beats_updated_label() -> None:
    text = "Border crossing reopens\nUpdated: 12 June 2017 | Published: 9 June 2017\n" + FILLER
    guess = detect_publication_date(text)
    assert (guess.date, guess.source) == ("2017-06-09", "updated")
    assert guess.text.startswith("Published")


def test_updated_label_without_date_words_is_short_form() -> None:
    guess = detect_publication_date("Trade talks stall\nUpdated: 2020-02-14 09:00 GMT\n" + FILLER)
    assert (guess.date, guess.precision, guess.source) == ("2020-02-14", "day", "updated")


def test_byline_with_affiliation_and_date() -> None:
    text = ("Tehran and Kabul sign water accord\n\n"
            "By Leyla Haddad | Research Fellow - Institute of Regional Affairs | Sep 14, 2017\n"
            "The two governments signed an accord in 2002 that was never ratified.\n" + FILLER)
    guess = detect_publication_date(text)
    assert (guess.date, guess.precision, guess.source) == ("2017-09-14", "day", "byline")
    assert guess.text.startswith("By Leyla Haddad")


@pytest.mark.parametrize("opening, expected", [
    ("HERAT, April 3, 2015 — Provincial officials reported heavy rain.", "2015-04-03"),
    ("PESHAWAR (Oct. 19, 2016) — A court adjourned the hearing.", "2016-10-19"),
    ("Tashkent, 27 March 2018: The foreign ministers arrived.", "2018-03-27"),
    ("NEW DELHI, Thursday, February 7, 2019 (Reuters) - Officials said.", "2019-02-07"),
])
def test_datelines_with_a_year(opening: str, expected: str) -> None:
    guess = detect_publication_date("Headline here\n\n" + opening + "\n" + FILLER)
    assert (guess.date, guess.precision, guess.source, guess.note) == (expected, "day", "dateline", None)
    assert guess.text is not None and opening.startswith(guess.text)


def test_dateline_without_year_and_no_year_in_the_text() -> None:
    guess = detect_publication_date("Geneva, August 9: Negotiators resumed their work.\n" + FILLER)
    assert guess.date is None and guess.precision == "unknown"
    assert guess.note == "dateline 'August 9' has no year and the text gives none"
    assert guess.text == "Geneva, August 9:"


def test_dateline_without_year_takes_the_latest_year_mentioned() -> None:
    text = ("Doha, 12 November: Negotiators resumed their work. Earlier rounds were held in 2016 "
            "and again in 2019, when the first draft was agreed.\n" + FILLER)
    guess = detect_publication_date(text)
    assert (guess.date, guess.precision, guess.source) == ("2019-11-12", "day", "dateline")
    assert "no year" in guess.note and "2019" in guess.note


def test_dateline_before_a_month_reported_as_past_moves_to_the_next_year() -> None:
    text = ("Ankara, March 3: The envoy said the ceasefire agreed in September 2020 still held.\n" + FILLER)
    guess = detect_publication_date(text)
    assert guess.date == "2021-03-03"
    assert "September 2020" in guess.note


def test_planned_years_are_not_evidence_for_the_dateline_year() -> None:
    text = ("Riyadh, May 4: The kingdom opened talks on a treaty it hopes to sign by 2030, "
            "building on a pact from 2015.\n" + FILLER)
    assert detect_publication_date(text).date == "2015-05-04"


def test_event_date_in_the_body_loses_to_the_dateline() -> None:
    text = ("Kandahar, 2 June 2016: Elders met the governor. The previous meeting, on 14 January 2015, "
            "ended without agreement.\n" + FILLER)
    assert detect_publication_date(text).date == "2016-06-02"


def test_body_date_is_used_only_as_a_flagged_last_resort() -> None:
    text = "Talks collapse\n\nThe summit of 21 August 2014 ended in acrimony, officials said.\n" + FILLER
    guess = detect_publication_date(text)
    assert (guess.date, guess.precision, guess.source) == ("2014-08-21", "day", "text")
    assert "event" in guess.note


def test_dates_deep_in_the_body_are_never_read() -> None:
    text = "Talks collapse\n\n" + FILLER + "The summit of 21 August 2014 ended badly.\n" + FILLER
    guess = detect_publication_date(text)
    assert guess == DateGuess(None, "unknown", "none", guess.note, None)


def test_month_only_date_has_month_precision() -> None:
    guess = detect_publication_date("Report\n\nBy Omar Said | Policy Brief | November 2018\n" + FILLER)
    assert (guess.date, guess.precision, guess.source) == ("2018-11-01", "month", "byline")


@pytest.mark.parametrize("value, expected", [
    ("2018", ("2018-01-01", "year")),
    ("2018-11", ("2018-11-01", "month")),
    ("2018-11-05", ("2018-11-05", "day")),
    ("2018-11-05T23:30:00+05:30", ("2018-11-05", "day")),
    ("Nov 05, 2018 01:10:12 IST", ("2018-11-05", "day")),
    ("March 2017", ("2017-03-01", "month")),
    (2016, ("2016-01-01", "year")),
    ("2018-02-30", None),
    ("last week", None),
    ("", None),
])
def test_parse_date_value_forms(value: object, expected: tuple[str, str] | None) -> None:
    assert parse_date_value(value) == expected


def test_seed_articles_get_their_publication_dates(seeds_dir: Path) -> None:
    files = {prefix: sorted(seeds_dir.glob(f"{prefix}_*")) for prefix in ("003", "004")}
    if not all(files.values()):
        pytest.skip(f"seed files 003_* and 004_* are not in {seeds_dir}")
    updated = detect_publication_date(files["003"][0].read_text(encoding="utf-8"))
    byline = detect_publication_date(files["004"][0].read_text(encoding="utf-8"))
    assert (updated.date, updated.source) == ("2018-11-05", "updated")
    assert (byline.date, byline.source) == ("2018-03-08", "byline")


def test_label_forms_month_only_and_ambiguous_numeric() -> None:
    month = detect_publication_date("Published: October 2018\nThe envoys met.\n")
    assert (month.date, month.precision, month.source) == ("2018-10-01", "month", "updated")
    numeric = detect_publication_date("Posted on 03/04/2019 | by staff\nThe envoys met.\n")
    assert (numeric.date, numeric.source) == ("2019-03-04", "updated")
    assert "ambiguous" in numeric.note


@pytest.mark.parametrize("text", [
    "", "\n\n", "KABUL, February 30, 2019 — The council met.", "Published: 99/99/2019", "By ", "Updated:",
    "Geneva, 31 June: talks.", "May 2020", "x" * 5000, "Lahore, May 7 — A court ruled in 2099 and in 1999.",
])
def test_odd_inputs_give_a_well_formed_guess(text: str) -> None:
    guess = detect_publication_date(text)
    assert guess.precision in {"day", "month", "year", "unknown"}
    assert guess.source in {"updated", "byline", "dateline", "text", "none"}
    assert (guess.date is None) == (guess.precision == "unknown")
