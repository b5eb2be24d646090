"""A learned sentence classifier for PLOVER event types and CAMEO pentaclasses.

The rule coder finds events it has words for; this model scores the sentences the rules
leave uncoded, so it catches what the lexicon misses. Two readings, two heads each:

    plover_proba(texts)     -> 16 PLOVER types + "NONE" (no codable event)
    pentaclass_proba(texts) -> 5 classes: 0 statement/appeal or no event,
                               1 verbal coop, 2 material coop, 3 verbal conflict,
                               4 material conflict

1. Surface: TF-IDF over word 1-2-grams and within-word character 2-5-grams
   (events/text_features.py) with multinomial logistic-regression heads; thousands of
   sentences per second, so every sentence gets it.
2. Meaning (optional part of an artefact): the same TF-IDF features side by side with a
   MiniLM sentence embedding (events/sentence_encoder.py), with heads of their own. The
   encoder costs over twice spaCy's parse per sentence, so it is asked only about sentences
   the surface heads leave in doubt: those whose best PLOVER event probability lies in the
   `band` around the coder's acceptance bar, where a second reading can change the outcome.
   The shipped model has no meaning heads: on this CPU they cost more throughput than they
   gained (data/models/MODEL_CARD.md); `scripts/train_classifier.py --meaning` trains them.

Why this design: inference is plain numpy (no scikit-learn, no weights downloaded); the
artefact is a JSON vocabulary plus an .npz of coefficients that any numpy can read, not a
pickle tied to one library version. Training: events/classifier_training.py,
scripts/train_classifier.py and data/models/MODEL_CARD.md.

    clf = EventClassifier.load()
    clf.plover_proba(["Jets bombed rebel positions near the border."])[0]["ASSAULT"]  # high
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from eirene.errors import KnowledgeBaseError, ModelError
from eirene.events.sentence_encoder import SentenceEncoder, model_fingerprint
from eirene.events.text_features import Block, Featuriser

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
ARTEFACT_NAME = "event_classifier"
FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)  # format 1: surface heads only
NONE_LABEL = "NONE"
PENTACLASS_LABELS: tuple[int, ...] = (0, 1, 2, 3, 4)

Rows = Sequence[tuple[np.ndarray, np.ndarray]]


@dataclass
class LinearHead:
    """Multinomial logistic regression: softmax((x @ coef.T + intercept) / temperature).

    coef (n_labels, n_sparse [+ n_dense]): the first columns weigh the sparse TF-IDF
    rows; any further columns weigh the dense features passed to `proba`.
    """

    labels: tuple[str, ...]
    coef: np.ndarray
    intercept: np.ndarray  # (n_labels,)
    temperature: float = 1.0

    _weights: np.ndarray | None = field(default=None, repr=False)

    def proba(self, rows: Rows, dense: np.ndarray | None = None) -> np.ndarray:
        if self._weights is None or self._weights.shape[0] != self.coef.shape[1]:
            self._weights = np.ascontiguousarray(self.coef.T)  # rows gathered per feature: fast
        weights = self._weights
        scores = np.empty((len(rows), len(self.labels)), dtype=np.float64)
        for i, (columns, values) in enumerate(rows):
            scores[i] = values @ weights[columns] if len(columns) else 0.0
        if dense is not None and len(rows):
            scores += dense @ weights[weights.shape[0] - dense.shape[1]:]
        scores += self.intercept
        scores /= self.temperature
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


@dataclass
class MeaningReader:
    """Heads over [TF-IDF ; scale * MiniLM embedding], for the sentences in doubt.

    band ((float, float)): a sentence is re-read here when the surface PLOVER head's best
        event (non-NONE) probability p has low <= p < high ((0, 2): every sentence).
    scale (float): the embedding's weight against the unit-length TF-IDF blocks.
    encoder_model / encoder_sha256: the encoder the heads were trained with.
    """

    plover: LinearHead
    pentaclass: LinearHead
    scale: float
    band: tuple[float, float]
    encoder_model: str
    encoder_sha256: str
    encoder: SentenceEncoder | None = field(default=None, repr=False)

    def doubtful(self, plover: np.ndarray, none_column: int) -> np.ndarray:
        """Indices of the rows (surface PLOVER probabilities) to re-read with the encoder."""
        events = np.delete(plover, none_column, axis=1) if none_column >= 0 else plover
        best = events.max(axis=1) if events.shape[1] else np.zeros(len(plover))
        low, high = self.band
        return np.flatnonzero((best >= low) & (best < high))

    def read(self, texts: Sequence[str], rows: Rows) -> tuple[np.ndarray, np.ndarray]:
        """(PLOVER, pentaclass) probabilities of texts from their rows and embeddings."""
        if self.encoder is None:
            self.encoder = SentenceEncoder()
        dense = self.encoder.encode(texts) * self.scale
        return self.plover.proba(rows, dense), self.pentaclass.proba(rows, dense)


@dataclass
class EventClassifier:
    """The shipped sentence classifier: shared features, a PLOVER head and a pentaclass head.

    version (str): goes into Event.method as "model:<version>".
    featuriser (Featuriser): the TF-IDF vocabulary and idf.
    plover (LinearHead): 16 PLOVER types plus "NONE".
    pentaclass (LinearHead): labels "0".."4".
    card (dict): training summary (sources, sizes, figures) stored with the artefact.
    meaning (MeaningReader | None): the embedding heads for sentences in doubt.
    class_weight (float): how much the pentaclass head's opinion of a type's CAMEO class
        reweighs the PLOVER probabilities (0: not at all; see `probabilities`).
    """

    version: str
    featuriser: Featuriser
    plover: LinearHead
    pentaclass: LinearHead
    card: dict[str, Any] = field(default_factory=dict)
    meaning: MeaningReader | None = None
    class_weight: float = 0.0

    @property
    def plover_labels(self) -> tuple[str, ...]:
        return self.plover.labels

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(PLOVER, pentaclass) probability arrays: the surface heads, then the meaning
        heads for every text whose best surface event probability is in the meaning band.

        The PLOVER probabilities are then multiplied by the pentaclass head's probability
        of each type's class to the power `class_weight` and renormalised: the PLOVER head
        learns types mostly from codebook and synthetic text, the pentaclass head from
        news sentences, and a type both agree on is the safer reading.
        """
        rows = self.featuriser.rows(texts)
        plover, pentaclass = self.plover.proba(rows), self.pentaclass.proba(rows)
        if self.meaning is not None and len(texts):
            labels = self.plover.labels
            doubtful = self.meaning.doubtful(plover, labels.index(NONE_LABEL) if NONE_LABEL in labels else -1)
            if len(doubtful):
                chosen = doubtful.tolist()
                plover[doubtful], pentaclass[doubtful] = self.meaning.read(
                    [texts[i] for i in chosen], [rows[i] for i in chosen])
        if self.class_weight and len(texts):
            plover = plover * pentaclass[:, _class_columns(self.plover.labels)] ** self.class_weight
            plover /= plover.sum(axis=1, keepdims=True)
        return plover, pentaclass

    def plover_proba(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """For each text, PLOVER type (and "NONE") -> probability; each dict sums to 1."""
        return self.proba(texts)[0]

    def pentaclass_proba(self, texts: Sequence[str]) -> list[list[float]]:
        """For each text, the probabilities of pentaclasses 0..4, in that order."""
        return self.proba(texts)[1]

    def proba(self, texts: Sequence[str]) -> tuple[list[dict[str, float]], list[list[float]]]:
        """Both heads at once, featurising and embedding each text only once."""
        plover, pentaclass = self.probabilities(texts)
        labels = self.plover.labels
        return [dict(zip(labels, map(float, row))) for row in plover], [list(map(float, row)) for row in pentaclass]

    def predict_plover(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """The most probable PLOVER type (or "NONE") of each text, with its probability."""
        return [max(p.items(), key=lambda item: item[1]) for p in self.plover_proba(texts)]

    def predict_pentaclass(self, texts: Sequence[str]) -> list[int]:
        return [int(np.argmax(p)) for p in self.pentaclass_proba(texts)]

    # ---------------------------------------------------------------- persistence

    def save(self, directory: str | Path, name: str = ARTEFACT_NAME) -> tuple[Path, Path]:
        """Write `<name>.json` (vocabulary, labels, card) and `<name>.npz` (weights)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        heads = {"plover": self.plover, "pentaclass": self.pentaclass}
        meta: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "version": self.version,
            "features": {
                "min_df": self.featuriser.min_df,
                "max_char_features": self.featuriser.max_char_features,
                "blocks": [
                    {"kind": b.kind, "vocabulary": sorted(b.vocabulary, key=b.vocabulary.__getitem__)}
                    for b in self.featuriser.blocks
                ],
            },
            **{name: {"labels": list(h.labels), "temperature": h.temperature} for name, h in heads.items()},
        }
        if self.meaning is not None:
            m = self.meaning
            heads |= {"meaning_plover": m.plover, "meaning_pentaclass": m.pentaclass}
            meta["meaning"] = {"scale": m.scale, "band": list(m.band), "encoder_model": m.encoder_model,
                               "encoder_sha256": m.encoder_sha256,
                               **{n: {"labels": list(h.labels), "temperature": h.temperature}
                                  for n, h in (("plover", m.plover), ("pentaclass", m.pentaclass))}}
        meta["class_weight"] = self.class_weight
        meta["card"] = self.card
        json_path = directory / f"{name}.json"
        npz_path = directory / f"{name}.npz"
        json_path.write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        arrays = {f"idf_{i}": b.idf.astype(np.float32) for i, b in enumerate(self.featuriser.blocks)}
        for head_name, head in heads.items():
            arrays[f"{head_name}_coef"] = head.coef.astype(np.float16)
            arrays[f"{head_name}_intercept"] = head.intercept.astype(np.float32)
        np.savez_compressed(npz_path, **arrays)
        return json_path, npz_path

    @classmethod
    def load(cls, path: str | Path | None = None) -> "EventClassifier":
        """Load an artefact: a directory holding event_classifier.json/.npz, or the .json path.

        path (str | Path | None): None loads the model shipped with eirene.
        """
        json_path, npz_path = _artefact_paths(path)
        try:
            meta = json.loads(json_path.read_text(encoding="utf-8"))
            arrays = np.load(npz_path, allow_pickle=False)
            if meta.get("format") not in READABLE_FORMATS:
                raise ValueError(f"format {meta.get('format')!r}, expected one of {READABLE_FORMATS}")
            blocks = [
                Block(spec["kind"], {g: i for i, g in enumerate(spec["vocabulary"])}, arrays[f"idf_{n}"].astype(np.float64))
                for n, spec in enumerate(meta["features"]["blocks"])
            ]
            featuriser = Featuriser(blocks, meta["features"]["min_df"], meta["features"]["max_char_features"])
            plover, pentaclass = (_load_head(arrays, meta[h], h, featuriser.width) for h in ("plover", "pentaclass"))
            meaning = _load_meaning(arrays, meta.get("meaning"), featuriser.width)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KnowledgeBaseError("E390", path=str(json_path), reason=str(exc)) from exc
        if meaning is not None and meaning.encoder_sha256 != model_fingerprint():
            raise ModelError("E331", path=str(json_path), expected=f"{meaning.encoder_model} (sha256 {meaning.encoder_sha256})",
                             found=f"sha256 {model_fingerprint()}")
        return cls(meta["version"], featuriser, plover, pentaclass, meta.get("card", {}), meaning,
                   float(meta.get("class_weight", 0.0)))


def _class_columns(labels: tuple[str, ...]) -> list[int]:
    """The pentaclass column of each PLOVER label (NONE and REQUEST: class 0)."""
    from eirene.vocab import PLOVER_PENTACLASS

    return [PLOVER_PENTACLASS.get(label, 0) for label in labels]


def _load_head(arrays: Any, spec: dict, name: str, width: int) -> LinearHead:
    """One head from the .npz; its width must be the features' (+ any dense columns)."""
    coef = arrays[f"{name}_coef"].astype(np.float32)
    if coef.shape[1] < width:
        raise ValueError(f"{name} weights have {coef.shape[1]} columns for {width} features")
    return LinearHead(tuple(spec["labels"]), coef, arrays[f"{name}_intercept"].astype(np.float64),
                      float(spec.get("temperature", 1.0)))


def _load_meaning(arrays: Any, spec: dict | None, width: int) -> MeaningReader | None:
    if spec is None:
        return None
    from eirene.events.sentence_encoder import DIMENSION

    plover = _load_head(arrays, spec["plover"], "meaning_plover", width)
    pentaclass = _load_head(arrays, spec["pentaclass"], "meaning_pentaclass", width)
    for head in (plover, pentaclass):
        if head.coef.shape[1] != width + DIMENSION:
            raise ValueError(f"meaning weights have {head.coef.shape[1]} columns, expected {width} + {DIMENSION}")
    low, high = (float(x) for x in spec["band"])
    return MeaningReader(plover, pentaclass, float(spec["scale"]), (low, high), spec["encoder_model"],
                         spec["encoder_sha256"])


def _artefact_paths(path: str | Path | None) -> tuple[Path, Path]:
    base = Path(path) if path is not None else MODELS_DIR
    if base.is_dir():
        base = base / f"{ARTEFACT_NAME}.json"
    json_path = base.with_suffix(".json")
    npz_path = base.with_suffix(".npz")
    missing = [p for p in (json_path, npz_path) if not p.is_file()]
    if missing:
        raise KnowledgeBaseError("E390", path=str(json_path), reason=f"missing {', '.join(str(p) for p in missing)}")
    return json_path, npz_path


__all__ = ["ARTEFACT_NAME", "MODELS_DIR", "NONE_LABEL", "PENTACLASS_LABELS", "EventClassifier", "LinearHead",
           "MeaningReader"]
