"""The compiled index of the built world-scale actor knowledge (SQLite, in a cache folder).

Why a module of its own: the built knowledge holds 130k+ entries. Reading them into
Python at every start would cost seconds and hundreds of MB; instead the gzipped JSON
lines shipped in the package (``data/actors/built/actors.jsonl.gz``) are compiled once
into an SQLite file named after the data's hash, and each lookup is one indexed query.
When the data changes, its hash changes and the index is rebuilt on first use.

The index lives in ``$EIRENE_CACHE_DIR`` (default ``~/.cache/eirene``). Set
``EIRENE_BUILT_ACTORS=off`` to code with the hand-curated files only.
DOCS: docs/knowledge-base.md
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from eirene.actors.entries import ActorEntry, Role, normalize_alias, strip_accents
from eirene.dates import parse_bound
from eirene.errors import KnowledgeBaseError

BUILT_FILE: Path = Path(__file__).resolve().parent.parent / "data" / "actors" / "built" / "actors.jsonl.gz"
ENV_CACHE_DIR = "EIRENE_CACHE_DIR"
ENV_SWITCH = "EIRENE_BUILT_ACTORS"
DEFAULT_CACHE_DIR = "~/.cache/eirene"
INDEX_FORMAT = "2"
_BUILD_LOCK = threading.Lock()


def cache_dir() -> Path:
    """Where compiled indexes are kept: $EIRENE_CACHE_DIR or ~/.cache/eirene."""
    return Path(os.environ.get(ENV_CACHE_DIR) or DEFAULT_CACHE_DIR).expanduser()


def built_enabled() -> bool:
    """False when the user switched the built knowledge off (EIRENE_BUILT_ACTORS=off)."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() not in {"off", "0", "no", "false"}


@lru_cache(maxsize=16)
def _file_hash(path: str, mtime_ns: int, size: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(INDEX_FORMAT.encode())
    return digest.hexdigest()


def data_hash(path: Path, directory: Path | None = None) -> str:
    """SHA-256 of the built data (and the index format): the name of its compiled index.

    The hash is remembered in the cache folder with the file's size and time, so a warm
    start does not read the data at all; any change to the file computes it again.
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise KnowledgeBaseError("E374", path=str(path), reason=exc.strerror or str(exc)) from exc
    stamp = f"{path.resolve()}|{st.st_mtime_ns}|{st.st_size}|{INDEX_FORMAT}"
    memo = (directory or cache_dir()) / f"actors-{hashlib.sha256(stamp.encode()).hexdigest()[:20]}.hash"
    try:
        remembered = memo.read_text(encoding="utf-8").strip()
        if len(remembered) == 64:
            return remembered
    except OSError:
        pass
    digest = _file_hash(str(path), st.st_mtime_ns, st.st_size)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        memo.write_text(digest, encoding="utf-8")
    except OSError:
        pass  # a read-only cache only costs the hash at each start
    return digest


def index_path(data: Path, directory: Path | None = None) -> Path:
    """The compiled index of `data`: one file per data hash."""
    return (directory or cache_dir()) / f"actors-{data_hash(data, directory)[:20]}.sqlite"


def _read_records(data: Path) -> Iterator[dict[str, Any]]:
    try:
        with gzip.open(data, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline() or "{}")
            if header.get("format") != 1:
                raise KnowledgeBaseError("E374", path=str(data), reason=f"unknown format {header.get('format')!r}")
            for line in handle:
                yield json.loads(line)
    except (OSError, ValueError, EOFError) as exc:
        raise KnowledgeBaseError("E374", path=str(data), reason=str(exc)) from exc


def compile_index(data: Path, target: Path) -> Path:
    """Write the SQLite index of `data` to `target` (atomically: a temporary file, renamed)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
            "CREATE TABLE entries(id TEXT PRIMARY KEY, body TEXT NOT NULL);"
            "CREATE TABLE names(key TEXT NOT NULL, id TEXT NOT NULL, rank INTEGER NOT NULL);"
            "CREATE TABLE folded(id TEXT NOT NULL, text TEXT NOT NULL);"
        )
        with con:
            count = 0
            for record in _read_records(data):
                _insert(con, record)
                count += 1
            con.execute("INSERT INTO meta VALUES ('entries', ?)", (str(count),))
            con.execute("CREATE INDEX names_key ON names(key, rank)")
            con.execute("INSERT INTO meta VALUES ('data_sha256', ?), ('format', ?)",
                        (data_hash(data, target.parent), INDEX_FORMAT))
        con.close()
        os.replace(tmp, target)
        _prune(target.parent)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise KnowledgeBaseError("E373", path=str(target), reason=str(exc)) from exc
    return target


