"""What every exporter shares: the signature, paging through events, safe writing, labels.

Why one signature: the CLI, the web app and a user's own format all call an exporter
the same way, `export_x(store, flt, out_path) -> int` (rows or records written), so a
new format is one function and one `register_exporter` line (see eirene/export/__init__.py).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from eirene.errors import StoreError
from eirene.knowledge_files import load_knowledge_file
from eirene.records import ActorRef, Event
from eirene.store.base import EventFilter, Store

Exporter = Callable[[Store, EventFilter, Path], int]
# Where each field of one record goes in a format: {field: the column(s) or key it fills,
# or None when the format has no place for it}. An exporter of events declares one per
# record (Event, ActorRef, Location) naming every field, so a field added to a record
# makes tests/test_record_fields.py fail until each format says what becomes of it.
FieldMap = dict[str, str | None]

PAGE_SIZE = 2000  # events loaded per query: keeps memory flat on millions of events


def iter_events(store: Store, flt: EventFilter, page_size: int = PAGE_SIZE) -> Iterator[Event]:
    """Every event matching `flt` in store order, loaded one page at a time.

    Honours the filter's own limit and offset (a user asking for 10 events gets 10).
    """
    remaining = flt.limit
    offset = flt.offset
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        page = store.events(dataclasses.replace(flt, limit=size, offset=offset))
        yield from page
        if len(page) < size:
            return
        offset += len(page)
        if remaining is not None:
            remaining -= len(page)


def documents_by_id(store: Store) -> dict[str, dict[str, Any]]:
    """Document metadata (no text) by id: the publication fields the formats carry."""
    return {doc["id"]: doc for doc in store.documents()}


@contextmanager
def atomic_text(out_path: Path, code: str = "E451") -> Iterator[IO[str]]:
    """A text file that appears at `out_path` only when complete (no half-written exports).

    RAISES (StoreError): `code` (E451) when the folder is missing or not writable.
    """
    out_path = Path(out_path)
    if out_path.is_dir():
        raise StoreError(code, path=str(out_path), reason="it is a folder; give a file name")
    part = out_path.with_name(f".{out_path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    try:
        # os.open with 0o666 leaves the permissions to the user's umask, like any new file
        handle = os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise StoreError(code, path=str(out_path), reason=exc.strerror or str(exc)) from exc
    try:
        with handle:
            yield handle
        os.replace(part, out_path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise StoreError(code, path=str(out_path), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


@functools.cache
def labels() -> dict[str, Any]:
    """The label tables of labels.yaml (sector names, CAMEO roots, quad codes, ...)."""
    return load_knowledge_file(Path(__file__).resolve().parent / "labels.yaml", code="E455")


@functools.cache
def country_name(code: str | None) -> str:
    """ISO 3166 alpha-3 code -> English short name ("PAK" -> "Pakistan"); "" for None."""
    if not code:
        return ""
    extra = labels()["countries"]
    if code in extra:
        return extra[code]
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


def sector_label(code: str | None) -> str:
    """PLOVER sector code -> sector name ("MIL" -> "Military"); unknown codes pass through."""
    if not code:
        return ""
    return labels()["sectors"].get(code, code)


def joined(values: Any, sep: str = "; ") -> str:
    """Several values in one cell, in order, missing ones as empty strings."""
    return sep.join("" if v is None else str(v) for v in values)


def names(refs: tuple[ActorRef, ...]) -> str:
    return joined(r.name for r in refs)


def cell(value: Any) -> str:
    """One TSV cell: None -> "", tabs and line breaks -> spaces (some readers split rows on them)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return _BREAKS.sub(" ", str(value))


_BREAKS = re.compile(r"[\t\r\n\v\f\x85\u2028\u2029]+")


def write_tsv(out_path: Path, columns: tuple[str, ...], rows: Iterator[list[Any]]) -> int:
    """A header line and one line per row, tab-separated; fields with quotes are quoted
    the standard (RFC 4180) way, so pandas, R's readr and spreadsheets read them as written.
    RETURNS (int): data rows written."""
    count = 0
    with atomic_text(out_path) as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(v) for v in row])
            count += 1
    return count
