"""A document's fingerprint for near-duplicate search: MinHash over word shingles.

Why word 5-grams: a wire story republished by another outlet keeps its sentences but
changes the headline, the dateline credit and the boilerplate around it. Shingles of
five words survive that (most of them are shared), while two different articles on
the same event share almost none, even when they name the same actors. MinHash
(datasketch) estimates the Jaccard similarity of two shingle sets from 128 numbers,
so the store keeps those numbers instead of every text.

    >>> a = signature("Pakistan and Russia signed a border agreement on Tuesday ...")
    >>> b = signature("Pakistan and Russia signed a border agreement on Tuesday ... Read more")
    >>> a.jaccard(b)   # about 0.9
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from datasketch import LeanMinHash, MinHash

#: Hash functions per signature: the estimate's standard error is about 1/sqrt(NUM_PERM).
NUM_PERM = 128
#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash seed and scheme. Stored signatures are only comparable with signatures made
#: with the same three values: change one and `eirene stories group --rebuild` must run.
SEED = 1
SCHEME = "affine32"

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of `size`-word sequences of `text`, lower-cased, punctuation dropped.

    A text shorter than `size` words is one shingle (empty text: none).
    """
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """One MinHash whose permutations every signature reuses (drawing them is the slow part)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def signature(text: str) -> LeanMinHash:
    """The MinHash of `text`'s shingles."""
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=template.permutations, scheme=SCHEME)
    found = shingles(text)
    if found:
        minhash.update_batch(list(found))
    return LeanMinHash(minhash)


def from_values(values: Sequence[int]) -> LeanMinHash:
    """A signature read back from the store (its hash values)."""
    return LeanMinHash(seed=SEED, hashvalues=list(values), scheme=SCHEME)


def to_values(minhash: LeanMinHash) -> list[int]:
    """A signature's hash values, as the store keeps them."""
    return [int(value) for value in minhash.hashvalues]
