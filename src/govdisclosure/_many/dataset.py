"""Many reports as one table: a row per report, a column per cell of the three tables, the
indicators people quote, and the counts of findings.

The columns are derived from the model, both editions in one table (the newest edition's
cells first, then the cells only older editions have): a cell that a report's edition lacks
is empty (``None``), never 0. The indicators are defined once, here, as data.
"""

from __future__ import annotations

import functools
import operator
import os
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from .._codec.convert import Report, check_report
from .._findings.finding import Finding
from .._model.cells import cell_name
from .._model.describe import iter_leaves
from .._model.editions import EDITIONS_LIST
from .._model.pointers import pointer
from .._model.template import TABLE_SECTIONS
from .._rules.engine import run_rules

__all__ = ["INDICATORS", "Column", "Indicator", "columns", "long_rows", "row", "rows", "table"]


@attrs.frozen
class Column:
    """One column of the dataset: ``key`` (a JSON Pointer for a cell, a name otherwise), its
    Chinese and English headers, and the editions that have it."""

    key: str
    zh: str
    en: str
    editions: tuple[str, ...]
    kind: str

    def header(self, labels: Literal["zh", "en", "keys"]) -> str:
        return self.key if labels == "keys" else self.zh if labels == "zh" else self.en


@attrs.frozen
class Indicator:
    """A rate: the sum of ``numerator`` cells over the sum of ``denominator`` cells (JSON
    Pointers), empty when the denominator is 0 or the report's edition lacks a cell."""

    key: str
    zh: str
    en: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]

    @property
    def formula(self) -> str:
        return f"({' + '.join(self.numerator)}) / ({' + '.join(self.denominator)})"

    def value(self, cells: dict[str, Any]) -> float | None:
        try:
            top = sum(cells[p] for p in self.numerator)
            bottom = sum(cells[p] for p in self.denominator)
        except (KeyError, TypeError):
            return None
        return None if not bottom else round(float(Decimal(top) / Decimal(bottom)), 6)


_R = "/applications/results"
_NEW = "/applications/new_received"
_APPLICANTS = (
    ("natural_person", "自然人", "natural persons"),
    ("commercial_enterprise", "商业企业", "commercial enterprises"),
    ("research_institution", "科研机构", "research institutions"),
    ("social_welfare_organization", "社会公益组织", "social welfare organisations"),
    ("legal_service_organization", "法律服务机构", "legal service organisations"),
    ("other_organization", "其他", "other organisations"),
)


def _concluded(group: str) -> tuple[str, ...]:
    base = f"/review_and_litigation/{group}"
    return (f"{base}/upheld", f"{base}/corrected", f"{base}/other")


#: The indicators, each defined once; they are columns of the dataset too.
INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "granted_share",
        "予以公开和部分公开占办理结果的比例",
        "share of handled applications granted in full or in part",
        (f"{_R}/granted/total", f"{_R}/partially_granted/total"),
        (f"{_R}/total/total",),
    ),
    Indicator(
        "review_corrected_share",
        "行政复议结果纠正的比例（已审结）",
        "share of concluded administrative reviews whose result was corrected",
        ("/review_and_litigation/administrative_review/corrected",),
        _concluded("administrative_review"),
    ),
    Indicator(
        "litigation_corrected_share",
        "行政诉讼结果纠正的比例（已审结）",
        "share of concluded lawsuits whose result was corrected",
        (
            "/review_and_litigation/litigation_direct/corrected",
            "/review_and_litigation/litigation_after_review/corrected",
        ),
        _concluded("litigation_direct") + _concluded("litigation_after_review"),
    ),
    *(
        Indicator(
            f"{key}_share",
            f"本年新收申请中{zh}的比例",
            f"share of this year's applications made by {en}",
            (f"{_NEW}/{key}",),
            (f"{_NEW}/total",),
        )
        for key, zh, en in _APPLICANTS
    ),
)


def _cell_columns() -> list[Column]:
    found: dict[str, Column] = {}
    for edition in EDITIONS_LIST:
        for path, f in iter_leaves(edition.cls):
            if path[0] not in TABLE_SECTIONS:
                continue
            key = pointer(*path)
            if key in found:
                old = found[key]
                found[key] = attrs.evolve(old, editions=(*old.editions, edition.code))
                continue
            zh = cell_name(edition.cls, list(path))
            found[key] = Column(key, zh, f.info.description or key, (edition.code,), f.kind)
    return list(found.values())


