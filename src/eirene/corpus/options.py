"""What every reader shares: the options, failures with E-codes, and dating a document.

Each input item ends as a `Document` or a `DocFailure`; `fail` builds the failure's
message from the E-code template in eirene.errors, so it names the file, the line,
the reason and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any, Union

from eirene.corpus.pubdate import detect_publication_date
from eirene.dates import parse_date_value
from eirene.errors import EireneError, InputError
from eirene.records import DocFailure, Document

Item = Union[Document, DocFailure]

#: Suffixes read, by kind. Anything else is skipped in folders and refused by name.
TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".jsonl", ".json", ".csv", ".parquet"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES

#: The code of a file a folder held that eirene does not read: listed, not an error.
SKIPPED = "E144"

#: Longest record id, and longest date value worth parsing, in characters.
MAX_ID_CHARS = 512
# The longest title, url and source a record may carry: far beyond any real one, short
# enough that no page or API answer listing documents grows without bound (E145).
MAX_FIELD_CHARS: dict[str, int] = {"title": 2_000, "url": 8_192, "source": 1_000}
MAX_DATE_CHARS = 100

_TRUSTED_SOURCES = frozenset({"updated", "byline", "dateline"})


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs: which record fields hold what, and the limits.

    id_field, text_field, title_field, date_field, url_field, source_field (str):
        field (or CSV column) names in .jsonl/.json/.csv records.
    max_mb (float): largest document read, in MB: per file for .txt/.md/.html and
        .json (read whole), per record for .jsonl and .csv. Larger gives E107 unread.
    default_date (str | None): ISO date ("2018", "2018-11", "2018-11-05") used when
        no date is found (date_source "option").
    """

    id_field: str = "id"
    text_field: str = "text"
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    source_field: str = "source"
    max_mb: float = 20.0
    default_date: str | None = None

    def __post_init__(self) -> None:
        if not self.max_mb > 0:
            raise EireneError("E113", option="max_mb (--max-mb)", value=self.max_mb, reason="it must be a number above 0")
        if self.default_date is not None and parse_date_value(self.default_date) is None:
            raise EireneError("E113", option="default_date (--date)", value=self.default_date,
                              reason="use an ISO date such as 2018, 2018-11 or 2018-11-05")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)


def fail(code: str, source: str, *, at_line: int | None = None, doc_id: str | None = None,
         **details: object) -> DocFailure:
    """A DocFailure whose message is the E-code's template filled with `details`.

    at_line (int | None): the line (or record number) stored on the failure; the
        template's own {line} field, if any, comes in `details`.
    """
    err = InputError(code, doc_id=doc_id, **details)
    return DocFailure(source=source, code=code, message=str(err), doc_id=doc_id, line=at_line)


def too_big(source: str, where: str, size: int, options: ReadOptions, *, at_line: int | None = None,
            doc_id: str | None = None) -> DocFailure:
    """E107 for a file or record of `size` bytes; `where` names it in the message."""
    return fail("E107", source, at_line=at_line, doc_id=doc_id, path=where,
                size=f"{size / 1048576:.1f}", limit=f"{options.max_mb:g}")


def dated(text: str, options: ReadOptions, *, record_date: object = None,
          meta_date: str | None = None) -> dict[str, Any]:
    """The date fields of a Document, from the most trusted source available.

    Order: the record's own date field; a date label, byline or dateline in the text;
    the HTML page's metadata (`meta_date`, source "metadata"); a full date elsewhere
    near the start or end (source "text"); `options.default_date` (source "option").
    RETURNS (dict): date, date_precision, date_source and date_note for Document(...).
    """
    notes: list[str | None] = []
    if isinstance(record_date, str) and len(record_date) > MAX_DATE_CHARS:
        notes.append(f"the record's date is {len(record_date)} characters long, too long to be a date")
    elif record_date is not None and str(record_date).strip():
        parsed = parse_date_value(record_date)
        if parsed is not None:
            return _fields(parsed[0], parsed[1], "record", None)
        notes.append(f"the record's date '{record_date}' could not be read")
    guess = detect_publication_date(text)
    if guess.date is not None and guess.source in _TRUSTED_SOURCES:
        return _fields(guess.date, guess.precision, guess.source, _join(notes + [guess.note]))
    if guess.date is None and guess.text is not None and guess.note:
        notes.append(guess.note)  # e.g. a dateline without a year
    meta = parse_date_value(meta_date) if meta_date else None
    if meta is not None:
        return _fields(meta[0], meta[1], "metadata", _join(notes))
    if guess.date is not None:
        return _fields(guess.date, guess.precision, guess.source, _join(notes + [guess.note]))
    if options.default_date is not None:
        default = parse_date_value(options.default_date)
        if default is not None:
            notes.append("no date found; the default date given was used")
            return _fields(default[0], default[1], "option", _join(notes))
    return _fields(None, "unknown", "none", _join(notes) or guess.note)


def _fields(date: str | None, precision: str, source: str, note: str | None) -> dict[str, Any]:
    return {"date": date, "date_precision": precision, "date_source": source, "date_note": note}


def _join(notes: Sequence[str | None]) -> str | None:
    kept = [note for note in notes if note]
    return "; ".join(kept) if kept else None
