"""Rendering a report in the official layout, as one standalone HTML page or as Markdown.

Headings, row and column labels, spans and units all come from the model's metadata; the
corner note of table 三 is the template text of the T3-BALANCE rule.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._convert import Report, structure, to_dict
from ._findings import ReportError
from ._inspect import FieldDesc, describe, describe_of
from ._json import emit
from ._limits import PLAIN_DIGITS
from ._model import CountRow
from ._rules import RULES

__all__ = ["render"]

_NUMERALS = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return " 一二三四五六七八九十"[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMERALS[tens - 1]) + "十" + (_NUMERALS[ones - 1] if ones else "")


def _corner_note() -> str:
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

Block = tuple[str, Any]  # ("h1"|"h2"|"h3"|"p"|"date"|"table2"|"table3"|"table4", payload)


def _section_heading(report: Report, name: str) -> str:
    f = describe_of(report).by_name[name]
    return f"{f.info.position}、{f.info.label}"


def _sub_sections(group: Any, skip: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    # (heading label, text) of every present named part, then the extra sections.
    parts: list[tuple[str, str]] = []
    for f in describe_of(group).fields:
        value = getattr(group, f.name)
        if f.name in skip or value is None:
            continue
        if f.kind == "sections":
            parts.extend((section.title, section.text) for section in value)
        elif f.kind == "text":
            parts.append((f.info.label, value))
    return parts


def outline(report: Report) -> Iterator[Block]:
    """The report as a sequence of blocks in the template's order."""
    yield "h1", title(report)
    for paragraph in _paragraphs(report.preamble):
        yield "p", paragraph
    yield "h2", _section_heading(report, "overview")
    for paragraph in _paragraphs(report.overview.summary):
        yield "p", paragraph
    for number, (label, text) in enumerate(_sub_sections(report.overview, skip=("summary",)), 1):
        yield "h3", f"（{_chinese_number(number)}）{label}"
        for paragraph in _paragraphs(text):
            yield "p", paragraph
    yield "h2", _section_heading(report, "active_disclosure")
    yield "table2", report.active_disclosure
    yield "h2", _section_heading(report, "applications")
    yield "table3", report.applications
    yield "h2", _section_heading(report, "review_and_litigation")
    yield "table4", report.review_and_litigation
    yield "h2", _section_heading(report, "problems_and_improvements")
    for paragraph in _paragraphs(report.problems_and_improvements):
        yield "p", paragraph
    yield "h2", _section_heading(report, "other_matters")
    parts = _sub_sections(report.other_matters)
    only_other = len(parts) == 1 and report.other_matters.other is not None
    for number, (label, text) in enumerate(parts, 1):
        if not only_other:
            yield "h3", f"（{_chinese_number(number)}）{label}"
        for paragraph in _paragraphs(text):
            yield "p", paragraph
    if report.published_on is not None:
        yield "date", _date(report.published_on)


# --- tables as grids of cells ---------------------------------------------------------------


@attrs.frozen
class Cell:
    """One table cell: text, spans, whether it is a header, and the pointer of a number."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    path: str | None = None


def _number(value: int | Decimal) -> str:
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


_UNITS = {"yuan": "元", "10k_yuan": "万元"}


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
                unit = _UNITS.get(getattr(getattr(section, block[0].name), "unit", ""))
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
                cells.append(Cell(_number(value), colspan=span, path=f"{prefix}/{f.name}/{column.name}"))
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
    if local in _NUMERALS:
        return f"{local}、{f.info.label}"
    return local + f.info.label


def _count_cells(row: CountRow, path: str) -> list[Cell]:
    return [Cell(_number(getattr(row, f.name)), path=f"{path}/{f.name}") for f in describe(CountRow).fields]


def _rows_of(group: Any) -> int:
    total = 0
    cls: type = type(group)
    for f in describe(cls).fields:
        total += 1 if f.cls is CountRow else _rows_of(getattr(group, f.name))
    return total


def table3(applications: Any, prefix: str = "/applications") -> list[list[Cell]]:
    """Table 三: the corner note, the applicant columns, and the rows with their group labels."""
    headers = _column_headers(CountRow)
    headers[0].insert(0, Cell(_corner_note(), rowspan=3, colspan=3, header=True))
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
                        _number(getattr(getattr(section, m.name), c.name)), path=f"{prefix}/{m.name}/{c.name}"
                    )
                )
        index += len(members)
    return [top, second, third, values]


_TABLES = {"table2": table2, "table3": table3, "table4": table4}


# --- HTML -------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;
  margin:2em auto;max-width:64em;padding:0 1em;line-height:1.8;color:#000;background:#fff}
h1{text-align:center;font-size:1.5em;margin:1em 0}
h2{font-size:1.2em;margin:1.4em 0 .5em}
h3{font-size:1.05em;margin:1em 0 .3em}
p{text-indent:2em;margin:.3em 0}
p.date{text-align:right;text-indent:0;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.8em 0;font-size:.9em;line-height:1.4}
th,td{border:1px solid #000;padding:.3em .4em;vertical-align:middle}
th{font-weight:normal;text-align:center}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.corner{font-size:.85em}
table.table3 td.num,table.table3 th{min-width:3em}
@media print{body{margin:0;max-width:none;padding:0}tr{page-break-inside:avoid}}
@page{size:A4;margin:2cm}
""".strip()


