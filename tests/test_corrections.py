"""Review and correction: stored with who, when and why, applied everywhere, kept through
re-coding, undone on request, exported as training data; over the API only with the token."""

from __future__ import annotations

import json
import pytest
from click.testing import CliRunner

import eirene
from eirene import review
from eirene.cli import cli
from eirene.corrections import Correction, apply_corrections
from eirene.errors import StoreError
from eirene.records import ActorRef, Event
from eirene.store import EventFilter, open_store

from analysis_world import write_world
from web_support import TOKEN


def _strike(store):
    """The world's US drone strike on Pakistani soldiers (an ASSAULT, United States -> Pakistan)."""
    [event] = [e for e in store.events(EventFilter(event_type="ASSAULT")) if e.trigger == "killed"]
    return event


def _us_pak(path):
    with eirene.open(path) as system:
        edge = system.network().graph.edges["PAK", "USA"]
        return system.dyad("USA", "PAK").totals, (edge["events"], edge["conflict"])


def test_corrections_apply_to_fresh_and_stored_events():
    ref = ActorRef(text="Russia", name="Russia", country="RUS")
    event = Event(id="e1", doc_id="d", sentence_index=0, start=0, end=20, text="Russia met Pakistan.", trigger="met",
                  event_type="CONSULT", actors=(ref,), quad_class=1)
    other = Event(id="e2", doc_id="d", sentence_index=1, start=21, end=40, text="x", trigger="y",
                  event_type="AGREE", actors=(ref,), quad_class=1)
    fix = Correction(doc_id="d", start=0, end=20, trigger="met", event_id="e1", action="fix", reason="r", author="a",
                     changes={"event_type": "ACCUSE", "quad_class": 3}, id=1, original=event.to_dict())
    recoded = Event.from_dict({**event.to_dict(), "id": "e1-new", "confidence": 0.9})
    events, refreshed = apply_corrections([recoded, other], [fix], fresh=True)
    fixed = next(e for e in events if e.trigger == "met")
    assert (fixed.id, fixed.event_type, fixed.quad_class, fixed.confidence) == ("e1-new", "ACCUSE", 3, 1.0)
    assert refreshed == {1: recoded.to_dict()} and other in events
    gone, _ = apply_corrections([other], [fix], fresh=True)  # the coder lost the event: the fix keeps it
    assert [e.event_type for e in gone if e.trigger == "met"] == ["ACCUSE"]
    wrong = Correction(**{**vars(fix), "id": 2, "action": "wrong", "changes": {}})
    assert [e.id for e in apply_corrections([fixed, other], [fix, wrong], fresh=False)[0]] == ["e2"]
    undone = Correction(**{**vars(wrong), "undone_at": "2026-01-01T00:00:00", "undone_by": "a"})
    back, _ = apply_corrections([other], [undone], fresh=False)
    assert [e.event_type for e in back if e.trigger == "met"] == ["CONSULT"]  # the coder's event again


def test_corrections_change_every_count_survive_recoding_and_undo(world_copy, tmp_path, coder):
    from eirene.coding_run import code_inputs

    path = world_copy
    before = _us_pak(path)
    with open_store(path) as store:
        strike = _strike(store)
        saved = review.correct(store, strike.id, wrong=True, reason="soldiers were killed by a mine", author="ana")
        assert (saved.author, saved.action, saved.reason) == ("ana", "wrong", "soldiers were killed by a mine")
        assert saved.created_at and saved.active and store.get_event(strike.id) is None
        [fix_target] = store.events(EventFilter(event_type="SANCTION", actor="USA", recipient="PAK"))
        review.correct(store, fix_target.id, event_type="ACCUSE", actors=["India"], reason="India said it",
                       author="ben")
    after = _us_pak(path)
    assert after[0]["conflict"] == before[0]["conflict"] - 2 and after[1][1] == before[1][1] - 2
    with open_store(path) as store:  # what `eirene code --recode` does
        code_inputs([write_world(tmp_path / "articles")], store, lambda: coder, model_name=coder.model, recode=True)
        assert store.get_event(strike.id) is None
        fixed = store.get_event(fix_target.id)
        assert (fixed.event_type, fixed.actors[0].name, fixed.actors[0].how) == ("ACCUSE", "India", "correction")
    assert _us_pak(path) == after
    with open_store(path) as store:
        undone = review.undo(store, saved.id, "ana")
        assert undone.undone_by == "ana" and store.get_event(strike.id).event_type == "ASSAULT"
        with pytest.raises(StoreError) as info:
            review.undo(store, saved.id)
        assert info.value.code == "E414"
        assert [c.id for c in store.corrections(active=True)] == [saved.id + 1] and len(store.corrections()) == 2


