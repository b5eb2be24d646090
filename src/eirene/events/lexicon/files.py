"""Which lexicon files load, in what order, and their parsed contents (cached).

Parsed files are cached by path, modification time and size, so a long-lived process
sees an edited file and a test can clear the cache with `clear_parse_cache`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eirene.errors import KnowledgeBaseError
from eirene.knowledge_files import load_knowledge_file

BUILTIN_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "lexicon"
# Built-in files load in this order (any other built-in *.yaml after them, sorted).
BUILTIN_ORDER = (
    "plover.yaml", "verbs.yaml", "nouns.yaml", "light_verbs.yaml", "modes.yaml", "factuality.yaml", "intent.yaml",
    "speech.yaml", "roles.yaml",
)

FileKey = tuple[str, int, int]
_PARSE_CACHE: dict[FileKey, Any] = {}


def builtin_files() -> list[Path]:
    """The built-in lexicon files, in load order."""
    present = {p.name: p for p in BUILTIN_DIR.glob("*.yaml")}
    ordered = [present.pop(name) for name in BUILTIN_ORDER if name in present]
    return ordered + [present[name] for name in sorted(present)]


def type_table() -> Path:
    """The built-in PLOVER type table, which every lexicon loads first."""
    return BUILTIN_DIR / "plover.yaml"


def expand(paths: Sequence[str | Path]) -> list[Path]:
    """User paths as files: a directory stands for its *.yaml and *.yml files, by name (E326)."""
    files: list[Path] = []
    for item in paths:
        path = Path(item).expanduser()
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif path.suffix.lower() in {".yaml", ".yml"} or path.exists():
            files.append(path)
        else:
            raise KnowledgeBaseError("E326", path=str(path))
    return files


def file_key(path: Path) -> FileKey:
    """(path, modification time, size): what the caches are keyed by (E310 if unreadable)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise KnowledgeBaseError("E310", path=str(path), reason=exc.strerror or str(exc)) from exc
    return (str(path), stat.st_mtime_ns, stat.st_size)


def parse(path: Path) -> tuple[str, Any]:
    """Parse one file, or take it from the cache. RETURNS (path as text, data)."""
    key = file_key(path)
    if key not in _PARSE_CACHE:
        _PARSE_CACHE[key] = load_knowledge_file(path, code="E310")
    return str(path), _PARSE_CACHE[key]


def clear_parse_cache() -> None:
    """Forget every parsed file."""
    _PARSE_CACHE.clear()
