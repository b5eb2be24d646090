"""The actor knowledge base: loading, lookups, agent nouns, dated roles, user overrides."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pycountry
import pytest
import yaml

from eirene.actors.kb import (
    BUILTIN_DIR,
    KnowledgeBase,
    normalize_alias,
    validate_file,
)
from eirene.errors import KnowledgeBaseError

from invented_world import INVENTED

ROOT = Path(__file__).resolve().parent.parent
DEV_TSV = ROOT.parent / "shared" / "eval" / "dev" / "ngec_actor_resolution_dev.tsv"
# The files this module's author owns; people_*.yaml and extra_resolver.yaml are others'.
OWN_FILES = ("states.yaml", "seats.yaml", "igos.yaml", "armed_groups.yaml", "agencies.yaml", "agents.yaml")


def ids(hits) -> list[str]:
    return [h.entry.id for h in hits]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- loading


def test_builtin_kb_covers_every_kind(kb: KnowledgeBase) -> None:
    counts = kb.counts()
    assert counts["state"] >= 255
    assert counts["igo"] >= 60
    assert counts["armed_group"] >= 80
    assert counts["org"] >= 250
    assert counts["roles"] >= 5
    assert len(kb) == sum(v for k, v in counts.items() if k != "roles")


def test_every_pycountry_state_and_kosovo_present(kb: KnowledgeBase) -> None:
    missing = [c.alpha_3 for c in pycountry.countries if kb.get(c.alpha_3) is None]
    assert missing == []
    kosovo = kb.get("XKX")
    assert kosovo is not None and kosovo.kind == "state"
    assert ids(kb.lookup("Kosovo")) == ["XKX"]


def test_own_builtin_files_have_no_problems() -> None:
    for name in OWN_FILES:
        assert validate_file(BUILTIN_DIR / name) == [], name


def test_every_builtin_file_is_free_of_errors() -> None:
    for path in sorted(BUILTIN_DIR.glob("*.yaml")):
        errors = [p for p in validate_file(path) if p.level == "error"]
        assert errors == [], [str(p) for p in errors]


def test_entries_remember_their_source_line(kb: KnowledgeBase) -> None:
    entry = kb.get("taliban")
    assert entry is not None
    path, _, line = entry.source.rpartition(":")
    assert path.endswith("armed_groups.yaml")
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert "id: taliban" in lines[int(line) - 1]


def test_states_yaml_matches_its_generator() -> None:
    pytest.importorskip("countryinfo", reason="the generator needs countryinfo")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_states.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr


# --------------------------------------------------------------------------- lookups


@pytest.mark.parametrize(("text", "key"), [
    ("U.S.", "US"),
    ("the U.S.", "US"),
    ("US", "US"),
    ("us", "us"),
    ("The United  States", "united states"),
    ("U.N.", "UN"),
    ("Pakistan\u2019s", "pakistan's"),
    ("IS", "IS"),
    ("is", "is"),
    ("LeT", "LeT"),
    ("Nato", "nato"),
    ("al-Qaeda", "al qaeda"),
    ("C\u00f4te d'Ivoire", "cote d'ivoire"),
])
def test_normalize_alias(text: str, key: str) -> None:
    assert normalize_alias(text) == key


def test_us_is_the_united_states_but_us_is_a_pronoun(kb: KnowledgeBase) -> None:
    for text in ("US", "U.S.", "the U.S.", "USA", "U.S.A.", "United States", "America"):
        assert ids(kb.lookup(text)) == ["USA"], text
    assert kb.lookup("us") == []
    assert kb.lookup("Us") == []


def test_short_capitals_keep_their_case(kb: KnowledgeBase) -> None:
    assert ids(kb.lookup("IS")) == ["islamic-state"]
    assert kb.lookup("is") == []
    assert ids(kb.lookup("LeT")) == ["lashkar-e-taiba"]
    assert kb.lookup("let") == []
    assert ids(kb.lookup("IRAN")) == ["IRN"]  # an all-capital headline word still finds a name


def test_demonyms(kb: KnowledgeBase) -> None:
    hits = kb.lookup("Pakistanis")
    assert [(h.entry.id, h.how, h.sector) for h in hits] == [("PAK", "demonym", None)]
    assert ids(kb.lookup("Afghan")) == ["AFG"]
    assert ids(kb.lookup("American")) == ["USA"]
    assert ids(kb.lookup("British")) == ["GBR"]
    assert kb.lookup("Afghani") == []  # the currency, deliberately not a demonym


def test_metonyms_carry_their_sector(kb: KnowledgeBase) -> None:
    def first(text: str) -> tuple[str | None, str, str | None]:
        hit = kb.lookup(text)[0]
        return hit.entry.country, hit.how, hit.sector

    assert first("Kabul") == ("AFG", "metonym", "GOV")
    assert first("Islamabad") == ("PAK", "metonym", "GOV")
    assert first("Rawalpindi") == ("PAK", "metonym", "MIL")
    assert first("GHQ") == ("PAK", "metonym", "MIL")
    assert first("the Kremlin") == ("RUS", "metonym", "GOV")
    assert first("The White House") == ("USA", "metonym", "GOV")
    assert first("the Pentagon") == ("USA", "metonym", "MIL")
    assert first("Capitol Hill") == ("USA", "metonym", "LEG")
    assert first("Downing Street") == ("GBR", "metonym", "GOV")
    assert first("Elysee") == ("FRA", "metonym", "GOV")
    assert first("Zhongnanhai") == ("CHN", "metonym", "GOV")


def test_igo_codes(kb: KnowledgeBase) -> None:
    def entry(text: str):
        return kb.lookup(text)[0].entry

    assert (entry("the U.N.").id, entry("the U.N.").country) == ("un", "UNO")
    assert (entry("WHO").country, entry("WHO").sector) == ("UNO", "HLH")
    assert (entry("International Court of Justice").country, entry("ICJ").sector) == ("UNO", "JUD")
    assert (entry("UN Security Council").id, entry("UNSC").country) == ("unsc", "UNO")
    assert (entry("European Parliament").country, entry("European Parliament").sector) == ("EUR", "LEG")
    assert entry("Nato").id == entry("NATO").id == "nato"
    assert entry("NATO").country is None
    assert entry("ICRC").sector == "NGO"
    assert entry("Human Rights Watch").kind == "org"


def test_armed_groups_and_agencies(kb: KnowledgeBase) -> None:
    def code(text: str) -> tuple[str | None, str | None]:
        entry = kb.lookup(text)[0].entry
        return entry.country, entry.sector

    assert code("ISIS-K") == code("ISKP") == code("Islamic State Khorasan") == ("AFG", "REB")
    assert code("TTP") == code("Pakistani Taliban") == ("PAK", "REB")
    assert code("Hezbollah") == ("LBN", "PTY")
    assert code("Zetas") == ("MEX", "CRM")
    assert code("Oath Keepers") == ("USA", "UAF")
    assert code("CODECO") == ("COD", "PRM")
    assert code("ISI") == code("Inter-Services Intelligence") == ("PAK", "SPY")
    assert code("FSB") == ("RUS", "SPY")
    assert code("IRGC") == ("IRN", "MIL")
    assert code("Knesset") == ("ISR", "LEG")
    assert code("PTI") == ("PAK", "PTY")
    assert code("Xinhua") == ("CHN", "GOV")
    assert code("Reuters") == ("GBR", "JRN")


def test_no_common_word_is_a_name(kb: KnowledgeBase) -> None:
    """Words a case-folded lookup would otherwise turn into actors."""
    words = ["us", "is", "let", "man", "male", "jersey", "amnesty", "dawn", "shell", "apple", "states",
             "fed", "island", "guiana", "emirates", "pa", "aa", "amal", "the", "a", "it", "in", "and",
             "law and justice", "security service", "national news agency", "senate"]
    named = {w: ids(kb.lookup(w)) for w in words if kb.lookup(w)}
    assert named == {}


def test_surface_forms_are_as_written(kb: KnowledgeBase) -> None:
    forms = set(kb.surface_forms())
    for form in ("U.S.", "US", "Kremlin", "Pakistanis", "Kabul", "ISIS-K", "Lashkar-e-Taiba"):
        assert form in forms
    assert len(forms) > 3000


def test_search_ranks_exact_names_first(kb: KnowledgeBase) -> None:
    found = kb.search("taliban")
    assert found[0].id == "taliban"
    assert {"ttp", "taliban"} <= {e.id for e in found}
    assert kb.search("zzzz-no-such-actor") == []
    assert len(kb.search("a", limit=5)) == 5


def test_ngec_country_names_when_dev_set_present(kb: KnowledgeBase) -> None:
    """NGEC's country-name checks (read at run time, never copied)."""
    if not DEV_TSV.exists():
        pytest.skip(f"{DEV_TSV} is absent (shared eval data is not part of the repository)")
    with DEV_TSV.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t")
                if r["method"] == "search_nat" and r["field"] == "country"]
    assert rows
    for row in rows:
        assert [h.entry.country for h in kb.lookup(row["input_text"])][:1] == [row["expected"]], row["input_text"]


