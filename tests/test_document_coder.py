"""The coder as a whole: the same results in-process and in a process pool; failures isolated."""

from __future__ import annotations

import pytest

from eirene.config import CodingConfig
from eirene.document_coder import Coder
from eirene.records import DocFailure, Document

pytestmark = pytest.mark.slow

TEXTS = [
    "KABUL, May 2, 2017 — Afghan troops attacked Taliban positions in Helmand.",
    "MOSCOW, Feb 20, 2018 — Russia and Pakistan signed a defence cooperation agreement.",
    "WASHINGTON, Jan 4, 2018 — The United States suspended security assistance to Pakistan.",
    "DOHA, Feb 29, 2020 — Zalmay Khalilzad met Taliban negotiators in Doha.",
]


def documents():
    return [Document(id=f"d{n}", text=text, date="2018-01-01", date_precision="day") for n, text in enumerate(TEXTS)]


def test_pool_gives_the_same_events_in_the_same_order(coder):
    alone = [r.events for r in coder.code_many(documents())]
    pooled = Coder(CodingConfig(workers=2), nlp=coder.nlp, kb=coder.kb, lexicon=coder.lexicon, gazetteer=coder.gazetteer)
    together = list(pooled.code_many(documents()))
    assert [r.document.id for r in together] == ["d0", "d1", "d2", "d3"]
    assert [r.events for r in together] == alone
    assert all(len(events) >= 1 for events in alone)


def test_a_failing_document_is_recorded_and_the_batch_goes_on(coder, monkeypatch):
    original = coder.actor_coder.code_doc

    def broken(doc, date):
        if "Pakistan" in doc.text:
            raise ValueError("simulated failure")
        return original(doc, date)

    monkeypatch.setattr(coder.actor_coder, "code_doc", broken)
    outcomes = list(coder.code_many(documents(), on_error="record"))
    failures = [o for o in outcomes if isinstance(o, DocFailure)]
    assert [f.doc_id for f in failures] == ["d1", "d2"]
    assert failures[0].code == "E303" and "simulated failure" in failures[0].message
    assert [o.document.id for o in outcomes if not isinstance(o, DocFailure)] == ["d0", "d3"]
    with pytest.raises(ValueError):
        list(coder.code_many(documents(), on_error="raise"))


def test_classifier_codes_a_sentence_no_rule_matches_and_says_so(coder):
    sentence = "India's navy escorted Iranian ships through the gulf."
    events = coder.code_text(sentence, "2019-07-01")
    assert len(events) == 1
    event = events[0]
    assert event.method == f"model:{coder.event_coder.classifier.version}"
    assert [a.country for a in event.actors] == ["IND"] and [r.country for r in event.recipients] == ["IRN"]
    assert 0.5 <= event.confidence < 1
    rules_only = Coder(CodingConfig(use_classifier=False), nlp=coder.nlp, kb=coder.kb, lexicon=coder.lexicon,
                       gazetteer=coder.gazetteer)
    assert rules_only.code_text(sentence, "2019-07-01") == []


def test_classifier_event_takes_its_roles_from_the_reported_clause(coder):
    """'X did Y, police said': the model's event is X's deed, attributed to the police,
    not a deed of the police (roles read around 'said' would make them the actor)."""
    events = coder.code_text("Chilean exiles hurled insults at the Argentine ambassador in Rome, Italian police said.",
                             "2019-07-01")
    assert len(events) == 1
    event = events[0]
    assert event.method.startswith("model:") and event.trigger == "hurled"
    assert [a.country for a in event.actors] == ["CHL"] and [r.country for r in event.recipients] == ["ARG"]
    assert event.attributed_to is not None and event.attributed_to.country == "ITA"


def test_classifier_event_falls_back_to_the_speaker_when_the_report_names_no_doer(coder):
    # (The classifier trained without the check half leaves "lifting the sanctions ..." below
    # its bar, as SANCTION at 0.42; this wording it reads as the refusal it is.)
    events = coder.code_text("US officials said that lifting the embargo on Burma is not on the table.",
                             "2019-07-01")
    assert [(e.trigger, [a.country for a in e.actors]) for e in events] == [("said", ["USA"])]
    assert events[0].method.startswith("model:") and events[0].event_type == "REJECT"


def test_another_classifier_artefact_can_replace_the_shipped_one(coder, tmp_path):
    """CodingConfig.classifier_path (evaluate events --classifier) loads a retrained model."""
    from dataclasses import replace

    from eirene.events.classifier import EventClassifier

    replace(EventClassifier.load(), version="clf-check-model").save(tmp_path)
    other = Coder(CodingConfig(classifier_path=str(tmp_path)), nlp=coder.nlp, kb=coder.kb, lexicon=coder.lexicon,
                  gazetteer=coder.gazetteer)
    events = other.code_text("India's navy escorted Iranian ships through the gulf.", "2019-07-01")
    assert [e.method for e in events] == ["model:clf-check-model"]


def test_classifier_never_makes_a_speaker_the_doer_of_a_deed_it_reports(coder):
    events = coder.code_text("Pakistani critics say the strikes kill civilians as well as militants.", "2016-05-23")
    assert not [e for e in events if e.event_type == "ASSAULT" and [a.country for a in e.actors] == ["PAK"]]


def test_classifier_never_makes_the_subject_of_a_patient_verb_the_actor(coder):
    """'Pakistan has suffered militant violence': Pakistan undergoes it (patient_verbs)."""
    assert coder.lexicon.is_patient_verb("suffer") and not coder.lexicon.is_patient_verb("attack")
    events = coder.code_text("Pakistan has suffered heavy militant violence this year, including a bombing in Lahore "
                             "that killed more than 70 people.", "2016-05-23")
    assert not [e for e in events if [a.country for a in e.actors] == ["PAK"]]
