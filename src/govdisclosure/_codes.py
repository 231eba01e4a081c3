"""The registry of finding codes: every code any stage can report, with its severity and its
Chinese and English message templates.

Every stage registers its codes here (reading, structure, the importer, the bounds; the content
rules from their table), and everything that writes a message or lists the codes (``Finding``,
the docs, the command line) reads them from here. This module imports nothing of the package.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

import attrs

from ._values import value_class

__all__ = ["CODES", "Code", "Severity", "Stage", "codes", "register"]

Severity = Literal["error", "warning"]
Stage = Literal["reading", "structure", "rules", "cross-year", "extract", "limit", "file"]


@value_class
@attrs.frozen(repr=False, eq=False)
class Code:
    """One finding code: its default severity, the stage that reports it, and its message
    templates. ``{}`` slots are filled from the finding's fields and ``params``; ``{where}``
    is the Chinese cell name (or the pointer when the path names no field of the model)."""

    code: str
    severity: Severity
    stage: Stage
    zh: str
    en: str

    def template(self, lang: str) -> str:
        """The template in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.zh if lang == "zh" else self.en


class _Registry(Mapping[str, Code]):
    # A mapping that only grows, through register(): a code is defined once.
    def __init__(self) -> None:
        self._codes: dict[str, Code] = {}

    def __getitem__(self, code: str) -> Code:
        return self._codes[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def add(self, entry: Code) -> Code:
        if entry.code in self._codes and self._codes[entry.code] != entry:
            raise ValueError(f"finding code {entry.code} is registered twice, differently")
        self._codes[entry.code] = entry
        return entry


#: Every registered code, in registration order (the order the docs list them in).
CODES = _Registry()


def register(code: str, severity: Severity, stage: Stage, zh: str, en: str) -> Code:
    """Register a finding code; ``ValueError`` if the code is already registered differently."""
    return CODES.add(Code(code, severity, stage, zh, en))


def codes(stage: Stage) -> tuple[Code, ...]:
    """The registered codes of one stage, in registration order."""
    return tuple(c for c in CODES.values() if c.stage == stage)


for _entry in (
    Code(
        "JSON-TOO-LARGE",
        "error",
        "reading",
        "文档大小为 {actual} 字节，超过上限 {expected} 字节",
        "document is {actual} bytes, over the limit of {expected} bytes",
    ),
    Code(
        "JSON-ENCODING",
        "error",
        "reading",
        "文档不是有效的 UTF-8 编码（第 {offset} 字节：{reason}）",
        "document is not valid UTF-8 (byte {offset}: {reason})",
    ),
    Code(
        "JSON-SYNTAX",
        "error",
        "reading",
        "JSON 语法错误（第 {line} 行第 {column} 列）：{reason}",
        "invalid JSON at line {line}, column {column}: {reason}",
    ),
    Code(
        "JSON-TOO-DEEP",
        "error",
        "reading",
        "JSON 嵌套层数过深，无法读取（第 {line} 行第 {column} 列附近）",
        "JSON is nested too deeply to read (near line {line}, column {column})",
    ),
    Code(
        "JSON-NUMBER-TOO-LONG",
        "error",
        "reading",
        "第 {line} 行第 {column} 列的数字有 {actual} 位，超过可读取的上限 {expected} 位",
        "the number at line {line}, column {column} has {actual} digits, over the limit of {expected}",
    ),
    Code(
        "JSON-NONFINITE",
        "error",
        "reading",
        "{where}：{actual} 不是 JSON 数值",
        "{path}: {actual} is not a JSON number",
    ),
    Code(
        "JSON-DUPLICATE-KEY",
        "error",
        "reading",
        "{where}：键“{key}”在同一对象中重复出现",
        "{path}: key {key!r} appears more than once in one object",
    ),
    Code(
        "STRUCT-EDITION",
        "error",
        "structure",
        "格式版本 format_version 缺失或未知（{actual}），应为 {expected} 之一",
        "format_version is missing or unknown ({actual}); allowed: {expected}",
    ),
    Code(
        "STRUCT-TYPE",
        "error",
        "structure",
        "{where}应为{expected_zh}，实际为{actual_zh}",
        "{path}: expected {expected}, got {actual}",
    ),
    Code(
        "STRUCT-NOT-INTEGER",
        "error",
        "structure",
        "{where}应为整数，实际为 {actual}",
        "{path}: expected a whole number, got {actual}",
    ),
    Code(
        "STRUCT-NEGATIVE",
        "error",
        "structure",
        "{where}不能为负数，实际为 {actual}",
        "{path}: must not be negative, got {actual}",
    ),
    Code(
        "STRUCT-RANGE",
        "error",
        "structure",
        "{where}应在 {minimum} 至 {maximum} 之间，实际为 {actual}",
        "{path}: must be between {minimum} and {maximum}, got {actual}",
    ),
    Code(
        "STRUCT-CHOICE",
        "error",
        "structure",
        "{where}应为 {expected} 之一，实际为 {actual}",
        "{path}: must be one of {expected}, got {actual}",
    ),
    Code(
        "STRUCT-DATE",
        "error",
        "structure",
        "{where}应为 YYYY-MM-DD 格式的有效日期，实际为 {actual}",
        "{path}: expected a real date written YYYY-MM-DD, got {actual}",
    ),
    Code("STRUCT-EMPTY", "error", "structure", "{where}不能为空", "{path}: must not be empty"),
    Code(
        "STRUCT-MISSING",
        "error",
        "structure",
        "缺少必填项：{where}（{path}）",
        "{path}: required key is missing",
    ),
    Code(
        "STRUCT-UNKNOWN-KEY", "error", "structure", "未知的键“{key}”（{path}）", "{path}: unknown key {key!r}"
    ),
    Code(
        "EXTRACT-NO-TITLE",
        "error",
        "extract",
        "未找到报告标题（“……年政府信息公开工作年度报告”），无法确定机关和年度",
        'no report title ("…年政府信息公开工作年度报告") found: organ and year unknown',
    ),
    Code(
        "EXTRACT-EDITION",
        "warning",
        "extract",
        "未能从表格判断格式版本，按报告年度采用 {actual} 年版",
        "the tables do not show the edition; the {actual} edition was assumed from the year",
    ),
    Code("EXTRACT-NO-SECTION", "warning", "extract", "未找到{where}部分", "{path}: section not found"),
    Code(
        "EXTRACT-NO-ROW",
        "error",
        "extract",
        "表格中未找到{where}这一行，其各单元格记为 0",
        "{path}: row not found; its cells are recorded as 0",
    ),
    Code(
        "EXTRACT-MISSING",
        "error",
        "extract",
        "{where}缺失，且无法由表格勾稽关系唯一确定，记为 0",
        "{path}: missing and not pinned down by the table arithmetic; recorded as 0",
    ),
    Code(
        "EXTRACT-UNREADABLE",
        "error",
        "extract",
        "{where}无法识别（第 {line} 行第 {column} 列：“{actual}”），记为 0",
        "{path}: unreadable cell at line {line}, column {column} ({actual!r}); recorded as 0",
    ),
    Code(
        "EXTRACT-BLANK",
        "warning",
        "extract",
        "{where}为空或为“{actual}”（第 {line} 行第 {column} 列），记为 0",
        "{path}: blank or {actual!r} at line {line}, column {column}; recorded as 0",
    ),
    Code(
        "EXTRACT-NOTE",
        "warning",
        "extract",
        "{where}单元格含注释“{actual}”，取其数字",
        "{path}: the cell holds a note ({actual!r}); its number is used",
    ),
    Code(
        "EXTRACT-UNIT",
        "warning",
        "extract",
        "{where}以“{actual}”填报，已换算为 {expected} 万元",
        "{path}: given as {actual!r}, converted to {expected} (10,000 yuan)",
    ),
    Code(
        "EXTRACT-UNIT-ASSUMED",
        "warning",
        "extract",
        "{where}：原文未注明采购总金额的单位（元或万元），按万元记录",
        "{path}: the source does not say whether the amount is in 元 or 万元; 万元 was assumed",
    ),
    Code(
        "EXTRACT-DERIVED",
        "warning",
        "extract",
        "{where}在原文中缺失，由表格勾稽关系推出为 {expected}",
        "{path}: missing in the source, derived from the table arithmetic as {expected}",
    ),
    Code(
        "EXTRACT-EXTRA-CELLS",
        "warning",
        "extract",
        "{where}有 {actual} 个数值单元格，多于 {expected} 列，多余部分未采用",
        "{path}: {actual} value cells for {expected} columns; the extra cells were not used",
    ),
    Code(
        "EXTRACT-SHORT-ROW",
        "warning",
        "extract",
        "{where}只有 {actual} 个数值，少于 {expected} 列：按从左到右读取，其余单元格见各自的发现",
        "{path}: {actual} values for {expected} columns, read from the left; the other cells have findings of their own",
    ),
    Code(
        "EXTRACT-ALIGNMENT",
        "warning",
        "extract",
        "{where}有 {actual} 个单元格，多于 {expected} 列，两端都有空白单元格：按前端空白为版式读取，请核对",
        "{path}: {actual} cells for {expected} columns with empty cells at both ends; the leading ones were taken for layout: check",
    ),
    Code(
        "EXTRACT-TOO-LARGE",
        "error",
        "extract",
        "文档大小为 {actual}，超过可读取的上限 {expected}",
        "the document is {actual} long, over the limit of {expected}",
    ),
    Code(
        "EXTRACT-PDF-RULES",
        "warning",
        "extract",
        "第 {page} 页的表格线构成约 {actual} 个格，超过按表格读取的上限 {expected}，该页按文字行读取",
        "page {page}: its ruling lines make about {actual} cells, over the {expected} read as "
        "tables; the page is read as lines of text",
    ),
    Code(
        "EXTRACT-ISLAND",
        "warning",
        "extract",
        "页面内嵌的报告数据无法读取（{reason}），已改为读取页面上的表格",
        "the report data embedded in the page cannot be read ({reason}); the visible tables were read instead",
    ),
    Code(
        "EXTRACT-CELL-COUNT",
        "error",
        "extract",
        "表四应有 {expected} 个数值，原文有 {actual} 个，无法对应",
        "table 四 needs {expected} numbers, the source has {actual}: they cannot be placed",
    ),
    Code(
        "EXTRACT-ISLAND-DIFFERS",
        "warning",
        "extract",
        "{where}页面表格中为 {actual}，与页面内嵌的报告数据（{expected}）不同，采用表格中的数值",
        "{path}: the page's table shows {actual}, its embedded report data {expected}; the table's value is used",
    ),
    Code(
        "EXTRACT-GROUP-ROW",
        "warning",
        "extract",
        "原文只有一行“{actual}”且全为 0，{where}各单元格据此记为 0",
        "{path}: the source prints only the row of its group {actual} with all zeros; its cells are 0",
    ),
    Code(
        "EXTRACT-SPLIT",
        "warning",
        "extract",
        "{where}的数字在原文中连在一起（“{actual}”），按唯一符合表格勾稽关系的拆分读作 {expected}",
        "{path}: the numbers run together in the source ({actual!r}); read as {expected}, the one split that keeps the table's identities",
    ),
    Code(
        "EXTRACT-SPLIT-AMBIGUOUS",
        "error",
        "extract",
        "{where}的数字在原文中连在一起（“{actual}”），有多种拆分都符合勾稽关系（{candidates}），未采用，记为缺失",
        "{path}: the numbers run together in the source ({actual!r}) and several splits fit ({candidates}); none was taken",
    ),
    Code(
        "EXTRACT-CELL-TEXT",
        "warning",
        "extract",
        "{where}（{cell}）的数字以文本填写（“{actual}”），已按数字读取",
        "{path}: the number in {cell} is typed as text ({actual!r}); read as a number",
    ),
    Code(
        "EXTRACT-CELL-BLANK",
        "warning",
        "extract",
        "{where}（{cell}）为空或为“{actual}”，记为 0",
        "{path}: {cell} is blank or {actual!r}; recorded as 0",
    ),
    Code(
        "EXTRACT-CELL-FORMULA",
        "error",
        "extract",
        "{where}（{cell}）是公式（“{actual}”），但文件中没有保存其计算结果，记为 0：请在 Excel 或 WPS 中打开并保存后再读取",
        "{path}: {cell} is a formula ({actual!r}) whose result the file does not hold; recorded as 0: "
        "open and save the workbook in a spreadsheet program first",
    ),
    Code(
        "EXTRACT-CELL-UNREADABLE",
        "error",
        "extract",
        "{where}（{cell}）无法识别为数字（“{actual}”），记为 0",
        "{path}: {cell} does not hold a number ({actual!r}); recorded as 0",
    ),
    Code(
        "EXTRACT-NO-SHEET",
        "error",
        "extract",
        "工作簿中未找到工作表“{sheet}”（{where}），其内容未能读取",
        "{path}: the workbook has no sheet {sheet!r}; its values were not read",
    ),
    Code(
        "EXTRACT-INFO-ROW",
        "warning",
        "extract",
        "工作表“{sheet}”第 {line} 行的路径“{actual}”不是报告的项目，该行未读取",
        "row {line} of sheet {sheet!r} names {actual!r}, which is no part of a report; the row was not read",
    ),
    Code(
        "EXTRACT-FORM",
        "error",
        "extract",
        "无法读取：{reason_zh}",
        "cannot be read: {reason}",
    ),
    Code(
        "EXTRACT-EXTRA",
        "error",
        "extract",
        "读取{form}需要安装扩展：pip install 'govdisclosure[{extra}]'",
        "reading {form} needs the {extra!r} extra: pip install 'govdisclosure[{extra}]'",
    ),
    Code(
        "EXTRACT-NOT-REPORT",
        "error",
        "extract",
        "不是按现行格式编制的政府信息公开工作年度报告：{reason_zh}",
        "not an annual report in the current format: {reason}",
    ),
    Code(
        "XY-TEXT-REPEATED",
        "warning",
        "cross-year",
        "{where}有 {actual} 的文字与上年报告相同（达到 {expected} 即提示），请核实是否照搬上年内容",
        "{path}: {actual} of the text repeats last year's report (the threshold is {expected}); check that it was not copied",
    ),
    Code(
        "LIMIT-FINDINGS",
        "error",
        "limit",
        "问题过多：另有 {actual} 个问题未列出（每份文档最多列出 {expected} 个）",
        "too many problems: {actual} more are not listed (at most {expected} per document)",
    ),
    Code(
        "FILE-UNREADABLE",
        "error",
        "file",
        "无法读取文件：{reason_zh}",
        "cannot read the file: {reason}",
    ),
    Code(
        "FILE-NOT-REGULAR",
        "error",
        "file",
        "不是普通文件（管道、套接字或设备），未读取",
        "not a regular file (a pipe, a socket or a device); not read",
    ),
):
    CODES.add(_entry)
