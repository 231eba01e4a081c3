"""Findings: what is wrong with a document, as data. Sentences are made from them last."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from ._limits import MAX_FINDINGS

__all__ = [
    "EXTRACT_CODES",
    "MESSAGES",
    "STRUCTURAL_CODES",
    "Finding",
    "ReportError",
    "Severity",
    "cap",
    "limit_finding",
    "missing_slots",
]

Severity = Literal["error", "warning"]

Value = int | Decimal | str | None

_TYPE_ZH = {
    "object": "对象",
    "array": "数组",
    "string": "字符串",
    "integer": "整数",
    "number": "数值",
    "boolean": "布尔值",
    "null": "null",
}

#: Message templates by code: (Chinese, English). Fields of the finding and of its
#: ``params`` fill the ``{}`` slots; ``{where}`` is the Chinese cell name, or the pointer
#: when the path names no field of the model.
MESSAGES: dict[str, tuple[str, str]] = {
    # stage 1: reading the bytes
    "JSON-TOO-LARGE": (
        "文档大小为 {actual} 字节，超过上限 {expected} 字节",
        "document is {actual} bytes, over the limit of {expected} bytes",
    ),
    "JSON-ENCODING": (
        "文档不是有效的 UTF-8 编码（第 {offset} 字节：{reason}）",
        "document is not valid UTF-8 (byte {offset}: {reason})",
    ),
    "JSON-SYNTAX": (
        "JSON 语法错误（第 {line} 行第 {column} 列）：{reason}",
        "invalid JSON at line {line}, column {column}: {reason}",
    ),
    "JSON-TOO-DEEP": (
        "JSON 嵌套层数过深，无法读取（第 {line} 行第 {column} 列附近）",
        "JSON is nested too deeply to read (near line {line}, column {column})",
    ),
    "JSON-NUMBER-TOO-LONG": (
        "第 {line} 行第 {column} 列的数字有 {actual} 位，超过可读取的上限 {expected} 位",
        "the number at line {line}, column {column} has {actual} digits, over the limit of {expected}",
    ),
    "JSON-NONFINITE": (
        "{where}：{actual} 不是 JSON 数值",
        "{path}: {actual} is not a JSON number",
    ),
    "JSON-DUPLICATE-KEY": (
        "{where}：键“{key}”在同一对象中重复出现",
        "{path}: key {key!r} appears more than once in one object",
    ),
    # stage 2: structure
    "STRUCT-EDITION": (
        "格式版本 format_version 缺失或未知（{actual}），应为 {expected} 之一",
        "format_version is missing or unknown ({actual}); allowed: {expected}",
    ),
    "STRUCT-TYPE": (
        "{where}应为{expected_zh}，实际为{actual_zh}",
        "{path}: expected {expected}, got {actual}",
    ),
    "STRUCT-NOT-INTEGER": (
        "{where}应为整数，实际为 {actual}",
        "{path}: expected a whole number, got {actual}",
    ),
    "STRUCT-NEGATIVE": (
        "{where}不能为负数，实际为 {actual}",
        "{path}: must not be negative, got {actual}",
    ),
    "STRUCT-RANGE": (
        "{where}应在 {minimum} 至 {maximum} 之间，实际为 {actual}",
        "{path}: must be between {minimum} and {maximum}, got {actual}",
    ),
    "STRUCT-CHOICE": (
        "{where}应为 {expected} 之一，实际为 {actual}",
        "{path}: must be one of {expected}, got {actual}",
    ),
    "STRUCT-DATE": (
        "{where}应为 YYYY-MM-DD 格式的有效日期，实际为 {actual}",
        "{path}: expected a real date written YYYY-MM-DD, got {actual}",
    ),
    "STRUCT-EMPTY": ("{where}不能为空", "{path}: must not be empty"),
    "STRUCT-MISSING": ("缺少必填项：{where}（{path}）", "{path}: required key is missing"),
    "STRUCT-UNKNOWN-KEY": ("未知的键“{key}”（{path}）", "{path}: unknown key {key!r}"),
    # importing published reports (extract)
    "EXTRACT-NO-TITLE": (
        "未找到报告标题（“……年政府信息公开工作年度报告”），无法确定机关和年度",
        'no report title ("…年政府信息公开工作年度报告") found: organ and year unknown',
    ),
    "EXTRACT-EDITION": (
        "未能从表格判断格式版本，按报告年度采用 {actual} 年版",
        "the tables do not show the edition; the {actual} edition was assumed from the year",
    ),
    "EXTRACT-NO-SECTION": ("未找到{where}部分", "{path}: section not found"),
    "EXTRACT-NO-ROW": (
        "表格中未找到{where}这一行，其各单元格记为 0",
        "{path}: row not found; its cells are recorded as 0",
    ),
    "EXTRACT-MISSING": (
        "{where}缺失，且无法由表格勾稽关系唯一确定，记为 0",
        "{path}: missing and not pinned down by the table arithmetic; recorded as 0",
    ),
    "EXTRACT-UNREADABLE": (
        "{where}无法识别（第 {line} 行第 {column} 列：“{actual}”），记为 0",
        "{path}: unreadable cell at line {line}, column {column} ({actual!r}); recorded as 0",
    ),
    "EXTRACT-BLANK": (
        "{where}为空或为“{actual}”（第 {line} 行第 {column} 列），记为 0",
        "{path}: blank or {actual!r} at line {line}, column {column}; recorded as 0",
    ),
    "EXTRACT-NOTE": (
        "{where}单元格含注释“{actual}”，取其数字",
        "{path}: the cell holds a note ({actual!r}); its number is used",
    ),
    "EXTRACT-UNIT": (
        "{where}以“{actual}”填报，已换算为 {expected} 万元",
        "{path}: given as {actual!r}, converted to {expected} (10,000 yuan)",
    ),
    "EXTRACT-UNIT-ASSUMED": (
        "{where}：原文未注明采购总金额的单位（元或万元），按万元记录",
        "{path}: the source does not say whether the amount is in 元 or 万元; 万元 was assumed",
    ),
    "EXTRACT-DERIVED": (
        "{where}在原文中缺失，由表格勾稽关系推出为 {expected}",
        "{path}: missing in the source, derived from the table arithmetic as {expected}",
    ),
    "EXTRACT-EXTRA-CELLS": (
        "{where}有 {actual} 个数值单元格，多于 {expected} 列，多余部分未采用",
        "{path}: {actual} value cells for {expected} columns; the extra cells were not used",
    ),
    "EXTRACT-SHORT-ROW": (
        "{where}只有 {actual} 个数值，少于 {expected} 列：按从左到右读取，其余单元格见各自的发现",
        "{path}: {actual} values for {expected} columns, read from the left; the other cells have findings of their own",
    ),
    "EXTRACT-ALIGNMENT": (
        "{where}有 {actual} 个单元格，多于 {expected} 列，两端都有空白单元格：按前端空白为版式读取，请核对",
        "{path}: {actual} cells for {expected} columns with empty cells at both ends; the leading ones were taken for layout: check",
    ),
    "EXTRACT-TOO-LARGE": (
        "文档大小为 {actual}，超过可读取的上限 {expected}",
        "the document is {actual} long, over the limit of {expected}",
    ),
    "EXTRACT-ISLAND": (
        "页面内嵌的报告数据无法读取（{reason}），已改为读取页面上的表格",
        "the report data embedded in the page cannot be read ({reason}); the visible tables were read instead",
    ),
    "EXTRACT-CELL-COUNT": (
        "表四应有 {expected} 个数值，原文有 {actual} 个，无法对应",
        "table 四 needs {expected} numbers, the source has {actual}: they cannot be placed",
    ),
    # bounds
    "LIMIT-FINDINGS": (
        "问题过多：另有 {actual} 个问题未列出（每份文档最多列出 {expected} 个）",
        "too many problems: {actual} more are not listed (at most {expected} per document)",
    ),
}

#: The codes of the reading and structural stages, in the order the docs list them.
STRUCTURAL_CODES = tuple(c for c in MESSAGES if c.startswith(("JSON-", "STRUCT-")))
#: The codes of findings of :func:`govdisclosure.extract`.
EXTRACT_CODES = tuple(c for c in MESSAGES if c.startswith("EXTRACT-"))

_CLIP = 60

# Integers past this many bits are shown by their magnitude: CPython refuses to write an int of
# more than 4,300 digits as text, and such a number is never a count anyway.
_BIG_BITS = 128


def shown(value: Any) -> Any:
    """``value`` itself, or for a huge integer a string of its magnitude (``"1.000000E+5000"``),
    so that every finding can be written as text and as JSON."""
    if type(value) is int and value.bit_length() > _BIG_BITS:
        return f"{Decimal(value):.6E}"
    return value


def _clip(value: object) -> str:
    value = shown(value)
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


class _Slots(dict[str, Any]):
    # A slot a template names but the finding lacks is shown as "?" rather than raising, so
    # that a message can always be written; missing_slots() lets the tests find such gaps.
    def __missing__(self, key: str) -> str:
        return "?"


@attrs.frozen
class Finding:
    """One problem found in a document.

    ``path`` is an RFC 6901 JSON Pointer into the submitted document (``""`` is the whole
    document). ``label`` is the Chinese name of the cell (``三（七）总计·商业企业``), or ``""``
    where the path names no field of the model. ``expected`` and ``actual`` hold the numbers
    (or dates, or strings) of a computed value; ``params`` any further facts of the finding.
    ``message`` and ``message_en`` are made from these fields.
    """

    code: str
    severity: Severity
    path: str
    label: str = ""
    expected: Value = attrs.field(default=None, converter=shown)
    actual: Value = attrs.field(default=None, converter=shown)
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)

    def _slots(self) -> dict[str, Any]:
        slots: dict[str, Any] = _Slots({k: shown(v) for k, v in self.params.items()})
        slots.update(
            code=self.code,
            path=self.path or "/",
            where=self.label or self.path or "文档",
            expected=self.expected,
            actual=self.actual,
            expected_zh=_TYPE_ZH.get(str(self.expected), self.expected),
            actual_zh=_TYPE_ZH.get(str(self.actual), self.actual),
        )
        return slots

    def format(self, catalog: Mapping[str, tuple[str, str]] | None = None, *, lang: str = "zh") -> str:
        """The finding as a sentence, from ``catalog`` (default :data:`MESSAGES`) or rules.

        ``lang`` is ``"zh"`` or ``"en"``. A code missing from the catalog falls back to the
        built-in templates.
        """

        return _template(self.code, catalog, lang).format_map(self._slots())

    @property
    def message(self) -> str:
        """The finding in Chinese."""
        return self.format()

    @property
    def message_en(self) -> str:
        """The finding in English."""
        return self.format(lang="en")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: code, severity, path, label, expected, actual, message, message_en.

        Decimal values are kept as ``Decimal``; :func:`govdisclosure.dumps`-style writers and
        the command line write them as exact JSON numbers.
        """
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "label": self.label,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
            "message_en": self.message_en,
        }


