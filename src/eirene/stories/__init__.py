"""Stories: exact and near-duplicate documents (wire copies) grouped under one story.

    >>> from eirene.stories import group_stored, story_of
    >>> group_stored(store)                      # sign and group what the store holds
    >>> story_of(store, "http://a.example/x").members   # every copy, with its outlet

A wire story runs in dozens of outlets with another headline and other boilerplate;
counted once per copy, one event looks like a dozen. Each document's text gets a
MinHash signature (signature), the index finds the stored documents it is a copy of
(index), the store keeps the groups in `documents.story_id` (grouping), and analyses
count a story's events once through COALESCE(story_id, doc_id). listing reads the
groups back for `eirene stories`, `eirene docs` and the document page.
"""

from __future__ import annotations

from eirene.stories.grouping import Placed, assign_story, group_stored, load_index, place_story, record_story
from eirene.stories.index import DEFAULT_THRESHOLD, StoryIndex, StoryMatch
from eirene.stories.listing import Story, StoryMember, stories, story_ids, story_of

__all__ = sorted([
    "DEFAULT_THRESHOLD",
    "Placed",
    "place_story",
    "record_story",
    "Story",
    "StoryIndex",
    "StoryMatch",
    "StoryMember",
    "assign_story",
    "group_stored",
    "load_index",
    "stories",
    "story_ids",
    "story_of",
])
