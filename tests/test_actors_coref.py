"""Coreference: partial names, pronouns and definite descriptions point back to earlier actors."""

from __future__ import annotations

from invented_world import mentions


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


def test_its_skips_a_name_inside_a_description_of_another(actor_coder, nlp):
    # "a key U.S. ally" describes Pakistan; "its" is Pakistan, not the U.S.
    found = mentions(actor_coder, nlp, "Pakistan, a key U.S. ally, said its troops would stay.", "2019-01-01")
    assert ("its troops", "PAK", "PAK", "MIL", "possessive") in found
