"""Events named again by a definite description ("the talks") take the parties of the
event told just before.

Every text here is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.errors import KnowledgeBaseError
from eirene.events.discourse import EventDescriptions

MET = "Armenian and Azerbaijani envoys met in Vienna on Monday. "


def _event(coder, text: str, trigger: str):
    events = coder.code_text(text, date="2019-03-10")
    return next((e for e in events if trigger in e.trigger), None)


def test_the_talks_are_the_parties_of_the_meeting(coder):
    event = _event(coder, MET + "Moscow welcomed the talks.", "welcomed")
    assert event is not None
    assert sorted(r.country for r in event.recipients) == ["ARM", "AZE"]
    assert {r.how for r in event.recipients} == {"event-coreference"}
    assert all(r.text == "the talks" for r in event.recipients)


def test_no_antecedent_no_parties(coder):
    assert _event(coder, "Moscow welcomed the talks.", "welcomed") is None


def test_a_description_with_its_own_parties_is_left_alone(coder):
    event = _event(coder, MET + "Moscow welcomed the talks with Baku.", "welcomed")
    assert event is None or all(r.how != "event-coreference" for r in event.recipients)


def test_an_event_that_did_not_happen_is_no_antecedent(coder):
    text = "Armenian and Azerbaijani envoys did not meet in Vienna on Monday. Moscow welcomed the talks."
    assert _event(coder, text, "welcomed") is None


def test_too_far_back_is_no_antecedent(coder):
    filler = "The weather in Vienna was cold. " * 5
    assert _event(coder, MET + filler + "Moscow welcomed the talks.", "welcomed") is None


def test_a_malformed_event_description_names_itself(tmp_path: Path):
    path = tmp_path / "discourse.yaml"
    path.write_text("version: 1\nevent_descriptions:\n  talks: CONSULT\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        EventDescriptions.load(path)
    assert caught.value.code == "E235" and "talks" in str(caught.value)
