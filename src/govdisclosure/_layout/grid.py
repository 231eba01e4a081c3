"""The official layout of a report, shared by every renderer: the outline of headings and
paragraphs, and tables 二, 三 and 四 as grids of cells.

Headings, row and column labels, spans and units all come from the model's metadata; the
corner note of table 三 is the template text of the T3-BALANCE rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from .._codec.convert import Report
from .._ground.limits import PLAIN_DIGITS
from .._model.classes import CountRow
from .._model.describe import FieldDesc, describe, describe_of
from .._model.money import UNIT_NAMES
from .._model.template import NUMERALS, numeral
from .._rules.engine import RULES

__all__ = ["TABLES", "Cell", "Placed", "corner_note", "number", "outline", "place", "placed_outline", "title"]


def corner_note() -> str:
    return next(r.source for r in RULES if r.code == "T3-BALANCE")


def title(report: Report) -> str:
    """``<organ><year>年政府信息公开工作年度报告``."""
    return f"{report.organ.name}{report.year}年政府信息公开工作年度报告"


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _paragraphs(text: str | None) -> list[str]:
    if text is None:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]


# --- the document outline, shared by both formats -----------------------------------------

Block = tuple[str, Any]  # ("h1"|"h2"|"h3"|"p"|"signature"|"date"|"table2"|"table3"|"table4", payload)


def _section_heading(report: Report, name: str) -> str:
    f = describe_of(report).by_name[name]
    return f"{f.info.position}、{f.info.label}"


def _sub_sections(group: Any, base: str, skip: tuple[str, ...] = ()) -> list[tuple[str, str, str]]:
    # (heading label, text, pointer) of every present named part, then the extra sections.
    parts: list[tuple[str, str, str]] = []
    for f in describe_of(group).fields:
        value = getattr(group, f.name)
        if f.name in skip or value is None:
            continue
        if f.kind == "sections":
            parts.extend(
                (section.title, section.text, f"{base}/{f.name}/{index}")
                for index, section in enumerate(value)
            )
        elif f.kind == "text":
            parts.append((f.info.label, value, f"{base}/{f.name}"))
    return parts


def outline(report: Report) -> Iterator[Block]:
    """The report as a sequence of blocks in the template's order."""
    for kind, payload, _ in placed_outline(report):
        yield kind, payload


def placed_outline(report: Report) -> Iterator[tuple[str, Any, str]]:
    """The blocks of :func:`outline`, each with the JSON Pointer of the part it shows."""
    yield "h1", title(report), ""
    for paragraph in _paragraphs(report.preamble):
        yield "p", paragraph, "/preamble"
    yield "h2", _section_heading(report, "overview"), "/overview"
    for paragraph in _paragraphs(report.overview.summary):
        yield "p", paragraph, "/overview/summary"
    for number, (label, text, path) in enumerate(
        _sub_sections(report.overview, "/overview", skip=("summary",)), 1
    ):
        yield "h3", f"（{numeral(number)}）{label}", path
        for paragraph in _paragraphs(text):
            yield "p", paragraph, path
    yield "h2", _section_heading(report, "active_disclosure"), "/active_disclosure"
    yield "table2", report.active_disclosure, "/active_disclosure"
    yield "h2", _section_heading(report, "applications"), "/applications"
    yield "table3", report.applications, "/applications"
    yield "h2", _section_heading(report, "review_and_litigation"), "/review_and_litigation"
    yield "table4", report.review_and_litigation, "/review_and_litigation"
    yield "h2", _section_heading(report, "problems_and_improvements"), "/problems_and_improvements"
    for paragraph in _paragraphs(report.problems_and_improvements):
        yield "p", paragraph, "/problems_and_improvements"
    yield "h2", _section_heading(report, "other_matters"), "/other_matters"
    parts = _sub_sections(report.other_matters, "/other_matters")
    only_other = len(parts) == 1 and report.other_matters.other is not None
    for number, (label, text, path) in enumerate(parts, 1):
        if not only_other:
            yield "h3", f"（{numeral(number)}）{label}", path
        for paragraph in _paragraphs(text):
            yield "p", paragraph, path
    yield "signature", report.organ.name, "/organ/name"
    if report.published_on is not None:
        yield "date", _date(report.published_on), "/published_on"


