"""`CodingConfig`: every knob of a coding run, normalised once.

Why: the CLI, the Python API and the process pool's workers must build the same
coder from the same settings; a frozen, picklable config is what they pass around.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_DB = "EIRENE_DB"
ENV_CONFIG_DIR = "EIRENE_CONFIG_DIR"
DEFAULT_DB = "eirene.duckdb"


def default_db_path() -> str:
    """$EIRENE_DB, else eirene.duckdb in the current directory."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def default_config_dir() -> Path:
    """$EIRENE_CONFIG_DIR, else ~/.config/eirene (user actor and lexicon files live there)."""
    return Path(os.environ.get(ENV_CONFIG_DIR) or Path.home() / ".config" / "eirene")


@dataclass(frozen=True)
class CodingConfig:
    """How to code documents.

    model (str | None): spaCy pipeline name; None picks the default (see eirene.nlp).
    actor_files (tuple[str, ...]): user actor files merged over the built-in knowledge base.
    lexicon_files (tuple[str, ...]): user lexicon files merged over the built-in lexicon.
    batch_size (int): documents per `nlp.pipe` batch.
    workers (int): processes coding whole documents in parallel; 1 codes in this process.
    chunk_chars (int): long documents are parsed in paragraph-aligned chunks of this size.
    use_classifier (bool): let the shipped classifier code sentences with actors that no
        lexicon rule matched (events carry method "model:<version>").
    classifier_path (str | None): another classifier artefact (a directory or its .json,
        as `scripts/train_classifier.py --out` writes it) instead of the shipped one.
    """

    model: str | None = None
    actor_files: tuple[str, ...] = field(default_factory=tuple)
    lexicon_files: tuple[str, ...] = field(default_factory=tuple)
    config_dir: str | None = None
    batch_size: int = 32
    workers: int = 1
    chunk_chars: int = 100_000
    use_classifier: bool = True
    classifier_path: str | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("workers must be 1 or more")
        if self.batch_size < 1:
            raise ValueError("batch_size must be 1 or more")