def test_corrections_refuse_what_cannot_be_done(world_copy):
    path = world_copy
    with open_store(path) as store:
        strike = _strike(store)
        for options, code in (({"wrong": True, "reason": " "}, "E416"), ({"reason": "r"}, "E416"),
                              ({"event_type": "BOMB", "reason": "r"}, "E416"),
                              ({"actors": ["Freedonia"], "reason": "r"}, "E416"),
                              ({"date": "March", "reason": "r"}, "E416")):
            with pytest.raises(StoreError) as info:
                review.correct(store, strike.id, **options)
            assert info.value.code == code, options
        with pytest.raises(StoreError) as info:
            review.correct(store, "no-such-event", wrong=True, reason="r")
        assert info.value.code == "E413" and store.corrections() == []


def test_cli_correct_list_undo_and_export_training_data(world_copy, tmp_path):
    path = world_copy
    with open_store(path, read_only=True) as store:
        strike = _strike(store)
    run = CliRunner().invoke
    done = run(cli, ["correct", strike.id, "--db", str(path), "--type", "ACCUSE", "--date", "2018-03-10",
                     "--reason", "a statement about the strike", "--by", "cli-user"])
    assert done.exit_code == 0, done.output
    assert "correction 1 by cli-user" in done.output and "event_type: ASSAULT -> ACCUSE" in done.output
    listed = run(cli, ["corrections", "list", "--db", str(path), "--format", "csv"]).stdout.splitlines()
    assert listed[0].startswith("id,event_id,doc_id,trigger,what") and listed[1].startswith(f"1,{strike.id},")
    out = tmp_path / "training.jsonl"
    assert run(cli, ["corrections", "export", "--db", str(path), "--out", str(out)]).exit_code == 0
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["label"] == "corrected" and row["predicted"]["event_type"] == "ASSAULT"
    assert (row["gold"]["event_type"], row["gold"]["date"], row["gold"]["date_precision"]) == ("ACCUSE", "2018-03-10", "day")
    assert "killed" in row["text"] and row["corrections"][0]["author"] == "cli-user"
    assert run(cli, ["corrections", "undo", "1", "--db", str(path), "--by", "cli-user"]).exit_code == 0
    again = run(cli, ["corrections", "undo", "1", "--db", str(path)])
    assert again.exit_code != 0 and "[E414]" in again.output
    assert run(cli, ["corrections", "list", "--db", str(path), "--all"]).output.count("cli-user") >= 2


def test_web_corrections_need_the_token_and_change_the_counts(world_copy):
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    path = world_copy
    with open_store(path, read_only=True) as store:
        strike = _strike(store)
    body = {"wrong": True, "reason": "not this strike", "author": "web-user"}
    with TestClient(create_app(path, token=TOKEN), base_url="http://127.0.0.1") as client:
        before = client.get("/api/dyads/USA/PAK").json()
        url = f"/api/events/{strike.id}/corrections"
        assert client.post(url, json=body).status_code == 401
        assert client.post(url, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 403
        made = client.post(url, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert made.status_code == 201 and made.json()["author"] == "web-user" and made.json()["active"]
        after = client.get("/api/dyads/USA/PAK").json()
        assert after["conflict"] == before["conflict"] - 1
        assert client.get(f"/api/events/{strike.id}").status_code == 404
        listed = client.get("/api/corrections").json()
        assert listed["total"] == 1 and listed["corrections"][0]["summary"] == "marked wrong"
        undo = f"/api/corrections/{made.json()['id']}/undo"
        assert client.post(undo, json={"author": "web-user"}).status_code == 401
        assert client.post(undo, json={"author": "web-user"}, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        assert client.get("/api/dyads/USA/PAK").json()["conflict"] == before["conflict"]
        assert client.post(undo, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 409
    with TestClient(create_app(path, token=""), base_url="http://127.0.0.1") as read_only:
        refused = read_only.post(f"/api/events/{strike.id}/corrections", json=body,
                                 headers={"Authorization": f"Bearer {TOKEN}"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "E503"
