"""Document-level gold: schema validation (E36x) and the tolerant matching scorer, on a
small article written for these tests and events built by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eirene.errors import GoldError
from eirene.evaluate.docgold import load_gold, load_gold_file
from eirene.evaluate.documents import match_document, maximum_matching, score_documents
from eirene.records import ActorRef, Document, Event

ROOT = Path(__file__).resolve().parent.parent

ARTICLE = """\
Chile and Peru sign border pact in Lima

LIMA, March 3, 2019 - Chile and Peru signed a border agreement in Lima on Saturday.
Peruvian troops shelled smugglers' camps near the border on Friday, the army said.
Bolivia accused Chile of arming the smugglers. Chile denied the charge.
Chile and Peru sign border pact in Lima, officials repeated.
"""

GOLD = """\
version: 1
document: pact.txt
published: 2019-03-03
annotator: tests
events:
  - id: E1
    type: SUPPORT
    mode: null
    actors:
      - {text: Chile, country: CHL, sector: null}
      - {text: Peru, country: PER, sector: null}
    recipients: []
    factuality: asserted
    claimant: null
    date: 2019-03-02
    date_precision: day
    mentions:
      - {quote: "Chile and Peru sign border pact in Lima", occurrence: 1}
      - "Chile and Peru signed a border agreement"
  - id: E2
    type: ASSAULT
    mode: heavy-weapons
    actors:
      - {text: Peruvian troops, country: PER, sector: MIL}
    recipients:
      - {text: smugglers, country: PER, sector: CRM}
    factuality: asserted
    claimant: {text: the army, country: PER, sector: MIL}
    date: 2019-03-01
    date_precision: day
    mentions:
      - "Peruvian troops shelled smugglers' camps"
  - id: E3
    type: ACCUSE
    mode: allege
    actors:
      - {text: Bolivia, country: BOL, sector: null}
    recipients:
      - {text: Chile, country: CHL, sector: null}
    factuality: asserted
    claimant: null
    date: 2019-03-03
    date_precision: document
    mentions:
      - "Bolivia accused Chile of arming the smugglers."
  - id: E4
    type: REJECT
    mode: null
    actors:
      - {text: Chile, country: CHL, sector: null, id: chile-government}
    recipients:
      - {text: Bolivia, country: BOL, sector: null}
    factuality: asserted
    claimant: null
    date: null
    date_precision: unknown
    mentions:
      - "Chile denied the charge."
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    articles, gold = tmp_path / "news", tmp_path / "news.gold"
    articles.mkdir()
    gold.mkdir()
    (articles / "pact.txt").write_text(ARTICLE, encoding="utf-8")
    (gold / "pact.yaml").write_text(GOLD, encoding="utf-8")
    return gold, articles


def ref(country: str | None, sector: str | None = None, actor_id: str | None = None, kind: str = "state") -> ActorRef:
    return ActorRef(text=country or "?", name=country or "?", actor_id=actor_id, country=country, sector=sector,
                    kind=kind)


def coded(sentence_words: str, event_type: str, actors, recipients=(), occurrence: int = 1, **extra) -> Event:
    """An event on the sentence (line) of ARTICLE that holds `sentence_words`."""
    at = -1
    for _ in range(occurrence):
        at = ARTICLE.index(sentence_words, at + 1)
    start = ARTICLE.rfind("\n", 0, at) + 1
    end = ARTICLE.index("\n", at)
    return Event(id=f"{event_type}-{start}-{len(actors)}", doc_id="pact.txt", sentence_index=0, start=start,
                 end=end, text=ARTICLE[start:end], trigger=sentence_words.split()[0], event_type=event_type,
                 actors=tuple(actors), recipients=tuple(recipients), **extra)


# ---------------------------------------------------------------------------- loading


