"""The lines of a table section as rows, matching a row's labels to the template's rows, and
the template's rows and groups."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .._ground.settings import EXTRACT as SETTINGS
from .._model.classes import CountRow
from .._model.describe import FieldDesc, describe, resolve
from .._model.editions import EDITIONS
from .cells import _is_label, _numeric, norm
from .pagelines import FOOTER
from .record import Record
from .text import Line, Piece

__all__: list[str] = []


def _best(labelled: list[tuple[int, str]], window: list[tuple[str, str]]) -> tuple[int, int] | None:
    """(index in window, index of the label cell) of the best match, or None. A label written
    ``=…`` (a group's own row) matches only exactly and only as the row's last label."""
    shortest = SETTINGS.min_partial_label
    for test in (
        lambda lab, text: lab == text,
        lambda lab, text: (
            not lab.startswith("=") and (lab in text or (len(text) >= shortest and text in lab))
        ),
    ):
        for cell, text in reversed(labelled):
            choice = next(
                (
                    i
                    for i, (_, lab) in enumerate(window)
                    if lab and test(lab, text if not lab.startswith("=") else "=" + text)
                ),
                None,
            )
            if choice is not None and (not window[choice][1].startswith("=") or cell == labelled[-1][0]):
                return choice, cell
    whole = "".join(text for _, text in labelled)
    choice = next(
        (i for i, (_, lab) in enumerate(window) if lab and not lab.startswith("=") and lab in whole), None
    )
    return None if choice is None else (choice, labelled[-1][0])


def _count_rows(cls: type, base: str) -> Iterator[tuple[str, FieldDesc]]:
    for f in describe(cls).fields:
        if f.cls is CountRow:
            yield f"{base}/{f.name}", f
        elif f.cls is not None:
            yield from _count_rows(f.cls, f"{base}/{f.name}")


def _groups(cls: type, base: str) -> Iterator[tuple[str, str]]:
    """(pointer, label) of every group of rows (（三）不予公开, （六）其他处理)."""
    for f in describe(cls).fields:
        if f.cls is not None and f.cls is not CountRow:
            path = f"{base}/{f.name}"
            if any(c.cls is CountRow for c in describe(f.cls).fields) and base != "/applications":
                yield path, "=" + norm(f.info.label)
            yield from _groups(f.cls, path)


def _nest(table: dict[str, dict[str, Any]], base: str, cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in describe(cls).fields:
        path = f"{base}/{f.name}"
        if f.cls is CountRow:
            out[f.name] = table[path]
        elif f.cls is not None:
            out[f.name] = _nest(table, path, f.cls)
    return out


def trim(record: Record, values: list[Piece], count: int, path: str) -> list[Piece]:
    """The cells of a row without the empty ones beyond its number of columns."""
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
        record.finding("EXTRACT-ALIGNMENT", "warning", path, expected=count, actual=len(values))
    drop_lead = min(lead, extra)
    values = values[drop_lead:]
    extra -= drop_lead
    if extra > 0:
        drop_trail = min(trail, extra)
        values = values[: len(values) - drop_trail] if drop_trail else values
    return values


def kind_of(cls: type | None, cell: tuple[str, ...]) -> str | None:
    """The kind of the field at key path ``cell`` (``"signed"``, ``"count"`` …), if any."""
    found = resolve(cls, list(cell)) if cls is not None else None
    return found[-1].kind if found else None


_TOKEN = re.compile(r"\S+")


@functools.cache
def _table3_labels() -> tuple[frozenset[str], frozenset[str]]:
    # The labels of table 三's rows and of its groups of rows, of either edition, as norm()
    # gives them.
    rows: set[str] = set()
    groups: set[str] = set()
    editions: list[type] = list(EDITIONS.values())
    for cls in editions:
        applications = describe(cls).by_name["applications"].cls
        assert applications is not None
        rows.update(norm(f.info.label) for _, f in _count_rows(applications, "/applications"))
        groups.update(label.lstrip("=") for _, label in _groups(applications, "/applications"))
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
