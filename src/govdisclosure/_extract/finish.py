"""The last stages every form's reader ends in: lines to a report, and the report finished.

:func:`from_lines` cuts the lines into sections and tables and assembles the document
(:mod:`.builder`); a page rendered by the library confirms it with its copy of the report;
:func:`finish` structures the document as JSON is structured and runs the content rules.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs

from .._codec.convert import structure, to_dict
from .._codec.io import read_document
from .._findings.finding import Finding
from .._ground.settings import OCR, OcrSettings
from .._model.cells import cell_name, position_key
from .._model.identities import Equation, equations
from .._model.pointers import ABSENT, get_in, pointer, put_in, split_pointer
from .._model.template import TABLE_SECTIONS
from .._rules.engine import run_rules
from .builder import Builder
from .forms import not_a_report
from .radicals import unradical
from .result import CellSource, ExtractionResult, Format, Mark, refused
from .text import Line

__all__ = ["finish", "from_lines", "marked"]


def from_lines(
    lines: list[Line], form: Format, island: str | None = None, documents: tuple[str, ...] = ()
) -> ExtractionResult:
    lines = [_unradicalled(line) for line in lines]
    builder = Builder(lines)
    document, edition = builder.build()
    refusal = not_a_report(lines, builder)
    if refusal is not None:
        reason, reason_zh = refusal
        if documents:
            # The page that announces a report, with the report as its attachment or in a
            # viewer: say where it is.
            shown = ", ".join(documents[:5]) + (", …" if len(documents) > 5 else "")
            reason, reason_zh = (
                f"{reason}; the page links to {shown}",
                f"{reason_zh}；网页链接的文件：{shown}",
            )
        return refused(reason, reason_zh, code="EXTRACT-NOT-REPORT", form=form)
    findings = builder.findings
    sources = builder.sources
    if island is not None:
        document, findings, sources = _with_island(island, document, builder)
    if document is None:
        return ExtractionResult(None, tuple(findings), sources, form, edition)
    return finish(document, findings, sources, form, edition, builder.cls)


def finish(
    document: dict[str, Any],
    findings: list[Finding],
    sources: dict[str, CellSource],
    form: Format,
    edition: str | None,
    cls: type | None,
) -> ExtractionResult:
    """The step every form ends in: the document structured as JSON is, then the content
    rules of the report read (a value read into the wrong cell breaks the table's arithmetic,
    and the rule's finding then names that cell)."""
    report, problems = structure(document)
    out = list(findings)
    if report is None:
        out.extend(problems)
    else:
        out.extend(run_rules(report))
    if report is not None:
        out = [_blamed(f, sources, report.format_version) for f in out]
    out.sort(key=lambda f: _order(cls, f))
    result = ExtractionResult(report, tuple(out), sources, form, edition)
    return attrs.evolve(result, findings=result.located(result.findings))


#: The rules that check a total against the cells it totals.
_IDENTITIES = frozenset(("T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-TOTAL"))


def _blamed(finding: Finding, sources: dict[str, CellSource], edition: str) -> Finding:
    # A total read as it stands whose sum is off only because cells it totals were blank
    # (recorded as 0): the blank cells are what to check, not the total ("总计应为 0，实际填报
    # 805" blamed the one right cell).
    if finding.code not in _IDENTITIES:
        return finding
    source = sources.get(finding.path)
    equation = _equations(edition).get(finding.path)
    if source is None or source.kind != "cell" or equation is None:
        return finding
    blanks = [
        p
        for p in (pointer(*c) for c in (*equation.plus, *equation.minus))
        if (s := sources.get(p)) and s.kind == "blank"
    ]
    if not blanks:
        return finding
    more = "…" if len(blanks) > 6 else ""
    cells = ", ".join(sources[p].where or p for p in blanks[:6]) + more
    cells_zh = "、".join(sources[p].where_zh or p for p in blanks[:6]) + more
    return Finding(
        "EXTRACT-BLANK-SUM",
        "error",
        finding.path,
        finding.label,
        finding.expected,
        finding.actual,
        {"count": len(blanks), "cells": cells, "cells_zh": cells_zh, "rule": finding.code},
    )


@functools.cache
def _equations(edition: str) -> dict[str, Equation]:
    return {pointer(*e.target): e for e in equations(edition)}


def _with_island(
    island: str, document: dict[str, Any] | None, builder: Builder
) -> tuple[dict[str, Any] | None, list[Finding], dict[str, CellSource]]:
    # The copy is read as strictly as any JSON document: duplicate keys, depth and size are
    # findings. It supplies the text; the visible tables supply the numbers.
    report, problems = read_document(island)
    if report is None:
        reason = f"{problems[0].code} {problems[0].path or '/'}" if problems else "?"
        found = [Finding("EXTRACT-ISLAND", "warning", "", params={"reason": reason}), *builder.findings]
        return document, found, builder.sources
    copy = to_dict(report)
    tables = tuple(f"/{name}/" for name in TABLE_SECTIONS)
    findings = [f for f in builder.findings if f.path.startswith(tables)]
    sources = {p: s for p, s in builder.sources.items() if p.startswith(tables)}
    if document is None or document.get("format_version") != copy.get("format_version"):
        return copy, findings, sources
    for path, source in sources.items():
        if source.kind not in ("cell", "blank"):
            continue
        tokens = split_pointer(path)
        seen, kept = get_in(document, tokens, ABSENT), get_in(copy, tokens, ABSENT)
        if seen is not ABSENT and kept is not ABSENT and seen != kept:
            put_in(copy, tokens, seen)
            label = cell_name(builder.cls, split_pointer(path)) if builder.cls else ""
            findings.append(Finding("EXTRACT-ISLAND-DIFFERS", "warning", path, label, kept, seen))
    return copy, findings, sources


def _unradicalled(line: Line) -> Line:
    # Every form's lines pass here: radicals a PDF's text layer gives for ideographs (⼯ for 工)
    # are read as the ideographs, one character for one.
    cells = tuple(
        piece if (text := unradical(piece.text)) is piece.text else attrs.evolve(piece, text=text)
        for piece in line.cells
    )
    return line if cells == line.cells else attrs.evolve(line, cells=cells)


def _order(cls: type | None, finding: Finding) -> tuple[int, ...]:
    return position_key(cls, split_pointer(finding.path)) if cls is not None else ()


def marked(
    result: ExtractionResult, marks: dict[tuple[int, int, int], Mark], settings: OcrSettings = OCR
) -> ExtractionResult:
    """A scan's result with each number's box and confidence in its source, and an
    ``EXTRACT-OCR-UNSURE`` finding at each cell whose number the recogniser read with less than
    ``settings.min_confidence``, unless a table identity confirms it (every cell of the identity
    read from the page, and the identity holding)."""
    sources = dict(result.sources)
    unsure: list[str] = []
    for path, source in result.sources.items():
        if source.page is None or source.line is None or source.column is None:
            continue
        mark = marks.get((source.page, source.line, source.column))
        if mark is None:
            continue
        sources[path] = attrs.evolve(source, box=mark.box, confidence=mark.confidence)
        if mark.confidence < settings.min_confidence:
            unsure.append(path)
    if result.report is None or not unsure:
        return attrs.evolve(result, sources=sources)
    document = to_dict(result.report)
    cls = type(result.report)
    found = list(result.findings)
    for path in unsure:
        if _confirmed(path, document, sources, result.report.format_version, settings.min_confidence):
            continue
        source = sources[path]
        found.append(
            Finding(
                "EXTRACT-OCR-UNSURE",
                "warning",
                path,
                cell_name(cls, split_pointer(path)),
                actual=get_in(document, split_pointer(path), None),
                params={"page": source.page, "confidence": source.confidence, "box": list(source.box or ())},
            )
        )
    found.sort(key=lambda f: _order(cls, f))
    return attrs.evolve(result, findings=tuple(found), sources=sources)


def _confirmed(
    path: str, document: dict[str, Any], sources: dict[str, CellSource], edition: str, least: float
) -> bool:
    # Whether an identity through the cell holds with every one of its cells read from the
    # page (none blank, derived or missing): a misread number breaks every identity it stands
    # in, unless another misread makes up the difference exactly, which a table of counts read
    # digit by digit does not do. (``least`` is kept for a stricter reading: every other cell
    # read with that confidence.)
    for equation in _through(edition).get(path, ()):
        cells = [pointer(*c) for c in equation.cells]
        if any((s := sources.get(c)) is None or s.kind != "cell" for c in cells):
            continue
        value = {c: get_in(document, split_pointer(c), None) for c in cells}
        if any(not isinstance(v, int) for v in value.values()):
            continue
        plus = sum(value[pointer(*c)] for c in equation.plus)
        minus = sum(value[pointer(*c)] for c in equation.minus)
        if value[pointer(*equation.target)] == plus - minus:
            return True
    return False


@functools.cache
def _through(edition: str) -> dict[str, tuple[Equation, ...]]:
    # Every identity each cell stands in.
    out: dict[str, list[Equation]] = {}
    for equation in equations(edition):
        for cell in equation.cells:
            out.setdefault(pointer(*cell), []).append(equation)
    return {k: tuple(v) for k, v in out.items()}
