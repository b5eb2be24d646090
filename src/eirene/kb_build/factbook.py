"""Current heads of state and government from the World Factbook (factbook-json, CC0).

Why a module of its own: Wikidata's snapshots end in early 2023 and miss some states;
the Factbook's last edition (January 2026) names every state's chief of state and head
of government with the day they took office, written "Prime Minister Inga RUGINIENE
(since 25 September 2025)". This reader turns each into a person with a dated GOV role;
the merge joins them to the Wikidata person of the same name and country.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from eirene.dates import to_date
from eirene.errors import KnowledgeBaseError
from eirene.kb_build.draft import Draft, DraftRole, Drafts
from eirene.kb_build.politicians import read_csv
from eirene.kb_build.rules import Rules

SOURCE = "factbook-json"
_SINCE = re.compile(r"\(since ([^)]*)\)")
_OFFICES = ("chief of state", "head of government")


def _iso2_by_gec(root: Path) -> dict[str, str]:
    path = root / "factbook-archive" / "master_countries.csv"
    if not path.is_file():
        return {}
    return {row["CanonicalCode"].lower(): row["ISOAlpha2"] for row in read_csv(path)
            if row.get("ISOAlpha2") and row.get("EntityType") == "sovereign"}


def _name_case(word: str) -> str:
    """"NAUSEDA" -> "Nauseda", "AL-SISI" -> "Al-Sisi"; other words stay as written."""
    if re.fullmatch(r"[IVX]+", word):
        return word  # a regnal number: Charles III
    if sum(c.isupper() for c in word) >= 2 and not any(c.islower() for c in word):
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word)
    return word


def holders(text: str, titles: frozenset[str]) -> list[tuple[str, str, str]]:
    """(title, name, since) of every "<title> <Name SURNAME> (since <date>)" in `text`."""
    out = []
    start = 0
    for match in _SINCE.finditer(text):
        chunk = re.split(r"[;:]|, | and ", text[start:match.start()])[-1]
        start = match.end()
        words = chunk.replace("\u00a0", " ").split()
        split = next((i for i, w in enumerate(words) if w not in titles), len(words))
        title, name_words = " ".join(words[:split]), words[split:]
        if not title or not any(sum(c.isupper() for c in w) >= 2 and w.upper() == w for w in name_words):
            continue
        out.append((title, " ".join(_name_case(w) for w in name_words), match.group(1).strip()))
    return out


def read_factbook(root: Path, rules: Rules, drafts: Drafts) -> None:
    """Chief of state and head of government of every sovereign state in factbook-json."""
    folder = root / "factbook-json"
    if not folder.is_dir():
        return
    iso2 = _iso2_by_gec(root)
    for path in sorted(folder.glob("*/*.json")):
        country = rules.country(iso2.get(path.stem, ""))
        if country is None:
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise KnowledgeBaseError("E371", path=str(path), reason=str(exc)) from exc
        branch = (data.get("Government") or {}).get("Executive branch") or {}
        for office in _OFFICES:
            text = str((branch.get(office) or {}).get("text") or "")
            for title, name, since in holders(re.sub(r"<[^>]+>", " ", text), rules.factbook_title_words):
                try:
                    start = to_date(since).isoformat()
                except ValueError:
                    start = None
                role = DraftRole(title, country, "GOV", start, None, SOURCE)
                parts = name.split()
                short = {f"{parts[0]} {parts[-1]}"} if len(parts) > 2 and "bin" not in parts else set()
                drafts.add(Draft(name=name, kind="person", country=country, sector=None, roles=[role],
                                 aliases=short, sources={SOURCE}))
