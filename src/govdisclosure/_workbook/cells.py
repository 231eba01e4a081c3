"""How one value is written into a cell and read back out of it, exactly.

A spreadsheet holds numbers as IEEE doubles and strings of at most 32,767 characters without
most control characters. Whole numbers of up to 15 digits and money whose digits a double holds
are written as numbers (money with as many decimals in its number format as it has); anything
else is written as text in a cell formatted as text (``@``), which the reader takes as it is,
without the warning a number typed as text gets.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["TEXT_FORMAT", "cell_text", "decode_text", "encode_text", "money_cell", "read_money", "whole_cell"]

TEXT_FORMAT = "@"
#: Whole numbers beyond this many digits are written as text (a double holds 15 exactly).
_NUMBER_DIGITS = 15
#: Characters per cell when a text is cut over several cells (the limit is 32,767).
CHUNK = 32_000
# What a cell cannot hold as it is: control characters, the two non-characters, lone
# surrogates (no UTF-8 form) and _xHHHH_, which a workbook reads as an escaped character.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff\ud800-\udfff]|_x[0-9A-Fa-f]{4}_")


def whole_cell(value: int) -> tuple[Any, str]:
    """(cell value, number format) of a whole number."""
    if abs(value) < 10**_NUMBER_DIGITS:
        return value, "0"
    return str(value), TEXT_FORMAT


def money_cell(value: Decimal) -> tuple[Any, str]:
    """(cell value, number format) of an amount of money."""
    _, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and len(digits) <= _NUMBER_DIGITS and -20 <= exponent <= 20:
        if exponent >= 0:
            return int(value), "0"
        number = float(value)
        if Decimal(repr(number)) == value:
            return number, "0." + "0" * -exponent
    return str(value), TEXT_FORMAT


def read_money(value: float | int, number_format: str) -> Decimal:
    """The exact amount of a numeric cell: the double's shortest form, with the decimals its
    number format shows (``12.5`` in a ``0.00`` cell is ``12.50``)."""
    amount = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    match = re.fullmatch(r"[#0,]*0\.(0+)", number_format or "")
    if match and isinstance(exponent := amount.as_tuple().exponent, int) and exponent > -len(match.group(1)):
        try:
            return amount.quantize(Decimal(1).scaleb(-len(match.group(1))))
        except InvalidOperation:
            return amount
    return amount


def encode_text(text: str) -> tuple[list[str], str]:
    """The cells a string is written in, and how (``""`` as it is, ``"JSON"`` as a JSON string:
    an empty string, surrounding white space, a carriage return or a character a workbook
    cannot hold)."""
    plain = (
        bool(text) and text == text.strip() and not _ILLEGAL.search(text) and not text.startswith(("=", "'"))
    )
    written = text
    if not plain:
        written = json.dumps(text, ensure_ascii=False)
        if _ILLEGAL.search(written):
            written = json.dumps(text, ensure_ascii=True).replace("_x", "\\u005fx")
    return _chunks(written) or [""], "" if plain else "JSON"


def _chunks(text: str) -> list[str]:
    # Pieces of at most CHUNK UTF-16 units, as a workbook counts a cell's length (a character
    # past U+FFFF is two): 32,000 such characters are 64,000 units, past a cell's 32,767.
    if len(text) <= CHUNK // 2 or len(text.encode("utf-16-le")) <= 2 * CHUNK:
        return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]
    out, start, units = [], 0, 0
    for index, char in enumerate(text):
        width = 2 if ord(char) > 0xFFFF else 1
        if units + width > CHUNK:
            out.append(text[start:index])
            start, units = index, 0
        units += width
    out.append(text[start:])
    return out


def cell_text(text: str) -> str:
    """``text`` as a dataset's cell shows it: each character a cell cannot hold (a control
    character, a lone surrogate, the ``_`` of ``_xHHHH_``) written as its ``\\uXXXX`` escape;
    any other text as it is. For reading: unlike :func:`encode_text`, not read back."""
    if _ILLEGAL.search(text) is None:
        return text
    return _ILLEGAL.sub(lambda m: f"\\u{ord(m.group()[0]):04x}{m.group()[1:]}", text)


def decode_text(chunks: list[str], how: str) -> str:
    """The string :func:`encode_text` wrote; ``ValueError`` if a JSON-written one is broken."""
    joined = "".join(chunks)
    if how == "JSON":
        value = json.loads(joined)
        if not isinstance(value, str):
            raise ValueError("not a JSON string")
        return value
    return joined
