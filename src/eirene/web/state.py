"""What one running app holds: the store, the actor system, the token, the coder.

Why one object: DuckDB lets one process write a file, so the app opens it once —
read-only when no token is configured (other readers may share the file), read-write
with a token, where one lock lets a single upload code and save at a time. The coder
(spaCy and the knowledge base, seconds to load) is loaded on the first upload, once.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from eirene.errors import StoreError
from eirene.store import Store, open_store
from eirene.store.duckdb_reads import READ_DEADLINE
from eirene.store.snapshots import data_stamp, read_snapshot, write_snapshot

if TYPE_CHECKING:
    from eirene.analysis import ActorSystem
    from eirene.document_coder import Coder

ENV_TOKEN = "EIRENE_TOKEN"
#: Seconds one database read may take while answering a request (503 E461 above).
QUERY_TIME_LIMIT = 20.0
#: Cached answers (overview, profiles, networks, claim counts) kept at most.
CACHE_ENTRIES = 256
#: Seconds between two looks at the data's version stamp (a write by another process
#: clears the cached answers at most this long after it).
STAMP_EVERY = 10.0
Model = TypeVar("Model", bound=BaseModel)


class WebState:
    """The app's shared resources.

    db (str | Path): the database: a DuckDB file (must exist and hold eirene data) or a
        PostgreSQL URL, as open_store takes it.
    token (str | None): the upload token; None or "" means read-only.
    max_upload_bytes (int): largest request body accepted by write endpoints (413 above).
    coder_factory: builds the Coder on first upload (tests pass their loaded one).
    read_only (bool | None): open the store read-only; None: read-only without a token
        (`eirene precompute` writes the analysis snapshots without serving uploads).
    """

    def __init__(
        self,
        db: str | Path,
        *,
        token: str | None,
        max_upload_bytes: int,
        coder_factory: Callable[[], Coder] | None = None,
        query_time_limit: float | None = QUERY_TIME_LIMIT,
        read_only: bool | None = None,
    ) -> None:
        self.db = str(db)
        self.token = token or None
        self.max_upload_bytes = max_upload_bytes
        self.store: Store = open_store(db, read_only=self.token is None if read_only is None else read_only)
        if hasattr(self.store, "read_time_limit"):  # every backend: stop a runaway read with E461 (503)
            self.store.read_time_limit = query_time_limit
        self.write_lock = threading.Lock()
        self._coder_factory = coder_factory
        self._coder: Coder | None = None
        self._coder_lock = threading.Lock()
        self._system: ActorSystem | None = None
        self._generation = 0
        self._cache: OrderedDict[Any, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._building: dict[Any, threading.Lock] = {}
        self._stamp: tuple[float, str] | None = None  # (when looked at, stamp)

    @property
    def writable(self) -> bool:
        return self.token is not None

    def token_matches(self, sent: str) -> bool:
        """Constant-time comparison, so response timing does not leak the token."""
        return self.token is not None and hmac.compare_digest(sent.encode(), self.token.encode())

    def system(self) -> ActorSystem:
        """The actor system over this app's store (built on first use)."""
        if self._system is None:
            try:
                from eirene.analysis import ActorSystem
            except ImportError as exc:
                from eirene.web.errors import WebError

                raise WebError(503, "E509", path="the actor system",
                               reason=f"eirene.analysis.ActorSystem is not available ({exc})") from exc
            self._system = ActorSystem(self.store)
        return self._system

    def coder(self) -> Coder:
        """The Coder, loaded once on the first upload."""
        with self._coder_lock:
            if self._coder is None:
                if self._coder_factory is not None:
                    self._coder = self._coder_factory()
                else:
                    from eirene.document_coder import Coder

                    self._coder = Coder()
            return self._coder

    def stamp(self) -> str:
        """The data's version stamp (store/snapshots.py), looked at every STAMP_EVERY
        seconds at most; when it moved (another process wrote), cached answers are dropped."""
        now = time.monotonic()
        kept = self._stamp
        if kept is not None and now - kept[0] < STAMP_EVERY:
            return kept[1]
        token = READ_DEADLINE.set(None)
        try:
            stamp = data_stamp(self.store)
        finally:
            READ_DEADLINE.reset(token)
        if kept is not None and stamp != kept[1]:
            self.data_changed()
        self._stamp = (now, stamp)
        return stamp

    def kept(self, key: tuple[Any, ...], build: Callable[[], Model], model: type[Model]) -> Model:
        """`cached`, and kept in the store (analysis_snapshots) under the data's stamp, so
        a costly answer (a network, a profile) is computed once per version of the data,
        not once per process. A read-only store only reads the snapshots (`eirene
        precompute` writes them); a writable one writes what it computes."""
        def read_or_build() -> Model:
            stamp, name = self.stamp(), repr(key)
            payload = read_snapshot(self.store, stamp, name)
            if payload is not None:
                return model.model_validate_json(payload)
            value = build()
            if not getattr(self.store, "read_only", True) and stamp == data_stamp(self.store):
                try:
                    write_snapshot(self.store, stamp, name, value.model_dump_json())
                except StoreError:
                    pass  # another writer kept it first, or a write is under way: computed again next time

            return value

        return self.cached(key, read_or_build)

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """A value computed once per state of the data: writes (uploads, corrections)
        clear the cache; the least recently used of over CACHE_ENTRIES values is dropped,
        so varied query parameters cannot fill the memory."""
        self.stamp()
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one request builds a value; the others asking for it wait, then share it
            with self._cache_lock:
                if key in self._cache:
                    return self._cache[key]
                generation = self._generation
            # a value shared by every later request may take longer than one request's
            # deadline: each of its queries keeps the per-query limit, and when the request
            # has answered 503 meanwhile, the value still lands in the cache for the next one
            token = READ_DEADLINE.set(None)
            try:
                value = build()
            finally:
                READ_DEADLINE.reset(token)
                with self._cache_lock:
                    self._building.pop(key, None)
            with self._cache_lock:
                if generation == self._generation:  # not built from data a write has since changed
                    self._cache[key] = value
                    while len(self._cache) > CACHE_ENTRIES:
                        self._cache.popitem(last=False)
        return value

    def data_changed(self) -> None:
        """Forget cached answers and the actor system's view after a write."""
        with self._cache_lock:
            self._generation += 1
            self._cache.clear()
            self._system = None
            self._stamp = None

    def close(self) -> None:
        self.store.close()


def token_from_env(token: str | None) -> str | None:
    """The explicit token, else $EIRENE_TOKEN; empty means none."""
    if token is None:
        token = os.environ.get(ENV_TOKEN)
    return token or None
