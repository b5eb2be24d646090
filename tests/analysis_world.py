"""A small invented news world for the analysis tests, written for eirene (not from any corpus).

Two camps: Russia and Pakistan draw closer; the United States and India cooperate;
the United States pressures and strikes Pakistan, India and Pakistan trade threats.
Claims: American officials say Russia arms the Taliban; Pakistan denies and refuses.
"""

from __future__ import annotations

from pathlib import Path

from coding_support import coded_db

ARTICLES: dict[str, tuple[str, str]] = {
    "w01-moscow-talks.txt": ("2018-02-14", (
        "Russia and Pakistan signed a defence cooperation agreement in Moscow on Wednesday. "
        "Russian Foreign Minister Sergey Lavrov praised Pakistan for its role in the region. "
        "Pakistan thanked Russia for its support."
    )),
    "w02-drone.txt": ("2018-03-09", (
        "A US drone strike killed three Pakistani soldiers in North Waziristan on Friday. "
        "Pakistan condemned the United States for the attack. "
        "The United States threatened to cut military aid to Pakistan."
    )),
    "w03-claims.txt": ("2018-03-20", (
        "American officials said Russia was arming the Taliban. "
        "The United States accused Russia of supplying weapons to the Taliban. "
        "Pakistan rejected the American demand to close Taliban sanctuaries."
    )),
    "w04-delhi.txt": ("2018-04-11", (
        "The United States and India agreed to expand military cooperation. "
        "India praised the United States for its support. "
        "India accused Pakistan of sheltering militants, and Pakistan threatened India."
    )),
    "w05-summer.txt": ("2018-06-05", (
        "Russia sent military helicopters to Pakistan. "
        "Pakistani and Russian troops held joint exercises near Peshawar. "
        "The United States suspended security assistance to Pakistan."
    )),
}


def write_world(folder: Path) -> Path:
    """Write the articles as dated text files (a dateline opens each) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (date, text) in ARTICLES.items():
        (folder / name).write_text(f"{date}\n\n{text}\n", encoding="utf-8")
    return folder


def code_world(coder, folder: Path) -> Path:
    """Write the articles into `folder` and code them into `world.duckdb` beside it."""
    articles = write_world(folder)
    return coded_db(coder, [articles], articles.parent / "world.duckdb")
