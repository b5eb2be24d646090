"""ActorMatcher: the find step (names, agent nouns, titles, noun phrases) and its grammar file."""

from __future__ import annotations

import pytest

from eirene.actors import Grammar
from eirene.errors import KnowledgeBaseError


def names(matcher, doc):
    return [(doc[n.start:n.end].text, n.hits[0].entry.id, n.hits[0].how) for n in matcher.match(doc).names]


def test_names_demonyms_and_metonyms_are_found(matcher, nlp):
    doc = nlp("American diplomats in Islamabad said Pakistan agreed.")
    assert names(matcher, doc) == [("American", "USA", "demonym"), ("Islamabad", "PAK", "metonym"),
                                   ("Pakistan", "PAK", "alias")]


def test_short_all_capital_alias_matches_only_in_capitals(matcher, nlp):
    doc = nlp("The US warned us about it.")
    assert names(matcher, doc) == [("US", "USA", "alias")]


def test_dotted_and_hyphenated_forms_match(matcher, nlp):
    doc = nlp("The U.S. blamed IS-K for the blast.")
    assert [n[1] for n in names(matcher, doc)] == ["USA", "isis-k"]


def test_capitalised_names_do_not_match_lowercase_words(matcher, nlp):
    doc = nlp("They ate turkey in Turkey.")
    assert names(matcher, doc) == [("Turkey", "TUR", "alias")]


def test_longest_agent_phrase_wins(matcher, nlp):
    doc = nlp("The foreign ministry spokesperson and army troops arrived.")
    found = [(doc[a.start:a.end].text, a.sector) for a in matcher.match(doc).agents]
    assert found == [("foreign ministry", "GOV"), ("spokesperson", "GOV"), ("army", "MIL"), ("troops", "MIL")]


def test_adjective_is_no_agent_noun(matcher, nlp):
    doc = nlp("The military operation ended.")
    assert matcher.match(doc).agents == []


def test_titles_and_former_words(matcher, nlp):
    doc = nlp("Former Foreign Minister Ali Khan met Lt. Gen. Omar Wazir.")
    found = matcher.match(doc)
    assert [(doc[t.start:t.end].text, t.sector) for t in found.titles] == [("Foreign Minister", "GOV"),
                                                                          ("Lt. Gen.", "MIL")]
    assert found.former == frozenset({0})


def test_phrase_has_possessor_of_phrase_and_appositive(matcher, nlp):
    doc = nlp("Pakistan's army chief met Ali Khan, the head of the ministry.")
    found = matcher.match(doc)
    phrases = {doc[p.head].text: p for p in matcher.phrases(doc, found)}
    chief = phrases["chief"]
    assert doc[chief.start:chief.end].text == "Pakistan's army chief"
    assert chief.possessor is not None and doc[chief.possessor.head].text == "Pakistan"
    khan = phrases["Khan"]
    assert khan.appos is not None and doc[khan.appos.head].text == "head"
    assert khan.appos.of_phrase is not None and doc[khan.appos.of_phrase.head].text == "ministry"


def test_locative_objects_are_places(matcher, nlp):
    doc = nlp("Troops moved from Islamabad to the border, and Washington sent aid to Pakistan.")
    by_text = {t.text: t for t in doc}
    assert matcher.is_locative(by_text["Islamabad"])
    assert not matcher.is_locative(by_text["Washington"])
    assert matcher.is_locative(by_text["Pakistan"])
    assert not matcher.is_locative(by_text["Pakistan"], state=True)  # "aid to Pakistan": a recipient


def test_grammar_file_is_read(tmp_path):
    grammar = Grammar.load()
    assert "in" in grammar.locative_preps and "he" in grammar.person_pronouns
    desc = grammar.description("two countries")
    assert desc is not None and desc.count == 2 and desc.antecedents == ("state",)


def test_broken_grammar_file_raises_e230(tmp_path):
    bad = tmp_path / "grammar.yaml"
    bad.write_text("descriptions:\n  - {nouns: [group]}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        Grammar.load(bad)
    assert err.value.code == "E230" and str(bad) in str(err.value)
