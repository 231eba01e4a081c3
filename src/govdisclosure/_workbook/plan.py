"""Where every value of a report stands in the workbook: one plan, read by the writer and the
reader, derived from the official layout (:mod:`govdisclosure._layout.grid`) and the model.

Sheets ``表二``, ``表三`` and ``表四`` hold the tables as the template lays them out, each with a
title row above and a check column to the right; ``报告信息`` holds every other value of the
report, one per row, with its JSON Pointer beside it; ``问题清单`` lists the findings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs

from .._layout.grid import TABLES, Placed, place
from .._model.describe import FieldDesc, describe
from .._model.editions import BY_CODE
from .._model.pointers import escape, split_pointer
from .._model.template import CHOICE_LABELS

__all__ = [
    "FINDINGS_SHEET",
    "INFO_HEADER",
    "INFO_SHEET",
    "LIST",
    "OBJECT",
    "OLD_INFO_HEADER",
    "PRESENT",
    "Placed",
    "TableSheet",
    "blank",
    "column_letter",
    "defined_name",
    "hint",
    "info_rows",
    "leaf_of",
    "place",
    "table_sheets",
]

#: The sheet of metadata and narrative, and its header row: the item, its value, its JSON
#: Pointer, how the value is stored (``格式``: an object or list that is there, text written as
#: JSON) and how to write it (``写法``: for the person filling it in). Text too long for one
#: cell goes on in the cells after these.
INFO_SHEET = "报告信息"
INFO_HEADER = ("项目", "内容", "JSON 路径", "格式", "写法")
#: Workbooks written before the 写法 column: the stored form was headed 写法, and text went on
#: in the fifth column.
OLD_INFO_HEADER = ("项目", "内容", "JSON 路径", "写法")
#: The sheet that lists the findings of a rendered report.
FINDINGS_SHEET = "问题清单"

#: The value of the row that says an optional object is there, and its 写法.
PRESENT = object()
OBJECT = "OBJECT"
LIST = "LIST"

#: The first row of a table's grid (row 1 holds the table's title).
FIRST_ROW = 2


@attrs.frozen
class TableSheet:
    """One table as a sheet: its name (``表三``), title, the section it shows and its cells."""

    name: str
    title: str
    section: str
    cells: tuple[Placed, ...]
    width: int
    header_rows: int

    @property
    def last_row(self) -> int:
        return max(p.row + p.cell.rowspan - 1 for p in self.cells)

    @property
    def check_column(self) -> int:
        """The column of the row checks, right of the table."""
        return self.width + 1

    def slots(self) -> Iterator[Placed]:
        """The cells that hold a value, in layout order."""
        return (p for p in self.cells if p.cell.path is not None)


def column_letter(column: int) -> str:
    """``1`` → ``A``, ``27`` → ``AA``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_TABLE_SHEETS = (
    ("table2", "表二", "active_disclosure"),
    ("table3", "表三", "applications"),
    ("table4", "表四", "review_and_litigation"),
)


def table_sheets(report: Any) -> tuple[TableSheet, ...]:
    """The three table sheets of ``report`` (a report of either edition)."""
    out = []
    cls: type = type(report)
    for block, name, section in _TABLE_SHEETS:
        f = describe(cls).by_name[section]
        grid = TABLES[block](getattr(report, section))
        cells = place(grid, FIRST_ROW)
        width = max(p.column + p.cell.colspan - 1 for p in cells)
        header_rows = next((i for i, row in enumerate(grid) if any(c.path for c in row)), len(grid))
        out.append(
            TableSheet(name, f"{f.info.position}、{f.info.label}", section, tuple(cells), width, header_rows)
        )
    return tuple(out)


# --- the info sheet --------------------------------------------------------------------------


def info_rows(
    report: Any, table_paths: frozenset[str], *, empty: bool = False
) -> Iterator[tuple[str, str, FieldDesc, Any]]:
    """(pointer, label, field, value) of every value the table sheets do not show, in the
    model's order, absent ones (``None``) included; lists are written item by item
    (``/overview/extra/0/title``). ``empty``: every value ``None`` (a template)."""
    cls: type = type(report)
    yield from _info(cls, None if empty else report, "", (), table_paths)


