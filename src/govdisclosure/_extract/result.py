"""What :func:`govdisclosure.extract` returns (the report, its findings and where each value
came from), and what each stage of the importer hands the next: a form reader returns
:class:`Lines` (text forms), :class:`Assembled` (a workbook, whose grid names its cells) or a
refusal (:func:`refused`, :func:`too_large`), and never calls the later stages itself."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import attrs

from .._codec.convert import Report
from .._findings.finding import Finding
from .._ground.limits import MAX_SOURCE_BYTES
from .text import Line

__all__ = [
    "Assembled",
    "CellSource",
    "ExtractionResult",
    "Format",
    "Lines",
    "Mark",
    "cause_of",
    "refused",
    "too_large",
]

Format = Literal["text", "markdown", "html", "pdf", "docx", "xlsx", "image", "json"]


@attrs.frozen
class CellSource:
    """Where a value came from.

    ``kind`` is ``"cell"`` (read from the source), ``"blank"`` (a blank, "/" or "——" cell,
    recorded as 0), ``"derived"`` (pinned down by the table arithmetic), ``"unreadable"``
    (recorded as 0) or ``"missing"`` (no such row or cell in the source, recorded as 0).

    The position, 1-based, as the form of the source has it: ``line`` and ``column`` of a text
    or a web page; ``page``, ``line`` (on the page) and ``column`` (the table column) of a PDF;
    ``table``, ``line`` (the table row) and ``column`` of a Word file; ``sheet`` and ``address``
    (``表三``, ``E12``) of a workbook.
    """

    kind: Literal["cell", "blank", "derived", "unreadable", "missing"]
    line: int | None = None
    column: int | None = None
    page: int | None = None
    table: int | None = None
    sheet: str | None = None
    address: str | None = None
    #: Of a scan: the box the number was read from, in pixels of the page as drawn for the
    #: recogniser (left, top, right, bottom), and the recogniser's confidence.
    box: tuple[int, int, int, int] | None = None
    confidence: float | None = None

    @property
    def where(self) -> str | None:
        """The position in words (``表三!E12``, ``page 2, line 5, column 3``), or ``None``."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.address}"
        parts = [f"{name} {value}" for name, value in (("page", self.page), ("table", self.table)) if value]
        if self.line is not None:
            parts.append(f"{'row' if self.table else 'line'} {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts) or None

    @property
    def where_zh(self) -> str | None:
        """The position in Chinese words (``表三!E12``, ``第 2 页第 5 行第 3 列``), or ``None``."""
        if self.sheet is not None:
            return f"{self.sheet}!{self.address}"
        parts = [f"第 {value} {name}" for name, value in (("页", self.page), ("个表格", self.table)) if value]
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.column is not None:
            parts.append(f"第 {self.column} 列")
        return "".join(parts) or None


@attrs.frozen
class ExtractionResult:
    """The outcome of :func:`extract`.

    ``report`` is the report read (``None`` when even its organ and year could not be found),
    ``findings`` every problem of the reading (codes ``EXTRACT-*``) and of the content rules
    of the report read (as :func:`govdisclosure.validate` reports them), ``sources`` the
    :class:`CellSource` of every number, by JSON Pointer (none for a JSON document, whose
    every value is as written); ``format`` and ``edition`` what was detected.
    """

    report: Report | None
    findings: tuple[Finding, ...]
    sources: dict[str, CellSource]
    format: Format
    edition: str | None

    def where(self, path: str) -> str | None:
        """Where the value at JSON Pointer ``path`` (or the first value beneath it, for a row
        or a table) came from, in words: ``表三!E12``, ``line 40, column 3``; ``None`` if no
        value there was read from the source."""
        source = self.sources.get(path)
        if source is None:
            source = next((s for p, s in self.sources.items() if p.startswith(path + "/") and s.where), None)
        return source.where if source is not None else None

    def located(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """``findings`` with the workbook cell each names added to its label (``三（二）部分公开·
        总计（表三!J8）``), so that every output that shows the label or the message names the
        sheet and cell to correct; findings of other forms, or that name a cell already, as
        they are."""
        return tuple(_located(f, self.sources) for f in findings)


def _located(finding: Finding, sources: dict[str, CellSource]) -> Finding:
    source = sources.get(finding.path)
    if source is None or source.sheet is None or not finding.label or "!" in finding.label:
        return finding
    return attrs.evolve(finding, label=f"{finding.label}（{source.where}）")


@attrs.frozen
class Lines:
    """A form read as lines, in reading order, with the findings of the reading itself (a page
    whose tables were not searched, say); the importer's later stages make the report."""

    lines: list[Line]
    findings: tuple[Finding, ...] = ()
    #: Of a scan: where each number was read, by (page, line, column) of the lines.
    marks: dict[tuple[int, int, int], Mark] = attrs.field(factory=dict)


@attrs.frozen
class Mark:
    """Where a scan's number was read: its box in pixels of the page as drawn for the
    recogniser (left, top, right, bottom) and the recogniser's confidence."""

    box: tuple[int, int, int, int]
    confidence: float


@attrs.frozen
class Assembled:
    """A form read straight into a document (a workbook, whose grid says which cell is which),
    with its findings, the source of every value, and the edition and its report class."""

    document: dict[str, Any]
    findings: list[Finding]
    sources: dict[str, CellSource]
    edition: str | None
    cls: type | None


def refused(
    reason: str,
    reason_zh: str,
    *,
    code: str = "EXTRACT-FORM",
    form: Format = "text",
    cause: str | None = None,
) -> ExtractionResult:
    """The answer to an input that is no report in a form the importer reads: ``code`` (an
    error at the document), the reason in English and Chinese, and the parser's own words
    (``cause``) kept in the finding's details."""
    params = {"reason": reason, "reason_zh": reason_zh}
    if cause is not None:
        params["cause"] = cause
    finding = Finding(code, "error", "", params=params)
    return ExtractionResult(None, (finding,), {}, form, None)


# What the XML and ZIP readers say, in the library's words: their messages name their own
# options ("use XML_PARSE_HUGE option", "xmlCtxtSetMaxAmplification"), which say nothing to a
# person checking a report.
_CAUSES = (
    (
        ("XML_PARSE_HUGE", "Excessive depth", "Huge input lookup", "MaxAmplification", "amplification"),
        "its XML is too large or nested too deeply to be read safely",
        "其中的 XML 过大或嵌套过深，无法安全读取",
    ),
    (
        ("BadZipFile", "File is not a zip file", "Bad magic number", "Truncated file"),
        "it is not a complete ZIP archive (a download cut short?)",
        "不是完整的压缩包（可能下载不完整）",
    ),
    (
        ("There is no item named",),
        "its ZIP archive lacks a part every such file has",
        "压缩包中缺少必需的组成部分",
    ),
    (("XMLSyntaxError", "not well-formed", "ParseError"), "its XML is broken", "其中的 XML 已损坏"),
    (
        ("lxml.etree._Element' object has no attribute",),
        "its XML is not what such a file holds",
        "其中的 XML 不符合该类文件的结构",
    ),
)


def cause_of(error: BaseException) -> tuple[str, str, str]:
    """What a parser's exception means, in English and Chinese, and its own words."""
    words = f"{type(error).__name__}: {error}"[:200]
    for marks, english, chinese in _CAUSES:
        if any(mark in words for mark in marks):
            return english, chinese, words
    return words, words, words


def too_large(size: int, unit: str, limit: int = MAX_SOURCE_BYTES, form: Format = "text") -> ExtractionResult:
    """The answer to an input over a bound: ``EXTRACT-TOO-LARGE`` with the bound and the size,
    both in ``unit``."""
    finding = Finding("EXTRACT-TOO-LARGE", "error", "", "", f"{limit} {unit}", f"{size} {unit}")
    return ExtractionResult(None, (finding,), {}, form, None)
