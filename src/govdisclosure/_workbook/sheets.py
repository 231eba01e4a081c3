"""Reading a workbook's sheets without making cells: openpyxl's ``ws.cell()`` makes every cell
it is asked for, so the reader asks only for the cells a sheet holds."""

from __future__ import annotations

import io
import warnings
from typing import Any

from .._ground.extras import require

__all__ = ["filled_rows", "formulas", "load", "value_at"]


def load(data: bytes, *, values: bool) -> Any:
    # The workbook with the values its cells last showed (values=True) or with its formulas.
    openpyxl = require("openpyxl")
    # openpyxl warns of what it drops from an odd file (defined names, extensions); what the
    # reading misses is reported as findings.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(io.BytesIO(data), data_only=values)


def formulas(data: bytes) -> dict[tuple[str, str], str]:
    # Every formula of the workbook by (sheet, cell), from the cells it holds (a walk of rows
    # and columns would make every empty cell up to the farthest one).
    book = load(data, values=False)
    return {
        (ws.title, cell.coordinate): cell.value
        for ws in book.worksheets
        for cell in ws._cells.values()
        if cell.data_type == "f" and isinstance(cell.value, str)
    }


def value_at(ws: Any, row: int, column: int) -> Any:
    """The value of a cell, ``None`` for one the sheet does not hold. openpyxl's ``ws.cell()``
    makes each cell it is asked for: asked for every cell up to a far one, it made 15 million
    (88 s for a 20 KB workbook with one value in A1048576)."""
    cell = ws._cells.get((row, column))
    return None if cell is None else cell.value


def filled_rows(ws: Any) -> list[int]:
    """The rows of a sheet that hold a value, in order."""
    return sorted({row for (row, _), cell in ws._cells.items() if cell.value is not None})
