"""The PLOVER event types as eirene scores them: quad class, intensity, CAMEO root, modes.

Why a module of its own: the table is data (src/eirene/data/lexicon/plover.yaml,
loaded by `eirene.events.lexicon`), but scoring an event from its type and mode is
one small job that the coder, exporters and analysis all share. This module imports
no other eirene module; the built-in table comes with the lexicon
(`eirene.events.lexicon.plover_types` and `score`):

    >>> from eirene.events.lexicon import plover_types, score
    >>> score("ASSAULT", "drone")
    (-10.0, 4, '19')
    >>> score("CONSULT", "visit")
    (1.9, 1, '04')
    >>> plover_types()["AID"].needs_recipient
    True
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TypeInfo:
    """One PLOVER event type.

    name (str): the type, e.g. "ASSAULT".
    quad_class (int): 1 verbal cooperation, 2 material cooperation, 3 verbal
        conflict, 4 material conflict.
    intensity (float): Goldstein-like score, -10 (most hostile) .. +10.
    cameo_root (str | None): two-digit CAMEO root the type maps to.
    needs_recipient (bool): the coder drops an event of this type without a recipient.
    modes (tuple[str, ...]): the modes PLOVER allows for the type, in cue order.
    mode_intensity (dict[str, float]): intensities that differ by mode (read-only).
    mode_cameo (dict[str, str]): CAMEO roots that differ by mode (read-only).
    mode_aliases (dict[str, str]): other spellings of modes -> the mode (read-only).
    description (str): one line on what the type covers.
    reciprocal (bool): several actors doing it together with no recipient named are
        each other's recipients ("Russia and Pakistan held talks").
    domestic_target (str | None): the sector of the implied recipient when an actor of
        one country does it with no target named and the sentence names no other
        country: "Nepalese opposition parties called a general strike" is a protest
        against Nepal's government (GOV), as PLOVER and ICEWS code domestic events.
    """

    name: str
    quad_class: int
    intensity: float
    cameo_root: str | None
    needs_recipient: bool
    modes: tuple[str, ...]
    mode_intensity: dict[str, float]
    mode_cameo: dict[str, str] = field(default_factory=dict)
    mode_aliases: dict[str, str] = field(default_factory=dict)
    description: str = ""
    reciprocal: bool = False
    domestic_target: str | None = None

    def canonical_mode(self, mode: str | None) -> str | None:
        """The mode as PLOVER names it ("suicide" -> "suicide-attack"), or None if unknown."""
        if not mode:
            return None
        key = mode.strip().lower()
        key = self.mode_aliases.get(key, key)
        return key if key in self.modes else None

    def score(self, mode: str | None = None) -> tuple[float, int, str | None]:
        """(intensity, quad_class, cameo_root) for this type in `mode` (unknown modes score as the type)."""
        known = self.canonical_mode(mode)
        if known is None:
            return self.intensity, self.quad_class, self.cameo_root
        return (
            self.mode_intensity.get(known, self.intensity),
            self.quad_class,
            self.mode_cameo.get(known, self.cameo_root),
        )