# --- tables as grids of cells ---------------------------------------------------------------


@attrs.frozen
class Cell:
    """One table cell: text, spans, whether it is a header, and the pointer of a number."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    path: str | None = None


def number(value: int | Decimal) -> str:
    # Money is written out in full ("100", never "1E+2"), as a report prints it; a number too
    # far from the decimal point to print in full (1E+999999999 is valid JSON) keeps its
    # exponent, so that the page stays the size of the report.
    if not isinstance(value, Decimal):
        return str(value)
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return str(value)
    width = len(digits) + exponent if exponent >= 0 else max(len(digits), -exponent) + 1
    return format(value, "f") if width <= PLAIN_DIGITS else str(value)


def _leaf_columns(cls: type) -> list[FieldDesc]:
    return [f for f in describe(cls).fields if f.kind in ("count", "signed", "money")]


def table2(section: Any, prefix: str = "/active_disclosure") -> list[list[Cell]]:
    """Table 二: one block per 第二十条 item, 信息内容 and the block's columns."""
    fields = describe_of(section).fields
    width = 1 + max(len(_leaf_columns(f.cls)) for f in fields if f.cls is not None)
    rows: list[list[Cell]] = []
    blocks: list[list[FieldDesc]] = []
    for f in fields:
        if blocks and blocks[-1][0].info.position == f.info.position:
            blocks[-1].append(f)
        else:
            blocks.append([f])
    for block in blocks:
        assert block[0].cls is not None
        columns = _leaf_columns(block[0].cls)
        rows.append([Cell(block[0].info.position, colspan=width, header=True)])
        header = [Cell("信息内容", header=True)]
        for index, column in enumerate(columns):
            label = column.info.label
            unit = column.info.unit if column.kind == "money" else None
            if column.kind == "money" and unit is None:
                unit = UNIT_NAMES.get(getattr(getattr(section, block[0].name), "unit", ""))
            if unit and column.kind == "money":
                label += f"（单位：{unit}）"
            span = width - len(columns) if index == len(columns) - 1 else 1
            header.append(Cell(label, colspan=span, header=True))
        rows.append(header)
        for f in block:
            row_value = getattr(section, f.name)
            cells = [Cell(f.info.label)]
            for index, column in enumerate(columns):
                span = width - len(columns) if index == len(columns) - 1 else 1
                value = getattr(row_value, column.name)
                cells.append(Cell(number(value), colspan=span, path=f"{prefix}/{f.name}/{column.name}"))
            rows.append(cells)
    return rows


def _column_headers(cls: type) -> list[list[Cell]]:
    # Two or three header rows from the columns' positions: "申请人情况" over all, then
    # columns of depth one spanning down, and groups ("法人或其他组织") over their columns.
    fields = describe(cls).fields
    depth = max(len(f.info.position.split("·")) for f in fields)
    second: list[Cell] = []
    third: list[Cell] = []
    index = 0
    while index < len(fields):
        parts = fields[index].info.position.split("·")
        if len(parts) == 1:
            second.append(Cell(fields[index].info.label, rowspan=depth, header=True))
            index += 1
            continue
        group = [f for f in fields[index:] if f.info.position == fields[index].info.position]
        second.append(Cell(parts[-1], colspan=len(group), header=True))
        third.extend(Cell(f.info.label, header=True) for f in group)
        index += len(group)
    top = fields[0].info.position.split("·")[0]
    return [[Cell(top, colspan=len(fields), header=True)], second, third]


def _local_label(f: FieldDesc, parent_position: str) -> str:
    position = f.info.position
    local = position[len(parent_position) :] if position.startswith(parent_position) else position
    if local and local[-1].isdigit():
        return f"{local}.{f.info.label}"
    if local in NUMERALS:
        return f"{local}、{f.info.label}"
    return local + f.info.label


