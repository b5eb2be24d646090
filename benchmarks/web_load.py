"""Every page and API route of the web app, timed one at a time and under concurrent load.

Not a test: timings depend on the machine. Used by benchmarks/web.py (--routes, --load):

    .venv/bin/python benchmarks/web.py --events 100000 --db /tmp/bench.duckdb --routes --load

The server runs as its own process (`eirene serve`), so its peak memory (VmHWM) is
measured apart from the clients. Under load, `clients` threads each request the
routes in a shuffled order for `seconds`; a request that fails or answers 5xx counts
as an error, and each route's p50/p95/max is reported.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import duckdb
import httpx

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 500.0
# a scenario derived from the stored events (two anchors, one year before a date)
SCENARIO = "name=Settlement&low=Afghanistan&high=Taliban&as_of=2020-12-31&window=1y"


def routes(db: Path) -> list[tuple[str, str]]:
    """(label, path) for every GET route, with ids taken from the database."""
    with duckdb.connect(str(db), read_only=True) as con:
        event_id, doc_id = con.execute("SELECT id, doc_id FROM events ORDER BY seq LIMIT 1").fetchone()
    event, doc = quote(event_id, safe=""), quote(doc_id, safe="/")
    pages = [
        ("page /", "/"), ("page /events", "/events"), ("page /events?actor", "/events?actor=Pakistan"),
        ("page /events/{id}", f"/events/{event}"), ("page /documents/{id}", f"/documents/{doc}"),
        ("page /actors", "/actors"), ("page /actors/PAK", "/actors/PAK"),
        ("page /dyads/USA/AFG", "/dyads/USA/AFG"), ("page /dyads", "/dyads"), ("page /network", "/network"),
        ("page /network?year", "/network?since=2019&until=2019"), ("page /counting", "/counting"),
        ("page /claims", "/claims"), ("page /claims?page=50", "/claims?page=50"), ("page /upload", "/upload"),
        ("page /map", "/map"), ("page /corrections", "/corrections"),
    ]
    api = [
        ("api /stats", "/api/stats"), ("api /documents", "/api/documents"),
        ("api /documents/{id}", f"/api/documents/{doc}"), ("api /events", "/api/events"),
        ("api /events?q", "/api/events?q=prisoner%20exchanges"), ("api /events/{id}", f"/api/events/{event}"),
        ("api /actors?q", "/api/actors?q=pak"), ("api /actors/PAK", "/api/actors/PAK"),
        ("api /dyads/USA/AFG", "/api/dyads/USA/AFG"), ("api /network", "/api/network"),
        ("api /claims", "/api/claims"), ("api /map", "/api/map"), ("api /map/outlines", "/api/map/outlines"),
        ("api /corrections", "/api/corrections"),
        ("download /events.csv?actor+year", "/download/events.csv?actor=Armenia&since=2020&until=2020"),
        ("download /dyad.csv KAZ-ARM 2020", "/download/dyad.csv?a=KAZ&b=ARM&since=2020&until=2020"),
        ("download /dyads.csv", "/download/dyads.csv"),
        ("download /claims.csv?about", "/download/claims.csv?about=Armenia"),
        ("page /scenarios", "/scenarios"), ("page /scenarios/view", f"/scenarios/view?{SCENARIO}"),
        ("api /scenarios/runs", "/api/scenarios/runs"), ("api /scenarios/inputs", f"/api/scenarios/inputs?{SCENARIO}"),
        ("api /scenarios/result", f"/api/scenarios/result?{SCENARIO}"),
        ("api /scenarios/sensitivity", f"/api/scenarios/sensitivity?{SCENARIO}"),
        ("api /openapi.json", "/openapi.json"),
    ]
    return pages + api


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def served(db: Path, workers: int = 1) -> Iterator[tuple[str, int]]:
    """`eirene serve --workers N` over `db` on a free 127.0.0.1 port; yields (base URL, server pid)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "EIRENE_TOKEN": ""}
    command = [sys.executable, "-m", "eirene.cli", "serve", "--db", str(db), "--port", str(port),
               "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                httpx.get(base + "/counting", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with a long request: stop it outright
            process.kill()
            process.wait(timeout=30)


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB; 0 where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def server_peak_rss_mb(pid: int) -> tuple[float, list[float]]:
    """The server's peak memory: the process's and, with --workers, its children's
    (uvicorn's workers); RETURNS (sum, each child's). The sum of peaks is an upper bound."""
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        children = []
    each = [peak_rss_mb(child) for child in children]
    return peak_rss_mb(pid) + sum(each), each


def _summary(ms: list[float]) -> tuple[float, float, float]:
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))], ordered[-1]


