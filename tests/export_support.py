"""A small hand-built store for the export and report tests: three invented articles and
their events, written by hand so every field the formats map (several actors, a claim,
places, a quote and a tab in the evidence) is present without loading spaCy."""

from __future__ import annotations

from pathlib import Path

from eirene.records import ActorRef, DocResult, Document, Event, Location

PAK = ActorRef(text="Islamabad", name="Pakistan", actor_id="PAK", country="PAK", sector=None, kind="state", how="metonymy")
PAK_MIL = ActorRef(text="Pakistani troops", name="Pakistan", actor_id="PAK", country="PAK", sector="MIL", kind="state", how="demonym+agent")
USA = ActorRef(text="Washington", name="United States", actor_id="USA", country="USA", sector=None, kind="state", how="metonymy")
USA_MIL = ActorRef(text="US forces", name="United States", actor_id="USA", country="USA", sector="MIL", kind="state", how="demonym+agent")
RUS = ActorRef(text="Moscow", name="Russia", actor_id="RUS", country="RUS", sector=None, kind="state", how="metonymy")
TALIBAN = ActorRef(text="the Taliban", name="Taliban", actor_id="taliban", country="AFG", sector="REB", kind="armed_group")
AFG = ActorRef(text="Kabul", name="Afghanistan", actor_id="AFG", country="AFG", sector="GOV", kind="state", how="metonymy")
UNKNOWN = ActorRef(text="a local elder", name="local elder", actor_id=None, country=None, sector="CVL", kind="person", how="agent-noun")

QUETTA = Location(name="Quetta", geonames_id=1167528, country="PAK", lat=30.18, lon=66.99, precision="city")
BALOCHISTAN = Location(name="Balochistan", geonames_id=1183606, country="PAK", lat=28.5, lon=65.0, precision="admin1")

TEXTS = {
    "quetta-raid.txt": (
        "Raid near Quetta\n"
        "QUETTA, June 3, 2017 - US forces struck a Taliban camp near Quetta on Saturday.\n"
        "Islamabad condemned the strike.\n"
        "Pakistani troops and US forces later met the Taliban in Balochistan.\n"
        "A local elder said \"nobody\tasked us\" before the raid.\n"
    ),
    "moscow-talks.txt": (
        "Talks in Moscow\n"
        "MOSCOW, Nov 9, 2018 - Moscow hosted Taliban envoys and Kabul's delegation.\n"
        "Washington accused Moscow of arming the Taliban.\n"
        "Russia and Pakistan agreed to cooperate on Afghanistan.\n"
    ),
    "undated-note.txt": "A note\nKabul may ask Islamabad for help with the talks.\n",
}
DATES = {"quetta-raid.txt": "2017-06-03", "moscow-talks.txt": "2018-11-09", "undated-note.txt": None}


def _sentence(doc_id: str, index: int) -> tuple[int, int, str]:
    text = TEXTS[doc_id]
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:index])
    return start, start + len(lines[index]), lines[index]


def _event(doc_id: str, index: int, trigger: str, event_type: str, actors, recipients=(), **fields) -> Event:
    start, end, sentence = _sentence(doc_id, index)
    base = dict(
        id=Event.make_id(doc_id, index, start, end, event_type, trigger), doc_id=doc_id, sentence_index=index,
        start=start, end=end, text=sentence, trigger=trigger, event_type=event_type,
        actors=tuple(actors), recipients=tuple(recipients), date=DATES[doc_id],
        date_precision="day" if DATES[doc_id] else "unknown", method=f"rule:test.{trigger}", confidence=0.8,
        trigger_start=start + sentence.index(trigger), trigger_end=start + sentence.index(trigger) + len(trigger),
    )
    base.update(fields)
    return Event(**base)


def hand_events() -> dict[str, list[Event]]:
    """The events of each invented document, by document id."""
    return {
        "quetta-raid.txt": [
            _event("quetta-raid.txt", 1, "struck", "ASSAULT", [USA_MIL], [TALIBAN], mode="aerial", contexts=("terrorism",),
                   location=QUETTA, intensity=-9.5, quad_class=4, cameo_root="19", date_text="on Saturday"),
            _event("quetta-raid.txt", 2, "condemned", "ACCUSE", [PAK], [USA], intensity=-2.0, quad_class=3, cameo_root="11"),
            _event("quetta-raid.txt", 3, "met", "CONSULT", [PAK_MIL, USA_MIL], [TALIBAN], location=BALOCHISTAN,
                   intensity=1.0, quad_class=1, cameo_root="04", contexts=("military", "diplomatic")),
            _event("quetta-raid.txt", 4, "asked", "REQUEST", [UNKNOWN], [], factuality="negated",
                   intensity=-1.0, quad_class=3, cameo_root="10"),
        ],
        "moscow-talks.txt": [
            _event("moscow-talks.txt", 1, "hosted", "CONSULT", [RUS], [TALIBAN, AFG], mode="host",
                   intensity=1.0, quad_class=1, cameo_root="04"),
            _event("moscow-talks.txt", 2, "arming", "AID", [RUS], [TALIBAN], factuality="alleged", attributed_to=USA,
                   mode="military", intensity=5.0, quad_class=2, cameo_root="07"),
            _event("moscow-talks.txt", 2, "accused", "ACCUSE", [USA], [RUS], intensity=-2.0, quad_class=3, cameo_root="11"),
            _event("moscow-talks.txt", 3, "agreed", "AGREE", [RUS, PAK], [PAK, RUS], intensity=4.0, quad_class=1, cameo_root="03"),
        ],
        "undated-note.txt": [
            _event("undated-note.txt", 1, "ask", "REQUEST", [AFG], [PAK], factuality="hypothetical",
                   intensity=-1.0, quad_class=3, cameo_root="10"),
        ],
    }


def build_store(path: Path | str) -> Path | str:
    """Write the invented corpus into a new store at `path` (a DuckDB file or a database URL)."""
    from eirene.store import open_store

    with open_store(path) as store:
        run = store.begin_run(eirene_version="test", model="hand", inputs=["tests/export_support.py"], config={})
        for doc_id, events in hand_events().items():
            text = TEXTS[doc_id]
            doc = Document(id=doc_id, text=text, title=text.split("\n")[0], date=DATES[doc_id],
                           date_precision="day" if DATES[doc_id] else "unknown",
                           date_source="dateline" if DATES[doc_id] else "none", source="Invented Wire")
            store.save_result(DocResult(document=doc, events=tuple(events), sentences=text.count("\n")), run)
        store.finish_run(run, counts={"documents_new": 3, "events": 9})
    return path
