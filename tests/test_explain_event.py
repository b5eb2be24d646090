"""`eirene explain` tells where an event's parts come from: the transcript turn that made
a speaker its claimant (or its "I"), every mention merged into it, and its date's origin;
for a text, and for a stored event given by its id. The interview below is invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eirene.cli import cli
from eirene.event_provenance import event_provenance
from eirene.records import ActorRef, DocResult, Document, Event
from eirene.store import open_store

INTERVIEW = (
    "Minister hints at new talks\n\n"
    "Oslo, 4 May 2019: Our correspondent Mira Holt spoke to the Norwegian envoy Per Sandvik.\n\n"
    "MH: Will the parties meet again?\n\n"
    "PS: I invited both delegations to Oslo. We expect an answer next week.\n\n"
    "MH: And the ceasefire?\n\n"
    "PS: The Taliban attacked a convoy near Kunduz on 2 May.\n"
)
SPEAKER = ActorRef(text="PS", name="Per Sandvik", kind="person", country="NOR", sector="GOV", how="speaker",
                   start=INTERVIEW.index("PS:"), end=INTERVIEW.index("PS:") + 2)
NORWAY = ActorRef(text="Norway", name="Norway", actor_id="NOR", kind="state", country="NOR", sector="GOV", how="alias")


def sentence_event(sentence: str, trigger: str, event_type: str, **fields) -> Event:  # type: ignore[no-untyped-def]
    start = INTERVIEW.index(sentence)
    trigger_start = INTERVIEW.index(trigger, start)
    values = dict(doc_id="interview", sentence_index=INTERVIEW[:start].count(". ") + 3, start=start,
                  end=start + len(sentence), text=sentence, trigger=trigger, event_type=event_type,
                  actors=(NORWAY,), trigger_start=trigger_start, trigger_end=trigger_start + len(trigger),
                  date="2019-05-04", date_precision="document", date_source="document")
    values.update(fields)
    return Event(id=Event.make_id("interview", values["sentence_index"], start, start + len(sentence), event_type,
                                  trigger), **values)


def invited() -> Event:
    """'I invited both delegations': the speaker is the claimant and, as "I", the actor."""
    i_start = INTERVIEW.index("I invited")
    me = ActorRef(text="I", name="Per Sandvik", kind="person", country="NOR", sector="GOV", how="speaker",
                  start=i_start, end=i_start + 1)
    return sentence_event("I invited both delegations to Oslo.", "invited", "CONSULT", actors=(me,),
                          attributed_to=SPEAKER)


def attacked() -> Event:
    """'The Taliban attacked a convoy ... on 2 May', also reported in the headline-like first line."""
    sentence = "The Taliban attacked a convoy near Kunduz on 2 May."
    start = INTERVIEW.index(sentence)
    return sentence_event(sentence, "attacked", "ASSAULT", date="2019-05-02", date_precision="day",
                          date_text="on 2 May", date_source="sentence", attributed_to=SPEAKER,
                          mentions=(f"{start}:{start + len(sentence)}", "0:27"))


def test_provenance_names_the_speaker_turn_the_mentions_and_the_date_origin() -> None:
    spoken = event_provenance(invited(), INTERVIEW)
    assert [(t.role, t.who, t.label, t.speaker) for t in spoken.speaker_turns] == [
        ("claimant", "PS", "PS", "Per Sandvik"), ("actor", "I", "PS", "Per Sandvik")]
    assert spoken.speaker_turns[0].text == "PS: I invited both delegations to Oslo. We expect an answer next week."
    assert spoken.date_origin == "2019-05-04 (document), the publication date, standing in: the clause names no date"
    assert [m.text for m in spoken.mentions] == ["I invited both delegations to Oslo."]
    merged = event_provenance(attacked(), INTERVIEW)
    assert [m.text for m in merged.mentions] == ["The Taliban attacked a convoy near Kunduz on 2 May.",
                                                 "Minister hints at new talks"]
    assert merged.date_origin == "2019-05-02 (day), read from the clause's own words: 'on 2 May'"
    assert merged.speaker_turns[0].start == INTERVIEW.index("PS: The Taliban")  # the turn it was said in
    unsaid = sentence_event("I invited both delegations to Oslo.", "invited", "CONSULT", date=None,
                            date_precision="unknown", date_source="unknown")
    assert event_provenance(unsaid, INTERVIEW).speaker_turns == ()
    assert event_provenance(unsaid, INTERVIEW).date_origin.startswith("no date (")


@pytest.fixture()
def interview_db(tmp_path: Path) -> str:
    path = str(tmp_path / "interview.duckdb")
    with open_store(path) as store:
        run = store.begin_run(eirene_version="test", model="hand", inputs=["interview"], config={})
        document = Document(id="interview", text=INTERVIEW, title="Minister hints at new talks", date="2019-05-04",
                            date_precision="day", date_source="dateline")
        store.save_result(DocResult(document=document, events=(invited(), attacked()), sentences=8), run)
        store.finish_run(run, counts={"documents_new": 1, "events": 2})
    return path


def test_explain_a_stored_event_by_its_id(interview_db: str) -> None:
    shown = CliRunner().invoke(cli, ["explain", attacked().id, "--db", interview_db])
    assert shown.exit_code == 0, shown.output
    assert "claimant 'PS' (Per Sandvik): the speaker of the transcript turn 'PS:'" in shown.output
    assert "mentions: 2 reports of this happening, merged into one event" in shown.output
    assert 'chars 0-27: "Minister hints at new talks"' in shown.output
    assert "date: 2019-05-02 (day), read from the clause's own words: 'on 2 May'" in shown.output
    as_json = json.loads(CliRunner().invoke(cli, ["explain", invited().id, "--db", interview_db,
                                                  "--format", "json"]).output)
    assert as_json["event"]["id"] == invited().id
    assert [t["role"] for t in as_json["event"]["provenance"]["speaker_turns"]] == ["claimant", "actor"]


def test_explain_an_unknown_event_id_says_so(interview_db: str) -> None:
    missing = CliRunner().invoke(cli, ["explain", "0123456789abcdef0123", "--db", interview_db])
    assert missing.exit_code == 1 and "[E530]" in missing.output and "eirene events" in missing.output


@pytest.mark.slow
def test_explain_a_transcript_codes_it_as_a_document_with_its_speakers() -> None:
    text = INTERVIEW.split("\n\nMH: And")[0] + "\n"
    shown = CliRunner().invoke(cli, ["explain", text, "--date", "2019-05-04", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    events = json.loads(shown.output)["events"]
    invited_event = next(e for e in events if e["trigger"] == "invited")
    assert invited_event["actors"][0]["how"] == "speaker"
    roles = [t["role"] for t in invited_event["provenance"]["speaker_turns"]]
    assert "actor" in roles
