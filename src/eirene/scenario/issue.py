"""An issue: the one question a scenario is about, and what the two ends of its scale mean.

An issue file is small YAML that an analyst writes (examples/afghan-settlement.issue.yaml):

    name: Power-sharing settlement with the Taliban
    question: How much power should a settlement give the Taliban?
    scale: [0, 100]
    low:
      meaning: No share of power; the Kabul government's terms
      anchors: [Afghanistan]
    high:
      meaning: The Taliban's terms
      anchors: [Taliban]
    actors: [Afghanistan, Taliban]     # optional: whose attention measures salience

Why anchors: an actor's position is read from how it treats the actors that stand for
each end, so the ends must be actors the store knows (names, aliases or ISO3 codes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eirene.errors import ScenarioError

KNOWN_KEYS = ("name", "question", "scale", "low", "high", "actors")


@dataclass(frozen=True)
class IssueEnd:
    """One end of the scale: what it means and the actors that stand for it."""

    meaning: str
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class Issue:
    """name, the scale (low, high), its two ends, and the issue's actors (those whose
    share of an actor's attention is its salience; the anchors of both ends by default)."""

    name: str
    scale: tuple[float, float]
    low: IssueEnd
    high: IssueEnd
    question: str | None = None
    actors: tuple[str, ...] = ()

    @property
    def issue_actors(self) -> tuple[str, ...]:
        return self.actors or (*self.low.anchors, *self.high.anchors)


def load_issue(path: str | Path) -> Issue:
    """Read an issue file. RAISES (ScenarioError E544): unreadable, or a required part missing."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ScenarioError("E544", path=str(path), reason=str(exc).splitlines()[0]) from exc
    return issue_from_dict(data, where=str(path))


def issue_from_dict(data: Any, where: str = "<issue>") -> Issue:
    """An Issue from the parsed YAML. RAISES (ScenarioError E544) naming the part at fault."""
    def fail(reason: str) -> ScenarioError:
        return ScenarioError("E544", path=where, reason=reason)

    if not isinstance(data, Mapping):
        raise fail("it must be a YAML mapping with name, scale, low and high")
    unknown = sorted(set(data) - set(KNOWN_KEYS))
    if unknown:
        raise fail(f"unknown key(s) {', '.join(map(str, unknown))}; known keys: {', '.join(KNOWN_KEYS)}")
    name = str(data.get("name") or "").strip()
    if not name:
        raise fail("it needs a name")
    scale = data.get("scale", [0, 100])
    if isinstance(scale, Mapping):
        scale = [scale.get("low"), scale.get("high")]
    try:
        low_value, high_value = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise fail(f"scale {scale!r} must be [low, high], two numbers") from None
    if not low_value < high_value:
        raise fail(f"scale {scale!r} must run from low to high")
    ends = {side: _end(data.get(side), side, fail) for side in ("low", "high")}
    overlap = set(ends["low"].anchors) & set(ends["high"].anchors)
    if overlap:
        raise fail(f"{', '.join(sorted(overlap))} anchors both ends")
    actors = data.get("actors") or ()
    if isinstance(actors, str) or not isinstance(actors, Sequence):
        raise fail("actors must be a list of names")
    question = data.get("question")
    return Issue(name=name, scale=(low_value, high_value), low=ends["low"], high=ends["high"],
                 question=None if question is None else str(question),
                 actors=tuple(str(a).strip() for a in actors if str(a).strip()))


def _end(value: Any, side: str, fail: Any) -> IssueEnd:
    if not isinstance(value, Mapping):
        raise fail(f"'{side}' must say what the end means and name its anchors (meaning:, anchors:)")
    anchors = value.get("anchors", value.get("anchor"))
    if isinstance(anchors, str):
        anchors = [anchors]
    if not isinstance(anchors, Sequence) or not [a for a in anchors if str(a).strip()]:
        raise fail(f"'{side}' names no anchor actor")
    return IssueEnd(meaning=str(value.get("meaning") or "").strip(),
                    anchors=tuple(str(a).strip() for a in anchors if str(a).strip()))
