"""The fixed tune/check split of the dev sets, and the figures reported per half."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from eirene.evaluate.events import PloverScore, RecordOutcome, code_plover, score_pentaclass_halves, triples
from eirene.evaluate.report import CHECK_FAILURES_WARNING, plover_failures, plover_scores
from eirene.evaluate.split import SPLIT_SALT, half_of, in_half, ngec_key, plover_key, text_key
from eirene.records import ActorRef, Event

KEYS = [f"record-{n:04d}" for n in range(2000)]


def test_split_follows_the_documented_hash_rule():
    for key in KEYS[:50]:
        first_byte = hashlib.sha256(f"{SPLIT_SALT}\x1f{key}".encode()).digest()[0]
        assert half_of(key) == ("tune" if first_byte % 2 == 0 else "check")


def test_same_key_same_half_in_another_process():
    """No per-process salt (Python's hash() would differ between runs): a new interpreter agrees."""
    script = ("import json, sys; from eirene.evaluate.split import half_of; "
              "print(json.dumps([half_of(k) for k in json.load(sys.stdin)]))")
    out = subprocess.run([sys.executable, "-c", script], input=json.dumps(KEYS[:300]), capture_output=True,
                         text=True, check=True, env={"PYTHONHASHSEED": "123", "PYTHONPATH": ":".join(sys.path)})
    assert json.loads(out.stdout) == [half_of(k) for k in KEYS[:300]]


def test_halves_are_roughly_equal():
    tune = sum(half_of(k) == "tune" for k in KEYS)
    assert 0.45 < tune / len(KEYS) < 0.55


def test_keys_of_each_dev_set():
    assert plover_key({"id": "X-1", "text": "a"}) == "X-1"
    assert plover_key({"text": "Troops  left\tthe town. "}) == "Troops left the town."
    assert text_key("  Troops left\n the town.") == "Troops left the town."
    # All rows of one NGEC test share its name, so they land in one half together.
    assert ngec_key({"test_name": "test_nat7", "input_text": "France"}) == "test_nat7"


def test_in_half_partitions_the_items():
    items = list(range(200))
    tune, check = in_half(items, str, "tune"), in_half(items, str, "check")
    assert sorted(tune + check) == items and not set(tune) & set(check)
    assert in_half(items, str, "all") == items
    with pytest.raises(ValueError):
        in_half(items, str, "dev")


def test_split_on_the_shared_dev_sets_is_balanced(eval_dev_dir):
    from eirene.evaluate.actors import read_rows
    from eirene.evaluate.events import load_pentaclass, load_plover_gold

    plover = load_plover_gold(eval_dev_dir / "plover_gsr_dev.jsonl")
    penta = load_pentaclass(eval_dev_dir / "conflibert_cameo_class_train.tsv")
    tests = {row["test_name"] for row in read_rows(eval_dev_dir / "ngec_actor_resolution_dev.tsv")}
    for keys in ([plover_key(r) for r in plover], [text_key(t) for t, _ in penta], list(tests)):
        share = sum(half_of(k) == "tune" for k in keys) / len(keys)
        assert 0.4 < share < 0.6, share


# ---------------------------------------------------------------- (actor, recipient, type) triples

def test_triples_cross_actors_with_recipients():
    assert triples("AGREE", {"LBY"}, {"GBR"}) == {("LBY", "GBR", "AGREE")}
    assert triples("AGREE", {"HUN", "ROU"}, set()) == {("HUN", "-", "AGREE"), ("ROU", "-", "AGREE")}
    assert len(triples("CONSULT", {"USA", "FRA"}, {"RUS", "CHN"})) == 4


def outcome(rid, gold, got, half="tune"):
    (gt, ga, gr), (pt, pa, pr) = gold, got
    return RecordOutcome(rid, f"text {rid}", half, gt, pt, frozenset(ga), frozenset(pa), frozenset(gr),
                         frozenset(pr), type_found=gt == pt)


def test_plover_score_by_hand():
    outcomes = [
        # right type, actors, recipient: 1 triple right
        outcome("a", ("ACCUSE", {"USA"}, {"RUS"}), ("ACCUSE", {"USA"}, {"RUS"})),
        # right type, one of two actors: triples (PAK,-) right, (AFG,-) missed
        outcome("b", ("CONSULT", {"PAK", "AFG"}, set()), ("CONSULT", {"PAK"}, set()), half="check"),
        # wrong type: its triple is a false positive and the gold triple a miss
        outcome("c", ("ASSAULT", {"USA"}, {"AFG"}), ("COERCE", {"USA"}, {"AFG"}), half="check"),
        # no event: nothing predicted
        outcome("d", ("REJECT", {"RUS"}, set()), ("NONE", set(), set())),
    ]
    score = PloverScore.of(outcomes)
    assert (score.triple.tp, score.triple.fp, score.triple.fn) == (2, 1, 3)
    assert score.triple.precision == pytest.approx(2 / 3)
    assert score.triple.recall == pytest.approx(2 / 5)
    assert score.triple.f1 == pytest.approx(2 * (2 / 3) * (2 / 5) / (2 / 3 + 2 / 5))
    assert (score.actor.tp, score.actor.fp, score.actor.fn) == (3, 0, 2)
    assert score.type_accuracy == pytest.approx(2 / 4) and score.no_event == 1 and score.full_match == 1
    halves = plover_scores(outcomes)
    assert halves["tune"].records == 2 and halves["check"].records == 2 and halves["all"].records == 4
    assert halves["tune"].triple.tp == 1 and halves["check"].triple.tp == 1


def test_failures_are_listed_for_the_tune_half_only_unless_asked():
    outcomes = [outcome("t1", ("ACCUSE", {"USA"}, set()), ("REJECT", {"USA"}, set()), half="tune"),
                outcome("c1", ("AID", {"JPN"}, {"BGD"}), ("AGREE", {"JPN"}, {"BGD"}), half="check")]
    scores = plover_scores(outcomes)
    default = plover_failures(scores, ("tune",), 10)
    assert "[t1]" in default and "[c1]" not in default and "not listed" in default
    asked = plover_failures(scores, ("tune", "check"), 10)
    assert "[c1]" in asked and CHECK_FAILURES_WARNING in asked
    assert asked.index(CHECK_FAILURES_WARNING) < asked.index("[c1]")


def test_code_plover_gives_each_record_its_half():
    def coded(text: str, date: str | None) -> list[Event]:
        usa = ActorRef("US", "United States", "USA", "USA", None)
        rus = ActorRef("Russia", "Russia", "RUS", "RUS", None)
        return [Event("e", "d", 0, 0, len(text), text, "accused", "ACCUSE", (usa,), (rus,), confidence=0.9)]

    records = [{"id": f"R-{n}", "text": "The US accused Russia.", "event": "ACCUSE",
                "source": [{"code": "USA"}], "target": [{"code": "RUS"}]} for n in range(40)]
    outcomes = code_plover(records, coded)
    assert [o.half for o in outcomes] == [half_of(f"R-{n}") for n in range(40)]
    assert {o.half for o in outcomes} == {"tune", "check"}
    assert all(o.full_match and o.gold_triples == {("USA", "RUS", "ACCUSE")} for o in outcomes)


def test_pentaclass_halves_by_hand():
    rows = [(f"sentence number {n}", n % 5) for n in range(100)]
    scores = score_pentaclass_halves(rows, lambda text: int(text.split()[-1]) % 5 if "7" not in text else 0)
    assert scores["tune"].total + scores["check"].total == scores["all"].total == 100
    wrong = [t for t, label in rows if "7" in t and label != 0]
    assert len(scores["all"].failures) == len(wrong)
    assert {f["text"] for f in scores["tune"].failures} == {t for t in wrong if half_of(text_key(t)) == "tune"}


def test_plover_section_shows_three_columns_and_hides_check_failures(coder):
    from eirene.config import CodingConfig
    from eirene.evaluate.report import COLUMNS
    from eirene.evaluate.runs import plover_section
    from eirene.document_coder import Coder

    ids = [f"mine-{n}" for n in range(40)]
    tune_id = next(i for i in ids if half_of(i) == "tune")
    check_id = next(i for i in ids if half_of(i) == "check")
    # Both gold records are deliberately mislabelled (the sentences are attacks), so both fail.
    text = "Kenyan troops shelled Somali militia positions near the border on Monday."
    records = [{"id": rid, "date": "2019-05-06", "text": text, "event": "AGREE",
                "source": [{"code": "KEN"}], "target": [{"code": "SOM"}]} for rid in (tune_id, check_id)]
    rules_only = Coder(CodingConfig(use_classifier=False), nlp=coder.nlp, kb=coder.kb, lexicon=coder.lexicon,
                       gazetteer=coder.gazetteer)
    out = plover_section(records, coder, rules_only, "shipped classifier", COLUMNS, ("tune",), 10)
    assert "(tune 1, check 1)" in out
    assert all(column in out.splitlines()[1] for column in COLUMNS)
    assert f"[{tune_id}]" in out and f"[{check_id}]" not in out
    assert "confusion, tune half" in out and "confusion, check half" not in out
    one = plover_section(records, coder, rules_only, "shipped classifier", ("check",), ("tune", "check"), 10)
    assert "tune" not in one.splitlines()[1] and f"[{check_id}]" in one and CHECK_FAILURES_WARNING in one
