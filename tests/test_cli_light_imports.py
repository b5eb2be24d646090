"""Commands that only read the database start light: they never import spaCy, and those
that name no actor never import the actor knowledge base.

Why: `eirene docs` or `eirene stats` on a laptop should answer in a moment, and loading
spaCy and the knowledge base (100k+ names) costs seconds and hundreds of MB. dyad,
network, claims and the web's analysis pages look the actor names users type up in the
knowledge base, so they may import it (the web app only on the first such page), but
none of them parses text, so none imports spaCy or the document coder.

Each command runs in its own interpreter (a module imported by an earlier test would
hide the import), then the test reads that interpreter's sys.modules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

PARSING = ("spacy", "thinc", "eirene.document_coder", "eirene.nlp", "eirene.actors.matcher", "eirene.actors.resolve")
KNOWLEDGE = ("eirene.actors.kb", "eirene.actors.compiled", "eirene.knowledge_files")

RUN_AND_LIST = """
import json, sys
from eirene.cli import cli
try:
    cli(args=json.loads(sys.argv[1]), prog_name="eirene", standalone_mode=False)
except SystemExit:
    pass
print("\\nMODULES " + json.dumps(sorted(sys.modules)))
"""


def modules_after(args: list[str]) -> set[str]:
    """The modules one `eirene ARGS` run has imported when it ends."""
    done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, json.dumps(args)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}, timeout=300, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def loaded(modules: set[str], prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes))


@pytest.mark.parametrize("args", [["docs"], ["events"], ["stats"], ["serve", "--get", "/events"],
                                  ["serve", "--get", "/api/stats"]])
def test_commands_that_name_no_actor_import_neither_spacy_nor_the_knowledge_base(hand_db: Path, args) -> None:
    modules = modules_after([*args, "--db", str(hand_db)])
    assert "eirene.cli" in modules  # the command did run in that interpreter
    assert loaded(modules, PARSING) == []
    if args[0] != "serve":  # the web app imports the kb module at start, and loads it on an analysis page
        assert loaded(modules, KNOWLEDGE) == []


@pytest.mark.parametrize("args", [["dyad", "Pakistan", "United States"], ["network"], ["claims"],
                                  ["serve", "--get", "/network"]])
def test_analysis_commands_never_import_spacy(hand_db: Path, args) -> None:
    modules = modules_after([*args, "--db", str(hand_db)])
    assert "eirene.analysis" in modules
    assert loaded(modules, PARSING) == []
