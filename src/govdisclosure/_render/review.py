"""Review pages: a report in the official layout with every cell named by a finding marked,
and for many files an index page linking to each file's page."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .._codec.convert import Report
from .._codec.jsontext import writable
from .._findings.finding import Finding

__all__ = ["not_a_report_page", "review_page", "write_reviews"]

_INDEX_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:64em;padding:0 1em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.3em .5em}
td.num{text-align:right}tr.errors td.errors{background:#fde2dc;font-weight:bold}
tr.warnings td.warnings{background:#fff4cc}
"""


def review_page(report: Report, findings: Iterable[Finding], crops: Mapping[str, str] | None = None) -> str:
    """The review page of one report: :func:`govdisclosure.render` with its findings, and for
    a scan the crop of the page beside each flagged number (``crops``: pointer → image URI)."""
    from .formats.html import render

    return writable(render(report, tuple(findings), crops))


def not_a_report_page(name: str, findings: Iterable[Finding]) -> str:
    """The review page of a file that holds no report: its name and what is wrong."""
    items = "".join(f"<li>{html.escape(f.code)}：{html.escape(f.message)}</li>" for f in findings)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>'
        f"{html.escape(name)}</title></head><body><h1>{html.escape(name)}</h1>"
        f'<section class="review" id="findings"><ol>{items}</ol></section></body></html>\n'
    )


#: A page name's stem at most this long (a file system takes 255 bytes; a Chinese character is
#: three): a longer one is cut and given a stable hash of the whole name.
_STEM = 60


def _page_name(name: str, used: set[str]) -> str:
    # A page name that cannot collide: with the index (a report named index.json), with another
    # page (two reports of one name in two folders), or with the file system's limit.
    import hashlib

    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in Path(name).stem) or "report"
    if len(stem) > _STEM:
        stem = f"{stem[:_STEM]}-{hashlib.sha1(os.fsencode(name)).hexdigest()[:10]}"
    page_name, n = f"{stem}.html", 1
    while page_name in used or page_name.lower() == "index.html":
        n += 1
        page_name = f"{stem}-{n}.html"
    return page_name


def write_reviews(
    entries: Iterable[tuple[str, Report | None, tuple[Finding, ...], Mapping[str, str]]], folder: Path
) -> tuple[int, int]:
    """Write one review page per entry into ``folder`` and an ``index.html`` listing them
    (organ, year, errors, warnings, a link); returns (files, files with errors)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    count = failed = 0
    used: set[str] = set()
    for name, report, findings, crops in entries:
        count += 1
        page_name = _page_name(name, used)
        used.add(page_name)
        page = (
            review_page(report, findings, crops) if report is not None else not_a_report_page(name, findings)
        )
        (folder / page_name).write_text(writable(page), encoding="utf-8")
        errors = sum(f.severity == "error" for f in findings)
        warnings = len(findings) - errors
        failed += errors > 0
        classes = " ".join(c for c, n in (("errors", errors), ("warnings", warnings)) if n)
        organ = html.escape(report.organ.name) if report is not None else "—"
        year = report.year if report is not None else "—"
        rows.append(
            f'<tr class="{classes}"><td><a href="{html.escape(page_name)}">{html.escape(os.fspath(name))}</a></td>'
            f'<td>{organ}</td><td class="num">{year}</td><td class="num errors">{errors}</td>'
            f'<td class="num warnings">{warnings}</td></tr>'
        )
    index = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>审核结果 / Review</title><style>{_INDEX_STYLE}</style></head><body>"
        f"<h1>审核结果 / Review：{count} 个文件，{failed} 个有错误</h1>"
        "<table><thead><tr><th>文件 / file</th><th>机关 / organ</th><th>年度 / year</th>"
        "<th>错误 / errors</th><th>警告 / warnings</th></tr></thead><tbody>"
        + "\n".join(rows)
        + "</tbody></table></body></html>\n"
    )
    (folder / "index.html").write_text(writable(index), encoding="utf-8")
    return count, failed