def _template(code: str, catalog: Mapping[str, tuple[str, str]] | None, lang: str) -> str:
    from ._rules import rule_messages

    try:
        templates = (catalog or {}).get(code) or MESSAGES.get(code) or rule_messages(code)
    except KeyError:
        templates = ("{where}：{code}", "{path}: {code}")
    return templates[0 if lang == "zh" else 1]


def missing_slots(finding: Finding) -> set[str]:
    """The slots of ``finding``'s message templates (both languages) that it does not fill:
    empty for every finding the library makes (a test checks each code)."""
    filled = set(finding._slots())
    wanted = set()
    for lang in ("zh", "en"):
        for _, name, _, _ in string.Formatter().parse(_template(finding.code, None, lang)):
            if name is not None:
                wanted.add(name.split(".")[0].split("[")[0].split("!")[0])
    return wanted - filled


def cap(findings: Iterable[Finding], limit: int = MAX_FINDINGS) -> list[Finding]:
    """At most ``limit`` findings, and then one ``LIMIT-FINDINGS`` finding saying how many more
    there were. Consumes ``findings`` lazily, so a generator of a million is never held whole."""
    kept: list[Finding] = []
    more = 0
    error = False
    for finding in findings:
        if len(kept) < limit:
            kept.append(finding)
        else:
            more += 1
            error = error or finding.severity == "error"
    if more:
        kept.append(limit_finding(more, "error" if error else "warning", limit))
    return kept


def limit_finding(more: int, severity: Severity, limit: int = MAX_FINDINGS) -> Finding:
    """The last finding of a document that had ``more`` findings past ``limit``."""
    return Finding("LIMIT-FINDINGS", severity, "", "", limit, more)


class ReportError(ValueError):
    """A document is not a report of the contract: bad JSON, bad encoding or bad structure.

    ``findings`` holds every problem found, each with a JSON Pointer; ``str()`` of the error
    lists them in Chinese.
    """

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__(self._summary())

    def _summary(self) -> str:
        shown = [f"{f.path or '/'} [{f.code}] {f.message}" for f in self.findings[:10]]
        more = len(self.findings) - len(shown)
        if more:
            shown.append(f"... and {more} more")
        return f"{len(self.findings)} problem(s):\n" + "\n".join(shown)


def clip(value: object) -> str:
    """A short display form of an offending value, for ``actual`` of non-numeric findings."""
    return _clip(value)
