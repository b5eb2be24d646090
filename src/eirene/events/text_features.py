"""Word and character TF-IDF features of a sentence, computed in plain Python and numpy.

The event classifier's surface reading: word 1-2-grams and within-word character
2-5-grams, each block l2-normalised. Fitting a vocabulary needs nothing but the
texts; the matrix form (training only) needs scipy.

    featuriser = Featuriser.fit(texts)
    columns, values = featuriser.rows(["Troops shelled the town."])[0]
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scipy comes with scikit-learn, needed for training only
    from scipy.sparse import csr_matrix

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?|[$%€£]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, NFKC, one space between words: the form every feature is read from."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def word_features(text: str) -> list[str]:
    """Word unigrams and bigrams of the normalised text (digits kept as a shape)."""
    words = [_digit_shape(w) for w in _WORD.findall(normalise(text))]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def char_features(text: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams inside each word padded with spaces (robust to inflection)."""
    grams: list[str] = []
    for word in normalise(text).split(" "):
        padded = f" {word} "
        size = len(padded)
        for n in range(low, min(high, size) + 1):
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


def _digit_shape(word: str) -> str:
    return "0" * min(len(word), 4) if word.isdigit() else word


@dataclass
class Block:
    """One TF-IDF feature block: vocabulary -> column, with its idf weights."""

    kind: str  # "word" or "char"
    vocabulary: dict[str, int]
    idf: np.ndarray
    _word_cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def analyse(self, text: str) -> list[str]:
        return word_features(text) if self.kind == "word" else char_features(text)

    def columns(self, text: str) -> np.ndarray:
        """Vocabulary columns of every feature occurrence in the text (repeats kept)."""
        vocabulary = self.vocabulary
        if self.kind == "word":
            found = [vocabulary.get(gram, -1) for gram in word_features(text)]
            return np.fromiter((c for c in found if c >= 0), dtype=np.int64)
        # Character n-grams never cross a word boundary, so each distinct word's
        # columns are computed once and cached: sentences cost O(words), not O(chars).
        cache = self._word_cache
        parts = []
        for word in normalise(text).split(" "):
            cols = cache.get(word)
            if cols is None:
                if len(cache) > 50_000:  # bounded: a long batch run must not grow memory
                    cache.clear()
                found = [vocabulary.get(gram, -1) for gram in char_features(word)]
                cols = cache[word] = np.fromiter((c for c in found if c >= 0), dtype=np.int64)
            parts.append(cols)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def vector(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of the l2-normalised sublinear TF-IDF vector of one text."""
        columns, counts = np.unique(self.columns(text), return_counts=True)
        if not len(columns):
            return columns, np.zeros(0, dtype=np.float64)
        values = (1.0 + np.log(counts)) * self.idf[columns]
        norm = math.sqrt(float(values @ values))
        return columns, values / norm if norm else values


@dataclass
class Featuriser:
    """Word and character TF-IDF blocks, each l2-normalised, side by side."""

    blocks: list[Block]
    min_df: int = 2
    max_char_features: int = 120_000

    @property
    def width(self) -> int:
        return sum(len(block.vocabulary) for block in self.blocks)

    def rows(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text as (columns, values) over the concatenated blocks."""
        out = []
        for text in texts:
            columns, values, offset = [], [], 0
            for block in self.blocks:
                c, v = block.vector(text)
                columns.append(c + offset)
                values.append(v)
                offset += len(block.vocabulary)
            out.append((np.concatenate(columns), np.concatenate(values)))
        return out

    def matrix(self, texts: Sequence[str]) -> "csr_matrix":
        """A scipy CSR matrix of the texts (training only)."""
        from scipy.sparse import csr_matrix

        rows = self.rows(texts)
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(c) for c, _ in rows])
        columns = np.concatenate([c for c, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
        values = np.concatenate([v for _, v in rows]) if rows else np.zeros(0)
        return csr_matrix((values, columns, indptr), shape=(len(rows), self.width))

    @classmethod
    def fit(cls, texts: Sequence[str], min_df: int = 2, max_char_features: int = 120_000) -> "Featuriser":
        """Learn vocabularies (document frequency >= min_df) and smooth idf from texts."""
        blocks = []
        for kind in ("word", "char"):
            df: dict[str, int] = {}
            analyse = word_features if kind == "word" else char_features
            for text in texts:
                for gram in set(analyse(text)):
                    df[gram] = df.get(gram, 0) + 1
            kept = [(g, n) for g, n in df.items() if n >= min_df]
            if kind == "char" and len(kept) > max_char_features:
                kept.sort(key=lambda item: (-item[1], item[0]))
                kept = kept[:max_char_features]
            kept.sort()
            vocabulary = {g: i for i, (g, _) in enumerate(kept)}
            n_docs = len(texts)
            idf = np.array([math.log((1 + n_docs) / (1 + n)) + 1.0 for _, n in kept], dtype=np.float64)
            blocks.append(Block(kind, vocabulary, idf))
        return cls(blocks, min_df, max_char_features)


__all__ = ["Block", "Featuriser", "char_features", "normalise", "word_features"]
