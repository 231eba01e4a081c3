"""The ``text`` format: for a person at a terminal, in Chinese or English."""

from __future__ import annotations

from typing import TextIO

from ..._findings.finding import Finding
from . import Item, Tally

__all__ = ["Reporter", "groups", "plural", "text_item"]


_SEVERITY = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}


def _message(f: Finding, lang: str) -> str:
    return f.message if lang == "zh" else f.message_en


def _place(f: Finding) -> str:
    return (f.path or "/") + (f"  {f.label}" if f.label else "")


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 error``, ``2 errors``: a count with its English noun."""
    return f"{count} {one if count == 1 else many or one + 's'}"


def groups(findings: tuple[Finding, ...] | list[Finding]) -> list[list[Finding]]:
    """The findings grouped by code, the groups in the order their codes first occur."""
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    return list(by_code.values())


def text_item(item: Item, lang: str = "zh") -> str:
    """One item for a terminal: a line for the file, then its findings grouped by code: a
    line for each code (with how many places, when more than one), and a line for each place
    with its pointer, its Chinese cell name (a workbook's sheet and cell where the report came
    from one) and the message, which carries the values."""
    if not item.read:
        return "".join(f"{item.name}: [{f.code}] {_message(f, lang)}\n" for f in item.findings)
    if lang == "zh":
        status = "通过" if item.ok else "未通过"
        lines = [f"{item.name}: {status}（{item.errors} 个错误，{item.warnings} 个警告）"]
    else:
        status = "ok" if item.ok else "invalid"
        lines = [
            f"{item.name}: {status} ({plural(item.errors, 'error')}, {plural(item.warnings, 'warning')})"
        ]
    for group in groups(item.findings):
        first = group[0]
        head = f"  {_SEVERITY[lang][first.severity]} {first.code}"
        if len(group) == 1:
            # One place: the code and the place on one line, the message under it.
            lines.append(f"{head} {_place(first)}")
            lines.append("      " + _message(first, lang))
            continue
        lines.append(head + (f"（{len(group)} 处）" if lang == "zh" else f" ({len(group)} places)"))
        colon = "：" if lang == "zh" else ": "
        # The message names the cell: the place is its pointer alone.
        lines.extend(f"      {f.path or '/'}{colon}{_message(f, lang)}" for f in group)
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
