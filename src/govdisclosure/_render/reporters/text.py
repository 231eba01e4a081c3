"""The ``text`` format: for a person at a terminal, in Chinese or English."""

from __future__ import annotations

from typing import TextIO

from ..._findings.finding import Finding
from . import Item, Tally

__all__ = ["Reporter", "text_item"]


_SEVERITY = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def _numbers(f: Finding, lang: str) -> str:
    if f.expected is None or f.actual is None:
        return ""
    if lang == "zh":
        return f"应为 {f.expected}，实际 {f.actual}"
    return f"expected {f.expected}, actual {f.actual}"


def _message(f: Finding, lang: str) -> str:
    return f.message if lang == "zh" else f.message_en


def text_item(item: Item, lang: str = "zh") -> str:
    """One item for a terminal: pointer, Chinese cell name, message, expected vs actual."""
    if not item.read:
        return "".join(f"{item.name}: [{f.code}] {_message(f, lang)}\n" for f in item.findings)
    if lang == "zh":
        status = "通过" if item.ok else "未通过"
        lines = [f"{item.name}: {status}（{item.errors} 个错误，{item.warnings} 个警告）"]
    else:
        status = "ok" if item.ok else "invalid"
        lines = [f"{item.name}: {status} ({item.errors} errors, {item.warnings} warnings)"]
    for f in item.findings:
        head = f"  {_SEVERITY[lang][f.severity]} {f.code} {f.path or '/'}"
        if f.label:
            head += f"  {f.label}"
        lines.append(head)
        lines.append("      " + _message(f, lang))
        numbers = _numbers(f, lang)
        if numbers:
            lines.append("      " + numbers)
    return "\n".join(lines) + "\n"


class Reporter:
    """Each item as :func:`text_item`; a summary line when there was more than one."""

    def __init__(self, out: TextIO, lang: str, quiet: bool = False) -> None:
        # quiet: files that passed with no warning are not listed.
        self.out, self.lang, self.quiet = out, lang, quiet

    def item(self, item: Item) -> None:
        if self.quiet and item.ok and not item.warnings:
            return
        self.out.write(text_item(item, self.lang))

    def close(self, tally: Tally) -> None:
        if tally.files > 1:
            self.out.write(tally.summary(self.lang))
        if tally.files > 1 or self.quiet:
            self.out.write(tally.by_code(self.lang))
