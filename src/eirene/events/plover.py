"""The PLOVER event types as eirene scores them: quad class, intensity, CAMEO root, modes.

Why a module of its own: the table is data (src/eirene/data/lexicon/plover.yaml, loaded
by `eirene.events.lexicon`, where `TypeInfo` lives), but scoring an event from its type
and mode is one small job that the coder, exporters and analysis all share.

    >>> score("ASSAULT", "drone")
    (-10.0, 4, '19')
    >>> score("CONSULT", "visit")
    (1.9, 1, '04')
    >>> plover_types()["AID"].needs_recipient
    True
"""

from __future__ import annotations

from eirene.events.lexicon import Lexicon, TypeInfo

__all__ = ["QUAD_CLASS_NAMES", "TypeInfo", "plover_types", "score"]

QUAD_CLASS_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def plover_types(lexicon_or_none: Lexicon | None = None) -> dict[str, TypeInfo]:
    """The 16 PLOVER types keyed by name, from `lexicon` or else the built-in data.

    Pass the lexicon you code with, so a user's changed intensities count.
    RETURNS (dict[str, TypeInfo]): a fresh dict; the TypeInfo values are shared.
    """
    lexicon = lexicon_or_none if lexicon_or_none is not None else Lexicon.load()
    return dict(lexicon.types)


def score(event_type: str, mode: str | None, lexicon: Lexicon | None = None) -> tuple[float, int, str | None]:
    """(intensity, quad_class, cameo_root) of an event of `event_type` in `mode`.

    event_type (str): one of the 16 PLOVER types (raises KnowledgeBaseError E324
        otherwise). mode (str | None): a mode or alias; unknown modes score as the type.
    lexicon (Lexicon | None): whose type table to use; the built-in one by default.
    """
    return (lexicon if lexicon is not None else Lexicon.load()).score(event_type, mode)
