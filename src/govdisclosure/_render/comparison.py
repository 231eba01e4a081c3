"""The comparison as a page a reviewer reads: both years side by side."""

from __future__ import annotations

import html
from typing import Any

from .._codec.convert import Report
from .._codec.jsontext import writable
from .._layout.grid import number, title
from .._layout.headings import COMPARISON_HEADING
from .._many.compare import REPEATED_THRESHOLD, Comparison

__all__ = ["page"]

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:1.5em;max-width:72em}
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.changed td{background:#fff4d6}
.up::before{content:"▲ "}.down::before{content:"▼ "}.repeated{background:#f8cbad}
.finding{margin:.2em 0}.text{white-space:pre-wrap}
@media (max-width:40em){body{margin:.5em}table{font-size:.85em}}
"""


def _esc(value: Any) -> str:
    return html.escape(
        ""
        if value is None
        else number(value)
        if isinstance(value, int) or hasattr(value, "as_tuple")
        else str(value)
    )


def page(previous: Report, current: Report, comparison: Comparison) -> str:
    """One standalone HTML page: the findings, every cell of both years with the change
    (changed rows marked, direction shown by ▲/▼ as well as colour), and each narrative part
    of both years side by side with the share of it repeated."""
    head = COMPARISON_HEADING.format(
        organ=html.escape(current.organ.name), previous=previous.year, current=current.year
    )
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{head}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{head}</h1>",
        f"<p>{html.escape(title(previous))} / {html.escape(title(current))}</p>",
        f"<h2>发现的问题 / Findings（{len(comparison.findings)}）</h2><ol>",
    ]
    for f in comparison.findings:
        out.append(
            f'<li class="finding" data-code="{f.code}">{html.escape(f.code)}：{html.escape(f.message)}</li>'
        )
    out.append("</ol>")
    out.append(
        f"<h2>表格数据 / Cells</h2><table><thead><tr><th>项目</th><th>{previous.year}</th>"
        f"<th>{current.year}</th><th>变化 / change</th></tr></thead><tbody>"
    )
    for c in comparison.cells:
        change = c.change
        direction = "num" if not change else "num up" if change > 0 else "num down"
        row_class = ' class="changed"' if c.differs else ""
        out.append(
            f'<tr{row_class} data-path="{html.escape(c.path)}">'
            f'<td>{html.escape(c.label)}</td><td class="num">{_esc(c.previous)}</td>'
            f'<td class="num">{_esc(c.current)}</td><td class="{direction}">{_esc(change)}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(f"<h2>文字部分 / Narrative (repeated ≥ {REPEATED_THRESHOLD:.0%} is flagged)</h2>")
    out.append(
        f"<table><thead><tr><th>部分</th><th>{previous.year}</th><th>{current.year}</th><th>重复比例</th></tr></thead><tbody>"
    )
    for t in comparison.texts:
        before: Any = previous
        after: Any = current
        for token in t.path.split("/")[1:]:
            before = getattr(before, token, None)
            after = getattr(after, token, None)
        flag = ' class="repeated"' if t.similarity >= REPEATED_THRESHOLD else ""
        out.append(
            f'<tr data-path="{html.escape(t.path)}"><td>{html.escape(t.label)}</td>'
            f'<td class="text">{_esc(before)}</td><td class="text">{_esc(after)}</td>'
            f"<td{flag}>{t.similarity:.0%}</td></tr>"
        )
    out.append("</tbody></table></body></html>\n")
    return writable("\n".join(out))
