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

from .._ground.extras import require
from .._ground.limits import MAX_SPAN
from .result import ExtractionResult, Lines, cause_of, refused
from .text import Line, Piece

__all__ = ["read"]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The text a paragraph shows: its text runs wherever they stand (in a hyperlink, a field's
# result, a content control, a tracked insertion), tabs and breaks as spaces; not deleted
# text (w:delText), text moved away, field codes (w:instrText) or text boxes.
_SHOWN = "(.//w:t | .//w:tab | .//w:br | .//w:cr)[not(ancestor::w:txbxContent or ancestor::w:moveFrom)]"


def _shown(paragraph: Any) -> str:
    """The text a paragraph element shows. python-docx's ``Paragraph.text`` reads only the runs
    directly in it: a number typed with tracked changes on (inside ``w:ins``) or in a content
    control read as a blank cell."""
    return "".join((e.text or "") if e.tag == _W + "t" else " " for e in paragraph.xpath(_SHOWN))


def _children(parent: Any) -> Iterator[Any]:
    # The elements in a part of the body, a table, a row or a cell, with content controls
    # (w:sdt, as Word forms and templates wrap paragraphs, tables, rows and cells) opened.
    for child in parent.iterchildren():
        if child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _children(content)
        else:
            yield child


def _text_of(tc: Any) -> str:
    paragraphs = (" ".join(_shown(p).split()) for p in _children(tc) if p.tag == _W + "p")
    return " ".join(text for text in paragraphs if text)


def _rows(tbl: Any, number: int) -> list[Line]:
    # The rows of a table element (w:tbl), the ``number``-th of the body.
    out: list[Line] = []
    texts: dict[Any, str] = {}  # a cell merged down many rows is read once
    for r, row in enumerate(_grid(tbl), 1):
        pieces: list[Piece] = []
        previous = None
        for c, tc in enumerate(row, 1):
            # A cell merged across columns fills each grid column it spans; it is read once.
            if tc is previous:
                continue
            previous = tc
            if tc not in texts:
                texts[tc] = _text_of(tc)
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
    for tr in (c for c in _children(tbl) if c.tag == _W + "tr"):
        offset = tr.grid_before
        row: list[Any] = []
        here: dict[int, Any] = {}
        for tc in (c for c in _children(tr) if c.tag == _W + "tc"):
            span = min(tc.grid_span, MAX_SPAN)  # w:gridSpan="50000000" took 820 MB
            top = above.get(offset, tc) if tc.vMerge == "continue" else tc
            row.extend([top] * span)
            here[offset] = top
            offset += span
        above = here
        yield row


def read(data: bytes) -> Lines | ExtractionResult:
    """The Word file's body as lines (paragraphs, and the rows of its tables), or a refusal."""
    docx = require("docx")
    try:
        lines = _lines(docx, data)
    except Exception as error:  # noqa: BLE001 - python-docx and lxml raise many kinds for a broken file
        english, chinese, words = cause_of(error)
        return refused(
            f"a broken Word file ({english})", f"损坏的 Word 文件（{chinese}）", form="docx", cause=words
        )
    return Lines(lines)


def _lines(docx: Any, data: bytes) -> list[Line]:
    # The body in order. A broken part may fail anywhere in python-docx, when the package is
    # opened or when an element is read (a part in another namespace has no body, say).
    document = docx.Document(io.BytesIO(data))
    lines: list[Line] = []
    tables = 0
    position = 0  # a paragraph's line: its place among the elements of the body, in order

    def blocks(parent: Any) -> None:
        # Paragraphs and tables in order. A table with a table in one of its cells is layout
        # (a frame around the report, as web pages and WPS documents make them): its cells
        # are read as parts of the body, so that the tables inside are read as tables.
        nonlocal tables, position
        for element in _children(parent):
            position += 1
            if element.tag == _W + "p":
                text = " ".join(_shown(element).split())
                if text:
                    lines.append(Line("text", (Piece(text, position, 1),)))
            elif element.tag == _W + "tbl" and _is_layout(element):
                for tc in dict.fromkeys(tc for row in _grid(element) for tc in row):
                    blocks(tc)
            elif element.tag == _W + "tbl":
                tables += 1
                lines.extend(_rows(element, tables))

    blocks(document.element.body)
    return lines


def _is_layout(tbl: Any) -> bool:
    # Whether a cell of the table holds a table.
    return any(
        child.tag == _W + "tbl"
        for tr in _children(tbl)
        if tr.tag == _W + "tr"
        for tc in _children(tr)
        if tc.tag == _W + "tc"
        for child in _children(tc)
    )
