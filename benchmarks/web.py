"""Query latency of the event store and the web app at a million events.

Not a test: timings depend on the machine. Usage:

    .venv/bin/python benchmarks/web.py [--events 1000000] [--db PATH] [--repeat 15] [--no-http]
    .venv/bin/python benchmarks/web.py --events 100000 --db /tmp/b.duckdb --routes --load [--clients 32] [--precompute] [--workers 2]

1. Fills a DuckDB file (a temporary one unless --db names a path; an existing file
   with the right number of events is reused) with synthetic events of a realistic
   shape: 50 actors from the knowledge base with Zipf-skewed frequencies, dates over
   ten years, all 16 PLOVER types, 1-2 actors and 0-2 recipients per event,
   documents of 1-8 events. Rows are generated with numpy and written in bulk by
   DuckDB (INSERT ... SELECT over Arrow tables), never one Event at a time.
2. Times the event list (`Store.events` with limit 50 plus `Store.count_events`, as
   one page of the web app's /api/events needs) under typical filters, and the dyad
   query (`ActorSystem.dyad`, or an equivalent monthly SQL aggregation while
   eirene.analysis has no ActorSystem yet) for a frequent and a rare pair.
3. When eirene.web.app exists, times the same through HTTP: httpx against uvicorn
   on 127.0.0.1.
Prints p50 / p95 / max in milliseconds per query; the target is p95 < 200 ms.
"""

from __future__ import annotations

import argparse
import importlib.util
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from eirene.actors.kb import KnowledgeBase
from eirene.knowledge_files import load_knowledge_file
from eirene.vocab import FACTUALITY_VALUES, PLOVER_TYPES
from eirene.store import DuckDBStore, EventFilter, Store

PLOVER_FILE = Path(__file__).resolve().parent.parent / "src" / "eirene" / "data" / "lexicon" / "plover.yaml"
TARGET_MS = 200.0

# Knowledge-base ids, most frequent first (frequency of rank k is proportional to 1/k**1.1).
ACTOR_IDS: tuple[str, ...] = (
    "USA", "AFG", "PAK", "RUS", "CHN", "taliban", "IND", "IRN", "UKR", "ISR",
    "TUR", "un", "SAU", "GBR", "SYR", "IRQ", "FRA", "islamic-state", "DEU", "QAT",
    "eu", "ttp", "EGY", "nato", "haqqani-network", "JPN", "PRK", "KOR", "al-qaeda", "UZB",
    "hamas", "PSE", "YEM", "ARE", "hezbollah", "LBN", "SOM", "al-shabaab", "NGA", "boko-haram",
    "TJK", "JOR", "BGD", "islamic-state-khorasan", "lashkar-e-taiba", "KAZ", "AZE", "ARM", "iaea", "unama",
)
# Synthetic wording: a verb phrase per PLOVER type and topic words to search for.
VERBS: dict[str, str] = {
    "AGREE": "agreed to work with", "CONSULT": "held talks with", "SUPPORT": "praised",
    "CONCEDE": "eased its demands on", "COOPERATE": "signed a pact with", "AID": "sent aid to",
    "RETREAT": "pulled its forces back from", "REQUEST": "called on", "ACCUSE": "accused",
    "REJECT": "turned down an offer from", "THREATEN": "warned", "SANCTION": "imposed sanctions on",
    "PROTEST": "demonstrated against", "MOBILIZE": "moved troops towards", "COERCE": "detained envoys of",
    "ASSAULT": "attacked",
}
# Relative frequency of each type in news-derived event data: talk and conflict dominate.
TYPE_WEIGHTS: dict[str, float] = {
    "AGREE": 5, "CONSULT": 18, "SUPPORT": 7, "CONCEDE": 1, "COOPERATE": 4, "AID": 4, "RETREAT": 1,
    "REQUEST": 7, "ACCUSE": 12, "REJECT": 4, "THREATEN": 5, "SANCTION": 3, "PROTEST": 4,
    "MOBILIZE": 3, "COERCE": 6, "ASSAULT": 16,
}
TOPICS: tuple[str, ...] = (
    "the border", "the ceasefire", "prisoner exchanges", "the peace process", "trade", "refugees",
    "water rights", "the nuclear programme", "election monitoring", "drone strikes", "oil exports",
    "the airport", "a hostage crisis", "militant camps", "grain shipments", "the embassy",
    "naval patrols", "visa rules", "a pipeline", "troop numbers",
)
PLACES: tuple[str, ...] = (
    "the capital", "a border town", "the north", "the south", "a provincial city", "the coast",
    "a mountain district", "the eastern provinces", "a refugee camp", "the western desert",
)
CLOSINGS: tuple[str, ...] = (
    "officials said on condition of anonymity", "according to a statement from the foreign ministry",
    "a spokesman told reporters at a briefing", "local media reported, citing witnesses",
    "two diplomats familiar with the matter said", "the state news agency reported late at night",
    "according to people briefed on the talks", "a senior commander said by telephone",
)
FACTUALITY_WEIGHTS: dict[str, float] = {"asserted": 80, "negated": 5, "hypothetical": 3, "future": 4, "alleged": 8}
DAYS = 3653  # 2015-01-01 .. 2024-12-31
CHUNK = 250_000  # events generated per batch, to bound memory


