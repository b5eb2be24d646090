"""Coreference: partial names, pronouns and definite descriptions point back to earlier actors."""

from __future__ import annotations

import pytest

from eirene.actors import ActorCoder, KnowledgeBase

# A small invented world: real states, invented people (their names and careers are
# made up), so the tests do not depend on the built-in data, which keeps growing.
WORLD = """\
version: 1
actors:
  - {id: AFG, name: Afghanistan, kind: state, country: AFG, sector: null, aliases: [Afghanistan],
     demonyms: [Afghan, Afghans], metonyms: [{name: Kabul, sector: GOV}]}
  - {id: PAK, name: Pakistan, kind: state, country: PAK, sector: null, aliases: [Pakistan],
     demonyms: [Pakistani, Pakistanis], metonyms: [{name: Islamabad, sector: GOV}, {name: Rawalpindi, sector: MIL}]}
  - {id: RUS, name: Russia, kind: state, country: RUS, sector: null, aliases: [Russia, Russian Federation],
     demonyms: [Russian, Russians], metonyms: [{name: Moscow, sector: GOV}, {name: Kremlin, sector: GOV}]}
  - {id: CHN, name: China, kind: state, country: CHN, sector: null, aliases: [China],
     demonyms: [Chinese], metonyms: [{name: Beijing, sector: GOV}]}
  - {id: USA, name: United States, kind: state, country: USA, sector: null,
     aliases: [United States, US, U.S., America], demonyms: [American, Americans],
     metonyms: [{name: Washington, sector: GOV}, {name: Pentagon, sector: MIL}]}
  - {id: SOM, name: Somalia, kind: state, country: SOM, sector: null, aliases: [Somalia], demonyms: [Somali]}
  - {id: MEX, name: Mexico, kind: state, country: MEX, sector: null, aliases: [Mexico], demonyms: [Mexican]}
  - {id: DOM, name: Dominican Republic, kind: state, country: DOM, sector: null, aliases: [Dominican Republic],
     demonyms: [Dominican]}
  - {id: ARM, name: Armenia, kind: state, country: ARM, sector: null, aliases: [Armenia], demonyms: [Armenian]}
  - {id: KAZ, name: Kazakhstan, kind: state, country: KAZ, sector: null, aliases: [Kazakhstan], demonyms: [Kazakh]}
  - {id: UNO, name: United Nations, kind: igo, country: UNO, sector: IGO, aliases: [United Nations, UN, U.N.]}
  - id: taliban
    name: Taliban
    kind: armed_group
    country: AFG
    sector: REB
    aliases: [Taliban, Afghan Taliban]
    roles:
      - {title: government of Afghanistan, country: AFG, sector: GOV, start: 2021-08-15}
  - {id: prd-mex, name: Party of the Democratic Revolution, kind: org, country: MEX, sector: PTY, aliases: [PRD]}
  - {id: prd-dom, name: Dominican Revolutionary Party, kind: org, country: DOM, sector: PTY, aliases: [PRD]}
  # invented people
  - id: karim-sadeqi
    name: Karim Sadeqi
    kind: person
    country: AFG
    sector: null
    aliases: [Karim Sadeqi]
    roles:
      - {title: Governor of Herat, country: AFG, sector: GOV, start: 2008-03, end: 2012-06}
      - {title: Chief of Army Staff, country: AFG, sector: MIL, start: 2018-01, end: 2020-12}
  - id: omar-haidari
    name: Omar Haidari
    kind: person
    country: AFG
    sector: null
    aliases: [Omar Haidari, Haidari]
    roles:
      - {title: President of Afghanistan, country: AFG, sector: GOV, start: 2015-01-01, end: 2020-12-31}
  - {id: wahid-shinwari, name: Abdul Wahid Shinwari, kind: person, country: AFG, sector: REB,
     aliases: [Abdul Wahid Shinwari]}
  - id: levon-arakelyan
    name: Levon Arakelyan
    kind: person
    country: ARM
    sector: null
    roles:
      - {title: Prime Minister of Armenia, country: ARM, sector: GOV, start: 2018-05-08}
  - id: timur-bekov
    name: Timur Bekov
    kind: person
    country: KAZ
    sector: null
    roles:
      - {title: President of Kazakhstan, country: KAZ, sector: GOV, start: 1995, end: 2015}
agents:
  - {sector: MIL, nouns: [troop, soldier, army, military, force, armed forces, warplane, commander,
                          security establishment]}
  - {sector: GOV, nouns: [official, government, minister, ministry, foreign ministry, spokesperson,
                          spokesman, president, prime minister, authorities]}
  - {sector: REB, nouns: [militant, insurgent, rebel, fighter]}
  - {sector: COP, nouns: [police]}
  - {sector: CVL, nouns: [protester, civilian, resident]}
  - {sector: null, nouns: [leader, member]}
titles:
  - {sector: GOV, words: [President, Prime Minister, Minister, Foreign Minister, Governor, Spokesman]}
  - {sector: MIL, words: [Gen., General]}
  - {sector: null, words: [Mullah, Mr., Dr.]}
former_words: [former, ex]
"""


