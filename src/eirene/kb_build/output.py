"""Run every reader, let the hand-curated entries win, write the built files.

Why a module of its own: writing is where determinism is decided (sorted entries,
sorted keys, a gzip header without a time stamp) and where the attributions that CC BY
data needs are written beside the data.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eirene.actors.actor_files import builtin_files, file_keys, merge_files
from eirene.actors.entries import normalize_alias
from eirene.errors import KnowledgeBaseError
from eirene.kb_build.draft import Draft, Drafts
from eirene.kb_build.factbook import read_factbook
from eirene.kb_build.organisations import (
    read_companies, read_igos, read_parties, read_phoenix_armed_groups, read_ucdp, read_universities,
)
from eirene.kb_build.politicians import read_politicians
from eirene.kb_build.rules import load_rules

BUILT_DIR = Path(__file__).resolve().parent.parent / "data" / "actors" / "built"
ENTRIES_FILE = "actors.jsonl.gz"
FORMAT_VERSION = 1

# Licence and attribution of each source folder, as kb-sources' README states them.
ATTRIBUTIONS: dict[str, str] = {
    "every-politician-scrapers": "Wikidata content, CC0 1.0. Credit: Wikidata and EveryPolitician / every-politician-scrapers.",
    "factbook-json": "CC0 1.0; the Factbook text is a US-government public-domain work. CIA World Factbook "
                     "via factbook/factbook.json; GEC codes mapped with factbook-archive/master_countries.csv "
                     "(MIT, MilkMp/CIA-World-Factbooks-Archive-1990-2025).",
    "ucdp": "CC BY 4.0. Davies, Shawn, Therese Pettersson & Magnus Öberg (2022). Organized violence 1989–2021 and "
            "drone warfare. Journal of Peace Research 59(4); Pettersson, Therese (2022) UCDP Actor Dataset "
            "Codebook v 22.1 (ucdp.uu.se/downloads). UCDP Actor Dataset version 22.1. Changes: only names, "
            "organisation type and locations are used.",
    "phoenix": "MIT, © 2014 Open Event Data Alliance (Phoenix / PETRARCH2 dictionaries).",
    "partyfacts": "MIT, © 2022 Party Facts authors. Döring, Holger, and Sven Regel. 2019. \"Party Facts: A "
                  "Database of Political Parties Worldwide.\" Party Politics 25(2): 97–109.",
    "cow-igo": "Data © Correlates of War Project (free with citation). Pevehouse, Jon C.W., Timothy Nordstrom, "
               "Roseanne W. McManus & Anne Spencer Jamison (2020). Tracking organizations in the world: The "
               "Correlates of War IGO Version 3.0 datasets. Journal of Peace Research 57(3): 492–503; "
               "Wallace & Singer (1970), International Organization 24: 239–87.",
    "universities": "MIT, © 2014–2025 Hipo (university-domains-list).",
    "sp500": "ODC Public Domain Dedication and License (PDDL) 1.0 (datasets/s-and-p-500-companies).",
}
READERS = (read_politicians, read_factbook, read_ucdp, read_phoenix_armed_groups, read_parties, read_igos,
           read_universities, read_companies)


@dataclass
class BuildReport:
    """What a build wrote and how much of each kind and source it holds."""

    path: Path
    entries: int = 0
    roles: int = 0
    counts_by_kind: dict[str, int] = field(default_factory=dict)
    counts_by_source: dict[str, int] = field(default_factory=dict)
    people_with_roles_by_sector: dict[str, int] = field(default_factory=dict)
    curated_won: int = 0

    def lines(self) -> list[str]:
        """The report as text lines, for the command line."""
        out = [f"wrote {self.path}: {self.entries} entries, {self.roles} dated roles; "
               f"{self.curated_won} left to hand-curated entries"]
        out += [f"  kind {k:<12} {v:>7}" for k, v in sorted(self.counts_by_kind.items())]
        out += [f"  source {k:<30} {v:>7}" for k, v in sorted(self.counts_by_source.items())]
        out += [f"  role sector {k:<6} {v:>7}" for k, v in sorted(self.people_with_roles_by_sector.items())]
        return out


def build(sources: Path, out_dir: Path = BUILT_DIR, *, curated: bool = True) -> BuildReport:
    """Read every source under `sources`, write `out_dir`/actors.jsonl.gz and SOURCES.md.

    curated (bool): drop a built entity when a hand-curated entry already names it.
    RAISES (KnowledgeBaseError): E370 when `sources` is not a kb-sources folder.
    """
    if not (sources / "README.md").is_file():
        raise KnowledgeBaseError("E370", path=str(sources), reason="there is no README.md in it")
    rules = load_rules()
    drafts = Drafts(rules.posthumous_grace_days)
    for reader in READERS:
        reader(sources, rules, drafts)
    kept, won = _without_curated(list(drafts)) if curated else (list(drafts), 0)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = sorted((d.as_json() for d in kept), key=lambda r: r["id"])
    records = _unique_ids(records)
    report = _report(out_dir / ENTRIES_FILE, records, won)
    _write_entries(out_dir / ENTRIES_FILE, records)
    (out_dir / "SOURCES.md").write_text(_sources_text(sources, report), encoding="utf-8")
    return report


def _without_curated(drafts: list[Draft]) -> tuple[list[Draft], int]:
    """Drafts no hand-curated entry of the same kind (and country) already names."""
    curated: dict[str, set[tuple[str, str | None]]] = {}
    for entry in merge_files(file_keys(builtin_files(), [])).entries:
        for name in (entry.name, *entry.aliases):
            curated.setdefault(normalize_alias(name), set()).add((entry.kind, entry.country))
    kept = []
    for draft in drafts:
        seen = curated.get(normalize_alias(draft.name), set())
        if any(kind == draft.kind and (country is None or country == draft.country) for kind, country in seen):
            continue
        kept.append(draft)
    return kept, len(drafts) - len(kept)


def _unique_ids(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """Two entities with the same slug id get -2, -3 ... in their sorted order."""
    seen: Counter[str] = Counter()
    for record in records:
        ident = str(record["id"])
        seen[ident] += 1
        if seen[ident] > 1:
            record["id"] = f"{ident}-{seen[ident]}"
    return records


def _write_entries(path: Path, records: list[dict[str, object]]) -> None:
    """One JSON object per line, keys sorted, gzip without name or time: same input, same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as handle:
        handle.write(json.dumps({"format": FORMAT_VERSION, "entries": len(records)}, sort_keys=True).encode() + b"\n")
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n")
    path.write_bytes(buffer.getvalue())


