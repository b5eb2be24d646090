"""Alignments, the counting rule and claims, checked against what the texts say.

The two test worlds (tests/alignment_worlds.py) state their camps in so many words, so
the blocs must name them; a world of cooperation alone has no camps, and must say so.
"""

from __future__ import annotations

import numpy as np
import pytest

import eirene
from eirene.analysis.alignment import frustration, partition
from eirene.analysis.rule import CountingRule
from eirene.analysis.ties import TieRule, measure, tie_data
from eirene.errors import AnalysisError
from eirene.records import ActorRef, DocResult, Document, Event
from eirene.store import open_store

from alignment_worlds import CAMP_A, CAMP_B


# -- the worlds ---------------------------------------------------------------------------

def test_alignment_two_stated_camps_come_out_as_two_stable_blocs(camps_db):
    with eirene.open(camps_db) as system:
        alignment = system.alignment()
        blocs = {frozenset(b.keys): b for b in alignment.blocs}
    assert set(blocs) == {frozenset(CAMP_A), frozenset(CAMP_B)} and alignment.unassigned == {}
    assert alignment.opposed and alignment.resamples == 200
    for bloc in blocs.values():
        assert bloc.stability >= 0.75, bloc  # found again, whole, in most resamples
        assert all(m.strength >= 0.6 for m in bloc.members), bloc
        assert len(bloc.opposed_to) == 1 and bloc.frustrated == ()
    across = [t for t in alignment.ties if t.significant and (t.u in CAMP_A) != (t.v in CAMP_A)]
    within = [t for t in alignment.ties if t.significant and (t.u in CAMP_A) == (t.v in CAMP_A)]
    assert across and all(t.sign < 0 for t in across) and within and all(t.sign > 0 for t in within)


def test_alignment_is_deterministic(camps_db):
    with eirene.open(camps_db) as first, eirene.open(camps_db) as second:
        a, b = first.alignment(), second.alignment()
    assert [(x.keys, x.stability, x.members) for x in a.blocs] == [(y.keys, y.stability, y.members) for y in b.blocs]


def test_alignment_cooperation_only_has_no_camps_and_says_so(cooperation_db):
    with eirene.open(cooperation_db) as system:
        alignment = system.alignment()
        network = system.network()
    assert not alignment.opposed and len(alignment.blocs) <= 1
    assert alignment.blocs == () and set(alignment.unassigned) == set(network.graph.nodes)
    assert "every actor is unassigned" in alignment.note
    assert all(why.startswith("no tie with enough evidence") for why in alignment.unassigned.values())


def test_alignment_profiles_side_with_and_oppose_by_the_same_ties(camps_db):
    with eirene.open(camps_db) as system:
        alignment = system.alignment()
        profile = system.actor("Pakistan")
    friends = {t.v if t.u == "PAK" else t.u for t in alignment.ties if t.sign > 0 and "PAK" in (t.u, t.v)}
    foes = {t.v if t.u == "PAK" else t.u for t in alignment.ties if t.sign < 0 and "PAK" in (t.u, t.v)}
    assert {n.key for n in profile.sides_with} == friends and friends <= CAMP_A
    assert {n.key for n in profile.opposes} == foes and foes <= CAMP_B
    assert profile.bloc == alignment.bloc_of("PAK") >= 0


# -- the method on hand-made ties ------------------------------------------------------------

def test_partition_balances_two_camps_and_leaves_a_lone_frustration():
    w = np.zeros((4, 4))
    for i, j, v in ((0, 1, 2.0), (2, 3, 2.0), (0, 2, -3.0), (1, 3, -1.0), (0, 3, -1.0), (1, 2, 0.5)):
        w[i, j] = w[j, i] = v
    labels = partition(w)
    assert labels[0] == labels[1] != labels[2] == labels[3]
    assert frustration(w, labels) == pytest.approx(0.5)  # the one friendly tie across the camps