def test_gold_loads_with_offsets(corpus):
    gold_dir, articles = corpus
    (document,) = load_gold(gold_dir, articles)
    assert [e.id for e in document.events] == ["E1", "E2", "E3", "E4"]
    e1 = document.events[0]
    assert e1.mentions[0].start == 0 and e1.mentions[0].line == 1
    assert ARTICLE[e1.mentions[1].start:e1.mentions[1].end] == "Chile and Peru signed a border agreement"
    assert e1.date == "2019-03-02" and e1.recipients == ()
    assert document.events[1].claimants[0].country == "PER"  # one mapping is a list of one
    assert document.events[3].date is None and document.events[3].actors[0].id == "chile-government"


@pytest.mark.parametrize("change, code, words", [
    (("    type: ACCUSE\n", "    type: BLAME\n"), "E362", "PLOVER type"),
    (("    mode: allege\n", "    mode: shout\n"), "E362", "mode of ACCUSE"),
    (("{text: Bolivia, country: BOL, sector: null}\n    recipients", "{text: Bolivia, country: BLV, sector: null}\n    recipients"),
     "E362", "country code"),
    (("sector: MIL}\n    recipients", "sector: ARMY}\n    recipients"), "E362", "sector"),
    (("    factuality: asserted\n    claimant: null\n    date: 2019-03-03", "    factuality: maybe\n    claimant: null\n    date: 2019-03-03"),
     "E362", "factuality"),
    (("      - \"Chile denied the charge.\"", "      - \"Chile denied every charge.\""), "E363", "not in pact.txt"),
    (("      - {quote: \"Chile and Peru sign border pact in Lima\", occurrence: 1}",
      "      - \"Chile and Peru sign border pact in Lima\""), "E364", "occurs 2 times"),
    (("occurrence: 1}", "occurrence: 3}"), "E361", "occurs 2 time(s)"),
    (("    date: 2019-03-01\n", "    date: 2019-03\n"), "E361", "date_precision day"),
    (("    date: null\n", "    date: 2019\n"), "E361", "date_precision unknown"),
    (("  - id: E4\n", "  - id: E3\n"), "E361", "used by another event"),
    (("    mode: heavy-weapons\n", "    mode: heavy-weapons\n    confidence: high\n"), "E361", "unknown field(s) confidence"),
    (("{text: Peruvian troops, country: PER, sector: MIL}", "{text: Peruvian troops, country: PER}"), "E361",
     "'sector' is missing"),
    (("version: 1\n", "version: 2\n"), "E361", "version must be 1"),
    (("document: pact.txt\n", "document: other.txt\n"), "E365", "'other.txt' is not in"),
])
def test_schema_faults_raise_coded_errors(corpus, change, code, words):
    gold_dir, articles = corpus
    path = gold_dir / "pact.yaml"
    assert change[0] in GOLD, change[0]
    path.write_text(GOLD.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(GoldError) as err:
        load_gold(gold_dir, articles)
    assert err.value.code == code
    assert words in str(err.value) and "pact.yaml" in str(err.value)


def test_unreadable_yaml_and_empty_folder(corpus, tmp_path):
    gold_dir, articles = corpus
    (gold_dir / "pact.yaml").write_text("events: [unclosed\n", encoding="utf-8")
    with pytest.raises(GoldError) as err:
        load_gold(gold_dir, articles)
    assert err.value.code == "E360"
    empty = tmp_path / "empty.gold"
    empty.mkdir()
    with pytest.raises(GoldError) as err:
        load_gold(empty, articles)
    assert err.value.code == "E366"


def test_the_shipped_gold_validates():
    gold = load_gold(ROOT / "examples" / "afghan-peace-process.gold", ROOT / "examples" / "afghan-peace-process")
    assert len(gold) == 5 and sum(len(d.events) for d in gold) >= 40
    for document in gold:
        for event in document.events:
            for mention in event.mentions:
                assert " ".join(document.document.text[mention.start:mention.end].split()) == " ".join(mention.quote.split())


# ---------------------------------------------------------------------------- matching


def test_scores_by_hand(corpus):
    gold_dir, articles = corpus
    (document,) = load_gold(gold_dir, articles)
    chile, peru, bolivia = ref("CHL"), ref("PER"), ref("BOL")
    events = [
        # E1, coded twice as eirene writes a reciprocal event (each party actor and recipient):
        # the headline's copy matches, the body's is a duplicate, a false positive.
        coded("Chile and Peru sign", "SUPPORT", [chile, peru], [chile, peru]),
        coded("Chile and Peru signed", "SUPPORT", [chile, peru], [chile, peru]),
        # E2 with the wrong type in the same quad class (COERCE, material conflict): class only.
        coded("Peruvian troops", "COERCE", [ref("PER", "MIL")], [ref("PER", "CRM")]),
        # E3 right.
        coded("Bolivia accused", "ACCUSE", [bolivia], [chile]),
        # E4 with no recipient where gold names Bolivia: a miss and a false positive.
        coded("Chile denied", "REJECT", [chile]),
        # Nothing in gold: the repeated headline at the end codes an AGREE.
        coded("Chile and Peru sign", "AGREE", [chile, peru], occurrence=2),
    ]
    strict = match_document(document, events, "type")
    assert [g.id for g, _ in strict.pairs] == ["E1", "E3"]
    assert [g.id for g in strict.misses] == ["E2", "E4"]
    assert len(strict.false_positives) == 4
    assert strict.precision == pytest.approx(2 / 6) and strict.recall == pytest.approx(2 / 4)
    loose = match_document(document, events, "class")
    assert [g.id for g, _ in loose.pairs] == ["E1", "E2", "E3"]
    score = score_documents([document], {"pact.txt": events})
    assert score.totals("type") == (2, 6, 4) and score.totals("class") == (3, 6, 4)
    p, r, f1 = score.prf("type")
    assert (p, r) == (pytest.approx(1 / 3), pytest.approx(1 / 2)) and f1 == pytest.approx(0.4)
    assert score.prf("class")[2] == pytest.approx(2 * 0.5 * 0.75 / 1.25)


def test_actor_compatibility_rules(corpus):
    gold_dir, articles = corpus
    (document,) = load_gold(gold_dir, articles)
    e4 = document.events[3]  # REJECT Chile (id chile-government) -> Bolivia
    same_id_other_country = coded("Chile denied", "REJECT", [ref(None, "GOV", "chile-government")], [ref("BOL")])
    assert match_document(document, [same_id_other_country], "type").pairs[0][0] is e4
    wrong_actor = coded("Chile denied", "REJECT", [ref("ARG")], [ref("BOL")])
    assert not match_document(document, [wrong_actor], "type").pairs
    other_sentence = coded("Peruvian troops", "REJECT", [ref("CHL")], [ref("BOL")])
    assert [g.id for g, _ in match_document(document, [other_sentence], "type").pairs] == []
    # Gold E1 names no recipient: a coded recipient is accepted; gold E3 names Chile.
    e1_with_recipient = coded("Chile and Peru signed", "SUPPORT", [ref("CHL")], [ref("PER")])
    e3_reciprocal = coded("Bolivia accused", "ACCUSE", [ref("BOL"), ref("CHL")], [ref("BOL"), ref("CHL")])
    pairs = match_document(document, [e1_with_recipient, e3_reciprocal], "type").pairs
    assert [g.id for g, _ in pairs] == ["E1", "E3"]


def test_maximum_matching_beats_greedy():
    # Gold 0 could take coded 0 or 1; gold 1 only coded 0. Greedy (0->0) leaves gold 1 out.
    edges = {0: [0, 1], 1: [0]}
    assert maximum_matching(2, edges.__getitem__) == {0: 1, 1: 0}


def test_field_agreement_counts(corpus):
    gold_dir, articles = corpus
    (document,) = load_gold(gold_dir, articles)
    army = ref("PER", "MIL")
    events = [
        coded("Peruvian troops", "ASSAULT", [army], [ref("PER", "CRM")], mode="heavy-weapons",
              attributed_to=army, date="2019-03-01", date_precision="day"),
        coded("Bolivia accused", "ACCUSE", [ref("BOL")], [ref("CHL")], factuality="alleged", mode="disapprove",
              date="2019-03-03", date_precision="document"),
        coded("Chile denied", "REJECT", [ref("CHL")], [ref("BOL")], date="2019-03-03"),
    ]
    agreement = score_documents([document], {"pact.txt": events}).agreement
    assert (agreement["factuality"].agreed, agreement["factuality"].scored) == (2, 3)
    assert (agreement["claimant"].agreed, agreement["claimant"].scored) == (3, 3)
    assert (agreement["date"].agreed, agreement["date"].scored) == (2, 2)  # E4 has no gold date
    assert (agreement["mode"].agreed, agreement["mode"].scored) == (1, 2)  # E4 has no gold mode


def test_cli_scores_saved_events(corpus, tmp_path):
    from eirene.cli import cli

    gold_dir, articles = corpus
    saved = tmp_path / "events.jsonl"
    events = [coded("Bolivia accused", "ACCUSE", [ref("BOL")], [ref("CHL")]),
              coded("Chile denied", "REJECT", [ref("CHL")])]
    saved.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "documents", "--gold", str(gold_dir), "--events", str(saved)])
    assert result.exit_code == 0, result.output
    assert "pact.txt" in result.output and "0.500/0.250/0.333" in result.output
    assert "miss   E1 SUPPORT" in result.output and "false  REJECT CHL -> -" in result.output
    bad = tmp_path / "bad.gold"
    bad.mkdir()
    (bad / "x.yaml").write_text(GOLD.replace("type: ACCUSE", "type: BLAME"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "documents", "--gold", str(bad), "--corpus", str(articles),
                                      "--events", str(saved)])
    assert result.exit_code != 0 and "[E362]" in result.output


