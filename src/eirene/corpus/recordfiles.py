"""Files of records: .jsonl (streamed, one record a line), .json and .csv, and stdin.

A record is an object whose fields are named by ReadOptions. One bad line or record
gives one DocFailure and the rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, AnyStr, TextIO

from eirene.corpus.options import MAX_FIELD_CHARS, MAX_ID_CHARS, Item, ReadOptions, dated, fail, too_big
from eirene.corpus.safefiles import open_regular
from eirene.corpus.safejson import JsonRefused, parse_bounded, unstorable
from eirene.corpus.text import (
    DecodeFailure,
    binary_reason,
    decode,
    guess_encoding,
    normalise_newlines,
    sniff_stream_encoding,
)
from eirene.records import DocFailure, Document

_PEEK = 1 << 16


def record_item(record: object, *, display: str, line: int, where: str, fallback_id: str,
                path: str | None, options: ReadOptions) -> Item:
    """One record as a Document, or the DocFailure saying what is wrong with it.

    display (str): the file as named in messages; where (str): "at line 3" or "3".
    fallback_id (str): the id used when the record has none ("<file>#<line>").
    """
    if not isinstance(record, dict):
        return fail("E109", display, at_line=line, path=display, line=where,
                    reason=f"the record is a JSON {_json_type(record)}, not an object with a "
                           f"'{options.text_field}' field")
    for name in (options.id_field, options.title_field, options.url_field, options.source_field):
        if isinstance(record.get(name), (dict, list)):  # str() would store Python's repr as the value
            return fail("E109", display, at_line=line, path=display, line=where,
                        reason=f"field '{name}' holds a JSON {_json_type(record[name])}, not text")
    raw_id = record.get(options.id_field)
    doc_id = str(raw_id).strip() if raw_id is not None and str(raw_id).strip() else fallback_id
    if len(doc_id) > MAX_ID_CHARS:
        return fail("E145", display, at_line=line, path=display, line=where, field="id",
                    size=len(doc_id), limit=MAX_ID_CHARS)
    for kind, name in (("title", options.title_field), ("url", options.url_field), ("source", options.source_field)):
        value = record.get(name)
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS[kind]:
            return fail("E145", display, at_line=line, doc_id=doc_id, path=display, line=where, field=name,
                        size=len(value), limit=MAX_FIELD_CHARS[kind])
    text = record.get(options.text_field)
    if text is None or (isinstance(text, str) and not text.strip()):
        return fail("E106", display, at_line=line, doc_id=doc_id, path=display, line=where,
                    field=options.text_field)
    if not isinstance(text, str):
        return fail("E109", display, at_line=line, doc_id=doc_id, path=display, line=where,
                    reason=f"field '{options.text_field}' holds a JSON {_json_type(text)}, not text")
    for name in (options.id_field, options.text_field, options.title_field, options.url_field, options.source_field):
        value = record.get(name)
        bad = unstorable(value) if isinstance(value, str) else None
        if bad is not None:
            return fail("E142", display, at_line=line, doc_id=doc_id, path=display, line=where,
                        reason=f"field '{name}' holds {bad[0]}, which cannot be stored as text")
    text = normalise_newlines(text)
    if len(text) * 4 > options.max_bytes and len(text.encode("utf-8")) > options.max_bytes:
        return too_big(display, f"{display}, record {where}", len(text.encode("utf-8")), options,
                       at_line=line, doc_id=doc_id)
    return Document(
        id=doc_id, text=text, title=_optional(record.get(options.title_field)),
        url=_optional(record.get(options.url_field)), source=_optional(record.get(options.source_field)),
        path=path, **dated(text, options, record_date=record.get(options.date_field)),
    )


def read_jsonl_stream(stream: IO[AnyStr], *, display: str, file_id: str, path: str | None,
                      options: ReadOptions) -> Iterator[Item]:
    """Stream records from JSON Lines; a malformed or oversized line fails alone."""
    yielded = False
    for line_no, raw, size in _capped_lines(stream, options.max_bytes):
        if raw is None:
            yielded = True
            yield too_big(display, f"{display}, line {line_no}", size, options, at_line=line_no)
            continue
        if isinstance(raw, bytes):
            if line_no == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = _decode_line(raw)
            except DecodeFailure as err:
                yielded = True
                yield fail("E104", display, at_line=line_no, path=f"{display}, line {line_no}", reason=str(err))
                continue
        else:
            line = raw.lstrip("\ufeff") if line_no == 1 else raw
            if not line.strip():
                continue
        yielded = True
        try:
            record = parse_bounded(line)
        except JsonRefused as err:
            yield refused(err, "E105", display, line_no)
            continue
        yield record_item(record, display=display, line=line_no, where=f"at line {line_no}",
                          fallback_id=f"{file_id}#{line_no}", path=path, options=options)
    if not yielded:
        yield fail("E102", display, path=display)


def read_jsonl_file(file: Path, *, display: str, file_id: str, options: ReadOptions) -> Iterator[Item]:
    """A .jsonl file, streamed in binary so one badly encoded line fails alone."""
    with open_regular(file, buffer_size=_PEEK) as stream:
        reason = binary_reason(stream.peek(_PEEK)[:8192])
        if reason is not None:
            yield fail("E103", display, path=display, reason=reason)
            return
        yield from read_jsonl_stream(stream, display=display, file_id=file_id, path=display, options=options)


def read_json_file(data: bytes, *, display: str, file_id: str, options: ReadOptions) -> Iterator[Item]:
    """A .json file (already read, within the size limit): a list of records or one record.

    A lone record's id defaults to the file's id; records in a list to "<file>#<n>".
    """
    try:
        text, _ = decode(data)
    except DecodeFailure as err:
        yield fail("E104", display, path=display, reason=str(err))
        return
    if not text.strip():
        yield fail("E102", display, path=display)
        return
    try:
        value = parse_bounded(text)
    except JsonRefused as err:
        yield refused(err, "E112", display, err.line)
        return
    if isinstance(value, dict):
        yield record_item(value, display=display, line=1, where="1", fallback_id=file_id, path=display,
                          options=options)
    elif isinstance(value, list):
        if not value:
            yield fail("E102", display, path=display)
        for number, record in enumerate(value, start=1):
            yield record_item(record, display=display, line=number, where=str(number),
                              fallback_id=f"{file_id}#{number}", path=display, options=options)
    else:
        yield fail("E109", display, at_line=1, path=display, line="1",
                   reason=f"the file holds a JSON {_json_type(value)}; expected a list of records "
                          "or one record (an object)")


def read_csv_file(file: Path, *, display: str, file_id: str, options: ReadOptions) -> Iterator[Item]:
    """A .csv file with a header row, streamed; ids default to "<file>#<line>"."""
    with open_regular(file, buffer_size=_PEEK) as raw:
        sample = raw.peek(_PEEK)[:_PEEK]
        reason = binary_reason(sample[:8192])
        if reason is not None:
            yield fail("E103", display, path=display, reason=reason)
            return
        try:
            encoding = sniff_stream_encoding(sample)
        except DecodeFailure as err:
            yield fail("E104", display, path=display, reason=str(err))
            return
        if csv.field_size_limit() < options.max_bytes:
            csv.field_size_limit(options.max_bytes)  # the limit is per document, not csv's 128 KB
        text = io.TextIOWrapper(raw, encoding=encoding, errors="strict", newline="")
        reader = csv.reader(_bounded_lines(text, options.max_bytes))
        yield from _csv_rows(reader, display=display, file_id=file_id, options=options)


def _csv_rows(reader: Iterator[list[str]], *, display: str, file_id: str, options: ReadOptions) -> Iterator[Item]:
    last_line = 0
    header: list[str] | None = None
    yielded = False
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except UnicodeDecodeError as err:
            yield fail("E104", display, at_line=start, path=f"{display}, line {start}",
                       reason=f"{err.reason}; the rows from here on were not read")
            return
        except (csv.Error, _LineTooLong) as err:
            if "field larger" in str(err) or isinstance(err, _LineTooLong):
                yield too_big(display, f"{display}, record at line {start}", options.max_bytes + 1, options,
                              at_line=start)
            else:
                yield fail("E109", display, at_line=start, path=display, line=f"at line {start}",
                           reason=f"{err}; the rows from here on were not read")
            return
        last_line = getattr(reader, "line_num", start)
        if header is None:
            header = [cell.strip().lstrip("\ufeff") for cell in row]
            if options.text_field not in header:
                yield fail("E109", display, at_line=start, path=display, line=f"at line {start}",
                           reason=f"the header has no column '{options.text_field}' (columns: "
                                  f"{', '.join(header)}); name the text column with --text-field")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        yielded = True
        if len(row) > len(header):
            yield fail("E109", display, at_line=start, path=display, line=f"at line {start}",
                       reason=f"the row has {len(row)} cells but the header {len(header)}; check the quoting")
            continue
        record = dict(zip(header, row + [""] * (len(header) - len(row))))
        yield record_item(record, display=display, line=start, where=f"at line {start}",
                          fallback_id=f"{file_id}#{start}", path=display, options=options)
    if not yielded:
        yield fail("E102", display, path=display)


class _LineTooLong(Exception):
    """A CSV line over the size limit: the reader stops there rather than hold it."""


def _bounded_lines(stream: IO[str], limit: int) -> Iterator[str]:
    """The lines of a text stream, each read with a bound (a row of a million short
    cells stays within the limit too)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            raise _LineTooLong(f"a line of over {limit} characters")
        yield line


