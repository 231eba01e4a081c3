"""Table 二 (主动公开政府信息情况) of both editions: the rows of 第二十条 and the section.

Part of the model (:mod:`.classes` re-exports every class); split out to keep modules short.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from .meta import _field, count, model_class, obj
from .money import Unit

__all__ = [
    "ActiveDisclosure2019",
    "ActiveDisclosure2021",
    "DecisionRow",
    "DocumentRow2019",
    "FeeRow",
    "FeeRow2019",
    "ItemRow2019",
    "ProcurementRow2019",
    "RegulationRow",
]


@model_class("第二十条第（一）项（规章、行政规范性文件）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class RegulationRow:
    """A 第二十条第（一）项 row of the 2021 edition."""

    issued: int = count("本年制发件数", "第二十条第（一）项")
    repealed: int = count("本年废止件数", "第二十条第（一）项")
    in_force: int = count("现行有效件数", "第二十条第（一）项")


@model_class("第二十条第（五）、（六）项（处理决定）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class DecisionRow:
    """A 第二十条第（五）/（六）项 row of the 2021 edition."""

    decisions: int = count("本年处理决定数量", "第二十条")


@model_class("第二十条第（八）项（行政事业性收费）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class FeeRow:
    """The 第二十条第（八）项 row of the 2021 edition."""

    amount_10k_yuan: Decimal = _field(
        "money",
        "本年收费金额",
        "第二十条第（八）项",
        unit="万元",
        description="Fees collected this year in units of 10,000 yuan, exact.",
    )


@model_class("二、主动公开政府信息情况")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ActiveDisclosure2021:
    """二、主动公开政府信息情况 (table 二), 2021 edition."""

    regulations: RegulationRow = obj("规章", "第二十条第（一）项")
    normative_documents: RegulationRow = obj("行政规范性文件", "第二十条第（一）项")
    licensing: DecisionRow = obj("行政许可", "第二十条第（五）项")
    punishment: DecisionRow = obj("行政处罚", "第二十条第（六）项")
    enforcement: DecisionRow = obj("行政强制", "第二十条第（六）项")
    fees: FeeRow = obj("行政事业性收费", "第二十条第（八）项")


# --- table 二, 2019 edition ---------------------------------------------------------------


@model_class("第二十条第（一）项（规章、规范性文件）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class DocumentRow2019:
    """A 第二十条第（一）项 row of the 2019 edition."""

    newly_made: int = count("本年新制作数量", "第二十条第（一）项")
    newly_published: int = count("本年新公开数量", "第二十条第（一）项")
    total_published: int = count("对外公开总数量", "第二十条第（一）项")


def _change(position: str) -> int:
    result: int = _field(
        "signed",
        "本年增/减",
        position,
        unit="件",
        description="Change in the number of items this year; may be negative.",
    )
    return result


@model_class("第二十条第（五）、（六）项（项目数量与处理决定）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ItemRow2019:
    """A 第二十条第（五）/（六）项 row of the 2019 edition."""

    items_last_year: int = count("上一年项目数量", "第二十条")
    items_change: int = _change("第二十条")
    decisions: int = count("处理决定数量", "第二十条")


@model_class("第二十条第（八）项（行政事业性收费）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class FeeRow2019:
    """The 第二十条第（八）项 row of the 2019 edition."""

    items_last_year: int = count("上一年项目数量", "第二十条第（八）项")
    items_change: int = _change("第二十条第（八）项")


@model_class("第二十条第（九）项（政府集中采购）")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ProcurementRow2019:
    """The 第二十条第（九）项 row of the 2019 edition (its amount has no unit in the template)."""

    projects: int = count("采购项目数量", "第二十条第（九）项")
    total_amount: Decimal = _field(
        "money",
        "采购总金额",
        "第二十条第（九）项",
        description="Total amount of centralised procurement, exact, in the unit given by `unit`.",
    )
    unit: Unit = _field(
        "choice",
        "金额单位",
        "第二十条第（九）项",
        description="The unit of total_amount as the report writes it: yuan (元) or 10k_yuan (万元).",
    )


@model_class("二、主动公开政府信息情况")
@attrs.frozen(kw_only=True, weakref_slot=False, repr=False, eq=False)
class ActiveDisclosure2019:
    """二、主动公开政府信息情况 (table 二), 2019 edition."""

    regulations: DocumentRow2019 = obj("规章", "第二十条第（一）项")
    normative_documents: DocumentRow2019 = obj("规范性文件", "第二十条第（一）项")
    licensing: ItemRow2019 = obj("行政许可", "第二十条第（五）项")
    other_services: ItemRow2019 = obj("其他对外管理服务事项", "第二十条第（五）项")
    punishment: ItemRow2019 = obj("行政处罚", "第二十条第（六）项")
    enforcement: ItemRow2019 = obj("行政强制", "第二十条第（六）项")
    fees: FeeRow2019 = obj("行政事业性收费", "第二十条第（八）项")
    procurement: ProcurementRow2019 = obj("政府集中采购", "第二十条第（九）项")


# --- whole reports ------------------------------------------------------------------------
