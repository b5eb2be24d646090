"""Scenario inputs: the actors' capability, position and salience, with where each came from.

Two file forms are read: the CSV every implementation of the model uses (columns
Actor, Capability, Position, Salience, as in ../shared/scenario/eu_example.csv) and
the YAML that `derive_inputs` writes (the same numbers plus the issue, the scale and
the evidence of every number). An analyst edits either by hand, or overrides single
numbers with `apply_overrides(inputs, ["PAK.salience=0.9"])`.

    >>> inputs = read_inputs("eu_example.csv")
    >>> inputs = apply_overrides(inputs, ["UK.salience=0.5"])
    >>> input_hash(inputs)[:12]          # cites exactly these numbers
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from eirene.errors import ScenarioError

FIELDS: tuple[str, ...] = ("capability", "position", "salience")
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Evidence:
    """Why a proposed number is what it is.

    summary (str): one readable line ("3 cooperative, 1 conflictual event with Taliban").
    proposed (float | None): the number the derivation proposed; when the input differs
        from it, the analyst changed the number.
    event_ids (tuple[str, ...]): the stored events the number was computed from.
    figures (Mapping[str, Any]): the other figures used (counts, GDP, their years ...).
    """

    summary: str
    proposed: float | None = None
    event_ids: tuple[str, ...] = ()
    figures: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"summary": self.summary}
        if self.proposed is not None:
            out["proposed"] = self.proposed
        if self.figures:
            out["figures"] = dict(self.figures)
        if self.event_ids:
            out["events"] = list(self.event_ids)
        return out


@dataclass(frozen=True)
class ActorInput:
    """One actor of a scenario.

    name (str): how the actor is shown and named in overrides ("Pakistan").
    capability (float): what it can bring to bear on the issue (>= 0; only ratios matter).
    position (float): where it stands on the issue's scale.
    salience (float): how much the issue matters to it, 0..1.
    key (str | None): its node in the actor system ("PAK", "taliban"), when derived.
    evidence (Mapping[str, Evidence]): per field (capability, position, salience).
    confirm (tuple[str, ...]): fields the user must confirm (no evidence backs them).
    """

    name: str
    capability: float
    position: float
    salience: float
    key: str | None = None
    evidence: Mapping[str, Evidence] = field(default_factory=dict)
    confirm: tuple[str, ...] = ()

    def edited(self) -> tuple[str, ...]:
        """The fields whose value differs from the number the derivation proposed."""
        return tuple(f for f in FIELDS if f in self.evidence and self.evidence[f].proposed is not None
                     and not math.isclose(getattr(self, f), self.evidence[f].proposed, rel_tol=1e-12))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.key is not None:
            out["key"] = self.key
        out.update(capability=self.capability, position=self.position, salience=self.salience)
        if self.confirm:
            out["confirm"] = list(self.confirm)
        if self.evidence:
            out["evidence"] = {f: self.evidence[f].to_dict() for f in FIELDS if f in self.evidence}
        return out


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything a run needs: the actors and the scale they are placed on.

    scale (tuple[float, float] | None): the issue's two ends (low, high); None takes the
        span of the positions given, as the published examples do.
    issue (str | None): the issue's name. ends (Mapping[str, str]): what each end means.
    derived (Mapping[str, Any]): how the inputs were derived (database, as_of, window).
    """

    actors: tuple[ActorInput, ...]
    scale: tuple[float, float] | None = None
    issue: str | None = None
    ends: Mapping[str, str] = field(default_factory=dict)
    derived: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_inputs(self)

    @property
    def names(self) -> list[str]:
        return [a.name for a in self.actors]

    def span(self) -> float:
        """The width of the scale that distances are measured against (1.0 if all agree)."""
        low, high = self.scale if self.scale is not None else self.bounds()
        return float(high - low) or 1.0

    def bounds(self) -> tuple[float, float]:
        """The scale, or the lowest and highest position given."""
        if self.scale is not None:
            return self.scale
        positions = [a.position for a in self.actors]
        return min(positions), max(positions)

    def actor(self, name: str) -> ActorInput:
        """The actor called `name` (or with that key), case-insensitively.

        RAISES (ScenarioError E543): no such actor.
        """
        wanted = name.strip().lower()
        for a in self.actors:
            if a.name.lower() == wanted or (a.key or "").lower() == wanted:
                return a
        raise ScenarioError("E543", value=name, known=", ".join(self.names))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"eirene_scenario": FORMAT_VERSION}
        if self.issue is not None:
            out["issue"] = self.issue
        if self.scale is not None:
            out["scale"] = list(self.scale)
        if self.ends:
            out["ends"] = dict(self.ends)
        if self.derived:
            out["derived"] = dict(self.derived)
        out["actors"] = [a.to_dict() for a in self.actors]
        return out


