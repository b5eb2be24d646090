"""The near-duplicate index: which stored document is a new one a copy of, and which
document leads each story.

Why LSH: comparing each new article with every stored one grows with the store;
MinHash LSH (datasketch) finds the few candidates that share bands of the signature
in constant time, and each candidate is then checked against the threshold. The
index lives in memory; `eirene.stories.grouping` fills it from the store's
signatures and keeps both in step.

A story's lead (its "first document", whose id the others' story_id holds) is the
copy published first, ties broken by the smaller id: the same documents give the same
lead whatever order they were fetched in, so counts over stories are reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasketch import LeanMinHash, MinHashLSH

from eirene.stories.signature import NUM_PERM

#: Default estimated Jaccard similarity of shingle sets from which two documents are
#: one story. Wire copies with another headline, credit line and boilerplate score
#: 0.55-0.95 (short articles lowest: the differences weigh more); two articles about
#: the same event written apart score under 0.05.
DEFAULT_THRESHOLD = 0.5
_UNDATED = "9999-12-31"  # undated documents lead a story only when no copy is dated

# doc id -> the story_id it must have in the store (None: it leads its story)
Changes = dict[str, str | None]


@dataclass(frozen=True)
class StoryMatch:
    """Where a document belongs.

    doc_id (str): the document.
    story_id (str | None): the id of its story's first document, or None when it
        leads a story (alone, or as the earliest copy).
    similar_to (str | None): the stored document it is most like, above the threshold.
    similarity (float): their estimated Jaccard similarity (0 when none is similar).
    """

    doc_id: str
    story_id: str | None
    similar_to: str | None = None
    similarity: float = 0.0


class StoryIndex:
    """Signatures of the stored documents, searchable for near duplicates, with their stories.

    threshold (float): the estimated Jaccard similarity from which two documents are
        one story (0 < threshold <= 1).
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0 < threshold <= 1:
            raise ValueError(f"threshold must be above 0 and at most 1, not {threshold}")
        self.threshold = threshold
        # LSH finds candidates somewhat below the threshold; `similar` checks each one
        self._lsh = MinHashLSH(threshold=max(0.05, threshold - 0.1), num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        self._hashes: dict[str, str] = {}  # doc id -> the content hash it was signed with
        self._order: dict[str, tuple[str, str]] = {}  # doc id -> (date, id): the lead sorts first
        self._root: dict[str, str] = {}  # doc id -> its story's lead
        self._members: dict[str, set[str]] = {}  # lead -> the story's documents

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._signatures

    def signed_hash(self, doc_id: str) -> str | None:
        """The content hash of the text `doc_id` was indexed with, or None."""
        return self._hashes.get(doc_id)

    def story_of(self, doc_id: str) -> str | None:
        """The lead of `doc_id`'s story, or None when it leads (or is not indexed)."""
        root = self._root.get(doc_id, doc_id)
        return None if root == doc_id else root

    def similar(self, doc_id: str, minhash: LeanMinHash) -> tuple[str | None, float]:
        """The indexed document (not `doc_id`) most like `minhash` above the threshold, and its similarity."""
        best, best_score = None, 0.0
        for candidate in self._lsh.query(minhash):
            if candidate == doc_id:
                continue
            score = float(minhash.jaccard(self._signatures[candidate]))
            if score >= self.threshold and (score > best_score or (score == best_score and str(candidate) < str(best))):
                best, best_score = candidate, score
        return best, round(best_score, 3)

    def restore(self, doc_id: str, minhash: LeanMinHash, content_hash: str, date: str | None,
                story_id: str | None) -> None:
        """Index a document as the store has it (signature and story), changing nothing."""
        self._index(doc_id, minhash, content_hash, date)
        root = story_id or doc_id
        self._root[doc_id] = root
        self._members.setdefault(root, set()).add(doc_id)

    def add(self, doc_id: str, minhash: LeanMinHash, content_hash: str, date: str | None,
            joins: str | None) -> Changes:
        """Index `doc_id` in the story of `joins` (None: a story of its own).

        RETURNS (Changes): the story_id each affected document must now have in the
        store, the new one's included; a copy earlier than the lead becomes the lead.
        """
        changes = self._detach(doc_id) if doc_id in self._signatures else {}
        self._index(doc_id, minhash, content_hash, date)
        if joins is None or joins not in self._root:
            self._root[doc_id] = doc_id
            self._members[doc_id] = {doc_id}
            return {**changes, doc_id: None}
        return {**changes, **self._regroup(self._root[joins], doc_id)}

    def _index(self, doc_id: str, minhash: LeanMinHash, content_hash: str, date: str | None) -> None:
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
        self._lsh.insert(doc_id, minhash)
        self._signatures[doc_id] = minhash
        self._hashes[doc_id] = content_hash
        self._order[doc_id] = (date or _UNDATED, doc_id)

    def _regroup(self, root: str, newcomer: str) -> Changes:
        """Put `newcomer` in `root`'s story and choose its lead again."""
        members = self._members.pop(root, {root})
        members.add(newcomer)
        lead = min(members, key=lambda member: self._order.get(member, (_UNDATED, member)))
        self._members[lead] = members
        for member in members:
            self._root[member] = lead
        moved = members if lead != root else {newcomer}
        return {member: (None if member == lead else lead) for member in moved}

    def _detach(self, doc_id: str) -> Changes:
        """Take `doc_id` out of its story (its text changed); the others keep a lead."""
        root = self._root.pop(doc_id, doc_id)
        members = self._members.pop(root, set())
        members.discard(doc_id)
        if not members:
            return {}
        lead = min(members, key=lambda member: self._order.get(member, (_UNDATED, member)))
        self._members[lead] = members
        for member in members:
            self._root[member] = lead
        return {member: (None if member == lead else lead) for member in members} if lead != root else {}
