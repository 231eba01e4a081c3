"""The ``html`` format: one standalone, printable page in the official layout.

No external assets; numbers right-aligned, each number cell carrying its JSON Pointer in
``data-path``; all text escaped; the report's JSON rides along in a data island, so that
``extract()`` reads the page back.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence

from .._convert import Report, to_dict
from .._findings import Finding
from .._json import emit
from .._layout import TABLES as _TABLES
from .._layout import Cell, outline, title

__all__ = ["DESCRIPTION", "render"]

#: One line for ``--help`` and the docs.
DESCRIPTION = "one standalone, printable HTML page in the official layout"


_CSS = """
body{font-family:"Noto Serif CJK SC","Source Han Serif SC","Songti SC",SimSun,serif;
  margin:2em auto;max-width:64em;padding:0 1em;line-height:1.8;color:#000;background:#fff}
h1{text-align:center;font-size:1.5em;margin:1em 0}
h2{font-size:1.2em;margin:1.4em 0 .5em}
h3{font-size:1.05em;margin:1em 0 .3em}
p{text-indent:2em;margin:.3em 0}
p.date{text-align:right;text-indent:0;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.8em 0;font-size:.9em;line-height:1.4}
th,td{border:1px solid #000;padding:.3em .4em;vertical-align:middle}
th{font-weight:normal;text-align:center}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.corner{font-size:.85em}
table.table3 td.num,table.table3 th{min-width:3em}
@media print{body{margin:0;max-width:none;padding:0}tr{page-break-inside:avoid}}
@page{size:A4;margin:2cm}
""".strip()


def _html_table(rows: list[list[Cell]], name: str) -> str:
    out = [f'<table class="{name}">']
    for row in rows:
        out.append("<tr>")
        for cell in row:
            attributes = ""
            if cell.rowspan > 1:
                attributes += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attributes += f' colspan="{cell.colspan}"'
            if cell.path is not None:
                attributes += f' class="num" data-path="{cell.path}"'
            elif cell.header and cell.rowspan == 3 and cell.colspan == 3:
                attributes += ' class="corner"'
            tag = "th" if cell.header else "td"
            out.append(f"<{tag}{attributes}>{html.escape(cell.text)}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return (
        "".join(out[:1]) + "\n" + "\n".join("".join(_row) for _row in _split_rows(out[1:-1])) + "\n</table>"
    )


def _split_rows(parts: list[str]) -> Iterator[list[str]]:
    row: list[str] = []
    for part in parts:
        row.append(part)
        if part == "</tr>":
            yield row
            row = []


def render(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """The report as one HTML page (``str``)."""
    body: list[str] = []
    for kind, payload in outline(report):
        if kind in _TABLES:
            body.append(_html_table(_TABLES[kind](payload), kind))
        elif kind == "date":
            body.append(f'<p class="date">{html.escape(payload)}</p>')
        else:
            body.append(f"<{kind}>{html.escape(payload)}</{kind}>")
    heading = html.escape(title(report))
    # The report itself, as a JSON data island: extract() reads a rendered page back exactly,
    # whatever its text. "<" is escaped so that no text can close the script element.
    island = emit(to_dict(report)).replace("<", "\\u003c")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="govdisclosure">\n<title>{heading}</title>\n'
        f"<style>\n{_CSS}\n</style>\n"
        f'<script type="application/json" id="govdisclosure-report">\n{island}\n</script>\n'
        "</head>\n<body>\n"
        f'<article class="report" data-edition="{report.format_version}">\n'
        + "\n".join(body)
        + "\n</article>\n</body>\n</html>\n"
    )
