"""A coder whose `code_many` runs on Ray actors: the model loads once per actor, documents
go out in batches, results stream back to the one process that writes the database.

Why Ray actors rather than tasks: loading spaCy, the knowledge base and the lexicon takes
seconds, so each actor loads them once and codes many batches. Why one writer: the
results reach the store through the ordinary coding run (eirene.coding_run: skip what is
stored, one transaction per batch, the run record), so a DuckDB file works as well as
PostgreSQL and nothing about storing is done twice. Why retries never duplicate: an
event's id is a hash of its document and place (records.Event.make_id), and a document
saved again with the same content is a no-op, so a batch Ray retries after a lost actor
stores the same rows, once. A killed run resumes like any other: the re-run skips the
documents already stored.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from types import TracebackType
from typing import Any, Self

from eirene.config import CodingConfig
from eirene.errors import ScaleError
from eirene.records import DocFailure, DocResult, Document

IN_FLIGHT_PER_ACTOR = 2  # batches queued on each actor: one coding, one waiting


@dataclass(frozen=True)
class RaySettings:
    """Where and how wide to code.

    address (str): "auto" (the running cluster if there is one, else a new one on this
        machine), "local" (always a new one here), or a cluster address
        ("ray://head:10001", "head:6379").
    actors (int | None): coder actors; None: one per CPU of the cluster.
    cpus (int | None): CPUs of a cluster started here (None: all of them).
    batch_size (int): documents per batch sent to an actor.
    """

    address: str = "auto"
    actors: int | None = None
    cpus: int | None = None
    batch_size: int = 16


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ScaleError("E419") from exc
    return ray


class _CoderActor:
    """One Ray worker's coder: built once, codes batch after batch."""

    def __init__(self, config: CodingConfig) -> None:
        from eirene.document_coder import Coder

        self.coder = Coder(config)

    def code(self, documents: list[Document]) -> list[DocResult | DocFailure]:
        return list(self.coder.code_many(documents, on_error="record"))

    def peak_memory_mb(self) -> float:
        """This worker's peak resident memory (for benchmarks/scale.py)."""
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RayCoder:
    """Codes documents on Ray actors; use it where eirene.coding_run expects a Coder.

    config (CodingConfig): how each actor builds its Coder (workers is set to 1: Ray
        gives each actor its own CPU).
    settings (RaySettings): the cluster and the width.
    Connects on the first `code_many`, so a run with nothing to code starts no cluster.
    """

    def __init__(self, config: CodingConfig, settings: RaySettings = RaySettings()) -> None:
        self.config = replace(config, workers=1)
        self.settings = settings
        self.model = config.model
        self._started_here = False
        self._actors: list[Any] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _connect(self) -> Any:
        """ray.init as `settings.address` says; RETURNS the ray module."""
        ray = _ray()
        if ray.is_initialized():
            return ray
        options: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                   "configure_logging": True}
        address = self.settings.address
        try:
            if address in ("auto", "local"):
                try:
                    if address == "local":
                        raise ConnectionError("a new cluster was asked for")
                    ray.init(address="auto", **options)
                except ConnectionError:
                    ray.init(num_cpus=self.settings.cpus, **options)
                    self._started_here = True
            else:
                ray.init(address=address, **options)
        except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError ...
            raise ScaleError("E420", address=address, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc
        return ray

    def _start_actors(self, ray: Any) -> list[Any]:
        if not self._actors:
            width = self.settings.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
            remote = ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)(_CoderActor)
            self._actors = [remote.remote(self.config) for _ in range(width)]
        return self._actors

    def code_many(self, documents: Iterable[Document], on_error: str = "record") -> Iterator[DocResult | DocFailure]:
        """Code the documents on the actors; results come as batches finish (not in input
        order). A document that fails is a DocFailure, as in a local run; an actor that
        cannot code at all (its model does not load) stops the run with E421."""
        ray = self._connect()
        actors = self._start_actors(ray)
        batches = _batches(documents, self.settings.batch_size)
        pending: dict[Any, list[Document]] = {}
        turn = 0
        queue: deque[Any] = deque()
        while True:
            while len(pending) < IN_FLIGHT_PER_ACTOR * len(actors):
                batch = next(batches, None)
                if batch is None:
                    break
                ref = actors[turn % len(actors)].code.remote(batch)
                turn += 1
                pending[ref] = batch
                queue.append(ref)
            if not pending:
                return
            done, _ = ray.wait(list(queue), num_returns=1)
            queue.remove(done[0])
            batch = pending.pop(done[0])
            try:
                results = ray.get(done[0])
            except Exception as exc:
                reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
                raise ScaleError("E421", first=batch[0].id, reason=reason) from exc
            yield from results

    def peak_memory_mb(self) -> list[float]:
        """Each actor's peak resident memory, in MB (empty before the first `code_many`)."""
        if not self._actors:
            return []
        ray = _ray()
        return [float(mb) for mb in ray.get([actor.peak_memory_mb.remote() for actor in self._actors])]

    def close(self) -> None:
        """Let the actors go, and stop the cluster if this coder started it."""
        if not self._actors and not self._started_here:
            return
        ray = _ray()
        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._started_here:
            ray.shutdown()
            self._started_here = False


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """The documents in lists of `size`, read lazily (the input may be larger than memory)."""
    stream = iter(documents)
    while batch := list(islice(stream, size)):
        yield batch
