"""The world-scale knowledge build (`eirene kb build`) and its compiled index, on a tiny
hand-written kb-sources folder (tests/fixtures/kb-sources) in the real formats."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from eirene.actors.compiled import CompiledIndex, compile_index, index_path
from eirene.actors.kb import KnowledgeBase
from eirene.errors import KnowledgeBaseError
from eirene.kb_build import build

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kb-sources"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict]]:
    out = tmp_path_factory.mktemp("built")
    build(FIXTURE, out)
    with gzip.open(out / "actors.jsonl.gz", "rt", encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        records = [json.loads(line) for line in handle]
    assert header == {"entries": len(records), "format": 1}
    return out, {r["name"]: r for r in records}


def test_kb_build_merges_one_person_seen_in_two_sources(built):
    _, by_name = built
    kaja = by_name["Kaja Tamberg"]
    assert kaja["id"] == "wd-q900001" and kaja["country"] == "EST"
    assert [(r["title"], r["start"], r.get("end")) for r in kaja["roles"]] == [
        ("Prime Minister of Estonia", "2019", "2021"),
        ("Prime Minister of Estonia", "2019-03-01", "2021-01-26"),
    ]
    assert kaja["sources"] == ["every-politician-scrapers/estonia-cabinet", "every-politician-scrapers/world-leaders-2021"]


def test_kb_build_reads_sectors_of_offices_deaths_and_relatives(built):
    _, by_name = built
    sector = {name: [r["sector"] for r in by_name[name]["roles"]] for name in
              ("Mart Õunapuu", "Ants Rebane", "Liis Kask", "Peeter Vaher", "Rein Tamberg")}
    assert sector == {"Mart Õunapuu": ["LEG", "GOV", "GOV"], "Ants Rebane": ["MIL"], "Liis Kask": ["SPY"],
                      "Peeter Vaher": ["LEG"], "Rein Tamberg": ["ELI"]}
    assert by_name["Peeter Vaher"]["died"] == "2020-08-09"
    assert "Mart Ounapuu" in by_name["Mart Õunapuu"]["aliases"]  # transliteration
    assert "Someone Else" not in by_name  # a godparent is not family in the PLOVER sense
    assert "Nobody Real" not in by_name  # a country no rule or library knows is left out


def test_kb_build_codes_organisations_the_plover_way(built):
    _, by_name = built
    code = {name: (by_name[name]["kind"], by_name[name].get("country"), by_name[name].get("sector"))
            for name in ("Forest Brothers Front", "Northern Lake Brigade", "Global River Network",
                         "Tartu Lakeside University", "Acme Widgets Inc.", "Estonian National Centre Party",
                         "Baltic Sea Council", "United Nations Lake Commission")}
    assert code == {
        "Forest Brothers Front": ("armed_group", "EST", "REB"),
        "Northern Lake Brigade": ("armed_group", "EST", "REB"),
        "Global River Network": ("armed_group", "IMG", "REB"),
        "Tartu Lakeside University": ("org", "EST", "EDU"),
        "Acme Widgets Inc.": ("org", "USA", "BUS"),
        "Estonian National Centre Party": ("org", "EST", "PTY"),
        "Baltic Sea Council": ("igo", "IGO", "IGO"),
        "United Nations Lake Commission": ("igo", "UNO", "IGO"),
    }
    assert {"NLB", "Lake Brigade"} <= set(by_name["Northern Lake Brigade"]["aliases"])
    assert "Acme Widgets" in by_name["Acme Widgets Inc."]["aliases"]
    assert by_name["Estonian National Centre Party"]["wikidata"] == "Q900050"
    # governments and identity groups are not taken from UCDP; tiny and placeholder parties are dropped
    assert not {"Government of Estonia", "Marsh People", "Tiny Party", "Independents"} & set(by_name)


def test_kb_build_lets_hand_curated_entries_win(built):
    _, by_name = built
    assert "United Nations" not in by_name  # the curated UN entry already names it


def test_kb_build_is_deterministic_and_attributes_its_sources(built, tmp_path):
    out, _ = built
    build(FIXTURE, tmp_path)
    for name in ("actors.jsonl.gz", "SOURCES.md"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
    text = (out / "SOURCES.md").read_text(encoding="utf-8")
    assert "2222222222222222222222222222222222222222" in text and "CC BY 4.0" in text
    assert "Pettersson" in text and "version 22.1" in text


def test_kb_build_refuses_a_folder_that_is_not_kb_sources(tmp_path):
    with pytest.raises(KnowledgeBaseError) as info:
        build(tmp_path, tmp_path / "out")
    assert info.value.code == "E370"


def test_compiled_index_is_rebuilt_when_the_data_changes(built, tmp_path):
    out, _ = built
    data = tmp_path / "actors.jsonl.gz"
    shutil.copy(out / "actors.jsonl.gz", data)
    cache = tmp_path / "cache"
    first = CompiledIndex.open(data, cache)
    assert first is not None and first.ids_named("kaja tamberg") == ["wd-q900001"]
    # new data: another hash, another index file, compiled on first use
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURE, sources)
    holders = sources / "every-politician-scrapers" / "estonia-cabinet" / "html" / "holders21.csv"
    holders.write_text(holders.read_text(encoding="utf-8") + "Minister of Culture,Tiit Uus,Q900077,2022-01-01,,male,\n",
                       encoding="utf-8")
    build(sources, tmp_path)
    second = CompiledIndex.open(data, cache)
    assert second is not None and second.path != first.path
    assert second.ids_named("tiit uus") == ["wd-q900077"] and first.ids_named("tiit uus") == []


def test_compiled_index_with_a_stale_hash_is_compiled_again(built, tmp_path):
    out, _ = built
    data = out / "actors.jsonl.gz"
    target = index_path(data, tmp_path)
    compile_index(data, target)
    import sqlite3
    con = sqlite3.connect(target)
    with con:
        con.execute("UPDATE meta SET value = 'not-the-hash' WHERE key = 'data_sha256'")
        con.execute("DELETE FROM names")
    con.close()
    index = CompiledIndex.open(data, tmp_path)
    assert index is not None and index.ids_named("kaja tamberg") == ["wd-q900001"]


def _kb_with_world(built_dir: Path, cache: Path) -> KnowledgeBase:
    files = KnowledgeBase.load(built=False)
    return KnowledgeBase(files.entries(), world=CompiledIndex.open(built_dir / "actors.jsonl.gz", cache))


def test_kb_answers_from_the_world_only_what_the_files_do_not_know(built, tmp_path):
    out, _ = built
    kb = _kb_with_world(out, tmp_path)
    assert [h.entry.id for h in kb.lookup("Kaja Tamberg")] == ["wd-q900001"]
    assert [h.entry.id for h in kb.lookup("Kaja Tamberg")] == [h.entry.id for h in kb.lookup("Kaja TAMBERG")]
    assert kb.lookup("acme widgets") == []  # built names answer capitalised text only
    assert [h.entry.country for h in kb.lookup("United Nations")] == ["UNO"]
    assert kb.get("wd-q900003") is not None and "wd-q900003" in kb
    assert [e.id for e in kb.search("Lakeside")] == ["kb-tartu-lakeside-university-est-org"]


def test_former_office_holders_are_eli_and_unknown_before_office_civilians(built, tmp_path):
    out, _ = built
    kb = _kb_with_world(out, tmp_path)
    kaja = kb.get("wd-q900001")
    assert kaja is not None
    assert (kb.code_at(kaja, "2020-05-01").sector, kb.code_at(kaja, "2020-05-01").how) == ("GOV", "role")
    assert (kb.code_at(kaja, "2022-05-01").sector, kb.code_at(kaja, "2022-05-01").how) == ("ELI", "former")
    assert (kb.code_at(kaja, "2010-05-01").country, kb.code_at(kaja, "2010-05-01").sector) == ("EST", "CVL")
    role = kb.code_at(kaja, "2020-05-01").role
    assert role is not None and role.source == "every-politician-scrapers/estonia-cabinet"


def test_actors_validate_checks_the_fields_the_build_writes(built, tmp_path):
    from click.testing import CliRunner

    from eirene.cli import cli

    out, _ = built
    good = CliRunner().invoke(cli, ["actors", "validate", str(out / "actors.jsonl.gz")])
    assert good.exit_code == 0 and "no problems" in good.output
    with gzip.open(out / "actors.jsonl.gz", "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    record = json.loads(lines[1])
    record.update(country="ATLANTIS", sector2="XYZ", wikidata="37")
    record["roles"] = [{"title": "Regent", "start": "2020", "end": "2019", "source": "x"}]
    broken = tmp_path / "broken.jsonl.gz"
    with gzip.open(broken, "wt", encoding="utf-8") as handle:
        handle.write("\n".join([lines[0], json.dumps(record), lines[1]]) + "\n")
    bad = CliRunner().invoke(cli, ["actors", "validate", str(broken)])
    assert bad.exit_code == 1
    assert f"{broken}:2: entry: unknown country code 'ATLANTIS'" in bad.output
    assert "unknown sector 'XYZ'" in bad.output and "bad Wikidata id '37'" in bad.output
    assert "role 'Regent' ends (2019) before it starts (2020)" in bad.output
    assert f"{broken}:3: the id '{record['id']}' is already used at line 2" in bad.output
    from eirene.actors.built_check import validate_built

    assert {p.code for p in validate_built(broken)} == {"E376"}


def test_actor_files_may_carry_a_second_sector_a_wikidata_id_and_role_sources(tmp_path):
    from eirene.actors.kb import validate_file

    path = tmp_path / "mine.yaml"
    path.write_text(
        "version: 1\nactors:\n"
        "  - {id: ruritania-front, name: Ruritania Front, kind: org, country: EST, sector: PTY,\n"
        "     secondary_sector: OPP, wikidata: Q4242,\n"
        "     roles: [{title: party, start: 2001, source: my notes}]}\n"
        "  - {id: bad-one, name: Bad One, kind: org, sector: PTY, secondary_sector: OPPX, wikidata: X1}\n",
        encoding="utf-8")
    problems = validate_file(path)
    assert [(p.code, p.line) for p in problems] == [("E207", 6), ("E375", 6)]
    path.write_text(path.read_text(encoding="utf-8").split("  - {id: bad-one")[0], encoding="utf-8")
    kb = KnowledgeBase.load([path], built=False)
    entry = kb.get("ruritania-front")
    assert entry is not None and (entry.secondary_sector, entry.wikidata) == ("OPP", "Q4242")
    assert entry.roles[0].source == "my notes"


def test_actors_show_lists_roles_with_their_sources(built, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from eirene.cli import cli

    monkeypatch.setenv("EIRENE_CONFIG_DIR", str(tmp_path / "config"))
    result = CliRunner().invoke(cli, ["actors", "show", "Kersti Kaljulaid", "--date", "2023-01-01"])
    shown = json.loads(result.output)
    assert (shown["country"], shown["sector"], shown["wikidata"]) == ("EST", "ELI", "Q12366816")
    assert [(r["title"], r["sector"], r["source"]) for r in shown["roles"]] == [
        ("President", "GOV", "every-politician-scrapers/estonia")]


def test_kb_build_reads_current_leaders_from_the_factbook(built):
    _, by_name = built
    karis = by_name["Ilmar Veskimagi"]
    assert [(r["title"], r["sector"], r["start"], r["source"]) for r in karis["roles"]] == [
        ("President", "GOV", "2021-10-11", "factbook-json")]
    # the Factbook's "Mart OUNAPUU" is the Wikidata person of that name (accents aside) and country
    mart = by_name["Mart Õunapuu"]
    assert "factbook-json" in mart["sources"] and "Mart Ounapuu" not in by_name
    assert ("Prime Minister", "GOV", "2021-01-26") in [(r["title"], r["sector"], r["start"]) for r in mart["roles"]]
    assert by_name["Tiit Uus Praakli"]["aliases"] == ["Tiit Praakli"]
    assert by_name["Tiit Uus Praakli"]["roles"][0]["title"] == "Deputy Prime Minister"


@pytest.mark.slow
def test_commands_that_need_no_actors_never_open_the_built_knowledge(tmp_path):
    """docs, events and stats read the store only: no compiled index appears in a fresh
    cache folder; `actors show` does make one, so the check can fail."""
    import os
    import subprocess
    import sys

    from eirene.records import DocResult, Document
    from eirene.store import open_store

    db = tmp_path / "one.duckdb"  # one document: a database with none is refused (E147)
    with open_store(db) as store:
        run_id = store.begin_run(eirene_version="test", model="none", inputs=[], config={})
        store.save_result(DocResult(document=Document(id="a", text="Kabul was calm."), sentences=1), run_id)
        store.finish_run(run_id, counts={"documents_new": 1, "events": 0})
    cache = tmp_path / "cache"
    env = {**os.environ, "EIRENE_CACHE_DIR": str(cache), "EIRENE_CONFIG_DIR": str(tmp_path / "config"),
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}

    def run(*args: str) -> None:
        done = subprocess.run([sys.executable, "-m", "eirene.cli", *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr

    for command in ("docs", "events", "stats"):
        run(command, "--db", str(db))
    assert not list(cache.glob("actors-*.sqlite"))
    run("actors", "show", "Kersti Kaljulaid")
    assert len(list(cache.glob("actors-*.sqlite"))) == 1


def test_kb_build_names_a_person_by_the_wikipedia_title_and_keeps_the_label(built):
    _, by_name = built
    person = by_name["Toomas Kivi-Saar"]  # the title without its "(politician)"
    assert person["id"] == "wd-q900006" and "Toomas Kivi" in person["aliases"]
    assert "Toomas Kivi" not in by_name
    assert by_name["Kaja Tamberg"]["id"] == "wd-q900001"  # no title: the Wikidata label


def _records_named(out: Path, name: str) -> list[dict]:
    with gzip.open(out / "actors.jsonl.gz", "rt", encoding="utf-8") as handle:
        handle.readline()
        return [r for r in map(json.loads, handle) if r["name"] == name]


def test_kb_build_keeps_a_dead_person_and_a_later_namesake_apart(built):
    # the fixture's legislators give Aado Pärn (died 1941) a seat from 2019 too: the
    # source matched a living namesake to the dead man's Wikidata id
    out, _ = built
    dead, namesake = sorted(_records_named(out, "Aado Pärn"), key=lambda r: r["id"], reverse=True)
    assert (dead["id"], dead["died"]) == ("wd-q900020", "1941-06-14")
    assert [(r["start"], r["end"]) for r in dead["roles"]] == [("1920-12-20", "1923-06-19")]
    assert namesake["id"].startswith("kb-") and "wikidata" not in namesake and "died" not in namesake
    assert [(r["title"], r["start"]) for r in namesake["roles"]] == [("Member of the Riigikogu", "2019-04-04")]


def test_a_term_starting_weeks_after_a_death_is_kept_and_only_warned_about(tmp_path):
    from click.testing import CliRunner

    from eirene.actors.built_check import validate_built
    from eirene.cli import cli

    sources = tmp_path / "sources"
    shutil.copytree(FIXTURE, sources)
    holders = sources / "every-politician-scrapers" / "estonia-cabinet" / "html" / "holders21.csv"
    holders.write_text(holders.read_text(encoding="utf-8") + "Minister of Culture,Olev Lind,Q900078,2023-04-17,"
                       "2023-06-01,male,2023-03-30\nMinister of Culture,Olev Lind,Q900078,2019-04-29,2023-04-17,male,"
                       "2023-03-30\n", encoding="utf-8")
    build(sources, tmp_path)
    (olev,) = _records_named(tmp_path, "Olev Lind")  # died 18 days before the new term: one person
    assert olev["died"] == "2023-03-30" and len(olev["roles"]) == 2
    result = CliRunner().invoke(cli, ["actors", "validate", str(tmp_path / "actors.jsonl.gz")])
    assert result.exit_code == 0, result.output
    assert "'Minister of Culture' starts (2023-04-17) 18 days after the recorded death (2023-03-30)" in result.output
    assert [(p.code, p.level) for p in validate_built(tmp_path / "actors.jsonl.gz")] == [("E396", "warning")]
    # years after the death it is an error: that role cannot be this person's
    with gzip.open(tmp_path / "actors.jsonl.gz", "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    at = next(i for i, line in enumerate(lines) if '"Olev Lind"' in line)
    olev["roles"][1].update(start="2026-01-01", end="2026-12-31")
    lines[at] = json.dumps(olev)
    with gzip.open(tmp_path / "actors.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    late = CliRunner().invoke(cli, ["actors", "validate", str(tmp_path / "actors.jsonl.gz")])
    assert late.exit_code == 1
    assert "role 'Minister of Culture' starts (2026-01-01) after the recorded death (2023-03-30)" in late.output
