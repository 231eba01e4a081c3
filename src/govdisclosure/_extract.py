"""Importing published reports from plain text, Markdown, pipe rows and HTML.

The input is first cut into lines of text and table rows, each piece keeping its line and
column. Sections are found by their headings, narrative parts by their sub-headings, table rows
by their labels matched in template order against the model's own labels. Every number either
comes from a cell (with its position), or is derived from the table arithmetic, or is recorded
as 0 for a blank or unreadable cell; the last three always with a finding.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any, Literal

import attrs

from ._convert import Report, structure
from ._editions import EDITIONS, EDITIONS_LIST, edition_for_year
from ._findings import Finding
from ._identities import equations, solve
from ._inspect import FieldDesc, cell_name, describe, position_key, split_pointer
from ._io import read_document
from ._limits import MAX_SOURCE_BYTES, MAX_SPAN, MAX_TITLE_CHARS, SPAN_BUDGET
from ._model import CountRow, OtherMatters, Overview
from ._rules import run_rules

__all__ = ["CellSource", "ExtractionResult", "decode_source", "detect_format", "extract"]

Format = Literal["text", "markdown", "html"]


@attrs.frozen
class CellSource:
    """Where a value came from: ``kind`` is ``"cell"`` (read at ``line``/``column`` of the
    input, 1-based), ``"blank"`` (a blank, "/" or "——" cell, recorded as 0), ``"derived"``
    (pinned down by the table arithmetic), ``"unreadable"`` (recorded as 0) or ``"missing"``
    (no such row or cell in the source, recorded as 0)."""

    kind: Literal["cell", "blank", "derived", "unreadable", "missing"]
    line: int | None = None
    column: int | None = None


@attrs.frozen
class ExtractionResult:
    """The outcome of :func:`extract`.

    ``report`` is the report read (``None`` when even its organ and year could not be found),
    ``findings`` every problem of the reading (codes ``EXTRACT-*``) and of the content rules
    of the report read (as :func:`govdisclosure.validate` reports them), ``sources`` the
    :class:`CellSource` of every number, by JSON Pointer; ``format`` and ``edition`` what was
    detected.
    """

    report: Report | None
    findings: tuple[Finding, ...]
    sources: dict[str, CellSource]
    format: Format
    edition: str | None


# --- pieces of input ------------------------------------------------------------------------


@attrs.frozen
class Piece:
    text: str
    line: int
    column: int
    path: str | None = None


@attrs.frozen
class Line:
    kind: Literal["text", "row"]
    cells: tuple[Piece, ...]
    heading: bool = False

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells).strip()

    @property
    def at(self) -> Piece:
        return self.cells[0]


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
            if stripped:
                lines.append(Line("text", (Piece(stripped, number, lead + 1),), heading))
    return lines


_DATE_METAS = frozenset({"pubdate", "publishdate", "firstpublishedtime", "article:published_time"})


class _HtmlLines(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "title", "pre", "blockquote", "section"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.island: str | None = None
        self._text: list[str] = []
        self._start: tuple[int, int] = (1, 1)
        self._path: str | None = None
        self._heading = False
        self._skip = 0
        self._script: list[str] | None = None
        self._rows: list[list[tuple[Piece, int, int]]] | None = None
        self._row: list[tuple[Piece, int, int]] | None = None
        self._cell: dict[str, Any] | None = None
        self._stack: list[tuple[Any, Any, Any]] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        a = dict(attributes)
        line, offset = self.getpos()
        if tag == "meta" and (a.get("name") or "").lower() in _DATE_METAS and a.get("content"):
            # Government sites publish the date in <meta name="PubDate" content="2024-01-05 10:00">.
            self.lines.append(Line("text", (Piece(f"发布日期：{a['content']}", line, offset + 1),)))
        elif tag == "script":
            self._script = (
                [] if a.get("type") == "application/json" and a.get("id") == "govdisclosure-report" else None
            )
            self._skip += 1
        elif tag == "style":
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
        if tag == "script":
            if self._script is not None:
                self.island = "".join(self._script)
            self._script = None
            self._skip = max(0, self._skip - 1)
        elif tag == "style":
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
            self.lines.extend(_grid_rows(self._rows))
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
                self.lines.append(Line("text", (Piece(text, line, column),)))
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
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split()) if self._path is None else "".join(self._text).strip()
        if text:
            self.lines.append(Line("text", (Piece(text, *self._start, self._path),), self._heading))
        self._text = []
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


def _grid_rows(rows: list[list[tuple[Piece, int, int]]]) -> Iterator[Line]:
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
            yield Line("row", tuple(out))


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


def _lines(text: str, form: Format) -> tuple[list[Line], str | None]:
    if form == "html":
        parser = _HtmlLines()
        parser.feed(_stray_brackets_escaped(_without_comments(text)))
        parser.close()
        return parser.lines, parser.island
    return _lines_of_text(text, form == "markdown"), None


def detect_format(text: str) -> Format:
    """``"html"`` for markup, ``"markdown"`` for Markdown headings or pipe tables with a
    separator row, ``"text"`` otherwise (pipe rows without separators included)."""
    head = text[:5000].lower()
    # Not after a backslash: Markdown writes a literal "<p" of the text as "\<p".
    if re.search(r"(?<!\\)<(html|body|table|p|div|h[1-6])[\s>]", head):
        return "html"
    # [ \t], not \s: \s also matches the line ends, and on blank lines the search backtracks.
    if re.search(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", text, re.M) or re.search(r"^#{1,6} ", text, re.M):
        return "markdown"
    return "text"


# --- labels -------------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[\s　\"'“”‘’「」『』《》（）()【】\[\]、，,。.:：；;！!？?·/\\|*_#—–－-]+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]?)+")
_VARIANTS = (("本单位", "本机关"), ("本行政机关", "本机关"))


def norm(label: str) -> str:
    """A label reduced for matching: no numbering, punctuation or white space; variants unified."""
    text = _NUMBERING.sub("", label.strip().replace(" ", "").replace("　", ""))
    for variant, canonical in _VARIANTS:
        text = text.replace(variant, canonical)
    return _PUNCTUATION.sub("", text)


# --- numbers --------------------------------------------------------------------------------

_BLANKS = frozenset({"", "/", "／", "-", "—", "——", "－", "–", "\\", "无", "空", "&nbsp;"})
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_WITH_UNIT = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|元|件|个|项|次)$")
_WITH_NOTE = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*[（(](.*)[）)]$")


@attrs.frozen
class Reading:
    value: Decimal | None
    status: Literal["number", "blank", "unit", "note", "unreadable"]
    unit: str | None = None
    note: str | None = None


def read_number(text: str) -> Reading:
    """Read one cell: a number, a blank, a number with a unit or a note, or nothing."""
    cell = text.replace("\u00a0", " ").strip()
    if cell in _BLANKS:
        return Reading(Decimal(0), "blank")
    match = _NUMBER.match(cell)
    if match:
        sign, whole, fraction = match.groups()
        return Reading(Decimal(sign + whole.replace(",", "") + (fraction or "")), "number")
    match = _WITH_UNIT.match(cell)
    if match:
        return Reading(Decimal(match.group(1).replace(",", "")), "unit", unit=match.group(2))
    match = _WITH_NOTE.match(cell)
    if match:
        return Reading(Decimal(match.group(1).replace(",", "")), "note", note=match.group(2))
    return Reading(None, "unreadable")


def _is_label(piece: Piece) -> bool:
    return piece.path is None and read_number(piece.text).status == "unreadable"


def _is_data_row(line: Line) -> bool:
    """A table row of numbers: at least one number (or "/", "——"), or at least three blank
    cells after its labels. Header rows, with labels among blanks, are not."""
    if line.kind != "row":
        return False
    if any(c.path is not None for c in line.cells):
        return True
    readings = [read_number(c.text).status for c in line.cells]
    if any(r in ("number", "unit", "note") for r in readings):
        return True
    if any(r == "blank" and c.text for r, c in zip(readings, line.cells, strict=True)):
        return True
    cells = list(line.cells)
    while cells and not cells[0].text:
        cells.pop(0)
    labels = 0
    while labels < len(cells) and _is_label(cells[labels]):
        labels += 1
    values = cells[labels:]
    return len(values) >= 3 and not any(_is_label(c) for c in values)


_TOKEN = re.compile(r"\S+")


def _tabular(lines: list[Line]) -> list[Line]:
    """The lines of a table section as rows.

    A text line that carries numbers (a table whose cells the conversion to text separated by
    white space, or put on lines of their own) is cut at its white space; a row of numbers alone
    takes the label lines just above it (a label wrapped onto lines of its own) and the
    number-only lines just below it (cells one per line).
    """
    out: list[Line] = []
    pending: list[Piece] = []
    open_row = False  # the last row came from text and may go on
    for line in lines:
        from_text = False
        if line.kind == "text" and not line.heading and line.cells[0].path is None:
            piece = line.cells[0]
            tokens = [
                Piece(m.group(), piece.line, piece.column + m.start()) for m in _TOKEN.finditer(piece.text)
            ]
            if any(read_number(t.text).status in ("number", "unit", "note") for t in tokens):
                line, from_text = Line("row", tuple(tokens)), True
            else:
                pending.append(piece)
                out.append(line)
                open_row = False
                continue
        unlabelled = line.kind == "row" and not any(_is_label(c) or c.path for c in line.cells)
        if unlabelled and pending:
            label = Piece("".join(p.text for p in pending), pending[0].line, pending[0].column)
            line = Line("row", (label, *line.cells))
        elif unlabelled and from_text and open_row and out:
            out[-1] = Line("row", (*out[-1].cells, *line.cells))
            continue
        pending = []
        open_row = from_text
        out.append(line)
    return out


# --- the assembler --------------------------------------------------------------------------

_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overview", ("总体情况",)),
    ("active_disclosure", ("主动公开政府信息情况",)),
    ("applications", ("收到和处理政府信息公开申请情况",)),
    ("review_and_litigation", ("行政复议", "行政诉讼")),
    ("problems_and_improvements", ("存在的主要问题", "存在问题", "问题及改进")),
    ("other_matters", ("其他需要报告的事项",)),
)
_SECTION_HEAD = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*(.+)$")
_SUBHEAD = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(.*)$")
_TITLE = re.compile(
    r"^(?:title:\s*)?(?P<before>.*?)\s*(?P<year>20\d\d|2100)\s*年\s*度?\s*(?P<after>.*?)\s*政府信息公开(?:工作)?(?:年度报告|年报)\s*$"
)


def _title_match(text: str) -> re.Match[str] | None:
    # A title is a short line; on a long one the pattern's two lazy groups would cost time
    # quadratic in its length.
    return _TITLE.match(text) if len(text) <= MAX_TITLE_CHARS else None


_DATE = re.compile(r"(20\d\d)\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./](\d{1,2})[-./](\d{1,2}))")
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:发布日期|发布时间|日期|时间)?\s*[:：]?\s*"
    r"(20\d\d\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\d{1,2}[-./]\d{1,2}))"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)]?$"
)
_SENTENCE_END = tuple("。！？；：…”』」）)!?;:")

_OVERVIEW_KEYS = (
    ("active_disclosure", ("主动公开",)),
    ("disclosure_on_request", ("依申请",)),
    ("information_management", ("信息管理",)),
    ("platform_building", ("平台",)),
    ("supervision", ("监督", "保障")),
)
_OTHER_KEYS = (
    ("processing_fees", ("信息处理费",)),
    ("work_points", ("工作要点",)),
    ("proposals", ("建议", "提案")),
    ("innovation", ("创新",)),
)


def _section_of(line: Line) -> str | None:
    if line.kind != "text":
        return None
    match = _SECTION_HEAD.match(line.text)
    if not match:
        return None
    numeral, rest = match.groups()
    name, keys = _SECTIONS["一二三四五六".index(numeral)]
    if len(rest) > 40 or not any(k in rest for k in keys):
        return None
    if name == "review_and_litigation" and not ("行政复议" in rest and "行政诉讼" in rest):
        return None
    return name


_TABLE_SECTIONS = ("active_disclosure", "applications", "review_and_litigation")


def _split_sections(lines: list[Line]) -> dict[str, list[Line]]:
    """The lines of each section, by the headings that open them.

    Sections come in template order; of several lines that read like a section's heading, the
    first after the previous section is taken, and for a table section the first one that a
    table row follows. A heading-like line that is not taken stays text where it stands.
    """
    candidates = [(index, name) for index, line in enumerate(lines) if (name := _section_of(line))]
    # Whether a table row stands between each candidate and the next one (or the end): one pass.
    rows_after: dict[int, bool] = {}
    bounds = [index for index, _ in candidates[1:]] + [len(lines)]
    for (index, _), bound in zip(candidates, bounds, strict=False):
        rows_after[index] = any(line.kind == "row" for line in lines[index + 1 : bound])
    chosen: list[tuple[int, str]] = []
    last = -1
    for name, _ in _SECTIONS:
        options = [i for i, n in candidates if n == name and i > last]
        if name in _TABLE_SECTIONS:
            options = [i for i in options if rows_after[i]] or options
        if options:
            chosen.append((options[0], name))
            last = options[0]
    sections: dict[str, list[Line]] = {"front": []}
    current = "front"
    starts = dict(chosen)
    for index, line in enumerate(lines):
        if index in starts:
            current = starts[index]
            sections[current] = []
            continue
        sections[current].append(line)
    return sections


class _Builder:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.findings: list[Finding] = []
        self.sources: dict[str, CellSource] = {}
        self.doc: dict[str, Any] = {}
        self.cls: type | None = None
        self.edition: str | None = None

    # -- findings ----------------------------------------------------------------------
    def finding(self, code: str, severity: Literal["error", "warning"], path: str, **params: Any) -> None:
        label = cell_name(self.cls, split_pointer(path)) if self.cls is not None and path else ""
        expected, actual = params.pop("expected", None), params.pop("actual", None)
        self.findings.append(Finding(code, severity, path, label, expected, actual, params))

    # -- top level -----------------------------------------------------------------------
    def build(self) -> tuple[dict[str, Any] | None, str | None]:
        sections = _split_sections(self.lines)
        self.edition = self._edition(sections)
        self.cls = EDITIONS[self.edition]
        front = sections["front"]
        title_at = self._title(front)
        if title_at is None:
            return None, self.edition
        doc = self.doc
        doc["format_version"] = self.edition
        self._dates([line for lines in sections.values() for line in lines])
        preamble = self._paragraphs(self._narrative(front[title_at + 1 :]))
        if preamble:
            doc["preamble"] = "\n".join(preamble)
            self._contact(doc["preamble"])
        doc["overview"] = self._parts(sections.get("overview", []), _OVERVIEW_KEYS, "summary", "/overview")
        doc["active_disclosure"] = self._table2(sections.get("active_disclosure", []))
        doc["applications"] = self._table3(sections.get("applications", []))
        doc["review_and_litigation"] = self._table4(sections.get("review_and_litigation", []))
        problems = self._paragraphs(self._narrative(sections.get("problems_and_improvements", [])))
        if problems:
            doc["problems_and_improvements"] = "\n".join(problems)
        doc["other_matters"] = self._parts(
            sections.get("other_matters", []), _OTHER_KEYS, None, "/other_matters"
        )
        for name, _ in _SECTIONS:
            if name not in sections:
                self.finding("EXTRACT-NO-SECTION", "warning", "/" + name)
        cls: type = self.cls
        order = [f.name for f in describe(cls).fields]
        return {k: doc[k] for k in order if k in doc}, self.edition

    def _edition(self, sections: dict[str, list[Line]]) -> str:
        # The phrases only one edition's tables print, then the decree a report cites, then
        # the edition of the title's year (said with a finding); oldest edition first, since a
        # newer report may still cite an older text.
        text = " ".join(line.text for lines in sections.values() for line in lines)
        oldest_first = EDITIONS_LIST[::-1]
        for edition in oldest_first:
            if any(marker in text for marker in edition.markers):
                return edition.code
        for edition in oldest_first:
            if edition.decree_number in text:
                return edition.code
        match = _title_match(next((line.text for line in self.lines if _title_match(line.text)), ""))
        by_year = edition_for_year(int(match.group("year"))) if match else None
        code = (by_year or EDITIONS_LIST[0]).code
        self.finding("EXTRACT-EDITION", "warning", "/format_version", actual=code)
        return code

    def _title(self, front: list[Line]) -> int | None:
        # The last title-like line before section 一 (a title may also be split over two lines:
        # "2023年度" / "某某局政府信息公开工作年度报告"), and the organ before or after the year,
        # or on the line above.
        found: tuple[int, int, re.Match[str]] | None = None
        year: int | None = None
        for index, line in enumerate(front):
            if line.kind != "text":
                continue
            match = _title_match(line.text)
            if match:
                found = (index, index, match)
            elif index + 1 < len(front) and front[index + 1].kind == "text":
                match = _title_match(line.text + front[index + 1].text)
                if match and not _title_match(front[index + 1].text):
                    found = (index, index + 1, match)
        organ = ""
        if found is not None:
            first, last, match = found
            organ = (match.group("before") or match.group("after")).strip().strip("#").strip()
            organ = re.sub(r"\s*关于$", "", organ)  # "……局关于2023年……报告"
            if not organ and first > 0 and front[first - 1].kind == "text":
                organ = front[first - 1].text
            year = int(match.group("year"))
        else:
            last, year = -1, self._year_from_text()
        if not organ or year is None:
            # Without a title the tables are still read; the organ stays unnamed, flagged.
            self.finding("EXTRACT-NO-TITLE", "error", "/organ/name")
            if year is None:
                return None
            organ = "（机关名称未识别）"
        self.doc["year"] = year
        self.doc["organ"] = {"name": organ}
        if found is not None:
            self.doc["organ"]["kind"] = _organ_kind(organ)
        self.organ = organ
        return last

    def _year_from_text(self) -> int | None:
        # The statistical period ("统计期限……2023年1月1日起") names the report year.
        for line in self.lines:
            match = re.search(r"(20\d\d|2100)\s*年\s*1\s*月\s*1\s*日", line.text)
            if match:
                return int(match.group(1))
        return None

    def _dates(self, lines: list[Line]) -> None:
        explicit = standalone = None
        for line in lines:
            if line.kind != "text":
                continue
            text = line.text
            match = _DATE_LINE.match(text)
            if match is None:
                continue
            day = _iso(match.group(1))
            if day is None:
                continue
            if "发布" in text and explicit is None:
                explicit = day
            standalone = standalone or day
        chosen = explicit or standalone
        if chosen is not None:
            self.doc["published_on"] = chosen

    def _contact(self, preamble: str) -> None:
        contact = {}
        patterns = {
            "address": r"地址\s*[:：]\s*([^；;，,）)\n]+)",
            "postcode": r"邮(?:政)?编(?:码)?\s*[:：]\s*(\d{6})",
            "phone": r"电话\s*[:：]\s*([0-9０-９\-－—() （）、/]+[0-9])",
            "email": r"(?:邮箱|电子邮箱|电子信箱|E-?mail)\s*[:：]\s*([\w.+-]+@[\w.-]+\w)",
        }
        for key, pattern in patterns.items():
            match = re.search(pattern, preamble, re.I)
            if match:
                contact[key] = match.group(1).strip()
        if contact:
            self.doc["organ"]["contact"] = contact

    # -- narrative ---------------------------------------------------------------------
    def _narrative(self, lines: list[Line]) -> list[Line]:
        # The text lines of a part, without the date and signature lines.
        organ = getattr(self, "organ", None)
        keep = []
        for line in lines:
            if line.kind != "text":
                continue
            text = line.text
            if _DATE_LINE.match(text) or text == organ or _title_match(text):
                continue
            keep.append(line)
        return keep

    @staticmethod
    def _paragraphs(lines: list[Line]) -> list[str]:
        # A line that does not end a sentence continues on the next line (a page or column
        # break of the source); headings always stand alone.
        paragraphs: list[str] = []
        joinable = False
        for line in lines:
            text = line.cells[0].text if line.cells[0].path is not None else line.text
            heading = line.heading or (len(text) <= 30 and _SUBHEAD.match(text) is not None)
            if joinable and not heading and paragraphs:
                paragraphs[-1] += text
            else:
                paragraphs.append(text)
            joinable = not heading and not text.rstrip("*_ ").endswith(_SENTENCE_END)
        return paragraphs

    def _parts(
        self, lines: list[Line], keys: tuple[tuple[str, tuple[str, ...]], ...], lead: str | None, base: str
    ) -> dict[str, Any]:
        chunks: list[tuple[str | None, list[Line]]] = [(None, [])]
        for line in self._narrative(lines):
            match = _SUBHEAD.match(line.text) if not line.text.startswith(("（本列", "(本列")) else None
            glued = re.match(r"^(.{2,30}?[。．.])\s*(\S.*)$", match.group(2).strip()) if match else None
            if match and (len(match.group(2)) <= 40 or glued):
                # A sub-heading, alone on its line or glued to the first sentence of its text.
                heading, rest = match.group(2).strip(), ""
                if glued:
                    heading, rest = glued.group(1), glued.group(2)
                chunks.append((heading, []))
                if rest:
                    chunks[-1][1].append(Line("text", (Piece(rest, line.at.line, line.at.column),)))
                continue
            chunks[-1][1].append(line)
        part: dict[str, Any] = {}
        extra: list[dict[str, str]] = []
        for heading, body in chunks:
            text = "\n".join(self._paragraphs(body))
            if heading is None:
                if not text:
                    continue
                if lead is not None:
                    part[lead] = text
                    continue
                name = next(
                    (n for n, words in keys if any(w in text for w in words) and n not in part), "other"
                )
                part[name if name == "processing_fees" else "other"] = text
                continue
            title = heading.rstrip("。．.")
            named = next((n for n, words in keys if any(w in title for w in words)), None)
            if named is not None and named not in part:
                part[named] = text
            else:
                extra.append({"title": title, "text": text})
        if extra:
            part["extra"] = extra
        order = [f.name for f in describe(_part_class(base)).fields]
        return {k: part[k] for k in order if k in part}

    # -- tables ------------------------------------------------------------------------
    def _trim(self, values: list[Piece], count: int, path: str) -> list[Piece]:
        # Empty cells beyond the number of columns are layout (a label spanning columns, a
        # trailing tab). Where they stand at both ends, which of them are layout and which
        # are blanks cannot be told: the cells are read as if the leading ones were layout,
        # and the row says so.
        extra = len(values) - count
        if extra <= 0:
            return values
        lead = next((i for i, v in enumerate(values) if v.text), len(values))
        trail = next((i for i, v in enumerate(reversed(values)) if v.text), len(values))
        if lead < len(values) and min(lead, extra) > max(0, extra - trail):
            # More than one split between the two ends would do.
            self.finding("EXTRACT-ALIGNMENT", "warning", path, expected=count, actual=len(values))
        drop_lead = min(lead, extra)
        values = values[drop_lead:]
        extra -= drop_lead
        if extra > 0:
            drop_trail = min(trail, extra)
            values = values[: len(values) - drop_trail] if drop_trail else values
        return values

    def _cells(self, row: Line, start: int, count: int, path: str, columns: list[str]) -> dict[str, Any]:
        values = self._trim(list(row.cells[start:]), count, path)
        if len(values) > count:
            self.finding("EXTRACT-EXTRA-CELLS", "warning", path, expected=count, actual=len(values))
            values = values[:count]
        elif len(values) < count:
            # Cells are read from the left; the row says which cells could not be placed. In a
            # row that has lost cells, empty cells next to the label are layout, not blanks.
            while values and not values[0].text:
                values.pop(0)
            self.finding("EXTRACT-SHORT-ROW", "warning", path, expected=count, actual=len(values))
        out: dict[str, Any] = {}
        for index, name in enumerate(columns):
            here = f"{path}/{name}"
            if index >= len(values):
                out[name] = None
                continue
            out[name] = self._value(values[index], here)
        return out

    def _by_path(self, row: Line, path: str, columns: list[str]) -> dict[str, Any]:
        # Cells that carry their own JSON Pointer (pages made by render()).
        values: dict[str, Any] = dict.fromkeys(columns)
        for piece in row.cells:
            if piece.path and piece.path.startswith(path + "/") and piece.path.rsplit("/", 1)[1] in values:
                values[piece.path.rsplit("/", 1)[1]] = self._value(piece, piece.path)
        return values

    def _value(self, piece: Piece, here: str) -> Any:
        reading = read_number(piece.text)
        if reading.status == "unreadable" or reading.value is None:
            self.sources[here] = CellSource("unreadable", piece.line, piece.column)
            self.finding(
                "EXTRACT-UNREADABLE",
                "error",
                here,
                actual=piece.text[:60],
                line=piece.line,
                column=piece.column,
            )
            return 0
        if reading.status == "blank":
            self.sources[here] = CellSource("blank", piece.line, piece.column)
            self.finding(
                "EXTRACT-BLANK",
                "warning",
                here,
                actual=piece.text or "（空白）",
                line=piece.line,
                column=piece.column,
            )
            return 0
        if reading.status == "note":
            self.finding("EXTRACT-NOTE", "warning", here, actual=piece.text[:60], note=reading.note)
        self.sources[here] = CellSource("cell", piece.line, piece.column)
        return reading

    def _count(self, value: Any, here: str) -> int:
        if isinstance(value, Reading):
            assert value.value is not None
            if value.value != value.value.to_integral_value():
                line, column = self._at(here)
                self.sources[here] = CellSource("unreadable", line, column)
                self.finding(
                    "EXTRACT-UNREADABLE", "error", here, actual=str(value.value), line=line, column=column
                )
                return 0
            return int(value.value)
        return int(value)

    def _at(self, here: str) -> tuple[int | None, int | None]:
        source = self.sources.get(here)
        return (source.line, source.column) if source else (None, None)

    def _match_rows(self, rows: list[Line], expected: list[tuple[str, str]]) -> dict[str, tuple[Line, int]]:
        # Rows are matched to the template's rows in order: each row takes the first of the next
        # few expected rows whose label one of its label cells carries (exact labels first,
        # the cell nearest the numbers first). Its values start after that cell, so that an
        # unreadable value is reported as such rather than taken for a label.
        found: dict[str, tuple[Line, int]] = {}
        position = 0
        for row in rows:
            paths = [p.path for p in row.cells if p.path]
            if paths:
                key = next((k for k, _ in expected if paths[0].startswith(k + "/")), None)
                if key is not None:
                    found[key] = (row, 0)
                continue
            labelled = [(i, norm(p.text)) for i, p in enumerate(row.cells) if _is_label(p) and norm(p.text)]
            if not labelled:
                continue
            window = expected[position : position + 8]
            match = _best(labelled, window)
            if match is None:
                continue
            choice, cell = match
            found[window[choice][0]] = (row, cell + 1)
            position += choice + 1
        return found

    def _table2(self, lines: list[Line]) -> dict[str, Any]:
        assert self.cls is not None
        section = describe(self.cls).by_name["active_disclosure"].cls
        assert section is not None
        fields = describe(section).fields
        expected = [(f"/active_disclosure/{f.name}", norm(f.info.label)) for f in fields]
        rows = [line for line in _tabular(lines) if _is_data_row(line)]
        found = self._match_rows(rows, expected)
        unit_hint = "".join(line.text for line in lines)
        out: dict[str, Any] = {}
        for f in fields:
            assert f.cls is not None
            path = f"/active_disclosure/{f.name}"
            columns = [c for c in describe(f.cls).fields if c.kind != "choice"]
            match = found.get(path)
            if match is None:
                self.finding("EXTRACT-NO-ROW", "error", path)
                values: dict[str, Any] = dict.fromkeys(c.name for c in columns)
            elif any(p.path for p in match[0].cells):
                values = self._by_path(match[0], path, [c.name for c in columns])
            else:
                values = self._cells(match[0], match[1], len(columns), path, [c.name for c in columns])
            item: dict[str, Any] = {}
            for column in columns:
                here = f"{path}/{column.name}"
                value = values[column.name]
                if value is None:
                    self._missing(here)
                    value = 0
                if column.kind == "money":
                    item[column.name] = self._money(value, here, f, item)
                else:
                    item[column.name] = self._count(value, here)
            # The unit of the 2019 procurement amount, where its cell did not say 元 or 万元.
            if any(c.kind == "choice" for c in describe(f.cls).fields) and "unit" not in item:
                item["unit"] = self._procurement_unit(unit_hint)
            out[f.name] = {c.name: item[c.name] for c in describe(f.cls).fields if c.name in item}
        return out

    def _money(self, value: Any, here: str, f: FieldDesc, item: dict[str, Any]) -> Decimal:
        if not isinstance(value, Reading):
            return Decimal(value)
        assert value.value is not None
        amount = value.value
        unit = value.unit
        if f.name == "procurement":
            if unit in ("元", "万元"):
                item["unit"] = "yuan" if unit == "元" else "10k_yuan"
            return amount
        if unit == "元":
            converted = amount.scaleb(-4)
            converted = (
                converted.quantize(Decimal(1))
                if converted == converted.to_integral_value()
                else converted.normalize()
            )
            self.finding("EXTRACT-UNIT", "warning", here, expected=converted, actual=str(amount) + "元")
            return converted
        return amount

    def _procurement_unit(self, hint: str) -> str:
        if "万元" in hint:
            return "10k_yuan"
        if "元" in hint:
            return "yuan"
        self.finding(
            "EXTRACT-UNIT-ASSUMED", "warning", "/active_disclosure/procurement/unit", expected="10k_yuan"
        )
        return "10k_yuan"

    def _missing(self, here: str) -> None:
        if here not in self.sources:
            self.sources[here] = CellSource("missing")
            self.finding("EXTRACT-MISSING", "error", here)

    def _table3(self, lines: list[Line]) -> dict[str, Any]:
        assert self.cls is not None
        applications = describe(self.cls).by_name["applications"].cls
        assert applications is not None
        expected: list[tuple[str, str]] = []
        for path, f in _count_rows(applications, "/applications"):
            expected.append((path, norm(f.info.label)))
        rows = [line for line in _tabular(lines) if _is_data_row(line)]
        found = self._match_rows(rows, expected)
        columns = [f.name for f in describe(CountRow).fields]
        table: dict[str, dict[str, Any]] = {}
        for path, _ in expected:
            match = found.get(path)
            if match is None:
                table[path] = dict.fromkeys(columns)
                self.finding("EXTRACT-NO-ROW", "error", path)
                for column in columns:
                    self.sources[f"{path}/{column}"] = CellSource("missing")
            elif any(p.path for p in match[0].cells):
                table[path] = self._by_path(match[0], path, columns)
            else:
                table[path] = self._cells(match[0], match[1], len(columns), path, columns)
        self._derive(table, expected, columns)
        return _nest(table, "/applications", applications)

    def _derive(
        self, table: dict[str, dict[str, Any]], expected: list[tuple[str, str]], columns: list[str]
    ) -> None:
        # A cell that is missing (None) is filled only when the table identities of the rule
        # table (row totals, the results total, the balance) pin it down: every identity that
        # holds it with all its other cells known must give the same value.
        def cell(path: str, column: str) -> tuple[str, ...]:
            return (*split_pointer(path), column)

        values: dict[tuple[str, ...], int | None] = {}
        for path, row in table.items():
            for column, value in row.items():
                if isinstance(value, Reading):
                    assert value.value is not None
                    integral = value.value == value.value.to_integral_value()
                    values[cell(path, column)] = int(value.value) if integral else None
                else:
                    values[cell(path, column)] = value if isinstance(value, int) else None
        missing = [cell(p, c) for p, _ in expected for c in columns if table[p][c] is None]
        assert self.edition is not None
        solve(equations(self.edition), values, missing)
        for path, _ in expected:
            for column in columns:
                here = f"{path}/{column}"
                if table[path][column] is not None:
                    if isinstance(table[path][column], Reading):
                        table[path][column] = self._count(table[path][column], here)
                    continue
                value = values[cell(path, column)]
                if value is None:
                    table[path][column] = 0
                    self._missing(here)
                else:
                    table[path][column] = value
                    self.sources[here] = CellSource("derived")
                    self.finding("EXTRACT-DERIVED", "warning", here, expected=value)

    def _table4(self, lines: list[Line]) -> dict[str, Any]:
        assert self.cls is not None
        section = describe(self.cls).by_name["review_and_litigation"].cls
        assert section is not None
        targets = [
            (f"/review_and_litigation/{g.name}/{c.name}", g.name, c.name)
            for g in describe(section).fields
            for c in describe(g.cls or object).fields
        ]
        values: list[Piece] = []
        by_path: dict[str, Piece] = {}
        for line in _tabular(lines):
            if not _is_data_row(line):
                continue
            for piece in line.cells:
                if piece.path:
                    by_path[piece.path] = piece
                elif not _is_label(piece):
                    values.append(piece)
        values = self._trim(values, len(targets), "/review_and_litigation")
        out: dict[str, dict[str, int]] = {}
        if values and len(values) != len(targets):
            self.finding(
                "EXTRACT-CELL-COUNT",
                "error",
                "/review_and_litigation",
                expected=len(targets),
                actual=len(values),
            )
        for index, (here, group, column) in enumerate(targets):
            found: Piece | None = by_path.get(here)
            if found is None and len(values) == len(targets):
                found = values[index]
            if found is None:
                self._missing(here)
                value = 0
            else:
                value = self._count(self._value(found, here), here)
            out.setdefault(group, {})[column] = value
        return out


_UNKNOWN = object()


def _best(labelled: list[tuple[int, str]], window: list[tuple[str, str]]) -> tuple[int, int] | None:
    """(index in window, index of the label cell) of the best match, or None."""
    for test in (
        lambda lab, text: lab == text,
        lambda lab, text: lab in text or text in lab,
    ):
        for cell, text in reversed(labelled):
            choice = next((i for i, (_, lab) in enumerate(window) if lab and test(lab, text)), None)
            if choice is not None:
                return choice, cell
    whole = "".join(text for _, text in labelled)
    choice = next((i for i, (_, lab) in enumerate(window) if lab and lab in whole), None)
    return None if choice is None else (choice, labelled[-1][0])


def _iso(text: str) -> str | None:
    match = _DATE.search(text)
    if match is None:
        return None
    year = int(match.group(1))
    month = int(match.group(2) or match.group(4))
    day = int(match.group(3) or match.group(5))
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _organ_kind(name: str) -> str:
    if name.endswith(("乡人民政府", "镇人民政府", "街道办事处")):
        return "other"
    if name.endswith("人民政府"):
        return "people_government"
    return "department"


def _part_class(base: str) -> type:
    return Overview if base == "/overview" else OtherMatters


def _count_rows(cls: type, base: str) -> Iterator[tuple[str, FieldDesc]]:
    for f in describe(cls).fields:
        if f.cls is CountRow:
            yield f"{base}/{f.name}", f
        elif f.cls is not None:
            yield from _count_rows(f.cls, f"{base}/{f.name}")


def _nest(table: dict[str, dict[str, Any]], base: str, cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in describe(cls).fields:
        path = f"{base}/{f.name}"
        if f.cls is CountRow:
            out[f.name] = table[path]
        elif f.cls is not None:
            out[f.name] = _nest(table, path, f.cls)
    return out


def decode_source(data: bytes) -> str:
    """Text of a published report: UTF-8 (with or without a byte-order mark), else GB18030,
    the encoding of many Chinese government pages. ``UnicodeDecodeError`` if neither fits."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def extract(text: str | bytes, *, format: Format | None = None) -> ExtractionResult:
    """Read a published report from plain text, Markdown, pipe rows or HTML.

    ``text`` may be bytes: UTF-8, else GB18030 (``UnicodeDecodeError`` if neither);
    ``TypeError`` for anything else.

    ``format`` is detected when not given (see :func:`detect_format`). The edition, the organ,
    the year and ``published_on`` are read from the text. Headings and labels may vary as
    published reports vary (see the importing guide). No number is invented silently: a blank, "/"
    or "——" cell is recorded as 0 with an ``EXTRACT-BLANK`` warning; a value pinned down by
    the table arithmetic is filled with ``EXTRACT-DERIVED``; a cell that cannot be read is
    recorded as 0 with an ``EXTRACT-UNREADABLE`` or ``EXTRACT-MISSING`` error. ``sources``
    says where every number came from.

    A page rendered by :func:`govdisclosure.render` carries its report as a JSON data island
    and comes back identical: the island is then the source of every value (``sources`` is
    empty and the visible tables are not read).
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        if len(text) > MAX_SOURCE_BYTES:
            return _too_large(len(text), "bytes")
        text = decode_source(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"extract() reads text (str) or bytes, not {type(text).__name__}")
    if len(text) > MAX_SOURCE_BYTES:
        return _too_large(len(text), "characters")
    form: Format = format or detect_format(text)
    lines, island = _lines(text, form)
    island_findings: list[Finding] = []
    if island is not None:
        # Read as strictly as any JSON document: duplicate keys, depth and size are findings.
        report, problems = read_document(island)
        if report is not None:
            return ExtractionResult(report, (), {}, form, report.format_version)
        reason = f"{problems[0].code} {problems[0].path or '/'}" if problems else "?"
        island_findings.append(Finding("EXTRACT-ISLAND", "warning", "", params={"reason": reason}))
    builder = _Builder(lines)
    builder.findings.extend(island_findings)
    document, edition = builder.build()
    if document is None:
        return ExtractionResult(None, tuple(builder.findings), builder.sources, form, edition)
    report, problems = structure(document)
    findings = list(builder.findings)
    if report is None:
        findings.extend(problems)
    else:
        # The content rules too: a value read into the wrong cell breaks the table's arithmetic,
        # and the rule's finding then names that cell.
        findings.extend(run_rules(report))
    findings.sort(key=lambda f: _order(builder.cls, f))
    return ExtractionResult(report, tuple(findings), builder.sources, form, edition)


def _too_large(size: int, unit: str) -> ExtractionResult:
    finding = Finding("EXTRACT-TOO-LARGE", "error", "", "", f"{MAX_SOURCE_BYTES} {unit}", f"{size} {unit}")
    return ExtractionResult(None, (finding,), {}, "text", None)


def _order(cls: type | None, finding: Finding) -> tuple[int, ...]:
    return position_key(cls, split_pointer(finding.path)) if cls is not None else ()
