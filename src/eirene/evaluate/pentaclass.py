"""Cross-validated CAMEO pentaclass scores for the learned classifier.

The shipped classifier's pentaclass head is trained on the ConfliBERT sentences, so
it cannot be scored on them directly: this module refits the same features and
logistic regression fold by fold (stratified, seeded) and returns each sentence's
out-of-fold prediction, so the figure is honest and reproducible.

    gold, predicted = cross_validate_pentaclass(load_pentaclass(path))
    score_pairs(gold, predicted).macro_f1

`extra_features` lets a caller add columns (e.g. a one-hot of the rule coder's
quad class for each sentence) next to the TF-IDF features.

A given model (the shipped one, or one trained without the check half) is scored as it
is with `head_pentaclass`; `trained_without_check_half` reads from its card whether its
check-half figure is a held-out figure (docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from eirene.evaluate.events import ClassScore
from eirene.events.classifier import PENTACLASS_LABELS, EventClassifier
from eirene.events.classifier_training import TrainingConfig, fit_head
from eirene.events.text_features import Featuriser

EXTRA_FEATURE_SCALE = 1.0
# The model card key that lists the dev halves a model saw in training, e.g. ["tune"].
HALVES_TRAINED_ON = "dev_halves_trained_on"


def trained_without_check_half(card: dict) -> bool:
    """Does the model card say the check halves of the dev sets were left out of training?

    A card without the key is taken to have seen everything (the shipped model was
    trained on every ConfliBERT sentence), so its check figure is no held-out figure.
    """
    halves = card.get(HALVES_TRAINED_ON)
    return isinstance(halves, list) and "check" not in halves


def head_pentaclass(classifier: EventClassifier, texts: Sequence[str], batch: int = 256) -> dict[str, int]:
    """The classifier's own pentaclass head on each text: text -> class 0-4."""
    unique = list(dict.fromkeys(texts))
    predicted: dict[str, int] = {}
    for start in range(0, len(unique), batch):
        chunk = unique[start:start + batch]
        predicted.update(zip(chunk, classifier.predict_pentaclass(chunk)))
    return predicted


def stratified_folds(labels: Sequence[int], folds: int, seed: int) -> list[np.ndarray]:
    """Indices of each test fold: every class dealt round-robin after a seeded shuffle.

    Why our own: the same split with or without scikit-learn's version drift.
    """
    if folds < 2:
        raise ValueError(f"folds must be >= 2, got {folds}")
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(labels), dtype=np.int64)
    labels_array = np.asarray(labels)
    start = 0
    for label in sorted(set(labels_array.tolist())):
        members = np.flatnonzero(labels_array == label)
        rng.shuffle(members)
        assignment[members] = (np.arange(len(members)) + start) % folds
        start += len(members)  # continue the deal so small classes do not all land in fold 0
    return [np.flatnonzero(assignment == k) for k in range(folds)]


def cross_validate_pentaclass(
    rows: list[tuple[str, int]],
    folds: int = 5,
    seed: int = 0,
    extra_features: Callable[[Sequence[str]], np.ndarray] | None = None,
    config: TrainingConfig | None = None,
) -> tuple[list[int], list[int]]:
    """(gold, predicted) for every row, each predicted by a model that never saw it.

    rows: (sentence, label 0-4). extra_features: texts -> array (n, k) appended to
    the TF-IDF features of train and test folds alike. RETURNS two lists in row order.
    """
    gold, scores = out_of_fold_scores(rows, folds, seed, extra_features, config)
    return gold, [int(np.argmax(row)) for row in scores]


def out_of_fold_scores(
    rows: list[tuple[str, int]],
    folds: int = 5,
    seed: int = 0,
    extra_features: Callable[[Sequence[str]], np.ndarray] | None = None,
    config: TrainingConfig | None = None,
) -> tuple[list[int], np.ndarray]:
    """(gold, scores): each row's class scores (logits, columns 0-4) from the fold that held it out.

    The scores feed calibration (a softmax temperature fitted on them) as well as the CV figure.
    """
    config = config or TrainingConfig()
    texts = [text for text, _ in rows]
    gold = [int(label) for _, label in rows]
    extra = None
    if extra_features is not None:
        extra = np.asarray(extra_features(texts), dtype=np.float64)
        if extra.ndim != 2 or extra.shape[0] != len(texts):
            raise ValueError(f"extra_features must return shape (n_texts, k); got {extra.shape}")
    scores = np.full((len(rows), len(PENTACLASS_LABELS)), -1e9)
    for test in stratified_folds(gold, folds, seed):
        test_set = set(test.tolist())
        train = [i for i in range(len(rows)) if i not in test_set]
        featuriser = Featuriser.fit([texts[i] for i in train], config.min_df, config.max_char_features)
        train_x = _with_extra(featuriser.matrix([texts[i] for i in train]), extra, train)
        test_x = _with_extra(featuriser.matrix([texts[i] for i in test]), extra, test.tolist())
        head = fit_head(train_x, [str(gold[i]) for i in train], None, config.c_pentaclass, config.max_iter, config.tol, config.solver)
        fold_scores = np.asarray(test_x @ head.coef.T) + head.intercept
        for column, label in enumerate(head.labels):
            scores[test, int(label)] = fold_scores[:, column]
    return gold, scores


def _with_extra(matrix, extra: np.ndarray | None, index: Sequence[int]):  # type: ignore[no-untyped-def]
    if extra is None:
        return matrix
    from scipy.sparse import csr_matrix, hstack

    return hstack([matrix, csr_matrix(extra[list(index)] * EXTRA_FEATURE_SCALE)]).tocsr()


def score_pairs(gold: Sequence[int], predicted: Sequence[int]) -> ClassScore:
    """A ClassScore (accuracy, macro-F1, confusion) from parallel gold/predicted lists."""
    score = ClassScore(labels=[0, 1, 2, 3, 4])
    for g, p in zip(gold, predicted):
        score.add(int(g), int(p), "")
    return score