# ---------------------------------------------------------------------- agent nouns


def test_agent_sectors(kb: KnowledgeBase) -> None:
    cases = {
        "troop": "MIL", "troops": "MIL", "soldiers": "MIL", "warplanes": "MIL", "armed forces": "MIL",
        "foreign ministry": "GOV", "Foreign Ministry": "GOV", "authorities": "GOV", "official": "GOV",
        "police": "COP", "police officers": "COP", "security forces": "COP",
        "militants": "REB", "insurgents": "REB", "gunmen": "UAF", "mercenaries": "UAF",
        "militias": "PRM", "cartel": "CRM", "civilians": "CVL", "protesters": "CVL", "tourists": "CVL",
        "opposition": "OPP", "judge": "JUD", "lawmakers": "LEG", "hopeful": "PTY",
        "journalists": "JRN", "ambulances": "MED", "companies": "BUS", "central bank": "GOV",
        "cleric": "REL", "trade unions": "LAB", "experts": "EDU", "refugees": "REF",
        "intelligence agency": "SPY", "breakaway state": "PRE", "aid workers": "NGO",
    }
    got = {noun: kb.agent_sector(noun) for noun in cases}
    assert got == cases
    assert kb.agent_sector("puppies") is None
    assert kb.agent_sector("leader") is None and kb.is_agent_noun("leader")
    assert not kb.is_agent_noun("puppies")


