"""Per-type behaviour is lexicon data: a user file that changes a type's switches, the
intent retypings or the role words changes what the coder codes, with no code change.

Each case codes one sentence with the built-in lexicon and with a user file on top, and
checks both readings (docs/lexicon.md, "types", "intent", "roles").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eirene.errors import KnowledgeBaseError
from eirene.events.lexicon import Lexicon
from events_support import countries, find

DATE = "2018-11-05"

USER = """version: 1
types:
  PROTEST:
    official_type: null
  COERCE:
    place_recipient: false
    domestic_target: null
  CONSULT:
    multilateral_parties: 6
intent:
  coded_as:
    offer: CONSULT
roles:
  reciprocal_preps: [alongside]
"""


@pytest.fixture(scope="module")
def changed(coder, tmp_path_factory):
    from eirene.document_coder import Coder

    path = tmp_path_factory.mktemp("lexicon") / "mine.yaml"
    path.write_text(USER, encoding="utf-8")
    lexicon = Lexicon.load([path])
    return Coder(nlp=coder.nlp, kb=coder.kb, lexicon=lexicon, gazetteer=coder.gazetteer)


def test_a_protest_by_a_government_is_an_accusation_unless_the_type_says_otherwise(coder, changed):
    sentence = "Pakistan protested the drone strike by the United States."
    assert [e.event_type for e in coder.code_text(sentence, DATE)] == ["ACCUSE"]
    mine = changed.code_text(sentence, DATE)
    assert [(e.event_type, e.method) for e in mine] == [("PROTEST", "rule:protest.demonstrate")]


def test_the_place_of_a_curfew_receives_only_where_the_type_says_so(coder, changed):
    sentence = "Peruvian authorities imposed a curfew in the town of Arequipa after the riots."
    assert countries(find(coder.code_text(sentence, DATE), "COERCE").recipients) == ["PER"]
    assert changed.code_text(sentence, DATE) == []  # COERCE needs a recipient, and now has none


def test_a_meeting_of_many_parties_is_multilateral_from_the_type_threshold(coder, changed):
    sentence = "Russia held talks with India, China, Iran and Pakistan."
    assert find(coder.code_text(sentence, DATE), "CONSULT").mode == "multilateral"
    assert find(changed.code_text(sentence, DATE), "CONSULT").mode is None  # five parties, six needed


def test_what_an_announced_offer_is_coded_as_is_data(coder, changed):
    sentence = "Japan will provide aid to Nepal."
    assert [e.event_type for e in coder.code_text(sentence, DATE)] == ["AGREE"]
    assert [e.event_type for e in changed.code_text(sentence, DATE)] == ["CONSULT"]


def test_the_prepositions_of_the_other_side_are_data(coder, changed):
    sentence = "Chile held talks alongside Peru."
    assert not any(e.method == "rule:consult.hold_talks" for e in coder.code_text(sentence, DATE))
    event = find(changed.code_text(sentence, DATE), "CONSULT")
    assert event.method == "rule:consult.hold_talks" and countries(event.recipients) == ["PER"]


# -- the built-in values and their checks -----------------------------------------------


def test_builtin_type_switches():
    types = Lexicon.load().types
    assert {n for n, t in types.items() if t.clause_recipient} == {"REQUEST", "ACCUSE"}
    assert {n for n, t in types.items() if t.place_recipient} == {"COERCE", "CONCEDE", "RETREAT", "SANCTION"}
    assert {n for n, t in types.items() if t.complement_place_recipient or t.condition_recipient} == {"THREATEN"}
    assert {n for n, t in types.items() if t.purpose_recipient} == {"PROTEST", "MOBILIZE"}
    assert {n for n, t in types.items() if t.dated_by_death} == {"ASSAULT"}
    assert {n: t.official_type for n, t in types.items() if t.official_type} == {"PROTEST": "ACCUSE"}
    assert (types["CONSULT"].multilateral_mode, types["CONSULT"].multilateral_parties) == ("multilateral", 3)


def test_builtin_intent_and_roles():
    lexicon = Lexicon.load()
    assert dict(lexicon.intent.coded_as) == {
        "threat": "THREATEN", "offer": "AGREE", "refusal": "REJECT", "preparation": "MOBILIZE", "obligation": "REQUEST",
    }
    assert lexicon.intent.obligation_exempt_types == {"REQUEST", "ACCUSE", "CONSULT"}
    assert {"with", "between"} <= lexicon.roles.reciprocal_preps and "by" in lexicon.roles.agent_preps
    assert {"part", "thousands"} <= lexicon.roles.partitive_nouns and lexicon.roles.reporter_sectors == {"MED", "JRN"}
    assert lexicon.roles.source_preps == {"from", "by"} < lexicon.roles.phrase_preps


@pytest.mark.parametrize(
    "text, code, where",
    [
        ("types:\n  PROTEST:\n    official_type: DEMONSTRATE\n", "E314", "official_type"),
        ("types:\n  PROTEST:\n    purpose_recipient: yes\n", "E318", "purpose_recipient"),
        ("types:\n  CONSULT:\n    multilateral_mode: crowd\n", "E315", "multilateral_mode"),
        ("types:\n  CONSULT:\n    multilateral_parties: 1\n", "E318", "multilateral_parties"),
        ("types:\n  AGREE:\n    multilateral_mode: visit\n", "E315", "AGREE"),
        ("intent:\n  coded_as:\n    bluff: THREATEN\n", "E325", "coded_as.bluff"),
        ("intent:\n  coded_as:\n    threat: MENACE\n", "E314", "coded_as.threat"),
        ("intent:\n  promise_types: [PLEDGE]\n", "E314", "promise_types"),
        ("roles:\n  venue_preps: [at]\n", "E325", "roles.venue_preps"),
        ("roles:\n  reporter_sectors: [media]\n", "E318", "reporter_sectors"),
        ("roles:\n  place_preps: [in front of]\n", "E318", "place_preps"),
    ],
)
def test_bad_per_type_data_names_the_entry(tmp_path: Path, text: str, code: str, where: str):
    path = tmp_path / "bad.yaml"
    path.write_text("version: 1\n" + text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        Lexicon.load([path])
    assert err.value.code == code and where in str(err.value) and "bad.yaml" in str(err.value)
