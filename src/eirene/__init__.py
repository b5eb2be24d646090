"""eirene: political event data (PLOVER) from news text, with provenance.

    >>> from eirene import Coder, Document
    >>> coder = Coder()
    >>> result = coder.code(Document(id="a1", text="Pakistan's foreign minister met Sergey Lavrov.", date="2018-02-20"))
    >>> [(e.event_type, [a.name for a in e.actors], [r.name for r in e.recipients]) for e in result.events]
    [('CONSULT', ['Pakistan'], ['Sergey Lavrov'])]

Heavy parts (spaCy, DuckDB) load on first use, not at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eirene.records import ActorRef, DocFailure, DocResult, Document, Event, Location

__version__ = "0.1.0"

__all__ = sorted([
    "ActorRef",
    "Coder",
    "CodingConfig",
    "DocFailure",
    "DocResult",
    "Document",
    "Event",
    "Location",
    "__version__",
    "code",
    "open",
    "open_store",
])

if TYPE_CHECKING:
    from eirene.config import CodingConfig
    from eirene.document_coder import Coder, code
    from eirene.analysis import open  # noqa: A004
    from eirene.store import open_store

_LAZY = {
    "Coder": "eirene.document_coder",
    "code": "eirene.document_coder",
    "CodingConfig": "eirene.config",
    "open_store": "eirene.store",
    "open": "eirene.analysis",
}


def __getattr__(name: str) -> Any:
    """Import the coder and the store only when they are first used."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eirene' has no attribute {name!r}")