def _count_cells(row: CountRow, path: str) -> list[Cell]:
    return [Cell(number(getattr(row, f.name)), path=f"{path}/{f.name}") for f in describe(CountRow).fields]


def _rows_of(group: Any) -> int:
    total = 0
    cls: type = type(group)
    for f in describe(cls).fields:
        total += 1 if f.cls is CountRow else _rows_of(getattr(group, f.name))
    return total


def table3(applications: Any, prefix: str = "/applications") -> list[list[Cell]]:
    """Table 三: the corner note, the applicant columns, and the rows with their group labels."""
    headers = _column_headers(CountRow)
    headers[0].insert(0, Cell(corner_note(), rowspan=3, colspan=3, header=True))
    rows = headers
    cls: type = type(applications)
    for f in describe(cls).fields:
        value = getattr(applications, f.name)
        path = f"{prefix}/{f.name}"
        if f.cls is CountRow:
            rows.append([Cell(_local_label(f, ""), colspan=3), *_count_cells(value, path)])
            continue
        first: list[Cell] = [Cell(_local_label(f, ""), rowspan=_rows_of(value))]
        group_cls: type = type(value)
        for child in describe(group_cls).fields:
            child_value = getattr(value, child.name)
            child_path = f"{path}/{child.name}"
            if child.cls is CountRow:
                rows.append(
                    [
                        *first,
                        Cell(_local_label(child, f.info.position), colspan=2),
                        *_count_cells(child_value, child_path),
                    ]
                )
                first = []
                continue
            group_cell: Cell | None = Cell(
                _local_label(child, f.info.position), rowspan=_rows_of(child_value)
            )
            item_cls: type = type(child_value)
            for item in describe(item_cls).fields:
                label = _local_label(item, child.info.position)
                cells = _count_cells(getattr(child_value, item.name), f"{child_path}/{item.name}")
                rows.append([*first, *([group_cell] if group_cell else []), Cell(label), *cells])
                first, group_cell = [], None
    return rows


def table4(section: Any, prefix: str = "/review_and_litigation") -> list[list[Cell]]:
    """Table 四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉), five outcomes each."""
    groups = describe_of(section).fields
    top: list[Cell] = []
    second: list[Cell] = []
    third: list[Cell] = []
    values: list[Cell] = []
    index = 0
    while index < len(groups):
        g = groups[index]
        assert g.cls is not None
        columns = describe(g.cls).fields
        parts = g.info.position.split("·")
        if len(parts) == 1:
            top.append(Cell(g.info.label, colspan=len(columns), header=True))
            second.extend(Cell(c.info.label, rowspan=2, header=True) for c in columns)
            members = [g]
        else:
            members = [m for m in groups[index:] if m.info.position == g.info.position]
            top.append(
                Cell(
                    parts[-1], colspan=sum(len(describe(m.cls).fields) for m in members if m.cls), header=True
                )
            )
            for m in members:
                assert m.cls is not None
                second.append(Cell(m.info.label, colspan=len(describe(m.cls).fields), header=True))
                third.extend(Cell(c.info.label, header=True) for c in describe(m.cls).fields)
        for m in members:
            assert m.cls is not None
            for c in describe(m.cls).fields:
                values.append(
                    Cell(
                        number(getattr(getattr(section, m.name), c.name)), path=f"{prefix}/{m.name}/{c.name}"
                    )
                )
        index += len(members)
    return [top, second, third, values]


_TABLES = {"table2": table2, "table3": table3, "table4": table4}


# The tables by the outline block that names them.
TABLES = _TABLES


@attrs.frozen
class Placed:
    """A layout cell at its place: its row and its (1-based) column."""

    row: int
    column: int
    cell: Cell


def place(rows: list[list[Cell]], first_row: int = 0) -> list[Placed]:
    """The cells of a layout grid at their places (rows from ``first_row``, columns from 1),
    spans taken into account: the one reading of the grid that the renderers share."""
    taken: set[tuple[int, int]] = set()
    out: list[Placed] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            out.append(Placed(first_row + r, c + 1, cell))
            c += cell.colspan
    return out
