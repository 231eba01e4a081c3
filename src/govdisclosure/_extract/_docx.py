"""A Word ``.docx`` file as a source of :func:`extract` (the ``docx`` extra, python-docx).

The body is read in order: each paragraph a line of text, each table a grid of rows. A merged
cell is read from the table's grid: a cell merged across columns stands once, a cell merged
down the rows stands again at the start of each row below (its label is theirs too), as in a
web page. Every piece keeps its table (1-based, in the body's order), row and column.
"""

from __future__ import annotations

import io
from typing import Any

from .._extras import require
from ._result import ExtractionResult
from ._text import Line, Piece

__all__ = ["read"]


def _rows(table: Any, number: int) -> list[Line]:
    out: list[Line] = []
    for r, row in enumerate(table.rows, 1):
        pieces: list[Piece] = []
        previous = None
        for c, cell in enumerate(row.cells, 1):
            # python-docx gives a cell merged across columns once per grid column: the same
            # element again. It stands once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            text = " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())
            pieces.append(Piece(text, r, c, table=number))
        if any(p.text for p in pieces):
            out.append(Line("row", tuple(pieces)))
    return out


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
    table_cls = require("docx.table").Table
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
            lines.extend(_rows(table_cls(element, document), tables))
    return lines