def _capped_lines(stream: IO[AnyStr], limit: int) -> Iterator[tuple[int, AnyStr | None, int]]:
    """(line number, line, size) for each line; a line over `limit` is skipped unread
    (line None) so one giant line never sits in memory."""
    line_no = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        line_no += 1
        if len(raw) > limit and raw[-1:] not in (b"\n", "\n"):
            size = len(raw)
            while True:
                chunk = stream.readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk[-1:] in (b"\n", "\n"):
                    break
            yield line_no, None, size
            continue
        yield line_no, raw, len(raw)


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        encoding = guess_encoding(raw)
        if encoding is None:
            raise DecodeFailure("the line is not UTF-8 and no other encoding fits it") from None
        return raw.decode(encoding, errors="strict")


def _optional(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _json_type(value: object) -> str:
    names = {list: "array", dict: "object", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def read_stdin(stream: TextIO, options: ReadOptions) -> Iterator[Item]:
    """JSON Lines from standard input; ids default to "stdin#<line>".

    The bytes under a text stream are read when there are any (sys.stdin), so a badly
    encoded line fails alone, as in a .jsonl file, instead of stopping the run.
    """
    source: IO[Any] = getattr(stream, "buffer", stream)
    yield from read_jsonl_stream(source, display="<stdin>", file_id="stdin", path="-", options=options)


def refused(err: JsonRefused, syntax_code: str, display: str, line: int) -> DocFailure:
    """The DocFailure for JSON that `parse_bounded` refused, at `line` of `display`."""
    code = syntax_code if err.code == "syntax" else err.code
    return fail(code, display, at_line=line, path=display, line=line, reason=err.reason)
