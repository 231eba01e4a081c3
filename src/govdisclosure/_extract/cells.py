"""Reading one cell (a number, a blank, a number with a unit or a note) and telling labels from values and table rows from text."""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Literal

import attrs

from .._model.classes import CountRow
from .._model.describe import describe
from .._model.editions import EDITIONS
from .._model.variants import unify
from .pagelines import FOOTER
from .text import Line, Piece

__all__ = ["Reading", "norm", "read_number"]


# --- labels -------------------------------------------------------------------------------

_PUNCTUATION = re.compile(r"[\s　\"'“”‘’「」『』《》（）()【】\[\]、，,。.:：；;！!？?·/\\|*_#—–－-]+")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]?)+")


def norm(label: str) -> str:
    """A label reduced for matching: no numbering, punctuation or white space; the known typos
    and wordings of :data:`~govdisclosure._model.variants.TYPOS` put right."""
    text = _NUMBERING.sub("", label.strip().replace(" ", "").replace("　", ""))
    return _PUNCTUATION.sub("", unify(text))


# --- numbers --------------------------------------------------------------------------------

_BLANKS = frozenset({"", "/", "／", "-", "—", "——", "－", "–", "\\", "无", "空", "&nbsp;"})
_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_WITH_UNIT = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(万元|元|件|个|项|次)$")
_WITH_NOTE = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*[（(](.*)[）)]$")


_FULL_WIDTH_MARKS = str.maketrans("，．－＋", ",.-+")


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
    # Full-width digits are digits to the patterns; their full-width marks are made so too.
    cell = cell.translate(_FULL_WIDTH_MARKS)
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


# Numbers run together across a sign ("15-15": 15 and -15 in the 2019 edition's 本年增/减
# column), split by the table reader.
_SIGNED_RUN = re.compile(r"^\d+(?:[-－]\d+)+$")


def _numeric(text: str) -> bool:
    # A cell that holds numbers: one, with its unit or note, or a run across a sign.
    return read_number(text).status in ("number", "unit", "note") or _SIGNED_RUN.match(text) is not None


def _is_label(piece: Piece) -> bool:
    return (
        piece.path is None
        and read_number(piece.text).status == "unreadable"
        and not _SIGNED_RUN.match(piece.text)
    )


def _is_data_row(line: Line) -> bool:
    """A table row of numbers: at least one number (or "/", "——"), or at least three blank
    cells after its labels. Header rows, with labels among blanks, are not."""
    if line.kind != "row":
        return False
    if any(c.path is not None for c in line.cells):
        return True
    if any(_numeric(c.text) for c in line.cells):
        return True
    readings = [read_number(c.text).status for c in line.cells]
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


@functools.cache
def _table3_labels() -> tuple[frozenset[str], frozenset[str]]:
    # The labels of table 三's rows and of its groups of rows, of either edition, as norm()
    # gives them.
    rows: set[str] = set()
    groups: set[str] = set()

    def walk(cls: type) -> None:
        for f in describe(cls).fields:
            if f.cls is CountRow:
                rows.add(norm(f.info.label))
            elif f.cls is not None:
                if any(c.cls is CountRow for c in describe(f.cls).fields):
                    groups.add(norm(f.info.label))
                walk(f.cls)

    editions: list[type] = list(EDITIONS.values())
    for cls in editions:
        applications = describe(cls).by_name["applications"].cls
        assert applications is not None
        walk(applications)
    return frozenset(rows), frozenset(groups)


# A row's number at the start of a label or after a blank ("1.属于国家秘密", "年 3.危及…"), or a
# group's ("（五）不予处理").
_MARKER = re.compile(r"(?:^|\s)(?:[1-9][.．、](?!\d)|[（(][一二三四五六七八九十]+[）)])")
# The full row of table 三: its six columns and 总计.
_FULL_ROW = 7


def _placed(lines: list[Line]) -> list[Line]:
    """Page text whose rows print their numbers above their labels (text copied from a PDF whose
    cells centre each label on its row: the numbers line comes first when the label's line
    stands lower), put in reading order: a line of numbers alone that follows a full row of
    table 三, the tail of a wrapped label or a group's heading, and stands above a numbered label
    with no numbers, goes after that label. Page footers ("- 3 -", "第 3 页") between rows are
    left out. Rows whose numbers stand where the reader expects them are not moved."""
    rows, groups = _table3_labels()

    def tokens(line: Line) -> list[str] | None:
        if line.kind != "text" or line.heading or line.cells[0].path is not None:
            return None
        return line.text.split()

    def label_only(words: list[str] | None) -> bool:
        return bool(words) and not any(_numeric(w) for w in words or ())

    out: list[Line] = []
    moved = -1  # the index of the label last put before its numbers
    for index, line in enumerate(lines):
        if index == moved:
            continue
        words = tokens(line)
        if words and FOOTER.match(line.text.strip()) and re.search("[-—–－页]", line.text):
            continue
        after = tokens(lines[index + 1]) if index + 1 < len(lines) else None
        if (
            out
            and words
            and len(words) >= 3
            and all(_numeric(w) for w in words)
            and label_only(after)
            and _MARKER.search(lines[index + 1].text)
            and _ends_a_row(out[-1], tokens(out[-1]), rows, groups)
        ):
            out.extend((lines[index + 1], line))
            moved = index + 1
            continue
        out.append(line)
    return out


def _ends_a_row(line: Line, words: list[str] | None, rows: frozenset[str], groups: frozenset[str]) -> bool:
    # Whether a line of numbers after ``line`` cannot be its row's: ``line`` is a full row of
    # table 三, or a group's heading, or words that are no row's label and start none (the tail
    # of a label wrapped over lines, a character of a heading written down the page).
    if not words:
        return False
    if sum(_numeric(w) for w in words) >= _FULL_ROW:
        return True
    if any(_numeric(w) for w in words):
        return False
    said = norm(line.text)
    return said in groups or (said not in rows and _MARKER.search(line.text) is None)


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
    for line in _placed(lines):
        from_text = False
        if line.kind == "text" and not line.heading and line.cells[0].path is None:
            piece = line.cells[0]
            tokens = [
                Piece(m.group(), piece.line, piece.column + m.start(), page=piece.page, table=piece.table)
                for m in _TOKEN.finditer(piece.text)
            ]
            if any(_numeric(t.text) for t in tokens):
                line, from_text = Line("row", tuple(tokens)), True
            else:
                pending.append(piece)
                out.append(line)
                open_row = False
                continue
        # A line of page text that starts with a number has no label of its own: a word after
        # its numbers is a cell that cannot be read ("9 0 0 0 0 0 x"), or the end of a label
        # wrapped past them, never the label the numbers belong to.
        unlabelled = line.kind == "row" and (
            not _is_label(line.cells[0]) if from_text else not any(_is_label(c) or c.path for c in line.cells)
        )
        if unlabelled and pending:
            first = pending[0]
            label = Piece(
                "".join(p.text for p in pending), first.line, first.column, page=first.page, table=first.table
            )
            line = Line("row", (label, *line.cells))
        elif unlabelled and from_text and open_row and out:
            out[-1] = Line("row", (*out[-1].cells, *line.cells))
            continue
        pending = []
        open_row = from_text
        out.append(line)
    return out
