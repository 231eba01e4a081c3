"""Reading one cell (a number, a blank, a number with a unit or a note) and telling labels from values and table rows from text (the lines of a table section become rows in :mod:`.rows`)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

import attrs

from .._model.variants import unify
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