@pytest.fixture(scope="module")
def nlp():
    from eirene.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def actor_coder(tmp_path_factory) -> ActorCoder:
    path = tmp_path_factory.mktemp("kb") / "world.yaml"
    path.write_text(WORLD, encoding="utf-8")
    return ActorCoder(KnowledgeBase.load([path], include_builtin=False))


def mentions(actor_coder, nlp, text, date="2019-06-01"):
    """(text, actor_id, country, sector, how) of every mention, checking the offsets."""
    doc = nlp(text)
    refs = actor_coder.code_doc(doc, date)
    for ref in refs:
        assert doc.text[ref.start:ref.end] == ref.text
    return [(r.text, r.actor_id, r.country, r.sector, r.how) for r in refs]


def test_partial_name_after_full_name(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Mullah Abdul Wahid Shinwari met the envoy. Later Shinwari left.")
    assert found[0] == ("Mullah Abdul Wahid Shinwari", "wahid-shinwari", "AFG", "REB", "title+alias")
    assert ("Shinwari", "wahid-shinwari", "AFG", "REB", "partial") in found


def test_partial_name_of_an_unknown_person(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Afghan official Ahmad Noori spoke first. Noori then left the room.")
    assert ("Noori", None, "AFG", "GOV", "partial") in found


def test_he_and_she_point_to_the_last_person(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistani troops met Karim Sadeqi. He said the talks went well.")
    assert ("He", "karim-sadeqi", "AFG", "MIL", "coreference") in found


def test_it_and_its_point_to_a_single_non_person(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistan closed the border. It said its forces were ready.", "2019-01-01")
    assert ("It", "PAK", "PAK", None, "coreference") in found
    assert ("its forces", "PAK", "PAK", "MIL", "possessive") in found


def test_expletive_it_is_no_actor(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistan closed the border. It is likely that talks will resume.")
    assert [f for f in found if f[0] == "It"] == []


def test_they_points_to_a_plural_or_coordinated_actor(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Afghan soldiers reached the village. They found nobody.")
    assert ("They", "AFG", "AFG", "MIL", "coreference") in found
    both = mentions(actor_coder, nlp, "Russian and Chinese officials met. They agreed on a text.")
    assert sorted(f[2] for f in both if f[0] == "They") == ["CHN", "RUS"]


def test_the_group_and_the_insurgents_point_to_the_armed_group(actor_coder, nlp):
    text = "The Taliban rejected the offer. The group said the insurgents would fight on."
    found = mentions(actor_coder, nlp, text, "2019-01-01")
    assert ("The group", "taliban", "AFG", "REB", "coreference") in found
    assert ("the insurgents", "taliban", "AFG", "REB", "coreference") in found


def test_the_militant_group_and_the_movement(actor_coder, nlp):
    text = "The Taliban made demands. The militant group wants a deal, and the movement is divided."
    found = mentions(actor_coder, nlp, text, "2019-01-01")
    assert ("The militant group", "taliban", "AFG", "REB", "coreference") in found
    assert ("the movement", "taliban", "AFG", "REB", "coreference") in found


def test_the_country_points_to_the_last_state(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Washington praised Pakistan. The country has changed, officials said.")
    assert ("The country", "PAK", "PAK", None, "coreference") in found


def test_the_two_countries_name_both(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Russia hosted Pakistan. The two countries signed a deal.")
    pair = [f for f in found if f[0] == "The two countries"]
    assert sorted(f[1] for f in pair) == ["PAK", "RUS"]


def test_the_president_points_to_a_person_holding_that_title(actor_coder, nlp):
    text = "Omar Haidari met Karim Sadeqi in Kabul. The president called for calm."
    found = mentions(actor_coder, nlp, text, "2019-01-01")
    assert ("The president", "omar-haidari", "AFG", "GOV", "coreference") in found


def test_the_government_takes_the_last_state_and_its_own_sector(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistan closed the border. The government blamed smugglers.")
    assert ("The government", "PAK", "PAK", "GOV", "coreference") in found


def test_description_without_antecedent_keeps_its_agent_sector(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "The insurgents attacked at dawn.")
    assert found == [("The insurgents", None, None, "REB", "agent-noun")]


def test_antecedents_expire_after_the_window(actor_coder, nlp):
    text = "The Taliban left. It rained. Nobody came. The road was empty. Dogs barked. The group returned."
    found = mentions(actor_coder, nlp, text, "2019-01-01")
    assert [f for f in found if f[0] == "The group"] == []


def test_relative_pronoun_points_to_its_noun(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "They blamed the Taliban, whose fighters crossed the border.", "2019-01-01")
    assert ("whose fighters", "taliban", "AFG", "REB", "possessive") in found


def test_a_state_named_as_a_place_is_no_pronoun_antecedent(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistan sent food to Afghanistan. It said more would follow.")
    assert ("It", "PAK", "PAK", None, "coreference") in found


def test_they_after_coordinated_states_names_both(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Russia and Pakistan said they would hold drills.")
    assert sorted(f[1] for f in found if f[0] == "they") == ["PAK", "RUS"]


def test_they_after_two_people_names_both(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Omar Haidari and Karim Sadeqi met. They agreed on a truce.")
    assert sorted(f[1] for f in found if f[0] == "They") == ["karim-sadeqi", "omar-haidari"]
