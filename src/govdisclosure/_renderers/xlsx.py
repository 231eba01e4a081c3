"""The ``xlsx`` format: an Excel workbook in the official layout (the ``xlsx`` extra)."""

from __future__ import annotations

from collections.abc import Sequence

from .._convert import Report
from .._findings import Finding
from .._rules import run_rules

__all__ = ["DESCRIPTION", "EXTRA", "render"]

#: One line for ``--help`` and the docs.
DESCRIPTION = "Excel workbook: 表二, 表三 and 表四 with merged headers and row checks, 报告信息, 问题清单"
#: The extra that installs what the format needs.
EXTRA = "xlsx"


def render(report: Report, findings: Sequence[Finding] | None = None) -> bytes:
    """The workbook's bytes; ``findings`` default to the content rules' findings."""
    from .._xlsx import workbook_bytes

    return workbook_bytes(report, run_rules(report) if findings is None else findings)