def single(base: str, table: list[tuple[str, str]], repeat: int) -> list[tuple[str, list[float], str]]:
    """Each route alone: one warm-up (fills the caches), then `repeat` timed requests."""
    rows = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for label, path in table:
            print(f"  {label} ...", file=sys.stderr, flush=True)
            started = time.perf_counter()
            try:
                first = client.get(path)
            except httpx.HTTPError as exc:
                rows.append((label, [], f"first request failed: {type(exc).__name__}"))
                continue
            cold = (time.perf_counter() - started) * 1000
            ms, statuses = [], {first.status_code}
            for _ in range(repeat):
                started = time.perf_counter()
                try:
                    statuses.add(client.get(path).status_code)
                except httpx.HTTPError as exc:
                    statuses.add(type(exc).__name__)  # type: ignore[arg-type]
                ms.append((time.perf_counter() - started) * 1000)
            shown = "/".join(str(s) for s in sorted(statuses, key=str))
            rows.append((label, ms, f"HTTP {shown}, {len(first.content) / 1024:.0f} KB, first {cold:.0f} ms"))
    return rows


def warm(base: str, table: list[tuple[str, str]], connections: int) -> float:
    """Request every route once on each of `connections` connections at once, untimed;
    RETURNS the seconds it took. With --workers each worker keeps its own caches, and a
    connection stays with the worker that accepted it, so one client's warm-up (--routes)
    would leave the other workers cold; many connections reach every worker."""
    started = time.monotonic()

    def one_pass() -> None:
        with httpx.Client(base_url=base, timeout=300) as client:
            for _, path in table:
                try:
                    client.get(path)
                except httpx.HTTPError:
                    pass  # a route that fails here fails again, timed, under load

    threads = [threading.Thread(target=one_pass) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started


def load(base: str, table: list[tuple[str, str]], clients: int, seconds: float) -> tuple[list[tuple[str, list[float], str]], int, int]:
    """`clients` threads requesting shuffled routes for `seconds`. RETURNS (rows, requests, errors)."""
    times: dict[str, list[float]] = {label: [] for label, _ in table}
    errors: dict[str, int] = {label: 0 for label, _ in table}
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client_loop(seed: int) -> None:
        order = list(table)
        random.Random(seed).shuffle(order)
        with httpx.Client(base_url=base, timeout=120) as client:
            while time.monotonic() < stop_at:
                for label, path in order:
                    if time.monotonic() >= stop_at:
                        return
                    started = time.perf_counter()
                    try:
                        failed = client.get(path).status_code >= 500
                    except httpx.HTTPError:
                        failed = True
                    with lock:
                        times[label].append((time.perf_counter() - started) * 1000)
                        errors[label] += failed

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = [(label, times[label], f"{errors[label]} error(s)") for label, _ in table]
    return rows, sum(len(v) for v in times.values()), sum(errors.values())


def print_table(title: str, rows: list[tuple[str, list[float], str]]) -> None:
    print(f"\n{title}\n")
    print(f"| route | n | p50 ms | p95 ms | max ms | p95 < {TARGET_MS:.0f} ms | note |")
    print("|---|---:|---:|---:|---:|---|---|")
    for label, ms, note in rows:
        if not ms:
            print(f"| {label} | 0 | - | - | - | - | {note} |")
            continue
        p50, p95, worst = _summary(ms)
        print(f"| {label} | {len(ms)} | {p50:.0f} | {p95:.0f} | {worst:.0f} | {'yes' if p95 < TARGET_MS else '**no**'} | {note} |")


def run(db: Path, *, repeat: int, do_single: bool, clients: int, seconds: float, workers: int = 1) -> None:
    """Serve `db` (in `workers` processes), time every route alone and, when `clients`,
    under load; print the tables."""
    table = routes(db)
    with served(db, workers) as (base, pid):
        if workers > 1:
            connections = 8 * workers
            print(f"warm-up: every route once on {connections} connections, "
                  f"{warm(base, table, connections):.0f} s", file=sys.stderr)
        if do_single:
            print_table(f"Every route alone ({repeat} timed requests after a warm-up)", single(base, table, repeat))
        if clients:
            rows, requests, failed = load(base, table, clients, seconds)
            print_table(f"Under load: {clients} clients for {seconds:.0f} s, {requests} requests "
                        f"({requests / seconds:.1f}/s), {failed} error(s)", rows)
        load_avg = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
        total, each = server_peak_rss_mb(pid)
        children = f" (children: {', '.join(f'{mb:.0f}' for mb in each)} MB)" if workers > 1 else ""
        print(f"\nserver peak RSS {total:.0f} MB{children}, {workers} worker(s); machine load average "
              f"{load_avg[0]:.1f} ({os.cpu_count()} CPUs)")
