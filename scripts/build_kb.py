"""Build the world-scale actor knowledge from a kb-sources folder (same as `eirene kb build`).

    python scripts/build_kb.py ../shared/kb-sources      # rewrite src/eirene/data/actors/built/

Writes actors.jsonl.gz and SOURCES.md (commits, licences, attributions) and prints the
coverage per kind and per source. The same sources always give the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from eirene.cli import main  # noqa: E402  (after the path above)

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "kb", "build", *sys.argv[1:]]
    main()
