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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eirene.store import Store, open_store

if TYPE_CHECKING:
    from eirene.analysis import ActorSystem
    from eirene.document_coder import Coder

ENV_TOKEN = "EIRENE_TOKEN"


class WebState:
    """The app's shared resources.

    db (str | Path): the database: a DuckDB file (must exist and hold eirene data) or a
        PostgreSQL URL, as open_store takes it.
    token (str | None): the upload token; None or "" means read-only.
    max_upload_bytes (int): largest request body accepted by write endpoints (413 above).
    coder_factory: builds the Coder on first upload (tests pass their loaded one).
    """

    def __init__(
        self,
        db: str | Path,
        *,
        token: str | None,
        max_upload_bytes: int,
        coder_factory: Callable[[], Coder] | None = None,
    ) -> None:
        self.db = str(db)
        self.token = token or None
        self.max_upload_bytes = max_upload_bytes
        self.store: Store = open_store(db, read_only=self.token is None)
        self.write_lock = threading.Lock()
        self._coder_factory = coder_factory
        self._coder: Coder | None = None
        self._coder_lock = threading.Lock()
        self._system: ActorSystem | None = None
        self._cache: dict[Any, Any] = {}

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

    def cached(self, key: Any, build: Callable[[], Any]) -> Any:
        """A value computed once per state of the data (uploads clear the cache)."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def data_changed(self) -> None:
        """Forget cached layouts and the actor system's view after an upload."""
        self._cache.clear()
        self._system = None

    def close(self) -> None:
        self.store.close()


def token_from_env(token: str | None) -> str | None:
    """The explicit token, else $EIRENE_TOKEN; empty means none."""
    if token is None:
        token = os.environ.get(ENV_TOKEN)
    return token or None
