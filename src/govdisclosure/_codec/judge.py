"""The structural judge: the JSON Schema handed to other systems decides what is wrong.

When the fast reader cannot prove a document valid, :mod:`jsonschema` (Draft 2020-12, format
checker on) runs the generated schema over it, with numbers read as exact decimals. Each error
is then placed at its JSON Pointer and named with the library's ``STRUCT-*`` code; the
numbers a finding carries (expected, actual, bounds) come from the same leaf checks that the
reader uses, so a finding reads the same whichever path found it. What a schema cannot say
(duplicate keys, ``NaN`` in JSON text, size and depth, money kept exact) is the library's own
stage before this one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from .._findings.finding import Finding, limit_finding
from .._ground.limits import MAX_FINDINGS
from .._model.cells import cell_name, position_key
from .._model.describe import FieldDesc, describe, resolve
from .._model.pointers import pointer
from .leaves import Problem, check_leaf, json_type

__all__ = ["judge"]


def _is_integer(checker: Any, value: object) -> bool:
    # JSON Schema's integer: a number with no fraction, however it is written (7.0 is 7).
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return math.isfinite(value) and value.is_integer()
    if isinstance(value, Decimal):
        return value.is_finite() and value == value.to_integral_value()
    return False


def _is_number(checker: Any, value: object) -> bool:
    # NaN and the infinities are no JSON numbers, whatever type holds them.
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Decimal):
        return value.is_finite()
    return False


def _is_object(checker: Any, value: object) -> bool:
    return isinstance(value, Mapping)


@functools.cache
def _validator_class() -> Any:
    import jsonschema  # a runtime dependency, loaded once the first invalid document comes

    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "number": _is_number, "object": _is_object}
    )
    return jsonschema.validators.extend(base, type_checker=checker)


@functools.cache
def _shallow_validator(edition: str, name: str) -> Any:
    """The judge of one object of class ``name``: its ``$defs`` entry of the published
    schema, with the objects nested in it left to their own judges (``{}``) and lists of
    them checked only to be lists."""
    from .schema import json_schema

    definition = dict(json_schema(edition)["$defs"][name])
    properties = {}
    for key, prop in definition["properties"].items():
        if "$ref" in prop:
            prop = {}
        elif prop.get("type") == "array":
            prop = {"type": "array"}
        properties[key] = prop
    definition["properties"] = properties
    cls = _validator_class()
    return cls(definition, format_checker=cls.FORMAT_CHECKER)


def _proven(cls: type, data: object) -> bool:
    # The fast reader proves a valid part valid, at a fraction of the schema's cost.
    from .reader import reader

    try:
        reader(cls)(data, [])
    except Exception:  # noqa: BLE001 - anything it cannot take goes to the schema
        return False
    return True


def _errors(edition: str, cls: type, data: object, parts: list[str]) -> Iterator[tuple[list[str], str, Any]]:
    """(path, what, detail) of each schema error beneath ``parts``: ``missing`` and
    ``unknown`` name a key, ``value`` the value at the path.

    The schema runs only on the objects that the fast reader cannot prove valid, each with its
    own definition; the objects in it are judged in their turn. The errors are those of the
    whole schema over the whole document, at a cost that grows with the broken parts only.
    """
    if _proven(cls, data):
        return
    for error in _shallow_validator(edition, cls.__name__).iter_errors(data):
        here = [*parts, *(str(p) for p in error.absolute_path)]
        if error.validator == "required":
            for key in error.validator_value:
                if key not in error.instance:
                    yield [*here, key], "missing", key
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            for key in error.instance:
                if key not in known:
                    yield [*here, str(key)], "unknown", str(key)
        else:
            yield here, "value", error.instance
    if not isinstance(data, Mapping):
        return
    for f in describe(cls).fields:
        value = data.get(f.name, _ABSENT)
        if value is _ABSENT:
            continue
        if f.kind == "object":
            assert f.cls is not None
            yield from _errors(edition, f.cls, value, [*parts, f.name])
        elif f.kind == "sections" and type(value) is list:
            assert f.cls is not None
            for index, item in enumerate(value):
                yield from _errors(edition, f.cls, item, [*parts, f.name, str(index)])


_ABSENT = object()


def judge(root: type, edition: str, data: object) -> list[Finding] | None:
    """Every structural problem of ``data`` as a report of ``edition`` (class ``root``), in
    template order; ``None`` when a value is beyond what the schema validator can handle (an
    integer too long to write as text), so that the caller says it itself."""

    found: dict[tuple[str, str], tuple[tuple[int, ...], int, Finding]] = {}
    # Past MAX_FINDINGS only counted: the places of values already counted, so that a value
    # that breaks two keywords counts once.
    more: set[str] = set()
    beyond = 0
    try:
        for serial, (parts, what, detail) in enumerate(_errors(edition, root, data, [])):
            path = pointer(*parts)
            if len(found) >= MAX_FINDINGS and (path, what) not in found:
                if what != "value":
                    beyond += 1
                elif path not in more:
                    more.add(path)
                    beyond += 1
                continue
            label = cell_name(root, parts)
            if what == "missing":
                finding = Finding("STRUCT-MISSING", "error", path, label)
            elif what == "unknown":
                finding = Finding("STRUCT-UNKNOWN-KEY", "error", path, label, params={"key": detail})
            else:
                field = _field(root, parts)
                if field is None or field.kind in ("object", "sections"):
                    expected = "array" if field is not None and field.kind == "sections" else "object"
                    finding = Finding("STRUCT-TYPE", "error", path, label, expected, json_type(detail))
                else:
                    problem = check_leaf(detail, field)
                    if type(problem) is not Problem:  # pragma: no cover - the accept-set test
                        continue
                    finding = Finding(
                        problem.code,
                        "error",
                        path,
                        label,
                        problem.expected,
                        problem.actual,
                        problem.params,
                    )
            # One finding a place: a value can break several keywords (type and minimum).
            found.setdefault((path, what), (position_key(root, parts), serial, finding))
    except (ValueError, RecursionError):
        return None
    findings = [f for _, _, f in sorted(found.values(), key=lambda item: (item[0], item[1]))]
    return [*findings, limit_finding(beyond, "error")] if beyond else findings


def _field(root: type, parts: list[str]) -> FieldDesc | None:
    chain = resolve(root, parts)
    if not chain:
        return None
    if parts and parts[-1] != chain[-1].name:
        return None  # an item of a list of sections: an object
    return chain[-1]
