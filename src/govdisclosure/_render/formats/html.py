"""The ``html`` format: one standalone, printable page in the official layout.

No external assets; numbers right-aligned, each number cell carrying its JSON Pointer in
``data-path``; all text escaped; the report's JSON rides along in a data island, so that
``extract()`` reads the page back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence

from ..._codec.convert import Report, to_dict
from ..._codec.jsontext import emit
from ..._findings.finding import Finding
from ..._layout.grid import TABLES as _TABLES
from ..._layout.grid import Cell, placed_outline, title

__all__ = ["render"]


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
th{word-break:keep-all;overflow-wrap:normal}
p.signature{text-align:right;text-indent:0;margin-top:2em}
p.signature+p.date{margin-top:0}
div.scroll{overflow-x:auto;max-width:100%}
.flagged{position:relative;outline:2px solid #c00;outline-offset:-2px}
.flagged.error{background:#fde2dc}
.flagged.warning{background:#fff4cc;outline-style:dashed;outline-color:#a60}
td.flagged.error::before{content:"✗ ";color:#c00}
td.flagged.warning::before{content:"⚠ ";color:#a60}
.flagged:hover::after,.flagged:focus::after{content:attr(data-message);position:absolute;z-index:2;
  left:0;top:100%;min-width:16em;max-width:28em;white-space:pre-wrap;text-align:left;text-indent:0;
  background:#fff;border:1px solid #333;padding:.3em .5em;font-size:.85em;line-height:1.4;color:#000}
section.review{border:2px solid #c00;padding:.5em 1em;margin:1em 0}
section.review.warnings-only{border-color:#a60}
section.review h2{margin-top:.3em}
section.review li.error::marker{color:#c00}
section.review summary{cursor:pointer}
section.review img.crop{display:block;margin:.2em 0 .4em;max-width:100%;border:1px solid #999}
section.review details>ol{margin:.2em 0 .5em}
@media (max-width:600px){body{margin:1em auto;padding:0 .5em}table{font-size:.75em}
  .rowlabel{position:sticky;left:0;z-index:1;background:#fff;box-shadow:1px 0 0 #000}
  table.table3 .rowlabel{min-width:7em;max-width:9em}}
@media print{body{margin:0;max-width:none;padding:0}div.scroll{overflow:visible}
  tr{break-inside:avoid}thead{display:table-header-group}.flagged::after{content:none}}
@page{size:A4;margin:2cm}
""".strip()


class _Marks:
    """Where each finding is shown: an element of the page named by its pointer."""

    def __init__(self, findings: Sequence[Finding], anchors: list[str]) -> None:
        self.by_anchor: dict[str, list[tuple[int, Finding]]] = {}
        self.target: list[str] = []
        known = set(anchors)
        for number, finding in enumerate(findings, 1):
            anchor = _anchor_of(finding.path, anchors, known)
            self.by_anchor.setdefault(anchor, []).append((number, finding))
            self.target.append(anchor)

    def attributes(self, path: str) -> tuple[str, str] | None:
        """(attributes, ``"error"`` or ``"warning"``) of the element shown for ``path``, if
        a finding is shown there."""
        marked = self.by_anchor.get(path)
        if not marked:
            return None
        worst = "error" if any(f.severity == "error" for _, f in marked) else "warning"
        codes = " ".join(dict.fromkeys(f.code for _, f in marked))
        message = "\n".join(f"{n}. {f.code}：{f.message}" for n, f in marked)
        return (
            f' id="{_id(path)}" tabindex="0" data-findings="{html.escape(codes)}"'
            f' data-message="{html.escape(message)}" title="{html.escape(message)}"'
            f' aria-label="{html.escape(message)}"'
        ), worst


def _anchor_of(path: str, anchors: list[str], known: set[str]) -> str:
    if path in known:
        return path
    inside = next((a for a in anchors if a.startswith(path + "/")), None) if path else None
    if inside is not None:
        return inside
    parts = path.split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts)
        if candidate in known:
            return candidate
    return ""


def _id(path: str) -> str:
    return "at" + "".join(ch if ch.isalnum() or ch == "_" else "-" for ch in path) if path else "at-report"


