"""Hand-written store contents shared by the store tests and their fixtures (tests/conftest.py):
one story in two versions with another document beside it, a paging corpus, and a
version-1 copy of a database."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb

from eirene.records import ActorRef, DocResult, Document, Event, Location

from store_v1 import V1_DDL

# Hand-written example text (not from any corpus); facts only loosely follow the news.
TEXT_V1 = (
    "Kabul, 14 April 2017. American aircraft dropped a very large bomb on an Islamic State "
    "cave complex in Nangarhar.\n"
    "Afghan officials said Pakistan was sheltering Taliban commanders near the border.\n"
    "Moscow will host talks on Afghanistan next week, a Russian diplomat told reporters."
)
TEXT_V2 = TEXT_V1 + "\nThe Taliban rejected the invitation to the 100% new round of talks."

US = ActorRef(text="American aircraft", name="United States", actor_id="USA", country="USA", sector="MIL", start=25, end=42)
ISK = ActorRef(text="Islamic State", name="Islamic State Khorasan", actor_id="ISKP", country=None, sector="REB", kind="armed_group", start=70, end=83)
AFG = ActorRef(text="Afghan officials", name="Afghanistan", actor_id="AFG", country="AFG", sector="GOV", start=110, end=126, how="demonym")
PAK = ActorRef(text="Pakistan", name="Pakistan", actor_id="PAK", country="PAK", sector=None, start=132, end=140)
TAL = ActorRef(text="Taliban commanders", name="Taliban", actor_id="TAL", country="AFG", sector="REB", kind="armed_group", start=161, end=179)
RUS = ActorRef(text="Moscow", name="Russia", actor_id="RUS", country="RUS", sector="GOV", start=200, end=206, how="metonymy")


def line_span(sentence: int) -> tuple[int, int]:
    """Character offsets of one line-sentence of TEXT_V2 (TEXT_V1 is its prefix)."""
    lines = TEXT_V2.split("\n")
    start = sum(len(line) + 1 for line in lines[:sentence])
    return start, start + len(lines[sentence])


def make_event(doc_id: str, sentence: int, start: int, end: int, event_type: str, trigger: str, **kw: object) -> Event:
    return Event(
        id=Event.make_id(doc_id, sentence, start, end, event_type, trigger),
        doc_id=doc_id, sentence_index=sentence, start=start, end=end,
        text=kw.pop("text", TEXT_V2[start:end]), trigger=trigger, event_type=event_type, **kw,  # type: ignore[arg-type]
    )


def events_v1(doc_id: str = "kabul-bomb.txt") -> tuple[Event, ...]:
    return (
        make_event(
            doc_id, 0, *line_span(0), "ASSAULT", "dropped", actors=(US,), recipients=(ISK,), mode="aerial",
            contexts=("military", "terrorism"), date="2017-04-13", date_precision="day",
            date_text="14 April 2017", location=Location("Nangarhar", 1131256, "AFG", 34.17, 70.62, "admin1"),
            intensity=-10.0, quad_class=4, cameo_root="19", confidence=0.9, method="rule:verb.drop",
            trigger_start=43, trigger_end=50,
        ),
        make_event(
            doc_id, 1, *line_span(1), "SUPPORT", "sheltering", actors=(PAK,), recipients=(TAL,),
            factuality="alleged", attributed_to=AFG, date="2017-04-14", date_precision="document",
            intensity=3.5, quad_class=2, confidence=0.6, method="rule:verb.shelter",
        ),
        make_event(
            doc_id, 2, *line_span(2), "CONSULT", "host talks", actors=(RUS,), factuality="future",
            date=None, date_precision="unknown", location=Location("Moscow"), quad_class=1,
        ),
    )


def events_v2(doc_id: str = "kabul-bomb.txt") -> tuple[Event, ...]:
    rejection = make_event(
        doc_id, 3, *line_span(3), "REJECT", "rejected", actors=(TAL,), recipients=(RUS,),
        date="2017-04-15", date_precision="day", intensity=-4.0, quad_class=3, cameo_root="12",
    )
    return (*events_v1(doc_id)[:2], rejection)  # the Moscow event is gone in v2


DOC_V1 = Document(
    id="kabul-bomb.txt", text=TEXT_V1, title="Bomb in Nangarhar", date="2017-04-14",
    date_precision="day", date_source="dateline", url="https://example.org/a", source="example",
    path="news/kabul-bomb.txt",
)
DOC_V2 = replace(DOC_V1, text=TEXT_V2, date_note="updated story")

OTHER_TEXT = "Islamabad, March 2016. Pakistan's army chief met Chinese officials to discuss the corridor."
OTHER = Document(id="isb-2016.txt", text=OTHER_TEXT, date="2016-03-01", date_precision="month")
OTHER_EVENT = make_event(
    "isb-2016.txt", 0, 0, len(OTHER_TEXT), "CONSULT", "met", text=OTHER_TEXT,
    actors=(ActorRef(text="Pakistan's army chief", name="Pakistan", actor_id="PAK", country="PAK", sector="MIL", how="role"),),
    recipients=(ActorRef(text="Chinese officials", name="China", actor_id="CHN", country="CHN", sector="GOV", how="demonym"),),
    date="2016-03-01", date_precision="month", quad_class=1, intensity=1.0,
)


KABUL = ActorRef(text="Kabul", name="Afghanistan", actor_id="AFG", country="AFG", sector="GOV", how="metonymy")
ISLAMABAD = ActorRef(text="Islamabad", name="Pakistan", actor_id="PAK", country="PAK", sector="GOV", how="metonymy")
PHRASES = ("talks on the border crossing", "a dispute over refugees", "the exchange of prisoners")


def make_result(doc: int, run: int) -> DocResult:
    """A document of 7 events on few dates (so dates tie and doc_id/start break ties); every
    fifth document is undated."""
    doc_id = f"wire-{doc:03}.txt"
    date = None if doc % 5 == 4 else f"2019-0{1 + doc % 3}-1{doc % 2}"
    sentences = [f"Islamabad and Kabul held {PHRASES[(doc + j) % 3]} ({doc}/{j})." for j in range(7)]
    events, offset = [], 0
    for j, sentence in enumerate(sentences):
        start, end = offset, offset + len(sentence)
        offset = end + 1
        events.append(Event(
            id=Event.make_id(doc_id, j, start, end, "CONSULT", "held"), doc_id=doc_id, sentence_index=j,
            start=start, end=end, text=sentence, trigger="held", event_type="CONSULT",
            actors=(ISLAMABAD if j % 2 else KABUL,), recipients=(KABUL if j % 2 else ISLAMABAD,),
            date=date, date_precision="day" if date else "unknown", quad_class=1, intensity=1.0,
        ))
    return DocResult(Document(id=doc_id, text=" ".join(sentences), date=date), tuple(events), len(sentences))


def v1_copy(source: Path, path: Path) -> Path:
    """A version-1 file at `path` holding the rows of `source`, written with version 1's own DDL.

    Events go in newest seq first, so the migration numbers them differently from the
    source: nothing below may depend on the values of the integer keys.
    """
    con = duckdb.connect(str(path))
    try:
        for statement in V1_DDL:
            con.execute(statement)
        con.execute("INSERT INTO schema_info (version) VALUES (1)")
        con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        for table in ("runs", "documents", "ingest_errors"):  # the columns version 1 had
            columns = ", ".join(f'"{row[0]}"' for row in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND table_catalog = current_database()", [table]).fetchall())
            con.execute(f"INSERT INTO {table} BY NAME SELECT {columns} FROM src.{table}")
        for table in ("runs", "ingest_errors"):  # as eirene would have left them: past the copied ids
            con.execute(f"SELECT nextval('{table}_id_seq') FROM range((SELECT coalesce(max(id), 0) FROM {table}))")
        event_columns = ", ".join(f'"{row[0]}"' for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
            "AND table_catalog = current_database() AND column_name <> 'seq'").fetchall())
        con.execute(f"INSERT INTO events BY NAME SELECT {event_columns} FROM src.events ORDER BY seq DESC")
        con.execute("INSERT INTO event_actors BY NAME SELECT * EXCLUDE (event_seq, secondary_sector) FROM src.event_actors")
        # an actor row without its event: no eirene version writes one, and none is copied
        con.execute("INSERT INTO event_actors (event_id, role, position, name) VALUES ('no-such-event', 'actor', 0, 'Ghost')")
        con.execute("DETACH src")
    finally:
        con.close()
    return path
