"""eirene: political event data (PLOVER) from news text, with provenance.

    >>> import eirene
    >>> events = eirene.code_text("Pakistan's foreign minister visited Moscow on Tuesday.", date="2018-02-20")
"""

from eirene.records import ActorRef, DocFailure, DocResult, Document, Event, Location

__version__ = "0.1.0"

__all__ = sorted([
    "ActorRef",
    "DocFailure",
    "DocResult",
    "Document",
    "Event",
    "Location",
    "__version__",
])