def test_partition_of_a_large_part_finds_the_planted_camps():
    rng = np.random.default_rng(3)
    camp = np.array([0] * 6 + [1] * 6)
    w = np.where(camp[:, None] == camp[None, :], 1.0, -1.0) * rng.uniform(0.5, 2, (12, 12))
    w = np.triu(w, 1) + np.triu(w, 1).T
    labels = partition(w)  # 12 actors: the relocation search, not the exact one
    assert frustration(w, labels) == 0 and len(set(labels)) == 2
    assert all((labels == labels[0]) == (camp == 0))


def _rows(pairs):
    """pair_rows' frame (one row per pair, happening and story) from compact tuples."""
    import pandas as pd

    return pd.DataFrame([{"u": u, "v": v, "happening": h, "quad_class": q, "confidence": c, "intensity": 0.0,
                          "mentions": 1, "story": story} for u, v, h, q, c, stories in pairs for story in stories])


def test_ties_need_two_documents_and_are_measured_against_baselines():
    rows = _rows([
        # A and B: 4 cooperative, 4 conflictual, from 4 documents; everyone else is all cooperation
        *[("A", "B", f"ab{i}", 1 if i < 4 else 3, 1.0, [f"d{i % 4}"]) for i in range(8)],
        *[("A", "C", f"ac{i}", 1, 1.0, [f"d{i}"]) for i in range(6)],
        *[("B", "D", f"bd{i}", 1, 1.0, [f"d{i}"]) for i in range(6)],
        ("C", "D", "cd0", 3, 1.0, ["d9"]),  # one document only
    ])
    data = tie_data(rows)
    measured = measure(data, TieRule())
    by_pair = {p: i for i, p in enumerate(data.pairs)}
    ab, cd = by_pair[("A", "B")], by_pair[("C", "D")]
    assert measured.sign[ab] == -1  # balance 0, but far below its actors' cooperative habit
    assert measured.thin[cd] and measured.sign[cd] == 0


def test_confidence_weighs_the_evidence():
    rows = _rows([*[("A", "B", f"h{i}", 3, 0.2, [f"d{i}"]) for i in range(3)],
                  *[("A", "C", f"c{i}", 1, 1.0, [f"d{i}"]) for i in range(3)]])
    data = tie_data(rows)
    assert measure(data, TieRule(min_weight=1.0)).thin[data.pairs.index(("A", "B"))]  # 0.6 weighted events
    assert not measure(tie_data(rows, weighted=False), TieRule(min_weight=1.0)).thin[data.pairs.index(("A", "B"))]


# -- the counting rule ------------------------------------------------------------------------

def test_rule_reads_options_and_refuses_bad_ones():
    rule = CountingRule.from_options(factuality="asserted,alleged", method="rule", min_confidence="0.5", merge="false")
    assert rule.factualities == ("asserted", "alleged") and rule.methods == ("rule",)
    assert rule.min_confidence == 0.5 and not rule.merge_duplicates
    assert rule.as_params() == {"factuality": "asserted,alleged", "method": "rule", "min_confidence": "0.5",
                                "merge": "false"}
    assert "every mention counted" in rule.legend() and CountingRule.from_options(factuality="all").factualities == ()
    for bad in ({"factuality": "rumoured"}, {"min_confidence": "2"}, {"merge": "perhaps"}):
        with pytest.raises(AnalysisError):
            CountingRule.from_options(**bad)


def _ref(name, iso, actor_id=None, kind="state", sector=None):
    return ActorRef(text=name, name=name, actor_id=actor_id, country=iso, sector=sector, kind=kind)


def _event(doc, n, event_type, quad, actors, recipients=(), date="2019-03-01", precision="day", **extra):
    text = f"Sentence {n} of {doc}."
    return Event(id=Event.make_id(doc, n, n * 40, n * 40 + 30, event_type, "said"), doc_id=doc, sentence_index=n,
                 start=n * 40, end=n * 40 + 30, text=extra.pop("text", text), trigger=extra.pop("trigger", "said"),
                 event_type=event_type, actors=tuple(actors), recipients=tuple(recipients), date=date,
                 date_precision=precision, quad_class=quad, confidence=extra.pop("confidence", 0.8),
                 method=extra.pop("method", "rule:test"), **extra)


