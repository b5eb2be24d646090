"""The actor-system model: dyads, the signed network and its blocs, claims, actor profiles.

    nodes.py     which actor of an event is which node (country or actor level)
    rule.py      the counting rule: which events count, one happening once
    sql.py       shared SQL pieces (the counted happenings, actor -> recipient pairs)
    ties.py      each pair's tie against its actors' baselines, with its evidence
    alignment.py blocs from the significant ties, their stability, the unassigned
    dyads.py     period-by-period series between two actors or groups
    network.py   the signed network of a window, blocs and their change
    claims.py    allegations, accusations and denials with their claimants
    profiles.py  one actor's events, partners, adversaries and roles
    system.py    ActorSystem, the one object that asks all of these; eirene.open()

    >>> import eirene
    >>> with eirene.open("eirene.duckdb") as system:
    ...     system.dyad("Russia", "Pakistan").frame.balance.sum()
"""

from eirene.analysis.alignment import Alignment
from eirene.analysis.dyads import DyadSeries
from eirene.analysis.network import ActorNetwork, Bloc, BlocChange
from eirene.analysis.nodes import Node
from eirene.analysis.profiles import ActorProfile, YearSummary
from eirene.analysis.rule import CountingRule
from eirene.analysis.system import ActorSystem, open  # noqa: A004
from eirene.analysis.ties import Tie, TieRule
from eirene.records import Claim

__all__ = [
    "ActorNetwork", "ActorProfile", "ActorSystem", "Alignment", "Bloc", "BlocChange", "Claim", "CountingRule",
    "DyadSeries", "Node", "Tie", "TieRule", "YearSummary", "open",
]
