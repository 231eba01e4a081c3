"""Reading JSON text strictly and writing canonical JSON text."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .._findings.finding import Finding, cap, clip
from .._ground.limits import MAX_DOCUMENT_BYTES
from .._model.pointers import pointer

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "decode",
    "duplicate_keys",
    "emit",
    "encode_string",
    "parse_text",
    "writable",
]

_BOM = "\ufeff"


class _NonFinite:
    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token


def _where(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _locate(tree: object, predicate: Any, parts: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    # Paths of the values in a parsed tree for which predicate(value) holds, in document order.
    found: list[tuple[tuple[str, ...], Any]] = []
    stack: list[tuple[tuple[str, ...], object]] = [(parts, tree)]
    while stack:
        here, value = stack.pop()
        if predicate(value):
            found.append((here, value))
        if isinstance(value, dict):
            stack.extend(((*here, str(k)), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*here, str(i)), v) for i, v in reversed(list(enumerate(value))))
    return found


def _pointer(parts: tuple[str, ...]) -> str:
    return pointer(*parts)


def decode(source: str | bytes) -> tuple[str | None, list[Finding]]:
    """The text of a document, with a byte-order mark removed; or the size or encoding finding."""
    size = len(source)
    if size > MAX_DOCUMENT_BYTES:
        return None, [Finding("JSON-TOO-LARGE", "error", "", "", MAX_DOCUMENT_BYTES, size)]
    if isinstance(source, str):
        return (source[1:] if source.startswith(_BOM) else source), []
    data = source if type(source) is bytes else bytes(source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        reason = "UTF-16 byte-order mark; save the file as UTF-8"
        return None, [Finding("JSON-ENCODING", "error", "", params={"offset": 0, "reason": reason})]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        reason = f"invalid byte {data[error.start : error.start + 1]!r}"
        return None, [Finding("JSON-ENCODING", "error", "", params={"offset": error.start, "reason": reason})]
    return (text[1:] if text.startswith(_BOM) else text), []


class _NonFiniteFound(Exception):
    pass


def _refuse_nonfinite(token: str) -> object:
    raise _NonFiniteFound


# The decoder of the common case, built once: NaN and Infinity stop it at once, and the
# document is then parsed again to find every one of them.
_decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=_refuse_nonfinite)


def parse_text(text: str) -> tuple[object, list[Finding]]:
    """Parse JSON text: ``(value, [])`` or ``(None, findings)``.

    Numbers with a fraction or exponent become exact ``Decimal``; ``NaN``/``Infinity``,
    nesting too deep for the parser and integers too long for the interpreter are findings,
    never exceptions. Duplicate keys are not looked for here (see :func:`duplicate_keys`).
    """
    try:
        return _decoder.decode(text), []
    except _NonFiniteFound:
        pass
    except (ValueError, RecursionError) as error:
        return None, _failure(text, error)
    nonfinite: list[_NonFinite] = []

    def constant(token: str) -> _NonFinite:
        marker = _NonFinite(token)
        nonfinite.append(marker)
        return marker

    try:
        value = json.loads(text, parse_float=Decimal, parse_constant=constant)
    except (ValueError, RecursionError) as error:
        return None, _failure(text, error)
    found = _locate(value, lambda v: isinstance(v, _NonFinite))
    return None, cap(Finding("JSON-NONFINITE", "error", _pointer(p), actual=m.token) for p, m in found)


_DIGITS = re.compile("[0-9]+")


# The reasons json.loads gives, as a Chinese reader reads them (the English stays in "reason").
_REASONS_ZH = {
    "Expecting value": "此处应为一个值",
    "Expecting property name enclosed in double quotes": "此处应为用双引号括起的键名",
    "Expecting ':' delimiter": "此处应为冒号",
    "Expecting ',' delimiter": "此处应为逗号",
    "Unterminated string starting at": "字符串没有结束的引号",
    "Invalid control character at": "字符串中有不允许的控制字符",
    "Invalid \\escape": "无效的转义序列",
    "Invalid \\uXXXX escape": "无效的 \\u 转义",
    "Extra data": "JSON 值之后还有多余的内容",
    "Illegal trailing comma before end of object": "对象末尾多了一个逗号",
    "Illegal trailing comma before end of array": "数组末尾多了一个逗号",
}


def _failure(text: str, error: Exception) -> list[Finding]:
    # The finding for an exception of json.loads.
    if isinstance(error, json.JSONDecodeError):
        reason_zh = _REASONS_ZH.get(error.msg, error.msg)
        params = {"line": error.lineno, "column": error.colno, "reason": error.msg, "reason_zh": reason_zh}
        return [Finding("JSON-SYNTAX", "error", "", params=params)]
    if isinstance(error, RecursionError):
        line, column = _where(text, _deepest(text))
        return [Finding("JSON-TOO-DEEP", "error", "", params={"line": line, "column": column})]
    # The interpreter refuses to convert integers longer than sys.get_int_max_str_digits().
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 4300
    # One pass over the runs of digits: a pattern such as [0-9]{4301,} would scan every run
    # again from each of its digits.
    match = next((m for m in _DIGITS.finditer(text) if m.end() - m.start() > limit), None)
    offset, digits = (match.start(), match.end() - match.start()) if match else (0, 0)
    line, column = _where(text, offset)
    return [Finding("JSON-NUMBER-TOO-LONG", "error", "", "", limit, digits, {"line": line, "column": column})]


def duplicate_keys(text: str) -> list[Finding]:
    """A finding for every key that appears twice in one object of (syntactically valid) text."""
    duplicates: list[tuple[dict[str, Any], str]] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates.append((result, key))
                seen.add(key)
        return result

    try:
        value = json.loads(text, parse_float=Decimal, parse_constant=str, object_pairs_hook=pairs)
    except (RecursionError, ValueError):  # pragma: no cover - the first parse reported these
        return []
    if not duplicates:
        return []
    # The keys repeated in each object, by the object's identity (the objects are alive in
    # ``value``, so identities are not reused), in the order they were met.
    keys: dict[int, list[str]] = {}
    for d, key in duplicates:
        keys.setdefault(id(d), []).append(key)
    found = (
        Finding("JSON-DUPLICATE-KEY", "error", _pointer((*parts, key)), params={"key": key})
        for parts, obj in _locate(value, lambda v: type(v) is dict and id(v) in keys)
        for key in keys[id(obj)]
    )
    return cap(found)


def _deepest(text: str) -> int:
    # Offset of the first bracket past the parser's reach, for the message.
    depth = 0
    limit = sys.getrecursionlimit() // 2
    in_string = escaped = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return offset
        elif char in "]}":
            depth -= 1
    return 0


_encode_basestring = json.encoder.encode_basestring
_SURROGATE = re.compile("[\ud800-\udfff]")


def encode_string(text: str) -> str:
    # Non-ASCII characters are written as they are, except lone surrogates (which JSON text
    # may carry as \ud800 escapes): they have no UTF-8 form, so they stay escaped.
    encoded: str = _encode_basestring(text)
    return encoded if _SURROGATE.search(encoded) is None else writable(encoded)  # no call: the common case


def writable(text: str) -> str:
    """``text`` with every lone surrogate (``"\\ud800"`` in JSON text, which a report may hold)
    written as its escape, six characters ``\\ud800``: a text with a UTF-8 form, as every page
    and file the package writes must be. Any other text is returned as it is."""
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit(value: Any, indent: str = "") -> str:
    """Canonical JSON text of a JSON-shaped value: 2-space indent, keys as given,
    non-ASCII characters unescaped, ``Decimal`` written with its exact digits."""
    kind = type(value)
    if kind is str:
        return encode_string(value)
    if kind is int:
        return str(value)
    if kind is Decimal:
        if not value.is_finite():
            raise ValueError(f"cannot write {value!r} as JSON")
        return str(value)
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"cannot write {value!r} as JSON")
        return repr(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    inner = indent + "  "
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = (f"{inner}{encode_string(str(k))}: {emit(v, inner)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + emit(v, inner) for v in value) + "\n" + indent + "]"
    if isinstance(value, int):
        return str(int(value))
    raise TypeError(f"cannot write a {type(value).__name__} as JSON: {clip(value)}")