def _html_table(rows: list[list[Cell]], name: str) -> str:
    out = [f'<table class="{name}">']
    for row in rows:
        out.append("<tr>")
        for cell in row:
            attributes = ""
            if cell.rowspan > 1:
                attributes += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attributes += f' colspan="{cell.colspan}"'
            if cell.path is not None:
                attributes += f' class="num" data-path="{cell.path}"'
            elif cell.header and cell.rowspan == 3 and cell.colspan == 3:
                attributes += ' class="corner"'
            tag = "th" if cell.header else "td"
            out.append(f"<{tag}{attributes}>{html.escape(cell.text)}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return (
        "".join(out[:1]) + "\n" + "\n".join("".join(_row) for _row in _split_rows(out[1:-1])) + "\n</table>"
    )


def _split_rows(parts: list[str]) -> Iterator[list[str]]:
    row: list[str] = []
    for part in parts:
        row.append(part)
        if part == "</tr>":
            yield row
            row = []


def _render_html(report: Report) -> str:
    body: list[str] = []
    for kind, payload in outline(report):
        if kind in _TABLES:
            body.append(_html_table(_TABLES[kind](payload), kind))
        elif kind == "date":
            body.append(f'<p class="date">{html.escape(payload)}</p>')
        else:
            body.append(f"<{kind}>{html.escape(payload)}</{kind}>")
    heading = html.escape(title(report))
    # The report itself, as a JSON data island: extract() reads a rendered page back exactly,
    # whatever its text. "<" is escaped so that no text can close the script element.
    island = emit(to_dict(report)).replace("<", "\\u003c")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="govdisclosure">\n<title>{heading}</title>\n'
        f"<style>\n{_CSS}\n</style>\n"
        f'<script type="application/json" id="govdisclosure-report">\n{island}\n</script>\n'
        "</head>\n<body>\n"
        f'<article class="report" data-edition="{report.format_version}">\n'
        + "\n".join(body)
        + "\n</article>\n</body>\n</html>\n"
    )


# --- Markdown ---------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def _flatten(rows: list[list[Cell]]) -> list[list[str]]:
    # Lay the spans out on a grid, then keep one header row (the deepest labels, joined with
    # their group labels) and one line per row of numbers (its label cells joined).
    grid: dict[tuple[int, int], tuple[Cell, bool]] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, c + dc)] = (cell, dr == 0 and dc == 0)
            c += cell.colspan
    width = max(c for _, c in grid) + 1
    height = max(r for r, _ in grid) + 1
    lines: list[list[str]] = []
    for r in range(height):
        cells = [grid.get((r, c)) for c in range(width)]
        labels: list[str] = []
        numbers: list[str] = []
        for c, item in enumerate(cells):
            if item is None:
                continue
            cell, origin = item
            if cell.path is not None:
                if origin:
                    numbers.append(cell.text)
            elif not labels or labels[-1] != cell.text:
                labels.append(cell.text)
            del c
        lines.append([" ".join(labels), *numbers] if numbers else labels)
    return lines


def _md_table(header: list[str], body: list[list[str]]) -> str:
    out = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(_md(c) for c in row) + " |" for row in body)
    return "\n".join(out)


def _markdown_tables(kind: str, payload: Any) -> list[str]:
    rows = _TABLES[kind](payload)
    if kind == "table2":
        blocks: list[str] = []
        index = 0
        while index < len(rows):
            title_cell, header = rows[index][0], [c.text for c in rows[index + 1]]
            body = []
            index += 2
            while index < len(rows) and not rows[index][0].header:
                body.append([c.text for c in rows[index]])
                index += 1
            blocks.append(f"**{_md(title_cell.text)}**\n\n" + _md_table(header, body))
        return blocks
    if kind == "table3":
        columns = describe(CountRow).fields
        header = [_corner_note(), *[c.info.label for c in columns]]
        return [_md_table(header, _flatten(rows)[3:])]
    # Table 四: one row of numbers under the flattened group·column labels.
    labels: list[str] = []
    for group in describe_of(payload).fields:
        assert group.cls is not None
        parents = group.info.position.split("·")[1:]
        labels.extend(
            "·".join([*parents, group.info.label, c.info.label]) for c in describe(group.cls).fields
        )
    return [_md_table(labels, [[c.text for c in rows[-1]]])]


def _render_markdown(report: Report) -> str:
    out: list[str] = []
    for kind, payload in outline(report):
        if kind == "h1":
            out.append(f"# {_md(payload)}")
        elif kind == "h2":
            out.append(f"## {_md(payload)}")
        elif kind == "h3":
            out.append(f"### {_md(payload)}")
        elif kind in _TABLES:
            out.extend(_markdown_tables(kind, payload))
        else:
            out.append(_md(payload))
    return "\n\n".join(out) + "\n"


def render(report: Report, format: Literal["html", "markdown"] = "html") -> str:
    """The report in the official layout of its edition.

    ``"html"``: one standalone, printable page (no external assets) with the title, preamble,
    the six sections and tables 二, 三 and 四 laid out as the template lays them out, merged
    cells as ``rowspan``/``colspan``, numbers right-aligned (each number cell carries its JSON
    Pointer in ``data-path``), all text escaped; the report's JSON rides along in a
    ``<script type="application/json" id="govdisclosure-report">`` data island, so that
    :func:`govdisclosure.extract` reads the page back exactly. ``"markdown"``: the same text with pipe tables,
    in which merged cells are flattened into row labels. ``ValueError`` for any other format.

    A report built in code is first read back from its JSON form, as :func:`validate` reads
    it: :class:`ReportError` if it is not structurally a report (a value of another type).
    Content findings do not stop it: a report with wrong sums is laid out as it is.
    """
    if format not in ("html", "markdown"):
        raise ValueError(f"unknown format {format!r}; use 'html' or 'markdown'")
    checked, findings = structure(to_dict(report))
    if checked is None:
        raise ReportError(findings)
    report = checked
    return _render_html(report) if format == "html" else _render_markdown(report)
