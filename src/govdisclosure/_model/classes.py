"""The typed model of an annual report, both editions of the template.

Every class is frozen, slotted and keyword-only, without a ``__weakref__`` slot (so that the
reader can build objects of a mutable twin class of the same layout and then give them their
class: see :mod:`govdisclosure._codec.convert`). Field order is the template's order, which is
also the canonical JSON key order. Every field carries a :class:`~govdisclosure._model.meta.FieldInfo`
under :data:`~govdisclosure._model.meta.METADATA_KEY`; the JSON Schema, the converter, the rule
engine and the docs are derived from these classes and nothing else.

Constructing an object does not check its values (that would stop at the first problem): call
:func:`govdisclosure.validate` to see every problem of a report built in code.
"""

from __future__ import annotations

import datetime
from typing import Literal

import attrs

from .meta import ROW_TOTAL, ROWS_TOTAL, Sum, _field, computed_total, count, model_class, obj, sections, text
from .table2 import (
    ActiveDisclosure2019,
    ActiveDisclosure2021,
    DecisionRow,
    DocumentRow2019,
    FeeRow,
    FeeRow2019,
    ItemRow2019,
    ProcurementRow2019,
    RegulationRow,
)

__all__ = [
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "Applications2019",
    "Applications2021",
    "Contact",
    "CountRow",
    "DecisionRow",
    "DocumentRow2019",
    "ExtraSection",
    "FeeRow",
    "FeeRow2019",
    "ItemRow2019",
    "NotProcessed",
    "Organ",
    "OtherMatters",
    "OtherProcessing2021",
    "Overview",
    "ProcurementRow2019",
    "RegulationRow",
    "Report",
    "Report2019",
    "Report2021",
    "Results2019",
    "Results2021",
    "ReviewAndLitigation",
    "ReviewGroup",
    "Unavailable",
    "Withheld",
]

_APPLICANT = "申请人情况"
_LEGAL = "申请人情况·法人或其他组织"


# --- shared parts -------------------------------------------------------------------------


@model_class("其他小节")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ExtraSection:
    """A sub-section the contract does not name, kept with its published title and text."""

    title: str = _field("text", "小节标题", "小节", description="The sub-section's heading as published.")
    text: str = _field("text", "小节正文", "小节", description="The sub-section's text as published.")


@model_class("联系方式")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Contact:
    """Contact details the preamble gives for questions about the report."""

    address: str | None = text("地址", "前言", "Postal address.")
    postcode: str | None = text("邮编", "前言", "Postcode.")
    phone: str | None = text("电话", "前言", "Telephone number.")
    email: str | None = text("邮箱", "前言", "E-mail address.")


@model_class("机关")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Organ:
    """The administrative organ that publishes the report."""

    name: str = _field("name", "机关名称", "标题", description="The organ's name as in the report title.")
    kind: Literal["people_government", "department", "other"] | None = _field(
        "choice",
        "机关类型",
        "条例第四十九条",
        description=(
            "people_government: a people's government at county level or above (deadline 31 March); "
            "department: one of its departments (deadline 31 January); other: anything else."
        ),
        optional=True,
    )
    contact: Contact | None = obj(
        "联系方式", "前言", "How to reach the organ about the report.", optional=True
    )


@model_class("一、总体情况")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Overview:
    """一、总体情况: the narrative overview, split into the parts the template names."""

    summary: str | None = text("总述", "一", "Opening text of section 一 before its first sub-heading.")
    active_disclosure: str | None = text("主动公开", "一（一）", "Proactive disclosure.")
    disclosure_on_request: str | None = text("依申请公开", "一（二）", "Disclosure on request.")
    information_management: str | None = text(
        "政府信息管理", "一（三）", "Management of government information."
    )
    platform_building: str | None = text("政府信息公开平台建设", "一（四）", "Disclosure platforms.")
    supervision: str | None = text("监督保障", "一（五）", "Supervision and safeguards.")
    extra: tuple[ExtraSection, ...] | None = sections("一")


@model_class("六、其他需要报告的事项")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class OtherMatters:
    """六、其他需要报告的事项."""

    processing_fees: str | None = text(
        "收取信息处理费情况", "六", "Information processing fees collected (国办函〔2020〕109号)."
    )
    work_points: str | None = text(
        "落实上级年度政务公开工作要点情况",
        "六",
        "Implementation of the annual work points of higher authorities.",
    )
    proposals: str | None = text(
        "人大代表建议和政协提案办理结果公开情况",
        "六",
        "Disclosure of how deputies' suggestions and proposals were handled.",
    )
    innovation: str | None = text("年度政务公开工作创新情况", "六", "Innovations of the year.")
    other: str | None = text("其他", "六", "Any other matter.")
    extra: tuple[ExtraSection, ...] | None = sections("六")


# --- table 三 (both editions) -------------------------------------------------------------


