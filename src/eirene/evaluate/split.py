"""The fixed split of every dev set into a "tune" half and a "check" half.

Why: rules written while reading dev failures fit dev and not new text. Each dev record
goes, by a hash of a stable key, to one half for good: failures are read on the tune half
only, and a change is kept only if the check half does not fall. The rule is plain so
anyone can reproduce it without eirene::

    sha256("eirene-dev-split-v1\\x1f" + key) -> first byte even: "tune", odd: "check"

The key of each dev set (docs/evaluation.md):

- PLOVER gold records (plover_gsr_dev.jsonl): the record's ``id``.
- ConfliBERT pentaclass sentences (conflibert_cameo_class_train.tsv): the sentence text,
  whitespace collapsed and stripped, so a repeated sentence always lands in one half.
- NGEC actor checks (ngec_actor_resolution_dev.tsv): the row's ``test_name``, so the
  rows of one test (country, sector, name of the same phrase) stay together.
- ConfliBERT NER sentences (conflibert_cameo_ner_train.txt, scored nowhere yet): the
  sentence's tokens joined by single spaces.

    >>> half_of("PLOVER-GSR01-AGREE-0001") in HALVES
    True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

Half = Literal["tune", "check"]
HALVES: tuple[Half, Half] = ("tune", "check")
# Part of every hash: changing it would reshuffle every dev set, so it never changes.
SPLIT_SALT = "eirene-dev-split-v1"

T = TypeVar("T")


def half_of(key: str) -> Half:
    """The half a record with this key belongs to: the same on every machine and run."""
    digest = hashlib.sha256(f"{SPLIT_SALT}\x1f{key}".encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "check"


def text_key(text: str) -> str:
    """The key of a record known only by its text: the text with whitespace collapsed."""
    return " ".join(text.split())


def plover_key(record: dict) -> str:
    """A PLOVER gold record's key: its id (its text when it has none)."""
    return str(record.get("id") or text_key(str(record.get("text") or "")))


def ngec_key(row: dict[str, str]) -> str:
    """An NGEC actor check's key: its test name, so a test's rows share a half."""
    return row.get("test_name") or text_key(row.get("input_text") or "")


def in_half(items: Iterable[T], key: Callable[[T], str], half: str) -> list[T]:
    """The items of one half ("tune" or "check"); "all" keeps every item."""
    if half == "all":
        return list(items)
    if half not in HALVES:
        raise ValueError(f"half must be 'tune', 'check' or 'all', got {half!r}")
    return [item for item in items if half_of(key(item)) == half]


__all__ = ["HALVES", "SPLIT_SALT", "Half", "half_of", "in_half", "ngec_key", "plover_key", "text_key"]
