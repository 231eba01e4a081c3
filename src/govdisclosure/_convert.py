"""Strict conversion between JSON-shaped data and the model.

Reading has two paths that share one set of leaf checks (:data:`LEAF_CHECKS`):

- the fast path: one generated function per report edition, straight-line code that checks
  every key and value of the plain shape a JSON parser produces and builds the frozen objects,
  raising at the first problem. Valid documents, the common case, only ever take this path;
- the general path: a walk over :mod:`._inspect`'s description that takes any valid input
  (``7.0`` as a count, mappings that are not dicts) and collects *every* problem of an invalid
  one as a :class:`Finding` with its JSON Pointer. The accept-set tests keep the two paths in
  agreement with each other and with the JSON Schema.

:func:`to_dict` uses a cattrs converter whose unstructuring functions cattrs generates per
class; :mod:`._writer` writes canonical JSON text directly."""

from __future__ import annotations

import datetime
import functools
import itertools
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from ._codegen import emit_function
from ._editions import EDITIONS
from ._findings import Finding, ReportError, clip, limit_finding
from ._inspect import (
    MAX_COUNT,
    CalendarDate,
    ExactDecimal,
    FieldDesc,
    Nested,
    NestedList,
    OneOf,
    Shape,
    String,
    WholeNumber,
    cell_name,
    describe,
    iter_leaves,
    pointer,
)
from ._judge import judge
from ._limits import MAX_FINDINGS
from ._model import ExtraSection, Report2019, Report2021

if TYPE_CHECKING:
    import cattrs

__all__ = ["from_dict", "json_type", "to_dict"]

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


# --- the fast path ------------------------------------------------------------------------


class _Invalid(Exception):
    """Raised by the fast path at the first problem; the general path then reads the document."""


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


@functools.cache
def _twin(cls: type) -> type:
    """A plain mutable class with the very slots of the frozen model class ``cls``.

    The reader fills an object of the twin with ordinary attribute stores, then assigns its
    ``__class__``: CPython allows that between classes of the same layout, and it is several
    times cheaper than setting each slot of a frozen class through ``object.__setattr__``.
    The model has no validators, converters or post-init hooks that ``__init__`` would run.
    """
    slots = cls.__dict__["__slots__"]
    if cls.__bases__ != (object,) or "__weakref__" in slots or "__dict__" in slots:
        raise TypeError(f"{cls.__name__} cannot be built through a twin class")  # pragma: no cover
    return type(f"{cls.__name__}Builder", (), {"__slots__": slots})


_COUNT = WholeNumber(0, MAX_COUNT)


def _inline_test(shape: Shape, v: str, choices: str) -> str | None:
    """How the reader tests a leaf inline: an expression that is true when the value ``v`` is
    not plainly valid; ``None`` for shapes whose check is called instead (money, dates)."""
    if shape == _COUNT:
        return f"type({v}) is not int or {v} & NOT_COUNT"
    if isinstance(shape, WholeNumber):
        return f"type({v}) is not int or {v} < {shape.minimum} or {v} > {shape.maximum}"
    if isinstance(shape, String):
        if shape.min_length == 0:
            return f"type({v}) is not str"
        return f"type({v}) is not str or len({v}) < {shape.min_length}"
    if isinstance(shape, OneOf):
        return f"type({v}) is not str or {v} not in {choices}"
    return None


