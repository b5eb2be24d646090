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
    """One PLOVER event type and how the coder treats it (plover.yaml `types`).

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
    clause_recipient (bool): the subject of the trigger's that-clause receives
        ("demanded that Pakistan stop"), or the owner of the demanded thing ("demanded
        an apology from Moscow").
    place_recipient (bool): with no actor receiving, the place the deed is done to
        receives ("imposed a curfew in Algiers").
    complement_place_recipient (bool): a control verb of this type takes the place of
        its complement's deed ("threatened to impose a curfew in Algiers").
    purpose_recipient (bool): with no recipient, whoever the purpose names receives
        ("a hunger strike to protest Sweden's decision").
    condition_recipient (bool): with no recipient, the subject of an "if"/"unless"
        clause receives ("... unless Baghdad accepts").
    dated_by_death (bool): an undated event on a person the knowledge base knows died
        is dated by that death.
    official_type (str | None): the type an event of this type becomes when every actor
        is a state or a government organ and it is not announced (PLOVER's PROTEST is a
        demonstration; a government "protesting" an act accuses: ACCUSE).
    multilateral_mode (str | None): the mode of an event with no mode cue whose clause
        names at least `multilateral_parties` distinct parties (CONSULT "multilateral").
    armed_recipient_type (str | None): the type an event of this type becomes when its
        trigger is one of roles.yaml's `armed_support_words` and every recipient is an
        armed group: "Pakistani support for the insurgents" is material aid (AID).
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
    armed_recipient_type: str | None = None
    clause_recipient: bool = False
    place_recipient: bool = False
    complement_place_recipient: bool = False
    purpose_recipient: bool = False
    condition_recipient: bool = False
    dated_by_death: bool = False
    official_type: str | None = None
    multilateral_mode: str | None = None
    multilateral_parties: int = 0

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
