"""The DuckDB store on real database files: round trips, versions, filters, runs, errors."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import duckdb
import pytest

from eirene.errors import StoreError
from eirene.records import ActorRef, DocFailure, DocResult, Document, Location
from eirene.store import SCHEMA_VERSION, EventFilter, Store, open_store
from eirene.store.stats import ActorCount, DateRange, DyadCount

from store_support import DOC_V1, DOC_V2, OTHER, OTHER_EVENT, RUS, TEXT_V2, events_v1, events_v2, make_event

T = TypeVar("T")


def _actor_rows(store: Store) -> int:
    return store.query("SELECT count(*) AS n FROM event_actors")[0]["n"]


def test_round_trip_document_and_events(store: Store) -> None:
    assert store.get_document(DOC_V1.id) == DOC_V1
    assert store.get_document(OTHER.id) == OTHER
    assert store.get_document("missing") is None
    for event in (*events_v1(), OTHER_EVENT):
        assert store.get_event(event.id) == event
    assert store.get_event("no-such-id") is None
    # ordered by date (nulls last), then doc_id, then start
    assert [e.id for e in store.events()] == [OTHER_EVENT.id, *(e.id for e in events_v1())]


def test_event_round_trip_property(tmp_path: Path) -> None:
    rng = random.Random(7)
    words = ["Kabul", "Kandahar", "Quetta", "Herat", "Ürümqi", "Peshawar", "O'Neill", "d'Estaing"]

    def maybe(value: T) -> T | None:
        return value if rng.random() < 0.5 else None

    def actor(i: int) -> ActorRef:
        return ActorRef(
            text=rng.choice(words) + f" {i}", name=rng.choice(words), actor_id=maybe(f"A{i}"),
            country=maybe(rng.choice(["AFG", "PAK", "USA"])), sector=maybe(rng.choice(["GOV", "MIL", "REB"])),
            kind=rng.choice(["state", "person", "armed_group"]), start=maybe(i), end=maybe(i + 5),
            how=rng.choice(["alias", "role", "coreference"]),
        )

    text = " ".join(rng.choice(words) for _ in range(400))
    doc = Document(id="random.txt", text=text, date="2018-02-20", date_precision="day")
    events = []
    for i in range(40):
        events.append(make_event(
            doc.id, i, i * 10, i * 10 + 9, rng.choice(["AID", "ACCUSE", "COERCE", "AGREE"]), f"verb{i}",
            text=text[i * 10 : i * 10 + 9], actors=tuple(actor(i * 10 + k) for k in range(rng.randint(0, 3))),
            recipients=tuple(actor(i * 10 + 5 + k) for k in range(rng.randint(0, 2))),
            mode=maybe("mode"), contexts=tuple(rng.sample(["a", "b", "c"], rng.randint(0, 3))),
            date=maybe(f"2018-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"),
            date_precision=rng.choice(["day", "month", "document"]), date_text=maybe("on Tuesday"),
            location=rng.choice([None, Location("Herat"), Location("Quetta", 1167528, "PAK", 30.18, 66.99, "city")]),
            factuality=rng.choice(["asserted", "negated", "hypothetical", "alleged"]),
            attributed_to=rng.choice([None, actor(999)]), intensity=rng.uniform(-10, 10),
            quad_class=rng.randint(0, 4), cameo_root=maybe("04"), confidence=rng.random(),
            method=rng.choice(["", "rule:x"]), trigger_start=maybe(i * 10), trigger_end=maybe(i * 10 + 4),
        ))
    with open_store(tmp_path / "p.duckdb") as opened:
        opened.save_result(DocResult(doc, tuple(events), sentences=40), opened.begin_run(
            eirene_version="0", model="m", inputs=[], config={}))
    with open_store(tmp_path / "p.duckdb", read_only=True) as reopened:  # survives close and reopen
        for event in events:
            assert reopened.get_event(event.id) == event
        assert sorted(reopened.events(EventFilter(doc_id=doc.id)), key=lambda e: e.sentence_index) == events


def test_same_content_is_a_no_op(store: Store) -> None:
    before = store.query("SELECT version, ingested_at, run_id FROM documents WHERE id = ?", [DOC_V1.id])
    run = store.begin_run(eirene_version="0.1.0", model="m", inputs=[], config={})
    assert store.document_state(DOC_V1.id, DOC_V1.content_hash) == "same"
    # even with different events, same content does not touch what is stored
    assert store.save_result(DocResult(DOC_V1, events_v2(), sentences=3), run) == "same"
    assert store.query("SELECT version, ingested_at, run_id FROM documents WHERE id = ?", [DOC_V1.id]) == before
    assert {e.id for e in store.events(EventFilter(doc_id=DOC_V1.id))} == {e.id for e in events_v1()}


def test_changed_document_gets_new_version_and_only_new_events(store: Store) -> None:
    assert store.document_state(DOC_V1.id, DOC_V2.content_hash) == "changed"
    assert store.document_state("unknown.txt", "abc") == "new"
    run = store.begin_run(eirene_version="0.1.0", model="m", inputs=[], config={})
    assert store.save_result(DocResult(DOC_V2, events_v2(), sentences=4), run) == "changed"
    assert store.get_document(DOC_V1.id) == DOC_V2
    listed = {d["id"]: d for d in store.documents()}
    assert listed[DOC_V1.id]["version"] == 2 and listed[DOC_V1.id]["events"] == 3
    assert listed[DOC_V1.id]["sentences"] == 4
    assert store.events(EventFilter(doc_id=DOC_V1.id)) == sorted(
        events_v2(), key=lambda e: (e.date is None, e.date or "", e.start))
    assert store.get_event(events_v1()[2].id) is None  # the dropped event and its actors are gone
    expected_actor_rows = sum(len(e.actors) + len(e.recipients) + (e.attributed_to is not None)
                              for e in (*events_v2(), OTHER_EVENT))
    assert _actor_rows(store) == expected_actor_rows
    # the other document is untouched
    assert store.get_event(OTHER_EVENT.id) == OTHER_EVENT


def test_failed_save_of_changed_document_keeps_the_old_version(store: Store) -> None:
    bad = (*events_v2(), replace(events_v2()[2], id="bad-date", date="2017-13-45"))
    run = store.begin_run(eirene_version="0.1.0", model="m", inputs=[], config={})
    with pytest.raises(StoreError) as info:
        store.save_result(DocResult(DOC_V2, bad, sentences=4), run)
    assert info.value.code == "E409" and info.value.doc_id == DOC_V1.id
    assert "kabul-bomb.txt" in str(info.value)
    assert store.get_document(DOC_V1.id) == DOC_V1
    assert store.events(EventFilter(doc_id=DOC_V1.id)) == list(events_v1())
    # and the store is usable afterwards
    assert store.save_result(DocResult(DOC_V2, events_v2(), sentences=4), run) == "changed"


def test_event_id_shared_by_two_documents_keeps_the_later(store: Store) -> None:
    clash = replace(OTHER_EVENT, doc_id="third.txt", text="Another text", actors=(RUS,))
    run = store.begin_run(eirene_version="0.1.0", model="m", inputs=[], config={})
    store.save_result(DocResult(Document(id="third.txt", text="Another text"), (clash,)), run)
    assert store.get_event(OTHER_EVENT.id) == clash
    assert store.count_events(EventFilter(doc_id=OTHER.id)) == 0
    assert _actor_rows(store) == sum(len(e.actors) + len(e.recipients) + (e.attributed_to is not None)
                                     for e in (*events_v1(), clash))


def _seq_problems(store: Store) -> list[dict[str, object]]:
    """Actor rows whose event_seq is not the seq of the event their event_id names."""
    return store.query(
        "SELECT a.event_id, a.event_seq FROM event_actors a LEFT JOIN events e ON e.seq = a.event_seq "
        "WHERE e.id IS DISTINCT FROM a.event_id"
    )


def test_recoding_keeps_actor_rows_on_their_events_integer_key(store: Store) -> None:
    assert _seq_problems(store) == []
    seqs = {r["id"]: r["seq"] for r in store.query("SELECT id, seq FROM events")}
    run = store.begin_run(eirene_version="0.1.0", model="m", inputs=[], config={})
    steps = (
        lambda: store.save_result(DocResult(DOC_V2, events_v2(), sentences=4), run),  # changed text
        lambda: store.save_result(DocResult(DOC_V2, events_v2(), sentences=4), run, force=True),  # re-coded
        lambda: store.save_result(DocResult(Document(id="third.txt", text="Another text"),  # an id taken over
                                            (replace(OTHER_EVENT, doc_id="third.txt", actors=(RUS,)),)), run),
        lambda: store.save_document(replace(DOC_V2, text=TEXT_V2 + "\nMore."), run),  # stored, not coded yet
    )
    for step in steps:
        step()
        assert _seq_problems(store) == []
        now = {r["id"]: r["seq"] for r in store.query("SELECT id, seq FROM events")}
        assert len(set(now.values())) == len(now)
        # a re-written event takes a new key, never one in use before
        rewritten = {i for i in now if i not in seqs or now[i] != seqs[i]}
        assert all(now[i] > max(seqs.values()) for i in rewritten)
        seqs |= now
    assert store.count_events(EventFilter(doc_id=DOC_V1.id)) == 0
    assert store.get_event(OTHER_EVENT.id) is not None and store.events(EventFilter(actor="Russia"))


def test_duplicate_ids_within_one_result_keep_the_last(tmp_path: Path) -> None:
    first = OTHER_EVENT
    second = replace(OTHER_EVENT, confidence=0.99)
    with open_store(tmp_path / "d.duckdb") as opened:
        opened.save_result(DocResult(OTHER, (first, second)), 1)
        assert opened.events() == [second]


def test_event_of_another_document_is_refused(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.duckdb") as opened:
        with pytest.raises(StoreError) as info:
            opened.save_result(DocResult(DOC_V1, (OTHER_EVENT,)), 1)
        assert info.value.code == "E409"
        assert opened.documents() == [] and opened.count_events() == 0


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), {"dropped", "sheltering", "host talks", "met"}),
        (EventFilter(actor="pakistan"), {"sheltering", "met"}),
        (EventFilter(actor="ISKP"), set()),  # ISKP is only ever a recipient
        (EventFilter(actor="usa"), {"dropped"}),  # actor_id / country code
        (EventFilter(actor="Moscow"), {"host talks"}),  # the text as written
        (EventFilter(actor="Russia"), {"host talks"}),
        (EventFilter(recipient="iskp"), {"dropped"}),
        (EventFilter(recipient="CHN"), {"met"}),
        (EventFilter(recipient="taliban"), {"sheltering"}),
        (EventFilter(actor="Pakistan", recipient="China"), {"met"}),
        (EventFilter(event_type="consult"), {"host talks", "met"}),
        (EventFilter(quad_class=4), {"dropped"}),
        (EventFilter(factuality="ALLEGED"), {"sheltering"}),
        (EventFilter(since="2017-04-14"), {"sheltering"}),  # inclusive; undated events drop out
        (EventFilter(until="2017-04-13"), {"dropped", "met"}),
        (EventFilter(since="2016", until="2016"), {"met"}),
        (EventFilter(since="2017-04", until="2017-04"), {"dropped", "sheltering"}),
        (EventFilter(doc_id="isb-2016.txt"), {"met"}),
        (EventFilter(text="ISLAMABAD"), {"met"}),
        (EventFilter(text="bomb on an"), {"dropped"}),
        (EventFilter(text="%"), set()),  # wildcards are literal characters
        (EventFilter(limit=2), {"met", "dropped"}),
        (EventFilter(limit=2, offset=1), {"dropped", "sheltering"}),
        (EventFilter(offset=3), {"host talks"}),
    ],
)
def test_event_filters(store: Store, flt: EventFilter, expected: set[str]) -> None:
    found = store.events(flt)
    assert {e.trigger for e in found} == expected
    unpaged = replace(flt, limit=None, offset=0)
    assert store.count_events(flt) == len(store.events(unpaged))


@pytest.mark.parametrize(
    ("field", "value"),
    [("event_type", "BOMB"), ("factuality", "maybe"), ("quad_class", 7), ("since", "14/04/2017"),
     ("until", "2017-02-30"), ("limit", -1), ("offset", -2)],
)
def test_invalid_filter_values_name_the_field(field: str, value: object) -> None:
    with pytest.raises(StoreError) as info:
        EventFilter(**{field: value})  # type: ignore[arg-type]
    assert info.value.code == "E406" and field in str(info.value)


def test_stats(store: Store) -> None:
    stats = store.stats()
    assert stats.documents == 2 and stats.events == 4
    assert stats.events_by_type == {"CONSULT": 2, "ASSAULT": 1, "SUPPORT": 1}
    assert stats.top_actors[0] == ActorCount("Pakistan", 2)
    assert ActorCount("Taliban", 1) in stats.top_actors
    assert "Afghanistan" not in {a.name for a in stats.top_actors}  # a claimant, not a party
    assert set(stats.top_dyads) == {DyadCount("Pakistan", "China", 1), DyadCount("Pakistan", "Taliban", 1),
                                    DyadCount("United States", "Islamic State Khorasan", 1)}
    assert stats.date_range == DateRange(first="2016-03-01", last="2017-04-14")
    assert stats.runs == 1 and stats.errors == 0
    assert len(store.stats(top=1).top_actors) == 1


def test_runs_and_errors(store: Store) -> None:
    first = store.runs()[0]["id"]
    store.finish_run(first, counts={"documents_new": 2, "events": 4, "errors": 0})
    second = store.begin_run(eirene_version="0.2.0", model="m2", inputs=["a.jsonl", "b.txt"], config={"path": Path("x")})
    store.record_failure(DocFailure(source="a.jsonl:3", code="E105", message="malformed JSON", line=3), second)
    store.record_failure(DocFailure(source="b.txt", code="E102", message="empty", doc_id="b.txt"), second)
    store.finish_run(second, counts={"documents_new": 0, "errors": 2}, status="interrupted")
    runs = store.runs()
    assert [r["id"] for r in runs] == [first, second]
    assert runs[0]["status"] == "finished" and runs[0]["documents_new"] == 2 and runs[0]["events"] == 4
    assert runs[0]["inputs"] == ["news/"] and runs[0]["config"] == {"k": 1}
    assert runs[1]["inputs"] == ["a.jsonl", "b.txt"] and runs[1]["config"] == {"path": "x"}
    assert runs[1]["status"] == "interrupted" and runs[1]["errors"] == 2
    assert runs[1]["finished_at"] >= runs[1]["started_at"]
    errors = store.errors()
    assert [(e["code"], e["line"], e["doc_id"]) for e in errors] == [("E105", 3, None), ("E102", None, "b.txt")]
    assert set(errors[0]) == {"run_id", "source", "line", "code", "message", "doc_id", "at"}
    assert store.errors(run_id=first) == [] and len(store.errors(run_id=second)) == 2
    assert store.stats().errors == 2
    with pytest.raises(StoreError, match="E409"):
        store.finish_run(999, counts={})
    with pytest.raises(ValueError, match="documents_gone"):
        store.finish_run(first, counts={"documents_gone": 1})


def test_documents_listing(store: Store) -> None:
    docs = store.documents()
    assert [d["id"] for d in docs] == ["isb-2016.txt", "kabul-bomb.txt"]
    assert docs[1] == {
        "id": "kabul-bomb.txt", "title": "Bomb in Nangarhar", "date": "2017-04-14", "date_precision": "day",
        "date_source": "dateline", "date_note": None, "path": "news/kabul-bomb.txt",
        "url": "https://example.org/a", "source": "example", "author": None, "language": None,
        "version": 1, "sentences": 3, "events": 3,
    }


def test_query_is_read_only(store: Store) -> None:
    rows = store.query("SELECT event_type, count(*) AS n FROM events WHERE quad_class >= ? GROUP BY 1 ORDER BY 1", [1])
    assert rows == [{"event_type": "ASSAULT", "n": 1}, {"event_type": "CONSULT", "n": 2}, {"event_type": "SUPPORT", "n": 1}]
    for sql in ("DELETE FROM events", "DROP TABLE events", "SELECT 1; DELETE FROM events",
                "COPY events TO 'x.csv'", "UPDATE documents SET title = 'x'"):
        with pytest.raises(StoreError) as info:
            store.query(sql)
        assert info.value.code == "E407"
    with pytest.raises(StoreError, match="E408"):
        store.query("SELEC nonsense")
    with pytest.raises(StoreError, match="E408"):
        store.query("SELECT * FROM no_such_table")
    assert store.count_events() == 4


def test_read_only_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.duckdb"
    with open_store(path) as writer:
        writer.save_result(DocResult(OTHER, (OTHER_EVENT,)), writer.begin_run(
            eirene_version="0", model="m", inputs=[], config={}))
    with open_store(path, read_only=True) as reader:
        assert reader.get_event(OTHER_EVENT.id) == OTHER_EVENT
        with pytest.raises(StoreError) as info:
            reader.save_result(DocResult(DOC_V1, events_v1()), 1)
        assert info.value.code == "E410"
        with pytest.raises(StoreError, match="E410"):
            reader.begin_run(eirene_version="0", model="m", inputs=[], config={})


def test_closed_store_says_so(tmp_path: Path) -> None:
    opened = open_store(tmp_path / "c.duckdb")
    opened.close()
    opened.close()  # closing twice is harmless
    with pytest.raises(StoreError, match="E411"):
        opened.events()


def test_schema_version_mismatch_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    assert con.execute("SELECT version FROM schema_info").fetchall() == [(SCHEMA_VERSION,)]
    con.execute("UPDATE schema_info SET version = ?", [SCHEMA_VERSION + 1])
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError) as info:
            open_store(path, read_only=read_only)
        assert info.value.code == "E402"
        assert str(path) in str(info.value) and f"version {SCHEMA_VERSION + 1}" in str(info.value)


def test_duckdb_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE prices (item VARCHAR, amount DOUBLE)")
    con.close()
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert info.value.code == "E401" and "not an eirene one" in str(info.value) and "prices" in str(info.value)


def test_threads_share_one_store_safely(tmp_path: Path) -> None:
    import threading

    problems: list[BaseException] = []
    with open_store(tmp_path / "threads.duckdb") as shared:
        run = shared.begin_run(eirene_version="0", model="m", inputs=[], config={})

        def read() -> None:
            try:
                seen = 0
                for _ in range(30):
                    events = shared.events(EventFilter(actor="Pakistan"))
                    assert seen <= len(events) <= 20  # saves only ever add here
                    assert all(len(e.actors) == 1 and len(e.recipients) == 1 for e in events)
                    seen = len(events)
                    shared.stats()
            except BaseException as exc:  # collected and re-raised below
                problems.append(exc)

        readers = [threading.Thread(target=read) for _ in range(3)]
        for thread in readers:
            thread.start()
        for i in range(20):
            doc = replace(OTHER, id=f"copy-{i}.txt")
            shared.save_result(DocResult(doc, (replace(OTHER_EVENT, id=f"ev-{i}", doc_id=doc.id),)), run)
        for thread in readers:
            thread.join()
        assert problems == []
        assert shared.count_events(EventFilter(actor="pak")) == 20


def test_memory_limit_from_the_environment_bounds_each_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eirene.store.duckdb_connection import connect

    monkeypatch.setenv("EIRENE_DUCKDB_MEMORY", "300MB")
    limited = connect(str(tmp_path / "limited.duckdb"), read_only=False)
    assert limited.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("286")  # 300 MB in MiB
    limited.close()
    monkeypatch.setenv("EIRENE_DUCKDB_MEMORY", "lots")
    with pytest.raises(StoreError, match="E401.*EIRENE_DUCKDB_MEMORY.*500MB"):
        connect(str(tmp_path / "bad.duckdb"), read_only=False)