def _generate_reader(root: type, *, floats: bool) -> Callable[[Any, list[int]], Any]:
    """Generate the fast reader of a class and everything nested in it: one function of
    straight-line code that checks every key and value, builds the frozen objects and appends
    the number of keys read to its second argument; it raises at the first problem.

    It accepts only the plain shape a JSON parser produces (``dict``, ``list``, ``str``,
    ``int``, ``Decimal``); anything else, valid or not (``7.0`` as a count, a mapping that is
    not a ``dict``), raises and is left to the general path. With ``floats=False`` a ``float``
    money value raises too (the caller then reads the document again, exactly).
    """
    names: dict[str, Any] = {"Invalid": _Invalid, "MISSING": _MISSING, "new": object.__new__}
    # A count is an int with (v & ~MAX) == 0, i.e. 0 <= v <= 2**53 - 1; or-ing the counts of
    # an object first checks all of them with one test.
    names["MAX"], names["NOT_COUNT"] = MAX_COUNT, ~MAX_COUNT
    lines = ["def read(o, t):", "    n = 0"]
    serial = itertools.count()
    static_keys = 0

    def test(f: FieldDesc, v: str) -> str | None:
        choices = f"choices{next(serial)}"
        if isinstance(f.shape, OneOf):
            names[choices] = frozenset(f.shape.choices)
        return _inline_test(f.shape, v, choices)

    def read_object(cls: type, source: str, indent: str, conditional: bool) -> str:
        nonlocal static_keys, lines
        desc = describe(cls)
        k = next(serial)
        x = f"x{k}"
        names[f"Twin{k}"], names[f"Class{k}"] = _twin(cls), cls
        closed = all(f.required for f in desc.fields)
        if closed:
            # Every key required: the right size and every key found means no unknown key.
            size = len(desc.fields)
            if conditional:
                lines.append(f"{indent}n += {size}")
            else:
                static_keys += size
            lines.append(f"{indent}if type({source}) is not dict or len({source}) != {size}:")
        else:
            names[f"allowed{k}"] = frozenset(f.name for f in desc.fields)
            lines.append(f"{indent}if type({source}) is not dict or not {source}.keys() <= allowed{k}:")
        lines.append(f"{indent}    raise Invalid")
        if not closed:
            lines.append(f"{indent}n += len({source})")
        lines.append(f"{indent}{x} = new(Twin{k})")
        counts: list[str] = []
        tests: list[str] = []
        for f in desc.fields:
            inner = indent
            value = f"{source}[{f.name!r}]"
            if not f.required:
                v = f"v{next(serial)}"
                lines += [
                    f"{indent}{v} = {source}.get({f.name!r}, MISSING)",
                    f"{indent}if {v} is MISSING:",
                    f"{indent}    {x}.{f.name} = None",
                    f"{indent}else:",
                ]
                value, inner = v, indent + "    "
            shape = f.shape
            if isinstance(shape, Nested):
                o = f"o{next(serial)}"
                lines.append(f"{inner}{o} = {value}")
                child = read_object(shape.cls, o, inner, conditional or not f.required)
                lines.append(f"{inner}{x}.{f.name} = {child}")
            elif isinstance(shape, NestedList):
                names[f"read{k}"] = _reader(shape.cls, floats)
                lines += [
                    f"{inner}if type({value}) is not list:",
                    f"{inner}    raise Invalid",
                    f"{inner}{x}.{f.name} = tuple([read{k}(item, t) for item in {value}])",
                ]
            elif _inline_test(shape, "v", "c") is None:
                c = f"check{next(serial)}"
                names[c] = _checked(LEAF_CHECKS[type(shape)], f, floats)
                lines.append(f"{inner}{x}.{f.name} = {c}({value})")
            elif not f.required:
                lines += [
                    f"{inner}if {test(f, value)}:",
                    f"{inner}    raise Invalid",
                    f"{inner}{x}.{f.name} = {value}",
                ]
            else:
                # Required leaves are tested together once the object is read.
                v = f"v{next(serial)}"
                lines.append(f"{inner}{x}.{f.name} = {v} = {value}")
                if shape == _COUNT:
                    counts.append(v)
                    tests.append(f"type({v}) is not int")
                else:
                    tests.append(str(test(f, v)))
        if counts:
            tests.append(f"({' | '.join(counts)}) & NOT_COUNT")
        if tests:
            lines += [f"{indent}if {' or '.join(tests)}:", f"{indent}    raise Invalid"]
        lines.append(f"{indent}{x}.__class__ = Class{k}")
        return x

    result = read_object(root, "o", "    ", False)
    lines += [f"    t.append(n + {static_keys})", f"    return {result}"]
    name = f"reader {root.__name__}" + ("" if floats else " (no floats)")
    return emit_function(name, lines, names, "read")


_READERS: dict[tuple[type, bool], Callable[[Any, list[int]], Any]] = {}


def _reader(cls: type, floats: bool) -> Callable[[Any, list[int]], Any]:
    """The fast reader of ``cls``, generated on first use."""
    reader = _READERS.get((cls, floats))
    if reader is None:
        reader = _READERS[cls, floats] = _generate_reader(cls, floats=floats)
    return reader


def _build_converter() -> cattrs.Converter:
    """The cattrs converter that writes reports as dicts.

    A value that does not have the model's type (a report built in code with a ``str`` where a
    date belongs, a dict where a row belongs) is passed through as it is, so that
    :func:`~govdisclosure.validate` can say what is wrong with it.
    """
    # Imported here: cattrs is needed only once a report is written as a dict, and importing
    # it costs a tenth of the package's import time.
    import cattrs
    from cattrs.gen import make_dict_unstructure_fn, override

    converter = cattrs.Converter()

    def date_out(value: Any) -> Any:
        return value.isoformat() if isinstance(value, datetime.date) else value

    converter.register_unstructure_hook(datetime.date, date_out)
    registered: set[type] = set()

    def sections_out(value: Any) -> Any:
        if not isinstance(value, (tuple, list)):
            return value
        return [converter.unstructure(item, ExtraSection) for item in value]

    def register(cls: type) -> None:
        if cls in registered:
            return
        overrides = {}
        for f in describe(cls).fields:
            if f.cls is not None:
                register(f.cls)
            if f.kind == "sections":
                overrides[f.name] = override(unstruct_hook=sections_out)
        registered.add(cls)
        unstructure_fn: Any = make_dict_unstructure_fn(cls, converter, **overrides)  # type: ignore[arg-type]

        # Absent optional parts are None in the model and left out of the output; filtering
        # here, not with omit_if_default, keeps the template's key order.
        def unstructure(value: Any, unstructure_fn: Any = unstructure_fn, cls: type = cls) -> Any:
            if not isinstance(value, cls):
                return value
            return {k: v for k, v in unstructure_fn(value).items() if v is not None}

        converter.register_unstructure_hook(cls, unstructure)

    for cls in EDITIONS.values():
        register(cls)
    return converter


