"""Resolution with the built world-scale knowledge (data/actors/built), on sentences
written for these tests: people with dated roles, former office holders (ELI), armed
groups, universities, companies, IGOs in the country field, and documents without a
date, which never get today's roles."""

from __future__ import annotations

import datetime as dt

import pytest

from eirene.actors.entries import UNDATED
from eirene.dates import latest_date_in_text
from eirene.document_coder import actor_dating
from eirene.records import Document

pytestmark = pytest.mark.slow


def find(coder, text, words, date):
    """(country, sector) of the mention whose text starts with `words`."""
    doc = coder.nlp(text)
    found = [(r.country, r.sector) for r in coder.actor_coder.code_doc(doc, date) if r.text.startswith(words)]
    assert found, f"no mention starting {words!r}"
    return found[0]


@pytest.mark.parametrize("text, words, date, code", [
    # a head of state outside the curated files, in office on the story date
    ("Gitanas Nauseda told reporters the border would stay open.", "Gitanas Nauseda", "2021-03-02", ("LTU", "GOV")),
    # the same man before any office the sources record: a private citizen
    ("Gitanas Nauseda told reporters the border would stay open.", "Gitanas Nauseda", "2015-03-02", ("LTU", "CVL")),
    # PLOVER ELI: the role ended before the story date
    ("Kersti Kaljulaid criticised the new pipeline deal.", "Kersti Kaljulaid", "2023-06-01", ("EST", "ELI")),
    ("Kersti Kaljulaid criticised the new pipeline deal.", "Kersti Kaljulaid", "2019-06-01", ("EST", "GOV")),
])
def test_people_are_coded_by_the_role_they_held_on_the_date(coder, text, words, date, code):
    assert find(coder, text, words, date) == code


@pytest.mark.parametrize("text, words, code", [
    ("Palipehutu-FNL fighters attacked a village near the border.", "Palipehutu-FNL", ("BDI", "REB")),
    ("Researchers at Harvard University published the survey.", "Harvard University", ("USA", "EDU")),
    ("The Massachusetts Institute of Technology signed the agreement.", "The Massachusetts Institute of Technology",
     ("USA", "EDU")),
    ("The Nordic Council condemned the decision.", "The Nordic Council", ("IGO", "IGO")),
])
def test_organisations_from_open_data_are_coded_the_plover_way(coder, text, words, code):
    assert find(coder, text, words, "2020-01-15") == code


def test_a_document_without_a_date_never_gets_todays_roles(coder):
    text = "The Taliban said its fighters would not attack the convoy."
    assert find(coder, text, "The Taliban", UNDATED) == ("AFG", "REB")
    assert find(coder, text, "The Taliban", "2023-01-10") == ("AFG", "GOV")


def test_an_undated_document_is_coded_on_the_latest_date_its_text_names(coder):
    text = "On 14 May 2016 the Taliban said its fighters would not attack the convoy."
    document = Document(id="undated", text=text, date=None, date_precision="unknown")
    assert actor_dating(document) == ("2016-05-14", "inferred")
    found = [(a.country, a.sector) for a in coder.explain(text).actors if a.text.endswith("Taliban")]
    assert found == [("AFG", "REB")]


def test_dating_prefers_the_publication_date_and_flags_a_document_with_none():
    dated = Document(id="a", text="On 14 May 2016 talks began.", date="2019-02-01", date_precision="day")
    assert actor_dating(dated) == ("2019-02-01", "publication")
    bare = Document(id="b", text="Talks began again, officials said.", date=None, date_precision="unknown")
    assert actor_dating(bare) == (UNDATED, "undated")


def test_the_latest_full_date_of_a_text_is_read_in_its_usual_forms():
    text = "Signed 3 March 2014; renewed on June 9, 2015 and reviewed 2015-01-20; due 1 May 2099."
    assert latest_date_in_text(text, not_after=dt.date(2026, 1, 1)) == dt.date(2015, 6, 9)
    assert latest_date_in_text("It happened in May, years ago.") is None


def test_a_run_names_the_documents_coded_without_a_publication_date():
    from eirene.coding_run import RunSummary
    from eirene.summary import dating_lines

    summary = RunSummary(run_id=1, inferred_dates=["talks.txt"], undated=[f"note-{i}.txt" for i in range(7)])
    first, second = dating_lines(summary)
    assert first.startswith("1 document(s) without a publication date") and first.endswith("talks.txt")
    assert second.startswith("7 document(s) with no date at all") and second.endswith("note-4.txt and 2 more")
    assert dating_lines(RunSummary(run_id=2)) == []


def test_an_undated_killing_of_a_person_of_the_built_knowledge_is_dated_by_the_death(coder):
    events = coder.code_text("Renegade soldiers killed João Bernardo Vieira at his residence.")
    attacks = [e for e in events if e.date_text and "knowledge base" in e.date_text]
    assert [(e.date, e.date_precision) for e in attacks][:1] == [("2009-03-02", "day")]


def test_a_partly_recognised_government_carries_pre_as_its_second_sector(coder):
    doc = coder.nlp("Muse Bihi Abdi received the delegation in Hargeisa.")
    refs = [r for r in coder.actor_coder.code_doc(doc, "2019-05-01") if r.text == "Muse Bihi Abdi"]
    assert [(r.country, r.sector, r.secondary_sector) for r in refs] == [("SOM", "GOV", "PRE")]
    doc = coder.nlp("Gitanas Nauseda received the delegation in Vilnius.")
    refs = [r for r in coder.actor_coder.code_doc(doc, "2021-05-01") if r.text == "Gitanas Nauseda"]
    assert [(r.sector, r.secondary_sector) for r in refs] == [("GOV", None)]
