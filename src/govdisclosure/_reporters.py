"""Turning validation results into text for a person or JSON for a program.

Results are computed elsewhere; adding an output format touches no checking code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ._findings import Finding
from ._json import emit
from ._validate import ValidationResult

__all__ = ["FileResult", "json_report", "text_report"]


@attrs.frozen
class FileResult:
    """The result of validating one file, or why the file could not be read."""

    file: str
    result: ValidationResult | None = None
    unreadable: str | None = None

    @property
    def ok(self) -> bool:
        """True when the file was read and has no error."""
        return self.result is not None and self.result.ok


_SEVERITY = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def _numbers(f: Finding, lang: str) -> str:
    if f.expected is None and f.actual is None:
        return ""
    if lang == "zh":
        return f"应为 {f.expected}，实际 {f.actual}"
    return f"expected {f.expected}, actual {f.actual}"


def text_report(results: Sequence[FileResult], lang: str = "zh") -> str:
    """A report for a terminal: per file its findings (pointer, cell, expected vs actual)."""
    lines: list[str] = []
    for item in results:
        if item.result is None:
            what = "无法读取" if lang == "zh" else "cannot read"
            lines.append(f"{item.file}: {what}: {item.unreadable}")
            continue
        errors, warnings = len(item.result.errors), len(item.result.warnings)
        if lang == "zh":
            status = "通过" if item.ok else "未通过"
            lines.append(f"{item.file}: {status}（{errors} 个错误，{warnings} 个警告）")
        else:
            status = "ok" if item.ok else "invalid"
            lines.append(f"{item.file}: {status} ({errors} errors, {warnings} warnings)")
        for f in item.result.findings:
            severity = _SEVERITY[lang][f.severity]
            head = f"  {severity} {f.code} {f.path or '/'}"
            if f.label:
                head += f"  {f.label}"
            lines.append(head)
            lines.append("      " + (f.message if lang == "zh" else f.message_en))
            numbers = _numbers(f, lang)
            if numbers:
                lines.append("      " + numbers)
    if len(results) > 1:
        valid = sum(1 for r in results if r.ok)
        with_warnings = sum(1 for r in results if r.result is not None and r.result.warnings)
        if lang == "zh":
            lines.append(
                f"共 {len(results)} 个文件：{valid} 个通过，{len(results) - valid} 个有错误或无法读取，"
                f"{with_warnings} 个有警告"
            )
        else:
            lines.append(
                f"{len(results)} files: {valid} valid, {len(results) - valid} with errors or unreadable, "
                f"{with_warnings} with warnings"
            )
    return "\n".join(lines) + "\n"


def json_report(results: Sequence[FileResult]) -> str:
    """A JSON list of ``{file, ok, findings: [...]}`` (and ``error`` for unreadable files)."""
    payload: list[dict[str, Any]] = []
    for item in results:
        entry: dict[str, Any] = {"file": item.file, "ok": item.ok}
        if item.result is None:
            entry["error"] = item.unreadable
            entry["findings"] = []
        else:
            entry["findings"] = [_jsonable(f.to_dict()) for f in item.result.findings]
        payload.append(entry)
    return emit(payload) + "\n"


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (v if v is None or isinstance(v, (str, int)) or type(v).__name__ == "Decimal" else str(v))
        for k, v in d.items()
    }