def check_inputs(inputs: ScenarioInputs) -> None:
    """RAISES (ScenarioError E545): no actors, a duplicate name, or a number out of range."""
    if not inputs.actors:
        raise ScenarioError("E545", reason="there are no actors")
    seen: set[str] = set()
    for a in inputs.actors:
        if a.name.lower() in seen:
            raise ScenarioError("E545", reason=f"two actors are called '{a.name}'")
        seen.add(a.name.lower())
        for name in FIELDS:
            value = getattr(a, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ScenarioError("E545", reason=f"{a.name}: {name} {value!r} is not a number")
        if a.capability < 0:
            raise ScenarioError("E545", reason=f"{a.name}: capability {a.capability} is below 0")
        if not 0.0 <= a.salience <= 1.0:
            raise ScenarioError("E545", reason=f"{a.name}: salience {a.salience} is outside 0..1")
    if inputs.scale is not None:
        low, high = inputs.scale
        if not low < high:
            raise ScenarioError("E545", reason=f"the scale {low}..{high} must run from low to high")
        for a in inputs.actors:
            if not low <= a.position <= high:
                raise ScenarioError("E545", reason=f"{a.name}: position {a.position} is outside the scale "
                                    f"{low}..{high}")


# -- reading ----------------------------------------------------------------------
def read_inputs(path: str | Path) -> ScenarioInputs:
    """Read scenario inputs from a .csv (Actor, Capability, Position, Salience) or .yaml file.

    RAISES (ScenarioError): E540 the file cannot be read, E541 a row or entry is wrong,
    E545 the numbers are out of range.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError("E540", path=str(path), reason=str(exc)) from exc
    if path.suffix.lower() == ".csv":
        return inputs_from_csv(text, where=str(path))
    if path.suffix.lower() in (".yaml", ".yml"):
        return inputs_from_yaml(text, where=str(path))
    raise ScenarioError("E540", path=str(path), reason=f"unsupported file type '{path.suffix}'; use .csv or .yaml")


def inputs_from_csv(text: str, where: str = "<csv>") -> ScenarioInputs:
    """Inputs from CSV text with the columns Actor, Capability, Position, Salience (any case, any order)."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    missing = [c for c in ("actor", *FIELDS) if c not in columns]
    if missing:
        raise ScenarioError("E541", where=where, line=1, reason="missing column(s) " + ", ".join(missing)
                            + "; the header must name Actor, Capability, Position, Salience")
    actors = []
    for number, row in enumerate(reader, start=2):
        name = (row.get(columns["actor"]) or "").strip()
        if not name and not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        if not name:
            raise ScenarioError("E541", where=where, line=number, reason="the Actor column is empty")
        values = {f: _number(row.get(columns[f]), f, where, number) for f in FIELDS}
        actors.append(ActorInput(name=name, **values))
    return ScenarioInputs(actors=tuple(actors))


def inputs_from_yaml(text: str, where: str = "<yaml>") -> ScenarioInputs:
    """Inputs from the YAML that derive_inputs writes (or a hand-written one with `actors:`)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError("E540", path=where, reason="not valid YAML: " + str(exc).splitlines()[0]) from exc
    if not isinstance(data, Mapping) or not isinstance(data.get("actors"), list):
        raise ScenarioError("E541", where=where, line="-", reason="the file needs a list `actors:` of entries "
                            "with name, capability, position and salience")
    actors = tuple(_actor_from_yaml(entry, where, index) for index, entry in enumerate(data["actors"], start=1))
    scale = data.get("scale")
    if scale is not None:
        scale = _scale(scale, where)
    return ScenarioInputs(actors=actors, scale=scale, issue=data.get("issue"),
                          ends=dict(data.get("ends") or {}), derived=dict(data.get("derived") or {}))


def _actor_from_yaml(entry: Any, where: str, index: int) -> ActorInput:
    if not isinstance(entry, Mapping) or not str(entry.get("name") or "").strip():
        raise ScenarioError("E541", where=where, line=f"actor {index}", reason="each actor needs a name")
    name = str(entry["name"]).strip()
    values = {f: _number(entry.get(f), f, where, f"actor {index} ({name})") for f in FIELDS}
    evidence = {}
    for fname, item in (entry.get("evidence") or {}).items():
        if fname in FIELDS and isinstance(item, Mapping):
            evidence[fname] = Evidence(summary=str(item.get("summary", "")), proposed=item.get("proposed"),
                                       event_ids=tuple(str(e) for e in item.get("events") or ()),
                                       figures=dict(item.get("figures") or {}))
    confirm = tuple(str(f) for f in entry.get("confirm") or () if f in FIELDS)
    key = entry.get("key")
    return ActorInput(name=name, key=None if key is None else str(key), evidence=evidence, confirm=confirm,
                      **values)


def _scale(value: Any, where: str) -> tuple[float, float]:
    if isinstance(value, Mapping):
        value = [value.get("low"), value.get("high")]
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 2:
        raise ScenarioError("E541", where=where, line="scale", reason="write the scale as [low, high]")
    low, high = (_number(v, "scale", where, "scale") for v in value)
    return low, high


def _number(value: Any, name: str, where: str, line: Any) -> float:
    try:
        number = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ScenarioError("E541", where=where, line=line, reason=f"{name} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise ScenarioError("E541", where=where, line=line, reason=f"{name} {value!r} is not a finite number")
    return number


# -- writing, citing, overriding ----------------------------------------------------
def inputs_to_yaml(inputs: ScenarioInputs) -> str:
    """The YAML form that inputs_from_yaml reads back unchanged."""
    return yaml.safe_dump(inputs.to_dict(), sort_keys=False, allow_unicode=True, width=100)


def inputs_to_csv(inputs: ScenarioInputs) -> str:
    """The common CSV form (the evidence, scale and issue are not part of it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Actor", "Capability", "Position", "Salience"])
    for a in inputs.actors:
        writer.writerow([a.name, repr(a.capability), repr(a.position), repr(a.salience)])
    return out.getvalue()


def input_hash(inputs: ScenarioInputs) -> str:
    """A sha256 fingerprint of the numbers a run depends on (actors in any order, scale).

    Why not of the file: re-saving, reordering or editing evidence text must not change
    the citation, while any change to a number must.
    """
    payload = {
        "scale": None if inputs.scale is None else [float(v) for v in inputs.scale],
        "actors": sorted([a.name, float(a.capability), float(a.position), float(a.salience)]
                         for a in inputs.actors),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Override:
    """One `ACTOR.FIELD=VALUE` setting, e.g. Override("PAK", "salience", 0.9)."""

    actor: str
    field: str
    value: float


def parse_override(text: str) -> Override:
    """Parse "PAK.salience=0.9" (the actor by name or key; the field capability, position or salience).

    RAISES (ScenarioError E542): not of that form.
    """
    target, sep, value = text.partition("=")
    actor, dot, name = target.strip().rpartition(".")
    name = name.strip().lower()
    if not sep or not dot or not actor.strip() or name not in FIELDS:
        raise ScenarioError("E542", value=text)
    try:
        number = float(value.strip())
    except ValueError:
        raise ScenarioError("E542", value=text) from None
    return Override(actor.strip(), name, number)


def apply_overrides(inputs: ScenarioInputs, overrides: Iterable[str | Override]) -> ScenarioInputs:
    """The inputs with each override applied in turn (the evidence keeps the proposed number).

    RAISES (ScenarioError): E542 a malformed override, E543 an unknown actor, E545 a value out of range.
    """
    actors = list(inputs.actors)
    for item in overrides:
        override = parse_override(item) if isinstance(item, str) else item
        target = inputs.actor(override.actor)
        index = actors.index(next(a for a in actors if a.name == target.name))
        confirm = tuple(f for f in actors[index].confirm if f != override.field)
        actors[index] = replace(actors[index], confirm=confirm, **{override.field: override.value})
    return replace(inputs, actors=tuple(actors))
