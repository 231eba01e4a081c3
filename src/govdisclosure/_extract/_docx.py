"""A Word ``.docx`` file as a source of :func:`extract` (the ``docx`` extra, python-docx).

The body is read in order: each paragraph a line of text, each table a grid of rows. A merged
cell is read from the table's grid: a cell merged across columns stands once, a cell merged
down the rows stands again at the start of each row below (its label is theirs too), as in a
web page. Every piece keeps its table (1-based, in the body's order), row and column.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from .._extras import require
from .._limits import MAX_SPAN
from ._result import ExtractionResult
from ._text import Line, Piece

__all__ = ["read"]


def _rows(table: Any, number: int, cell_cls: Any) -> list[Line]:
    out: list[Line] = []
    texts: dict[Any, str] = {}  # a cell merged down many rows is read once
    for r, row in enumerate(_grid(table._tbl), 1):
        pieces: list[Piece] = []
        previous = None
        for c, tc in enumerate(row, 1):
            # A cell merged across columns stands once per grid column: the same element
            # again. It stands once.
            if tc is previous:
                continue
            previous = tc
            if tc not in texts:
                paragraphs = cell_cls(tc, table).paragraphs
                texts[tc] = " ".join(" ".join(p.text.split()) for p in paragraphs if p.text.strip())
            pieces.append(Piece(texts[tc], r, c, table=number))
        if any(p.text for p in pieces):
            out.append(Line("row", tuple(pieces)))
    return out


def _grid(tbl: Any) -> Iterator[list[Any]]:
    """Each row's cell elements, one per grid column it spans, a cell merged down the rows
    (``vMerge`` continue) standing for the cell it continues, as python-docx's ``row.cells``
    gives them. ``row.cells`` finds that cell by walking up a row at a time, recursively: time
    with the square of the merge's height (22 s for a 39 KB file with three columns merged down
    500 rows) and a RecursionError past about 1,000. Here each row looks at the row above once.
    A continued cell with none above it at its grid offset (a broken file) stands for itself;
    a span past :data:`MAX_SPAN` columns counts as that many."""
    above: dict[int, Any] = {}
    for tr in tbl.tr_lst:
        offset = tr.grid_before
        row: list[Any] = []
        here: dict[int, Any] = {}
        for tc in tr.tc_lst:
            span = min(tc.grid_span, MAX_SPAN)  # w:gridSpan="50000000" made 800 MB
            top = above.get(offset, tc) if tc.vMerge == "continue" else tc
            row.extend([top] * span)
            here[offset] = top
            offset += span
        above = here
        yield row


def read(data: bytes) -> ExtractionResult:
    from . import _from_lines, _refused

    docx = require("docx")
    try:
        lines = _lines(docx, data)
    except Exception as error:  # noqa: BLE001 - python-docx and lxml raise many kinds for a broken file
        reason = f"{type(error).__name__}: {error}"[:200]
        return _refused(f"a broken Word file ({reason})", f"损坏的 Word 文件（{reason}）", form="docx")
    return _from_lines(lines, "docx")


def _lines(docx: Any, data: bytes) -> list[Line]:
    # The body in order. A broken part may fail anywhere in python-docx, when the package is
    # opened or when an element is read (a part in another namespace has no body, say).
    document = docx.Document(io.BytesIO(data))
    table_module = require("docx.table")
    paragraph_cls = require("docx.text.paragraph").Paragraph
    lines: list[Line] = []
    tables = 0
    for index, element in enumerate(document.element.body.iterchildren(), 1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = " ".join(paragraph_cls(element, document).text.split())
            if text:
                lines.append(Line("text", (Piece(text, index, 1),)))
        elif tag == "tbl":
            tables += 1
            lines.extend(_rows(table_module.Table(element, document), tables, table_module._Cell))
    return lines
