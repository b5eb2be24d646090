"""One event per happening: a headline repeated in the lede, and repeated mentions, merge
into one event that keeps every mention.

Every text here is written for these tests.
"""

from __future__ import annotations

from dataclasses import replace

from eirene.events.mentions import headline_end, merge_repeated
from eirene.records import Document


def _code(coder, text: str, title: str | None = None, date: str = "2019-03-10"):
    return coder.code(Document(id="m", text=text, title=title, date=date, date_precision="day")).events


HEADLINE = ("Turkish jets strike Kurdish militants in northern Iraq\n\n"
            "ANKARA, March 10 — Turkish jets struck Kurdish militants in northern Iraq on Saturday, "
            "the defence ministry said.\n\nThe ministry gave no figure for casualties.\n")


def test_headline_end():
    assert headline_end(HEADLINE) == len("Turkish jets strike Kurdish militants in northern Iraq")
    assert headline_end("The army said on Monday it had withdrawn.\n\nMore text.") == 0
    assert headline_end("Prose without a blank line") == 0
    assert headline_end("A title\nbody", title="A title") == len("A title")


def test_a_headline_repeated_in_the_lede_is_one_event(coder):
    events = [e for e in _code(coder, HEADLINE) if e.event_type == "ASSAULT"]
    assert len(events) == 1
    (event,) = events
    body_start = HEADLINE.index("ANKARA")
    # the body mention stands for the happening, with its date; the headline is kept as a mention
    assert event.start >= body_start and event.date == "2019-03-09" and event.date_source == "sentence"
    assert len(event.mentions) == 2 and event.mentions[0] == f"{event.start}:{event.end}"
    assert any(m.startswith("0:") for m in event.mentions)


def test_the_same_happening_told_twice_is_one_event(coder):
    text = ("Pakistan expelled two Indian diplomats on Monday. "
            "Officials in Islamabad said the expulsion followed a spying row. "
            "Pakistan expelled the two Indian diplomats after a week of talks failed.")
    events = [e for e in _code(coder, text) if e.event_type == "SANCTION"]
    assert len(events) == 1 and len(events[0].mentions) == 2


def test_two_dates_are_two_happenings(coder):
    text = ("Turkish jets struck Kurdish militants in northern Iraq on Saturday. "
            "Turkish jets struck Kurdish militants in northern Iraq again on Tuesday.")
    events = [e for e in _code(coder, text) if e.event_type == "ASSAULT"]
    assert len(events) == 2 and all(e.mentions == () for e in events)


def test_other_places_are_two_happenings(coder):
    text = ("Taliban fighters attacked a police post in Kunduz. "
            "Taliban fighters attacked a police post in Helmand.")
    events = [e for e in _code(coder, text) if e.event_type == "ASSAULT"]
    assert len(events) == 2


def test_merge_keeps_document_order_and_unmerged_events(coder):
    events = list(_code(coder, HEADLINE))
    assert merge_repeated(events, headline_end(HEADLINE)) == events  # merging twice changes nothing
    assert [e.start for e in events] == sorted(e.start for e in events)


def test_a_repeated_headline_line_gives_one_event(coder):
    line = "Turkish jets strike Kurdish militants in northern Iraq"
    text = f"{line}\n\n{line}\n\nThe defence ministry gave no figure for casualties.\n"
    strikes = [e for e in _code(coder, text) if e.event_type == "ASSAULT"]
    assert len(strikes) == 1 and len(strikes[0].mentions) == 2
    assert strikes[0].start == len(line) + 2  # the body's copy stands for it


def test_a_later_mention_without_the_mode_is_the_same_happening(coder):
    """A later mention that leaves the mode unsaid ("the strike" after "a drone strike")
    is the same happening: one event, with the mode one mention gives."""
    (told,) = [e for e in _code(coder, "Turkish drones struck Kurdish militants in northern Iraq.")
               if e.event_type == "ASSAULT"]
    assert told.mode == "drone"
    retold = replace(told, id="retold", sentence_index=3, start=told.end + 10, end=told.end + 60,
                     trigger_start=told.end + 20, mode=None)
    (merged,) = merge_repeated([retold, told])
    assert merged.mode == "drone" and len(merged.mentions) == 2
    other = replace(retold, mode="aerial")
    assert len(merge_repeated([told, other])) == 2


def test_two_modes_told_are_two_happenings(coder):
    text = ("Turkish jets bombed Kurdish militants in northern Iraq. "
            "Turkish troops shot Kurdish militants in northern Iraq.")
    events = [e for e in _code(coder, text) if e.event_type == "ASSAULT"]
    assert len({e.mode for e in events}) == 2 and len(events) == 2
