"""Strict conversion between JSON-shaped data and the model.

Reading has two paths that share one set of leaf checks (:data:`LEAF_CHECKS`):

- the fast path: one generated function per class, straight-line code that checks every value
  and key and builds the frozen objects, raising at the first problem. Valid documents, the
  common case, only ever take this path;
- the explaining path: a walk over :mod:`._inspect`'s description that collects *every*
  problem as a :class:`Finding` with its JSON Pointer. It runs only when the fast path fails;
  the accept-set tests keep the two in agreement with each other and with the JSON Schema.

Writing uses a cattrs converter whose unstructuring functions cattrs generates per class.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from ._findings import Finding, ReportError, clip
from ._inspect import (
    EDITIONS,
    MAX_COUNT,
    YEAR_RANGE,
    FieldDesc,
    cell_name,
    describe,
    iter_leaves,
    pointer,
)
from ._model import ExtraSection, Report2019, Report2021

__all__ = ["explain", "from_dict", "json_type", "to_dict"]

Report = Report2021 | Report2019


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


def _count(value: object, f: FieldDesc) -> int | Problem:
    if type(value) is int and 0 <= value <= MAX_COUNT:
        return value
    return _whole(value, 0, MAX_COUNT)


def _signed(value: object, f: FieldDesc) -> int | Problem:
    return _whole(value, -MAX_COUNT, MAX_COUNT)


def _year(value: object, f: FieldDesc) -> int | Problem:
    return _whole(value, *YEAR_RANGE)


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


def _text(value: object, f: FieldDesc) -> str | Problem:
    if type(value) is str:
        return value
    return Problem("STRUCT-TYPE", "string", json_type(value))


def _name(value: object, f: FieldDesc) -> str | Problem:
    if type(value) is not str:
        return Problem("STRUCT-TYPE", "string", json_type(value))
    if not value:
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


LEAF_CHECKS: dict[str, Callable[[object, FieldDesc], Any]] = {
    "count": _count,
    "signed": _signed,
    "year": _year,
    "money": _money,
    "text": _text,
    "name": _name,
    "date": _date,
    "choice": _choice,
}


# --- the fast path ------------------------------------------------------------------------


class _Invalid(Exception):
    """Raised by the fast path at the first problem; the explaining path then says what."""


_MISSING = object()


def _checked(
    check: Callable[[object, FieldDesc], Any], f: FieldDesc, floats: bool
) -> Callable[[object], Any]:
    def leaf(value: object) -> Any:
        if not floats and type(value) is float:
            raise _Invalid
        result = check(value, f)
        if type(result) is Problem:
            raise _Invalid
        return result

    return leaf


def _slow_count_exact(value: object) -> int:
    # For parsers that read 7.0000000000000001 as the float 7.0: only the exact reading may
    # decide about a number written with a fraction or an exponent.
    if type(value) is float:
        raise _Invalid
    return _slow_count(value)


def _slow_count(value: object) -> int:
    result = _whole(value, 0, MAX_COUNT)
    if type(result) is Problem:
        raise _Invalid
    return result  # type: ignore[return-value]


def _as_dict(value: object) -> dict[str, Any]:
    # Any mapping may become an object; a list or a string, which also answer `in` and `[]`,
    # may not.
    if isinstance(value, Mapping):
        return dict(value)
    raise _Invalid


def _generate_structure(
    cls: type, nested: dict[type, Callable[[Any, list[int]], Any]], *, floats: bool = True
) -> Callable[[Any, list[int]], Any]:
    """Generate the structuring function of one class: straight-line code, raising at the
    first problem. Counts, most of a report's values, are checked inline; other leaves call the
    same checks the explaining path uses. With ``floats=False`` any ``float`` fails (the
    caller then reads the document again, exactly)."""
    desc = describe(cls)
    names: dict[str, Any] = {
        "Invalid": _Invalid,
        "MISSING": _MISSING,
        "MAX": MAX_COUNT,
        "slow_count": _slow_count if floats else _slow_count_exact,
        "as_dict": _as_dict,
        "new": object.__new__,
        "cls": cls,
        "ExtraSection": ExtraSection,
    }
    required = [f.name for f in desc.fields if f.required]
    lines = ["def structure(o, t):", "    if type(o) is not dict:", "        o = as_dict(o)"]
    if len(required) == len(desc.fields):
        # With every key required, the right size and every key found means no unknown key.
        lines += [f"    if len(o) != {len(required)}:", "        raise Invalid"]
    else:
        names["allowed"] = frozenset(f.name for f in desc.fields)
        lines += ["    if not o.keys() <= allowed:", "        raise Invalid"]
    # The tally of keys read lets the JSON reader prove cheaply that the text had no
    # duplicate key (see _io.read_document).
    lines.append("    t.append(len(o))")
    for index, f in enumerate(desc.fields):
        v = f"v{index}"
        if f.required:
            lines.append(f"    {v} = o[{f.name!r}]")
            indent = "    "
        else:
            lines += [
                f"    {v} = o.get({f.name!r}, MISSING)",
                f"    if {v} is MISSING:",
                f"        {v} = None",
                "    else:",
            ]
            indent = "        "
        if f.kind == "count":
            lines += [
                f"{indent}if type({v}) is not int or {v} < 0 or {v} > MAX:",
                f"{indent}    {v} = slow_count({v})",
            ]
        elif f.kind == "object":
            assert f.cls is not None
            names[f"s{index}"] = nested[f.cls]
            lines.append(f"{indent}{v} = s{index}({v}, t)")
        elif f.kind == "sections":
            assert f.cls is not None
            names[f"s{index}"] = nested[f.cls]
            lines += [
                f"{indent}if type({v}) is not list:",
                f"{indent}    raise Invalid",
                f"{indent}{v} = tuple([s{index}(item, t) for item in {v}])",
            ]
        else:
            names[f"c{index}"] = _checked(LEAF_CHECKS[f.kind], f, floats)
            lines.append(f"{indent}{v} = c{index}({v})")
    # Frozen attrs classes set their slots through object.__setattr__; the slot descriptors'
    # own __set__ does the same, faster, and __init__ has nothing else to do (no validators,
    # converters or post-init hooks in the model).
    lines.append("    self = new(cls)")
    for index, f in enumerate(desc.fields):
        names[f"set{index}"] = cls.__dict__[f.name].__set__
        lines.append(f"    set{index}(self, v{index})")
    lines.append("    return self")
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<govdisclosure structure {cls.__name__}>", "exec"), names)
    function: Callable[[Any, list[int]], Any] = names["structure"]
    return function


def _build_converter() -> cattrs.Converter:
    """The cattrs converter that writes reports as dicts, and (as a side effect) the
    generated structuring functions of every class in :data:`_generated`."""
    converter = cattrs.Converter()
    converter.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    generated = _generated

    def sections_out(value: tuple[ExtraSection, ...] | None) -> list[dict[str, Any]] | None:
        if value is None:
            return None
        return [converter.unstructure(item, ExtraSection) for item in value]

    def register(cls: type) -> None:
        if cls in generated:
            return
        overrides = {}
        for f in describe(cls).fields:
            if f.cls is not None:
                register(f.cls)
            if f.kind == "sections":
                overrides[f.name] = override(unstruct_hook=sections_out)
        generated[cls] = _generate_structure(cls, generated)
        _generated_no_floats[cls] = _generate_structure(cls, _generated_no_floats, floats=False)
        unstructure_fn: Any = make_dict_unstructure_fn(cls, converter, **overrides)  # type: ignore[arg-type]

        # Absent optional parts are None in the model and left out of the output; filtering
        # here, not with omit_if_default, keeps the template's key order.
        def unstructure(value: Any, unstructure_fn: Any = unstructure_fn) -> dict[str, Any]:
            return {k: v for k, v in unstructure_fn(value).items() if v is not None}

        converter.register_unstructure_hook(cls, unstructure)

    for cls in EDITIONS.values():
        register(cls)
    return converter


_generated: dict[type, Callable[[Any, list[int]], Any]] = {}
_generated_no_floats: dict[type, Callable[[Any, list[int]], Any]] = {}
_converter = _build_converter()


# --- the explaining path ------------------------------------------------------------------


def _finding(
    root: type, parts: list[str], code: str, expected: Any = None, actual: Any = None, **params: Any
) -> Finding:
    return Finding(
        code=code,
        severity="error",
        path=pointer(*parts),
        label=cell_name(root, parts),
        expected=expected,
        actual=actual,
        params=params,
    )


def _explain(root: type, data: object, cls: type, parts: list[str], out: list[Finding]) -> None:
    if not isinstance(data, Mapping):
        out.append(_finding(root, parts, "STRUCT-TYPE", "object", json_type(data)))
        return
    desc = describe(cls)
    for f in desc.fields:
        if f.name not in data:
            if f.required:
                out.append(_finding(root, [*parts, f.name], "STRUCT-MISSING"))
            continue
        value = data[f.name]
        here = [*parts, f.name]
        if f.kind == "object":
            assert f.cls is not None
            _explain(root, value, f.cls, here, out)
        elif f.kind == "sections":
            assert f.cls is not None
            if type(value) is not list:
                out.append(_finding(root, here, "STRUCT-TYPE", "array", json_type(value)))
            else:
                for index, item in enumerate(value):
                    _explain(root, item, f.cls, [*here, str(index)], out)
        else:
            result = LEAF_CHECKS[f.kind](value, f)
            if type(result) is Problem:
                out.append(_finding(root, here, result.code, result.expected, result.actual, **result.params))
    for key in data:
        if key not in desc.by_name:
            out.append(_finding(root, [*parts, str(key)], "STRUCT-UNKNOWN-KEY", key=str(key)))


def edition_of(data: object) -> tuple[type[Report] | None, list[Finding]]:
    """The report class a parsed document names, or the structural finding why there is none."""
    if not isinstance(data, Mapping):
        return None, [Finding("STRUCT-TYPE", "error", "", "", "object", json_type(data))]
    version = data.get("format_version")
    if type(version) is str and version in EDITIONS:
        return EDITIONS[version], []
    allowed = ", ".join(f'"{e}"' for e in EDITIONS)
    actual = "缺失/missing" if "format_version" not in data else clip(version)
    return None, [Finding("STRUCT-EDITION", "error", "/format_version", "格式版本", allowed, actual)]


def explain(data: object, cls: type) -> list[Finding]:
    """Every structural problem of ``data`` read as ``cls``, in document order."""
    out: list[Finding] = []
    _explain(cls, data, cls, [], out)
    return out


def structure(data: object, tally: list[int] | None = None) -> tuple[Report | None, list[Finding]]:
    """Read a parsed document into a report: ``(report, [])`` or ``(None, findings)``.

    ``tally``, if given, receives the number of keys of every object read.
    """
    cls, findings = edition_of(data)
    if cls is None:
        return None, findings
    try:
        return _generated[cls](data, [] if tally is None else tally), []
    except Exception:  # noqa: BLE001 - any failure of the fast path is explained below
        pass
    findings = explain(data, cls)
    if not findings:  # pragma: no cover - the accept-set tests keep the two paths equal
        findings = [Finding("STRUCT-TYPE", "error", "", "", "report", "unreadable")]
    return None, findings


def structure_native(data: object, tally: list[int]) -> Report | None:
    """The fast path alone, for data from a parser that reads fractions as ``float``: the
    report, or ``None`` whenever anything (a ``float`` included) needs the exact path."""
    cls, _ = edition_of(data)
    if cls is None:
        return None
    try:
        report: Report = _generated_no_floats[cls](data, tally)
    except Exception:  # noqa: BLE001 - the exact path will say what
        return None
    return report


@functools.cache
def money_paths(cls: type) -> tuple[tuple[str, ...], ...]:
    """The key paths of the money fields of a report class."""
    return tuple(path for path, f in iter_leaves(cls) if f.kind == "money")


def from_dict(data: Mapping[str, Any]) -> Report:
    """Build a report from a JSON-shaped mapping (as :func:`json.loads` returns).

    The edition is chosen by ``format_version``. Counts must be whole numbers (``int``, or an
    integral ``float``/``Decimal`` such as ``7.0``, read as ``7``), never ``bool`` or ``str``;
    money may be ``int``, ``Decimal`` or ``float`` (a float is read through its shortest
    ``repr``, so ``64.2623`` stays ``Decimal("64.2623")``); dates are ``"YYYY-MM-DD"`` strings.

    Raises :class:`ReportError` carrying every problem found, each with a JSON Pointer.
    The mapping is not modified.
    """
    report, findings = structure(data)
    if report is None:
        raise ReportError(findings)
    return report


def to_dict(report: Report) -> dict[str, Any]:
    """The report as a JSON-shaped dict in canonical key order.

    Optional parts that are ``None`` are left out; money stays ``Decimal`` (exact), dates
    become ``"YYYY-MM-DD"`` strings and section lists become lists.
    """
    result: dict[str, Any] = _converter.unstructure(report)
    return result


def is_report(value: object) -> bool:
    """Whether ``value`` is a report object of either edition."""
    return attrs.has(type(value)) and type(value) in EDITIONS.values()
