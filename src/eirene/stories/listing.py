"""Reading the story groups back: a document's story, every story with copies.

A story is its first document and the documents whose `story_id` names it. Each member
keeps its own address, outlet and date, and the addresses it was fetched from (a feed
link that redirected to it), so an analyst can see every place the story ran.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from eirene.store import Store


@dataclass(frozen=True)
class StoryMember:
    """One document of a story.

    doc_id, title, url, source (outlet), date, language: from the document.
    fetched_from (tuple[str, ...]): other addresses that led to it (before redirects).
    """

    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    date: str | None
    language: str | None
    fetched_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    """A story: `story_id` is its first document's id; `members` start with it, then by date."""

    story_id: str
    members: tuple[StoryMember, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        """The distinct outlets that ran it, in member order."""
        return tuple(dict.fromkeys(m.source for m in self.members if m.source))


_MEMBER_COLUMNS = "d.id, d.title, d.url, d.source, d.date, d.language, COALESCE(d.story_id, d.id) AS story"


def story_of(store: Store, doc_id: str) -> Story | None:
    """The story `doc_id` belongs to (a story of one when it has no copies); None if no such document."""
    rows = store.query("SELECT COALESCE(story_id, id) AS story FROM documents WHERE id = ?", [doc_id])
    if not rows:
        return None
    root = rows[0]["story"]
    members = store.query(
        f"SELECT {_MEMBER_COLUMNS} FROM documents d WHERE d.id = ? OR d.story_id = ? "
        "ORDER BY d.id <> ?, d.date NULLS LAST, d.id", [root, root, root],
    )
    return _stories(store, members)[0]


def stories(store: Store, *, min_members: int = 2) -> list[Story]:
    """Every story with at least `min_members` documents, largest first."""
    members = store.query(
        f"WITH sized AS (SELECT COALESCE(story_id, id) AS story, count(*) AS n FROM documents GROUP BY ALL "
        f"HAVING count(*) >= ?) SELECT {_MEMBER_COLUMNS}, sized.n FROM documents d "
        "JOIN sized ON sized.story = COALESCE(d.story_id, d.id) "
        "ORDER BY sized.n DESC, story, d.id <> story, d.date NULLS LAST, d.id", [min_members],
    )
    return _stories(store, members)


def story_ids(store: Store) -> dict[str, str]:
    """doc id -> its story's first document, for the documents that are copies."""
    return {r["id"]: r["story_id"] for r in store.query("SELECT id, story_id FROM documents WHERE story_id IS NOT NULL")}


def _stories(store: Store, rows: list[dict[str, Any]]) -> list[Story]:
    """Stories from member rows (in order), with the addresses each member was fetched from."""
    ids = [row["id"] for row in rows]
    fetched: dict[str, list[str]] = defaultdict(list)
    if ids:
        for row in store.query(
            "SELECT DISTINCT doc_id, url FROM fetches WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY url", [ids]
        ):
            fetched[row["doc_id"]].append(row["url"])
    grouped: dict[str, list[StoryMember]] = {}
    for row in rows:
        own = row["url"]
        member = StoryMember(
            doc_id=row["id"], title=row["title"], url=own, source=row["source"],
            date=row["date"].isoformat() if row["date"] is not None else None, language=row["language"],
            fetched_from=tuple(url for url in fetched.get(row["id"], ()) if url != own),
        )
        grouped.setdefault(row["story"], []).append(member)
    return [Story(story_id, tuple(members)) for story_id, members in grouped.items()]
