"""The learned event classifier: the shipped artefact, retraining, and its CV figure."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eirene.errors import KnowledgeBaseError
from eirene.events.classifier import EventClassifier
from eirene.events.classifier_training import TrainingConfig, fit_temperature, train_classifier
from eirene.events.text_features import Featuriser, char_features, word_features
from eirene.vocab import PLOVER_TYPES

from events_support import tiny_training_rows

EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SKLEARN_REASON = "training and CV need scikit-learn (a dev/train dependency): pip install scikit-learn"
CONFLIBERT = EVAL_DIR / "dev" / "conflibert_cameo_class_train.tsv"


# Sentences written for these tests (not taken from any data set).
CASES = [
    ("Government warplanes bombed insurgent positions outside the provincial capital overnight, killing 14 fighters.", "ASSAULT", 4),
    ("The foreign ministers of Kenya and Ethiopia held talks in Nairobi on border security.", "CONSULT", 1),
    ("A UN convoy delivered food, medicine and tents to refugees stranded near the northern border.", "AID", 2),
    ("The prime minister condemned the neighbouring government's crackdown on journalists as a disgrace.", "ACCUSE", 3),
]


@pytest.mark.parametrize("text,plover,penta", CASES)
def test_shipped_model_gives_sensible_classes(shipped: EventClassifier, text: str, plover: str, penta: int) -> None:
    probs = shipped.plover_proba([text])[0]
    best = max(probs, key=probs.__getitem__)
    assert best == plover, sorted(probs.items(), key=lambda kv: -kv[1])[:3]
    assert int(np.argmax(shipped.pentaclass_proba([text])[0])) == penta


def test_shipped_probabilities_sum_to_one(shipped: EventClassifier) -> None:
    texts = [text for text, _, _ in CASES] + ["", "Weather was mild on Tuesday."]
    for probs in shipped.plover_proba(texts):
        assert set(PLOVER_TYPES) <= set(probs)
        assert abs(sum(probs.values()) - 1.0) < 1e-6
        assert all(0.0 <= p <= 1.0 for p in probs.values())
    for row in shipped.pentaclass_proba(texts):
        assert len(row) == 5 and abs(sum(row) - 1.0) < 1e-6


def test_shipped_model_has_version_and_card(shipped: EventClassifier) -> None:
    assert shipped.version.startswith("clf-tfidf-lr-")
    assert shipped.card["pentaclass_cv"]["macro_f1"] >= 0.70
    assert (Path(__file__).resolve().parents[1] / "src" / "eirene" / "data" / "models" / "MODEL_CARD.md").is_file()


def test_features_are_words_bigrams_and_in_word_char_grams() -> None:
    assert word_features("Troops fired 120 shells") == ["troops", "fired", "000", "shells", "troops fired", "fired 000", "000 shells"]
    grams = char_features("Ab cd", low=2, high=3)
    assert " a" in grams and "cd " in grams and "b c" not in grams  # never across words



def test_retraining_on_a_tiny_set_round_trips(tmp_path: Path) -> None:
    pytest.importorskip("sklearn", reason=SKLEARN_REASON)
    plover, penta = tiny_training_rows()
    model = train_classifier(plover, penta, TrainingConfig(min_df=1, c_plover=10, c_pentaclass=10), version="clf-test-1")
    json_path, npz_path = model.save(tmp_path)
    loaded = EventClassifier.load(tmp_path)
    assert loaded.version == "clf-test-1"
    texts = ["Insurgents shelled a market", "Foreign ministers held talks", "Volunteers delivered food aid"]
    assert [label for label, _ in loaded.predict_plover(texts)] == ["ASSAULT", "CONSULT", "AID"]
    assert loaded.predict_pentaclass(texts) == [4, 1, 2]
    # Never-seen pentaclasses get (near) zero probability but keep their column.
    assert all(len(row) == 5 and row[0] < 1e-6 and row[3] < 1e-6 for row in loaded.pentaclass_proba(texts))
    # The saved form is numpy + JSON only: no pickles.
    assert json.loads(json_path.read_text(encoding="utf-8"))["format"] == 2 and loaded.meaning is None
    with np.load(npz_path, allow_pickle=False) as arrays:
        assert arrays["plover_coef"].shape[0] == 3
    assert model.featuriser.matrix(texts).shape == (3, model.featuriser.width)
    # Loading reproduces the in-memory model's probabilities (up to float16 weights).
    before = model.plover_proba(texts)
    after = loaded.plover_proba(texts)
    assert all(abs(b[k] - a[k]) < 0.01 for b, a in zip(before, after) for k in b)


def test_training_rejects_unknown_labels() -> None:
    with pytest.raises(ValueError, match="FIGHT"):
        train_classifier([("Troops fought", "FIGHT", 1.0), ("Leaders met", "CONSULT", 1.0)], [("x", 0, 1.0), ("y", 1, 1.0)])


def test_load_missing_artefact_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"\[E390\].*event_classifier"):
        EventClassifier.load(tmp_path)


def test_featuriser_vectors_are_unit_length() -> None:
    featuriser = Featuriser.fit(["Troops shelled the town", "Troops met the envoys", "Envoys met in town"], min_df=1)
    for columns, values in featuriser.rows(["troops met in the town", "zzz"]):
        if len(values):
            # two blocks, each l2-normalised
            assert abs(float(values @ values) - 2.0) < 1e-9


def test_temperature_sharpens_underconfident_predictions() -> None:
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 3, size=300)
    probs = np.full((300, 3), 0.25)
    probs[np.arange(300), gold] = 0.5  # always right but only 50 % sure
    assert fit_temperature(probs, gold.tolist()) < 0.5


def test_cv_macro_f1_on_conflibert_meets_the_measured_figure() -> None:
    if not CONFLIBERT.is_file():
        pytest.skip(f"needs the shared eval data at {CONFLIBERT}")
    pytest.importorskip("sklearn", reason=SKLEARN_REASON)
    from eirene.evaluate.events import load_pentaclass
    from eirene.evaluate.pentaclass import cross_validate_pentaclass, score_pairs

    rows = load_pentaclass(CONFLIBERT)
    gold, predicted = cross_validate_pentaclass(rows, folds=5, seed=0)
    assert gold == [label for _, label in rows]
    # Measured 0.835 (see data/models/MODEL_CARD.md); allow for solver/platform noise.
    assert score_pairs(gold, predicted).macro_f1 >= 0.82


def test_stratified_folds_partition_rows_and_balance_classes() -> None:
    from eirene.evaluate.pentaclass import stratified_folds

    labels = [0] * 10 + [1] * 10 + [2] * 5
    folds = stratified_folds(labels, 5, seed=3)
    assert sorted(np.concatenate(folds).tolist()) == list(range(25))
    for fold in folds:
        assert [labels[i] for i in fold].count(0) == 2 and [labels[i] for i in fold].count(2) == 1
    assert [f.tolist() for f in folds] == [f.tolist() for f in stratified_folds(labels, 5, seed=3)]
    assert [f.tolist() for f in folds] != [f.tolist() for f in stratified_folds(labels, 5, seed=4)]


def test_cv_uses_extra_features_from_the_caller() -> None:
    pytest.importorskip("sklearn", reason=SKLEARN_REASON)
    from eirene.evaluate.pentaclass import cross_validate_pentaclass

    # The words say nothing about the label; only the caller's extra column does.
    labels = np.random.default_rng(7).permutation([1] * 20 + [4] * 20).tolist()
    texts = [f"Officials issued statement number {i} on the matter" for i in range(40)]
    rows = list(zip(texts, labels))
    label_of = dict(rows)

    def rule_quad(batch: list[str]) -> np.ndarray:
        return np.array([[1.0, 0.0] if label_of[t] == 1 else [0.0, 1.0] for t in batch]) * 5

    gold, with_extra = cross_validate_pentaclass(rows, folds=4, seed=0, extra_features=rule_quad)
    assert with_extra == gold
    _, without = cross_validate_pentaclass(rows, folds=4, seed=0)
    assert sum(g == p for g, p in zip(gold, without)) < 30


def test_class_weight_lets_the_pentaclass_head_settle_a_close_plover_call(tmp_path: Path) -> None:
    """PLOVER head slightly for CONSULT (class 1), pentaclass head sure of class 4: with the
    weight on, ASSAULT (class 4) wins; the weight is saved with the artefact."""
    from eirene.events.classifier import LinearHead

    featuriser = Featuriser.fit(["troops shelled the town", "envoys met for talks"], min_df=1)
    width = featuriser.width
    plover = LinearHead(("ASSAULT", "CONSULT", "NONE"), np.zeros((3, width), dtype=np.float32), np.array([0.0, 0.2, -1.0]))
    penta = LinearHead(("0", "1", "2", "3", "4"), np.zeros((5, width), dtype=np.float32), np.array([0.0, 0.0, 0.0, 0.0, 3.0]))
    model = EventClassifier("clf-test-weight", featuriser, plover, penta)
    text = ["the envoys shelled the talks"]
    assert model.predict_plover(text)[0][0] == "CONSULT"
    weighted = EventClassifier("clf-test-weight", featuriser, plover, penta, class_weight=1.0)
    probs = weighted.plover_proba(text)[0]
    assert max(probs, key=probs.__getitem__) == "ASSAULT" and abs(sum(probs.values()) - 1.0) < 1e-9
    weighted.save(tmp_path)
    assert EventClassifier.load(tmp_path).class_weight == 1.0
