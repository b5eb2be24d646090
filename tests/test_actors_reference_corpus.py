"""Every political actor of the Afghan peace-process corpus, coded for the story's date.

The sentences are written for this test (facts of the reference corpus, our own words).
A second test reads ../shared/seeds, when present, and checks the same actors are found
in the articles themselves.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# (sentence, date, mention text, actor id, country, sector)
CASES = [
    ("President Ghani sent a delegation to Moscow.", "2018-11-08", "President Ghani", "ashraf-ghani", "AFG", "GOV"),
    ("Ashraf Ghani now lives abroad.", "2023-03-01", "Ashraf Ghani", "ashraf-ghani", "AFG", "ELI"),  # PLOVER: an ousted official is ELI
    ("Zalmay Khalilzad met the Taliban in Doha.", "2019-03-01", "Zalmay Khalilzad", "zalmay-khalilzad", "USA", "GOV"),
    ("Sergey Lavrov opened the conference.", "2018-11-09", "Sergey Lavrov", "sergey-lavrov", "RUS", "GOV"),
    ("Maria Zakharova rejected the claims.", "2018-03-25", "Maria Zakharova", "maria-zakharova", "RUS", "GOV"),
    ("Zamir Kabulov said contacts with the group continue.", "2017-12-01", "Zamir Kabulov", "zamir-kabulov", "RUS", "GOV"),
    ("Khawaja Asif travelled to Moscow.", "2018-02-20", "Khawaja Asif", "khawaja-asif", "PAK", "GOV"),
    ("Asad Durrani spoke to a Russian broadcaster.", "2016-06-01", "Asad Durrani", "asad-durrani", "PAK", None),
    ("Mullah Mansour was travelling from Iran.", "2016-05-21", "Mullah Mansour", "akhtar-mansour", "AFG", "REB"),
    ("Haibatullah Akhundzada was named leader.", "2016-05-25", "Haibatullah Akhundzada", "haibatullah-akhundzada", "AFG", "REB"),
    ("Mullah Baradar led the delegation.", "2019-02-05", "Mullah Baradar", "abdul-ghani-baradar", "AFG", "REB"),
    ("Gen. John Nicholson briefed reporters.", "2018-03-23", "Gen. John Nicholson", "john-w-nicholson", "USA", "MIL"),
    ("Ash Carter defended the strike.", "2016-05-23", "Ash Carter", "ash-carter", "USA", "GOV"),
    ("Atta Mohammad Noor defied the president.", "2018-01-10", "Atta Mohammad Noor", "atta-mohammad-noor", "AFG", "GOV"),
    ("Alexander Mantytskiy described the meeting.", "2018-11-01", "Alexander Mantytskiy", "alexander-mantytskiy", "RUS", "GOV"),
    ("The ISI denied any role.", "2017-05-01", "The ISI", "isi", "PAK", "SPY"),
    ("The High Peace Council sent four members.", "2018-11-09", "The High Peace Council", "high-peace-council", "AFG", "GOV"),
    ("ISIS-Khorasan claimed the bombing.", "2018-06-01", "ISIS-Khorasan", "islamic-state-khorasan", "AFG", "REB"),
    ("The Taliban attacked a checkpoint.", "2018-06-01", "The Taliban", "taliban", "AFG", "REB"),
    ("The Taliban appointed new governors.", "2021-09-10", "The Taliban", "taliban", "AFG", "GOV"),
    ("The Pentagon confirmed the strike.", "2016-05-22", "The Pentagon", None, "USA", "MIL"),
    ("The Kremlin welcomed the talks.", "2018-11-09", "The Kremlin", None, "RUS", "GOV"),
    ("Islamabad protested the strike.", "2016-05-23", "Islamabad", None, "PAK", "GOV"),
    ("Pakistani troops held exercises with Russian forces.", "2016-10-01", "Pakistani troops", None, "PAK", "MIL"),
    ("The Russian foreign ministry spokeswoman spoke on Friday.", "2018-03-23", "The Russian foreign ministry spokeswoman", None, "RUS", "GOV"),
    ("India declined to send officials.", "2018-11-08", "India", "IND", "IND", None),
    ("China and Iran also attended.", "2018-11-09", "China", "CHN", "CHN", None),
    ("NATO troops began leaving.", "2021-05-01", "NATO troops", None, None, "MIL"),
]


@pytest.mark.parametrize("sentence, date, text, actor_id, country, sector", CASES)
def test_reference_actor_is_coded_for_the_story_date(coder, sentence, date, text, actor_id, country, sector):
    mentions = coder.actor_coder.code_doc(coder.nlp(sentence), date)
    found = [m for m in mentions if m.text == text]
    assert found, f"'{text}' not found; got {[(m.text, m.name) for m in mentions]}"
    ref = found[0]
    if actor_id is not None:
        assert ref.actor_id == actor_id
    assert ref.country == country
    if sector is not None or ref.kind == "state":
        assert ref.sector == sector


# Actors each article of the reference corpus names, by knowledge-base id.
SEED_ACTORS = {
    "000": {"asad-durrani", "taliban", "isi", "PAK", "USA"},
    "001": {"RUS", "PAK", "taliban", "USA"},
    "002": {"abdul-ghani-baradar", "taliban", "RUS", "USA"},
    "003": {"ashraf-ghani", "RUS", "taliban", "IND", "CHN", "IRN", "PAK", "USA"},
    "004": {"RUS", "PAK", "taliban", "USA"},
}


def test_reference_corpus_actors_are_found(coder, seeds_dir):
    for prefix, expected in SEED_ACTORS.items():
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        doc = coder.nlp(path.read_text(encoding="utf-8"))
        ids = {m.actor_id for m in coder.actor_coder.code_doc(doc, None)}
        missing = expected - ids
        assert not missing, f"{path.name}: not found {sorted(missing)}"
