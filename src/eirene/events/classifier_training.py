"""Training the event classifier (scikit-learn at training time only; see classifier.py).

The surface heads are multinomial logistic regression on TF-IDF rows; the meaning heads
(when an embedding function is given) on the same rows with the scaled sentence embedding
appended. Everything that decides a model is in TrainingConfig, so a retrain is
reproducible: deterministic solver, seeded folds, rows in a fixed order.

    model = train_classifier(plover_rows, pentaclass_rows, TrainingConfig(), embed=SentenceEncoder().encode)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from eirene.errors import ModelError
from eirene.events.classifier import NONE_LABEL, PENTACLASS_LABELS, EventClassifier, LinearHead, MeaningReader
from eirene.events.text_features import Featuriser

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

Embed = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class TrainingConfig:
    """Everything that decides a trained model, so a retrain is reproducible.

    c_plover / c_pentaclass (float): inverse L2 strength of each head.
    min_df (int): a feature must occur in this many training texts.
    max_char_features (int): cap on character n-grams (most frequent kept).
    solver (str): scikit-learn solver; newton-cg is deterministic and, on these
        wide sparse matrices, several times faster than lbfgs.
    seed (int): fixes fold splits and any sampling.
    meaning_scale (float): weight of the sentence embedding beside the TF-IDF blocks.
    meaning_band ((float, float)): sentences whose best surface PLOVER event probability
        lies in [low, high) are re-read with the embedding ((0, 2): all of them).
    """

    c_plover: float = 1.0
    c_pentaclass: float = 30.0
    min_df: int = 2
    max_char_features: int = 120_000
    max_iter: int = 3000
    tol: float = 1e-3
    solver: str = "newton-cg"
    seed: int = 0
    meaning_scale: float = 1.0
    meaning_band: tuple[float, float] = (0.0, 2.0)


def require_sklearn() -> Any:
    """scikit-learn's LogisticRegression, or a clear E002 naming the extra to install."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModelError("E002", extra="train", detail=f"training the event classifier needs scikit-learn ({exc})") from exc
    return LogisticRegression


def fit_head(
    matrix: "csr_matrix",
    labels: Sequence[str],
    weights: Sequence[float] | None,
    c: float,
    max_iter: int = 3000,
    tol: float = 1e-3,
    solver: str = "newton-cg",
) -> LinearHead:
    """Fit one balanced multinomial logistic-regression head on a feature matrix."""
    logistic_regression = require_sklearn()
    model = logistic_regression(C=c, max_iter=max_iter, tol=tol, solver=solver, class_weight="balanced")
    model.fit(matrix, list(labels), sample_weight=None if weights is None else np.asarray(weights, dtype=float))
    classes = tuple(str(c) for c in model.classes_)
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes; expand to softmax form
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    return LinearHead(classes, np.asarray(coef, dtype=np.float32), np.asarray(intercept, dtype=np.float64))


def train_classifier(
    plover_rows: Sequence[tuple[str, str, float]],
    pentaclass_rows: Sequence[tuple[str, int, float]],
    config: TrainingConfig = TrainingConfig(),
    version: str = "clf-tfidf-lr-dev",
    card: dict[str, Any] | None = None,
    embed: Embed | None = None,
    encoder: tuple[str, str] = ("", ""),
) -> EventClassifier:
    """Train both heads on (text, label, weight) rows; features are fitted on all texts.

    plover_rows: PLOVER type names or "NONE". pentaclass_rows: labels 0-4.
    embed: texts -> unit embeddings; given, meaning heads are trained too.
    encoder: (model id, sha256) of the encoder behind `embed`, stored with the model.
    """
    bad = sorted({label for _, label, _ in plover_rows} - set(_plover_names()) - {NONE_LABEL})
    if bad:
        raise ValueError(f"unknown PLOVER labels in training rows: {bad}")
    texts = list(dict.fromkeys([t for t, _, _ in plover_rows] + [t for t, _, _ in pentaclass_rows]))
    featuriser = Featuriser.fit(texts, config.min_df, config.max_char_features)
    plover_x = featuriser.matrix([t for t, _, _ in plover_rows])
    penta_x = featuriser.matrix([t for t, _, _ in pentaclass_rows])
    plover, pentaclass = _fit_heads(plover_rows, pentaclass_rows, plover_x, penta_x, config)
    meaning = None
    if embed is not None:
        plover_x = with_dense(plover_x, embed([t for t, _, _ in plover_rows]) * config.meaning_scale)
        penta_x = with_dense(penta_x, embed([t for t, _, _ in pentaclass_rows]) * config.meaning_scale)
        deep_plover, deep_penta = _fit_heads(plover_rows, pentaclass_rows, plover_x, penta_x, config)
        meaning = MeaningReader(deep_plover, deep_penta, config.meaning_scale, config.meaning_band, *encoder)
    return EventClassifier(version, featuriser, plover, pentaclass, dict(card or {}), meaning)


def _fit_heads(plover_rows, pentaclass_rows, plover_x, penta_x, config: TrainingConfig):  # type: ignore[no-untyped-def]
    """The PLOVER and pentaclass heads on given feature matrices."""
    plover = fit_head(plover_x, [label for _, label, _ in plover_rows], [w for _, _, w in plover_rows],
                      config.c_plover, config.max_iter, config.tol, config.solver)
    pentaclass = fit_head(penta_x, [str(label) for _, label, _ in pentaclass_rows], [w for _, _, w in pentaclass_rows],
                          config.c_pentaclass, config.max_iter, config.tol, config.solver)
    return plover, _complete_pentaclass(pentaclass)


def with_dense(matrix: "csr_matrix", dense: np.ndarray) -> "csr_matrix":
    """The sparse rows with dense columns appended (the meaning heads' input)."""
    from scipy.sparse import csr_matrix, hstack

    return hstack([matrix, csr_matrix(np.asarray(dense, dtype=np.float64))]).tocsr()


def _complete_pentaclass(head: LinearHead) -> LinearHead:
    """Order the head's rows as classes 0..4, adding never-seen classes with -inf-like bias."""
    labels = tuple(str(c) for c in PENTACLASS_LABELS)
    if head.labels == labels:
        return head
    coef = np.zeros((len(labels), head.coef.shape[1]), dtype=np.float32)
    intercept = np.full(len(labels), -30.0)
    for row, label in enumerate(head.labels):
        coef[labels.index(label)] = head.coef[row]
        intercept[labels.index(label)] = head.intercept[row]
    return LinearHead(labels, coef, intercept, head.temperature)


def _plover_names() -> tuple[str, ...]:
    from eirene.vocab import PLOVER_TYPES

    return PLOVER_TYPES


def fit_temperature(probabilities: np.ndarray, gold: Sequence[int]) -> float:
    """The softmax temperature that minimises log-loss of out-of-fold predictions.

    Why: logistic regression trained on balanced, partly synthetic data is over- or
    under-confident on real sentences; one scalar fitted on held-out folds fixes
    most of that without changing which class wins.
    """
    logits = np.log(np.clip(probabilities, 1e-12, 1.0))
    gold_index = np.asarray(gold)
    best, best_loss = 1.0, float("inf")
    for temperature in np.exp(np.linspace(math.log(0.25), math.log(4.0), 81)):
        scaled = logits / temperature
        scaled -= scaled.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(scaled).sum(axis=1))
        loss = float(np.mean(log_norm - scaled[np.arange(len(gold_index)), gold_index]))
        if loss < best_loss:
            best, best_loss = float(temperature), loss
    return best


__all__ = ["TrainingConfig", "fit_head", "fit_temperature", "require_sklearn", "train_classifier", "with_dense"]
