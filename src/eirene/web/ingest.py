"""Uploads: turn a request body or an upload form into documents, code and store them.

Why through eirene.coding_run.code_inputs: an upload is a coding run like `eirene code`, with
the same readers (so a bad record gets the same E-coded failure), the same "same
content is not coded twice" rule, and a run row in the database saying what was done.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eirene.corpus import ReadOptions
from eirene.corpus.safejson import JsonRefused, parse_bounded
from eirene.records import content_hash
from eirene.store import EventFilter
from eirene.web.errors import WebError
from eirene.web.models import IngestedDocument, IngestFailure, IngestResult
from eirene.web.state import WebState

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def body_to_jsonl(body: bytes) -> str:
    """A JSON document, a JSON array of documents, or JSON Lines, as JSON Lines.

    Parsed by the same bounded parser as files (eirene.corpus.safejson): a body nested
    too deep, with a number of thousands of digits, a NUL or a lone surrogate is
    refused with that E-code (400); a JSON Lines line with one of these is left for
    the reader, which reports it as the file readers do. Records without an id get
    "upload-<hash of the text>", so two uploads of different texts never replace each
    other and the same text uploaded twice is stored once.
    RAISES (WebError): E507 when the body is empty or not UTF-8 text; E140-E142 (400).
    """
    try:
        text = body.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise WebError(400, "E507", reason=f"the body is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if not text.strip():
        raise WebError(400, "E507", reason="the body is empty; send a JSON object with a 'text' field, or JSON Lines")
    try:
        whole = parse_bounded(text)
    except JsonRefused as refused:
        if "\n" not in text.strip():  # one line: the whole body is refused
            if refused.code == "syntax":
                raise WebError(400, "E507", reason=f"the body is not JSON ({refused.reason})") from None
            raise WebError(400, refused.code, path="the request body", line=refused.line,
                           reason=refused.reason) from None
        lines = [_with_id_line(line) for line in text.splitlines()]
    else:
        records = whole if isinstance(whole, list) else [whole]
        if not records:
            raise WebError(400, "E507", reason="the JSON array is empty")
        lines = [json.dumps(_with_id(r), ensure_ascii=False) for r in records]
    return "\n".join(lines) + "\n"


def form_to_jsonl(*, text: str, title: str | None, date: str | None, doc_id: str | None) -> str:
    """One pasted article from the upload form, as one JSON line."""
    record: dict[str, Any] = {"text": text}
    if title:
        record["title"] = title
    if date:
        record["date"] = date
    if doc_id:
        record["id"] = doc_id
    return json.dumps(_with_id(record), ensure_ascii=False) + "\n"


def _with_id(record: object) -> object:
    if isinstance(record, dict) and not str(record.get("id") or "").strip() and isinstance(record.get("text"), str):
        return {**record, "id": f"upload-{content_hash(record['text'])}"}
    return record


def _with_id_line(line: str) -> str:
    """Give one JSON line its id; a malformed line is left for the reader to report (E105)."""
    if not line.strip():
        return line
    try:
        record = parse_bounded(line)
    except JsonRefused:
        return line
    return json.dumps(_with_id(record), ensure_ascii=False)


def safe_filename(name: str) -> str:
    """The last path part of an uploaded file's name, with only safe characters."""
    base = _SAFE_NAME.sub("-", Path(name.replace("\\", "/")).name).strip(".-")
    return base or "upload.txt"


def code_jsonl(state: WebState, jsonl: str, *, default_date: str | None = None) -> IngestResult:
    """Code and store the records of `jsonl` (one coding run)."""
    return _run(state, ["-"], stdin=io.StringIO(jsonl), default_date=default_date,
                display={"<stdin>": "the request body"})  # the client sent a body, not standard input


def code_file(state: WebState, filename: str, data: bytes, *, default_date: str | None = None) -> IngestResult:
    """Code and store one uploaded file; its document id is its (safe) file name."""
    with tempfile.TemporaryDirectory(prefix="eirene-upload-") as folder:
        path = Path(folder) / safe_filename(filename)
        path.write_bytes(data)
        return _run(state, [path], stdin=None, default_date=default_date, display={str(path): path.name})


def _run(
    state: WebState,
    inputs: Sequence[str | Path],
    *,
    stdin: io.StringIO | None,
    default_date: str | None,
    display: dict[str, str] | None = None,
) -> IngestResult:
    from eirene.nlp import default_model_name
    from eirene.coding_run import code_inputs

    options = ReadOptions(max_mb=max(state.max_upload_bytes / (1024 * 1024), 0.001), default_date=default_date or None)
    seen: dict[str, str] = {}

    def progress(what: str, name: str) -> None:
        if what in ("new", "changed", "same"):
            seen[name] = what

    with state.write_lock:
        try:
            summary = code_inputs(
                inputs, state.store, state.coder, read_options=options, stdin=stdin,
                model_name=default_model_name(), config={"source": "web upload"}, progress=progress,
            )
        finally:
            state.data_changed()
    failures = [IngestFailure(source=_shown(f.source, display), code=f.code, message=_shown(f.message, display))
                for f in summary.failures]
    documents = [
        IngestedDocument(id=doc_id, state=doc_state, events=state.store.count_events(EventFilter(doc_id=doc_id)))
        for doc_id, doc_state in seen.items()
    ]
    if not documents:
        reasons = "; ".join(f.message for f in failures) or "no records found"
        raise WebError(400, "E507", reason=reasons)
    return IngestResult(run_id=summary.run_id, documents=documents,
                        events=sum(d.events for d in documents if d.state != "same"), failures=failures)


def _shown(text: str, display: dict[str, str] | None) -> str:
    """Messages name the uploaded file, not the temporary folder it was written to."""
    for path, name in (display or {}).items():
        text = text.replace(path, name)
    return text
