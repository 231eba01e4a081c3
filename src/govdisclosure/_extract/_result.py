"""What :func:`govdisclosure.extract` returns: the report, its findings and where each value came from."""

from __future__ import annotations

from typing import Literal

import attrs

from .._convert import Report
from .._findings import Finding

__all__ = ["CellSource", "ExtractionResult", "Format"]

Format = Literal["text", "markdown", "html"]


@attrs.frozen
class CellSource:
    """Where a value came from: ``kind`` is ``"cell"`` (read at ``line``/``column`` of the
    input, 1-based), ``"blank"`` (a blank, "/" or "——" cell, recorded as 0), ``"derived"``
    (pinned down by the table arithmetic), ``"unreadable"`` (recorded as 0) or ``"missing"``
    (no such row or cell in the source, recorded as 0)."""

    kind: Literal["cell", "blank", "derived", "unreadable", "missing"]
    line: int | None = None
    column: int | None = None


@attrs.frozen
class ExtractionResult:
    """The outcome of :func:`extract`.

    ``report`` is the report read (``None`` when even its organ and year could not be found),
    ``findings`` every problem of the reading (codes ``EXTRACT-*``) and of the content rules
    of the report read (as :func:`govdisclosure.validate` reports them), ``sources`` the
    :class:`CellSource` of every number, by JSON Pointer; ``format`` and ``edition`` what was
    detected.
    """

    report: Report | None
    findings: tuple[Finding, ...]
    sources: dict[str, CellSource]
    format: Format
    edition: str | None
