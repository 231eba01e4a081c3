"""A dataset as a workbook: one sheet 数据, a header row and a row per report (``table --format
xlsx``). For reading and analysis, not read back: text a cell cannot hold shows escapes."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .._ground.extras import require
from .cells import cell_text

__all__ = ["dataset_bytes"]


def dataset_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The workbook of ``rows`` under ``headers``, written as the rows come (write-only: memory
    stays flat). Money is written as its exact digits in a text cell; a string as text, even
    one that begins with ``=`` (which would otherwise become a live formula); the characters a
    cell cannot hold as :func:`cell_text` escapes. :class:`MissingExtra` without openpyxl."""
    openpyxl = require("openpyxl")
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("数据")

    def cell(value: Any) -> Any:
        if isinstance(value, Decimal):
            value = str(value)
        elif not isinstance(value, str):
            return value
        text = WriteOnlyCell(sheet, value=cell_text(value))
        text.data_type = "s"  # a string, never a formula
        return text

    sheet.append([cell(h) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
