"""Bytes to text: binary sniffing, encoding detection and newline normalisation.

Every character offset eirene stores refers to the text these functions return, so
they change nothing but the encoding, a leading byte-order mark and line ends.
"""

from __future__ import annotations

import codecs

import charset_normalizer

#: Leading bytes of file formats that are never text (checked before decoding).
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "gzip-compressed data"),
)

#: Byte-order marks of UTF-16/32: such files contain NUL bytes yet are text.
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: When charset-normalizer finds several equally good legacy encodings, prefer the
#: one most English-language news was saved in.
_PREFERRED_ON_TIE: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15")


class DecodeFailure(ValueError):
    """The bytes are not text in any encoding we can trust."""


def wide_bom_encoding(data: bytes) -> str | None:
    """The UTF-16/32 codec named by a leading byte-order mark, if any."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_reason(head: bytes) -> str | None:
    """Why the first bytes of a file show it is binary, or None if it may be text.

    head (bytes): the first few kilobytes of the file.
    RETURNS (str | None): e.g. "a PDF document" or "it contains NUL bytes".
    """
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic):
            return what
    if wide_bom_encoding(head) is None and b"\x00" in head:
        return "it contains NUL bytes"
    return None


def normalise_newlines(text: str) -> str:
    """Turn \\r\\n and lone \\r into \\n, and drop a leading BOM; nothing else."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 first, else charset-normalizer's best guess.

    RETURNS (tuple[str, str]): the normalised text and the encoding used.
    Raises DecodeFailure when no encoding reads the bytes without chaos.
    """
    wide = wide_bom_encoding(data)
    if wide is not None:
        try:
            return normalise_newlines(data.decode(wide)), wide
        except UnicodeDecodeError as err:
            raise DecodeFailure(f"it starts with a {wide} byte-order mark but {err.reason}") from err
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(data)
    if encoding is None:
        raise DecodeFailure("it is not UTF-8 and no other encoding fits its bytes")
    try:
        return normalise_newlines(data.decode(encoding)), encoding
    except (UnicodeDecodeError, LookupError) as err:  # pragma: no cover - guess was checked
        raise DecodeFailure(f"the guessed encoding {encoding} failed: {err}") from err


def guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's best encoding for `sample`, or None if nothing fits.

    On a tie (same chaos and coherence) a Western encoding wins: cp1250 and cp1252
    read English words identically, but cp1252 is far more common in news archives.
    """
    results = charset_normalizer.from_bytes(sample)
    best = results.best()
    if best is None:
        return None
    tied = [r.encoding for r in results if r.chaos == best.chaos and r.coherence == best.coherence]
    for name in _PREFERRED_ON_TIE:
        if name in tied:
            return name
    return best.encoding


def sniff_stream_encoding(sample: bytes) -> str:
    """The encoding to stream a large file (CSV) with, judged from its first bytes.

    A UTF-8 sample may end inside a multi-byte character, so decode incrementally.
    Raises DecodeFailure when the sample is neither UTF-8 nor a recognisable encoding.
    """
    wide = wide_bom_encoding(sample)
    if wide is not None:
        return wide
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(sample)
    if encoding is None:
        raise DecodeFailure("it is not UTF-8 and no other encoding fits its bytes")
    return encoding
