"""Plain text, Markdown and pipe rows cut into lines of text and table rows, each piece keeping its line and column."""

from __future__ import annotations

import html
import re
from typing import Literal

import attrs

__all__ = ["Line", "Piece"]


# --- pieces of input ------------------------------------------------------------------------


@attrs.frozen
class Piece:
    text: str
    line: int
    column: int
    path: str | None = None
    page: int | None = None  # of a PDF
    table: int | None = None  # of a Word file


@attrs.frozen
class Line:
    kind: Literal["text", "row"]
    cells: tuple[Piece, ...]
    heading: bool = False
    #: Of a web page: the serial number of the innermost element open where the line starts
    #: (0: none; see :func:`.html.report_lines`).
    element: int = 0
    #: Of a page laid out in lines (a PDF's text layer, a scan): whether the line runs to the
    #: right margin, so that its paragraph goes on in the next line (None: not known).
    wraps: bool | None = None
    #: Of such a page: whether the line starts indented from the left margin (a paragraph's
    #: first line).
    indented: bool = False

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells).strip()

    @property
    def at(self) -> Piece:
        return self.cells[0]


# Markdown's strong emphasis ("**一是……**"), which page text copied from a Markdown conversion
# keeps too: the words are the report's text, the marks are not (a JSON text is plain text).
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_SEPARATOR = re.compile(r"^\s*:?-{3,}:?\s*$")
_MD_ESCAPE = re.compile(r"\\([\\`*_\[\]<>|#])")


def _pipe_cells(raw: str, number: int, unescape: bool) -> list[Piece]:
    cells: list[Piece] = []
    start = raw.index("|") + 1
    body = raw.rstrip()
    end = len(body) - 1 if body.endswith("|") else len(body)
    position = start
    current = ""
    index = start
    while index < end:
        char = body[index]
        if char == "\\" and index + 1 < end and body[index + 1] == "|":
            current += "\\|"
            index += 2
            continue
        if char == "|":
            cells.append(_piece(current, number, position, unescape))
            current, position = "", index + 1
        else:
            current += char
        index += 1
    cells.append(_piece(current, number, position, unescape))
    return cells


def _piece(raw: str, number: int, offset: int, unescape: bool) -> Piece:
    stripped = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    text = _MD_ESCAPE.sub(r"\1", stripped) if unescape else stripped
    return Piece(_entities(text).strip(), number, offset + lead + 1)


_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")


def _entities(text: str) -> str:
    # Text copied out of web pages often keeps HTML entities (&lt; &nbsp;): they stand for
    # characters, not for themselves.
    return html.unescape(text).replace("\u00a0", " ") if _ENTITY.search(text) else text


def _tab_row(raw: str) -> bool:
    # Cells separated by tabs: two filled cells, or a label followed by at least three empty
    # cells (a row of blanks); a tab or two after a sentence is no table.
    if "\t" not in raw:
        return False
    parts = raw.split("\t")
    filled = sum(1 for part in parts if part.strip())
    return filled >= 2 or len(parts) - filled >= 3


def _lines_of_text(text: str, markdown: bool) -> list[Line]:
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), 1):
        raw = raw.rstrip("\r")
        if not raw.strip():
            continue
        if raw.lstrip().startswith("|"):
            cells = _pipe_cells(raw, number, markdown)
            if all(_SEPARATOR.match(c.text) for c in cells):
                continue
            lines.append(Line("row", tuple(cells)))
        elif _tab_row(raw):
            parts = raw.split("\t")
            cells = []
            offset = 0
            for part in parts:
                cells.append(_piece(part, number, offset, False))
                offset += len(part) + 1
            lines.append(Line("row", tuple(cells)))
        else:
            stripped = raw.strip()
            lead = len(raw) - len(raw.lstrip())
            heading = False
            if markdown and stripped.startswith("#"):
                level = len(stripped) - len(stripped.lstrip("#"))
                if stripped[level : level + 1] in (" ", ""):
                    stripped, heading = stripped[level:].strip(), True
                    lead += level + 1
            stripped = _entities(stripped)
            if markdown:
                stripped = _MD_ESCAPE.sub(r"\1", stripped)
                if stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4:
                    stripped, heading = stripped[2:-2], True
            if "**" in stripped or "__" in stripped:
                stripped = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), stripped)
            if stripped:
                lines.append(Line("text", (Piece(stripped, number, lead + 1),), heading))
    return lines
