"""ActorCoder: titles and names, dated roles, agent nouns, possessives, metonymy, resolve_text."""

from __future__ import annotations

from invented_world import mentions


def test_title_and_alias_give_the_person_coded_on_the_date(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "President Haidari flew home.", "2018-03-01")
    assert found == [("President Haidari", "omar-haidari", "AFG", "GOV", "title+alias")]


def test_dated_roles_code_the_same_name_differently_by_year(actor_coder, nlp):
    text = "Karim Sadeqi met the envoy."
    assert mentions(actor_coder, nlp, text, "2010-05-01")[0][1:4] == ("karim-sadeqi", "AFG", "GOV")
    assert mentions(actor_coder, nlp, text, "2019-05-01")[0][1:4] == ("karim-sadeqi", "AFG", "MIL")
    # after the last role ended: its country, the former sector (ELI by default for people)
    assert mentions(actor_coder, nlp, text, "2023-05-01")[0][1:4] == ("karim-sadeqi", "AFG", "ELI")
    # before the first role: the entry's own country and sector
    assert mentions(actor_coder, nlp, text, "2001-05-01")[0][1:4] == ("karim-sadeqi", "AFG", None)


def test_demonym_and_agent_noun_make_one_mention(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistani troops shelled the border post.")
    assert found[0] == ("Pakistani troops", "PAK", "PAK", "MIL", "demonym+agent")


def test_compound_agent_phrase_is_one_maximal_mention(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "The Russian Foreign Ministry spokesperson criticised the plan.")
    assert found[0] == ("The Russian Foreign Ministry spokesperson", "RUS", "RUS", "GOV", "demonym+agent")


def test_possessive_gives_the_country(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Pakistan's security establishment rejected the offer.")
    assert found[0] == ("Pakistan's security establishment", "PAK", "PAK", "MIL", "possessive")


def test_of_phrase_gives_the_owner(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "The president of Afghanistan arrived on Sunday.")
    assert found[0][0] == "The president of Afghanistan"
    assert found[0][2:4] == ("AFG", "GOV")


def test_coordinated_states_are_two_mentions(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Russia and Pakistan signed a pact.")
    assert [(f[0], f[3]) for f in found] == [("Russia", None), ("Pakistan", None)]


def test_coordinated_demonyms_share_the_agent_noun(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Russian and Chinese officials met on Friday.")
    # each keeps the span of its own adjective; the sector comes from the shared noun
    assert [(f[0], f[2], f[3]) for f in found] == [("Russian", "RUS", "GOV"), ("Chinese", "CHN", "GOV")]


def test_capital_as_subject_is_the_government(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Kabul rejected the accusation.")
    assert found == [("Kabul", "AFG", "AFG", "GOV", "metonymy")]


def test_capital_after_a_locative_preposition_is_a_place(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Talks were held in Kabul and delegates flew to Moscow from Islamabad.")
    assert [f for f in found if f[4] == "metonymy"] == []


def test_capital_as_object_of_a_verb_is_an_actor(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Washington accused Islamabad of double dealing.")
    assert [(f[0], f[2], f[3]) for f in found] == [("Washington", "USA", "GOV"), ("Islamabad", "PAK", "GOV")]


def test_state_after_in_is_a_place_but_after_from_an_actor(actor_coder, nlp):
    assert mentions(actor_coder, nlp, "Fighting continued in Afghanistan.") == []
    found = mentions(actor_coder, nlp, "An envoy from Pakistan arrived.")
    assert any(f[2] == "PAK" for f in found)


def test_agent_noun_without_country_is_still_an_actor(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Militants attacked a checkpoint.")
    assert found == [("Militants", None, None, "REB", "agent-noun")]


def test_armed_group_owning_an_agent_noun_is_the_group(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Taliban fighters seized the district.", "2019-01-01")
    assert found[0] == ("Taliban fighters", "taliban", "AFG", "REB", "alias+agent")


def test_armed_group_role_changes_its_sector_by_date(actor_coder, nlp):
    assert mentions(actor_coder, nlp, "The Taliban issued a decree.", "2019-01-01")[0][3] == "REB"
    assert mentions(actor_coder, nlp, "The Taliban issued a decree.", "2022-01-01")[0][3] == "GOV"


def test_unknown_person_with_title_and_demonym(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Afghan official Ahmad Noori denied the report.")
    assert found == [("Afghan official Ahmad Noori", None, "AFG", "GOV", "title+person")]


def test_unknown_person_with_military_title(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Gen. Faisal Orakzai inspected the troops.")
    assert found[0] == ("Gen. Faisal Orakzai", None, None, "MIL", "title+person")


def test_bare_unknown_person_is_unk(actor_coder, nlp):
    doc = nlp("Yesterday Ahmad Qasimi arrived in the city.")
    refs = actor_coder.code_doc(doc, "2019-01-01")
    assert [(r.text, r.actor_id, r.sector, r.kind, r.how) for r in refs] == [
        ("Ahmad Qasimi", None, "UNK", "person", "unknown-person")]


def test_appositive_describes_an_unknown_person(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "Bilal Zadran, a Pakistani army commander, spoke to reporters.")
    assert found[0] == ("Bilal Zadran, a Pakistani army commander", None, "PAK", "MIL", "title+person")


def test_unknown_organisation_needs_an_agent_noun(actor_coder, nlp):
    assert mentions(actor_coder, nlp, "The Zorgon Foundation opened an office.") == []


def test_short_capital_aliases_are_case_sensitive(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "The US told us nothing.")
    assert [(f[0], f[2]) for f in found] == [("The US", "USA")]


def test_mentions_are_sorted_and_disjoint(actor_coder, nlp):
    doc = nlp("Pakistani troops and Afghan police met Russian officials in Kabul. They talked.")
    refs = actor_coder.code_doc(doc, "2019-01-01")
    starts = [r.start for r in refs]
    assert starts == sorted(starts)
    for a, b in zip(refs, refs[1:]):
        assert a.end <= b.start or (a.start, a.end) == (b.start, b.end)


def test_resolve_text_codes_short_phrases(actor_coder, nlp):
    cases = {
        "Armenian Prime Minister Levon Arakelyan": ("ARM", "GOV"),
        "former President Timur Bekov": ("KAZ", "ELI"),
        "two Chinese warplanes": ("CHN", "MIL"),
        "Somalia's prime minister": ("SOM", "GOV"),
        "United States": ("USA", None),
        "the U.S.": ("USA", None),
        "soldiers": (None, "MIL"),
    }
    for text, expected in cases.items():
        ref = actor_coder.resolve_text(text, date="2022-01-01", nlp=nlp)
        assert ref is not None, text
        assert (ref.country, ref.sector) == expected, text


def test_resolve_text_returns_none_for_non_actors(actor_coder, nlp):
    for text in ("yesterday", "puppies", "Ahmad Qasimi", ""):
        assert actor_coder.resolve_text(text, nlp=nlp) is None, text


def test_resolve_text_unknown_former_official_is_elite(actor_coder, nlp):
    ref = actor_coder.resolve_text("a former minister", nlp=nlp)
    assert ref is not None and ref.sector == "ELI"


def test_resolve_text_country_but_no_actor_noun(actor_coder, nlp):
    ref = actor_coder.resolve_text("Somali island", nlp=nlp)
    assert ref is not None and (ref.country, ref.sector) == ("SOM", "UNK")


def test_resolve_text_context_chooses_between_namesakes(actor_coder, nlp):
    mexican = actor_coder.resolve_text("the PRD", context="Mexican senators said so.", nlp=nlp)
    dominican = actor_coder.resolve_text("the PRD", context="Dominican voters said so.", nlp=nlp)
    assert (mexican.actor_id, mexican.country) == ("prd-mex", "MEX")
    assert (dominican.actor_id, dominican.country) == ("prd-dom", "DOM")


def test_resolve_text_context_gives_a_missing_country(actor_coder, nlp):
    ref = actor_coder.resolve_text("the police", context="Mexican officers were deployed.", nlp=nlp)
    assert (ref.country, ref.sector) == ("MEX", "COP")
    assert actor_coder.resolve_text("the police", nlp=nlp).country is None


def test_actor_sector_string_is_empty_for_a_state_as_a_whole(actor_coder, nlp):
    from eirene.actors import actor_sector_string

    state = actor_coder.resolve_text("Pakistan", nlp=nlp)
    troops = actor_coder.resolve_text("Pakistani troops", nlp=nlp)
    assert actor_sector_string(state) == ""
    assert actor_sector_string(troops) == "MIL"


def test_unparsed_doc_gives_the_names_alone(actor_coder, nlp):
    doc = nlp.make_doc("Pakistani troops met Russia in Kabul.")
    refs = actor_coder.code_doc(doc, "2019-01-01")
    assert [(r.text, r.actor_id) for r in refs] == [("Russia", "RUS"), ("Kabul", "AFG")]


def test_names_joined_by_a_kept_hyphen(actor_coder, nlp):
    found = mentions(actor_coder, nlp, "U.S.-Pakistan ties soured last year.")
    assert found[0][:3] == ("U.S.-Pakistan", "USA", "USA")


def test_title_without_former_brings_a_past_role_back(actor_coder, nlp):
    # the knowledge base has Sadeqi's army role end in 2020; "General Sadeqi" in a 2023
    # text still speaks of him as the general, "former General Sadeqi" does not
    assert mentions(actor_coder, nlp, "General Karim Sadeqi spoke.", "2023-05-01")[0][3] == "MIL"
    assert mentions(actor_coder, nlp, "Former General Karim Sadeqi spoke.", "2023-05-01")[0][3] == "ELI"


def test_title_before_the_first_role_gives_that_role(actor_coder, nlp):
    # Arakelyan's only role starts in May 2018; "Prime Minister Arakelyan" weeks before
    # is coded with that role, the bare name with the entry's own default
    assert mentions(actor_coder, nlp, "Prime Minister Levon Arakelyan spoke.", "2018-04-01")[0][2:4] == ("ARM", "GOV")
    assert mentions(actor_coder, nlp, "Levon Arakelyan spoke.", "2018-04-01")[0][2:4] == ("ARM", None)


def test_mentions_do_not_start_or_end_with_punctuation(actor_coder, nlp):
    for text, _, _, _, _ in mentions(actor_coder, nlp, "Talks | Pakistani troops, Afghan police | ended."):
        assert text[0].isalnum() and text[-1].isalnum()
