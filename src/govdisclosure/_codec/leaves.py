"""The leaf checks: whether one value is what its field holds, shared by the fast reader, the
general path and the structural judge, so that a finding reads the same whichever found it."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from .._findings.finding import clip
from .._model.describe import CalendarDate, ExactDecimal, FieldDesc, OneOf, String, WholeNumber

__all__ = ["LEAF_CHECKS", "Problem", "check_leaf", "json_type"]


class Problem(NamedTuple):
    """What a leaf check found wrong, before it is placed at a path."""

    code: str
    expected: Any = None
    actual: Any = None
    params: dict[str, Any] = {}  # noqa: RUF012 - never mutated


def json_type(value: object) -> str:
    """The JSON type name of a Python value (``"object"``, ``"integer"``, ``"boolean"`` …)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, (float, Decimal)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


def _whole(value: object, low: int, high: int) -> int | Problem:
    # A whole number in [low, high], in JSON Schema's sense of integer: 7, 7.0 and
    # Decimal("7.0") are all 7. Bounds are checked before int() so that a number such as
    # 1E+999999999 never turns into a huge int.
    kind = type(value)
    if kind is int:
        number: Any = value
    elif kind is Decimal or kind is float:
        number = value
        if not (number.is_finite() if kind is Decimal else math.isfinite(number)):
            return Problem("STRUCT-NOT-INTEGER", "integer", clip(value))
        if number != number.to_integral_value() if kind is Decimal else not number.is_integer():
            return Problem("STRUCT-NOT-INTEGER", "integer", value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = int(value)
    else:
        return Problem("STRUCT-TYPE", "integer", json_type(value))
    if number < low:
        if low == 0:
            return Problem("STRUCT-NEGATIVE", 0, value)
        return Problem("STRUCT-RANGE", None, value, {"minimum": low, "maximum": high})
    if number > high:
        return Problem("STRUCT-RANGE", None, value, {"minimum": low, "maximum": high})
    return int(number)


def _whole_number(value: object, f: FieldDesc) -> int | Problem:
    shape = f.shape
    assert isinstance(shape, WholeNumber)
    if type(value) is int and shape.minimum <= value <= shape.maximum:
        return value
    return _whole(value, shape.minimum, shape.maximum)


def _money(value: object, f: FieldDesc) -> Decimal | Problem:
    kind = type(value)
    if kind is Decimal:
        number: Decimal = value  # type: ignore[assignment]
        if not number.is_finite():
            return Problem("STRUCT-TYPE", "number", clip(value))
    elif kind is int:
        number = Decimal(value)  # type: ignore[arg-type]
    elif kind is float:
        if not math.isfinite(value):  # type: ignore[arg-type]
            return Problem("STRUCT-TYPE", "number", clip(value))
        # repr() of a float is the shortest text that reads back as it, which is what a
        # JSON writer prints: money given as a float keeps the digits the writer meant.
        number = Decimal(repr(value))
    else:
        return Problem("STRUCT-TYPE", "number", json_type(value))
    if number < 0:
        return Problem("STRUCT-NEGATIVE", 0, number)
    return number


def _string(value: object, f: FieldDesc) -> str | Problem:
    if type(value) is not str:
        return Problem("STRUCT-TYPE", "string", json_type(value))
    shape = f.shape
    assert isinstance(shape, String)
    if len(value) < shape.min_length:
        return Problem("STRUCT-EMPTY")
    return value


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: object, f: FieldDesc) -> datetime.date | Problem:
    if type(value) is not str:
        return Problem("STRUCT-TYPE", "string", json_type(value))
    if _DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    return Problem("STRUCT-DATE", "YYYY-MM-DD", clip(value))


def _choice(value: object, f: FieldDesc) -> str | Problem:
    if type(value) is str and value in f.choices:
        return value
    allowed = ", ".join(f'"{c}"' for c in f.choices)
    return Problem("STRUCT-CHOICE", allowed, clip(value) if type(value) is str else json_type(value))


#: The check of a leaf value, by the shape of its field: the value as the model holds it, or
#: the :class:`Problem` found.
LEAF_CHECKS: dict[type, Callable[[object, FieldDesc], Any]] = {
    WholeNumber: _whole_number,
    ExactDecimal: _money,
    String: _string,
    CalendarDate: _date,
    OneOf: _choice,
}


def check_leaf(value: object, f: FieldDesc) -> Any:
    """The value of leaf field ``f`` as the model holds it, or the :class:`Problem` found."""
    return LEAF_CHECKS[type(f.shape)](value, f)
