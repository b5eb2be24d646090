"""The export stage: the store's events in the formats other tools read.

    >>> from eirene.export import export
    >>> from eirene.store import EventFilter, open_store
    >>> with open_store("eirene.duckdb", read_only=True) as store:
    ...     rows = export(store, "icews-tsv", "events.tsv", EventFilter(since="2016"))

Every exporter is one function `export_x(store, flt, out_path) -> int` (rows written)
registered by name in EXPORTERS. Add your own format the same way::

    from eirene.export import register_exporter

    def export_mine(store, flt, out_path):
        ...
        return rows

    register_exporter("my-format", export_mine, "My lab's CSV layout")
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eirene.errors import StoreError
from eirene.export.base import Exporter
from eirene.export.graphml import export_graphml
from eirene.export.icews_tsv import export_icews
from eirene.export.parquet import export_parquet
from eirene.export.plover_jsonl import export_plover
from eirene.export.polecat_tsv import export_polecat
from eirene.store.base import EventFilter, Store


@dataclass(frozen=True)
class ExportFormat:
    """A registered format: its name (for --format), the function, and a one-line description."""

    name: str
    func: Exporter
    description: str


EXPORTERS: dict[str, ExportFormat] = {}


def register_exporter(name: str, func: Exporter, description: str) -> None:
    """Make `func` available as `eirene export --format NAME` and export(store, NAME, ...)."""
    EXPORTERS[name] = ExportFormat(name, func, description)


register_exporter("plover-jsonl", export_plover, "PLOVER event records, one JSON object per line, with provenance")
register_exporter("polecat-tsv", export_polecat, "POLECAT's 40 columns, one row per event")
register_exporter("icews-tsv", export_icews, "ICEWS's 20 columns, one row per source-target pair")
register_exporter("graphml", export_graphml, "the actor network (nodes, edges, blocs) for Gephi")
register_exporter("parquet", export_parquet, "every table as a .parquet file, in a folder")


def export(store: Store, fmt: str, out_path: str | Path, flt: EventFilter = EventFilter()) -> int:
    """Write the events matching `flt` in format `fmt` to `out_path`. RETURNS (int): rows written.

    RAISES (StoreError): E450 unknown format, E451 cannot write, E452 a filter the format
        cannot honour.
    """
    found = EXPORTERS.get(fmt)
    if found is None:
        raise StoreError("E450", value=fmt, allowed=", ".join(EXPORTERS))
    return found.func(store, flt, Path(out_path))


__all__ = ["EXPORTERS", "ExportFormat", "Exporter", "export", "register_exporter"]