def test_titles_and_former_words(kb: KnowledgeBase) -> None:
    assert kb.title_sector("President") == (True, "GOV")
    assert kb.title_sector("Gen.") == kb.title_sector("gen") == (True, "MIL")
    assert kb.title_sector("Lt. Gen.") == (True, "MIL")
    assert kb.title_sector("Mullah") == (True, None)
    assert kb.title_sector("Kabul") == (False, None)
    assert kb.is_former_word("former") and kb.is_former_word("Ex-") and kb.is_former_word("then")
    assert not kb.is_former_word("new")


# ----------------------------------------------------------------------- dated roles


def test_code_at_follows_the_roles(invented: KnowledgeBase) -> None:
    mira = invented.get("mira-testova")
    assert mira is not None

    def at(day: str) -> tuple[str | None, str | None, str, str | None]:
        c = invented.code_at(mira, day)
        return c.country, c.sector, c.how, c.role.title if c.role else None

    assert at("2005-01-01") == ("MDA", "CVL", "default", None)            # before any role
    assert at("2010-07-04") == ("MDA", "GOV", "role", "Governor of Nowhere Province")
    assert at("2012-06-30") == ("MDA", "GOV", "role", "Governor of Nowhere Province")  # end inclusive
    assert at("2013-03-01") == ("MDA", "ELI", "former", "Governor of Nowhere Province")  # a gap
    assert at("2014-01-01") == ("MDA", "GOV", "role", "Foreign Minister")  # "2014" starts on Jan 1
    assert at("2015-06-01") == ("MDA", "MIL", "role", "Chief of Defence Staff")  # latest start wins
    assert at("2016-12-31") == ("MDA", "GOV", "role", "Foreign Minister")  # "2016" ends on Dec 31
    assert at("2018-02-01") == ("UNO", "GOV", "role", "Ambassador to the United Nations")
    assert at("2024-05-05") == ("UNO", "ELI", "former", "Ambassador to the United Nations")


def test_code_at_accepts_dates_and_defaults_to_today(invented: KnowledgeBase) -> None:
    mira = invented.get("mira-testova")
    envoy = invented.get("open-ended")
    plain = invented.get("no-roles")
    assert mira and envoy and plain
    assert invented.code_at(mira, date(2010, 7, 4)) == invented.code_at(mira, "4 July 2010")
    assert invented.code_at(mira, "July 4, 2010") == invented.code_at(mira, "2010-07-04T12:00:00Z")
    assert invented.code_at(envoy, None).how == "role"  # still holds the office today
    assert invented.code_at(envoy, "today").sector == "GOV"
    assert invented.code_at(envoy, "2018-12-31").how == "default"
    assert invented.code_at(plain, None) == invented.code_at(plain, "1990")
    assert invented.code_at(plain, None).country == "KEN"
    with pytest.raises(ValueError):
        invented.code_at(mira, "sometime soon")


def test_taliban_govern_only_after_the_fall_of_kabul(kb: KnowledgeBase) -> None:
    taliban = kb.get("taliban")
    assert taliban is not None
    assert kb.code_at(taliban, "2016-05-21").sector == "REB"
    assert kb.code_at(taliban, "2021-08-15").sector == "GOV"
    assert kb.code_at(taliban, None).sector == "GOV"
    assert kb.code_at(taliban, "1999-01-01").sector == "GOV"


# ------------------------------------------------------------------- user overrides


def test_user_file_replaces_builtin_entry(tmp_path: Path) -> None:
    user = write(tmp_path / "mine.yaml", """\
version: 1
actors:
  - id: PAK
    name: Pakistan
    kind: state
    country: PAK
    sector: null
    aliases: [Pakistan, Land of the Pure]
""")
    kb = KnowledgeBase.load([user], config_dir=tmp_path / "cfg")
    pak = kb.get("PAK")
    assert pak is not None and pak.source.startswith(str(user))
    assert ids(kb.lookup("Land of the Pure")) == ["PAK"]
    assert kb.lookup("Islamic Republic of Pakistan") == []  # the built-in aliases are gone with it
    assert kb.lookup("Pakistanis") == []                     # and its demonyms
    assert len(kb) == len(KnowledgeBase.load(config_dir=tmp_path / "cfg"))


