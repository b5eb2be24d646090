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
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import trafilatura

from eirene.corpus.options import HTML_SUFFIXES, SUPPORTED_SUFFIXES, Item, ReadOptions, dated, fail, too_big
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
            yield fail("E101", name, path=name, reason=_os_reason(err, name))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _read_directory(name, options)
        else:
            yield from _read_file(Path(name), display=name, file_id=Path(name).name, options=options,
                                  explicit=True, info=info)


def _read_directory(root: str, options: ReadOptions) -> Iterator[Item]:
    """Read every supported file under `root` (see `_walk`); E111 when there is none."""
    found = False
    for step in _walk(root):
        found = True
        if isinstance(step, DocFailure):
            yield step
        else:
            path, relative = step
            yield from _read_file(Path(path), display=path, file_id=relative, options=options,
                                  explicit=False, info=None)
    if not found:
        yield fail("E111", root, path=root)


def _walk(root: str) -> Iterator[tuple[str, str] | DocFailure]:
    """Walk `root` depth-first in name order, one folder listing in memory per level.

    Yields (path, path relative to root) for each regular file with a supported suffix,
    and an E101 for each folder or supported file that cannot be listed or read.
    Hidden files and folders are skipped. Symbolic links to folders are followed once
    (a link loop is not walked twice); a broken link with a supported suffix is an E101.
    """
    root_info = os.stat(root)
    seen: set[tuple[int, int]] = {(root_info.st_dev, root_info.st_ino)}
    listing = _listing(root)
    if isinstance(listing, str):
        yield fail("E101", root, path=root, reason=listing)
        return
    stack: list[tuple[Iterator[os.DirEntry[str]], str]] = [(iter(listing), "")]
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        relative = prefix + entry.name
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as err:
            if _supported(entry.name):
                yield fail("E101", entry.path, path=entry.path, reason=_os_reason(err, entry.path))
            continue
        if is_dir:
            sub_listing = _unseen_listing(entry, seen)
            if isinstance(sub_listing, DocFailure):
                yield sub_listing
            elif sub_listing is not None:
                stack.append((iter(sub_listing), relative + "/"))
        elif is_file and _supported(entry.name):
            yield entry.path, relative
        elif not is_file and _supported(entry.name) and entry.is_symlink():
            reason = "it is a broken symbolic link" if not os.path.exists(entry.path) else "it is not a regular file"
            yield fail("E101", entry.path, path=entry.path, reason=reason)


def _unseen_listing(folder: os.DirEntry[str], seen: set[tuple[int, int]]) -> list[os.DirEntry[str]] | DocFailure | None:
    """A subfolder's entries sorted by name, adding it to `seen`; None when it was seen
    already (a link loop); an E101 when it cannot be read."""
    try:
        info = folder.stat()
    except OSError as err:
        return fail("E101", folder.path, path=folder.path, reason=_os_reason(err, folder.path))
    if (info.st_dev, info.st_ino) in seen:
        return None
    seen.add((info.st_dev, info.st_ino))
    listing = _listing(folder.path)
    if isinstance(listing, str):
        return fail("E101", folder.path, path=folder.path, reason=listing)
    return listing


def _listing(directory: str) -> list[os.DirEntry[str]] | str:
    """The folder's entries sorted by name, or why it cannot be listed."""
    try:
        with os.scandir(directory) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as err:
        return _os_reason(err, directory)


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
    except OSError as err:  # opened fine, then failed (removed, I/O error)
        yield fail("E101", display, path=display, reason=_os_reason(err, display))


def _read_capped(file: Path, display: str, options: ReadOptions, info: os.stat_result | None) -> bytes | Item:
    """The file's bytes, or E107 without reading when it is over the size limit."""
    try:
        size = (info or os.stat(file)).st_size
        if size > options.max_bytes:
            return too_big(display, display, size, options)
        with open(file, "rb") as stream:
            data = stream.read(options.max_bytes + 1)
    except OSError as err:
        return fail("E101", display, path=display, reason=_os_reason(err, display))
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


def _os_reason(err: OSError, path: str) -> str:
    """A plain-words reason for an OS error on `path`."""
    if isinstance(err, FileNotFoundError):
        return "it is a broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "it is a folder"
    return err.strerror or str(err)
