"""Reading a workbook (a rendered report or a filled template) back into a report.

Rows are found by their labels, not by their numbers, so that a workbook whose rows were
inserted, moved or unmerged by hand still reads; a sheet is found by its name, else by its
title. The ``报告信息`` sheet is read by the JSON Pointer beside each value. What cannot be
read is said, with its sheet and cell.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .._findings.finding import Finding
from .._ground.extras import require
from .._model import pointers
from .._model.cells import cell_name
from .._model.describe import FieldDesc, describe
from .._model.editions import BY_CODE, EDITIONS_LIST
from .._model.identities import equations, solve
from .._model.pointers import put_in, split_pointer
from .._model.template import CHOICE_LABELS
from .._workbook.cells import TEXT_FORMAT, decode_text, read_money
from .._workbook.plan import (
    INFO_HEADER,
    INFO_SHEET,
    LIST,
    OBJECT,
    OLD_INFO_HEADER,
    Placed,
    TableSheet,
    blank,
    leaf_of,
    table_sheets,
)
from .._workbook.sheets import filled_rows, formulas, load, value_at
from .cells import norm, read_number
from .result import CellSource, cause_of

__all__ = ["Reading", "read_workbook"]


class Reading:
    """The state of one workbook being read: the document built, findings and sources."""

    def __init__(self, book: Any, data: bytes = b"") -> None:
        self.book = book
        self.data = data
        self._formulas: dict[tuple[str, str], str] | None = None  # read if one is needed
        self.doc: dict[str, Any] = {}
        self.findings: list[Finding] = []
        self.sources: dict[str, CellSource] = {}
        self.edition: str = EDITIONS_LIST[0].code
        self.cls: type = EDITIONS_LIST[0].cls

    def finding(self, code: str, severity: str, path: str, actual: Any = None, **params: Any) -> None:
        label = cell_name(self.cls, split_pointer(path)) if path else ""
        self.findings.append(Finding(code, severity, path, label, None, actual, params))  # type: ignore[arg-type]

    # -- the info sheet ------------------------------------------------------------------
    def info(self) -> None:
        ws = _sheet(
            self.book,
            INFO_SHEET,
            lambda w: tuple(_text(w.cell(1, c).value) for c in (1, 2, 3)) == INFO_HEADER[:3],
        )
        if ws is None:
            self.finding("EXTRACT-NO-SHEET", "error", "", sheet=INFO_SHEET)
            return
        rows = []
        for row in filled_rows(ws):
            pointer = value_at(ws, row, 3) if row >= 2 else None
            if not isinstance(pointer, str) or not pointer.startswith("/"):
                continue
            rows.append((row, pointer.strip()))
        # The edition first: it says which keys there are.
        for row, pointer in rows:
            if pointer == "/format_version":
                code = _text(value_at(ws, row, 2))
                if code in BY_CODE:
                    self.edition, self.cls = code, BY_CODE[code].cls
        leaves = leaf_of(self.edition)
        _objects(self.cls, self.doc)
        for row, pointer in rows:
            tokens = split_pointer(pointer)
            how = _text(value_at(ws, row, 4))
            if how in (OBJECT, LIST) and tokens:
                put_in(self.doc, tokens, {} if how == OBJECT else [], keep=True)
                continue
            f = leaves.get(tuple("*" if t.isdigit() else t for t in tokens))
            if f is None:
                self.finding("EXTRACT-INFO-ROW", "warning", "", actual=pointer, sheet=ws.title, line=row)
                continue
            value = self.info_value(ws, row, f, pointer)
            if value is not None:
                put_in(self.doc, tokens, value)

    def info_value(self, ws: Any, row: int, f: FieldDesc, pointer: str) -> Any:
        cell = ws.cell(row, 2)
        value = cell.value
        where = f"{ws.title}!{cell.coordinate}"
        if value is None or value == "":
            formula = self.formula(cell)
            if formula is not None:
                # A formula whose result was never calculated (a program wrote it): the value
                # is unknown, never a silent gap.
                self.sources[pointer] = CellSource("unreadable", sheet=ws.title, address=cell.coordinate)
                self.finding("EXTRACT-CELL-FORMULA", "error", pointer, actual=formula[:60], cell=where)
            return None
        self.sources[pointer] = CellSource("cell", sheet=ws.title, address=cell.coordinate)
        if f.kind in ("year", "count", "signed"):
            return self.whole(value, cell, pointer, where)
        if isinstance(value, datetime.datetime | datetime.date):
            day = value.date() if isinstance(value, datetime.datetime) else value
            return day.isoformat()
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return str(value) if isinstance(value, int) or not value.is_integer() else str(int(value))
        if f.kind == "choice" and isinstance(value, str):
            return _CODES.get(value.strip(), value)  # 人民政府 as the JSON writes it
        chunks = [str(value)]
        # Text too long for a cell goes on after the header's columns (four in workbooks
        # written before the 写法 column, five since).
        column = (
            len(OLD_INFO_HEADER) if _text(value_at(ws, 1, 5)) != INFO_HEADER[4] else len(INFO_HEADER)
        ) + 1
        while isinstance(more := value_at(ws, row, column), str):
            chunks.append(more)
            column += 1
        try:
            return decode_text(chunks, _text(value_at(ws, row, 4)))
        except ValueError:
            self.finding("EXTRACT-CELL-UNREADABLE", "error", pointer, actual=str(value)[:60], cell=where)
            return None

    def whole(self, value: Any, cell: Any, pointer: str, where: str) -> Any:
        if isinstance(value, bool):
            return self.unreadable(pointer, value, where, cell)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            return int(value) if value.is_integer() else self.unreadable(pointer, value, where, cell)
        if isinstance(value, str):
            reading = read_number(value)
            if (
                reading.status == "number"
                and reading.value is not None
                and reading.value == reading.value.to_integral_value()
            ):
                if cell.number_format != TEXT_FORMAT:
                    self.finding("EXTRACT-CELL-TEXT", "warning", pointer, actual=value[:60], cell=where)
                return int(reading.value)
            if reading.status == "blank":
                return self.blank(pointer, value, where, cell)
        return self.unreadable(pointer, value, where, cell)

    def money(self, value: Any, cell: Any, pointer: str, where: str) -> Any:
        if isinstance(value, bool):
            return self.unreadable(pointer, value, where, cell)
        if isinstance(value, int | float):
            try:
                return read_money(value, cell.number_format)
            except (InvalidOperation, ValueError):
                return self.unreadable(pointer, value, where, cell)
        if isinstance(value, str):
            text = value.strip()
            if cell.number_format == TEXT_FORMAT:
                try:
                    amount = Decimal(text)
                    if amount.is_finite():
                        return amount
                except InvalidOperation:
                    pass
            reading = read_number(value)
            if reading.status == "number" and reading.value is not None:
                self.finding("EXTRACT-CELL-TEXT", "warning", pointer, actual=value[:60], cell=where)
                return reading.value
            if reading.status == "blank":
                return self.blank(pointer, value, where, cell)
        return self.unreadable(pointer, value, where, cell)

    def blank(self, pointer: str, value: Any, where: str, cell: Any) -> int:
        formula = self.formula(cell) if not value else None
        if formula is not None:
            self.sources[pointer] = CellSource(
                "unreadable", sheet=where.split("!")[0], address=cell.coordinate
            )
            self.finding("EXTRACT-CELL-FORMULA", "error", pointer, actual=formula[:60], cell=where)
            return 0
        self.sources[pointer] = CellSource("blank", sheet=where.split("!")[0], address=cell.coordinate)
        self.finding(
            "EXTRACT-CELL-BLANK", "warning", pointer, actual=str(value or "（空白）")[:60], cell=where
        )
        return 0

    def formula(self, cell: Any) -> str | None:
        """The formula of an empty cell, if it holds one: a workbook written by a program that
        does not calculate (openpyxl, say) keeps formulas without their results, which the
        values read (``data_only``) show as empty. The formulas are read at the first empty
        cell."""
        if self._formulas is None:
            self._formulas = formulas(self.data) if self.data else {}
        written = self._formulas.get((cell.parent.title, cell.coordinate))
        return written if isinstance(written, str) else None

    def unreadable(self, pointer: str, value: Any, where: str, cell: Any) -> int:
        self.sources[pointer] = CellSource("unreadable", sheet=where.split("!")[0], address=cell.coordinate)
        self.finding("EXTRACT-CELL-UNREADABLE", "error", pointer, actual=str(value)[:60], cell=where)
        return 0

    # -- the tables ----------------------------------------------------------------------
    def tables(self) -> None:
        found_year = self.doc.get("year")
        year = found_year if isinstance(found_year, int) else BY_CODE[self.edition].years[0]
        values: dict[tuple[str, ...], int | None] = {}
        missing: list[tuple[str, ...]] = []
        for sheet in table_sheets(blank(self.cls, year)):
            ws = _sheet(self.book, sheet.name, lambda w, s=sheet: _text(w.cell(1, 1).value) == s.title)
            if ws is None:
                self.finding("EXTRACT-NO-SHEET", "error", "/" + sheet.section, sheet=sheet.name)
            rows = _align(ws, sheet) if ws is not None else {}
            for placed in sheet.slots():
                assert placed.cell.path is not None
                tokens = tuple(split_pointer(placed.cell.path))
                row = rows.get(placed.row)
                if ws is None or row is None:
                    values[tokens] = None
                    missing.append(tokens)
                    continue
                value = self.table_value(ws, row, placed)
                values[tokens] = value if isinstance(value, int) else None
                put_in(self.doc, tokens, value)
            for row_path in _unmatched_rows(sheet, rows):
                self.finding("EXTRACT-NO-ROW", "error", row_path, sheet=sheet.name)
        solve(equations(self.edition), values, missing)
        for tokens in missing:
            pointer = pointers.pointer(*tokens)
            value = values[tokens]
            if value is None:
                self.sources[pointer] = CellSource("missing")
                self.finding("EXTRACT-MISSING", "error", pointer)
                value = 0
            else:
                self.sources[pointer] = CellSource("derived")
                self.findings.append(
                    Finding("EXTRACT-DERIVED", "warning", pointer, cell_name(self.cls, list(tokens)), value)
                )
            put_in(self.doc, tokens, value)

    def table_value(self, ws: Any, row: int, placed: Placed) -> Any:
        assert placed.cell.path is not None
        cell = ws.cell(row, placed.column)
        pointer = placed.cell.path
        where = f"{ws.title}!{cell.coordinate}"
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return self.blank(pointer, "", where, cell)
        self.sources[pointer] = CellSource("cell", sheet=ws.title, address=cell.coordinate)
        tokens = tuple("*" if t.isdigit() else t for t in split_pointer(pointer))
        if leaf_of(self.edition)[tokens].kind == "money":
            return self.money(value, cell, pointer, where)
        return self.whole(value, cell, pointer, where)


_CODES = {label: code for code, label in CHOICE_LABELS.items()}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _sheet(book: Any, name: str, looks_right: Any) -> Any:
    if name in book.sheetnames:
        return book[name]
    return next((ws for ws in book.worksheets if looks_right(ws)), None)


def _objects(cls: type, doc: dict[str, Any]) -> None:
    # The objects a report always has, even when nothing in them was written.
    for f in describe(cls).fields:
        if f.kind == "object" and f.required and f.cls is not None:
            _objects(f.cls, doc.setdefault(f.name, {}))


def _row_key(sheet: TableSheet, row: int) -> tuple[str, str] | None:
    """How a layout row is recognised: ``("label", …)`` for a row of values by its innermost
    label, ``("header", …)`` for a header row by all its text, ``None`` for a row of values
    without a label (table 四)."""
    cells = [p for p in sheet.cells if p.row == row]
    slots = [p for p in cells if p.cell.path is not None]
    if slots:
        first = min(p.column for p in slots)
        labels = [p for p in cells if p.cell.path is None and p.column < first]
        return ("label", norm(labels[-1].cell.text)) if labels else None
    return ("header", "".join(norm(p.cell.text) for p in cells))


def _sheet_key(ws: Any, row: int, sheet: TableSheet, first_value: int) -> tuple[str, str]:
    texts = [_text(value_at(ws, row, c)) for c in range(1, sheet.width + 1)]
    labels = [t for t in texts[: first_value - 1] if t and read_number(t).status == "unreadable"]
    return norm(labels[-1]) if labels else "", "".join(norm(t) for t in texts if t)


def _align(ws: Any, sheet: TableSheet) -> dict[int, int]:
    """Layout row → sheet row, matched in order by the rows' labels (inserted rows skipped)."""
    layout_rows = sorted({p.row for p in sheet.cells})
    first_value = min(p.column for p in sheet.slots())
    filled = filled_rows(ws)
    # Rows past the last that holds a value can matter only as the guessed place of a layout
    # row left empty, at most as many as there are layout rows: a far cell (XFD1048576, a
    # million rows of nothing) is not walked.
    last = min(ws.max_row, (filled[-1] if filled else 0) + len(layout_rows))
    empty = ("", "")
    keys = dict.fromkeys(range(1, last + 1), empty)
    keys.update((r, _sheet_key(ws, r, sheet, first_value)) for r in filled if r <= last)
    out: dict[int, int] = {}
    used: set[int] = set()
    cursor = 1
    previous: tuple[int, int] | None = None
    for layout_row in layout_rows:
        key = _row_key(sheet, layout_row)
        found: int | None = None
        if key is None:
            # A row of values without a label: the next row after the last one found that holds
            # something in the table's columns.
            columns = [p.column for p in sheet.slots() if p.row == layout_row]
            found = next(
                (
                    r
                    for r in range(cursor, last + 1)
                    if r not in used and any(value_at(ws, r, c) is not None for c in columns)
                ),
                None,
            )
        else:
            kind, text = key
            index = 0 if kind == "label" else 1
            found = next(
                (r for r in range(cursor, last + 1) if r not in used and keys[r][index] == text), None
            )
            if found is None:
                found = next(
                    (r for r in range(1, last + 1) if r not in used and keys[r][index] == text), None
                )
        if found is None and previous is not None:
            # Not recognised (a row of values left empty): where it stands below the last
            # row found.
            guess = previous[1] + layout_row - previous[0]
            found = guess if guess <= last and guess not in used and key is None else None
        if found is not None:
            out[layout_row] = found
            used.add(found)
            cursor = found + 1
            previous = (layout_row, found)
    return out