def _report(path: Path, records: list[dict[str, object]], won: int) -> BuildReport:
    report = BuildReport(path=path, entries=len(records), curated_won=won)
    kinds: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for record in records:
        kinds[str(record["kind"])] += 1
        roles = record.get("roles") or []
        report.roles += len(roles)  # type: ignore[arg-type]
        for source in record.get("sources") or []:  # type: ignore[attr-defined]
            sources[str(source).split("/")[0] if not str(source).startswith("every-") else "every-politician-scrapers"] += 1
        if record["kind"] == "person":
            for sector in {r.get("sector") for r in roles}:  # type: ignore[union-attr]
                sectors[str(sector)] += 1
    report.counts_by_kind = dict(kinds)
    report.counts_by_source = dict(sources)
    report.people_with_roles_by_sector = dict(sectors)
    return report


def _manifest_commits(sources: Path) -> dict[str, tuple[str, str]]:
    """Folder (or every-politician repo) -> (source repository, commit), from MANIFEST.tsv."""
    out: dict[str, tuple[str, str]] = {}
    manifest = sources / "MANIFEST.tsv"
    if not manifest.is_file():
        return out
    with manifest.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            parts = row["file"].split("/")
            folder = "/".join(parts[:2]) if parts[0] == "every-politician-scrapers" else parts[0]
            out.setdefault(folder, (row.get("source_repo", ""), row.get("commit", "")))
    return out


def _sources_text(sources: Path, report: BuildReport) -> str:
    lines = ["# Sources of the built actor knowledge (actors.jsonl.gz)", "",
             "Written by `eirene kb build` from a kb-sources folder; do not edit by hand.",
             f"Entries: {report.entries}; dated roles: {report.roles}.", "",
             "## Licences and attributions", ""]
    lines += [f"- **{folder}**: {text}" for folder, text in ATTRIBUTIONS.items()]
    lines += ["", "## Source repositories and commits", "", "| folder | repository | commit |", "|---|---|---|"]
    lines += [f"| {folder} | {repo} | `{commit}` |" for folder, (repo, commit) in sorted(_manifest_commits(sources).items())]
    lines += ["", "## Coverage", "", *[f"    {line.strip()}" for line in report.lines()[1:]], ""]
    return "\n".join(lines)
