"""A workbook (a rendered report or a filled template) as a source of :func:`extract`."""

from __future__ import annotations

from .finish import finish
from .result import ExtractionResult
from .workbook import read_workbook

__all__ = ["read"]


def read(data: bytes) -> ExtractionResult:
    document, reading, refused = read_workbook(data)
    if document is None or reading is None:
        return ExtractionResult(None, tuple(refused), {}, "xlsx", None)
    return finish(document, reading.findings, reading.sources, "xlsx", reading.edition, reading.cls)
