"""Pronouns across sentences: a subject "he" prefers an earlier subject, and the subject of
a verb of saying is never a person who had died before the story's date.

Every text here is written for these tests.
"""

from __future__ import annotations


def _speaker_of(coder, text: str, trigger_word: str, date: str):
    events = coder.code_text(text, date=date)
    event = next(e for e in events if trigger_word in e.trigger)
    return event


def test_subject_he_prefers_the_earlier_subject(coder):
    text = ("President Ashraf Ghani rejected the proposal of Pakistani Prime Minister Imran Khan. "
            "He demanded that the Taliban declare a ceasefire.")
    event = _speaker_of(coder, text, "demanded", "2019-06-01")
    assert [a.name for a in event.actors] == ["Ashraf Ghani"]


def test_a_dead_man_does_not_speak(coder):
    """Mullah Omar died in 2013: in a 2016 story, "He said" after his name is the living man before him."""
    text = ("Former intelligence chief Asad Durrani recalled that Mullah Omar had founded the movement. "
            "He said Pakistan would never attack the Taliban.")
    event = _speaker_of(coder, text, "attack", "2016-06-03")
    assert event.attributed_to is not None and event.attributed_to.name == "Asad Durrani"


def test_a_dead_man_still_acts_in_the_past(coder):
    """The rule is about speaking after death: a past deed of the dead man keeps him."""
    text = "Mullah Omar led the Taliban in the 1990s. He rejected every offer of talks from Kabul."
    event = _speaker_of(coder, text, "rejected", "2016-06-03")
    assert [a.name for a in event.actors] == ["Mullah Mohammad Omar"]


def test_its_owner_of_a_subject_prefers_the_earlier_subject(coder):
    text = "Turkey received Hamas envoys on Friday. Its foreign minister condemned Israel."
    event = _speaker_of(coder, text, "condemned", "2019-06-01")
    assert [a.country for a in event.actors] == ["TUR"]


def test_the_militants_and_the_group_follow_the_armed_group(coder):
    text = ("The Haqqani network claimed the bombing in Kabul. "
            "Afghan officials said the militants had also ambushed a police convoy in Logar.")
    event = _speaker_of(coder, text, "ambushed", "2019-06-01")
    assert [a.name for a in event.actors] == ["Haqqani network"]