# --------------------------------------------------------------------------- data


def actor_table(kb: KnowledgeBase) -> pa.Table:
    """The 50 actors with their names, ids and countries as the knowledge base has them."""
    rows = []
    for rank, actor_id in enumerate(ACTOR_IDS):
        entry = kb.get(actor_id)
        if entry is None:
            raise SystemExit(f"benchmarks/web.py: knowledge-base id {actor_id!r} is gone; pick another in ACTOR_IDS")
        rows.append({"idx": rank, "name": entry.name, "actor_id": entry.id, "country": entry.country,
                     "sector": entry.sector, "kind": entry.kind})
    return pa.Table.from_pylist(rows)


def type_table() -> pa.Table:
    """Quad class, intensity and CAMEO root of each type, read from the PLOVER lexicon."""
    types = load_knowledge_file(PLOVER_FILE, code="E310")["types"]
    return pa.Table.from_pylist([
        {"idx": i, "event_type": t, "verb": VERBS[t], "quad_class": types[t]["quad_class"],
         "intensity": float(types[t]["intensity"]), "cameo_root": str(types[t]["cameo_root"])}
        for i, t in enumerate(PLOVER_TYPES)
    ])


def _weights(values: Any) -> np.ndarray:
    w = np.asarray(values, dtype=float)
    return w / w.sum()


