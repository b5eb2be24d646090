"""The actor-system model on real coded text: our own invented world, and the reference corpus."""

from __future__ import annotations

import pytest

import eirene
from eirene.actors.kb import KnowledgeBase
from eirene.analysis import ActorSystem
from eirene.analysis.nodes import NodeMapper
from eirene.errors import AnalysisError
from eirene.records import ActorRef
from eirene.store import open_store
from eirene.vocab import PLOVER_TYPES


# -- nodes ------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "country_key", "actor_key"), [
    ("Pakistan", "PAK", "PAK"), ("PAK", "PAK", "PAK"), ("United States", "USA", "USA"), ("USA", "USA", "USA"),
    ("Taliban", "taliban", "taliban"), ("ISI", "PAK", "isi"), ("Khawaja Asif", "PAK", "khawaja-asif"),
])
def test_analysis_resolve_names_codes_and_aliases(world, name, country_key, actor_key):
    assert world.resolve(name).key == country_key
    assert world.resolve(name, level="actor").key == actor_key


def test_analysis_unknown_name_raises_its_own_code(world):
    with pytest.raises(AnalysisError) as err:
        world.resolve("Freedonia")
    assert err.value.code == "E520" and "eirene actors search" in str(err.value)


def test_analysis_node_of_agrees_with_the_sql_rule(seeds_db):
    """Every stored actor row maps to the same node through Python and through SQL."""
    with eirene.open(seeds_db) as system:
        for level in ("country", "actor"):
            expr, params = system.mapper.sql("a", level)
            rows = system.store.query(
                f"SELECT actor_id, country, sector, kind, name, text, {expr} AS node FROM event_actors a", params)
            assert rows
            for row in rows:
                ref = ActorRef(text=row["text"] or "", name=row["name"] or "", actor_id=row["actor_id"],
                               country=row["country"], sector=row["sector"], kind=row["kind"])
                node = system.node_of(ref, level)
                assert (node.key if node else None) == row["node"], row


def test_analysis_people_of_a_group_are_its_node_at_country_level():
    mapper = NodeMapper.for_people(KnowledgeBase.load(), ["akhtar-mansour"])
    leader = ActorRef(text="Mansour", name="Akhtar Mohammad Mansour", actor_id="akhtar-mansour",
                      country="AFG", sector="REB", kind="person")
    minister = ActorRef(text="Asif", name="Khawaja Muhammad Asif", actor_id="khawaja-asif",
                        country="PAK", sector="GOV", kind="person")
    taliban_as_government = ActorRef(text="the Taliban", name="Taliban", actor_id="taliban",
                                     country="AFG", sector="GOV", kind="armed_group")
    assert mapper.node_of(leader).key == "taliban"
    assert mapper.node_of(leader, "actor").key == "akhtar-mansour"
    assert mapper.node_of(minister).key == "PAK"
    assert mapper.node_of(taliban_as_government).key == "taliban"
    assert mapper.node_of(ActorRef(text="gunmen", name="gunmen", actor_id=None, country=None, kind="group")) is None


# -- dyads ------------------------------------------------------------------------------

def test_analysis_dyad_russia_pakistan_is_cooperative(world):
    series = world.dyad("Russia", "Pakistan")
    assert (series.a, series.b, series.freq, series.directed, series.undated) == (("RUS",), ("PAK",), "M", False, 0)
    frame = series.frame
    assert list(frame.columns[:17]) == ["events", *PLOVER_TYPES]
    assert frame.index.name == "period"
    assert [p.strftime("%Y-%m") for p in frame.index] == ["2018-02", "2018-03", "2018-04", "2018-05", "2018-06"]
    assert frame.loc["2018-02-01", "events"] == 3 and frame.loc["2018-06-01", "events"] == 2
    assert frame.loc["2018-04-01", "events"] == 0
    assert frame["conflict"].sum() == 0 and frame["balance"].sum() == 5
    assert frame.loc["2018-06-01", "AID"] == 1 and frame.loc["2018-06-01", "COOPERATE"] == 1
    assert (frame["cooperation"] == frame["quad_1"] + frame["quad_2"]).all()


def test_analysis_dyad_us_pakistan_shows_conflict_directed_and_not(world):
    both = world.dyad("United States", "PAK").frame
    assert both["conflict"].sum() == 4 and both["balance"].sum() == -4
    assert both.loc["2018-03-01", "ASSAULT"] == 1 and both.loc["2018-06-01", "SANCTION"] == 1
    assert both["intensity_mean"].loc["2018-03-01"] < 0
    us_to_pak = world.dyad("USA", "Pakistan", directed=True).frame
    assert us_to_pak["events"].sum() == 2  # the strike and the suspended aid; Pakistan's replies go the other way
    pak_to_us = world.dyad("Pakistan", "USA", directed=True).frame
    assert set(pak_to_us[pak_to_us["events"] > 0].iloc[0][["ACCUSE", "REJECT"]]) == {1}


