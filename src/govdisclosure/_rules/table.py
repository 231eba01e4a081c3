"""The table of content rules: every rule as data.

Each :class:`Rule` names a *kind* of check that the engine (:mod:`.engine`) knows
(``identity``, ``deadline``, ``carry`` …) and the fields it reads as JSON Pointers, with ``*``
for every child object and ``**`` for every row (an object of plain values) beneath. The rules
of kind ``identity`` name only where the tables' totals stand: what each total totals is stated
once, on the model's total field (:mod:`govdisclosure._model.identities`). The engine, the docs
and the tests read this one table; each rule's code and messages are registered in
:mod:`govdisclosure._findings.codes` from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .._findings.codes import Severity, register
from .._ground.settings import SETTINGS
from .._ground.values import value_class
from .._model.editions import EDITIONS, EDITIONS_LIST, report_class
from .._model.template import TABLE_SECTIONS

__all__ = ["RULES", "Rule", "rules"]


@value_class
@attrs.frozen(repr=False, eq=False)
class Rule:
    """One content rule of the template.

    ``kind`` is the engine's check and ``params`` its fields (JSON Pointers, possibly with
    ``*``/``**``; a column list ``"*"`` means every column of the row, the total excepted). ``editions`` are the editions of the report the rule applies to;
    cross-year rules also name the editions the previous report may have
    (``previous_editions``). ``source`` is the template or legal text the rule comes from;
    ``message`` the Chinese and English templates of its findings.
    """

    code: str
    severity: Severity
    kind: str
    params: Mapping[str, Any] = attrs.field(hash=False)
    title: str
    title_en: str
    source: str
    message: tuple[str, str]
    editions: tuple[str, ...] = tuple(EDITIONS)
    previous_editions: tuple[str, ...] | None = None

    @property
    def cross_year(self) -> bool:
        """Whether the rule compares this year's report with the previous year's."""
        return self.previous_editions is not None


_COLUMNS = "*"

# The narrative parts the template requires, and every part a number may be stated in.
_REQUIRED_NARRATIVE = (
    "/overview/active_disclosure",
    "/overview/disclosure_on_request",
    "/overview/information_management",
    "/overview/platform_building",
    "/overview/supervision",
    "/problems_and_improvements",
)
_NARRATIVE = ("/preamble", "/overview/summary", *_REQUIRED_NARRATIVE)
_ALL = tuple(EDITIONS)

RULES: tuple[Rule, ...] = (
    Rule(
        code="T3-ROW-TOTAL",
        severity="error",
        kind="identity",
        params={"totals": "/applications/**/total"},
        title="表三每行总计等于六类申请人之和",
        title_en="In every row of table 三, total = sum of the six applicant columns",
        source="三、收到和处理政府信息公开申请情况：申请人情况（自然人、法人或其他组织）与总计列",
        message=(
            "{where}应为 {expected}（六类申请人之和），实际填报 {actual}",
            "{path}: expected {expected} (sum of the six applicant columns), reported {actual}",
        ),
    ),
    Rule(
        code="T3-RESULTS-TOTAL",
        severity="error",
        kind="identity",
        params={"totals": "/applications/results/total"},
        title="办理结果总计等于各办理结果之和",
        title_en="Per column, results.total = sum of all leaf rows of results",
        source="三、本年度办理结果 （七）总计",
        message=(
            "{where}应为 {expected}（（一）至（六）各项之和），实际填报 {actual}",
            "{path}: expected {expected} (sum of the result rows), reported {actual}",
        ),
    ),
    Rule(
        code="T3-BALANCE",
        severity="error",
        kind="identity",
        params={"totals": "/applications/carried_forward"},
        title="第一项加第二项之和等于第三项加第四项之和",
        title_en="Per column, new_received + carried_over = results.total + carried_forward",
        source="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        message=(
            "{where}应为 {expected}（本年新收 + 上年结转 − 办理结果总计），实际填报 {actual}",
            "{path}: expected {expected} (new_received + carried_over - results.total), reported {actual}",
        ),
    ),
    Rule(
        code="T4-TOTAL",
        severity="error",
        kind="identity",
        params={"totals": "/review_and_litigation/*/total"},
        title="表四每组总计等于四种结果之和",
        title_en="In each group of table 四, total = upheld + corrected + other + pending",
        source="四、政府信息公开行政复议、行政诉讼情况：结果维持、结果纠正、其他结果、尚未审结、总计",
        message=(
            "{where}应为 {expected}（结果维持、结果纠正、其他结果、尚未审结之和），实际填报 {actual}",
            "{path}: expected {expected} (upheld + corrected + other + pending), reported {actual}",
        ),
    ),
    Rule(
        code="META-EDITION-YEAR",
        severity="warning",
        kind="edition_years",
        params={
            "edition": "/format_version",
            "year": "/year",
            "years": {e.code: e.years for e in EDITIONS_LIST},
        },
        title="格式版本与报告年度相符",
        title_en="The edition fits the report year (2019 edition up to 2020, 2021 edition from 2021)",
        source="国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
        message=(
            "{year} 年度报告通常使用 {expected} 年版格式，实际为 {actual} 年版",
            "a report for {year} normally uses the {expected} edition, not the {actual} edition",
        ),
    ),
    Rule(
        code="META-PUBLISHED-EARLY",
        severity="error",
        kind="not_before",
        params={"date": "/published_on", "year": "/year"},
        title="发布日期在统计期限结束之后",
        title_en="published_on is after 31 December of the report year",
        source="《中华人民共和国政府信息公开条例》第四十九条；统计期限为 1 月 1 日至 12 月 31 日",
        message=(
            "{where}为 {actual}，早于统计期限结束（应不早于 {expected}）",
            "{path}: published on {actual}, before the statistical period ended (expected {expected} or later)",
        ),
    ),
    Rule(
        code="META-PUBLISHED-LATE",
        severity="warning",
        kind="deadline",
        params={
            "date": "/published_on",
            "year": "/year",
            "organ_kind": "/organ/kind",
            "deadlines": {"department": (1, 31), "people_government": (3, 31)},
        },
        title="按期发布年度报告",
        title_en="Published by 31 January (departments) or 31 March (people's governments) of the next year",
        source="《中华人民共和国政府信息公开条例》第四十九条",
        message=(
            "{where}为 {actual}，晚于法定期限 {expected}",
            "{path}: published on {actual}, after the legal deadline {expected}",
        ),
    ),
    Rule(
        code="NARR-MISSING",
        severity="warning",
        kind="present",
        params={"fields": _REQUIRED_NARRATIVE},
        title="模板要求的叙述部分不缺失",
        title_en="The narrative parts the template names are present and not blank",
        source="国办公开办函〔2021〕30号：一、总体情况（主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障）；五、存在的主要问题及改进情况",
        message=("缺少{where}，或内容为空", "{path}: the part is missing or blank"),
    ),
    Rule(
        code="NARR-FEE-STATEMENT",
        severity="warning",
        kind="present",
        params={"fields": ("/other_matters/processing_fees",)},
        title="说明收取信息处理费情况",
        title_en="A 2021-edition report states the information processing fees it collected",
        source="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号 六、其他需要报告的事项",
        message=(
            "缺少{where}（2021 年版格式要求说明收取信息处理费情况）",
            "{path}: a 2021-edition report must state the information processing fees collected",
        ),
        editions=("2021",),
    ),
    Rule(
        code="NARR-TABLE-MISMATCH",
        severity="warning",
        kind="narrative_numbers",
        params={"fields": _NARRATIVE},
        title="叙述中的数字与表格数据一致",
        title_en=(
            "A number the text states for a quantity the tables hold (applications received, carried over, "
            "handled, carried forward, granted; review and litigation cases; licensing, punishment and "
            "enforcement decisions; the amount of 行政事业性收费) is one of the table values it may mean"
        ),
        source="《中华人民共和国政府信息公开条例》第五十条：年度报告的文字说明与统计表格所载数据应当一致",
        message=(
            "{where}所述{quantity}为 {actual}，表格数据为 {expected}：“{sentence}”",
            "{path}: the text states {actual} ({quantity}) where the tables hold {expected}: “{sentence}”",
        ),
    ),
    Rule(
        code="NARR-FEE-CONTRADICTION",
        severity="warning",
        kind="fee_contradiction",
        params={
            "statement": "/other_matters/processing_fees",
            "fields": _NARRATIVE,
            "amount": "/active_disclosure/fees/amount_10k_yuan",
        },
        title="收费情况的表述前后一致",
        title_en=(
            "What the text says of 信息处理费 agrees with section 六's fee statement, and what it says of "
            "行政事业性收费 agrees with table 二's amount"
        ),
        source="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；第二十条第（八）项 行政事业性收费",
        editions=("2021",),
        message=(
            "{where}称{fee}{actual}，与报告中的{expected}相矛盾：“{sentence}”",
            "{path}: says {fee} {actual_en}, where the report says {expected_en}: “{sentence}”",
        ),
    ),
    Rule(
        code="NARR-TOO-SHORT",
        severity="warning",
        kind="substance",
        params={"fields": _REQUIRED_NARRATIVE},
        title="模板要求的叙述部分内容充实",
        title_en=(
            f"A narrative part the template names says something: at least {SETTINGS.min_chars} characters "
            "besides white space and punctuation, and not a placeholder such as "
            + "、".join(SETTINGS.placeholders)
        ),
        source="国办公开办函〔2021〕30号：一、总体情况（五个方面）；五、存在的主要问题及改进情况",
        message=(
            "{where}内容过于简略（{actual} 字，少于 {expected} 字，或仅为占位文字）：“{text}”",
            "{path}: says too little ({actual} characters, under {expected}, or a placeholder): “{text}”",
        ),
    ),
    Rule(
        code="XY-YEAR",
        severity="error",
        kind="consecutive_year",
        params={"year": "/year"},
        title="上年报告的年度为本年度减一",
        title_en="The previous report's year is year - 1",
        source="《中华人民共和国政府信息公开条例》第五十条（年度报告）",
        message=(
            "{where}应为上年报告的年度加一，即 {expected}，实际为 {actual}",
            "{path}: the previous report's year plus one is {expected}, got {actual}",
        ),
        previous_editions=_ALL,
    ),
    Rule(
        code="XY-ORGAN",
        severity="warning",
        kind="same_value",
        params={"field": "/organ/name"},
        title="两年报告的机关名称一致",
        title_en="Both reports name the same organ",
        source="《中华人民共和国政府信息公开条例》第五十条（本机关年度报告）",
        message=(
            "{where}与上年报告不同：上年为“{expected}”，本年为“{actual}”",
            "{path}: the previous report names {expected!r}, this one {actual!r}",
        ),
        previous_editions=_ALL,
    ),
    Rule(
        code="XY-CARRY",
        severity="warning",
        kind="carry",
        params={
            "this": "/applications/carried_over",
            "previous": "/applications/carried_forward",
            "columns": _COLUMNS,
        },
        title="上年结转等于上年报告的结转下年度继续办理",
        title_en="This year's carried_over equals last year's carried_forward",
        source="三、二、上年结转政府信息公开申请数量；四、结转下年度继续办理",
        message=(
            "{where}应等于上年报告的结转下年度继续办理 {expected}，实际填报 {actual}",
            "{path}: expected last year's carried_forward {expected}, reported {actual}",
        ),
        previous_editions=_ALL,
    ),
    Rule(
        code="XY-IN-FORCE",
        severity="warning",
        kind="stock",
        params={
            "rows": ("/active_disclosure/regulations", "/active_disclosure/normative_documents"),
            "stock": "in_force",
            "plus": "issued",
            "minus": "repealed",
        },
        title="现行有效件数与上年衔接",
        title_en="in_force = last year's in_force + issued - repealed (revisions and expiry make this inexact)",
        source="第二十条第（一）项：本年制发件数、本年废止件数、现行有效件数",
        message=(
            "{where}按上年现行有效件数 + 本年制发 − 本年废止应为 {expected}，实际填报 {actual}",
            "{path}: last year's in_force + issued - repealed is {expected}, reported {actual}",
        ),
        editions=("2021",),
        previous_editions=("2021",),
    ),
    Rule(
        code="XY-JUMP",
        severity="warning",
        kind="jump",
        params={"tables": tuple("/" + name for name in TABLE_SECTIONS)},
        title="表格数据与上年相比无异常波动",
        title_en=(
            f"No table cell grew or shrank more than {SETTINGS.jump_factor}-fold from last year, where the "
            f"larger of the two years' values is at least {SETTINGS.jump_base}"
        ),
        source="审核实践：同一机关相邻两年的统计数据大幅波动须核实（倍数与基数见规则说明）",
        message=(
            "{where}由上年的 {expected} 变为 {actual}，变化超过 {factor} 倍，请核实",
            "{path}: {expected} last year, {actual} this year: more than a factor of {factor}, check it",
        ),
        previous_editions=_ALL,
    ),
)


def rules(edition: str | None = None) -> tuple[Rule, ...]:
    """The content rules in table order; only those for one edition if ``edition`` is given
    (``ValueError`` naming the editions if it is unknown)."""
    if edition is None:
        return RULES
    report_class(edition)
    return tuple(r for r in RULES if edition in r.editions)


for _rule in RULES:
    register(_rule.code, _rule.severity, "cross-year" if _rule.cross_year else "rules", *_rule.message)
