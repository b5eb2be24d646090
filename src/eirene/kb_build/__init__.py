"""Build eirene's world-scale actor knowledge from open data (`eirene kb build SOURCES_DIR`).

Why a package of its own: the knowledge shipped in src/eirene/data/actors/built/ must
be reproducible from the sources alone: the same kb-sources folder gives the same bytes.
Readers (`politicians`, `organisations`) turn each source into draft entries, `draft`
merges one entity seen in several sources, and `output` writes the entries, the
attributions (SOURCES.md) and the coverage counts. Nothing here runs when eirene codes
text: coding reads the built file through the compiled index (`eirene.actors.compiled`).

    >>> report = build(Path("../shared/kb-sources"), BUILT_DIR)
    >>> report.counts_by_kind["person"]
DOCS: docs/knowledge-base.md
"""

from __future__ import annotations

from eirene.kb_build.output import BUILT_DIR, BuildReport, build

__all__ = ["BUILT_DIR", "BuildReport", "build"]
