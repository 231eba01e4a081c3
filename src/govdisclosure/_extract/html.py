"""HTML (Word-exported pages included) cut into lines of text and table rows; the data island of a rendered page."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from .._ground.limits import MAX_SPAN, SPAN_BUDGET
from .sections import _DATE_LINE, _section_of
from .text import Line, Piece

__all__ = ["report_lines"]


_DATE_METAS = frozenset({"pubdate", "publishdate", "firstpublishedtime", "article:published_time"})


# Elements that embed or link to a file, and the attribute that names it.
_LINKING = {"a": "href", "iframe": "src", "embed": "src", "object": "data"}
_MAX_DOCUMENTS = 20
_DOCUMENT_SUFFIX = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|et|ofd|mht|mhtml)$", re.I)
# A PDF viewer page (pdf.js: viewer.html?file=report.pdf) names its file in the query.
_VIEWER_FILE = re.compile(r"[?&]file=([^&#]+)", re.I)


def _document(url: str) -> str | None:
    # The file a link or frame names, if it is a document of a form reports are published
    # in: its URL without query or fragment (a viewer's file decoded).
    viewer = _VIEWER_FILE.search(url)
    if viewer is not None:
        url = urllib.parse.unquote(viewer.group(1))
    path = url.split("#", 1)[0].split("?", 1)[0].strip()
    return path if _DOCUMENT_SUFFIX.search(path) else None


_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)


class _HtmlLines(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "title", "pre", "blockquote", "section"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.island: str | None = None
        #: The documents the page embeds or links to (an attachment, a PDF viewer's file), in
        #: order: where the report is when the page itself holds none.
        self.documents: list[str] = []
        self._text: list[str] = []
        self._pending = False  # whether self._text holds more than white space
        self._start: tuple[int, int] = (1, 1)
        self._path: str | None = None
        self._heading = False
        self._skip = 0
        self._script: list[str] | None = None
        self._rows: list[list[tuple[Piece, int, int]]] | None = None
        self._row: list[tuple[Piece, int, int]] | None = None
        self._cell: dict[str, Any] | None = None
        self._stack: list[tuple[Any, Any, Any]] = []
        # Where each line stands in the page: the open elements, as (tag, serial number); each
        # element's parent; and for each closed element, how many lines came before its end.
        self._open: list[tuple[str, int]] = []
        self._serial = 0
        self._element = 0
        self.parents: dict[int, int] = {}
        self.closed: dict[int, int] = {}

    def _where(self) -> int:
        return self._open[-1][1] if self._open else 0

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self._serial += 1
            self.parents[self._serial] = self._where()
            self._open.append((tag, self._serial))
        a = dict(attributes)
        line, offset = self.getpos()
        if tag in _LINKING and len(self.documents) < _MAX_DOCUMENTS:
            target = _document(a.get(_LINKING[tag]) or "")
            if target and target not in self.documents:
                self.documents.append(target)
        if tag == "meta" and (a.get("name") or "").lower() in _DATE_METAS and a.get("content"):
            # Government sites publish the date in <meta name="PubDate" content="2024-01-05 10:00">.
            self.lines.append(Line("text", (Piece(f"发布日期：{a['content']}", line, offset + 1),)))
        elif tag == "script":
            self._script = (
                [] if a.get("type") == "application/json" and a.get("id") == "govdisclosure-report" else None
            )
            self._skip += 1
        elif tag in ("style", "del"):
            # del: text deleted with tracked changes on, as Word's web pages keep it, struck
            # through; the page says it is no longer there.
            self._skip += 1
        elif tag == "table":
            if self._cell is not None:
                # A table inside a cell: the outer table is layout, its cell a container of
                # text and tables.
                self._cell["container"] = True
                self._emit_cell_text(self._cell)
            else:
                self._flush()
            self._stack.append((self._rows, self._row, self._cell))
            self._rows, self._row, self._cell = [], None, None
        elif tag == "tr" and self._rows is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = {
                "text": [],
                "at": (line, offset + 1),
                "path": a.get("data-path"),
                "rowspan": _int(a.get("rowspan")),
                "colspan": _int(a.get("colspan")),
            }
        elif tag == "br" or (tag in self._BLOCKS and self._cell is not None):
            if self._cell is not None:
                self._cell["text"].append("\n")
            else:
                self._flush()
        elif tag in self._BLOCKS and self._cell is None:
            self._flush()
            self._start = (line, offset + 1)
            self._path = a.get("data-path")
            self._heading = tag.startswith("h") and len(tag) == 2

    def handle_endtag(self, tag: str) -> None:
        self._handle_endtag(tag)
        # The element closes, with any left open inside it (a page's HTML is seldom exact);
        # an end tag that closes nothing open is ignored.
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                # Text not yet cut into a line is the next line, and it stands in the element.
                lines = len(self.lines) + self._pending
                for _, serial in self._open[depth:]:
                    self.closed[serial] = lines
                del self._open[depth:]
                break

    def _handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._script is not None:
                self.island = "".join(self._script)
            self._script = None
            self._skip = max(0, self._skip - 1)
        elif tag in ("style", "del"):
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th") and self._cell is not None and self._cell.get("container"):
            self._emit_cell_text(self._cell)
            self._cell = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            cell = self._cell
            text = " ".join("".join(cell["text"]).split())
            line, column = cell["at"]
            self._row.append((Piece(text, line, column, cell["path"]), cell["rowspan"], cell["colspan"]))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._rows is not None:
            self._rows.append(self._row)
            self._row = None
        elif tag == "table" and self._rows is not None:
            self.lines.extend(_grid_rows(self._rows, self._where()))
            self._rows, self._row, self._cell = self._stack.pop() if self._stack else (None, None, None)
        elif tag in self._BLOCKS and self._cell is None:
            self._flush()
        elif tag in self._BLOCKS and self._cell is not None:
            self._cell["text"].append("\n")

    def _emit_cell_text(self, cell: dict[str, Any]) -> None:
        line, column = cell["at"]
        for text in "".join(cell["text"]).split("\n"):
            text = " ".join(text.split())
            if text:
                self.lines.append(Line("text", (Piece(text, line, column),), element=self._where()))
        cell["text"] = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._skip:
            return
        if self._cell is not None:
            self._cell["text"].append(data)
        elif self._rows is None:
            if not self._text:
                line, offset = self.getpos()
                self._start = (line, offset + 1 + len(data) - len(data.lstrip()))
            if not self._pending and not data.isspace():
                self._pending, self._element = True, self._where()
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split()) if self._path is None else "".join(self._text).strip()
        if text:
            self.lines.append(
                Line("text", (Piece(text, *self._start, self._path),), self._heading, self._element)
            )
        self._text = []
        self._pending = False
        self._path = None
        self._heading = False

    def close(self) -> None:
        super().close()
        self._flush()


def _int(value: str | None) -> int:
    # A span as HTML reads it: a whole number from 1, at most MAX_SPAN.
    text = (value or "").strip()
    if not text.isdigit() or len(text) > 6:
        return MAX_SPAN if text.isdigit() else 1
    return min(MAX_SPAN, max(1, int(text)))


def _grid_rows(rows: list[list[tuple[Piece, int, int]]], element: int) -> Iterator[Line]:
    # A cell spanning rows stands again at the start of the rows below (its label is theirs
    # too); a cell spanning columns stands once, so that a number is never read twice.
    # The cells that spans repeat are bounded by SPAN_BUDGET, so a table of many cells with
    # huge spans costs no more than its own size.
    pending: dict[int, tuple[Piece, int]] = {}
    budget = SPAN_BUDGET
    for row in rows:
        out: list[Piece] = []
        column = 0
        cells = iter(row)
        cell = next(cells, None)
        while cell is not None or column in pending:
            if column in pending:
                piece, left = pending.pop(column)
                out.append(piece if piece.path is None else Piece("", piece.line, piece.column))
                budget -= 1
                if left > 1 and budget > 0:
                    pending[column] = (piece, left - 1)
                column += 1
                continue
            assert cell is not None
            piece, rowspan, colspan = cell
            cell = next(cells, None)
            out.append(piece)
            if rowspan > 1 and budget > 0:
                pending[column] = (piece, rowspan - 1)
            column += colspan
        if out:
            yield Line("row", tuple(out), element=element)


def report_lines(lines: list[Line], parents: dict[int, int], closed: dict[int, int]) -> list[Line]:
    """The lines of a web page without the page's text after the report: its site footer,
    links, QR code and buttons (``附件下载 扫一扫 关闭 … 版权所有``), which would otherwise be
    read as the last narrative part. ``parents`` and ``closed``: of the page's parser (each
    element's parent; the number of lines before each closed element's end).

    The report's element is the innermost one that holds every heading of a section; the
    report ends where that element ends. Of the lines after it, date lines and the short line
    before each (a signature placed outside the report's element) are kept. A page whose
    headings share no element (or that has fewer than two) keeps every line. The work is linear
    in the page, however deep its elements nest.
    """
    headings = [line.element for line in lines if line.element and _section_of(line)]
    if len(headings) < 2:
        return lines
    # The elements holding the first heading, outermost first, then cut to those that hold
    # each further heading too: from each, up to the first element still shared.
    chain = [headings[0]]
    while parents.get(chain[-1], 0):
        chain.append(parents[chain[-1]])
    chain.reverse()
    place = {serial: depth for depth, serial in enumerate(chain)}
    for element in headings[1:]:
        while element and element not in place:
            element = parents.get(element, 0)
        if not element:
            return lines
        for serial in chain[place[element] + 1 :]:
            del place[serial]
        del chain[place[element] + 1 :]
    end = closed.get(chain[-1], len(lines))
    tail = lines[end:]
    kept: list[Line] = []
    for index, line in enumerate(tail):
        if line.kind == "text" and _DATE_LINE.match(line.text):
            before = tail[index - 1] if index else None
            if before is not None and before.kind == "text" and len(before.text) <= 40 and before not in kept:
                kept.append(before)
            kept.append(line)
    return lines[:end] + kept


def _without_comments(text: str) -> str:
    """HTML text with its comments (Word's conditional comments among them) taken out, each
    replaced by the line breaks it held so that line numbers stay true. One forward pass: the
    standard parser looks for the end of an unclosed comment again from every ``<!--``."""
    start = text.find("<!--")
    if start < 0:
        return text
    out: list[str] = []
    here = 0
    while start >= 0:
        end = text.find("-->", start + 4)
        out.append(text[here:start])
        if end < 0:  # an unclosed comment runs to the end, as browsers read it
            out.append("\n" * text.count("\n", start))
            return "".join(out)
        out.append("\n" * text.count("\n", start, end))
        here = end + 3
        start = text.find("<!--", here)
    out.append(text[here:])
    return "".join(out)


# A whole tag: no "<" inside it, nor inside its quoted attribute values, so that a match never
# looks past the next "<".
_WHOLE_TAG = re.compile(r"""<[A-Za-z/!?](?:[^<>"']|"[^"<]*"|'[^'<]*')*>""")


def _stray_brackets_escaped(text: str) -> str:
    """HTML text in which every ``<`` that does not open a whole tag is written ``&lt;``.

    The standard parser waits for the end of an unfinished tag and looks for it again from
    every later ``<``, which costs time quadratic in the input ("<a " repeated); after this
    pass every tag it meets is whole. Text reads the same: ``&lt;`` is ``<``.
    """
    out: list[str] = []
    here = 0
    at = text.find("<")
    while at >= 0:
        match = _WHOLE_TAG.match(text, at)
        if match is None:
            out.append(text[here:at])
            out.append("&lt;")
            here = at + 1
            at = text.find("<", here)
        else:
            at = text.find("<", match.end())
    out.append(text[here:])
    return "".join(out)
