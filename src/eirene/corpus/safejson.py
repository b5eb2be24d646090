"""Parse JSON that anyone may have written, within bounds, before it reaches a record.

Why apart from the readers: Python's `json` turns hostile input into tracebacks or
worse: an integer of thousands of digits raises a ValueError, nesting thousands deep
a RecursionError, and a lone surrogate or a NUL comes through as a string that cannot
be stored. The file readers, stdin and the web upload all parse through
`parse_bounded`, which checks depth before parsing and numbers and strings while
parsing, and raises `JsonRefused` saying which E-code applies and where.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

#: Deepest nesting of arrays and objects accepted (records are two or three deep).
MAX_DEPTH = 64
#: Longest number literal accepted, in characters (a 64-bit id has 20 digits).
MAX_NUMBER_CHARS = 64

_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass
class JsonRefused(Exception):
    """The JSON text is refused: `code` is the E-code, `reason` its {reason} field.

    line, column (int): where, 1-based, in the text given to `parse_bounded`.
    """

    code: str
    reason: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"[{self.code}] line {self.line}, column {self.column}: {self.reason}"


def parse_bounded(text: str) -> object:
    """The value of a JSON text, refusing what could not be read or stored safely.

    RETURNS (object): as json.loads.
    RAISES JsonRefused: E105-style syntax errors as code "syntax"; nesting over
        MAX_DEPTH (E140), numbers over MAX_NUMBER_CHARS or not finite (E141), strings
        holding a NUL or a lone surrogate (E142).
    """
    _check_depth(text)
    try:
        value = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float,
                           parse_constant=_refuse_constant)
    except JsonRefused:
        raise
    except json.JSONDecodeError as err:
        raise JsonRefused("syntax", f"{err.msg} at column {err.colno}", err.lineno, err.colno) from None
    except (ValueError, RecursionError) as err:  # belt and braces: never a traceback
        raise JsonRefused("syntax", str(err).splitlines()[0][:200]) from None
    _check_strings(value, text)
    return value


def _check_depth(text: str) -> None:
    if text.count("[") + text.count("{") <= MAX_DEPTH:  # the usual record: nothing to scan
        return
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, match.start())
                raise JsonRefused("E140", f"arrays and objects are nested more than {MAX_DEPTH} deep",
                                  line, column)
        elif token in "]}":
            depth -= 1


def _bounded_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_CHARS:
        raise JsonRefused("E141", f"a number of {len(literal)} digits (the limit is {MAX_NUMBER_CHARS})")
    return int(literal)


def _bounded_float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_CHARS:
        raise JsonRefused("E141", f"a number of {len(literal)} characters (the limit is {MAX_NUMBER_CHARS})")
    value = float(literal)
    if not math.isfinite(value):
        raise JsonRefused("E141", f"the number {literal} is too large to hold")
    return value


def _refuse_constant(name: str) -> float:
    raise JsonRefused("E141", f"{name} is not a JSON number")


def _check_strings(value: object, text: str) -> None:
    """Refuse strings (keys too) with a NUL or a lone surrogate; depth is bounded already."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings = [item]
        elif isinstance(item, dict):
            strings = list(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for string in strings:
            bad = _UNSTORABLE.search(string)
            if bad is not None:
                what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate (half of a UTF-16 pair)"
                line, column = _escape_position(text, bad.group())
                raise JsonRefused("E142", f"a string holds {what}, which cannot be stored as text", line, column)


def _escape_position(text: str, char: str) -> tuple[int, int]:
    """Where the escape (or the raw character) of `char` first appears in `text`."""
    escape = "\\u%04x" % ord(char)
    at = text.lower().find(escape)
    if at < 0:
        at = text.find(char)
    return _position(text, max(at, 0))


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def unstorable(text: str) -> tuple[str, int] | None:
    """What makes a decoded text impossible to store (a NUL, a lone surrogate) and the
    line it is on, or None."""
    bad = _UNSTORABLE.search(text)
    if bad is None:
        return None
    what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate (half of a UTF-16 pair)"
    return what, text.count("\n", 0, bad.start()) + 1