@model_class("表三的一行（申请人情况）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class CountRow:
    """One numeric row of table 三: six applicant columns and the reported 总计."""

    natural_person: int = count("自然人", _APPLICANT)
    commercial_enterprise: int = count("商业企业", _LEGAL)
    research_institution: int = count("科研机构", _LEGAL)
    social_welfare_organization: int = count("社会公益组织", _LEGAL)
    legal_service_organization: int = count("法律服务机构", _LEGAL)
    other_organization: int = count("其他", _LEGAL)
    total: int = count("总计", _APPLICANT, "The total as reported (see computed_total).", totals=ROW_TOTAL)

    @property
    def computed_total(self) -> int:
        """The sum of the six applicant columns (what ``total`` should be, by T3-ROW-TOTAL)."""
        total: int = computed_total(self)
        return total


@model_class("（三）不予公开")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Withheld:
    """（三）不予公开, items 1 to 8."""

    state_secret: CountRow = obj("属于国家秘密", "三（三）1")
    prohibited_by_law: CountRow = obj("其他法律行政法规禁止公开", "三（三）2")
    security_stability: CountRow = obj("危及“三安全一稳定”", "三（三）3")
    third_party_rights: CountRow = obj("保护第三方合法权益", "三（三）4")
    internal_affairs: CountRow = obj("属于三类内部事务信息", "三（三）5")
    process_information: CountRow = obj("属于四类过程性信息", "三（三）6")
    enforcement_files: CountRow = obj("属于行政执法案卷", "三（三）7")
    administrative_inquiry: CountRow = obj("属于行政查询事项", "三（三）8")


@model_class("（四）无法提供")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Unavailable:
    """（四）无法提供, items 1 to 3."""

    not_held: CountRow = obj("本机关不掌握相关政府信息", "三（四）1")
    needs_creation: CountRow = obj("没有现成信息需要另行制作", "三（四）2")
    unclear_after_correction: CountRow = obj("补正后申请内容仍不明确", "三（四）3")


@model_class("（五）不予处理")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class NotProcessed:
    """（五）不予处理, items 1 to 5."""

    complaint: CountRow = obj("信访举报投诉类申请", "三（五）1")
    duplicate: CountRow = obj("重复申请", "三（五）2")
    publication: CountRow = obj("要求提供公开出版物", "三（五）3")
    excessive: CountRow = obj("无正当理由大量反复申请", "三（五）4")
    confirmation: CountRow = obj("要求行政机关确认或重新出具已获取信息", "三（五）5")


@model_class("（六）其他处理")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class OtherProcessing2021:
    """（六）其他处理 of the 2021 edition, items 1 to 3."""

    no_correction: CountRow = obj(
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "三（六）1"
    )
    fee_unpaid: CountRow = obj(
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "三（六）2"
    )
    other: CountRow = obj("其他", "三（六）3")


_PARTIAL = "部分公开（区分处理的，只计这一情形，不计其他情形）"


@model_class("三、本年度办理结果")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Results2021:
    """三、本年度办理结果 of the 2021 edition."""

    granted: CountRow = obj("予以公开", "三（一）")
    partially_granted: CountRow = obj(_PARTIAL, "三（二）")
    withheld: Withheld = obj("不予公开", "三（三）")
    unavailable: Unavailable = obj("无法提供", "三（四）")
    not_processed: NotProcessed = obj("不予处理", "三（五）")
    other: OtherProcessing2021 = obj("其他处理", "三（六）")
    total: CountRow = obj(
        "总计", "三（七）", "The results total as reported (see computed_total).", totals=ROWS_TOTAL
    )

    @property
    def computed_total(self) -> CountRow:
        """Per column, the sum of every leaf row of the results (what ``total`` should be, by
        T3-RESULTS-TOTAL)."""
        total: CountRow = computed_total(self)
        return total


@model_class("三、本年度办理结果")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Results2019:
    """三、本年度办理结果 of the 2019 edition: （六）其他处理 is a single row."""

    granted: CountRow = obj("予以公开", "三（一）")
    partially_granted: CountRow = obj(_PARTIAL, "三（二）")
    withheld: Withheld = obj("不予公开", "三（三）")
    unavailable: Unavailable = obj("无法提供", "三（四）")
    not_processed: NotProcessed = obj("不予处理", "三（五）")
    other: CountRow = obj("其他处理", "三（六）")
    total: CountRow = obj(
        "总计", "三（七）", "The results total as reported (see computed_total).", totals=ROWS_TOTAL
    )

    @property
    def computed_total(self) -> CountRow:
        """Per column, the sum of every leaf row of the results (what ``total`` should be, by
        T3-RESULTS-TOTAL)."""
        total: CountRow = computed_total(self)
        return total


_NEW = "本年新收政府信息公开申请数量"
_CARRIED = "上年结转政府信息公开申请数量"
_FORWARD = "结转下年度继续办理"
# The template's note under table 三: 第一项加第二项之和，等于第三项加第四项之和, column by column.
_BALANCE = Sum(("new_received", "carried_over"), ("results/total",))


@model_class("三、收到和处理政府信息公开申请情况")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Applications2021:
    """三、收到和处理政府信息公开申请情况 (table 三), 2021 edition."""

    new_received: CountRow = obj(_NEW, "一")
    carried_over: CountRow = obj(_CARRIED, "二")
    results: Results2021 = obj("本年度办理结果", "三")
    carried_forward: CountRow = obj(_FORWARD, "四", totals=_BALANCE)


@model_class("三、收到和处理政府信息公开申请情况")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Applications2019:
    """三、收到和处理政府信息公开申请情况 (table 三), 2019 edition."""

    new_received: CountRow = obj(_NEW, "一")
    carried_over: CountRow = obj(_CARRIED, "二")
    results: Results2019 = obj("本年度办理结果", "三")
    carried_forward: CountRow = obj(_FORWARD, "四", totals=_BALANCE)


# --- table 四 (both editions) -------------------------------------------------------------


@model_class("表四的一组（行政复议或行政诉讼）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ReviewGroup:
    """One group of table 四: four outcomes and the reported 总计."""

    upheld: int = count("结果维持", "四")
    corrected: int = count("结果纠正", "四")
    other: int = count("其他结果", "四")
    pending: int = count("尚未审结", "四")
    total: int = count("总计", "四", "The total as reported (see computed_total).", totals=ROW_TOTAL)

    @property
    def computed_total(self) -> int:
        """upheld + corrected + other + pending (what ``total`` should be, by T4-TOTAL)."""
        total: int = computed_total(self)
        return total


@model_class("四、政府信息公开行政复议、行政诉讼情况")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ReviewAndLitigation:
    """四、政府信息公开行政复议、行政诉讼情况 (table 四)."""

    administrative_review: ReviewGroup = obj("行政复议", "四")
    litigation_direct: ReviewGroup = obj("未经复议直接起诉", "四·行政诉讼")
    litigation_after_review: ReviewGroup = obj("复议后起诉", "四·行政诉讼")


# --- table 二, 2021 edition ---------------------------------------------------------------


@model_class("政府信息公开工作年度报告（2021 年版格式，国办公开办函〔2021〕30号）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Report2021:
    """A whole annual report in the 2021 edition (国办公开办函〔2021〕30号)."""

    format_version: Literal["2021"] = _field(
        "choice", "格式版本", "国办公开办函〔2021〕30号", description="Edition of the template."
    )
    year: int = _field(
        "year", "报告年度", "标题", unit="年", description="Report year (1 January - 31 December)."
    )
    organ: Organ = obj("机关", "标题")
    published_on: datetime.date | None = _field(
        "date", "发布日期", "落款", description="Date of publication, YYYY-MM-DD.", optional=True
    )
    preamble: str | None = text("前言", "前言", "Opening paragraph(s) before section 一.")
    overview: Overview = obj("总体情况", "一")
    active_disclosure: ActiveDisclosure2021 = obj("主动公开政府信息情况", "二")
    applications: Applications2021 = obj("收到和处理政府信息公开申请情况", "三")
    review_and_litigation: ReviewAndLitigation = obj("政府信息公开行政复议、行政诉讼情况", "四")
    problems_and_improvements: str | None = text("存在的主要问题及改进情况", "五")
    other_matters: OtherMatters = obj("其他需要报告的事项", "六")


@model_class("政府信息公开工作年度报告（2019 年版格式，国办公开办函〔2019〕60号）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class Report2019:
    """A whole annual report in the 2019 edition (国办公开办函〔2019〕60号)."""

    format_version: Literal["2019"] = _field(
        "choice", "格式版本", "国办公开办函〔2019〕60号", description="Edition of the template."
    )
    year: int = _field(
        "year", "报告年度", "标题", unit="年", description="Report year (1 January - 31 December)."
    )
    organ: Organ = obj("机关", "标题")
    published_on: datetime.date | None = _field(
        "date", "发布日期", "落款", description="Date of publication, YYYY-MM-DD.", optional=True
    )
    preamble: str | None = text("前言", "前言", "Opening paragraph(s) before section 一.")
    overview: Overview = obj("总体情况", "一")
    active_disclosure: ActiveDisclosure2019 = obj("主动公开政府信息情况", "二")
    applications: Applications2019 = obj("收到和处理政府信息公开申请情况", "三")
    review_and_litigation: ReviewAndLitigation = obj("政府信息公开行政复议、行政诉讼情况", "四")
    problems_and_improvements: str | None = text("存在的主要问题及改进情况", "五")
    other_matters: OtherMatters = obj("其他需要报告的事项", "六")


#: A whole report of any edition: the union of the report classes of :mod:`.editions`.
Report = Report2021 | Report2019
