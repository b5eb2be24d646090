"""Open only regular files, without ever blocking on a FIFO or a device.

Why: `open()` on a FIFO named `news.txt` waits for a writer for ever, and a device
such as /dev/zero never ends. The readers check the kind of a file before opening it
(os.stat) and again on the open descriptor (a file may be swapped between the two),
opening with O_NONBLOCK so that even a FIFO that slipped through returns at once.
"""

from __future__ import annotations

import errno
import io
import os
import stat


class NotRegular(OSError):
    """The path is not a regular file; `kind` says what it is ("a named pipe (FIFO)")."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def file_kind(mode: int) -> str | None:
    """What a non-regular file is, in words, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def open_regular(path: str | os.PathLike[str], buffer_size: int = io.DEFAULT_BUFFER_SIZE) -> io.BufferedReader:
    """A buffered binary reader on `path`; NotRegular when it is not a regular file.

    RAISES NotRegular, OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        kind = file_kind(os.fstat(descriptor).st_mode)
        if kind is not None:
            raise NotRegular(kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return io.BufferedReader(io.FileIO(descriptor, "rb", closefd=True), buffer_size=buffer_size)
    except BaseException:
        os.close(descriptor)
        raise


def os_reason(err: OSError, path: str) -> str:
    """A plain-words reason for an OS error on `path`."""
    if isinstance(err, NotRegular):
        return f"it is {err.kind}, not a regular file"
    if err.errno == errno.ELOOP:
        return "it is a symbolic link loop (a link that leads back to itself)"
    if isinstance(err, FileNotFoundError):
        return "it is a broken symbolic link" if os.path.islink(path) else "no such file or folder"
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, IsADirectoryError):
        return "it is a folder"
    return err.strerror or str(err)
