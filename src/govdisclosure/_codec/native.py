"""The fast path of the ``fast`` extra: msgspec decodes a document straight into the model's
own classes, and what msgspec does not check is proved here.

msgspec checks the types (an ``int`` is never ``True`` or ``7.0``, a date is ``YYYY-MM-DD``, a
choice is one of its ``Literal`` strings) but not the ranges, the minimum lengths or money's
sign, and it drops unknown keys, takes the last of repeated ones, reads ``null`` as an absent
optional part and money written as a string. A generated check (one function of straight-line
code per class, see :func:`_generate`) tests the ranges and counts the keys and the string
values the report holds; the document's quote characters then prove the rest: every key and
every string value of a valid document stands between two quotes, so the text holds exactly
``2 × (keys + strings)`` of them plus one per ``\\"`` inside a string. Any key or string more
(unknown, repeated, ``null``-valued, money in quotes) adds two.

Anything not proved returns ``None``, and the exact path reads the document and says what is
wrong: findings never depend on whether the extra is installed.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

from .._codec.strings import count_in_strings
from .._ground.codegen import emit_function
from .._ground.limits import MAX_COUNT
from .._model.describe import (
    CalendarDate,
    ExactDecimal,
    Nested,
    NestedList,
    OneOf,
    String,
    WholeNumber,
    describe,
)
from .._model.editions import EDITIONS
from .jsontext import MAX_DOCUMENT_BYTES

__all__ = ["available", "read_native"]

_msgspec: Any = None
_tried = False


def available() -> bool:
    """Whether msgspec (the ``fast`` extra) can be imported; imported on first use, since it
    costs about a tenth of the package's import time."""
    global _msgspec, _tried
    if not _tried:
        _tried = True
        try:
            import msgspec.json

            _msgspec = msgspec
        except ImportError:  # pragma: no cover - depends on the environment
            _msgspec = None
    return _msgspec is not None


class _Invalid(Exception):
    """Raised by a generated check at the first value it cannot prove valid."""


_STRINGS = (String, CalendarDate, OneOf)


def _generate(cls: type) -> Callable[[Any], int]:
    """The check of an object of ``cls`` as msgspec decoded it: raises :class:`_Invalid` at a
    value out of range, and returns the number of keys plus string values it holds."""
    names: dict[str, Any] = {"Invalid": _Invalid, "NOT_COUNT": ~MAX_COUNT}
    lines = ["def check(o):", "    n = 0"]
    serial = itertools.count()
    static = 0

    def walk(desc_cls: type, source: str, indent: str, conditional: bool) -> None:
        nonlocal static, lines
        counts: list[str] = []
        for f in describe(desc_cls).fields:
            shape = f.shape
            value = f"{source}.{f.name}"
            inner, dynamic = indent, conditional
            if isinstance(shape, (Nested, NestedList)) or not f.required:
                v = f"v{next(serial)}"
                lines.append(f"{indent}{v} = {value}")
                value = v
            if not f.required:
                lines.append(f"{indent}if {value} is not None:")
                inner, dynamic = indent + "    ", True
            weight = 2 if isinstance(shape, _STRINGS) else 1
            if dynamic:
                lines.append(f"{inner}n += {weight}")
            else:
                static += weight
            if isinstance(shape, Nested):
                walk(shape.cls, value, inner, dynamic)
            elif isinstance(shape, NestedList):
                item = f"item{next(serial)}"
                names[item] = _check(shape.cls)
                lines += [f"{inner}for i in {value}:", f"{inner}    n += {item}(i)"]
            elif isinstance(shape, WholeNumber) and shape == WholeNumber(0, MAX_COUNT) and f.required:
                counts.append(value)
            elif isinstance(shape, WholeNumber):
                test = (
                    f"{value} & NOT_COUNT"
                    if shape == WholeNumber(0, MAX_COUNT)
                    else (f"{value} < {shape.minimum} or {value} > {shape.maximum}")
                )
                lines += [f"{inner}if {test}:", f"{inner}    raise Invalid"]
            elif isinstance(shape, ExactDecimal):
                # is_signed() is true for -0 too, which the exact path reads as 0.
                lines += [
                    f"{inner}if {value}.is_signed() or not {value}.is_finite():",
                    f"{inner}    raise Invalid",
                ]
            elif isinstance(shape, String) and shape.min_length:
                lines += [f"{inner}if len({value}) < {shape.min_length}:", f"{inner}    raise Invalid"]
            elif isinstance(shape, OneOf):
                choices = f"choices{next(serial)}"
                names[choices] = frozenset(shape.choices)
                lines += [f"{inner}if {value} not in {choices}:", f"{inner}    raise Invalid"]
        if counts:
            lines += [f"{indent}if ({' | '.join(counts)}) & NOT_COUNT:", f"{indent}    raise Invalid"]

    walk(cls, "o", "    ", False)
    lines.append(f"    return n + {static}")
    return emit_function(f"native check {cls.__name__}", lines, names, "check")


_check = functools.cache(_generate)


# Per report class: msgspec's decoder and the generated check, made on first use.
_READERS: dict[type, tuple[Callable[[bytes], Any], Callable[[Any], int]]] = {}


_VERSION_KEY = b'"format_version"'


def _edition(data: bytes) -> type | None:
    # The class a document names, read from the text: a writer puts format_version first, so
    # the search stops after a few bytes. A wrong guess only fails to decode.
    at = data.find(_VERSION_KEY)
    if at < 0:
        return None
    rest = data[at + len(_VERSION_KEY) : at + len(_VERSION_KEY) + 40].lstrip(b" \t\r\n")
    if not rest.startswith(b":"):
        return None
    rest = rest[1:].lstrip(b" \t\r\n")
    for code, cls in EDITIONS.items():
        if rest.startswith(b'"' + code.encode() + b'"'):
            return cls
    return None


def read_native(source: str | bytes) -> Any:
    """The report a valid document holds, read by msgspec; ``None`` when msgspec is missing or
    cannot prove the document valid (the exact path then reads it)."""
    if (_msgspec is None and not available()) or len(source) > MAX_DOCUMENT_BYTES:
        return None
    try:
        data = source.encode("utf-8") if isinstance(source, str) else source
    except UnicodeEncodeError:  # a lone surrogate: the exact path says what
        return None
    cls = _edition(data)
    if cls is None:
        return None
    reader = _READERS.get(cls)
    if reader is None:
        reader = _READERS[cls] = (_msgspec.json.Decoder(cls).decode, _check(cls))
    decode, check = reader
    try:
        report = decode(data)
        held = check(report)
    except (_msgspec.DecodeError, _Invalid, TypeError, ValueError, RecursionError):
        return None
    quotes = data.count(b'"')
    if quotes == 2 * held:
        return report
    # Quotes inside strings, written \" (a \u0022 escape has none in the text, so a document
    # with one is left to the exact path).
    if b"\\u0022" in data or quotes != 2 * held + count_in_strings(report, '"'):
        return None
    return report
