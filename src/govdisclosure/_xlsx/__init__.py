"""The official tables as an Excel workbook, both ways (the ``xlsx`` extra, openpyxl)."""

from __future__ import annotations

from ._write import template_bytes, workbook_bytes

__all__ = ["template_bytes", "workbook_bytes"]