def test_document_record_is_what_the_reader_gives(corpus):
    gold_dir, articles = corpus
    articles_by_id = {"pact.txt": Document(id="pact.txt", text=ARTICLE)}
    document = load_gold_file(gold_dir / "pact.yaml", articles_by_id)
    assert document.document.text == ARTICLE and document.published == "2019-03-03"


def test_articles_split_into_halves_by_their_id(corpus, tmp_path):
    """pact.txt hashes to tune and pact2.txt (the same article) to check: the figures are given
    per half, and only the tune article's failures are listed unless asked."""
    from eirene.cli import cli
    from eirene.evaluate.documents import document_half

    gold_dir, articles = corpus
    (articles / "pact2.txt").write_text(ARTICLE, encoding="utf-8")
    (gold_dir / "pact2.yaml").write_text(GOLD.replace("document: pact.txt", "document: pact2.txt"), encoding="utf-8")
    documents = load_gold(gold_dir, articles)
    assert {d.document.id: document_half(d) for d in documents} == {"pact.txt": "tune", "pact2.txt": "check"}
    events = [coded("Bolivia accused", "ACCUSE", [ref("BOL")], [ref("CHL")])]
    score = score_documents(documents, {"pact.txt": events, "pact2.txt": []})
    assert score.totals("type", "tune") == (1, 1, 4) and score.totals("type", "check") == (0, 0, 4)
    assert score.totals("type") == (1, 1, 8)
    saved = tmp_path / "events.jsonl"
    saved.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events), encoding="utf-8")
    args = ["evaluate", "documents", "--gold", str(gold_dir), "--events", str(saved)]
    shown = CliRunner().invoke(cli, args).output
    assert "pact.txt [tune]" in shown and "pact2.txt [check]" in shown
    assert "pact.txt: misses" in shown and "pact2.txt: misses" not in shown
    assert "pact2.txt: misses" in CliRunner().invoke(cli, args + ["--check-failures"]).output
