"""The corpus stage: read files, folders and stdin into Documents, dated.

    >>> from eirene.corpus import read_inputs, ReadOptions
    >>> for item in read_inputs(["articles/"], ReadOptions(max_mb=5)):
    ...     print(item.id if hasattr(item, "text") else item.message)

Modules: readers (files and folders), recordfiles (.jsonl .json .csv, stdin), parquetfiles (.parquet),
text (bytes to text), pubdate (publication dates), options (shared options and
failures).
"""

from __future__ import annotations

from eirene.corpus.options import ReadOptions
from eirene.corpus.pubdate import DateGuess, detect_publication_date
from eirene.corpus.readers import read_inputs
from eirene.dates import parse_date_value

__all__ = sorted([
    "DateGuess",
    "ReadOptions",
    "detect_publication_date",
    "parse_date_value",
    "read_inputs",
])