def _html_table(rows: list[list[Cell]], name: str, marks: _Marks | None) -> str:
    out = [f'<div class="scroll"><table class="{name}">']
    body_started = False
    out.append("<thead>")
    for row in rows:
        if not body_started and any(c.path is not None or not c.header for c in row):
            out.append("</thead><tbody>")
            body_started = True
        out.append("<tr>")
        # The row's own label, the cell just before its first number: on a narrow screen it
        # stays in view while the numbers scroll sideways.
        first = next((i for i, c in enumerate(row) if c.path is not None), 0)
        label_at = first - 1 if first and row[first - 1].path is None else -1
        for index, cell in enumerate(row):
            attributes = ""
            if index == label_at:
                attributes += ' class="rowlabel"'
            if cell.rowspan > 1:
                attributes += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attributes += f' colspan="{cell.colspan}"'
            if cell.path is not None:
                classes = "num"
                mark = marks.attributes(cell.path) if marks else None
                if mark:
                    extra, worst = mark
                    classes += f" flagged {worst}"
                    attributes += extra
                attributes += f' class="{classes}" data-path="{cell.path}"'
            elif cell.header and cell.rowspan == 3 and cell.colspan == 3:
                attributes += ' class="corner"'
            tag = "th" if cell.header else "td"
            out.append(f"<{tag}{attributes}>{html.escape(cell.text)}</{tag}>")
        out.append("</tr>")
    out.append("</tbody></table></div>" if body_started else "</thead></table></div>")
    return "\n".join("".join(part) for part in _split_rows(out))


def _split_rows(parts: list[str]) -> Iterator[list[str]]:
    row: list[str] = []
    for part in parts:
        row.append(part)
        if part in ("</tr>", "<thead>") or part.startswith(("<div", "</thead>", "</tbody>")):
            yield row
            row = []
    if row:
        yield row


_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _text(payload: str) -> str:
    # Text copied from Markdown keeps its bold markers (**…**): they are shown as bold.
    return _BOLD.sub(lambda m: f"<strong>{m.group(1)}</strong>", html.escape(payload))


def _review(findings: Sequence[Finding], marks: _Marks, crops: Mapping[str, str] | None = None) -> str:
    # One entry per code (data-code, data-count), in the order the codes first occur, that
    # opens to the list of its places, each linking to its cell: 135 blank cells are one
    # entry, not 135. A code found once is open.
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    kind = "review" if errors else "review warnings-only"
    groups: dict[str, list[tuple[Finding, str]]] = {}
    for finding, anchor in zip(findings, marks.target, strict=True):
        groups.setdefault(finding.code, []).append((finding, anchor))
    out = [
        f'<section class="{kind}" id="findings" aria-label="审核意见 / findings">',
        f"<h2>审核发现 / Findings：{errors} 个错误，{warnings} 个警告（{len(groups)} 类）</h2>",
        '<ol class="groups">',
    ]
    for code, members in groups.items():
        worst = "error" if any(f.severity == "error" for f, _ in members) else "warning"
        label = "错误" if worst == "error" else "警告"
        count = len(members)
        where = f"（{count} 处）" if count > 1 else ""
        out.append(
            f'<li class="group {worst}" data-code="{html.escape(code)}" data-count="{count}">'
            f"<details{' open' if count == 1 else ''}><summary>【{label}】{html.escape(code)}{where}</summary><ol>"
        )
        for finding, anchor in members:
            crop = (crops or {}).get(finding.path)
            # A scan's number: the part of the page it was read from, beside the value read.
            shown = f'<img class="crop" alt="原件 / the page" src="{html.escape(crop)}">' if crop else ""
            out.append(
                f'<li class="{finding.severity}" data-code="{finding.code}" data-path="{html.escape(finding.path)}">'
                f'<a href="#{_id(anchor)}">{html.escape(finding.message)}</a>{shown}</li>'
            )
        out.append("</ol></details></li>")
    out.append("</ol></section>")
    return "\n".join(out)


def render(
    report: Report, findings: Sequence[Finding] | None = None, crops: Mapping[str, str] | None = None
) -> str:
    """The report as one HTML page (``str``); with ``findings``, the review page: a numbered
    list of them at the top, each linking to its cell or part, which is marked (errors and
    warnings by colour, outline and sign) with the message on hover and focus."""
    blocks = list(placed_outline(report))
    anchors: list[str] = []
    for kind, payload, path in blocks:
        if kind in _TABLES:
            anchors.extend(c.path for row in _TABLES[kind](payload) for c in row if c.path)
        anchors.append(path)
    marks = _Marks(findings, anchors) if findings else None
    body: list[str] = []
    if findings and marks is not None:
        body.append(_review(findings, marks, crops))
    seen: set[str] = set()
    for kind, payload, path in blocks:
        mark = marks.attributes(path) if marks is not None and path not in seen else None
        extra, classes = "", []
        if mark:
            extra, worst = mark
            classes = ["flagged", worst]
            seen.add(path)
        if kind in _TABLES:
            if mark:
                body.append(f'<div{extra} class="{" ".join(classes)}"></div>')
            body.append(_html_table(_TABLES[kind](payload), kind, marks))
        elif kind in ("date", "signature"):
            body.append(f'<p class="{" ".join([kind, *classes])}"{extra}>{html.escape(payload)}</p>')
        else:
            cls = f' class="{" ".join(classes)}"' if classes else ""
            body.append(f"<{kind}{cls}{extra}>{_text(payload)}</{kind}>")
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
