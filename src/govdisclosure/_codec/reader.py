"""The fast reader: one generated function per model class, straight-line code that checks
every key and value of the plain shape a JSON parser produces and builds the frozen objects,
raising at the first problem. Valid documents, the common case, only ever take this path."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any

from .._ground.codegen import emit_function
from .._ground.limits import MAX_COUNT
from .._model.describe import FieldDesc, Nested, NestedList, OneOf, Shape, String, WholeNumber, describe
from .leaves import LEAF_CHECKS, Problem

__all__ = ["Invalid", "reader"]


class _Invalid(Exception):
    """Raised by the fast path at the first problem; the general path then reads the document."""


_MISSING = object()


def _checked(check: Callable[[object, FieldDesc], Any], f: FieldDesc) -> Callable[[object], Any]:
    def leaf(value: object) -> Any:
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


def _generate_reader(root: type) -> Callable[[Any, list[int]], Any]:
    """Generate the fast reader of a class and everything nested in it: one function of
    straight-line code that checks every key and value, builds the frozen objects and appends
    the number of keys read to its second argument; it raises at the first problem.

    It accepts only the plain shape a JSON parser produces (``dict``, ``list``, ``str``,
    ``int``, ``Decimal``); anything else, valid or not (``7.0`` as a count, a mapping that is
    not a ``dict``), raises and is left to the general path.
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
                names[f"read{k}"] = _reader(shape.cls)
                lines += [
                    f"{inner}if type({value}) is not list:",
                    f"{inner}    raise Invalid",
                    f"{inner}{x}.{f.name} = tuple([read{k}(item, t) for item in {value}])",
                ]
            elif _inline_test(shape, "v", "c") is None:
                c = f"check{next(serial)}"
                names[c] = _checked(LEAF_CHECKS[type(shape)], f)
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
    return emit_function(f"reader {root.__name__}", lines, names, "read")


_READERS: dict[type, Callable[[Any, list[int]], Any]] = {}


def _reader(cls: type) -> Callable[[Any, list[int]], Any]:
    """The fast reader of ``cls``, generated on first use."""
    reader = _READERS.get(cls)
    if reader is None:
        reader = _READERS[cls] = _generate_reader(cls)
    return reader


Invalid = _Invalid
reader = _reader
