"""`eirene watch`: poll feeds and sitemaps, fetch and code what is new, until stopped.

Each poll is one fetch run (eirene.fetch.harvest) in the same session, so robots.txt
rules, per-host pacing and the open connections carry over; the story index too.
Between polls the loop sleeps on the session's stop event, so a stop (Ctrl-C, SIGTERM:
the CLI sets the event) ends the wait at once. A poll that fails as a whole (the
database is locked, a bug) is reported and the next poll comes as planned.
State lives in the store: a watch started again fetches only what it has not seen,
and first codes what a stopped one stored but had not coded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from eirene.errors import InputError
from eirene.fetch.harvest import HarvestSummary, ProgressHook, Sources, harvest
from eirene.fetch.session import FetchSession
from eirene.stories import DEFAULT_THRESHOLD, load_index
from eirene.store import Store

if TYPE_CHECKING:
    from eirene.document_coder import Coder

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_INTERVAL = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")


def parse_interval(text: str) -> float:
    """Seconds from "15m", "90s", "1h30m" or a bare number of seconds.

    RAISES (InputError E133): anything else, or an interval of zero.
    """
    compact = text.strip().lower().replace(" ", "")
    pieces = list(_INTERVAL.finditer(compact))
    if not compact or "".join(m.group(0) for m in pieces) != compact:
        raise InputError("E133", option="every", value=text, reason="write a number with s, m, h or d, e.g. 15m or 90s")
    seconds = sum(float(m.group(1)) * _UNITS[m.group(2) or "s"] for m in pieces)
    if seconds <= 0:
        raise InputError("E133", option="every", value=text, reason="the interval must be above zero, e.g. 15m")
    return seconds


def watch(sources: Sources, store: Store, session: FetchSession, *, every: float,
          coder_factory: Callable[[], Coder] | None = None, threshold: float = DEFAULT_THRESHOLD,
          polls: int | None = None, limit: int | None = None, model_name: str = "",
          on_poll: Callable[[int, HarvestSummary], None] | None = None,
          on_error: Callable[[int, Exception], None] | None = None,
          progress: ProgressHook | None = None) -> int:
    """Poll `sources` every `every` seconds until `session.stop()` (or `polls` polls).

    coder_factory: builds the Coder once, at the first document to code; None stores only.
    on_poll(number, summary): after each poll. on_error(number, error): a poll that failed.
    RETURNS (int): the number of polls made.
    """
    coder = cache(coder_factory) if coder_factory is not None else None
    stories = load_index(store, threshold)
    done = 0
    while not session.stopped:
        done += 1
        try:
            summary = harvest(sources, store, session, coder_factory=coder, index=stories, limit=limit,
                              model_name=model_name, progress=progress)
        except Exception as err:  # noqa: BLE001 - a failed poll must not end the watch
            if on_error is not None:
                on_error(done, err)
        else:
            if on_poll is not None:
                on_poll(done, summary)
        if polls is not None and done >= polls:
            break
        session.stop_event.wait(every)
    return done
