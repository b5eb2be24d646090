"""The counting rule: which events count in the actor system, and how often.

Why one rule: the overview, a dyad, the network, an actor's profile, the report and
the CLI all count events. If each counts its own way, an analyst sees Pakistan-United
States with 10 events on one page and 6 on the next and cannot tell which is right.
Every count is therefore made under one `CountingRule`, shown beside it in a legend
(`CountingRule.legend`) and changeable by the user: CLI options, query parameters, a
form. The default counts what the texts state as fact:

    >>> CountingRule().legend()
    'asserted events; any method; any confidence; one count per happening (mentions merged); self-directed events dropped'

"Duplicates merged": the same happening reported by several documents, or several
times in one document, counts once. `happening_key_sql` is the one definition of "the
same happening", written once as SQL. Its story key is `STORY_KEY`: the story a
document belongs to when eirene.stories grouped near-duplicate copies of one report
(`documents.story_id`), else the document's own id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from eirene.errors import AnalysisError
from eirene.vocab import FACTUALITY_VALUES

# The story a stored event belongs to, as SQL over events `e` joined to their documents `d`.
STORY_KEY = "coalesce(d.story_id, e.doc_id)"
# What a method filter may name: the family before the colon of Event.method.
METHOD_FAMILIES: tuple[str, ...] = ("rule", "model", "correction")


@dataclass(frozen=True)
class CountingRule:
    """Which events count, and whether reports of one happening count once.

    factualities (tuple[str, ...]): the factualities that count; empty means all.
    methods (tuple[str, ...]): method families ("rule", "model") or full method ids
        ("rule:assault.kill") that count; empty means all.
    min_confidence (float): events coded with less confidence do not count (0 to 1).
    merge_duplicates (bool): the same happening (see `happening_key_sql`) counts once,
        however many documents or sentences report it.
    drop_self_loops (bool): an event whose only actor and recipient are the same node
        ("Russia accused Russia", a ministry acting on its own state) does not count.
    """

    factualities: tuple[str, ...] = ("asserted",)
    methods: tuple[str, ...] = ()
    min_confidence: float = 0.0
    merge_duplicates: bool = True
    drop_self_loops: bool = True

    def __post_init__(self) -> None:
        facts = tuple(dict.fromkeys(str(f).strip().lower() for f in self.factualities if str(f).strip()))
        bad = [f for f in facts if f not in FACTUALITY_VALUES and f != "all"]
        if bad:
            raise AnalysisError("E521", name="factuality", value=bad[0],
                                reason="use one of " + ", ".join(FACTUALITY_VALUES) + ", or all")
        object.__setattr__(self, "factualities", () if "all" in facts else facts)
        methods = tuple(dict.fromkeys(str(m).strip() for m in self.methods if str(m).strip()))
        object.__setattr__(self, "methods", () if "all" in methods else methods)
        value = self.min_confidence
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
            raise AnalysisError("E521", name="min_confidence", value=value, reason="use a number from 0 to 1")
        object.__setattr__(self, "min_confidence", float(value))

    # -- building -------------------------------------------------------------------
    @classmethod
    def from_options(cls, factuality: str | Iterable[str] | None = "asserted", method: str | Iterable[str] | None = None,
                     min_confidence: float | str | None = None, merge: bool | str | None = None,
                     self_loops: bool | str | None = None) -> CountingRule:
        """A rule from loose user options: comma-separated strings, "all", None for the default.

        factuality None or "all" means every factuality (the older `factuality=None`).
        """
        facts = _split(factuality)
        return cls(
            factualities=facts if facts else (),
            methods=_split(method),
            min_confidence=_number(min_confidence),
            merge_duplicates=_flag(merge, True, "merge"),
            drop_self_loops=not _flag(self_loops, False, "self_loops"),
        )

    def with_factuality(self, factuality: str | None) -> CountingRule:
        """This rule counting one factuality instead (None: all)."""
        return replace(self, factualities=() if factuality is None else (factuality,))

    # -- reading --------------------------------------------------------------------
    @property
    def factuality(self) -> str | None:
        """The one factuality counted, or None when several or all are (the older single option)."""
        return self.factualities[0] if len(self.factualities) == 1 else None

    def legend(self) -> str:
        """The rule in words, for the legend beside every count."""
        facts = "/".join(self.factualities) + " events" if self.factualities else "events of any factuality"
        methods = "methods " + ", ".join(self.methods) if self.methods else "any method"
        confidence = f"confidence ≥ {self.min_confidence:g}" if self.min_confidence > 0 else "any confidence"
        merge = ("one count per happening (mentions merged)" if self.merge_duplicates
                 else "every mention counted")
        loops = "self-directed events dropped" if self.drop_self_loops else "self-directed events kept"
        return "; ".join([facts, methods, confidence, merge, loops])

    def as_params(self) -> dict[str, str]:
        """The rule as query parameters (only those that differ from the default)."""
        default = CountingRule()
        params: dict[str, str] = {}
        if self.factualities != default.factualities:
            params["factuality"] = ",".join(self.factualities) or "all"
        if self.methods:
            params["method"] = ",".join(self.methods)
        if self.min_confidence:
            params["min_confidence"] = f"{self.min_confidence:g}"
        if not self.merge_duplicates:
            params["merge"] = "false"
        if not self.drop_self_loops:
            params["self_loops"] = "true"
        return params

    def as_dict(self) -> dict[str, Any]:
        """The rule as JSON answers carry it, with its legend."""
        return {"factualities": list(self.factualities), "methods": list(self.methods),
                "min_confidence": self.min_confidence, "merge_duplicates": self.merge_duplicates,
                "drop_self_loops": self.drop_self_loops, "legend": self.legend()}

    # -- SQL ------------------------------------------------------------------------
    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """The rule's conditions on events `alias` ("TRUE" when it keeps everything)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.factualities:
            clauses.append(f"{alias}.factuality IN ({', '.join('?' for _ in self.factualities)})")
            params += list(self.factualities)
        if self.methods:
            tests = []
            for method in self.methods:
                if ":" in method:
                    tests.append(f"{alias}.method = ?")
                    params.append(method)
                else:
                    tests.append(f"split_part({alias}.method, ':', 1) = ?")
                    params.append(method)
            clauses.append("(" + " OR ".join(tests) + ")")
        if self.min_confidence > 0:
            clauses.append(f"coalesce({alias}.confidence, 0) >= ?")
            params.append(self.min_confidence)
        return (" AND ".join(clauses) or "TRUE"), params


def happening_key_sql(merge: bool) -> str:
    """The one SQL definition of a happening, over the per-event CTE columns.

    Columns read: `src` and `dst` (sorted lists of the event's actor and recipient
    nodes), `event_type`, `date`, `date_precision`, `story` and `seq`. Two events are
    the same happening when they have the same actor nodes, recipient nodes and type,
    and either both are dated to the same day, or (when not day-precise) they are in
    the same story. Without merging, every event is its own happening.
    """
    if not merge:
        return "'e' || CAST(seq AS VARCHAR)"
    when = ("CASE WHEN date_precision = 'day' AND date IS NOT NULL THEN strftime(date, '%Y-%m-%d') "
            "ELSE 'story ' || story END")
    return f"concat_ws('|', array_to_string(src, ','), array_to_string(dst, ','), event_type, {when})"


def _split(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return tuple(i.strip() for i in items if i.strip())


def _number(value: float | str | None) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    try:
        return float(value)
    except (TypeError, ValueError) as exc:
        raise AnalysisError("E521", name="min_confidence", value=value, reason="use a number from 0 to 1") from exc


def _flag(value: bool | str | None, default: bool, name: str) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise AnalysisError("E521", name=name, value=value, reason="use true or false")