def test_config_dir_and_extra_merge_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    actors = tmp_path / "cfg" / "actors"
    actors.mkdir(parents=True)
    write(actors / "a.yaml", "version: 1\nactors:\n  - {id: x-group, name: X Group, kind: org, country: KEN, sector: NGO}\n")
    extra = write(tmp_path / "later.yaml",
                  "version: 1\nactors:\n  - {id: x-group, name: X Group, kind: org, country: UGA, sector: BUS}\n")
    monkeypatch.setenv("EIRENE_CONFIG_DIR", str(tmp_path / "cfg"))
    from_env = KnowledgeBase.load(include_builtin=False)
    assert from_env.get("x-group").country == "KEN"  # type: ignore[union-attr]
    both = KnowledgeBase.load([extra], include_builtin=False)
    assert both.get("x-group").country == "UGA"  # type: ignore[union-attr]
    monkeypatch.delenv("EIRENE_CONFIG_DIR")
    explicit = KnowledgeBase.load([tmp_path / "later.yaml"], config_dir=tmp_path / "cfg", include_builtin=False)
    assert explicit.get("x-group").sector == "BUS"  # type: ignore[union-attr]
    as_dir = KnowledgeBase.load([actors], config_dir=tmp_path / "none", include_builtin=False)
    assert as_dir.get("x-group").country == "KEN"  # type: ignore[union-attr]


def test_user_entries_rank_first_for_a_shared_name(tmp_path: Path) -> None:
    user = write(tmp_path / "mine.yaml", """\
version: 1
actors:
  - {id: kabul-traders, name: Kabul Traders, kind: org, country: AFG, sector: BUS, aliases: [Kabul]}
""")
    kb = KnowledgeBase.load([user], config_dir=tmp_path / "cfg")
    hits = kb.lookup("Kabul")
    assert [(h.entry.id, h.how) for h in hits] == [("kabul-traders", "alias"), ("AFG", "metonym")]


def test_user_agents_add_to_and_override_builtin(tmp_path: Path) -> None:
    user = write(tmp_path / "agents.yaml", """\
version: 1
agents:
  - {sector: CVL, nouns: [officer]}
  - {sector: MIL, nouns: [sapper]}
titles:
  - {sector: JUD, words: [Qazi]}
former_words: [erstwhile-ish]
""")
    kb = KnowledgeBase.load([user], config_dir=tmp_path / "cfg")
    assert kb.agent_sector("officer") == "CVL"
    assert kb.agent_sector("sappers") == "MIL"
    assert kb.agent_sector("troop") == "MIL"
    assert kb.title_sector("Qazi") == (True, "JUD")
    assert kb.is_former_word("erstwhile-ish") and kb.is_former_word("former")


def test_load_stops_at_the_first_error_with_file_and_line(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", """\
version: 1
actors:
  - {id: good-one, name: Good One, kind: org, country: KEN, sector: NGO}
  - {id: bad-one, name: Bad One, kind: org, country: KENYA, sector: NGO}
  - {id: worse, name: Worse, kind: club}
""")
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([bad], config_dir=tmp_path / "cfg")
    assert info.value.code == "E203"
    assert f"{bad}:4:" in str(info.value)
    assert [p.code for p in info.value.problems] == ["E203", "E208"]  # type: ignore[attr-defined]


def test_missing_extra_file_is_e202(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([tmp_path / "nope.yaml"], config_dir=tmp_path / "cfg")
    assert info.value.code == "E202"


def test_loading_is_cached_per_file_version(tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", INVENTED)
    first = KnowledgeBase.load([path], include_builtin=False, config_dir=tmp_path / "cfg")
    assert KnowledgeBase.load([path], include_builtin=False, config_dir=tmp_path / "cfg") is first
    write(path, INVENTED.replace("Mira Testova", "Mira Testova-Nova"))
    changed = KnowledgeBase.load([path], include_builtin=False, config_dir=tmp_path / "cfg")
    assert changed.get("mira-testova").name == "Mira Testova-Nova"  # type: ignore[union-attr]


def test_agents_file_lists_each_noun_once() -> None:
    data = yaml.safe_load((BUILTIN_DIR / "agents.yaml").read_text(encoding="utf-8"))
    seen: dict[str, object] = {}
    clashes = []
    for group in data["agents"]:
        for noun in group["nouns"]:
            if noun.lower() in seen and seen[noun.lower()] != group["sector"]:
                clashes.append(noun)
            seen[noun.lower()] = group["sector"]
    assert clashes == []
