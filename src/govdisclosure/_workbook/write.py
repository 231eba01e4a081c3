"""Writing a report, or an empty template, as a workbook in the official layout."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .._findings.finding import Finding
from .._ground.extras import require
from .._ground.limits import MAX_COUNT
from .._layout.grid import title
from .._model import pointers
from .._model.describe import FieldDesc
from .._model.editions import BY_CODE
from .._model.identities import equations
from .._model.pointers import split_pointer
from .._model.template import CHOICE_LABELS
from .cells import _ILLEGAL, TEXT_FORMAT, encode_text, money_cell, whole_cell
from .plan import (
    FINDINGS_SHEET,
    FIRST_ROW,
    INFO_HEADER,
    INFO_SHEET,
    LIST,
    OBJECT,
    PRESENT,
    TableSheet,
    blank,
    column_letter,
    defined_name,
    hint,
    info_rows,
    leaf_of,
    table_sheets,
)

__all__ = ["template_bytes", "workbook_bytes"]

_THIN = {"style": "thin", "color": "808080"}
_HEADER_FILL = "EDEDED"
_SEVERITY_FILL = {"error": "F8CBAD", "warning": "FFE699"}
_SEVERITY_ZH = {"error": "错误", "warning": "警告"}


class _Book:
    def __init__(self, report: Any, *, empty: bool) -> None:
        self.px = require("openpyxl")
        self.styles = require("openpyxl.styles")
        self.report = report
        self.empty = empty
        self.edition: str = report.format_version
        self.wb = self.px.Workbook()
        self.wb.remove(self.wb.active)
        self.where: dict[str, tuple[str, str]] = {}  # pointer -> (sheet, address)
        self.sheets: dict[str, Any] = {}
        self.border = self.styles.Border(*(self.styles.Side(**_THIN),) * 4)

    # -- tables ------------------------------------------------------------------------
    def table(self, sheet: TableSheet) -> None:
        s = self.styles
        ws = self.wb.create_sheet(sheet.name)
        self.sheets[sheet.name] = ws
        ws.cell(1, 1, sheet.title).font = s.Font(bold=True, size=12)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=sheet.width)
        widths: dict[int, float] = {}
        for placed in sheet.cells:
            c = ws.cell(placed.row, placed.column)
            cell = placed.cell
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=placed.row,
                    start_column=placed.column,
                    end_row=placed.row + cell.rowspan - 1,
                    end_column=placed.column + cell.colspan - 1,
                )
            for r in range(placed.row, placed.row + cell.rowspan):
                for col in range(placed.column, placed.column + cell.colspan):
                    ws.cell(r, col).border = self.border
            if cell.path is None:
                c.value = cell.text
                c.alignment = s.Alignment(
                    wrap_text=True, vertical="center", horizontal="center" if cell.header else "left"
                )
                if cell.header:
                    c.font = s.Font(bold=True)
                    c.fill = s.PatternFill("solid", fgColor=_HEADER_FILL)
                if cell.colspan == 1:
                    widths[placed.column] = max(widths.get(placed.column, 0), _width(cell.text))
                    lines = -(-int(_width(cell.text)) // 36)  # the label wraps in a column of 36
                    if lines > 1 and cell.rowspan == 1:
                        height = ws.row_dimensions[placed.row].height or 15
                        ws.row_dimensions[placed.row].height = max(height, 15 * lines)
                continue
            self.number(ws, c, cell.path)
            widths.setdefault(placed.column, 8)
        for column, width in widths.items():
            ws.column_dimensions[column_letter(column)].width = min(max(width, 8), 36)
        self.checks(ws, sheet)
        ws.freeze_panes = ws.cell(FIRST_ROW + sheet.header_rows, 1)
        ws.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW + sheet.header_rows - 1}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if sheet.width > 8 else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    def number(self, ws: Any, c: Any, path: str) -> None:
        f = self.field(path)
        dv = self.validation(ws, f)
        dv.add(c.coordinate)
        self.name(path, ws.title, c.coordinate)
        c.alignment = self.styles.Alignment(horizontal="right", vertical="center")
        if self.empty:
            c.number_format = "0.00" if f.kind == "money" else "0"
            return
        value = _value_at(self.report, path)
        c.value, c.number_format = money_cell(value) if isinstance(value, Decimal) else whole_cell(value)

    def field(self, path: str) -> FieldDesc:
        tokens = tuple("*" if t.isdigit() else t for t in split_pointer(path))
        return leaf_of(self.edition)[tokens]

    def validation(self, ws: Any, f: FieldDesc) -> Any:
        key = (ws.title, f.kind)
        cache = self.__dict__.setdefault("_validations", {})
        if key not in cache:
            dv_cls = require("openpyxl.worksheet.datavalidation").DataValidation
            if f.kind == "money":
                dv = dv_cls(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
                dv.error = "金额应为不小于 0 的数 / an amount of at least 0"
            elif f.kind == "signed":
                dv = dv_cls(
                    type="whole",
                    operator="between",
                    formula1=str(-MAX_COUNT),
                    formula2=str(MAX_COUNT),
                    allow_blank=True,
                )
                dv.error = "应为整数 / a whole number"
            else:
                dv = dv_cls(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
                dv.error = "应为不小于 0 的整数 / a whole number of at least 0"
            dv.errorTitle = "数值无效 / Invalid value"
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
            cache[key] = dv
        return cache[key]

    def name(self, path: str, sheet: str, address: str) -> None:
        self.where[path] = (sheet, address)
        defined = require("openpyxl.workbook.defined_name").DefinedName
        absolute = "$" + address.rstrip("0123456789") + "$" + address[len(address.rstrip("0123456789")) :]
        self.wb.defined_names[defined_name(path)] = defined(
            defined_name(path), attr_text=f"'{sheet}'!{absolute}"
        )

    def checks(self, ws: Any, sheet: TableSheet) -> None:
        # Beside each row, whether the identities whose total stands in that row hold; below
        # the table, whether the whole table holds. Formulas beside the cells, never in them.
        s = self.styles
        column = sheet.check_column
        head = ws.cell(FIRST_ROW, column, "校验")
        head.font = s.Font(bold=True)
        head.alignment = s.Alignment(horizontal="center", vertical="center", wrap_text=True)
        rows: dict[int, list[str]] = {}
        refs: dict[int, list[str]] = {}
        for eq in equations(self.edition):
            if eq.target[0] != sheet.section:
                continue
            target = pointers.pointer(*eq.target)
            if target not in self.where:
                continue
            cells = [pointers.pointer(*c) for c in eq.cells]
            addr = [self.where[c][1] for c in cells]
            plus = ",".join(addr[1 : 1 + len(eq.plus)])
            minus = ",".join(addr[1 + len(eq.plus) :])
            expression = f"{addr[0]}=SUM({plus})" + (f"-SUM({minus})" if minus else "")
            row = int(addr[0].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            rows.setdefault(row, []).append(expression)
            refs.setdefault(row, []).extend(addr)
        for row, expressions in sorted(rows.items()):
            used = ",".join(dict.fromkeys(refs[row]))
            c = ws.cell(row, column, f'=IF(COUNT({used})=0,"",IF(AND({",".join(expressions)}),"✓","✗"))')
            c.alignment = s.Alignment(horizontal="center")
        if rows:
            letter = column_letter(column)
            end = sheet.last_row
            summary = ws.cell(
                end + 1,
                column,
                f'=IF(COUNTIF({letter}{FIRST_ROW}:{letter}{end},"✗")>0,"本表 ✗","本表 ✓")',
            )
            summary.font = s.Font(bold=True)
        ws.column_dimensions[column_letter(column)].width = 8

    # -- metadata and narrative -----------------------------------------------------------
    def info(self, table_paths: frozenset[str]) -> None:
        s = self.styles
        ws = self.wb.create_sheet(INFO_SHEET, 0)
        self.sheets[INFO_SHEET] = ws
        for index, text in enumerate(INFO_HEADER, 1):
            c = ws.cell(1, index, text)
            c.font = s.Font(bold=True)
            c.fill = s.PatternFill("solid", fgColor=_HEADER_FILL)
        choice_cls = require("openpyxl.worksheet.datavalidation").DataValidation
        for row, (path, label, f, value) in enumerate(
            info_rows(self.report, table_paths, empty=self.empty), 2
        ):
            ws.cell(row, 1, label).alignment = s.Alignment(vertical="top", wrap_text=True)
            ws.cell(row, 3, path)
            c = ws.cell(row, 2)
            c.alignment = s.Alignment(vertical="top", wrap_text=True)
            self.name(path, INFO_SHEET, c.coordinate)
            ws.cell(row, 5, hint(f)).alignment = s.Alignment(vertical="top", wrap_text=True)
            if f.kind == "choice":
                shown = [CHOICE_LABELS.get(choice, choice) for choice in f.choices]
                dv = choice_cls(type="list", formula1='"' + ",".join(shown) + '"', allow_blank=not f.required)
                ws.add_data_validation(dv)
                dv.add(c.coordinate)
                if isinstance(value, str):
                    value = CHOICE_LABELS.get(value, value)  # the JSON keeps the code
            if value is PRESENT:
                ws.cell(row, 4, LIST if f.kind == "sections" else OBJECT)
                continue
            if value is None:
                c.number_format = TEXT_FORMAT if f.kind not in ("year", "count", "signed") else "0"
                continue
            if isinstance(value, int):
                c.value, c.number_format = whole_cell(value)
                continue
            chunks, how = encode_text(value.isoformat() if hasattr(value, "isoformat") else str(value))
            c.value, c.number_format = chunks[0], TEXT_FORMAT
            c.data_type = "s"
            for extra, chunk in enumerate(chunks[1:], len(INFO_HEADER) + 1):
                more = ws.cell(row, extra, chunk)
                more.number_format = TEXT_FORMAT
                more.data_type = "s"  # text, whatever it starts with: "=1+1" is no formula of ours
            if how:
                ws.cell(row, 4, how)
        ws.column_dimensions["A"].width = 30
        ws.column_dimensions["B"].width = 80
        ws.column_dimensions["C"].width = 40
        ws.column_dimensions["D"].width = 8
        ws.column_dimensions["E"].width = 36
        ws.freeze_panes = "A2"
        _fit_to_width(ws, landscape=False)

    # -- findings ------------------------------------------------------------------------
    def findings(self, findings: Sequence[Finding]) -> None:
        s = self.styles
        comment_cls = require("openpyxl.comments").Comment
        link_cls = require("openpyxl.worksheet.hyperlink").Hyperlink
        ws = self.wb.create_sheet(FINDINGS_SHEET, 0)
        header = ("序号", "级别", "代码", "位置", "说明", "Message", "JSON 路径")
        for index, text in enumerate(header, 1):
            c = ws.cell(1, index, text)
            c.font = s.Font(bold=True)
            c.fill = s.PatternFill("solid", fgColor=_HEADER_FILL)
        marked: dict[tuple[str, str], list[Finding]] = {}
        for row, finding in enumerate(findings, 2):
            sheet, address = self.locate(finding.path)
            marked.setdefault((sheet, address), []).append(finding)
            ws.cell(row, 1, row - 1)
            ws.cell(row, 2, _SEVERITY_ZH.get(finding.severity, finding.severity)).fill = s.PatternFill(
                "solid", fgColor=_SEVERITY_FILL.get(finding.severity, "FFFFFF")
            )
            ws.cell(row, 3, finding.code)
            link = ws.cell(row, 4, f"{sheet}!{address}")
            link.hyperlink = link_cls(
                ref=link.coordinate, location=f"'{sheet}'!{address}", display=link.value
            )
            link.font = s.Font(color="0563C1", underline="single")
            for column, text in ((5, finding.message), (6, finding.message_en), (7, finding.path)):
                ws.cell(row, column, encode_text(text)[0][0] if text else "").number_format = TEXT_FORMAT
        for (sheet, address), group in marked.items():
            c = self.sheets[sheet][address]
            worst = "error" if any(f.severity == "error" for f in group) else "warning"
            c.fill = s.PatternFill("solid", fgColor=_SEVERITY_FILL.get(worst, "FFFFFF"))
            text = "\n".join(f"{f.code}: {f.message}" for f in group)[:30000]
            c.comment = comment_cls(encode_text(text)[0][0], "govdisclosure", width=360, height=120)
        for letter, width in zip("ABCDEFG", (6, 6, 22, 14, 60, 60, 40), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        _fit_to_width(ws, landscape=True)

    def locate(self, path: str) -> tuple[str, str]:
        if path in self.where:
            return self.where[path]
        inside = next((where for p, where in self.where.items() if p.startswith(path + "/")), None)
        return inside or (INFO_SHEET, "A1")

    def save(self) -> bytes:
        # The document's title is metadata only: characters a workbook cannot hold are left out.
        name = title(self.report) if not self.empty else "政府信息公开工作年度报告模板"
        self.wb.properties.title = _ILLEGAL.sub("", name)[:255]
        self.wb.properties.creator = "govdisclosure"
        out = io.BytesIO()
        self.wb.save(out)
        return out.getvalue()


def _fit_to_width(ws: Any, *, landscape: bool) -> None:
    # Printed on A4, as wide as the page and as long as it needs.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _width(text: str) -> float:
    # Columns are measured in Latin characters; a Chinese character takes two.
    longest = max((sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) for line in text.split("\n")), default=0)
    return longest + 2


def _value_at(obj: Any, path: str) -> Any:
    for token in split_pointer(path):
        obj = obj[int(token)] if isinstance(obj, (list, tuple)) else getattr(obj, token)
    return obj


def _build(report: Any, findings: Iterable[Finding], *, empty: bool) -> bytes:
    book = _Book(report, empty=empty)
    sheets = table_sheets(report)
    book.info(frozenset(p.cell.path for sheet in sheets for p in sheet.slots() if p.cell.path))
    for sheet in sheets:
        book.table(sheet)
    listed = list(findings)
    if listed:
        book.findings(listed)
    book.wb.active = 0
    return book.save()


def workbook_bytes(report: Any, findings: Iterable[Finding] = ()) -> bytes:
    """The report as a workbook (``findings``, if any, listed on a sheet of their own)."""
    return _build(report, findings, empty=False)


def template_bytes(edition: str) -> bytes:
    """An empty workbook of ``edition`` to fill in."""
    cls = BY_CODE[edition].cls
    return _build(blank(cls, BY_CODE[edition].years[0]), (), empty=True)
