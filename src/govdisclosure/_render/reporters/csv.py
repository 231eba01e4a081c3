"""The ``csv`` format: one row per finding, for a spreadsheet or to send back to each organ.

UTF-8 with a byte-order mark: Excel and WPS take a CSV without one for the local code page
(GBK on a Chinese Windows) and show the Chinese as mojibake; pandas (``encoding="utf-8-sig"``
or the default, which skips it), R and LibreOffice read it as UTF-8."""

from __future__ import annotations

import csv
from typing import TextIO

from . import Item, Tally

__all__ = ["BOM", "COLUMNS", "Reporter"]

#: The byte-order mark every CSV starts with (see the module's docstring).
BOM = "\ufeff"


#: The header row.
COLUMNS = ("file", "organ", "year", "code", "severity", "path", "label", "expected", "actual", "message")


class Reporter:
    """Rows as the items come (a long batch streams); a file with no finding has no row."""

    def __init__(self, out: TextIO, lang: str, quiet: bool = False) -> None:
        self.lang = lang
        out.write(BOM)
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
