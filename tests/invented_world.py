"""Invented worlds for the actor tests: real states, made-up people, so the tests do not
depend on the built-in data, which keeps growing. The fixtures built on them are in
tests/conftest.py."""

from __future__ import annotations

WORLD = """\
version: 1
actors:
  - {id: AFG, name: Afghanistan, kind: state, country: AFG, sector: null, aliases: [Afghanistan],
     demonyms: [Afghan, Afghans], metonyms: [{name: Kabul, sector: GOV}]}
  - {id: PAK, name: Pakistan, kind: state, country: PAK, sector: null, aliases: [Pakistan],
     demonyms: [Pakistani, Pakistanis], metonyms: [{name: Islamabad, sector: GOV}, {name: Rawalpindi, sector: MIL}]}
  - {id: RUS, name: Russia, kind: state, country: RUS, sector: null, aliases: [Russia, Russian Federation],
     demonyms: [Russian, Russians], metonyms: [{name: Moscow, sector: GOV}, {name: Kremlin, sector: GOV}]}
  - {id: CHN, name: China, kind: state, country: CHN, sector: null, aliases: [China],
     demonyms: [Chinese], metonyms: [{name: Beijing, sector: GOV}]}
  - {id: USA, name: United States, kind: state, country: USA, sector: null,
     aliases: [United States, US, U.S., America], demonyms: [American, Americans],
     metonyms: [{name: Washington, sector: GOV}, {name: Pentagon, sector: MIL}]}
  - {id: SOM, name: Somalia, kind: state, country: SOM, sector: null, aliases: [Somalia], demonyms: [Somali]}
  - {id: MEX, name: Mexico, kind: state, country: MEX, sector: null, aliases: [Mexico], demonyms: [Mexican]}
  - {id: DOM, name: Dominican Republic, kind: state, country: DOM, sector: null, aliases: [Dominican Republic],
     demonyms: [Dominican]}
  - {id: ARM, name: Armenia, kind: state, country: ARM, sector: null, aliases: [Armenia], demonyms: [Armenian]}
  - {id: KAZ, name: Kazakhstan, kind: state, country: KAZ, sector: null, aliases: [Kazakhstan], demonyms: [Kazakh]}
  - {id: UNO, name: United Nations, kind: igo, country: UNO, sector: IGO, aliases: [United Nations, UN, U.N.]}
  - id: taliban
    name: Taliban
    kind: armed_group
    country: AFG
    sector: REB
    aliases: [Taliban, Afghan Taliban]
    roles:
      - {title: government of Afghanistan, country: AFG, sector: GOV, start: 2021-08-15}
  - {id: prd-mex, name: Party of the Democratic Revolution, kind: org, country: MEX, sector: PTY, aliases: [PRD]}
  - {id: prd-dom, name: Dominican Revolutionary Party, kind: org, country: DOM, sector: PTY, aliases: [PRD]}
  # invented people
  - id: karim-sadeqi
    name: Karim Sadeqi
    kind: person
    country: AFG
    sector: null
    aliases: [Karim Sadeqi]
    roles:
      - {title: Governor of Herat, country: AFG, sector: GOV, start: 2008-03, end: 2012-06}
      - {title: Chief of Army Staff, country: AFG, sector: MIL, start: 2018-01, end: 2020-12}
  - id: omar-haidari
    name: Omar Haidari
    kind: person
    country: AFG
    sector: null
    aliases: [Omar Haidari, Haidari]
    roles:
      - {title: President of Afghanistan, country: AFG, sector: GOV, start: 2015-01-01, end: 2020-12-31}
  - {id: wahid-shinwari, name: Abdul Wahid Shinwari, kind: person, country: AFG, sector: REB,
     aliases: [Abdul Wahid Shinwari]}
  - id: levon-arakelyan
    name: Levon Arakelyan
    kind: person
    country: ARM
    sector: null
    roles:
      - {title: Prime Minister of Armenia, country: ARM, sector: GOV, start: 2018-05-08}
  - id: timur-bekov
    name: Timur Bekov
    kind: person
    country: KAZ
    sector: null
    roles:
      - {title: President of Kazakhstan, country: KAZ, sector: GOV, start: 1995, end: 2015}
agents:
  - {sector: MIL, nouns: [troop, soldier, army, military, force, armed forces, warplane, commander,
                          security establishment]}
  - {sector: GOV, nouns: [official, government, minister, ministry, foreign ministry, spokesperson,
                          spokesman, president, prime minister, authorities]}
  - {sector: REB, nouns: [militant, insurgent, rebel, fighter]}
  - {sector: COP, nouns: [police]}
  - {sector: CVL, nouns: [protester, civilian, resident]}
  - {sector: null, nouns: [leader, member]}
titles:
  - {sector: GOV, words: [President, Prime Minister, Minister, Foreign Minister, Governor, Spokesman]}
  - {sector: MIL, words: [Gen., General]}
  - {sector: null, words: [Mullah, Mr., Dr.]}
former_words: [former, ex]
"""


