"""The ``csv`` format: one row per finding, for a spreadsheet or to send back to each organ."""

from __future__ import annotations

import csv
from typing import TextIO

from . import Item, Tally

__all__ = ["COLUMNS", "Reporter"]


#: The header row.
COLUMNS = ("file", "organ", "year", "code", "severity", "path", "label", "expected", "actual", "message")


class Reporter:
    """Rows as the items come (a long batch streams); a file with no finding has no row."""

    def __init__(self, out: TextIO, lang: str, quiet: bool = False) -> None:
        self.lang = lang
        self.writer = csv.writer(out, lineterminator="\n")
        self.writer.writerow(COLUMNS)

    def item(self, item: Item) -> None:
        for f in item.findings:
            message = f.message if self.lang == "zh" else f.message_en
            values = ("" if v is None else str(v) for v in (f.expected, f.actual))
            where = (item.organ or "", "" if item.year is None else item.year)
            self.writer.writerow((item.name, *where, f.code, f.severity, f.path, f.label, *values, message))

    def close(self, tally: Tally) -> None:
        pass
