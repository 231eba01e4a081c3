"""What one reading of a document has found so far, shared by the assembler and the table
readers."""

from __future__ import annotations

from typing import Any, Literal

from .._findings.finding import Finding
from .._model.cells import cell_name
from .._model.pointers import split_pointer
from .result import CellSource

__all__ = ["Record"]


class Record:
    """What one reading has found so far: its findings, where each cell came from, and the
    edition (with its report class) once it is known. The assembler and the table readers
    share one."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.sources: dict[str, CellSource] = {}
        self.cls: type | None = None
        self.edition: str | None = None

    def finding(self, code: str, severity: Literal["error", "warning"], path: str, **params: Any) -> None:
        """Record a finding at ``path``, named by its cell; ``expected``/``actual`` among
        ``params`` become the finding's own fields."""
        label = cell_name(self.cls, split_pointer(path)) if self.cls is not None and path else ""
        expected, actual = params.pop("expected", None), params.pop("actual", None)
        self.findings.append(Finding(code, severity, path, label, expected, actual, params))