_EVERY = tuple(e.code for e in EDITIONS_LIST)


@functools.cache
def columns() -> tuple[Column, ...]:
    """Every column of :func:`table`, in order: the report's identity, the counts of findings,
    every cell of the tables (both editions), then the indicators."""
    head = [
        Column("source", "来源", "source (file or position)", _EVERY, "text"),
        Column("organ", "机关名称", "organ", _EVERY, "name"),
        Column("kind", "机关类型", "kind of organ", _EVERY, "choice"),
        Column("year", "年度", "report year", _EVERY, "year"),
        Column("edition", "格式版本", "edition (format_version)", _EVERY, "choice"),
        Column("published_on", "发布日期", "date of publication", _EVERY, "date"),
        Column("errors", "错误数", "number of errors", _EVERY, "count"),
        Column("warnings", "警告数", "number of warnings", _EVERY, "count"),
    ]
    tail = [Column(i.key, i.zh, i.en, _EVERY, "rate") for i in INDICATORS]
    return (*head, *_cell_columns(), *tail)


@functools.cache
def _getters(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    # (pointer, getter) of every table cell of a report class, computed once per class.
    return tuple(
        (pointer(*path), operator.attrgetter(".".join(path)))
        for path, _ in iter_leaves(cls)
        if path[0] in TABLE_SECTIONS
    )


def _cells(report: Report) -> dict[str, Any]:
    cls: type = type(report)
    return {key: get(report) for key, get in _getters(cls)}


Entry = Report | tuple[str, Report | None, Iterable[Finding]]


def rows(reports: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """One dict per report, keyed by :func:`columns`' keys, as the reports come (a generator:
    memory stays flat however many there are).

    An entry is a report (its findings are the content rules'), or ``(source, report,
    findings)`` as a batch gives them; an entry whose report is ``None`` (a file that is no
    report) has only its source and counts of findings. Money stays :class:`decimal.Decimal`.
    ``TypeError`` for an entry of another kind.
    """
    keys = [c.key for c in columns()]
    for index, entry in enumerate(reports, 1):
        if isinstance(entry, tuple) and len(entry) == 3:
            source, report, found = entry
            if report is not None:
                check_report(report)
            findings = list(found)
        else:
            check_report(entry)
            source, report, findings = str(index), entry, run_rules(entry)
        row: dict[str, Any] = dict.fromkeys(keys)
        row["source"] = source
        row["errors"] = sum(f.severity == "error" for f in findings)
        row["warnings"] = sum(f.severity == "warning" for f in findings)
        if report is not None:
            cells = _cells(report)
            row.update(
                organ=report.organ.name,
                kind=report.organ.kind,
                year=report.year,
                edition=report.format_version,
                published_on=report.published_on.isoformat() if report.published_on else None,
            )
            row.update(cells)
            for indicator in INDICATORS:
                row[indicator.key] = indicator.value(cells)
        yield row


table = rows


def row(source: str | os.PathLike[str] | Report) -> dict[str, Any]:
    """One document in, its dataset row out: the function :func:`table` maps over files.

    ``source`` is a report, or the path of a file in any form :func:`govdisclosure.extract`
    reads (JSON is validated, anything else extracted). The row is the one :func:`table`
    gives for it: ``source`` is the path as given; a file that holds no report, or cannot be
    read (``FILE-UNREADABLE``), has a row of blanks with its counts of findings. Pure and
    picklable (a module-level function whose result is a dict of plain values and
    :class:`~decimal.Decimal`), so it runs as it is on a process pool or a Dask cluster.
    """
    if isinstance(source, (str, os.PathLike)):
        from .read import read_any, unreadable

        name = os.fspath(source)
        try:
            report, findings = read_any(name)
        except OSError as error:
            report, findings = None, (unreadable(name, error),)
        return next(rows([(name, report, findings)]))
    return next(rows([source]))


def long_rows(reports: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """The long form: one dict per report and cell present, ``source``, ``organ``, ``year``,
    ``pointer``, ``label`` and ``value`` (cells a report's edition lacks are not listed)."""
    labels = {c.key: c.zh for c in columns()}
    for row in rows(reports):
        for key, value in row.items():
            if key.startswith("/") and value is not None:
                yield {
                    "source": row["source"],
                    "organ": row["organ"],
                    "year": row["year"],
                    "pointer": key,
                    "label": labels[key],
                    "value": value,
                }