# The matcher tests' world: names, agent nouns and titles of four actors.
MATCHER_WORLD = """\
version: 1
actors:
  - {id: USA, name: United States, kind: state, country: USA, sector: null,
     aliases: [United States, US, U.S.], demonyms: [American], metonyms: [{name: Washington, sector: GOV}]}
  - {id: TUR, name: Turkey, kind: state, country: TUR, sector: null, aliases: [Turkey], demonyms: [Turkish]}
  - {id: PAK, name: Pakistan, kind: state, country: PAK, sector: null, aliases: [Pakistan],
     demonyms: [Pakistani], metonyms: [{name: Islamabad, sector: GOV}]}
  - {id: isis-k, name: Islamic State Khorasan Province, kind: armed_group, country: AFG, sector: REB,
     aliases: [Islamic State Khorasan Province, ISKP, IS-K]}
agents:
  - {sector: GOV, nouns: [official, ministry, foreign ministry, spokesperson]}
  - {sector: MIL, nouns: [troop, army, military]}
titles:
  - {sector: MIL, words: [Gen., Lt. Gen.]}
  - {sector: GOV, words: [Foreign Minister]}
former_words: [former]
"""

# The evaluation tests' world: two states and one dated office holder.
EVALUATION_WORLD = """\
version: 1
actors:
  - {id: PAK, name: Pakistan, kind: state, country: PAK, sector: null, aliases: [Pakistan], demonyms: [Pakistani]}
  - {id: CHN, name: China, kind: state, country: CHN, sector: null, aliases: [China], demonyms: [Chinese]}
  - id: nadia-rahimi
    name: Nadia Rahimí
    kind: person
    country: PAK
    sector: null
    aliases: [Nadia Rahimí]
    roles:
      - {title: Foreign Minister of Pakistan, country: PAK, sector: GOV, start: 2015, end: 2018}
agents:
  - {sector: MIL, nouns: [troop, warplane]}
  - {sector: GOV, nouns: [official]}
"""

# An invented person whose offices change over time, for the date-aware coding tests.
INVENTED = """\
version: 1
actors:
  - id: mira-testova
    name: Mira Testova
    kind: person
    country: MDA
    sector: CVL
    aliases: [Mira Testova, Testova]
    roles:
      - {title: Governor of Nowhere Province, country: MDA, sector: GOV, start: 2008-03-01, end: 2012-06-30}
      - {title: Foreign Minister, country: MDA, sector: GOV, start: 2014, end: 2016}
      - {title: Chief of Defence Staff, country: MDA, sector: MIL, start: 2015-05-01, end: 2015-12-31}
      - {title: Ambassador to the United Nations, country: UNO, sector: GOV, start: 2018-02, end: 2020-01-15}
    former_sector: ELI
  - id: open-ended
    name: Open Ended
    kind: person
    country: null
    sector: null
    roles:
      - {title: Special Envoy, country: GEO, sector: GOV, start: 2019-01-01}
  - id: no-roles
    name: No Roles
    kind: org
    country: KEN
    sector: NGO
"""


def mentions(actor_coder, nlp, text, date="2019-06-01"):
    """(text, actor_id, country, sector, how) of every mention, checking the offsets."""
    doc = nlp(text)
    refs = actor_coder.code_doc(doc, date)
    for ref in refs:
        assert doc.text[ref.start:ref.end] == ref.text
    return [(r.text, r.actor_id, r.country, r.sector, r.how) for r in refs]
