"""The ``markdown`` format: the same text as the page, with pipe tables in which merged cells
are flattened into row labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..._codec.convert import Report
from ..._findings.finding import Finding
from ..._layout.grid import TABLES as _TABLES
from ..._layout.grid import Cell, corner_note, outline, place
from ..._model.classes import CountRow
from ..._model.describe import describe, describe_of

__all__ = ["render"]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("&", "&amp;")


def _flatten(rows: list[list[Cell]]) -> list[list[str]]:
    # Lay the spans out on a grid, then keep one header row (the deepest labels, joined with
    # their group labels) and one line per row of numbers (its label cells joined).
    grid: dict[tuple[int, int], tuple[Cell, bool]] = {}
    for placed in place(rows):
        cell = placed.cell
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                grid[(placed.row + dr, placed.column - 1 + dc)] = (cell, dr == 0 and dc == 0)
    width = max(c for _, c in grid) + 1
    height = max(r for r, _ in grid) + 1
    lines: list[list[str]] = []
    for r in range(height):
        cells = [grid.get((r, c)) for c in range(width)]
        labels: list[str] = []
        numbers: list[str] = []
        for c, item in enumerate(cells):
            if item is None:
                continue
            cell, origin = item
            if cell.path is not None:
                if origin:
                    numbers.append(cell.text)
            elif not labels or labels[-1] != cell.text:
                labels.append(cell.text)
            del c
        lines.append([" ".join(labels), *numbers] if numbers else labels)
    return lines


def _md_table(header: list[str], body: list[list[str]]) -> str:
    out = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + "---|" * len(header)]
    out.extend("| " + " | ".join(_md(c) for c in row) + " |" for row in body)
    return "\n".join(out)


def _markdown_tables(kind: str, payload: Any) -> list[str]:
    rows = _TABLES[kind](payload)
    if kind == "table2":
        blocks: list[str] = []
        index = 0
        while index < len(rows):
            title_cell, header = rows[index][0], [c.text for c in rows[index + 1]]
            body = []
            index += 2
            while index < len(rows) and not rows[index][0].header:
                body.append([c.text for c in rows[index]])
                index += 1
            blocks.append(f"**{_md(title_cell.text)}**\n\n" + _md_table(header, body))
        return blocks
    if kind == "table3":
        columns = describe(CountRow).fields
        header = [corner_note(), *[c.info.label for c in columns]]
        return [_md_table(header, _flatten(rows)[3:])]
    # Table 四: one row of numbers under the flattened group·column labels.
    labels: list[str] = []
    for group in describe_of(payload).fields:
        assert group.cls is not None
        parents = group.info.position.split("·")[1:]
        labels.extend(
            "·".join([*parents, group.info.label, c.info.label]) for c in describe(group.cls).fields
        )
    return [_md_table(labels, [[c.text for c in rows[-1]]])]


def render(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """The report as Markdown text."""
    out: list[str] = []
    for kind, payload in outline(report):
        if kind == "h1":
            out.append(f"# {_md(payload)}")
        elif kind == "h2":
            out.append(f"## {_md(payload)}")
        elif kind == "h3":
            out.append(f"### {_md(payload)}")
        elif kind in _TABLES:
            out.extend(_markdown_tables(kind, payload))
        else:
            out.append(_md(payload))
    return "\n\n".join(out) + "\n"