@pytest.fixture()
def hand_system(tmp_path):
    """A store of hand-made events: one happening reported by two documents, a self-directed
    event, a self-report, a non-answer, and claims with a dead and a faceless source."""
    rus, pak, usa = _ref("Russia", "RUS"), _ref("Pakistan", "PAK"), _ref("United States", "USA")
    mansour = _ref("Akhtar Mohammad Mansour", "AFG", "akhtar-mansour", "person", "REB")
    docs = {
        "a": [_event("a", 0, "AGREE", 1, [rus], [pak]),
              _event("a", 1, "ACCUSE", 3, [rus], [rus]),
              _event("a", 2, "COOPERATE", 2, [rus], [pak], factuality="alleged", attributed_to=rus),
              _event("a", 3, "REJECT", 3, [pak], [], text="Pakistan's foreign office declined to comment.",
                     trigger="declined"),
              _event("a", 4, "REJECT", 3, [pak], [usa], text="Pakistan rejected the American demand.",
                     trigger="rejected")],
        "b": [_event("b", 0, "AGREE", 1, [rus], [pak]),
              _event("b", 1, "AID", 2, [rus], [_ref("Taliban", None, "taliban", "armed_group")],
                     factuality="alleged", attributed_to=mansour, date="2018-03-01"),
              _event("b", 2, "AID", 2, [rus], [pak], factuality="alleged",
                     attributed_to=ActorRef(text="a man", name="man", actor_id=None, country=None, kind="group"),
                     confidence=0.3)],
    }
    path = tmp_path / "hand.duckdb"
    with open_store(path) as store:
        run = store.begin_run(eirene_version="test", model="none", inputs=[], config={})
        for doc, events in docs.items():
            document = Document(id=doc, text="x" * 400, date="2019-03-01")
            store.save_result(DocResult(document, tuple(events), sentences=len(events)), run)
    with eirene.open(path) as system:
        yield system


def test_rule_one_happening_reported_twice_counts_once_with_its_mentions(hand_system):
    merged = hand_system.dyad("Russia", "Pakistan", freq="D")
    assert int(merged.frame["AGREE"].sum()) == 1 and merged.mentions == 2
    every = hand_system.dyad("Russia", "Pakistan", freq="D", rule=CountingRule(merge_duplicates=False))
    assert int(every.frame["AGREE"].sum()) == 2 and every.mentions == 2
    assert [key for _, key in hand_system.dyad_events("Russia", "Pakistan")] == [merged_key := _key(hand_system)] * 2
    assert merged_key.endswith("|AGREE|2019-03-01")


def _key(system):
    return system.dyad_events("Russia", "Pakistan")[0][1]


def test_rule_drops_self_directed_events_and_filters_by_confidence(hand_system):
    assert hand_system.actor("Russia").events == 1  # the AGREE; "Russia accused Russia" does not count
    kept = hand_system.actor("Russia", rule=CountingRule(drop_self_loops=False))
    assert kept.events == 2
    everything = CountingRule(factualities=())
    assert hand_system.dyad("Russia", "Pakistan", rule=everything).totals["events"] == 3
    assert hand_system.dyad("Russia", "Pakistan", rule=CountingRule(factualities=(), min_confidence=0.5)).totals[
        "events"] == 2


def test_claims_are_claims(hand_system):
    claims = hand_system.claims()
    # Russia reporting its own cooperation is a statement, not a claim; "Russia accused Russia" is no claim
    assert {c.event_type for c in claims} == {"AID"}
    by_trigger = {(c.accused[0].name, [r.name for r in c.recipients][0]): c for c in claims}
    dead = by_trigger[("Russia", "Taliban")]
    assert dead.claimant is None and "died on 2016-05-21" in dead.note  # Mansour died before 2018
    faceless = by_trigger[("Russia", "Pakistan")]
    assert faceless.claimant is None and "names no known actor" in faceless.note
    denials = hand_system.denials(by="Pakistan")
    assert [d.trigger for d in denials] == ["rejected"]  # "declined to comment" is no denial
    assert hand_system.count_claims() == len(claims) and hand_system.count_claims(denials=True) == 1