def _info(
    cls: type, obj: Any, prefix: str, parents: tuple[str, ...], skip: frozenset[str]
) -> Iterator[tuple[str, str, FieldDesc, Any]]:
    for f in describe(cls).fields:
        path = f"{prefix}/{escape(f.name)}"
        value = None if obj is None else getattr(obj, f.name)
        if path in skip:
            continue
        if f.kind == "object" and f.cls is not None:
            if value is not None and not f.required:
                # An optional object that is there, even with nothing in it ({"contact": {}}).
                yield path, "·".join((*parents, f.info.label)), f, PRESENT
            yield from _info(f.cls, value, path, (*parents, f.info.label), skip)
        elif f.kind == "sections" and f.cls is not None:
            if value is not None and not value and not f.required:
                yield path, "·".join((*parents, f.info.label)), f, PRESENT  # an empty list
            for index, item in enumerate(value or ()):
                yield from _info(
                    f.cls, item, f"{path}/{index}", (*parents, f"{f.info.label}{index + 1}"), skip
                )
        else:
            if obj is None and f.name == "format_version":
                value = f.choices[0]  # a template is of one edition
            yield path, "·".join((*parents, f.info.label)), f, value


_HINTS = {
    "year": "四位数字的年份，如 2024 / a year of four digits",
    "date": "日期，如 2025-01-20 / a date",
    "name": "机关全称，与报告标题一致 / the organ's full name, as in the title",
    "text": "文字，可分段 / text; paragraphs allowed",
}


def hint(f: FieldDesc) -> str:
    """How to fill in a value of the info sheet, in Chinese, then English."""
    if f.kind == "choice":
        shown = "、".join(CHOICE_LABELS.get(c, c) for c in f.choices)
        return f"从列表中选择：{shown} / choose from the list"
    if f.kind in ("count", "signed"):
        return f"整数，单位：{f.info.unit or '件'} / a whole number"
    if f.kind == "money":
        return f"金额，单位：{f.info.unit}，可有小数 / an amount, decimals allowed"
    if f.kind in ("object", "sections"):
        return "有此项时保留本行 / keep this row when the item is there"
    return _HINTS.get(f.kind, "")


def defined_name(path: str) -> str:
    """The workbook name of the cell of ``path``: ``gd.applications.new_received.total``."""
    return "gd." + ".".join(split_pointer(path)) if path else "gd"


@functools.cache
def leaf_of(edition: str) -> dict[tuple[str, ...], FieldDesc]:
    """Every leaf of an edition by its key path, list items written with ``*``."""
    out: dict[tuple[str, ...], FieldDesc] = {}

    def walk(cls: type, prefix: tuple[str, ...]) -> None:
        for f in describe(cls).fields:
            if f.kind == "object" and f.cls is not None:
                walk(f.cls, (*prefix, f.name))
            elif f.kind == "sections" and f.cls is not None:
                walk(f.cls, (*prefix, f.name, "*"))
            else:
                key = (*prefix, f.name)
                out[key] = f

    walk(BY_CODE[edition].cls, ())
    return out


def blank(cls: type, year: int) -> Any:
    """An object of ``cls`` with zeros, empty strings and the first choice in its required
    fields: the layout of an empty template."""
    values: dict[str, Any] = {}
    for f in describe(cls).fields:
        if not f.required:
            continue
        if f.kind == "object" and f.cls is not None:
            values[f.name] = blank(f.cls, year)
        elif f.kind == "sections":
            values[f.name] = []
        elif f.kind in ("count", "signed"):
            values[f.name] = 0
        elif f.kind == "money":
            values[f.name] = Decimal(0)
        elif f.kind == "year":
            values[f.name] = year
        elif f.kind == "choice":
            values[f.name] = f.choices[0]
        else:
            values[f.name] = ""
    return cls(**values)