def _prune(directory: Path, keep: int = 3) -> None:
    """Remove all but the `keep` newest compiled indexes: each data version leaves one
    (an open index stays readable after its file is removed)."""
    indexes = sorted(directory.glob("actors-*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in indexes[keep:]:
        old.unlink(missing_ok=True)


def _insert(con: sqlite3.Connection, record: dict[str, Any]) -> None:
    """One entry, its name keys (ranked: more roles first) and its folded names for search."""
    ident = record["id"]
    con.execute("INSERT INTO entries VALUES (?, ?)", (ident, json.dumps(record, ensure_ascii=False)))
    rank = -len(record.get("roles") or ())
    keys = dict.fromkeys(k for k in (normalize_alias(n) for n in (record["name"], *record.get("aliases", ()))) if k)
    con.executemany("INSERT INTO names VALUES (?, ?, ?)", [(k, ident, rank) for k in keys])
    folded = {strip_accents(n).casefold() for n in (record["name"], *record.get("aliases", ()))}
    con.executemany("INSERT INTO folded VALUES (?, ?)", [(ident, f) for f in sorted(folded)])


class CompiledIndex:
    """Read-only lookups in one compiled index; entries are decoded once and cached."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            row = self._con.execute("SELECT value FROM meta WHERE key = 'entries'").fetchone()
            self._size = int(row[0]) if row else 0
        except sqlite3.Error as exc:
            raise KnowledgeBaseError("E373", path=str(path), reason=str(exc)) from exc
        self._lock = threading.Lock()
        self._entry = lru_cache(maxsize=65536)(self._decode)
        self._named = lru_cache(maxsize=131072)(self._ids_named)  # most lookups miss, and repeat

    @classmethod
    def open(cls, data: Path = BUILT_FILE, directory: Path | None = None) -> CompiledIndex | None:
        """The index of `data`, compiled first if it is missing or stale; None if no data."""
        if not data.is_file():
            return None
        target = index_path(data, directory)
        with _BUILD_LOCK:
            if not target.is_file() or not _matches(target, data_hash(data, directory)):
                compile_index(data, target)
        return cls(target)

    def __len__(self) -> int:
        return self._size

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def ids_named(self, key: str) -> list[str]:
        """Ids of entries with this normalised name key, most roles first."""
        return list(self._named(key))

    def _ids_named(self, key: str) -> tuple[str, ...]:
        return tuple(r[0] for r in self._rows("SELECT id FROM names WHERE key = ? ORDER BY rank, id", (key,)))

    def get(self, ident: str) -> ActorEntry | None:
        """The entry with this id, or None."""
        return self._entry(ident)

    def _decode(self, ident: str) -> ActorEntry | None:
        rows = self._rows("SELECT body FROM entries WHERE id = ?", (ident,))
        return entry_from_record(json.loads(rows[0][0])) if rows else None

    def search(self, needle: str, limit: int) -> list[ActorEntry]:
        """Entries with a name containing `needle` (already accent-stripped and case-folded)."""
        rows = self._rows("SELECT DISTINCT id FROM folded WHERE text LIKE ? ESCAPE '\\' LIMIT ?",
                          ("%" + needle.replace("%", "\\%").replace("_", "\\_") + "%", limit * 5))
        return [e for e in (self.get(r[0]) for r in rows) if e is not None]


def _matches(target: Path, expected: str) -> bool:
    try:
        con = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'data_sha256'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == expected


def _day(text: str | None, *, end: bool) -> date | None:
    return parse_bound(text, end=end) if text else None


def entry_from_record(record: dict[str, Any]) -> ActorEntry:
    """An ActorEntry from one built record. A person whose roles have all ended is ELI
    (PLOVER: former officials); an organisation keeps its own sector."""
    roles = tuple(
        Role(r["title"], r.get("country"), r.get("sector"), _day(r.get("start"), end=False),
             _day(r.get("end"), end=True), None, r.get("source"))
        for r in record.get("roles", ())
    )
    kind = record["kind"]
    return ActorEntry(
        id=record["id"], name=record["name"], kind=kind, country=record.get("country"),
        sector=record.get("sector"), aliases=tuple(record.get("aliases", ())), roles=roles,
        former_sector="ELI" if kind == "person" else (record.get("sector") or "CVL"),
        source="built: " + ", ".join(record.get("sources", ())), died=record.get("died"),
        secondary_sector=record.get("sector2"), wikidata=record.get("wikidata"),
        sources=tuple(record.get("sources", ())),
    )


@lru_cache(maxsize=4)
def _open_cached(data: str, mtime_ns: int, size: int, directory: str) -> CompiledIndex | None:
    return CompiledIndex.open(Path(data), Path(directory))


def default_index() -> CompiledIndex | None:
    """The compiled index of the shipped built knowledge (None when switched off or absent)."""
    if not built_enabled() or not BUILT_FILE.is_file():
        return None
    st = BUILT_FILE.stat()
    return _open_cached(str(BUILT_FILE), st.st_mtime_ns, st.st_size, str(cache_dir()))


__all__ = ["BUILT_FILE", "CompiledIndex", "cache_dir", "compile_index", "data_hash", "default_index",
           "entry_from_record", "index_path"]
