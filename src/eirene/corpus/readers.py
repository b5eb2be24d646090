"""Read inputs into Documents: files, folders (recursive, streamed) and stdin.

    for item in read_inputs(["articles/", "extra.jsonl", "-"]):
        if isinstance(item, DocFailure): print(item.message)   # "[E103] ..."
        else: code(item)

Nothing here raises for a bad item: each unreadable file, line or record becomes a
DocFailure with an E-code and the batch goes on. Ids: a file named on its own is
known by its file name, a file found in a folder by its path relative to that folder
("2018/kabul.txt"), a record by its id field or, lacking one, "<file id>#<line>".
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import trafilatura

from eirene.corpus.options import HTML_SUFFIXES, SUPPORTED_SUFFIXES, Item, ReadOptions, dated, fail, too_big
from eirene.corpus.safejson import unstorable
from eirene.corpus.safefiles import NotRegular, file_kind, open_regular, os_reason
from eirene.corpus.parquetfiles import read_parquet_file
from eirene.corpus.recordfiles import read_csv_file, read_json_file, read_jsonl_file, read_stdin
from eirene.corpus.text import DecodeFailure, binary_reason, decode, normalise_newlines
from eirene.records import DocFailure, Document

#: A first line shorter than this is taken as the title of a .txt/.md file.
TITLE_MAX_CHARS = 200


def read_inputs(inputs: Sequence[str | Path], options: ReadOptions = ReadOptions(),
                stdin: TextIO | None = None) -> Iterator[Item]:
    """Stream Documents, and DocFailures for bad items, from every input in turn.

    inputs (Sequence[str | Path]): files, folders (read recursively in sorted order,
        hidden files and folders skipped) and "-" for JSON Lines on stdin.
    options (ReadOptions): field names, size limit, default date.
    stdin (TextIO | None): what "-" reads; sys.stdin when None.
    RETURNS (Iterator[Document | DocFailure]): lazily, one item at a time.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    for given in inputs:
        name = str(given)
        if name == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin, options)
            continue
        try:
            info = os.stat(name)
        except OSError as err:
            yield fail("E101", name, path=name, reason=os_reason(err, name))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _read_directory(name, options)
            continue
        kind = file_kind(info.st_mode)
        if kind is not None:
            yield fail("E143", name, path=name, kind=kind)
        else:
            yield from _read_file(Path(name), display=name, file_id=Path(name).name, options=options,
                                  explicit=True, info=info)


def _read_directory(root: str, options: ReadOptions) -> Iterator[Item]:
    """Read every supported file under `root` (see `_walk`); E111 when there is none."""
    found = False
    for step in _walk(root):
        if isinstance(step, DocFailure):
            found = found or step.code != "E144"
            yield step
        else:
            found = True
            path, relative, info = step
            yield from _read_file(Path(path), display=path, file_id=relative, options=options,
                                  explicit=False, info=info)
    if not found:
        yield fail("E111", root, path=root)


def _walk(root: str) -> Iterator[tuple[str, str, os.stat_result] | DocFailure]:
    """Walk `root` depth-first in name order, one folder listing in memory per level.

    Yields (path, path relative to root, stat) for each regular file with a supported
    suffix; an E144 ("skipped") for every other entry that is not hidden (unsupported
    type, FIFO, device, socket, symbolic link loop or broken link, a folder reached
    twice through links); an E101 for a folder that cannot be listed. Symbolic links
    are followed, each folder walked once.
    """
    root_info = os.stat(root)
    seen: set[tuple[int, int]] = {(root_info.st_dev, root_info.st_ino)}
    listing = _listing(root)
    if isinstance(listing, str):
        yield fail("E101", root, path=root, reason=listing)
        return
    stack: list[_Level] = [_Level(root, iter(listing), "")]
    while stack:
        level = stack[-1]
        entry = next(level.entries, None)
        if entry is None:
            stack.pop()
            yield from level.unread_types()
            continue
        if entry.name.startswith("."):
            continue
        try:
            info = entry.stat()  # follows links; ELOOP or ENOENT for loops and broken links
        except OSError as err:  # a file meant to be read is an error, anything else a skip
            reason = os_reason(err, entry.path)
            yield fail("E101", entry.path, path=entry.path, reason=reason) if _supported(entry.name) \
                else _skipped(entry.path, reason)
            continue
        relative = level.prefix + entry.name
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in seen:
                yield _skipped(entry.path, "a symbolic link to a folder already read (a link loop)")
                continue
            seen.add(key)
            sub_listing = _listing(entry.path)
            if isinstance(sub_listing, str):
                yield fail("E101", entry.path, path=entry.path, reason=sub_listing)
            else:
                stack.append(_Level(entry.path, iter(sub_listing), relative + "/"))
            continue
        kind = file_kind(info.st_mode)
        if kind is not None:
            yield _skipped(entry.path, f"it is {kind}, not a regular file")
        elif not _supported(entry.name):
            level.unread.setdefault(os.path.splitext(entry.name)[1].lower(), []).append(entry.name)
        else:
            yield entry.path, relative, info