def test_analysis_dyad_factuality_and_groups(world):
    assert world.dyad("Russia", "Taliban", factuality="alleged").frame["AID"].sum() == 1
    assert world.dyad("Russia", "Taliban", factuality="asserted").frame["AID"].sum() == 1
    # the hypothetical threat ("threatened to cut") counts only when all factualities are asked for
    assert world.dyad("USA", "PAK", factuality=None).frame["THREATEN"].sum() == 1
    assert world.dyad("USA", "PAK").frame["THREATEN"].sum() == 0
    group = world.dyad(["United States", "India"], "Pakistan").frame
    assert group["conflict"].sum() == 6  # four with the US, accusation and threat with India
    quarterly = world.dyad("Russia", "Pakistan", freq="Q").frame
    assert list(quarterly["events"]) == [3, 2]


def test_analysis_dyad_rejects_bad_options(world):
    for kwargs, code in (({"freq": "fortnight"}, "E521"), ({"factuality": "rumoured"}, "E521"),
                         ({"level": "planet"}, "E521"), ({"since": "spring"}, "E521")):
        with pytest.raises(AnalysisError) as err:
            world.dyad("Russia", "Pakistan", **kwargs)
        assert err.value.code == code
    with pytest.raises(AnalysisError) as err:
        world.dyad("Russia", "RUS")
    assert err.value.code == "E522"


# -- network and blocs -------------------------------------------------------------------

def test_analysis_network_signs_and_blocs(world):
    network = world.network()
    assert (network.since, network.until, network.level, network.factuality) == (None, None, "country", "asserted")
    graph = network.graph
    rus_pak, us_pak, ind_pak = graph.edges["RUS", "PAK"], graph.edges["USA", "PAK"], graph.edges["IND", "PAK"]
    assert (rus_pak["tie"], rus_pak["sign"], rus_pak["cooperation"]) == ("positive", 1, 5) and rus_pak["excess"] > 0
    assert (us_pak["tie"], us_pak["sign"], us_pak["conflict"]) == ("negative", -1, 4) and us_pak["excess"] < 0
    # India and Pakistan trade threats in one article only: too thin to call
    assert (ind_pak["tie"], ind_pak["sign"], ind_pak["conflict"]) == ("thin", 0, 2) and "1 document" in ind_pak["reason"]
    for _, _, edge in graph.edges(data=True):  # an edge's sign always agrees with the number shown for it
        assert edge["sign"] in (0, (edge["excess"] > 0) - (edge["excess"] < 0))
        assert edge["weight"] == (abs(edge["excess"]) if edge["sign"] else 0.0)
    assert graph.nodes["PAK"]["name"] == "Pakistan" and graph.nodes["PAK"]["events"] >= 10
    blocs = world.blocs()
    assert [{m.key for m in b.members} for b in blocs] == [{"PAK", "RUS"}, {"USA"}]
    assert blocs[0].opposed_to == (1,) and 0 < blocs[0].stability <= 1
    assert graph.nodes["RUS"]["bloc"] == graph.nodes["PAK"]["bloc"] != graph.nodes["USA"]["bloc"]
    assert set(network.alignment.unassigned) == {"IND", "taliban"}
    assert "1 document" in network.alignment.unassigned["IND"]
    assert [n.key for n in world.sides_with("Russia")] == ["PAK"]


def test_analysis_network_window_and_bloc_changes(world):
    early = world.network(until="2018-03").graph
    assert not early.has_node("IND")  # India enters the story in April
    assert world.network(since="2018-05").graph.edges["RUS", "PAK"]["events"] == 2
    first, second = (None, "2018-03"), ("2018-04", None)
    changes = world.bloc_changes(first, second)
    present = set(world.network(*first).graph) & set(world.network(*second).graph)
    assert all(c.before != c.after and c.node.key in present for c in changes)
    assert "IND" not in {c.node.key for c in changes}  # absent from one window: no side to change
    with pytest.raises(AnalysisError):
        world.network(min_events=0)


# -- claims -----------------------------------------------------------------------------

def test_analysis_claims_who_says_russia_arms_the_taliban(world):
    arming = world.claims(about="Russia", event_type="AID")
    assert {c.trigger for c in arming} == {"arming", "supplying weapons"}
    assert {c.claimant.name for c in arming} == {"United States"}
    assert all([r.name for r in c.recipients] == ["Taliban"] for c in arming)
    accusations = [c for c in world.claims(about="Russia") if c.kind == "accusation"]
    assert [(c.claimant.name, [a.name for a in c.accused]) for c in accusations] == [("United States", ["Russia"])]
    assert world.claims(by="India", about="Russia") == []
    assert {c.event_type for c in world.claims(by="India")} == {"ACCUSE", "AID"}


