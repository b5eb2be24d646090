"""Parquet files of records (.parquet): one row, one record, as in .jsonl.

Why: a year of news is usually kept as Parquet shards on storage every machine of a
cluster sees, and `eirene code /shared/news/ --ray auto` reads them where they are.
Bounded like the other readers: only the columns eirene uses are read, a few hundred rows
at a time (pyarrow decodes one row group's column chunks at a time, so memory follows the
row group size the file was written with), and a text over --max-mb fails alone (E107).
Column values keep their meaning: a date or timestamp column is a date, a number an id.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eirene.corpus.options import Item, ReadOptions, fail
from eirene.corpus.recordfiles import record_item

ROWS_AT_A_TIME = 256


def read_parquet_file(file: Path, *, display: str, file_id: str, options: ReadOptions) -> Iterator[Item]:
    """A .parquet file's rows as documents; ids default to "<file>#<row>" (from 1)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(file)
    except (pa.ArrowException, ValueError) as err:
        yield fail("E422", display, path=display, reason=_first_line(err))
        return
    with parquet:
        columns = parquet.schema_arrow.names
        if options.text_field not in columns:
            yield fail("E109", display, at_line=1, path=display, line="1",
                       reason=f"the file has no column '{options.text_field}' (columns: {', '.join(columns)}); "
                              f"name the text column with --text-field")
            return
        wanted = [c for c in _fields(options) if c in columns]
        if parquet.metadata.num_rows == 0:
            yield fail("E102", display, path=display)
            return
        row = 0
        try:
            for batch in parquet.iter_batches(batch_size=ROWS_AT_A_TIME, columns=wanted):
                for record in batch.to_pylist():
                    row += 1
                    yield record_item({k: _plain(v) for k, v in record.items()}, display=display, line=row,
                                      where=f"row {row}", fallback_id=f"{file_id}#{row}", path=display,
                                      options=options)
        except (pa.ArrowException, OSError) as err:  # a damaged page: the rows before it are kept
            yield fail("E422", display, at_line=row + 1, path=f"{display}, from row {row + 1}", reason=_first_line(err))


def _fields(options: ReadOptions) -> list[str]:
    names = [options.text_field, options.id_field, options.date_field, options.title_field,
             options.url_field, options.source_field]
    return list(dict.fromkeys(names))


def _plain(value: Any) -> Any:
    """A timestamp as ISO text (with its time, so the date is read as the day)."""
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