def generate_chunk(rng: np.random.Generator, first_event: int, first_doc: int, n: int) -> tuple[pa.Table, pa.Table, int]:
    """`n` events (integer codes only) in whole documents, and their actor rows.

    RETURNS: (events, event_actors, number of documents used).
    """
    sizes = rng.integers(1, 9, size=n // 2 + 8)  # 1-8 events a document, 4.5 on average
    cut = int(np.searchsorted(np.cumsum(sizes), n)) + 1
    sizes = sizes[:cut]
    sizes[-1] -= int(sizes.sum()) - n
    doc = np.repeat(np.arange(first_doc, first_doc + cut), sizes)
    sentence = np.arange(n) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    doc_day = rng.integers(0, DAYS, size=cut)
    day = np.maximum(np.repeat(doc_day, sizes) - rng.integers(0, 3, size=n), 0)

    actor_p = _weights([1 / (k + 1) ** 1.1 for k in range(len(ACTOR_IDS))])
    n_actors = rng.choice([1, 2], size=n, p=[0.8, 0.2])
    n_recipients = rng.choice([0, 1, 2], size=n, p=[0.2, 0.65, 0.15])
    sides = rng.choice(len(ACTOR_IDS), size=(n, 4), p=actor_p)
    # a recipient is never the first actor: shift it to the next actor in the list
    for col in (2, 3):
        same = sides[:, col] == sides[:, 0]
        sides[same, col] = (sides[same, col] + 1) % len(ACTOR_IDS)
    event = np.arange(first_event, first_event + n)
    events = pa.table({
        "i": event, "doc": doc, "sentence": sentence, "day": day,
        "type": rng.choice(len(PLOVER_TYPES), size=n, p=_weights([TYPE_WEIGHTS[t] for t in PLOVER_TYPES])),
        "fact": rng.choice(len(FACTUALITY_VALUES), size=n, p=_weights([FACTUALITY_WEIGHTS[f] for f in FACTUALITY_VALUES])),
        "topic": rng.integers(0, len(TOPICS), size=n), "place": rng.integers(0, len(PLACES), size=n),
        "closing": rng.integers(0, len(CLOSINGS), size=n),
        "a0": sides[:, 0], "r0": np.where(n_recipients > 0, sides[:, 2], -1),
        "confidence": np.round(rng.uniform(0.5, 0.95, size=n), 2),
        "attributed": np.where(rng.random(n) < 0.1, sides[:, 1], -1),
        "state_sector": rng.choice(3, size=n, p=[0.6, 0.3, 0.1]),  # none, GOV, MIL for states
    })
    parts = [(event, "actor", 0, sides[:, 0])]
    second = n_actors == 2
    parts.append((event[second], "actor", 1, sides[second, 1]))
    for position, col in ((0, 2), (1, 3)):
        keep = n_recipients > position
        parts.append((event[keep], "recipient", position, sides[keep, col]))
    attributed = events.column("attributed").to_numpy()
    keep = attributed >= 0
    parts.append((event[keep], "attributed", 0, attributed[keep]))
    actors = pa.concat_tables([
        pa.table({"i": ids, "role": pa.array([role] * len(ids), pa.string()),
                  "position": np.full(len(ids), position), "actor": who})
        for ids, role, position, who in parts
    ])
    return events, actors, cut


def build_database(path: Path, n_events: int, seed: int = 7) -> None:
    """Create the eirene schema at `path` and fill it with `n_events` synthetic events."""
    DuckDBStore(path).close()  # the schema (tables, indexes, version) exactly as eirene creates it
    con = duckdb.connect(str(path))
    kb = KnowledgeBase.load()
    actor_lookup, type_lookup = actor_table(kb), type_table()
    con.register("actor_lookup", actor_lookup)
    con.register("type_lookup", type_lookup)
    con.register("fact_lookup", pa.table({"idx": range(len(FACTUALITY_VALUES)), "factuality": list(FACTUALITY_VALUES)}))
    con.register("topic_lookup", pa.table({"idx": range(len(TOPICS)), "topic": list(TOPICS)}))
    con.register("place_lookup", pa.table({"idx": range(len(PLACES)), "place": list(PLACES)}))
    con.register("closing_lookup", pa.table({"idx": range(len(CLOSINGS)), "closing": list(CLOSINGS)}))
    con.execute(
        "INSERT INTO runs (started_at, finished_at, eirene_version, model, inputs, config, events, status) "
        "VALUES (now(), now(), 'benchmark', 'synthetic', '[]', '{}', ?, 'finished')", [n_events]
    )
    rng = np.random.default_rng(seed)
    done, docs = 0, 0
    while done < n_events:
        n = min(CHUNK, n_events - done)
        raw_events, raw_actors, used = generate_chunk(rng, done, docs, n)
        con.register("raw_events", raw_events)
        con.register("raw_actors", raw_actors)
        con.begin()
        # "<actor> <verb> <recipient> over <topic> in <place> on <day month>, <closing>." (~130 characters)
        con.execute("""
            CREATE OR REPLACE TEMP TABLE staged AS
            SELECT r.*, t.event_type, t.verb, t.quad_class, t.intensity, t.cameo_root, f.factuality,
                   a.name || ' ' || t.verb || ' ' || coalesce(b.name, 'its neighbours') || ' over '
                     || p.topic || ' in ' || pl.place || ' on '
                     || strftime(DATE '2015-01-01' + r.day::INTEGER, '%-d %B') || ', ' || c.closing || '.' AS text,
                   length(a.name) + 1 AS trigger_offset,
                   a.country AS country
            FROM raw_events r
            JOIN type_lookup t ON t.idx = r.type
            JOIN fact_lookup f ON f.idx = r.fact
            JOIN topic_lookup p ON p.idx = r.topic
            JOIN place_lookup pl ON pl.idx = r.place
            JOIN closing_lookup c ON c.idx = r.closing
            JOIN actor_lookup a ON a.idx = r.a0
            LEFT JOIN actor_lookup b ON b.idx = r.r0
        """)
        # seq drawn here, once per event, as DuckDBStore draws it on insert; the actor rows copy it
        con.execute("""
            CREATE OR REPLACE TEMP TABLE placed AS
            SELECT *, coalesce(sum(length(text) + 1) OVER (
                       PARTITION BY doc ORDER BY sentence ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start,
                   nextval('events_seq_seq') AS seq
            FROM staged
        """)
        con.execute("""
            INSERT INTO events
            SELECT substr(md5('bench-' || i), 1, 20), seq, printf('bench-%07d.txt', doc), sentence, start,
                   start + length(text), text, verb, start + trigger_offset, start + trigger_offset + length(verb),
                   event_type, NULL,
                   CASE WHEN quad_class = 4 THEN ['military'] ELSE ['diplomatic'] END,
                   DATE '2015-01-01' + day::INTEGER, 'day', NULL,
                   'synthetic place', NULL, country, NULL, NULL, 'city',
                   factuality, intensity, quad_class, cameo_root, confidence, 'rule:benchmark', 1, 'sentence', NULL
            FROM placed
        """)
        con.execute("""
            INSERT INTO event_actors
            SELECT substr(md5('bench-' || r.i), 1, 20), e.seq, r.role, r.position, a.name, a.name, a.actor_id,
                   a.country,
                   CASE WHEN a.kind <> 'state' THEN a.sector
                        WHEN e.state_sector = 1 THEN 'GOV' WHEN e.state_sector = 2 THEN 'MIL' END,
                   a.kind, NULL, NULL, 'alias', NULL
            FROM raw_actors r
            JOIN actor_lookup a ON a.idx = r.actor
            JOIN placed e ON e.i = r.i
        """)
        con.execute("""
            INSERT INTO documents (id, version, content_hash, title, text, date, date_precision, date_source,
                                   sentences, run_id, ingested_at)
            SELECT printf('bench-%07d.txt', doc), 1, md5(string_agg(text, ' ' ORDER BY sentence)),
                   'Synthetic report ' || doc, string_agg(text, ' ' ORDER BY sentence),
                   DATE '2015-01-01' + max(day)::INTEGER, 'day', 'benchmark', count(*), 1, now()
            FROM placed GROUP BY doc
        """)
        con.commit()
        con.unregister("raw_events")
        con.unregister("raw_actors")
        done, docs = done + n, docs + used
    con.execute("CHECKPOINT")
    con.close()


def ensure_database(path: Path, n_events: int) -> float:
    """Reuse `path` when it already holds `n_events` events, else (re)build it. RETURNS seconds spent.

    A file of an older schema is rebuilt rather than migrated, so every run measures a
    database laid out as this script writes it.
    """
    if path.exists():
        try:
            with DuckDBStore(path, read_only=True) as store:  # E412 for an older schema: rebuilt
                if store.count_events() == n_events:
                    return 0.0
        except Exception as exc:  # noqa: BLE001 - any unusable file is rebuilt
            print(f"rebuilding {path}: {exc}")
        path.unlink()
        Path(str(path) + ".wal").unlink(missing_ok=True)
    started = time.perf_counter()
    build_database(path, n_events)
    return time.perf_counter() - started


# --------------------------------------------------------------------------- timing


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Milliseconds of `repeat` calls after one warm-up call."""
    fn()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


EVENT_CASES: dict[str, dict[str, Any]] = {
    "no filter": {},
    "actor (frequent)": {"actor": "Pakistan"},
    "actor (rare)": {"actor": "Armenia"},
    "actor + recipient": {"actor": "Pakistan", "recipient": "Afghanistan"},
    "type": {"event_type": "ASSAULT"},
    "date range (3 months)": {"since": "2019-03", "until": "2019-05"},
    "actor + type + year": {"actor": "taliban", "event_type": "ASSAULT", "since": "2020", "until": "2020"},
    "text search": {"text": "prisoner exchanges"},
    "deep offset (500,000)": {"offset": 500_000},
}
DYAD_PAIRS: dict[str, tuple[str, str]] = {
    "dyad frequent (USA-AFG)": ("United States", "Afghanistan"),
    "dyad rare (KAZ-ARM)": ("Kazakhstan", "Armenia"),
    "dyad non-state (Taliban-PAK)": ("Taliban", "Pakistan"),
}
STATE_SECTORS = ("GOV", "MIL", "SPY", "COP", "JUD", "LEG")


def sql_dyad(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Monthly counts of an undirected country-level dyad, as ActorSystem.dyad would compute them.

    Stands in for ActorSystem.dyad while eirene.analysis does not have it; a and b
    are ISO3 codes or knowledge-base ids.
    """
    sectors = ", ".join(f"'{s}'" for s in STATE_SECTORS)
    node = f"CASE WHEN kind = 'state' OR sector IN ({sectors}) THEN country ELSE coalesce(actor_id, country) END"
    return store.query(
        f"""
        WITH sides AS (
            SELECT event_id, role, {node} AS node FROM event_actors WHERE role IN ('actor', 'recipient')
        ), pair AS (
            SELECT DISTINCT x.event_id FROM sides x JOIN sides y
              ON y.event_id = x.event_id AND x.role = 'actor' AND y.role = 'recipient'
            WHERE (x.node = ? AND y.node = ?) OR (x.node = ? AND y.node = ?)
        )
        SELECT date_trunc('month', e.date) AS period, count(*) AS events,
               count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
               sum(e.intensity) AS intensity_sum, avg(e.intensity) AS intensity_mean
        FROM events e JOIN pair p ON p.event_id = e.id
        WHERE e.factuality = 'asserted' AND e.date IS NOT NULL
        GROUP BY period ORDER BY period
        """,
        [a, b, b, a],
    )


def dyad_runner(store: Store) -> tuple[str, Callable[[str, str], Any]]:
    """ActorSystem.dyad when eirene.analysis provides it, else the SQL stand-in."""
    try:
        from eirene.analysis import ActorSystem  # type: ignore[attr-defined]
    except ImportError:
        kb = KnowledgeBase.load()

        def by_sql(a: str, b: str) -> Any:
            return sql_dyad(store, *(_node_key(kb, name) for name in (a, b)))

        return "SQL stand-in (no ActorSystem yet)", by_sql
    system = ActorSystem(store)
    return "ActorSystem.dyad", lambda a, b: system.dyad(a, b)


def _node_key(kb: KnowledgeBase, name: str) -> str:
    hits = kb.lookup(name)
    if not hits:
        raise SystemExit(f"benchmarks/web.py: {name!r} is not in the knowledge base")
    entry = hits[0].entry
    return entry.country if entry.kind == "state" and entry.country else entry.id


def store_rows(store: Store, repeat: int) -> list[tuple[str, list[float], str]]:
    rows = []
    for label, fields in EVENT_CASES.items():
        page = EventFilter(limit=50, **fields)
        total = store.count_events(page)
        rows.append((f"events {label}", timed(lambda: (store.events(page), store.count_events(page)), repeat),
                     f"{total:,} match"))
    how, dyad = dyad_runner(store)
    for label, (a, b) in DYAD_PAIRS.items():
        result = dyad(a, b)
        rows.append((label, timed(lambda: dyad(a, b), repeat), f"{len(result)} periods; {how}"))
    return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_rows(db: Path, repeat: int) -> list[tuple[str, list[float], str]]:
    """The same queries through the web app, served by uvicorn on 127.0.0.1."""
    import httpx
    import uvicorn

    from eirene.web.app import create_app  # type: ignore[import-not-found]

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    params_of = {"actor": "actor", "recipient": "recipient", "event_type": "type", "since": "since",
                 "until": "until", "text": "q", "offset": "offset"}
    rows = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            for label, fields in EVENT_CASES.items():
                params = {params_of[k]: v for k, v in fields.items()} | {"limit": 50}
                answer = client.get("/api/events", params=params)
                answer.raise_for_status()
                rows.append((f"GET /api/events {label}",
                             timed(lambda: client.get("/api/events", params=params).raise_for_status(), repeat),
                             f"{answer.json()['total']:,} match"))
            for label, (a, b) in DYAD_PAIRS.items():
                url = f"/api/dyads/{a}/{b}"
                try:
                    answer = client.get(url, params={"freq": "M"})
                    answer.raise_for_status()
                except httpx.HTTPError as exc:  # e.g. no ActorSystem yet: report, time the rest
                    rows.append((f"GET {label}", [], f"not timed: {type(exc).__name__} {str(exc)[:60]}"))
                    continue
                rows.append((f"GET {label}", timed(lambda: client.get(url, params={"freq": "M"}).raise_for_status(), repeat),
                             f"{len(answer.json().get('periods', []))} periods"))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return rows


def print_table(rows: list[tuple[str, list[float], str]]) -> None:
    print(f"| query | p50 ms | p95 ms | max ms | p95 < {TARGET_MS:.0f} ms | note |")
    print("|---|---:|---:|---:|---|---|")
    for label, ms, note in rows:
        if not ms:
            print(f"| {label} | - | - | - | - | {note} |")
            continue
        p50, p95, worst = summary(ms)
        print(f"| {label} | {p50:.1f} | {p95:.1f} | {worst:.1f} | {'yes' if p95 < TARGET_MS else '**no**'} | {note} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="database file to build or reuse (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=15, help="timed calls per query, after one warm-up")
    parser.add_argument("--no-http", action="store_true", help="skip the web app even when it exists")
    parser.add_argument("--routes", action="store_true", help="time every page and API route alone (benchmarks/web_load.py)")
    parser.add_argument("--load", action="store_true", help="time every route under concurrent clients")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients for --load")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the --load run")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes for --routes/--load (`eirene serve --workers N`)")
    parser.add_argument("--precompute", action="store_true",
                        help="run `eirene precompute` on the file before serving it (--routes/--load)")
    args = parser.parse_args()
    if args.routes or args.load:
        _routes_and_load(args)
        return

    with tempfile.TemporaryDirectory(prefix="eirene-bench-web-") as scratch:
        db = args.db or Path(scratch) / "bench.duckdb"
        seconds = ensure_database(db, args.events)
        print(f"database {db}: {args.events:,} events" + (f", built in {seconds:.1f} s" if seconds else " (reused)"))
        with DuckDBStore(db, read_only=True) as store:
            counts = store.query(
                "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM event_actors) AS actor_rows"
            )[0]
            print(f"{counts['documents']:,} documents, {counts['actor_rows']:,} actor rows; {args.repeat} timed calls per query\n")
            rows = store_rows(store, args.repeat)
        if not args.no_http and importlib.util.find_spec("eirene.web.app") is not None:
            rows += http_rows(db, args.repeat)
        print_table(rows)


def _routes_and_load(args: argparse.Namespace) -> None:
    """--routes / --load: build or reuse the database, then serve it and time every route."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from web_load import run  # benchmarks/web_load.py

    if args.db is None:
        raise SystemExit("benchmarks/web.py: --routes and --load need --db PATH (the file is built once, then reused)")
    seconds = ensure_database(args.db, args.events)
    print(f"database {args.db}: {args.events:,} events" + (f", built in {seconds:.1f} s" if seconds else " (reused)"))
    if args.precompute:
        from eirene.web.precompute import precompute_file

        started = time.perf_counter()
        done = precompute_file(args.db)
        print(f"precomputed {len(done.answers)} answers in {time.perf_counter() - started:.0f} s")
    run(args.db, repeat=args.repeat, do_single=args.routes, clients=args.clients if args.load else 0,
        seconds=args.seconds, workers=args.workers)


if __name__ == "__main__":
    main()