@dataclass
class _Level:
    """One folder being walked: its remaining entries, and the files of types not read."""

    path: str
    entries: Iterator[os.DirEntry[str]]
    prefix: str
    unread: dict[str, list[str]] = field(default_factory=dict)  # suffix -> file names

    def unread_types(self) -> Iterator[DocFailure]:
        """One E144 per unread type in this folder (thousands of .jpg make one row, not thousands)."""
        for suffix, names in sorted(self.unread.items()):
            examples = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
            path = os.path.join(self.path, "*" + suffix if suffix else names[0] if len(names) == 1 else "*")
            reason = (f"{len(names)} file(s) of unsupported type '{suffix or '(none)'}' ({examples}); "
                      "eirene reads " + " ".join(sorted(SUPPORTED_SUFFIXES)))
            yield replace(_skipped(path, reason), count=len(names))


def _skipped(path: str, reason: str) -> DocFailure:
    return fail("E144", path, path=path, reason=reason)


def _listing(directory: str) -> list[os.DirEntry[str]] | str:
    """The folder's entries sorted by name, or why it cannot be listed."""
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as err:
        return os_reason(err, directory)


def _supported(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES


def _read_file(file: Path, *, display: str, file_id: str, options: ReadOptions, explicit: bool,
               info: os.stat_result | None) -> Iterator[Item]:
    """Dispatch one file on its suffix; unsupported ones fail only when named explicitly."""
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        if explicit:
            yield fail("E108", display, path=display, suffix=suffix or "(none)")
        return
    try:
        if suffix == ".jsonl":
            yield from read_jsonl_file(file, display=display, file_id=file_id, options=options)
        elif suffix == ".csv":
            yield from read_csv_file(file, display=display, file_id=file_id, options=options)
        elif suffix == ".parquet":
            yield from read_parquet_file(file, display=display, file_id=file_id, options=options)
        else:
            data = _read_capped(file, display, options, info)
            if isinstance(data, bytes):
                if suffix == ".json":
                    yield from read_json_file(data, display=display, file_id=file_id, options=options)
                else:
                    yield _text_document(data, display=display, file_id=file_id, suffix=suffix, options=options)
            else:
                yield data
    except NotRegular as err:  # swapped for a FIFO or device since it was listed
        yield fail("E143", display, path=display, kind=err.kind)
    except OSError as err:  # opened fine, then failed (removed, I/O error)
        yield fail("E101", display, path=display, reason=os_reason(err, display))


def _read_capped(file: Path, display: str, options: ReadOptions, info: os.stat_result | None) -> bytes | Item:
    """The file's bytes, or E107 without reading when it is over the size limit."""
    try:
        size = (info or os.stat(file)).st_size
        if size > options.max_bytes:
            return too_big(display, display, size, options)
        with open_regular(file) as stream:
            data = stream.read(options.max_bytes + 1)
    except NotRegular as err:
        return fail("E143", display, path=display, kind=err.kind)
    except OSError as err:
        return fail("E101", display, path=display, reason=os_reason(err, display))
    if len(data) > options.max_bytes:  # grew since stat, or not a regular file
        return too_big(display, display, len(data), options)
    return data


def _text_document(data: bytes, *, display: str, file_id: str, suffix: str, options: ReadOptions) -> Item:
    """A .txt, .md or .html file as one Document."""
    if not data.strip():
        return fail("E102", display, path=display)
    reason = binary_reason(data[:8192])
    if reason is not None:
        return fail("E103", display, path=display, reason=reason)
    try:
        text, _ = decode(data)
    except DecodeFailure as err:
        return fail("E104", display, path=display, reason=str(err))
    if not text.strip():
        return fail("E102", display, path=display)
    bad = unstorable(text)
    if bad is not None:
        return fail("E142", display, at_line=bad[1], path=display, line=bad[1], reason=f"the text holds {bad[0]}")
    if suffix in HTML_SUFFIXES:
        return _html_document(text, display=display, file_id=file_id, options=options)
    return Document(id=file_id, text=text, title=_first_line_title(text, markdown=suffix == ".md"),
                    path=display, **dated(text, options))


def _html_document(html: str, *, display: str, file_id: str, options: ReadOptions) -> Item:
    """The main text of a page (trafilatura drops navigation, ads and footers)."""
    try:
        main = trafilatura.extract(html, include_comments=False) \
            or trafilatura.extract(html, include_comments=False, favor_recall=True)
        meta = trafilatura.extract_metadata(html, extensive=False,
                                            date_config={"original_date": True, "extensive_search": False})
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        main, meta = None, None
    if not main or not main.strip():
        return fail("E110", display, path=display)
    text = normalise_newlines(main)
    title = (meta.title if meta is not None and meta.title else None) or _first_line_title(text, markdown=False)
    url = meta.url if meta is not None and meta.url else None
    meta_date = meta.date if meta is not None and meta.date else None
    return Document(id=file_id, text=text, title=title, url=url, path=display,
                    **dated(text, options, meta_date=meta_date))


def _first_line_title(text: str, *, markdown: bool) -> str | None:
    """The first non-empty line when it is short enough to be a headline."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            if markdown:
                line = line.lstrip("#").strip()
            return line if len(line) < TITLE_MAX_CHARS and line else None
    return None
