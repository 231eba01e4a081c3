"""A workbook (a rendered report or a filled template) as a source of :func:`extract`."""

from __future__ import annotations

from .._xlsx._read import read_workbook
from ._result import ExtractionResult

__all__ = ["read"]


def read(data: bytes) -> ExtractionResult:
    from . import finish

    document, reading, refused = read_workbook(data)
    if document is None or reading is None:
        return ExtractionResult(None, tuple(refused), {}, "xlsx", None)
    return finish(document, reading.findings, reading.sources, "xlsx", reading.edition, reading.cls)