def _unmatched_rows(sheet: TableSheet, rows: dict[int, int]) -> list[str]:
    out = []
    for placed in sheet.slots():
        if placed.row not in rows and placed.cell.path is not None:
            row_path = placed.cell.path.rsplit("/", 1)[0]
            if row_path not in out:
                out.append(row_path)
    return out


def read_workbook(data: bytes) -> tuple[dict[str, Any] | None, Reading | None, list[Finding]]:
    """The document read from workbook bytes, the reading's state, and, when the bytes are no
    workbook, the finding that says so."""
    require("openpyxl")  # MissingExtra, before the reading turns any error into a finding
    try:
        book = load(data, values=True)
    except Exception as error:  # noqa: BLE001 - openpyxl and its XML parsers raise many kinds for a broken file
        english, chinese, words = cause_of(error)
        return (
            None,
            None,
            [
                Finding(
                    "EXTRACT-FORM",
                    "error",
                    "",
                    params={
                        "reason": f"not a readable workbook ({english})",
                        "reason_zh": f"不是可读取的工作簿（{chinese}）",
                        "cause": words,
                    },
                )
            ],
        )
    reading = Reading(book, data)
    reading.info()
    reading.tables()
    return _lists(reading.doc), reading, []


def _lists(value: Any) -> Any:
    # Items of a list were written one per row (/overview/extra/0/title): back into a list.
    if isinstance(value, dict):
        if value and all(isinstance(k, str) and k.isdigit() for k in value):
            return [_lists(value[k]) for k in sorted(value, key=int)]
        return {k: _lists(v) for k, v in value.items()}
    return value
