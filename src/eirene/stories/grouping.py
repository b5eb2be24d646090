"""Grouping stored documents into stories, and keeping the store's record of it.

Each document gets a signature (eirene.stories.signature) stored in
`document_signatures`, and `documents.story_id`: NULL when it leads its story, else
the id of the story's lead (its earliest copy; eirene.stories.index). Re-running is
idempotent: a document already signed with its current text is left as it is; one
whose text changed is signed and placed again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from datasketch import LeanMinHash

from eirene.stories.index import DEFAULT_THRESHOLD, Changes, StoryIndex, StoryMatch
from eirene.stories.signature import from_values, signature, to_values
from eirene.store import Store
from eirene.store.base import Execute

#: Documents read and signed per transaction by `group_stored`.
PAGE = 200

Signed = tuple[str, str, LeanMinHash]  # doc id, content hash, signature


def load_index(store: Store, threshold: float = DEFAULT_THRESHOLD) -> StoryIndex:
    """The index of every document signed with its current text, with its story."""
    index = StoryIndex(threshold)
    rows = store.query(
        "SELECT s.doc_id, s.content_hash, s.minhash, d.story_id, d.date FROM document_signatures s "
        "JOIN documents d ON d.id = s.doc_id AND d.content_hash = s.content_hash"
    )
    for row in rows:
        index.restore(row["doc_id"], from_values(row["minhash"]), row["content_hash"], _iso(row["date"]),
                      row["story_id"])
    return index


@dataclass(frozen=True)
class Placed:
    """A document placed in its story in the index, to be recorded in the store (`record_story`)."""

    match: StoryMatch
    signed: tuple[Signed, ...] = ()
    changes: Changes = field(default_factory=dict)


def place_story(index: StoryIndex, doc_id: str, text: str, content_hash: str, date: str | None = None) -> Placed:
    """Put a document in its story in `index` (the store is written by `record_story`).

    date (str | None): its publication date (ISO): the earliest copy leads the story.
    RETURNS (Placed): nothing to record when it was signed with this text already.
    """
    if index.signed_hash(doc_id) == content_hash:
        return Placed(StoryMatch(doc_id, index.story_of(doc_id)))
    minhash = signature(text)
    similar_to, similarity = index.similar(doc_id, minhash)
    changes = index.add(doc_id, minhash, content_hash, date, similar_to)
    return Placed(StoryMatch(doc_id, index.story_of(doc_id), similar_to, similarity),
                  ((doc_id, content_hash, minhash),), changes)


def record_story(execute: Execute, placed: Placed) -> None:
    """Store a placed document's signature and the stories that changed (in the caller's transaction)."""
    if placed.signed or placed.changes:
        _record(execute, list(placed.signed), placed.changes)


def assign_story(store: Store, index: StoryIndex, doc_id: str, text: str, content_hash: str,
                 date: str | None = None) -> StoryMatch:
    """Put the stored document `doc_id` in its story and record it (index and store).

    RETURNS (StoryMatch): unchanged when it was signed with this text already.
    """
    placed = place_story(index, doc_id, text, content_hash, date)
    if placed.signed or placed.changes:
        store.write(f"the story of {doc_id!r}", lambda execute: record_story(execute, placed))
    return placed.match


def group_stored(store: Store, threshold: float = DEFAULT_THRESHOLD, *, rebuild: bool = False,
                 progress: Callable[[str, str], None] | None = None) -> tuple[int, int]:
    """Sign and group every stored document not signed with its current text.

    rebuild (bool): forget every signature and story first and group all documents
        again (after a change of threshold).
    RETURNS (tuple[int, int]): documents signed, and how many of them joined a story.
    """
    notify = progress or (lambda _what, _name: None)
    if rebuild:
        store.write("the story groups", _forget_all)
    index = load_index(store, threshold)
    signed = joined = 0
    while True:
        page = store.query(
            "SELECT d.id, d.text, d.content_hash, d.date FROM documents d LEFT JOIN document_signatures s "
            "ON s.doc_id = d.id AND s.content_hash = d.content_hash WHERE s.doc_id IS NULL "
            "ORDER BY d.date NULLS LAST, d.id LIMIT ?", [PAGE],
        )
        if not page:
            return signed, joined
        done: list[Signed] = []
        changes: Changes = {}
        for row in page:
            minhash = signature(row["text"])
            similar_to, _ = index.similar(row["id"], minhash)
            changes.update(index.add(row["id"], minhash, row["content_hash"], _iso(row["date"]), similar_to))
            done.append((row["id"], row["content_hash"], minhash))
            joined += similar_to is not None
            notify("joined a story" if similar_to else "signed", row["id"])
        store.write("the story groups", lambda execute, done=done, changes=changes: _record(execute, done, changes))
        signed += len(done)


def _record(execute: Execute, done: list[Signed], changes: Changes) -> None:
    """Store the signatures and the story of every document that changed (one transaction)."""
    ids = [doc_id for doc_id, _, _ in done]
    execute("DELETE FROM document_signatures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    for doc_id, content_hash, minhash in done:
        execute("INSERT INTO document_signatures (doc_id, content_hash, minhash) VALUES (?, ?, ?)",
                [doc_id, content_hash, to_values(minhash)])
    for doc_id, story_id in changes.items():
        execute("UPDATE documents SET story_id = ? WHERE id = ?", [story_id, doc_id])


def _forget_all(execute: Execute) -> None:
    execute("DELETE FROM document_signatures", [])
    execute("UPDATE documents SET story_id = NULL WHERE story_id IS NOT NULL", [])


def _iso(value: object) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)
