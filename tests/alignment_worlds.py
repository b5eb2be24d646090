"""Two small news worlds written for the alignment tests (not from any corpus).

TWO_CAMPS states two camps outright, across many dated articles: Russia, Pakistan and
China sign pacts, hold exercises and praise each other; the United States, India and
Afghanistan do the same among themselves; across the line they accuse, threaten,
sanction and attack each other. The blocs must come out as those two camps, stably.

COOPERATION_ONLY has the same actors meeting, agreeing and helping each other, and
nothing else: no camp can be told from another, and the alignment must say so.
"""

from __future__ import annotations

from pathlib import Path

from coding_support import coded_db

CAMP_A = {"RUS", "PAK", "CHN"}
CAMP_B = {"USA", "IND", "AFG"}

TWO_CAMPS: dict[str, tuple[str, str]] = {
    "c01.txt": ("2019-01-08", (
        "Russia and Pakistan signed a defence cooperation agreement in Moscow on Tuesday. "
        "China praised Pakistan for its role in the region. "
        "India accused Pakistan of sheltering militants."
    )),
    "c02.txt": ("2019-01-22", (
        "The United States and India signed a security agreement in Washington on Tuesday. "
        "Afghanistan thanked India for its help. "
        "Pakistan condemned India for the shelling of its border posts."
    )),
    "c03.txt": ("2019-02-05", (
        "Chinese and Pakistani troops held joint military exercises on Tuesday. "
        "The United States imposed sanctions on Russia. "
        "Russia accused the United States of destabilising the region."
    )),
    "c04.txt": ("2019-02-19", (
        "Afghanistan and the United States agreed to expand military cooperation on Tuesday. "
        "Afghanistan accused Pakistan of supporting insurgents. "
        "China criticised the United States for its sanctions."
    )),
    "c05.txt": ("2019-03-05", (
        "Russia and China signed an economic agreement in Beijing on Tuesday. "
        "Indian troops attacked Pakistani border posts in Kashmir. "
        "Pakistan accused Afghanistan of harbouring terrorists."
    )),
    "c06.txt": ("2019-03-19", (
        "India and Afghanistan signed a trade agreement in Kabul on Tuesday. "
        "Russia condemned the United States for the sanctions. "
        "The United States threatened Pakistan with sanctions."
    )),
    "c07.txt": ("2019-04-02", (
        "Pakistan praised Russia for its support on Tuesday. "
        "China accused India of provoking clashes on the border. "
        "The United States accused China of spying."
    )),
    "c08.txt": ("2019-04-16", (
        "The United States praised India for its cooperation on Tuesday. "
        "Pakistani troops attacked Afghan border posts. "
        "India condemned China for the border clashes."
    )),
    "c09.txt": ("2019-04-30", (
        "Russia and Pakistan held joint military exercises on Tuesday. "
        "Afghanistan condemned Pakistan for the attack. "
        "Russia accused India of siding with the United States."
    )),
    "c10.txt": ("2019-05-14", (
        "China and Pakistan signed a trade agreement in Islamabad on Tuesday. "
        "The United States and Afghanistan held joint military exercises. "
        "The United States accused Russia of interfering in Afghanistan."
    )),
    "c11.txt": ("2019-05-28", (
        "Russia praised China for its support on Tuesday. "
        "India praised Afghanistan for its cooperation. "
        "Pakistan accused the United States of violating its airspace."
    )),
    "c12.txt": ("2019-06-11", (
        "India and the United States held joint naval exercises on Tuesday. "
        "China condemned Afghanistan for the expulsion of its diplomats. "
        "Afghanistan accused Russia of arming the Taliban."
    )),
}

COOPERATION_ONLY: dict[str, tuple[str, str]] = {
    "p01.txt": ("2019-01-08", (
        "Russia and Pakistan signed a trade agreement in Moscow on Tuesday. "
        "The United States praised India for its cooperation."
    )),
    "p02.txt": ("2019-01-22", (
        "India and Pakistan agreed to expand trade on Tuesday. "
        "China thanked the United States for its help."
    )),
    "p03.txt": ("2019-02-05", (
        "The United States and Russia signed an agreement on Tuesday. "
        "Afghanistan praised Pakistan for its support."
    )),
    "p04.txt": ("2019-02-19", (
        "China and India signed a trade agreement in Beijing on Tuesday. "
        "Russia praised Afghanistan for its cooperation."
    )),
    "p05.txt": ("2019-03-05", (
        "Pakistan and the United States agreed to expand cooperation on Tuesday. "
        "India thanked Russia for its support."
    )),
    "p06.txt": ("2019-03-19", (
        "Afghanistan and China signed an economic agreement on Tuesday. "
        "The United States praised Pakistan for its help."
    )),
}


def write_articles(articles: dict[str, tuple[str, str]], folder: Path) -> Path:
    """Write the articles as dated text files (a dateline opens each) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (date, text) in articles.items():
        (folder / name).write_text(f"{date}\n\n{text}\n", encoding="utf-8")
    return folder


def code_articles(coder, articles: dict[str, tuple[str, str]], folder: Path) -> Path:
    """Write `articles` into `folder` and code them into a DuckDB file beside it."""
    written = write_articles(articles, folder)
    return coded_db(coder, [written], written.parent / f"{folder.name}.duckdb")
