"""Facts of the national template that are not fields: its numerals, the order and headings of
its six sections, and which of them are tables. Read from the report classes where the classes
say them, written here once where they do not.
"""

from __future__ import annotations

import attrs

from .classes import Report2021
from .meta import METADATA_KEY

__all__ = ["CHOICE_LABELS", "NUMERALS", "SECTIONS", "TABLE_SECTIONS", "numeral", "numeral_value"]

#: The numerals that number the template's sections and parts (一 … 十).
NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """``n`` (1 to 99) in Chinese numerals as the template numbers its parts: ``七``, ``十``,
    ``十一``, ``二十三``."""
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


def numeral_value(char: str) -> int:
    """The value (1 to 10) of one numeral of :data:`NUMERALS`; ``ValueError`` for another
    character."""
    return NUMERALS.index(char) + 1


def _sections() -> tuple[tuple[str, str], ...]:
    # The fields of a report whose template position is a section's numeral, in order; both
    # editions share the six sections.
    out = []
    for f in attrs.fields(Report2021):
        info = f.metadata[METADATA_KEY]
        if info.position and info.position in NUMERALS:
            out.append((f.name, info.label))
    return tuple(out)


#: The six sections in template order: (field name, heading as the template prints it after
#: its numeral, ``政府信息公开行政复议、行政诉讼情况``).
SECTIONS: tuple[tuple[str, str], ...] = _sections()

#: The sections that are tables (二, 三, 四): the sections holding numbers rather than prose.
TABLE_SECTIONS: tuple[str, ...] = tuple(
    name for (name, _), number in zip(SECTIONS, NUMERALS, strict=False) if number in "二三四"
)


#: The Chinese a person reads for a choice the JSON keeps as a code: the organ kinds, as the
#: template (条例第四十九条) names them. A workbook offers and shows these; the JSON keeps codes.
CHOICE_LABELS: dict[str, str] = {"people_government": "人民政府", "department": "部门", "other": "其他"}