def test_analysis_denials_what_pakistan_refuses(world):
    denials = world.denials(by="Pakistan")
    assert [(d.event_type, d.claimant.name) for d in denials] == [("REJECT", "Pakistan")]
    assert "rejected" in denials[0].text


# -- profiles -----------------------------------------------------------------------------

def test_analysis_actor_profile(world):
    profile = world.actor("Pakistan")
    assert profile.node.key == "PAK"
    assert profile.partners[0][0].key == "RUS" and profile.partners[0][1] == 5
    assert profile.adversaries[0][0].key == "USA" and profile.adversaries[0][1] == 4
    assert profile.events_as_actor >= 5 and profile.events_as_recipient >= 5
    assert set(profile.by_year) == {2018} and profile.by_year[2018].conflict >= 5
    assert profile.roles == [] and [n.key for n in profile.sides_with] == ["RUS"]
    assert [n.key for n in profile.opposes] == ["USA"] and profile.bloc == world.network().graph.nodes["PAK"]["bloc"]
    lavrov = world.actor("Sergey Lavrov")
    assert lavrov.node.key == "sergey-lavrov" and lavrov.node.kind == "person"
    assert lavrov.partners[0][0].key == "PAK"
    assert any("Foreign" in r.title for r in lavrov.roles)


def test_analysis_open_is_read_only_and_closes(world_db):
    system = eirene.open(world_db)
    assert isinstance(system, ActorSystem) and system.stats().events > 0
    system.close()
    with open_store(world_db) as store:  # the file is free again for a writer
        assert store.count_events() > 0


# -- the reference corpus ------------------------------------------------------------------

def test_analysis_reference_corpus_situations(seeds_db):
    with eirene.open(seeds_db) as system:
        rus_pak = system.dyad("Russia", "Pakistan").frame
        assert rus_pak["balance"].sum() > 0 and rus_pak["conflict"].sum() == 0
        us_pak = system.dyad("United States", "Pakistan").frame
        assert us_pak["conflict"].sum() >= 2
        assert {"THREATEN", "ACCUSE"} <= {t for t in PLOVER_TYPES if us_pak[t].sum() > 0}
        about_russia = system.claims(about="Russia")
        aid = [c for c in about_russia if c.event_type == "AID"]
        assert {c.trigger for c in aid} >= {"arming", "funding"}
        assert "John W. Nicholson Jr." in {c.claimant.name for c in aid if c.claimant}
        alignment = system.alignment()
        bloc = {key: alignment.bloc_of(key) for key in ("RUS", "PAK", "USA")}
        # the articles: Russia and Pakistan draw together against the United States. Either the
        # blocs say so, or an actor the evidence is too thin for is unassigned, with the reason
        if bloc["RUS"] >= 0 and bloc["PAK"] >= 0:
            assert bloc["RUS"] == bloc["PAK"]
        for key in ("RUS", "PAK"):
            assert bloc[key] == -1 or bloc[key] != bloc["USA"]
            assert bloc[key] >= 0 or alignment.unassigned[key].startswith("no tie with enough evidence")
        assert bloc["USA"] >= 0 or "USA" in alignment.unassigned
        negative = {(t.u, t.v) for t in alignment.ties if t.sign < 0}
        for key in system.network().graph.nodes:  # no one sides with both ends of a significant negative tie
            sides = {n.key for n in system.actor(key, level="country").sides_with}
            assert not any(u in sides and v in sides for u, v in negative)


def test_analysis_claims_page_in_order(world):
    every = world.claims()
    assert len(every) >= 5
    assert [c.event_id for c in world.claims(limit=2)] == [c.event_id for c in every[:2]]
    assert [c.event_id for c in world.claims(limit=2, offset=2)] == [c.event_id for c in every[2:4]]
    with pytest.raises(AnalysisError):
        world.claims(limit=-1)


def test_analysis_resolve_a_group_leader_to_the_group(world):
    assert world.resolve("Akhtar Mansour").key == "taliban"
    assert world.resolve("Akhtar Mansour", level="actor").key == "akhtar-mansour"


def test_analysis_events_takes_the_store_filters(world):
    assaults = world.events(actor="USA", event_type="ASSAULT")
    assert [(e.trigger, e.recipients[0].name) for e in assaults] == [("killed", "Pakistan")]
    assert world.stats().events == len(world.events())


def test_analysis_empty_answers_keep_their_shape(world):
    frame = world.dyad("Egypt", "Pakistan").frame
    assert len(frame) == 0 and list(frame.columns)[-3:] == ["cooperation", "conflict", "balance"]
    assert world.network(since="2030").graph.number_of_nodes() == 0 and world.blocs(since="2030") == []
    profile = world.actor("Egypt")
    assert profile.events_as_actor == 0 and profile.partners == [] and profile.by_year == {}
    assert len(world.dyad("Russia", "Pakistan", freq="W").frame) == 17  # 2018-02-12 .. 2018-06-04, Mondays
