"""Factuality read from the clause, on sentences written for these tests: questions,
definitions, generic and habitual statements assert no event; modal and obligation
clauses are hypothetical; a "not" that negates something else ("are not new", "not
only") leaves the event asserted."""

from __future__ import annotations

import pytest

from events_support import countries, find

pytestmark = pytest.mark.slow

DATE = "2019-03-14"


@pytest.mark.parametrize(
    "sentence, event_type, factuality",
    [
        # a "not" that denies the predicate, or focuses, is no negation of the event
        ("Russia's talks with the Taliban are not new.", "CONSULT", "asserted"),
        ("Pakistan's support for the Taliban is not new.", "AID", "asserted"),  # material: an armed group
        ("Russia not only met the Taliban but also armed them.", "AID", "asserted"),
        ("Russia did not just meet the Taliban in Moscow.", "CONSULT", "asserted"),
        # ... while a plain negation still negates
        ("Russia did not meet the Taliban in Moscow.", "CONSULT", "negated"),
        # modal and obligation clauses assert nothing
        ("Pakistan must expel Afghan diplomats.", "SANCTION", "hypothetical"),
        ("India should send troops to Kabul.", "MOBILIZE", "hypothetical"),
        ("Beijing would negotiate with Islamabad.", "CONSULT", "hypothetical"),
        ("Tehran could attack the tankers.", "ASSAULT", "hypothetical"),
        ("Kabul may negotiate with the Taliban.", "CONSULT", "hypothetical"),
        ("Kabul has to negotiate with the Taliban.", "CONSULT", "hypothetical"),
        ("Washington needs to talk with Tehran.", "CONSULT", "hypothetical"),
        # a past obligation was met: it happened
        ("Kabul had to negotiate with the Taliban.", "CONSULT", "asserted"),
        # questions
        ("Did Moscow send weapons to the Taliban?", "AID", "hypothetical"),
        # habitual present
        ("Moscow usually supports Damascus at the United Nations.", "SUPPORT", "hypothetical"),
        ("Moscow supported Damascus at the United Nations.", "SUPPORT", "asserted"),
    ],
)
def test_clause_factuality(coder, sentence, event_type, factuality):
    assert find(coder.code_text(sentence, DATE), event_type).factuality == factuality


def _token(nlp, sentence, word):
    doc = nlp(sentence)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(
    "sentence, word, cue",
    [
        ("Allies coordinate their approaches, they agree on certain strategies.", "agree", "Allies"),
        ("Allies coordinate their approaches and agree on certain strategies.", "agree", "Allies"),
        ("Neighbouring states support the Afghan government.", "support", "states"),
        ("The allies supported the Afghan government.", "supported", None),
        ("Afghan forces attack Taliban positions.", "attack", None),
    ],
)
def test_generic_statements_are_told_from_specific_ones(nlp, lexicon, sentence, word, cue):
    from eirene.events.clause import generic_cue

    token = _token(nlp, sentence, word)
    assert generic_cue(token, token, lexicon.cues.habitual_words) == cue


@pytest.mark.parametrize(
    "sentence, word, defines",
    [
        ("A ceasefire is an agreement between two sides to stop fighting.", "fighting", True),
        ("Mediation means helping two sides negotiate.", "negotiate", True),
        ("The deal is an agreement between the two sides to stop fighting.", "fighting", False),
    ],
)
def test_definitions_are_told_from_statements(nlp, lexicon, sentence, word, defines):
    from eirene.events.clause import definition_cue

    token = _token(nlp, sentence, word)
    assert (definition_cue(token, lexicon.cues.definition_verbs) is not None) == defines


def test_a_generic_statement_with_a_named_party_is_hypothetical(coder):
    accuse = find(coder.code_text("Western governments routinely criticise Iran over its missile tests.", DATE), "ACCUSE")
    assert countries(accuse.recipients) == ["IRN"]
    assert accuse.factuality == "hypothetical"


@pytest.mark.parametrize(
    "sentence",
    [
        "Ankara will not lift the ban on the opposition newspaper.",
        "The rebels refused to release the Nepalese engineers.",
    ],
)
def test_a_negated_concession_is_a_refusal(coder, sentence):
    event = find(coder.code_text(sentence, DATE), "REJECT")
    assert event.factuality == "asserted"
