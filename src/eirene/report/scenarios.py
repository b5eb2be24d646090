"""The brief's scenario section: the latest stored runs of the bargaining model, run again.

Why stored runs only: the brief reports what an analyst chose to keep and cite
(`eirene scenario run --db`, or Save on the web page), each with the hash of its inputs;
running them again here shows whether the forecast still comes out the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from eirene.scenario.chart import paths_svg
from eirene.scenario.inputs import ScenarioInputs
from eirene.scenario.rounds import ScenarioResult
from eirene.scenario.stored import StoredRun, reproduce, stored_run, stored_runs
from eirene.store.base import Store

SCENARIOS = 3  # the newest stored runs shown
EVIDENCE_PER_NUMBER = 3  # evidence sentences linked from one input


@dataclass(frozen=True)
class ScenarioSection:
    """One stored run as the brief shows it: the run, its result run again, the paths."""

    run: StoredRun
    result: ScenarioResult
    reproduced: bool
    svg: str

    @property
    def inputs(self) -> ScenarioInputs:
        return self.result.inputs

    def evidence(self, actor: str, field: str) -> list[str]:
        """The first event ids behind one input number."""
        found = self.inputs.actor(actor).evidence.get(field)
        return list(found.event_ids[:EVIDENCE_PER_NUMBER]) if found else []


def scenario_sections(store: Store, limit: int = SCENARIOS) -> list[ScenarioSection]:
    """The newest `limit` stored runs, each run again from its stored inputs."""
    sections = []
    for summary in stored_runs(store, limit=limit):
        run = stored_run(store, summary.id)
        result, same = reproduce(run)
        sections.append(ScenarioSection(run, result, same, paths_svg(result)))
    return sections
