"""Transcripts: speaker turns, the person each label names, and "I", "we", "you".

Every text here is written for these tests (invented people and a made-up interview).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.actors.speakers import DiscourseWords, Transcript, find_turns, initials
from eirene.errors import KnowledgeBaseError
from eirene.records import ActorRef, Document

WORDS = DiscourseWords.load()

INTERVIEW = """Uzbek ex-minister says Tashkent will keep hosting talks

Nadia Karimova, a former Uzbek deputy foreign minister, spoke with our reporter Tom Hale.

Tom Hale: Welcome. Will Tashkent host the next round?

Nadia Karimova: I think so. We hosted the Taliban before and we will host them again.

TH: Did Russia arm the insurgents?

NK: I have seen the reports. My government condemned Russia for it last year.
"""


def test_turns_map_initials_to_the_full_name_label():
    turns = find_turns(INTERVIEW, WORDS)
    assert [(t.label, t.full) for t in turns] == [
        ("Tom Hale", "Tom Hale"), ("Nadia Karimova", "Nadia Karimova"), ("TH", "Tom Hale"), ("NK", "Nadia Karimova")]
    assert INTERVIEW[turns[2].start:turns[2].label_end].startswith("TH:")


def test_initials_defined_in_brackets_count_too():
    text = "Talks with Omar Baig (OB) and Lena Ruiz (LR) follow.\n\nLR: Why now?\n\nOB: Because the front is quiet.\n"
    assert [t.full for t in find_turns(text, WORDS)] == ["Lena Ruiz", "Omar Baig"]


def test_page_furniture_and_a_lone_label_are_no_transcript():
    assert find_turns("Updated: May 3, 2019 10:00\n\nThe army said on Monday it had ...\n", WORDS) == []
    assert find_turns("Note: figures are provisional.\nSource: ministry.\n", WORDS) == []
    assert find_turns("Tom Hale: one line only.\n\nThen prose.", WORDS) == []


def test_initials():
    assert initials("Nadia Karimova") == "NK"
    assert initials("Jean-Luc Picard") == "JLP"


def test_speaker_pronouns_and_claims(coder):
    result = coder.code(Document(id="iv", text=INTERVIEW, date="2019-03-10", date_precision="day"))
    hosted = next(e for e in result.events if e.trigger.startswith("hosted"))
    # "We" in a turn of a speaker of known country is that country, and she is the claimant
    assert [a.country for a in hosted.actors] == ["UZB"]
    assert hosted.attributed_to is not None and hosted.attributed_to.name == "Nadia Karimova"
    assert hosted.attributed_to.how == "speaker"
    protested = next(e for e in result.events if e.trigger.startswith("condemned"))
    # "My government": the speaker's state, in the government sector
    assert [(a.country, a.sector) for a in protested.actors] == [("UZB", "GOV")]
    armed = next(e for e in result.events if "arm" in e.trigger)
    assert armed.attributed_to is not None and armed.attributed_to.name == "Tom Hale"


def test_labels_are_no_actors(coder):
    result = coder.code(Document(id="iv", text=INTERVIEW, date="2019-03-10", date_precision="day"))
    labels = [(t.start, t.label_end) for t in find_turns(INTERVIEW, WORDS)]
    for event in result.events:
        for ref in (*event.actors, *event.recipients):
            assert not any(start <= (ref.start or -1) < end for start, end in labels), ref


def _person(name: str, actor_id: str | None, start: int, country: str | None = None) -> ActorRef:
    return ActorRef(text=name, name=name, actor_id=actor_id, country=country, sector="GOV", kind="person",
                    start=start, end=start + len(name), how="alias")


def test_a_dead_person_is_never_the_speaker():
    text = "Omar Baig: We never armed them.\n\nLena Ruiz: Are you sure?\n\nOmar Baig: Quite sure.\n"
    mentions = [_person("Omar Baig", "omar-baig", 0, "PAK"), _person("Lena Ruiz", None, 33)]
    alive = Transcript(text, mentions, WORDS, "2019-03-10", {"omar-baig": "2020-01-01"})
    assert alive.speakers["Omar Baig"].actor_id == "omar-baig"
    dead = Transcript(text, mentions, WORDS, "2019-03-10", {"omar-baig": "2018-06"})
    assert dead.speakers["Omar Baig"].actor_id is None and dead.speakers["Omar Baig"].name == "Omar Baig"


def test_you_is_the_other_speaker_of_two():
    text = "Omar Baig: We never armed them.\n\nLena Ruiz: Did you meet them?\n"
    mentions = [_person("Omar Baig", "omar-baig", 0, "PAK"), _person("Lena Ruiz", None, 33)]
    transcript = Transcript(text, mentions, WORDS, "2019-03-10")
    pointed = transcript.pointing_mentions(mentions, {})
    you = next(m for m in pointed if m.text == "you")
    assert you.actor_id == "omar-baig" and you.how == "speaker"
    assert not any(m.text == "We" for m in pointed)  # no state given for PAK: "we" names nobody


def test_a_malformed_discourse_file_names_itself(tmp_path: Path):
    path = tmp_path / "discourse.yaml"
    path.write_text("version: 1\nnot_speakers: updated\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        DiscourseWords.load(path)
    assert caught.value.code == "E235" and "not_speakers" in str(caught.value)


def test_a_answers_for_the_one_person_introduced(coder):
    text = ("Our correspondent Tom Hale spoke with Nadia Karimova, a former Uzbek deputy foreign minister.\n\n"
            "Q: Will Tashkent host the next round?\n\nA: We hosted the Taliban before and we will host them again.\n")
    result = coder.code(Document(id="qa", text=text, date="2019-03-10", date_precision="day"))
    hosted = next(e for e in result.events if e.trigger.startswith("hosted"))
    assert hosted.attributed_to is not None and hosted.attributed_to.name == "Nadia Karimova"
    assert [a.country for a in hosted.actors] == ["UZB"]


def test_a_rebel_speakers_we_is_his_movement():
    text = "Omar Baig: We will fight on.\n\nLena Ruiz: Why?\n\nOmar Baig: We were attacked first.\n"
    rebel = ActorRef(text="Omar Baig", name="Omar Baig", actor_id="omar-baig", country="AFG", sector="REB",
                     kind="person", start=0, end=9, how="alias")
    transcript = Transcript(text, [rebel], WORDS, "2019-03-10")
    state = ActorRef(text="Afghanistan", name="Afghanistan", actor_id="AFG", country="AFG", sector=None, kind="state")
    we = [m for m in transcript.pointing_mentions([rebel], {"AFG": state}) if m.text == "We"]
    assert len(we) == 2 and {(m.country, m.sector, m.actor_id) for m in we} == {("AFG", "REB", "omar-baig")}



def test_initials_label_finds_a_person_known_by_a_longer_name():
    """The text writes 'Tariq Ahmad Latif Zaman' as 'Tariq Zaman'; the transcript labels him TZ."""
    intro = "Our guest today is Tariq Zaman, a former envoy.\n\n"
    text = intro + "LR: Did you meet them?\n\nTZ: Never.\n\nLR: Why not?\n\nTZ: No reason to.\n"
    known = ActorRef(text="Tariq Zaman", name="Tariq Ahmad Latif Zaman", actor_id="tariq-zaman", country="PAK",
                     sector="ELI", kind="person", start=intro.index("Tariq"), end=intro.index("Tariq") + 11, how="alias")
    transcript = Transcript(text, [known], WORDS, "2019-03-10")
    assert transcript.speakers["TZ"].actor_id == "tariq-zaman"
    assert transcript.speakers["LR"].actor_id is None  # nobody named with those initials
