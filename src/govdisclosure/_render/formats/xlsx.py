"""The ``xlsx`` format: an Excel workbook in the official layout (the ``xlsx`` extra)."""

from __future__ import annotations

from collections.abc import Sequence

from ..._codec.convert import Report
from ..._findings.finding import Finding
from ..._rules.engine import run_rules

__all__ = ["render"]


def render(report: Report, findings: Sequence[Finding] | None = None) -> bytes:
    """The workbook's bytes; ``findings`` default to the content rules' findings."""
    from ..._workbook.write import workbook_bytes

    return workbook_bytes(report, run_rules(report) if findings is None else findings)
