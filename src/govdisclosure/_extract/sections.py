"""Locating the title, the six sections and their sub-headings by the template's headings."""

from __future__ import annotations

import datetime
import re

from .._ground.limits import MAX_TITLE_CHARS
from .._model.editions import YEAR_PATTERN
from .._model.template import NUMERALS, SECTIONS, TABLE_SECTIONS, numeral_value
from .._model.variants import section_words
from .text import Line

# --- the assembler --------------------------------------------------------------------------

# The words by which a heading is known as each section's (the registry of wordings).
_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (name, section_words(name, heading)) for name, heading in SECTIONS
)
# A report of seven sections numbers its last one 七.
_SECTION_HEAD = re.compile(rf"^\s*([{NUMERALS[:7]}])\s*[、.．]\s*(.+)$")
_SUBHEAD = re.compile(rf"^\s*[（(]\s*([{NUMERALS}]+)\s*[）)]\s*(.*)$")
_TITLE = re.compile(
    rf"^(?:title:\s*)?(?P<before>.*?)\s*(?P<year>{YEAR_PATTERN})\s*年\s*度?\s*(?P<after>.*?)\s*政府信息公开(?:工作)?(?:年度报告|年报)\s*$"
)


def _title_match(text: str) -> re.Match[str] | None:
    # A title is a short line; on a long one the pattern's two lazy groups would cost time
    # quadratic in its length.
    return _TITLE.match(text) if len(text) <= MAX_TITLE_CHARS else None


_DATE = re.compile(
    rf"({YEAR_PATTERN})\s*(?:年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日|[-./](\d{{1,2}})[-./](\d{{1,2}}))"
)
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:发布日期|发布时间|日期|时间)?\s*[:：]?\s*"
    rf"({YEAR_PATTERN}\s*(?:年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|[-./]\d{{1,2}}[-./]\d{{1,2}}))"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)]?$"
)
_SENTENCE_END = tuple("。！？；：…”』」）)!?;:")

_OVERVIEW_KEYS = (
    ("active_disclosure", ("主动公开",)),
    ("disclosure_on_request", ("依申请",)),
    ("information_management", ("信息管理",)),
    ("platform_building", ("平台",)),
    ("supervision", ("监督", "保障")),
)
_OTHER_KEYS = (
    # "无收取信息公开处理费" (a department's page) names the fee as well.
    ("processing_fees", ("信息处理费", "信息公开处理费")),
    ("work_points", ("工作要点",)),
    ("proposals", ("建议", "提案")),
    ("innovation", ("创新",)),
)


def _section_of(line: Line) -> str | None:
    if line.kind != "text":
        return None
    match = _SECTION_HEAD.match(line.text)
    if not match:
        return None
    numeral, rest = match.groups()
    if len(rest) > 40:
        return None
    # A report of seven sections (五 问题, 六 改进, 七 其他) numbers its last one 七: past 四,
    # a heading is known by its words; 六、改进措施 then stays text of section 五.
    index = numeral_value(numeral) - 1
    if index >= 4:
        name = next((n for n, keys in _SECTIONS[4:] if any(k in rest for k in keys)), "")
        return name or None
    name, keys = _SECTIONS[index]
    if not any(k in rest for k in keys):
        return None
    if name == "review_and_litigation" and not ("行政复议" in rest and "行政诉讼" in rest):
        return None
    return name


def _split_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """The lines of each section, by the headings that open them.

    Sections come in template order; of several lines that read like a section's heading, the
    first after the previous section is taken, and for a table section the first one that a
    table row follows. A heading-like line that is not taken stays text where it stands.
    """
    candidates = [(index, name) for index, line in enumerate(lines) if (name := _section_of(line))]
    # Whether a table row stands between each candidate and the next one (or the end): one pass.
    rows_after: dict[int, bool] = {}
    bounds = [index for index, _ in candidates[1:]] + [len(lines)]
    for (index, _), bound in zip(candidates, bounds, strict=False):
        rows_after[index] = any(line.kind == "row" for line in lines[index + 1 : bound])
    chosen: list[tuple[int, str]] = []
    last = -1
    for name, _ in _SECTIONS:
        options = [i for i, n in candidates if n == name and i > last]
        if name in TABLE_SECTIONS:
            options = [i for i in options if rows_after[i]] or options
        if options:
            chosen.append((options[0], name))
            last = options[0]
    sections: dict[str, list[Line]] = {"front": []}
    current = "front"
    starts = dict(chosen)
    for index, line in enumerate(lines):
        if index in starts:
            current = starts[index]
            sections[current] = []
            continue
        sections[current].append(line)
    return sections


def _iso(text: str) -> str | None:
    match = _DATE.search(text)
    if match is None:
        return None
    year = int(match.group(1))
    month = int(match.group(2) or match.group(4))
    day = int(match.group(3) or match.group(5))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _organ_kind(name: str) -> str:
    if name.endswith(("乡人民政府", "镇人民政府", "街道办事处")):
        return "other"
    if name.endswith("人民政府"):
        return "people_government"
    return "department"
