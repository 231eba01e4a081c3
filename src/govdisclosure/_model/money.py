"""Arithmetic on money as documents write it: any exponent (``1e999999999`` is valid money), a
result exact or none at all.

Python's default decimal context traps an exponent past ±999,999 and rounds to 28 digits, so
``Decimal("1e999999999") * 5`` raises ``decimal.Overflow`` and a sum may silently round. The
contexts here take every exponent; :func:`difference` and :func:`total` give ``None`` rather
than a rounded number, and :func:`rough` is for comparisons, where rounding past 50 digits
cannot change which of two amounts is larger by a factor.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from contextlib import AbstractContextManager
from decimal import Decimal
from typing import Literal, get_args

from .._ground.limits import PLAIN_DIGITS

__all__ = [
    "LARGE_UNIT",
    "ROUGH",
    "UNIT_FIELD",
    "UNIT_NAMES",
    "YUAN_PER_UNIT",
    "Unit",
    "difference",
    "in_unit",
    "rough",
    "total",
]

#: The field beside an amount that names its unit (the 2019 procurement row).
UNIT_FIELD = "unit"

#: The units an amount of the 2019 procurement row is given in: 元 and 万元.
Unit = Literal["yuan", "10k_yuan"]
#: Each unit code as a report prints it.
UNIT_NAMES: dict[str, str] = dict(zip(get_args(Unit), ("元", "万元"), strict=True))
#: How many 元 one of each unit is.
YUAN_PER_UNIT: dict[str, Decimal] = dict(zip(get_args(Unit), (Decimal(1), Decimal(10_000)), strict=True))
#: The unit a total of amounts in several units is given in.
LARGE_UNIT = "10k_yuan"

_EXACT = decimal.Context(
    prec=PLAIN_DIGITS,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)

#: The context of comparisons: every exponent, 50 digits, rounded without a trap.
ROUGH = decimal.Context(
    prec=50,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero],
)


def difference(a: Decimal, b: Decimal) -> Decimal | None:
    """``a - b`` exactly; ``None`` if that takes more than :data:`PLAIN_DIGITS` digits
    (``1e999999999 - 5``)."""
    try:
        return _EXACT.subtract(a, b)
    except decimal.Inexact:
        return None


def total(values: Iterable[Decimal]) -> Decimal | None:
    """The exact sum of ``values`` (``Decimal(0)`` for none); ``None`` if it takes more than
    :data:`PLAIN_DIGITS` digits."""
    out = Decimal(0)
    try:
        for value in values:
            out = _EXACT.add(out, value)
    except decimal.Inexact:
        return None
    return out


def in_unit(amount: Decimal, unit: str, wanted: str) -> Decimal | None:
    """``amount`` given in ``unit`` (``"yuan"`` or ``"10k_yuan"``), exactly, in ``wanted``;
    ``None`` if that takes more than :data:`PLAIN_DIGITS` digits."""
    if unit == wanted:
        return amount
    try:
        return _EXACT.divide(_EXACT.multiply(amount, YUAN_PER_UNIT[unit]), YUAN_PER_UNIT[wanted])
    except decimal.Inexact:
        return None


def rough() -> AbstractContextManager[decimal.Context]:
    """A ``with`` block in which money is compared by arithmetic of :data:`ROUGH`."""
    return decimal.localcontext(ROUGH)
