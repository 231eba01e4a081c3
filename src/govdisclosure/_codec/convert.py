"""Strict conversion between JSON-shaped data and the model.

Reading has two paths that share one set of leaf checks (:mod:`.leaves`):

- the fast path (:mod:`.reader`): one generated function per report edition. Valid
  documents, the common case, only ever take this path; when it cannot prove a document
  valid, the JSON Schema judges it (:mod:`.judge`);
- the general path: a walk over :mod:`govdisclosure._model.describe`'s description that takes any valid input
  (``7.0`` as a count, mappings that are not dicts) and collects *every* problem of an invalid
  one as a :class:`Finding` with its JSON Pointer. The accept-set tests keep the two paths in
  agreement with each other and with the JSON Schema.

:func:`to_dict` uses a cattrs converter whose unstructuring functions cattrs generates per
class; :mod:`.writer` writes canonical JSON text directly."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .._findings.finding import Finding, ReportError, clip, limit_finding
from .._ground.limits import MAX_FINDINGS
from .._model.cells import cell_name
from .._model.classes import ExtraSection, Report
from .._model.describe import describe
from .._model.editions import EDITIONS
from .._model.pointers import pointer
from .leaves import Problem, check_leaf, json_type
from .reader import reader as _reader

if TYPE_CHECKING:
    import cattrs

__all__ = ["Report", "from_dict", "json_type", "to_dict"]


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
        return _reader(cls)(data, tally), []
    except Exception:  # noqa: BLE001 - whatever the fast path cannot take is read below
        tally.clear()
    # The fast reader could not prove the document valid: the JSON Schema judges it (imported
    # here: a valid document never needs it).
    from .judge import judge

    judged = judge(cls, data["format_version"], data)  # type: ignore[index]
    if judged:
        return None, judged
    # No schema error (or a value the schema validator cannot handle): the general path
    # builds what the fast one refuses (7.0 as a count, any mapping) and, should it still find
    # a problem, says it (up to MAX_FINDINGS).
    out = _Capped()
    report = _explain(cls, data, cls, [], out, tally)
    return report, out.findings()


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
    check_report(report)
    result: dict[str, Any] = _converter().unstructure(report)
    return result


def is_report(value: object) -> bool:
    """Whether ``value`` is a report object of either edition."""
    return attrs.has(type(value)) and type(value) in EDITIONS.values()


def check_report(value: object) -> None:
    """``TypeError`` unless ``value`` is a report object of either edition."""
    if not is_report(value):
        raise TypeError(f"expected a report (Report2021 or Report2019), not {type(value).__name__}")