_converter = functools.cache(_build_converter)


# --- the general path ---------------------------------------------------------------------


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


class _Capped(list[Finding]):
    """The findings of the general path: past MAX_FINDINGS only counted, never kept, so that
    a document of a million unknown keys costs no more memory than one of a thousand."""

    def __init__(self) -> None:
        super().__init__()
        self.more = 0

    def append(self, finding: Finding) -> None:
        if len(self) < MAX_FINDINGS:
            super().append(finding)
        else:
            self.more += 1

    def findings(self) -> list[Finding]:
        return [*self, limit_finding(self.more, "error")] if self.more else list(self)


def _explain(
    root: type, data: object, cls: type, parts: list[str], out: list[Finding], tally: list[int]
) -> Any:
    # Every problem of data read as cls goes to out; the object is built when there is none.
    if not isinstance(data, Mapping):
        out.append(_finding(root, parts, "STRUCT-TYPE", "object", json_type(data)))
        return None
    tally.append(len(data))
    values: dict[str, Any] = {}
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
            values[f.name] = _explain(root, value, f.cls, here, out, tally)
        elif f.kind == "sections":
            assert f.cls is not None
            if type(value) is not list:
                out.append(_finding(root, here, "STRUCT-TYPE", "array", json_type(value)))
            else:
                items = [_explain(root, v, f.cls, [*here, str(i)], out, tally) for i, v in enumerate(value)]
                values[f.name] = tuple(items)
        else:
            result = check_leaf(value, f)
            if type(result) is Problem:
                out.append(_finding(root, here, result.code, result.expected, result.actual, **result.params))
            values[f.name] = result
    for key in data:
        if key not in desc.by_name:
            out.append(_finding(root, [*parts, str(key)], "STRUCT-UNKNOWN-KEY", key=str(key)))
    # Once anything is wrong the report is not built, so neither is any part of it.
    return None if out else cls(**values)


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


def structure(data: object, tally: list[int] | None = None) -> tuple[Report | None, list[Finding]]:
    """Read a parsed document into a report: ``(report, [])`` or ``(None, findings)``.

    ``tally``, if given, receives numbers whose sum is the number of keys of every object read.
    """
    cls, findings = edition_of(data)
    if cls is None:
        return None, findings
    if tally is None:
        tally = []
    try:
        return _reader(cls, True)(data, tally), []
    except Exception:  # noqa: BLE001 - whatever the fast path cannot take is read below
        tally.clear()
    # The fast reader could not prove the document valid: the JSON Schema judges it.
    judged = judge(cls, data["format_version"], data)  # type: ignore[index]
    if judged:
        return None, judged
    # No schema error (or a value the schema validator cannot handle): the general path
    # builds what the fast one refuses (7.0 as a count, any mapping) and, should it still find
    # a problem, says it (up to MAX_FINDINGS).
    out = _Capped()
    report = _explain(cls, data, cls, [], out, tally)
    return report, out.findings()


def structure_native(data: object, tally: list[int]) -> Report | None:
    """The fast path alone, for data from a parser that reads fractions as ``float``: the
    report, or ``None`` whenever anything (a ``float`` included) needs the exact path."""
    cls, _ = edition_of(data)
    if cls is None:
        return None
    try:
        report: Report = _reader(cls, False)(data, tally)
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
    become ``"YYYY-MM-DD"`` strings and section lists become lists. A value that does not have
    the model's type (attrs does not check values on construction) is kept as it is.
    ``TypeError`` if ``report`` is not a report object.
    """
    if not is_report(report):
        raise TypeError(f"expected a report (Report2021 or Report2019), not {type(report).__name__}")
    result: dict[str, Any] = _converter().unstructure(report)
    return result


def is_report(value: object) -> bool:
    """Whether ``value`` is a report object of either edition."""
    return attrs.has(type(value)) and type(value) in EDITIONS.values()
