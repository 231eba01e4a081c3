"""The total of many reports of one year and one edition, as a report of that edition."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._codec.convert import Report, check_report, structure, to_dict
from .._findings.finding import ReportError
from .._ground.limits import PLAIN_DIGITS
from .._model.describe import iter_leaves
from .._model.money import LARGE_UNIT, in_unit
from .._model.money import total as money_total
from .._model.pointers import get_in as _get
from .._model.pointers import pointer
from .._model.pointers import put_in as _put
from .._model.template import TABLE_SECTIONS

__all__ = ["aggregate"]


def _label(index: int, report: Report) -> str:
    return f"#{index} {report.organ.name} {report.year} ({report.format_version})"


def aggregate(reports: Iterable[Report], *, organ: str = "合计") -> Report:
    """The sum of ``reports`` (of one year and one edition) as a report of that edition.

    Every cell of tables 二, 三 and 四 is summed, money exactly (a 2019 procurement amount in
    元 is converted to 万元, exactly, when the units differ); the narrative is empty and the
    organ is ``organ``. So every tool that takes a report (render, the workbook, validate) takes
    the total. ``ValueError`` if there is no report, or if the reports are of different years
    or editions (the message names the reports that differ from the first), or if a money
    total takes more than ``PLAIN_DIGITS`` (1,000) digits to write exactly; :class:`ReportError`
    (a ``ValueError``) if a total is past the contract's range, with the cells; ``TypeError`` for
    an item that is not a report object.
    """
    listed = list(reports)
    for item in listed:
        check_report(item)
    if not listed:
        raise ValueError("aggregate() needs at least one report")
    first = listed[0]
    odd = [
        _label(i, r)
        for i, r in enumerate(listed, 1)
        if (r.year, r.format_version) != (first.year, first.format_version)
    ]
    if odd:
        raise ValueError(
            f"报告的年度或格式版本不一致（应与{_label(1, first)}相同：{first.year} 年、"
            f"{first.format_version} 版）：{'、'.join(odd)} / "
            f"the reports are not all of {first.year} and edition {first.format_version} "
            f"(as {_label(1, first)} is): {', '.join(odd)}"
        )
    cls = type(first)
    leaves = [(path, f) for path, f in iter_leaves(cls) if path[0] in TABLE_SECTIONS]
    docs = [to_dict(r) for r in listed]
    total: dict[str, Any] = {
        "format_version": first.format_version,
        "year": first.year,
        "organ": {"name": organ},
        "overview": {},
        "other_matters": {},
    }
    for path, f in leaves:
        if f.kind == "choice":
            continue
        values = [_get(doc, path) for doc in docs]
        if f.kind == "money" and path[-1] == "total_amount":
            units = {_get(doc, (*path[:-1], "unit")) for doc in docs}
            if len(units) > 1:
                values = [
                    in_unit(v, _get(doc, (*path[:-1], "unit")), LARGE_UNIT)
                    for v, doc in zip(values, docs, strict=True)
                ]
                _put(total, (*path[:-1], "unit"), LARGE_UNIT)
            else:
                _put(total, (*path[:-1], "unit"), units.pop())
        if f.kind == "money":
            exact = None if None in values else money_total(values)
            if exact is None:
                raise ValueError(
                    f"the total of {pointer(*path)} cannot be written exactly in "
                    f"{PLAIN_DIGITS} digits (its amounts are too far apart in size)"
                )
            _put(total, path, exact)
        else:
            _put(total, path, sum(values))
    report, problems = structure(total)
    if report is None:  # a total past the contract's range (2**53 - 1)
        raise ReportError(problems)
    return report
