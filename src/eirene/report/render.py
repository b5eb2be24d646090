"""Turn a Brief into one self-contained HTML page (Jinja2 template, inline plotly).

Why one file: an analyst mails it, opens it on a plane, or archives it with the data;
it needs no server, no network and no other file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from eirene.records import Event
from eirene.report import charts
from eirene.report.brief import Brief


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence sentence, split around its trigger so the page can mark it."""

    event: Event
    before: str
    trigger: str
    after: str
    doc_title: str | None
    doc_date: str | None


def evidence_item(event: Event, doc: dict[str, Any]) -> EvidenceItem:
    text = event.text.strip()
    lead = len(event.text) - len(event.text.lstrip())
    at, end = -1, -1
    if event.trigger_start is not None and event.trigger_end is not None:
        at, end = event.trigger_start - event.start - lead, event.trigger_end - event.start - lead
    if not 0 <= at < end <= len(text):  # the offsets span the trigger's words, e.g. "announced a landmark offer"
        at = text.find(event.trigger) if event.trigger else -1
        end = at + len(event.trigger)
    if at < 0:
        return EvidenceItem(event, text, "", "", doc.get("title"), doc.get("date"))
    return EvidenceItem(event, text[:at], text[at:end], text[end:], doc.get("title"), doc.get("date"))


def anchor(event_id: str) -> str:
    """The id of an event's evidence entry in the page."""
    return f"ev-{event_id}"


def render(brief: Brief) -> str:
    """The brief as one HTML document."""
    env = Environment(loader=PackageLoader("eirene.report", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["anchor"] = anchor
    env.filters["names"] = lambda refs: ", ".join(dict.fromkeys(r.name for r in refs)) or "–"
    figures = {
        "actors": charts.fragment(charts.actors_chart(brief.actors), "chart-actors") if brief.actors else "",
        "network": charts.fragment(charts.network_chart(brief.graph), "chart-network"),
        "timelines": [charts.fragment(charts.timeline_chart(t), f"chart-timeline-{i}") for i, t in enumerate(brief.timelines)],
    }
    ordered = sorted(brief.evidence.values(), key=lambda e: (e.date or "9999", e.doc_id, e.start))
    evidence = [evidence_item(e, brief.documents_meta.get(e.doc_id, {})) for e in ordered]
    return env.get_template("report.html").render(
        brief=brief, figures={k: (Markup(v) if isinstance(v, str) else [Markup(x) for x in v]) for k, v in figures.items()},
        plotly_js=Markup(charts.plotly_js()), evidence=evidence, bloc_colour=charts.bloc_colour,
    )
