"""The quantities the narrative may state and the tables also hold, and reading numbers in
Arabic or Chinese numerals (二十一, 两, 一百零五): data for :mod:`.narrative`'s checks."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs

from .._ground.values import value_class
from .._model.template import NUMERALS, numeral_value

__all__ = ["QUANTITIES", "Quantity", "chinese_number"]

_DIGITS = {"零": 0, "〇": 0, "两": 2, **{c: numeral_value(c) for c in NUMERALS[:9]}}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """A whole number written in Chinese numerals (``二十一`` 21, ``两`` 2, ``一百零五`` 105,
    ``一万二千`` 12000), or ``None`` if ``text`` is not one."""
    if not text or len(text) > 12:
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in "零〇":
            if len(text) == 1:
                return 0
            continue  # a place holder: 一百零五
        if char in _DIGITS:
            if digit is not None:
                return None  # two digits in a row: "二三" is no number
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        elif char == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


_QUICK_DIGITS = 18

_NUM = r"(\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]{1,12})"
# Words between a keyword and its number: never across a clause or a number; a statement whose
# words turn it to something else (another procedure, a proposal, a complaint) is dropped
# after the match (see _FOREIGN), which is cheaper than a look-ahead at every character.
_GAP = r"[^，。；,;\d]{0,%d}?"
_FOREIGN = ("行政", "复议", "诉讼", "提案", "建议", "信访", "投诉", "案件")


def _number(text: str) -> Decimal | None:
    if text.isdigit():
        # int() first, the quicker for a count; a run of more digits than int() reads from text
        # (4,300 by default) is read by Decimal alone.
        return Decimal(int(text)) if len(text) <= _QUICK_DIGITS else Decimal(text)
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None
    value = chinese_number(text)
    return None if value is None else Decimal(value)


@value_class
@attrs.frozen(repr=False, eq=False)
class Quantity:
    """One kind of statement: its name, the Chinese words of the finding, the words one of which
    every statement of it contains (a fast test before the patterns), the patterns that state
    it (each with one number group), the table values it may fairly mean, and whether only the
    words before ``其中`` count (a total, not its breakdown)."""

    name: str
    words: str
    needs: tuple[str, ...]
    patterns: tuple[str, ...]
    accepts: Callable[[Any], set[int | Decimal]]
    before_breakdown: bool = True
    #: Words every statement contains besides one of ``needs`` (the unit, say).
    also: tuple[str, ...] = ()
    #: What each pattern's number is multiplied by to be in the table's unit (元 to 万元).
    scales: tuple[Decimal, ...] = ()


def _total(row: Any) -> int:
    # Counts stay ints: a statement's Decimal equals an int of its value (and hashes alike).
    return row.total  # type: ignore[no-any-return]


def _received(r: Any) -> set[int | Decimal]:
    a = r.applications
    return {_total(a.new_received), _total(a.new_received) + _total(a.carried_over)}


def _handled(r: Any) -> set[int | Decimal]:
    a = r.applications
    return {_total(a.results.total), *_received(r)}


def _granted(r: Any) -> set[int | Decimal]:
    res = r.applications.results
    return {_total(res.granted), _total(res.granted) + _total(res.partially_granted)}


def _litigation(r: Any) -> set[int | Decimal]:
    g = r.review_and_litigation
    direct, after = _total(g.litigation_direct), _total(g.litigation_after_review)
    return {direct + after, direct, after}


def _table_fee(r: Any) -> set[int | Decimal]:
    # Table 二's fee amount in 万元 (2021 edition; the 2019 table counts fee items instead).
    amount = getattr(r.active_disclosure.fees, "amount_10k_yuan", None)
    return set() if amount is None else {amount}


def _decisions(name: str) -> Callable[[Any], set[int | Decimal]]:
    return lambda r: {getattr(r.active_disclosure, name).decisions}


_PIECES = r"\s*(?:件|条|起|宗|个|人次)"

#: The statements compared with the tables, in the order they are looked for.
QUANTITIES: tuple[Quantity, ...] = (
    Quantity(
        "received",
        "收到政府信息公开申请",
        ("收到", "受理", "新收", "接收", "接到"),
        (
            r"(?:收到|受理|新收|接收|接到)"
            + _GAP % 14
            + r"(?:公开申请|依申请公开|申请)"
            + _GAP % 4
            + _NUM
            + _PIECES,
        ),
        _received,
        also=("申请",),
    ),
    Quantity(
        "handled",
        "办结（答复）政府信息公开申请",
        ("办结", "答复", "办理"),
        (r"(?:办结|答复|办理完毕|处理完毕|共办理|已办理)" + _GAP % 6 + _NUM + r"\s*件",),
        _handled,
        also=("件",),
    ),
    Quantity(
        "carried_over",
        "上年结转的申请",
        ("结转",),
        (r"上年(?:度)?结转" + _GAP % 8 + _NUM + r"\s*件",),
        lambda r: {_total(r.applications.carried_over)},
        before_breakdown=False,
        also=("件",),
    ),
    Quantity(
        "carried_forward",
        "结转下年度继续办理的申请",
        ("结转",),
        (r"结转(?:至|到)?下(?:一)?年(?:度)?" + _GAP % 6 + _NUM + r"\s*件",),
        lambda r: {_total(r.applications.carried_forward)},
        before_breakdown=False,
        also=("件", "下"),
    ),
    Quantity(
        "granted",
        "予以公开的申请",
        ("予以公开",),
        (r"予以公开" + _GAP % 2 + _NUM + r"\s*件",),
        _granted,
        before_breakdown=False,
        also=("件",),
    ),
    Quantity(
        "review",
        "政府信息公开行政复议案件",
        ("行政复议",),
        (r"(?:被申请|提起|引发|发生)的?行政复议" + _GAP % 4 + _NUM + r"\s*(?:件|起|宗)",),
        lambda r: {_total(r.review_and_litigation.administrative_review)},
        before_breakdown=False,
    ),
    Quantity(
        "litigation",
        "政府信息公开行政诉讼案件",
        ("行政诉讼",),
        (
            # "引发的行政复议36起，行政诉讼9起": a count of litigation listed after one of review
            # shares its verb.
            r"(?:(?:被提起|提起|引发|发生)的?|行政复议\s*\d+\s*(?:件|起|宗)\s*[，、,和及]\s*)行政诉讼"
            + _GAP % 4
            + _NUM
            + r"\s*(?:件|起|宗)",
        ),
        _litigation,
        before_breakdown=False,
    ),
    *(
        Quantity(
            f"{name}_decisions",
            f"行政{word}决定",
            (f"行政{word}",),
            (r"(?:作出|办理|实施)行政" + word + r"(?:决定)?" + _GAP % 4 + _NUM + r"\s*(?:件|起|宗|个)",),
            _decisions(name),
            before_breakdown=False,
        )
        for name, word in (("licensing", "许可"), ("punishment", "处罚"), ("enforcement", "强制"))
    ),
    Quantity(
        "fees",
        "行政事业性收费金额（万元）",
        ("行政事业性收费",),
        (
            r"行政事业性收费" + _GAP % 8 + _NUM + r"\s*万元",
            r"行政事业性收费" + _GAP % 8 + _NUM + r"\s*(?<!万)元",
        ),
        _table_fee,
        before_breakdown=False,
        scales=(Decimal(1), Decimal("0.0001")),
    ),
)
