"""Canonical JSON text of a report, written by one generated function per edition.

The general writer (:func:`.jsontext.emit` of :func:`.convert.to_dict`) walks dicts and
dispatches on every value's type; the generated writer knows the shape of a report, so each
value is one type test and one conversion, and every key with its indentation is a constant.
It takes only reports whose values have the model's types; anything else (a report built in
code with, say, a ``str`` where a count belongs) is written by the general writer, so that the
output never depends on which writer ran.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .._ground.codegen import emit_function
from .._model.describe import (
    CalendarDate,
    ExactDecimal,
    FieldDesc,
    Nested,
    NestedList,
    OneOf,
    String,
    WholeNumber,
    describe,
)
from .._model.editions import EDITIONS
from .jsontext import encode_string

__all__ = ["write"]


class _Unusual(Exception):
    """A value the generated writer does not take: the general writer then writes it all."""


# How a leaf of each kind is written (an expression of v, the value), and the test that the
# value has the model's type (true when it has not). Counts go into the text as they are: an
# f-string formats an int as str() does.
_LEAF: dict[type, tuple[str, str]] = {
    WholeNumber: ("{v}", "type({v}) is not int"),
    ExactDecimal: ("str({v})", "type({v}) is not Decimal or not {v}.is_finite()"),
    String: ("enc({v})", "type({v}) is not str"),
    OneOf: ("enc({v})", "type({v}) is not str"),
    CalendarDate: ("{v}", "type({v}) is not date"),  # its text is bound first: see value()
}


def _fstring(pieces: list[tuple[bool, str]]) -> str:
    # Source of an f-string of constant text and expressions (which hold no quote or brace).
    body = []
    for constant, text in pieces:
        if constant:
            text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            body.append(text.replace("{", "{{").replace("}", "}}"))
        else:
            body.append("{" + text + "}")
    return 'f"' + "".join(body) + '"'


def _generate_writer(root: type) -> Callable[[Any], str]:
    names: dict[str, Any] = {"Unusual": _Unusual, "enc": encode_string, "Decimal": Decimal}
    names["date"] = datetime.date
    lines = ["def write(r):"]
    serial = itertools.count()

    def write_object(cls: type, x: str, depth: int, ind: str) -> str:
        # Lines that leave the text of the object held by x in a new local; its name.
        k = next(serial)
        names[f"C{k}"] = cls
        out = f"s{k}"
        lines.append(f"{ind}if type({x}) is not C{k}:")
        lines.append(f"{ind}    raise Unusual")
        pad, end = "  " * (depth + 1), "  " * depth
        fields = describe(cls).fields
        closed = all(f.required for f in fields)
        pieces: list[tuple[bool, str]] = [(True, "{\n")]  # the text of a closed object
        if not closed:
            lines.append(f"{ind}items{k} = []")
        for index, f in enumerate(fields):
            a = f"a{next(serial)}"
            lines.append(f"{ind}{a} = {x}.{f.name}")
            inner = ind
            if not f.required:
                lines.append(f"{ind}if {a} is not None:")
                inner = ind + "    "
            key = (True, f"{pad}{encode_string(f.name)}: ")
            text = (False, value(f, a, depth, inner))
            if closed:
                pieces += [key, text, (True, ",\n" if index < len(fields) - 1 else "\n" + end + "}")]
            else:
                lines.append(f"{inner}items{k}.append({_fstring([key, text])})")
        if closed:
            lines.append(f"{ind}{out} = {_fstring(pieces)}")
        else:
            close = chr(10) + end + "}"
            lines.append(
                f"{ind}{out} = ('{{\\n' + ',\\n'.join(items{k}) + {close!r}) if items{k} else '{{}}'"
            )
        return out

    def value(f: FieldDesc, a: str, depth: int, ind: str) -> str:
        # Lines that check the value held by a; an expression of its text.
        shape = f.shape
        if isinstance(shape, Nested):
            return write_object(shape.cls, a, depth + 1, ind)
        if isinstance(shape, NestedList):
            k = next(serial)
            pad, close = "  " * (depth + 2), chr(10) + "  " * (depth + 1) + "]"
            lines.append(f"{ind}if type({a}) is not tuple:")
            lines.append(f"{ind}    raise Unusual")
            lines.append(f"{ind}list{k} = []")
            lines.append(f"{ind}for item{k} in {a}:")
            text = write_object(shape.cls, f"item{k}", depth + 2, ind + "    ")
            lines.append(f"{ind}    list{k}.append({pad!r} + {text})")
            lines.append(f"{ind}l{k} = ('[\\n' + ',\\n'.join(list{k}) + {close!r}) if list{k} else '[]'")
            return f"l{k}"
        expression, test = _LEAF[type(shape)]
        lines.append(f"{ind}if {test.format(v=a)}:")
        lines.append(f"{ind}    raise Unusual")
        if isinstance(shape, CalendarDate):
            # Before Python 3.12 an f-string expression cannot hold the quotes this needs.
            lines.append(f"{ind}{a} = '\"' + {a}.isoformat() + '\"'")
            return a
        return expression.format(v=a)

    result = write_object(root, "r", 0, "    ")
    lines.append(f"    return {result} + '\\n'")
    return emit_function(f"writer {root.__name__}", lines, names, "write")


_WRITERS: dict[type, Callable[[Any], str]] = {}


def _writer(cls: type) -> Callable[[Any], str] | None:
    """The generated writer of a report class (made on first use); ``None`` for other types."""
    writer = _WRITERS.get(cls)
    if writer is None and cls in EDITIONS.values():
        writer = _WRITERS[cls] = _generate_writer(cls)
    return writer


def write(report: Any) -> str | None:
    """The canonical JSON text of a report whose values all have the model's types, with its
    trailing newline; ``None`` for anything else (the general writer then writes it)."""
    writer = _writer(type(report))
    if writer is None:
        return None
    try:
        return writer(report)
    except _Unusual:
        return None
