"""Turning validation results into text for a person or JSON for a program.

Results are computed elsewhere; adding an output format touches no checking code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ._batch import FileResult
from ._findings import Finding

__all__ = ["Tally", "json_item", "text_item"]


_SEVERITY = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def _numbers(f: Finding, lang: str) -> str:
    if f.expected is None or f.actual is None:
        return ""
    if lang == "zh":
        return f"应为 {f.expected}，实际 {f.actual}"
    return f"expected {f.expected}, actual {f.actual}"


def text_item(item: FileResult, lang: str = "zh") -> str:
    """One file's findings for a terminal: pointer, Chinese cell name, message, expected vs actual."""
    if item.result is None:
        f = item.finding
        assert f is not None
        return f"{item.file}: [{f.code}] {f.message if lang == 'zh' else f.message_en}\n"
    errors, warnings = len(item.result.errors), len(item.result.warnings)
    if lang == "zh":
        status = "通过" if item.ok else "未通过"
        lines = [f"{item.file}: {status}（{errors} 个错误，{warnings} 个警告）"]
    else:
        status = "ok" if item.ok else "invalid"
        lines = [f"{item.file}: {status} ({errors} errors, {warnings} warnings)"]
    for f in item.result.findings:
        head = f"  {_SEVERITY[lang][f.severity]} {f.code} {f.path or '/'}"
        if f.label:
            head += f"  {f.label}"
        lines.append(head)
        lines.append("      " + (f.message if lang == "zh" else f.message_en))
        numbers = _numbers(f, lang)
        if numbers:
            lines.append("      " + numbers)
    return "\n".join(lines) + "\n"


@attrs.define
class Tally:
    """Running counts for the summary line."""

    files: int = 0
    valid: int = 0
    with_errors: int = 0
    with_warnings: int = 0
    unreadable: int = 0

    def add(self, item: FileResult) -> None:
        self.files += 1
        if item.result is None:
            self.unreadable += 1
            return
        if item.ok:
            self.valid += 1
        else:
            self.with_errors += 1
        if item.result.warnings:
            self.with_warnings += 1

    def summary(self, lang: str = "zh") -> str:
        """``files, valid, with errors, with warnings`` (and unreadable, if any) as one line."""
        if lang == "zh":
            line = (
                f"共 {self.files} 个文件：{self.valid} 个通过，{self.with_errors} 个有错误，"
                f"{self.with_warnings} 个有警告"
            )
            return line + (f"，{self.unreadable} 个无法读取" if self.unreadable else "") + "\n"
        line = (
            f"{self.files} files: {self.valid} valid, {self.with_errors} with errors, "
            f"{self.with_warnings} with warnings"
        )
        return line + (f", {self.unreadable} unreadable" if self.unreadable else "") + "\n"


def json_item(item: FileResult) -> dict[str, Any]:
    """One file as ``{file, ok, findings: [...]}`` (and ``error`` when it could not be read)."""
    entry: dict[str, Any] = {"file": item.file, "ok": item.ok}
    if item.result is None:
        assert item.finding is not None
        entry["error"] = item.unreadable
        entry["findings"] = [_jsonable(item.finding.to_dict())]
    else:
        entry["findings"] = [_jsonable(f.to_dict()) for f in item.result.findings]
    return entry


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    # Dates and other non-JSON values in expected/actual become strings; Decimal stays exact.
    return {k: v if v is None or isinstance(v, (str, int, Decimal)) else str(v) for k, v in d.items()}
