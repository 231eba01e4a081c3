"""A workbook (a rendered report or a filled template) as a source of :func:`extract`."""

from __future__ import annotations

from .result import Assembled, ExtractionResult
from .workbook import read_workbook

__all__ = ["read"]


def read(data: bytes) -> Assembled | ExtractionResult:
    """The workbook's document, read cell by cell from its sheets, or a refusal."""
    document, reading, refused = read_workbook(data)
    if document is None or reading is None:
        return ExtractionResult(None, tuple(refused), {}, "xlsx", None)
    return Assembled(document, reading.findings, reading.sources, reading.edition, reading.cls)
