"""Stories: near-duplicate documents grouped under the earliest copy, in the store and in memory."""

from __future__ import annotations

import pytest

from eirene.errors import StoreError
from eirene.records import Document
from eirene.stories import StoryIndex, assign_story, group_stored, load_index, stories, story_ids, story_of
from eirene.stories.signature import from_values, shingles, signature, to_values
from eirene.store import open_store

from news_articles import ARTICLES, WIRE_COPIES


def text_of(article) -> str:  # type: ignore[no-untyped-def]
    return "\n".join((article.title, *article.paragraphs, *article.extras))


COPIES = [Document(id=f"copy-{i}", text=text_of(a), date=a.date, source=a.outlet, title=a.title)
          for i, a in enumerate(WIRE_COPIES)]
OTHERS = [Document(id=f"report-{i}", text=text_of(a), date=a.date, source=a.outlet) for i, a in enumerate(ARTICLES)]


def test_stories_wire_copies_are_similar_other_reports_are_not():
    copies = [signature(d.text) for d in COPIES]
    others = [signature(d.text) for d in OTHERS]
    assert min(a.jaccard(b) for i, a in enumerate(copies) for b in copies[i + 1:]) >= 0.5
    assert max(a.jaccard(b) for a in copies for b in others) < 0.1
    german, english = others[3], copies[0]  # the same news in another language is another story
    assert german.jaccard(english) < 0.1
    assert signature(COPIES[0].text).jaccard(from_values(to_values(copies[0]))) == 1.0


def test_stories_shingles_of_short_and_empty_texts():
    assert shingles("") == set() and shingles("Kabul talks") == {b"kabul talks"}
    assert len(shingles("one two three four five six")) == 2


def test_stories_the_earliest_copy_leads_whatever_the_order():
    index = StoryIndex()
    later, earlier = COPIES[2], COPIES[0]  # 2026-03-04, then 2026-03-03
    assert index.add(later.id, signature(later.text), later.content_hash, later.date, None) == {later.id: None}
    similar_to, score = index.similar(earlier.id, signature(earlier.text))
    assert similar_to == later.id and score >= 0.5
    changes = index.add(earlier.id, signature(earlier.text), earlier.content_hash, earlier.date, similar_to)
    assert changes == {earlier.id: None, later.id: earlier.id}  # the lead moves to the earlier copy
    middle = COPIES[1]
    joined = index.add(middle.id, signature(middle.text), middle.content_hash, middle.date,
                       index.similar(middle.id, signature(middle.text))[0])
    assert joined == {middle.id: earlier.id} and index.story_of(later.id) == earlier.id


def test_stories_a_changed_text_leaves_its_story():
    index = StoryIndex()
    first, second = COPIES[0], COPIES[1]
    index.add(first.id, signature(first.text), first.content_hash, first.date, None)
    index.add(second.id, signature(second.text), second.content_hash, second.date, first.id)
    rewritten = OTHERS[0].text
    changes = index.add(first.id, signature(rewritten), "other-hash", first.date, None)
    assert changes == {second.id: None, first.id: None} and index.story_of(second.id) is None


def test_stories_threshold_must_be_a_share():
    for bad in (0, 1.5, -0.2):
        with pytest.raises(ValueError):
            StoryIndex(bad)


@pytest.fixture()
def filled(tmp_path):
    with open_store(tmp_path / "stories.duckdb") as store:
        run = store.begin_run(eirene_version="test", model="", inputs=[], config={})
        for document in (*COPIES[::-1], *OTHERS):  # the copies stored latest first
            store.save_document(document, run)
        yield store


def test_stories_group_the_stored_documents(filled):
    assert group_stored(filled) == (7, 2)
    assert story_ids(filled) == {"copy-1": "copy-0", "copy-2": "copy-0"}
    story = story_of(filled, "copy-2")
    assert story is not None and [m.doc_id for m in story.members] == ["copy-0", "copy-1", "copy-2"]
    assert story.outlets == tuple(c.outlet for c in WIRE_COPIES)
    assert [s.story_id for s in stories(filled)] == ["copy-0"]
    assert len(stories(filled, min_members=1)) == 5 and story_of(filled, "nothing") is None
    assert group_stored(filled) == (0, 0)  # idempotent
    assert group_stored(filled, 1.0, rebuild=True) == (7, 0)  # only identical texts at 1.0
    assert story_ids(filled) == {}


def test_stories_the_index_is_rebuilt_from_the_store(filled):
    group_stored(filled)
    index = load_index(filled)
    assert len(index) == 7 and index.story_of("copy-2") == "copy-0"
    again = assign_story(filled, index, "copy-1", COPIES[1].text, COPIES[1].content_hash, COPIES[1].date)
    assert again.story_id == "copy-0" and again.similar_to is None  # signed already: nothing to do
    assert filled.query("SELECT count(*) AS n FROM document_signatures") == [{"n": 7}]


def test_stories_store_write_is_one_transaction(filled):
    def half_then_fail(execute):  # type: ignore[no-untyped-def]
        execute("UPDATE documents SET story_id = 'copy-0' WHERE id = 'report-0'", [])
        execute("INSERT INTO no_such_table VALUES (1)", [])

    with pytest.raises(StoreError, match="E409"):
        filled.write("a test's broken write", half_then_fail)
    assert story_ids(filled) == {}


def test_stories_an_exact_copy_under_another_address_is_one_story(tmp_path):
    original = COPIES[0]
    reposted = Document(id="http://mirror.example/copy", text=original.text, date=original.date, source="Mirror")
    with open_store(tmp_path / "exact.duckdb") as store:
        run = store.begin_run(eirene_version="test", model="", inputs=[], config={})
        for document in (reposted, original, OTHERS[0]):
            store.save_document(document, run)
        assert group_stored(store, 1.0) == (3, 1)  # even at the strictest threshold
        assert story_ids(store) == {"http://mirror.example/copy": original.id}  # same date: the smaller id leads
